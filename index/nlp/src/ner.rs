//! Named-entity recogniser: candidate spans from the runs of proper nouns that the tagger
//! finds, typed (or rejected) by an averaged perceptron over features of the span, its
//! context and gazetteers learned from the training mentions; each run is segmented into
//! entities by dynamic programming (the segmentation with the largest sum of margins over
//! "no entity").
//!
//! A run is a maximal sequence of name words: proper nouns, and capitalised adjectives,
//! nouns, verbs or numbers (`United` States, `World War II`, `2004` Olympics), joined across
//! up to two bridge words (`of`, `the`, `and`, `&`, `de`, `von`, `'s`, `-`...) when a name
//! word follows (`University of Toronto`, `Bank of England`, `Newfoundland and Labrador`);
//! runs without a proper noun are dropped. Candidates are the sub-spans of a run that start
//! and end on a name word, so that a title (`Senator Mark Warner`), a leading name
//! (`Pakistan`-based) or a possessor (`Trump 's` Cabinet) can stay out.

use crate::features::Atoms;
use crate::hash::{f1, f2, f3, hash_str, mix};
use crate::model::Weights;
use crate::model::{
    decode_keyed, encode_keyed, kind, read_container, read_strings, FormatError, Scorer,
};
use crate::tags::{EntityKind, Upos};

/// Class names of the span classifier (class 0: not an entity).
pub const CLASSES: [&str; 5] = ["NONE", "PERSON", "ORGANIZATION", "PLACE", "OTHER"];
/// Longest candidate span, in words.
pub const MAX_SPAN: usize = 8;

/// The kind of a class (`None` for class 0).
pub fn class_kind(c: usize) -> Option<EntityKind> {
    match c {
        1 => Some(EntityKind::Person),
        2 => Some(EntityKind::Organization),
        3 => Some(EntityKind::Place),
        4 => Some(EntityKind::Other),
        _ => None,
    }
}

/// The class of a kind.
pub fn kind_class(k: EntityKind) -> usize {
    match k {
        EntityKind::Person => 1,
        EntityKind::Organization => 2,
        EntityKind::Place => 3,
        EntityKind::Other => 4,
    }
}

/// Gazetteer flags (bits): what a word or a whole span was in the training mentions.
pub mod gaz {
    /// First word of a person's name of several words.
    pub const PER_FIRST: u32 = 1;
    /// Last word of a person's name of several words.
    pub const PER_LAST: u32 = 2;
    /// A person's name of one word.
    pub const PER_ONE: u32 = 4;
    /// A word of an organisation's name.
    pub const ORG: u32 = 8;
    /// The last word of an organisation's name.
    pub const ORG_LAST: u32 = 16;
    /// A word of a place's name.
    pub const PLACE: u32 = 32;
    /// The last word of a place's name.
    pub const PLACE_LAST: u32 = 64;
    /// A word of another kind of name.
    pub const OTHER: u32 = 128;
    /// A title: the word just before a person's name, in the same run.
    pub const TITLE: u32 = 256;
    /// A capitalised word of a run outside every name.
    pub const NOT_NAME: u32 = 512;
    /// (Spans) the whole span was a person.
    pub const WHOLE_PER: u32 = 1024;
    /// (Spans) the whole span was an organisation.
    pub const WHOLE_ORG: u32 = 2048;
    /// (Spans) the whole span was a place.
    pub const WHOLE_PLACE: u32 = 4096;
    /// (Spans) the whole span was another kind of name.
    pub const WHOLE_OTHER: u32 = 8192;
    /// The word (lower case) is frequent as a common noun in the treebanks.
    pub const COMMON_NOUN: u32 = 16384;
    /// The word (lower case) is frequent as another word that is not a name.
    pub const COMMON_WORD: u32 = 32768;
    /// (Proper nouns of the treebanks' text) seen in the contexts of people: after a title
    /// (`Mr.`, `Senator`) or next to a verb of saying.
    pub const CTX_PERSON: u32 = 1 << 16;
    /// Seen in the contexts of places: after `in`, `at`, `from`, `near`.
    pub const CTX_PLACE: u32 = 1 << 17;
    /// Seen in the contexts of organisations: before `Inc.`, `Corp.`, `University`...
    pub const CTX_ORG: u32 = 1 << 18;
}

/// The gazetteer key of a word (by its normalised form hash).
#[inline]
pub fn word_key(norm: u64) -> u32 {
    (norm >> 32) as u32
}

/// The gazetteer key of a span of words (by their normalised form hashes).
pub fn span_key(norms: impl Iterator<Item = u64>) -> u32 {
    let mut h = 0x5350_414e_u64;
    for n in norms {
        h = mix(h, n);
    }
    (mix(h, 0x6b) >> 32) as u32
}

/// Words and spans with gazetteer flags (sorted keys).
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    keys: Vec<u32>,
    flags: Vec<u32>,
}

impl Gazetteer {
    /// From (key, flags) pairs (flags of a repeated key are or-ed).
    pub fn new(mut v: Vec<(u32, u32)>) -> Gazetteer {
        v.sort_unstable();
        let mut keys: Vec<u32> = Vec::with_capacity(v.len());
        let mut flags: Vec<u32> = Vec::with_capacity(v.len());
        for (k, f) in v {
            if keys.last() == Some(&k) {
                if let Some(x) = flags.last_mut() {
                    *x |= f;
                }
            } else {
                keys.push(k);
                flags.push(f);
            }
        }
        Gazetteer { keys, flags }
    }
    /// The flags of a key (0 when unknown).
    #[inline]
    pub fn get(&self, key: u32) -> u32 {
        self.keys
            .binary_search(&key)
            .ok()
            .and_then(|i| self.flags.get(i).copied())
            .unwrap_or(0)
    }
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.keys.len()
    }
    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
    /// Serialised form: count, keys as varint deltas, flags as varints.
    pub fn encode(&self) -> Vec<u8> {
        encode_keyed(&self.keys, self.flags.iter().map(|&f| u64::from(f)))
    }
    fn decode(b: &[u8]) -> Result<Gazetteer, FormatError> {
        let (keys, flags) = decode_keyed(b, u64::from(u32::MAX), "gazetteer")?;
        Ok(Gazetteer {
            keys,
            flags: flags.into_iter().map(|f| f as u32).collect(),
        })
    }
}

/// The loaded recogniser.
#[derive(Debug)]
pub struct Ner {
    /// Weights of the span classifier (classes as [`CLASSES`]).
    pub weights: Weights,
    /// Gazetteer.
    pub gaz: Gazetteer,
}

impl Ner {
    /// Reads a model file.
    pub fn from_bytes(b: &[u8]) -> Result<Ner, FormatError> {
        let s = read_container(b, kind::NER)?;
        let names = read_strings(s.get(b"LABL").ok_or(FormatError("no labels"))?)?;
        if names != CLASSES {
            return Err(FormatError("labels"));
        }
        let weights = Weights::decode(s.get(b"WGHT").ok_or(FormatError("no weights"))?)?;
        if crate::model::Scorer::n_classes(&weights) != CLASSES.len() {
            return Err(FormatError("labels"));
        }
        let gaz = Gazetteer::decode(s.get(b"GAZT").ok_or(FormatError("no gazetteer"))?)?;
        Ok(Ner { weights, gaz })
    }
}

/// Words that may join two parts of a name.
const BRIDGES: [u64; 17] = [
    hash_str("of"),
    hash_str("the"),
    hash_str("and"),
    hash_str("&"),
    hash_str("de"),
    hash_str("von"),
    hash_str("van"),
    hash_str("der"),
    hash_str("la"),
    hash_str("du"),
    hash_str("del"),
    hash_str("da"),
    hash_str("y"),
    hash_str("'s"),
    hash_str("’s"),
    hash_str("-"),
    hash_str("–"),
];

/// Whether a word (by its normalised form) may join two parts of a name.
#[inline]
pub fn is_bridge(norm: u64) -> bool {
    BRIDGES.contains(&norm)
}

#[inline]
fn capitalised(a: &Atoms) -> bool {
    a.flags & 1 != 0 && a.flags & 32 != 0
}

/// Whether word `i` can be part of a name (a proper noun, or a capitalised content word or
/// a number next to one).
fn name_word(atoms: &[Atoms], upos: &[Upos], i: usize) -> bool {
    let (Some(a), Some(&u)) = (atoms.get(i), upos.get(i)) else {
        return false;
    };
    match u {
        Upos::Propn => true,
        Upos::Adj | Upos::Noun | Upos::Verb | Upos::X | Upos::Sym => capitalised(a),
        Upos::Num => {
            (i > 0 && upos.get(i - 1) == Some(&Upos::Propn))
                || upos.get(i + 1) == Some(&Upos::Propn)
        }
        _ => false,
    }
}

/// The runs of name words of a sentence: `(first, last)` word indices.
pub fn runs(atoms: &[Atoms], upos: &[Upos], out: &mut Vec<(usize, usize)>) {
    out.clear();
    let n = atoms.len().min(upos.len());
    let mut i = 0;
    while i < n {
        if !name_word(atoms, upos, i) || is_bridge(atoms[i].norm) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut j = i + 1;
        while j < n {
            if name_word(atoms, upos, j) && !is_bridge(atoms[j].norm) {
                end = j;
                j += 1;
                continue;
            }
            // up to two bridge words followed by a name word
            let mut k = j;
            while k < n && k < j + 2 && is_bridge(atoms[k].norm) {
                k += 1;
            }
            if k > j && k < n && name_word(atoms, upos, k) && !is_bridge(atoms[k].norm) {
                end = k;
                j = k + 1;
            } else {
                break;
            }
        }
        if (start..=end).any(|k| upos[k] == Upos::Propn) {
            out.push((start, end));
        }
        i = end + 1;
    }
}

/// What the features of a sentence read.
pub struct Sentence<'a> {
    /// Word atoms.
    pub atoms: &'a [Atoms],
    /// Universal tags.
    pub upos: &'a [Upos],
    /// Tag hashes (joint tags).
    pub tags: &'a [u64],
}

impl Sentence<'_> {
    /// The atoms of word `i`, the sentence's start or end marks outside it.
    fn atom_at(&self, i: isize) -> Atoms {
        if i < 0 {
            crate::features::START
        } else {
            self.atoms
                .get(i as usize)
                .copied()
                .unwrap_or(crate::features::END)
        }
    }

    /// The universal tag of word `i` as a feature value (100 before, 101 after).
    fn upos_at(&self, i: isize) -> u64 {
        if i < 0 {
            100
        } else {
            self.upos.get(i as usize).map(|&u| u as u64).unwrap_or(101)
        }
    }
}

fn shape_of(a: &Atoms) -> u64 {
    a.shape
}

/// The features of the context of the span `a..=b` (also trained on mentions that are not
/// names).
pub fn context_features(s: &Sentence<'_>, a: usize, b: usize, out: &mut Vec<u64>) {
    let n = s.atoms.len();
    let at = |i: isize| s.atom_at(i);
    let up = |i: isize| s.upos_at(i);
    let (ai, bi) = (a as isize, b as isize);
    let lenb = (b + 1 - a).min(2) as u64;
    let o = out;
    o.push(f1(3011, at(ai - 1).norm));
    o.push(f1(3012, at(ai - 2).norm));
    o.push(f1(3013, at(bi + 1).norm));
    o.push(f1(3014, at(bi + 2).norm));
    o.push(f1(3015, up(ai - 1)));
    o.push(f1(3016, up(bi + 1)));
    o.push(f2(3017, up(ai - 1), up(bi + 1)));
    // the governing words nearby: a preposition or verb before, a verb after
    let mut prev_adp = 0x31;
    let mut prev_verb = 0x32;
    for i in (a.saturating_sub(3)..a).rev() {
        match s.upos.get(i) {
            Some(Upos::Adp) if prev_adp == 0x31 => prev_adp = s.atoms[i].norm,
            Some(Upos::Verb) => {
                prev_verb = s.atoms[i].norm;
                break;
            }
            Some(Upos::Punct) => break,
            _ => {}
        }
    }
    let mut next_verb = 0x33;
    for i in b + 1..(b + 5).min(n) {
        match s.upos.get(i) {
            Some(Upos::Verb) | Some(Upos::Aux) => {
                next_verb = s.atoms[i].norm;
                break;
            }
            Some(Upos::Punct) | Some(Upos::Adp) => break,
            _ => {}
        }
    }
    o.push(f1(3047, prev_adp));
    o.push(f1(3048, prev_verb));
    o.push(f1(3049, next_verb));
    o.push(f2(3050, prev_adp, lenb));
    o.push(f2(3051, next_verb, lenb));
}

/// The features of the candidate span `a..=b` of the run `run`.
pub fn span_features(
    s: &Sentence<'_>,
    gz: &Gazetteer,
    run: (usize, usize),
    a: usize,
    b: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    let n = s.atoms.len();
    let at = |i: isize| s.atom_at(i);
    let up = |i: isize| s.upos_at(i);
    let (ai, bi) = (a as isize, b as isize);
    let len = b + 1 - a;
    let first = at(ai);
    let last = at(bi);
    let before = at(ai - 1);
    let after = at(bi + 1);
    let gfirst = gz.get(word_key(first.norm)) as u64;
    let glast = gz.get(word_key(last.norm)) as u64;
    let gbefore = gz.get(word_key(before.norm)) as u64;
    let key = span_key((a..=b).filter_map(|i| s.atoms.get(i)).map(|x| x.norm));
    let gspan = gz.get(key) as u64;
    let in_run_left = a > run.0;
    let in_run_right = b < run.1;
    let lenb = len.min(6) as u64;
    let o = out;
    o.push(f1(3000, 0));
    o.push(f1(3001, lenb));
    o.push(f1(3002, first.norm));
    o.push(f1(3003, last.norm));
    if len > 1 {
        o.push(f2(3004, first.norm, last.norm));
    }
    let mut gall = 0u64;
    let mut shapes = 0x5a_u64;
    let mut tags = 0x7b_u64;
    for (k, i) in (a..=b).enumerate() {
        let w = at(i as isize);
        o.push(f1(3005, w.norm));
        gall |= gz.get(word_key(w.norm)) as u64;
        if k < 4 {
            shapes = mix(shapes, shape_of(&w));
            tags = mix(tags, up(i as isize));
        }
    }
    o.push(f1(3006, last.suf[2]));
    o.push(f1(3007, last.suf[3]));
    o.push(f1(3008, first.pre[2]));
    o.push(f1(3009, first.suf[2]));
    o.push(f2(3010, shapes, lenb));
    o.push(f2(3018, before.norm, lenb));
    o.push(f2(3019, in_run_left as u64, in_run_right as u64));
    o.push(f3(3020, in_run_left as u64, before.norm, lenb.min(2)));
    o.push(f2(3021, tags, lenb));
    o.push(f1(3022, gfirst));
    o.push(f1(3023, glast));
    o.push(f1(3024, gall));
    o.push(f1(3025, gspan));
    o.push(f2(3026, gbefore, in_run_left as u64));
    o.push(f2(3027, gfirst & 7, glast & 7));
    if len == 1 {
        o.push(f2(3028, first.shape, first.flags & 0xef));
    }
    o.push(f2(3029, (a == 0) as u64, lenb.min(2)));
    o.push(f2(3030, before.shape, (a == 0) as u64));
    o.push(f2(3031, after.norm, lenb.min(2)));
    o.push(f2(3032, (run.1 + 1 - run.0).min(6) as u64, lenb));
    o.push(f2(3033, first.norm, after.norm));
    o.push(f1(3034, s.tags.get(b).copied().unwrap_or(0)));
    o.push(f2(3035, before.norm, last.norm));
    o.push(f2(3036, last.norm, after.norm));
    o.push(f3(
        3037,
        gbefore & gaz::TITLE as u64,
        glast & 3,
        lenb.min(3),
    ));
    context_features(s, a, b, o);
    let common = (gaz::COMMON_NOUN | gaz::COMMON_WORD) as u64;
    o.push(f3(3044, gfirst & common, glast & common, lenb.min(3)));
    let ctx = (gaz::CTX_PERSON | gaz::CTX_PLACE | gaz::CTX_ORG) as u64;
    o.push(f2(3052, gfirst & ctx, glast & ctx));
    o.push(f2(3053, gall & ctx, lenb.min(3)));
    o.push(f3(3045, gbefore & common, in_run_left as u64, lenb.min(2)));
    if len > 2 {
        let gsecond = gz.get(word_key(at(ai + 1).norm)) as u64;
        o.push(f2(3046, gsecond & (common | 3), gfirst & (common | 3)));
    }
    if b + 1 < n && s.upos.get(b + 1) == Some(&Upos::Punct) {
        o.push(f2(3038, after.norm, at(bi + 2).shape));
    }
}

/// Scratch space of [`decode`].
#[derive(Debug, Default)]
pub struct Scratch {
    runs: Vec<(usize, usize)>,
    feats: Vec<u64>,
    scores: Vec<f32>,
    cands: Vec<(usize, usize, usize, f32)>,
    best: Vec<(f32, usize, usize)>,
    spans: Vec<(usize, usize)>,
    segs: Vec<(usize, usize, usize)>,
    cand_scores: Vec<[f32; 5]>,
    /// The class scores of each entity of the last [`decode`] (minus the score of "no
    /// entity").
    pub entity_scores: Vec<[f32; 5]>,
}

/// The candidate spans of a run: `(a, b)` with `a..=b` inside it, starting and ending on a
/// name word, at most [`MAX_SPAN`] words.
pub fn candidates(atoms: &[Atoms], run: (usize, usize), mut f: impl FnMut(usize, usize)) {
    for a in run.0..=run.1 {
        if atoms.get(a).is_none_or(|x| is_bridge(x.norm)) {
            continue;
        }
        for b in a..=run.1.min(a + MAX_SPAN - 1) {
            if atoms.get(b).is_none_or(|x| is_bridge(x.norm)) {
                continue;
            }
            f(a, b);
        }
    }
}

/// The best segmentation of a run given candidates `(a, b, class, margin)`: the entities
/// `(a, b + 1, class)` whose margins sum highest (only positive margins).
pub fn segment(
    run: (usize, usize),
    cands: &[(usize, usize, usize, f32)],
    best: &mut Vec<(f32, usize, usize)>,
    out: &mut Vec<(usize, usize, usize)>,
) {
    // best[j]: the best score of run.0..run.0 + j; (score, candidate + 1 or 0, previous j)
    let len = run.1 + 1 - run.0;
    best.clear();
    best.resize(len + 1, (0.0, 0, 0));
    for j in 1..=len {
        best[j] = (best[j - 1].0, 0, j - 1);
        for (ci, c) in cands.iter().enumerate() {
            if c.1 + 1 - run.0 == j && c.3 > 0.0 {
                let from = c.0 - run.0;
                let v = best[from].0 + c.3;
                if v > best[j].0 {
                    best[j] = (v, ci + 1, from);
                }
            }
        }
    }
    let start = out.len();
    let mut j = len;
    while j > 0 {
        let (_, ci, from) = best[j];
        if ci > 0 {
            if let Some(c) = cands.get(ci - 1) {
                out.push((c.0, c.1 + 1, c.2));
            }
        }
        j = from;
    }
    out[start..].reverse();
}

/// Entities of a sentence: `(first word, end word, kind)`, in order, not overlapping.
#[allow(clippy::too_many_arguments)]
pub fn decode<S: Scorer>(
    w: &S,
    gz: &Gazetteer,
    s: &Sentence<'_>,
    sc: &mut Scratch,
    out: &mut Vec<(usize, usize, EntityKind)>,
) {
    out.clear();
    runs(s.atoms, s.upos, &mut sc.runs);
    let runs = std::mem::take(&mut sc.runs);
    let mut spans = std::mem::take(&mut sc.spans);
    sc.entity_scores.clear();
    for &run in &runs {
        sc.cands.clear();
        sc.cand_scores.clear();
        spans.clear();
        candidates(s.atoms, run, |a, b| spans.push((a, b)));
        for &(a, b) in &spans {
            span_features(s, gz, run, a, b, &mut sc.feats);
            sc.scores.clear();
            sc.scores.resize(CLASSES.len(), 0.0);
            w.score(&sc.feats, &mut sc.scores);
            let (mut bc, mut bv) = (1, f32::NEG_INFINITY);
            for (c, &v) in sc.scores.iter().enumerate().skip(1) {
                if v > bv {
                    bc = c;
                    bv = v;
                }
            }
            sc.cands.push((a, b, bc, bv - sc.scores[0]));
            let mut v = [0f32; 5];
            for (x, &y) in v.iter_mut().zip(&sc.scores) {
                *x = y - sc.scores[0];
            }
            sc.cand_scores.push(v);
        }
        sc.segs.clear();
        segment(run, &sc.cands, &mut sc.best, &mut sc.segs);
        for &(a, b, c) in &sc.segs {
            if let Some(k) = class_kind(c) {
                out.push((a, b, k));
                let v = sc
                    .cands
                    .iter()
                    .position(|x| x.0 == a && x.1 + 1 == b)
                    .and_then(|i| sc.cand_scores.get(i).copied())
                    .unwrap_or_default();
                sc.entity_scores.push(v);
            }
        }
    }
    sc.runs = runs;
    sc.spans = spans;
}

/// An entity found in a document, for [`vote`].
#[derive(Clone, Debug)]
pub struct Found {
    /// Span key of its words.
    pub key: u32,
    /// Key of its first word, and of its last word.
    pub first: u32,
    /// Key of its last word.
    pub last: u32,
    /// Number of words.
    pub len: usize,
    /// Class scores minus the score of "no entity".
    pub scores: [f32; 5],
}

impl Found {
    /// From the words of an entity and its scores.
    pub fn new(words: &[Atoms], scores: [f32; 5]) -> Found {
        Found {
            key: span_key(words.iter().map(|x| x.norm)),
            first: words.first().map(|x| word_key(x.norm)).unwrap_or(0),
            last: words.last().map(|x| word_key(x.norm)).unwrap_or(0),
            len: words.len(),
            scores,
        }
    }
}

/// Weight of the other mentions of the same name in [`vote`].
pub const VOTE_SAME: f32 = 1.0;
/// Weight of the longer names a one-word name ends or starts (`Costa` and `Ana Costa`).
pub const VOTE_PART: f32 = 1.0;

/// The kind of each entity of a document from `from` on, by its own scores and those of
/// the other mentions of the name: the same words, or for a name of one word, the longer
/// names it ends or starts. `context(i, j)` tells whether entity `i` may read entity `j`
/// (all of the document, or those before it). The cost is `(found.len() - from) *
/// found.len()`.
pub fn vote(
    found: &[Found],
    from: usize,
    same: f32,
    part: f32,
    context: impl Fn(usize, usize) -> bool,
) -> Vec<EntityKind> {
    (from.min(found.len())..found.len())
        .map(|i| {
            let m = &found[i];
            let mut v = m.scores;
            for (j, o) in found.iter().enumerate() {
                if j == i || !context(i, j) {
                    continue;
                }
                let w = if o.key == m.key {
                    same
                } else if m.len == 1 && o.len > 1 && (o.last == m.first || o.first == m.first) {
                    part
                } else {
                    continue;
                };
                for (x, &y) in v.iter_mut().zip(&o.scores).skip(1) {
                    *x += w * y;
                }
            }
            let mut best = 1;
            for c in 2..5 {
                if v[c] > v[best] {
                    best = c;
                }
            }
            class_kind(best).unwrap_or(EntityKind::Other)
        })
        .collect()
}
