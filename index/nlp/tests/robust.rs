//! No input makes the analysis panic, and the output is always consistent.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use verbatim_nlp::{
    analyse, analyse_document, tag_and_entities, tag_only, tokenize, Parse, MAX_PARSE_WORDS,
};

fn check(text: &str, p: &Parse) {
    let n = p.len();
    assert_eq!(p.upos.len(), n);
    assert_eq!(p.xpos.len(), n);
    assert_eq!(p.heads.len(), n);
    assert_eq!(p.deprels.len(), n);
    assert_eq!(p.lemmas().count(), n);
    let mut last = 0;
    for w in &p.words {
        assert!(w.start < w.end && w.start >= last && w.end <= text.len());
        assert!(text.is_char_boundary(w.start) && text.is_char_boundary(w.end));
        last = w.end;
    }
    for (i, h) in p.heads.iter().enumerate() {
        if let Some(h) = h {
            assert!(*h < n && *h != i);
        }
    }
    // no cycles: every word reaches a root
    for i in 0..n {
        let mut x = i;
        let mut steps = 0;
        while let Some(h) = p.heads[x] {
            x = h;
            steps += 1;
            assert!(steps <= n, "cycle through {i}");
        }
    }
    let mut end = 0;
    for e in &p.entities {
        assert!(e.words.start >= end && e.words.start < e.words.end && e.words.end <= n);
        end = e.words.end;
    }
}

#[test]
fn nasty_inputs() {
    let long: String = "word ".repeat(10_000);
    let long_sentences: String = "The cat sat on the mat. ".repeat(800);
    let no_spaces: String = "a".repeat(50_000);
    let punct: String = "!?.,;:'\"“”‘’«»„-—()[]{}".repeat(300);
    let inputs = [
        "",
        " ",
        "\t\n\r  \u{a0}\u{2003}",
        "\u{0}\u{1}\u{7}\u{1b}[31m",
        "😀😃👍🏽👨‍👩‍👧‍👦🇫🇷🇩🇪",
        "مرحبا بالعالم",
        "שלום עולם, he said.",
        "e\u{301}\u{302}\u{303}\u{304} \u{301}\u{301}",
        "\u{200d}\u{200d}\u{fe0f}",
        "'''''",
        "’s",
        "n't",
        "....",
        "U.S.A.B.C.D.E.F.G.",
        "http://",
        "@@@@",
        "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p",
        "1,2,3,4,5,6,7,8,9,0.1.2.3.4:5:6/7/8",
        "\u{feff}BOM at start",
        "ＦＵＬＬＷＩＤＴＨ　ｔｅｘｔ",
        "日本語のテキストです。",
        &long,
        &long_sentences,
        &no_spaces,
        &punct,
    ];
    for text in inputs {
        let p = analyse(text);
        check(text, &p);
        let t = tag_only(text);
        check(text, &t);
        assert_eq!(t.len(), p.len());
        let e = tag_and_entities(text);
        check(text, &e);
        assert_eq!(e.entities, p.entities);
        assert!(!e.parsed && e.heads.iter().all(Option::is_none));
    }
    let d = analyse_document(&inputs);
    assert_eq!(d.len(), inputs.len());
    for (text, p) in inputs.iter().zip(&d) {
        check(text, p);
    }
    // long inputs are parsed in chunks of at most MAX_PARSE_WORDS words
    let p = analyse(&long);
    assert_eq!(p.len(), 10_000);
    let roots = p.roots().count();
    assert!(roots >= 10_000 / MAX_PARSE_WORDS, "{roots}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_string(s in "\\PC{0,80}") {
        let p = analyse(&s);
        check(&s, &p);
        let e = tag_and_entities(&s);
        check(&s, &e);
        prop_assert_eq!(&e.entities, &p.entities);
    }

    #[test]
    fn any_chars(s in proptest::collection::vec(any::<char>(), 0..60)) {
        let s: String = s.into_iter().collect();
        check(&s, &analyse(&s));
        let spans = tokenize(&s);
        for w in &spans {
            prop_assert!(!s[w.start..w.end].is_empty());
        }
    }

    #[test]
    fn wordy(s in "([A-Za-z]{1,8}|[0-9]{1,4}|[.,!?'\"“”’-]|\\s){0,40}") {
        check(&s, &analyse(&s));
    }

    #[test]
    fn documents(v in proptest::collection::vec("([A-Z][a-z]{0,6}|[a-z]{1,6}|[.,'-]|\\s){0,20}", 0..6)) {
        let refs: Vec<&str> = v.iter().map(String::as_str).collect();
        for (text, p) in refs.iter().zip(analyse_document(&refs)) {
            check(text, &p);
        }
    }
}
