//! What every format's metadata goes through: dates to ISO 8601, bylines to a list of
//! names, language tags to BCP 47, and the header a text or Markdown file may open with
//! (YAML front matter, `Author:`/`Date:` lines, a `By Name` line, a date line). A value
//! that does not read as what it should be is dropped, never guessed at.

use crate::model::Metadata;

/// Collapsed white space; None when nothing is left.
pub(crate) fn clean(s: &str) -> Option<String> {
    let s = super::collapse_whitespace(s);
    (!s.is_empty()).then_some(s)
}

// ---------------------------------------------------------------------------------------
// Dates

/// English, French, Spanish, Portuguese, German, Italian and Dutch month names (and their
/// usual abbreviations), for dates written out in a byline or a text's date line.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("janvier", 1),
    ("enero", 1),
    ("janeiro", 1),
    ("januar", 1),
    ("gennaio", 1),
    ("januari", 1),
    ("february", 2),
    ("feb", 2),
    ("février", 2),
    ("fevrier", 2),
    ("febrero", 2),
    ("fevereiro", 2),
    ("februar", 2),
    ("febbraio", 2),
    ("februari", 2),
    ("march", 3),
    ("mar", 3),
    ("mars", 3),
    ("marzo", 3),
    ("março", 3),
    ("marco", 3),
    ("märz", 3),
    ("maart", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("abril", 4),
    ("aprile", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maio", 5),
    ("maggio", 5),
    ("mei", 5),
    ("june", 6),
    ("jun", 6),
    ("juin", 6),
    ("junio", 6),
    ("junho", 6),
    ("juni", 6),
    ("giugno", 6),
    ("july", 7),
    ("jul", 7),
    ("juillet", 7),
    ("julio", 7),
    ("julho", 7),
    ("juli", 7),
    ("luglio", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("augustus", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("setembro", 9),
    ("settembre", 9),
    ("october", 10),
    ("oct", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("outubro", 10),
    ("oktober", 10),
    ("ottobre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("december", 12),
    ("dec", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("diciembre", 12),
    ("dezembro", 12),
    ("dezember", 12),
    ("dicembre", 12),
];

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn valid_date(y: u32, m: u32, d: u32) -> bool {
    (1900..=2200).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

/// Reads a run of ASCII digits at the start of `s`: the number and how many digits.
fn digits(s: &str) -> (u32, usize) {
    let n = s.bytes().take_while(u8::is_ascii_digit).count().min(9);
    (s[..n].parse().unwrap_or(0), n)
}

/// A date as a source writes it, in ISO 8601: `2015-07-24`, or with the time as given
/// (`2015-07-24T05:36:09`, `2018-04-05T06:00`) and the time zone when it is given
/// (`+01:00`, `Z`). Machine dates (`2021-11-01T10:52:50+0100`,
/// `2017-11-03 03:01:00.000000`, `2019-01-03T07:00:02.000Z`, PDF's
/// `D:20150724053609+01'00'`) and written ones (`March 5, 2019`, `5 mars 2019`,
/// `21 de diciembre de 2018`, `1. November 2021`) are read; fractions of a second are
/// dropped. A date that could be read two ways (`03/04/2019`) or is not a real day is
/// None.
pub fn normalise_date(raw: &str) -> Option<String> {
    let s = raw.trim();
    let s = s.strip_prefix("D:").unwrap_or(s);
    iso_date(s)
        .or_else(|| compact_date(s))
        .or_else(|| written_date(s))
}

/// `YYYY-MM-DD`, then optionally `T` or a space and `HH:MM[:SS[.f]]`, then a zone.
fn iso_date(s: &str) -> Option<String> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    // Bytes 4 and 7 are ASCII, but byte 10 may fall inside a character.
    let (y, ny) = digits(s.get(..4)?);
    let (m, nm) = digits(s.get(5..7)?);
    let (d, nd) = digits(s.get(8..10)?);
    if ny != 4 || nm != 2 || nd != 2 || !valid_date(y, m, d) {
        return None;
    }
    let date = format!("{y:04}-{m:02}-{d:02}");
    let rest = &s[10..];
    let Some(time) = rest.strip_prefix(['T', ' ']) else {
        return Some(date);
    };
    Some(match time_and_zone(time) {
        Some(t) => format!("{date}T{t}"),
        None => date,
    })
}

/// PDF and some meta tags: `YYYYMMDD[HHMM[SS]]` then a zone (`Z`, `+01'00'`).
fn compact_date(s: &str) -> Option<String> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n < 8 || !(n == 8 || n == 12 || n == 14) {
        return None;
    }
    let num = |a: usize, b: usize| s[a..b].parse::<u32>().ok();
    let (y, m, d) = (num(0, 4)?, num(4, 6)?, num(6, 8)?);
    if !valid_date(y, m, d) {
        return None;
    }
    let date = format!("{y:04}-{m:02}-{d:02}");
    if n == 8 {
        return Some(date);
    }
    let (h, mi) = (num(8, 10)?, num(10, 12)?);
    let sec = if n == 14 { num(12, 14)? } else { 0 };
    if h > 23 || mi > 59 || sec > 60 {
        return Some(date);
    }
    let time = if n == 14 {
        format!("{h:02}:{mi:02}:{sec:02}")
    } else {
        format!("{h:02}:{mi:02}")
    };
    let zone = zone(s[n..].trim().replace('\'', ":").trim_end_matches(':')).unwrap_or_default();
    Some(format!("{date}T{time}{zone}"))
}

/// `HH:MM[:SS[.fff]]` and an optional zone; None if the time is not one.
fn time_and_zone(s: &str) -> Option<String> {
    let (h, nh) = digits(s);
    if nh != 2 || s.as_bytes().get(2) != Some(&b':') {
        return None;
    }
    let (mi, nmi) = digits(&s[3..]);
    if nmi != 2 || h > 23 || mi > 59 {
        return None;
    }
    let mut rest = &s[5..];
    let mut time = format!("{h:02}:{mi:02}");
    if let Some(after) = rest.strip_prefix(':') {
        let (sec, ns) = digits(after);
        if ns != 2 || sec > 60 {
            return None;
        }
        time.push_str(&format!(":{sec:02}"));
        rest = &after[2..];
        if let Some(fraction) = rest.strip_prefix(['.', ',']) {
            let (_, nf) = digits(fraction);
            rest = &fraction[nf..];
        }
    }
    let rest = rest.trim();
    if rest.is_empty() {
        return Some(time);
    }
    zone(rest).map(|z| format!("{time}{z}"))
}

/// A time zone as ISO 8601 writes it: `Z`, `+01:00`; from `Z`, `UTC`, `GMT`, `+0100`,
/// `+01`, `+01:00`. None for anything else (a zone's name is not read: `ET` is two
/// offsets).
fn zone(s: impl AsRef<str>) -> Option<String> {
    let s = s.as_ref().trim();
    if s.eq_ignore_ascii_case("z") || s.eq_ignore_ascii_case("utc") || s.eq_ignore_ascii_case("gmt")
    {
        return Some("Z".to_string());
    }
    let sign = s.chars().next().filter(|c| matches!(c, '+' | '-'))?;
    let body = s[1..].replace(':', "");
    if !body.bytes().all(|b| b.is_ascii_digit()) || !(body.len() == 2 || body.len() == 4) {
        return None;
    }
    let h: u32 = body[..2].parse().ok()?;
    let m: u32 = if body.len() == 4 {
        body[2..].parse().ok()?
    } else {
        0
    };
    if h > 14 || m > 59 {
        return None;
    }
    if h == 0 && m == 0 && sign == '+' {
        return Some("+00:00".to_string());
    }
    Some(format!("{sign}{h:02}:{m:02}"))
}

fn month_named(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(name, _)| *name == w).map(|(_, m)| *m)
}

/// A date written out: a month's name with a day and a year in either order (`March 5,
/// 2019`, `5th March 2019`, `5 de março de 2019`), or a numeric date that can be read only
/// one way (`26/2/2015`, `2015/02/26`). The date only: a written time has no zone.
fn written_date(s: &str) -> Option<String> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '·'))
        .map(|w| w.trim_matches(|c: char| matches!(c, '(' | ')' | '.' | ':')))
        .filter(|w| !w.is_empty() && !matches!(w.to_lowercase().as_str(), "de" | "of" | "the"))
        .collect();
    for (i, w) in words.iter().enumerate() {
        if let Some(month) = month_named(w) {
            let number = |w: Option<&&str>| -> Option<(u32, usize)> {
                let w = w?;
                let t = w.trim_end_matches(|c: char| c.is_alphabetic());
                let (n, len) = digits(t);
                (len > 0 && len == t.len()).then_some((n, len))
            };
            let before = i.checked_sub(1).and_then(|j| number(words.get(j)));
            let after = number(words.get(i + 1));
            let after2 = number(words.get(i + 2));
            let (day, year) = match (before, after, after2) {
                (Some((d, dl)), Some((y, 4)), _) if dl <= 2 => (d, y),
                (_, Some((d, dl)), Some((y, 4))) if dl <= 2 => (d, y),
                _ => continue,
            };
            if valid_date(year, month, day) {
                return Some(format!("{year:04}-{month:02}-{day:02}"));
            }
        }
    }
    // Numeric with slashes or dots: year first, or a day over 12 makes the order plain.
    for w in &words {
        let parts: Vec<&str> = w.split(['/', '.', '-']).collect();
        if parts.len() != 3
            || !parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        {
            continue;
        }
        let n: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        if n.len() != 3 {
            continue;
        }
        let (y, m, d) = if parts[0].len() == 4 {
            (n[0], n[1], n[2])
        } else if parts[2].len() == 4 && n[0] > 12 && n[1] <= 12 {
            (n[2], n[1], n[0])
        } else if parts[2].len() == 4 && n[1] > 12 && n[0] <= 12 {
            (n[2], n[0], n[1])
        } else {
            continue;
        };
        if valid_date(y, m, d) {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
    }
    None
}

/// A line that is nothing but a date (and the words that introduce one: `Updated`,
/// `Published on`, a weekday, a time): a dateline, not a paragraph.
pub fn is_date_line(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty()
        || line.split_whitespace().count() > 14
        || written_date(line).is_none() && iso_date(line).is_none()
    {
        return false;
    }
    const FILLER: &[&str] = &[
        "updated",
        "update",
        "published",
        "posted",
        "last",
        "first",
        "on",
        "at",
        "am",
        "pm",
        "a.m",
        "p.m",
        "et",
        "est",
        "edt",
        "pt",
        "pst",
        "pdt",
        "ct",
        "cst",
        "cdt",
        "gmt",
        "utc",
        "bst",
        "cet",
        "cest",
        "de",
        "of",
        "the",
        "le",
        "el",
        "modified",
        "created",
        "date",
        "dated",
        "publié",
        "mis",
        "à",
        "jour",
        "publicado",
        "actualizado",
        "em",
        "às",
        "veröffentlicht",
        "aktualisiert",
        "am",
        "um",
        "uhr",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "h",
    ];
    line.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '|' | '·' | '(' | ')' | '/' | '-' | '–' | '.')
    })
    .map(|w| w.trim_matches(|c: char| matches!(c, ':' | ';')))
    .filter(|w| !w.is_empty())
    .all(|w| {
        let lower = w.to_lowercase();
        month_named(&lower).is_some()
            || FILLER.contains(&lower.as_str())
            || WEEKDAYS.contains(&lower.as_str())
            || lower
                .trim_end_matches(['s', 't', 'n', 'd', 'r', 'h', 'a', 'm', 'p'])
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b':')
    })
}

// ---------------------------------------------------------------------------------------
// Names

/// The words that introduce a byline, lowercase, in the languages of the news we read.
const BY: &[&str] = &[
    "written by",
    "story by",
    "words by",
    "text by",
    "reported by",
    "posted by",
    "by:",
    "by",
    "par",
    "por",
    "von",
    "door",
    "di",
    "av",
    "author:",
    "authors:",
    "autor:",
    "auteur:",
    "autore:",
    "text:",
    "texto:",
    "von:",
];

/// Letters after a name that say what the person is, not who.
const CREDENTIALS: &[&str] = &[
    "ma", "ms", "msc", "md", "phd", "ph.d", "ph.d.", "mph", "rn", "rd", "dds", "jd", "mba", "bsc",
    "ba", "cpa", "jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "do", "lcsw", "facp",
];

/// Lowercase words inside names (`Michiel de Jong`, `Ludwig van Beethoven`).
const PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "la", "le", "van", "von", "der",
    "den", "ter", "ten", "bin", "binti", "al", "el", "y", "e", "st.", "mac", "af", "zu",
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Words of a byline's furniture, never of a name (`Follow Author`, `Last Updated`).
const NOT_NAMES: &[&str] = &[
    "last",
    "updated",
    "update",
    "published",
    "posted",
    "follow",
    "share",
    "author",
    "authors",
    "editor",
    "editors",
    "contributor",
    "contributors",
    "admin",
    "comments",
    "comment",
    "read",
    "more",
    "email",
    "print",
    "view",
    "all",
    "posts",
    "profile",
    "bio",
    "twitter",
    "facebook",
    "written",
];

/// Where a byline's names end: what follows is a date, a role or the outlet.
const BYLINE_ENDS: &[&str] = &[
    " | ",
    " — ",
    " – ",
    " - ",
    "•",
    "·",
    "\n",
    " on ",
    " published",
    " updated",
    " posted",
];

/// The names of a field that holds names and nothing else (JSON-LD's `author`, a meta
/// tag, a PDF's `/Author`, a Word document's creator): split as a byline is, each kept
/// unless it is an address or not a name at all (no capital, too long); an organisation
/// (`Contributors to Wikimedia projects`) is a name here.
pub fn author_names(raw: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for part in split_names(raw.trim()) {
        let part = super::collapse_whitespace(part.trim_matches([',', ';', ':', ' ']));
        let plain = !part.contains("://")
            && !part.contains('@')
            && !part.contains("www.")
            && !part.chars().any(|c| c.is_ascii_digit());
        let words = part.split_whitespace().count();
        let named = as_name(&part).or_else(|| {
            (plain && (1..=8).contains(&words) && part.chars().any(char::is_uppercase))
                .then(|| part.clone())
        });
        if let Some(n) = named {
            if !names.contains(&n) {
                names.push(n);
            }
        }
    }
    names
}

/// The names of a byline or an author field: `By Jane Doe and John Roe` -> `[Jane Doe,
/// John Roe]`; `By Brenda Goodman, MA` -> `[Brenda Goodman]`; `Par Sébastien Farcis` ->
/// `[Sébastien Farcis]`; what is not a name (a profile's address, a date, a role, an
/// e-mail address) is left out.
pub fn byline_names(raw: &str) -> Vec<String> {
    let mut s = raw.trim();
    loop {
        let lower = s.to_lowercase();
        let Some(lead) = BY.iter().find(|b| {
            lower.starts_with(*b)
                && (b.ends_with(':') || lower[b.len()..].starts_with(char::is_whitespace))
        }) else {
            break;
        };
        // Lowercasing keeps the byte length of these words.
        s = s.get(lead.len()..).unwrap_or("").trim_start();
    }
    // The first line holds the names; dates and roles follow on the next lines.
    let lower = s.to_lowercase();
    let mut cut = s.len();
    for end in BYLINE_ENDS {
        if let Some(i) = lower.find(end) {
            if i > 0 {
                cut = cut.min(i);
            }
        }
    }
    let s = super::collapse_whitespace(s.get(..cut).unwrap_or(s));
    let mut names: Vec<String> = Vec::new();
    let parts = split_names(&s);
    for part in parts {
        let name = part.trim().trim_matches([',', ';', ':']).trim();
        if let Some(name) = as_name(name) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

/// Splits a list of names at commas, semicolons and the word `and` (in the languages read),
/// keeping `Surname, Given` together when it is one name.
fn split_names(s: &str) -> Vec<String> {
    // Addresses are no names (and their slashes would split them).
    let kept: Vec<&str> = s
        .split_whitespace()
        .filter(|w| {
            !w.contains("://") && !w.to_lowercase().starts_with("(http") && !w.starts_with("www.")
        })
        .collect();
    let mut normalised = format!(" {} ", kept.join(" "));
    // `Martin Untersinger (avec Damien Leloup et Morgane Tual)`: those named in brackets
    // wrote it too.
    for with in ["(avec ", "(with ", "(con ", "(com ", "(mit ", "(met "] {
        normalised = normalised.replace(with, "; ");
    }
    normalised = normalised.replace([')', '('], " ");
    // `and` joins two names only where both sides are names of two words or more: `Mac &
    // i` and `Procter & Gamble` are one name each.
    for sep in [
        " and ", " And ", " AND ", " & ", " et ", " y ", " e ", " und ", " en ", " og ", " i ",
    ] {
        let parts: Vec<&str> = normalised.split(sep).collect();
        let names = parts.iter().all(|p| {
            let last = p.rsplit([';', ',']).next().unwrap_or(p);
            let first = p.split([';', ',']).next().unwrap_or(p);
            last.split_whitespace().count() >= 2 && first.split_whitespace().count() >= 2
        });
        if parts.len() > 1 && names {
            normalised = parts.join("; ");
        }
    }
    let mut out = Vec::new();
    for piece in normalised.split([';', '/', '、', '，']) {
        let commas: Vec<&str> = piece
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        // `Jong, Michiel de`: one word before the only comma, more after, is one name.
        if commas.len() == 2
            && commas[0].split_whitespace().count() == 1
            && !CREDENTIALS.contains(&commas[1].to_lowercase().trim_end_matches('.'))
            && commas[1].split_whitespace().count() <= 3
            && out.is_empty()
            && !kept.iter().any(|w| w.contains(';'))
        {
            out.push(format!("{}, {}", commas[0], commas[1]));
            continue;
        }
        for c in commas {
            if CREDENTIALS.contains(&c.to_lowercase().as_str())
                || CREDENTIALS.contains(&c.to_lowercase().trim_end_matches('.'))
            {
                continue;
            }
            out.push(c.to_string());
        }
    }
    out
}

/// A person's or organisation's name as bylines print it: 1 to 6 words, capitalised but
/// for particles, no digits, no address; or a name in a script without capitals, short.
fn as_name(s: &str) -> Option<String> {
    let s = super::collapse_whitespace(s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '“' | '”' | '(' | ')')
    }));
    if s.is_empty()
        || s.contains("://")
        || s.contains('@')
        || s.contains("www.")
        || s.chars().any(|c| c.is_ascii_digit())
        || s.chars().count() > 60
    {
        return None;
    }
    // A weekday or a month after the name starts the date (`Joe Wee Monday`).
    let mut words: Vec<&str> = s.split_whitespace().collect();
    if let Some(at) = words.iter().enumerate().position(|(i, w)| {
        let lower = w.to_lowercase();
        let dated = words
            .get(i + 1)
            .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
        WEEKDAYS.contains(&lower.as_str()) || (month_named(&lower).is_some() && dated)
    }) {
        words.truncate(at);
    }
    let s = words.join(" ");
    if words.is_empty()
        || words.len() > 6
        || words.iter().any(|w| {
            NOT_NAMES.contains(&w.to_lowercase().trim_matches(|c: char| !c.is_alphabetic()))
        })
    {
        return None;
    }
    let cased = s.chars().any(|c| c.is_uppercase() || c.is_lowercase());
    if !cased {
        // Chinese, Japanese, Korean, Thai...: no capitals to go by.
        return (s.chars().count() <= 20).then_some(s);
    }
    let ok = words.iter().all(|w| {
        let first = w.chars().find(|c| c.is_alphabetic());
        first.is_some_and(char::is_uppercase)
            || PARTICLES.contains(&w.to_lowercase().as_str())
            || w.chars().filter(|c| c.is_alphabetic()).count() <= 1
    });
    (ok && words
        .iter()
        .any(|w| w.chars().next().is_some_and(char::is_uppercase)))
    .then_some(s)
}

// ---------------------------------------------------------------------------------------
// Language

/// A language tag as BCP 47 writes it: `en`, `en-US`, `zh-Hant-TW` (from `en_us`, `EN`,
/// `zh_Hant_TW`); None when it is not a tag.
pub fn language_tag(raw: &str) -> Option<String> {
    let raw = raw.trim().replace('_', "-");
    let mut parts = raw.split('-');
    let primary = parts.next()?.to_ascii_lowercase();
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut out = primary;
    for p in parts {
        if p.is_empty() || p.len() > 8 || !p.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        out.push('-');
        match p.len() {
            2 => out.push_str(&p.to_ascii_uppercase()),
            4 => {
                let mut c = p.chars();
                if let Some(f) = c.next() {
                    out.push(f.to_ascii_uppercase());
                    out.push_str(&c.as_str().to_ascii_lowercase());
                }
            }
            _ => out.push_str(&p.to_ascii_lowercase()),
        }
    }
    Some(out)
}

/// An absolute web address, or None.
pub fn web_address(raw: &str) -> Option<String> {
    let s = raw.trim();
    let lower = s.to_ascii_lowercase();
    ((lower.starts_with("http://") || lower.starts_with("https://"))
        && s.len() > 10
        && !s.contains(char::is_whitespace))
    .then(|| s.to_string())
}

// ---------------------------------------------------------------------------------------
// The header of a text or Markdown file

/// The lines of a YAML front matter block at the start of `text` (`---` lines around
/// `key: value` lines).
fn front_matter(text: &str) -> Option<Vec<&str>> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = body.find('\n')?;
    if body[..first_end].trim_end() != "---" {
        return None;
    }
    let mut lines = Vec::new();
    for line in body[first_end + 1..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim_end() == "---" || content.trim_end() == "..." {
            return Some(lines);
        }
        lines.push(content);
        if lines.len() > 200 {
            return None;
        }
    }
    None
}

/// The metadata the first lines of a text say, and the title if one is given by key:
/// YAML front matter (`title`, `author`/`authors`, `date`, `site`/`publisher`/`source`,
/// `url`/`link`/`canonical`, `lang`/`language`, `description`/`summary`), else
/// `Key: value` lines among the first ten, a `By Name` line and a line that is a date.
pub fn text_header(text: &str) -> (Option<String>, Metadata) {
    let mut m = Metadata::default();
    let mut title = None;
    let pairs: Vec<(String, String)> = match front_matter(text) {
        Some(lines) => yaml_pairs(&lines),
        None => Vec::new(),
    };
    let from_front = !pairs.is_empty();
    let head: Vec<&str> = if from_front {
        Vec::new()
    } else {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(10)
            .collect()
    };
    let mut pairs = pairs;
    if !from_front {
        for line in &head {
            if let Some((k, v)) = line.split_once(':') {
                let key = k.trim().to_lowercase();
                if !key.contains(' ') || key == "published on" {
                    pairs.push((key, v.trim().to_string()));
                }
            }
        }
    }
    for (key, value) in &pairs {
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
        match key.as_str() {
            "title" | "headline" => title = title.take().or_else(|| clean(value)),
            "author" | "authors" | "byline" | "by" | "creator" if m.authors.is_empty() => {
                m.authors = byline_names(value.trim_matches(|c| c == '[' || c == ']'));
            }
            "date" | "published" | "pubdate" | "published on" | "publication date" => {
                m.published = m.published.take().or_else(|| normalise_date(value))
            }
            "site" | "publisher" | "source" | "outlet" | "publication" => {
                if web_address(value).is_none() {
                    m.site = m.site.take().or_else(|| clean(value));
                } else {
                    m.url = m.url.take().or_else(|| web_address(value));
                }
            }
            "url" | "link" | "canonical" | "permalink" => {
                m.url = m.url.take().or_else(|| web_address(value))
            }
            "lang" | "language" => m.language = m.language.take().or_else(|| language_tag(value)),
            "description" | "summary" | "excerpt" => {
                m.description = m.description.take().or_else(|| clean(value))
            }
            _ => {}
        }
    }
    if !from_front {
        for line in head.iter().take(6) {
            let lower = line.to_lowercase();
            if m.authors.is_empty()
                && line.split_whitespace().count() <= 12
                && (lower.starts_with("by ") || lower.starts_with("written by "))
            {
                m.authors = byline_names(line);
            } else if m.published.is_none() && is_date_line(line) {
                m.published = normalise_date(line);
            }
        }
    }
    (title, m)
}

/// `key: value` pairs of a YAML front matter, with lists (`- item` lines and `[a, b]`)
/// joined by commas. Keys lowercase.
fn yaml_pairs(lines: &[&str]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in lines {
        let trimmed = line.trim();
        if let Some(item) = trimmed.strip_prefix("- ") {
            if line.starts_with(char::is_whitespace) || line.starts_with('-') {
                if let Some((_, v)) = out.last_mut() {
                    let item = item.trim().trim_matches(|c| c == '"' || c == '\'');
                    let item = item.strip_prefix("name:").map(str::trim).unwrap_or(item);
                    if !v.is_empty() {
                        v.push_str(", ");
                    }
                    v.push_str(item);
                }
            }
            continue;
        }
        if line.starts_with(char::is_whitespace) {
            continue;
        }
        if let Some((k, v)) = trimmed.split_once(':') {
            out.push((k.trim().to_lowercase(), v.trim().to_string()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_dates_become_iso_8601() {
        for (raw, want) in [
            ("2015-07-24T05:36:09+01:00", "2015-07-24T05:36:09+01:00"),
            ("2019-01-03T07:00:02.000Z", "2019-01-03T07:00:02Z"),
            ("2021-11-01T10:52:50+0100", "2021-11-01T10:52:50+01:00"),
            ("2017-11-03 03:01:00.000000", "2017-11-03T03:01:00"),
            ("2018-04-05T06:00", "2018-04-05T06:00"),
            ("2024-06-25", "2024-06-25"),
            ("D:20150724053609+01'00'", "2015-07-24T05:36:09+01:00"),
            ("D:20150724", "2015-07-24"),
            ("2015-07-24T05:36:09 GMT", "2015-07-24T05:36:09Z"),
        ] {
            assert_eq!(normalise_date(raw).as_deref(), Some(want), "{raw}");
        }
    }

    #[test]
    fn written_dates_and_what_is_not_a_date() {
        for (raw, want) in [
            ("March 5, 2019", "2019-03-05"),
            ("Published 5th March 2019 at 10:00", "2019-03-05"),
            ("30 avril 2015", "2015-04-30"),
            ("21 de diciembre de 2018", "2018-12-21"),
            ("1. November 2021", "2021-11-01"),
            ("Mar 27, 2015 8:00 pm UTC", "2015-03-27"),
            ("26/2/2015", "2015-02-26"),
        ] {
            assert_eq!(normalise_date(raw).as_deref(), Some(want), "{raw}");
        }
        for raw in [
            "03/04/2019",
            "2019-02-30",
            "yesterday",
            "May the force",
            "",
            "2019-13-01",
            "2024-03-0é",
            "2024-0é-05",
        ] {
            assert_eq!(normalise_date(raw), None, "{raw}");
        }
    }

    #[test]
    fn date_lines() {
        assert!(is_date_line("Updated 2:30 PM ET, Mon June 5, 2017"));
        assert!(is_date_line("22 Dec, 2016"));
        assert!(is_date_line("March 5, 2019"));
        assert!(!is_date_line(
            "On March 5, 2019 the council voted to close the bridge."
        ));
        assert!(!is_date_line("The river rose."));
    }

    #[test]
    fn bylines_become_names() {
        assert_eq!(
            byline_names("By Jane Doe and John Roe"),
            vec!["Jane Doe", "John Roe"]
        );
        assert_eq!(
            byline_names("By\n\t\t\tScott Cunningham"),
            vec!["Scott Cunningham"]
        );
        assert_eq!(
            byline_names("By Brenda  Goodman, MA\n  WebMD Health News"),
            vec!["Brenda Goodman"]
        );
        assert_eq!(
            byline_names("Par Sébastien Farcis"),
            vec!["Sébastien Farcis"]
        );
        assert_eq!(
            byline_names("Stella Kim, Jennifer Jett"),
            vec!["Stella Kim", "Jennifer Jett"]
        );
        assert_eq!(byline_names("Jong, Michiel de"), vec!["Jong, Michiel de"]);
        assert_eq!(
            byline_names("Dan Goodin - Mar 27, 2015 8:00 pm UTC"),
            vec!["Dan Goodin"]
        );
        assert_eq!(byline_names("JOE HILDEBRAND"), vec!["JOE HILDEBRAND"]);
        assert_eq!(byline_names("Mac & i"), vec!["Mac & i"]);
        assert_eq!(
            byline_names("Laura June Topolsky"),
            vec!["Laura June Topolsky"]
        );
        assert_eq!(
            author_names("Contributors to Wikimedia projects"),
            vec!["Contributors to Wikimedia projects"]
        );
        assert_eq!(
            author_names("Jane Doe; https://example.com/jane"),
            vec!["Jane Doe"]
        );
        assert_eq!(byline_names("BY: Joe Wee Monday, 5 March"), vec!["Joe Wee"]);
        assert_eq!(
            byline_names("Martin Untersinger (avec Damien Leloup et Morgane Tual)"),
            vec!["Martin Untersinger", "Damien Leloup", "Morgane Tual"]
        );
        assert_eq!(byline_names("肖春芳"), vec!["肖春芳"]);
        assert!(byline_names("https://www.facebook.com/someone").is_empty());
        assert!(byline_names("Last Updated: January 7, 2025").is_empty());
        assert!(byline_names("by the way, this is not one").is_empty());
    }

    #[test]
    fn language_tags() {
        assert_eq!(language_tag("en_us").as_deref(), Some("en-US"));
        assert_eq!(language_tag("EN").as_deref(), Some("en"));
        assert_eq!(language_tag("zh_hant_tw").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(language_tag("english language"), None);
    }

    #[test]
    fn text_headers() {
        let (title, m) = text_header(
            "---\ntitle: \"Rivers rise\"\nauthors:\n  - Jane Doe\n  - John Roe\ndate: 2024-03-05\nsite: Daily Paper\nurl: https://example.com/rivers\nlang: en_GB\n---\n\nText.\n",
        );
        assert_eq!(title.as_deref(), Some("Rivers rise"));
        assert_eq!(m.authors, vec!["Jane Doe", "John Roe"]);
        assert_eq!(m.published.as_deref(), Some("2024-03-05"));
        assert_eq!(m.site.as_deref(), Some("Daily Paper"));
        assert_eq!(m.url.as_deref(), Some("https://example.com/rivers"));
        assert_eq!(m.language.as_deref(), Some("en-GB"));
        let (_, m) =
            text_header("Rivers rise\nBy Jane Doe\nMarch 5, 2024\n\nThe river rose on Tuesday.\n");
        assert_eq!(m.authors, vec!["Jane Doe"]);
        assert_eq!(m.published.as_deref(), Some("2024-03-05"));
        let (_, m) =
            text_header("The river rose on Tuesday, by all accounts.\nIt said: nothing.\n");
        assert_eq!(m, Metadata::default());
    }
}
