//! Named-entity recogniser: greedy left-to-right BILOU tagging with an averaged perceptron;
//! the transitions are constrained to well-formed BILOU sequences.

use crate::features::{ner_features, tag_value, Atoms};
use crate::hash::hash_str;
use crate::model::{kind, read_container, read_strings, FormatError, Scorer, Weights};
use crate::tags::EntityKind;

/// The position part of a BILOU label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bilou {
    /// outside
    O,
    /// first word of several
    B,
    /// inside
    I,
    /// last word of several
    L,
    /// a one-word entity
    U,
}

/// A label: position and kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    /// Position.
    pub pos: Bilou,
    /// Kind (meaningless for `O`).
    pub kind: EntityKind,
}

impl Label {
    /// Parses `O`, `B-PERSON`, ...
    pub fn parse(s: &str) -> Label {
        let (p, k) = s.split_once('-').unwrap_or((s, "OTHER"));
        let pos = match p {
            "B" => Bilou::B,
            "I" => Bilou::I,
            "L" => Bilou::L,
            "U" => Bilou::U,
            _ => Bilou::O,
        };
        Label {
            pos,
            kind: EntityKind::from_str(k).unwrap_or(EntityKind::Other),
        }
    }
    /// Whether `next` may follow `self`.
    pub fn allows(self, next: Label) -> bool {
        let open = matches!(self.pos, Bilou::B | Bilou::I);
        let cont = matches!(next.pos, Bilou::I | Bilou::L);
        if open {
            cont && next.kind == self.kind
        } else {
            !cont
        }
    }
}

/// The loaded recogniser.
#[derive(Debug)]
pub struct Ner {
    /// Label names.
    pub names: Vec<String>,
    /// Labels.
    pub labels: Vec<Label>,
    /// Hashes of the names.
    pub hashes: Vec<u64>,
    /// Weights.
    pub weights: Weights,
}

impl Ner {
    /// Reads a model file.
    pub fn from_bytes(b: &[u8]) -> Result<Ner, FormatError> {
        let s = read_container(b, kind::NER)?;
        let names = read_strings(s.get(b"LABL").ok_or(FormatError("no labels"))?)?;
        let weights = Weights::decode(s.get(b"WGHT").ok_or(FormatError("no weights"))?)?;
        if weights.n_classes() != names.len() || !names.iter().any(|n| n == "O") {
            return Err(FormatError("labels"));
        }
        let labels = names.iter().map(|n| Label::parse(n)).collect();
        let hashes = names.iter().map(|n| hash_str(n)).collect();
        Ok(Ner {
            names,
            labels,
            hashes,
            weights,
        })
    }
}

/// Greedy constrained decoding with any scorer. `tags` are the tag hashes of the words.
#[allow(clippy::too_many_arguments)]
pub fn decode<S: Scorer>(
    s: &S,
    labels: &[Label],
    hashes: &[u64],
    atoms: &[Atoms],
    tags: &[u64],
    out: &mut Vec<u8>,
    feats: &mut Vec<u64>,
    scores: &mut Vec<f32>,
) {
    out.clear();
    let nc = s.n_classes().min(labels.len()).min(hashes.len());
    let o = labels.iter().position(|l| l.pos == Bilou::O).unwrap_or(0);
    let n = atoms.len();
    let mut runs = Vec::new();
    crate::features::name_runs(atoms, &mut runs);
    let runs = &runs[..];
    for i in 0..n {
        let prev = i
            .checked_sub(1)
            .and_then(|j| out.get(j))
            .map(|&c| c as usize);
        let p1 = tag_value(prev.map(|c| hashes[c]));
        let p2 = tag_value(
            i.checked_sub(2)
                .and_then(|j| out.get(j))
                .map(|&c| hashes[c as usize]),
        );
        ner_features(atoms, tags, runs, i, p1, p2, feats);
        scores.clear();
        scores.resize(nc, 0.0);
        s.score(feats, scores);
        let prev_label = prev.map(|c| labels[c]).unwrap_or(Label {
            pos: Bilou::O,
            kind: EntityKind::Other,
        });
        let mut best = o;
        let mut bv = f32::NEG_INFINITY;
        for (c, &v) in scores.iter().enumerate() {
            let l = labels[c];
            let last = i + 1 == n;
            if !prev_label.allows(l) || (last && matches!(l.pos, Bilou::B | Bilou::I)) {
                continue;
            }
            if v > bv {
                bv = v;
                best = c;
            }
        }
        out.push(best as u8);
    }
}

/// Entities from a BILOU label sequence: (first word, end word, kind).
pub fn spans(labels: &[Label], seq: &[u8]) -> Vec<(usize, usize, EntityKind)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    for (i, &c) in seq.iter().enumerate() {
        let Some(l) = labels.get(c as usize) else {
            continue;
        };
        match l.pos {
            Bilou::U => {
                out.push((i, i + 1, l.kind));
                open = None;
            }
            Bilou::B => open = Some((i, l.kind)),
            Bilou::I => {}
            Bilou::L => {
                if let Some((s, k)) = open.take() {
                    if k == l.kind {
                        out.push((s, i + 1, k));
                    }
                }
            }
            Bilou::O => open = None,
        }
    }
    out
}
