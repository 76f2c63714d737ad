//! Arbitrary bytes as a `.md` file: decoding as for text, then pulldown-cmark's blocks,
//! which must point into the stored (decoded) file, in order; then the whole analysis.
#![no_main]
use libfuzzer_sys::fuzz_target;
use verbatim_fuzz::{decoded_text_checks, ingest_and_check};

fuzz_target!(|data: &[u8]| {
    let extracted = ingest_and_check("fuzz.md", data);
    decoded_text_checks(data, extracted.as_ref());
});
