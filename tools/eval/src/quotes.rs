//! Quote detection: Wikinews/GUM articles (spans only) and the bundled article (spans,
//! speakers, kinds).

use std::path::Path;

use serde::Deserialize;
use verbatim_index::{QuoteKind, Span};

use crate::squad::truncate;
use crate::util::{cp_to_byte, prf, ratio, write_json, Result, TempLibrary};

#[derive(Deserialize)]
struct NewsArticle {
    #[serde(default)]
    id: String,
    title: String,
    text: String,
    quotations: Vec<Quotation>,
}

#[derive(Deserialize)]
struct Quotation {
    #[serde(rename = "type")]
    kind: String,
    span: [usize; 2],
}

/// Counts of one scoring.
#[derive(Default, Clone, Copy)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    /// False positives that overlap a `q` span (scare quotes, titles).
    fp_q: usize,
    /// False positives that overlap a gold quote already matched by another prediction.
    fp_dup: usize,
}

impl Score {
    fn add(&mut self, o: Score) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
        self.fp_q += o.fp_q;
        self.fp_dup += o.fp_dup;
    }
    fn json(&self) -> serde_json::Value {
        let (p, r, f) = prf(self.tp, self.fp, self.fn_);
        serde_json::json!({"tp": self.tp, "fp": self.fp, "fn": self.fn_,
            "fp_overlapping_q": self.fp_q, "fp_overlapping_matched_gold": self.fp_dup,
            "precision": p, "recall": r, "f1": f})
    }
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

/// Scores predicted spans against gold quotes; each gold is matched at most once. The
/// errors, labelled, go to `errors`.
fn score(
    pred: &[Span],
    gold: &[Span],
    q: &[Span],
    errors: &mut Vec<(&'static str, Span)>,
) -> Score {
    let mut used = vec![false; gold.len()];
    let mut s = Score::default();
    let mut pred = pred.to_vec();
    pred.sort();
    for p in &pred {
        if let Some(i) = (0..gold.len()).find(|&i| !used[i] && gold[i].overlaps(*p)) {
            used[i] = true;
            s.tp += 1;
        } else {
            s.fp += 1;
            let label = if gold.iter().any(|g| g.overlaps(*p)) {
                s.fp_dup += 1;
                "FP dup"
            } else if q.iter().any(|g| g.overlaps(*p)) {
                s.fp_q += 1;
                "FP q"
            } else {
                "FP"
            };
            errors.push((label, *p));
        }
    }
    s.fn_ = used.iter().filter(|u| !**u).count();
    errors.extend(
        gold.iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
            .map(|(g, _)| ("FN", *g)),
    );
    s
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

pub fn run_wikinews(path: &Path, json: Option<&Path>, details: bool) -> Result<()> {
    let raw = std::fs::read_to_string(path)?;
    let articles: Vec<NewsArticle> = raw
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<std::result::Result<_, _>>()?;

    let mut total_engine = Score::default();
    let mut total_marked = Score::default();
    let mut total_base = Score::default();
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut details_out = Vec::new();
    // Articles whose gold marks at least one quote: some articles carry no quote
    // annotation at all although they quote people.
    let mut annotated_marked = Score::default();
    let mut annotated_base = Score::default();
    let mut n_annotated = 0;
    let mut n_gold_raw = 0usize;
    let mut n_gold = 0usize;
    let mut n_q = 0usize;

    println!(
        "{:<34} {:>4} {:>4} | {:>3} {:>3} {:>3} | {:>3} {:>3} {:>3} | {:>3} {:>3} {:>3}",
        "article", "gold", "q", "TP", "FP", "FN", "TP", "FP", "FN", "TP", "FP", "FN"
    );
    println!(
        "{:<34} {:>4} {:>4} | {:^11} | {:^11} | {:^11}",
        "", "", "", "engine all", "eng. no ind", "marks base"
    );
    println!("{}", "-".repeat(34 + 10 + 3 * 14));
    for (ai, a) in articles.iter().enumerate() {
        let mut tl = TempLibrary::new()?;
        let doc = tl.import_text(&format!("news-{ai:02}"), &a.text)?;
        if doc.text != a.text {
            problems.push(format!(
                "{}: stored text differs from the file; skipped",
                a.id
            ));
            continue;
        }
        let map = cp_to_byte(&a.text);
        let to_span = |s: [usize; 2]| Span::new(map[s[0]], map[s[1]]);
        let gold_raw: Vec<Span> = a
            .quotations
            .iter()
            .filter(|q| q.kind == "quote")
            .map(|q| to_span(q.span))
            .collect();
        let qspans: Vec<Span> = a
            .quotations
            .iter()
            .filter(|q| q.kind == "q")
            .map(|q| to_span(q.span))
            .collect();
        n_gold_raw += gold_raw.len();
        let gold = merge_adjacent(&a.text, gold_raw);
        n_gold += gold.len();
        n_q += qspans.len();

        let pred = merge_adjacent(&a.text, doc.quotes.iter().map(|q| q.span()).collect());
        let marked = merge_adjacent(
            &a.text,
            doc.quotes
                .iter()
                .filter(|q| q.kind != QuoteKind::Indirect)
                .map(|q| q.span())
                .collect(),
        );
        let base = merge_adjacent(&a.text, quote_marks(&a.text));
        let mut errors = Vec::new();
        let se = score(&pred, &gold, &qspans, &mut Vec::new());
        let sm = score(&marked, &gold, &qspans, &mut errors);
        let sb = score(&base, &gold, &qspans, &mut Vec::new());
        if details {
            let doc_id = if a.id.is_empty() { &a.title } else { &a.id };
            for (label, span) in errors {
                let text = span.text(&a.text).replace('\n', " / ");
                details_out.push(format!("{doc_id} {label:<6} {}", truncate(&text, 160)));
            }
        }
        println!(
            "{:<34} {:>4} {:>4} | {:>3} {:>3} {:>3} | {:>3} {:>3} {:>3} | {:>3} {:>3} {:>3}",
            truncate(if a.id.is_empty() { &a.title } else { &a.id }, 34),
            gold.len(),
            qspans.len(),
            se.tp,
            se.fp,
            se.fn_,
            sm.tp,
            sm.fp,
            sm.fn_,
            sb.tp,
            sb.fp,
            sb.fn_
        );
        rows.push(
            serde_json::json!({"id": a.id, "title": a.title, "gold": gold.len(), "q": qspans.len(),
            "engine": se.json(), "engine_without_indirect": sm.json(), "baseline": sb.json()}),
        );
        total_engine.add(se);
        total_marked.add(sm);
        total_base.add(sb);
        if !gold.is_empty() {
            annotated_marked.add(sm);
            annotated_base.add(sb);
            n_annotated += 1;
        }
    }
    println!();
    for line in &details_out {
        println!("{line}");
    }
    if !details_out.is_empty() {
        println!();
    }
    for p in &problems {
        println!("problem: {p}");
    }
    println!(
        "{} articles; gold `quote` spans: {} ({} after merging adjacent parts); `q` spans: {}",
        rows.len(),
        n_gold_raw,
        n_gold,
        n_q
    );
    println!("TP = predicted quote overlapping an unmatched gold quote; FP = anything else; FN = gold unmatched");
    println!("Gold and predicted spans are merged alike where only white space or punctuation separates them.");
    println!();
    println!(
        "{:<38} | {:>4} {:>4} {:>4} | {:>9} {:>6} {:>6} | {:>8} {:>8}",
        "system", "TP", "FP", "FN", "precision", "recall", "F1", "FP on q", "FP dup"
    );
    println!("{}", "-".repeat(38 + 3 + 14 + 3 + 23 + 3 + 17));
    let annotated_engine = format!("same, {n_annotated} articles with gold quotes");
    let annotated_baseline = format!("baseline, {n_annotated} articles with gold quotes");
    for (name, s) in [
        ("engine (all document quotes)", total_engine),
        ("engine, indirect quotes left out", total_marked),
        ("baseline: quote-mark pairs", total_base),
        (annotated_engine.as_str(), annotated_marked),
        (annotated_baseline.as_str(), annotated_base),
    ] {
        let (p, r, f) = prf(s.tp, s.fp, s.fn_);
        println!(
            "{:<38} | {:>4} {:>4} {:>4} | {:>9.3} {:>6.3} {:>6.3} | {:>8} {:>8}",
            name, s.tp, s.fp, s.fn_, p, r, f, s.fp_q, s.fp_dup
        );
    }
    println!();
    println!("FP on q: false positives overlapping a `q` span (scare quotes, titles: not speech).");
    println!("FP dup:  false positives overlapping a gold quote another prediction already matched (a split quote).");
    println!("Indirect quotes (reported speech without marks) are not annotated in GUM, so they count as FP in the first row.");

    write_json(
        json,
        &serde_json::json!({
            "dataset": path.display().to_string(),
            "articles": rows.len(),
            "gold_quote_spans": n_gold_raw,
            "gold_quotes_merged": n_gold,
            "q_spans": n_q,
            "engine": total_engine.json(),
            "engine_without_indirect": total_marked.json(),
            "annotated_articles": n_annotated,
            "engine_without_indirect_annotated_articles": annotated_marked.json(),
            "baseline_annotated_articles": annotated_base.json(),
            "baseline": total_base.json(),
            "problems": problems,
            "per_article": rows,
        }),
    )
}

#[derive(Deserialize)]
struct BundledGold {
    speakers: Vec<GoldSpeaker>,
    not_speakers: Vec<String>,
    quotes: Vec<GoldQuote>,
    #[serde(default)]
    optional: Vec<OptionalQuote>,
}

#[derive(Deserialize)]
struct GoldSpeaker {
    name: String,
    mentions: Vec<String>,
}

#[derive(Deserialize)]
struct GoldQuote {
    speaker: String,
    kind: String,
    text: String,
    char_start: usize,
    char_end: usize,
}

#[derive(Deserialize)]
struct OptionalQuote {
    text: String,
}

fn kind_name(k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => "direct",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Partial => "partial",
    }
}

pub fn run_bundled(path: &Path, json: Option<&Path>) -> Result<()> {
    let gold: BundledGold = serde_json::from_slice(&std::fs::read(path)?)?;
    let doc = verbatim_index::library::bundled_document();
    let map = cp_to_byte(&doc.text);
    let same_speaker = |gold_name: &str, predicted: &str| {
        let p = predicted.trim().to_lowercase();
        gold.speakers
            .iter()
            .filter(|s| s.name == gold_name)
            .any(|s| s.name.to_lowercase() == p || s.mentions.iter().any(|m| m.to_lowercase() == p))
            || gold_name.to_lowercase() == p
    };
    let optional: Vec<Span> = gold
        .optional
        .iter()
        .filter_map(|o| {
            doc.text
                .find(&o.text)
                .map(|s| Span::new(s, s + o.text.len()))
        })
        .collect();

    let mut used = vec![false; doc.quotes.len()];
    let (mut found, mut speaker_ok, mut kind_ok) = (0usize, 0usize, 0usize);
    let mut text_mismatch = 0usize;
    let mut rows = Vec::new();
    println!(
        "{:<3} {:<15} {:<9} | {:<5} {:<22} {:<9} | gold text",
        "#", "gold speaker", "gold kind", "found", "engine speaker", "eng kind"
    );
    println!("{}", "-".repeat(110));
    for (i, g) in gold.quotes.iter().enumerate() {
        let span = Span::new(map[g.char_start], map[g.char_end]);
        if span.text(&doc.text) != g.text {
            text_mismatch += 1;
        }
        let hit = (0..doc.quotes.len())
            .find(|&j| !used[j] && doc.quotes[j].span().overlaps(span))
            .or_else(|| (0..doc.quotes.len()).find(|&j| doc.quotes[j].span().overlaps(span)));
        let (sp, kd) = match hit {
            Some(j) => {
                used[j] = true;
                found += 1;
                let q = &doc.quotes[j];
                let s_ok = same_speaker(&g.speaker, &q.speaker);
                let k_ok = kind_name(q.kind) == g.kind;
                speaker_ok += s_ok as usize;
                kind_ok += k_ok as usize;
                (
                    format!("{}{}", if s_ok { "" } else { "✗ " }, q.speaker),
                    format!("{}{}", if k_ok { "" } else { "✗ " }, kind_name(q.kind)),
                )
            }
            None => ("-".to_string(), "-".to_string()),
        };
        println!(
            "{:<3} {:<15} {:<9} | {:<5} {:<22} {:<9} | {}",
            i + 1,
            truncate(&g.speaker, 15),
            g.kind,
            if hit.is_some() { "yes" } else { "NO" },
            truncate(&sp, 22),
            kd,
            truncate(&g.text, 40)
        );
        rows.push(
            serde_json::json!({"gold_speaker": g.speaker, "gold_kind": g.kind, "text": g.text,
            "found": hit.is_some(), "engine_speaker": hit.map(|j| doc.quotes[j].speaker.clone()),
            "engine_kind": hit.map(|j| kind_name(doc.quotes[j].kind))}),
        );
    }
    let gold_spans: Vec<Span> = gold
        .quotes
        .iter()
        .map(|g| Span::new(map[g.char_start], map[g.char_end]))
        .collect();
    let extra: Vec<&verbatim_index::Quote> = doc
        .quotes
        .iter()
        .filter(|q| !gold_spans.iter().any(|g| g.overlaps(q.span())))
        .filter(|q| !optional.iter().any(|o| o.overlaps(q.span())))
        .collect();
    let optional_found = doc
        .quotes
        .iter()
        .filter(|q| optional.iter().any(|o| o.overlaps(q.span())))
        .count();
    let bad_speakers: Vec<String> = gold
        .not_speakers
        .iter()
        .filter(|n| {
            let n = n.to_lowercase();
            doc.quotes.iter().any(|q| {
                let s = q.speaker.to_lowercase();
                s == n || s.split_whitespace().any(|w| w == n) || n.contains(&s) && !s.is_empty()
            })
        })
        .cloned()
        .collect();

    println!();
    println!(
        "bundled article: {} engine quotes, {} gold quotes",
        doc.quotes.len(),
        gold.quotes.len()
    );
    if text_mismatch > 0 {
        println!("warning: {text_mismatch} gold span(s) do not match their text in the document");
    }
    println!("{:<40} {:>8}", "measure", "value");
    println!("{}", "-".repeat(49));
    println!(
        "{:<40} {:>8}",
        "gold quotes found (overlap)",
        format!("{found}/{}", gold.quotes.len())
    );
    println!(
        "{:<40} {:>8}",
        "speaker correct, of found",
        format!("{speaker_ok}/{found}")
    );
    println!(
        "{:<40} {:>8}",
        "kind correct, of found",
        format!("{kind_ok}/{found}")
    );
    println!(
        "{:<40} {:>8}",
        "optional gold quotes found",
        format!("{optional_found}/{}", gold.optional.len())
    );
    println!(
        "{:<40} {:>8}",
        "extra quotes (no gold overlap)",
        extra.len()
    );
    println!(
        "{:<40} {:>8}",
        "not_speakers given quotes",
        bad_speakers.len()
    );
    for q in &extra {
        println!(
            "  extra: [{}] {} — {}",
            kind_name(q.kind),
            q.speaker,
            truncate(&q.text, 70)
        );
    }
    for n in &bad_speakers {
        println!("  not a speaker but given a quote: {n}");
    }

    write_json(
        json,
        &serde_json::json!({
            "gold_quotes": gold.quotes.len(),
            "engine_quotes": doc.quotes.len(),
            "found": found,
            "speaker_correct": speaker_ok,
            "speaker_accuracy": ratio(speaker_ok, found),
            "kind_correct": kind_ok,
            "kind_accuracy": ratio(kind_ok, found),
            "optional_found": optional_found,
            "extra": extra.iter().map(|q| serde_json::json!({"speaker": q.speaker, "kind": kind_name(q.kind), "text": q.text})).collect::<Vec<_>>(),
            "not_speakers_with_quotes": bad_speakers,
            "quotes": rows,
        }),
    )
}
