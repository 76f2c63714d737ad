//! Regressions found by the cargo-fuzz targets in `fuzz/` (see fuzz/README.md): each test
//! holds the minimised input, or the shape of it, and says what went wrong.

use verbatim_index::ingest;
use verbatim_index::{pipeline, quotes, BlockKind, Document, QuoteKind, Span};

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

/// Found with the `quotes` target (a timeout, 35 KB): hundreds of short quotes with names,
/// cues and paragraph breaks between them. Each short quote looks back up to 1,000 bytes for
/// a verb of saying, and `speakers::is_cue` then built strings and scanned the whole verb
/// list several times for every word: over 10 s in the fuzzing build. It now compares
/// without allocating, by binary search (0.4 s for this input in the fuzzing build). No
/// time is asserted; the test keeps the input and checks what the analysis reports.
#[test]
fn hundreds_of_short_quotes_with_names_and_cues() {
    // As the target makes it: no decoding (control characters stay), paragraphs at blank lines.
    let text = String::from_utf8_lossy(include_bytes!("fixtures/fuzz-quotes-timeout.bin"));
    let mut blocks = Vec::new();
    let mut offset = 0;
    for piece in text.split("\n\n") {
        let lead = piece.len() - piece.trim_start().len();
        if !piece.trim().is_empty() {
            let start = offset + lead;
            blocks.push((
                BlockKind::Paragraph,
                Span::new(start, start + piece.trim().len()),
            ));
        }
        offset += piece.len() + 2;
    }
    let extracted = ingest::Extracted {
        title: None,
        text: text.to_string(),
        blocks,
        metadata: Default::default(),
    };
    let doc = pipeline::analyse("fuzz", "Fuzz".to_string(), None, extracted);
    assert!(!doc.quotes.is_empty());
    for q in &doc.quotes {
        assert_eq!(&doc.text[q.start..q.end], q.text);
    }
}
