//! Quote extraction and speaker attribution over a document made from an arbitrary string
//! (paragraphs at blank lines, no decoding, so control characters and NUL reach it too):
//! the marked spans (inner inside outer inside the block) and the attributed quotes,
//! mentions and people of the analysed document.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    verbatim_fuzz::quotes_and_check(&String::from_utf8_lossy(data));
});
