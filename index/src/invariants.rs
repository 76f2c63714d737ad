//! The invariants every output of the engine keeps, checked with `assert!` so that a
//! violation is a failure wherever they run: the property tests (`tests/properties.rs`,
//! which shrink a failing input) and the fuzz targets (`fuzz/`, where it is a crash
//! libFuzzer records). Every offset the engine hands out is a UTF-8 byte offset into a
//! document's text, end-exclusive, on character boundaries, and `&text[start..end]` is
//! exactly the text reported with it. Not used by the engine itself.

use crate::ingest::{self, Extracted};
use crate::model::{Answer, Block, BlockKind, Document, Span};
use crate::pipeline;
use crate::quotes::Marked;

/// A span is a slice of `text`: start before end, inside it, on character boundaries.
pub fn check_span(text: &str, s: Span, what: &str) {
    assert!(
        text.get(s.start..s.end).is_some(),
        "{what} {s:?} is not a slice of the text (len {})",
        text.len()
    );
}

fn span(start: usize, end: usize) -> Span {
    Span { start, end }
}

/// What `ingest::extract` returns: blocks valid, in order, not overlapping.
pub fn check_extracted(e: &Extracted) {
    let mut prev_end = 0;
    for (i, (kind, s)) in e.blocks.iter().enumerate() {
        check_span(&e.text, *s, &format!("extracted {kind:?} block {i}"));
        assert!(
            s.start >= prev_end,
            "block {i} {s:?} overlaps or precedes the block before (which ends at {prev_end})"
        );
        prev_end = s.end;
    }
}

/// Formats whose text is taken out of markup (HTML, PDF, DOCX) join their blocks with blank
/// lines: the text is exactly the blocks, each trimmed and non-empty, separated by "\n\n".
pub fn check_joined(e: &Extracted) {
    let pieces: Vec<&str> = e.blocks.iter().map(|(_, s)| s.text(&e.text)).collect();
    for p in &pieces {
        assert!(!p.is_empty(), "empty block in {:?}", e.text);
        assert_eq!(p.trim(), *p, "block not trimmed");
    }
    assert_eq!(pieces.join("\n\n"), e.text, "text is not its blocks joined");
}

/// Ingests `bytes` as a file called `name`; where it extracts, checks the extraction and
/// then analyses the document and checks that. Returns the extraction, if any.
pub fn ingest_and_check(name: &str, bytes: &[u8]) -> Option<Extracted> {
    let extracted = match ingest::extract(name, bytes) {
        Ok(e) => e,
        Err(reason) => {
            assert!(
                !reason.to_string().is_empty(),
                "an empty reason for refusing a file"
            );
            return None;
        }
    };
    assert!(
        !extracted.blocks.is_empty(),
        "extract succeeded with no blocks"
    );
    check_extracted(&extracted);
    analyse_and_check(extracted.clone());
    Some(extracted)
}

/// Runs the analysis pipeline (segmentation, quotes, speakers) and checks the document.
pub fn analyse_and_check(extracted: Extracted) -> Document {
    let doc = pipeline::analyse("doc", "Title".to_string(), None, extracted);
    check_document(&doc);
    doc
}

/// Sentences of a block: in order, not overlapping, inside the block, non-empty, trimmed,
/// and only white space between them (so every other character is in a sentence).
pub fn check_sentences(text: &str, block: Span, sentences: &[Span]) {
    let mut prev_end = block.start;
    for s in sentences.iter().chain([&span(block.end, block.end)]) {
        check_span(text, *s, "sentence");
        assert!(
            block.contains(*s),
            "sentence {s:?} is outside its block {block:?}"
        );
        assert!(
            s.start >= prev_end,
            "sentence {s:?} overlaps the one before"
        );
        let gap = &text[prev_end..s.start];
        assert!(
            gap.trim().is_empty(),
            "{gap:?} before {s:?} is in no sentence"
        );
        prev_end = s.end;
    }
    for s in sentences {
        let t = s.text(text);
        assert!(
            !t.is_empty() && t.trim() == t,
            "sentence {s:?} {t:?} empty or untrimmed"
        );
    }
}

/// Every span of an analysed document is valid, every reported text is its slice, every
/// quote lies in its paragraph (never a caption), and the document survives its storage
/// format (JSON).
pub fn check_document(doc: &Document) {
    let text = &doc.text;
    for (i, b) in doc.blocks.iter().enumerate() {
        check_span(text, b.span, &format!("block {i}"));
        check_sentences(text, b.span, &b.sentences);
    }
    for q in &doc.quotes {
        check_span(text, q.span(), "quote");
        assert_eq!(&text[q.start..q.end], q.text, "quote text != its slice");
        assert!(!q.speaker.is_empty(), "a quote without a speaker: {q:?}");
        assert!(
            (0.0..=1.0).contains(&q.confidence),
            "quote confidence {} is not in 0..=1",
            q.confidence
        );
        let block = doc
            .blocks
            .get(q.paragraph)
            .unwrap_or_else(|| panic!("quote paragraph {} of {}", q.paragraph, doc.blocks.len()));
        assert!(
            block.kind != BlockKind::Caption,
            "a quote taken from a caption: {q:?}"
        );
        assert!(
            block.span.contains(q.span()),
            "quote {:?} is not inside its paragraph {} {:?}",
            q.span(),
            q.paragraph,
            block.span
        );
        if let Some(m) = &q.mention {
            check_span(text, span(m.start, m.end), "quote mention");
            assert_eq!(&text[m.start..m.end], m.text, "mention text != its slice");
        }
    }
    for p in &doc.people {
        assert!(!p.name.is_empty(), "a person without a name");
        for m in &p.mentions {
            check_span(text, *m, &format!("mention of {}", p.name));
        }
    }
    // The library stores documents as JSON: what is written must read back the same
    // (confidences up to float parsing, which is not bit-exact without serde_json's
    // `float_roundtrip`).
    let json = serde_json::to_vec(doc).expect("a document serialises");
    let mut back: Document = serde_json::from_slice(&json).expect("a stored document reads back");
    assert_eq!(back.quotes.len(), doc.quotes.len());
    for (b, q) in back.quotes.iter_mut().zip(&doc.quotes) {
        assert!(
            (b.confidence - q.confidence).abs() <= 1e-6,
            "confidence changes through JSON"
        );
        b.confidence = q.confidence;
    }
    assert!(back == *doc, "a document changes through JSON");
}

/// The quoted spans found before attribution: inner inside outer inside the block.
pub fn check_marked(doc: &Document, marked: &[Marked]) {
    for m in marked {
        let block: &Block = doc
            .blocks
            .get(m.block)
            .unwrap_or_else(|| panic!("marked quote in block {} of {}", m.block, doc.blocks.len()));
        check_span(&doc.text, m.inner, "marked inner");
        check_span(&doc.text, m.outer, "marked outer");
        assert!(!m.inner.is_empty(), "an empty quote {m:?}");
        assert!(m.outer.contains(m.inner), "inner outside outer: {m:?}");
        assert!(
            block.span.contains(m.outer),
            "outer outside its block: {m:?}"
        );
    }
}

/// An answer to `question` asking for `top` passages, from a library whose documents
/// `document` gives by id: passages are whole paragraphs (never headings or captions) of
/// their documents, the answering
/// sentence and the highlights inside the passage, every text its slice.
pub fn check_answer(
    question: &str,
    top: usize,
    answer: &Answer,
    document: &dyn Fn(&str) -> Option<Document>,
) {
    assert_eq!(answer.question, question);
    assert!(
        (0.0..=1.0).contains(&answer.confidence),
        "answer confidence {} is not in 0..=1",
        answer.confidence
    );
    assert!(
        answer.passages.len() <= top,
        "{} passages for top {top}",
        answer.passages.len()
    );
    assert!(
        !answer.answered || !answer.passages.is_empty(),
        "answered without a passage"
    );
    for p in &answer.passages {
        let doc = document(&p.document)
            .unwrap_or_else(|| panic!("a passage of an unknown document {}", p.document));
        let text = &doc.text;
        assert!(p.score.is_finite(), "score {}", p.score);
        let ps = span(p.start, p.end);
        check_span(text, ps, "passage");
        let block = doc
            .blocks
            .get(p.paragraph)
            .expect("the passage's paragraph");
        assert_eq!(block.span, ps, "passage is not its paragraph");
        assert_eq!(
            block.kind,
            BlockKind::Paragraph,
            "a passage that is a heading or a caption"
        );
        assert_eq!(&text[p.start..p.end], p.text, "passage text != its slice");
        let a = span(p.answer.start, p.answer.end);
        check_span(text, a, "answer");
        assert!(ps.contains(a), "answer {a:?} outside passage {ps:?}");
        assert_eq!(
            &text[a.start..a.end],
            p.answer.text,
            "answer text != its slice"
        );
        if let Some(ph) = &p.answer.phrase {
            let r = span(ph.start, ph.end);
            check_span(text, r, "answer phrase");
            assert!(
                a.contains(r) && !r.is_empty(),
                "answer phrase {r:?} not inside its sentence {a:?}"
            );
            assert_eq!(&text[r.start..r.end], ph.text, "phrase text != its slice");
        }
        for h in &p.highlights {
            let hs = span(h[0], h[1]);
            check_span(text, hs, "highlight");
            assert!(ps.contains(hs), "highlight {hs:?} outside passage {ps:?}");
        }
        for q in &p.quotes {
            check_span(text, q.span(), "passage quote");
            assert_eq!(
                &text[q.start..q.end],
                q.text,
                "passage quote text != its slice"
            );
        }
    }
}
