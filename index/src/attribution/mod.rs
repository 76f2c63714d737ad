//! Attribution: who said each quote, and who those people are, read off the learned
//! linguistic layer's analysis of the sentences (`sentences.rs`: parts of speech, lemmas,
//! a dependency parse, named entities).
//!
//! A quote's speaker is the subject of the reporting verb its sentence links to it
//! (`cues.rs`: `,” said X.`, `X told reporters: “`, `X was quoted as saying`), the object of
//! `according to`, or the speaker before a colon; failing a cue, the speaker of the quote
//! next to it. Statements without quotation marks, and mixed quotes (a reported clause
//! with quoted words in it), are the complements of reporting verbs (`indirect.rs`).
//! Speakers are named entities (people, organisations, places standing for their
//! governments), phrases headed by a noun that can speak (`a spokeswoman`, `officials`, `the
//! company`), or pronouns resolved to someone named before, outside quotes (`coref.rs`).
//! Names are merged into one person per real person (full name, surname alone, spelling
//! variants: `matching.rs`), and each person gets a description from the parse
//! (`people.rs`).

mod coref;
mod cues;
mod indirect;
pub mod matching;
mod people;
mod sentences;
mod sequence;

use crate::model::{Document, Mention, Person, Quote, QuoteKind, Span};
use crate::quotes::Marked;
use people::{Draft, Kind};
use sentences::Analyses;

/// Who a quote's cue names: a name (and what it names), a pronoun, or a description.
#[derive(Debug, Clone)]
enum Who {
    Name(String, Kind),
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
    let text = &doc.text;
    let mut analyses = Analyses::of(doc, marked);
    let quoted: Vec<Span> = marked.iter().map(|m| m.outer).collect();
    let mut attributions = cue_attributions(&analyses, marked, text);
    // Statements without marks, and mixed quotes, which take in the quoted words inside
    // them: those are not quotes of their own.
    let mut found = Vec::new();
    let mut absorbed = vec![false; marked.len()];
    for a in &analyses.sentences {
        for statement in indirect::statements(a, marked, text) {
            let kind = if statement.quoted.is_empty() {
                QuoteKind::Indirect
            } else {
                QuoteKind::Partial
            };
            for &q in &statement.quoted {
                absorbed[q] = true;
            }
            for piece in statement.pieces {
                found.push(Found {
                    marked: None,
                    span: piece,
                    kind,
                    attribution: statement.attribution.clone(),
                });
            }
        }
    }
    for (span, attribution) in indirect::introduced_list(doc, &analyses, marked) {
        found.push(Found {
            marked: None,
            span,
            kind: QuoteKind::Indirect,
            attribution,
        });
    }
    for (i, a) in attributions.iter_mut().enumerate() {
        if absorbed[i] {
            *a = None;
        }
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
    let candidates = coref::named(doc, &analyses, &quoted);
    let mut resolved: Vec<Resolved> = Vec::new();
    let mut described: Vec<Found> = Vec::new();
    for f in found {
        let a = &f.attribution;
        let person = match &a.who {
            Who::Name(n, kind) => {
                // A surname alone is the person of the fullest name the article prints.
                if let Some(full) = coref::fullest(&candidates, n, a.mention) {
                    people::person_for(&mut people, &full.name, full.span);
                }
                let p = people::person_for(&mut people, n, a.mention);
                if *kind != Kind::Person {
                    people[p].kind = *kind;
                }
                Some(p)
            }
            Who::Pronoun => coref::resolve_pronoun(doc, &mut people, &candidates, &quoted, a),
            // A group by its description (`officials`, `the survey's authors`) now, so that
            // `they` can take it up; a role in the singular (`the president`) and an
            // organisation by what it is (`the company`) once the named people's
            // descriptions, and the organisations quoted, are known.
            Who::Described(d) if !people::names_a_role(d) && !people::names_an_organisation(d) => {
                Some(people::described(
                    &mut people,
                    &candidates,
                    text,
                    d,
                    a.mention,
                    f.span,
                ))
            }
            Who::Described(_) => {
                described.push(f);
                continue;
            }
        };
        if let Some(person) = person {
            resolved.push(Resolved { found: f, person });
        }
    }
    for p in people.iter_mut() {
        people::add_printed_mentions(text, p);
    }
    // Descriptions are read from the parse of each sentence naming someone quoted.
    analyses.parse_at(
        people
            .iter()
            .flat_map(|p| p.mentions.iter().map(|m| m.start)),
    );
    for p in people.iter_mut() {
        people::describe(&analyses, text, p);
    }
    for f in described {
        if let Who::Described(d) = &f.attribution.who {
            let person = people::described(
                &mut people,
                &candidates,
                text,
                d,
                f.attribution.mention,
                f.span,
            );
            resolved.push(Resolved { found: f, person });
        }
    }
    resolved.sort_by_key(|r| r.found.span.start);
    attribute_uncued(doc, marked, &attributions, &absorbed, &mut resolved);
    resolved.sort_by_key(|r| r.found.span.start);
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
fn cue_attributions(
    analyses: &Analyses,
    marked: &[Marked],
    text: &str,
) -> Vec<Option<Attribution>> {
    let mut attributions: Vec<Option<Attribution>> = marked
        .iter()
        .map(|m| cues::cue_for(analyses, m, text))
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
    absorbed: &[bool],
    resolved: &mut Vec<Resolved>,
) {
    for (i, m) in marked.iter().enumerate() {
        if attributions[i].is_some() || absorbed[i] {
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
