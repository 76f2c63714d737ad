//! Property tests: ingestion, segmentation, quote finding and answering never panic, and
//! every offset they hand out is a valid slice of the document's text.
//!
//! Inputs are news-like text (names, titles and abbreviations, decimals, every style of
//! quotation mark, apostrophes, blank lines, CRLF, emoji, other scripts, control
//! characters) in plain text, Markdown and HTML, and arbitrary strings and bytes.
//! Failures are not persisted to disk (no `proptest-regressions/` files); a failure prints
//! the shrunk input instead. `PROPTEST_CASES=N` runs more cases.

use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use verbatim_index::answer::question;
use verbatim_index::text::segment;
use verbatim_index::{invariants, pipeline, Document, Library, OpenOptions, Span};

fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2048,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------

const WORDS: &[&str] = &[
    "the",
    "minister",
    "officials",
    "talks",
    "would",
    "continue",
    "in",
    "on",
    "Tuesday",
    "about",
    "sanctions",
    "alliance",
    "treaty",
    "said",
    "that",
    "of",
    "a",
    "per",
    "cent",
    "3.5",
    "0.25",
    "1,200",
    "2022",
    "No.",
    "5",
    "Dr.",
    "U.S.",
    "U.K.",
    "Jan.",
    "Sept.",
    "Mr.",
    "Inc.",
    "Corp.",
    "e.g.",
    "i.e.",
    "etc.",
    "a.m.",
    "p.m.",
    "St.",
    "vs.",
    "Jr.",
    "it's",
    "don't",
    "Soviets'",
    "O'Neill",
    "rock 'n' roll",
    "’90s",
    "don’t",
    "Moscow",
    "Beijing",
    "Kremlin",
    "NATO",
    "Москва",
    "заявил",
    "Пекин",
    "北京",
    "中国",
    "说",
    "مرحبا",
    "שלום",
    "नमस्ते",
    "Ελλάδα",
    "São",
    "Zürich",
    "naïve",
    "e\u{301}",
    "😀",
    "👍🏽",
    "🇺🇦",
    "👨‍👩‍👧",
    "\u{200b}",
    "\u{feff}",
    "\u{0}",
    "\u{7}",
    "\u{1b}[0m",
    "\u{7f}",
    "\u{85}",
    "\u{2028}",
    "\t",
    "...",
    "…",
    "—",
    "–",
    "-",
    "(",
    ")",
    "[1]",
    "&amp;",
    "<b>",
    "</b>",
    "#",
    "*",
    "_",
    "`",
    ">",
    "|",
    "\\",
    "/",
    "@",
    "%",
    "$",
    "€",
    "?",
    "!",
    ".",
    ",",
    ";",
    ":",
    "«",
    "»",
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "„",
    "‹",
    "›",
    "‚",
    "A.",
    "J.",
    "K.",
];

const NAMES: &[&str] = &[
    "Artyom Lukin",
    "Vladimir Putin",
    "Xi Jinping",
    "Angela Merkel",
    "Dr. Jane O'Brien",
    "J. K. Rowling",
    "Mr. Smith",
    "Ms. García",
    "Lukin",
    "Putin",
    "He",
    "She",
    "They",
    "The spokesman",
    "A U.S. official",
    "Sergei Lavrov",
    "Lavrov",
    "Wang Yi",
    "Prof. Li",
    "Jean-Luc Picard",
    "D'Angelo",
    "Мария Захарова",
    "习近平",
    "Gen. Mark Milley",
];

const VERBS: &[&str] = &[
    "said",
    "says",
    "told reporters",
    "added",
    "argued",
    "warned",
    "insisted",
    "noted",
    "wrote",
    "explained",
    "claimed",
];

const QUOTE_MARKS: &[(&str, &str)] = &[
    ("“", "”"),
    ("‘", "’"),
    ("\"", "\""),
    ("'", "'"),
    ("«", "»"),
    ("»", "«"),
    ("„", "“"),
    ("„", "”"),
    ("‚", "‘"),
    ("‹", "›"),
    ("« ", " »"),
    ("«\u{a0}", "\u{a0}»"),
    ("“", ""),
    ("", "”"),
    ("“", "“"),
    ("\"", ""),
];

const TERMINALS: &[&str] = &[".", ".", ".", "!", "?", "…", "?!", "...", "", ".\u{200b}"];
const SPACES: &[&str] = &[" ", " ", " ", " ", "  ", "\t", "\u{a0}", "\n", "\r\n"];
const PARA_SEPS: &[&str] = &[
    "\n\n",
    "\n\n",
    "\r\n\r\n",
    "\n \n",
    "\n\n\n",
    "\n",
    "\r\r",
    "\u{2029}",
    "\n\t\n",
    " \r\n \r\n ",
];

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A run of words joined by assorted spaces.
fn words(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec((select(WORDS), select(SPACES)), 1..max).prop_map(|ws| {
        let mut s = String::new();
        for (i, (w, sp)) in ws.iter().enumerate() {
            if i > 0 {
                s.push_str(sp);
            }
            s.push_str(w);
        }
        s
    })
}

/// One sentence: plain, or a quote in one of several shapes.
fn sentence() -> impl Strategy<Value = String> {
    let plain = (words(14), select(TERMINALS)).prop_map(|(w, t)| format!("{}{t}", capitalise(&w)));
    prop_oneof![
        3 => plain,
        // “Words,” Name said.
        2 => (select(QUOTE_MARKS), words(12), select(&[",", ".", "!", "?", ""][..]), select(NAMES), select(VERBS))
            .prop_map(|((o, c), w, p, n, v)| format!("{o}{}{p}{c} {n} {v}.", capitalise(&w))),
        // Name said: “Words.”
        2 => (select(NAMES), select(VERBS), select(&[": ", ", ", " "][..]), select(QUOTE_MARKS), words(12), select(TERMINALS))
            .prop_map(|(n, v, sep, (o, c), w, t)| format!("{n} {v}{sep}{o}{}{t}{c}", capitalise(&w))),
        // Name said the plan was “partial words” and more.
        1 => (select(NAMES), select(VERBS), words(6), select(QUOTE_MARKS), words(5), words(5))
            .prop_map(|(n, v, a, (o, c), w, b)| format!("{n} {v} {a} {o}{w}{c} {b}.")),
        // “Words,” Name said, “more words.”
        1 => (select(QUOTE_MARKS), words(8), select(NAMES), select(VERBS), words(8))
            .prop_map(|((o, c), a, n, v, b)| format!("{o}{},{c} {n} {v}, {o}{b}.{c}", capitalise(&a))),
        // According to Name, words.
        1 => (select(NAMES), words(10)).prop_map(|(n, w)| format!("According to {n}, {w}.")),
        // Name says that words.
        1 => (select(NAMES), select(VERBS), words(10)).prop_map(|(n, v, w)| format!("{n} {v} that {w}.")),
    ]
}

/// A paragraph of a few sentences.
fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec((sentence(), select(SPACES)), 1..6).prop_map(|ss| {
        let mut p = String::new();
        for (i, (s, sp)) in ss.iter().enumerate() {
            if i > 0 {
                p.push_str(sp);
            }
            p.push_str(s);
        }
        p
    })
}

/// An article: paragraphs separated by assorted blank lines and line breaks.
fn article() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((paragraph(), select(PARA_SEPS)), 1..8),
        select(&["", "\u{feff}", "\n", "  ", "\r\n"][..]),
        select(&["", "\n", "\r\n", "  \n\n"][..]),
    )
        .prop_map(|(ps, lead, trail)| {
            let mut t = lead.to_string();
            for (i, (p, sep)) in ps.iter().enumerate() {
                if i > 0 {
                    t.push_str(sep);
                }
                t.push_str(p);
            }
            t.push_str(trail);
            t
        })
}

/// An article with a piece of an arbitrary string spliced in at a char boundary.
fn spliced_article() -> impl Strategy<Value = String> {
    (article(), any::<String>(), any::<prop::sample::Index>()).prop_map(|(a, junk, at)| {
        let boundaries: Vec<usize> = a
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(a.len()))
            .collect();
        let cut = boundaries[at.index(boundaries.len())];
        format!("{}{junk}{}", &a[..cut], &a[cut..])
    })
}

/// An article as a file: its name and bytes (plain text, Markdown or HTML).
fn article_file() -> impl Strategy<Value = (String, Vec<u8>)> {
    let text = prop_oneof![4 => article(), 1 => spliced_article()];
    (text, 0..3usize, words(6)).prop_map(|(t, format, heading)| match format {
        0 => ("article.txt".to_string(), t.into_bytes()),
        1 => {
            let md = format!("# {heading}\n\n{t}\n\n> {heading}\n\n* {heading}\n* item two\n");
            ("article.md".to_string(), md.into_bytes())
        }
        _ => {
            let mut html = format!(
                "<!doctype html><html><head><title>{heading}</title></head><body><article><h1>{heading}</h1>"
            );
            for p in t.split("\n\n") {
                html.push_str("<p>");
                html.push_str(p);
                html.push_str("</p>\n");
            }
            html.push_str("</article></body></html>");
            ("article.html".to_string(), html.into_bytes())
        }
    })
}

const NAMES_BY_EXT: &[&str] = &["a.txt", "a.md", "a.html"];

/// A question: templates over the vocabulary, and arbitrary strings.
fn question_text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => (select(NAMES), words(4)).prop_map(|(n, w)| format!("What did {n} say about {w}?")),
        2 => select(NAMES).prop_map(|n| format!("Who is {n}?")),
        1 => words(6).prop_map(|w| format!("Who said {w}?")),
        2 => words(10).prop_map(|w| format!("{w}?")),
        1 => (select(NAMES), words(3)).prop_map(|(n, w)| format!("Why does {n} think {w}")),
        2 => any::<String>(),
        1 => "\\PC{0,40}",
        1 => prop::collection::vec(select(WORDS), 200..400).prop_map(|v| v.join(" ")),
    ]
}

// ---------------------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------------------

/// Extracts and analyses; the invariants (`verbatim_index::invariants`, shared with the
/// fuzz targets, which assert: proptest takes a panic for a failure and shrinks it) hold
/// whenever extraction succeeds.
fn extract_and_check(name: &str, bytes: &[u8]) -> Result<Option<Document>, TestCaseError> {
    let Some(extracted) = invariants::ingest_and_check(name, bytes) else {
        return Ok(None);
    };
    let doc = pipeline::analyse("doc", "Title".to_string(), None, extracted);
    Ok(Some(doc))
}

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn arbitrary_bytes_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..1500),
        name in select(NAMES_BY_EXT),
    ) {
        extract_and_check(name, &bytes)?;
    }

    #[test]
    fn arbitrary_strings_keep_every_span_valid(
        s in prop_oneof![any::<String>(), "\\PC{0,300}", "[ \\n\\r\\t.!?“”‘’\"'«»„a-zA-Z]{0,200}"],
        name in select(NAMES_BY_EXT),
    ) {
        extract_and_check(name, s.as_bytes())?;
    }

    #[test]
    fn news_articles_keep_every_span_valid((name, bytes) in article_file()) {
        extract_and_check(&name, &bytes)?;
    }

    #[test]
    fn news_text_as_every_format((text, name) in (prop_oneof![3 => article(), 1 => spliced_article()], select(NAMES_BY_EXT))) {
        extract_and_check(name, text.as_bytes())?;
    }

    #[test]
    fn sentences_cover_any_block(
        text in prop_oneof![3 => article(), 1 => spliced_article(), 1 => any::<String>()],
        a in any::<prop::sample::Index>(),
        b in any::<prop::sample::Index>(),
    ) {
        let boundaries: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .collect();
        let (x, y) = (boundaries[a.index(boundaries.len())], boundaries[b.index(boundaries.len())]);
        for block in [Span { start: 0, end: text.len() }, Span { start: x.min(y), end: x.max(y) }] {
            let sentences = segment::sentences(&text, block);
            invariants::check_sentences(&text, block, &sentences);
        }
    }

    /// Any text is a question within bounds: at most 32 distinct, non-empty terms, each
    /// weighted in (0, 1], its word as typed lowercased.
    #[test]
    fn question_analysis_keeps_its_bounds(q in question_text()) {
        let analysed = question::analyse(&q);
        prop_assert!(analysed.terms.len() <= 32, "{} terms", analysed.terms.len());
        for (i, t) in analysed.terms.iter().enumerate() {
            prop_assert!(!t.term.is_empty() && !t.word.is_empty(), "an empty term {:?}", t);
            prop_assert!(t.weight > 0.0 && t.weight <= 1.0, "weight {}", t.weight);
            prop_assert_eq!(t.word.to_lowercase(), t.word.clone());
            prop_assert!(analysed.terms[..i].iter().all(|u| u.term != t.term), "{:?} twice", t.term);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Answering over a library of generated documents
// ---------------------------------------------------------------------------------------

/// Imports `n` generated articles (and keeps the bundled article) into a new library.
fn library_with_generated(n: usize, seed_name: &str) -> (tempfile::TempDir, Library, Vec<String>) {
    let dir = tempfile::tempdir().expect("tmp");
    let mut runner = TestRunner::deterministic();
    let files_dir = dir.path().join("files");
    std::fs::create_dir_all(&files_dir).expect("files dir");
    let mut paths: Vec<PathBuf> = Vec::new();
    let strategy = article_file();
    for i in 0..n {
        let (name, bytes) = strategy.new_tree(&mut runner).expect("a value").current();
        let path = files_dir.join(format!("{seed_name}-{i}-{name}"));
        std::fs::write(&path, bytes).expect("written");
        paths.push(path);
    }
    let mut lib = Library::open(dir.path().join("lib"), OpenOptions::default()).expect("opens");
    let report = lib
        .add_files(&paths, &AtomicBool::new(false), &mut |_| {})
        .expect("import runs");
    assert!(
        !report.added.is_empty(),
        "no generated document was imported: {:?}",
        report.failed
    );
    let vocabulary: Vec<String> = lib
        .list()
        .iter()
        .filter_map(|d| lib.document(&d.id).ok())
        .flat_map(|d| {
            d.text
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    (dir, lib, vocabulary)
}

fn check_answer(lib: &Library, q: &str, top: usize) -> Result<(), TestCaseError> {
    let answer = lib
        .ask(q, top)
        .map_err(|e| TestCaseError::fail(format!("asking failed: {e}")))?;
    invariants::check_answer(q, top, &answer, &|id| lib.document(id).ok());
    Ok(())
}

#[test]
fn ask_keeps_every_offset_valid() {
    let (_dir, lib, vocabulary) = library_with_generated(12, "ask");
    let mut runner = TestRunner::new(config(256));
    let from_docs =
        prop::collection::vec(select(vocabulary), 1..8).prop_map(|ws| format!("{}?", ws.join(" ")));
    let strategy = (
        prop_oneof![2 => question_text(), 2 => from_docs],
        prop_oneof![Just(1usize), Just(3), Just(5), 0..20usize],
    );
    let result = runner.run(&strategy, |(q, top)| check_answer(&lib, &q, top));
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn the_bundled_article_answers_with_valid_offsets() {
    // The real article, to exercise quotes, attribution and identity questions.
    let dir = tempfile::tempdir().expect("tmp");
    let lib = Library::open(dir.path().join("lib"), OpenOptions::default()).expect("opens");
    for id in lib.list().iter().map(|d| d.id.clone()) {
        let doc = lib.document(&id).expect("reads");
        invariants::check_document(&doc);
    }
    let mut runner = TestRunner::new(config(128));
    let result = runner.run(&(question_text(), 1..8usize), |(q, top)| {
        check_answer(&lib, &q, top)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// Found by `news_articles_keep_every_span_valid`: a paragraph that closes a quote it did
/// not open (the usual shape of a quote continued from the paragraph before) followed by a
/// name and a cue, where byte 200 of the text after the closing mark falls inside a
/// multi-byte character, panics in `speakers::starts_with_name_and_cue` (it slices
/// `text[..200]` without looking for a char boundary). The import of such a file panics.
#[test]
fn a_closing_mark_followed_by_long_non_ascii_text_does_not_panic() {
    // `after` (the text after the closing mark) is "Lukin said. " + filler + "—": byte 200
    // is inside the em dash.
    let head = "It will not last,” Lukin said. ";
    let filler = "a".repeat(200 - 1 - "Lukin said. ".len());
    let text = format!("{head}{filler}— and then the talks went on.");
    let result = std::panic::catch_unwind(|| extract_and_check("a.txt", text.as_bytes()));
    assert!(
        matches!(result, Ok(Ok(_))),
        "extract + analyse panicked or broke an invariant on {text:?}"
    );
}

/// Found by `news_text_as_every_format`: a name after a clause that ends in a curly
/// quotation mark and a comma (`The talks ended. “Not now”, Artyom Lukin said, “...”`,
/// British punctuation) panics in `speakers::describe` (speakers.rs:1486: the
/// phrase-before-a-name rule cuts the clause at `rfind(['“', '”', ...]) + 1`, inside the
/// three-byte mark).
#[test]
fn a_curly_mark_before_a_comma_and_a_name_does_not_panic() {
    let mut failed = Vec::new();
    for text in [
        "“We will win”, Artyom Lukin said.",
        "The talks ended. “Soviets', Artyom Lukin said, “the minister left.",
        "The talks ended. “Not now”, Artyom Lukin said, “the minister left.”",
        "Rock 'n 0\u{1ec71}a roll. “Soviets', Artyom Lukin said, “minister the the the the the the.",
    ] {
        let result = std::panic::catch_unwind(|| extract_and_check("a.txt", text.as_bytes()));
        if !matches!(result, Ok(Ok(_))) {
            failed.push(text);
        }
    }
    assert!(
        failed.is_empty(),
        "extract + analyse panicked or broke an invariant on {failed:#?}"
    );
}

/// Found by `news_articles_keep_every_span_valid`: comparing a speaker's name word made of a
/// capital and a four-byte character (`J\u{18800}`) panics inside `rphonetic` 4.0.0's
/// Double Metaphone (double_metaphone.rs:234 slices by bytes), via
/// `names::token_similarity`. Common accented names (the first three) do not panic.
#[test]
fn speakers_with_non_ascii_names_do_not_panic() {
    for text in [
        "“Yes,” Jürgen Müller said. “No,” Jörg Möller said. “Maybe,” Müller added.",
        "“Yes,” José García said. “No,” Josè Garcia said.",
        "“Да,” Мария Захарова said. “Нет,” Марина Захарова said.",
        "# the\n\n  Artyom Lukin said the “the the” the.\n\n“The,” Artyom Lukin said, “minister the the\r\n# the\r\nJ\u{18800} A{a[\u{b47} an..”\n\n\n> the\n\n* the\n* item two\n",
    ] {
        let result = std::panic::catch_unwind(|| extract_and_check("a.md", text.as_bytes()));
        assert!(
            matches!(result, Ok(Ok(_))),
            "extract + analyse panicked or broke an invariant on {text:?}"
        );
    }
}

/// Every quote of a topic's view and of a speaker's record is the document's own words, at
/// its offsets, once; the views keep their orders. Over arbitrary topics (query syntax,
/// any text, the documents' own words).
#[test]
fn topics_and_records_keep_every_quote_verbatim() {
    let (_dir, lib, vocabulary) = library_with_generated(12, "topic");
    let verbatim = |q: &verbatim_index::CitedQuote| -> Result<(), TestCaseError> {
        let doc = lib
            .document(&q.quote.document)
            .map_err(|e| TestCaseError::fail(format!("{}: {e}", q.quote.document)))?;
        prop_assert_eq!(
            doc.text.get(q.quote.start..q.quote.end),
            Some(q.quote.text.as_str())
        );
        prop_assert_eq!(&q.title, &doc.title);
        prop_assert_eq!(&q.site, &doc.metadata.site);
        Ok(())
    };
    let mut runner = TestRunner::new(config(128));
    let from_docs = prop::collection::vec(select(vocabulary), 1..4).prop_map(|ws| ws.join(" "));
    let with_speakers = std::cell::Cell::new(0usize);
    let result = runner.run(&prop_oneof![question_text(), from_docs], |topic| {
        let found = lib
            .quotes_about(&topic, &verbatim_index::Scope::default())
            .map_err(|e| TestCaseError::fail(format!("{e}")))?;
        with_speakers.set(with_speakers.get() + usize::from(!found.speakers.is_empty()));
        let mut seen = std::collections::HashSet::new();
        for s in &found.speakers {
            prop_assert!(!s.quotes.is_empty() && s.documents >= 1 && s.documents <= s.quotes.len());
            let scores: Vec<f32> = s.quotes.iter().filter_map(|q| q.score).collect();
            prop_assert_eq!(scores.len(), s.quotes.len());
            prop_assert!(scores.windows(2).all(|w| w[0] >= w[1]));
            for q in &s.quotes {
                verbatim(q)?;
                prop_assert_eq!(&q.quote.speaker, &s.name);
                prop_assert!(seen.insert((q.quote.document.clone(), q.quote.start, q.quote.end)));
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    // Not a property of nothing: some topics found someone, and people are quoted.
    assert!(with_speakers.get() > 0, "no topic found anyone");
    assert!(lib.speakers().len() > 1);
    for s in lib.speakers() {
        let r = lib
            .speaker_record(&s.name)
            .expect("reads")
            .expect("everyone quoted has a record");
        assert_eq!(r.name, s.name);
        assert_eq!(r.quotes.len(), s.quotes, "{}", s.name);
        let dated: Vec<&str> = r
            .quotes
            .iter()
            .filter_map(|q| q.published.as_deref())
            .collect();
        assert!(dated.windows(2).all(|w| w[0] <= w[1]));
        for q in &r.quotes {
            verbatim(q).expect("verbatim");
        }
    }
}
