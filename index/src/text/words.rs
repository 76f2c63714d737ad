//! The engine's word splitter for reading text (names, cues, descriptions): words with the
//! punctuation that belongs to them. The search index's terms are split by
//! [`super::analysis`], which splits at every non-alphanumeric character so that `U.S`
//! matches `US` and `don't` matches `don t`: a different job.

use crate::model::Span;

/// A word of the text: where it stands and what it says.
#[derive(Debug, Clone)]
pub struct Word<'a> {
    pub span: Span,
    pub text: &'a str,
}

/// The words of `text[span]`: runs of letters and digits, with an apostrophe, hyphen or
/// period inside a word kept in it (`don't`, `Jean-Luc`, `U.S`; a period only after one
/// letter, so initials stay whole).
pub fn words(text: &str, span: Span) -> Vec<Word<'_>> {
    let s = span.text(text);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (i, &(pos, c)) in chars.iter().enumerate() {
        let inner_joiner = matches!(c, '\'' | '’' | '-' | '.')
            && start.is_some()
            && chars.get(i + 1).is_some_and(|x| x.1.is_alphanumeric())
            && (c != '.' || s[start.unwrap_or(pos)..pos].chars().count() == 1);
        if c.is_alphanumeric() || inner_joiner {
            start.get_or_insert(pos);
        } else if let Some(st) = start.take() {
            out.push(Word {
                span: Span::new(span.start + st, span.start + pos),
                text: &s[st..pos],
            });
        }
    }
    if let Some(st) = start {
        out.push(Word {
            span: Span::new(span.start + st, span.end),
            text: &s[st..],
        });
    }
    out
}

/// A word, lowercased.
pub fn lower(w: &Word) -> String {
    w.text.to_lowercase()
}

/// Whether a word starts with a capital letter.
pub fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A word without its possessive `'s`.
pub fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .unwrap_or(w)
}

/// True when only white space separates word `i` from word `i + 1`.
pub fn no_gap(ws: &[Word], i: usize, text: &str) -> bool {
    ws.get(i + 1).is_some_and(|n| {
        text[ws[i].span.end..n.span.start]
            .chars()
            .all(|c| c == ' ' || c == '\u{a0}')
    })
}
