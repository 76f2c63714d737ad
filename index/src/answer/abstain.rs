//! Whether the library answers a question: a probability from the evidence of the best
//! passage (how much of the question it covers, whether the words asked about exist in
//! the library at all, whether the names asked about are there), by a logistic model
//! calibrated on SQuAD: questions asked of their own article (real questions, however
//! paraphrased) against questions asked of another article (`verbatim-eval squad
//! --train-abstention` trains it and prints the curve).

use super::linear::{sigmoid, Linear};
use super::rank::Ranked;
use super::{idf, Prepared};
use crate::text::common::is_common_term;
use std::sync::OnceLock;

/// Answered when the probability is at least this: chosen on SQuAD (cross-validated) as
/// the point where almost no real question is refused (see ARCHITECTURE.md for the curve).
pub const THRESHOLD: f32 = 0.3;

/// Not answered, whatever the probability, when words making up this share of the
/// question's weight are in no article, not even misspelt, and are not everyday English:
/// the thing asked about (a name, a code, a rare term) is not in the library, and a passage
/// about everything else in the question would mislead. On SQuAD 1.2% of real questions
/// and 37% of off-topic ones are so.
pub const MISSING_SHARE: f32 = 0.4;

static MODEL_BYTES: &[u8] = include_bytes!("abstain.model");

fn model() -> &'static Linear {
    static MODEL: OnceLock<Linear> = OnceLock::new();
    MODEL.get_or_init(|| Linear::from_bytes(MODEL_BYTES).unwrap_or_default())
}

/// What the decision is made on, each 0 to 1.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Evidence {
    /// The best paragraph's coverage of the question, by weight, with the words no paragraph
    /// holds counting double when it lacks them too.
    pub coverage_absent: f32,
    /// Its plain coverage (heading counting half).
    pub coverage: f32,
    /// The coverage of its best sentence.
    pub sentence_coverage: f32,
    /// The share of the question's weight in words no paragraph of the library holds.
    pub absent: f32,
    /// The share of the weight of the names asked about that the paragraph lacks (0 when
    /// the question names no one).
    pub names_missing: f32,
    /// One over the number of words searched (a one-word question proves little).
    pub inverse_terms: f32,
    /// Whether a word no paragraph holds was matched in the best one as a misspelling.
    pub fuzzy: f32,
    /// The share of the question's weight in words no paragraph holds (not even misspelt)
    /// that are not everyday English (a name, a code, a rare term: the thing asked about is missing,
    /// where a missing common word is more often a paraphrase).
    pub absent_uncommon: f32,
    /// The rarity (idf relative to a word found once) of the rarest word the paragraph
    /// lacks; 0 when it lacks none.
    pub rarest_missing: f32,
}

impl Evidence {
    pub(super) fn of(p: &Prepared, best: Option<&Ranked>, paragraphs: u64) -> Evidence {
        let Some(best) = best else {
            return Evidence {
                inverse_terms: 1.0 / p.q.terms.len().max(1) as f32,
                absent: 1.0,
                absent_uncommon: 1.0,
                names_missing: 1.0,
                rarest_missing: 1.0,
                ..Evidence::default()
            };
        };
        let total = p.total_weight;
        let weight = |filter: &dyn Fn(usize) -> bool| -> f32 {
            (0..p.q.terms.len())
                .filter(|&i| filter(i))
                .map(|i| p.weight(i))
                .sum()
        };
        let absent = weight(&|i| p.absent[i]) / total;
        let absent_uncommon = weight(&|i| {
            p.absent[i] && !best.found.contains(&i) && !is_common_term(&p.q.terms[i].term)
        }) / total;
        let names = weight(&|i| p.q.terms[i].is_name);
        let names_missing = if names > 0.0 {
            weight(&|i| p.q.terms[i].is_name && !best.found.contains(&i)) / names
        } else {
            0.0
        };
        let top = idf(paragraphs, 1).max(f32::EPSILON);
        let rarest_missing = (0..p.q.terms.len())
            .filter(|i| !best.found.contains(i))
            .map(|i| (p.idf[i] / top).min(1.0))
            .fold(0.0f32, f32::max);
        Evidence {
            coverage_absent: best.confidence.min(1.0),
            coverage: best.coverage.min(1.0),
            sentence_coverage: best.sentence_coverage.min(1.0),
            absent,
            absent_uncommon,
            names_missing,
            inverse_terms: 1.0 / p.q.terms.len().max(1) as f32,
            fuzzy: f32::from(u8::from(
                (0..p.q.terms.len()).any(|i| p.absent[i] && best.found.contains(&i)),
            )),
            rarest_missing,
        }
    }

    /// The model's features: a bias, each value, and the squares of the coverages (the
    /// probability rises steeply between a third and a half of the question covered).
    pub fn features(&self) -> Vec<(u32, f32)> {
        let v = [
            1.0,
            self.coverage_absent,
            self.coverage,
            self.sentence_coverage,
            self.absent,
            self.names_missing,
            self.inverse_terms,
            self.fuzzy,
            self.rarest_missing,
            self.absent_uncommon,
            self.coverage_absent * self.coverage_absent,
            self.coverage * self.coverage,
        ];
        v.iter().enumerate().map(|(k, &x)| (k as u32, x)).collect()
    }

    /// Whether the library lacks the thing asked about (see [`MISSING_SHARE`]).
    pub fn lacks_what_is_asked(&self) -> bool {
        self.absent_uncommon >= MISSING_SHARE
    }

    /// The probability that the passage answers, and whether to answer.
    pub fn decide(&self, model: Option<&Linear>) -> (f32, bool) {
        let p = self.probability(model);
        (p, p >= THRESHOLD && !self.lacks_what_is_asked())
    }

    /// The probability that the passage answers, by `model` (the shipped one when `None`).
    pub fn probability(&self, model: Option<&Linear>) -> f32 {
        let m = model.unwrap_or_else(|| self::model());
        if m.is_empty() {
            // No trained model: the plain coverage stands in.
            return self.coverage_absent;
        }
        sigmoid(m.score_values(&self.features()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covered(coverage: f32) -> Evidence {
        Evidence {
            coverage_absent: coverage,
            coverage,
            sentence_coverage: coverage,
            inverse_terms: 0.25,
            ..Evidence::default()
        }
    }

    #[test]
    fn the_shipped_model_loads_and_rises_with_coverage() {
        assert!(!model().is_empty(), "abstain.model did not load");
        let probabilities: Vec<f32> = [0.0, 0.25, 0.5, 0.75, 1.0]
            .iter()
            .map(|&c| covered(c).probability(None))
            .collect();
        assert!(
            probabilities.windows(2).all(|w| w[0] < w[1]),
            "{probabilities:?}"
        );
        assert!(!covered(0.0).decide(None).1);
        assert!(covered(1.0).decide(None).1);
    }

    #[test]
    fn missing_uncommon_words_abstain_whatever_the_coverage() {
        let mut e = covered(0.6);
        e.absent = 0.5;
        e.absent_uncommon = 0.5;
        let (p, answered) = e.decide(None);
        assert!(!answered, "answered at {p}");
        e.absent_uncommon = 0.0;
        e.absent = 0.0;
        assert!(e.decide(None).1);
    }

    #[test]
    fn without_a_model_the_coverage_is_the_probability() {
        let empty = Linear::default();
        assert_eq!(covered(0.42).probability(Some(&empty)), 0.42);
    }
}
