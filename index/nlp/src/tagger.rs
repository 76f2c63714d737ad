//! Part-of-speech tagger: greedy left-to-right averaged perceptron over joint UPOS|XPOS
//! classes, with a tag dictionary for frequent unambiguous words.

use crate::features::{tag_value, tagger_features, Atoms};
use crate::hash::hash_str;
use crate::model::{
    decode_keyed, encode_keyed, kind, put_varint, read_container, read_strings, FormatError,
    Reader, Scorer, Weights,
};
use crate::tags::{xpos_static, Upos};

/// One joint tag class.
#[derive(Clone, Debug)]
pub struct TagClass {
    /// Universal tag.
    pub upos: Upos,
    /// Penn tag.
    pub xpos: &'static str,
    /// `UPOS|XPOS`, as in the model file.
    pub name: String,
    /// Stable hash of the name (the value other models see as "the tag").
    pub hash: u64,
    /// Stable hash of the UPOS part alone.
    pub upos_hash: u64,
}

impl TagClass {
    /// A class from its `UPOS|XPOS` name.
    pub fn from_name(name: &str) -> TagClass {
        let (u, x) = name.split_once('|').unwrap_or((name, "XX"));
        TagClass {
            upos: Upos::from_str(u).unwrap_or(Upos::X),
            xpos: xpos_static(x),
            name: name.to_string(),
            hash: hash_str(name),
            upos_hash: hash_str(u),
        }
    }
}

/// Frequent unambiguous words: form hash key -> class.
#[derive(Clone, Debug, Default)]
pub struct TagDict {
    keys: Vec<u32>,
    cls: Vec<u8>,
}

impl TagDict {
    /// Builds from (key, class) pairs.
    pub fn new(mut v: Vec<(u32, u8)>) -> TagDict {
        v.sort_unstable();
        v.dedup_by_key(|e| e.0);
        TagDict {
            keys: v.iter().map(|e| e.0).collect(),
            cls: v.iter().map(|e| e.1).collect(),
        }
    }
    /// The class of a word (by its exact-form hash).
    #[inline]
    pub fn get(&self, form: u64) -> Option<u8> {
        let k = (form >> 32) as u32;
        self.keys
            .binary_search(&k)
            .ok()
            .and_then(|i| self.cls.get(i).copied())
    }
    /// Serialised form.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        put_varint(&mut out, self.keys.len() as u64);
        let mut prev = 0;
        for &k in &self.keys {
            put_varint(&mut out, (k - prev) as u64);
            prev = k;
        }
        out.extend_from_slice(&self.cls);
        out
    }
    fn decode(b: &[u8]) -> Result<TagDict, FormatError> {
        let mut r = Reader::new(b);
        let n = r.varint()? as usize;
        if n > b.len() {
            return Err(FormatError("tag dictionary"));
        }
        let mut keys = Vec::with_capacity(n);
        let mut k = 0u64;
        for _ in 0..n {
            k += r.varint()?;
            keys.push(k.min(u32::MAX as u64) as u32);
        }
        let cls = r.take(n)?.to_vec();
        Ok(TagDict { keys, cls })
    }
}

/// Ambiguity classes: normalised-form hash key -> class id (words seen often enough in
/// training; the id stands for the set of tags the word had).
#[derive(Clone, Debug, Default)]
pub struct AmbDict {
    keys: Vec<u32>,
    ids: Vec<u16>,
}

/// The value of "no ambiguity class" (a rare or unknown word).
pub const AMB_UNKNOWN: u64 = 0xa2;

impl AmbDict {
    /// Builds from (key, id) pairs.
    pub fn new(mut v: Vec<(u32, u16)>) -> AmbDict {
        v.sort_unstable();
        v.dedup_by_key(|e| e.0);
        AmbDict {
            keys: v.iter().map(|e| e.0).collect(),
            ids: v.iter().map(|e| e.1).collect(),
        }
    }
    /// The feature value of a word (by its normalised-form hash).
    #[inline]
    pub fn value(&self, norm: u64) -> u64 {
        let k = (norm >> 32) as u32;
        match self
            .keys
            .binary_search(&k)
            .ok()
            .and_then(|i| self.ids.get(i))
        {
            Some(&id) => crate::hash::mix(id as u64, 0xa3b),
            None => AMB_UNKNOWN,
        }
    }
    /// Values for a sentence.
    pub fn values(&self, atoms: &[Atoms], out: &mut Vec<u64>) {
        out.clear();
        out.extend(atoms.iter().map(|a| self.value(a.norm)));
    }
    /// Serialised form.
    pub fn encode(&self) -> Vec<u8> {
        encode_keyed(&self.keys, self.ids.iter().map(|&i| u64::from(i)))
    }
    fn decode(b: &[u8]) -> Result<AmbDict, FormatError> {
        let (keys, ids) = decode_keyed(b, u64::from(u16::MAX), "ambiguity classes")?;
        Ok(AmbDict {
            keys,
            ids: ids.into_iter().map(|i| i as u16).collect(),
        })
    }
}

/// The loaded tagger.
#[derive(Debug)]
pub struct Tagger {
    /// Classes.
    pub classes: Vec<TagClass>,
    /// Tag dictionary.
    pub dict: TagDict,
    /// Ambiguity classes.
    pub amb: AmbDict,
    /// Hashes of the class names.
    pub class_hashes: Vec<u64>,
    /// Weights.
    pub weights: Weights,
}

impl Tagger {
    /// Reads a tagger model file.
    pub fn from_bytes(b: &[u8]) -> Result<Tagger, FormatError> {
        let s = read_container(b, kind::TAGGER)?;
        let names = read_strings(s.get(b"CLAS").ok_or(FormatError("no classes"))?)?;
        let classes: Vec<TagClass> = names.iter().map(|n| TagClass::from_name(n)).collect();
        let dict = TagDict::decode(s.get(b"TDIC").ok_or(FormatError("no tag dictionary"))?)?;
        let amb = AmbDict::decode(s.get(b"AMBC").ok_or(FormatError("no ambiguity classes"))?)?;
        let weights = Weights::decode(s.get(b"WGHT").ok_or(FormatError("no weights"))?)?;
        if weights.n_classes() != classes.len()
            || dict.cls.iter().any(|&c| c as usize >= classes.len())
        {
            return Err(FormatError("class count"));
        }
        let class_hashes = classes.iter().map(|c| c.hash).collect();
        Ok(Tagger {
            classes,
            dict,
            amb,
            class_hashes,
            weights,
        })
    }
}

/// Greedy decoding with any scorer. `class_hash[c]` is the hash of class `c`; `amb` the
/// ambiguity classes of the words.
#[allow(clippy::too_many_arguments)]
pub fn decode<S: Scorer>(
    s: &S,
    class_hash: &[u64],
    dict: &TagDict,
    atoms: &[Atoms],
    amb: &[u64],
    out: &mut Vec<u8>,
    feats: &mut Vec<u64>,
    scores: &mut Vec<f32>,
) {
    out.clear();
    let nc = s.n_classes().min(class_hash.len());
    for i in 0..atoms.len() {
        let c = if let Some(c) = dict.get(atoms[i].form) {
            c
        } else {
            let p1 = tag_value(
                i.checked_sub(1)
                    .and_then(|j| out.get(j))
                    .map(|&c| class_hash[c as usize]),
            );
            let p2 = tag_value(
                i.checked_sub(2)
                    .and_then(|j| out.get(j))
                    .map(|&c| class_hash[c as usize]),
            );
            tagger_features(atoms, amb, i, p1, p2, feats);
            scores.clear();
            scores.resize(nc, 0.0);
            s.score(feats, scores);
            argmax(scores) as u8
        };
        out.push(c);
    }
}

/// Index of the largest value (first on ties; 0 for an empty slice).
#[inline]
pub fn argmax(v: &[f32]) -> usize {
    let mut best = 0;
    let mut bv = f32::NEG_INFINITY;
    for (i, &x) in v.iter().enumerate() {
        if x > bv {
            bv = x;
            best = i;
        }
    }
    best
}
