//! Answering: candidates from tantivy (BM25 over paragraphs, fuzzy for misspelled words),
//! then re-ranked sentence by sentence with the evidence a careful reader uses: how much of
//! the question a sentence covers (words weighted by rarity, people counted where a pronoun
//! or description refers to them), how close together the words stand, phrases, and
//! whether the sentence holds the kind of thing asked for (a date for "when", a number for
//! "how many", a description for "who is"). Whether the library answers at all is a
//! calibrated probability from that evidence ([`abstain`]); inside the answering sentence
//! the answer phrase is chosen by a learned ranker ([`phrase`]).

pub mod abstain;
pub mod linear;
pub mod phrase;
pub mod question;
mod rank;
pub mod ranker;
pub mod topic;

use crate::error::Result;
use crate::model::{Answer, AnswerPhrase, AnswerSpan};
use crate::search::{QueryTerm, SearchIndex, Snapshot};
use crate::text::analysis::Analyzer;
use abstain::Evidence;
use question::Question;
use rank::Ranked;

/// How many passages an answer shows when the caller does not say: the command's `--top`
/// and the window's default.
pub const DEFAULT_PASSAGES: usize = 5;

/// Candidates re-ranked per answer: enough that the right paragraph is almost always among
/// them (BM25's recall@50 on the SQuAD set is near 1), few enough to re-rank in a millisecond.
const CANDIDATES: usize = 50;

/// How much more a question word counts towards the confidence when no paragraph of the
/// library holds it and the answering paragraph lacks it: in a small library every rare
/// word has about the same idf, so a word found nowhere (the thing asked about) weighed no
/// more than one found in a single paragraph, and a passage with all the other words
/// passed as an answer. A misspelling matched by edit distance is not missing.
const ABSENT_WEIGHT: f32 = 2.0;

/// The analysed question with what the index knows of its words.
struct Prepared {
    q: Question,
    /// idf of each term (in `q.terms` order) among paragraphs.
    idf: Vec<f32>,
    /// Terms the index does not hold: matched loosely (edit distance), as a misspelling.
    fuzzy: Vec<Option<u8>>,
    /// Terms no paragraph of the library holds.
    absent: Vec<bool>,
    total_weight: f32,
}

impl Prepared {
    /// The analysed question with the index's statistics of its words; `None` when it has
    /// no word to search.
    fn new(snapshot: &Snapshot, question: &str) -> Option<Prepared> {
        let q = question::analyse(question);
        if q.terms.is_empty() {
            return None;
        }
        let n = snapshot.paragraphs().max(1);
        let mut idfs = Vec::new();
        let mut fuzzy = Vec::new();
        let mut absent = Vec::new();
        for t in &q.terms {
            let df = snapshot.paragraph_frequency(&t.term);
            idfs.push(idf(n, df));
            absent.push(df == 0);
            fuzzy.push(if df == 0 {
                fuzzy_distance(&t.term)
            } else {
                None
            });
        }
        let mut prepared = Prepared {
            q,
            idf: idfs,
            fuzzy,
            absent,
            total_weight: 0.0,
        };
        prepared.total_weight = (0..prepared.q.terms.len())
            .map(|i| prepared.weight(i))
            .sum::<f32>()
            .max(f32::EPSILON);
        Some(prepared)
    }

    /// The question's words as searched.
    fn query_terms(&self) -> Vec<QueryTerm<'_>> {
        self.q
            .terms
            .iter()
            .zip(&self.fuzzy)
            .map(|(t, fuzzy)| QueryTerm {
                term: &t.term,
                weight: t.weight,
                fuzzy: *fuzzy,
            })
            .collect()
    }

    fn weight(&self, i: usize) -> f32 {
        let t = &self.q.terms[i];
        let name = if t.is_name { 1.3 } else { 1.0 };
        t.weight * self.idf[i] * name
    }

    /// The question terms that words of a person's name match.
    fn terms_in_name(&self, analyzer: &Analyzer, name: &str) -> Vec<usize> {
        analyzer
            .tokens(name, 0)
            .iter()
            .filter_map(|t| self.matches(&t.term))
            .collect()
    }

    /// Which question term a paragraph token matches, if any.
    fn matches(&self, token: &str) -> Option<usize> {
        self.q.terms.iter().enumerate().find_map(|(i, t)| {
            if t.term == token {
                return Some(i);
            }
            let d = self.fuzzy[i]?;
            (token.len() >= 3 && strsim::damerau_levenshtein(&t.term, token) <= d as usize)
                .then_some(i)
        })
    }
}

fn idf(n: u64, df: u64) -> f32 {
    (1.0 + (n as f32 - df as f32 + 0.5) / (df as f32 + 0.5)).ln()
}

/// The edit distance allowed for a word the index does not know (a misspelling): one for
/// short words, two for long ones; none for very short ones, where any edit is another word.
fn fuzzy_distance(term: &str) -> Option<u8> {
    match term.chars().count() {
        0..=3 => None,
        4..=7 => Some(1),
        _ => Some(2),
    }
}

/// Answers `question` from the index: at most `top` passages, best first.
pub fn ask(index: &SearchIndex, question: &str, top: usize) -> Result<Answer> {
    ask_detailed(index, question, top).map(|(a, _)| a)
}

/// [`ask`], with the evidence the decision to answer was made on (for calibrating it).
pub fn ask_detailed(index: &SearchIndex, question: &str, top: usize) -> Result<(Answer, Evidence)> {
    ask_within(index, question, top, None)
}

/// [`ask_detailed`] from the documents `within` only (all when `None`).
pub fn ask_within(
    index: &SearchIndex,
    question: &str,
    top: usize,
    within: Option<&[String]>,
) -> Result<(Answer, Evidence)> {
    let mut answer = Answer {
        question: question.to_string(),
        answered: false,
        confidence: 0.0,
        passages: Vec::new(),
    };
    let Some((prepared, mut ranked, n)) = candidates(index, question, top, within)? else {
        return Ok((answer, Evidence::default()));
    };
    // Asked for someone's words: when they are quoted, only their quotes answer.
    if prepared.q.asks_words_of_someone && ranked.iter().any(|r| r.from_own_quotes) {
        ranked.retain(|r| r.from_own_quotes);
    }
    ranked.sort_by(|a, b| {
        a.tier
            .cmp(&b.tier)
            .then(b.score.total_cmp(&a.score))
            .then(a.passage.document.cmp(&b.passage.document))
            .then(a.passage.paragraph.cmp(&b.passage.paragraph))
    });
    let evidence = Evidence::of(&prepared, ranked.first(), n);
    (answer.confidence, answer.answered) = evidence.decide(None);
    answer.passages = ranked.into_iter().take(top).map(|r| r.passage).collect();
    if answer.answered && !prepared.q.asks_words_of_someone {
        if let Some(first) = answer.passages.first_mut() {
            first.answer.phrase = answer_phrase(question, &first.answer);
        }
    }
    Ok((answer, evidence))
}

/// One sentence of a candidate paragraph and the evidence the ranker scores it on: what
/// `verbatim-eval squad` trains and cross-validates the ranker with.
#[derive(Debug, Clone)]
pub struct RankCandidate {
    pub document: String,
    pub paragraph: usize,
    /// The paragraph's text and the sentence's.
    pub paragraph_text: String,
    pub sentence: String,
    pub evidence: ranker::SentenceEvidence,
}

/// Every sentence of every candidate paragraph for `question`, in the order search
/// returned the paragraphs.
pub fn rank_candidates(index: &SearchIndex, question: &str) -> Result<Vec<RankCandidate>> {
    let Some((_, ranked, _)) = candidates(index, question, DEFAULT_PASSAGES, None)? else {
        return Ok(Vec::new());
    };
    Ok(ranked
        .into_iter()
        .flat_map(|r| {
            let base = r.passage.start;
            let text = r.passage.text;
            r.sentences
                .into_iter()
                .map(|(span, evidence)| RankCandidate {
                    document: r.passage.document.clone(),
                    paragraph: r.passage.paragraph,
                    paragraph_text: text.clone(),
                    sentence: text[span.start - base..span.end - base].to_string(),
                    evidence,
                })
                .collect::<Vec<_>>()
        })
        .collect())
}

/// The analysed question and its candidate paragraphs, each ranked, in search order; and
/// the number of paragraphs in the library. `None` when nothing is to be searched.
fn candidates(
    index: &SearchIndex,
    question: &str,
    top: usize,
    within: Option<&[String]>,
) -> Result<Option<(Prepared, Vec<Ranked>, u64)>> {
    let snapshot = index.snapshot();
    if top == 0 {
        return Ok(None);
    }
    let Some(prepared) = Prepared::new(&snapshot, question) else {
        return Ok(None);
    };
    let n = snapshot.paragraphs().max(1);
    let terms = prepared.query_terms();
    let hits = snapshot.candidates(&terms, CANDIDATES.max(top * 4), within)?;
    let max_bm25 = hits.first().map_or(1.0, |h| h.bm25).max(f32::EPSILON);
    let analyzer = Analyzer::default();
    let ranked = hits
        .into_iter()
        .map(|hit| rank::rank(&prepared, &analyzer, hit.paragraph, hit.bm25 / max_bm25))
        .collect();
    Ok(Some((prepared, ranked, n)))
}

/// The answer phrase inside an answering sentence, in document offsets. Not for "why" and
/// "how" questions (a reason or a manner is a clause, which the sentence already is), nor
/// for asking for someone's words (their quote is the answer).
fn answer_phrase(question: &str, sentence: &AnswerSpan) -> Option<AnswerPhrase> {
    let frame = phrase::Frame::new(question);
    if matches!(frame.wh.as_str(), "why" | "how" | "none") {
        return None;
    }
    let r = phrase::find(&frame, &sentence.text)?;
    Some(AnswerPhrase {
        start: sentence.start + r.start,
        end: sentence.start + r.end,
        text: sentence.text[r].to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzy_distance_by_length() {
        assert_eq!(fuzzy_distance("kurt"), Some(1));
        assert_eq!(fuzzy_distance("the"), None);
        assert_eq!(fuzzy_distance("vladivostok"), Some(2));
    }
}
