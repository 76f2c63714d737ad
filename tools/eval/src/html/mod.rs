//! `verbatim-eval html`: the saved news pages of `shared/eval/news-pages` (88 real pages
//! with Readability's expected text and metadata), each read as the engine imports it and,
//! in the same run, by the alternatives: dom_smoothie's Readability alone (what the engine
//! starts from), rs-trafilatura and the `trafilatura` crate (two Rust ports of
//! trafilatura). Main text by the README's measure (word 4-gram shingles; P and R averaged
//! over pages, F1 from the averages; Chinese and Japanese pages apart), metadata by exact
//! match, extraction time per page, and the engine's whole import (analysis included).

mod score;

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Deserialize;
use verbatim_index::{ingest, BlockKind};

use crate::squad::truncate;
use crate::util::{ratio, write_json, Result, TempLibrary};
use score::{clean, is_cjk, page_pr, share_in, shingles, FieldTally, TextTally};

/// What to measure.
#[derive(clap::Args)]
pub struct Options {
    /// The pages (shared/eval/news-pages).
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval/news-pages"))]
    pages: PathBuf,
    /// List the misses: pages scored low, the engine's extra and missed paragraphs, and
    /// every metadata value that differs.
    #[arg(long)]
    details: bool,
    /// Only the pages whose name contains this.
    #[arg(long)]
    only: Option<String>,
    /// Also write the numbers to this JSON file.
    #[arg(long)]
    json: Option<PathBuf>,
    /// Write each extractor's text of each page to DIR/<page>/<extractor>.txt, to read
    /// the differences.
    #[arg(long, value_name = "DIR")]
    dump: Option<PathBuf>,
}

#[derive(Deserialize)]
struct PageLine {
    name: String,
    url: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Expected {
    title: Option<String>,
    byline: Option<String>,
    site_name: Option<String>,
    published_time: Option<String>,
}

/// What one extractor made of a page.
#[derive(Default)]
struct Output {
    text: String,
    title: Option<String>,
    byline: Option<String>,
    site: Option<String>,
    published: Option<String>,
    url: Option<String>,
}

/// The extractors compared, in the order printed.
const EXTRACTORS: &[&str] = &[
    "dom_smoothie (Readability alone)",
    "rs-trafilatura 0.2",
    "trafilatura crate 0.6",
    "engine, captions left out",
    "engine (as imported)",
];
/// The row whose paragraphs `--details` lists.
const ENGINE: usize = 4;

fn dom_smoothie(html: &str) -> Output {
    let Ok(mut r) = dom_smoothie::Readability::new(html, None, None) else {
        return Output::default();
    };
    let Ok(a) = r.parse() else {
        return Output::default();
    };
    Output {
        text: a.text_content.to_string(),
        title: Some(a.title.clone()),
        byline: a.byline.clone(),
        site: a.site_name.clone(),
        published: a.published_time.clone(),
        url: a.url.clone(),
    }
}

fn rs_trafilatura(bytes: &[u8]) -> Output {
    let Ok(r) = rs_trafilatura::extract_bytes(bytes) else {
        return Output::default();
    };
    let m = r.metadata;
    Output {
        text: r.content_text,
        title: m.title,
        byline: m.author,
        site: m.sitename,
        published: m.date.map(|d| d.to_rfc3339()),
        url: m.url,
    }
}

fn trafilatura_crate(html: &str) -> Output {
    let Ok(r) = trafilatura::extract(html, &trafilatura::Options::default()) else {
        return Output::default();
    };
    let m = r.metadata;
    let some = |s: String| (!s.is_empty()).then_some(s);
    Output {
        text: r.content_text,
        title: some(m.title),
        byline: some(m.author),
        site: some(m.sitename),
        published: m.date.map(|d| d.to_string()),
        url: some(m.url),
    }
}

/// The engine's extraction: the text as stored, or without its captions.
fn engine(bytes: &[u8], captions: bool) -> (Output, Vec<(BlockKind, String)>) {
    let Ok(e) = ingest::extract("source.html", bytes) else {
        return (Output::default(), Vec::new());
    };
    let blocks: Vec<(BlockKind, String)> = e
        .blocks
        .iter()
        .filter(|(k, _)| captions || *k != BlockKind::Caption)
        .map(|(k, s)| (*k, s.text(&e.text).to_string()))
        .collect();
    let text = blocks
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let m = e.metadata;
    let byline = (!m.authors.is_empty()).then(|| m.authors.join(", "));
    let out = Output {
        text,
        title: e.title,
        byline,
        site: m.site,
        published: m.published,
        url: m.url,
    };
    (out, blocks)
}

/// Whether a value matches the expected one under a field's loose rule.
type Loose = fn(&str, &str) -> bool;

/// The metadata fields scored, with each one's looser rule.
const FIELDS: &[(&str, Loose)] = &[
    ("title", same_title),
    ("byline", same_byline),
    ("siteName", same_ignoring_case),
    ("publishedTime", same_instant),
    ("url (canonical)", same_url),
];

fn same_ignoring_case(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// The expected title may keep the site's name after a separator (Readability's choice).
fn same_title(got: &str, want: &str) -> bool {
    same_ignoring_case(got, want)
        || [" | ", " - ", " – ", " — ", " :: "].iter().any(|sep| {
            want.split(sep)
                .any(|part| same_ignoring_case(part.trim(), got))
        })
}

/// A byline without its "By" and in any case: the names are the same.
fn same_byline(got: &str, want: &str) -> bool {
    let strip = |s: &str| {
        let lower = s.to_lowercase();
        let mut t = lower.trim();
        for lead in ["written by", "by:", "by", "par", "por", "von"] {
            if let Some(rest) = t.strip_prefix(lead) {
                if rest.starts_with(char::is_whitespace) || lead.ends_with(':') {
                    t = rest.trim();
                    break;
                }
            }
        }
        t.replace(" and ", ", ").replace(" & ", ", ")
    };
    strip(got) == strip(want)
}

/// The same date and, when both give one, the same instant (to the second).
fn same_instant(got: &str, want: &str) -> bool {
    match (instant(got), instant(want)) {
        (Some(a), Some(b)) => a == b,
        _ => got.get(..10).is_some() && got.get(..10) == want.get(..10),
    }
}

/// Seconds since 1970 (UTC) of a date and time with an offset, or None.
fn instant(s: &str) -> Option<i64> {
    let d = chrono::DateTime::parse_from_rfc3339(s)
        .or_else(|_| chrono::DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%z"))
        .or_else(|_| chrono::DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f%z"))
        .ok()?;
    Some(d.timestamp())
}

fn same_url(got: &str, want: &str) -> bool {
    got.trim_end_matches('/') == want.trim_end_matches('/')
}

fn field(o: &Output, i: usize) -> Option<&str> {
    match i {
        0 => o.title.as_deref(),
        1 => o.byline.as_deref(),
        2 => o.site.as_deref(),
        3 => o.published.as_deref(),
        _ => o.url.as_deref(),
    }
}

fn expected_field<'a>(e: &'a Expected, line: &'a PageLine, i: usize) -> Option<&'a str> {
    match i {
        0 => e.title.as_deref(),
        1 => e.byline.as_deref(),
        2 => e.site_name.as_deref(),
        3 => e.published_time.as_deref(),
        _ => line.url.as_deref(),
    }
}

#[derive(Default)]
struct Totals {
    latin: TextTally,
    cjk: TextTally,
    all: TextTally,
    fields: Vec<FieldTally>,
    millis: f64,
}

pub fn run(o: &Options) -> Result<()> {
    let lines: Vec<PageLine> = std::fs::read_to_string(o.pages.join("pages.jsonl"))?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<std::result::Result<_, _>>()?;
    let lines: Vec<PageLine> = lines
        .into_iter()
        .filter(|l| {
            o.only
                .as_ref()
                .is_none_or(|only| l.name.contains(only.as_str()))
        })
        .collect();
    let mut totals: Vec<Totals> = EXTRACTORS
        .iter()
        .map(|_| Totals {
            fields: vec![FieldTally::default(); FIELDS.len()],
            ..Default::default()
        })
        .collect();
    let mut details: Vec<String> = Vec::new();
    let mut rows = Vec::new();
    let mut cjk_pages = Vec::new();
    for line in &lines {
        let dir = o.pages.join(&line.name);
        let bytes = std::fs::read(dir.join("source.html"))?;
        let expected_text = std::fs::read_to_string(dir.join("expected.txt"))?;
        let expected: Expected =
            serde_json::from_slice(&std::fs::read(dir.join("metadata.json"))?)?;
        let html = ingest::decode_text(&bytes).unwrap_or_default();
        let cjk = is_cjk(&expected_text);
        if cjk {
            cjk_pages.push(line.name.clone());
        }
        let mut outputs = Vec::new();
        let mut engine_blocks = Vec::new();
        for (i, _) in EXTRACTORS.iter().enumerate() {
            let start = Instant::now();
            let out = match i {
                0 => dom_smoothie(&html),
                1 => rs_trafilatura(&bytes),
                2 => trafilatura_crate(&html),
                3 => engine(&bytes, false).0,
                _ => {
                    let (out, blocks) = engine(&bytes, true);
                    engine_blocks = blocks;
                    out
                }
            };
            let millis = start.elapsed().as_secs_f64() * 1000.0;
            outputs.push((out, millis));
        }
        if let Some(dump) = &o.dump {
            let to = dump.join(&line.name);
            std::fs::create_dir_all(&to)?;
            for (i, (out, _)) in outputs.iter().enumerate() {
                std::fs::write(to.join(format!("{i}.txt")), &out.text)?;
            }
            std::fs::write(to.join("expected.txt"), &expected_text)?;
        }
        let mut page_row = serde_json::Map::new();
        for (i, (out, millis)) in outputs.iter().enumerate() {
            let pr = page_pr(&out.text, &expected_text);
            let t = &mut totals[i];
            t.all.push(pr);
            if cjk {
                t.cjk.push(pr);
            } else {
                t.latin.push(pr);
            }
            t.millis += millis;
            page_row.insert(
                EXTRACTORS[i].to_string(),
                serde_json::json!({"p": pr.0, "r": pr.1, "ms": millis}),
            );
            for (f, (name, loose)) in FIELDS.iter().enumerate() {
                let got = field(out, f);
                let want = expected_field(&expected, line, f);
                let miss = t.fields[f].push(got, want, *loose);
                if miss && o.details && i == ENGINE {
                    details.push(format!(
                        "{:<30} {name:<15} got {:?}, expected {:?}",
                        line.name,
                        clean(got).map(|s| truncate(&s, 70)),
                        clean(want).map(|s| truncate(&s, 70)),
                    ));
                }
            }
        }
        rows.push(serde_json::json!({"page": line.name, "cjk": cjk, "scores": page_row}));
        if o.details {
            page_details(line, &outputs, &engine_blocks, &expected_text, &mut details);
        }
    }
    print_tables(&totals, lines.len(), &cjk_pages);
    let import = engine_import(&o.pages, &lines)?;
    println!(
        "\nengine, whole import (read, extract, analyse, index, commit) of the {} pages in one \
         library: {:.0} ms, {:.1} ms a page (all cores)",
        lines.len(),
        import,
        import / lines.len().max(1) as f64
    );
    if o.details {
        println!("\nmisses:");
        for d in &details {
            println!("{d}");
        }
    }
    let summary: Vec<_> = EXTRACTORS
        .iter()
        .zip(&totals)
        .map(|(name, t)| {
            let tally = |x: &TextTally| {
                serde_json::json!({"pages": x.pages, "p": x.precision(), "r": x.recall(), "f1": x.f1()})
            };
            let fields: serde_json::Map<String, serde_json::Value> = FIELDS
                .iter()
                .zip(&t.fields)
                .map(|((n, _), f)| {
                    (
                        n.to_string(),
                        serde_json::json!({"expected": f.expected, "exact": f.exact, "loose": f.loose, "spurious": f.spurious}),
                    )
                })
                .collect();
            serde_json::json!({"extractor": name, "latin": tally(&t.latin), "cjk": tally(&t.cjk),
                "all": tally(&t.all), "metadata": fields, "ms_per_page": t.millis / t.all.pages.max(1) as f64})
        })
        .collect();
    write_json(
        o.json.as_deref(),
        &serde_json::json!({"summary": summary, "import_ms": import, "pages": rows}),
    )
}

fn print_tables(totals: &[Totals], pages: usize, cjk_pages: &[String]) {
    let build = if cfg!(debug_assertions) {
        "debug build"
    } else {
        "optimised build"
    };
    println!(
        "Main text on {pages} saved pages ({} Chinese/Japanese apart: {}), word 4-gram shingles; \
         P and R averaged over pages, F1 from the averages. {build}.\n",
        cjk_pages.len(),
        cjk_pages.join(", ")
    );
    println!(
        "{:<34} {:>6} {:>6} {:>6}  {:>6} {:>6} {:>6}  {:>6}  {:>9}",
        "extractor", "P", "R", "F1", "CJK P", "R", "F1", "all F1", "ms/page"
    );
    for (name, t) in EXTRACTORS.iter().zip(totals) {
        println!(
            "{:<34} {:>6.3} {:>6.3} {:>6.3}  {:>6.3} {:>6.3} {:>6.3}  {:>6.3}  {:>9.1}",
            name,
            t.latin.precision(),
            t.latin.recall(),
            t.latin.f1(),
            t.cjk.precision(),
            t.cjk.recall(),
            t.cjk.f1(),
            t.all.f1(),
            t.millis / t.all.pages.max(1) as f64
        );
    }
    println!(
        "\nMetadata: exact matches after trimming and collapsing white space, over the pages \
         expecting a value (loose: the field's own rule: a title's part between separators, a \
         byline without \"By\" in any case, a date's instant or day, a URL without its last /); \
         extra: a value given where none is expected."
    );
    println!(
        "{:<34} {}",
        "extractor",
        FIELDS
            .iter()
            .map(|(n, _)| format!("{n:>26}"))
            .collect::<String>()
    );
    for (name, t) in EXTRACTORS.iter().zip(totals) {
        let cells: String = t
            .fields
            .iter()
            .map(|f| {
                format!(
                    "{:>26}",
                    format!(
                        "{}/{} {:.2} ({:.2}) +{}",
                        f.exact,
                        f.expected,
                        ratio(f.exact, f.expected),
                        ratio(f.loose, f.expected),
                        f.spurious
                    )
                )
            })
            .collect();
        println!("{name:<34} {cells}");
    }
}

/// A page's low scores, and the engine's paragraphs the expected text does not hold (extra)
/// and the expected paragraphs the engine's text does not (missed).
fn page_details(
    line: &PageLine,
    outputs: &[(Output, f64)],
    engine_blocks: &[(BlockKind, String)],
    expected: &str,
    out: &mut Vec<String>,
) {
    let (p, r) = page_pr(&outputs[ENGINE].0.text, expected);
    if p >= 0.98 && r >= 0.98 {
        return;
    }
    let others: Vec<String> = outputs
        .iter()
        .zip(EXTRACTORS)
        .map(|((o, _), name)| {
            let (p, r) = page_pr(&o.text, expected);
            format!("{}: {p:.2}/{r:.2}", name.split(' ').next().unwrap_or(name))
        })
        .collect();
    out.push(format!(
        "{} engine P {p:.3} R {r:.3}   ({})",
        line.name,
        others.join(", ")
    ));
    let want = shingles(expected);
    for (kind, text) in engine_blocks {
        if share_in(text, &want).is_some_and(|s| s < 0.5) {
            out.push(format!("    extra {kind:?}: {}", truncate(text, 140)));
        }
    }
    let got = shingles(&outputs[ENGINE].0.text);
    for para in expected.split("\n\n") {
        if share_in(para, &got).is_some_and(|s| s < 0.5) {
            out.push(format!("    missed: {}", truncate(para, 140)));
        }
    }
}

/// Wall time of importing every page into one new library, as a user would (the files
/// named `<page>.html`).
fn engine_import(pages: &Path, lines: &[PageLine]) -> Result<f64> {
    let mut tl = TempLibrary::new()?;
    let mut paths = Vec::new();
    for l in lines {
        let to = tl.dir.path().join(format!("{}.html", l.name));
        std::fs::copy(pages.join(&l.name).join("source.html"), &to)?;
        paths.push(to);
    }
    let start = Instant::now();
    let ids = tl.import_paths(&paths)?;
    let millis = start.elapsed().as_secs_f64() * 1000.0;
    if ids.len() != lines.len() {
        return Err(format!("{} of {} pages imported", ids.len(), lines.len()).into());
    }
    Ok(millis)
}
