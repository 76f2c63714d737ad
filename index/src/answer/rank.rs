//! Ranking one candidate paragraph: the evidence a careful reader uses is measured for each
//! sentence (coverage of the question, proximity, phrases, the kind of thing asked for,
//! quotes) and for the paragraph (coverage, BM25, shape); [`super::ranker`] scores each
//! sentence on it, and the paragraph is as good as its best sentence.

use super::question::{Kind, Question};
use super::ranker::SentenceEvidence;
use super::{Prepared, ABSENT_WEIGHT};
use crate::model::{AnswerSpan, Passage, QuoteKind, Span};
use crate::search::StoredParagraph;
use crate::text::analysis::{Analyzer, Token};
use crate::text::lexicon::{
    CALENDAR_WORDS, NUMBER_WORDS, PLACE_PREPOSITIONS, REASON_WORDS, ROLE_NOUNS, TIME_WORDS,
};
use std::collections::{HashMap, HashSet};

/// A candidate paragraph, scored.
pub(super) struct Ranked {
    /// The ranking score of its best sentence, and that sentence's tier (a lower tier ranks
    /// first whatever the score: [`SentenceEvidence::tier`]).
    pub score: f32,
    pub tier: u8,
    /// How much of the question the paragraph covers (with missing rare words counting
    /// more): what `answered` is decided on.
    pub confidence: f32,
    /// Asked for someone's words, the paragraph holds their quotes.
    pub from_own_quotes: bool,
    /// The paragraph's coverage of the question (its heading counting half).
    pub coverage: f32,
    /// The best sentence's coverage.
    pub sentence_coverage: f32,
    /// The question terms the paragraph (or its people) holds.
    pub found: HashSet<usize>,
    /// Each sentence with the evidence it was scored on (for training the ranker).
    pub sentences: Vec<(Span, SentenceEvidence)>,
    pub passage: Passage,
}

/// Scores one candidate paragraph (`bm25` relative to the best candidate's).
pub(super) fn rank(
    p: &Prepared,
    analyzer: &Analyzer,
    stored: StoredParagraph,
    bm25: f32,
) -> Ranked {
    let base = stored.span.start;
    let tokens: Vec<Token> = analyzer.tokens(&stored.text, base);
    let matched: Vec<Option<usize>> = tokens.iter().map(|t| p.matches(&t.term)).collect();
    // People the question names, and where the paragraph refers to them. A question word
    // that matches a word of a person's name asks about them, however it was typed.
    let mut person_refs: Vec<(Span, Vec<usize>)> = stored
        .people
        .iter()
        .filter_map(|r| {
            let covered = p.terms_in_name(analyzer, &r.person);
            (!covered.is_empty()).then_some((r.span, covered))
        })
        .collect();
    // "What did X say (about Y)?": X's own quotes in this paragraph, which speak for X.
    let own_quotes: Vec<(Span, Vec<usize>)> = if p.q.asks_words_of_someone {
        stored
            .quotes
            .iter()
            .filter_map(|q| {
                let covered = p.terms_in_name(analyzer, &q.speaker);
                (!covered.is_empty()).then_some((q.span(), covered))
            })
            .collect()
    } else {
        Vec::new()
    };
    person_refs.extend(own_quotes.iter().cloned());

    let coverage_of = |span: Span| -> (f32, HashSet<usize>) {
        let mut found: HashSet<usize> = tokens
            .iter()
            .zip(&matched)
            .filter(|(t, _)| span.contains(t.span))
            .filter_map(|(_, m)| *m)
            .collect();
        for (r, covered) in &person_refs {
            if span.contains(*r) {
                found.extend(covered.iter().copied());
            }
        }
        (
            found.iter().map(|&i| p.weight(i)).sum::<f32>() / p.total_weight,
            found,
        )
    };
    let (mut para_coverage, para_found) = coverage_of(stored.span);
    // The heading above a paragraph labels it: its words count, at half weight.
    if let Some(heading) = &stored.heading {
        let heading_terms: HashSet<usize> = analyzer
            .tokens(heading, 0)
            .iter()
            .filter_map(|t| p.matches(&t.term))
            .collect();
        para_coverage += heading_terms
            .difference(&para_found)
            .map(|&i| 0.5 * p.weight(i))
            .sum::<f32>()
            / p.total_weight;
    }

    let paragraph_words = tokens.len();
    let mut best: Option<(u8, f32, Span, f32)> = None;
    let mut scored = Vec::with_capacity(stored.sentences.len());
    for (position, &sentence) in stored.sentences.iter().enumerate() {
        let (coverage, found) = coverage_of(sentence);
        let in_sentence: Vec<(usize, usize)> = tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| sentence.contains(t.span))
            .filter_map(|(pos, _)| matched[pos].map(|m| (pos, m)))
            .collect();
        let words: Vec<&str> = tokens
            .iter()
            .filter(|t| sentence.contains(t.span))
            .map(|t| t.span.text_in(&stored.text, base))
            .collect();
        let refs_here = stored.people.iter().any(|r| sentence.contains(r.span));
        let kind_evidence = if coverage > 0.0 {
            evidence(&p.q, &words, &found, p, refs_here)
        } else {
            0.0
        };
        let quoted = stored
            .quotes
            .iter()
            .filter(|q| q.kind != QuoteKind::Indirect)
            .map(|q| q.span())
            .filter(|q| q.overlaps(sentence))
            .map(|q| q.end.min(sentence.end) - q.start.max(sentence.start))
            .sum::<usize>() as f32
            / sentence.len().max(1) as f32;
        let e = SentenceEvidence {
            kind: p.q.kind,
            asks_identity: p.q.asks_identity,
            coverage,
            proximity: proximity(&in_sentence),
            phrase: phrases(&in_sentence, p.q.terms.len()),
            kind_evidence,
            quoted,
            outside_own_quotes: !own_quotes.is_empty()
                && !own_quotes.iter().any(|(q, _)| q.overlaps(sentence)),
            position,
            words: words.len(),
            paragraph_coverage: para_coverage,
            bm25,
            sentences: stored.sentences.len(),
            paragraph_words,
        };
        let (tier, score) = (e.tier(), e.score(None));
        if best.is_none_or(|(t, s, _, _)| tier < t || (tier == t && score > s)) {
            best = Some((tier, score, sentence, coverage));
        }
        scored.push((sentence, e));
    }
    let (tier, score, answer, sentence_coverage) = best.unwrap_or((1, f32::MIN, stored.span, 0.0));
    let highlights = tokens
        .iter()
        .zip(&matched)
        .filter(|(_, m)| m.is_some())
        .map(|(t, _)| [t.span.start, t.span.end])
        .collect();
    let passage = Passage {
        document: stored.doc,
        title: stored.title,
        paragraph: stored.block,
        start: stored.span.start,
        end: stored.span.end,
        answer: AnswerSpan {
            start: answer.start,
            end: answer.end,
            text: answer.text_in(&stored.text, base).to_string(),
            phrase: None,
        },
        text: stored.text,
        highlights,
        score,
        quotes: stored.quotes,
    };
    // The confidence: the paragraph's coverage, with the words no paragraph of the library
    // holds counting `ABSENT_WEIGHT` times when this paragraph lacks them too (ranking
    // keeps plain coverage).
    let missing_absent: f32 = (0..p.q.terms.len())
        .filter(|i| p.absent[*i] && !para_found.contains(i))
        .map(|i| p.weight(i))
        .sum();
    let confidence =
        para_coverage * p.total_weight / (p.total_weight + (ABSENT_WEIGHT - 1.0) * missing_absent);
    Ranked {
        score,
        tier,
        confidence,
        from_own_quotes: !own_quotes.is_empty(),
        coverage: para_coverage,
        sentence_coverage,
        found: para_found,
        sentences: scored,
        passage,
    }
}

/// How tightly the matched words stand: distinct terms over the width of the smallest
/// window that holds them all (1 when they are adjacent, 0 when fewer than two match).
fn proximity(matched: &[(usize, usize)]) -> f32 {
    let distinct: HashSet<usize> = matched.iter().map(|m| m.1).collect();
    if distinct.len() < 2 {
        return 0.0;
    }
    let mut best = usize::MAX;
    let mut counts: HashMap<usize, usize> = HashMap::new();
    let mut left = 0;
    for right in 0..matched.len() {
        *counts.entry(matched[right].1).or_default() += 1;
        while counts.len() == distinct.len() {
            best = best.min(matched[right].0 - matched[left].0 + 1);
            let c = counts.entry(matched[left].1).or_default();
            *c -= 1;
            if *c == 0 {
                counts.remove(&matched[left].1);
            }
            left += 1;
        }
    }
    distinct.len() as f32 / best as f32
}

/// The share of the question's adjacent word pairs found adjacent, in order.
fn phrases(matched: &[(usize, usize)], terms: usize) -> f32 {
    if terms < 2 {
        return 0.0;
    }
    let found = matched
        .windows(2)
        .filter(|w| w[1].0 == w[0].0 + 1 && w[1].1 == w[0].1 + 1)
        .count();
    (found as f32 / (terms - 1) as f32).min(1.0)
}

/// Whether the sentence holds the kind of thing the question asks for, 0 to 1.
fn evidence(
    q: &Question,
    words: &[&str],
    found: &HashSet<usize>,
    p: &Prepared,
    refs_here: bool,
) -> f32 {
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let has = |list: &[&str]| lower.iter().any(|w| list.contains(&w.as_str()));
    let question_words: HashSet<&str> = p.q.terms.iter().map(|t| t.word.as_str()).collect();
    let new_capital = words.iter().enumerate().skip(1).any(|(_, w)| {
        w.chars().next().is_some_and(char::is_uppercase)
            && !question_words.contains(w.to_lowercase().as_str())
    });
    match q.kind {
        Kind::Who if q.asks_identity => {
            let names_found = found.iter().any(|&i| p.q.terms[i].is_name) || refs_here;
            if names_found && has(ROLE_NOUNS) {
                1.0
            } else {
                0.0
            }
        }
        Kind::Who => f32::from(new_capital || refs_here || has(ROLE_NOUNS)),
        Kind::When => {
            let year = words.iter().any(|w| {
                let digits = w.trim_end_matches('s');
                digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit())
            });
            if year || has(TIME_WORDS) || has(CALENDAR_WORDS) {
                1.0
            } else {
                0.0
            }
        }
        Kind::HowMany => {
            let number = words.iter().any(|w| {
                w.chars().any(|c| c.is_ascii_digit())
                    && !question_words.contains(w.to_lowercase().as_str())
            });
            f32::from(number || has(NUMBER_WORDS))
        }
        Kind::Where => {
            let place = lower.windows(2).zip(words.windows(2)).any(|(l, w)| {
                PLACE_PREPOSITIONS.contains(&l[0].as_str())
                    && w[1].chars().next().is_some_and(char::is_uppercase)
                    && !question_words.contains(l[1].as_str())
            });
            f32::from(place)
        }
        Kind::Why => f32::from(has(REASON_WORDS)),
        Kind::What | Kind::How | Kind::Other => 0.0,
    }
}

trait SpanText {
    fn text_in<'a>(&self, paragraph: &'a str, base: usize) -> &'a str;
}

impl SpanText for Span {
    /// The text of a document span, given the paragraph text that starts at `base`.
    fn text_in<'a>(&self, paragraph: &'a str, base: usize) -> &'a str {
        &paragraph[self.start - base..self.end - base]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proximity_of_adjacent_and_spread_words() {
        assert_eq!(proximity(&[(3, 0), (4, 1)]), 1.0);
        assert_eq!(proximity(&[(0, 0), (9, 1)]), 0.2);
        assert_eq!(proximity(&[(0, 0)]), 0.0);
    }

    #[test]
    fn phrase_pairs_in_order() {
        assert_eq!(phrases(&[(3, 0), (4, 1)], 2), 1.0);
        assert_eq!(phrases(&[(3, 1), (4, 0)], 2), 0.0);
    }
}
