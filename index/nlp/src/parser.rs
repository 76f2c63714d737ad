//! Greedy arc-hybrid dependency parser (Kuhlmann et al. 2011) with Zhang & Nivre (2011)
//! style features, trained with a dynamic oracle (Goldberg & Nivre 2013).
//!
//! Transitions: 0 = SHIFT, `1 + 2l` = LEFT-l (b0 becomes the head of s0), `2 + 2l` = RIGHT-l
//! (s1 becomes the head of s0). The root is a virtual node `n` at the bottom of the stack; it
//! takes exactly one dependent (RIGHT with s1 = root only once the buffer is empty).

use crate::features::Atoms;
use crate::hash::{f1, f2, f3, mix};
use crate::model::{kind, read_container, read_strings, FormatError, Scorer, Weights};
use crate::tags::DepRel;

/// No node.
pub const NONE: u32 = u32::MAX;

/// A parser configuration.
#[derive(Clone, Debug, Default)]
pub struct State {
    /// Number of words.
    pub n: usize,
    /// Stack (word indices; `n` is the root).
    pub stack: Vec<u32>,
    /// Front of the buffer.
    pub b: usize,
    /// Head of each word (`NONE` until attached; `n` for the root).
    pub heads: Vec<u32>,
    /// Label id of each word's arc.
    pub labels: Vec<u8>,
    l1: Vec<u32>,
    l2: Vec<u32>,
    r1: Vec<u32>,
    r2: Vec<u32>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl State {
    /// Resets for a sentence of `n` words.
    pub fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.stack.push(n as u32);
        self.b = 0;
        for v in [
            &mut self.heads,
            &mut self.l1,
            &mut self.l2,
            &mut self.r1,
            &mut self.r2,
        ] {
            v.clear();
            v.resize(n + 1, NONE);
        }
        self.labels.clear();
        self.labels.resize(n + 1, 0);
        for v in [&mut self.nl, &mut self.nr] {
            v.clear();
            v.resize(n + 1, 0);
        }
        for v in [&mut self.lset, &mut self.rset] {
            v.clear();
            v.resize(n + 1, 0);
        }
    }

    /// True when parsing is over.
    pub fn is_terminal(&self) -> bool {
        self.b >= self.n && self.stack.len() <= 1
    }

    fn s(&self, k: usize) -> u32 {
        if self.stack.len() > k {
            self.stack[self.stack.len() - 1 - k]
        } else {
            NONE
        }
    }

    /// Whether a transition is allowed. `root_label` is the id of `root`.
    pub fn valid(&self, t: usize, root_label: u8) -> bool {
        let has_buf = self.b < self.n;
        if t == 0 {
            return has_buf;
        }
        let label = ((t - 1) / 2) as u8;
        if t % 2 == 1 {
            // LEFT: b0 -> s0
            has_buf && self.stack.len() >= 2 && label != root_label
        } else {
            // RIGHT: s1 -> s0
            if self.stack.len() < 2 {
                return false;
            }
            let s1_root = self.s(1) as usize == self.n;
            if s1_root {
                !has_buf && label == root_label
            } else {
                label != root_label
            }
        }
    }

    fn arc(&mut self, h: u32, d: u32, label: u8) {
        let (hu, du) = (h as usize, d as usize);
        self.heads[du] = h;
        self.labels[du] = label;
        if d < h {
            if self.l1[hu] == NONE || d < self.l1[hu] {
                self.l2[hu] = self.l1[hu];
                self.l1[hu] = d;
            } else if self.l2[hu] == NONE || d < self.l2[hu] {
                self.l2[hu] = d;
            }
            self.nl[hu] = self.nl[hu].saturating_add(1);
            self.lset[hu] |= 1u64 << (label & 63);
        } else {
            if self.r1[hu] == NONE || d > self.r1[hu] {
                self.r2[hu] = self.r1[hu];
                self.r1[hu] = d;
            } else if self.r2[hu] == NONE || d > self.r2[hu] {
                self.r2[hu] = d;
            }
            self.nr[hu] = self.nr[hu].saturating_add(1);
            self.rset[hu] |= 1u64 << (label & 63);
        }
    }

    /// Applies a transition (which must be valid).
    pub fn apply(&mut self, t: usize) {
        let label = ((t.max(1) - 1) / 2) as u8;
        if t == 0 {
            self.stack.push(self.b as u32);
            self.b += 1;
        } else if t % 2 == 1 {
            if let Some(s0) = self.stack.pop() {
                self.arc(self.b as u32, s0, label);
            }
        } else if self.stack.len() >= 2 {
            if let Some(s0) = self.stack.pop() {
                let s1 = self.s(0);
                self.arc(s1, s0, label);
            }
        }
    }

    /// Dynamic-oracle costs of every transition (`i32::MAX` where invalid) for a projective
    /// gold tree (`gold_heads[i]` = head or `n` for the root).
    pub fn costs(&self, gold_heads: &[u32], gold_labels: &[u8], root_label: u8, out: &mut [i32]) {
        let n = self.n;
        let s0 = self.s(0);
        let s1 = self.s(1);
        let b0 = self.b;
        let g = |x: u32| -> u32 { gold_heads.get(x as usize).copied().unwrap_or(NONE) };
        let buf_deps = |x: u32| -> i32 { (b0..n).filter(|&d| gold_heads[d] == x).count() as i32 };
        let (mut left, mut right, mut shift) = (i32::MAX, i32::MAX, i32::MAX);
        if s0 != NONE && (s0 as usize) < n {
            let deps = buf_deps(s0);
            let h = g(s0);
            if b0 < n {
                let lost = h != b0 as u32 && (h == s1 || ((h as usize) > b0 && (h as usize) < n));
                left = deps + lost as i32;
            }
            if s1 != NONE {
                let lost = (h as usize) >= b0 && (h as usize) < n;
                right = deps + lost as i32;
            }
        }
        if b0 < n {
            let hb = g(b0 as u32);
            let mut c = 0;
            let top = self.stack.len().saturating_sub(1);
            for (k, &x) in self.stack.iter().enumerate() {
                if k != top && hb == x {
                    c += 1;
                }
                if (x as usize) < n && g(x) == b0 as u32 {
                    c += 1;
                }
            }
            shift = c;
        }
        for (t, o) in out.iter_mut().enumerate() {
            *o = if !self.valid(t, root_label) {
                i32::MAX
            } else if t == 0 {
                shift
            } else {
                let label = ((t - 1) / 2) as u8;
                let gl = |x: u32| gold_labels.get(x as usize).copied().unwrap_or(0);
                if t % 2 == 1 {
                    left.saturating_add((g(s0) == b0 as u32 && gl(s0) != label) as i32)
                } else {
                    right.saturating_add((g(s0) == s1 && gl(s0) != label) as i32)
                }
            };
        }
    }

    /// The features of the configuration. `tags[i]` is the tag hash of word `i`.
    pub fn features(&self, a: &[Atoms], tags: &[u64], utags: &[u64], out: &mut Vec<u64>) {
        out.clear();
        let n = self.n as u32;
        let u = |x: u32| -> u64 {
            if x == NONE {
                0x45
            } else if x == n {
                0x56
            } else {
                utags.get(x as usize).copied().unwrap_or(0x67)
            }
        };
        let w = |x: u32| -> u64 {
            if x == NONE {
                0x11
            } else if x == n {
                0x22
            } else {
                a.get(x as usize).map(|t| t.norm).unwrap_or(0x33)
            }
        };
        let p = |x: u32| -> u64 {
            if x == NONE {
                0x44
            } else if x == n {
                0x55
            } else {
                tags.get(x as usize).copied().unwrap_or(0x66)
            }
        };
        let suf = |x: u32| -> u64 {
            if x == NONE || x >= n {
                0x77
            } else {
                a.get(x as usize).map(|t| t.suf[2]).unwrap_or(0x77)
            }
        };
        let get = |v: &Vec<u32>, x: u32| -> u32 {
            if x == NONE {
                NONE
            } else {
                v.get(x as usize).copied().unwrap_or(NONE)
            }
        };
        let lab = |x: u32| -> u64 {
            if x == NONE {
                0
            } else {
                self.labels
                    .get(x as usize)
                    .map(|&l| l as u64 + 1)
                    .unwrap_or(0)
            }
        };
        let val = |v: &Vec<u8>, x: u32| -> u64 {
            if x == NONE {
                99
            } else {
                v.get(x as usize).map(|&c| c as u64).unwrap_or(99)
            }
        };
        let set = |v: &Vec<u64>, x: u32| -> u64 {
            if x == NONE {
                7
            } else {
                v.get(x as usize).copied().unwrap_or(7)
            }
        };
        let s0 = self.s(0);
        let s1 = self.s(1);
        let s2 = self.s(2);
        let bn = |k: usize| -> u32 {
            if self.b + k < self.n {
                (self.b + k) as u32
            } else {
                NONE
            }
        };
        let b0 = bn(0);
        let b1 = bn(1);
        let b2 = bn(2);
        let s0l1 = get(&self.l1, s0);
        let s0l2 = get(&self.l2, s0);
        let s0r1 = get(&self.r1, s0);
        let s0r2 = get(&self.r2, s0);
        let s1l1 = get(&self.l1, s1);
        let s1r1 = get(&self.r1, s1);
        let b0l1 = get(&self.l1, b0);
        let b0l2 = get(&self.l2, b0);
        let dist = |a: u32, b: u32| -> u64 {
            if a == NONE || b == NONE || a >= n || b >= n {
                0
            } else {
                let d = (b as i64 - a as i64).unsigned_abs();
                match d {
                    0..=4 => d,
                    5..=7 => 5,
                    8..=12 => 6,
                    _ => 7,
                }
            }
        };
        let (s0w, s0p, s1w, s1p, b0w, b0p) = (w(s0), p(s0), w(s1), p(s1), w(b0), p(b0));
        let s0wp = mix(s0w, s0p);
        let s1wp = mix(s1w, s1p);
        let b0wp = mix(b0w, b0p);
        let (b1w, b1p, b2w, b2p) = (w(b1), p(b1), w(b2), p(b2));
        let d = dist(s0, b0);
        let d10 = dist(s1, s0);
        let o = out;
        o.push(f1(1000, 0));
        o.push(f1(1001, s0wp));
        o.push(f1(1002, s0w));
        o.push(f1(1003, s0p));
        o.push(f1(1004, b0wp));
        o.push(f1(1005, b0w));
        o.push(f1(1006, b0p));
        o.push(f1(1007, mix(b1w, b1p)));
        o.push(f1(1008, b1w));
        o.push(f1(1009, b1p));
        o.push(f1(1010, mix(b2w, b2p)));
        o.push(f1(1011, b2w));
        o.push(f1(1012, b2p));
        o.push(f1(1013, s1wp));
        o.push(f1(1014, s1w));
        o.push(f1(1015, s1p));
        o.push(f1(1016, p(s2)));
        o.push(f1(1017, w(s2)));
        o.push(f2(1020, s0wp, b0wp));
        o.push(f2(1021, s0wp, b0w));
        o.push(f2(1022, s0w, b0wp));
        o.push(f2(1023, s0wp, b0p));
        o.push(f2(1024, s0p, b0wp));
        o.push(f2(1025, s0w, b0w));
        o.push(f2(1026, s0p, b0p));
        o.push(f2(1027, b0p, b1p));
        o.push(f2(1028, s1wp, s0wp));
        o.push(f2(1029, s1w, s0w));
        o.push(f2(1030, s1p, s0p));
        o.push(f2(1031, s1wp, s0p));
        o.push(f2(1032, s1p, s0wp));
        o.push(f3(1033, b0p, b1p, b2p));
        o.push(f3(1034, s0p, b0p, b1p));
        o.push(f3(1035, s1p, s0p, b0p));
        o.push(f3(1036, s0p, p(s0l1), b0p));
        o.push(f3(1037, s0p, p(s0r1), b0p));
        o.push(f3(1038, s0p, b0p, p(b0l1)));
        o.push(f3(1039, s1p, s0p, p(s0l1)));
        o.push(f3(1040, s1p, s0p, p(s0r1)));
        o.push(f3(1041, p(s2), s1p, s0p));
        o.push(f3(1042, s1p, p(s1r1), s0p));
        o.push(f2(1043, s0w, d));
        o.push(f2(1044, s0p, d));
        o.push(f2(1045, b0w, d));
        o.push(f2(1046, b0p, d));
        o.push(f3(1047, s0w, b0w, d));
        o.push(f3(1048, s0p, b0p, d));
        o.push(f3(1049, s1p, s0p, d10));
        o.push(f3(1050, s1w, s0w, d10));
        o.push(f2(1051, s0w, val(&self.nr, s0)));
        o.push(f2(1052, s0p, val(&self.nr, s0)));
        o.push(f2(1053, s0w, val(&self.nl, s0)));
        o.push(f2(1054, s0p, val(&self.nl, s0)));
        o.push(f2(1055, b0w, val(&self.nl, b0)));
        o.push(f2(1056, b0p, val(&self.nl, b0)));
        o.push(f2(1057, s1p, val(&self.nr, s1)));
        o.push(f2(1058, s1p, val(&self.nl, s1)));
        o.push(f1(1059, w(s0l1)));
        o.push(f1(1060, p(s0l1)));
        o.push(f1(1061, lab(s0l1)));
        o.push(f1(1062, w(s0r1)));
        o.push(f1(1063, p(s0r1)));
        o.push(f1(1064, lab(s0r1)));
        o.push(f1(1065, w(b0l1)));
        o.push(f1(1066, p(b0l1)));
        o.push(f1(1067, lab(b0l1)));
        o.push(f2(1068, p(s1r1), lab(s1r1)));
        o.push(f2(1069, p(s1l1), lab(s1l1)));
        o.push(f1(1070, w(s0l2)));
        o.push(f1(1071, p(s0l2)));
        o.push(f1(1072, lab(s0l2)));
        o.push(f1(1073, w(s0r2)));
        o.push(f1(1074, p(s0r2)));
        o.push(f1(1075, lab(s0r2)));
        o.push(f1(1076, w(b0l2)));
        o.push(f1(1077, p(b0l2)));
        o.push(f1(1078, lab(b0l2)));
        o.push(f3(1079, s0p, p(s0l1), p(s0l2)));
        o.push(f3(1080, s0p, p(s0r1), p(s0r2)));
        o.push(f3(1081, b0p, p(b0l1), p(b0l2)));
        o.push(f2(1082, s0w, set(&self.rset, s0)));
        o.push(f2(1083, s0p, set(&self.rset, s0)));
        o.push(f2(1084, s0w, set(&self.lset, s0)));
        o.push(f2(1085, s0p, set(&self.lset, s0)));
        o.push(f2(1086, b0w, set(&self.lset, b0)));
        o.push(f2(1087, b0p, set(&self.lset, b0)));
        o.push(f2(1088, s1p, set(&self.rset, s1)));
        o.push(f2(1089, s1p, b0p));
        o.push(f2(1090, s1wp, b0p));
        o.push(f2(1091, suf(s0), b0p));
        o.push(f2(1092, s0p, suf(b0)));
        o.push(f3(1093, s0p, lab(s0l1), lab(s0r1)));
        o.push(f3(1094, s1p, s0p, lab(s0l1)));
        o.push(f2(1095, s1p, lab(s1l1)));
        // coarse (UPOS) versions of the sparser combinations
        let (us0, us1, ub0) = (u(s0), u(s1), u(b0));
        o.push(f3(1100, us1, us0, ub0));
        o.push(f3(1101, us0, ub0, u(b1)));
        o.push(f3(1102, u(s2), us1, us0));
        o.push(f3(1103, us0, ub0, d));
        o.push(f3(1104, us0, u(s0l1), u(s0r1)));
        o.push(f2(1105, s0w, ub0));
        o.push(f2(1106, us0, b0w));
        o.push(f1(1107, p(bn(3))));
        o.push(f3(1108, us1, us0, lab(s0r1)));
        o.push(f3(1109, ub0, lab(b0l1), lab(b0l2)));
        o.push(f3(1110, us1, us0, d10));
        o.push(f2(1111, s1w, us0));
        o.push(f2(1112, us1, s0w));
    }
}

/// The loaded parser.
#[derive(Debug)]
pub struct Parser {
    /// Label names.
    pub labels: Vec<String>,
    /// Labels as relations.
    pub rels: Vec<DepRel>,
    /// Id of `root`.
    pub root_label: u8,
    /// Weights (classes = 1 + 2 * labels).
    pub weights: Weights,
}

impl Parser {
    /// Reads a parser model file.
    pub fn from_bytes(b: &[u8]) -> Result<Parser, FormatError> {
        let s = read_container(b, kind::PARSER)?;
        let labels = read_strings(s.get(b"LABL").ok_or(FormatError("no labels"))?)?;
        let weights = Weights::decode(s.get(b"WGHT").ok_or(FormatError("no weights"))?)?;
        if weights.n_classes() != 1 + 2 * labels.len() || labels.len() > 64 {
            return Err(FormatError("class count"));
        }
        let root_label = labels
            .iter()
            .position(|l| l == "root")
            .ok_or(FormatError("no root label"))? as u8;
        let rels = labels
            .iter()
            .map(|l| DepRel::from_str(l).unwrap_or(DepRel::Dep))
            .collect();
        Ok(Parser {
            labels,
            rels,
            root_label,
            weights,
        })
    }
}

/// Greedy parse with any scorer: fills `state.heads` / `state.labels`.
#[allow(clippy::too_many_arguments)]
pub fn decode<S: Scorer>(
    s: &S,
    root_label: u8,
    atoms: &[Atoms],
    tags: &[u64],
    utags: &[u64],
    state: &mut State,
    feats: &mut Vec<u64>,
    scores: &mut Vec<f32>,
) {
    state.reset(atoms.len());
    let nc = s.n_classes();
    while !state.is_terminal() {
        state.features(atoms, tags, utags, feats);
        scores.clear();
        scores.resize(nc, 0.0);
        s.score(feats, scores);
        let mut best = usize::MAX;
        let mut bv = f32::NEG_INFINITY;
        for (t, &v) in scores.iter().enumerate() {
            if (best == usize::MAX || v > bv) && state.valid(t, root_label) {
                best = t;
                bv = v;
            }
        }
        if best == usize::MAX {
            break; // cannot happen: some transition is always valid before the end
        }
        state.apply(best);
    }
}
