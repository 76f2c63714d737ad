//! Training of the four models.

use crate::conllu::{self, Sentence};
use crate::perceptron::{Averaged, Perceptron};
use std::collections::{BTreeMap, HashMap};
use verbatim_nlp::features::{atoms, tag_value, tagger_features, Atoms};
use verbatim_nlp::hash::{hash_str, SplitMix64};
use verbatim_nlp::lemma::{exception_key, keeps_case, rule_key, Lemmatizer, Rule, MAX_SUFFIX};
use verbatim_nlp::model::{kind, put_strings, write_container, Scorer};
use verbatim_nlp::parser::State;
use verbatim_nlp::tagger::{argmax, AmbDict, TagDict};

/// Atoms of a sentence's gold words.
pub fn sentence_atoms(s: &Sentence) -> Vec<Atoms> {
    let mut buf = String::new();
    s.words
        .iter()
        .enumerate()
        .map(|(i, w)| atoms(&w.form, i == 0, &mut buf))
        .collect()
}

// ---------------------------------------------------------------- tagger

pub struct TagSet {
    pub names: Vec<String>,
    pub hashes: Vec<u64>,
    pub index: HashMap<String, u8>,
}

impl TagSet {
    /// Joint classes of the training data, most frequent first.
    pub fn from(train: &[&Sentence]) -> TagSet {
        let mut count: BTreeMap<String, usize> = BTreeMap::new();
        for s in train {
            for i in 0..s.words.len() {
                *count.entry(s.joint(i)).or_default() += 1;
            }
        }
        let mut v: Vec<(String, usize)> = count.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(255);
        let names: Vec<String> = v.into_iter().map(|e| e.0).collect();
        let hashes = names.iter().map(|n| hash_str(n)).collect();
        let index = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i as u8))
            .collect();
        TagSet {
            names,
            hashes,
            index,
        }
    }
    pub fn class(&self, s: &Sentence, i: usize) -> u8 {
        self.index.get(&s.joint(i)).copied().unwrap_or(0)
    }
}

pub struct TagEx {
    pub atoms: Vec<Atoms>,
    pub gold: Vec<u8>,
    pub forms: Vec<u64>,
}

pub fn tag_examples(sents: &[&Sentence], ts: &TagSet) -> Vec<TagEx> {
    sents
        .iter()
        .map(|s| {
            let atoms = sentence_atoms(s);
            let forms = atoms.iter().map(|a| a.form).collect();
            TagEx {
                atoms,
                gold: (0..s.words.len()).map(|i| ts.class(s, i)).collect(),
                forms,
            }
        })
        .collect()
}

pub fn build_tagdict(ex: &[&TagEx], nc: usize) -> TagDict {
    let mut counts: HashMap<u64, Vec<u32>> = HashMap::new();
    for e in ex {
        for (i, &f) in e.forms.iter().enumerate() {
            counts.entry(f).or_insert_with(|| vec![0; nc])[e.gold[i] as usize] += 1;
        }
    }
    let mut v = Vec::new();
    for (f, c) in counts {
        let total: u32 = c.iter().sum();
        let (best, &bc) = c
            .iter()
            .enumerate()
            .max_by_key(|x| (*x.1, std::cmp::Reverse(x.0)))
            .unwrap_or((0, &0));
        if total >= 20 && bc as f64 / total as f64 >= 0.97 {
            v.push(((f >> 32) as u32, best as u8));
        }
    }
    TagDict::new(v)
}

/// Ambiguity classes: words (normalised) seen at least 3 times; the class is the set of
/// tags with at least 5% of the word's occurrences.
pub fn build_amb(ex: &[&TagEx], ts: &TagSet) -> AmbDict {
    let nc = ts.names.len();
    let mut counts: BTreeMap<u64, Vec<u32>> = BTreeMap::new();
    for e in ex {
        for (i, a) in e.atoms.iter().enumerate() {
            counts.entry(a.norm).or_insert_with(|| vec![0; nc])[e.gold[i] as usize] += 1;
        }
    }
    let mut per_word = Vec::new();
    for (norm, c) in counts {
        let total: u32 = c.iter().sum();
        if total < 3 {
            continue;
        }
        let sig: Vec<&str> = (0..nc)
            .filter(|&k| c[k] as f64 >= 0.05 * total as f64)
            .map(|k| ts.names[k].as_str())
            .collect();
        per_word.push(((norm >> 32) as u32, sig.join(" ")));
    }
    // ids in signature order, so that they do not depend on word order
    let sigs: std::collections::BTreeSet<String> = per_word.iter().map(|e| e.1.clone()).collect();
    let ids: BTreeMap<String, u16> = sigs
        .into_iter()
        .enumerate()
        .map(|(i, k)| (k, i.min(u16::MAX as usize) as u16))
        .collect();
    AmbDict::new(per_word.into_iter().map(|(k, s)| (k, ids[&s])).collect())
}

pub fn tag_decode<S: Scorer>(
    m: &S,
    ts: &TagSet,
    dict: &TagDict,
    amb: &AmbDict,
    atoms: &[Atoms],
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut av = Vec::new();
    amb.values(atoms, &mut av);
    verbatim_nlp::tagger::decode(
        m,
        &ts.hashes,
        dict,
        atoms,
        &av,
        &mut out,
        &mut Vec::new(),
        &mut Vec::new(),
    );
    out
}

pub fn tag_accuracy<S: Scorer>(
    m: &S,
    ts: &TagSet,
    dict: &TagDict,
    amb: &AmbDict,
    dev: &[&TagEx],
) -> (f64, f64) {
    let (mut ok, mut ok_u, mut n) = (0usize, 0usize, 0usize);
    for e in dev {
        let p = tag_decode(m, ts, dict, amb, &e.atoms);
        for (a, b) in p.iter().zip(&e.gold) {
            n += 1;
            if a == b {
                ok += 1;
            }
            let ua = ts.names[*a as usize].split('|').next();
            let ub = ts.names[*b as usize].split('|').next();
            if ua == ub {
                ok_u += 1;
            }
        }
    }
    (ok_u as f64 / n.max(1) as f64, ok as f64 / n.max(1) as f64)
}

/// Trains a tagger: `epochs` fixed when `dev` is empty, else the best epoch on dev up to
/// `epochs`. Returns weights, dictionary and the epoch count used.
pub fn train_tagger(
    train: &[&TagEx],
    dev: &[&TagEx],
    ts: &TagSet,
    epochs: usize,
    seed: u64,
    log: bool,
) -> (Averaged, TagDict, AmbDict, usize) {
    let nc = ts.names.len();
    let dict = build_tagdict(train, nc);
    let amb = build_amb(train, ts);
    let ambs: Vec<Vec<u64>> = train
        .iter()
        .map(|e| {
            let mut v = Vec::new();
            amb.values(&e.atoms, &mut v);
            v
        })
        .collect();
    let mut p = Perceptron::new(nc);
    let mut rng = SplitMix64(seed);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut best: Option<(f64, usize, Averaged)> = None;
    let mut feats = Vec::new();
    let mut scores = vec![0f32; nc];
    for ep in 1..=epochs {
        rng.shuffle(&mut order);
        let (mut ok, mut n) = (0, 0);
        for &k in &order {
            let e = train[k];
            let mut hist: Vec<u8> = Vec::with_capacity(e.gold.len());
            for i in 0..e.gold.len() {
                if let Some(c) = dict.get(e.forms[i]) {
                    hist.push(c);
                    continue;
                }
                let p1 = tag_value(i.checked_sub(1).map(|j| ts.hashes[hist[j] as usize]));
                let p2 = tag_value(i.checked_sub(2).map(|j| ts.hashes[hist[j] as usize]));
                tagger_features(&e.atoms, &ambs[k], i, p1, p2, &mut feats);
                scores.iter_mut().for_each(|x| *x = 0.0);
                p.score(&feats, &mut scores);
                let guess = argmax(&scores);
                p.tick();
                let gold = e.gold[i] as usize;
                p.update(&feats, gold, guess);
                n += 1;
                if guess == gold {
                    ok += 1;
                }
                hist.push(guess as u8);
            }
        }
        if dev.is_empty() {
            continue;
        }
        let avg = p.averaged();
        let (u, x) = tag_accuracy(&avg, ts, &dict, &amb, dev);
        if log {
            eprintln!(
                "  tagger epoch {ep}: train {:.2}%  dev UPOS {:.2}% joint {:.2}%  ({} features)",
                100.0 * ok as f64 / n.max(1) as f64,
                100.0 * u,
                100.0 * x,
                p.n_features()
            );
        }
        if best.as_ref().is_none_or(|b| x > b.0) {
            best = Some((x, ep, avg));
        }
    }
    match best {
        Some((_, ep, avg)) => (avg, dict, amb, ep),
        None => (p.averaged(), dict, amb, epochs),
    }
}

pub fn tagger_file(ts: &TagSet, dict: &TagDict, amb: &AmbDict, weights: Vec<u8>) -> Vec<u8> {
    let mut clas = Vec::new();
    put_strings(&mut clas, &ts.names);
    write_container(
        kind::TAGGER,
        &[
            (*b"CLAS", clas),
            (*b"TDIC", dict.encode()),
            (*b"AMBC", amb.encode()),
            (*b"WGHT", weights),
        ],
    )
}

// ---------------------------------------------------------------- lemmatiser

/// Learns suffix rules and exceptions from (form, xpos, lemma) of the training words.
pub fn train_lemmatizer(train: &[&Sentence]) -> Lemmatizer {
    // token counts of (lower, xpos) -> lemma
    let mut lex: BTreeMap<(String, String), BTreeMap<String, usize>> = BTreeMap::new();
    let mut types: BTreeMap<(String, String, String), ()> = BTreeMap::new();
    for s in train {
        for w in &s.words {
            if w.lemma == "_" || w.xpos == "_" {
                continue;
            }
            let lower = w.form.to_lowercase();
            *lex.entry((lower, w.xpos.clone()))
                .or_default()
                .entry(w.lemma.clone())
                .or_default() += 1;
            types.insert((w.form.clone(), w.xpos.clone(), w.lemma.clone()), ());
        }
    }
    // rule counts by (suffix, xpos), over word types
    let mut ctx: BTreeMap<(String, String), BTreeMap<Rule, usize>> = BTreeMap::new();
    for (form, xpos, lemma) in types.keys() {
        let b = if keeps_case(xpos) {
            form.clone()
        } else {
            form.to_lowercase()
        };
        let r = Rule::between(&b, lemma);
        let n = b.chars().count();
        for k in 0..=MAX_SUFFIX.min(n) {
            let start = b
                .char_indices()
                .nth(n - k)
                .map(|(i, _)| i)
                .unwrap_or(b.len());
            *ctx.entry((b[start..].to_string(), xpos.clone()))
                .or_default()
                .entry(r.clone())
                .or_default() += 1;
        }
    }
    let best_of = |m: &BTreeMap<Rule, usize>| -> Rule {
        m.iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|e| e.0.clone())
            .unwrap_or(Rule {
                strip: 0,
                append: String::new(),
            })
    };
    let mut rules = Vec::new();
    for ((suf, xpos), m) in &ctx {
        let r = best_of(m);
        let total: usize = m.values().sum();
        // keep when it differs from the parent context's rule (the shorter suffix)
        let parent = if suf.is_empty() {
            None
        } else {
            let mut it = suf.char_indices();
            it.next();
            let p = it.next().map(|(i, _)| &suf[i..]).unwrap_or("");
            ctx.get(&(p.to_string(), xpos.clone())).map(best_of)
        };
        if suf.is_empty() || (parent.as_ref() != Some(&r) && total >= 2) {
            rules.push((rule_key(suf, xpos), r));
        }
    }
    let base = Lemmatizer::new(Vec::new(), rules.clone());
    let mut exc = Vec::new();
    for ((lower, xpos), m) in &lex {
        let lemma = m
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|e| e.0.clone())
            .unwrap_or_default();
        // what the rules give for this spelling (cased forms: the lemma of the first seen)
        let mut out = String::new();
        if keeps_case(xpos) {
            // rules apply to the cased form; check with a title-cased guess only if the
            // lemma is not simply the form
            continue_if_cased(&base, lower, xpos, &lemma, &mut exc);
            continue;
        }
        base.apply_rules(lower, xpos, &mut out);
        if out != lemma {
            exc.push((exception_key(lower, xpos), lemma));
        }
    }
    Lemmatizer::new(exc, rules)
}

fn continue_if_cased(
    base: &Lemmatizer,
    lower: &str,
    xpos: &str,
    lemma: &str,
    exc: &mut Vec<(u32, String)>,
) {
    // Proper nouns: the rules work on the cased form; store an exception only when the
    // lower-cased lemma differs from what the rules make of the lower-cased form.
    let mut out = String::new();
    base.apply_rules(lower, xpos, &mut out);
    if out != lemma.to_lowercase() {
        exc.push((exception_key(lower, xpos), lemma.to_string()));
    }
}

// ---------------------------------------------------------------- parser

pub struct ParseEx {
    pub atoms: Vec<Atoms>,
    pub tags: Vec<u64>,
    pub utags: Vec<u64>,
    /// training heads (projectivised), 0-based, `n` = root
    pub heads: Vec<u32>,
    pub labels: Vec<u8>,
    /// original heads
    pub gold_heads: Vec<u32>,
}

pub struct LabelSet {
    pub names: Vec<String>,
    pub index: HashMap<String, u8>,
    pub root: u8,
}

impl LabelSet {
    pub fn from(train: &[&Sentence]) -> LabelSet {
        let mut set: BTreeMap<String, usize> = BTreeMap::new();
        for s in train {
            for w in &s.words {
                *set.entry(w.deprel.clone()).or_default() += 1;
            }
        }
        let mut names: Vec<String> = set.into_keys().collect();
        names.truncate(64);
        if !names.iter().any(|n| n == "root") {
            names.push("root".into());
        }
        let index: HashMap<String, u8> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i as u8))
            .collect();
        let root = index["root"];
        LabelSet { names, index, root }
    }
}

pub fn parse_example(
    s: &Sentence,
    tags: Vec<u64>,
    utags: Vec<u64>,
    ls: &LabelSet,
    projective: bool,
) -> ParseEx {
    let n = s.words.len();
    let gold_heads: Vec<u32> = s
        .words
        .iter()
        .map(|w| w.head.map(|h| h as u32).unwrap_or(n as u32))
        .collect();
    let mut heads = gold_heads.clone();
    if projective {
        conllu::projectivize(&mut heads);
    }
    let labels = s
        .words
        .iter()
        .map(|w| ls.index.get(&w.deprel).copied().unwrap_or(0))
        .collect();
    ParseEx {
        atoms: sentence_atoms(s),
        tags,
        utags,
        heads,
        labels,
        gold_heads,
    }
}

pub fn parse_scores<S: Scorer>(m: &S, ls: &LabelSet, dev: &[ParseEx]) -> (f64, f64) {
    let (mut u, mut l, mut n) = (0usize, 0usize, 0usize);
    let mut st = State::default();
    let (mut f, mut sc) = (Vec::new(), Vec::new());
    for e in dev {
        verbatim_nlp::parser::decode(
            m, ls.root, &e.atoms, &e.tags, &e.utags, &mut st, &mut f, &mut sc,
        );
        for i in 0..e.atoms.len() {
            n += 1;
            if st.heads[i] == e.gold_heads[i] {
                u += 1;
                if st.labels[i] == e.labels[i] {
                    l += 1;
                }
            }
        }
    }
    (u as f64 / n.max(1) as f64, l as f64 / n.max(1) as f64)
}

pub fn train_parser(
    train: &[ParseEx],
    dev: &[ParseEx],
    ls: &LabelSet,
    epochs: usize,
    seed: u64,
) -> (Averaged, usize) {
    let nc = 1 + 2 * ls.names.len();
    let mut p = Perceptron::new(nc);
    let mut rng = SplitMix64(seed ^ 0x5041_5253);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut st = State::default();
    let mut feats = Vec::new();
    let mut scores = vec![0f32; nc];
    let mut costs = vec![0i32; nc];
    let mut best: Option<(f64, usize, Averaged)> = None;
    for ep in 1..=epochs {
        rng.shuffle(&mut order);
        let (mut steps, mut errs) = (0usize, 0usize);
        for &k in &order {
            let e = &train[k];
            if e.atoms.len() > 150 {
                continue;
            }
            st.reset(e.atoms.len());
            while !st.is_terminal() {
                st.features(&e.atoms, &e.tags, &e.utags, &mut feats);
                scores.iter_mut().for_each(|x| *x = 0.0);
                p.score(&feats, &mut scores);
                st.costs(&e.heads, &e.labels, ls.root, &mut costs);
                let min_cost = costs.iter().copied().min().unwrap_or(i32::MAX);
                if min_cost == i32::MAX {
                    break;
                }
                let mut pred = usize::MAX;
                let mut gold = usize::MAX;
                for t in 0..nc {
                    if costs[t] == i32::MAX {
                        continue;
                    }
                    if pred == usize::MAX || scores[t] > scores[pred] {
                        pred = t;
                    }
                    if costs[t] == min_cost && (gold == usize::MAX || scores[t] > scores[gold]) {
                        gold = t;
                    }
                }
                p.tick();
                steps += 1;
                if costs[pred] > min_cost {
                    errs += 1;
                    p.update(&feats, gold, pred);
                }
                let next = if ep > 1 && rng.unit() < 0.9 {
                    pred
                } else {
                    gold
                };
                st.apply(next);
            }
        }
        let avg = p.averaged();
        let (uas, las) = parse_scores(&avg, ls, dev);
        eprintln!(
            "  parser epoch {ep}: train errors {:.2}%  dev UAS {:.2}% LAS {:.2}%  ({} features)",
            100.0 * errs as f64 / steps.max(1) as f64,
            100.0 * uas,
            100.0 * las,
            p.n_features()
        );
        if dev.is_empty() || best.as_ref().is_none_or(|b| las > b.0) {
            best = Some((las, ep, avg));
        }
    }
    match best {
        Some((_, ep, avg)) => (avg, ep),
        None => (p.averaged(), epochs),
    }
}

pub fn parser_file(ls: &LabelSet, weights: Vec<u8>) -> Vec<u8> {
    let mut lab = Vec::new();
    put_strings(&mut lab, &ls.names);
    write_container(kind::PARSER, &[(*b"LABL", lab), (*b"WGHT", weights)])
}
