//! `verbatim-eval quotes`: quotes and speakers on three sets, side by side, each scored as
//! the published evaluations score (`score.rs`: a gold quote is found when a prediction
//! covers more than 30% of it, one to one; the speaker by name), and each labelled by
//! whether the engine was developed on it:
//!
//! - our annotated news pages (`news.rs`), dev split by default: the split developers look
//!   at; the test split is for final scores only (`--split test`);
//! - the 12 Wikinews articles with GUM quote spans, quotes with marks only (GUM annotates no
//!   indirect speech and no speakers): in-sample, the rules of earlier versions were
//!   written against them;
//! - the bundled article's gold quotes, speakers and kinds: in-sample.

mod news;
pub mod score;

use std::path::{Path, PathBuf};

use serde::Deserialize;
use verbatim_index::{QuoteKind, Span};

use crate::squad::truncate;
use crate::util::{cp_to_byte, write_json, Result, TempLibrary};
use score::{same_speaker, Gold, Pred, Rule, Tally, ALL_KINDS, WITH_MARKS};

/// What to score.
#[derive(clap::Args)]
pub struct Options {
    /// The shared evaluation data (news-pages, wikinews-gum, the bundled article's gold).
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval"))]
    shared: PathBuf,
    /// Our annotation of the news pages.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/data/news-quotes/gold.jsonl"))]
    gold: PathBuf,
    /// Which pages of our annotation: dev (developed on), test (held out: final scores
    /// only), or all.
    #[arg(long, default_value = "dev")]
    split: String,
    /// Print every missed gold quote, false positive and wrong speaker.
    #[arg(long)]
    details: bool,
    /// Also write the numbers to this JSON file.
    #[arg(long)]
    json: Option<PathBuf>,
}

/// A per-document row of the JSON output.
pub struct Row(serde_json::Value);

impl Row {
    fn page(name: &str, split: &str, t: Tally, not_in_text: usize) -> Row {
        Row(
            serde_json::json!({"page": name, "split": split, "not_in_text": not_in_text, "score": t.json()}),
        )
    }
}

pub fn kind_name(k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => "direct",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Partial => "partial",
    }
}

/// The baseline: pair each opening “ or " with the next closing ” or "; every pair is a quote.
fn quote_marks(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match open {
            None => {
                if c == '“' || c == '"' {
                    open = Some(i + c.len_utf8());
                }
            }
            Some(start) => {
                if c == '”' || c == '"' {
                    out.push(Span::new(start, i));
                    open = None;
                }
            }
        }
    }
    out
}

fn header() {
    println!(
        "{:<44} {:<16} | {:>5} {:>5} {:>5} | {:>6} {:>6} {:>6} | {:>8}",
        "set and quotes", "rule", "gold", "pred", "found", "P", "R", "F1", "speaker"
    );
    println!("{}", "-".repeat(44 + 17 + 22 + 24 + 11));
}

fn line(set: &str, rule: &str, t: &Tally, with_speaker: bool) {
    let (p, r, f) = t.prf();
    let speaker = if with_speaker && t.speaker_named > 0 {
        format!("{:.3}", t.speaker_accuracy())
    } else {
        "-".to_string()
    };
    println!(
        "{:<44} {:<16} | {:>5} {:>5} {:>5} | {:>6.3} {:>6.3} {:>6.3} | {:>8}",
        truncate(set, 44),
        rule,
        t.gold,
        t.pred,
        t.found,
        p,
        r,
        f,
        speaker
    );
}

pub fn run(o: &Options) -> Result<()> {
    let mut pages = Vec::new();
    let (news, news_baseline) = news::run(
        &o.gold,
        &o.shared.join("news-pages"),
        &o.split,
        o.details,
        &mut pages,
    )?;
    let wiki = wikinews(
        &o.shared.join("wikinews-gum/wikinews_gum_news_12.jsonl"),
        o.details,
    )?;
    let bundled = bundled(&o.shared.join("moscow-beijing-quotes.json"), o.details)?;

    let held = match o.split.as_str() {
        "test" => "held out",
        "dev" => "developed on",
        _ => "dev and test",
    };
    println!(
        "news pages, {} split ({held}): {} pages, {} gold quotes ({} not in the engine's text of the page)",
        o.split, news.pages, news.gold, news.not_in_text
    );
    println!();
    header();
    for (rule, _, label) in news::ROWS {
        let t = news
            .rows
            .get(&news::row_key(*rule, label))
            .copied()
            .unwrap_or_default();
        line(
            &format!("news {}: {label}", o.split),
            &rule.label(),
            &t,
            true,
        );
    }
    line(
        &format!("news {}: baseline, quote-mark pairs", o.split),
        &Rule::Covers(0.3).label(),
        &news_baseline,
        false,
    );
    for (label, t) in &wiki.rows {
        line(&format!("wikinews (in-sample): {label}"), &t.0, &t.1, false);
    }
    line(
        "bundled article (in-sample)",
        &Rule::Covers(0.3).label(),
        &bundled.tally,
        true,
    );
    println!();
    println!("found: gold quotes a prediction covers by more than the rule's share, one to one;");
    println!(
        "P over the row's predictions, R over its gold quotes; speaker: right by name, of the"
    );
    println!("found gold quotes that name one (titles aside, any form the article prints).");
    println!(
        "bundled article: kinds right {}/{}; extra quotes {}; a not_speaker given a quote {}",
        bundled.kinds_right, bundled.tally.found, bundled.extra, bundled.not_speakers
    );

    write_json(
        o.json.as_deref(),
        &serde_json::json!({
            "news": {
                "split": o.split,
                "pages": news.pages,
                "gold": news.gold,
                "not_in_text": news.not_in_text,
                "rows": news.rows.iter().map(|(k, t)| (k.clone(), t.json())).collect::<serde_json::Map<_, _>>(),
                "baseline_quote_marks": news_baseline.json(),
                "per_page": pages.into_iter().map(|r| r.0).collect::<Vec<_>>(),
            },
            "wikinews": wiki.rows.iter().map(|(k, t)| serde_json::json!({"row": k, "rule": t.0, "score": t.1.json()})).collect::<Vec<_>>(),
            "bundled": {
                "score": bundled.tally.json(),
                "kinds_right": bundled.kinds_right,
                "extra": bundled.extra,
                "not_speakers_with_quotes": bundled.not_speakers,
            },
        }),
    )
}

#[derive(Deserialize)]
struct NewsArticle {
    #[serde(default)]
    id: String,
    text: String,
    quotations: Vec<Quotation>,
}

#[derive(Deserialize)]
struct Quotation {
    #[serde(rename = "type")]
    kind: String,
    span: [usize; 2],
}

/// Quote spans merged where only white space or punctuation separates them: the parts of
/// one quote, as GUM annotates a quote across sentences and the engine stores a quote
/// across paragraphs (a piece per paragraph). Gold and predictions are merged alike.
fn merge_adjacent(text: &str, mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort();
    let mut out: Vec<Span> = Vec::new();
    for s in spans {
        if let Some(last) = out.last_mut() {
            let gap_ok = s.start <= last.end
                || text[last.end..s.start]
                    .chars()
                    .all(|c| c.is_whitespace() || !c.is_alphanumeric());
            if gap_ok {
                last.end = last.end.max(s.end);
                continue;
            }
        }
        out.push(s);
    }
    out
}

struct Wikinews {
    /// Label, (rule, tally).
    rows: Vec<(String, (String, Tally))>,
}

/// The Wikinews articles: GUM's `quote` spans (direct speech and quoted material) against
/// the engine's quotes with marks (GUM annotates no indirect speech); `q` spans (scare
/// quotes, titles) are not quotes, and predictions on them are false positives.
fn wikinews(path: &Path, details: bool) -> Result<Wikinews> {
    let articles: Vec<NewsArticle> = std::fs::read_to_string(path)?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<std::result::Result<_, _>>()?;
    let rules = [Rule::Covers(0.3), Rule::Covers(0.8), Rule::Overlaps];
    let mut engine = vec![Tally::default(); rules.len()];
    let mut annotated = Tally::default();
    let mut n_annotated = 0;
    let mut baseline = Tally::default();
    for (ai, a) in articles.iter().enumerate() {
        let mut tl = TempLibrary::new()?;
        let doc = tl.import_text(&format!("news-{ai:02}"), &a.text)?;
        if doc.text != a.text {
            return Err(format!("{}: stored text differs from the file", a.id).into());
        }
        let map = cp_to_byte(&a.text);
        let gold_spans = merge_adjacent(
            &a.text,
            a.quotations
                .iter()
                .filter(|q| q.kind == "quote")
                .map(|q| Span::new(map[q.span[0]], map[q.span[1]]))
                .collect(),
        );
        let gold: Vec<Gold> = gold_spans
            .iter()
            .map(|s| Gold {
                span: *s,
                kind: QuoteKind::Direct,
                speaker: None,
            })
            .collect();
        let as_pred = |spans: Vec<Span>| -> Vec<Pred> {
            merge_adjacent(&a.text, spans)
                .into_iter()
                .map(|span| Pred {
                    span,
                    kind: QuoteKind::Direct,
                    speaker: String::new(),
                })
                .collect()
        };
        let pred = as_pred(
            doc.quotes
                .iter()
                .filter(|q| q.kind != QuoteKind::Indirect)
                .map(|q| q.span())
                .collect(),
        );
        for (i, rule) in rules.iter().enumerate() {
            let (t, found) = score::score(&gold, &pred, *rule, WITH_MARKS);
            engine[i].add(t);
            if i == 0 {
                if !gold.is_empty() {
                    annotated.add(t);
                    n_annotated += 1;
                }
                if details {
                    let mut matched = vec![false; pred.len()];
                    for (g, by) in gold.iter().zip(&found) {
                        match by {
                            Some(p) => matched[*p] = true,
                            None => println!("{} FN {}", a.id, truncate(g.span.text(&a.text), 120)),
                        }
                    }
                    for (p, m) in pred.iter().zip(matched) {
                        if !m {
                            println!("{} FP {}", a.id, truncate(p.span.text(&a.text), 120));
                        }
                    }
                }
            }
        }
        baseline.add(score::score(&gold, &as_pred(quote_marks(&a.text)), rules[0], WITH_MARKS).0);
    }
    let mut rows: Vec<(String, (String, Tally))> = rules
        .iter()
        .zip(engine)
        .map(|(r, t)| {
            (
                format!("{} articles, with marks", articles.len()),
                (r.label(), t),
            )
        })
        .collect();
    rows.push((
        format!("{n_annotated} articles whose gold has quotes"),
        (rules[0].label(), annotated),
    ));
    rows.push((
        "baseline, quote-mark pairs".to_string(),
        (rules[0].label(), baseline),
    ));
    Ok(Wikinews { rows })
}

#[derive(Deserialize)]
struct BundledGold {
    speakers: Vec<GoldSpeaker>,
    not_speakers: Vec<String>,
    quotes: Vec<BundledQuote>,
    #[serde(default)]
    optional: Vec<OptionalQuote>,
}

#[derive(Deserialize)]
struct GoldSpeaker {
    name: String,
    mentions: Vec<String>,
}

#[derive(Deserialize)]
struct BundledQuote {
    speaker: String,
    kind: String,
    char_start: usize,
    char_end: usize,
}

#[derive(Deserialize)]
struct OptionalQuote {
    text: String,
}

struct Bundled {
    tally: Tally,
    kinds_right: usize,
    extra: usize,
    not_speakers: usize,
}

/// The bundled article: quotes, speakers and kinds against its gold file, one to one.
fn bundled(path: &Path, details: bool) -> Result<Bundled> {
    let gold_file: BundledGold = serde_json::from_slice(&std::fs::read(path)?)?;
    let doc = verbatim_index::library::bundled_document();
    let map = cp_to_byte(&doc.text);
    let gold: Vec<Gold> = gold_file
        .quotes
        .iter()
        .map(|g| Gold {
            span: Span::new(map[g.char_start], map[g.char_end]),
            kind: match g.kind.as_str() {
                "indirect" => QuoteKind::Indirect,
                "partial" => QuoteKind::Partial,
                _ => QuoteKind::Direct,
            },
            speaker: gold_file
                .speakers
                .iter()
                .find(|s| s.name == g.speaker)
                .map(|s| {
                    std::iter::once(s.name.clone())
                        .chain(s.mentions.iter().cloned())
                        .collect()
                }),
        })
        .collect();
    let optional: Vec<Span> = gold_file
        .optional
        .iter()
        .filter_map(|o| {
            doc.text
                .find(&o.text)
                .map(|s| Span::new(s, s + o.text.len()))
        })
        .collect();
    // Quotes the gold calls optional are neither required nor counted against the engine.
    let pred: Vec<Pred> = doc
        .quotes
        .iter()
        .filter(|q| !optional.iter().any(|o| o.overlaps(q.span())))
        .map(|q| Pred {
            span: q.span(),
            kind: q.kind,
            speaker: q.speaker.clone(),
        })
        .collect();
    let (tally, found) = score::score(&gold, &pred, Rule::Covers(0.3), ALL_KINDS);
    let kinds_right = gold
        .iter()
        .zip(&found)
        .filter(|(g, by)| by.is_some_and(|p| pred[p].kind == g.kind))
        .count();
    let not_speakers = gold_file
        .not_speakers
        .iter()
        .filter(|n| {
            doc.quotes
                .iter()
                .any(|q| same_speaker(&q.speaker, &[n.to_string()]))
        })
        .count();
    if details {
        for (g, by) in gold.iter().zip(&found) {
            let text = truncate(g.span.text(&doc.text), 60);
            match by {
                Some(p) => println!(
                    "bundled [{}] {} -> [{}] {}: {text}",
                    kind_name(g.kind),
                    g.speaker.as_ref().map_or("", |f| f[0].as_str()),
                    kind_name(pred[*p].kind),
                    pred[*p].speaker
                ),
                None => println!("bundled FN [{}] {text}", kind_name(g.kind)),
            }
        }
    }
    Ok(Bundled {
        extra: tally.pred - tally.matched_pred,
        tally,
        kinds_right,
        not_speakers,
    })
}
