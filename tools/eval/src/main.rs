//! `verbatim-eval`: evaluation commands for the Verbatim engine, each run against a plain
//! baseline in the same process. Not a test: it prints numbers, it does not assert them.

mod abstain;
mod bench;
mod corpus;
mod html;
mod phrase;
mod questions;
mod quotes;
mod ranker;
mod squad;
mod util;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "verbatim-eval",
    about = "Measure the Verbatim engine against plain baselines"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Passage and sentence retrieval on SQuAD v1.1 JSON, against BM25 (tantivy, en_stem).
    Squad {
        /// SQuAD v1.1 JSON file.
        path: PathBuf,
        /// Also write the numbers to this JSON file.
        #[arg(long)]
        json: Option<PathBuf>,
        /// Also train the answer-phrase model on every question of the file and write it
        /// here (the shipped one is `index/src/answer/phrase.model`).
        #[arg(long)]
        train_phrase_model: Option<PathBuf>,
        /// Also train the abstention model on every question (own article and the next
        /// one's) and write it here (the shipped one is `index/src/answer/abstain.model`).
        #[arg(long)]
        train_abstention: Option<PathBuf>,
        /// Also train the passage ranker on every question and write it here (the shipped
        /// one is `index/src/answer/ranker.model`).
        #[arg(long)]
        train_ranker: Option<PathBuf>,
    },
    /// Quotes and speakers on our annotated news pages (dev split unless --split), the
    /// Wikinews/GUM articles and the bundled article, side by side: a gold quote is found
    /// when a prediction covers more than 30% of it (also 80%), one to one; the speaker by
    /// name.
    Quotes(quotes::Options),
    /// Our hand-written questions about real news pages (tools/eval/data/news-questions):
    /// the answering sentence first, refusals of real questions, off-topic abstention, the
    /// answer phrase, beside BM25 over sentences.
    Questions(questions::Options),
    /// Saved news pages (shared/eval/news-pages): main text (word 4-gram shingles against
    /// the expected text) and metadata (exact match) as the engine imports them, beside
    /// dom_smoothie alone, rs-trafilatura and the trafilatura crate; time per page.
    Html(html::Options),
    /// Scale: libraries of generated articles (1 to 10,000), import, answering, quote
    /// search, open time, memory and size on disk, each beside raw tantivy in the same run.
    Bench(bench::Options),
    /// The part of `bench` that runs in a process of its own (opening and answering).
    #[command(hide = true)]
    BenchQueries { input: PathBuf },
    /// Whole-process time of `verbatim ask` on the bundled library, beside `verbatim --version`
    /// (process start alone) in the same run.
    CliLatency {
        /// The `verbatim` binary (default: the one built beside this tool).
        #[arg(long)]
        verbatim: Option<PathBuf>,
        #[arg(long, default_value_t = 30)]
        runs: usize,
    },
}

/// Whole-process latency of `verbatim ask`.
mod latency;

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Squad {
            path,
            json,
            train_phrase_model,
            train_abstention,
            train_ranker,
        } => squad::run(
            &path,
            json.as_deref(),
            train_phrase_model.as_deref(),
            train_abstention.as_deref(),
            train_ranker.as_deref(),
        ),
        Command::Quotes(options) => quotes::run(&options),
        Command::Questions(options) => questions::run(&options),
        Command::Html(options) => html::run(&options),
        Command::Bench(options) => bench::run(&options),
        Command::BenchQueries { input } => bench::queries(&input),
        Command::CliLatency { verbatim, runs } => latency::run(verbatim, runs),
    };
    if let Err(e) = result {
        eprintln!("verbatim-eval: {e}");
        std::process::exit(1);
    }
}
