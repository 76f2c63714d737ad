//! Our own questions about real news pages (`tools/eval/data/news-questions`, written by
//! hand from the pages' text without running the engine): the pages imported as saved
//! (`source.html`) into one library, each question asked of it. A real question counts
//! as answered first when the first passage's answering sentence is the expected one, and
//! is refused when `answered` is false; an off-topic one should abstain. Beside the engine,
//! BM25 over every sentence of the library (tantivy, English stemming).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;
use verbatim_index::answer::phrase::squad_f1;
use verbatim_index::text::segment;

use crate::util::{ratio, write_json, Bm25, Result, TempLibrary};

#[derive(clap::Args, Debug)]
pub struct Options {
    /// The question file.
    #[arg(long, default_value = "tools/eval/data/news-questions/questions.jsonl")]
    questions: PathBuf,
    /// The saved pages, one folder each with `source.html`.
    #[arg(long, default_value = "../shared/eval/news-pages")]
    pages: PathBuf,
    /// `dev`, `test` or `all`.
    #[arg(long, default_value = "dev")]
    split: String,
    /// Print every question that is not answered first, or wrongly abstains or answers.
    #[arg(long)]
    verbose: bool,
    #[arg(long)]
    json: Option<PathBuf>,
}

/// The rule before the abstention model: answered when coverage (absent words counting
/// double) is at least this.
const OLD_THRESHOLD: f32 = 0.35;

#[derive(Deserialize)]
struct Question {
    page: String,
    split: String,
    question: String,
    #[serde(default)]
    sentence: String,
    #[serde(default)]
    phrase: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    off_topic: bool,
}

#[derive(Default)]
struct Tally {
    real: usize,
    first: usize,
    top3: usize,
    refused: usize,
    bm25_first: usize,
    phrase_f1: f64,
    phrase_em: usize,
    off: usize,
    off_abstained: usize,
    /// The same by the rule before the abstention model (coverage alone).
    refused_old: usize,
    off_abstained_old: usize,
    /// The expected sentence is in the imported text at all (extraction kept it).
    in_library: usize,
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn run(o: &Options) -> Result<()> {
    let all: Vec<Question> = std::fs::read_to_string(&o.questions)?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<std::result::Result<_, _>>()?;
    // The library holds every page of the file, whatever the split: questions must find
    // their page among the others.
    let pages: Vec<String> = {
        let mut p: Vec<String> = all.iter().map(|q| q.page.clone()).collect();
        p.sort();
        p.dedup();
        p
    };
    let mut tl = TempLibrary::new()?;
    let paths: Vec<PathBuf> = pages
        .iter()
        .map(|p| o.pages.join(p).join("source.html"))
        .collect();
    let ids = tl.import_paths(&paths)?;
    let mut sentences: Vec<String> = Vec::new();
    let mut texts = String::new();
    for id in &ids {
        let doc = tl.lib.document(id)?;
        for b in &doc.blocks {
            for s in segment::sentences(&doc.text, b.span) {
                sentences.push(s.text(&doc.text).to_string());
            }
        }
        texts.push_str(&squash(&doc.text));
        texts.push('\n');
    }
    let bm25 = Bm25::build(&sentences)?;

    let mut by_kind: BTreeMap<String, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    for q in all
        .iter()
        .filter(|q| o.split == "all" || q.split == o.split)
    {
        let (a, evidence) = tl.lib.ask_detailed(&q.question, 5)?;
        let old_rule = evidence.coverage_absent >= OLD_THRESHOLD;
        if q.off_topic {
            total.off += 1;
            total.off_abstained_old += usize::from(!old_rule);
            if !a.answered {
                total.off_abstained += 1;
            } else if o.verbose {
                println!(
                    "answered off-topic ({:.2}): {}\n    {}",
                    a.confidence, q.question, a.passages[0].answer.text
                );
            }
            continue;
        }
        let want = squash(&q.sentence);
        let holds = |s: &str| squash(s).starts_with(&want) || squash(s).contains(&want);
        let first = a.passages.first().is_some_and(|p| holds(&p.answer.text));
        let top3 = a.passages.iter().take(3).any(|p| holds(&p.answer.text));
        let bm = bm25
            .search(&q.question, 1)?
            .first()
            .is_some_and(|&i| holds(&sentences[i]));
        let phrase = a
            .passages
            .first()
            .and_then(|p| p.answer.phrase.as_ref())
            .map_or("", |p| p.text.as_str());
        let (f1, em) = squad_f1(phrase, &[q.phrase.as_str()]);
        let kind = by_kind.entry(q.kind.clone()).or_default();
        for t in [&mut total, kind] {
            t.real += 1;
            t.first += usize::from(first);
            t.top3 += usize::from(top3);
            t.refused += usize::from(!a.answered);
            t.refused_old += usize::from(!old_rule);
            t.bm25_first += usize::from(bm);
            t.phrase_f1 += f64::from(f1);
            t.phrase_em += usize::from(em);
            t.in_library += usize::from(texts.contains(&want));
        }
        if o.verbose && (!first || !a.answered) {
            println!(
                "{}{}  [{}]\n    want: {}\n    got:  {}\n    phrase: {:?} (want {:?})",
                if a.answered { "" } else { "REFUSED " },
                q.question,
                q.page,
                want,
                a.passages.first().map_or("", |p| p.answer.text.as_str()),
                phrase,
                q.phrase
            );
        }
    }
    println!(
        "news questions ({}), {} pages in one library: {} real questions, {} off-topic",
        o.split,
        pages.len(),
        total.real,
        total.off
    );
    println!(
        "{:<10} {:>4} | {:>8} {:>8} {:>8} | {:>8} | {:>7} {:>5} | {:>7}",
        "kind", "n", "1st", "top 3", "refused", "BM25 1st", "phr F1", "EM", "in text"
    );
    let row = |name: &str, t: &Tally| {
        println!(
            "{:<10} {:>4} | {:>8.3} {:>8.3} {:>8} | {:>8.3} | {:>7.1} {:>5.1} | {:>7.3}",
            name,
            t.real,
            ratio(t.first, t.real),
            ratio(t.top3, t.real),
            t.refused,
            ratio(t.bm25_first, t.real),
            100.0 * t.phrase_f1 / t.real.max(1) as f64,
            100.0 * ratio(t.phrase_em, t.real),
            ratio(t.in_library, t.real)
        )
    };
    for (k, t) in &by_kind {
        row(k, t);
    }
    row("all", &total);
    println!(
        "off-topic: {} of {} abstained; by coverage alone (>= {OLD_THRESHOLD}): {} real refused, {} off-topic abstained",
        total.off_abstained, total.off, total.refused_old, total.off_abstained_old
    );
    println!("(1st: the first passage's answering sentence is the expected one; in text: the expected sentence survives import)");
    write_json(
        o.json.as_deref(),
        &serde_json::json!({
            "split": o.split,
            "real": total.real,
            "first": ratio(total.first, total.real),
            "top3": ratio(total.top3, total.real),
            "refused": total.refused,
            "bm25_first": ratio(total.bm25_first, total.real),
            "phrase_f1": 100.0 * total.phrase_f1 / total.real.max(1) as f64,
            "phrase_em": 100.0 * ratio(total.phrase_em, total.real),
            "off_topic": total.off,
            "off_topic_abstained": total.off_abstained,
        }),
    )
}
