//! The answer phrase on SQuAD: cross-validated by article (the model that answers an
//! article's questions never saw that article), beside the shipped model (trained on all of
//! them, so in-sample here) and the best any candidate could do (the ceiling the candidate
//! phrases set).

use verbatim_index::answer::linear::{self, Example, Linear};
use verbatim_index::answer::phrase::{self, Candidate, Frame};

/// Folds of the cross-validation (articles `i % FOLDS`).
pub const FOLDS: usize = 4;
/// Passes of the perceptron (the shipped models are trained with the same).
pub const PASSES: usize = 5;
pub const SEED: u64 = 1;

/// One question with its sentences.
pub struct Case {
    pub article: usize,
    pub question: String,
    pub golds: Vec<String>,
    /// The context's sentence holding the first gold answer.
    pub gold_sentence: String,
    /// The engine's answering sentence (first passage).
    pub engine_sentence: String,
    /// The sentences of the question's own paragraph (SQuAD's context).
    pub context: Vec<String>,
    /// The first passage's sentences and which one the engine chose.
    pub passage: (Vec<String>, usize),
}

struct Prepared {
    context: Vec<(usize, Candidate)>,
    context_parses: Vec<verbatim_nlp::Parse>,
    passage: Vec<(usize, Candidate)>,
    passage_parses: Vec<verbatim_nlp::Parse>,
    gold: (verbatim_nlp::Parse, Vec<Candidate>),
    engine: (verbatim_nlp::Parse, Vec<Candidate>),
}

/// The scores of one way of choosing the phrase.
#[derive(Default, Clone, Copy)]
pub struct Score {
    f1: f64,
    em: usize,
    n: usize,
}

impl Score {
    fn push(&mut self, (f1, em): (f32, bool)) {
        self.f1 += f64::from(f1);
        self.em += usize::from(em);
        self.n += 1;
    }
    fn f1(&self) -> f64 {
        100.0 * self.f1 / self.n.max(1) as f64
    }
    fn em(&self) -> f64 {
        100.0 * self.em as f64 / self.n.max(1) as f64
    }
    fn json(&self) -> serde_json::Value {
        serde_json::json!({"f1": self.f1(), "em": self.em(), "questions": self.n})
    }
}

pub struct Results {
    /// Cross-validated, in the engine's sentence: what a user gets.
    cv_engine: Score,
    /// Cross-validated, in the gold sentence: the phrase model alone.
    cv_gold: Score,
    /// Shipped model (in-sample), engine's sentence.
    shipped_engine: Score,
    /// The best candidate of the gold sentence.
    ceiling: Score,
    /// Cross-validated, engine's sentence, only where that sentence holds an answer.
    cv_engine_right: Score,
    /// Cross-validated, chosen among all sentences of the first passage.
    cv_passage: Score,
    /// Cross-validated, among the sentences of the question's own paragraph (the SQuAD
    /// paper's setting).
    cv_context: Score,
    /// How often the sentence of that phrase holds an answer, and the engine's sentence.
    passage_sentence_right: usize,
    engine_sentence_right: usize,
}

fn text_of(parse: &verbatim_nlp::Parse, c: &Candidate) -> String {
    parse.words_text(c.words.clone()).to_string()
}

fn example(golds: &[&str], parse: &verbatim_nlp::Parse, cands: &[Candidate]) -> Example {
    Example {
        candidates: cands.iter().map(|c| c.features.clone()).collect(),
        gains: cands
            .iter()
            .map(|c| phrase::squad_f1(&text_of(parse, c), golds).0)
            .collect(),
    }
}

fn many_example(c: &Case, parses: &[verbatim_nlp::Parse], cands: &[(usize, Candidate)]) -> Example {
    let golds: Vec<&str> = c.golds.iter().map(String::as_str).collect();
    Example {
        candidates: cands.iter().map(|(_, c)| c.features.clone()).collect(),
        gains: cands
            .iter()
            .map(|(si, cand)| phrase::squad_f1(&text_of(&parses[*si], cand), &golds).0)
            .collect(),
    }
}

fn choose(model: &Linear, parse: &verbatim_nlp::Parse, cands: &[Candidate]) -> String {
    let features: Vec<Vec<u32>> = cands.iter().map(|c| c.features.clone()).collect();
    model
        .best(&features)
        .map(|i| text_of(parse, &cands[i]))
        .unwrap_or_default()
}

/// The shipped model: trained on the gold sentences of every question.
pub fn train_all(cases: &[Case]) -> Linear {
    let lists: Vec<Example> = cases
        .iter()
        .map(|c| {
            let frame = Frame::new(&c.question);
            let parse = verbatim_nlp::analyse(&c.gold_sentence);
            let cands = phrase::candidates(&frame, &parse);
            let golds: Vec<&str> = c.golds.iter().map(String::as_str).collect();
            example(&golds, &parse, &cands)
        })
        .collect();
    linear::train(&lists, PASSES, SEED)
}

pub fn evaluate(cases: &[Case]) -> Results {
    let prepared: Vec<Prepared> = cases
        .iter()
        .map(|c| {
            let frame = Frame::new(&c.question);
            let gold = verbatim_nlp::analyse(&c.gold_sentence);
            let gold_cands = phrase::candidates(&frame, &gold);
            let engine = verbatim_nlp::analyse(&c.engine_sentence);
            let engine_cands = phrase::candidates(&frame, &engine);
            let passage_parses: Vec<verbatim_nlp::Parse> = c
                .passage
                .0
                .iter()
                .map(|s| verbatim_nlp::analyse(s))
                .collect();
            let passage = phrase::passage_candidates(&frame, &passage_parses, c.passage.1);
            let context_parses: Vec<verbatim_nlp::Parse> =
                c.context.iter().map(|s| verbatim_nlp::analyse(s)).collect();
            // No sentence chosen by the engine here: the paper's setting.
            let context = phrase::passage_candidates(&frame, &context_parses, usize::MAX);
            Prepared {
                context,
                context_parses,
                passage,
                passage_parses,
                gold: (gold, gold_cands),
                engine: (engine, engine_cands),
            }
        })
        .collect();
    let lists: Vec<Example> = cases
        .iter()
        .zip(&prepared)
        .map(|(c, p)| {
            let golds: Vec<&str> = c.golds.iter().map(String::as_str).collect();
            example(&golds, &p.gold.0, &p.gold.1)
        })
        .collect();
    let mut r = Results {
        cv_engine: Score::default(),
        cv_gold: Score::default(),
        shipped_engine: Score::default(),
        ceiling: Score::default(),
        cv_engine_right: Score::default(),
        cv_passage: Score::default(),
        cv_context: Score::default(),
        passage_sentence_right: 0,
        engine_sentence_right: 0,
    };
    let passage_lists: Vec<Example> = cases
        .iter()
        .zip(&prepared)
        .map(|(c, p)| many_example(c, &p.passage_parses, &p.passage))
        .collect();
    let context_lists: Vec<Example> = cases
        .iter()
        .zip(&prepared)
        .map(|(c, p)| many_example(c, &p.context_parses, &p.context))
        .collect();
    let shipped = phrase::shipped();
    // A model trained on every article outside `fold`.
    let train_without = |fold: usize, lists: &[Example]| {
        let train: Vec<Example> = cases
            .iter()
            .zip(lists)
            .filter(|(c, _)| c.article % FOLDS != fold)
            .map(|(_, e)| e.clone())
            .collect();
        linear::train(&train, PASSES, SEED)
    };
    for fold in 0..FOLDS {
        let model = train_without(fold, &lists);
        let passage_model = train_without(fold, &passage_lists);
        let context_model = train_without(fold, &context_lists);
        for (c, p) in cases.iter().zip(&prepared) {
            if c.article % FOLDS != fold {
                continue;
            }
            let golds: Vec<&str> = c.golds.iter().map(String::as_str).collect();
            let in_engine = phrase::squad_f1(&choose(&model, &p.engine.0, &p.engine.1), &golds);
            r.cv_engine.push(in_engine);
            if golds.iter().any(|g| c.engine_sentence.contains(g)) {
                r.cv_engine_right.push(in_engine);
            }
            let features: Vec<Vec<u32>> =
                p.passage.iter().map(|(_, c)| c.features.clone()).collect();
            let picked = passage_model.best(&features).map(|i| &p.passage[i]);
            let text = picked.map_or(String::new(), |(si, cand)| {
                text_of(&p.passage_parses[*si], cand)
            });
            r.cv_passage.push(phrase::squad_f1(&text, &golds));
            let features: Vec<Vec<u32>> =
                p.context.iter().map(|(_, c)| c.features.clone()).collect();
            let text = context_model.best(&features).map_or(String::new(), |i| {
                text_of(&p.context_parses[p.context[i].0], &p.context[i].1)
            });
            r.cv_context.push(phrase::squad_f1(&text, &golds));
            if let Some((si, _)) = picked {
                if golds.iter().any(|g| c.passage.0[*si].contains(g)) {
                    r.passage_sentence_right += 1;
                }
            }
            if golds.iter().any(|g| c.engine_sentence.contains(g)) {
                r.engine_sentence_right += 1;
            }
            r.cv_gold.push(phrase::squad_f1(
                &choose(&model, &p.gold.0, &p.gold.1),
                &golds,
            ));
            r.shipped_engine.push(phrase::squad_f1(
                &choose(shipped, &p.engine.0, &p.engine.1),
                &golds,
            ));
            let best = p
                .gold
                .1
                .iter()
                .map(|cand| phrase::squad_f1(&text_of(&p.gold.0, cand), &golds))
                .fold((0.0f32, false), |a, b| (a.0.max(b.0), a.1 || b.1));
            r.ceiling.push(best);
        }
    }
    r
}

impl Results {
    pub fn print(&self) {
        println!(
            "answer phrase (SQuAD token F1 / exact match; cross-validated by article, {FOLDS} folds):"
        );
        let row = |name: &str, s: &Score| {
            println!(
                "  {name:<52} F1 {:>5.1}  EM {:>5.1}  ({} questions)",
                s.f1(),
                s.em(),
                s.n
            )
        };
        row("in the engine's answering sentence", &self.cv_engine);
        row(
            "  where that sentence holds an answer",
            &self.cv_engine_right,
        );
        row("among all sentences of the first passage", &self.cv_passage);
        println!(
            "    sentence of that phrase holds an answer: {:.3} (the engine's sentence: {:.3})",
            self.passage_sentence_right as f64 / self.cv_passage.n.max(1) as f64,
            self.engine_sentence_right as f64 / self.cv_passage.n.max(1) as f64
        );
        row(
            "among the sentences of the question's paragraph",
            &self.cv_context,
        );
        row(
            "in the gold sentence (the phrase model alone)",
            &self.cv_gold,
        );
        row(
            "best candidate of the gold sentence (ceiling)",
            &self.ceiling,
        );
        row(
            "shipped model, engine's sentence (in-sample)",
            &self.shipped_engine,
        );
        println!(
            "  (the SQuAD paper's logistic regression, given the paragraph: F1 51.0, EM 40.4)"
        );
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "folds": FOLDS,
            "cv_engine_sentence": self.cv_engine.json(),
            "cv_engine_sentence_when_right": self.cv_engine_right.json(),
            "cv_gold_sentence": self.cv_gold.json(),
            "cv_first_passage": self.cv_passage.json(),
            "cv_gold_paragraph": self.cv_context.json(),
            "ceiling_gold_sentence": self.ceiling.json(),
            "shipped_engine_sentence_in_sample": self.shipped_engine.json(),
        })
    }
}
