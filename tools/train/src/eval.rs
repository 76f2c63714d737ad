//! Evaluation of a pipeline on treebank sentences.

use crate::conllu::{self, Sentence};
use std::collections::BTreeMap;
use std::time::Instant;
use verbatim_nlp::{EntityKind, Pipeline};

#[derive(Default, Debug, Clone)]
pub struct Scores {
    pub tok_p: f64,
    pub tok_r: f64,
    pub tok_f: f64,
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    pub verb_lemma: f64,
    pub uas: f64,
    pub las: f64,
    /// kind -> (tp, predicted, gold)
    pub ents: BTreeMap<&'static str, (usize, usize, usize)>,
    pub words: usize,
}

/// Precision, recall and F1 of `tp` right among `np` predicted and `ng` gold.
pub(crate) fn prf(tp: usize, np: usize, ng: usize) -> (f64, f64, f64) {
    let p = tp as f64 / np.max(1) as f64;
    let r = tp as f64 / ng.max(1) as f64;
    (
        p,
        r,
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
    )
}

/// Tokeniser word-span scores against the `# text` lines.
pub fn tokenizer(sents: &[Sentence]) -> (f64, f64, f64) {
    let (mut tp, mut np, mut ng) = (0, 0, 0);
    for s in sents {
        let gold: Vec<(usize, usize)> = conllu::gold_spans(s)
            .into_iter()
            .filter(|g| g.0 < g.1)
            .collect();
        let pred: Vec<(usize, usize)> = verbatim_nlp::tokenize(&s.text)
            .iter()
            .map(|x| (x.start, x.end))
            .collect();
        ng += s.words.len();
        np += pred.len();
        let gs: std::collections::HashSet<(usize, usize)> = gold.into_iter().collect();
        tp += pred.iter().filter(|x| gs.contains(x)).count();
    }
    prf(tp, np, ng)
}

/// Everything but speed, with gold words.
pub fn evaluate(p: &Pipeline, sents: &[Sentence], entities: bool) -> Scores {
    let mut sc = Scores::default();
    (sc.tok_p, sc.tok_r, sc.tok_f) = tokenizer(sents);
    let (mut u, mut x, mut l, mut vl, mut nv, mut ua, mut la, mut n) = (0, 0, 0, 0, 0, 0, 0, 0);
    // documents: analysed together (the kinds of the entities by the whole document)
    let mut analyses = Vec::with_capacity(sents.len());
    let mut i = 0;
    while i < sents.len() {
        let j = sents[i..]
            .iter()
            .position(|s| s.doc != sents[i].doc)
            .map(|k| i + k)
            .unwrap_or(sents.len());
        let spaced: Vec<(String, Vec<verbatim_nlp::Span>)> =
            sents[i..j].iter().map(|s| s.spaced()).collect();
        let refs: Vec<(&str, &[verbatim_nlp::Span])> = spaced
            .iter()
            .map(|(t, w)| (t.as_str(), w.as_slice()))
            .collect();
        analyses.extend(p.analyse_document_words(&refs));
        i = j;
    }
    for (s, a) in sents.iter().zip(&analyses) {
        if a.len() != s.words.len() {
            continue;
        }
        for (i, w) in s.words.iter().enumerate() {
            n += 1;
            u += (a.upos[i].as_str() == w.upos) as usize;
            x += (a.xpos[i] == w.xpos) as usize;
            l += (a.lemma(i) == w.lemma) as usize;
            if w.upos == "VERB" {
                nv += 1;
                vl += (a.lemma(i) == w.lemma) as usize;
            }
            if a.heads[i] == w.head {
                ua += 1;
                la += (a.deprels[i].as_str() == w.deprel) as usize;
            }
        }
        if entities {
            let gold = conllu::named_entities(s);
            for k in EntityKind::ALL {
                let e = sc.ents.entry(k.as_str()).or_default();
                let g: Vec<(usize, usize)> = gold
                    .iter()
                    .filter(|g| g.2 == *k)
                    .map(|g| (g.0, g.1 + 1))
                    .collect();
                let pr: Vec<(usize, usize)> = a
                    .entities
                    .iter()
                    .filter(|e| e.kind == *k)
                    .map(|e| (e.words.start, e.words.end))
                    .collect();
                e.0 += pr.iter().filter(|q| g.contains(q)).count();
                e.1 += pr.len();
                e.2 += g.len();
            }
        }
    }
    let d = n.max(1) as f64;
    sc.upos = u as f64 / d;
    sc.xpos = x as f64 / d;
    sc.lemma = l as f64 / d;
    sc.verb_lemma = vl as f64 / nv.max(1) as f64;
    sc.uas = ua as f64 / d;
    sc.las = la as f64 / d;
    sc.words = n;
    sc
}

pub fn print(name: &str, s: &Scores) {
    println!(
        "{name:<10} words {:>6}  tokens P/R/F1 {:.2}/{:.2}/{:.2}  UPOS {:.2}  XPOS {:.2}  lemma {:.2} (verbs {:.2})  UAS {:.2}  LAS {:.2}",
        s.words,
        100.0 * s.tok_p,
        100.0 * s.tok_r,
        100.0 * s.tok_f,
        100.0 * s.upos,
        100.0 * s.xpos,
        100.0 * s.lemma,
        100.0 * s.verb_lemma,
        100.0 * s.uas,
        100.0 * s.las
    );
    if !s.ents.is_empty() {
        let (mut t, mut pp, mut g) = (0, 0, 0);
        for (k, &(tp, np, ng)) in &s.ents {
            let (p, r, f) = prf(tp, np, ng);
            println!(
                "{:<10}   entities {k:<13} P {:.3}  R {:.3}  F1 {:.3}  (gold {ng}, predicted {np})",
                "", p, r, f
            );
            t += tp;
            pp += np;
            g += ng;
        }
        let (p, r, f) = prf(t, pp, g);
        println!(
            "{:<10}   entities {:<13} P {:.3}  R {:.3}  F1 {:.3}  (gold {g}, predicted {pp})",
            "", "all", p, r, f
        );
        let main: Vec<_> = s
            .ents
            .iter()
            .filter(|(k, _)| **k != "OTHER")
            .map(|(_, v)| *v)
            .collect();
        let (t, pp, g) = main
            .iter()
            .fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
        let (p, r, f) = prf(t, pp, g);
        println!(
            "{:<10}   entities {:<13} P {:.3}  R {:.3}  F1 {:.3}",
            "", "PER+ORG+PLACE", p, r, f
        );
    }
}

/// Throughput of the whole stack (tokenise + tag + lemma + parse + entities), of
/// `tag_and_entities` and of `tag_only`, over the `# text` lines, one thread: the best of `rounds` passes (the machine
/// is shared: the best pass is the least disturbed). Returns words/s (full, tags and
/// entities, tags only).
pub fn throughput(p: &Pipeline, sents: &[Sentence], rounds: usize) -> (f64, f64, f64) {
    let texts: Vec<&str> = sents.iter().map(|s| s.text.as_str()).collect();
    let best = |f: &dyn Fn(&str) -> usize| -> f64 {
        let mut best = 0f64;
        for _ in 0..rounds.max(1) {
            let t = Instant::now();
            let words: usize = texts.iter().map(|s| f(s)).sum();
            best = best.max(words as f64 / t.elapsed().as_secs_f64());
        }
        best
    };
    let full = best(&|s| p.analyse(s).len());
    let ents = best(&|s| p.tag_and_entities(s).len());
    let tags = best(&|s| p.tag_only(s).len());
    (full, ents, tags)
}
