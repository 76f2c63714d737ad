//! Rule-based tokeniser following the UD English (EWT/GUM) conventions.
//!
//! Output: syntactic words as byte spans of the input. Clitics are split (`don't` -> `do` +
//! `n't`, `it's` -> `it` + `'s`, possessive `'s`/`’s`), punctuation and quotation marks are
//! separated, abbreviations (`Dr.`, `U.S.`, `e.g.`) and initials (`J.`) keep their period,
//! numbers (`3,000`, `2.5`, `10:30`, `9/11/2001`) stay whole, hyphenated words are split
//! (`long - term`) except after the prefixes EWT keeps (`e-mail`, `non-profit`,
//! `co-founder`, `ninety-nine`), and URLs and e-mail addresses are one word.

use crate::Span;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Word,
    Apos,
    Punct,
    /// A finished word (clitic) that no rule may merge further.
    Done,
}

#[derive(Clone, Copy, Debug)]
struct Piece {
    start: usize,
    end: usize,
    kind: Kind,
}

/// Splits `text` into words (see the module documentation). Never panics; the spans are
/// non-empty, in order, non-overlapping and on character boundaries.
pub fn tokenize(text: &str) -> Vec<Span> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    tokenize_into(text, &mut out);
    out
}

/// [`tokenize`] appending to a buffer.
pub fn tokenize_into(text: &str, out: &mut Vec<Span>) {
    let mut chunk_start: Option<usize> = None;
    let mut pieces = Vec::new();
    for (i, c) in text.char_indices() {
        if is_separator(c) {
            if let Some(s) = chunk_start.take() {
                let next_digit = text[i..]
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit());
                chunk(text, s, i, next_digit, &mut pieces, out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        chunk(text, s, text.len(), false, &mut pieces, out);
    }
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || c.is_control() || matches!(c, '\u{200b}' | '\u{feff}' | '\u{2060}')
}

/// Characters that attach to the previous character: combining marks, variation selectors,
/// joiners, emoji modifiers and tags.
fn is_attaching(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036f | 0x0483..=0x0489 | 0x0591..=0x05bd | 0x05bf | 0x05c1..=0x05c2
        | 0x05c4..=0x05c5 | 0x05c7 | 0x0610..=0x061a | 0x064b..=0x065f | 0x0670
        | 0x06d6..=0x06dc | 0x06df..=0x06e4 | 0x06e7..=0x06e8 | 0x06ea..=0x06ed
        | 0x0900..=0x0903 | 0x093a..=0x094f | 0x0951..=0x0957 | 0x0962..=0x0963
        | 0x0e31 | 0x0e34..=0x0e3a | 0x0e47..=0x0e4e
        | 0x1ab0..=0x1aff | 0x1dc0..=0x1dff | 0x200c..=0x200d | 0x20d0..=0x20ff
        | 0xfe00..=0xfe0f | 0xfe20..=0xfe2f | 0x1f3fb..=0x1f3ff | 0xe0020..=0xe007f
        | 0xe0100..=0xe01ef)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_apos(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

fn is_url_like(s: &str) -> bool {
    let l = s.as_bytes();
    let lower_starts =
        |p: &str| l.len() > p.len() && s.get(..p.len()).is_some_and(|x| x.eq_ignore_ascii_case(p));
    if lower_starts("http://")
        || lower_starts("https://")
        || lower_starts("ftp://")
        || lower_starts("www.")
        || lower_starts("mailto:")
    {
        return true;
    }
    if s.contains("://") {
        return true;
    }
    // e-mail: x@y.z
    if let Some(at) = s.find('@') {
        let (a, b) = (&s[..at], &s[at + 1..]);
        if a.chars()
            .all(|c| c.is_alphanumeric() || "._%+-".contains(c))
            && ((b.contains('.')
                && !b.ends_with('.')
                && b.chars().any(|c| c.is_alphabetic())
                && (!a.is_empty() || b.len() > 4))
                || (!a.is_empty() && b.len() >= 2 && b.chars().all(|c| c.is_ascii_uppercase())))
            && b.chars().all(|c| c.is_alphanumeric() || ".-".contains(c))
        {
            return true;
        }
    }
    // bare domains: name.com, name.org/path
    let host = s.split('/').next().unwrap_or("");
    if let Some(dot) = host.rfind('.') {
        let tld = &host[dot + 1..];
        let name = &host[..dot];
        if !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
            && name.chars().any(|c| c.is_ascii_alphabetic())
            && matches!(
                tld.to_ascii_lowercase().as_str(),
                "com"
                    | "org"
                    | "net"
                    | "edu"
                    | "gov"
                    | "io"
                    | "info"
                    | "biz"
                    | "co"
                    | "uk"
                    | "ca"
                    | "de"
                    | "fr"
                    | "au"
                    | "us"
                    | "ru"
                    | "jp"
                    | "in"
                    | "eu"
                    | "nz"
                    | "ie"
                    | "tv"
                    | "me"
            )
            && (tld.chars().all(|c| c.is_ascii_lowercase())
                || tld.chars().all(|c| c.is_ascii_uppercase()))
            && !(tld.eq_ignore_ascii_case("in")
                || tld.eq_ignore_ascii_case("me")
                || tld.eq_ignore_ascii_case("us")
                || tld.eq_ignore_ascii_case("co"))
        {
            return true;
        }
    }
    false
}

const EMOTICONS: &[&str] = &[
    ":)", ":-)", ":(", ":-(", ";)", ";-)", ":D", ":-D", ":P", ":-P", ":p", ":-p", ":/", ":-/",
    ":'(", ":o", ":O", "<3", "^^", "^_^", "XD", "xD", ":|", ";D", "=)", "8)", ":]", ":[", "-_-",
];

/// Abbreviations that keep their period whatever their case.
const ABBREV_ANY_CASE: &[&str] = &[
    "etc", "vs", "eg", "ie", "cf", "approx", "dept", "est", "inc", "ltd", "corp", "jr", "sr", "mr",
    "mrs", "ms", "dr", "prof", "rev", "gen", "gov", "sen", "rep", "reps", "col", "lt", "sgt",
    "capt", "cmdr", "adm", "fig", "figs", "vol", "vols", "ed", "eds", "ext", "tel", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues",
    "wed", "thu", "thur", "thurs", "fri", "sat", "ave", "blvd", "rd", "ft", "mt", "hwy", "attn",
    "yrs", "mins", "hrs", "esp", "al", "ibid", "ect", "pvt", "arrv", "op", "pp", "sq", "lbs", "oz",
    "mph", "nos",
];
/// Abbreviations that keep their period only with this capitalisation (lower-case forms are
/// ordinary words at the end of a sentence).
const ABBREV_CASED: &[&str] = &[
    "Co", "St", "Drs", "Sts", "PS", "Cal", "Sun", "Nos", "Art", "Ph", "Para", "Sec", "Mass",
    "Calif", "Fla", "Wash", "Ore", "Ill", "Penn", "Conn", "Va", "La",
];

/// Prefixes after which EWT keeps a hyphenated word whole.
const HYPHEN_PREFIXES: &[&str] = &[
    "e", "non", "co", "pre", "post", "re", "mid", "semi", "cross", "multi", "anti", "sub", "ex",
    "pro", "over", "un", "inter", "intra", "socio", "psycho", "mini", "vice", "counter", "neo",
    "quasi", "pseudo", "ultra", "macro", "micro", "bi", "tri", "uni", "mis", "de", "u", "t",
];

/// Whole words EWT splits into two syntactic words: (word, length of the first part).
const SPLIT_WORDS: &[(&str, usize)] = &[
    ("cannot", 3),
    ("gonna", 3),
    ("wanna", 3),
    ("gotta", 3),
    ("lemme", 3),
    ("gimme", 3),
    ("dont", 2),
    ("didnt", 3),
    ("doesnt", 4),
    ("cant", 2),
    ("wont", 2),
    ("couldnt", 5),
    ("wouldnt", 5),
    ("shouldnt", 6),
    ("isnt", 2),
    ("arent", 3),
    ("wasnt", 3),
    ("werent", 4),
    ("havent", 4),
    ("hasnt", 3),
    ("hadnt", 3),
    ("aint", 2),
    ("im", 1),
    ("ive", 1),
    ("youre", 3),
    ("theyre", 4),
    ("thats", 4),
    ("whats", 4),
    ("theres", 5),
    ("youll", 3),
    ("youve", 3),
    ("alot", 1),
    ("outta", 3),
];

/// Units split from a number glued to them (`5pm` -> `5` `pm`).
const UNITS: &[&str] = &[
    "am", "pm", "k", "m", "km", "kg", "g", "lb", "lbs", "hr", "hrs", "min", "mins", "mph", "gb",
    "mb", "ft", "yrs", "ml", "mg", "bn", "mm", "cm", "kb", "tb", "ghz", "mhz", "x",
];

fn chunk(
    text: &str,
    s: usize,
    e: usize,
    next_digit: bool,
    pieces: &mut Vec<Piece>,
    out: &mut Vec<Span>,
) {
    let before = out.len();
    chunk_inner(text, s, e, next_digit, pieces, out);
    // At the end of the text, a sentence-final period is a word of its own even after an
    // abbreviation ("etc" ".", "U.S.A" "."), as in EWT.
    if e == text.len() || text[e..].chars().all(is_separator) {
        if let Some(last) = out.last().copied() {
            let w = &text[last.start..last.end];
            if out.len() > before
                && w.len() > 2
                && w.ends_with('.')
                && !w.ends_with("..")
                && w[..w.len() - 1].chars().any(|c| c.is_alphabetic())
                && !is_url_like(w)
            {
                let n = out.len();
                out[n - 1].end -= 1;
                out.push(Span {
                    start: last.end - 1,
                    end: last.end,
                });
            }
        }
    }
}

fn chunk_inner(
    text: &str,
    s: usize,
    e: usize,
    next_digit: bool,
    pieces: &mut Vec<Piece>,
    out: &mut Vec<Span>,
) {
    let c = &text[s..e];
    if EMOTICONS.contains(&c) {
        out.push(Span { start: s, end: e });
        return;
    }
    // a word with an emoticon glued to its end: great:-)
    for emo in EMOTICONS {
        if emo.len() >= 2
            && c.len() > emo.len()
            && c.ends_with(emo)
            && (emo.starts_with(':') || emo.starts_with(';'))
        {
            let cut = e - emo.len();
            if text[s..cut]
                .chars()
                .next_back()
                .is_some_and(|ch| ch.is_alphanumeric())
            {
                chunk(text, s, cut, false, pieces, out);
                out.push(Span { start: cut, end: e });
                return;
            }
        }
    }
    // URLs and e-mail addresses: strip enclosing punctuation, keep the core whole.
    if c.len() > 4 && (c.contains('.') || c.contains("://") || c.contains('@')) {
        let open = |ch: char| "([{<\"'“‘«„".contains(ch);
        let close = |ch: char| ")]}>\"'”’».,;:!?".contains(ch);
        let mut a = 0;
        for (i, ch) in c.char_indices() {
            if open(ch) {
                a = i + ch.len_utf8();
            } else {
                break;
            }
        }
        let mut b = c.len();
        for (i, ch) in c.char_indices().rev() {
            if i < a || !close(ch) {
                break;
            }
            b = i;
        }
        if a < b && is_url_like(&c[a..b]) {
            if a > 0 {
                chunk(text, s, s + a, false, pieces, out);
            }
            out.push(Span {
                start: s + a,
                end: s + b,
            });
            if b < c.len() {
                chunk(text, s + b, e, next_digit, pieces, out);
            }
            return;
        }
    }
    scan(text, s, e, pieces);
    merge(text, pieces, next_digit, out);
}

fn scan(text: &str, s: usize, e: usize, pieces: &mut Vec<Piece>) {
    pieces.clear();
    let mut glue_next = false;
    for (off, ch) in text[s..e].char_indices() {
        let i = s + off;
        let end = i + ch.len_utf8();
        let kind = if is_word_char(ch) || is_attaching(ch) {
            Kind::Word
        } else if is_apos(ch) {
            Kind::Apos
        } else {
            Kind::Punct
        };
        if let Some(last) = pieces.last_mut() {
            let prev = text[last.start..last.end]
                .chars()
                .next_back()
                .unwrap_or(' ');
            let attach = glue_next
                || is_attaching(ch)
                || (kind == Kind::Word && last.kind == Kind::Word)
                || (kind == Kind::Punct
                    && last.kind == Kind::Punct
                    && (ch == prev || ("!?".contains(ch) && "!?".contains(prev))))
                || (kind == Kind::Apos && last.kind == Kind::Apos && ch != '\'' && prev != '\''
                    || (ch == '\'' && prev == '\'' && last.kind == Kind::Apos))
                || (is_regional(ch)
                    && is_regional(prev)
                    && text[last.start..last.end].chars().count() == 1);
            glue_next = ch == '\u{200d}';
            if attach {
                if kind == Kind::Apos && last.kind == Kind::Apos {
                    last.kind = Kind::Punct;
                }
                last.end = end;
                continue;
            }
        } else {
            glue_next = ch == '\u{200d}';
        }
        pieces.push(Piece {
            start: i,
            end,
            kind,
        });
    }
}

fn is_regional(c: char) -> bool {
    ('\u{1f1e6}'..='\u{1f1ff}').contains(&c)
}

fn merge(text: &str, p: &mut Vec<Piece>, next_digit: bool, out: &mut Vec<Span>) {
    let t = |x: &Piece| &text[x.start..x.end];
    let starts_digit =
        |x: &Piece| x.kind == Kind::Word && t(x).chars().next().is_some_and(|c| c.is_numeric());
    let all_alpha = |x: &Piece| {
        x.kind == Kind::Word && t(x).chars().all(|c| c.is_alphabetic() || is_attaching(c))
    };
    let is = |x: Option<&Piece>, s: &str| x.is_some_and(|x| x.kind == Kind::Punct && t(x) == s);
    let mut i = 0;
    while i < p.len() {
        let cur = p[i];
        let n1 = p.get(i + 1).copied();
        let n2 = p.get(i + 2).copied();
        // numbers: 3,000  2.5  10:30  9/11/2001
        if starts_digit(&cur) {
            if let (Some(a), Some(b)) = (n1, n2) {
                if a.kind == Kind::Punct
                    && matches!(t(&a), "." | "," | ":" | "/")
                    && starts_digit(&b)
                {
                    coalesce(p, i, i + 2);
                    continue;
                }
            }
            // phone numbers: 853-3242, 3-5213 (other digit-digit hyphens split: 1990 - 1995)
            if is(n1.as_ref(), "-") {
                if let Some(b) = n2 {
                    let (l, r) = (t(&cur), t(&b));
                    let digits = |x: &str| x.bytes().all(|c| c.is_ascii_digit());
                    if digits(l) && digits(r) && r.len() == 4 && (l.len() == 3 || l.len() == 1) {
                        coalesce(p, i, i + 2);
                        p[i].kind = Kind::Done;
                        continue;
                    }
                }
            }
            // phone numbers and dates with two or more hyphens: 555-123-4567
            if is(n1.as_ref(), "-")
                && n2.as_ref().is_some_and(&starts_digit)
                && is(p.get(i + 3), "-")
                && p.get(i + 4).is_some_and(starts_digit)
            {
                let mut j = i + 4;
                while is(p.get(j + 1), "-") && p.get(j + 2).is_some_and(starts_digit) {
                    j += 2;
                }
                coalesce(p, i, j);
                p[i].kind = Kind::Done;
                continue;
            }
        }
        if cur.kind == Kind::Word {
            let w = t(&cur);
            // acronyms: U.S.  e.g.  Ph.D.  a.m.
            if is(n1.as_ref(), ".") && w.chars().count() <= 3 && all_alpha(&cur) {
                if let Some(b) = n2 {
                    if b.kind == Kind::Word
                        && all_alpha(&b)
                        && t(&b).chars().count() <= 3
                        && !w.contains('.')
                    {
                        let mut j = i + 2;
                        while is(p.get(j + 1), ".")
                            && p.get(j + 2)
                                .is_some_and(|x| all_alpha(x) && t(x).chars().count() <= 3)
                        {
                            j += 2;
                        }
                        if is(p.get(j + 1), ".") {
                            j += 1;
                        }
                        coalesce(p, i, j);
                        p[i].kind = Kind::Done;
                        continue;
                    }
                }
            }
            // abbreviations and initials: Dr.  J.
            let numero = matches!(w, "No" | "Nos" | "no") && i + 2 == p.len() && next_digit;
            if is(n1.as_ref(), ".") && (is_abbreviation(w) || numero) {
                coalesce(p, i, i + 1);
                p[i].kind = Kind::Done;
                continue;
            }
            // file.pdf, alt.animals.cat, Newsfeed.Com (but end.Start splits)
            if is(n1.as_ref(), ".") {
                if let Some(b) = n2 {
                    let r = t(&b);
                    let sentence_break = w.chars().count() >= 2
                        && w.chars().all(|c| c.is_lowercase())
                        && r.chars().next().is_some_and(|c| c.is_uppercase())
                        && r.chars().skip(1).all(|c| c.is_lowercase());
                    if b.kind == Kind::Word && !sentence_break {
                        coalesce(p, i, i + 2);
                        continue;
                    }
                }
            }
            // b/c, w/o, w/
            if is(n1.as_ref(), "/") && w.chars().count() == 1 && all_alpha(&cur) {
                match n2 {
                    Some(b)
                        if b.kind == Kind::Word && t(&b).chars().count() == 1 && all_alpha(&b) =>
                    {
                        coalesce(p, i, i + 2);
                        p[i].kind = Kind::Done;
                        continue;
                    }
                    None => {
                        coalesce(p, i, i + 1);
                        p[i].kind = Kind::Done;
                        continue;
                    }
                    _ => {}
                }
            }
            // apostrophes inside a word
            if let (Some(a), Some(b)) = (n1, n2) {
                if a.kind == Kind::Apos && b.kind == Kind::Word && t(&a) != "‘" {
                    let q = t(&b);
                    let word_ends = !p
                        .get(i + 3)
                        .is_some_and(|x| x.kind == Kind::Word || x.kind == Kind::Apos);
                    let ql = q.to_lowercase();
                    let last = w.chars().next_back().unwrap_or(' ');
                    if word_ends
                        && ql == "t"
                        && (last == 'n' || last == 'N')
                        && w.chars().count() > 1
                    {
                        // do|n't
                        let split = cur.end - 1;
                        out.push(Span {
                            start: cur.start,
                            end: split,
                        });
                        out.push(Span {
                            start: split,
                            end: b.end,
                        });
                        i += 3;
                        continue;
                    }
                    if word_ends && matches!(ql.as_str(), "s" | "m" | "d" | "re" | "ve" | "ll") {
                        emit_word(text, cur, out);
                        out.push(Span {
                            start: a.start,
                            end: b.end,
                        });
                        i += 3;
                        continue;
                    }
                    coalesce(p, i, i + 2);
                    continue;
                }
            }
            // hyphens kept after prefixes: e-mail, non-profit, ninety-nine
            if is(n1.as_ref(), "-") {
                let lw = w.to_lowercase();
                if let Some(b) = n2 {
                    if b.kind == Kind::Word
                        && HYPHEN_PREFIXES.contains(&lw.as_str())
                        && all_alpha(&cur)
                    {
                        coalesce(p, i, i + 2);
                        continue;
                    }
                } else if all_alpha(&cur) && i + 2 == p.len() {
                    // a truncated word at the end of a chunk: th-
                    coalesce(p, i, i + 1);
                    p[i].kind = Kind::Done;
                    continue;
                }
            }
            // AT&T, Q&A, R&D
            if is(n1.as_ref(), "&") {
                if let Some(b) = n2 {
                    let caps =
                        |x: &Piece| x.kind == Kind::Word && t(x).chars().all(|c| c.is_uppercase());
                    if caps(&cur) && caps(&b) {
                        coalesce(p, i, i + 2);
                        continue;
                    }
                }
            }
            emit_word(text, cur, out);
            i += 1;
            continue;
        }
        if i == 0
            && cur.kind == Kind::Punct
            && t(&cur) == "+"
            && n1.as_ref().is_some_and(starts_digit)
            && p.len() == 2
        {
            coalesce(p, i, i + 1);
            p[i].kind = Kind::Done;
            continue;
        }
        if i == 0 && cur.kind == Kind::Punct && (t(&cur) == "#" || t(&cur) == ".") {
            if let Some(b) = n1 {
                let r = t(&b);
                let ext = matches!(
                    r,
                    "doc"
                        | "docx"
                        | "pdf"
                        | "htm"
                        | "html"
                        | "jpg"
                        | "png"
                        | "gif"
                        | "txt"
                        | "xls"
                        | "xlsx"
                        | "ppt"
                        | "zip"
                        | "exe"
                        | "com"
                        | "net"
                        | "org"
                );
                if b.kind == Kind::Word
                    && r.chars().next().is_some_and(|c| c.is_alphabetic())
                    && (t(&cur) == "#" || ext)
                {
                    coalesce(p, i, i + 1);
                    continue;
                }
            }
        }
        if cur.kind == Kind::Apos {
            // 'em, 'cause, '90s
            if let Some(b) = n1 {
                if b.kind == Kind::Word && t(&cur) != "‘" {
                    let q = t(&b).to_lowercase();
                    let ends = !p
                        .get(i + 2)
                        .is_some_and(|x| x.kind == Kind::Word || x.kind == Kind::Apos);
                    if ends
                        && (matches!(q.as_str(), "em" | "cause" | "til" | "tis" | "twas" | "n")
                            || (q.len() == 2 && q.chars().all(|c| c.is_ascii_digit()))
                            || (q.len() == 3
                                && q.ends_with('s')
                                && q.chars().take(2).all(|c| c.is_ascii_digit())))
                    {
                        coalesce(p, i, i + 1);
                        p[i].kind = Kind::Done;
                        continue;
                    }
                }
            }
        }
        out.push(Span {
            start: cur.start,
            end: cur.end,
        });
        i += 1;
    }
}

fn is_abbreviation(w: &str) -> bool {
    let n = w.chars().count();
    if n == 1 {
        return w.chars().all(|c| c.is_alphabetic());
    }
    if ABBREV_CASED.contains(&w) {
        return true;
    }
    if n > 6 || !w.chars().all(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    let l = w.to_ascii_lowercase();
    // Title case or lower case only (not SHOUTED words like "THE.").
    let ok_case = w.chars().skip(1).all(|c| c.is_ascii_lowercase())
        || w.chars().all(|c| c.is_ascii_uppercase());
    ok_case && ABBREV_ANY_CASE.contains(&l.as_str())
}

/// Emits a word piece, splitting fused forms (`cannot`, `gonna`, `dont`) and number+unit.
fn emit_word(text: &str, p: Piece, out: &mut Vec<Span>) {
    let w = &text[p.start..p.end];
    if p.kind == Kind::Word && w.len() <= 8 && w.is_ascii() {
        let l = w.to_ascii_lowercase();
        if let Some(&(_, k)) = SPLIT_WORDS.iter().find(|(s, _)| *s == l) {
            out.push(Span {
                start: p.start,
                end: p.start + k,
            });
            out.push(Span {
                start: p.start + k,
                end: p.end,
            });
            return;
        }
    }
    // 5pm, 10km, 7:30PM
    if w.is_ascii() && w.as_bytes().first().is_some_and(|b| b.is_ascii_digit()) {
        if let Some(last_digit) = w.rfind(|c: char| c.is_ascii_digit()) {
            let pos = last_digit + 1;
            let unit = &w[pos..];
            if !unit.is_empty()
                && unit.len() <= 3
                && UNITS.contains(&unit.to_ascii_lowercase().as_str())
                && unit.chars().all(|c| c.is_ascii_alphabetic())
            {
                out.push(Span {
                    start: p.start,
                    end: p.start + pos,
                });
                out.push(Span {
                    start: p.start + pos,
                    end: p.end,
                });
                return;
            }
        }
    }
    out.push(Span {
        start: p.start,
        end: p.end,
    });
}

fn coalesce(p: &mut Vec<Piece>, i: usize, j: usize) {
    let j = j.min(p.len() - 1);
    let end = p[j].end;
    p[i].end = end;
    p[i].kind = if p[i].kind == Kind::Done {
        Kind::Done
    } else {
        Kind::Word
    };
    p.drain(i + 1..=j);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|sp| &s[sp.start..sp.end]).collect()
    }

    #[test]
    fn clitics() {
        assert_eq!(words("I don't know."), ["I", "do", "n't", "know", "."]);
        assert_eq!(words("It's John's car"), ["It", "'s", "John", "'s", "car"]);
        assert_eq!(words("It’s Maria’s"), ["It", "’s", "Maria", "’s"]);
        assert_eq!(
            words("we can't, won't, cannot"),
            ["we", "ca", "n't", ",", "wo", "n't", ",", "can", "not"]
        );
        assert_eq!(
            words("they're I'm you'll we'd I've"),
            ["they", "'re", "I", "'m", "you", "'ll", "we", "'d", "I", "'ve"]
        );
        assert_eq!(
            words("the parents' house"),
            ["the", "parents", "'", "house"]
        );
        assert_eq!(words("O'Brien gonna"), ["O'Brien", "gon", "na"]);
    }

    #[test]
    fn punctuation_and_quotes() {
        assert_eq!(
            words("\"The plan will fail,\" said Maria."),
            ["\"", "The", "plan", "will", "fail", ",", "\"", "said", "Maria", "."]
        );
        assert_eq!(
            words("“Yes” ‘no’ «oui» „ja“"),
            ["“", "Yes", "”", "‘", "no", "’", "«", "oui", "»", "„", "ja", "“"]
        );
        assert_eq!(words("Wait... what?!"), ["Wait", "...", "what", "?!"]);
        assert_eq!(words("(see above)"), ["(", "see", "above", ")"]);
    }

    #[test]
    fn abbreviations_numbers_hyphens() {
        assert_eq!(
            words("Dr. J. Smith of the U.S. Army"),
            ["Dr.", "J.", "Smith", "of", "the", "U.S.", "Army"]
        );
        assert_eq!(words("in the U.S. now"), ["in", "the", "U.S.", "now"]);
        // sentence-final: the period is a word of its own, as in EWT
        assert_eq!(words("in the U.S."), ["in", "the", "U.S", "."]);
        assert_eq!(
            words("apples, pears etc."),
            ["apples", ",", "pears", "etc", "."]
        );
        assert_eq!(words("No. 5 said no."), ["No.", "5", "said", "no", "."]);
        assert_eq!(
            words("call 1-800-991-9019 or 853-3242 at 7:30PM"),
            [
                "call",
                "1-800-991-9019",
                "or",
                "853-3242",
                "at",
                "7:30",
                "PM"
            ]
        );
        assert_eq!(
            words("e.g. 3,000 people paid $2.5 at 10:30 on 9/11/2001 (10%)"),
            [
                "e.g.",
                "3,000",
                "people",
                "paid",
                "$",
                "2.5",
                "at",
                "10:30",
                "on",
                "9/11/2001",
                "(",
                "10",
                "%",
                ")"
            ]
        );
        assert_eq!(
            words("a long-term e-mail from a non-profit"),
            [
                "a",
                "long",
                "-",
                "term",
                "e-mail",
                "from",
                "a",
                "non-profit"
            ]
        );
        assert_eq!(words("It ended."), ["It", "ended", "."]);
        assert_eq!(words("at 5pm"), ["at", "5", "pm"]);
    }

    #[test]
    fn urls_and_unicode() {
        assert_eq!(
            words("See https://example.com/a?b=1."),
            ["See", "https://example.com/a?b=1", "."]
        );
        assert_eq!(
            words("mail (jo.doe@example.org)"),
            ["mail", "(", "jo.doe@example.org", ")"]
        );
        assert_eq!(words("café naïve 👍🏽 x"), ["café", "naïve", "👍🏽", "x"]);
        assert_eq!(words("שלום עולם"), ["שלום", "עולם"]);
        assert!(words("").is_empty());
        assert!(words(" \t\n\u{0}").is_empty());
        assert_eq!(words("e\u{301}\u{301}"), ["e\u{301}\u{301}"]);
        assert_eq!(words("\u{301}a"), ["\u{301}a"]);
    }
}
