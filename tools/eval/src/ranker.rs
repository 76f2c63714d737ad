//! The passage ranker on SQuAD: which sentence of the candidate paragraphs answers,
//! cross-validated by article (the model ranking an article's questions never saw that
//! article), beside the hand-set weights it replaces, on the same candidates.

use crate::phrase::{FOLDS, PASSES, SEED};
use verbatim_index::answer::linear::{self, Linear, ValuedExample};
use verbatim_index::answer::RankCandidate;

/// (document, paragraph).
type Place = (String, usize);
/// (tier, score): a lower tier first, then a higher score.
type Rank = (u8, f32);

/// One question's candidate sentences.
pub struct Case {
    pub article: usize,
    candidates: Vec<Candidate>,
}

struct Candidate {
    /// (document, paragraph): ties are broken as the engine breaks them.
    place: Place,
    features: Vec<(u32, f32)>,
    handset: f32,
    tier: u8,
    paragraph_hit: bool,
    sentence_hit: bool,
}

impl Case {
    pub fn new(article: usize, candidates: Vec<RankCandidate>, golds: &[&str]) -> Case {
        let holds = |text: &str| golds.iter().any(|g| !g.is_empty() && text.contains(g));
        Case {
            article,
            candidates: candidates
                .into_iter()
                .map(|c| Candidate {
                    features: c.evidence.features(),
                    handset: c.evidence.handset(),
                    tier: c.evidence.tier(),
                    paragraph_hit: holds(&c.paragraph_text),
                    sentence_hit: holds(&c.sentence),
                    place: (c.document, c.paragraph),
                })
                .collect(),
        }
    }

    fn example(&self) -> ValuedExample {
        ValuedExample {
            candidates: self.candidates.iter().map(|c| c.features.clone()).collect(),
            gains: self
                .candidates
                .iter()
                .map(|c| match (c.sentence_hit, c.paragraph_hit) {
                    (true, _) => 1.0,
                    (false, true) => 0.5,
                    _ => 0.0,
                })
                .collect(),
        }
    }

    /// Paragraph at 1, paragraph in the first 3, sentence at 1, by a scoring of candidates.
    fn hits(&self, score: impl Fn(&Candidate) -> f32) -> (bool, bool, bool) {
        // The paragraphs by their best sentence, as the engine orders them.
        let mut best: Vec<(Rank, &Place, &Candidate)> = Vec::new();
        let better = |a: Rank, b: Rank| a.0 < b.0 || (a.0 == b.0 && a.1 > b.1);
        for c in &self.candidates {
            let s = (c.tier, score(c));
            match best.iter_mut().find(|(_, place, _)| **place == c.place) {
                Some(entry) if better(s, entry.0) => *entry = (s, &c.place, c),
                Some(_) => {}
                None => best.push((s, &c.place, c)),
            }
        }
        best.sort_by(|a, b| {
            (a.0)
                .0
                .cmp(&(b.0).0)
                .then((b.0).1.total_cmp(&(a.0).1))
                .then(a.1.cmp(b.1))
        });
        let first = best.first();
        (
            first.is_some_and(|(_, _, c)| c.paragraph_hit),
            best.iter().take(3).any(|(_, _, c)| c.paragraph_hit),
            first.is_some_and(|(_, _, c)| c.sentence_hit),
        )
    }
}

#[derive(Default, Clone, Copy)]
pub struct Rates {
    n: usize,
    p1: usize,
    p3: usize,
    s1: usize,
}

impl Rates {
    fn push(&mut self, (p1, p3, s1): (bool, bool, bool)) {
        self.n += 1;
        self.p1 += usize::from(p1);
        self.p3 += usize::from(p3);
        self.s1 += usize::from(s1);
    }
    fn rate(&self, k: usize) -> f64 {
        k as f64 / self.n.max(1) as f64
    }
    fn json(&self) -> serde_json::Value {
        serde_json::json!({"questions": self.n, "paragraph_r1": self.rate(self.p1),
            "paragraph_r3": self.rate(self.p3), "sentence_r1": self.rate(self.s1)})
    }
}

pub struct Results {
    handset: Rates,
    cv: Rates,
    shipped: Rates,
}

fn train(cases: &[&Case]) -> Linear {
    let examples: Vec<ValuedExample> = cases.iter().map(|c| c.example()).collect();
    linear::train_valued(&examples, PASSES, SEED)
}

/// The model trained on every case (the shipped one).
pub fn train_all(cases: &[Case]) -> Linear {
    train(&cases.iter().collect::<Vec<_>>())
}

pub fn evaluate(cases: &[Case], shipped: Option<&Linear>) -> Results {
    let mut r = Results {
        handset: Rates::default(),
        cv: Rates::default(),
        shipped: Rates::default(),
    };
    for fold in 0..FOLDS {
        let train_on: Vec<&Case> = cases.iter().filter(|c| c.article % FOLDS != fold).collect();
        let model = train(&train_on);
        for c in cases.iter().filter(|c| c.article % FOLDS == fold) {
            r.cv.push(c.hits(|x| model.score_values(&x.features)));
            r.handset.push(c.hits(|x| x.handset));
            if let Some(m) = shipped {
                r.shipped.push(c.hits(|x| m.score_values(&x.features)));
            }
        }
    }
    r
}

impl Results {
    pub fn print(&self) {
        println!(
            "passage ranker, on the engine's candidates (cross-validated by article, {FOLDS} folds)"
        );
        println!(
            "  {:<34} {:>8} {:>8} {:>8}",
            "", "para R@1", "para R@3", "sent R@1"
        );
        let rows = [
            ("hand-set weights (before)", self.handset),
            ("learned, cross-validated", self.cv),
            ("shipped model (in-sample)", self.shipped),
        ];
        for (name, x) in rows {
            if x.n == 0 {
                continue;
            }
            println!(
                "  {:<34} {:>8.3} {:>8.3} {:>8.3}",
                name,
                x.rate(x.p1),
                x.rate(x.p3),
                x.rate(x.s1)
            );
        }
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({"handset": self.handset.json(), "cross_validated": self.cv.json(),
            "shipped_in_sample": self.shipped.json()})
    }
}
