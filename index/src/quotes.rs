//! Finding quotations: the spans inside quotation marks in every common style (“ ” ‘ ’ " '
//! « » „ “), told apart from apostrophes (don’t, the Soviets’ advisers), from scare quotes
//! and from titles; quotes that run over several paragraphs (a paragraph that opens a
//! quote and does not close it continues into the next); and a closing mark whose opening
//! mark is missing. Attribution, and statements reported without quotation marks, are in
//! `speakers.rs`.

use crate::model::{Document, Person, Quote, QuoteKind, Span};

/// A quoted span found in a block, before attribution.
#[derive(Debug, Clone, PartialEq)]
pub struct Marked {
    /// The block (paragraph) index.
    pub block: usize,
    /// The quoted words, without the marks.
    pub inner: Span,
    /// The words with the marks (where a mark is missing, the inner edge).
    pub outer: Span,
    pub kind: QuoteKind,
    /// Continues a quote opened in an earlier paragraph.
    pub continues: bool,
}

/// Finds and attributes the quotes of a document, and the people who said them.
pub fn extract(doc: &Document) -> (Vec<Quote>, Vec<Person>) {
    let marked = find_marked(doc);
    crate::speakers::attribute(doc, &marked)
}

fn opening_for(c: char) -> Option<&'static [char]> {
    // For each opening mark, the marks that may close it.
    Some(match c {
        '“' => &['”', '“'],
        '„' => &['“', '”'],
        '«' => &['»'],
        '»' => &['«'],
        '‘' => &['’'],
        '‚' => &['‘', '’'],
        '‹' => &['›'],
        '"' => &['"'],
        '\'' => &['\''],
        _ => return None,
    })
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

/// Words after which a short quoted phrase is a name or a term, not speech.
const NAMING: &[&str] = &[
    "so-called",
    "called",
    "dubbed",
    "named",
    "titled",
    "entitled",
    "nicknamed",
    "as",
    "term",
    "word",
    "phrase",
    "label",
    "labelled",
    "labeled",
    "slogan",
    "motto",
    "hashtag",
    "codenamed",
];

/// Finds every quoted span of every block.
pub fn find_marked(doc: &Document) -> Vec<Marked> {
    let text = &doc.text;
    let mut out = Vec::new();
    // A quote left open at the end of a paragraph: the marks that would close it.
    let mut open_from_previous: Option<&'static [char]> = None;
    for (b, block) in doc.blocks.iter().enumerate() {
        let s = block.span.text(text);
        let base = block.span.start;
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let mut i = 0;
        let mut continued = open_from_previous.take();
        // A paragraph that continues an open quote must itself open with a quotation mark
        // (the news convention); otherwise the earlier quote simply was not closed.
        if chars.first().is_none_or(|(_, c)| opening_for(*c).is_none()) {
            continued = None;
        }
        if let Some(closers) = continued {
            // The paragraph's opening mark repeats the quote's; find its close.
            let start = chars[0].0 + chars[0].1.len_utf8();
            match find_close(&chars, 1, closers, s) {
                Some(k) => {
                    push(
                        &mut out,
                        b,
                        base,
                        start,
                        chars[k].0,
                        start - chars[0].1.len_utf8(),
                        chars[k].0 + chars[k].1.len_utf8(),
                        true,
                        s,
                    );
                    i = k + 1;
                }
                None => {
                    push(&mut out, b, base, start, s.len(), 0, s.len(), true, s);
                    open_from_previous = Some(closers);
                    continue;
                }
            }
        }
        while i < chars.len() {
            let (pos, c) = chars[i];
            let prev = i.checked_sub(1).map(|j| chars[j].1);
            let next = chars.get(i + 1).map(|x| x.1);
            let Some(closers) = opening_for(c) else {
                i += 1;
                continue;
            };
            // Straight and single marks between letters are apostrophes (don't, O'Brien);
            // a mark must be followed by the quote's first character.
            let ambiguous = matches!(c, '\'' | '"' | '‘');
            if (ambiguous && is_word_char(prev)) || next.is_none_or(char::is_whitespace) {
                i += 1;
                continue;
            }
            let start = pos + c.len_utf8();
            match find_close(&chars, i + 1, closers, s) {
                Some(k) => {
                    let end = chars[k].0;
                    push(
                        &mut out,
                        b,
                        base,
                        start,
                        end,
                        pos,
                        end + chars[k].1.len_utf8(),
                        false,
                        s,
                    );
                    i = k + 1;
                }
                None => {
                    // Unclosed: it runs to the end of the paragraph, and on into the next
                    // if that opens with a mark. Single marks rarely do this; an
                    // unmatched single mark is more likely an apostrophe.
                    if matches!(c, '“' | '„' | '«' | '"') && s.len() - start > 20 {
                        push(&mut out, b, base, start, s.len(), pos, s.len(), false, s);
                        open_from_previous = Some(closers);
                    }
                    break;
                }
            }
        }
        missing_openers(&mut out, b, base, s);
    }
    out
}

/// The index of the mark that closes a quote opened before `from`, if any. A single
/// closing mark followed by a lowercase word (the Soviets’ advisers) is an apostrophe.
fn find_close(chars: &[(usize, char)], from: usize, closers: &[char], s: &str) -> Option<usize> {
    for k in from..chars.len() {
        let c = chars[k].1;
        if !closers.contains(&c) || chars[k - 1].1.is_whitespace() {
            continue;
        }
        if !matches!(c, '’' | '\'' | '‘') {
            return Some(k);
        }
        if chars[k - 1].1.is_alphanumeric() && is_word_char(chars.get(k + 1).map(|x| x.1)) {
            continue; // don’t, China’s
        }
        // After a single closing mark comes punctuation, the end, a capital, or a cue.
        let after = s[chars[k].0 + c.len_utf8()..].trim_start();
        match after.chars().next() {
            None => return Some(k),
            Some(f) if !f.is_alphanumeric() || f.is_uppercase() => return Some(k),
            Some(_) => {
                let word: String = after
                    .chars()
                    .take_while(|c| c.is_alphabetic())
                    .collect::<String>()
                    .to_lowercase();
                if crate::speakers::is_cue(&word)
                    || matches!(word.as_str(), "he" | "she" | "they" | "it" | "we" | "i")
                {
                    return Some(k);
                }
            }
        }
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn push(
    out: &mut Vec<Marked>,
    block: usize,
    base: usize,
    start: usize,
    end: usize,
    outer_start: usize,
    outer_end: usize,
    continues: bool,
    s: &str,
) {
    let inner = &s[start..end];
    let trimmed_start = start + (inner.len() - inner.trim_start().len());
    let trimmed_end = start + inner.trim_end().len();
    if trimmed_end <= trimmed_start {
        return;
    }
    let words = s[trimmed_start..trimmed_end].split_whitespace().count();
    let kind = classify(s, trimmed_start, trimmed_end, outer_start, words);
    let Some(kind) = kind else { return };
    out.push(Marked {
        block,
        inner: Span::new(base + trimmed_start, base + trimmed_end),
        outer: Span::new(base + outer_start, base + outer_end),
        kind,
        continues,
    });
}

/// How far before a quote (in bytes) its sentence is read for a verb of saying: further
/// than the longest sentences of news reach. Unbounded, a paragraph without sentence
/// punctuation was read again for every quote in it, which is quadratic: 64 KB of `“a” `
/// took 30 seconds to import (found by fuzzing).
const REPORTED_LOOKBACK: usize = 1_000;

/// Speech (direct or partial), or None for a scare quote, a term or a title.
fn classify(
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
    if words <= 4 && before.first().is_some_and(|w| NAMING.contains(&w.as_str())) {
        return None;
    }
    // Every word capitalised: a title or a name ("Hope", "Better Idea of Afghan Girls").
    let small = [
        "of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with",
    ];
    let title_case = inner.split_whitespace().all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
            || small.contains(&w)
    });
    let first_word = inner.split_whitespace().next().unwrap_or("");
    let pronoun = matches!(
        first_word,
        "I" | "We" | "You" | "It" | "They" | "He" | "She" | "This" | "That"
    );
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
        .any(|w| crate::speakers::is_cue(&w.to_lowercase()));
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

/// A closing double mark and no opening one before it in the paragraph, followed by a cue
/// (`... two-front scenario,” said Artyom Lukin.`): the quote runs from the paragraph's
/// start. Recovered rather than dropped.
fn missing_openers(out: &mut Vec<Marked>, block: usize, base: usize, s: &str) {
    if out
        .iter()
        .any(|m| m.block == block && m.outer.start == base)
    {
        return;
    }
    for (pos, c) in s.char_indices() {
        if matches!(c, '“' | '„' | '«' | '"')
            && !(c == '"' && s[pos + 1..].trim_start() != &s[pos + 1..])
        {
            return; // an opening mark comes first: the quotes are balanced
        }
        if matches!(c, '”' | '»' | '"') {
            let rest = &s[pos + c.len_utf8()..];
            let after = rest
                .trim_start_matches([',', '.', ' ', '\u{a0}'])
                .trim_start();
            let word: String = after
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect::<String>()
                .to_lowercase();
            let cue_follows =
                crate::speakers::is_cue(&word) || crate::speakers::starts_with_name_and_cue(after);
            if cue_follows && pos > 0 {
                let inner = &s[..pos];
                let end = inner.trim_end().len();
                let start = inner.len() - inner.trim_start().len();
                if end > start {
                    out.push(Marked {
                        block,
                        inner: Span::new(base + start, base + end),
                        outer: Span::new(base, base + pos + c.len_utf8()),
                        kind: QuoteKind::Direct,
                        continues: false,
                    });
                }
            }
            return;
        }
    }
}

pub(crate) fn quote_from(
    doc: &Document,
    m: &Marked,
    speaker: String,
    cue: Option<String>,
    mention: Option<crate::model::Mention>,
    confidence: f32,
) -> Quote {
    Quote {
        speaker,
        text: m.inner.text(&doc.text).to_string(),
        kind: m.kind,
        cue,
        mention,
        document: doc.id.clone(),
        paragraph: m.block,
        start: m.inner.start,
        end: m.inner.end,
        confidence,
    }
}
