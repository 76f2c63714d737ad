//! The model file format and the quantised sparse weight table.
//!
//! A model file is a container of named sections:
//!
//! ```text
//! "VNLP" | version u8 (=1) | kind u8 | section count u32 LE
//! per section: name [u8; 4] | length u32 LE | bytes
//! ```
//!
//! Weight section (`WGHT`), column by column so that xz finds the regularities:
//!
//! ```text
//! scale f32 LE | classes varint | features varint
//! keys:     one varint per feature, the difference to the previous key (keys sorted, u32)
//! counts:   one byte per feature, how many classes it has a weight for
//! classes:  one byte per weight: the class id minus the previous class id of the feature
//!           (ids ascending within a feature)
//! weights:  one zigzag varint per weight (i16 range; real weight = value * scale)
//! ```
//!
//! A key is the high 28 bits of a feature's 64-bit stable hash ([`crate::hash`]).

use std::collections::HashMap;

/// Why a model could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError(pub &'static str);

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad model file: {}", self.0)
    }
}
impl std::error::Error for FormatError {}

const MAGIC: &[u8; 4] = b"VNLP";
const VERSION: u8 = 1;

/// Model kinds stored in the header.
pub mod kind {
    /// Tagger.
    pub const TAGGER: u8 = 1;
    /// Lemmatiser.
    pub const LEMMA: u8 = 2;
    /// Parser.
    pub const PARSER: u8 = 3;
    /// Entity recogniser.
    pub const NER: u8 = 4;
}

/// Writes a container.
pub fn write_container(kind: u8, sections: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.push(VERSION);
    out.push(kind);
    out.extend_from_slice(&(sections.len() as u32).to_le_bytes());
    for (name, bytes) in sections {
        out.extend_from_slice(name);
        out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        out.extend_from_slice(bytes);
    }
    out
}

/// Reads a container: its sections by name.
pub fn read_container(bytes: &[u8], want_kind: u8) -> Result<HashMap<[u8; 4], &[u8]>, FormatError> {
    let mut r = Reader::new(bytes);
    if r.take(4)? != MAGIC {
        return Err(FormatError("magic"));
    }
    if r.u8()? != VERSION {
        return Err(FormatError("version"));
    }
    if r.u8()? != want_kind {
        return Err(FormatError("kind"));
    }
    let n = r.u32()?;
    let mut map = HashMap::new();
    for _ in 0..n {
        let name = r.take(4)?;
        let len = r.u32()? as usize;
        let body = r.take(len)?;
        let mut key = [0u8; 4];
        key.copy_from_slice(name);
        map.insert(key, body);
    }
    Ok(map)
}

/// A byte reader that never panics.
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }
    /// True at the end.
    pub fn is_empty(&self) -> bool {
        self.pos >= self.bytes.len()
    }
    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], FormatError> {
        let end = self.pos.checked_add(n).ok_or(FormatError("length"))?;
        let s = self
            .bytes
            .get(self.pos..end)
            .ok_or(FormatError("truncated"))?;
        self.pos = end;
        Ok(s)
    }
    /// One byte.
    pub fn u8(&mut self) -> Result<u8, FormatError> {
        Ok(self.take(1)?[0])
    }
    /// A little-endian u32.
    pub fn u32(&mut self) -> Result<u32, FormatError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    /// A little-endian f32.
    pub fn f32(&mut self) -> Result<f32, FormatError> {
        Ok(f32::from_bits(self.u32()?))
    }
    /// An unsigned LEB128 varint (at most 64 bits).
    pub fn varint(&mut self) -> Result<u64, FormatError> {
        let mut v: u64 = 0;
        let mut shift = 0;
        loop {
            let b = self.u8()?;
            if shift >= 64 {
                return Err(FormatError("varint"));
            }
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
            shift += 7;
        }
    }
    /// A zigzag varint.
    pub fn zigzag(&mut self) -> Result<i64, FormatError> {
        let v = self.varint()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }
    /// A string: varint length, UTF-8 bytes.
    pub fn string(&mut self) -> Result<&'a str, FormatError> {
        let n = self.varint()? as usize;
        std::str::from_utf8(self.take(n)?).map_err(|_| FormatError("utf-8"))
    }
}

/// Appends a varint.
pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A sorted key list with one value per key, serialised: the count, the keys as varint
/// deltas, the values as varints (the tagger's ambiguity classes, the recogniser's
/// gazetteer).
pub fn encode_keyed(keys: &[u32], values: impl Iterator<Item = u64>) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, keys.len() as u64);
    let mut prev = 0;
    for &k in keys {
        put_varint(&mut out, u64::from(k - prev));
        prev = k;
    }
    for v in values {
        put_varint(&mut out, v);
    }
    out
}

/// Reads what [`encode_keyed`] wrote: the keys, and the values each capped at `max`;
/// `what` names the table in the error.
pub fn decode_keyed(
    b: &[u8],
    max: u64,
    what: &'static str,
) -> Result<(Vec<u32>, Vec<u64>), FormatError> {
    let mut r = Reader::new(b);
    let n = r.varint()? as usize;
    if n > b.len() {
        return Err(FormatError(what));
    }
    let mut keys = Vec::with_capacity(n);
    let mut k = 0u64;
    for _ in 0..n {
        k += r.varint()?;
        keys.push(k.min(u32::MAX as u64) as u32);
    }
    let mut values = Vec::with_capacity(n);
    for _ in 0..n {
        values.push(r.varint()?.min(max));
    }
    Ok((keys, values))
}

/// Appends a zigzag varint.
pub fn put_zigzag(out: &mut Vec<u8>, v: i64) {
    put_varint(out, ((v << 1) ^ (v >> 63)) as u64);
}

/// Appends a string.
pub fn put_string(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Writes a list of strings (count, then each).
pub fn put_strings(out: &mut Vec<u8>, v: &[String]) {
    put_varint(out, v.len() as u64);
    for s in v {
        put_string(out, s);
    }
}

/// Reads a list of strings.
pub fn read_strings(bytes: &[u8]) -> Result<Vec<String>, FormatError> {
    let mut r = Reader::new(bytes);
    let n = r.varint()? as usize;
    let mut v = Vec::with_capacity(n.min(1 << 16));
    for _ in 0..n {
        v.push(r.string()?.to_string());
    }
    Ok(v)
}

/// The key a shipped model stores for a 64-bit feature hash: its high 28 bits (four bits
/// fewer than a u32 cost about a quarter of the key bytes; a feature the model does not know
/// then hits a stored key about once in 2^28 / features lookups).
#[inline]
pub fn key_of(feature: u64) -> u32 {
    (feature >> 36) as u32
}

/// Anything that scores classes for a set of features (the shipped quantised table, or the
/// trainer's floating-point weights).
pub trait Scorer {
    /// Number of classes.
    fn n_classes(&self) -> usize;
    /// Adds each feature's weights to `scores` (length [`Scorer::n_classes`]).
    fn score(&self, features: &[u64], scores: &mut [f32]);
}

/// A quantised sparse weight table with an open-addressing index.
#[derive(Debug, Default)]
pub struct Weights {
    n_classes: usize,
    scale: f32,
    /// Per slot: key (high 28 bits) | entry count (8 bits) | first entry (28 bits); a count
    /// of 0 is an empty slot. One cache line gives the key check and where the weights are.
    slots: Vec<u64>,
    mask: usize,
    /// Entries: quantised weight (high 16 bits) and class (low 8 bits).
    entries: Vec<u32>,
    features: usize,
}

impl Weights {
    /// Encodes weights: `features` are (key, [(class, quantised weight)]) sorted by key.
    pub fn encode(n_classes: usize, scale: f32, features: &[(u32, Vec<(u8, i16)>)]) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&scale.to_le_bytes());
        put_varint(&mut out, n_classes as u64);
        put_varint(&mut out, features.len() as u64);
        let mut prev = 0u32;
        for (k, _) in features {
            put_varint(&mut out, (k - prev) as u64);
            prev = *k;
        }
        for (_, e) in features {
            out.push(e.len().min(255) as u8);
        }
        for (_, e) in features {
            let mut prev = 0u8;
            for (c, _) in e.iter().take(255) {
                out.push(c.wrapping_sub(prev));
                prev = *c;
            }
        }
        for (_, e) in features {
            for (_, w) in e.iter().take(255) {
                put_zigzag(&mut out, *w as i64);
            }
        }
        out
    }

    /// Decodes a weight section.
    pub fn decode(bytes: &[u8]) -> Result<Weights, FormatError> {
        let mut r = Reader::new(bytes);
        let scale = r.f32()?;
        let n_classes = r.varint()? as usize;
        if n_classes == 0 || n_classes > 256 {
            return Err(FormatError("classes"));
        }
        let n = r.varint()? as usize;
        if n > bytes.len() {
            return Err(FormatError("feature count"));
        }
        let mut keys = Vec::with_capacity(n);
        let mut k: u64 = 0;
        for _ in 0..n {
            k += r.varint()?;
            if k > u32::MAX as u64 {
                return Err(FormatError("key"));
            }
            keys.push(k as u32);
        }
        let counts = r.take(n)?;
        let total: usize = counts.iter().map(|&c| c as usize).sum();
        let mut cls = r.take(total)?.to_vec();
        let mut at = 0;
        for &c in counts {
            let mut prev = 0u8;
            for x in cls.iter_mut().skip(at).take(c as usize) {
                *x = x.wrapping_add(prev);
                prev = *x;
            }
            at += c as usize;
        }
        if cls.iter().any(|&c| c as usize >= n_classes) {
            return Err(FormatError("class id"));
        }
        let mut w = Vec::with_capacity(total);
        for _ in 0..total {
            let v = r.zigzag()?;
            w.push(v.clamp(i16::MIN as i64, i16::MAX as i64) as i16);
        }
        if total >= 1 << 28 {
            return Err(FormatError("too many weights"));
        }
        let entries: Vec<u32> = cls
            .iter()
            .zip(&w)
            .map(|(&c, &x)| ((x as u16 as u32) << 16) | c as u32)
            .collect();
        let cap = (n * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![0u64; cap];
        let mut off = 0u64;
        for (i, &key) in keys.iter().enumerate() {
            let count = counts[i] as u64;
            let key = key & 0x0fff_ffff;
            let mut s = slot_of(key) & mask;
            loop {
                let e = &mut slots[s];
                if (*e >> 28) & 0xff == 0 {
                    if count > 0 {
                        *e = ((key as u64) << 36) | (count << 28) | off;
                    }
                    break;
                }
                if (*e >> 36) as u32 == key {
                    break; // duplicate key: the first wins
                }
                s = (s + 1) & mask;
            }
            off += count;
        }
        Ok(Weights {
            n_classes,
            scale,
            slots,
            mask,
            entries,
            features: n,
        })
    }

    /// Number of features.
    pub fn len(&self) -> usize {
        self.features
    }
    /// True when the table has no features.
    pub fn is_empty(&self) -> bool {
        self.features == 0
    }
}

#[inline]
fn slot_of(key: u32) -> usize {
    (key.wrapping_mul(0x9e37_79b1) >> 5) as usize ^ key as usize
}

impl Scorer for Weights {
    fn n_classes(&self) -> usize {
        self.n_classes
    }
    #[inline]
    fn score(&self, features: &[u64], scores: &mut [f32]) {
        if self.slots.is_empty() {
            return;
        }
        // Two phases per block of features: all the slot probes first, then the entries, so
        // that the cache misses of different features overlap.
        const BLOCK: usize = 32;
        let mut found = [0u64; BLOCK];
        for block in features.chunks(BLOCK) {
            for (k, &f) in block.iter().enumerate() {
                let key = key_of(f) & 0x0fff_ffff;
                let mut s = slot_of(key) & self.mask;
                let mut hit = 0;
                loop {
                    let e = self.slots[s];
                    if (e >> 28) & 0xff == 0 {
                        break;
                    }
                    if (e >> 36) as u32 == key {
                        hit = e;
                        break;
                    }
                    s = (s + 1) & self.mask;
                }
                found[k] = hit;
            }
            for &e in &found[..block.len()] {
                let count = ((e >> 28) & 0xff) as usize;
                if count == 0 {
                    continue;
                }
                let start = (e & 0x0fff_ffff) as usize;
                if let Some(run) = self.entries.get(start..start + count) {
                    for &x in run {
                        if let Some(sc) = scores.get_mut((x & 0xff) as usize) {
                            *sc += ((x >> 16) as u16 as i16) as f32 * self.scale;
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_round_trip() {
        let feats = vec![(3u32, vec![(0u8, 5i16), (2, -7)]), (900, vec![(1, 300)])];
        let bytes = Weights::encode(3, 0.5, &feats);
        let w = Weights::decode(&bytes).unwrap();
        assert_eq!(w.len(), 2);
        let mut s = vec![0.0; 3];
        w.score(&[(3u64 << 36) | 17, 900u64 << 36, 5u64 << 36], &mut s);
        assert_eq!(s, vec![2.5, 150.0, -3.5]);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for n in 0..64usize {
            let bytes: Vec<u8> = (0..n).map(|i| (i * 37 % 251) as u8).collect();
            let _ = Weights::decode(&bytes);
            let _ = read_container(&bytes, 1);
        }
        let c = write_container(1, &[(*b"ABCD", vec![1, 2, 3])]);
        let m = read_container(&c, 1).unwrap();
        assert_eq!(m.get(b"ABCD").copied(), Some(&[1u8, 2, 3][..]));
        assert!(read_container(&c[..c.len() - 1], 1).is_err());
    }
}
