//! When two names are one person's, and how well a typed name matches a person: any case,
//! accents folded, small typos (Jaro-Winkler similarity, which weighs the start of a name
//! most), and transliteration variants (Lukin / Loekin) by their Double Metaphone sound
//! codes. No list of known names is involved.
//!
//! The one rule: two words are the same name word when [`token_similarity`] reaches
//! [`SAME_TOKEN`], and two names are one person's when they have the same number of words,
//! each the same ([`same_name`]). Inside one article a person is also called by their
//! surname alone (`Kuhrt` after `Natasha Kuhrt`: [`same_person_in_article`]); across
//! articles a surname alone is not enough, since many people share one. A typed query matches a
//! person when each of its words is a word of one of their names ([`match_score`]).

use crate::model::Span;
use crate::text::analysis::fold;
use crate::text::words::words;
use rphonetic::DoubleMetaphone;
use std::sync::OnceLock;

/// Two name tokens this similar are the same name (a typo or a variant spelling).
/// Chosen on pairs like Kuhrt/Kurht (0.95), Kuhrt/Kurt (0.95), Lukin/Loekin (0.84 + sound)
/// against distinct names such as Smith/Smyth-free pairs like John/Jane (0.70), Lukin/Putin (0.73).
pub const SAME_TOKEN: f32 = 0.88;

fn metaphone() -> &'static DoubleMetaphone {
    static M: OnceLock<DoubleMetaphone> = OnceLock::new();
    M.get_or_init(DoubleMetaphone::default)
}

/// A name's words, lowercased and folded to ASCII, without punctuation: the words of the
/// text's word splitter, with hyphenated and dotted parts apart (`Jean-Luc`, `J.K.`), so
/// that each part is matched on its own.
pub fn tokens(name: &str) -> Vec<String> {
    words(name, Span::new(0, name.len()))
        .iter()
        .flat_map(|w| w.text.split(['-', '.']))
        .map(|w| fold(w.trim_matches(|c| c == '\'' || c == '’')))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Similarity of two name words, 0 to 1.
pub fn token_similarity(a: &str, b: &str) -> f32 {
    if a == b {
        return 1.0;
    }
    let jw = strsim::jaro_winkler(a, b) as f32;
    if a.len() < 3 || b.len() < 3 {
        return if jw > 0.99 { jw } else { 0.0 };
    }
    // Sound codes are for Latin-script names (folded to ASCII); rphonetic slices by bytes
    // and is not given anything else.
    if !a.is_ascii() || !b.is_ascii() {
        return jw;
    }
    // Same sound and the same first letter: a spelling of the same name. The sound codes
    // are the costly part, worked out only when the rest holds.
    if a.chars().next() != b.chars().next() || jw < 0.75 {
        return jw;
    }
    let m = metaphone();
    let (ca, cb) = (m.double_metaphone(a), m.double_metaphone(b));
    let same_sound = !ca.primary().is_empty()
        && (ca.primary() == cb.primary()
            || ca.primary() == cb.alternate()
            || ca.alternate() == cb.primary());
    if same_sound {
        return jw.max(SAME_TOKEN + 0.02);
    }
    jw
}

/// Whether two name words are the same (a typo or a variant spelling).
pub fn same_word(a: &str, b: &str) -> bool {
    token_similarity(a, b) >= SAME_TOKEN
}

/// Whether two names (as [`tokens`]) are one person's: as many words, each the same.
pub fn same_name(a: &[String], b: &[String]) -> bool {
    !a.is_empty() && a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_word(x, y))
}

/// Whether two names printed in one article are one person's: the same name, or one of them
/// the other's last word alone (the surname: `Kuhrt` for `Natasha Kuhrt`; not `Roscosmos`
/// for `Roscosmos Space Agency Press Service`).
pub fn same_person_in_article(a: &[String], b: &[String]) -> bool {
    match (a, b) {
        ([one], other) | (other, [one]) => other.last().is_some_and(|t| same_word(t, one)),
        _ => same_name(a, b),
    }
}

/// How well a typed query matches a person known by `forms` (the canonical name and the
/// other forms it is printed in), 0 to 1. Every word of the query must match some word of
/// the person's names: "Kuhrt", "natasha kurt" and "Natasha Kuhrt" match Natasha Kuhrt;
/// "John Smith" does not match Jane Smith.
pub fn match_score(query: &str, forms: &[&str]) -> f32 {
    let words: Vec<String> = forms.iter().flat_map(|f| tokens(f)).collect();
    match_words(&tokens(query), &words)
}

/// [`match_score`] of a query's [`tokens`] against the tokens of every form of a person's
/// name (for matching one query against many people, each tokenised once).
pub fn match_words(query: &[String], words: &[String]) -> f32 {
    if query.is_empty() {
        return 0.0;
    }
    let mut total = 0.0;
    for qt in query {
        let best = words
            .iter()
            .map(|w| token_similarity(qt, w))
            .fold(0.0f32, f32::max);
        if best < SAME_TOKEN {
            return 0.0;
        }
        total += best;
    }
    total / query.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_and_variants_match() {
        let kuhrt = ["Natasha Kuhrt", "Kuhrt"];
        for q in [
            "Kuhrt",
            "kuhrt",
            "Kurht",
            "natasha kurt",
            "Natasha",
            "NATASHA KUHRT",
        ] {
            assert!(match_score(q, &kuhrt) >= SAME_TOKEN, "{q}");
        }
        assert!(match_score("Loekin", &["Artyom Lukin"]) >= SAME_TOKEN);
        assert!(match_score("Zürich", &["Zurich"]) >= 0.99);
    }

    #[test]
    fn different_people_do_not_match() {
        assert_eq!(match_score("Putin", &["Artyom Lukin"]), 0.0);
        assert_eq!(match_score("John Smith", &["Jane Smith"]), 0.0);
        assert_eq!(match_score("Kuhn", &["Natasha Kuhrt"]), 0.0);
        assert_eq!(match_score("", &["Anyone"]), 0.0);
    }
}
