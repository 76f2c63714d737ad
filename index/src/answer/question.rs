//! Question analysis: what kind of answer is wanted (who, when, how many, ...) and which
//! words carry the question, analysed like the index. A question is never query syntax:
//! quotes, colons, `AND`, `*` or `~` are just characters, dropped by the tokenizer.

use crate::text::analysis::{Analyzer, Token};
use crate::text::lexicon::{is_light_question_word, is_stopword, QUESTION_SAYING_VERBS};

/// The longest question analysed; a longer paste is cut here (at a character boundary),
/// which keeps answering time bounded.
pub const MAX_QUESTION_BYTES: usize = 2_000;
/// At most this many distinct terms are searched.
const MAX_TERMS: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    Who,
    What,
    When,
    Where,
    Why,
    HowMany,
    How,
    #[default]
    Other,
}

/// A word of the question that is searched for.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The analysed (stemmed, folded) term.
    pub term: String,
    /// The word as typed, lowercased.
    pub word: String,
    /// How much the word says: 1 for content words, less for verbs of saying.
    pub weight: f32,
    /// Written like a name (capitalised inside the question).
    pub is_name: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub kind: Kind,
    pub terms: Vec<Term>,
    /// "Who is X?": the question names someone and asks nothing else.
    pub asks_identity: bool,
    /// "What did X say (about Y)?": answered from X's quotes.
    pub asks_words_of_someone: bool,
}

/// Analyses a question.
pub fn analyse(question: &str) -> Question {
    let question = cut(question);
    let tokens: Vec<Token> = Analyzer::default().tokens(question, 0);
    let words: Vec<String> = tokens
        .iter()
        .map(|t| t.span.text(question).to_lowercase())
        .collect();
    let kind = kind_of(&words);
    let mut terms: Vec<Term> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let word = &words[i];
        if is_stopword(word) || token.term.is_empty() {
            continue;
        }
        let raw = token.span.text(question);
        let capitalised = raw.chars().next().is_some_and(char::is_uppercase);
        // The first word is capitalised by grammar, not because it is a name.
        let is_name = capitalised
            && (i > 0 || !is_stopword(word))
            && !is_light_question_word(word)
            && !raw.chars().all(|c| c.is_uppercase() && raw.len() > 3);
        let weight = if is_light_question_word(word) {
            0.3
        } else {
            1.0
        };
        if let Some(t) = terms.iter_mut().find(|t| t.term == token.term) {
            t.weight = t.weight.max(weight);
            t.is_name |= is_name;
        } else if terms.len() < MAX_TERMS {
            terms.push(Term {
                term: token.term.clone(),
                word: word.clone(),
                weight,
                is_name,
            });
        }
    }
    let content: Vec<&Term> = terms.iter().filter(|t| t.weight >= 1.0).collect();
    let be = ["is", "was", "are", "were"];
    let asks_identity = kind == Kind::Who
        && words.len() >= 2
        && be.contains(&words[1].as_str())
        && !content.is_empty()
        && content.len() <= 3;
    let says = words
        .iter()
        .any(|w| QUESTION_SAYING_VERBS.contains(&w.as_str()));
    let asks_words_of_someone = matches!(kind, Kind::What | Kind::How | Kind::Other)
        && says
        && words
            .iter()
            .take(3)
            .any(|w| matches!(w.as_str(), "did" | "does" | "do" | "has" | "had"));
    Question {
        kind,
        terms,
        asks_identity,
        asks_words_of_someone,
    }
}

/// The question as analysed: at most [`MAX_QUESTION_BYTES`], cut at a word boundary so no
/// word is searched half.
pub(crate) fn cut(question: &str) -> &str {
    let mut cut = question.len().min(MAX_QUESTION_BYTES);
    while !question.is_char_boundary(cut) {
        cut -= 1;
    }
    if cut < question.len() {
        cut = question[..cut].rfind(char::is_whitespace).unwrap_or(cut);
    }
    &question[..cut]
}

fn kind_of(words: &[String]) -> Kind {
    for (i, w) in words.iter().take(4).enumerate() {
        let next = words.get(i + 1).map(String::as_str).unwrap_or("");
        return match w.as_str() {
            "who" | "whom" | "whose" => Kind::Who,
            "when" => Kind::When,
            "where" => Kind::Where,
            "why" => Kind::Why,
            "how" if matches!(next, "many" | "much" | "long" | "old" | "often") => Kind::HowMany,
            "how" => Kind::How,
            "what" | "which"
                if matches!(
                    next,
                    "year" | "date" | "day" | "month" | "time" | "century" | "decade"
                ) =>
            {
                Kind::When
            }
            "what" | "which"
                if matches!(next, "country" | "city" | "place" | "university" | "region") =>
            {
                Kind::Where
            }
            "what" | "which" if matches!(next, "number" | "percentage" | "amount") => Kind::HowMany,
            "what" | "which" => Kind::What,
            _ => continue,
        };
    }
    Kind::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(q: &str) -> Vec<String> {
        analyse(q).terms.into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn kinds() {
        assert_eq!(analyse("Who is Artyom Lukin?").kind, Kind::Who);
        assert_eq!(
            analyse("In what year did the revolution happen").kind,
            Kind::When
        );
        assert_eq!(analyse("how many alliances failed").kind, Kind::HowMany);
        assert_eq!(analyse("Why is Beijing cautious?").kind, Kind::Why);
        assert_eq!(analyse("Tell me about Kazakhstan").kind, Kind::Other);
    }

    #[test]
    fn drops_question_and_stop_words_and_stems() {
        assert_eq!(terms("Who is Artyom Lukin?"), vec!["artyom", "lukin"]);
        assert_eq!(terms("What are the alliances?"), vec!["allianc"]);
    }

    #[test]
    fn names_and_identity_questions() {
        let q = analyse("Who is Artyom Lukin?");
        assert!(q.asks_identity);
        assert!(q.terms.iter().all(|t| t.is_name));
        let q = analyse("What did Kuhrt say about Kazakhstan?");
        assert!(q.asks_words_of_someone);
        assert!(q.terms.iter().find(|t| t.word == "say").unwrap().weight < 1.0);
    }

    #[test]
    fn query_syntax_is_just_text() {
        assert_eq!(
            terms("\"Putin\" AND (China OR -Russia*) ~2 title:x"),
            vec!["putin", "china", "russia", "2", "titl", "x"]
        );
        assert!(terms("🙂🙂 ??? ::: ()").is_empty());
        let long = "alliance ".repeat(5_000);
        assert_eq!(terms(&long), vec!["allianc"]);
    }
}
