//! The engine's analyser (`text::analysis`) as a tantivy tokenizer, so that the index holds
//! exactly the terms that questions and highlights are analysed into.

use crate::text::analysis::Analyzer;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

/// The name the analyser is registered under in the index.
pub(super) const NAME: &str = "verbatim_en";

/// The analyser, for tantivy.
pub(super) fn text_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(EngineTokenizer)
}

#[derive(Clone, Default)]
struct EngineTokenizer;

struct Tokens {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for EngineTokenizer {
    type TokenStream<'a> = Tokens;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens {
        let tokens = Analyzer::default()
            .tokens(text, 0)
            .into_iter()
            .map(|t| Token {
                offset_from: t.span.start,
                offset_to: t.span.end,
                position: t.position,
                text: t.term,
                position_length: 1,
            })
            .collect();
        Tokens { tokens, next: 0 }
    }
}

impl TokenStream for Tokens {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tantivy_sees_the_engine_terms() {
        let mut analyzer = text_analyzer();
        let mut stream = analyzer.token_stream("Alliances in Zürich");
        let mut terms = Vec::new();
        while stream.advance() {
            terms.push(stream.token().text.clone());
        }
        assert_eq!(terms, vec!["allianc", "in", "zurich"]);
    }
}
