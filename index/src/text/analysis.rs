//! The one text analyser, used to index paragraphs, to analyse questions, to place
//! highlights and to compare names, so that what matches is what is highlighted
//! ("alliances" for "alliance"): words split at non-alphanumerics, words over 48 bytes
//! dropped, lowercased, folded to ASCII (Zürich = Zurich, Łódź = Lodz), stemmed with the
//! English Snowball stemmer. The search index registers it as its tokenizer
//! (`search::tokenizer`), so index and queries cannot drift apart.

use crate::model::Span;
use rust_stemmers::{Algorithm, Stemmer};
use std::cell::RefCell;
use std::collections::HashMap;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Words this long (in bytes) or longer are not indexed: they are data (hashes, base64),
/// not words anyone asks about.
const MAX_WORD_BYTES: usize = 48;

/// A word of a text: its analysed term, where it stands, and its position among the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub term: String,
    pub span: Span,
    /// The word's index among the text's words (dropped long words keep theirs).
    pub position: usize,
}

/// The analyser: cheap to make, reusable across texts.
pub struct Analyzer {
    stemmer: Stemmer,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer {
            stemmer: Stemmer::create(Algorithm::English),
        }
    }
}

impl Analyzer {
    /// The analysed words of `text`, with offsets shifted by `base` (so a paragraph's
    /// tokens carry offsets into the whole document).
    pub fn tokens(&self, text: &str, base: usize) -> Vec<Token> {
        let mut out = Vec::new();
        for (position, (start, end)) in word_runs(text).enumerate() {
            let word = &text[start..end];
            if word.len() >= MAX_WORD_BYTES {
                continue;
            }
            out.push(Token {
                term: self.term(word),
                span: Span::new(base + start, base + end),
                position,
            });
        }
        out
    }

    /// The analysed term of one word.
    pub fn term(&self, word: &str) -> String {
        TERMS.with(|terms| {
            if let Some(term) = terms.borrow().get(word) {
                return term.clone();
            }
            let term = self.stemmer.stem(&fold(word)).into_owned();
            let mut terms = terms.borrow_mut();
            if terms.len() >= TERMS_KEPT {
                terms.clear();
            }
            terms.insert(word.to_string(), term.clone());
            term
        })
    }
}

thread_local! {
    /// The terms this thread has worked out, by the word as written: the same words come
    /// back in every paragraph, and folding and stemming one costs many lookups. Every
    /// analyser stems alike, so they share it.
    static TERMS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// At most this many words are kept in a thread's [`TERMS`] (a few MB); past it they are
/// forgotten and the words met next are kept.
const TERMS_KEPT: usize = 1 << 16;

/// The analyser (a shorthand for `Analyzer::default()`).
pub fn analyzer() -> Analyzer {
    Analyzer::default()
}

/// The analysed words of `text` (see [`Analyzer::tokens`]).
pub fn tokens(analyzer: &Analyzer, text: &str, base: usize) -> Vec<Token> {
    analyzer.tokens(text, base)
}

/// The byte ranges of the runs of alphanumeric characters of `text`.
fn word_runs(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.find(|(_, c)| c.is_alphanumeric())?;
        let mut end = text.len();
        for (pos, c) in chars.by_ref() {
            if !c.is_alphanumeric() {
                end = pos;
                break;
            }
        }
        Some((start, end))
    })
}

/// A word lowercased and folded to ASCII where it is written in Latin letters with marks or
/// ligatures (é -> e, ß -> ss, ø -> o, ﬁ -> fi); other scripts are kept as they are.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        // Latin letters that compatibility decomposition does not take apart.
        let spelled = match c {
            'ß' => "ss",
            'æ' => "ae",
            'œ' => "oe",
            'ø' => "o",
            'ł' => "l",
            'đ' | 'ð' => "d",
            'þ' => "th",
            'ı' => "i",
            'ħ' => "h",
            'ŋ' => "n",
            'ŧ' => "t",
            // Vowels of the phonetic alphabet, as pronunciations print them (/ˈluːθər/).
            'ə' | 'ɐ' => "a",
            'ɛ' => "e",
            'ɔ' => "o",
            'ɪ' | 'ᵻ' => "i",
            'ʂ' => "s",
            _ => "",
        };
        if !spelled.is_empty() {
            out.push_str(spelled);
            continue;
        }
        // Letters with marks and compatibility forms (é, ň, ﬁ, ①, fullwidth Ａ) decompose
        // into a base and marks; the marks go. A Latin base is kept only when it is ASCII,
        // so that other scripts (Cyrillic, Greek, Han) stay as written.
        let mut base = String::new();
        decompose_compatible(c, |d| {
            if !is_combining_mark(d) {
                base.push(d);
            }
        });
        if !base.is_empty() && base.is_ascii() {
            out.extend(base.chars().flat_map(char::to_lowercase));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_folds_and_keeps_offsets() {
        let a = analyzer();
        let toks = a.tokens("Alliances in Zürich’s", 10);
        let terms: Vec<_> = toks.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(terms, vec!["allianc", "in", "zurich", "s"]);
        assert_eq!(toks[0].span, Span::new(10, 19));
        assert_eq!(a.term("alliance"), "allianc");
    }

    #[test]
    fn a_word_met_again_or_after_many_others_gets_the_same_term() {
        let a = analyzer();
        let first: Vec<String> = ["Alliances", "alliances", "Zürich"]
            .iter()
            .map(|w| a.term(w))
            .collect();
        assert_eq!(first, ["allianc", "allianc", "zurich"]);
        // More words than are kept: the cache is emptied on the way, never wrong.
        for i in 0..TERMS_KEPT + 10 {
            assert_eq!(a.term(&format!("walking{i}")), format!("walking{i}"));
        }
        assert_eq!(a.term("walking"), "walk");
        assert_eq!(a.term("Alliances"), "allianc");
        assert!(TERMS.with(|t| t.borrow().len()) <= TERMS_KEPT);
    }

    #[test]
    fn long_words_are_dropped_but_keep_positions() {
        let long = "x".repeat(MAX_WORD_BYTES);
        let text = format!("one {long} two");
        let toks = analyzer().tokens(&text, 0);
        let positions: Vec<_> = toks.iter().map(|t| (t.term.as_str(), t.position)).collect();
        assert_eq!(positions, vec![("one", 0), ("two", 2)]);
    }

    #[test]
    fn folds_latin_letters_and_keeps_other_scripts() {
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Ærøskøbing"), "aeroskobing");
        assert_eq!(fold("ﬁnal"), "final");
        assert_eq!(fold("Ｓmith"), "smith");
        assert_eq!(fold("Čapek"), "capek");
        assert_eq!(fold("Москва"), "москва");
        assert_eq!(fold("北京"), "北京");
    }
}
