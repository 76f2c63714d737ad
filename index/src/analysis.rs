//! The one text analyser, used to index paragraphs, to analyse questions and to place
//! highlights, so that what matches is what is highlighted ("alliances" for "alliance"):
//! words split at non-alphanumerics, lowercased, folded to ASCII (Zürich = Zurich, curly
//! and straight apostrophes alike), stemmed with the English Snowball stemmer.

use crate::model::Span;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, TokenStream,
};

/// The name the analyser is registered under in the index.
pub const ANALYZER: &str = "verbatim_en";

pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(48))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// A word of a text: its analysed term and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub term: String,
    pub span: Span,
}

/// The analysed words of `text`, with offsets shifted by `base` (so a paragraph's tokens
/// carry offsets into the whole document).
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str, base: usize) -> Vec<Token> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(t) = stream.next() {
        out.push(Token {
            term: t.text.clone(),
            span: Span::new(base + t.offset_from, base + t.offset_to),
        });
    }
    out
}

/// Month and weekday names: dates for "when" questions, never the start of a person's name.
pub const CALENDAR_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// English function words: dropped from questions (they are kept in the index, where
/// they cost little and keep positions true).
pub fn is_stopword(word: &str) -> bool {
    const STOPWORDS: &[&str] = &[
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "s",
        "t",
        "d",
        "ll",
        "m",
        "re",
        "ve",
        "also",
        "there",
        "get",
        "got",
        "may",
        "might",
        "must",
        "shall",
        "us",
        "ever",
        "tell",
        "me",
        "please",
        "know",
        "let",
        // Question words.
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "many",
        "much",
    ];
    STOPWORDS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_folds_and_keeps_offsets() {
        let mut a = analyzer();
        let toks = tokens(&mut a, "Alliances in Zürich’s", 10);
        let terms: Vec<_> = toks.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(terms, vec!["allianc", "in", "zurich", "s"]);
        assert_eq!(toks[0].span, Span::new(10, 19));
        let single: Vec<_> = tokens(&mut a, "alliance", 0)
            .into_iter()
            .map(|t| t.term)
            .collect();
        assert_eq!(single, vec!["allianc"]);
    }
}
