//! Word atoms and feature templates shared by training and inference. Changing anything
//! here invalidates the shipped models (retrain).

use crate::hash::{f1, f2, f3, hash_str, mix};

/// Per-word values, computed once per sentence.
#[derive(Clone, Copy, Debug, Default)]
pub struct Atoms {
    /// exact form
    pub form: u64,
    /// normalised lower-case form (digits and years collapsed)
    pub norm: u64,
    /// suffixes of the lower-case form, 1..=4 characters
    pub suf: [u64; 4],
    /// prefixes of the lower-case form, 1..=3 characters
    pub pre: [u64; 3],
    /// word shape (Xxxx, dd, x.x.)
    pub shape: u64,
    /// bit flags: 1 capitalised, 2 all caps, 4 has digit, 8 has hyphen, 16 first word,
    /// 32 has letters, 64 has apostrophe, 128 has period
    pub flags: u64,
}

/// Out-of-sentence atoms.
pub const START: Atoms = sentinel(0x0053_5441_5254);
/// Out-of-sentence atoms.
pub const END: Atoms = sentinel(0x0045_4e44);

const fn sentinel(v: u64) -> Atoms {
    let h = mix(v, 77);
    Atoms {
        form: h,
        norm: h,
        suf: [h; 4],
        pre: [h; 3],
        shape: h,
        flags: 1 << 20,
    }
}

/// Computes the atoms of each word. `buf` is scratch space.
pub fn atoms_of(text: &str, words: &[crate::Span], out: &mut Vec<Atoms>, buf: &mut String) {
    out.clear();
    for (i, sp) in words.iter().enumerate() {
        let w = text.get(sp.start..sp.end).unwrap_or("");
        out.push(atoms(w, i == 0, buf));
    }
}

/// The atoms of one word.
pub fn atoms(w: &str, first: bool, buf: &mut String) -> Atoms {
    buf.clear();
    for c in w.chars() {
        for l in c.to_lowercase() {
            buf.push(l);
        }
    }
    let lower = buf.as_str();
    let mut flags = 0u64;
    let mut chars = w.chars();
    if chars.next().is_some_and(|c| c.is_uppercase()) {
        flags |= 1;
    }
    let mut any_lower = false;
    let mut any_upper = false;
    for c in w.chars() {
        if c.is_lowercase() {
            any_lower = true;
        }
        if c.is_uppercase() {
            any_upper = true;
        }
        if c.is_numeric() {
            flags |= 4;
        }
        if c == '-' {
            flags |= 8;
        }
        if c.is_alphabetic() {
            flags |= 32;
        }
        if c == '\'' || c == '’' {
            flags |= 64;
        }
        if c == '.' {
            flags |= 128;
        }
    }
    if any_upper && !any_lower {
        flags |= 2;
    }
    if first {
        flags |= 16;
    }
    let norm = if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
        hash_str("!YEAR")
    } else if w.chars().next().is_some_and(|c| c.is_ascii_digit())
        && w.chars().all(|c| c.is_ascii_digit() || ",.:/-".contains(c))
    {
        hash_str("!DIGITS")
    } else {
        hash_str(lower)
    };
    let n = lower.chars().count();
    let mut suf = [0u64; 4];
    for (k, s) in suf.iter_mut().enumerate() {
        let take = (k + 1).min(n);
        let start = lower
            .char_indices()
            .nth(n - take)
            .map(|(i, _)| i)
            .unwrap_or(0);
        *s = mix(hash_str(&lower[start..]), 100 + k as u64);
    }
    let mut pre = [0u64; 3];
    for (k, p) in pre.iter_mut().enumerate() {
        let take = (k + 1).min(n);
        let end = lower
            .char_indices()
            .nth(take)
            .map(|(i, _)| i)
            .unwrap_or(lower.len());
        *p = mix(hash_str(&lower[..end]), 200 + k as u64);
    }
    Atoms {
        form: hash_str(w),
        norm,
        suf,
        pre,
        shape: shape(w),
        flags,
    }
}

/// Word shape: each character mapped to X, x, d or itself, runs longer than 2 collapsed,
/// at most 8 characters kept.
fn shape(w: &str) -> u64 {
    let mut h: u64 = 0x9a7e;
    let mut last = '\0';
    let mut run = 0;
    let mut kept = 0;
    for c in w.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if s == last {
            run += 1;
            if run > 2 {
                continue;
            }
        } else {
            run = 1;
            last = s;
        }
        h = mix(h, s as u64);
        kept += 1;
        if kept >= 8 {
            break;
        }
    }
    h
}

#[inline]
fn at(a: &[Atoms], i: isize) -> Atoms {
    if i < 0 {
        START
    } else {
        a.get(i as usize).copied().unwrap_or(END)
    }
}

/// Tag value of a predicted tag (or the start symbol).
#[inline]
pub fn tag_value(t: Option<u64>) -> u64 {
    t.unwrap_or(0x7a9_5747)
}

/// Ambiguity class value of word `k` (the set of tags the word had in training), or the
/// boundary values.
#[inline]
fn amb_at(amb: &[u64], k: isize) -> u64 {
    if k < 0 {
        0xa0
    } else {
        amb.get(k as usize).copied().unwrap_or(0xa1)
    }
}

/// Tagger features for word `i`; `p1`, `p2` are the hashes of the previous two tags, `amb`
/// the ambiguity classes of the sentence's words.
pub fn tagger_features(a: &[Atoms], amb: &[u64], i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
    out.clear();
    let ii = i as isize;
    let (a0, a1, a2, am1) = (
        amb_at(amb, ii),
        amb_at(amb, ii + 1),
        amb_at(amb, ii + 2),
        amb_at(amb, ii - 1),
    );
    out.push(f1(40, a0));
    out.push(f1(41, a1));
    out.push(f1(42, a2));
    out.push(f2(43, a0, a1));
    out.push(f2(44, p1, a0));
    out.push(f2(45, a1, at(a, ii).norm));
    out.push(f3(46, p1, a0, a1));
    out.push(f2(47, am1, a0));
    out.push(f2(48, a0, at(a, ii).suf[2]));
    let w = at(a, ii);
    let wm1 = at(a, ii - 1);
    let wm2 = at(a, ii - 2);
    let wp1 = at(a, ii + 1);
    let wp2 = at(a, ii + 2);
    out.push(f1(1, 0));
    out.push(f1(2, w.norm));
    out.push(f1(3, w.form));
    for k in 0..4 {
        out.push(f1(4 + k as u64, w.suf[k]));
    }
    for k in 0..3 {
        out.push(f1(8 + k as u64, w.pre[k]));
    }
    out.push(f1(11, w.shape));
    out.push(f1(12, p1));
    out.push(f1(13, p2));
    out.push(f2(14, p1, p2));
    out.push(f2(15, p1, w.norm));
    out.push(f1(16, wm1.norm));
    out.push(f1(17, wm1.suf[2]));
    out.push(f1(18, wm2.norm));
    out.push(f1(19, wp1.norm));
    out.push(f1(20, wp1.suf[2]));
    out.push(f1(21, wp2.norm));
    out.push(f1(22, wp1.shape));
    out.push(f2(23, wm1.norm, w.norm));
    out.push(f2(24, w.norm, wp1.norm));
    out.push(f2(25, p1, w.suf[2]));
    out.push(f2(26, w.flags & 0xff, w.shape));
    out.push(f2(27, p1, wp1.norm));
    out.push(f2(28, w.suf[1], wp1.suf[1]));
    out.push(f2(29, wm1.suf[1], w.suf[1]));
    out.push(f1(30, w.flags & 0xff));
    out.push(f2(31, w.norm, wp2.norm));
    out.push(f2(32, wm1.shape, w.shape));
    out.push(f3(33, p1, w.norm, wp1.norm));
}
