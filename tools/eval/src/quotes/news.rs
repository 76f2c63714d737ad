//! Quotes and speakers on real saved news pages: the pages of `shared/eval/news-pages`
//! imported as a user would (the saved HTML file), scored against our hand annotation
//! (`tools/eval/data/news-quotes`: direct, partial and indirect quotes with speakers; its
//! GUIDE.md says what each is). The gold quotes are text, located in the engine's text of
//! the page; one the engine's text does not hold (the extractor dropped its paragraph)
//! counts as missed.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use verbatim_index::{QuoteKind, Span};

use super::score::{score, Gold, Kinds, Pred, Rule, Tally, ALL_KINDS, INDIRECT, WITH_MARKS};
use super::{kind_name, quote_marks, Row};
use crate::squad::truncate;
use crate::util::{Result, TempLibrary};

#[derive(Deserialize)]
struct Page {
    page: String,
    split: String,
    speakers: Vec<Speaker>,
    quotes: Vec<GoldQuote>,
}

#[derive(Deserialize)]
struct Speaker {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
struct GoldQuote {
    text: String,
    kind: String,
    speaker: Option<String>,
    #[serde(default)]
    context: Option<String>,
}

/// A text with its white space collapsed and invisible characters (soft hyphens,
/// zero-width spaces) dropped, each of its characters mapped back to the original bytes: a
/// gold quote copied from the reference text is found in the engine's text of the page
/// whatever line breaks and invisible marks either keeps.
struct Normalised {
    text: String,
    /// For each byte of `text`, the original byte range of the character it comes from.
    origin: Vec<(usize, usize)>,
}

fn normalise(s: &str) -> Normalised {
    let mut text = String::new();
    let mut origin = Vec::new();
    let mut space = false;
    for (i, c) in s.char_indices() {
        let end = i + c.len_utf8();
        if matches!(
            c,
            '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}'
        ) {
            continue;
        }
        if c.is_whitespace() {
            if !space && !text.is_empty() {
                text.push(' ');
                origin.push((i, end));
            }
            space = true;
            continue;
        }
        space = false;
        text.push(c);
        origin.extend(std::iter::repeat_n((i, end), c.len_utf8()));
    }
    if text.ends_with(' ') {
        text.pop();
        origin.pop();
    }
    Normalised { text, origin }
}

impl Normalised {
    /// The original span of `needle` (normalised), searching from byte `from` of the
    /// normalised text.
    fn find(&self, needle: &str, from: usize) -> Option<(usize, Span)> {
        let needle = normalise(needle).text;
        if needle.is_empty() {
            return None;
        }
        let at = from + self.text.get(from..)?.find(&needle)?;
        let start = self.origin[at].0;
        let end = self.origin[at + needle.len() - 1].1;
        Some((at, Span::new(start, end)))
    }
}

fn kind_of(name: &str) -> QuoteKind {
    match name {
        "indirect" => QuoteKind::Indirect,
        "partial" => QuoteKind::Partial,
        _ => QuoteKind::Direct,
    }
}

/// The totals of one split.
#[derive(Default)]
pub struct Totals {
    pub pages: usize,
    pub gold: usize,
    pub not_in_text: usize,
    pub rows: HashMap<String, Tally>,
}

/// The rows printed, in order: the rule, the kinds, and the label.
pub const ROWS: &[(Rule, Kinds, &str)] = &[
    (Rule::Covers(0.3), ALL_KINDS, "all quotes"),
    (
        Rule::Covers(0.3),
        WITH_MARKS,
        "with marks (direct, partial)",
    ),
    (Rule::Covers(0.3), INDIRECT, "indirect"),
    (Rule::Covers(0.8), ALL_KINDS, "all quotes"),
    (Rule::Overlaps, ALL_KINDS, "all quotes (old rule)"),
];

pub fn row_key(rule: Rule, label: &str) -> String {
    format!("{} {label}", rule.label())
}

/// Scores the pages of `split` ("dev", "test" or "all").
pub fn run(
    gold_path: &Path,
    pages_dir: &Path,
    split: &str,
    details: bool,
    out: &mut Vec<Row>,
) -> Result<(Totals, Tally)> {
    let pages: Vec<Page> = std::fs::read_to_string(gold_path)?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<std::result::Result<_, _>>()?;
    let mut totals = Totals::default();
    let mut baseline = Tally::default();
    let mut lines = Vec::new();
    for page in pages.iter().filter(|p| split == "all" || p.split == split) {
        let source = pages_dir.join(&page.page).join("source.html");
        let mut tl = TempLibrary::new()?;
        let copy = tl.dir.path().join(format!("{}.html", page.page));
        std::fs::copy(&source, &copy)?;
        let ids = tl.import_paths(&[copy])?;
        let doc = tl.lib.document(ids.first().ok_or("no document")?)?;
        let forms: HashMap<&str, Vec<String>> = page
            .speakers
            .iter()
            .map(|s| {
                let mut f = vec![s.name.clone()];
                f.extend(s.aliases.iter().cloned());
                (s.name.as_str(), f)
            })
            .collect();
        let norm = normalise(&doc.text);
        let mut gold = Vec::new();
        let mut taken: Vec<Span> = Vec::new();
        let mut missing: Vec<QuoteKind> = Vec::new();
        for q in &page.quotes {
            let from = q
                .context
                .as_deref()
                .and_then(|c| norm.find(c, 0))
                .map_or(0, |(at, _)| at);
            // The first place not taken by an earlier gold quote of the same words.
            let mut at = from;
            let mut located = None;
            while let Some((pos, span)) = norm.find(&q.text, at) {
                if !taken.contains(&span) {
                    located = Some(span);
                    break;
                }
                at = pos + 1;
            }
            match located {
                Some(span) => {
                    taken.push(span);
                    gold.push(Gold {
                        span,
                        kind: kind_of(&q.kind),
                        speaker: q.speaker.as_deref().and_then(|s| forms.get(s).cloned()),
                    });
                }
                None => {
                    missing.push(kind_of(&q.kind));
                    if details {
                        lines.push(format!(
                            "{} NOT IN TEXT [{}] {}",
                            page.page,
                            q.kind,
                            truncate(&q.text, 120)
                        ));
                    }
                }
            }
        }
        let pred: Vec<Pred> = doc
            .quotes
            .iter()
            .map(|q| Pred {
                span: q.span(),
                kind: q.kind,
                speaker: q.speaker.clone(),
            })
            .collect();
        for (rule, kinds, label) in ROWS {
            let (mut t, _) = score(&gold, &pred, *rule, kinds);
            // Gold quotes the engine's text does not hold are missed, not left out.
            t.gold += missing.iter().filter(|k| kinds.contains(k)).count();
            totals.rows.entry(row_key(*rule, label)).or_default().add(t);
        }
        let marks: Vec<Pred> = quote_marks(&doc.text)
            .into_iter()
            .map(|span| Pred {
                span,
                kind: QuoteKind::Direct,
                speaker: String::new(),
            })
            .collect();
        let (mut b, _) = score(&gold, &marks, Rule::Covers(0.3), WITH_MARKS);
        b.gold += missing.iter().filter(|k| WITH_MARKS.contains(k)).count();
        baseline.add(b);
        if details {
            let (_, found) = score(&gold, &pred, Rule::Covers(0.3), ALL_KINDS);
            let mut matched = vec![false; pred.len()];
            for (g, by) in gold.iter().zip(&found) {
                match by {
                    Some(p) => {
                        matched[*p] = true;
                        if let Some(f) = &g.speaker {
                            if !super::score::same_speaker(&pred[*p].speaker, f) {
                                lines.push(format!(
                                    "{} SPEAKER [{}] {:?} for {:?}: {}",
                                    page.page,
                                    kind_name(g.kind),
                                    pred[*p].speaker,
                                    f[0],
                                    truncate(g.span.text(&doc.text), 90)
                                ));
                            }
                        }
                    }
                    None => lines.push(format!(
                        "{} FN [{}] {}",
                        page.page,
                        kind_name(g.kind),
                        truncate(g.span.text(&doc.text), 120)
                    )),
                }
            }
            for (p, m) in pred.iter().zip(&matched) {
                if !m {
                    lines.push(format!(
                        "{} FP [{}] ({}) {}",
                        page.page,
                        kind_name(p.kind),
                        p.speaker,
                        truncate(p.span.text(&doc.text), 110)
                    ));
                }
            }
        }
        totals.pages += 1;
        totals.gold += page.quotes.len();
        totals.not_in_text += missing.len();
        let (mut t, _) = score(&gold, &pred, Rule::Covers(0.3), ALL_KINDS);
        t.gold += missing.len();
        out.push(Row::page(&page.page, &page.split, t, missing.len()));
    }
    for l in &lines {
        println!("{l}");
    }
    if !lines.is_empty() {
        println!();
    }
    Ok((totals, baseline))
}
