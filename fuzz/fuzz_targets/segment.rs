//! Sentence segmentation of arbitrary strings: the first four bytes choose a block inside
//! the text (snapped to char boundaries); the sentences of the whole text and of the block
//! are checked (in order, inside the block, trimmed, covering every non-space character),
//! and a block's sentences do not depend on the text around it.
#![no_main]
use libfuzzer_sys::fuzz_target;
use verbatim_fuzz::check_sentences;
use verbatim_index::text::segment;
use verbatim_index::Span;

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let text = String::from_utf8_lossy(&data[4..]);
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let a = floor(u16::from_le_bytes([data[0], data[1]]) as usize);
    let b = floor(u16::from_le_bytes([data[2], data[3]]) as usize);
    let whole = Span {
        start: 0,
        end: text.len(),
    };
    check_sentences(&text, whole, &segment::sentences(&text, whole));
    let block = Span {
        start: a.min(b),
        end: a.max(b),
    };
    let in_text = segment::sentences(&text, block);
    check_sentences(&text, block, &in_text);
    let alone = &text[block.start..block.end];
    let by_itself: Vec<Span> = segment::sentences(
        alone,
        Span {
            start: 0,
            end: alone.len(),
        },
    )
    .into_iter()
    .map(|s| Span {
        start: s.start + block.start,
        end: s.end + block.start,
    })
    .collect();
    assert_eq!(
        in_text, by_itself,
        "a block's sentences depend on the text around it"
    );
});
