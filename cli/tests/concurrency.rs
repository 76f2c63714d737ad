//! Several `verbatim` processes on one library at once: imports, questions and listings
//! in parallel. Each process either does its work or, when another holds the library for
//! writing, says so and exits with status 1 (docs/cli.md: one clear line on stderr); none
//! sees part of an import; afterwards the library opens without mending and holds every
//! document an import reported. The desktop app runs the same engine on the same folder,
//! taking the same lock (`library.lock`) for its imports, so what holds between these
//! processes holds between the app and the command; tests/e2e/app.test.mjs also imports
//! with the command while the app has the library open.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use verbatim_index::{Library, OpenOptions};

const BIN: &str = env!("CARGO_BIN_EXE_verbatim");
const BUSY: &str = "is busy: another Verbatim process is changing it";

fn verbatim(library: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.arg("--library")
        .arg(library)
        .args(args)
        .env_remove("VERBATIM_LIBRARY")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// A word of its own for article `i` (three letters, each tripled: far from the others').
fn word(i: usize) -> String {
    let letter = |k: usize| char::from(b'a' + ((i / 26usize.pow(k as u32)) % 26) as u8);
    (0..3).fold(String::from("qz"), |mut w, k| {
        w.extend([letter(k); 3]);
        w
    })
}

fn write_batch(dir: &Path, batch: usize, size: usize) -> Vec<PathBuf> {
    fs::create_dir_all(dir).expect("mkdir");
    (0..size)
        .map(|k| {
            let i = batch * size + k;
            let w = word(i);
            let path = dir.join(format!("b{batch}-{k}.txt"));
            let text = format!(
                "Ferry timetable {i}\n\nThe ferry company changed the {w} timetable on Monday.\n\n\
                 “The {w} crossings will run every hour,” said Olga Petrova, its spokeswoman.\n"
            );
            fs::write(&path, text).expect("written");
            path
        })
        .collect()
}

/// How a process ended: done, or refused because the library was busy. Anything else
/// fails the test, with what the process printed.
fn outcome(what: &str, out: &Output) -> bool {
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.success() {
        return true;
    }
    assert_eq!(
        out.status.code(),
        Some(1),
        "{what}: exit status {} (busy is 1): {stderr}",
        out.status
    );
    assert!(stderr.contains(BUSY), "{what} failed, not busy: {stderr}");
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "{what}: busy is one line on stderr: {stderr}"
    );
    false
}

/// A process that opened the library while others changed it mended nothing: an import in
/// progress is not damage.
fn mended_nothing(what: &str, out: &Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("verbatim: note:"),
        "{what} took an import in progress for damage: {stderr}"
    );
}

fn ids_of(json: &[u8]) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_slice(json).expect("JSON");
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|d| d["id"].as_str().expect("an id").to_string())
        .collect()
}

fn library_ids(dir: &Path) -> BTreeSet<String> {
    let lib = Library::open(dir, OpenOptions::default()).expect("the library opens");
    assert!(
        lib.repairs().is_empty(),
        "the library needed mending: {:?}",
        lib.repairs()
    );
    lib.list().into_iter().map(|d| d.id).collect()
}

/// Six imports, four question sessions and four listings started together on one library;
/// imports refused as busy are started again until each batch is in. Every listing holds
/// whole batches; every answer cites documents that exist; the library ends with the
/// bundled article and all batches, once each.
#[test]
fn imports_questions_and_listings_in_parallel() {
    const BATCHES: usize = 6;
    const SIZE: usize = 15;
    let root = tempfile::tempdir().expect("tmp");
    let lib = root.path().join("lib");
    let batches: Vec<Vec<PathBuf>> = (0..BATCHES)
        .map(|b| write_batch(&root.path().join("files"), b, SIZE))
        .collect();
    assert!(verbatim(&lib, &["list"])
        .output()
        .expect("runs")
        .status
        .success());
    let before = library_ids(&lib);

    let questions: String = (0..BATCHES * SIZE)
        .map(|i| ferry_question(i) + "\n")
        .chain(std::iter::once("Who is Artyom Lukin?\n".to_string()))
        .collect();
    let mut added: Vec<Option<Vec<String>>> = vec![None; BATCHES];
    let (mut busy, mut rounds, mut answers) = (0, 0, 0);
    let mut listings = Vec::new();
    while added.iter().any(Option::is_none) {
        rounds += 1;
        assert!(rounds <= 50, "the imports never got the library");
        let adds: Vec<(usize, Child)> = (0..BATCHES)
            .filter(|&b| added[b].is_none())
            .map(|b| {
                let mut cmd = verbatim(&lib, &["add", "--json"]);
                cmd.args(&batches[b]);
                (b, cmd.spawn().expect("spawns"))
            })
            .collect();
        let asks: Vec<Child> = (0..4)
            .map(|_| {
                let mut child = verbatim(&lib, &["ask", "-", "--json", "--top", "3"])
                    .stdin(Stdio::piped())
                    .spawn()
                    .expect("spawns");
                let mut stdin = child.stdin.take().expect("stdin");
                let questions = questions.clone();
                std::thread::spawn(move || {
                    let _ = stdin.write_all(questions.as_bytes());
                });
                child
            })
            .collect();
        let lists: Vec<Child> = (0..4)
            .map(|_| verbatim(&lib, &["list", "--json"]).spawn().expect("spawns"))
            .collect();

        for (b, child) in adds {
            let out = child.wait_with_output().expect("ends");
            if outcome(&format!("add batch {b}"), &out) {
                mended_nothing(&format!("add batch {b}"), &out);
                let ids = ids_of(&out.stdout);
                assert_eq!(ids.len(), SIZE, "batch {b}: {ids:?}");
                added[b] = Some(ids);
            } else {
                busy += 1;
            }
        }
        for child in asks {
            let out = child.wait_with_output().expect("ends");
            if !outcome("ask", &out) {
                busy += 1;
                continue;
            }
            mended_nothing("ask", &out);
            for line in out.stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
                let answer: serde_json::Value = serde_json::from_slice(line).expect("JSON");
                answers += 1;
                for p in answer["passages"].as_array().expect("passages") {
                    listings.push(vec![p["document"].as_str().expect("id").to_string()]);
                }
            }
        }
        for child in lists {
            let out = child.wait_with_output().expect("ends");
            if outcome("list", &out) {
                mended_nothing("list", &out);
                listings.push(ids_of(&out.stdout));
            } else {
                busy += 1;
            }
        }
    }
    eprintln!(
        "{rounds} rounds, {busy} processes told the library was busy, {answers} answers, {} listings and cited documents",
        listings.len()
    );

    let after = library_ids(&lib);
    let mut expected = before.clone();
    for ids in added.iter().flatten() {
        expected.extend(ids.iter().cloned());
    }
    assert_eq!(
        expected.len(),
        before.len() + BATCHES * SIZE,
        "ids were reused"
    );
    assert_eq!(
        after, expected,
        "the library holds the reported imports, once each"
    );
    for listing in &listings {
        for id in listing {
            assert!(
                after.contains(id),
                "{id} was seen but is not in the library"
            );
        }
    }
    // Listings show whole imports only.
    for listing in listings.iter().filter(|l| l.len() > 1) {
        let seen: BTreeSet<&String> = listing.iter().collect();
        for ids in added.iter().flatten() {
            let present = ids.iter().filter(|id| seen.contains(id)).count();
            assert!(
                present == 0 || present == ids.len(),
                "a listing holds {present} of an import's {} documents",
                ids.len()
            );
        }
    }
    // Each article answers its own question.
    let lib = Library::open(&lib, OpenOptions::default()).expect("opens");
    for i in (0..BATCHES * SIZE).step_by(7) {
        let answer = lib.ask(&ferry_question(i), 1).expect("answers");
        let text = answer
            .passages
            .first()
            .map(|p| p.text.clone())
            .unwrap_or_default();
        assert!(answer.answered && text.contains(&word(i)), "article {i}");
    }
}

/// A library that does not exist yet, opened by eight processes at once (the app and the
/// command starting together on a new machine): one creates it, the others read it or are
/// told it is busy; it ends with the bundled article, once.
#[test]
fn a_new_library_created_by_several_processes_at_once() {
    let root = tempfile::tempdir().expect("tmp");
    for round in 0..5 {
        let lib = root.path().join(format!("new-{round}"));
        let question = "Who is Artyom Lukin?".to_string();
        let done = ask_at_once(&lib, &vec![question; 8], &format!("round {round}"));
        assert!(done >= 1, "round {round}: no process got the new library");
        eprintln!(
            "new library, round {round}: {done} of 8 answered, the others were told it was busy"
        );
        assert_eq!(
            library_ids(&lib),
            BTreeSet::from(["moscow-beijing-alliance".to_string()])
        );
    }
}

/// A library whose index was damaged, opened by eight processes at once: the one that
/// mends it holds the lock while it does; the others wait for nothing half-done (they
/// answer from the mended index or are told the library is busy). Afterwards it opens
/// with nothing left to mend.
#[test]
fn a_damaged_index_opened_by_several_processes_at_once() {
    let root = tempfile::tempdir().expect("tmp");
    let files = write_batch(&root.path().join("files"), 0, 10);
    for round in 0..6 {
        let lib = root.path().join(format!("damaged-{round}"));
        // Made by the command: this process starts others all the time (the tests run in
        // parallel), and a child between fork and exec would hold a lock taken here.
        let mut add = verbatim(&lib, &["add"]);
        add.args(&files);
        let made = add.output().expect("runs");
        assert!(
            made.status.success(),
            "{}",
            String::from_utf8_lossy(&made.stderr)
        );
        let before = library_ids(&lib);
        match round % 3 {
            0 => fs::remove_file(lib.join("index/meta.json")).expect("rm"),
            1 => fs::write(lib.join("index/meta.json"), b"{ truncated").expect("write"),
            _ => {
                // The list of documents records another version: every reader rebuilds.
                let manifest = fs::read_to_string(lib.join("library.json")).expect("read");
                let stale = manifest.replacen("\"analysis\":", "\"analysis\":0,\"was\":", 1);
                fs::write(lib.join("library.json"), stale).expect("write");
            }
        }
        let questions: Vec<String> = (0..8).map(ferry_question).collect();
        let done = ask_at_once(&lib, &questions, &format!("round {round}"));
        assert!(done >= 1, "round {round}: no process answered");
        eprintln!(
            "damaged index, round {round}: {done} of 8 answered, the others were told it was busy"
        );
        assert_eq!(library_ids(&lib), before, "round {round}");
    }
}

/// Asks each question in a process of its own, all at once; each is answered (the library
/// holds its answer) or told the library is busy. How many were answered.
fn ask_at_once(lib: &Path, questions: &[String], what: &str) -> usize {
    let children: Vec<Child> = questions
        .iter()
        .map(|q| {
            verbatim(lib, &["ask", q, "--json"])
                .spawn()
                .expect("spawns")
        })
        .collect();
    let mut done = 0;
    for (k, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output().expect("ends");
        if outcome(&format!("{what}: ask {k}"), &out) {
            let answer: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
            assert_eq!(answer["answered"], true, "{what}: {answer}");
            done += 1;
        }
    }
    done
}

fn ferry_question(i: usize) -> String {
    format!(
        "When did the ferry company change the {} timetable?",
        word(i)
    )
}
