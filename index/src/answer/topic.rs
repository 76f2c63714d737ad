//! Quotes on a topic ("Taiwan", "What do experts say about sanctions?"): the topic is
//! analysed as a question is (the same analyser, stemming, idf and allowance for a
//! misspelling), the paragraphs holding quotes are searched for its words, and each quote
//! is scored by how much of the topic, its words weighed by rarity, it holds itself, or
//! failing that its paragraph does (where a pronoun or description resolved to someone
//! counts as their name). In a question, the topic is what comes after `about` (`What do
//! experts say about sanctions?`), not who says it.

use super::Prepared;
use crate::error::Result;
use crate::model::{Quote, Span};
use crate::search::SearchIndex;
use crate::text::analysis::Analyzer;
use std::collections::HashMap;

/// The most paragraphs read for a topic: those BM25 ranks first among the paragraphs that
/// hold quotes (a quote whose paragraph ranks lower holds fewer or commoner topic words).
const CANDIDATES: usize = 400;

/// A topic word counts fully when the quote holds it and this much when only the paragraph
/// around it does: the quote is then beside the topic, not on it.
const IN_PARAGRAPH: f32 = 0.5;

/// A quote is on the topic when its score is at least this: half of the topic's weight in
/// the quote itself, or all of it in its paragraph.
pub const ON_TOPIC: f32 = 0.5;

/// Words that introduce what a question asks about: in `What do experts say about
/// sanctions?` the topic is `sanctions`, not who says it.
const ABOUT: &[&str] = &["about", "regarding", "concerning"];

/// The part of a topic that names it: after its first [`ABOUT`] word when one is followed
/// by something, else all of it.
fn subject_of(topic: &str) -> &str {
    let mut at = 0;
    for word in topic.split_inclusive(|c: char| !c.is_alphanumeric()) {
        at += word.len();
        let w = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        if ABOUT.iter().any(|a| w.eq_ignore_ascii_case(a)) {
            let rest = &topic[at..];
            if rest.chars().any(char::is_alphanumeric) {
                return rest;
            }
        }
    }
    topic
}

/// A quote on a topic with how closely it speaks to it (0 to 1).
#[derive(Debug, Clone, PartialEq)]
pub struct OnTopic {
    pub quote: Quote,
    pub score: f32,
}

/// The quotes on `topic` in the documents `within` (all when `None`), the closest first,
/// each once (a quote over several paragraphs keeps its best score).
pub fn quotes_on(
    index: &SearchIndex,
    topic: &str,
    within: Option<&[String]>,
) -> Result<Vec<OnTopic>> {
    let snapshot = index.snapshot();
    let Some(mut prepared) = Prepared::new(&snapshot, subject_of(topic)) else {
        return Ok(Vec::new());
    };
    // No abstention model stands behind a topic's quotes, as behind an answer: a word the
    // library does not hold is matched as a misspelling of one edit only.
    for d in prepared.fuzzy.iter_mut().flatten() {
        *d = (*d).min(1);
    }
    let hits = snapshot.quoted_candidates(&prepared.query_terms(), CANDIDATES, within)?;
    let analyzer = Analyzer::default();
    let mut best: HashMap<(String, usize, usize), OnTopic> = HashMap::new();
    for hit in hits {
        let p = hit.paragraph;
        // Where each topic word stands in the paragraph: its own words, and the people its
        // pronouns and descriptions refer to.
        let mut found: Vec<(usize, Span)> = analyzer
            .tokens(&p.text, p.span.start)
            .iter()
            .filter_map(|t| prepared.matches(&t.term).map(|i| (i, t.span)))
            .collect();
        for r in &p.people {
            for i in prepared.terms_in_name(&analyzer, &r.person) {
                found.push((i, r.span));
            }
        }
        for q in p.quotes {
            let span = q.span();
            let score = (0..prepared.q.terms.len())
                .map(|i| {
                    let mut at = found.iter().filter(|(t, _)| *t == i);
                    let share = if at.clone().any(|(_, s)| span.contains(*s)) {
                        1.0
                    } else if at.next().is_some() {
                        IN_PARAGRAPH
                    } else {
                        0.0
                    };
                    share * prepared.weight(i)
                })
                .sum::<f32>()
                / prepared.total_weight;
            if score < ON_TOPIC {
                continue;
            }
            let key = (q.document.clone(), q.start, q.end);
            if best.get(&key).is_none_or(|b| b.score < score) {
                best.insert(key, OnTopic { quote: q, score });
            }
        }
    }
    let mut out: Vec<OnTopic> = best.into_values().collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.quote.document.cmp(&b.quote.document))
            .then(a.quote.start.cmp(&b.quote.start))
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::subject_of;

    #[test]
    fn the_topic_of_a_question_is_what_it_is_about() {
        assert_eq!(
            subject_of("What do experts say about sanctions?"),
            "sanctions?"
        );
        assert_eq!(subject_of("Regarding the harbour"), "the harbour");
        assert_eq!(subject_of("Taiwan"), "Taiwan");
        assert_eq!(subject_of("What is it about?"), "What is it about?");
        assert_eq!(subject_of("Talks about talks"), "talks");
    }
}
