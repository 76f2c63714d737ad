//! What the fuzz targets share: the invariants every engine output must keep, checked with
//! `assert!` so that a violation is a crash libFuzzer records. Every offset the engine
//! hands out is a UTF-8 byte offset into a document's text, end-exclusive, on character
//! boundaries, and `&text[start..end]` is exactly the text reported with it.

use std::cell::RefCell;
use std::sync::OnceLock;
use verbatim_index::ingest::{self, Extracted};
use verbatim_index::model::{Answer, Block, BlockKind, Document, Span};
use verbatim_index::quotes::Marked;
use verbatim_index::search::SearchIndex;
use verbatim_index::{library, pipeline, quotes, speakers};

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
            assert!(!reason.is_empty(), "an empty reason for refusing a file");
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
/// quote lies in its paragraph, and the document survives its storage format (JSON).
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

/// A document made directly from a string, without decoding or format detection (so any
/// character, NUL and control characters included, reaches the analysis): paragraphs are
/// split at blank lines, as `join_blocks` makes them; a short first line is a heading.
pub fn document_from_text(text: &str) -> Extracted {
    let mut blocks = Vec::new();
    let mut offset = 0;
    for piece in text.split("\n\n") {
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            let start = offset + lead;
            let kind = if blocks.is_empty() && trimmed.len() < 60 && !trimmed.contains('\n') {
                BlockKind::Heading
            } else {
                BlockKind::Paragraph
            };
            blocks.push((kind, span(start, start + trimmed.len())));
        }
        offset += piece.len() + 2;
    }
    Extracted {
        title: None,
        text: text.to_string(),
        blocks,
    }
}

/// Quote finding, attribution and the speaker helpers over a document made from `text`.
pub fn quotes_and_check(text: &str) {
    let extracted = document_from_text(text);
    check_extracted(&extracted);
    let doc = analyse_and_check(extracted);
    check_marked(&doc, &quotes::find_marked(&doc));
    // The helpers `find_marked` calls on the text after a closing mark.
    let _ = speakers::starts_with_name_and_cue(text);
    let first_word: String = text.chars().take_while(|c| c.is_alphabetic()).collect();
    let _ = speakers::is_cue(&first_word.to_lowercase());
}

/// The bundled article, analysed and indexed in memory once per process.
pub fn bundled_index() -> &'static (Document, SearchIndex) {
    static INDEX: OnceLock<(Document, SearchIndex)> = OnceLock::new();
    INDEX.get_or_init(|| {
        let doc = library::bundled_document();
        let index = SearchIndex::in_memory().expect("an index in memory");
        let mut writer = index.writer().expect("a writer");
        index.add(&writer, &doc).expect("the article is indexed");
        index.commit(&mut writer, 1).expect("committed");
        (doc, index)
    })
}

/// An answer from the index holding `doc` alone: passages are whole paragraphs of it, the
/// answering sentence and the highlights inside the passage, every text its slice.
pub fn check_answer(doc: &Document, question: &str, top: usize, answer: &Answer) {
    let text = &doc.text;
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
        assert_eq!(p.document, doc.id);
        assert!(p.score.is_finite(), "score {}", p.score);
        let ps = span(p.start, p.end);
        check_span(text, ps, "passage");
        let block = doc
            .blocks
            .get(p.paragraph)
            .expect("the passage's paragraph");
        assert_eq!(block.span, ps, "passage is not its paragraph");
        assert_eq!(&text[p.start..p.end], p.text, "passage text != its slice");
        let a = span(p.answer.start, p.answer.end);
        check_span(text, a, "answer");
        assert!(ps.contains(a), "answer {a:?} outside passage {ps:?}");
        assert_eq!(
            &text[a.start..a.end],
            p.answer.text,
            "answer text != its slice"
        );
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

thread_local! {
    static LAST_PANIC: RefCell<String> = const { RefCell::new(String::new()) };
}

/// For targets whose engine code catches panics by design (pdf-extract can panic on
/// malformed files; `ingest::pdf` turns that into an error): libfuzzer-sys's panic hook
/// aborts on any panic, caught or not, so this replaces it with one that only records the
/// message. Pair with [`run_catching`], which aborts on a panic that escapes the engine.
pub fn record_panics_quietly() {
    std::panic::set_hook(Box::new(|info| {
        LAST_PANIC.with(|m| *m.borrow_mut() = info.to_string());
    }));
}

/// Runs `f`; a panic that reaches here escaped the engine: print it and abort (a crash).
pub fn run_catching<R>(f: impl FnOnce() -> R + std::panic::UnwindSafe) -> R {
    match std::panic::catch_unwind(f) {
        Ok(r) => r,
        Err(_) => {
            LAST_PANIC.with(|m| eprintln!("panic escaped the engine: {}", m.borrow()));
            std::process::abort();
        }
    }
}

/// Checks shared by the text and Markdown targets, where the stored text is the decoded
/// file: `extract` reads what `decode_text` accepts and stores exactly its text; decoded
/// text never holds a NUL (binary refusal); UTF-8 without a byte order mark or zero bytes
/// is stored as is. Returns the decoded text (None for PDF/DOCX magic or a refusal).
pub fn decoded_text_checks(data: &[u8], extracted: Option<&Extracted>) -> Option<String> {
    if data.starts_with(b"%PDF-") || data.starts_with(b"PK\x03\x04") {
        return None; // read as the format its magic bytes say
    }
    let decoded = ingest::decode_text(data);
    match (&decoded, extracted) {
        (Err(reason), Some(_)) => panic!("extract read a file decode_text refuses: {reason}"),
        (Ok(text), Some(e)) => assert!(e.text == *text, "stored text is not the decoded file"),
        _ => {}
    }
    let text = decoded.ok()?;
    // Binary refusal looks at the first 64K characters.
    if text.chars().count() <= 64 * 1024 {
        assert!(!text.contains('\0'), "decoded text holds a NUL");
    }
    let bom = [&[0xEF, 0xBB, 0xBF][..], &[0xFF, 0xFE], &[0xFE, 0xFF]]
        .iter()
        .any(|b| data.starts_with(b));
    if let (false, false, Ok(s)) = (bom, data.contains(&0), std::str::from_utf8(data)) {
        assert!(text == s, "UTF-8 text was changed by decoding");
    }
    Some(text)
}

/// A one-page PDF whose page's content stream is `content`, written by lopdf (the PDF
/// library under pdf-extract), so that lengths and the cross-reference table are right.
pub fn pdf_around(content: &[u8]) -> Vec<u8> {
    use pdf_extract::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.4");
    let pages = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let contents = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages,
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        "Contents" => contents,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    let info = doc.add_object(dictionary! { "Title" => Object::string_literal("Fuzz") });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("a PDF written to memory");
    out
}

/// A well-formed DOCX (zip) whose `word/document.xml` is `parts` up to its first 0xFF byte
/// and whose `docProps/core.xml` is the rest, if any.
pub fn docx_around(parts: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let (body, core) = match parts.iter().position(|&b| b == 0xFF) {
        Some(i) => (&parts[..i], Some(&parts[i + 1..])),
        None => (parts, None),
    };
    let mut buf = Vec::new();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut buf));
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", opts)
        .expect("zip entry");
    zip.write_all(body).expect("zip write");
    if let Some(core) = core {
        zip.start_file("docProps/core.xml", opts)
            .expect("zip entry");
        zip.write_all(core).expect("zip write");
    }
    zip.finish().expect("zip finished");
    buf
}
