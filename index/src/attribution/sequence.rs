//! The canonical shapes of attribution in news, read as sequences of tagged words (parts
//! of speech, lemmas, entities) rather than off the parse tree: where the speaker and the
//! verb stand right next to a quote (`"…," said X`, `"…," X, a ROLE, said`, `X told
//! reporters: "…"`) or at the edge of a sentence (`CLAUSE, X said.`, `X said (that) CLAUSE`),
//! the order of the words says who spoke, and a parse that went wrong elsewhere in the
//! sentence does not matter. The tree-based reading (`cues.rs`, `indirect.rs`) covers the
//! rest.

use super::cues::{is_speech_verb, speaker_of};
use super::sentences::Analysed;
use super::{Attribution, Who};
use crate::model::Span;
use crate::quotes::Marked;
use crate::text::lexicon::is_title;
use std::ops::Range;
use verbatim_nlp::Upos;

const ADJACENT: f32 = 0.95;
const AT_THE_EDGE: f32 = 0.8;

fn is_punct(a: &Analysed, i: usize) -> bool {
    a.upos(i) == Upos::Punct
}

/// Words that may stand between a speaker and the verb (`has`, `also`, `later`); not a
/// modal, which makes the report hypothetical or future (`would argue`, `will say`), and
/// not a negation.
fn is_verb_filler(a: &Analysed, i: usize) -> bool {
    matches!(a.upos(i), Upos::Aux | Upos::Adv)
        && !is_punct(a, i)
        && !matches!(
            a.lemma(i),
            "will"
                | "would"
                | "could"
                | "might"
                | "may"
                | "should"
                | "can"
                | "must"
                | "shall"
                | "not"
                | "never"
                | "n't"
        )
}

/// A speaker's phrase that starts at word `i`: where it ends (past an appositive set off by
/// commas: `X, a professor at Y,`).
fn phrase_from(a: &Analysed, i: usize, text: &str) -> Option<(Who, Span, usize)> {
    let mut start = i;
    while start < a.len()
        && a.upos(start) == Upos::Propn
        && is_title(a.lower(start).trim_end_matches('.'))
    {
        start += 1;
    }
    let first = start;
    if first >= a.len() {
        return None;
    }
    let (end, head) = match a.upos(first) {
        Upos::Pron => (first + 1, first),
        Upos::Propn => {
            let mut e = start;
            while e < a.len() && a.upos(e) == Upos::Propn {
                e += 1;
            }
            (e, e.checked_sub(1)?)
        }
        Upos::Det | Upos::Adj | Upos::Noun | Upos::Num => {
            // A noun phrase: determiners and modifiers, then nouns (`the union's leader`,
            // `a senior official`); its head is its last noun.
            let mut e = first;
            while e < a.len()
                && (matches!(
                    a.upos(e),
                    Upos::Det | Upos::Adj | Upos::Noun | Upos::Num | Upos::Propn
                ) || a.upos(e) == Upos::Part && matches!(a.lemma(e), "'s" | "’s"))
            {
                e += 1;
            }
            let head = (first..e).rev().find(|&k| a.upos(k) == Upos::Noun)?;
            (head + 1, head)
        }
        _ => return None,
    };
    let (who, mention) = speaker_of(a, head, text)?;
    Some((who, mention, skip_appositive(a, end)))
}

/// A speaker's phrase that ends at word `e` (the word before the verb).
pub(super) fn phrase_to(a: &Analysed, e: usize, text: &str) -> Option<(Who, Span)> {
    // Past an appositive set off by commas (`X, a professor at Y,`) to the name before it.
    let e = if a.parse.word(e) == "," {
        let open = (e.saturating_sub(20)..e)
            .rev()
            .find(|&k| a.parse.word(k) == ",")?;
        open.checked_sub(1)?
    } else {
        e
    };
    match a.upos(e) {
        Upos::Pron | Upos::Propn | Upos::Noun => speaker_of(a, e, text),
        _ => None,
    }
}

/// The word after an appositive that starts at word `i` with a comma and ends with one
/// (`, a ROLE at ORG,`), or `i` when there is none.
fn skip_appositive(a: &Analysed, i: usize) -> usize {
    if i >= a.len() || a.parse.word(i) != "," {
        return i;
    }
    for k in i + 1..a.len().min(i + 20) {
        match a.parse.word(k) {
            "," => return k + 1,
            "." | ";" | ":" | "“" | "”" | "\"" => return i,
            _ if a.upos(k) == Upos::Verb => return i,
            _ => {}
        }
    }
    i
}

/// The cue right after a quote: `, said X`, `, X said`, `, X, a ROLE, said`, `, he added`.
pub(super) fn after(a: &Analysed, m: &Marked, text: &str) -> Option<Attribution> {
    let mut i = (0..a.len()).find(|&k| a.word(k).start >= m.outer.end)?;
    while i < a.len() && is_punct(a, i) && matches!(a.parse.word(i), "," | "—" | "–" | "-") {
        i += 1;
    }
    if i >= a.len() {
        return None;
    }
    let attribution = |who, mention, v: usize| Attribution {
        who,
        mention,
        cue: Some(a.word(v).text(text).to_string()),
        confidence: ADJACENT,
    };
    if is_speech_verb(a, i) {
        let (who, mention, _) = phrase_from(a, i + 1, text)?;
        return Some(attribution(who, mention, i));
    }
    let (who, mention, mut v) = phrase_from(a, i, text)?;
    while v < a.len() && is_verb_filler(a, v) {
        v += 1;
    }
    (v < a.len() && is_speech_verb(a, v)).then(|| attribution(who, mention, v))
}

/// The cue right before a quote: `X said: "`, `X told reporters, "`, `X, a ROLE, said: "`.
pub(super) fn before(a: &Analysed, m: &Marked, text: &str) -> Option<Attribution> {
    let last = (0..a.len())
        .rev()
        .find(|&k| a.word(k).end <= m.outer.start)?;
    if !matches!(a.parse.word(last), ":" | ",") {
        return None;
    }
    // The verb, and what it takes between it and the mark (`told reporters`, `said in a
    // statement`): no other verb.
    let v = (last.saturating_sub(6)..last)
        .rev()
        .find(|&k| is_speech_verb(a, k))?;
    if (v + 1..last).any(|k| matches!(a.upos(k), Upos::Verb | Upos::Aux)) {
        return None;
    }
    let mut e = v.checked_sub(1)?;
    while e > 0 && is_verb_filler(a, e) {
        e -= 1;
    }
    let (who, mention) = phrase_to(a, e, text)?;
    Some(Attribution {
        who,
        mention,
        cue: Some(a.word(v).text(text).to_string()),
        confidence: ADJACENT,
    })
}

/// A statement without marks with its attribution at an edge of the sentence: at the end
/// after a comma (`CLAUSE, X said.`, `CLAUSE, said X.`), or at the start (`X said (that)
/// CLAUSE`, `X told reporters CLAUSE`). Returns the content's words.
pub(super) fn statement(a: &Analysed, text: &str) -> Option<(Range<usize>, Attribution)> {
    let mut end = a.len();
    while end > 0 && is_punct(a, end - 1) {
        end -= 1;
    }
    let finite = |r: Range<usize>| {
        r.clone().any(|i| {
            matches!(
                a.parse.xpos.get(i).copied(),
                Some("VBD" | "VBZ" | "VBP" | "MD")
            )
        }) && r.len() >= 3
    };
    // At the end: the last comma, then the attribution and nothing else.
    if let Some(comma) = (1..end).rev().find(|&k| a.parse.word(k) == ",") {
        let tail = comma + 1;
        let found = if tail < end && is_speech_verb(a, tail) {
            phrase_from(a, tail + 1, text)
                .filter(|(_, _, e)| *e >= end)
                .map(|(who, mention, _)| (who, mention, tail))
        } else {
            phrase_from(a, tail, text).and_then(|(who, mention, mut v)| {
                while v < end && is_verb_filler(a, v) {
                    v += 1;
                }
                (v + 1 == end && is_speech_verb(a, v)).then_some((who, mention, v))
            })
        };
        if let Some((who, mention, v)) = found {
            if finite(0..comma) {
                return Some((
                    0..comma,
                    Attribution {
                        who,
                        mention,
                        cue: Some(a.word(v).text(text).to_string()),
                        confidence: AT_THE_EDGE,
                    },
                ));
            }
        }
    }
    // At the start: the speaker, the verb, an object of up to three words for verbs of
    // telling, `that`, then the clause.
    let (who, mention, mut v) = phrase_from(a, 0, text)?;
    while v < end && is_verb_filler(a, v) {
        v += 1;
    }
    if v >= end || !is_speech_verb(a, v) {
        return None;
    }
    let mut c = v + 1;
    if matches!(
        a.lemma(v),
        "tell" | "inform" | "assure" | "remind" | "warn" | "promise"
    ) {
        let object = (c..end.min(c + 3))
            .take_while(|&k| {
                matches!(
                    a.upos(k),
                    Upos::Det | Upos::Noun | Upos::Propn | Upos::Pron | Upos::Adj
                )
            })
            .count();
        c += object;
    }
    if c < end && a.lower(c) == "that" {
        c += 1;
    }
    (finite(c..end) && !matches!(a.upos(c), Upos::Adp | Upos::Part | Upos::Punct)).then(|| {
        (
            c..end,
            Attribution {
                who,
                mention,
                cue: Some(a.word(v).text(text).to_string()),
                confidence: AT_THE_EDGE,
            },
        )
    })
}
