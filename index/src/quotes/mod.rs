//! Finding quotations: the spans inside quotation marks in every common style (“ ” ‘ ’ " '
//! « » „ “), told apart from apostrophes (don’t, the Soviets’ advisers), from scare quotes
//! and from titles; quotes that run over several paragraphs (a paragraph that opens a
//! quote and does not close it continues into the next); and a closing mark whose opening
//! mark is missing. Each span is handed on as [`Marked`]; attribution, and statements
//! reported without quotation marks, are the next stage's (`attribution/`).

mod kind;

use crate::model::{Document, QuoteKind, Span};
use crate::text::lexicon::is_reporting_verb;
use crate::text::names::starts_with_name_and_cue;

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

/// Finds every quoted span of every block.
pub fn find_marked(doc: &Document) -> Vec<Marked> {
    let text = &doc.text;
    let mut out = Vec::new();
    // A quote left open at the end of a paragraph: the marks that would close it.
    let mut open_from_previous: Option<&'static [char]> = None;
    for (b, block) in doc.blocks.iter().enumerate() {
        let s = block.span.text(text);
        let base = block.span.start;
        let here = BlockText {
            index: b,
            base,
            text: s,
        };
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let mut i = 0;
        let mut continued = open_from_previous.take();
        let left_open = continued.is_some();
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
                    let piece = Piece {
                        inner: start..chars[k].0,
                        outer: start - chars[0].1.len_utf8()..chars[k].0 + chars[k].1.len_utf8(),
                        continues: true,
                    };
                    push(&mut out, &here, piece);
                    i = k + 1;
                }
                None => {
                    let piece = Piece {
                        inner: start..s.len(),
                        outer: 0..s.len(),
                        continues: true,
                    };
                    push(&mut out, &here, piece);
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
                    let piece = Piece {
                        inner: start..end,
                        outer: pos..end + chars[k].1.len_utf8(),
                        continues: false,
                    };
                    push(&mut out, &here, piece);
                    i = k + 1;
                }
                None => {
                    // Unclosed: it runs to the end of the paragraph, and on into the next
                    // if that opens with a mark. Single marks rarely do this; an
                    // unmatched single mark is more likely an apostrophe.
                    if matches!(c, '“' | '„' | '«' | '"') && s.len() - start > 20 {
                        let piece = Piece {
                            inner: start..s.len(),
                            outer: pos..s.len(),
                            continues: false,
                        };
                        push(&mut out, &here, piece);
                        open_from_previous = Some(closers);
                    }
                    break;
                }
            }
        }
        missing_openers(&mut out, b, base, s, left_open);
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
                if is_reporting_verb(&word)
                    || matches!(word.as_str(), "he" | "she" | "they" | "it" | "we" | "i")
                {
                    return Some(k);
                }
            }
        }
    }
    None
}

/// A block's text, where it starts in the document, and its index.
struct BlockText<'a> {
    index: usize,
    base: usize,
    text: &'a str,
}

/// A quoted piece of a block, in byte offsets into the block's text: the quoted words and
/// the words with their marks.
struct Piece {
    inner: std::ops::Range<usize>,
    outer: std::ops::Range<usize>,
    continues: bool,
}

/// Keeps a quoted piece that is speech (see `kind::classify`), trimmed of white space.
fn push(out: &mut Vec<Marked>, block: &BlockText, piece: Piece) {
    let s = block.text;
    let inner = &s[piece.inner.clone()];
    let trimmed_start = piece.inner.start + (inner.len() - inner.trim_start().len());
    let trimmed_end = piece.inner.start + inner.trim_end().len();
    if trimmed_end <= trimmed_start {
        return;
    }
    let words = s[trimmed_start..trimmed_end].split_whitespace().count();
    let Some(kind) = kind::classify(s, trimmed_start, trimmed_end, piece.outer.start, words) else {
        return;
    };
    out.push(Marked {
        block: block.index,
        inner: Span::new(block.base + trimmed_start, block.base + trimmed_end),
        outer: Span::new(block.base + piece.outer.start, block.base + piece.outer.end),
        kind,
        continues: piece.continues,
    });
}

/// A closing double mark and no opening one before it in the paragraph, followed by a cue
/// (`... two-front scenario,” said Artyom Lukin.`), or after a paragraph that left a quote
/// open: the quote runs from the paragraph's start. Recovered rather than dropped.
fn missing_openers(out: &mut Vec<Marked>, block: usize, base: usize, s: &str, left_open: bool) {
    if out
        .iter()
        .any(|m| m.block == block && m.outer.start == base)
    {
        return;
    }
    for (pos, c) in s.char_indices() {
        // A straight mark opens a quote only before the quote's first character.
        let straight_opens = s[pos + c.len_utf8()..]
            .chars()
            .next()
            .is_some_and(|n| !n.is_whitespace());
        if matches!(c, '“' | '„' | '«') || c == '"' && straight_opens {
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
            let cue_follows = is_reporting_verb(&word) || starts_with_name_and_cue(after);
            // After a paragraph that left a quote open, a paragraph that only closes one
            // continues it (some outlets do not open each paragraph of a long quote).
            if (cue_follows || left_open) && pos > 0 {
                let inner = &s[..pos];
                let end = inner.trim_end().len();
                let start = inner.len() - inner.trim_start().len();
                if end > start {
                    out.push(Marked {
                        block,
                        inner: Span::new(base + start, base + end),
                        outer: Span::new(base, base + pos + c.len_utf8()),
                        kind: QuoteKind::Direct,
                        continues: left_open && !cue_follows,
                    });
                }
            }
            return;
        }
    }
}
