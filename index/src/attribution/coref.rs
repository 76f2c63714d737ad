//! Pronouns: `he`, `she`, `they` or `it` as a quote's speaker resolved to someone named
//! before them outside quotes (so nobody becomes a speaker by being mentioned inside someone
//! else's words): a person for `he` and `she`, of the pronoun's gender where the text has
//! shown it (`Ms`, `Mr`, or the pronoun used for them before); an organisation, a place or
//! a group for `they` and `it`. The speaker quoted last stays the topic for a while: a
//! pronoun within two paragraphs of them refers to them before anyone named since, unless
//! that one was the subject of a sentence.

use super::cues::name_words;
use super::matching::{same_word, tokens};
use super::people::{person_for, Draft, Gender, Kind};
use super::sentences::{Analysed, Analyses};
use super::Attribution;
use crate::model::{Document, Span};
use verbatim_nlp::{DepRel, EntityKind, Upos};

/// Someone named outside quotes: an antecedent for pronouns.
pub(super) struct Named {
    pub span: Span,
    pub name: String,
    pub kind: Kind,
    /// A place (a country, a city): an organisation for speaking, never `it` or `they`.
    pub place: bool,
    pub gender: Option<Gender>,
    /// The subject of its sentence.
    pub subject: bool,
}

/// The people, organisations and places the analysed sentences name outside quotes, in
/// text order.
pub(super) fn named(doc: &Document, analyses: &Analyses, quoted: &[Span]) -> Vec<Named> {
    let mut out = Vec::new();
    for a in &analyses.sentences {
        for e in &a.parse.entities {
            if quoted.iter().any(|q| q.contains(a.words(e.words.clone()))) {
                continue;
            }
            let kind = match e.kind {
                EntityKind::Person => Kind::Person,
                EntityKind::Organization | EntityKind::Place => Kind::Organisation,
                EntityKind::Other => continue,
            };
            let last = a.lower(e.words.end - 1);
            let kind =
                if crate::text::lexicon::ORGANISATION_AND_PLACE_NOUNS.contains(&last.as_str()) {
                    Kind::Organisation
                } else {
                    kind
                };
            let head = a.parse.entity_head(e);
            let (words, _) = name_words(a, e.words.clone(), head);
            let span = a.words(words.clone());
            let title = words.start.checked_sub(1).map(|t| a.lower(t));
            let gender = match title.as_deref().map(|t| t.trim_end_matches('.')) {
                Some("mr" | "sir" | "lord" | "king" | "prince") => Some(Gender::Male),
                Some("ms" | "mrs" | "miss" | "dame" | "lady" | "queen" | "princess") => {
                    Some(Gender::Female)
                }
                _ => None,
            };
            let name = span.text(&doc.text);
            let name = name
                .strip_suffix("’s")
                .or_else(|| name.strip_suffix("'s"))
                .unwrap_or(name);
            // A credit line (`Name/ Agency Press Service`) or a run of names is no one.
            if name.contains('/') || name.split_whitespace().count() > 6 {
                continue;
            }
            out.push(Named {
                span: Span::new(span.start, span.start + name.len()),
                name: name.to_string(),
                kind,
                place: e.kind == EntityKind::Place,
                gender,
                subject: is_subject(a, e.words.start, head),
            });
        }
    }
    out
}

/// Whether the name from word `start` with head `head` is its sentence's subject: by the
/// parse, or in a sentence analysed without one (beside a cue), by English word order:
/// not the object of a preposition (`In Paris, ...`, `cut with X is`), and a verb right
/// after it (`... that X has been pushing`) or none before it.
fn is_subject(a: &Analysed, start: usize, head: usize) -> bool {
    if a.parse.parsed {
        return a.deprel(head).is_subject() || a.deprel(head) == DepRel::Root;
    }
    let verb = |i: usize| matches!(a.upos(i), Upos::Verb | Upos::Aux);
    start.checked_sub(1).is_none_or(|i| a.upos(i) != Upos::Adp)
        && (verb(head + 1) || !(0..start).any(verb))
}

/// The fullest name the article prints outside quotes for a name of one word (`Essid` for
/// `Habib Essid`), if it prints a longer one.
pub(super) fn fullest<'a>(candidates: &'a [Named], name: &str, at: Span) -> Option<&'a Named> {
    let short = tokens(name);
    let [surname] = short.as_slice() else {
        return None;
    };
    // A name of one word is a surname: the nearest full name before it ending in it (a
    // family shares a surname: the nearest, not the longest), else the first after it.
    let ends_in_it = |n: &&Named| {
        let full = tokens(&n.name);
        full.len() > 1 && full.last().is_some_and(|last| same_word(last, surname))
    };
    candidates
        .iter()
        .filter(ends_in_it)
        .rfind(|n| n.span.end <= at.start)
        .or_else(|| {
            candidates
                .iter()
                .filter(ends_in_it)
                .find(|n| n.span.start >= at.end)
        })
}

/// The person a pronoun cue refers to, recorded as a mention of them.
pub(super) fn resolve_pronoun(
    doc: &Document,
    people: &mut Vec<Draft>,
    candidates: &[Named],
    quoted: &[Span],
    a: &Attribution,
) -> Option<usize> {
    let pronoun = a.mention.text(&doc.text).to_lowercase();
    let (kinds, gender): (&[Kind], Option<Gender>) = match pronoun.as_str() {
        "he" => (&[Kind::Person], Some(Gender::Male)),
        "she" => (&[Kind::Person], Some(Gender::Female)),
        _ => (&[Kind::Organisation, Kind::Group], None),
    };
    let at = a.mention.start;
    let fits = |kind: Kind, g: Option<Gender>| {
        kinds.contains(&kind) && (gender.is_none() || g.is_none() || g == gender)
    };
    let block_of = |pos: usize| {
        doc.blocks
            .iter()
            .position(|b| b.span.start <= pos && pos <= b.span.end)
    };
    let near = |pos: usize| {
        block_of(pos)
            .zip(block_of(at))
            .is_some_and(|(b, here)| b + 2 >= here)
    };
    // The speaker of the kind named last before the pronoun, outside quotes.
    let speaker = people
        .iter()
        .enumerate()
        .filter(|(_, p)| fits(p.kind, p.gender))
        .filter_map(|(i, p)| {
            p.mentions
                .iter()
                .filter(|m| m.end <= at && !quoted.iter().any(|q| q.contains(**m)))
                .map(|m| m.start)
                .max()
                .map(|last| (i, last))
        })
        .max_by_key(|(_, last)| *last);
    // The last one named before the pronoun; of those named in its sentence, the subject
    // first (a pronoun takes up the subject before the objects).
    let named = candidates
        .iter()
        .rfind(|n| n.span.end <= at && fits(n.kind, n.gender) && !n.place)
        .map(|last| {
            let sentence = doc
                .blocks
                .iter()
                .flat_map(|b| &b.sentences)
                .find(|s| s.contains(last.span))
                .copied()
                .unwrap_or(last.span);
            candidates
                .iter()
                .filter(|n| sentence.contains(n.span) && fits(n.kind, n.gender) && !n.place)
                .find(|n| n.subject)
                .unwrap_or(last)
        });
    // The speaker quoted last keeps the pronoun unless someone was named since as the
    // subject of a sentence (`Senator X, ..., played down the threat. "...," he said`), or
    // named since while the speaker was last mentioned more than two paragraphs back.
    let mut take_named = |n: &Named| {
        let p = person_for(people, &n.name, n.span);
        people[p].kind = n.kind;
        people[p].gender = people[p].gender.or(n.gender);
        p
    };
    let p = match (speaker, named) {
        (Some((p, last)), Some(n)) => {
            if last >= n.span.start || near(last) && !n.subject {
                Some(p)
            } else {
                Some(take_named(n))
            }
        }
        (None, Some(n)) => Some(take_named(n)),
        (Some((p, _)), None) => Some(p),
        (None, None) => None,
    };
    p.inspect(|&p| {
        people[p].mentions.push(a.mention);
        if people[p].kind == Kind::Person {
            people[p].gender = people[p].gender.or(gender);
        }
    })
}
