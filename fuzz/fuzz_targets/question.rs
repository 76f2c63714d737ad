//! Questions: the first byte is `top` (0 to 7), the rest the question. Question analysis
//! (at most 32 distinct terms, sensible weights), then answering against an in-memory index
//! of the bundled article (built once per process): passages are paragraphs of it, answers
//! and highlights inside them, every text its slice.
#![no_main]
use libfuzzer_sys::fuzz_target;
use verbatim_fuzz::{bundled_index, check_answer};
use verbatim_index::answer::{self, question};

fuzz_target!(|data: &[u8]| {
    let Some((&top, rest)) = data.split_first() else {
        return;
    };
    let top = usize::from(top % 8);
    let q = String::from_utf8_lossy(rest);
    let analysed = question::analyse(&q);
    assert!(analysed.terms.len() <= 32, "{} terms", analysed.terms.len());
    for (i, t) in analysed.terms.iter().enumerate() {
        assert!(
            !t.term.is_empty() && !t.word.is_empty(),
            "an empty term {t:?}"
        );
        assert!(t.weight > 0.0 && t.weight <= 1.0, "weight {}", t.weight);
        assert!(
            analysed.terms[..i].iter().all(|u| u.term != t.term),
            "term {:?} twice",
            t.term
        );
    }
    let (doc, index) = bundled_index();
    let a = answer::ask(index, &q, top).expect("the in-memory index answers");
    check_answer(&q, top, &a, &|id| (id == doc.id).then(|| doc.clone()));
});
