//! Attribution: who said each quote, and who those people are.
//!
//! A quote's speaker is found, in order of confidence, from a cue next to it (`cues.rs`:
//! `,” said X.`, `X, a professor at Y, said: “`, `,” he added.`, `X: ‘`, `According to X,
//! ...`, a passive `X is said to have grumbled`), from the subject of a reporting verb before
//! a partial quote, or from the neighbouring sentence that names its speaker. Statements
//! without quotation marks are found by `indirect.rs`. Pronouns go to the nearest person
//! named before, outside quotes (`coref.rs`), so nobody becomes a speaker by being mentioned
//! inside someone else's words. Names are merged into one person per real person (full
//! name, surname alone, spelling variants: `matching.rs`), and each person gets a
//! description from the text (`people.rs`).

mod coref;
mod cues;
mod indirect;
pub mod matching;
mod people;

use crate::model::{BlockKind, Document, Mention, Person, Quote, QuoteKind, Span};
use crate::quotes::Marked;
use crate::text::words::is_capitalised;
use people::Draft;

/// Who a quote's cue names: a person's name, a pronoun, or a description.
#[derive(Debug, Clone)]
enum Who {
    Name(String),
    Pronoun,
    Described(String),
}

/// What a cue says of a quote's speaker.
#[derive(Debug, Clone)]
struct Attribution {
    who: Who,
    /// The words naming the speaker.
    mention: Span,
    cue: Option<String>,
    confidence: f32,
}

/// A quote found with its attribution, before its speaker is resolved to a person.
struct Found {
    /// The marked quote it is, or None for a statement without marks.
    marked: Option<usize>,
    span: Span,
    kind: QuoteKind,
    attribution: Attribution,
}

/// A quote and the person who said it (an index into the document's people).
struct Resolved {
    found: Found,
    person: usize,
}

/// The sentence span of a block that contains `pos`.
fn sentence_at(doc: &Document, block: usize, pos: usize) -> Span {
    let b = &doc.blocks[block];
    b.sentences
        .iter()
        .copied()
        .find(|s| s.start <= pos && pos < s.end.max(s.start + 1))
        .unwrap_or(b.span)
}

/// Attributes the marked quotes, finds statements without marks, and builds the people.
pub fn attribute(doc: &Document, marked: &[Marked]) -> (Vec<Quote>, Vec<Person>) {
    let quoted: Vec<Span> = marked.iter().map(|m| m.outer).collect();
    let attributions = cue_attributions(doc, marked);
    let mut found = indirect_statements(doc, &quoted, &attributions);
    for (i, a) in attributions.iter().enumerate() {
        if let Some(a) = a {
            found.push(Found {
                marked: Some(i),
                span: marked[i].inner,
                kind: marked[i].kind,
                attribution: a.clone(),
            });
        }
    }
    found.sort_by_key(|f| f.span.start);
    // Resolve names in text order, so pronouns see the people named before them.
    let mut people: Vec<Draft> = Vec::new();
    let candidates = coref::named_people(doc, &quoted);
    let mut resolved: Vec<Resolved> = Vec::new();
    for f in found {
        let a = &f.attribution;
        let person = match &a.who {
            Who::Name(n) => Some(people::person_for(&mut people, n, a.mention)),
            Who::Pronoun => coref::resolve_pronoun(doc, &mut people, &candidates, &quoted, a),
            Who::Described(d) => Some(people::described(&mut people, d, a.mention)),
        };
        if let Some(person) = person {
            resolved.push(Resolved { found: f, person });
        }
    }
    attribute_uncued(doc, marked, &attributions, &mut resolved);
    resolved.sort_by_key(|r| r.found.span.start);
    for p in people.iter_mut() {
        people::add_printed_mentions(&doc.text, p);
        people::describe(doc, p);
    }
    let quotes = quotes_of(doc, marked, &resolved, &people);
    let speaking: std::collections::HashSet<&str> =
        quotes.iter().map(|q| q.speaker.as_str()).collect();
    let persons = people
        .iter()
        .filter(|p| speaking.contains(p.name.as_str()))
        .map(|p| Person {
            name: p.name.clone(),
            aliases: p.forms.clone(),
            description: p.description.as_ref().map(|d| d.text.clone()),
            mentions: p.mentions.clone(),
        })
        .collect();
    (quotes, persons)
}

/// The cue of each marked quote, if it has one. A quote that continues into following
/// paragraphs shares its speaker: a paragraph piece without a cue of its own takes the cue
/// found on any piece of the same quote.
fn cue_attributions(doc: &Document, marked: &[Marked]) -> Vec<Option<Attribution>> {
    let mut attributions: Vec<Option<Attribution>> = marked
        .iter()
        .map(|m| cues::cue_after(doc, m).or_else(|| cues::cue_before(doc, m)))
        .collect();
    for i in 1..marked.len() {
        if marked[i].continues && attributions[i].is_none() {
            attributions[i] = attributions[i - 1].clone();
        }
    }
    for i in (0..marked.len().saturating_sub(1)).rev() {
        if marked[i + 1].continues && attributions[i].is_none() {
            attributions[i] = attributions[i + 1].clone();
        }
    }
    attributions
}

/// Statements without marks, in sentences outside quotes.
fn indirect_statements(
    doc: &Document,
    quoted: &[Span],
    attributions: &[Option<Attribution>],
) -> Vec<Found> {
    let speakers_so_far: Vec<String> = attributions
        .iter()
        .flatten()
        .filter_map(|a| match &a.who {
            Who::Name(n) => Some(n.clone()),
            _ => None,
        })
        .collect();
    let mut found = Vec::new();
    for block in doc.blocks.iter().filter(|b| b.kind != BlockKind::Heading) {
        for &sentence in &block.sentences {
            if quoted.iter().any(|q| q.overlaps(sentence)) {
                continue;
            }
            let Some((content, a)) = indirect::indirect_in(doc, sentence, &speakers_so_far) else {
                continue;
            };
            // A name or a title is not a statement ("Lydia Buchtmann for Food Standards
            // Australia, says ...").
            let words_in = content.text(&doc.text).split_whitespace().count();
            let capitalised = content
                .text(&doc.text)
                .split_whitespace()
                .filter(|w| is_capitalised(w))
                .count();
            if content.len() > 10 && capitalised * 2 < words_in {
                found.push(Found {
                    marked: None,
                    span: content,
                    kind: QuoteKind::Indirect,
                    attribution: a,
                });
            }
        }
    }
    found
}

/// A resolved quote's attribution, for a quote that takes its speaker (without a cue).
fn borrowed(r: &Resolved, confidence: f32) -> Attribution {
    Attribution {
        cue: None,
        confidence,
        ..r.found.attribution.clone()
    }
}

/// Quotes with no cue: the speaker of a statement in the same paragraph, just before
/// (`..., says X. “...”`) or just after; a partial quote, the speaker of another quote in its
/// sentence; a paragraph that is only a quote, the speaker quoted just before.
fn attribute_uncued(
    doc: &Document,
    marked: &[Marked],
    attributions: &[Option<Attribution>],
    resolved: &mut Vec<Resolved>,
) {
    for (i, m) in marked.iter().enumerate() {
        if attributions[i].is_some() {
            continue;
        }
        let resolve = |attribution: Attribution| Found {
            marked: Some(i),
            span: m.inner,
            kind: m.kind,
            attribution,
        };
        // A partial quote takes the speaker of another quote in its sentence
        // (`said her party supported it "for months", and said it was "damning"`).
        if m.kind == QuoteKind::Partial {
            let sentence = sentence_at(doc, m.block, m.outer.start);
            let other = resolved
                .iter()
                .find(|r| r.found.marked != Some(i) && sentence.contains(r.found.span))
                .map(|r| (borrowed(r, 0.6), r.person));
            if let Some((a, person)) = other {
                resolved.push(Resolved {
                    found: resolve(a),
                    person,
                });
            }
            continue;
        }
        let block_span = doc.blocks[m.block].span;
        let same_block: Vec<&Resolved> = resolved
            .iter()
            .filter(|r| block_span.contains(r.found.span))
            .collect();
        let neighbour = same_block
            .iter()
            .rev()
            .find(|r| r.found.span.end <= m.outer.start)
            .or_else(|| {
                same_block
                    .iter()
                    .find(|r| r.found.span.start >= m.outer.end)
            });
        // A paragraph that is only a quote continues the speaker quoted just before, up to
        // two paragraphs back (the news convention for a run of quotes).
        let opens_block = block_span.start == m.outer.start;
        let previous = || {
            resolved
                .iter()
                .filter(|r| r.found.span.end <= m.outer.start)
                .max_by_key(|r| r.found.span.start)
                .filter(|r| {
                    doc.blocks
                        .iter()
                        .position(|b| b.span.contains(r.found.span))
                        .is_some_and(|b| b + 2 >= m.block)
                })
        };
        let taken = match neighbour {
            Some(r) => Some((borrowed(r, 0.7), r.person)),
            None if opens_block => previous().map(|r| (borrowed(r, 0.5), r.person)),
            None => None,
        };
        if let Some((a, person)) = taken {
            resolved.push(Resolved {
                found: resolve(a),
                person,
            });
            resolved.sort_by_key(|r| r.found.span.start);
        }
    }
}

/// The document's quotes, in text order, each once (a quote overlapping one already taken
/// is left out).
fn quotes_of(
    doc: &Document,
    marked: &[Marked],
    resolved: &[Resolved],
    people: &[Draft],
) -> Vec<Quote> {
    let text = &doc.text;
    let mut quotes: Vec<Quote> = Vec::new();
    for r in resolved {
        let a = &r.found.attribution;
        let span = match r.found.marked {
            Some(i) => marked[i].inner,
            None => r.found.span,
        };
        let paragraph = match r.found.marked {
            Some(i) => marked[i].block,
            None => doc
                .blocks
                .iter()
                .position(|b| b.span.contains(span))
                .unwrap_or(0),
        };
        let q = Quote {
            speaker: people[r.person].name.clone(),
            text: span.text(text).to_string(),
            kind: r.found.kind,
            cue: a.cue.clone(),
            mention: Some(Mention {
                start: a.mention.start,
                end: a.mention.end,
                text: a.mention.text(text).to_string(),
            }),
            document: doc.id.clone(),
            paragraph,
            start: span.start,
            end: span.end,
            confidence: a.confidence,
        };
        if !quotes.iter().any(|o| o.span().overlaps(q.span())) {
            quotes.push(q);
        }
    }
    quotes.sort_by_key(|q| q.start);
    quotes
}
