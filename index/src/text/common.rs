//! Everyday English: whether a term (as the analyser makes it) is a common word of the
//! language, from `common-words.txt` (written by `tools/train/common_words.py` from the UD
//! English treebanks). A question word no article holds is most often a paraphrase when it
//! is common ("purchased"), and the very thing asked about when it is not (a name, a code).

use super::analysis::Analyzer;
use std::collections::HashSet;
use std::sync::OnceLock;

static WORDS: &str = include_str!("common-words.txt");

/// Whether `term` (stemmed, folded) is the term of a common English word.
pub fn is_common_term(term: &str) -> bool {
    static TERMS: OnceLock<HashSet<String>> = OnceLock::new();
    TERMS
        .get_or_init(|| {
            let analyzer = Analyzer::default();
            WORDS
                .lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
                .map(|w| analyzer.term(w))
                .collect()
        })
        .contains(term)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_and_uncommon() {
        let a = Analyzer::default();
        assert!(is_common_term(&a.term("purchased")));
        assert!(is_common_term(&a.term("harbour")) || is_common_term(&a.term("harbor")));
        assert!(!is_common_term(&a.term("zqmmmaaaaaa")));
        assert!(!is_common_term(&a.term("ctenophora")));
    }
}
