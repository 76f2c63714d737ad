//! The trainer on a small fixture (a few hundred sentences of EWT and GUM, see
//! `tests/fixtures/README.md`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use verbatim_train::conllu;
use verbatim_train::train::{parse_example, LabelSet};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn load(tb: &str, f: &str) -> Vec<conllu::Sentence> {
    conllu::read(&fixtures().join(tb).join(f)).unwrap()
}

/// Following the zero-cost transitions of the dynamic oracle rebuilds every projectivised
/// gold tree exactly, labels included.
#[test]
fn dynamic_oracle_rebuilds_gold_trees() {
    let mut sents = load("UD_English-EWT", "en_ewt-ud-train.conllu");
    sents.extend(load("UD_English-GUM", "en_gum-ud-train.conllu"));
    let refs: Vec<&conllu::Sentence> = sents.iter().collect();
    let ls = LabelSet::from(&refs);
    let nc = 1 + 2 * ls.names.len();
    let mut costs = vec![0i32; nc];
    let mut st = verbatim_nlp::parser::State::default();
    let mut lifted = 0;
    for s in &sents {
        let e = parse_example(s, vec![0; s.words.len()], vec![0; s.words.len()], &ls, true);
        lifted += (e.heads != e.gold_heads) as usize;
        st.reset(e.atoms.len());
        let mut steps = 0;
        while !st.is_terminal() {
            st.costs(&e.heads, &e.labels, ls.root, &mut costs);
            let t = (0..nc)
                .find(|&t| costs[t] == 0)
                .expect("a zero-cost transition");
            st.apply(t);
            steps += 1;
            assert!(steps <= 2 * e.atoms.len() + 2);
        }
        assert_eq!(&st.heads[..e.atoms.len()], &e.heads[..], "{}", s.text);
        assert_eq!(&st.labels[..e.atoms.len()], &e.labels[..], "{}", s.text);
    }
    assert!(lifted > 0, "the fixture has non-projective trees");
}

/// The span rule: titles and determiners stay out of a name, "University of X" stays whole.
#[test]
fn entity_span_rule() {
    let gum = load("UD_English-GUM", "en_gum-ud-train.conllu");
    let mut seen = Vec::new();
    for s in &gum {
        for (a, b, k) in conllu::named_entities(s) {
            let words: Vec<&str> = s.words[a..=b].iter().map(|w| w.form.as_str()).collect();
            seen.push(format!("{}:{}", k.as_str(), words.join(" ")));
        }
    }
    assert!(seen.iter().any(|e| e.starts_with("PERSON:")), "{seen:?}");
    assert!(seen.iter().any(|e| e.starts_with("PLACE:")), "{seen:?}");
    assert!(
        !seen
            .iter()
            .any(|e| e.contains(":the ") || e.contains(":The ")),
        "{seen:?}"
    );
}

/// `verbatim-train nlp` on 300 sentences, one iteration, writes four models that load and
/// analyse; the same seed writes the same bytes.
#[test]
fn training_runs_on_a_sample() {
    let dir = std::env::temp_dir().join(format!("verbatim-train-test-{}", std::process::id()));
    let run = |out: PathBuf| {
        let cfg = verbatim_train::Config {
            treebanks: fixtures(),
            out: out.clone(),
            seed: 1,
            iterations: Some(1),
            sample: Some(300),
            threads: 2,
            sweep: None,
            parser_iterations: None,
            only: None,
            base: None,
            cache: None,
        };
        verbatim_train::run_training(&cfg).unwrap();
        ["tagger.bin", "lemma.bin", "parser.bin", "ner.bin"]
            .map(|f| std::fs::read(out.join(f)).unwrap())
    };
    let a = run(dir.join("a"));
    let b = run(dir.join("b"));
    assert_eq!(a, b, "same seed, same models");
    let p = verbatim_nlp::Pipeline::from_bytes(&a[0], &a[1], &a[2], &a[3]);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let r = p.analyse("The minister said the plan would fail.");
    assert_eq!(r.len(), 8);
    assert_eq!(r.roots().count(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}
