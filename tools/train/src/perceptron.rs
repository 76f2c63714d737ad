//! Averaged perceptron with lazy averaging, sparse per-feature class rows.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use verbatim_nlp::model::{key_of, Scorer, Weights};

/// Keys are already hashes: pass them through.
#[derive(Default)]
pub struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}
pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

#[derive(Clone, Copy, Debug)]
struct Cell {
    c: u16,
    w: f32,
    tot: f64,
    ts: u64,
}

/// A trainable model.
pub struct Perceptron {
    pub nc: usize,
    map: IdMap<u32>,
    rows: Vec<Vec<Cell>>,
    t: u64,
}

impl Perceptron {
    pub fn new(nc: usize) -> Self {
        Perceptron {
            nc,
            map: IdMap::default(),
            rows: Vec::new(),
            t: 1,
        }
    }
    /// One training instance seen.
    pub fn tick(&mut self) {
        self.t += 1;
    }
    fn bump(&mut self, f: u64, c: usize, d: f32) {
        let t = self.t;
        let r = match self.map.get(&f) {
            Some(&r) => r as usize,
            None => {
                self.rows.push(Vec::with_capacity(2));
                let r = self.rows.len() - 1;
                self.map.insert(f, r as u32);
                r
            }
        };
        let row = &mut self.rows[r];
        let c16 = c as u16;
        match row.iter_mut().find(|x| x.c == c16) {
            Some(x) => {
                x.tot += (t - x.ts) as f64 * x.w as f64;
                x.ts = t;
                x.w += d;
            }
            None => row.push(Cell {
                c: c16,
                w: d,
                tot: 0.0,
                ts: t,
            }),
        }
    }
    /// Moves weights towards `gold` and away from `pred`.
    pub fn update(&mut self, feats: &[u64], gold: usize, pred: usize) {
        if gold == pred {
            return;
        }
        for &f in feats {
            self.bump(f, gold, 1.0);
            self.bump(f, pred, -1.0);
        }
    }
    /// The averaged weights.
    pub fn averaged(&self) -> Averaged {
        let t = self.t as f64;
        let mut map = IdMap::default();
        map.reserve(self.map.len());
        for (&f, &r) in &self.map {
            let row: Vec<(u16, f32)> = self.rows[r as usize]
                .iter()
                .map(|x| {
                    (
                        x.c,
                        ((x.tot + (self.t - x.ts) as f64 * x.w as f64) / t) as f32,
                    )
                })
                .filter(|x| x.1 != 0.0)
                .collect();
            if !row.is_empty() {
                map.insert(f, row);
            }
        }
        Averaged { nc: self.nc, map }
    }
    pub fn n_features(&self) -> usize {
        self.map.len()
    }
}

impl Scorer for Perceptron {
    fn n_classes(&self) -> usize {
        self.nc
    }
    fn score(&self, feats: &[u64], scores: &mut [f32]) {
        for f in feats {
            if let Some(&r) = self.map.get(f) {
                for x in &self.rows[r as usize] {
                    scores[x.c as usize] += x.w;
                }
            }
        }
    }
}

/// Averaged (final) floating-point weights.
pub struct Averaged {
    pub nc: usize,
    pub map: IdMap<Vec<(u16, f32)>>,
}

impl Scorer for Averaged {
    fn n_classes(&self) -> usize {
        self.nc
    }
    fn score(&self, feats: &[u64], scores: &mut [f32]) {
        for f in feats {
            if let Some(row) = self.map.get(f) {
                for &(c, w) in row {
                    scores[c as usize] += w;
                }
            }
        }
    }
}

impl Averaged {
    /// The magnitude of the `k`-th largest weight (the pruning threshold keeping about `k`).
    pub fn threshold_for(&self, k: usize) -> f32 {
        let mut v: Vec<f32> = self
            .map
            .values()
            .flat_map(|r| r.iter().map(|x| x.1.abs()))
            .collect();
        if k >= v.len() {
            return 0.0;
        }
        let idx = v.len() - 1 - k;
        v.select_nth_unstable_by(idx, |a, b| a.total_cmp(b));
        v[idx]
    }

    /// Prunes weights below `min_abs`, keys them by 32 bits, quantises to `step`-sized
    /// integers (a larger step when the largest weight would not fit in i16), and encodes
    /// the weight section. Returns (bytes, features kept, weights kept).
    pub fn export(&self, min_abs: f32, step: f32) -> (Vec<u8>, usize, usize) {
        let mut by_key: std::collections::BTreeMap<u32, Vec<(u16, f32)>> =
            std::collections::BTreeMap::new();
        // deterministic order: sort features first
        let mut feats: Vec<(&u64, &Vec<(u16, f32)>)> = self.map.iter().collect();
        feats.sort_by_key(|e| *e.0);
        for (&f, row) in feats {
            let e = by_key.entry(key_of(f)).or_default();
            for &(c, w) in row {
                match e.iter_mut().find(|x| x.0 == c) {
                    Some(x) => x.1 += w,
                    None => e.push((c, w)),
                }
            }
        }
        let max = by_key
            .values()
            .flat_map(|r| r.iter().map(|x| x.1.abs()))
            .fold(0f32, f32::max);
        let step = step.max(max / 32000.0);
        let mut out: Vec<(u32, Vec<(u8, i16)>)> = Vec::with_capacity(by_key.len());
        let mut nw = 0;
        for (k, mut row) in by_key {
            row.sort_by_key(|x| x.0);
            let q: Vec<(u8, i16)> = row
                .iter()
                .filter(|x| x.1.abs() >= min_abs)
                .map(|&(c, w)| (c as u8, (w / step).round().clamp(-32767.0, 32767.0) as i16))
                .filter(|x| x.1 != 0)
                .take(255)
                .collect();
            if !q.is_empty() {
                nw += q.len();
                out.push((k, q));
            }
        }
        let nf = out.len();
        (Weights::encode(self.nc, step, &out), nf, nw)
    }
}
