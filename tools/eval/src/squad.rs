//! Retrieval on SQuAD v1.1: one library per article, the article imported as one text file
//! (contexts separated by blank lines), every question asked of its own article.

use std::path::Path;
use std::time::{Duration, Instant};

use serde::Deserialize;
use verbatim_index::text::segment;
use verbatim_index::{BlockKind, Span};

use crate::util::{write_json, Bm25, Ranks, Result, TempLibrary};
use crate::{abstain, phrase, ranker};

#[derive(Deserialize)]
struct Squad {
    data: Vec<Article>,
}

#[derive(Deserialize)]
struct Article {
    title: String,
    paragraphs: Vec<Paragraph>,
}

#[derive(Deserialize)]
struct Paragraph {
    context: String,
    qas: Vec<Qa>,
}

#[derive(Deserialize)]
struct Qa {
    question: String,
    answers: Vec<Gold>,
}

#[derive(Deserialize)]
struct Gold {
    text: String,
    answer_start: usize,
}

const TOP: usize = 10;

fn rank_of<'a>(items: impl Iterator<Item = &'a str>, golds: &[&str]) -> Option<usize> {
    items
        .enumerate()
        .find(|(_, t)| golds.iter().any(|g| t.contains(g)))
        .map(|(i, _)| i)
}

pub fn run(
    path: &Path,
    json: Option<&Path>,
    train_phrase_model: Option<&Path>,
    train_abstention: Option<&Path>,
    train_ranker: Option<&Path>,
) -> Result<()> {
    let squad: Squad = serde_json::from_slice(&std::fs::read(path)?)?;
    let articles = &squad.data;
    let mut engine_para = Ranks::default();
    let mut engine_sent = Ranks::default();
    let mut bm25_para = Ranks::default();
    let mut bm25_sent = Ranks::default();
    let (mut in_abstain, mut in_total) = (0usize, 0usize);
    // Abstained questions whose first passage held the answer anyway (paragraph level).
    let mut abstain_hit1 = 0usize;
    let (mut cross_abstain, mut cross_total) = (0usize, 0usize);
    let (mut in_conf, mut cross_conf): (Vec<f32>, Vec<f32>) = (Vec::new(), Vec::new());
    let (mut t_engine, mut t_bm25_para, mut t_bm25_sent) =
        (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let mut t_import = Duration::ZERO;
    let mut mapping_problems = Vec::new();
    let mut per_article = Vec::new();
    let mut phrase_cases = Vec::new();
    let mut abstain_rows = Vec::new();
    let mut rank_cases = Vec::new();

    println!(
        "{:<32} {:>5} {:>6} {:>6} | {:>7} {:>7} | {:>7} {:>7}",
        "article", "paras", "blocks", "qs", "eng p@1", "bm p@1", "eng s@1", "bm s@1"
    );
    for (ai, article) in articles.iter().enumerate() {
        let contexts: Vec<&str> = article
            .paragraphs
            .iter()
            .map(|p| p.context.as_str())
            .collect();
        let text = contexts
            .iter()
            .map(|c| c.trim())
            .collect::<Vec<_>>()
            .join("\n\n");

        // The engine.
        let t0 = Instant::now();
        let mut tl = TempLibrary::new()?;
        let doc = tl.import_text(&format!("article-{ai:02}"), &text)?;
        t_import += t0.elapsed();
        if doc.text != text {
            mapping_problems.push(format!(
                "{}: stored text differs from the file",
                article.title
            ));
        }
        // Blocks map 1:1 to contexts, by text.
        let mut next = 0usize;
        let mut unmatched_blocks = 0usize;
        for b in &doc.blocks {
            let bt = b.span.text(&doc.text).trim();
            if next < contexts.len() && bt == contexts[next].trim() {
                next += 1;
            } else {
                unmatched_blocks += 1;
            }
        }
        let headings = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Heading)
            .count();
        if next != contexts.len() || unmatched_blocks > 0 {
            mapping_problems.push(format!(
                "{}: {} contexts, {} blocks ({} headings); {} contexts matched in order, {} blocks unmatched",
                article.title,
                contexts.len(),
                doc.blocks.len(),
                headings,
                next,
                unmatched_blocks
            ));
        }

        // The baseline: BM25 over contexts, and over all sentences of the article.
        let bm_para = Bm25::build(&contexts)?;
        let sentences: Vec<&str> = contexts
            .iter()
            .flat_map(|c| {
                segment::sentences(c, Span::new(0, c.len()))
                    .into_iter()
                    .map(move |s| s.text(c))
            })
            .collect();
        let bm_sent = Bm25::build(&sentences)?;

        let mut a_ep = Ranks::default();
        let mut a_bp = Ranks::default();
        let mut a_es = Ranks::default();
        let mut a_bs = Ranks::default();
        for p in &article.paragraphs {
            for qa in &p.qas {
                let golds: Vec<&str> = qa.answers.iter().map(|a| a.text.trim()).collect();
                let t = Instant::now();
                let (ans, evidence) = tl.lib.ask_detailed(&qa.question, TOP)?;
                t_engine += t.elapsed();
                abstain_rows.push(abstain::Row {
                    article: ai,
                    evidence,
                    real: true,
                });
                rank_cases.push(ranker::Case::new(
                    ai,
                    tl.lib.rank_candidates(&qa.question)?,
                    &golds,
                ));
                in_total += 1;
                if !ans.answered {
                    in_abstain += 1;
                }
                in_conf.push(ans.confidence);
                let rp = rank_of(ans.passages.iter().map(|p| p.text.as_str()), &golds);
                let rs = rank_of(ans.passages.iter().map(|p| p.answer.text.as_str()), &golds);
                // For the answer phrase: the sentence of the context holding the answer
                // (to learn from) and the engine's answering sentence (to answer in).
                let start = qa.answers.first().map_or(0, |a| a.answer_start);
                let gold_sentence = segment::sentences(&p.context, Span::new(0, p.context.len()))
                    .into_iter()
                    .find(|s| s.start <= start && start < s.end.max(s.start + 1))
                    .map(|s| s.text(&p.context).to_string())
                    .unwrap_or_default();
                let context_sentences: Vec<String> =
                    segment::sentences(&p.context, Span::new(0, p.context.len()))
                        .into_iter()
                        .map(|s| s.text(&p.context).to_string())
                        .collect();
                phrase_cases.push(phrase::Case {
                    context: context_sentences,
                    article: ai,
                    question: qa.question.clone(),
                    golds: golds.iter().map(|g| g.to_string()).collect(),
                    gold_sentence,
                    engine_sentence: ans
                        .passages
                        .first()
                        .map(|p| p.answer.text.clone())
                        .unwrap_or_default(),
                    passage: ans
                        .passages
                        .first()
                        .map(|p| {
                            let sentences = segment::sentences(&p.text, Span::new(0, p.text.len()));
                            let chosen = sentences
                                .iter()
                                .position(|s| s.start + p.start == p.answer.start)
                                .unwrap_or(0);
                            (
                                sentences
                                    .iter()
                                    .map(|s| s.text(&p.text).to_string())
                                    .collect(),
                                chosen,
                            )
                        })
                        .unwrap_or_default(),
                });
                if !ans.answered && rp == Some(0) {
                    abstain_hit1 += 1;
                }
                a_ep.push(rp);
                a_es.push(rs);

                let t = Instant::now();
                let hits = bm_para.search(&qa.question, TOP)?;
                t_bm25_para += t.elapsed();
                a_bp.push(rank_of(hits.iter().map(|&i| contexts[i]), &golds));
                let t = Instant::now();
                let hits = bm_sent.search(&qa.question, TOP)?;
                t_bm25_sent += t.elapsed();
                a_bs.push(rank_of(hits.iter().map(|&i| sentences[i]), &golds));
            }
        }
        // Questions of the next article should find nothing here.
        let other = &articles[(ai + 1) % articles.len()];
        for p in &other.paragraphs {
            for qa in &p.qas {
                cross_total += 1;
                let (ans, evidence) = tl.lib.ask_detailed(&qa.question, TOP)?;
                abstain_rows.push(abstain::Row {
                    article: ai,
                    evidence,
                    real: false,
                });
                if !ans.answered {
                    cross_abstain += 1;
                }
                cross_conf.push(ans.confidence);
            }
        }
        println!(
            "{:<32} {:>5} {:>6} {:>6} | {:>7.3} {:>7.3} | {:>7.3} {:>7.3}",
            truncate(&article.title, 32),
            contexts.len(),
            doc.blocks.len(),
            a_ep.n,
            a_ep.r1(),
            a_bp.r1(),
            a_es.r1(),
            a_bs.r1()
        );
        per_article.push(serde_json::json!({
            "title": article.title,
            "contexts": contexts.len(),
            "blocks": doc.blocks.len(),
            "questions": a_ep.n,
            "engine": {"paragraph": a_ep.json(), "sentence": a_es.json()},
            "bm25": {"paragraph": a_bp.json(), "sentence": a_bs.json()},
        }));
        for (total, part) in [
            (&mut engine_para, a_ep),
            (&mut engine_sent, a_es),
            (&mut bm25_para, a_bp),
            (&mut bm25_sent, a_bs),
        ] {
            total.n += part.n;
            total.at1 += part.at1;
            total.at3 += part.at3;
            total.rr += part.rr;
        }
    }

    println!();
    if mapping_problems.is_empty() {
        println!("block check: every document's blocks map 1:1, in order, to its contexts");
    } else {
        println!(
            "block check: {} article(s) do not map 1:1:",
            mapping_problems.len()
        );
        for m in &mapping_problems {
            println!("  - {m}");
        }
    }
    println!();
    println!(
        "SQuAD v1.1 dev, {} articles, {} questions, top {TOP}; hit = returned text contains a gold answer",
        articles.len(),
        engine_para.n
    );
    println!(
        "{:<22} | {:>7} {:>7} {:>7} | {:>7} {:>7} {:>7}",
        "", "para", "para", "para", "sent", "sent", "sent"
    );
    println!(
        "{:<22} | {:>7} {:>7} {:>7} | {:>7} {:>7} {:>7}",
        "system", "R@1", "R@3", "MRR", "R@1", "R@3", "MRR"
    );
    println!("{}", "-".repeat(22 + 3 + 24 + 3 + 24));
    for (name, p, s) in [
        ("engine (ask)", engine_para, engine_sent),
        ("BM25 en_stem (tantivy)", bm25_para, bm25_sent),
    ] {
        println!(
            "{:<22} | {:>7.3} {:>7.3} {:>7.3} | {:>7.3} {:>7.3} {:>7.3}",
            name,
            p.r1(),
            p.r3(),
            p.mrr(),
            s.r1(),
            s.r3(),
            s.mrr()
        );
    }
    println!();
    println!(
        "engine sentence level: rank of the first passage whose answer sentence holds the answer"
    );
    println!(
        "BM25 sentence level:   BM25 over all sentences of the article (one doc per sentence)"
    );
    println!();
    let shipped_ranker = verbatim_index::answer::ranker::shipped();
    let ranking = ranker::evaluate(
        &rank_cases,
        (!shipped_ranker.is_empty()).then_some(shipped_ranker),
    );
    ranking.print();
    if let Some(out) = train_ranker {
        write_model(out, &ranker::train_all(&rank_cases), rank_cases.len())?;
    }
    println!();
    let phrases = phrase::evaluate(&phrase_cases);
    phrases.print();
    if let Some(out) = train_phrase_model {
        write_model(out, &phrase::train_all(&phrase_cases), phrase_cases.len())?;
    }
    println!();
    let in_rate = crate::util::ratio(in_abstain, in_total);
    let cross_rate = crate::util::ratio(cross_abstain, cross_total);
    let curve = abstain::evaluate(&abstain_rows);
    curve.print();
    if let Some(out) = train_abstention {
        let model = abstain::train_all(&abstain_rows);
        std::fs::write(out, model.to_bytes())?;
        println!(
            "  trained on all {} questions, written to {}",
            abstain_rows.len(),
            out.display()
        );
    }
    println!("engine abstention as shipped (answered == false; the model is in-sample here):");
    println!(
        "  in-article questions:    {in_abstain:>5} / {in_total:<5} = {:.3}  (should be low)",
        in_rate
    );
    println!(
        "  abstained, yet first passage held the answer: {abstain_hit1:>5} / {in_abstain:<5}  (passages are still returned when abstaining)"
    );
    println!(
        "  cross-article questions: {cross_abstain:>5} / {cross_total:<5} = {:.3}  (each library asked the next article's questions; should be high)",
        cross_rate
    );
    println!();
    println!("timing (indicative only: one run, shared machine):");
    println!(
        "  engine import, {} articles (open + add_files):  {:>9.1} ms",
        articles.len(),
        ms(t_import)
    );
    println!(
        "  engine ask, {} questions:                      {:>9.1} ms  ({:.3} ms/question)",
        in_total,
        ms(t_engine),
        ms(t_engine) / in_total.max(1) as f64
    );
    println!(
        "  BM25 paragraph queries:                         {:>9.1} ms  ({:.3} ms/question)",
        ms(t_bm25_para),
        ms(t_bm25_para) / in_total.max(1) as f64
    );
    println!(
        "  BM25 sentence queries:                          {:>9.1} ms  ({:.3} ms/question)",
        ms(t_bm25_sent),
        ms(t_bm25_sent) / in_total.max(1) as f64
    );
    if !cfg!(debug_assertions) {
        println!("  (release build)");
    } else {
        println!("  (debug build of the engine and this tool; dependencies at opt-level 2)");
    }

    write_json(
        json,
        &serde_json::json!({
            "dataset": path.display().to_string(),
            "articles": articles.len(),
            "questions": engine_para.n,
            "top": TOP,
            "engine": {"paragraph": engine_para.json(), "sentence": engine_sent.json()},
            "bm25": {"paragraph": bm25_para.json(), "sentence": bm25_sent.json()},
            "abstention": {
                "in_article": {"abstained": in_abstain, "total": in_total, "rate": in_rate, "abstained_with_hit_at_1": abstain_hit1},
                "cross_article": {"abstained": cross_abstain, "total": cross_total, "rate": cross_rate},
            },
            "timing_ms_indicative": {
                "engine_import": ms(t_import),
                "engine_ask": ms(t_engine),
                "bm25_paragraph": ms(t_bm25_para),
                "bm25_sentence": ms(t_bm25_sent),
                "release": !cfg!(debug_assertions),
            },
            "answer_phrase": phrases.json(),
            "ranker_cv": ranking.json(),
            "abstention_cv": curve.json(),
            "block_mapping_problems": mapping_problems,
            "per_article": per_article,
        }),
    )
}

/// Writes a trained model and says so.
fn write_model(
    out: &Path,
    model: &verbatim_index::answer::linear::Linear,
    questions: usize,
) -> Result<()> {
    std::fs::write(out, model.to_bytes())?;
    println!(
        "  trained on all {questions} questions: {} weights, written to {}",
        model.len(),
        out.display()
    );
    Ok(())
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}
