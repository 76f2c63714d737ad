//! Arbitrary bytes as an `.html` file: decoding, the nesting-depth refusal, dom_smoothie's
//! Readability and the block walk; then the whole analysis. Blocks are joined by blank lines
//! and each is white-space-collapsed, as a browser renders it.
#![no_main]
use libfuzzer_sys::fuzz_target;
use verbatim_fuzz::{check_joined, ingest_and_check};

fuzz_target!(|data: &[u8]| {
    let Some(e) = ingest_and_check("fuzz.html", data) else {
        return;
    };
    if data.starts_with(b"%PDF-") || data.starts_with(b"PK\x03\x04") {
        return; // read as the format its magic bytes say
    }
    check_joined(&e);
    for (_, span) in &e.blocks {
        let block = span.text(&e.text);
        assert!(
            !block.contains("  ") && block.chars().all(|c| c == ' ' || !c.is_whitespace()),
            "block white space not collapsed: {block:?}"
        );
    }
    if let Some(title) = &e.title {
        assert!(
            !title.contains('\n') && title.trim() == title,
            "title {title:?}"
        );
    }
});
