//! The scale benchmark: libraries of 1 to 10,000 generated articles (see `corpus`), each
//! measured beside raw tantivy on the same text in the same run.
//!
//! For each size: import throughput of the whole pipeline and of raw tantivy indexing the
//! same paragraphs (`en_stem`, tantivy's English analyser, one indexing thread and the
//! same memory budget as the engine's writer); quote extraction alone; `ask` latency over a
//! fixed question set beside a raw tantivy BM25 top-5 query of the same words (parsed
//! leniently, the five texts loaded) over the raw index; quote search by name; who said
//! what on a topic, a speaker's record and the library list filtered to an outlet and a
//! date range (the size-1 run is the same operations on one article); library open time;
//! peak resident memory while importing and while answering; sizes on disk.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::{doc, Index, IndexWriter, TantivyDocument};
use verbatim_index::search::WRITER_MEMORY;
use verbatim_index::{Library, OpenOptions, Scope};

/// Topics asked who said what about, at each size.
const TOPICS: usize = 50;

use crate::corpus::Material;
use crate::util::{en_stem_schema, write_json, Result};

#[derive(clap::Args)]
pub struct Options {
    /// SQuAD v1.1 JSON file (paragraphs and questions for the corpus).
    #[arg(long, default_value = "../shared/eval/squad-dev-v1.1-first24.json")]
    pub squad: PathBuf,
    /// Wikinews/GUM JSONL file (news paragraphs for the corpus).
    #[arg(
        long,
        default_value = "../shared/eval/wikinews-gum/wikinews_gum_news_12.jsonl"
    )]
    pub wikinews: PathBuf,
    /// Corpus sizes, in articles.
    #[arg(long, value_delimiter = ',', default_value = "1,100,1000,10000")]
    pub sizes: Vec<usize>,
    /// Seed of the corpus, questions and names.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Questions asked at each size.
    #[arg(long, default_value_t = 200)]
    pub questions: usize,
    /// Names searched at each size.
    #[arg(long, default_value_t = 100)]
    pub names: usize,
    /// Also write the numbers to this JSON file.
    #[arg(long)]
    pub json: Option<PathBuf>,
    /// Keep each size's generated files, library, raw index and query input in a folder
    /// of this one (`<DIR>/<size>`), so that the query process can be run again alone
    /// (`verbatim-eval bench-queries <DIR>/<size>/queries.json`, under a profiler say).
    #[arg(long)]
    pub keep: Option<PathBuf>,
}

/// Peak resident memory since the last reset, in MiB (Linux; None elsewhere).
fn peak_mib() -> Option<f64> {
    status_kib("VmHWM").map(|k| k as f64 / 1024.0)
}

fn rss_mib() -> Option<f64> {
    status_kib("VmRSS").map(|k| k as f64 / 1024.0)
}

fn status_kib(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets the peak resident memory to the current (Linux 4.0+: `clear_refs` value 5).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn dir_bytes(path: &Path) -> u64 {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return 0;
    };
    if !meta.is_dir() {
        return meta.len();
    }
    std::fs::read_dir(path)
        .map(|rd| rd.flatten().map(|e| dir_bytes(&e.path())).sum())
        .unwrap_or(0)
}

/// p50, p95 and p99 (nearest rank) of timings in ms.
fn percentiles(mut ms: Vec<f64>) -> [f64; 3] {
    if ms.is_empty() {
        return [0.0; 3];
    }
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| ms[((ms.len() as f64 * q).ceil() as usize).clamp(1, ms.len()) - 1];
    [at(0.50), at(0.95), at(0.99)]
}

fn time_ms<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let t = Instant::now();
    let out = f();
    (out, t.elapsed().as_secs_f64() * 1000.0)
}

/// Raw tantivy: the same files read and split into the same paragraphs (blank lines),
/// indexed with `en_stem`, texts stored.
struct Raw {
    index: Index,
    reader: tantivy::IndexReader,
    text: tantivy::schema::Field,
}

impl Raw {
    fn build(dir: &Path, files: &[PathBuf]) -> Result<()> {
        let (schema, text, ord) = en_stem_schema(true);
        let index = Index::create_in_dir(dir, schema)?;
        let mut writer: IndexWriter = index.writer_with_num_threads(1, WRITER_MEMORY)?;
        let mut n = 0u64;
        for f in files {
            let content = std::fs::read_to_string(f)?;
            for p in content
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
            {
                writer.add_document(doc!(text => p, ord => n))?;
                n += 1;
            }
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        Ok(())
    }

    fn open(dir: &Path) -> Result<Raw> {
        let index = Index::open_in_dir(dir)?;
        let text = index.schema().get_field("text")?;
        let reader = index.reader()?;
        Ok(Raw {
            index,
            reader,
            text,
        })
    }

    /// BM25 top 5 for the question's words, the five texts loaded.
    fn top5(&self, question: &str) -> Result<usize> {
        let searcher = self.reader.searcher();
        let parser = QueryParser::for_index(&self.index, vec![self.text]);
        let (q, _) = parser.parse_query_lenient(question);
        let mut bytes = 0;
        for (_, addr) in searcher.search(&q, &TopDocs::with_limit(5))? {
            let d: TantivyDocument = searcher.doc(addr)?;
            bytes += d.field_values().count();
        }
        Ok(bytes)
    }
}

/// Words of a question as plain terms: query syntax would make the raw parser do other
/// work than the engine (the engine never reads a question as syntax).
fn plain_words(q: &str) -> String {
    q.chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect()
}

/// What the query process is given (as a JSON file).
#[derive(serde::Serialize, serde::Deserialize)]
struct QueryInput {
    library: PathBuf,
    raw: PathBuf,
    questions: Vec<String>,
    names: Vec<String>,
    topics: Vec<String>,
}

/// What the query process measured.
#[derive(serde::Serialize, serde::Deserialize)]
struct QueryNumbers {
    open_first_ms: f64,
    /// Median of ten more opens.
    open_again_ms: f64,
    /// Resident memory with the library open, before any question.
    rss_open_mib: Option<f64>,
    /// Peak resident memory while answering every question and searching every name
    /// (the engine alone).
    peak_rss_mib: Option<f64>,
    /// p50, p95, p99, engine and raw tantivy interleaved.
    ask_ms: [f64; 3],
    raw_top5_ms: [f64; 3],
    quote_search_ms: [f64; 3],
    answered: usize,
    names_found: usize,
    /// Who said what on a topic (`quotes --about`), a speaker's record, and the library's
    /// list filtered to one outlet and a date range.
    topic_ms: [f64; 3],
    topics_with_speakers: usize,
    record_ms: [f64; 3],
    filtered_list_ms: [f64; 3],
}

/// The query process: opens the library, answers the questions and searches the names
/// (once to warm up, then timed; the engine alone first for its memory, then interleaved
/// with raw tantivy for the latency ratio), and prints the numbers as JSON.
pub fn queries(input: &Path) -> Result<()> {
    let input: QueryInput = serde_json::from_slice(&std::fs::read(input)?)?;
    let (lib, open_first_ms) =
        time_ms(|| Library::open(&input.library, OpenOptions { empty: true }));
    drop(lib?);
    let mut again = Vec::new();
    for _ in 0..10 {
        let (lib, ms) = time_ms(|| Library::open(&input.library, OpenOptions { empty: true }));
        drop(lib?);
        again.push(ms);
    }
    let lib = Library::open(&input.library, OpenOptions { empty: true })?;
    let rss_open_mib = rss_mib();
    reset_peak();
    let mut search = Vec::new();
    let mut names_found = 0usize;
    for _pass in 0..2 {
        for q in &input.questions {
            lib.ask(q, 5)?;
        }
        search.clear();
        names_found = 0;
        for name in &input.names {
            let (found, ms) = time_ms(|| lib.quotes(Some(name)));
            let found = found?;
            names_found += usize::from(!found.speakers.is_empty());
            search.push(ms);
        }
    }
    let peak_rss_mib = peak_mib();
    let (mut topic_ms, mut record_ms, mut list_ms) = (Vec::new(), Vec::new(), Vec::new());
    let mut topics_with_speakers = 0usize;
    for _pass in 0..2 {
        topic_ms.clear();
        topics_with_speakers = 0;
        for t in &input.topics {
            let (found, ms) = time_ms(|| lib.quotes_about(t, &Scope::default()));
            topics_with_speakers += usize::from(!found?.speakers.is_empty());
            topic_ms.push(ms);
        }
        record_ms.clear();
        for name in &input.names {
            let (r, ms) = time_ms(|| lib.speaker_record(name));
            r?;
            record_ms.push(ms);
        }
        list_ms.clear();
        for (i, site) in crate::corpus::OUTLETS.iter().enumerate() {
            let since = format!("{}-01-01", 2015 + i);
            let (shown, ms) = time_ms(|| {
                lib.list()
                    .into_iter()
                    .filter(|d| d.metadata.site.as_deref() == Some(*site))
                    .filter(|d| d.metadata.published.as_deref() >= Some(since.as_str()))
                    .count()
            });
            std::hint::black_box(shown);
            list_ms.push(ms);
        }
    }
    let raw = Raw::open(&input.raw)?;
    for q in &input.questions {
        raw.top5(&plain_words(q))?;
    }
    let (mut ask, mut raw_ask, mut answered) = (Vec::new(), Vec::new(), 0usize);
    for q in &input.questions {
        // Interleaved, so machine noise hits both alike.
        let (a, ms) = time_ms(|| lib.ask(q, 5));
        let a = a?;
        answered += usize::from(a.answered);
        ask.push(ms);
        let (r, ms) = time_ms(|| raw.top5(&plain_words(q)));
        r?;
        raw_ask.push(ms);
    }
    let numbers = QueryNumbers {
        open_first_ms,
        open_again_ms: percentiles(again)[0],
        rss_open_mib,
        peak_rss_mib,
        ask_ms: percentiles(ask),
        raw_top5_ms: percentiles(raw_ask),
        quote_search_ms: percentiles(search),
        answered,
        names_found,
        topic_ms: percentiles(topic_ms),
        topics_with_speakers,
        record_ms: percentiles(record_ms),
        filtered_list_ms: percentiles(list_ms),
    };
    println!("{}", serde_json::to_string(&numbers)?);
    Ok(())
}

/// Where a size's run writes: a temporary folder, or one kept for later.
enum Work {
    Temporary(tempfile::TempDir),
    Kept(PathBuf),
}

impl Work {
    fn path(&self) -> &Path {
        match self {
            Work::Temporary(t) => t.path(),
            Work::Kept(p) => p,
        }
    }
}

fn size_run(material: &Material, n: usize, o: &Options) -> Result<serde_json::Value> {
    let work = match &o.keep {
        Some(dir) => {
            let kept = dir.join(n.to_string());
            if kept.exists() {
                return Err(format!("{} is already there", kept.display()).into());
            }
            std::fs::create_dir_all(&kept)?;
            Work::Kept(kept)
        }
        None => Work::Temporary(tempfile::tempdir()?),
    };
    let files_dir = work.path().join("files");
    std::fs::create_dir_all(&files_dir)?;
    let mut files = Vec::with_capacity(n);
    let mut text_bytes = 0usize;
    for a in material.articles(n, o.seed) {
        let p = files_dir.join(&a.file_name);
        std::fs::write(&p, &a.markdown)?;
        text_bytes += a.markdown.len();
        files.push(p);
    }
    let mb = text_bytes as f64 / 1e6;

    // Import: the whole pipeline, one add_files call as a user adding a folder does.
    let lib_dir = work.path().join("library");
    reset_peak();
    let (report, import_ms) = time_ms(|| -> Result<_> {
        let mut lib = Library::open(&lib_dir, OpenOptions { empty: true })?;
        Ok(lib.add_files(&files, &AtomicBool::new(false), &mut |_| {})?)
    });
    let report = report?;
    let import_peak = peak_mib();
    if !report.failed.is_empty() {
        return Err(format!("{} generated files were refused", report.failed.len()).into());
    }

    // Raw tantivy on the same paragraphs, same run.
    let raw_dir = work.path().join("raw");
    std::fs::create_dir_all(&raw_dir)?;
    reset_peak();
    let (raw, raw_ms) = time_ms(|| Raw::build(&raw_dir, &files));
    raw?;
    let raw_peak = peak_mib();

    // Quote extraction alone, on the stored documents.
    let lib = Library::open(&lib_dir, OpenOptions { empty: true })?;
    let mut extract_ms = 0.0;
    let mut quotes_found = 0usize;
    for e in lib.entries() {
        let d = lib.document(&e.id)?;
        let ((quotes, _), ms) = time_ms(|| verbatim_index::pipeline::quotes_and_people(&d));
        extract_ms += ms;
        quotes_found += quotes.len();
    }
    let speakers = lib.speakers().len();
    drop(lib);

    // Opening and answering in a process of its own, so that its memory is what a user's
    // process holds to answer, not what this one kept from importing.
    let input = QueryInput {
        library: lib_dir.clone(),
        raw: raw_dir.clone(),
        questions: material.questions(o.questions, o.seed),
        names: material.names(o.names, o.seed),
        topics: material.topics(TOPICS, o.seed),
    };
    let input_path = work.path().join("queries.json");
    std::fs::write(&input_path, serde_json::to_vec(&input)?)?;
    let out = std::process::Command::new(std::env::current_exe()?)
        .arg("bench-queries")
        .arg(&input_path)
        .output()?;
    if !out.status.success() {
        return Err(format!(
            "the query process failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    let q: QueryNumbers = serde_json::from_slice(&out.stdout)?;
    let (questions, names) = (input.questions, input.names);
    let (ask, raw_ask, search) = (q.ask_ms, q.raw_top5_ms, q.quote_search_ms);
    let (open_first_ms, open_again, answered, names_found) =
        (q.open_first_ms, q.open_again_ms, q.answered, q.names_found);
    let (query_peak, rss_before_queries) = (q.peak_rss_mib, q.rss_open_mib);

    let index_bytes = dir_bytes(&lib_dir.join("index"));
    let docs_bytes = dir_bytes(&lib_dir.join("docs"));
    let library_bytes = dir_bytes(&lib_dir);
    let raw_bytes = dir_bytes(&raw_dir);
    let import_s = import_ms / 1000.0;
    let raw_s = raw_ms / 1000.0;
    let mib = |b: u64| b as f64 / (1024.0 * 1024.0);
    let opt = |v: Option<f64>| v.map_or("n/a".to_string(), |v| format!("{v:.0} MiB"));

    println!(
        "\n## {n} articles: {mb:.2} MB of text, {} added",
        report.added.len()
    );
    println!(
        "{:<44} {:>12} {:>12} {:>8}",
        "", "engine", "raw tantivy", "ratio"
    );
    println!(
        "{:<44} {:>12.2} {:>12.2} {:>7.0}%",
        "import, MB/s",
        mb / import_s,
        mb / raw_s,
        100.0 * raw_s / import_s
    );
    println!(
        "{:<44} {:>12.0} {:>12.0}",
        "import, articles/s",
        n as f64 / import_s,
        n as f64 / raw_s
    );
    println!(
        "{:<44} {:>12} {:>12}",
        "import, peak resident memory",
        opt(import_peak),
        opt(raw_peak)
    );
    for (label, e, r) in [
        ("p50", ask[0], raw_ask[0]),
        ("p95", ask[1], raw_ask[1]),
        ("p99", ask[2], raw_ask[2]),
    ] {
        println!(
            "{:<44} {:>12.2} {:>12.2} {:>7.1}x",
            format!("ask {label}, ms ({} questions)", questions.len()),
            e,
            r,
            e / r.max(1e-6)
        );
    }
    println!(
        "{:<44} {:>12.2}",
        "quote extraction alone, MB/s",
        mb / (extract_ms / 1000.0).max(1e-9)
    );
    println!(
        "{:<44} {:>6.2} / {:.2}",
        format!("quote search by name p50 / p99, ms ({})", names.len()),
        search[0],
        search[2]
    );
    println!(
        "{:<44} {:>6.2} / {:.2}  ({} of {} with speakers)",
        format!("who said what on a topic p50 / p99, ms ({TOPICS})"),
        q.topic_ms[0],
        q.topic_ms[2],
        q.topics_with_speakers,
        TOPICS
    );
    println!(
        "{:<44} {:>6.2} / {:.2}",
        format!("speaker's record p50 / p99, ms ({})", names.len()),
        q.record_ms[0],
        q.record_ms[2]
    );
    println!(
        "{:<44} {:>6.2} / {:.2}",
        "library list, one outlet since a year, p50 / p99, ms",
        q.filtered_list_ms[0],
        q.filtered_list_ms[2]
    );
    println!(
        "{:<44} {:>6.2} / {:.2}",
        "library open first / repeated, ms", open_first_ms, open_again
    );
    println!(
        "{:<44} {:>12} ({} open, before questions)",
        "answering, peak resident memory (own process)",
        opt(query_peak),
        opt(rss_before_queries)
    );
    println!(
        "{:<44} {:>9.1} MiB {:>8.1} MiB (text {:.1} MiB; engine index {:.1} + documents {:.1})",
        "on disk",
        mib(library_bytes),
        mib(raw_bytes),
        mib(text_bytes as u64),
        mib(index_bytes),
        mib(docs_bytes)
    );
    println!(
        "answered {answered} of {} questions; {names_found} of {} names found; {quotes_found} quotes, {speakers} speakers",
        questions.len(),
        names.len()
    );

    Ok(serde_json::json!({
        "articles": n,
        "text_bytes": text_bytes,
        "import": {
            "engine_seconds": import_s, "engine_mb_per_s": mb / import_s,
            "engine_articles_per_s": n as f64 / import_s,
            "raw_tantivy_seconds": raw_s, "raw_tantivy_mb_per_s": mb / raw_s,
            "engine_share_of_raw": raw_s / import_s,
            "engine_peak_rss_mib": import_peak, "raw_tantivy_peak_rss_mib": raw_peak,
        },
        "quote_extraction_mb_per_s": mb / (extract_ms / 1000.0).max(1e-9),
        "ask_ms": {"p50": ask[0], "p95": ask[1], "p99": ask[2], "questions": questions.len(), "answered": answered},
        "raw_tantivy_top5_ms": {"p50": raw_ask[0], "p95": raw_ask[1], "p99": raw_ask[2]},
        "quote_search_ms": {"p50": search[0], "p99": search[2], "names": names.len(), "found": names_found},
        "open_ms": {"first": open_first_ms, "repeated_median": open_again},
        "topic_ms": {"p50": q.topic_ms[0], "p95": q.topic_ms[1], "p99": q.topic_ms[2], "topics": TOPICS, "with_speakers": q.topics_with_speakers},
        "speaker_record_ms": {"p50": q.record_ms[0], "p95": q.record_ms[1], "p99": q.record_ms[2]},
        "filtered_list_ms": {"p50": q.filtered_list_ms[0], "p95": q.filtered_list_ms[1], "p99": q.filtered_list_ms[2]},
        "answering_peak_rss_mib": query_peak,
        "disk_bytes": {"library": library_bytes, "index": index_bytes, "documents": docs_bytes, "raw_tantivy": raw_bytes, "text": text_bytes},
        "quotes": quotes_found,
        "speakers": speakers,
    }))
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{cpu}, {cores} cores, {}", std::env::consts::OS)
}

pub fn run(o: &Options) -> Result<()> {
    let material = Material::load(&o.squad, &o.wikinews, o.seed)?;
    let build = if cfg!(debug_assertions) {
        "DEBUG build: numbers are not meaningful, use --release"
    } else {
        "release build"
    };
    println!("scale benchmark, seed {}, {build}", o.seed);
    println!("machine: {}", machine());
    let mut sizes = Vec::new();
    for &n in &o.sizes {
        sizes.push(size_run(&material, n, o)?);
    }
    println!(
        "\ntimings are from one run on a shared machine: compare the columns of a row, not runs"
    );
    write_json(
        o.json.as_deref(),
        &serde_json::json!({
            "seed": o.seed,
            "release": !cfg!(debug_assertions),
            "machine": machine(),
            "sizes": sizes,
        }),
    )
}
