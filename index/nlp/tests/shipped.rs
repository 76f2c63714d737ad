//! The shipped models: they load, and give sensible analyses of sentences written for these
//! tests (not taken from the treebanks or from news test data).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use verbatim_nlp::{analyse, tag_only, DepRel, EntityKind, Parse, Upos};

fn find(p: &Parse, w: &str) -> usize {
    (0..p.len())
        .find(|&i| p.word(i) == w)
        .unwrap_or_else(|| panic!("no {w:?} in {:?}", p.text))
}

fn entity(p: &Parse, text: &str) -> Option<EntityKind> {
    p.entities
        .iter()
        .find(|e| p.words_text(e.words.clone()) == text)
        .map(|e| e.kind)
}

#[test]
fn models_load_quickly() {
    let t = std::time::Instant::now();
    let errors = verbatim_nlp::warm_up();
    assert!(errors.is_empty(), "{errors:?}");
    let p = verbatim_nlp::Pipeline::shipped();
    assert!(p.tagger.is_some() && p.lemmatizer.is_some() && p.parser.is_some() && p.ner.is_some());
    // well under 100 ms in a release build; debug builds are slower
    assert!(t.elapsed().as_secs_f64() < 3.0, "{:?}", t.elapsed());
}

#[test]
fn quote_with_inverted_attribution() {
    let p = analyse("\"The plan will fail,\" said Maria Lopez, a lawyer in Lima.");
    let said = find(&p, "said");
    assert_eq!(p.lemma(said), "say");
    assert_eq!(p.upos[said], Upos::Verb);
    let subj: Vec<usize> = p.subjects(said).collect();
    assert_eq!(subj.len(), 1, "{p:?}");
    assert!(
        matches!(p.word(subj[0]), "Lopez" | "Maria"),
        "subject {:?}",
        p.word(subj[0])
    );
    assert_eq!(
        entity(&p, "Maria Lopez"),
        Some(EntityKind::Person),
        "{:?}",
        p.entities
    );
    assert_eq!(
        entity(&p, "Lima"),
        Some(EntityKind::Place),
        "{:?}",
        p.entities
    );
    // the quoted clause hangs from "said"
    let fail = find(&p, "fail");
    assert_eq!(p.head(fail), Some(said));
}

#[test]
fn reported_speech() {
    let p = analyse("The mayor told reporters that the bridge would reopen in May.");
    let told = find(&p, "told");
    assert_eq!(p.lemma(told), "tell");
    assert_eq!(p.deprel(told), DepRel::Root);
    let mayor = find(&p, "mayor");
    assert_eq!(p.head(mayor), Some(told));
    assert_eq!(p.deprel(mayor), DepRel::Nsubj);
    let reopen = find(&p, "reopen");
    assert_eq!(p.head(reopen), Some(told));
    assert_eq!(p.deprel(reopen), DepRel::Ccomp);

    let p = analyse("Doctors warns that the new drug is dangerous, she added.");
    assert_eq!(p.lemma(find(&p, "warns")), "warn");
    assert_eq!(p.lemma(find(&p, "added")), "add");
}

#[test]
fn lemmas_of_verbs_of_saying() {
    for (s, w, l) in [
        ("She says the deal is off.", "says", "say"),
        ("They were told to wait.", "told", "tell"),
        ("He claimed that nobody knew.", "claimed", "claim"),
        ("The minister denied the report.", "denied", "deny"),
        ("Officials were warning them of floods.", "warning", "warn"),
        ("The company stated that profits fell.", "stated", "state"),
        ("We spoke to the driver.", "spoke", "speak"),
    ] {
        let p = tag_only(s);
        assert_eq!(p.lemma(find(&p, w)), l, "{s}");
        assert!(!p.parsed);
    }
}

#[test]
fn verb_lemmas_whatever_the_tag() {
    for (w, l) in [
        ("warning", "warn"),
        ("warns", "warn"),
        ("says", "say"),
        ("added", "add"),
        ("claims", "claim"),
        ("announced", "announce"),
        ("insisting", "insist"),
        ("tell", "tell"),
    ] {
        assert_eq!(verbatim_nlp::verb_lemma(w), l);
    }
}

#[test]
fn helpers() {
    let p = analyse("Ana Silva, the new director of the museum, said it would open soon.");
    assert_eq!(p.roots().count(), 1);
    let root = p.roots().next().unwrap();
    let span = p.subtree_span(root);
    assert_eq!(span, 0..p.len());
    for i in 0..p.len() {
        assert!(p.is_ancestor(root, i));
        let s = p.subtree_span(i);
        assert!(s.contains(&i));
    }
    assert_eq!(p.byte_range(0..2), 0..9);
    assert_eq!(p.words_text(0..2), "Ana Silva");
    if let Some(e) = p.entities.first() {
        assert!(e.words.end <= p.len());
        let h = p.entity_head(e);
        assert!(e.words.contains(&h));
    }
}

#[test]
fn given_words() {
    let text = "Ms. Rivera left  early";
    let words = verbatim_nlp::tokenize(text);
    let p = verbatim_nlp::analyse_words(text, &words);
    assert_eq!(p.len(), 4);
    assert_eq!(p.word(0), "Ms.");
    // bad spans are dropped, not a panic
    let bad = [
        verbatim_nlp::Span { start: 5, end: 3 },
        verbatim_nlp::Span { start: 0, end: 100 },
        verbatim_nlp::Span { start: 0, end: 3 },
        verbatim_nlp::Span { start: 1, end: 2 },
    ];
    let p = verbatim_nlp::analyse_words(text, &bad);
    assert_eq!(p.len(), 1);
}

#[test]
fn entities_without_the_parse() {
    let s = "\"We will appeal,\" Senator Mark Warner told reporters in Richmond.";
    let full = analyse(s);
    let fast = verbatim_nlp::tag_and_entities(s);
    assert_eq!(full.entities, fast.entities);
    assert!(!fast.parsed);
    assert!(fast.heads.iter().all(Option::is_none));
    assert_eq!(fast.lemma(find(&fast, "told")), "tell");
}

#[test]
fn a_document_parsed_only_where_asked() {
    let sentences = [
        "Ana Costa chairs the committee in Lisbon.",
        "Costa told reporters the vote was lost.",
    ];
    let all = verbatim_nlp::analyse_document(&sentences);
    let some =
        verbatim_nlp::analyse_document_parsing(&[(sentences[0], false), (sentences[1], true)]);
    assert!(!some[0].parsed && some[0].heads.iter().all(Option::is_none));
    assert!(some[1].parsed);
    assert_eq!(some[1].heads, all[1].heads);
    // The unparsed sentence still takes part in the vote on the kinds of names.
    for (a, b) in all.iter().zip(&some) {
        assert_eq!(a.entities, b.entities);
    }
    assert_eq!(entity(&some[1], "Costa"), Some(EntityKind::Person));
    // Parsed later, on demand: the same tree as parsed at once, the entities kept.
    let again = verbatim_nlp::parse_again(&some[0]);
    assert!(again.parsed);
    assert_eq!(again.heads, all[0].heads);
    assert_eq!(again.entities, some[0].entities);
}
