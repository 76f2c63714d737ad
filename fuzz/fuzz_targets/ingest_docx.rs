//! Word documents: with the first byte even, the rest of the input is the file (a zip);
//! with it odd, the rest is `word/document.xml` (and, after a 0xFF byte, docProps/core.xml)
//! of a well-formed zip built around it, so that the fuzzer reaches the XML walk instead of
//! stopping at zip checksums. Blocks are joined by blank lines; then the whole analysis.
#![no_main]
use libfuzzer_sys::fuzz_target;
use verbatim_fuzz::{check_joined, docx_around, ingest_and_check};

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode % 2 == 0 {
        rest.to_vec()
    } else {
        docx_around(rest)
    };
    if let Some(e) = ingest_and_check("fuzz.docx", &bytes) {
        if bytes.starts_with(b"PK\x03\x04") {
            check_joined(&e);
        }
    }
});
