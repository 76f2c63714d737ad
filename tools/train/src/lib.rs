//! Training of Verbatim's linguistic models (see `index/nlp/README.md`).

pub mod conllu;
pub mod eval;
pub mod ner;
pub mod perceptron;
pub mod train;

use conllu::Sentence;
use perceptron::Averaged;
use std::path::PathBuf;
use std::time::Instant;
use train::*;

/// What `verbatim-train nlp` does.
#[derive(Clone, Debug)]
pub struct Config {
    pub treebanks: PathBuf,
    pub out: PathBuf,
    pub seed: u64,
    /// Most epochs for each model (each model's default when `None`).
    pub iterations: Option<usize>,
    /// Use only this many training sentences (half EWT, half GUM).
    pub sample: Option<usize>,
    /// Threads (1 or 2) for the jackknifed taggers.
    pub threads: usize,
    /// Development aid: write pruned/quantised variants here and print their dev scores.
    pub sweep: Option<PathBuf>,
    /// Development aid: most epochs of the parser alone.
    pub parser_iterations: Option<usize>,
    /// Development aid: train only these models (`parser`, `ner`); the others are read from
    /// `base` (the tagger and lemmatiser are always trained).
    pub only: Option<Vec<String>>,
    /// Where the models not trained are read from (default: `out`).
    pub base: Option<PathBuf>,
    /// Development aid: a folder where the jackknifed tags are kept between runs.
    pub cache: Option<PathBuf>,
}

impl Config {
    /// Whether a model is trained in this run.
    pub fn trains(&self, model: &str) -> bool {
        self.only
            .as_ref()
            .is_none_or(|v| v.iter().any(|m| m == model))
    }
}

fn save_tags(path: &std::path::Path, v: &[Vec<u8>]) {
    let mut out = Vec::new();
    for t in v {
        verbatim_nlp::model::put_varint(&mut out, t.len() as u64);
        out.extend_from_slice(t);
    }
    let _ = std::fs::write(path, out);
}

fn load_tags(path: &std::path::Path, n: usize) -> Option<Vec<Vec<u8>>> {
    let b = std::fs::read(path).ok()?;
    let mut r = verbatim_nlp::model::Reader::new(&b);
    let mut v = Vec::with_capacity(n);
    while !r.is_empty() {
        let k = r.varint().ok()? as usize;
        v.push(r.take(k).ok()?.to_vec());
    }
    (v.len() == n).then_some(v)
}

/// Pruning and quantisation of each model: (weights kept, the largest by magnitude;
/// quantisation step).
pub const TAGGER_EXPORT: (usize, f32) = (250_000, 0.05);
pub const PARSER_EXPORT: (usize, f32) = (1_150_000, 0.1);
pub const NER_EXPORT: (usize, f32) = (150_000, 0.05);

fn sweep<F: Fn(&verbatim_nlp::model::Weights) -> String>(
    cfg: &Config,
    name: &str,
    a: &Averaged,
    ks: &[usize],
    steps: &[f32],
    score: F,
) {
    let Some(dir) = &cfg.sweep else { return };
    let _ = std::fs::create_dir_all(dir);
    for &k in ks {
        for &st in steps {
            let th = a.threshold_for(k);
            let (b, nf, nw) = a.export(th, st);
            let Ok(w) = verbatim_nlp::model::Weights::decode(&b) else {
                continue;
            };
            let f = dir.join(format!("{name}_{k}_{st}.bin"));
            let _ = std::fs::write(&f, &b);
            eprintln!(
                "  sweep {name} k={k} step={st}: {nf} features {nw} weights {} bytes: {}",
                b.len(),
                score(&w)
            );
        }
    }
}

fn load(cfg: &Config, tb: &str, file: &str) -> Result<Vec<Sentence>, String> {
    conllu::read(&cfg.treebanks.join(tb).join(file))
}

fn stats(name: &str, a: &Averaged) {
    let mut v: Vec<f32> = a
        .map
        .values()
        .flat_map(|r| r.iter().map(|x| x.1.abs()))
        .collect();
    v.sort_by(|a, b| a.total_cmp(b));
    let q = |p: f64| {
        v.get(((v.len() as f64 - 1.0) * p) as usize)
            .copied()
            .unwrap_or(0.0)
    };
    eprintln!(
        "  {name}: {} features, {} weights; |w| quantiles 10% {:.4} 50% {:.4} 90% {:.4} 99% {:.4} max {:.4}",
        a.map.len(),
        v.len(),
        q(0.1),
        q(0.5),
        q(0.9),
        q(0.99),
        q(1.0)
    );
}

/// Trains everything and writes the model files.
pub fn run_training(cfg: &Config) -> Result<(), String> {
    let t0 = Instant::now();
    let mut ewt = load(cfg, "UD_English-EWT", "en_ewt-ud-train.conllu")?;
    let mut gum = load(cfg, "UD_English-GUM", "en_gum-ud-train.conllu")?;
    let ewt_dev = load(cfg, "UD_English-EWT", "en_ewt-ud-dev.conllu")?;
    let gum_dev = load(cfg, "UD_English-GUM", "en_gum-ud-dev.conllu")?;
    if let Some(n) = cfg.sample {
        ewt.truncate(n / 2);
        gum.truncate(n - n / 2);
    }
    let train: Vec<&Sentence> = ewt.iter().chain(gum.iter()).collect();
    let dev: Vec<&Sentence> = ewt_dev.iter().chain(gum_dev.iter()).collect();
    eprintln!(
        "training sentences: {} EWT + {} GUM; dev {} + {}",
        ewt.len(),
        gum.len(),
        ewt_dev.len(),
        gum_dev.len()
    );
    let it = |d: usize| cfg.iterations.unwrap_or(d).max(1);

    // ---- tagger
    let ts = TagSet::from(&train);
    let tex = tag_examples(&train, &ts);
    let dex = tag_examples(&dev, &ts);
    let tr: Vec<&TagEx> = tex.iter().collect();
    let dv: Vec<&TagEx> = dex.iter().collect();
    eprintln!("tagger: {} classes", ts.names.len());
    let (tag_avg, dict, amb, tag_epochs) = train_tagger(&tr, &dv, &ts, it(8), cfg.seed, true);
    eprintln!("tagger: best epoch {tag_epochs} ({:.0?})", t0.elapsed());
    stats("tagger", &tag_avg);
    sweep(cfg, "tagger", &tag_avg, &[250_000, 300_000], &[0.05], |w| {
        let (u, x) = train::tag_accuracy(w, &ts, &dict, &amb, &dv);
        format!("dev UPOS {:.2} joint {:.2}", 100.0 * u, 100.0 * x)
    });

    let (tw, tf, tn) = tag_avg.export(tag_avg.threshold_for(TAGGER_EXPORT.0), TAGGER_EXPORT.1);

    // ---- jackknifed tags for the training sentences (4 folds)
    let folds = 4usize;
    let mut jack: Vec<Vec<u8>> = vec![Vec::new(); tex.len()];
    let fold_run = |k: usize| -> Vec<(usize, Vec<u8>)> {
        let part: Vec<&TagEx> = tex
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != k)
            .map(|e| e.1)
            .collect();
        let (m, d, am, _) =
            train_tagger(&part, &[], &ts, tag_epochs, cfg.seed + k as u64 + 1, false);
        tex.iter()
            .enumerate()
            .filter(|(i, _)| i % folds == k)
            .map(|(i, e)| (i, tag_decode(&m, &ts, &d, &am, &e.atoms)))
            .collect()
    };
    let cache = cfg
        .cache
        .as_ref()
        .map(|d| d.join(format!("jack-{}-{}.bin", tex.len(), cfg.seed)));
    let cached = cache.as_ref().and_then(|p| load_tags(p, tex.len()));
    let results: Vec<Vec<(usize, Vec<u8>)>> = if let Some(c) = cached {
        vec![c.into_iter().enumerate().collect()]
    } else if cfg.threads >= 2 {
        let mut all = Vec::new();
        for pair in (0..folds).collect::<Vec<_>>().chunks(2) {
            let r: Vec<Vec<(usize, Vec<u8>)>> = std::thread::scope(|s| {
                let hs: Vec<_> = pair.iter().map(|&k| s.spawn(move || fold_run(k))).collect();
                hs.into_iter()
                    .map(|h| h.join().unwrap_or_default())
                    .collect()
            });
            all.extend(r);
        }
        all
    } else {
        (0..folds).map(fold_run).collect()
    };
    for r in results {
        for (i, v) in r {
            jack[i] = v;
        }
    }
    if let Some(p) = &cache {
        if !p.exists() {
            let _ = std::fs::create_dir_all(p.parent().unwrap_or(std::path::Path::new(".")));
            save_tags(p, &jack);
        }
    }
    let (mut ok, mut n) = (0, 0);
    for (e, p) in tex.iter().zip(&jack) {
        n += e.gold.len();
        ok += e.gold.iter().zip(p).filter(|(a, b)| a == b).count();
    }
    eprintln!(
        "jackknifed tags: joint accuracy {:.2}% ({:.0?})",
        100.0 * ok as f64 / n.max(1) as f64,
        t0.elapsed()
    );
    let dev_tags: Vec<Vec<u8>> = dex
        .iter()
        .map(|e| tag_decode(&tag_avg, &ts, &dict, &amb, &e.atoms))
        .collect();
    let hashes = |v: &Vec<u8>| -> Vec<u64> { v.iter().map(|&c| ts.hashes[c as usize]).collect() };
    let upos_of: Vec<u64> = ts
        .names
        .iter()
        .map(|n| verbatim_nlp::hash::hash_str(n.split('|').next().unwrap_or("")))
        .collect();
    let uhashes = |v: &Vec<u8>| -> Vec<u64> { v.iter().map(|&c| upos_of[c as usize]).collect() };

    // ---- lemmatiser
    let lem = train_lemmatizer(&train);
    let lemma_bytes = lem.to_bytes();

    // ---- parser
    let ls = LabelSet::from(&train);
    let base = cfg.base.clone().unwrap_or_else(|| cfg.out.clone());
    let parser_bytes = if cfg.trains("parser") {
        let pex: Vec<ParseEx> = train
            .iter()
            .zip(&jack)
            .map(|(s, t)| parse_example(s, hashes(t), uhashes(t), &ls, true))
            .collect();
        let pdev: Vec<ParseEx> = dev
            .iter()
            .zip(&dev_tags)
            .map(|(s, t)| parse_example(s, hashes(t), uhashes(t), &ls, false))
            .collect();
        eprintln!("parser: {} labels", ls.names.len());
        let (par_avg, par_epochs) = train_parser(
            &pex,
            &pdev,
            &ls,
            cfg.parser_iterations.unwrap_or(it(15)),
            cfg.seed,
        );
        eprintln!("parser: best epoch {par_epochs} ({:.0?})", t0.elapsed());
        stats("parser", &par_avg);
        sweep(
            cfg,
            "parser",
            &par_avg,
            &[800_000, 1_000_000, 1_200_000],
            &[0.1],
            |w| {
                let (u, l) = parse_scores(w, &ls, &pdev);
                format!("dev UAS {:.2} LAS {:.2}", 100.0 * u, 100.0 * l)
            },
        );
        drop(pex);
        let (pw, pf, pn) = par_avg.export(par_avg.threshold_for(PARSER_EXPORT.0), PARSER_EXPORT.1);
        eprintln!("export: parser {pf} features / {pn} weights");
        parser_file(&ls, pw)
    } else {
        let p = base.join("parser.bin");
        std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?
    };

    // ---- entities (GUM only)
    let upos_of: Vec<verbatim_nlp::Upos> = ts
        .names
        .iter()
        .map(|n| {
            verbatim_nlp::Upos::from_str(n.split('|').next().unwrap_or(""))
                .unwrap_or(verbatim_nlp::Upos::X)
        })
        .collect();
    let ups = |v: &Vec<u8>| -> Vec<verbatim_nlp::Upos> {
        v.iter().map(|&c| upos_of[c as usize]).collect()
    };
    let n_ewt = ewt.len();
    let nex = ner::examples(
        &gum,
        jack[n_ewt..].iter().map(ups).collect(),
        jack[n_ewt..].iter().map(hashes).collect(),
    );
    let n_ewt_dev = ewt_dev.len();
    let ndev = ner::examples(
        &gum_dev,
        dev_tags[n_ewt_dev..].iter().map(ups).collect(),
        dev_tags[n_ewt_dev..].iter().map(hashes).collect(),
    );
    let mut common = ner::common_words(&train);
    common.extend(ner::context_words(&train));
    let (ner_avg, ner_epochs, gaz) = ner::train(&nex, &ndev, &common, it(15), cfg.seed);
    eprintln!(
        "entities: best epoch {ner_epochs}, gazetteer {} ({:.0?})",
        ner::gaz_report(&gaz),
        t0.elapsed()
    );
    stats("entities", &ner_avg);
    sweep(
        cfg,
        "ner",
        &ner_avg,
        &[50_000, 100_000, 150_000, 200_000],
        &[0.05],
        |w| ner::report(&ner::counts(w, &gaz, &ndev)),
    );
    let (nw, nf, nn) = ner_avg.export(ner_avg.threshold_for(NER_EXPORT.0), NER_EXPORT.1);
    {
        let q = verbatim_nlp::model::Weights::decode(&nw).map_err(|e| e.to_string())?;
        eprintln!(
            "entities, quantised: dev {}",
            ner::report(&ner::counts(&q, &gaz, &ndev))
        );
        for both in [false, true] {
            for &(same, part) in &[
                (0.0, 0.0),
                (0.3, 0.3),
                (0.5, 0.5),
                (1.0, 1.0),
                (1.0, 0.5),
                (0.5, 1.0),
                (2.0, 2.0),
            ] {
                eprintln!(
                    "  vote same {same} part {part} {}: dev {}",
                    if both { "whole document" } else { "before" },
                    ner::report(&ner::counts_voted(&q, &gaz, &ndev, same, part, both))
                );
            }
        }
    }

    // ---- export
    eprintln!("export: tagger {tf} features / {tn} weights, entities {nf} / {nn}");
    let files = [
        ("tagger.bin", tagger_file(&ts, &dict, &amb, tw)),
        ("lemma.bin", lemma_bytes),
        ("parser.bin", parser_bytes),
        ("ner.bin", ner::file(nw, &gaz)),
    ];
    std::fs::create_dir_all(&cfg.out).map_err(|e| format!("{}: {e}", cfg.out.display()))?;
    for (f, b) in &files {
        let p = cfg.out.join(f);
        std::fs::write(&p, b).map_err(|e| format!("{}: {e}", p.display()))?;
        eprintln!("wrote {} ({} bytes)", p.display(), b.len());
    }
    eprintln!("training took {:.1?}", t0.elapsed());

    // ---- the written models, as shipped, on dev
    let p = verbatim_nlp::Pipeline::from_bytes(&files[0].1, &files[1].1, &files[2].1, &files[3].1);
    if !p.errors.is_empty() {
        return Err(format!("written models do not load: {:?}", p.errors));
    }
    println!("dev scores of the written models:");
    eval::print("EWT dev", &eval::evaluate(&p, &ewt_dev, false));
    eval::print("GUM dev", &eval::evaluate(&p, &gum_dev, true));
    Ok(())
}
