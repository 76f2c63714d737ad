//! What the fuzz targets share: the engine's invariants (`verbatim_index::invariants`, the
//! same checks the property tests run), and inputs built around fuzzed bytes.

use std::cell::RefCell;
use std::sync::OnceLock;
pub use verbatim_index::invariants::*;
use verbatim_index::ingest::{self, Extracted};
use verbatim_index::model::{BlockKind, Document, Span};
use verbatim_index::search::SearchIndex;
use verbatim_index::text::{lexicon, names};
use verbatim_index::{library, quotes};

fn span(start: usize, end: usize) -> Span {
    Span { start, end }
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
        metadata: Default::default(),
    }
}

/// Quote finding, attribution and the speaker helpers over a document made from `text`.
pub fn quotes_and_check(text: &str) {
    let extracted = document_from_text(text);
    check_extracted(&extracted);
    let doc = analyse_and_check(extracted);
    check_marked(&doc, &quotes::find_marked(&doc));
    // The helpers `find_marked` calls on the text after a closing mark.
    let _ = names::starts_with_name_and_cue(text);
    let first_word: String = text.chars().take_while(|c| c.is_alphabetic()).collect();
    let _ = lexicon::is_reporting_verb(&first_word.to_lowercase());
}

/// The bundled article, analysed and indexed in memory once per process.
pub fn bundled_index() -> &'static (Document, SearchIndex) {
    static INDEX: OnceLock<(Document, SearchIndex)> = OnceLock::new();
    INDEX.get_or_init(|| {
        let doc = library::bundled_document();
        let index = SearchIndex::in_memory().expect("an index in memory");
        let mut writer = index.writer().expect("a writer");
        writer.add(&doc).expect("the article is indexed");
        writer.commit(1).expect("committed");
        (doc, index)
    })
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
