//! Where people's names stand in a text, by the shape of the words: capitalised words with
//! particles and initials, after any title, and not an organisation or a place.

use super::lexicon::{
    is_reporting_verb, is_title, CALENDAR_WORDS, NAME_PARTICLES, NOT_NAME_STARTS,
    ORGANISATION_AND_PLACE_NOUNS,
};
use super::words::{is_capitalised, lower, no_gap, strip_possessive, words, Word};
use crate::model::Span;

/// Capitalised words that do not start a name: function words and calendar words.
pub fn is_not_name(word: &&str) -> bool {
    NOT_NAME_STARTS.contains(word) || CALENDAR_WORDS.contains(word)
}

/// The person's name starting at word `i`: capitalised words (with particles and
/// initials), without a title before it. Returns the word range [i, j).
pub fn name_at(ws: &[Word], i: usize, text: &str) -> Option<(usize, usize)> {
    let mut i = i;
    while i < ws.len()
        && is_title(lower(&ws[i]).trim_end_matches('.'))
        && is_capitalised(ws[i].text)
        && ws.get(i + 1).is_some_and(|w| is_capitalised(w.text))
        && no_gap(ws, i, text)
    {
        i += 1;
    }
    let first = ws.get(i)?;
    // A capitalised reporting verb opens a sentence, not a name (`Writing in a blog, ...`,
    // `Reports: ...`).
    if !is_capitalised(first.text)
        || is_not_name(&lower(first).as_str())
        || is_reporting_verb(&lower(first))
        || first.text.chars().all(|c| c.is_uppercase())
            && first.text.len() > 1
            && first.text.len() < 4
    {
        return None;
    }
    let mut j = i + 1;
    while j < ws.len() && j - i < 5 && no_gap(ws, j - 1, text) {
        let w = &ws[j];
        if is_capitalised(w.text) && !is_not_name(&lower(w).as_str()) {
            j += 1;
            if w.text.ends_with("’s") || w.text.ends_with("'s") {
                break;
            }
        } else if NAME_PARTICLES.contains(&w.text)
            && ws.get(j + 1).is_some_and(|n| is_capitalised(n.text))
        {
            j += 1;
        } else {
            break;
        }
    }
    let words_lower: Vec<String> = ws[i..j].iter().map(lower).collect();
    if words_lower
        .iter()
        .any(|w| ORGANISATION_AND_PLACE_NOUNS.contains(&strip_possessive(w)))
    {
        return None;
    }
    Some((i, j))
}

/// The text and span of the name at words `range`, without a possessive `'s`.
pub fn name_text<'a>(ws: &[Word], range: (usize, usize), text: &'a str) -> (&'a str, Span) {
    let span = Span::new(ws[range.0].span.start, ws[range.1 - 1].span.end);
    let t = span.text(text);
    let t2 = strip_possessive(t);
    (t2, Span::new(span.start, span.start + t2.len()))
}

/// Is `text` (after a closing mark) a name followed by a cue (`Smith said`)?
pub fn starts_with_name_and_cue(text: &str) -> bool {
    let mut end = text.len().min(200);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let ws = words(text, Span::new(0, end));
    if let Some((_, j)) = name_at(&ws, 0, text) {
        return ws.get(j).is_some_and(|w| {
            is_reporting_verb(&lower(w)) || lower(w) == "is" || lower(w) == "was"
        });
    }
    false
}
