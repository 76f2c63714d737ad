//! The benchmark's measures (shared/eval/news-pages/README.md): main text by word 4-gram
//! shingles, metadata by exact match after trimming and collapsing white space.

use std::collections::HashMap;

/// The tokens of a text: the matches of `\w+` (Unicode), as they are. Python's `\w` is a
/// letter, a digit or `_`; `char::is_alphanumeric` is the same set up to a few combining
/// marks, which none of the pages' scores turn on.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// The multiset of a text's consecutive 4-token shingles.
pub fn shingles(text: &str) -> HashMap<[&str; 4], usize> {
    let t = tokens(text);
    let mut out = HashMap::new();
    for w in t.windows(4) {
        *out.entry([w[0], w[1], w[2], w[3]]).or_insert(0) += 1;
    }
    out
}

/// Precision and recall of one page: the multiset intersection over the extracted
/// shingles (0 when there are none) and over the expected ones.
pub fn page_pr(extracted: &str, expected: &str) -> (f64, f64) {
    let e = shingles(extracted);
    let g = shingles(expected);
    let overlap: usize = e
        .iter()
        .map(|(k, n)| (*n).min(g.get(k).copied().unwrap_or(0)))
        .sum();
    let ne: usize = e.values().sum();
    let ng: usize = g.values().sum();
    let p = if ne == 0 {
        0.0
    } else {
        overlap as f64 / ne as f64
    };
    let r = if ng == 0 {
        0.0
    } else {
        overlap as f64 / ng as f64
    };
    (p, r)
}

/// How much of `piece`'s shingles the other text holds (1 for a piece too short to have
/// any): for the details, which paragraphs are extra and which were missed.
pub fn share_in(piece: &str, other: &HashMap<[&str; 4], usize>) -> Option<f64> {
    let s = shingles(piece);
    let n: usize = s.values().sum();
    if n == 0 {
        return None;
    }
    let found: usize = s
        .iter()
        .map(|(k, c)| (*c).min(other.get(k).copied().unwrap_or(0)))
        .sum();
    Some(found as f64 / n as f64)
}

/// P and R averaged over pages; F1 from the averages.
#[derive(Debug, Default, Clone, Copy)]
pub struct TextTally {
    pub pages: usize,
    pub p: f64,
    pub r: f64,
}

impl TextTally {
    pub fn push(&mut self, (p, r): (f64, f64)) {
        self.pages += 1;
        self.p += p;
        self.r += r;
    }
    pub fn precision(&self) -> f64 {
        avg(self.p, self.pages)
    }
    pub fn recall(&self) -> f64 {
        avg(self.r, self.pages)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn avg(sum: f64, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

/// Trimmed, white space collapsed; empty is no value.
pub fn clean(s: Option<&str>) -> Option<String> {
    let s = s?.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// Exact matches of one metadata field, over the pages that expect a value, and the pages
/// given a value where none is expected.
#[derive(Debug, Default, Clone, Copy)]
pub struct FieldTally {
    pub expected: usize,
    pub exact: usize,
    /// Matches by a looser rule (the field's own: a date's instant, a name without "By").
    pub loose: usize,
    pub missing: usize,
    pub spurious: usize,
}

impl FieldTally {
    /// Counts one page; returns whether it is a miss (for the details).
    pub fn push(
        &mut self,
        got: Option<&str>,
        want: Option<&str>,
        loose: fn(&str, &str) -> bool,
    ) -> bool {
        let (got, want) = (clean(got), clean(want));
        match (&got, &want) {
            (Some(g), Some(w)) => {
                self.expected += 1;
                if g == w {
                    self.exact += 1;
                }
                if g == w || loose(g, w) {
                    self.loose += 1;
                    return false;
                }
                true
            }
            (None, Some(_)) => {
                self.expected += 1;
                self.missing += 1;
                true
            }
            (Some(_), None) => {
                self.spurious += 1;
                true
            }
            (None, None) => false,
        }
    }
}

/// Chinese, Japanese or Korean text: a quarter of its letters are ideographs or kana or
/// hangul (the metric's tokens are then whole runs of text, so those pages are apart).
pub fn is_cjk(text: &str) -> bool {
    let (mut cjk, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
        {
            cjk += 1;
        }
    }
    letters > 0 && cjk * 4 > letters
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingles_as_the_readme_counts_them() {
        assert_eq!(
            tokens("It's a co-op, ok_1!"),
            vec!["It", "s", "a", "co", "op", "ok_1"]
        );
        let (p, r) = page_pr("one two three four five", "one two three four six");
        assert!((p - 0.5).abs() < 1e-9 && (r - 0.5).abs() < 1e-9);
        assert_eq!(page_pr("", "a b c d"), (0.0, 0.0));
        // Multisets: a repeated shingle counts as often as both texts hold it.
        let (p, r) = page_pr("a b c d a b c d", "a b c d");
        assert!((r - 1.0).abs() < 1e-9 && p < 0.3, "{p} {r}");
    }

    #[test]
    fn metadata_counts() {
        let mut t = FieldTally::default();
        let never = |_: &str, _: &str| false;
        assert!(!t.push(Some(" A  B "), Some("A B"), never));
        assert!(t.push(Some("x"), None, never));
        assert!(t.push(None, Some("y"), never));
        assert_eq!((t.expected, t.exact, t.spurious, t.missing), (2, 1, 1, 1));
    }
}
