//! Arbitrary bytes as a `.txt` file: encoding detection (BOMs, UTF-16 without a BOM, legacy
//! 8-bit encodings), binary refusal, paragraphs and headings, then the whole analysis.
#![no_main]
use libfuzzer_sys::fuzz_target;
use verbatim_fuzz::{decoded_text_checks, ingest_and_check};
use verbatim_index::model::BlockKind;

fuzz_target!(|data: &[u8]| {
    let extracted = ingest_and_check("fuzz.txt", data);
    let Some(text) = decoded_text_checks(data, extracted.as_ref()) else {
        return;
    };
    let Some(e) = extracted else {
        // Decoded but refused: only a file without any text is refused after decoding.
        assert!(text.trim().is_empty(), "a text file with text was refused");
        return;
    };
    // A title is the first block, when that is a heading.
    if let Some(title) = &e.title {
        let (kind, span) = e.blocks[0];
        assert_eq!(
            kind,
            BlockKind::Heading,
            "a title but the first block is no heading"
        );
        assert_eq!(span.text(&text), title);
    }
});
