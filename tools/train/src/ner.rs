//! Training of the entity recogniser (`verbatim_nlp::ner`): gazetteers from the training
//! mentions and text, and the span classifier as a structured perceptron over the
//! segmentation of each run of name words (with the mentions that are not names as extra
//! examples for the context features); the document vote (`ner::vote`) is measured on dev.

use crate::conllu::{self, Sentence};
use crate::perceptron::{Averaged, Perceptron};
use crate::train::sentence_atoms;
use std::collections::BTreeMap;
use verbatim_nlp::features::Atoms;
use verbatim_nlp::hash::SplitMix64;
use verbatim_nlp::model::{kind, put_strings, write_container, Scorer};
use verbatim_nlp::ner::{
    self, candidates, gaz, kind_class, runs, segment, span_features, span_key, word_key, Gazetteer,
    CLASSES,
};
use verbatim_nlp::{EntityKind, Upos};

/// One sentence for the recogniser.
pub struct NerEx {
    pub atoms: Vec<Atoms>,
    pub upos: Vec<Upos>,
    pub tags: Vec<u64>,
    /// Gold entities `(first, end, kind)`.
    pub gold: Vec<(usize, usize, EntityKind)>,
    /// Document number (sentences of a document are consecutive).
    pub doc: usize,
    /// Mentions headed by a common noun or a pronoun typed person, organization or place:
    /// (head word, class), extra examples for the context features.
    pub aux: Vec<(usize, usize)>,
}

/// Examples from sentences with predicted tags (`upos`, `tags` per sentence).
pub fn examples(sents: &[Sentence], upos: Vec<Vec<Upos>>, tags: Vec<Vec<u64>>) -> Vec<NerEx> {
    let mut doc = 0;
    let mut last = None;
    sents
        .iter()
        .zip(upos.into_iter().zip(tags))
        .map(|(s, (u, t))| {
            if last.as_deref() != Some(s.doc.as_str()) {
                if last.is_some() {
                    doc += 1;
                }
                last = Some(s.doc.clone());
            }
            NerEx {
                atoms: sentence_atoms(s),
                upos: u,
                tags: t,
                gold: conllu::named_entities(s)
                    .into_iter()
                    .map(|(a, b, k)| (a, b + 1, k))
                    .collect(),
                doc,
                aux: conllu::mentions(s)
                    .iter()
                    .filter_map(|m| {
                        let h = conllu::mention_head(s, m)?;
                        let u = s.words[h].upos.as_str();
                        if u != "NOUN" && u != "PRON" {
                            return None;
                        }
                        let k = EntityKind::from_gum(&m.etype);
                        (k != EntityKind::Other).then(|| (h, kind_class(k)))
                    })
                    .collect(),
            }
        })
        .collect()
}

/// Words frequent (at least `COMMON_MIN` times, lower case) as common nouns, and as other
/// words that are not names, in the training sentences of both treebanks: gazetteer flags.
pub fn common_words(sents: &[&Sentence]) -> Vec<(u32, u32)> {
    let mut c: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for s in sents {
        for w in &s.words {
            let e = c.entry(w.form.to_lowercase()).or_default();
            match w.upos.as_str() {
                "NOUN" => e.0 += 1,
                "PROPN" => e.2 += 1,
                _ => e.1 += 1,
            }
        }
    }
    let mut v = Vec::new();
    for (w, (noun, other, propn)) in c {
        let key = word_key(verbatim_nlp::hash::hash_str(&w));
        if noun >= COMMON_MIN && noun > propn {
            v.push((key, gaz::COMMON_NOUN));
        }
        if other >= COMMON_MIN && other > propn {
            v.push((key, gaz::COMMON_WORD));
        }
    }
    v
}

/// Proper nouns (lower case) of the training sentences of both treebanks seen at least
/// twice in the contexts of people, places or organisations (text patterns, no labels):
/// gazetteer flags.
pub fn context_words(sents: &[&Sentence]) -> Vec<(u32, u32)> {
    const TITLES: [&str; 24] = [
        "mr.",
        "mrs.",
        "ms.",
        "mr",
        "mrs",
        "ms",
        "dr.",
        "dr",
        "miss",
        "sen.",
        "senator",
        "president",
        "gov.",
        "governor",
        "rep.",
        "prof.",
        "professor",
        "sir",
        "lady",
        "mayor",
        "judge",
        "justice",
        "gen.",
        "minister",
    ];
    const SAY: [&str; 16] = [
        "said",
        "says",
        "say",
        "told",
        "tells",
        "asked",
        "asks",
        "added",
        "wrote",
        "writes",
        "thinks",
        "thought",
        "believes",
        "explained",
        "replied",
        "noted",
    ];
    const PLACE: [&str; 6] = ["in", "at", "from", "near", "to", "across"];
    const ORG: [&str; 12] = [
        "inc.",
        "inc",
        "corp.",
        "corp",
        "co.",
        "ltd",
        "ltd.",
        "university",
        "company",
        "corporation",
        "association",
        "foundation",
    ];
    let mut c: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for s in sents {
        let w = &s.words;
        let lw: Vec<String> = w.iter().map(|x| x.form.to_lowercase()).collect();
        for i in 0..w.len() {
            if w[i].upos != "PROPN" {
                continue;
            }
            // the run of proper nouns around i
            let mut a = i;
            while a > 0 && w[a - 1].upos == "PROPN" {
                a -= 1;
            }
            let mut b = i;
            while b + 1 < w.len() && w[b + 1].upos == "PROPN" {
                b += 1;
            }
            let before = if a > 0 { lw[a - 1].as_str() } else { "" };
            let after = lw.get(b + 1).map(String::as_str).unwrap_or("");
            let e = c.entry(lw[i].clone()).or_default();
            let titled = TITLES.contains(&lw[a].as_str()) && i > a;
            if titled || SAY.contains(&after) || (SAY.contains(&before) && a > 0) {
                e.0 += 1;
            }
            if PLACE.contains(&before) && !titled {
                e.1 += 1;
            }
            if ORG.contains(&after) || (i < b && ORG.contains(&lw[b].as_str())) {
                e.2 += 1;
            }
        }
    }
    let mut v = Vec::new();
    for (w, (p, l, o)) in c {
        let key = word_key(verbatim_nlp::hash::hash_str(&w));
        if p >= 2 && p > l {
            v.push((key, gaz::CTX_PERSON));
        }
        if l >= 2 && l > p {
            v.push((key, gaz::CTX_PLACE));
        }
        if o >= 2 {
            v.push((key, gaz::CTX_ORG));
        }
    }
    v
}

/// See [`common_words`].
pub const COMMON_MIN: usize = 3;

/// The gazetteer of a set of examples' gold entities (and the common words).
pub fn gazetteer<'a>(exs: impl Iterator<Item = &'a NerEx>, common: &[(u32, u32)]) -> Gazetteer {
    let mut v: Vec<(u32, u32)> = common.to_vec();
    let mut run_buf = Vec::new();
    for e in exs {
        let mut covered = vec![false; e.atoms.len()];
        for &(a, b, k) in &e.gold {
            let Some(ws) = e.atoms.get(a..b) else {
                continue;
            };
            covered[a..b].iter_mut().for_each(|c| *c = true);
            let (Some(first), Some(last)) = (ws.first(), ws.last()) else {
                continue;
            };
            let (whole, all, end) = match k {
                EntityKind::Person => (gaz::WHOLE_PER, 0, 0),
                EntityKind::Organization => (gaz::WHOLE_ORG, gaz::ORG, gaz::ORG_LAST),
                EntityKind::Place => (gaz::WHOLE_PLACE, gaz::PLACE, gaz::PLACE_LAST),
                EntityKind::Other => (gaz::WHOLE_OTHER, gaz::OTHER, 0),
            };
            v.push((span_key(ws.iter().map(|x| x.norm)), whole));
            if k == EntityKind::Person {
                if ws.len() > 1 {
                    v.push((word_key(first.norm), gaz::PER_FIRST));
                    v.push((word_key(last.norm), gaz::PER_LAST));
                } else {
                    v.push((word_key(first.norm), gaz::PER_ONE));
                }
                if a > 0 {
                    if let Some(t) = e.atoms.get(a - 1) {
                        if t.flags & 1 != 0 {
                            v.push((word_key(t.norm), gaz::TITLE));
                        }
                    }
                }
            } else {
                for w in ws.iter().filter(|w| !ner::is_bridge(w.norm)) {
                    v.push((word_key(w.norm), all));
                }
                if end != 0 {
                    v.push((word_key(last.norm), end));
                }
            }
        }
        runs(&e.atoms, &e.upos, &mut run_buf);
        for &(a, b) in &run_buf {
            for (c, w) in covered[a..=b].iter().zip(&e.atoms[a..=b]) {
                if !c && !ner::is_bridge(w.norm) {
                    v.push((word_key(w.norm), gaz::NOT_NAME));
                }
            }
        }
    }
    Gazetteer::new(v)
}

/// Candidates trained one by one (else the segmentation of each run, as a whole).
pub const LOCAL: bool = false;

/// Whether the mentions headed by common nouns and pronouns train the context features.
pub const AUX_EXAMPLES: bool = true;

/// Folds of the training documents for the jackknifed gazetteers.
pub const GAZ_FOLDS: usize = 5;

/// Decodes the examples of documents in order (document memory as at inference); calls
/// `f` with each example and its entities.
pub fn decode_all<S: Scorer>(
    w: &S,
    gz: &Gazetteer,
    exs: &[NerEx],
    mut f: impl FnMut(&NerEx, &[(usize, usize, EntityKind)]),
) {
    let mut sc = ner::Scratch::default();
    let mut out = Vec::new();
    for e in exs {
        let s = ner::Sentence {
            atoms: &e.atoms,
            upos: &e.upos,
            tags: &e.tags,
        };
        ner::decode(w, gz, &s, &mut sc, &mut out);
        f(e, &out);
    }
}

/// Per kind (PERSON, ORGANIZATION, PLACE, OTHER): (true positives, predicted, gold).
pub type Counts = [(usize, usize, usize); 4];

/// Exact span and kind matches.
pub fn counts<S: Scorer>(w: &S, gz: &Gazetteer, exs: &[NerEx]) -> Counts {
    let mut c = [(0usize, 0usize, 0usize); 4];
    decode_all(w, gz, exs, |e, pred| {
        for &(a, b, k) in pred {
            let i = kind_class(k) - 1;
            c[i].1 += 1;
            if e.gold.contains(&(a, b, k)) {
                c[i].0 += 1;
            }
        }
        for &(_, _, k) in &e.gold {
            c[kind_class(k) - 1].2 += 1;
        }
    });
    c
}

/// [`counts`] with the kinds chosen by `ner::vote` over each whole document (`both`) or the
/// mentions before (`!both`).
pub fn counts_voted<S: Scorer>(
    w: &S,
    gz: &Gazetteer,
    exs: &[NerEx],
    same: f32,
    part: f32,
    both: bool,
) -> Counts {
    let mut c = [(0usize, 0usize, 0usize); 4];
    let mut sc = ner::Scratch::default();
    let mut out = Vec::new();
    let mut i = 0;
    while i < exs.len() {
        let d = exs[i].doc;
        let j = exs[i..]
            .iter()
            .position(|e| e.doc != d)
            .map(|p| i + p)
            .unwrap_or(exs.len());
        let mut found = Vec::new();
        let mut where_: Vec<(usize, usize, usize)> = Vec::new();
        for (k, e) in exs[i..j].iter().enumerate() {
            let s = ner::Sentence {
                atoms: &e.atoms,
                upos: &e.upos,
                tags: &e.tags,
            };
            ner::decode(w, gz, &s, &mut sc, &mut out);
            for (&(a, b, _), &v) in out.iter().zip(&sc.entity_scores) {
                found.push(ner::Found::new(&e.atoms[a..b], v));
                where_.push((k, a, b));
            }
        }
        let kinds = ner::vote(&found, 0, same, part, |x, y| both || y < x);
        for (k, e) in exs[i..j].iter().enumerate() {
            for (&(s, a, b), &kind) in where_.iter().zip(&kinds) {
                if s != k {
                    continue;
                }
                let ci = kind_class(kind) - 1;
                c[ci].1 += 1;
                if e.gold.contains(&(a, b, kind)) {
                    c[ci].0 += 1;
                }
            }
            for &(_, _, g) in &e.gold {
                c[kind_class(g) - 1].2 += 1;
            }
        }
        i = j;
    }
    c
}

pub fn f1(tp: usize, np: usize, ng: usize) -> f64 {
    crate::eval::prf(tp, np, ng).2
}

/// F1 of all kinds together.
pub fn all_f1(c: &Counts) -> f64 {
    let (t, p, g) = c
        .iter()
        .fold((0, 0, 0), |a, x| (a.0 + x.0, a.1 + x.1, a.2 + x.2));
    f1(t, p, g)
}

/// A report line.
pub fn report(c: &Counts) -> String {
    let mut s = String::new();
    for (i, name) in ["PER", "ORG", "PLACE", "OTHER"].iter().enumerate() {
        s += &format!("{name} {:.3} ", f1(c[i].0, c[i].1, c[i].2));
    }
    s += &format!("all {:.3}", all_f1(c));
    s
}

/// Trains the span classifier: the weights of the best epoch on dev (all-kinds F1), that
/// epoch and the full gazetteer.
pub fn train(
    train: &[NerEx],
    dev: &[NerEx],
    common: &[(u32, u32)],
    epochs: usize,
    seed: u64,
) -> (Averaged, usize, Gazetteer) {
    let full = gazetteer(train.iter(), common);
    let n_docs = train.last().map(|e| e.doc + 1).unwrap_or(0);
    let folds: Vec<Gazetteer> = (0..GAZ_FOLDS)
        .map(|k| gazetteer(train.iter().filter(|e| e.doc % GAZ_FOLDS != k), common))
        .collect();
    // documents: ranges of examples
    let mut docs: Vec<(usize, usize)> = Vec::with_capacity(n_docs);
    let mut i = 0;
    while i < train.len() {
        let j = train[i..]
            .iter()
            .position(|e| e.doc != train[i].doc)
            .map(|p| i + p)
            .unwrap_or(train.len());
        docs.push((i, j));
        i = j;
    }
    let nc = CLASSES.len();
    let mut p = Perceptron::new(nc);
    let mut rng = SplitMix64(seed ^ 0x004e_4552);
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut best: Option<(f64, usize, Averaged)> = None;
    let mut run_buf = Vec::new();
    let mut cand_feats: Vec<Vec<u64>> = Vec::new();
    let mut cands: Vec<(usize, usize, usize, f32)> = Vec::new();
    let mut dp = Vec::new();
    let mut pred_segs = Vec::new();
    let mut scores = vec![0f32; nc];
    let mut aux_feats = Vec::new();
    for ep in 1..=epochs {
        rng.shuffle(&mut order);
        let mut errors = 0usize;
        let mut n_runs = 0usize;
        for &d in &order {
            let (s, t) = docs[d];
            for e in &train[s..t] {
                let gz = &folds[e.doc % GAZ_FOLDS];
                let sent = ner::Sentence {
                    atoms: &e.atoms,
                    upos: &e.upos,
                    tags: &e.tags,
                };
                runs(&e.atoms, &e.upos, &mut run_buf);
                for &run in &run_buf {
                    cands.clear();
                    let mut spans = Vec::new();
                    candidates(&e.atoms, run, |a, b| spans.push((a, b)));
                    while cand_feats.len() < spans.len() {
                        cand_feats.push(Vec::new());
                    }
                    for (ci, &(a, b)) in spans.iter().enumerate() {
                        let fv = &mut cand_feats[ci];
                        span_features(&sent, gz, run, a, b, fv);
                        scores.iter_mut().for_each(|x| *x = 0.0);
                        p.score(fv, &mut scores);
                        let (mut bc, mut bv) = (1, f32::NEG_INFINITY);
                        for (c, &v) in scores.iter().enumerate().skip(1) {
                            if v > bv {
                                bc = c;
                                bv = v;
                            }
                        }
                        cands.push((a, b, bc, bv - scores[0]));
                    }
                    pred_segs.clear();
                    segment(run, &cands, &mut dp, &mut pred_segs);
                    // gold segments inside the run that are candidates
                    let gold: Vec<(usize, usize, usize)> = e
                        .gold
                        .iter()
                        .filter(|g| g.0 >= run.0 && g.1 <= run.1 + 1)
                        .filter(|g| spans.contains(&(g.0, g.1 - 1)))
                        .map(|g| (g.0, g.1, kind_class(g.2)))
                        .collect();
                    n_runs += 1;
                    p.tick();
                    if LOCAL {
                        for (ci, &(a, b)) in spans.iter().enumerate() {
                            let g = gold
                                .iter()
                                .find(|x| x.0 == a && x.1 == b + 1)
                                .map(|x| x.2)
                                .unwrap_or(0);
                            let c = &cands[ci];
                            let pc = if c.3 > 0.0 { c.2 } else { 0 };
                            if pc != g {
                                errors += 1;
                                p.update(&cand_feats[ci], g, pc);
                            }
                        }
                    } else if gold != pred_segs {
                        errors += 1;
                        let feats_of = |a: usize, b: usize| {
                            spans
                                .iter()
                                .position(|&x| x == (a, b - 1))
                                .map(|ci| &cand_feats[ci])
                        };
                        for &(a, b, c) in &gold {
                            if pred_segs.contains(&(a, b, c)) {
                                continue;
                            }
                            let other = pred_segs
                                .iter()
                                .find(|x| x.0 == a && x.1 == b)
                                .map(|x| x.2)
                                .unwrap_or(0);
                            if let Some(fv) = feats_of(a, b) {
                                p.update(fv, c, other);
                            }
                        }
                        for &(a, b, c) in pred_segs.iter() {
                            if gold.iter().any(|g| g.0 == a && g.1 == b) {
                                continue;
                            }
                            if let Some(fv) = feats_of(a, b) {
                                p.update(fv, 0, c);
                            }
                        }
                    }
                }
                if AUX_EXAMPLES {
                    for &(h, c) in &e.aux {
                        let fv = &mut aux_feats;
                        fv.clear();
                        ner::context_features(&sent, h, h, fv);
                        scores.iter_mut().for_each(|x| *x = 0.0);
                        p.score(fv, &mut scores);
                        let (mut bc, mut bv) = (1, f32::NEG_INFINITY);
                        for (k, &v) in scores.iter().enumerate().skip(1) {
                            if v > bv {
                                bc = k;
                                bv = v;
                            }
                        }
                        p.tick();
                        p.update(fv, c, bc);
                    }
                }
            }
        }
        let avg = p.averaged();
        let c = counts(&avg, &full, dev);
        let f = all_f1(&c);
        eprintln!(
            "  entities epoch {ep}: run errors {:.2}%  dev {}  ({} features)",
            100.0 * errors as f64 / n_runs.max(1) as f64,
            report(&c),
            p.n_features()
        );
        if dev.is_empty() || best.as_ref().is_none_or(|b| f > b.0) {
            best = Some((f, ep, avg));
        }
    }
    match best {
        Some((_, ep, avg)) => (avg, ep, full),
        None => (p.averaged(), epochs, full),
    }
}

/// The model file.
pub fn file(weights: Vec<u8>, gz: &Gazetteer) -> Vec<u8> {
    let names: Vec<String> = CLASSES.iter().map(|s| s.to_string()).collect();
    let mut lab = Vec::new();
    put_strings(&mut lab, &names);
    write_container(
        kind::NER,
        &[
            (*b"LABL", lab),
            (*b"WGHT", weights),
            (*b"GAZT", gz.encode()),
        ],
    )
}

/// Gazetteer sizes by flag (for the log).
pub fn gaz_report(gz: &Gazetteer) -> String {
    let _ = BTreeMap::<u8, u8>::new();
    format!("{} entries", gz.len())
}
