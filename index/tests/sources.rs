//! Sources as a journalist cites them: the metadata each format states (authors, outlet,
//! date, address, language), read from small files made here; figure captions kept as
//! blocks of their own, never answering; page furniture left out; metadata kept through
//! storage and filled on reanalysis from the source file.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use verbatim_index::ingest::{self, Extracted};
use verbatim_index::invariants::{check_answer, check_joined, ingest_and_check};
use verbatim_index::{BlockKind, Library, Metadata, OpenOptions, Repair};

fn html(name: &str, page: &str) -> Extracted {
    let e = ingest_and_check(name, page.as_bytes()).expect("the page imports");
    check_joined(&e);
    e
}

fn blocks(e: &Extracted, kind: BlockKind) -> Vec<&str> {
    e.blocks
        .iter()
        .filter(|(k, _)| *k == kind)
        .map(|(_, s)| s.text(&e.text))
        .collect()
}

const BODY: &str = "<p>Heavy rain pushed the river to its highest level in 40 years on Tuesday, officials in the valley said, and the town's mayor ordered the lower streets cleared.</p>
<p>“We have never seen anything like this,” said Maria Lopez, the town’s mayor. “Everyone should move to higher ground and stay there until the water falls.”</p>
<p>Police closed six roads near the old bridge. Dr. Alan Smith of the regional hospital said the wards were ready for anyone hurt by the flood.</p>
<p>Forecasters expect the water to fall by Friday, according to the national weather service, though more rain is due over the weekend in the hills.</p>";

#[test]
fn a_page_with_json_ld() {
    let page = format!(
        r##"<!doctype html><html lang="en-GB"><head><title>Rivers rise | Daily Paper</title>
<meta property="og:site_name" content="Not This One"><meta name="author" content="Not Him">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Rivers rise across the valley","author":[{{"@type":"Person","name":"Jane Doe"}},{{"@type":"Person","name":"John Roe"}}],
"publisher":{{"@type":"NewsMediaOrganization","name":"The Daily Paper"}},"datePublished":"2024-03-05T10:00:00.000+0100",
"url":"https://paper.example/2024/rivers-rise","inLanguage":"en-GB","description":"The river rose to a 40-year high."}}</script>
</head><body><article><h1>Rivers rise across the valley</h1>{BODY}</article></body></html>"##
    );
    let e = html("rivers.html", &page);
    assert_eq!(e.title.as_deref(), Some("Rivers rise across the valley"));
    assert_eq!(
        e.metadata,
        Metadata {
            authors: vec!["Jane Doe".into(), "John Roe".into()],
            site: Some("The Daily Paper".into()),
            published: Some("2024-03-05T10:00:00+01:00".into()),
            url: Some("https://paper.example/2024/rivers-rise".into()),
            language: Some("en-GB".into()),
            description: Some("The river rose to a 40-year high.".into()),
        }
    );
}

#[test]
fn a_page_with_opengraph_only() {
    let page = format!(
        r#"<!doctype html><html><head><title>Rivers rise - Daily Paper</title>
<meta property="og:title" content="Rivers rise across the valley"><meta property="og:site_name" content="Daily Paper">
<meta property="og:url" content="https://paper.example/rivers"><meta property="og:locale" content="en_US">
<meta property="article:published_time" content="2015-07-24T05:36:09+01:00">
<meta property="article:author" content="https://www.facebook.com/janedoe"><meta name="author" content="Jane Doe">
<meta property="og:description" content="The river rose."></head>
<body><div class="story"><h1>Rivers rise across the valley</h1>{BODY}</div></body></html>"#
    );
    let e = html("rivers.html", &page);
    assert_eq!(e.title.as_deref(), Some("Rivers rise across the valley"));
    let m = e.metadata;
    assert_eq!(
        m.authors,
        vec!["Jane Doe"],
        "the profile address is no name"
    );
    assert_eq!(m.site.as_deref(), Some("Daily Paper"));
    assert_eq!(m.published.as_deref(), Some("2015-07-24T05:36:09+01:00"));
    assert_eq!(m.url.as_deref(), Some("https://paper.example/rivers"));
    assert_eq!(m.language.as_deref(), Some("en-US"));
    assert_eq!(m.description.as_deref(), Some("The river rose."));
}

#[test]
fn a_page_with_a_visible_byline_only() {
    let page = format!(
        r#"<!doctype html><html><head><title>Rivers rise</title></head><body>
<article><h1>Rivers rise across the valley</h1><p class="byline">By Jane Doe and John Roe</p>
<time datetime="2024-03-05">March 5, 2024</time>{BODY}</article></body></html>"#
    );
    let e = html("rivers.html", &page);
    assert_eq!(e.metadata.authors, vec!["Jane Doe", "John Roe"]);
    assert_eq!(e.metadata.published.as_deref(), Some("2024-03-05"));
    assert_eq!(e.metadata.site, None);
    assert!(
        !e.text.contains("By Jane Doe"),
        "the byline is metadata, not a paragraph: {}",
        e.text
    );
}

#[test]
fn a_page_without_metadata_says_nothing() {
    let page = format!("<!doctype html><html><body><div>{BODY}</div></body></html>");
    let e = html("rivers.html", &page);
    assert_eq!(e.metadata, Metadata::default());
    assert!(e.text.contains("Maria Lopez"));
}

#[test]
fn captions_are_their_own_blocks_and_furniture_goes() {
    let page = format!(
        r#"<!doctype html><html><head><title>Rivers rise</title></head><body><article>
<h1>Rivers rise across the valley</h1>
<figure><img src="a.jpg" alt="the river"><figcaption>The river at its highest, on Tuesday.<span class="credit">Credit Ashraf Shazly/Agence France-Presse</span></figcaption></figure>
{BODY}
<p>JIM WATSON/AFP/Getty Images</p>
<p>Read more: Why the river rose</p>
<div class="share-tools"><p>Share this story on Facebook and on every other network you can think of</p></div>
<p>Sign up for our daily newsletter and get the news in your inbox.</p>
<h2>Related stories</h2><ul><li><a href="/a">Dams hold in the north</a></li><li><a href="/b">Farmers count the cost</a></li></ul>
</article></body></html>"#
    );
    let e = html("rivers.html", &page);
    assert_eq!(
        blocks(&e, BlockKind::Caption),
        vec!["The river at its highest, on Tuesday."]
    );
    for junk in [
        "Credit",
        "Getty",
        "Read more",
        "Share this",
        "newsletter",
        "Related stories",
        "Dams hold",
    ] {
        assert!(!e.text.contains(junk), "{junk} is in {}", e.text);
    }
    assert_eq!(blocks(&e, BlockKind::Paragraph).len(), 4, "{:?}", e.blocks);
}

/// A one-page PDF with an info dictionary (title, author, creation date, subject) and a
/// language in its catalog.
fn make_pdf(line: &str) -> Vec<u8> {
    common::text_pdf(
        line,
        "/Lang (de-DE) ",
        "/Title (Budget Report) /Author (Jane Doe; John Roe) /CreationDate (D:20240305101500+01'00') /Subject (The council's budget)",
    )
}

#[test]
fn a_pdf_states_its_authors_date_and_language() {
    let e = ingest_and_check(
        "report.pdf",
        &make_pdf("The council approved the budget on Tuesday."),
    )
    .expect("the PDF imports");
    assert_eq!(e.title.as_deref(), Some("Budget Report"));
    assert_eq!(e.metadata.authors, vec!["Jane Doe", "John Roe"]);
    assert_eq!(
        e.metadata.published.as_deref(),
        Some("2024-03-05T10:15:00+01:00")
    );
    assert_eq!(e.metadata.language.as_deref(), Some("de-DE"));
    assert_eq!(
        e.metadata.description.as_deref(),
        Some("The council's budget")
    );
}

fn make_docx() -> Vec<u8> {
    let body = r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>The storm</w:t></w:r></w:p>
<w:p><w:r><w:t>Winds reached 120 km/h on Monday, the agency said.</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Caption"/></w:pPr><w:r><w:t>Figure 1: the coast road after the storm.</w:t></w:r></w:p>
</w:body></w:document>"#;
    let core = r#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>Storm Report</dc:title><dc:creator>Ana Ruiz</dc:creator><dc:language>es-ES</dc:language>
<dc:description>What the storm did &amp; where</dc:description>
<dcterms:created xsi:type="dcterms:W3CDTF">2023-11-02T08:30:00Z</dcterms:created></cp:coreProperties>"#;
    let mut buf = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut buf));
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", opts).expect("zip");
        zip.write_all(body.as_bytes()).expect("zip");
        zip.start_file("docProps/core.xml", opts).expect("zip");
        zip.write_all(core.as_bytes()).expect("zip");
        zip.finish().expect("zip");
    }
    buf
}

#[test]
fn a_word_document_states_its_core_properties() {
    let e = ingest_and_check("storm.docx", &make_docx()).expect("the DOCX imports");
    assert_eq!(e.title.as_deref(), Some("Storm Report"));
    assert_eq!(
        e.metadata,
        Metadata {
            authors: vec!["Ana Ruiz".into()],
            published: Some("2023-11-02T08:30:00Z".into()),
            language: Some("es-ES".into()),
            description: Some("What the storm did & where".into()),
            ..Default::default()
        }
    );
    assert_eq!(
        blocks(&e, BlockKind::Caption),
        vec!["Figure 1: the coast road after the storm."]
    );
}

#[test]
fn a_text_with_a_byline_and_a_date_line() {
    let text = "Rivers rise across the valley\nBy Jane Doe\nMarch 5, 2024\n\nHeavy rain pushed the river to its highest level in 40 years on Tuesday.\n";
    let e = ingest_and_check("rivers.txt", text.as_bytes()).expect("imports");
    assert_eq!(e.metadata.authors, vec!["Jane Doe"]);
    assert_eq!(e.metadata.published.as_deref(), Some("2024-03-05"));
    assert_eq!(e.text, text, "the stored text is the file");
    let md = "---\ntitle: Rivers rise\nauthor: Jane Doe\ndate: 2024-03-05\nsite: Daily Paper\n---\n\nThe river rose on Tuesday.\n";
    let e = ingest::extract("rivers.md", md.as_bytes()).expect("imports");
    assert_eq!(e.title.as_deref(), Some("Rivers rise"));
    assert_eq!(e.metadata.authors, vec!["Jane Doe"]);
    assert_eq!(e.metadata.site.as_deref(), Some("Daily Paper"));
    assert_eq!(
        blocks(&e, BlockKind::Paragraph),
        vec!["The river rose on Tuesday."],
        "the front matter is no paragraph"
    );
    // A text that says nothing of itself has no metadata.
    let e = ingest::extract(
        "plain.txt",
        b"The river rose on Tuesday.\nIt fell on Friday.\n",
    )
    .expect("imports");
    assert_eq!(e.metadata, Metadata::default());
}

fn add(lib: &mut Library, paths: &[PathBuf]) {
    let report = lib
        .add_files(paths, &AtomicBool::new(false), &mut |_| {})
        .expect("import runs");
    assert!(report.failed.is_empty(), "{:?}", report.failed);
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("fixture written");
    p
}

fn json_ld_page() -> String {
    format!(
        r#"<!doctype html><html lang="en"><head><title>Rivers rise</title>
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"Rivers rise across the valley",
"author":{{"@type":"Person","name":"Jane Doe"}},"publisher":{{"name":"The Daily Paper"}},"datePublished":"2024-03-05"}}</script>
</head><body><article><h1>Rivers rise across the valley</h1>
<figure><figcaption>Forecasters at the weather service office on Friday.</figcaption></figure>{BODY}</article></body></html>"#
    )
}

/// Sets the manifest's analysis version back, as a library written by an older version.
fn age_manifest(lib_dir: &Path) {
    let manifest = lib_dir.join("library.json");
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&manifest).expect("manifest")).expect("JSON");
    json["analysis"] = serde_json::json!(2);
    std::fs::write(&manifest, serde_json::to_vec(&json).expect("JSON")).expect("write");
}

/// Removes the metadata fields from a stored document, as an older version stored it.
fn strip_stored_metadata(lib_dir: &Path, id: &str) {
    let path = lib_dir.join("docs").join(format!("{id}.json"));
    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("doc")).expect("JSON");
    let object = doc.as_object_mut().expect("an object");
    for key in [
        "authors",
        "site",
        "published",
        "url",
        "language",
        "description",
    ] {
        object.remove(key);
    }
    std::fs::write(&path, serde_json::to_vec(&doc).expect("JSON")).expect("write");
}

#[test]
fn metadata_survives_storage_and_reanalysis() {
    let files = tempfile::tempdir().expect("tmp");
    let lib_dir = files.path().join("lib");
    let page = write(files.path(), "rivers.html", json_ld_page().as_bytes());
    let mut lib = Library::open(&lib_dir, OpenOptions { empty: true }).expect("opens");
    add(&mut lib, std::slice::from_ref(&page));
    let row = lib.list().pop().expect("a row");
    assert_eq!(row.metadata.authors, vec!["Jane Doe"]);
    assert_eq!(row.metadata.site.as_deref(), Some("The Daily Paper"));
    assert_eq!(row.metadata.published.as_deref(), Some("2024-03-05"));
    assert_eq!(row.metadata.language.as_deref(), Some("en"));
    // The caption is the reader's, never an answer.
    let doc = lib.document(&row.id).expect("stored");
    assert!(doc.blocks.iter().any(|b| b.kind == BlockKind::Caption));
    let question = "Where were the forecasters on Friday?";
    let answer = lib.ask(question, 5).expect("answers");
    check_answer(question, 5, &answer, &|id| lib.document(id).ok());
    drop(lib);

    // Reopened: the same, from the manifest and the stored document.
    let lib = Library::open(&lib_dir, OpenOptions::default()).expect("reopens");
    assert!(lib.repairs().is_empty(), "{:?}", lib.repairs());
    assert_eq!(lib.list()[0].metadata.authors, vec!["Jane Doe"]);
    assert_eq!(
        lib.document(&row.id)
            .expect("stored")
            .metadata
            .site
            .as_deref(),
        Some("The Daily Paper")
    );
    drop(lib);

    // Stored by an older version (no metadata) and analysed again: read from the source.
    strip_stored_metadata(&lib_dir, &row.id);
    age_manifest(&lib_dir);
    let lib = Library::open(&lib_dir, OpenOptions::default()).expect("reopens");
    assert!(
        lib.repairs().contains(&Repair::Reanalysed),
        "{:?}",
        lib.repairs()
    );
    let doc = lib.document(&row.id).expect("stored");
    assert_eq!(doc.metadata.authors, vec!["Jane Doe"]);
    assert_eq!(doc.metadata.published.as_deref(), Some("2024-03-05"));
    assert_eq!(
        lib.list()[0].metadata.site.as_deref(),
        Some("The Daily Paper")
    );
    drop(lib);

    // The source gone: what is stored is kept.
    std::fs::remove_file(&page).expect("removed");
    age_manifest(&lib_dir);
    let lib = Library::open(&lib_dir, OpenOptions::default()).expect("reopens");
    assert!(lib.repairs().contains(&Repair::Reanalysed));
    let doc = lib.document(&row.id).expect("stored");
    assert_eq!(doc.metadata.authors, vec!["Jane Doe"]);
    assert_eq!(doc.metadata.site.as_deref(), Some("The Daily Paper"));
    drop(lib);

    // The source replaced by another article at the same path: its metadata is not taken.
    let other = format!(
        r#"<html><head><meta name="author" content="Someone Else"></head><body><article><p>{}</p><p>{}</p></article></body></html>"#,
        "An entirely different story about the harbour and its ferries, which changed their timetable on Monday morning.".repeat(3),
        "The ferry company said the new timetable would last until the end of the summer season.".repeat(3),
    );
    write(files.path(), "rivers.html", other.as_bytes());
    age_manifest(&lib_dir);
    let lib = Library::open(&lib_dir, OpenOptions::default()).expect("reopens");
    assert_eq!(
        lib.document(&row.id).expect("stored").metadata.authors,
        vec!["Jane Doe"]
    );
}
