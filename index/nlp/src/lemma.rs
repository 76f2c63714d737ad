//! Lemmatiser: exceptions (form, tag) -> lemma learned from the treebanks, and suffix edit
//! rules (strip n characters, append a string) chosen by the longest known suffix for the tag.

use crate::hash::{hash_str, mix};
use crate::model::{kind, put_string, put_varint, read_container, FormatError, Reader};

/// Longest suffix (in characters) a rule looks at.
pub const MAX_SUFFIX: usize = 7;

/// Key of an exception.
pub fn exception_key(lower: &str, xpos: &str) -> u32 {
    (mix(hash_str(lower), hash_str(xpos) ^ 0x1e) >> 32) as u32
}
/// Key of a rule context.
pub fn rule_key(suffix: &str, xpos: &str) -> u32 {
    (mix(hash_str(suffix), hash_str(xpos) ^ 0x2f) >> 32) as u32
}

/// True for tags whose lemma keeps the form's case.
pub fn keeps_case(xpos: &str) -> bool {
    matches!(xpos, "NNP" | "NNPS")
}

/// An edit rule.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rule {
    /// Characters removed from the end.
    pub strip: u8,
    /// String appended.
    pub append: String,
}

impl Rule {
    /// The rule turning `base` into `lemma`.
    pub fn between(base: &str, lemma: &str) -> Rule {
        let lcp = base
            .chars()
            .zip(lemma.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let strip = base.chars().count() - lcp;
        let start = lemma
            .char_indices()
            .nth(lcp)
            .map(|(i, _)| i)
            .unwrap_or(lemma.len());
        Rule {
            strip: strip.min(255) as u8,
            append: lemma[start..].to_string(),
        }
    }
    /// Applies the rule (the base unchanged when it is too short).
    pub fn apply(&self, base: &str, out: &mut String) {
        let n = base.chars().count();
        let strip = self.strip as usize;
        if strip > n || (strip == n && self.append.is_empty()) {
            out.push_str(base);
            return;
        }
        let cut = base
            .char_indices()
            .nth(n - strip)
            .map(|(i, _)| i)
            .unwrap_or(base.len());
        out.push_str(&base[..cut]);
        out.push_str(&self.append);
    }
}

/// The loaded lemmatiser.
#[derive(Debug, Default)]
pub struct Lemmatizer {
    exc_keys: Vec<u32>,
    exc: Vec<String>,
    rule_keys: Vec<u32>,
    rules: Vec<Rule>,
}

impl Lemmatizer {
    /// Builds from exceptions and rules (keys need not be sorted).
    pub fn new(mut exc: Vec<(u32, String)>, mut rules: Vec<(u32, Rule)>) -> Lemmatizer {
        exc.sort();
        exc.dedup_by_key(|e| e.0);
        rules.sort();
        rules.dedup_by_key(|e| e.0);
        Lemmatizer {
            exc_keys: exc.iter().map(|e| e.0).collect(),
            exc: exc.into_iter().map(|e| e.1).collect(),
            rule_keys: rules.iter().map(|e| e.0).collect(),
            rules: rules.into_iter().map(|e| e.1).collect(),
        }
    }

    /// The model file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut e = Vec::new();
        put_varint(&mut e, self.exc_keys.len() as u64);
        let mut prev = 0;
        for &k in &self.exc_keys {
            put_varint(&mut e, (k - prev) as u64);
            prev = k;
        }
        for s in &self.exc {
            put_string(&mut e, s);
        }
        let mut r = Vec::new();
        put_varint(&mut r, self.rule_keys.len() as u64);
        let mut prev = 0;
        for &k in &self.rule_keys {
            put_varint(&mut r, (k - prev) as u64);
            prev = k;
        }
        for x in &self.rules {
            r.push(x.strip);
        }
        for x in &self.rules {
            put_string(&mut r, &x.append);
        }
        crate::model::write_container(kind::LEMMA, &[(*b"EXCP", e), (*b"RULE", r)])
    }

    /// Reads a model file.
    pub fn from_bytes(b: &[u8]) -> Result<Lemmatizer, FormatError> {
        let s = read_container(b, kind::LEMMA)?;
        let mut r = Reader::new(s.get(b"EXCP").ok_or(FormatError("no exceptions"))?);
        let n = r.varint()? as usize;
        if n > b.len() {
            return Err(FormatError("exceptions"));
        }
        let mut exc_keys = Vec::with_capacity(n);
        let mut k = 0u64;
        for _ in 0..n {
            k += r.varint()?;
            exc_keys.push(k.min(u32::MAX as u64) as u32);
        }
        let mut exc = Vec::with_capacity(n);
        for _ in 0..n {
            exc.push(r.string()?.to_string());
        }
        let mut r = Reader::new(s.get(b"RULE").ok_or(FormatError("no rules"))?);
        let n = r.varint()? as usize;
        if n > b.len() {
            return Err(FormatError("rules"));
        }
        let mut rule_keys = Vec::with_capacity(n);
        let mut k = 0u64;
        for _ in 0..n {
            k += r.varint()?;
            rule_keys.push(k.min(u32::MAX as u64) as u32);
        }
        let strips = r.take(n)?.to_vec();
        let mut rules = Vec::with_capacity(n);
        for &strip in &strips {
            rules.push(Rule {
                strip,
                append: r.string()?.to_string(),
            });
        }
        Ok(Lemmatizer {
            exc_keys,
            exc,
            rule_keys,
            rules,
        })
    }

    /// The lemma stored for a lower-case form and tag, if the lexicon has one.
    pub fn exception(&self, lower: &str, xpos: &str) -> Option<&str> {
        self.exc_keys
            .binary_search(&exception_key(lower, xpos))
            .ok()
            .and_then(|i| self.exc.get(i))
            .map(String::as_str)
    }

    /// The rule for a suffix context, if known.
    pub fn rule(&self, suffix: &str, xpos: &str) -> Option<&Rule> {
        let k = rule_key(suffix, xpos);
        self.rule_keys
            .binary_search(&k)
            .ok()
            .and_then(|i| self.rules.get(i))
    }

    /// Appends the lemma of `form` tagged `xpos` to `out`. `lower` is scratch space.
    pub fn lemmatize(&self, form: &str, xpos: &str, out: &mut String, lower: &mut String) {
        lower.clear();
        for c in form.chars() {
            lower.extend(c.to_lowercase());
        }
        if let Ok(i) = self.exc_keys.binary_search(&exception_key(lower, xpos)) {
            if let Some(l) = self.exc.get(i) {
                out.push_str(l);
                return;
            }
        }
        let base: &str = if keeps_case(xpos) {
            form
        } else {
            lower.as_str()
        };
        self.apply_rules(base, xpos, out);
    }

    /// Applies the longest-suffix rule to `base`.
    pub fn apply_rules(&self, base: &str, xpos: &str, out: &mut String) {
        let n = base.chars().count();
        for k in (0..=MAX_SUFFIX.min(n)).rev() {
            let start = base
                .char_indices()
                .nth(n - k)
                .map(|(i, _)| i)
                .unwrap_or(base.len());
            if let Some(r) = self.rule(&base[start..], xpos) {
                r.apply(base, out);
                return;
            }
        }
        out.push_str(base);
    }
}
