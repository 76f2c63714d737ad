//! The passage ranker: how one sentence of a candidate paragraph is scored as the answer,
//! from the evidence [`super::rank`] measures (coverage of the question, proximity, phrase
//! pairs, the kind of thing asked for, quotes, the paragraph's coverage, BM25 and shape).
//!
//! The score is a linear model over binned evidence conjoined with the kind of question
//! (coverage matters differently for "who" than for "why"; a one-sentence paragraph, a
//! caption's shape, is a weaker answer), learned with the averaged perceptron ranker of
//! [`super::linear`] (over real values) on SQuAD: for each question, every sentence of the 50 candidate
//! paragraphs is a candidate, worth 1 when it holds the answer and 0.5 when only its
//! paragraph does (`verbatim-eval squad --train-ranker PATH` trains it, cross-validated by
//! article; ARCHITECTURE.md has the numbers). Without a model the hand-set weights the
//! engine used before stand in ([`handset`]).

use super::linear::{key, Linear};
use super::question::Kind;
use std::sync::OnceLock;

static MODEL_BYTES: &[u8] = include_bytes!("ranker.model");

/// The shipped model (empty when none was trained).
pub fn shipped() -> &'static Linear {
    static MODEL: OnceLock<Linear> = OnceLock::new();
    MODEL.get_or_init(|| Linear::from_bytes(MODEL_BYTES).unwrap_or_default())
}

/// What is known of one sentence of a candidate paragraph, and of the paragraph.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SentenceEvidence {
    pub kind: Kind,
    /// The question asks who someone is.
    pub asks_identity: bool,
    /// The sentence's coverage of the question, 0 to 1 (idf-weighted).
    pub coverage: f32,
    /// How tightly the matched words stand, 0 to 1.
    pub proximity: f32,
    /// Adjacent question words in order, 0 to 1.
    pub phrase: f32,
    /// Whether the sentence holds the kind of thing asked for, 0 to 1.
    pub kind_evidence: f32,
    /// The share of the sentence inside direct quotes.
    pub quoted: f32,
    /// Asked for someone's words, this sentence is not among their quotes.
    pub outside_own_quotes: bool,
    /// The sentence's place in its paragraph (0 first).
    pub position: usize,
    /// Words in the sentence.
    pub words: usize,
    /// The paragraph's coverage (its heading counting half).
    pub paragraph_coverage: f32,
    /// The paragraph's BM25 relative to the best candidate's.
    pub bm25: f32,
    /// Sentences in the paragraph.
    pub sentences: usize,
    /// Words in the paragraph.
    pub paragraph_words: usize,
}

fn bin(x: f32, bins: f32) -> &'static str {
    const NAMES: [&str; 11] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];
    NAMES[((x.clamp(0.0, 1.0) * bins).floor() as usize)
        .min(bins as usize)
        .min(10)]
}

fn bucket(n: usize, edges: &[usize]) -> &'static str {
    const NAMES: [&str; 8] = ["b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7"];
    NAMES[edges.iter().take_while(|&&e| n > e).count().min(7)]
}

const VALUE_NAMES: [&str; 9] = [
    "coverage",
    "paragraph coverage",
    "proximity",
    "phrase",
    "kind evidence",
    "bm25",
    "quoted",
    "coverage x paragraph coverage",
    "kind evidence x coverage",
];

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Who => "who",
        Kind::When => "when",
        Kind::Where => "where",
        Kind::Why => "why",
        Kind::HowMany => "howmany",
        Kind::How => "how",
        Kind::What => "what",
        Kind::Other => "other",
    }
}

impl SentenceEvidence {
    /// The model's features: each piece of evidence as a value, alone and with the kind of
    /// question, the hand-set score as one more value, and indicators of binned evidence and
    /// shape (which let the model bend a value's effect: a one-sentence paragraph, a
    /// caption's shape, is a weaker answer; a sentence inside a quote rarely says who
    /// someone is).
    pub fn features(&self) -> Vec<(u32, f32)> {
        let k = kind_name(self.kind);
        let identity = if self.asks_identity { "id" } else { "-" };
        let own = if self.outside_own_quotes { "out" } else { "-" };
        let cov4 = bin(self.coverage, 4.0);
        let values = [
            self.coverage,
            self.paragraph_coverage,
            self.proximity,
            self.phrase,
            self.kind_evidence,
            self.bm25,
            self.quoted,
            self.coverage * self.paragraph_coverage,
            self.kind_evidence * self.coverage,
        ];
        let mut f = Vec::with_capacity(2 * values.len() + 16);
        for (i, &v) in values.iter().enumerate() {
            let name = VALUE_NAMES[i];
            f.push((key(30, &[name]), v));
            f.push((key(31, &[name, k]), v));
        }
        f.push((key(32, &[]), self.handset()));
        f.push((key(33, &[identity]), self.quoted));
        let indicators = [
            key(1, &[]),
            key(3, &[k, bin(self.coverage, 10.0)]),
            key(5, &[k, bin(self.paragraph_coverage, 10.0)]),
            key(6, &[cov4, bin(self.paragraph_coverage, 4.0)]),
            key(11, &[k, identity, bin(self.kind_evidence, 1.0), cov4]),
            key(12, &[identity, bin(self.quoted, 2.0)]),
            key(14, &[own]),
            key(17, &[bucket(self.position, &[0, 1, 3])]),
            key(18, &[k, bucket(self.position, &[0, 1, 3])]),
            key(19, &[bucket(self.words, &[6, 12, 25, 40])]),
            key(20, &[k, bucket(self.words, &[6, 12, 25, 40])]),
            key(
                21,
                &[
                    bucket(self.sentences, &[1, 2, 4, 8]),
                    bucket(self.paragraph_words, &[15, 40, 100, 200]),
                ],
            ),
            key(22, &[bucket(self.sentences, &[1, 2, 4, 8]), cov4]),
        ];
        f.extend(indicators.iter().map(|&i| (i, 1.0)));
        f
    }

    /// Principled rules above the model, which SQuAD (with hardly a quote in it) cannot
    /// teach: asked for someone's words, a sentence outside their quotes is not them; asked
    /// who someone is, a sentence that is mostly someone's own words rarely says. A sentence
    /// so flagged ranks below every sentence that is not (tier 1 against 0), and by its
    /// score among its tier.
    pub fn tier(&self) -> u8 {
        u8::from(self.outside_own_quotes || (self.asks_identity && self.quoted > 0.5))
    }

    /// The score, by `model` (the shipped one when `None`; the hand-set weights when there
    /// is none).
    pub fn score(&self, model: Option<&Linear>) -> f32 {
        let m = model.unwrap_or_else(|| shipped());
        if m.is_empty() {
            return self.handset();
        }
        m.score_values(&self.features())
    }

    /// The hand-set weights the engine ranked by before the model (the baseline).
    pub fn handset(&self) -> f32 {
        let mut s = 0.6 * self.coverage
            + 0.12 * self.proximity
            + 0.08 * self.phrase
            + 0.2 * self.kind_evidence;
        if self.outside_own_quotes {
            // Asked for X's words: a sentence outside X's quotes is not them.
            s *= 0.5;
        }
        if self.asks_identity && self.quoted > 0.5 {
            // Someone's own words rarely say who they are.
            s *= 0.8;
        }
        s + 0.25 * self.paragraph_coverage + 0.15 * self.bm25
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(coverage: f32) -> SentenceEvidence {
        SentenceEvidence {
            kind: Kind::Who,
            coverage,
            paragraph_coverage: coverage,
            bm25: coverage,
            words: 20,
            sentences: 3,
            paragraph_words: 60,
            ..SentenceEvidence::default()
        }
    }

    #[test]
    fn bins_and_buckets_stay_in_range() {
        assert_eq!(bin(-1.0, 10.0), "0");
        assert_eq!(bin(1.0, 10.0), "10");
        assert_eq!(bin(2.0, 4.0), "4");
        assert_eq!(bucket(0, &[0, 1, 3]), "b0");
        assert_eq!(bucket(2, &[0, 1, 3]), "b2");
        assert_eq!(bucket(1000, &[0, 1, 3]), "b3");
    }

    #[test]
    fn the_shipped_model_prefers_the_sentence_that_covers_the_question() {
        assert!(!shipped().is_empty(), "ranker.model did not load");
        assert!(evidence(0.9).score(None) > evidence(0.2).score(None));
        assert!(evidence(0.9).handset() > evidence(0.2).handset());
    }

    #[test]
    fn features_differ_by_kind_of_question() {
        let who = evidence(0.5);
        let when = SentenceEvidence {
            kind: Kind::When,
            ..who
        };
        assert_ne!(who.features(), when.features());
        assert_eq!(who.features().len(), when.features().len());
    }
}
