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

/// Slots per line of a weight table.
const SLOTS: usize = 4;

/// One cache line of a weight table: four slots of four `u32`: a header `key << 4 | k`
/// (`k` = 0 empty, 1 a row of up to three weights, 2 a longer row, 3 a dense row) and three
/// entries `weight << 16 | class` (weight an `i16`; unused entries 0). In a longer row the
/// third entry is the offset of the rest of the row in [`Weights`]' `long` vector, in a
/// dense row the row number in `dense`.
#[derive(Clone, Copy, Debug)]
#[repr(C, align(64))]
struct Line([u32; 4 * SLOTS]);

/// A cuckoo hash table of lines: a key lies in one of its two lines (two independent
/// hashes), so that a lookup reads two lines, both fetched at once, and compares eight
/// headers without a branch.
#[derive(Debug, Default)]
struct Table {
    lines: Vec<Line>,
}

/// A found row: the slot's kind (0 when the key is unknown) and entries.
type Found = [u32; 4];

impl Table {
    /// Places `rows` (indices into `all`: key, first entry, count) in `n_lines` lines, by
    /// cuckoo insertion (deterministic); the (row, slot) pairs, or `None` when some row
    /// finds no room.
    fn place(n_lines: usize, rows: &[u32], all: &[(u32, usize, usize)]) -> Option<Vec<(u32, u32)>> {
        cuckoo::<SLOTS>(n_lines, rows, all)
    }
}

/// Cuckoo placement of `rows` (indices into `all`: key, first entry, count) in `n_lines`
/// lines of `S` slots (deterministic): the (row, slot) pairs, or `None` when some row finds
/// no room.
fn cuckoo<const S: usize>(
    n_lines: usize,
    rows: &[u32],
    all: &[(u32, usize, usize)],
) -> Option<Vec<(u32, u32)>> {
    {
        if n_lines == 0 || n_lines > (u32::MAX as usize) / S {
            return None;
        }
        // slot -> row + 1 (0 empty)
        let mut slots = vec![0u32; n_lines * S];
        let mut rng = crate::hash::SplitMix64(0x5eed ^ rows.len() as u64);
        for &r in rows {
            let mut cur = r;
            let mut placed = false;
            for _ in 0..2000 {
                let key = all[cur as usize].0;
                let (b1, b2) = lines_of(key, n_lines);
                let free = |b: usize, slots: &[u32]| (0..S).find(|&j| slots[b * S + j] == 0);
                if let Some(j) = free(b1, &slots) {
                    slots[b1 * S + j] = cur + 1;
                    placed = true;
                    break;
                }
                if let Some(j) = free(b2, &slots) {
                    slots[b2 * S + j] = cur + 1;
                    placed = true;
                    break;
                }
                // evict a random occupant of one of the two lines
                let b = if rng.next_u64() & 1 == 0 { b1 } else { b2 };
                let j = rng.below(S);
                let out = slots[b * S + j] - 1;
                slots[b * S + j] = cur + 1;
                cur = out;
            }
            if !placed {
                return None;
            }
        }
        Some(
            slots
                .iter()
                .enumerate()
                .filter(|(_, &r)| r != 0)
                .map(|(s, &r)| (r - 1, s as u32))
                .collect(),
        )
    }
}

impl Table {
    fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The two lines of a key.
    #[inline(always)]
    fn first(&self, key: u32) -> (usize, usize) {
        lines_of(key, self.lines.len())
    }

    /// The first values of the two lines (to bring them into cache).
    #[inline(always)]
    fn touch(&self, b: (usize, usize)) -> u32 {
        self.lines.get(b.0).map(|l| l.0[0]).unwrap_or(0)
            ^ self.lines.get(b.1).map(|l| l.0[0]).unwrap_or(0)
    }

    /// Finds a key (`b` its lines), without a branch.
    #[inline(always)]
    fn find(&self, key: u32, b: (usize, usize)) -> Found {
        let (Some(l1), Some(l2)) = (self.lines.get(b.0), self.lines.get(b.1)) else {
            return [0; 4];
        };
        let k4 = key << 4;
        let hits = |l: &[u32; 16]| -> u32 {
            let hit = |j: usize| (((l[4 * j] & !15) == k4) & (l[4 * j] & 3 != 0)) as u32;
            hit(0) | hit(1) << 1 | hit(2) << 2 | hit(3) << 3
        };
        let (i1, i2) = (hits(&l1.0), hits(&l2.0));
        let l = if i1 != 0 { &l1.0 } else { &l2.0 };
        let idx = i1 | i2;
        let base = 4 * (idx.trailing_zeros() as usize & 3);
        let m = ((idx != 0) as u32).wrapping_neg();
        [
            l[base] & 3 & m,
            l[base + 1] & m,
            l[base + 2] & m,
            l[base + 3] & m,
        ]
    }
}

/// The two lines of `key` in a table of `n_lines` lines.
#[inline(always)]
fn lines_of(key: u32, n_lines: usize) -> (usize, usize) {
    let x = (key as u64 ^ 0x5bd1_e995).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let a = ((x >> 32) * n_lines as u64) >> 32;
    let b = ((x & 0xffff_ffff) * n_lines as u64) >> 32;
    (a as usize, b as usize)
}

/// A quantised sparse weight table. Rows live in hash tables of cache lines, a slot per
/// feature with its key and up to three weights (long rows out of line, the longest dense,
/// for vectorised adds), so that a lookup is one cache line and a few branch-free
/// instructions. The features the trainer found most often looked up (in the `hot` bitmap
/// of the model file) are in a small table of their own, which stays in cache; the others
/// in a large one, behind a Bloom filter so that an unknown feature (a quarter of the
/// lookups) usually costs no access to the large table.
#[derive(Debug, Default)]
pub struct Weights {
    n_classes: usize,
    scale: f32,
    hot: Table,
    cold: Table,
    /// The tables of a model of at most three classes (instead of `hot` and `cold`).
    hot8: Table8,
    cold8: Table8,
    /// Blocked Bloom filter of the cold keys: one 64-bit word per key, three bits.
    bloom: Vec<u64>,
    /// The rest of long rows: a count, then entries.
    long: Vec<u32>,
    /// Dense rows (the features with weights for many classes): `stride` weights each.
    dense: Vec<i16>,
    stride: usize,
    features: usize,
}

/// A line of a compact table (models of at most three classes): eight slots `key << 36 |
/// w0 << 24 | w1 << 12 | w2` (weights 12-bit two's complement; an empty slot is 0, whose
/// weights are 0, so that matching it adds nothing).
#[derive(Clone, Copy, Debug)]
#[repr(C, align(64))]
struct Line8([u64; 8]);

/// A cuckoo table of compact lines (see [`Table`]).
#[derive(Debug, Default)]
struct Table8 {
    lines: Vec<Line8>,
}

impl Table8 {
    fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
    #[inline(always)]
    fn first(&self, key: u32) -> (usize, usize) {
        lines_of(key, self.lines.len())
    }
    #[inline(always)]
    fn touch(&self, b: (usize, usize)) -> u64 {
        self.lines.get(b.0).map(|l| l.0[0]).unwrap_or(0)
            ^ self.lines.get(b.1).map(|l| l.0[0]).unwrap_or(0)
    }
    /// The slot of a key (0 when unknown), without a branch.
    #[inline(always)]
    fn find(&self, key: u32, b: (usize, usize)) -> u64 {
        let (Some(l1), Some(l2)) = (self.lines.get(b.0), self.lines.get(b.1)) else {
            return 0;
        };
        let k = key as u64;
        let mut v = 0u64;
        for &x in l1.0.iter().chain(l2.0.iter()) {
            v |= x & (((x >> 36) == k) as u64).wrapping_neg();
        }
        v
    }
}

/// The three weights of a compact slot.
#[inline(always)]
fn weights8(x: u64) -> [i32; 3] {
    [
        ((x << 28) as i64 >> 52) as i32,
        ((x << 40) as i64 >> 52) as i32,
        ((x << 52) as i64 >> 52) as i32,
    ]
}

/// The Bloom filter word and bits of a key.
#[inline(always)]
fn bloom_of(key: u32, words: usize) -> (usize, u64) {
    let x = (key as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let w = ((x >> 32) * words as u64) >> 32;
    let bits = (1u64 << (x & 63)) | (1u64 << ((x >> 6) & 63)) | (1u64 << ((x >> 12) & 63));
    (w as usize, bits)
}

/// Rows of at least this many weights are stored dense.
fn dense_from(n_classes: usize) -> usize {
    (n_classes / 6).max(4)
}

#[inline(always)]
fn entry(class: u8, w: i16) -> u32 {
    ((w as u16 as u32) << 16) | class as u32
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

    /// The keys of an encoded weight section, in order (for the trainer's hot bitmap).
    pub fn keys_of(bytes: &[u8]) -> Result<Vec<u32>, FormatError> {
        let mut r = Reader::new(bytes);
        let _ = r.f32()?;
        let _ = r.varint()?;
        let n = r.varint()? as usize;
        if n > bytes.len() {
            return Err(FormatError("feature count"));
        }
        let mut keys = Vec::with_capacity(n);
        let mut k: u64 = 0;
        for _ in 0..n {
            k += r.varint()?;
            keys.push(k.min(u32::MAX as u64) as u32);
        }
        Ok(keys)
    }

    /// Decodes a weight section (every feature in one table).
    pub fn decode(bytes: &[u8]) -> Result<Weights, FormatError> {
        Self::decode_with_hot(bytes, None)
    }

    /// Decodes a weight section with its hot bitmap (bit `i`, LSB first, set for the `i`-th
    /// feature of the section when it is hot; see [`Weights`]).
    pub fn decode_with_hot(bytes: &[u8], hot: Option<&[u8]>) -> Result<Weights, FormatError> {
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
        // rows (key, first entry, count), hot or not; a repeated key: the first wins
        let is_hot = |i: usize| match hot {
            None => true,
            Some(b) => b.get(i / 8).is_some_and(|&x| x & (1 << (i % 8)) != 0),
        };
        let mut rows: Vec<(u32, usize, usize, bool)> = Vec::with_capacity(n);
        let mut off = 0usize;
        for (i, &key) in keys.iter().enumerate() {
            let c = counts[i] as usize;
            if c > 0 {
                rows.push((key & 0x0fff_ffff, off, c, is_hot(i)));
            }
            off += c;
        }
        rows.sort_by_key(|r| r.0);
        rows.dedup_by_key(|r| r.0);
        let all: Vec<(u32, usize, usize)> = rows.iter().map(|r| (r.0, r.1, r.2)).collect();
        let hot_rows: Vec<u32> = (0..rows.len() as u32)
            .filter(|&i| rows[i as usize].3)
            .collect();
        let cold_rows: Vec<u32> = (0..rows.len() as u32)
            .filter(|&i| !rows[i as usize].3)
            .collect();
        let table = |ids: &[u32]| -> Result<(Table, Vec<(u32, u32)>), FormatError> {
            if ids.is_empty() {
                return Ok((Table::default(), Vec::new()));
            }
            // about 85% of the slots used
            let mut n_lines = (ids.len() * 100 / (SLOTS * 85) + 1).max(1);
            for _ in 0..16 {
                if let Some(placed) = Table::place(n_lines, ids, &all) {
                    let lines = vec![Line([0u32; 4 * SLOTS]); n_lines];
                    return Ok((Table { lines }, placed));
                }
                n_lines += n_lines / 16 + 1;
            }
            Err(FormatError("table"))
        };
        // about 12 bits per cold key
        let mut bloom = vec![
            0u64;
            if cold_rows.is_empty() {
                0
            } else {
                cold_rows.len() * 12 / 64 + 1
            }
        ];
        for &i in &cold_rows {
            let (wd, bits) = bloom_of(all[i as usize].0, bloom.len());
            bloom[wd] |= bits;
        }
        let fits12 = w.iter().all(|&x| (-2048..=2047).contains(&(x as i32)));
        if n_classes <= 3 && fits12 {
            let table8 = |ids: &[u32]| -> Result<Table8, FormatError> {
                if ids.is_empty() {
                    return Ok(Table8::default());
                }
                let mut n_lines = (ids.len() * 100 / (8 * 88) + 1).max(1);
                for _ in 0..16 {
                    if let Some(placed) = cuckoo::<8>(n_lines, ids, &all) {
                        let mut t = Table8 {
                            lines: vec![Line8([0u64; 8]); n_lines],
                        };
                        for (i, slot) in placed {
                            let (key, start, c) = all[i as usize];
                            let mut ws = [0u64; 3];
                            for k in start..start + c {
                                let (cl, x) = (
                                    *cls.get(k).ok_or(FormatError("rows"))? as usize,
                                    *w.get(k).ok_or(FormatError("rows"))?,
                                );
                                if let Some(y) = ws.get_mut(cl) {
                                    *y = (x as i64 as u64) & 0xfff;
                                }
                            }
                            let v = ((key as u64) << 36) | ws[0] << 24 | ws[1] << 12 | ws[2];
                            let s = slot as usize;
                            let line = t.lines.get_mut(s / 8).ok_or(FormatError("rows"))?;
                            line.0[s % 8] = v;
                        }
                        return Ok(t);
                    }
                    n_lines += n_lines / 16 + 1;
                }
                Err(FormatError("table"))
            };
            return Ok(Weights {
                n_classes,
                scale,
                hot8: table8(&hot_rows)?,
                cold8: table8(&cold_rows)?,
                bloom,
                features: rows.len(),
                ..Weights::default()
            });
        }
        let (mut hot_t, hot_at) = table(&hot_rows)?;
        let (mut cold_t, cold_at) = table(&cold_rows)?;
        let stride = n_classes.div_ceil(8) * 8;
        let mut long = Vec::new();
        let mut dense: Vec<i16> = Vec::new();
        for (t, placed) in [(&mut hot_t, &hot_at), (&mut cold_t, &cold_at)] {
            for &(i, s) in placed {
                let (key, start, c) = all[i as usize];
                let s = s as usize;
                let cs = cls.get(start..start + c).ok_or(FormatError("rows"))?;
                let ws = w.get(start..start + c).ok_or(FormatError("rows"))?;
                let line = &mut t.lines.get_mut(s / SLOTS).ok_or(FormatError("rows"))?.0;
                let at = 4 * (s % SLOTS);
                let e: Vec<u32> = cs.iter().zip(ws).map(|(&a, &b)| entry(a, b)).collect();
                if c >= dense_from(n_classes) {
                    line[at] = (key << 4) | 3;
                    line[at + 3] = (dense.len() / stride) as u32;
                    let row = dense.len();
                    dense.resize(row + stride, 0);
                    for (&a, &b) in cs.iter().zip(ws) {
                        dense[row + a as usize] = b;
                    }
                } else if c <= 3 {
                    line[at] = (key << 4) | 1;
                    for (k, &x) in e.iter().enumerate() {
                        line[at + 1 + k] = x;
                    }
                } else {
                    line[at] = (key << 4) | 2;
                    line[at + 1] = e[0];
                    line[at + 2] = e[1];
                    line[at + 3] = long.len() as u32;
                    long.push((c - 2) as u32);
                    long.extend_from_slice(&e[2..]);
                }
            }
        }
        Ok(Weights {
            n_classes,
            scale,
            hot: hot_t,
            cold: cold_t,
            hot8: Table8::default(),
            cold8: Table8::default(),
            bloom,
            long,
            dense,
            stride,
            features: rows.len(),
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
    /// Bytes of memory the table takes: (hot part, all).
    pub fn memory(&self) -> (usize, usize) {
        let t = |t: &Table| t.lines.len() * 64;
        let hot = t(&self.hot) + self.hot8.lines.len() * 64;
        (
            hot,
            hot + t(&self.cold)
                + self.cold8.lines.len() * 64
                + self.bloom.len() * 8
                + self.long.len() * 4
                + self.dense.len() * 2,
        )
    }

    /// Development aid: the cost of parts of a lookup (0: touch the first lines only; 1:
    /// touch and find; 2: touch, find, no Bloom filter).
    #[doc(hidden)]
    pub fn probe(&self, features: &[u64], what: u8) -> u64 {
        let mut touch = 0u64;
        let mut keys = [0u32; 256];
        for block in features.chunks(256) {
            for (k, &f) in keys.iter_mut().zip(block) {
                *k = key_of(f) & 0x0fff_ffff;
                touch ^= self.hot.touch(self.hot.first(*k)) as u64;
            }
            if what >= 1 {
                for &k in &keys[..block.len()] {
                    let f = self.hot.find(k, self.hot.first(k));
                    touch = touch.wrapping_add(f[1] as u64);
                }
            }
        }
        touch
    }

    /// Whether the table has weights for a feature.
    pub fn contains(&self, feature: u64) -> bool {
        self.find(key_of(feature) & 0x0fff_ffff)[0] != 0
    }

    /// Finds a key in both tables.
    fn find(&self, key: u32) -> Found {
        if !self.hot8.is_empty() || !self.cold8.is_empty() {
            let mut v = self.hot8.find(key, self.hot8.first(key));
            if v == 0 && !self.cold8.is_empty() && self.maybe_cold(key) {
                v = self.cold8.find(key, self.cold8.first(key));
            }
            return [(v != 0) as u32, 0, 0, 0];
        }
        let f = self.hot.find(key, self.hot.first(key));
        if f[0] != 0 || self.cold.is_empty() || !self.maybe_cold(key) {
            return f;
        }
        self.cold.find(key, self.cold.first(key))
    }

    /// Whether the Bloom filter lets a key through to the cold table.
    #[inline(always)]
    fn maybe_cold(&self, key: u32) -> bool {
        let (w, bits) = bloom_of(key, self.bloom.len());
        self.bloom.get(w).is_some_and(|&x| x & bits == bits)
    }

    /// The first value of the out-of-line part of a found row (to bring it into cache).
    #[inline(always)]
    fn touch_rest(&self, f: &Found) -> u32 {
        match f[0] {
            2 => self.long.get(f[3] as usize).copied().unwrap_or(0),
            3 => self
                .dense
                .get((f[3] as usize).saturating_mul(self.stride))
                .copied()
                .unwrap_or(0) as u32,
            _ => 0,
        }
    }

    /// Adds a found row's weights to `acc`.
    #[inline(always)]
    fn accumulate(&self, f: &Found, acc: &mut [i32; 256]) {
        let [kind, e0, e1, e2] = *f;
        match kind {
            0 | 1 => {
                // (an unknown feature: entries 0, adding 0 to class 0)
                acc[(e0 & 0xff) as usize] += (e0 >> 16) as u16 as i16 as i32;
                acc[(e1 & 0xff) as usize] += (e1 >> 16) as u16 as i16 as i32;
                acc[(e2 & 0xff) as usize] += (e2 >> 16) as u16 as i16 as i32;
            }
            2 => {
                acc[(e0 & 0xff) as usize] += (e0 >> 16) as u16 as i16 as i32;
                acc[(e1 & 0xff) as usize] += (e1 >> 16) as u16 as i16 as i32;
                let off = e2 as usize;
                let c = self.long.get(off).copied().unwrap_or(0) as usize;
                let start = off.saturating_add(1);
                if let Some(run) = self.long.get(start..start.saturating_add(c)) {
                    for &x in run {
                        acc[(x & 0xff) as usize] += (x >> 16) as u16 as i16 as i32;
                    }
                }
            }
            3 => {
                let start = (e2 as usize).saturating_mul(self.stride);
                if let Some(r) = self.dense.get(start..start.saturating_add(self.stride)) {
                    for (a, &x) in acc.iter_mut().zip(r) {
                        *a += x as i32;
                    }
                }
            }
            _ => {}
        }
    }
}

impl Weights {
    /// [`Scorer::score`] for the compact tables.
    fn score8(&self, features: &[u64], scores: &mut [f32]) {
        const BLOCK: usize = 128;
        let mut keys = [0u32; BLOCK];
        let mut homes = [(0usize, 0usize); BLOCK];
        let mut cold = [0u8; BLOCK];
        let mut cold_at = [(0usize, 0usize); BLOCK];
        let mut found = [0u64; BLOCK];
        let mut acc = [0i32; 3];
        let has_cold = !self.cold8.is_empty();
        for block in features.chunks(BLOCK) {
            let n = block.len();
            let mut touch = 0u64;
            let mut n_cold = 0;
            for (j, ((k, h), &f)) in keys.iter_mut().zip(homes.iter_mut()).zip(block).enumerate() {
                *k = key_of(f) & 0x0fff_ffff;
                *h = self.hot8.first(*k);
                touch ^= self.hot8.touch(*h);
                if has_cold && self.maybe_cold(*k) {
                    let c = self.cold8.first(*k);
                    cold[n_cold] = j as u8;
                    cold_at[n_cold] = c;
                    touch ^= self.cold8.touch(c);
                    n_cold += 1;
                }
            }
            std::hint::black_box(touch);
            for (f, (&k, &h)) in found.iter_mut().zip(keys.iter().zip(&homes)).take(n) {
                *f = self.hot8.find(k, h);
            }
            for (&j, &c) in cold.iter().zip(&cold_at).take(n_cold) {
                let j = j as usize;
                if found[j] == 0 {
                    found[j] = self.cold8.find(keys[j], c);
                }
            }
            for &x in &found[..n] {
                let w = weights8(x);
                acc[0] += w[0];
                acc[1] += w[1];
                acc[2] += w[2];
            }
        }
        for (s, &a) in scores.iter_mut().zip(acc.iter()) {
            *s += a as f32 * self.scale;
        }
    }
}

impl Scorer for Weights {
    fn n_classes(&self) -> usize {
        self.n_classes
    }
    #[inline]
    fn score(&self, features: &[u64], scores: &mut [f32]) {
        if self.features == 0 {
            return;
        }
        if !self.hot8.is_empty() || !self.cold8.is_empty() {
            self.score8(features, scores);
            return;
        }
        let mut acc = [0i32; 256];
        // Phases per block of features, so that the cache misses of different features
        // overlap: touch the first hot line and the Bloom word of every feature; look them
        // up in the hot table and touch the first cold line of those the filter lets
        // through; look those up; touch the out-of-line parts; add the weights.
        const BLOCK: usize = 128;
        let mut keys = [0u32; BLOCK];
        let mut homes = [(0usize, 0usize); BLOCK];
        let mut found = [[0u32; 4]; BLOCK];
        let mut cold = [0u8; BLOCK];
        let mut cold_at = [(0usize, 0usize); BLOCK];
        let has_cold = !self.cold.is_empty();
        for block in features.chunks(BLOCK) {
            let n = block.len();
            let mut touch = 0u64;
            // first lines, and the lines of the cold table for the keys the filter lets
            // through (hot keys mostly do not pass it)
            let mut n_cold = 0;
            for (j, ((k, h), &f)) in keys.iter_mut().zip(homes.iter_mut()).zip(block).enumerate() {
                *k = key_of(f) & 0x0fff_ffff;
                *h = self.hot.first(*k);
                touch ^= self.hot.touch(*h) as u64;
                if has_cold && self.maybe_cold(*k) {
                    let c = self.cold.first(*k);
                    cold[n_cold] = j as u8;
                    cold_at[n_cold] = c;
                    touch ^= self.cold.touch(c) as u64;
                    n_cold += 1;
                }
            }
            for (f, (&k, &h)) in found.iter_mut().zip(keys.iter().zip(&homes)).take(n) {
                *f = self.hot.find(k, h);
            }
            for (&j, &c) in cold.iter().zip(&cold_at).take(n_cold) {
                let j = j as usize;
                if found[j][0] == 0 {
                    found[j] = self.cold.find(keys[j], c);
                }
            }
            for f in &found[..n] {
                touch ^= self.touch_rest(f) as u64;
            }
            std::hint::black_box(touch);
            for f in &found[..n] {
                self.accumulate(f, &mut acc);
            }
        }
        for (s, &a) in scores.iter_mut().zip(acc.iter()) {
            *s += a as f32 * self.scale;
        }
    }
}

/// The hot bitmap of an encoded weight section: the features looked up most often
/// (`uses[key]`), in decreasing order of uses, until they cover `coverage` of all the
/// lookups of known features or number `max_hot`. Deterministic (ties by key).
pub fn hot_bitmap(
    section: &[u8],
    uses: &HashMap<u32, u64>,
    coverage: f64,
    max_hot: usize,
) -> Result<(Vec<u8>, usize, f64), FormatError> {
    let keys = Weights::keys_of(section)?;
    let mut v: Vec<(u64, u32, usize)> = keys
        .iter()
        .enumerate()
        .map(|(i, &k)| (uses.get(&(k & 0x0fff_ffff)).copied().unwrap_or(0), k, i))
        .collect();
    let total: u64 = v.iter().map(|x| x.0).sum();
    v.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut bits = vec![0u8; keys.len().div_ceil(8)];
    let mut cum = 0u64;
    let mut n = 0;
    for &(u, _, i) in &v {
        if n >= max_hot || u == 0 || (total > 0 && cum as f64 >= coverage * total as f64) {
            break;
        }
        bits[i / 8] |= 1 << (i % 8);
        cum += u;
        n += 1;
    }
    Ok((bits, n, cum as f64 / total.max(1) as f64))
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

    /// Every layout (compact or not, hot and cold tables, long and dense rows) scores as a
    /// plain map of the rows does.
    #[test]
    fn tables_score_like_a_map() {
        let mut rng = crate::hash::SplitMix64(7);
        for (nc, n) in [(3usize, 3000usize), (3, 50), (12, 2000), (103, 3000)] {
            let mut keys: Vec<u32> = (0..n).map(|_| (rng.next_u64() >> 36) as u32).collect();
            keys.sort_unstable();
            keys.dedup();
            let feats: Vec<(u32, Vec<(u8, i16)>)> = keys
                .iter()
                .map(|&k| {
                    let c = 1 + rng.below(nc.min(40));
                    let mut cl: Vec<u8> = (0..nc as u8).collect();
                    rng.shuffle(&mut cl);
                    let mut row: Vec<(u8, i16)> = cl[..c]
                        .iter()
                        .map(|&x| (x, (rng.below(4000) as i16) - 2000))
                        .collect();
                    row.sort_unstable();
                    (k, row)
                })
                .collect();
            let bytes = Weights::encode(nc, 0.5, &feats);
            let hot: Vec<u8> = (0..keys.len().div_ceil(8))
                .map(|_| rng.next_u64() as u8)
                .collect();
            for w in [
                Weights::decode(&bytes).unwrap(),
                Weights::decode_with_hot(&bytes, Some(&hot)).unwrap(),
            ] {
                for _ in 0..200 {
                    let q: Vec<u64> = (0..1 + rng.below(150))
                        .map(|_| {
                            if rng.below(3) == 0 {
                                rng.next_u64()
                            } else {
                                ((keys[rng.below(keys.len())] as u64) << 36) | rng.below(99) as u64
                            }
                        })
                        .collect();
                    let mut got = vec![0f32; nc];
                    w.score(&q, &mut got);
                    let mut want = vec![0f32; nc];
                    for &f in &q {
                        if let Ok(i) = keys.binary_search(&key_of(f)) {
                            for &(c, x) in &feats[i].1 {
                                want[c as usize] += x as f32 * 0.5;
                            }
                        }
                    }
                    assert_eq!(got, want, "{nc} classes");
                }
            }
        }
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
