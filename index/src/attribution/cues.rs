//! Cues: what in a quote's sentence says who said it, read off the dependency parse. A
//! reporting verb (a lemma of `lexicon::REPORTING_VERB_LEMMAS`) linked to the quote, its
//! subject the speaker (`"...," said X`, `X told reporters: "..."`, `X was quoted as saying
//! "..."`, an agent `by X`); `according to X`; a colon after a speaker (`X: "..."`) or after a
//! clause whose subject speaks (`X defended the plan: "..."`).

use super::people::Kind;
use super::sentences::{Analysed, Analyses};
use super::sequence;
use super::{Attribution, Who};
use crate::model::Span;
use crate::quotes::Marked;
use crate::text::lexicon::{
    is_reporting_lemma, is_speaker_noun, is_title, ORGANISATION_AND_PLACE_NOUNS,
};
use std::ops::Range;
use verbatim_nlp::{DepRel, EntityKind, Upos};

/// The confidence of each kind of cue.
const AFTER: f32 = 0.95;
const BEFORE: f32 = 0.9;
const ACCORDING_TO: f32 = 0.85;
const NAME_COLON: f32 = 0.9;
const CLAUSE_COLON: f32 = 0.6;

/// Whether word `i` is a reporting verb (not negated: `did not say` reports nothing).
pub(super) fn is_speech_verb(a: &Analysed, i: usize) -> bool {
    let verb = matches!(a.upos(i), Upos::Verb) || (a.upos(i) == Upos::Aux && a.lemma(i) == "say");
    verb && is_reporting_lemma(a.lemma(i))
        && !a
            .children(i)
            .any(|c| a.deprel(c) == DepRel::Advmod && matches!(a.lemma(c), "not" | "never" | "n't"))
}

/// The speaker word `w` names, and the words naming it: a pronoun, a name (a recognised
/// entity, or proper nouns), or a phrase headed by a noun that can speak (`the company`,
/// `a spokeswoman for the ministry`, `officials`). A relative pronoun (`who said`) names
/// the noun its clause modifies.
pub(super) fn speaker_of(a: &Analysed, w: usize, text: &str) -> Option<(Who, Span)> {
    let lemma = a.lemma(w).to_lowercase();
    if a.upos(w) == Upos::Pron {
        if matches!(lemma.as_str(), "who" | "that" | "which") {
            let clause = a.head(w)?;
            if a.deprel(clause).universal() == DepRel::Acl {
                return speaker_of(a, a.head(clause)?, text);
            }
            return None;
        }
        return matches!(lemma.as_str(), "he" | "she" | "they" | "it")
            .then(|| (Who::Pronoun, a.word(w)));
    }
    // An appositive name says who a described speaker is (`the company's chief, Ana Ruiz,`).
    if a.upos(w) == Upos::Noun {
        if let Some(name) = a
            .children(w)
            .filter(|&c| a.deprel(c) == DepRel::Appos)
            .find(|&c| a.upos(c) == Upos::Propn || a.speaking_entity(c).is_some())
        {
            return speaker_of(a, name, text);
        }
    }
    if let Some(e) = a.speaking_entity(w) {
        let (words, titled) = name_words(a, e.words.clone(), w);
        let span = a.words(words);
        let name = strip_possessive(span.text(text));
        // A title before a name is a person's (`Senator Mark Warner`, whatever the
        // recogniser took it for).
        let kind = if e.kind == EntityKind::Person || titled {
            Kind::Person
        } else {
            Kind::Organisation
        };
        let kind = kind_of_name(name, kind);
        return Some((
            Who::Name(name.to_string(), kind),
            Span::new(span.start, span.start + name.len()),
        ));
    }
    if a.upos(w) == Upos::Propn {
        let (r, _) = name_words(a, w..w + 1, w);
        let span = a.words(r);
        let name = strip_possessive(span.text(text));
        if name.chars().any(char::is_alphabetic) && !is_title(&name.to_lowercase()) {
            return Some((
                Who::Name(name.to_string(), kind_of_name(name, Kind::Person)),
                Span::new(span.start, span.start + name.len()),
            ));
        }
        return None;
    }
    if a.upos(w) == Upos::Noun && is_speaker_noun(&lemma) {
        let r = noun_phrase(a, w);
        // A name set off by commas right after the phrase is the same speaker, whatever the
        // parse attached it to (`China's ambassador to Moscow, Zhang Hanhui, said`).
        if let Some(name) = comma_name(a, r.end) {
            return speaker_of(a, name, text);
        }
        let span = a.words(r);
        return Some((Who::Described(span.text(text).to_string()), span));
    }
    None
}

/// A name standing between commas from word `at` (`, Zhang Hanhui,`): its first word.
fn comma_name(a: &Analysed, at: usize) -> Option<usize> {
    (a.parse.word(at) == ",").then_some(())?;
    let first = at + 1;
    let e = a
        .speaking_entity(first)
        .filter(|e| e.words.start == first)?;
    let after = e.words.end;
    (after >= a.len() || matches!(a.parse.word(after), "," | ")") || a.upos(after) == Upos::Verb)
        .then_some(first)
}

/// A name ending in a word for an organisation or a place (`Dana F. Besecker Company`,
/// `Fishing Vessel Owners Association`) is one, whatever else it was taken for.
fn kind_of_name(name: &str, kind: Kind) -> Kind {
    let last = name.rsplit(' ').next().unwrap_or("").to_lowercase();
    if ORGANISATION_AND_PLACE_NOUNS.contains(&last.as_str()) {
        Kind::Organisation
    } else {
        kind
    }
}

/// The words of a recognised entity that are its name, and whether a title stood before
/// them. The span is the recogniser's joined with the run of proper nouns around the name
/// (either may be cut short: `Judge Amelia Stone` recognised as `Stone`, `New Zealand
/// Department of Conservation` tagged with `New` as an adjective), then cut after the last
/// title or lowercase word before the name (`Tunisian Prime Minister Habib Essid`,
/// `Pakistan-based developer Ammar Askar`) and before any lowercase word at its end (`says`).
pub(super) fn name_words(a: &Analysed, e: Range<usize>, w: usize) -> (Range<usize>, bool) {
    let title = |i: usize| is_title(a.lower(i).trim_end_matches('.'));
    let anchor = if a.upos(w) == Upos::Propn {
        w
    } else {
        match e.clone().rev().find(|&i| a.upos(i) == Upos::Propn) {
            Some(i) => i,
            None => return (e, false),
        }
    };
    // A title the parse made the head (`Mr Obama`, `Dr. Feel`, as UD's treebanks often
    // do): the name is the proper noun after it.
    let anchor = if title(anchor) {
        // Within the entity, or the word after it when the entity is the title alone.
        (anchor + 1..e.end.max(anchor + 2).min(a.len()))
            .find(|&i| a.upos(i) == Upos::Propn && !title(i))
            .unwrap_or(anchor)
    } else {
        anchor
    };
    let run = proper_run(a, anchor);
    let (mut start, mut end) = (run.start.min(e.start), run.end.max(e.end));
    let capitalised = |i: usize| {
        a.parse
            .word(i)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    let titled_within = (start..anchor).any(title);
    // After the last title or lowercase word before the name.
    if let Some(cut) = (start..anchor)
        .rev()
        .find(|&i| title(i) || !capitalised(i) && a.upos(i) != Upos::Propn)
    {
        start = cut + 1;
    }
    let mut titled = titled_within;
    while end > anchor + 1 && !capitalised(end - 1) {
        end -= 1;
    }
    titled |= start > 0 && title(start - 1);
    if start >= end {
        return (anchor..anchor + 1, titled);
    }
    (start..end, titled)
}

/// The name around proper noun `w`: the run of proper nouns holding it (`Ana María
/// Ruiz`), joined across `of`, `&` or `de` to the proper noun after them (`Bank of
/// England`), without a title before it.
fn proper_run(a: &Analysed, w: usize) -> Range<usize> {
    let mut start = w;
    while start > 0 && a.upos(start - 1) == Upos::Propn {
        start -= 1;
    }
    let mut end = w + 1;
    loop {
        while end < a.len() && a.upos(end) == Upos::Propn {
            end += 1;
        }
        // `of` joins only an organisation's or a place's name (`Bank of England`), not a
        // person's origin (`Mitch McConnell of Kentucky`).
        let named_thing = ORGANISATION_AND_PLACE_NOUNS.contains(&a.lower(end - 1).as_str());
        let joiner = end + 1 < a.len()
            && (a.parse.word(end) == "&"
                || named_thing && matches!(a.parse.word(end), "of" | "de" | "du" | "for"))
            && a.upos(end + 1) == Upos::Propn;
        if !joiner {
            break;
        }
        end += 1;
    }
    while start + 1 < end && is_title(a.lower(start).trim_end_matches('.')) {
        start += 1;
    }
    start..end
}

/// The noun phrase headed by `w` as a speaker's words: its determiner, modifiers and
/// possessor before it, and an `of`/`for`/`at`/`from` phrase after it (`a spokeswoman for
/// the ministry`), not a relative clause or an appositive.
pub(super) fn noun_phrase(a: &Analysed, w: usize) -> Range<usize> {
    let mut start = w;
    let mut end = w + 1;
    for c in a.children(w) {
        let sub = a.subtree(c);
        match a.deprel(c) {
            DepRel::Det
            | DepRel::DetPredet
            | DepRel::Amod
            | DepRel::Compound
            | DepRel::NmodPoss
            | DepRel::Nummod
            | DepRel::NmodDesc
                if c < w =>
            {
                start = start.min(sub.start)
            }
            DepRel::Nmod if c > w && sub.start == end => {
                let case = a.children(c).find(|&k| a.deprel(k) == DepRel::Case);
                if case.is_some_and(|k| {
                    matches!(a.lemma(k), "of" | "for" | "at" | "from" | "with" | "to")
                }) {
                    // Up to a comma: what follows one is set off from the phrase.
                    end = (sub.start..sub.end)
                        .find(|&i| a.upos(i) == Upos::Punct)
                        .unwrap_or(sub.end);
                }
            }
            _ => {}
        }
    }
    start..end
}

fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("’s")
        .or_else(|| s.strip_suffix("'s"))
        .or_else(|| s.strip_suffix('’'))
        .unwrap_or(s)
        .trim_end()
}

/// The speaker of reporting verb `v`: its subject (climbing to the verb it depends on when
/// it has none: `..., adding that`), or the agent of a passive (`was said by X`).
pub(super) fn speaker_of_verb(a: &Analysed, v: usize, text: &str) -> Option<(Who, Span)> {
    let mut verb = v;
    for _ in 0..4 {
        let subjects: Vec<usize> = a
            .children(verb)
            .filter(|&c| {
                matches!(
                    a.deprel(c),
                    DepRel::Nsubj | DepRel::NsubjPass | DepRel::NsubjOuter
                )
            })
            .collect();
        let agent = a.children(verb).find(|&c| a.deprel(c) == DepRel::OblAgent);
        // In `X was quoted as saying`, X is the passive subject and the speaker. Of two
        // subjects (`The difference, Mr. Warner said, was ...` parsed with both), the one
        // that can speak.
        if let Some(found) = agent
            .into_iter()
            .chain(subjects.iter().copied())
            .find_map(|s| speaker_of(a, s, text))
        {
            return Some(found);
        }
        if !subjects.is_empty() {
            return None;
        }
        // Quotative inversion (`..., says X`, `"...," said X`): the subject follows the
        // verb, and parsers often take it for an object.
        if verb == v {
            if let Some(found) = a
                .children(v)
                .filter(|&c| c > v && c <= v + 2)
                .find(|&c| {
                    matches!(
                        a.deprel(c).universal(),
                        DepRel::Obj | DepRel::Obl | DepRel::Dep
                    )
                })
                .and_then(|c| speaker_of(a, c, text))
                .filter(|(who, _)| !matches!(who, Who::Described(_)))
            {
                return Some(found);
            }
        }
        match (a.head(verb), a.deprel(verb).universal()) {
            (Some(h), DepRel::Xcomp | DepRel::Advcl | DepRel::Conj) => verb = h,
            _ => return None,
        }
    }
    None
}

/// `according to X`: the speaker X, for the words `according` of the sentence.
pub(super) fn according_to(a: &Analysed, text: &str) -> Option<(usize, Who, Span)> {
    (0..a.len().saturating_sub(2)).find_map(|i| {
        if a.lower(i) != "according" || a.lower(i + 1) != "to" {
            return None;
        }
        // "according" is the case marker of its noun (with "to" fixed to it).
        let noun = a.head(i).filter(|&h| h > i + 1)?;
        let (who, span) = speaker_of(a, noun, text)?;
        Some((noun, who, span))
    })
}

/// The cue of a quote with quotation marks, from the sentences holding its end and its start.
pub(super) fn cue_for(analyses: &Analyses, m: &Marked, text: &str) -> Option<Attribution> {
    let end = analyses.at(m.outer.end.saturating_sub(1));
    let start = analyses.at(m.outer.start);
    let mut tried: Vec<Span> = Vec::new();
    for a in [end, start].into_iter().flatten() {
        if tried.contains(&a.span) {
            continue;
        }
        tried.push(a.span);
        let found = sequence::after(a, m, text)
            .or_else(|| sequence::before(a, m, text))
            .or_else(|| cue_in(a, m, text));
        if found.is_some() {
            return found;
        }
    }
    // A paragraph that opens with the quote, after a paragraph ending in a colon (`X
    // wrote:`).
    if m.continues || m.block == 0 {
        return None;
    }
    let previous = analyses
        .before(m.outer.start)
        .next()
        .filter(|p| p.block + 1 == m.block)?;
    let between = text.get(previous.span.end..m.outer.start)?;
    if !previous.span.text(text).trim_end().ends_with(':') || !between.trim().is_empty() {
        return None;
    }
    colon_speaker(previous, previous.span.end, text).map(|mut found| {
        found.confidence *= 0.9;
        found
    })
}

/// The cue of quote `m` inside sentence `a`.
fn cue_in(a: &Analysed, m: &Marked, text: &str) -> Option<Attribution> {
    let inside = |i: usize| a.inside(i, m.outer);
    // Reporting verbs outside the marks, those the parse links to the quote first (the
    // quote's words depend on the verb, or the verb on them), then the nearest.
    let linked = |v: usize| {
        (0..a.len()).any(|q| inside(q) && (a.head(q) == Some(v) || a.head(v) == Some(q)))
    };
    let distance = |v: usize| {
        let w = a.word(v);
        if w.end <= m.outer.start {
            m.outer.start - w.end
        } else {
            w.start.saturating_sub(m.outer.end)
        }
    };
    let mut verbs: Vec<usize> = (0..a.len())
        .filter(|&v| !inside(v) && is_speech_verb(a, v))
        .collect();
    verbs.sort_by_key(|&v| (!linked(v), distance(v)));
    for v in verbs {
        if let Some((who, mention)) = speaker_of_verb(a, v, text) {
            let after = a.word(v).start >= m.outer.end;
            return Some(Attribution {
                who,
                mention,
                cue: Some(cue_words(a, v, text)),
                confidence: if after { AFTER } else { BEFORE },
            });
        }
    }
    if let Some((noun, who, mention)) = according_to(a, text) {
        if !inside(noun) {
            return Some(Attribution {
                who,
                mention,
                cue: Some("according to".into()),
                confidence: ACCORDING_TO,
            });
        }
    }
    // A colon right before the quote.
    let before = text
        .get(a.span.start..m.outer.start)
        .unwrap_or("")
        .trim_end();
    if before.ends_with(':') {
        return colon_speaker(a, m.outer.start, text);
    }
    None
}

/// The reporting verb with its auxiliaries and particle as printed (`said`, `has said`,
/// `pointed out`, `was quoted as saying`).
fn cue_words(a: &Analysed, v: usize, text: &str) -> String {
    let mut start = v;
    let mut end = v + 1;
    for c in a.children(v) {
        match a.deprel(c) {
            DepRel::Aux | DepRel::AuxPass if c < v && c + 3 >= v => start = start.min(c),
            DepRel::CompoundPrt if c > v && c <= end => end = c + 1,
            _ => {}
        }
    }
    a.words(start..end).text(text).to_string()
}

/// The speaker before a colon at `colon` (a position in `a`): the clause before it is a
/// speaker's phrase alone (`Lukin:`, `The minister said:`), or a clause whose subject is a
/// person (`X defended the plan:`).
fn colon_speaker(a: &Analysed, colon: usize, text: &str) -> Option<Attribution> {
    let words: Vec<usize> = (0..a.len())
        .filter(|&i| a.word(i).end <= colon && a.upos(i) != Upos::Punct)
        .collect();
    let first = *words.first()?;
    let last = *words.last()?;
    // The phrase alone: its words are one entity or one noun phrase.
    if let Some(e) = a.speaking_entity(first) {
        if e.words.end > last {
            let (who, mention) = speaker_of(a, first, text)?;
            return Some(Attribution {
                who,
                mention,
                cue: Some(":".into()),
                confidence: NAME_COLON,
            });
        }
    }
    // A reporting verb before the colon (`the minister said:` across the quote's sentence).
    if let Some(v) = words.iter().rev().copied().find(|&v| is_speech_verb(a, v)) {
        let mut e = v.saturating_sub(1);
        while e > 0 && matches!(a.upos(e), Upos::Aux | Upos::Adv) {
            e -= 1;
        }
        let next_to = (v > 0).then(|| sequence::phrase_to(a, e, text)).flatten();
        if let Some((who, mention)) = next_to.or_else(|| speaker_of_verb(a, v, text)) {
            return Some(Attribution {
                who,
                mention,
                cue: Some(cue_words(a, v, text)),
                confidence: BEFORE,
            });
        }
    }
    // The subject of the clause's main verb, when it names a person.
    let root = words.iter().copied().find(|&i| a.head(i).is_none())?;
    let subject = a.children(root).find(|&c| a.deprel(c).is_subject())?;
    let (who, mention) = speaker_of(a, subject, text)?;
    let person = match &who {
        Who::Name(_, kind) => *kind == Kind::Person,
        Who::Pronoun => true,
        Who::Described(_) => false,
    };
    person.then_some(Attribution {
        who,
        mention,
        cue: Some(":".into()),
        confidence: CLAUSE_COLON,
    })
}
