//! `verbatim-eval`: evaluation commands for the Verbatim engine, each run against a plain
//! baseline in the same process. Not a test: it prints numbers, it does not assert them.

mod bench;
mod corpus;
mod quotes;
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
    },
    /// Quote detection on Wikinews/GUM JSONL, against a quote-mark pairing baseline; or
    /// with --bundled, quotes, speakers and kinds of the bundled article against its gold file.
    Quotes {
        /// Wikinews/GUM JSONL file, or with --bundled the bundled article's gold JSON.
        path: PathBuf,
        /// PATH is the gold file of the bundled article.
        #[arg(long)]
        bundled: bool,
        /// Also write the numbers to this JSON file.
        #[arg(long)]
        json: Option<PathBuf>,
        /// Print each false positive and missed gold quote of the engine (quotes with
        /// marks), with its text.
        #[arg(long)]
        details: bool,
    },
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
        Command::Squad { path, json } => squad::run(&path, json.as_deref()),
        Command::Quotes {
            path,
            bundled: false,
            json,
            details,
        } => quotes::run_wikinews(&path, json.as_deref(), details),
        Command::Quotes {
            path,
            bundled: true,
            json,
            ..
        } => quotes::run_bundled(&path, json.as_deref()),
        Command::Bench(options) => bench::run(&options),
        Command::BenchQueries { input } => bench::queries(&input),
        Command::CliLatency { verbatim, runs } => latency::run(verbatim, runs),
    };
    if let Err(e) = result {
        eprintln!("verbatim-eval: {e}");
        std::process::exit(1);
    }
}
