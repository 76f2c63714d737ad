//! Sentence segmentation. A sentence ends at `.`, `!`, `?` or `…` (with any closing
//! quotation marks and brackets after it) followed by white space and a character that can
//! start a sentence. Not at: titles (Dr., Prof.), initials (J. K. Rowling), months before
//! a day (Jan. 5), abbreviations and dotted acronyms followed by a word that does not start
//! sentences (U.S. officials), decimals (3.5), or a quote's end followed by its lowercase
//! attribution (“Go!” she said).

use super::lexicon::{
    AMBIGUOUS_ABBREVIATIONS, HONORIFIC_ABBREVIATIONS, MONTH_ABBREVIATIONS, REFERENCE_ABBREVIATIONS,
    SENTENCE_OPENERS,
};
use crate::model::Span;

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‽')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}')
}

/// Splits `text[block]` into sentences; the spans cover every non-blank part of the block,
/// in order, without overlap, trimmed of white space.
pub fn sentences(text: &str, block: Span) -> Vec<Span> {
    let slice = &text[block.start..block.end];
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0usize; // byte offset within slice
    let mut i = 0usize;
    while i < chars.len() {
        let (_, c) = chars[i];
        if !is_terminal(c) {
            i += 1;
            continue;
        }
        // Take the whole run of terminal punctuation and closing marks.
        let mut j = i + 1;
        while j < chars.len() && (is_terminal(chars[j].1) || is_closing(chars[j].1)) {
            j += 1;
        }
        let end_byte = chars.get(j).map(|x| x.0).unwrap_or(slice.len());
        // It must be followed by white space (or the end of the block).
        let mut k = j;
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        if j < chars.len() && k == j {
            i = j;
            continue;
        }
        if k >= chars.len() {
            break;
        }
        let next = chars[k].1;
        if breaks_here(slice, &chars, i, k, c, next) {
            push_trimmed(&mut out, slice, block.start, start, end_byte);
            start = chars[k].0;
        }
        i = k;
    }
    push_trimmed(&mut out, slice, block.start, start, slice.len());
    out
}

fn push_trimmed(out: &mut Vec<Span>, slice: &str, base: usize, start: usize, end: usize) {
    let piece = &slice[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        out.push(Span::new(
            base + start + lead,
            base + start + lead + trimmed.len(),
        ));
    }
}

/// Decides a candidate boundary: `term` at char index `i` is the terminal mark, `next` the
/// first character after the white space, at char index `k`.
fn breaks_here(
    slice: &str,
    chars: &[(usize, char)],
    i: usize,
    k: usize,
    term: char,
    next: char,
) -> bool {
    if next.is_lowercase() {
        return false;
    }
    if term != '.' || i + 1 < chars.len() && chars[i + 1].1 == '.' {
        return true; // ! ? … and "..." end sentences before a capital
    }
    // The word before the period.
    let before = &slice[..chars[i].0];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '[' | '"' | '“' | '‘' | '\'' | '«'))
        .map(|p| p + before[p..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    let lower = word.to_lowercase();
    let next_word: String = slice[chars[k].0..]
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    let next_is_opener = SENTENCE_OPENERS.contains(&next_word.to_lowercase().as_str());
    // An initial: one capital letter (J. K. Rowling).
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return false;
    }
    if HONORIFIC_ABBREVIATIONS.contains(&lower.as_str())
        || REFERENCE_ABBREVIATIONS.contains(&lower.as_str())
    {
        return false;
    }
    if MONTH_ABBREVIATIONS.contains(&lower.as_str()) {
        return !next.is_ascii_digit();
    }
    let dotted_acronym = word.contains('.')
        && word
            .split('.')
            .all(|p| p.chars().count() <= 2 && p.chars().all(char::is_alphabetic));
    if AMBIGUOUS_ABBREVIATIONS.contains(&lower.as_str()) || dotted_acronym {
        return next_is_opener;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text, Span::new(0, text.len()))
            .iter()
            .map(|s| s.text(text))
            .collect()
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            split("One two. Three four! Five six? Seven"),
            vec!["One two.", "Three four!", "Five six?", "Seven"]
        );
    }

    #[test]
    fn titles_initials_decimals_and_months() {
        assert_eq!(
            split("Dr. Jane Smith met Prof. Lee at 3.5 p.m. on Jan. 5 in St. Louis. They talked."),
            vec![
                "Dr. Jane Smith met Prof. Lee at 3.5 p.m. on Jan. 5 in St. Louis.",
                "They talked."
            ]
        );
        assert_eq!(
            split("The books of J. K. Rowling sold well. Sales rose."),
            vec!["The books of J. K. Rowling sold well.", "Sales rose."]
        );
    }

    #[test]
    fn acronyms_end_sentences_only_before_an_opener() {
        assert_eq!(
            split("He flew to the U.S. The President met him."),
            vec!["He flew to the U.S.", "The President met him."]
        );
        assert_eq!(
            split("The U.S. Navy sailed. It was late."),
            vec!["The U.S. Navy sailed.", "It was late."]
        );
        assert_eq!(
            split("Acme Inc. Chief Executive Bo Li spoke."),
            vec!["Acme Inc. Chief Executive Bo Li spoke."]
        );
    }

    #[test]
    fn quotes_with_attribution_stay_whole() {
        assert_eq!(
            split("“We will win!” she said. “Go.” He left."),
            vec!["“We will win!” she said.", "“Go.”", "He left."]
        );
        assert_eq!(
            split("\"It is over,\" said Ana Ruiz. \"We lost.\""),
            vec!["\"It is over,\" said Ana Ruiz.", "\"We lost.\""]
        );
        assert_eq!(
            split("‘We want it. Chinese want it too’, says Loekin."),
            vec!["‘We want it.", "Chinese want it too’, says Loekin."]
        );
    }

    #[test]
    fn offsets_are_into_the_whole_text() {
        let text = "Head\nFirst one. Second one.";
        let spans = sentences(text, Span::new(5, text.len()));
        assert_eq!(spans, vec![Span::new(5, 15), Span::new(16, 27)]);
    }

    #[test]
    fn ellipsis_and_unicode() {
        assert_eq!(
            split("Wait… Then it came. Ça va? Oui."),
            vec!["Wait…", "Then it came.", "Ça va?", "Oui."]
        );
    }
}
