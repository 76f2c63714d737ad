//! PDFs: with the first byte even, the rest of the input is the file; with it odd, the rest
//! is the content stream of a one-page PDF built around it (so that the fuzzer reaches the
//! text operators instead of stopping at the cross-reference table). pdf-extract may panic
//! on malformed files and `ingest::pdf` catches that by design, so only a panic escaping
//! the engine is a crash. Blocks are joined by blank lines; then the whole analysis.
#![no_main]
use libfuzzer_sys::fuzz_target;
use verbatim_fuzz::{
    check_joined, ingest_and_check, pdf_around, record_panics_quietly, run_catching,
};

fuzz_target!(init: record_panics_quietly(), |data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode % 2 == 0 { rest.to_vec() } else { pdf_around(rest) };
    if let Some(e) = run_catching(|| ingest_and_check("fuzz.pdf", &bytes)) {
        if bytes.starts_with(b"%PDF-") {
            check_joined(&e);
        }
    }
});
