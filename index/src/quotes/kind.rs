//! What a quoted span is: speech (a direct quote, or a partial quote inside reported
//! speech), or not speech at all (a scare quote, a term, a title).

use crate::model::QuoteKind;
use crate::text::lexicon::{
    is_reporting_verb, NAMING_WORDS, SPEECH_OPENERS, TITLE_CASE_SMALL_WORDS,
};

/// How far before a quote (in bytes) its sentence is read for a verb of saying: further
/// than the longest sentences of news reach. Unbounded, a paragraph without sentence
/// punctuation was read again for every quote in it, which is quadratic: 64 KB of `“a” `
/// took 30 seconds to import (found by fuzzing).
const REPORTED_LOOKBACK: usize = 1_000;

/// Speech (direct or partial), or None for a scare quote, a term or a title.
pub(super) fn classify(
    s: &str,
    start: usize,
    end: usize,
    outer_start: usize,
    words: usize,
) -> Option<QuoteKind> {
    let inner = &s[start..end];
    let before: Vec<String> = s[..outer_start]
        .split_whitespace()
        .rev()
        .take(3)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        })
        .collect();
    let sentence_start = s[..outer_start].trim_end().is_empty()
        || s[..outer_start]
            .trim_end()
            .ends_with(['.', '!', '?', ':', '—', '–']);
    let capitalised_words = inner
        .split_whitespace()
        .filter(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
        })
        .count();
    let content_words = inner
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    let ends_as_sentence = inner
        .trim_end_matches(['"', '\'', '’', '”'])
        .ends_with(['.', '!', '?', ',', '…']);
    if words <= 4
        && before
            .first()
            .is_some_and(|w| NAMING_WORDS.contains(&w.as_str()))
    {
        return None;
    }
    // Every word capitalised: a title or a name ("Hope", "Songs of the Night Ferry").
    let title_case = inner.split_whitespace().all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
            || TITLE_CASE_SMALL_WORDS.contains(&w)
    });
    let first_word = inner.split_whitespace().next().unwrap_or("");
    let pronoun = SPEECH_OPENERS.contains(&first_word);
    if title_case
        && words <= 6
        && capitalised_words > 0
        && content_words > 0
        && !pronoun
        && !(sentence_start && words > 3)
    {
        return None;
    }
    // A few lowercase words with no clause: a scare quote (the so-called “dividend”),
    // unless the sentence reports speech before it (assured Russia of “backing up”).
    let mut from = outer_start.saturating_sub(REPORTED_LOOKBACK);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    let sentence_before = &s[from..outer_start];
    let sentence_before = sentence_before
        .rfind(['.', '!', '?'])
        .map_or(sentence_before, |p| &sentence_before[p + 1..]);
    let reported = sentence_before
        .split(|c: char| !c.is_alphabetic())
        .any(|w| is_reporting_verb(&w.to_lowercase()));
    if words <= 3 && !ends_as_sentence && !reported {
        return None;
    }
    let starts_capital = inner.chars().next().is_some_and(char::is_uppercase);
    if sentence_start || (ends_as_sentence && (starts_capital || words >= 12)) {
        Some(QuoteKind::Direct)
    } else {
        Some(QuoteKind::Partial)
    }
}
