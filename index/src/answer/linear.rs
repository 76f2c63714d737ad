//! A sparse linear scorer over hashed features, the learned part of answering: each
//! candidate (a phrase of a sentence, a passage) is a list of feature keys, its score the sum
//! of their weights, and the best-scoring candidate of a list wins.
//!
//! The weights are learned by [`train`], an averaged perceptron over lists of candidates
//! (Collins 2002, in its ranking form): for each list, when the candidate scored best is
//! worth less than the best candidate there is, the features of the best candidate go up
//! and those of the chosen one down; the weights kept are the average over all steps. It
//! needs no tuning beyond the number of passes, is deterministic for a seed, and trains on
//! the few thousand questions at hand in seconds. (A boosted-tree or logistic model from a
//! crate would need dense feature vectors; these features are conjunctions of words and
//! tags, millions of possible keys of which a few thousand occur.)
//!
//! The same weights serve a logistic model ([`train_logistic`], batch gradient descent with
//! an L2 penalty over a handful of dense values): the abstention probability.
//!
//! File format, little-endian:
//! `"VLIN" | version u8 (=1) | scale f32 | count u32 | count × (key u32, weight i16)`,
//! keys ascending; a weight is `value × scale`.

use std::collections::HashMap;
use verbatim_nlp::hash::{hash_str, mix};

const MAGIC: &[u8; 4] = b"VLIN";
const VERSION: u8 = 1;

/// A feature key: a template number and its values, hashed stably (the model files depend
/// on it never changing).
pub fn key(template: u64, values: &[&str]) -> u32 {
    let mut h = mix(template, values.len() as u64);
    for v in values {
        h = mix(h, hash_str(v));
    }
    (h >> 32) as u32
}

/// Learned weights.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Linear {
    /// Keys ascending.
    keys: Vec<u32>,
    weights: Vec<f32>,
}

impl Linear {
    /// The weight of one feature.
    pub fn weight(&self, key: u32) -> f32 {
        self.keys
            .binary_search(&key)
            .map_or(0.0, |i| self.weights[i])
    }

    /// The score of a candidate.
    pub fn score(&self, features: &[u32]) -> f32 {
        features.iter().map(|&k| self.weight(k)).sum()
    }

    /// The score of real-valued features: the sum of each weight times its value.
    pub fn score_values(&self, features: &[(u32, f32)]) -> f32 {
        features.iter().map(|&(k, v)| self.weight(k) * v).sum()
    }

    /// The index of the best candidate (the first on a tie), `None` for an empty list.
    pub fn best(&self, candidates: &[Vec<u32>]) -> Option<usize> {
        let mut best: Option<(usize, f32)> = None;
        for (i, c) in candidates.iter().enumerate() {
            let s = self.score(c);
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((i, s));
            }
        }
        best.map(|(i, _)| i)
    }

    /// How many features have a weight.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when no feature has a weight.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    fn from_map(map: HashMap<u32, f32>) -> Linear {
        let mut pairs: Vec<(u32, f32)> = map.into_iter().filter(|(_, w)| *w != 0.0).collect();
        pairs.sort_by_key(|p| p.0);
        Linear {
            keys: pairs.iter().map(|p| p.0).collect(),
            weights: pairs.iter().map(|p| p.1).collect(),
        }
    }

    /// The model file (weights quantised to 16 bits; weights that round to zero dropped).
    pub fn to_bytes(&self) -> Vec<u8> {
        let max = self.weights.iter().fold(0.0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32_000.0 } else { 1.0 };
        let kept: Vec<(u32, i16)> = self
            .keys
            .iter()
            .zip(&self.weights)
            .map(|(&k, &w)| (k, (w / scale).round() as i16))
            .filter(|(_, q)| *q != 0)
            .collect();
        let mut out = Vec::with_capacity(13 + kept.len() * 6);
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&(kept.len() as u32).to_le_bytes());
        for (k, q) in kept {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&q.to_le_bytes());
        }
        out
    }

    /// Reads a model file.
    pub fn from_bytes(b: &[u8]) -> Result<Linear, &'static str> {
        if b.len() < 13 || &b[..4] != MAGIC {
            return Err("not a linear model");
        }
        if b[4] != VERSION {
            return Err("unknown linear model version");
        }
        let scale = f32::from_le_bytes([b[5], b[6], b[7], b[8]]);
        let n = u32::from_le_bytes([b[9], b[10], b[11], b[12]]) as usize;
        let body = &b[13..];
        if body.len() != n * 6 || !scale.is_finite() {
            return Err("truncated linear model");
        }
        let mut keys = Vec::with_capacity(n);
        let mut weights = Vec::with_capacity(n);
        for rec in body.chunks_exact(6) {
            let k = u32::from_le_bytes([rec[0], rec[1], rec[2], rec[3]]);
            if keys.last().is_some_and(|&last| last >= k) {
                return Err("linear model keys out of order");
            }
            keys.push(k);
            weights.push(f32::from(i16::from_le_bytes([rec[4], rec[5]])) * scale);
        }
        Ok(Linear { keys, weights })
    }
}

/// One list to learn from: each candidate's features and what choosing it is worth (for
/// an answer phrase, its token F1 against the gold answer).
#[derive(Debug, Clone, Default)]
pub struct Example {
    pub candidates: Vec<Vec<u32>>,
    pub gains: Vec<f32>,
}

/// Trains an averaged perceptron ranker: `passes` passes over `examples` in an order
/// shuffled by `seed`. Lists whose best gain is zero teach nothing and are skipped.
pub fn train(examples: &[Example], passes: usize, seed: u64) -> Linear {
    let valued: Vec<ValuedExample> = examples
        .iter()
        .map(|e| ValuedExample {
            candidates: e
                .candidates
                .iter()
                .map(|c| c.iter().map(|&k| (k, 1.0)).collect())
                .collect(),
            gains: e.gains.clone(),
        })
        .collect();
    train_valued(&valued, passes, seed)
}

/// One list to learn from, with real-valued features (key, value).
#[derive(Debug, Clone, Default)]
pub struct ValuedExample {
    pub candidates: Vec<Vec<(u32, f32)>>,
    pub gains: Vec<f32>,
}

/// [`train`] over real-valued features: an update moves each weight by the feature's value.
pub fn train_valued(examples: &[ValuedExample], passes: usize, seed: u64) -> Linear {
    let mut w: HashMap<u32, f32> = HashMap::new();
    // Averaging by the lazy trick: the sum of updates times the step they happened at.
    let mut stamped: HashMap<u32, f32> = HashMap::new();
    let mut step = 1.0f32;
    let mut order: Vec<usize> = (0..examples.len())
        .filter(|&i| examples[i].gains.iter().any(|g| *g > 0.0))
        .collect();
    let mut rng = verbatim_nlp::hash::SplitMix64(seed);
    let score = |w: &HashMap<u32, f32>, f: &[(u32, f32)]| -> f32 {
        f.iter()
            .map(|(k, v)| w.get(k).copied().unwrap_or(0.0) * v)
            .sum()
    };
    for _ in 0..passes {
        rng.shuffle(&mut order);
        for &i in &order {
            let ex = &examples[i];
            let gold = argmax(ex.gains.iter().copied()).unwrap_or(0);
            let chosen = argmax(ex.candidates.iter().map(|c| score(&w, c))).unwrap_or(gold);
            if ex.gains[chosen] + 1e-6 < ex.gains[gold] {
                // Cost-sensitive: the worse the choice, the larger the step.
                let rate = ex.gains[gold] - ex.gains[chosen];
                for (sign, c) in [(1.0, gold), (-1.0, chosen)] {
                    for &(k, v) in &ex.candidates[c] {
                        let d = sign * rate * v;
                        *w.entry(k).or_default() += d;
                        *stamped.entry(k).or_default() += d * step;
                    }
                }
            }
            step += 1.0;
        }
    }
    let averaged = w
        .iter()
        .map(|(k, v)| (*k, v - stamped.get(k).copied().unwrap_or(0.0) / step))
        .collect();
    Linear::from_map(averaged)
}

/// Trains a logistic regression on real-valued features (`rows`: features and whether the
/// row is positive) by batch gradient descent with L2 regularisation: a probability model
/// for calibrating a decision, where the perceptron above only ranks.
pub fn train_logistic(
    rows: &[(Vec<(u32, f32)>, bool)],
    epochs: usize,
    rate: f32,
    l2: f32,
) -> Linear {
    let mut keys: Vec<u32> = rows
        .iter()
        .flat_map(|(f, _)| f.iter().map(|p| p.0))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let mut w = vec![0.0f32; keys.len()];
    let at = |k: u32| keys.binary_search(&k).unwrap_or(0);
    let n = rows.len().max(1) as f32;
    for _ in 0..epochs {
        let mut grad = vec![0.0f32; keys.len()];
        for (f, y) in rows {
            let z: f32 = f.iter().map(|&(k, v)| w[at(k)] * v).sum();
            let err = sigmoid(z) - f32::from(u8::from(*y));
            for &(k, v) in f {
                grad[at(k)] += err * v;
            }
        }
        for (wi, g) in w.iter_mut().zip(&grad) {
            *wi -= rate * (g / n + l2 * *wi);
        }
    }
    Linear::from_map(keys.into_iter().zip(w).collect())
}

/// The logistic function.
pub fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

fn argmax(values: impl Iterator<Item = f32>) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, v) in values.enumerate() {
        if best.is_none_or(|(_, b)| v > b) {
            best = Some((i, v));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two features, "good" and "bad": the learned model must prefer candidates with the
    /// first, whatever their position.
    #[test]
    fn learns_a_separable_preference_and_round_trips() {
        let good = key(1, &["good"]);
        let bad = key(1, &["bad"]);
        let noise = key(2, &["noise"]);
        let examples: Vec<Example> = (0..40)
            .map(|i| {
                let mut candidates = vec![vec![bad, noise], vec![good]];
                let mut gains = vec![0.0, 1.0];
                if i % 2 == 0 {
                    candidates.reverse();
                    gains.reverse();
                }
                Example { candidates, gains }
            })
            .collect();
        let m = train(&examples, 3, 7);
        assert!(m.weight(good) > m.weight(bad));
        assert_eq!(m.best(&[vec![bad], vec![good]]), Some(1));
        let back = Linear::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back.best(&[vec![good], vec![bad]]), Some(0));
        assert!((back.weight(good) - m.weight(good)).abs() < 1e-3 * m.weight(good).abs().max(1.0));
        assert!(Linear::from_bytes(b"VLIN").is_err());
        // A logistic model learns that a high value of feature 1 means positive.
        let rows: Vec<(Vec<(u32, f32)>, bool)> = (0..100)
            .map(|i| {
                let x = i as f32 / 100.0;
                (vec![(0, 1.0), (1, x)], x > 0.5)
            })
            .collect();
        let m = train_logistic(&rows, 2000, 2.0, 0.0);
        assert!(sigmoid(m.score_values(&[(0, 1.0), (1, 0.9)])) > 0.8);
        assert!(sigmoid(m.score_values(&[(0, 1.0), (1, 0.1)])) < 0.2);
        assert!(Linear::from_bytes(&m.to_bytes()[..20]).is_err());
    }
}
