//! `verbatim`: the engine for scripts and headless use. Glue only: parse the command line,
//! call the engine, print. The JSON it prints is the public contract of docs/cli.md.

mod error;
mod render;

use clap::{CommandFactory, Parser, Subcommand};
use error::CliError;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use verbatim_index::answer::DEFAULT_PASSAGES;
use verbatim_index::{ImportEvent, Library, OpenOptions, Repair, Scope};

#[derive(Parser)]
#[command(
    name = "verbatim",
    version,
    about = "Ask questions of news articles; every answer is verbatim from the source."
)]
struct Cli {
    /// The library folder (default: the desktop app's, in your data folder).
    #[arg(long, global = true, env = "VERBATIM_LIBRARY", value_name = "DIR")]
    library: Option<PathBuf>,
    /// Create a new library without the bundled article.
    #[arg(long, global = true)]
    empty: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import files (.txt, .md, .html, .pdf, .docx); prints the new document ids.
    Add {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// The documents in the library.
    List {
        #[arg(long)]
        json: bool,
    },
    /// One document: its title and its stored text.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Delete a document (and its quotes) from the library.
    Remove { id: String },
    /// Ask a question; `-` reads one question a line from standard input.
    Ask {
        question: String,
        /// How many passages to return.
        #[arg(long, default_value_t = DEFAULT_PASSAGES)]
        top: usize,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        scope: ScopeArgs,
    },
    /// All quotes, those of the speakers matching NAME, or with --about, the quotes on a
    /// topic grouped by speaker.
    Quotes {
        #[arg(conflicts_with = "about")]
        name: Option<String>,
        /// The quotes on this topic (words, or a question), grouped by speaker.
        #[arg(long, value_name = "TOPIC")]
        about: Option<String>,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        scope: ScopeArgs,
    },
    /// One speaker's record: every quote in date order, the descriptions the articles
    /// gave them, and who is quoted alongside them.
    Speaker {
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Everyone quoted, with quote counts.
    Speakers {
        #[arg(long)]
        json: bool,
    },
}

/// Part of the library (for `ask` and `quotes --about`): every condition given must hold.
#[derive(clap::Args, Debug, Default)]
struct ScopeArgs {
    /// Only this document (an id from `list`).
    #[arg(long, value_name = "ID")]
    document: Option<String>,
    /// Only the documents of this outlet (as `list` names it; letter case aside).
    #[arg(long, value_name = "NAME")]
    site: Option<String>,
    /// Only documents published on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = day)]
    since: Option<String>,
    /// Only documents published on or before this day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = day)]
    until: Option<String>,
}

impl ScopeArgs {
    fn scope(&self) -> Scope {
        Scope {
            document: self.document.clone(),
            site: self.site.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "verbatim: {e}");
            ExitCode::from(1)
        }
    }
}

fn open(cli: &Cli) -> Result<Library, CliError> {
    let dir = match &cli.library {
        Some(dir) => dir.clone(),
        None => Library::default_dir().ok_or(CliError::NoHome)?,
    };
    let library = Library::open(dir, OpenOptions { empty: cli.empty })?;
    for repair in library.repairs() {
        let message = match repair {
            Repair::RebuiltIndex(why) => {
                format!("the search index was rebuilt from the stored documents: {why}")
            }
            Repair::Reanalysed => "the documents were analysed again by this version".to_string(),
            Repair::RecoveredManifest => {
                "the list of documents was damaged and was recovered from the stored documents"
                    .to_string()
            }
        };
        let _ = writeln!(std::io::stderr(), "verbatim: note: {message}");
    }
    Ok(library)
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, value).map_err(|e| CliError::Output(e.into()))?;
    let _ = writeln!(out);
    Ok(())
}

fn run(cli: Cli) -> Result<ExitCode, CliError> {
    let mut library = open(&cli)?;
    match &cli.command {
        Command::Add { files, json } => {
            let bar = if files.len() > 1 {
                ProgressBar::new(files.len() as u64)
            } else {
                ProgressBar::hidden()
            };
            bar.set_style(
                ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            let cancel = AtomicBool::new(false);
            let report = library.add_files(files, &cancel, &mut |event| match event {
                ImportEvent::File { path, outcome, .. } => {
                    bar.inc(1);
                    bar.set_message(path.display().to_string());
                    if let Err(e) = outcome {
                        bar.suspend(|| eprintln!("verbatim: {e}"));
                    }
                }
                ImportEvent::Committing => bar.set_message("saving the library"),
            })?;
            bar.finish_and_clear();
            if *json {
                let added: Vec<_> = report
                    .added
                    .iter()
                    .map(|d| serde_json::json!({"id": d.id, "title": d.title, "source": d.source}))
                    .collect();
                print_json(&added)?;
            } else {
                for d in &report.added {
                    anstream::println!("{}\t{}", d.id, d.title);
                }
            }
            Ok(if report.failed.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::List { json } => {
            let list = library.list();
            if *json {
                print_json(&list)?;
            } else {
                render::list(&list);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { id, json } => {
            let doc = library.document(id)?;
            if *json {
                print_json(&serde_json::json!({
                    "id": doc.id,
                    "title": doc.title,
                    "source": doc.source,
                    "text": doc.text,
                    "authors": doc.metadata.authors,
                    "site": doc.metadata.site,
                    "published": doc.metadata.published,
                    "url": doc.metadata.url,
                    "language": doc.metadata.language,
                    "description": doc.metadata.description,
                }))?;
            } else {
                render::document(&doc);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Remove { id } => {
            library.remove(id)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Ask {
            question,
            top,
            json,
            scope,
        } => {
            let scope = scope.scope();
            if question == "-" {
                for line in std::io::stdin().lock().lines() {
                    let line = line.map_err(CliError::Input)?;
                    if line.trim().is_empty() {
                        continue;
                    }
                    answer(&library, &line, *top, &scope, *json)?;
                }
            } else {
                answer(&library, question, *top, &scope, *json)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Quotes {
            about: Some(topic),
            json,
            scope,
            ..
        } => {
            let found = library.quotes_about(topic, &scope.scope())?;
            if *json {
                print_json(&found)?;
            } else {
                render::topic(&found);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Quotes {
            name, json, scope, ..
        } => {
            if scope.scope() != Scope::default() {
                // A usage error (status 2), as clap reports its own.
                Cli::command()
                    .error(
                        clap::error::ErrorKind::ArgumentConflict,
                        "--document, --site, --since and --until go with --about TOPIC",
                    )
                    .exit();
            }
            let found = library.quotes(name.as_deref())?;
            if *json {
                print_json(&found)?;
            } else {
                render::quotes(&library, &found)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Speaker { name, json } => {
            let record = library.speaker_record(name)?;
            if *json {
                print_json(&record)?;
            } else {
                render::record(name, record.as_ref());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Speakers { json } => {
            let speakers = library.speakers();
            if *json {
                print_json(&speakers)?;
            } else {
                render::speakers(&speakers);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn answer(
    library: &Library,
    question: &str,
    top: usize,
    scope: &Scope,
    json: bool,
) -> Result<(), CliError> {
    let answer = library.ask_in(question, top, scope)?;
    if json {
        print_json(&answer)
    } else {
        render::answer(&answer);
        Ok(())
    }
}

/// A day as `YYYY-MM-DD` (what `--since` and `--until` take).
fn day(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(0..4)
        && digits(5..7)
        && digits(8..10)
        && (1..=12).contains(&s[5..7].parse::<u8>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u8>().unwrap_or(0));
    if ok {
        Ok(s.to_string())
    } else {
        Err(format!("'{s}' is not a day written YYYY-MM-DD"))
    }
}
