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

/// Runs of capitalised words (bridged by "of", "the", "de", "von", "van", "for" between
/// capitalised words): for each word, its run as `(first, last)` (`(i, i)`-sized runs are
/// only for capitalised words; other words get `(u32::MAX, u32::MAX)`).
pub fn name_runs(a: &[Atoms], out: &mut Vec<(u32, u32)>) {
    const BRIDGES: [u64; 8] = [
        hash_str("of"),
        hash_str("the"),
        hash_str("de"),
        hash_str("von"),
        hash_str("van"),
        hash_str("for"),
        hash_str("del"),
        hash_str("da"),
    ];
    let cap = |x: &Atoms| x.flags & 32 != 0 && x.flags & 3 != 0;
    out.clear();
    out.resize(a.len(), (u32::MAX, u32::MAX));
    let mut i = 0;
    while i < a.len() {
        if !cap(&a[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut j = i + 1;
        while j < a.len() {
            if cap(&a[j]) {
                end = j;
                j += 1;
                continue;
            }
            // up to two bridge words followed by a capitalised word
            let mut k = j;
            while k < a.len() && k < j + 2 && BRIDGES.contains(&a[k].norm) {
                k += 1;
            }
            if k > j && k < a.len() && cap(&a[k]) {
                end = k;
                j = k + 1;
            } else {
                break;
            }
        }
        for r in out.iter_mut().take(end + 1).skip(start) {
            *r = (start as u32, end as u32);
        }
        i = end + 1;
    }
}

/// Entity-recogniser features for word `i`; `tags` are the tag hashes of the sentence,
/// `runs` its [`name_runs`], `p1`, `p2` the previous two entity labels.
#[allow(clippy::too_many_arguments)]
pub fn ner_features(
    a: &[Atoms],
    tags: &[u64],
    runs: &[(u32, u32)],
    i: usize,
    p1: u64,
    p2: u64,
    out: &mut Vec<u64>,
) {
    out.clear();
    let ii = i as isize;
    let (rs, re) = runs.get(i).copied().unwrap_or((u32::MAX, u32::MAX));
    if rs != u32::MAX {
        let (rs, re) = (rs as isize, re as isize);
        let len = (re - rs + 1).min(5) as u64;
        let pos = if rs == re {
            0
        } else if ii == rs {
            1
        } else if ii == re {
            2
        } else {
            3
        };
        let first = at(a, rs);
        let last = at(a, re);
        let before = at(a, rs - 1);
        let after = at(a, re + 1);
        let tb = if rs == 0 {
            1
        } else {
            tags.get(rs as usize - 1).copied().unwrap_or(2)
        };
        let ta = tags.get(re as usize + 1).copied().unwrap_or(2);
        out.push(f2(540, len, pos));
        out.push(f1(541, first.norm));
        out.push(f1(542, last.norm));
        out.push(f1(543, last.suf[2]));
        out.push(f1(544, before.norm));
        out.push(f1(545, after.norm));
        out.push(f2(546, before.norm, last.norm));
        out.push(f1(547, ta));
        out.push(f1(548, tb));
        out.push(f3(549, pos, p1, len));
        out.push(f2(550, first.norm, last.norm));
        out.push(f2(551, before.norm, pos));
        out.push(f2(552, last.norm, pos));
        out.push(f2(553, first.flags & 16, before.norm));
    } else {
        out.push(f1(539, 0));
    }
    let t = |k: isize| -> u64 {
        if k < 0 {
            1
        } else {
            tags.get(k as usize).copied().unwrap_or(2)
        }
    };
    let w = at(a, ii);
    let wm1 = at(a, ii - 1);
    let wm2 = at(a, ii - 2);
    let wp1 = at(a, ii + 1);
    let wp2 = at(a, ii + 2);
    out.push(f1(501, 0));
    out.push(f1(502, w.norm));
    out.push(f1(503, w.form));
    out.push(f1(504, w.suf[2]));
    out.push(f1(505, w.suf[1]));
    out.push(f1(506, w.pre[2]));
    out.push(f1(507, w.shape));
    out.push(f1(508, t(ii)));
    out.push(f1(509, p1));
    out.push(f2(510, p1, p2));
    out.push(f2(511, p1, t(ii)));
    out.push(f1(512, wm1.norm));
    out.push(f1(513, wp1.norm));
    out.push(f1(514, wm2.norm));
    out.push(f1(515, wp2.norm));
    out.push(f2(516, t(ii - 1), t(ii)));
    out.push(f2(517, t(ii), t(ii + 1)));
    out.push(f1(518, t(ii - 1)));
    out.push(f1(519, t(ii + 1)));
    out.push(f2(520, wm1.norm, w.norm));
    out.push(f2(521, w.norm, wp1.norm));
    out.push(f2(522, p1, w.shape));
    out.push(f2(523, w.flags & 0xff, t(ii)));
    out.push(f1(524, wm1.shape));
    out.push(f1(525, wp1.shape));
    out.push(f2(526, p1, w.norm));
    out.push(f2(527, wm1.form, t(ii)));
    out.push(f2(528, t(ii), wp1.form));
    out.push(f1(529, w.suf[3]));
    out.push(f3(530, t(ii - 1), t(ii), t(ii + 1)));
    out.push(f2(531, p1, wm1.norm));
    out.push(f1(532, t(ii + 2)));
    out.push(f1(533, t(ii - 2)));
    out.push(f2(534, wp1.norm, wp2.norm));
    out.push(f2(535, wm2.norm, wm1.norm));
}
