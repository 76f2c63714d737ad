//! Pronouns: `he`, `she` or `they` as a quote's speaker resolved to a person named before
//! them, outside quotes, so nobody becomes a speaker by being mentioned inside someone
//! else's words.

use super::people::{person_for, Draft};
use super::Attribution;
use crate::model::{BlockKind, Document, Span};
use crate::text::lexicon::is_title;
use crate::text::names::{name_at, name_text};
use crate::text::words::{lower, no_gap, words};

/// A person named outside quotes, as a candidate antecedent.
pub(super) struct Named {
    pub span: Span,
    pub name: String,
}

/// The nearest person named before `pos` outside quotes, for a pronoun.
fn nearest_before(people: &[Draft], pos: usize, quoted: &[Span]) -> Option<usize> {
    people
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.mentions.iter().map(move |m| (i, *m)))
        .filter(|(_, m)| m.end <= pos && !quoted.iter().any(|q| q.contains(*m)))
        .max_by_key(|(_, m)| m.start)
        .map(|(i, _)| i)
}

/// People named outside quotes with a title or a first name and surname (`Senator Jane
/// Hill`, `Omar Haddad`): antecedents for pronouns. In text order.
pub(super) fn named_people(doc: &Document, quoted: &[Span]) -> Vec<Named> {
    let mut out = Vec::new();
    for block in doc.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph) {
        let ws = words(&doc.text, block.span);
        let mut i = 0;
        while i < ws.len() {
            let titled = i > 0
                && is_title(lower(&ws[i - 1]).trim_end_matches('.'))
                && no_gap(&ws, i - 1, &doc.text);
            match name_at(&ws, i, &doc.text) {
                Some((a, b))
                    if (b - a >= 2 || titled) && !quoted.iter().any(|q| q.contains(ws[a].span)) =>
                {
                    let (name, span) = name_text(&ws, (a, b), &doc.text);
                    out.push(Named {
                        span,
                        name: name.to_string(),
                    });
                    i = b;
                }
                _ => i += 1,
            }
        }
    }
    out
}

/// The person a pronoun cue refers to, recorded as a mention of them.
pub(super) fn resolve_pronoun(
    doc: &Document,
    people: &mut Vec<Draft>,
    candidates: &[Named],
    quoted: &[Span],
    a: &Attribution,
) -> Option<usize> {
    // The nearest person before the pronoun: a known speaker, or someone named with a
    // title or a full name, outside quotes.
    let speaker = nearest_before(people, a.mention.start, quoted);
    let speaker_at = speaker.and_then(|p| {
        people[p]
            .mentions
            .iter()
            .filter(|m| m.end <= a.mention.start)
            .map(|m| m.start)
            .max()
    });
    // The last person named before the pronoun, or rather the first named in that
    // sentence, its subject: a pronoun refers to the previous sentence's subject before
    // its objects. `they` is a group far more often than one person: only a speaker
    // already known takes it.
    let plural = a.mention.text(&doc.text).eq_ignore_ascii_case("they");
    let named = candidates
        .iter()
        .rfind(|n| !plural && n.span.end <= a.mention.start)
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
                .find(|n| sentence.contains(n.span))
                .unwrap_or(last)
        });
    // The person last quoted stays the topic: a pronoun within two paragraphs of their
    // last mention refers to them before anyone merely named since.
    let block_of = |pos: usize| {
        doc.blocks
            .iter()
            .position(|b| b.span.start <= pos && pos <= b.span.end)
    };
    let salient = speaker_at.is_some_and(|at| {
        block_of(at)
            .zip(block_of(a.mention.start))
            .is_some_and(|(s, here)| s + 2 >= here)
    });
    let p = match (speaker, named) {
        (Some(p), Some(n)) if salient || speaker_at.is_some_and(|at| at >= n.span.start) => Some(p),
        (_, Some(n)) => Some(person_for(people, &n.name, n.span)),
        (p, None) => p,
    };
    p.inspect(|&p| people[p].mentions.push(a.mention))
}
