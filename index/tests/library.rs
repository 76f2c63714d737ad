//! The library on disk: imports of every format, reopening, rebuilds, failures that leave
//! nothing behind, removal.

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use verbatim_index::search::SCHEMA_VERSION;
use verbatim_index::{Error, Library, OpenOptions, Repair};

fn add(lib: &mut Library, paths: &[PathBuf]) -> verbatim_index::ImportReport {
    lib.add_files(paths, &AtomicBool::new(false), &mut |_| {})
        .expect("import runs")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("fixture written");
    p
}

/// A minimal valid PDF with one page of text and a title in its metadata.
fn make_pdf(title: &str, line: &str) -> Vec<u8> {
    common::text_pdf(line, "", &format!("/Title ({title})"))
}

#[test]
fn a_new_library_holds_the_bundled_article_and_empty_does_not() {
    let dir = tempfile::tempdir().expect("tmp");
    let lib = Library::open(dir.path().join("a"), OpenOptions::default()).expect("opens");
    assert_eq!(lib.list().len(), 1);
    assert!(
        lib.ask("Who is Artyom Lukin?", 3)
            .expect("answers")
            .answered
    );
    let empty = Library::open(dir.path().join("b"), OpenOptions { empty: true }).expect("opens");
    assert!(empty.list().is_empty());
    assert!(
        !empty
            .ask("Who is Artyom Lukin?", 3)
            .expect("answers")
            .answered
    );
}

#[test]
fn every_format_imports_and_a_bad_file_does_not_stop_the_others() {
    let dir = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("tmp");
    let mut lib = Library::open(dir.path(), OpenOptions { empty: true }).expect("opens");
    let latin1: Vec<u8> =
        b"Caf\xe9 owners in Z\xfcrich protested on Monday, said Ren\xe9e Blanc.".to_vec();
    let utf16: Vec<u8> = "Glaciers retreated 40 metres this summer, scientists reported."
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let paths = vec![
        write(files.path(), "plain.txt", "Floods hit the valley.\nThe river rose two metres overnight.".as_bytes()),
        write(files.path(), "notes.md", b"# Harbour strike\n\nDock workers walked out over pay on Friday."),
        write(files.path(), "page.html", b"<html><head><title>x</title><script>alert(1)</script></head><body><nav>Home | World</nav><article><h1>Bridge reopens</h1><p>The old bridge reopened to traffic after three years of repairs, the city said.</p></article></body></html>"),
        write(files.path(), "report.pdf", &make_pdf("Budget Report", "The council approved the budget on Tuesday.")),
        write(files.path(), "latin1.txt", &latin1),
        write(files.path(), "utf16.txt", &utf16),
        write(files.path(), "empty.txt", b""),
        write(files.path(), "binary.txt", &(0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect::<Vec<u8>>()),
        files.path().join("missing.txt"),
    ];
    let report = add(&mut lib, &paths);
    let titles: Vec<&str> = report.added.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(report.added.len(), 6, "{titles:?} / {:?}", report.failed);
    assert!(
        titles.contains(&"Harbour strike")
            && titles.contains(&"Bridge reopens")
            && titles.contains(&"Budget Report"),
        "{titles:?}"
    );
    assert_eq!(report.failed.len(), 3);
    for e in &report.failed {
        assert!(matches!(e, Error::BadFile { .. }), "{e}");
        let msg = e.to_string();
        assert!(
            msg.contains("empty.txt") || msg.contains("binary.txt") || msg.contains("missing.txt"),
            "{msg}"
        );
    }
    let latin = lib
        .list()
        .into_iter()
        .find(|d| d.id == "latin1")
        .expect("latin1 imported");
    assert!(lib
        .document(&latin.id)
        .expect("doc")
        .text
        .contains("Zürich"));
    let html = lib.document("page").expect("html doc");
    assert!(
        !html.text.contains("alert") && !html.text.contains("Home"),
        "{}",
        html.text
    );
    assert!(lib
        .ask("When did the council approve the budget?", 3)
        .expect("answers")
        .passages[0]
        .text
        .contains("Tuesday"));
}

#[test]
fn reopening_sees_the_import_and_remove_deletes() {
    let dir = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("tmp");
    {
        let mut lib = Library::open(dir.path(), OpenOptions::default()).expect("opens");
        add(
            &mut lib,
            &[write(
                files.path(),
                "storm.txt",
                b"A storm closed the airport in Lisbon on Sunday.",
            )],
        );
    }
    let mut lib = Library::open(dir.path(), OpenOptions::default()).expect("reopens");
    assert!(lib.repairs().is_empty(), "{:?}", lib.repairs());
    assert_eq!(lib.list().len(), 2);
    assert!(
        lib.ask("Which airport did the storm close?", 3)
            .expect("answers")
            .answered
    );
    lib.remove("storm").expect("removes");
    assert!(matches!(
        lib.remove("storm"),
        Err(Error::UnknownDocument(_))
    ));
    let lib = Library::open(dir.path(), OpenOptions::default()).expect("reopens");
    assert_eq!(lib.list().len(), 1);
    assert!(
        !lib.ask("Which airport did the storm close?", 3)
            .expect("answers")
            .answered
    );
}

#[test]
fn an_index_from_another_version_or_a_crash_is_rebuilt() {
    let dir = tempfile::tempdir().expect("tmp");
    drop(Library::open(dir.path(), OpenOptions::default()).expect("opens"));
    let manifest = dir.path().join("library.json");
    // A valid manifest written by a version with another schema: the index is rebuilt (the
    // manifest itself is read, not recovered).
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&manifest).expect("manifest")).expect("JSON");
    assert_eq!(json["schema"], serde_json::json!(SCHEMA_VERSION));
    json["schema"] = serde_json::json!(SCHEMA_VERSION + 1);
    std::fs::write(&manifest, serde_json::to_vec(&json).expect("JSON")).expect("write");
    let lib = Library::open(dir.path(), OpenOptions::default()).expect("reopens");
    assert_eq!(
        lib.repairs(),
        [Repair::RebuiltIndex(
            "it was written by another version of Verbatim".into()
        )]
    );
    assert!(
        lib.ask("Who is Artyom Lukin?", 3)
            .expect("answers")
            .answered
    );
    drop(lib);
    // A manifest that is not JSON is recovered from the stored documents.
    let text = std::fs::read_to_string(&manifest).expect("manifest");
    let broken = text.replace(
        &format!("\"schema\":{SCHEMA_VERSION},"),
        &format!("\"schema\":0{SCHEMA_VERSION},"),
    );
    assert_ne!(broken, text);
    std::fs::write(&manifest, broken).expect("write");
    let lib = Library::open(dir.path(), OpenOptions::default()).expect("reopens");
    assert!(
        lib.repairs().contains(&Repair::RecoveredManifest),
        "{:?}",
        lib.repairs()
    );
    assert!(
        lib.repairs()
            .iter()
            .any(|r| matches!(r, Repair::RebuiltIndex(_))),
        "{:?}",
        lib.repairs()
    );
    assert!(
        lib.ask("Who is Artyom Lukin?", 3)
            .expect("answers")
            .answered
    );
    drop(lib);
    // A damaged index is rebuilt from the stored documents.
    for entry in std::fs::read_dir(dir.path().join("index")).expect("index dir") {
        let p = entry.expect("entry").path();
        if p.extension().is_some_and(|e| e == "json") {
            std::fs::write(&p, b"{ truncated").expect("damage");
        }
    }
    let lib = Library::open(dir.path(), OpenOptions::default()).expect("reopens after damage");
    assert!(!lib.repairs().is_empty());
    assert!(
        lib.ask("Who is Artyom Lukin?", 3)
            .expect("answers")
            .answered
    );
    // A lost manifest is recovered from the documents.
    drop(lib);
    std::fs::remove_file(&manifest).expect("remove manifest");
    let lib = Library::open(dir.path(), OpenOptions::default()).expect("recovers");
    assert!(lib.repairs().contains(&Repair::RecoveredManifest));
    assert_eq!(lib.list().len(), 1);
}

/// An import cancelled half-way adds nothing, and leaves none of its documents' files
/// behind (they are written as the files are read): a manifest recovered from the files
/// later cannot bring them back.
#[test]
fn an_import_cancelled_half_way_leaves_no_files() {
    let dir = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("tmp");
    let paths: Vec<PathBuf> = (0..300)
        .map(|i| {
            write(
                files.path(),
                &format!("note-{i:03}.txt"),
                format!("Note {i}: the ferry left the harbour at noon.").as_bytes(),
            )
        })
        .collect();
    let mut lib = Library::open(dir.path(), OpenOptions::default()).expect("opens");
    let docs = || {
        std::fs::read_dir(dir.path().join("docs"))
            .expect("docs")
            .count()
    };
    let before = docs();
    let cancel = AtomicBool::new(false);
    let mut seen = 0;
    let result = lib.add_files(&paths, &cancel, &mut |event| {
        if let verbatim_index::ImportEvent::File { .. } = event {
            seen += 1;
            // Past the first batch of files written (128), then cancel.
            if seen == 200 {
                cancel.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        }
    });
    assert!(matches!(result, Err(Error::Cancelled)), "{result:?}");
    assert_eq!(docs(), before, "files of the cancelled import were left");
    assert_eq!(lib.list().len(), 1);
    drop(lib);
    std::fs::remove_file(dir.path().join("library.json")).expect("manifest removed");
    let lib = Library::open(dir.path(), OpenOptions::default()).expect("recovers");
    assert_eq!(
        lib.list().len(),
        1,
        "the recovered library holds the cancelled import"
    );
}

#[test]
fn a_cancelled_import_adds_nothing_and_a_busy_library_says_so() {
    let dir = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("tmp");
    let mut lib = Library::open(dir.path(), OpenOptions::default()).expect("opens");
    let p = write(files.path(), "a.txt", b"Some text about ports and ships.");
    let cancel = AtomicBool::new(true);
    assert!(matches!(
        lib.add_files(std::slice::from_ref(&p), &cancel, &mut |_| {}),
        Err(Error::Cancelled)
    ));
    assert_eq!(lib.list().len(), 1);
    let _held = std::fs::File::options()
        .write(true)
        .open(dir.path().join("library.lock"))
        .and_then(|f| f.try_lock().map(|_| f).map_err(std::io::Error::other))
        .expect("lock");
    assert!(matches!(
        lib.add_files(&[p], &AtomicBool::new(false), &mut |_| {}),
        Err(Error::Busy(_))
    ));
}

#[test]
fn a_200_mb_file_is_refused_by_name_without_reading_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("tmp");
    let big = files.path().join("dump.txt");
    // A sparse file: 200 MB on paper, nothing on disk.
    std::fs::File::create(&big)
        .and_then(|f| f.set_len(200_000_000))
        .expect("sparse file");
    let small = write(
        files.path(),
        "ok.txt",
        b"The ferry left the harbour at noon.",
    );
    let mut lib = Library::open(dir.path(), OpenOptions { empty: true }).expect("opens");
    let report = add(&mut lib, &[big, small]);
    assert_eq!(report.added.len(), 1);
    let msg = report.failed[0].to_string();
    assert!(msg.contains("dump.txt") && msg.contains("200 MB"), "{msg}");
}

#[test]
fn files_read_in_parallel_are_reported_and_named_in_file_order() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut lib =
        Library::open(dir.path().join("lib"), OpenOptions { empty: true }).expect("opens");
    // Twelve files of one name in twelve folders, of different lengths so that they finish
    // in another order than they start; one bad file among them.
    let mut paths = Vec::new();
    for i in 0..12 {
        let sub = dir.path().join(format!("d{i}"));
        std::fs::create_dir(&sub).expect("folder");
        let body = format!("Report number {i}.\n\n").repeat(1 + (12 - i) * 40);
        let bytes: &[u8] = if i == 5 {
            b"\0\x01\x02binary"
        } else {
            body.as_bytes()
        };
        paths.push(write(&sub, "report.txt", bytes));
    }
    let mut seen = Vec::new();
    let report = lib
        .add_files(&paths, &AtomicBool::new(false), &mut |e| {
            if let verbatim_index::ImportEvent::File { index, outcome, .. } = e {
                seen.push((index, outcome.ok().map(|d| d.id.clone())));
            }
        })
        .expect("import runs");
    let indexes: Vec<usize> = seen.iter().map(|s| s.0).collect();
    assert_eq!(
        indexes,
        (0..12).collect::<Vec<_>>(),
        "progress in file order"
    );
    let ids: Vec<String> = report.added.iter().map(|d| d.id.clone()).collect();
    let expected: Vec<String> = std::iter::once("report".to_string())
        .chain((2..=11).map(|n| format!("report-{n}")))
        .collect();
    assert_eq!(ids, expected, "ids are given in file order");
    assert_eq!(report.failed.len(), 1);
    assert!(
        report.failed[0].to_string().contains("d5"),
        "{}",
        report.failed[0]
    );
    // Each id holds its own file's text.
    let doc = lib.document("report-2").expect("stored");
    assert!(
        doc.text.starts_with("Report number 1."),
        "{}",
        &doc.text[..20]
    );
}

#[test]
fn the_speaker_list_follows_imports_and_removals() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut lib =
        Library::open(dir.path().join("lib"), OpenOptions { empty: true }).expect("opens");
    assert!(lib.speakers().is_empty());
    let a = write(
        dir.path(),
        "a.txt",
        "“The harbour will reopen in spring,” said Maren Holt, the port's director.\n".as_bytes(),
    );
    add(&mut lib, &[a]);
    let names: Vec<String> = lib.speakers().into_iter().map(|s| s.name).collect();
    assert_eq!(names, ["Maren Holt"]);
    let b = write(
        dir.path(),
        "b.txt",
        "“Shipping is down a third,” Maren Hold said, spelling aside.\n\n“We expect a loss,” said Tomas Reyes, the mayor.\n".as_bytes(),
    );
    add(&mut lib, &[b]);
    let speakers = lib.speakers();
    let holt = speakers
        .iter()
        .find(|s| s.name == "Maren Holt")
        .expect("merged");
    assert_eq!(holt.documents.len(), 2, "{speakers:?}");
    assert!(speakers.iter().any(|s| s.name == "Tomas Reyes"));
    assert_eq!(
        lib.quotes(Some("Reyes")).expect("quotes are read").speakers[0]
            .quotes
            .len(),
        1
    );
    lib.remove("b").expect("removed");
    let names: Vec<String> = lib.speakers().into_iter().map(|s| s.name).collect();
    assert_eq!(names, ["Maren Holt"]);
    assert!(lib
        .quotes(Some("Reyes"))
        .expect("quotes are read")
        .speakers
        .is_empty());
}

#[test]
fn a_long_lived_handle_sees_another_process_changes_when_it_asks() {
    let dir = tempfile::tempdir().expect("tmp");
    let lib_dir = dir.path().join("lib");
    let mut app = Library::open(&lib_dir, OpenOptions::default()).expect("opens");
    assert!(
        !app.refresh_if_changed().expect("refreshes"),
        "nothing changed yet"
    );

    // Another handle (the command, in another process) imports and removes.
    let mut cli = Library::open(&lib_dir, OpenOptions::default()).expect("opens");
    let file = write(
        dir.path(),
        "ferry.txt",
        b"Ferry timetable\n\nThe ferry company changed the winter timetable on Monday.\n",
    );
    let report = add(&mut cli, &[file]);
    let id = report.added[0].id.clone();

    assert_eq!(app.list().len(), 1, "not seen before a refresh");
    assert!(app.refresh_if_changed().expect("refreshes"));
    assert!(app.list().iter().any(|d| d.id == id));
    assert!(
        app.ask("When did the ferry company change the winter timetable?", 3)
            .expect("answers")
            .answered
    );
    assert!(
        !app.refresh_if_changed().expect("refreshes"),
        "seen already"
    );

    cli.remove(&id).expect("removes");
    assert!(app.refresh_if_changed().expect("refreshes"));
    assert!(app.list().iter().all(|d| d.id != id));
    assert!(
        !app.ask("When did the ferry company change the winter timetable?", 3)
            .expect("answers")
            .answered
    );
}

#[test]
fn a_speakers_quotes_from_the_index_are_those_of_the_documents_in_order() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut lib =
        Library::open(dir.path().join("lib"), OpenOptions { empty: true }).expect("opens");
    let a = write(
        dir.path(),
        "a.txt",
        "“The harbour will reopen in spring,” said Maren Holt, the port's director.\n\n\
         Ships waited outside for a week.\n\n\
         “We have never seen a winter like it,” Holt said. “The ice came early.\n\n\
         “And it stayed,” she added.\n"
            .as_bytes(),
    );
    let b = write(
        dir.path(),
        "b.txt",
        "“Shipping is down a third,” said Maren Holt.\n\n“We expect a loss,” said Tomas Reyes.\n"
            .as_bytes(),
    );
    add(&mut lib, &[a, b]);
    let found = lib.quotes(Some("Maren Holt")).expect("quotes are read");
    let holt = found
        .speakers
        .iter()
        .find(|s| s.name == "Maren Holt")
        .expect("Holt is quoted");
    // What the documents themselves hold, in document then text order.
    let mut expected = Vec::new();
    for id in ["a", "b"] {
        let doc = lib.document(id).expect("stored");
        let mut qs: Vec<_> = doc
            .quotes
            .into_iter()
            .filter(|q| q.speaker.contains("Holt") || q.speaker == "she")
            .map(|q| (q.document, q.start, q.end, q.text))
            .collect();
        qs.sort();
        expected.extend(qs);
    }
    let got: Vec<_> = holt
        .quotes
        .iter()
        .map(|q| (q.document.clone(), q.start, q.end, q.text.clone()))
        .collect();
    assert!(expected.len() >= 3, "{expected:?}");
    assert_eq!(got, expected);
    assert!(holt.quotes.iter().all(|q| q.speaker == "Maren Holt"));
}

#[test]
fn an_encrypted_pdf_is_named_as_such() {
    let err = verbatim_index::ingest::extract("locked.pdf", &common::encrypted_pdf()).unwrap_err();
    assert_eq!(
        err,
        verbatim_index::FileProblem::Encrypted { format: "PDF" },
        "{err}"
    );
}

#[test]
fn the_conversation_is_kept_across_opens_and_forgotten_on_request() {
    let dir = tempfile::tempdir().expect("tmp");
    let lib = Library::open(dir.path(), OpenOptions::default()).expect("opens");
    assert_eq!(lib.conversation().expect("reads"), None);
    lib.keep_conversation(Some(r#"[{"question":"Who?"}]"#))
        .expect("kept");
    drop(lib);
    let lib = Library::open(dir.path(), OpenOptions::default()).expect("opens again");
    assert_eq!(
        lib.conversation().expect("reads").as_deref(),
        Some(r#"[{"question":"Who?"}]"#)
    );
    lib.keep_conversation(None).expect("forgotten");
    assert_eq!(lib.conversation().expect("reads"), None);
    lib.keep_conversation(None)
        .expect("forgetting twice is fine");
}

#[test]
fn files_of_the_same_name_each_keep_their_own_quotes() {
    let dir = tempfile::tempdir().expect("tmp");
    let one = dir.path().join("one");
    let two = dir.path().join("two");
    std::fs::create_dir_all(&one).expect("dir");
    std::fs::create_dir_all(&two).expect("dir");
    let page = |who: &str| {
        format!("Port strike\n\n\u{201c}The strike will go on until the port authority talks to us,\u{201d} said {who}, a union organiser.\n")
    };
    let a = write(&one, "story.txt", page("Marta Quintero").as_bytes());
    let b = write(&two, "story.txt", page("Ian Walsh").as_bytes());
    let mut lib =
        Library::open(dir.path().join("lib"), OpenOptions { empty: true }).expect("opens");
    let report = add(&mut lib, &[a, b]);
    let ids: Vec<String> = report.added.iter().map(|d| d.id.clone()).collect();
    assert_eq!(ids, ["story", "story-2"]);
    // The second document's quotes name it, not the first.
    let second = lib.document("story-2").expect("reads");
    assert!(!second.quotes.is_empty());
    assert!(second.quotes.iter().all(|q| q.document == "story-2"));
    // And they are found by their speaker, from the index.
    let walsh = lib.quotes(Some("Ian Walsh")).expect("searches");
    assert_eq!(walsh.speakers[0].quotes.len(), 1);
    assert_eq!(walsh.speakers[0].quotes[0].document, "story-2");
    let on = lib
        .quotes_about("strike", &verbatim_index::Scope::default())
        .expect("searches");
    assert_eq!(on.speakers.len(), 2);
}
