//! Regressions found by the cargo-fuzz targets in `fuzz/` (see fuzz/README.md): each test
//! holds the minimised input, or the shape of it, and says what went wrong.

use verbatim_index::ingest;
use verbatim_index::{pipeline, quotes, Document, QuoteKind};

fn analyse(text: &str) -> Document {
    let extracted = ingest::extract("fuzz.txt", text.as_bytes()).expect("plain text extracts");
    pipeline::analyse("fuzz", "Fuzz".to_string(), None, extracted)
}

/// Found with the `quotes` target (a timeout; `cargo fuzz tmin` keeps the shape, a run of
/// mostly intact `“a” `, and only shortens it to what still takes 10 s): a paragraph of
/// short quotes without sentence punctuation. Deciding whether each short quote is reported
/// speech read the whole paragraph before it again, for every quote: quadratic, 30 s for
/// 64 KB in a release build. `quotes::classify` now reads at most `REPORTED_LOOKBACK` bytes
/// back. This test asserts no time (without the fix it is only slower, about 8 times at
/// this size); the next one fails without the fix. Every `“a”` is a lone lowercase word, a
/// scare quote, not a quote.
#[test]
fn a_paragraph_of_short_quotes_without_sentence_punctuation() {
    let text = "“a” ".repeat(16 * 1024 / 8);
    let doc = analyse(&text);
    assert_eq!(doc.blocks.len(), 1);
    assert!(quotes::find_marked(&doc).is_empty());
    assert!(doc.quotes.is_empty(), "{:?}", &doc.quotes[..1]);
}

/// The bound that fixes the test above: a verb of saying further back than
/// `REPORTED_LOOKBACK` (1,000 bytes) in the same run of text no longer makes a short quote
/// reported speech; within reach it still does (`said ... the “backing up”`).
#[test]
fn a_cue_beyond_the_look_back_does_not_make_a_short_quote_speech() {
    let near = "The minister said the “backing up” was over";
    let marked = quotes::find_marked(&analyse(near));
    assert_eq!(marked.len(), 1, "{marked:?}");
    assert_eq!(marked[0].kind, QuoteKind::Partial);

    let filler = "and then ".repeat(150); // 1,350 bytes without sentence punctuation
    let far = format!("The minister said {filler}the “backing up” was over");
    let marked = quotes::find_marked(&analyse(&far));
    assert!(marked.is_empty(), "{marked:?}");
}
