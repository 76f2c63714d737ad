//! `verbatim-train`: trains and evaluates Verbatim's linguistic models.
//!
//! ```text
//! verbatim-train nlp --treebanks /work/shared/nlp --out index/nlp/models --seed 1 [--iterations N] [--sample N]
//! verbatim-train nlp-eval --treebanks /work/shared/nlp [--split dev|test] [--models DIR]
//! verbatim-train nlp-show [--models DIR] [--text TEXT]
//! verbatim-train nlp-tokdiff --file X.conllu
//! verbatim-train nlp-nerdiff --file X.conllu --models DIR
//! ```
//!
//! See `index/nlp/README.md`.

use std::path::PathBuf;
use std::process::ExitCode;

use verbatim_train::{conllu, eval, run_training, Config};

/// The pipeline of the model files in `dir` (what `--models DIR` names; a missing file is
/// an empty model), kept for the rest of the run.
fn models_in(dir: &str) -> &'static verbatim_nlp::Pipeline {
    let read = |f: &str| std::fs::read(PathBuf::from(dir).join(f)).unwrap_or_default();
    Box::leak(Box::new(verbatim_nlp::Pipeline::from_bytes(
        &read("tagger.bin"),
        &read("lemma.bin"),
        &read("parser.bin"),
        &read("ner.bin"),
    )))
}

fn usage() -> ExitCode {
    eprintln!(
        "usage:\n  verbatim-train nlp --treebanks DIR --out DIR [--seed N] [--iterations N] [--sample N] [--threads 1|2] [--sweep DIR] [--parser-iterations N] [--only parser,ner --base DIR] [--cache DIR]\n  verbatim-train nlp-bench [--file X.conllu] [--rounds N] [--models DIR]\n  verbatim-train nlp-eval --treebanks DIR [--split dev|test] [--models DIR]\n  verbatim-train nlp-show [--models DIR] [--text TEXT]   (else lines of standard input)\n  verbatim-train nlp-tokdiff --file X.conllu\n  verbatim-train nlp-nerdiff --file X.conllu --models DIR"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else {
        return usage();
    };
    let mut opts = std::collections::HashMap::new();
    let mut i = 1;
    while i < args.len() {
        let k = args[i].trim_start_matches("--").to_string();
        let Some(v) = args.get(i + 1) else {
            return usage();
        };
        opts.insert(k, v.clone());
        i += 2;
    }
    let treebanks = PathBuf::from(
        opts.get("treebanks")
            .cloned()
            .unwrap_or_else(|| "/work/shared/nlp".into()),
    );
    match cmd.as_str() {
        "nlp" => {
            let num = |k: &str| opts.get(k).and_then(|v| v.parse::<usize>().ok());
            let cfg = Config {
                treebanks,
                out: PathBuf::from(
                    opts.get("out")
                        .cloned()
                        .unwrap_or_else(|| "index/nlp/models".into()),
                ),
                seed: num("seed").unwrap_or(1) as u64,
                iterations: num("iterations"),
                sample: num("sample"),
                threads: num("threads").unwrap_or(2).clamp(1, 2),
                sweep: opts.get("sweep").map(PathBuf::from),
                parser_iterations: num("parser-iterations"),
                only: opts
                    .get("only")
                    .map(|v| v.split(',').map(str::to_string).collect()),
                base: opts.get("base").map(PathBuf::from),
                cache: opts.get("cache").map(PathBuf::from),
            };
            match run_training(&cfg) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        "nlp-eval" => {
            let split = opts.get("split").cloned().unwrap_or_else(|| "dev".into());
            if split != "dev" && split != "test" {
                return usage();
            }
            let pipeline = match opts.get("models") {
                Some(dir) => models_in(dir),
                None => {
                    let t = std::time::Instant::now();
                    let p = verbatim_nlp::Pipeline::shipped();
                    println!(
                        "shipped models loaded in {:.1} ms",
                        t.elapsed().as_secs_f64() * 1000.0
                    );
                    p
                }
            };
            for e in &pipeline.errors {
                eprintln!("warning: {e}");
            }
            let load = |tb: &str, f: &str| conllu::read(&treebanks.join(tb).join(f));
            let (ewt, gum) = match (
                load("UD_English-EWT", &format!("en_ewt-ud-{split}.conllu")),
                load("UD_English-GUM", &format!("en_gum-ud-{split}.conllu")),
            ) {
                (Ok(a), Ok(b)) => (a, b),
                (Err(e), _) | (_, Err(e)) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
            };
            println!("split: {split}");
            eval::print("EWT", &eval::evaluate(pipeline, &ewt, false));
            eval::print("GUM", &eval::evaluate(pipeline, &gum, true));
            let (full, ents, tags) = eval::throughput(pipeline, &ewt, 5);
            println!("throughput (EWT {split} text, one thread, best of 5 passes): full stack {full:.0} words/s, tag_and_entities {ents:.0} words/s, tag_only {tags:.0} words/s");
            ExitCode::SUCCESS
        }
        "nlp-bench" => {
            // Throughput on the `# text` lines of a file (EWT dev by default), one thread.
            let f = opts.get("file").cloned().unwrap_or_else(|| {
                treebanks
                    .join("UD_English-EWT/en_ewt-ud-dev.conllu")
                    .display()
                    .to_string()
            });
            let rounds = opts
                .get("rounds")
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(5);
            let Ok(sents) = conllu::read(std::path::Path::new(&f)) else {
                return usage();
            };
            let p: &verbatim_nlp::Pipeline = match opts.get("models") {
                Some(dir) => models_in(dir),
                None => verbatim_nlp::Pipeline::shipped(),
            };
            let (full, ents, tags) = eval::throughput(p, &sents, rounds);
            println!("full stack {full:.0} words/s, tag_and_entities {ents:.0} words/s, tag_only {tags:.0} words/s");
            ExitCode::SUCCESS
        }
        "nlp-show" => {
            // Prints the analysis of each line of --text (or of standard input).
            let pipeline = match opts.get("models") {
                Some(dir) => models_in(dir),
                None => verbatim_nlp::Pipeline::shipped(),
            };
            let text = match opts.get("text") {
                Some(t) => t.clone(),
                None => std::io::read_to_string(std::io::stdin()).unwrap_or_default(),
            };
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let p = pipeline.analyse(line);
                println!("# {line}");
                for i in 0..p.len() {
                    println!(
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        i + 1,
                        p.word(i),
                        p.lemma(i),
                        p.upos[i],
                        p.xpos[i],
                        p.heads[i].map(|h| h + 1).unwrap_or(0),
                        p.deprels[i]
                    );
                }
                for e in &p.entities {
                    println!("# entity {} {}", e.kind, p.words_text(e.words.clone()));
                }
                println!();
            }
            ExitCode::SUCCESS
        }
        "nlp-nerdiff" => {
            // Development aid: entity differences on a file, with models from a folder.
            let (Some(f), Some(dir)) = (opts.get("file"), opts.get("models")) else {
                return usage();
            };
            let read = |x: &str| std::fs::read(PathBuf::from(dir).join(x)).unwrap_or_default();
            let p = verbatim_nlp::Pipeline::from_bytes(
                &read("tagger.bin"),
                &read("lemma.bin"),
                &read("parser.bin"),
                &read("ner.bin"),
            );
            let Ok(sents) = conllu::read(std::path::Path::new(f)) else {
                return usage();
            };
            let mut doc = verbatim_nlp::DocumentContext::new();
            let mut last_doc: Option<&str> = None;
            for s in &sents {
                if last_doc != Some(s.doc.as_str()) {
                    doc = verbatim_nlp::DocumentContext::new();
                    last_doc = Some(s.doc.as_str());
                    println!("# document {}", s.doc);
                }
                let (text, spans) = s.spaced();
                let a = p.tag_and_entities_words_in(&text, &spans, &mut doc);
                let gold: Vec<String> = conllu::named_entities(s)
                    .iter()
                    .map(|&(x, y, k)| format!("{}[{}]", a.words_text(x..y + 1), k.as_str()))
                    .collect();
                let pred: Vec<String> = a
                    .entities
                    .iter()
                    .map(|e| format!("{}[{}]", a.words_text(e.words.clone()), e.kind.as_str()))
                    .collect();
                if gold != pred {
                    println!(
                        "S: {text}\nG: {}\nP: {}\n",
                        gold.join(" | "),
                        pred.join(" | ")
                    );
                }
            }
            ExitCode::SUCCESS
        }
        "nlp-tokdiff" => {
            // Development aid: tokenisation differences on a file.
            let Some(f) = opts.get("file") else {
                return usage();
            };
            let Ok(sents) = conllu::read(std::path::Path::new(f)) else {
                return usage();
            };
            for s in &sents {
                let gold: Vec<&str> = conllu::gold_spans(s)
                    .iter()
                    .map(|&(a, b)| &s.text[a..b])
                    .collect();
                let pred: Vec<&str> = verbatim_nlp::tokenize(&s.text)
                    .iter()
                    .map(|x| &s.text[x.start..x.end])
                    .collect();
                if gold != pred {
                    println!("G: {}\nP: {}\n", gold.join(" | "), pred.join(" | "));
                }
            }
            ExitCode::SUCCESS
        }
        _ => usage(),
    }
}
