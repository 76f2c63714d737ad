//! CoNLL-U reading, GUM entity mentions and the named-entity span rule.

use std::path::Path;

/// A syntactic word.
#[derive(Clone, Debug, Default)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    /// 0-based head, `None` for the root.
    pub head: Option<usize>,
    pub deprel: String,
    pub misc: String,
}

/// A surface token: one word or a multiword token covering `words`.
#[derive(Clone, Debug)]
pub struct Token {
    pub form: String,
    pub words: std::ops::Range<usize>,
}

/// A sentence.
#[derive(Clone, Debug, Default)]
pub struct Sentence {
    pub text: String,
    pub doc: String,
    pub words: Vec<Word>,
    pub tokens: Vec<Token>,
}

impl Sentence {
    /// The joint tag `UPOS|XPOS` of word `i`.
    pub fn joint(&self, i: usize) -> String {
        format!("{}|{}", self.words[i].upos, self.words[i].xpos)
    }
    /// Word forms joined by spaces, with the word spans.
    pub fn spaced(&self) -> (String, Vec<verbatim_nlp::Span>) {
        let mut s = String::new();
        let mut spans = Vec::with_capacity(self.words.len());
        for w in &self.words {
            if !s.is_empty() {
                s.push(' ');
            }
            let start = s.len();
            // a form with spaces inside (rare: "3 1/2") stays one word
            s.push_str(&w.form);
            spans.push(verbatim_nlp::Span {
                start,
                end: s.len(),
            });
        }
        (s, spans)
    }
}

/// Reads a CoNLL-U file.
pub fn read(path: &Path) -> Result<Vec<Sentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(parse(&text))
}

/// Parses CoNLL-U text.
pub fn parse(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut doc = String::new();
    let mut mwt: Option<(usize, usize, String)> = None;
    for line in text.lines() {
        if line.is_empty() {
            if !cur.words.is_empty() {
                cur.doc = doc.clone();
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim_start();
            if let Some(t) = c.strip_prefix("text =") {
                cur.text = t.trim().to_string();
            } else if let Some(d) = c.strip_prefix("newdoc id =") {
                doc = d.trim().to_string();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            continue;
        }
        let id = cols[0];
        if id.contains('.') {
            continue;
        }
        if let Some((a, b)) = id.split_once('-') {
            if let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) {
                mwt = Some((a, b, cols[1].to_string()));
            }
            continue;
        }
        let Ok(idn) = id.parse::<usize>() else {
            continue;
        };
        let head = cols[6].parse::<usize>().ok().and_then(|h| h.checked_sub(1));
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head,
            deprel: cols[7].to_string(),
            misc: cols[9].to_string(),
        });
        let wi = cur.words.len() - 1;
        match &mwt {
            Some((a, b, form)) if idn >= *a && idn <= *b => {
                if idn == *a {
                    cur.tokens.push(Token {
                        form: form.clone(),
                        words: wi..wi + 1 + (b - a),
                    });
                }
                if idn == *b {
                    mwt = None;
                }
            }
            _ => cur.tokens.push(Token {
                form: cols[1].to_string(),
                words: wi..wi + 1,
            }),
        }
    }
    if !cur.words.is_empty() {
        cur.doc = doc;
        out.push(cur);
    }
    out
}

/// Gold word spans in `text` (the `# text` line), by finding each token in turn.
pub fn gold_spans(s: &Sentence) -> Vec<(usize, usize)> {
    let text = &s.text;
    let mut spans = vec![(0usize, 0usize); s.words.len()];
    let mut pos = 0;
    for t in &s.tokens {
        let Some(off) = text.get(pos..).and_then(|r| r.find(t.form.as_str())) else {
            continue;
        };
        let start = pos + off;
        let end = start + t.form.len();
        pos = end;
        if t.words.len() == 1 {
            spans[t.words.start] = (start, end);
            continue;
        }
        // multiword token: split where the word forms concatenate to the token
        let mut p = start;
        for wi in t.words.clone() {
            let f = &s.words[wi].form;
            let rest = &text[p..end];
            if rest.len() >= f.len()
                && rest.is_char_boundary(f.len())
                && rest[..f.len()].eq_ignore_ascii_case(f)
            {
                spans[wi] = (p, p + f.len());
                p += f.len();
            } else if wi + 1 == t.words.end {
                spans[wi] = (p, end);
            }
        }
    }
    spans
}

/// An entity mention: words `start..=end` and GUM type.
#[derive(Clone, Debug)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub etype: String,
}

/// The mentions of a sentence, from MISC `Entity=`.
pub fn mentions(s: &Sentence) -> Vec<Mention> {
    let mut open: Vec<(String, usize, String)> = Vec::new();
    let mut out = Vec::new();
    for (i, w) in s.words.iter().enumerate() {
        let Some(v) = w.misc.split('|').find_map(|x| x.strip_prefix("Entity=")) else {
            continue;
        };
        let b = v.as_bytes();
        let mut k = 0;
        while k < b.len() {
            if b[k] == b'(' {
                let st = k + 1;
                let mut e = st;
                while e < b.len() && b[e] != b'(' && b[e] != b')' {
                    e += 1;
                }
                let body = &v[st..e];
                let mut parts = body.split('-');
                let id = parts.next().unwrap_or("").to_string();
                let etype = parts.next().unwrap_or("").to_string();
                if e < b.len() && b[e] == b')' {
                    out.push(Mention {
                        start: i,
                        end: i,
                        etype,
                    });
                    k = e + 1;
                } else {
                    open.push((id, i, etype));
                    k = e;
                }
            } else if b[k].is_ascii_digit() {
                let st = k;
                while k < b.len() && b[k].is_ascii_digit() {
                    k += 1;
                }
                let id = &v[st..k];
                if k < b.len() && b[k] == b')' {
                    k += 1;
                    if let Some(pos) = open.iter().rposition(|(x, _, _)| x == id) {
                        let (_, start, etype) = open.remove(pos);
                        out.push(Mention {
                            start,
                            end: i,
                            etype,
                        });
                    }
                }
            } else {
                k += 1;
            }
        }
    }
    out
}

fn base(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// The head of a mention: its one word whose syntactic head lies outside it (`None` when
/// there are several).
pub fn mention_head(s: &Sentence, m: &Mention) -> Option<usize> {
    let inside = |i: usize| i >= m.start && i <= m.end;
    let mut heads = (m.start..=m.end).filter(|&i| !s.words[i].head.is_some_and(inside));
    let h = heads.next()?;
    heads.next().is_none().then_some(h)
}

/// The named-entity span of a mention (see the README, "Entity span rule"), or `None` when
/// the mention is not headed by a proper noun.
pub fn named_span(s: &Sentence, m: &Mention) -> Option<(usize, usize)> {
    let inside = |i: usize| i >= m.start && i <= m.end;
    let heads: Vec<usize> = (m.start..=m.end)
        .filter(|&i| !s.words[i].head.is_some_and(inside))
        .collect();
    if heads.len() != 1 {
        return None;
    }
    let h = heads[0];
    if s.words[h].upos != "PROPN" {
        return None;
    }
    let mut set = vec![h];
    let mut k = 0;
    while k < set.len() {
        let x = set[k];
        k += 1;
        for c in m.start..=m.end {
            if s.words[c].head != Some(x) || set.contains(&c) {
                continue;
            }
            let w = &s.words[c];
            let rel = w.deprel.as_str();
            let take = matches!(rel, "flat" | "fixed" | "compound" | "goeswith")
                || base(rel) == "flat"
                || (rel == "amod" && w.form.chars().next().is_some_and(|ch| ch.is_uppercase()))
                || (rel == "nmod"
                    && c > x
                    && w.upos == "PROPN"
                    && (m.start..=m.end).any(|j| {
                        s.words[j].head == Some(c)
                            && s.words[j].deprel == "case"
                            && s.words[j].form.eq_ignore_ascii_case("of")
                    }));
            if take {
                set.push(c);
                if rel == "nmod" {
                    for j in m.start..=m.end {
                        if s.words[j].head == Some(c)
                            && s.words[j].deprel == "case"
                            && !set.contains(&j)
                        {
                            set.push(j);
                        }
                    }
                }
            }
        }
    }
    let lo = *set.iter().min()?;
    let hi = *set.iter().max()?;
    Some((lo, hi))
}

/// The named entities of a sentence: (first, last, kind), not overlapping (longer spans
/// win, then earlier ones).
pub fn named_entities(s: &Sentence) -> Vec<(usize, usize, verbatim_nlp::EntityKind)> {
    let mut c: Vec<(usize, usize, verbatim_nlp::EntityKind)> = mentions(s)
        .iter()
        .filter_map(|m| {
            named_span(s, m).map(|(a, b)| (a, b, verbatim_nlp::EntityKind::from_gum(&m.etype)))
        })
        .collect();
    c.sort_by_key(|&(a, b, _)| (std::cmp::Reverse(b - a), a));
    let mut out: Vec<(usize, usize, verbatim_nlp::EntityKind)> = Vec::new();
    for e in c {
        if out.iter().all(|o| e.1 < o.0 || e.0 > o.1) {
            out.push(e);
        }
    }
    out.sort_by_key(|e| e.0);
    out
}

/// BILOU labels for a sentence's named entities.
pub fn bilou(s: &Sentence) -> Vec<String> {
    let mut l = vec!["O".to_string(); s.words.len()];
    for (a, b, k) in named_entities(s) {
        let k = k.as_str();
        if a == b {
            l[a] = format!("U-{k}");
        } else {
            l[a] = format!("B-{k}");
            for x in l.iter_mut().take(b).skip(a + 1) {
                *x = format!("I-{k}");
            }
            l[b] = format!("L-{k}");
        }
    }
    l
}

/// Lifts non-projective arcs (the shortest first) until the tree is projective. Heads are
/// 0-based, `n` for the root.
pub fn projectivize(heads: &mut [u32]) -> usize {
    let n = heads.len();
    let mut lifts = 0;
    for _ in 0..n * 2 {
        let dominated = |h: usize, k: usize, heads: &[u32]| {
            let mut x = k;
            for _ in 0..=n {
                if x == h {
                    return true;
                }
                let p = heads[x] as usize;
                if p >= n {
                    return false;
                }
                x = p;
            }
            false
        };
        let mut best: Option<(usize, usize)> = None;
        for d in 0..n {
            let h = heads[d] as usize;
            if h >= n {
                continue;
            }
            let (lo, hi) = if h < d { (h, d) } else { (d, h) };
            if (lo + 1..hi).any(|k| !dominated(h, k, heads)) {
                let len = hi - lo;
                if best.is_none_or(|(_, l)| len < l) {
                    best = Some((d, len));
                }
            }
        }
        match best {
            Some((d, _)) => {
                let h = heads[d] as usize;
                heads[d] = heads[h];
                lifts += 1;
            }
            None => break,
        }
    }
    lifts
}
