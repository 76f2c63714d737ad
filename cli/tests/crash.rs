//! Crash safety of imports: `verbatim add` killed with SIGKILL at pseudo-random moments
//! across the whole import leaves a library that opens (repairing if it must) and holds
//! exactly the documents committed before, or those plus the whole batch, never part of it.
//! And a damaged index folder is rebuilt on open.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};
use verbatim_index::{Library, OpenOptions};

const BIN: &str = env!("CARGO_BIN_EXE_verbatim");
const BATCH: usize = 300;
/// Rounds aimed at the commit, after the others, until one kill lands inside it.
const EXTRA_KILLS: usize = 24;
const KILLS: usize = 24;
const SEED: u64 = 0x5eed_2024_cafe_f00d;

/// splitmix64: a small deterministic generator, so a failing run can be repeated.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const FIRST: &[&str] = &[
    "Artyom", "Maria", "Sergei", "Angela", "Wang", "Jean-Luc", "Olga", "Kenji", "Amara", "Diego",
    "Fatima", "Pieter", "Ingrid", "Rahul", "Chloe",
];
const LAST: &[&str] = &[
    "Lukin",
    "Zakharova",
    "Lavrov",
    "Merkel",
    "Yi",
    "Picard",
    "Petrova",
    "Sato",
    "Okafor",
    "Herrera",
    "Haddad",
    "de Vries",
    "Larsen",
    "Mehta",
    "Dubois",
];
const ROLES: &[&str] = &[
    "a professor at Far Eastern Federal University",
    "the foreign ministry spokeswoman",
    "a senior analyst at the Carnegie Center",
    "the mayor of the city",
    "a U.S. official who asked not to be named",
    "the company's chief executive",
];
const TOPICS: &[&str] = &[
    "the alliance",
    "the trade deal",
    "sanctions",
    "the pipeline",
    "energy prices",
    "the summit",
    "the harbour project",
    "grain exports",
    "the election",
    "the new bridge",
    "rail freight",
    "the border talks",
];
const WORDS: &[&str] = &[
    "officials",
    "reported",
    "on",
    "Tuesday",
    "that",
    "talks",
    "would",
    "continue",
    "in",
    "Moscow",
    "Beijing",
    "while",
    "the",
    "ministry",
    "declined",
    "to",
    "comment",
    "about",
    "3.5",
    "per",
    "cent",
    "growth",
    "since",
    "Jan.",
    "2022",
    "and",
    "analysts",
    "expect",
    "further",
    "delays",
    "after",
    "Dr.",
    "Smith's",
    "report",
    "was",
    "published",
    "by",
    "the",
    "U.S.",
    "agency",
    "naïve",
    "café",
    "Zürich",
    "—",
    "it's",
    "don't",
];
const VERBS: &[&str] = &[
    "said",
    "says",
    "told reporters",
    "added",
    "warned",
    "argued",
];

/// A code word unique to article `i` (letters only, so it is one search term).
fn code(i: usize) -> String {
    let mut n = i + 26 * 26;
    let mut s = String::from("zq");
    while n > 0 {
        s.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
    }
    s
}

fn sentence(rng: &mut Rng) -> String {
    let n = 6 + rng.below(14);
    let mut w: Vec<&str> = (0..n).map(|_| rng.pick(WORDS)).collect();
    w.insert(rng.below(n), rng.pick(TOPICS));
    let mut s = w.join(" ");
    if let Some(f) = s.get(..1) {
        s = f.to_uppercase() + &s[1..];
    }
    s + "."
}

/// A news-like article of roughly 2-5 KB: paragraphs of reporting, direct quotes in
/// curly and straight marks (each paragraph's first mark opens a quote), indirect speech.
fn article(i: usize, rng: &mut Rng) -> (String, String) {
    let target = 2000 + rng.below(3000);
    let speaker = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
    let surname = speaker.rsplit(' ').next().unwrap_or("Smith").to_string();
    let role = rng.pick(ROLES);
    let topic = rng.pick(TOPICS);
    let mut text = format!(
        "{} on {topic}\n\nThe story of {topic} took a new turn this week, reports on {} show.\n\n",
        capital(topic),
        code(i)
    );
    text.push_str(&format!(
        "{speaker}, {role}, said the situation around {topic} was changing fast.\n\n"
    ));
    while text.len() < target {
        let para = match rng.below(5) {
            0 => format!(
                "“{} {}” {surname} {}.",
                sentence(rng),
                sentence(rng),
                rng.pick(VERBS)
            ),
            1 => format!(
                "{surname} {}: \"{} {}\"",
                rng.pick(VERBS),
                sentence(rng),
                sentence(rng)
            ),
            2 => format!(
                "According to {speaker}, {} {}",
                sentence(rng).to_lowercase(),
                sentence(rng)
            ),
            _ => {
                let k = 2 + rng.below(4);
                (0..k).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
            }
        };
        text.push_str(&para);
        text.push_str(if rng.below(4) == 0 {
            "\r\n\r\n"
        } else {
            "\n\n"
        });
    }
    let ext = if rng.below(4) == 0 { "md" } else { "txt" };
    (format!("article-{i:03}.{ext}"), text)
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn write_articles(dir: &Path, range: std::ops::Range<usize>, seed: u64) -> Vec<PathBuf> {
    fs::create_dir_all(dir).expect("articles dir");
    let mut rng = Rng(seed);
    range
        .map(|i| {
            let (name, text) = article(i, &mut rng);
            let path = dir.join(name);
            fs::write(&path, text).expect("article written");
            path
        })
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn add_command(library: &Path, files: &[PathBuf]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.arg("--library")
        .arg(library)
        .arg("--empty")
        .arg("add")
        .args(files)
        .env_remove("VERBATIM_LIBRARY")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

fn run_add(library: &Path, files: &[PathBuf]) {
    let out = add_command(library, files).output().expect("verbatim runs");
    assert!(
        out.status.success(),
        "verbatim add failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

fn json_count(dir: &Path) -> usize {
    fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
                .count()
        })
        .unwrap_or(0)
}

/// Where an import was when it was killed, from what it left on disk (compared with the
/// library it started from).
fn phase(base: &Path, dir: &Path, docs_before: usize) -> &'static str {
    let same = |name: &str| fs::read(base.join(name)).ok() == fs::read(dir.join(name)).ok();
    let new_docs = json_count(&dir.join("docs")).saturating_sub(docs_before);
    if !same("library.json") {
        "after the manifest was replaced"
    } else if !same("index/meta.json") {
        "after the index commit, before the manifest"
    } else if new_docs == BATCH {
        "documents written, index not committed"
    } else if new_docs > 0 {
        "while writing the documents"
    } else {
        "while reading the files"
    }
}

fn ids(lib: &Library) -> BTreeSet<String> {
    lib.list().into_iter().map(|d| d.id).collect()
}

/// Every listed document reads, and its code word finds it.
fn check_documents(lib: &Library, context: &str) {
    for info in lib.list() {
        let doc = lib
            .document(&info.id)
            .unwrap_or_else(|e| panic!("{context}: document {} unreadable: {e}", info.id));
        let word = doc
            .text
            .split_whitespace()
            .find(|w| w.starts_with("zq"))
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string());
        let Some(word) = word else { continue };
        let answer = lib
            .ask(&format!("What do the reports on {word} show?"), 5)
            .unwrap_or_else(|e| panic!("{context}: asking failed: {e}"));
        assert!(
            answer.passages.iter().any(|p| p.document == info.id),
            "{context}: asking for {word} does not find document {} (answered: {}, passages from {:?})",
            info.id,
            answer.answered,
            answer.passages.iter().map(|p| &p.document).collect::<Vec<_>>()
        );
    }
}

/// A library holding a few documents from a finished import.
fn base_library(root: &Path) -> (PathBuf, BTreeSet<String>) {
    let files = write_articles(&root.join("first"), 1000..1006, SEED ^ 1);
    let dir = root.join("base");
    run_add(&dir, &files);
    let lib = Library::open(&dir, OpenOptions { empty: true }).expect("base opens");
    let before = ids(&lib);
    assert_eq!(before.len(), files.len());
    (dir, before)
}

#[test]
fn an_import_killed_at_any_moment_adds_all_or_nothing() {
    let root = tempfile::tempdir().expect("tmp");
    let batch = write_articles(&root.path().join("batch"), 0..BATCH, SEED);
    let sizes: Vec<u64> = batch
        .iter()
        .map(|p| fs::metadata(p).expect("meta").len())
        .collect();
    eprintln!(
        "batch: {} files, {}..{} bytes each",
        batch.len(),
        sizes.iter().min().unwrap_or(&0),
        sizes.iter().max().unwrap_or(&0)
    );
    let (base, before) = base_library(root.path());

    // One whole import, timed, gives the batch's ids and the span to spread kills over.
    let timed = root.path().join("timed");
    copy_dir(&base, &timed);
    let started = Instant::now();
    let mut child = add_command(&timed, &batch).spawn().expect("spawns");
    let mut docs_done = None;
    let status = loop {
        if docs_done.is_none() && json_count(&timed.join("docs")) >= 6 + BATCH {
            docs_done = Some(started.elapsed());
        }
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        std::thread::sleep(Duration::from_micros(500));
    };
    let duration = started.elapsed();
    assert!(status.success(), "the timed import failed: {status}");
    let docs_done = docs_done.unwrap_or(duration);
    let tail = duration.saturating_sub(docs_done);
    eprintln!("the documents' files were all written after {docs_done:?}; the rest took {tail:?}");
    let lib = Library::open(&timed, OpenOptions { empty: true }).expect("opens");
    let all = ids(&lib);
    assert_eq!(all.len(), before.len() + BATCH, "the whole batch was added");
    assert!(before.is_subset(&all));
    drop(lib);
    eprintln!("a whole import of the batch takes {duration:?}");

    let mut rng = Rng(SEED);
    let (mut before_commit, mut after_commit, mut exited) = (0, 0, 0);
    let docs_before = before.len();
    let mut phases: std::collections::BTreeMap<&str, usize> = Default::default();
    // A kill inside the commit (while the documents are written, or between the index
    // commit and the manifest) is what the test is most about: after the timed rounds,
    // rounds aimed at the commit follow until one lands there (at most EXTRA_KILLS).
    let in_commit = |phase: &str| {
        matches!(
            phase,
            "while writing the documents"
                | "documents written, index not committed"
                | "after the index commit, before the manifest"
        )
    };
    let mut round = 0;
    loop {
        let extra = round >= KILLS;
        if extra && (phases.keys().any(|p| in_commit(p)) || round >= KILLS + EXTRA_KILLS) {
            break;
        }
        round += 1;
        let round = round - 1;
        let dir = root.path().join(format!("round-{round:02}"));
        copy_dir(&base, &dir);
        let round_started = Instant::now();
        let mut child = add_command(&dir, &batch).spawn().expect("spawns");
        // Two of three kills are timed, spread over the whole import (and a little past
        // it); the third waits for the commit to begin (the new documents' files appear
        // in docs/) and kills while it writes them, commits the index or the manifest.
        let when = if !extra && round % 3 != 2 {
            let fraction = 1.05 * rng.unit();
            std::thread::sleep(duration.mul_f64(fraction));
            format!("{:.0}% of the import", fraction * 100.0)
        } else {
            // Half while the documents' files are written, half after (index, manifest).
            let k = if round % 2 == 0 {
                rng.below(BATCH)
            } else {
                BATCH
            };
            let extra = tail.mul_f64(1.1 * rng.unit());
            let docs = dir.join("docs");
            let deadline = Instant::now() + duration * 3;
            while json_count(&docs) < docs_before + k
                && Instant::now() < deadline
                && child.try_wait().ok().flatten().is_none()
            {
                std::thread::sleep(Duration::from_micros(200));
            }
            if k == BATCH {
                std::thread::sleep(extra);
                format!("{extra:.2?} after the commit wrote all {k} documents")
            } else {
                format!("the commit had written {k} of {BATCH} documents")
            }
        };
        let killed_at = round_started.elapsed();
        let finished_first = child.try_wait().expect("try_wait").is_some();
        let _ = child.kill(); // SIGKILL on Unix
        let status = child.wait().expect("reaped");
        if finished_first {
            exited += 1;
        }

        let phase = phase(&base, &dir, docs_before);
        *phases.entry(phase).or_insert(0) += 1;
        let context =
            format!("round {round} (killed after {killed_at:?}, at {when}, {status}, {phase})");
        let mut lib = Library::open(&dir, OpenOptions { empty: true })
            .unwrap_or_else(|e| panic!("{context}: the library does not open: {e}"));
        let now = ids(&lib);
        let committed = if now == before {
            before_commit += 1;
            false
        } else if now == all {
            after_commit += 1;
            true
        } else {
            panic!(
                "{context}: a partial import: {} documents, expected {} or {}; repairs {:?}",
                now.len(),
                before.len(),
                all.len(),
                lib.repairs()
            );
        };
        assert_eq!(
            committed,
            phase == "after the manifest was replaced",
            "{context}: the batch is listed exactly when the new manifest was written"
        );
        check_documents(&lib, &context);
        eprintln!(
            "round {round:2}: killed after {killed_at:.2?} ({when}; {phase}): {} committed, repairs {:?}",
            if committed { "batch" } else { "nothing" },
            lib.repairs()
        );

        // The import again, now in-process: it must succeed and add the whole batch.
        let report = lib
            .add_files(&batch, &AtomicBool::new(false), &mut |_| {})
            .unwrap_or_else(|e| panic!("{context}: importing again fails: {e}"));
        assert!(
            report.failed.is_empty(),
            "{context}: files refused on the second import: {:?}",
            report.failed
        );
        assert_eq!(report.added.len(), BATCH, "{context}");
        drop(lib);
        let lib = Library::open(&dir, OpenOptions { empty: true }).expect("reopens");
        let expected = before.len() + BATCH * if committed { 2 } else { 1 };
        assert_eq!(
            lib.list().len(),
            expected,
            "{context}: after importing again"
        );
        assert!(
            lib.repairs().is_empty(),
            "{context}: a clean import left repairs to do: {:?}",
            lib.repairs()
        );
        if round % 6 == 0 {
            check_documents(&lib, &format!("{context}, imported again"));
        }
        drop(lib);
        let _ = fs::remove_dir_all(&dir);
    }
    eprintln!(
        "{round} kills: {before_commit} landed before the commit, {after_commit} after it \
         ({exited} of those after the process had already exited)"
    );
    eprintln!("kills by phase: {phases:?}");
    assert!(
        before_commit > 0,
        "no kill landed before the commit: the import was too quick to interrupt"
    );
    assert!(
        phases.keys().any(|p| in_commit(p)),
        "in {round} kills none landed inside the commit (writing the documents, or between \
         the index commit and the manifest): {phases:?}"
    );
}

/// Damages the index folder of a library in several ways; each time, opening rebuilds the
/// index from the stored documents and questions are answered again.
#[test]
fn a_damaged_index_is_rebuilt_on_open() {
    let root = tempfile::tempdir().expect("tmp");
    let (base, before) = base_library(root.path());

    type Damage = fn(&Path);
    let damages: &[(&str, Damage)] = &[
        ("meta.json truncated to half", |index| {
            truncate(&index.join("meta.json"), 0.5)
        }),
        ("meta.json emptied", |index| {
            truncate(&index.join("meta.json"), 0.0)
        }),
        ("meta.json deleted", |index| {
            fs::remove_file(index.join("meta.json")).expect("rm")
        }),
        ("meta.json overwritten with garbage", |index| {
            fs::write(index.join("meta.json"), b"\x00\xffnot json{{{").expect("write")
        }),
        ("every segment file truncated to half", |index| {
            for p in segment_files(index) {
                truncate(&p, 0.5);
            }
        }),
        ("every segment file emptied", |index| {
            for p in segment_files(index) {
                truncate(&p, 0.0);
            }
        }),
        ("segment files deleted", |index| {
            for p in segment_files(index) {
                fs::remove_file(p).expect("rm");
            }
        }),
        ("the index folder deleted", |index| {
            fs::remove_dir_all(index).expect("rm")
        }),
        ("the middle of every segment file overwritten", |index| {
            for p in segment_files(index) {
                scribble(&p);
            }
        }),
        // Alone: a damaged column opens and reads, where wrong quotes would come out.
        ("the middle of the quotes column overwritten", |index| {
            for p in segment_files(index) {
                if p.extension().is_some_and(|e| e == "fast") {
                    scribble(&p);
                }
            }
        }),
    ];
    mend_each(root.path(), &base, &before, damages);
}

/// The index folder replaced by a plain file (a sync tool or a user's mistake): open should
/// mend it like any other damage to the index.
#[test]
fn an_index_folder_replaced_by_a_file_is_rebuilt_on_open() {
    let root = tempfile::tempdir().expect("tmp");
    let (base, before) = base_library(root.path());
    type Damage = fn(&Path);
    let damages: &[(&str, Damage)] = &[("the index folder replaced by a file", |index| {
        fs::remove_dir_all(index).expect("rm");
        fs::write(index, b"not a folder").expect("write")
    })];
    mend_each(root.path(), &base, &before, damages);
}

/// Applies each damage to a copy of `base` and checks that opening mends it.
/// A named way of damaging a library folder.
type Damage<'a> = (&'a str, fn(&Path));

fn mend_each(root: &Path, base: &Path, before: &BTreeSet<String>, damages: &[Damage]) {
    let mut failures = Vec::new();
    for (i, (what, damage)) in damages.iter().enumerate() {
        let dir = root.join(format!("damaged-{i}"));
        copy_dir(base, &dir);
        damage(&dir.join("index"));
        let outcome = std::panic::catch_unwind(|| {
            let lib = Library::open(&dir, OpenOptions { empty: true })
                .unwrap_or_else(|e| panic!("does not open: {e}"));
            assert!(
                !lib.repairs().is_empty(),
                "open reported no repair (the damage went unnoticed)"
            );
            assert_eq!(&ids(&lib), before, "the documents changed");
            check_documents(&lib, what);
            drop(lib);
            let lib = Library::open(&dir, OpenOptions { empty: true }).expect("reopens");
            assert!(
                lib.repairs().is_empty(),
                "a second open repairs again: {:?}",
                lib.repairs()
            );
            check_documents(&lib, what);
        });
        match outcome {
            Ok(()) => eprintln!("{what}: rebuilt and answering"),
            Err(e) => {
                let msg = e
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                eprintln!("{what}: FAILED: {msg}");
                failures.push(format!("{what}: {msg}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "damaged indexes not mended:\n{}",
        failures.join("\n")
    );
}

/// Overwrites a run of bytes in the middle of a file, keeping its length.
fn scribble(path: &Path) {
    let mut bytes = fs::read(path).expect("read");
    let len = bytes.len();
    for (k, b) in bytes
        .iter_mut()
        .enumerate()
        .skip(len / 3)
        .take(64.min(len / 3 + 1))
    {
        *b = (k as u8).wrapping_mul(37) ^ 0xa5;
    }
    fs::write(path, bytes).expect("write");
}

fn truncate(path: &Path, keep: f64) {
    let len = fs::metadata(path).expect("meta").len();
    let f = fs::OpenOptions::new().write(true).open(path).expect("open");
    f.set_len((len as f64 * keep) as u64).expect("truncate");
}

/// The index's segment files (everything but meta.json, the lock files and the managed list).
fn segment_files(index: &Path) -> Vec<PathBuf> {
    let files: Vec<PathBuf> = fs::read_dir(index)
        .expect("index dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            !name.starts_with('.') && name != "meta.json" && !name.ends_with(".lock")
        })
        .collect();
    assert!(!files.is_empty(), "the index has segment files");
    files
}
