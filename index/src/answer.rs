//! Answering: candidates from tantivy (BM25 over paragraphs, fuzzy for misspelled words),
//! then re-ranked sentence by sentence with the evidence a careful reader uses: how much of
//! the question a sentence covers (words weighted by rarity, people counted where a pronoun
//! or description refers to them), how close together the words stand, phrases, and
//! whether the sentence holds the kind of thing asked for (a date for "when", a number for
//! "how many", a description for "who is"). A question whose words the best passage does
//! not mostly cover is not answered.

use crate::analysis::{self, Token};
use crate::model::{Answer, AnswerSpan, Passage, Span};
use crate::question::{self, Kind, Question};
use crate::search::{SearchIndex, StoredParagraph};
use crate::speakers::ROLE_NOUNS;
use std::collections::{HashMap, HashSet};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, TantivyDocument, Term};

/// Candidates re-ranked per answer: enough that the right paragraph is almost always among
/// them (BM25's recall@50 on the SQuAD set is near 1), few enough to re-rank in a millisecond.
const CANDIDATES: usize = 50;

/// A passage answers when it covers at least this share of the question (by weight).
/// Chosen on SQuAD (`verbatim-eval squad` sweeps it): at 0.35, 88% of questions asked of
/// their own article are answered and 96% of questions asked of another article (hard
/// negatives: same genre, shared words) abstain. (Before words absent from the library
/// counted double, see `ABSENT_WEIGHT`, the threshold was 0.45, with 88% and 95%.)
const ANSWERED_COVERAGE: f32 = 0.35;
/// How much more a question word counts towards the confidence when no paragraph of the
/// library holds it and the answering paragraph lacks it: in a small library every rare
/// word has about the same idf, so a word found nowhere (the thing asked about) weighed no
/// more than one found in a single paragraph, and a passage with all the other words
/// passed as an answer. A misspelling matched by edit distance is not missing.
const ABSENT_WEIGHT: f32 = 2.0;

const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "dozen",
    "dozens",
    "twice",
    "once",
    "half",
    "several",
    "first",
    "second",
    "third",
];
const TIME_WORDS: &[&str] = &[
    "yesterday",
    "today",
    "tomorrow",
    "ago",
    "century",
    "decade",
    "year",
    "years",
    "month",
    "week",
    "since",
    "until",
    "recently",
    "now",
    "then",
    "later",
    "earlier",
    "before",
    "after",
    "during",
    "when",
];
const REASON_WORDS: &[&str] = &[
    "because",
    "due",
    "reason",
    "since",
    "fear",
    "order",
    "result",
    "cause",
    "caused",
    "aim",
    "hope",
    "hopes",
    "so",
    "therefore",
    "thus",
    "why",
    "lead",
    "led",
];
const PLACE_WORDS: &[&str] = &[
    "in", "at", "from", "near", "into", "across", "inside", "outside", "north", "south", "east",
    "west",
];

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
    fn weight(&self, i: usize) -> f32 {
        let t = &self.q.terms[i];
        let name = if t.is_name { 1.3 } else { 1.0 };
        t.weight * self.idf[i] * name
    }

    /// The question terms that words of a person's name match.
    fn terms_in_name(
        &self,
        analyzer: &mut tantivy::tokenizer::TextAnalyzer,
        name: &str,
    ) -> Vec<usize> {
        analysis::tokens(analyzer, name, 0)
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
pub fn ask(index: &SearchIndex, question: &str, top: usize) -> Answer {
    let searcher = index.reader.searcher();
    let q = question::analyse(question);
    let empty = Answer {
        question: question.to_string(),
        answered: false,
        confidence: 0.0,
        passages: Vec::new(),
    };
    if q.terms.is_empty() || top == 0 {
        return empty;
    }
    let f = index.fields;
    let n = searcher.num_docs().max(1);
    let mut idfs = Vec::new();
    let mut fuzzy = Vec::new();
    let mut absent = Vec::new();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for t in &q.terms {
        let term = Term::from_field_text(f.body, &t.term);
        let people_term = Term::from_field_text(f.people, &t.term);
        let df = searcher
            .doc_freq(&term)
            .unwrap_or(0)
            .max(searcher.doc_freq(&people_term).unwrap_or(0));
        idfs.push(idf(n, df));
        absent.push(df == 0);
        let distance = if df == 0 {
            fuzzy_distance(&t.term)
        } else {
            None
        };
        fuzzy.push(distance);
        for (field, boost) in [
            (f.body, 1.0),
            (f.people, 0.8),
            (f.heading, 0.3),
            (f.title, 0.3),
        ] {
            let term = Term::from_field_text(field, &t.term);
            let query: Box<dyn Query> = match distance {
                Some(d) => Box::new(FuzzyTermQuery::new(term, d, true)),
                None => Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
            };
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(query, boost * t.weight)),
            ));
        }
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
    let query = BooleanQuery::new(clauses);
    let Ok(hits) = searcher.search(&query, &TopDocs::with_limit(CANDIDATES.max(top * 4))) else {
        return empty;
    };
    let max_bm25 = hits.first().map(|h| h.0).unwrap_or(1.0).max(f32::EPSILON);

    let mut analyzer = analysis::analyzer();
    let mut scored: Vec<(f32, f32, bool, Passage)> = hits
        .iter()
        .filter_map(|(bm25, addr)| {
            let stored = load(&searcher, index, *addr)?;
            Some(rank(&prepared, &mut analyzer, stored, bm25 / max_bm25))
        })
        .collect();
    // Asked for someone's words: when they are quoted, only their quotes answer.
    if prepared.q.asks_words_of_someone && scored.iter().any(|s| s.2) {
        scored.retain(|s| s.2);
    }
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(a.3.document.cmp(&b.3.document))
            .then(a.3.paragraph.cmp(&b.3.paragraph))
    });
    let confidence = scored.first().map_or(0.0, |s| s.1.min(1.0));
    let answered = confidence >= ANSWERED_COVERAGE;
    let passages = scored.into_iter().take(top).map(|(_, _, _, p)| p).collect();
    Answer {
        question: question.to_string(),
        answered,
        confidence,
        passages,
    }
}

fn load(
    searcher: &Searcher,
    index: &SearchIndex,
    addr: tantivy::DocAddress,
) -> Option<StoredParagraph> {
    let doc: TantivyDocument = searcher.doc(addr).ok()?;
    index.paragraph(&doc)
}

/// Scores one candidate paragraph; returns (score, coverage of the question, passage).
fn rank(
    p: &Prepared,
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
    stored: StoredParagraph,
    bm25: f32,
) -> (f32, f32, bool, Passage) {
    let base = stored.span.start;
    let tokens: Vec<Token> = analysis::tokens(analyzer, &stored.text, base);
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
        let heading_terms: HashSet<usize> = analysis::tokens(analyzer, heading, 0)
            .iter()
            .filter_map(|t| p.matches(&t.term))
            .collect();
        para_coverage += heading_terms
            .difference(&para_found)
            .map(|&i| 0.5 * p.weight(i))
            .sum::<f32>()
            / p.total_weight;
    }

    let mut best: Option<(f32, Span)> = None;
    for &sentence in &stored.sentences {
        let (coverage, found) = coverage_of(sentence);
        let in_sentence: Vec<(usize, usize)> = tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| sentence.contains(t.span))
            .filter_map(|(pos, _)| matched[pos].map(|m| (pos, m)))
            .collect();
        let proximity = proximity(&in_sentence);
        let phrase = phrases(&in_sentence, p.q.terms.len());
        let words: Vec<&str> = tokens
            .iter()
            .filter(|t| sentence.contains(t.span))
            .map(|t| t.span.text_in(&stored.text, base))
            .collect();
        let refs_here = stored.people.iter().any(|r| sentence.contains(r.span));
        let evidence = if coverage > 0.0 {
            evidence(&p.q, &words, &found, p, refs_here)
        } else {
            0.0
        };
        let quoted = stored
            .quotes
            .iter()
            .filter(|q| q.kind != crate::model::QuoteKind::Indirect)
            .map(|q| q.span())
            .filter(|q| q.overlaps(sentence))
            .map(|q| q.end.min(sentence.end) - q.start.max(sentence.start))
            .sum::<usize>() as f32
            / sentence.len().max(1) as f32;
        let mut score = 0.6 * coverage + 0.12 * proximity + 0.08 * phrase + 0.2 * evidence;
        if !own_quotes.is_empty() && !own_quotes.iter().any(|(q, _)| q.overlaps(sentence)) {
            // Asked for X's words: a sentence outside X's quotes is not them.
            score *= 0.5;
        }
        if p.q.asks_identity && quoted > 0.5 {
            // Someone's own words rarely say who they are.
            score *= 0.8;
        }
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, sentence));
        }
    }
    let (sentence_score, answer) = best.unwrap_or((0.0, stored.span));
    let score = sentence_score + 0.25 * para_coverage + 0.15 * bm25;
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
    (score, confidence, !own_quotes.is_empty(), passage)
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
            if year || has(TIME_WORDS) || has(crate::analysis::CALENDAR_WORDS) {
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
                PLACE_WORDS.contains(&l[0].as_str())
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

    #[test]
    fn fuzzy_distance_by_length() {
        assert_eq!(fuzzy_distance("kurt"), Some(1));
        assert_eq!(fuzzy_distance("the"), None);
        assert_eq!(fuzzy_distance("vladivostok"), Some(2));
    }
}
