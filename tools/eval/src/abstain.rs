//! Calibrating `answered`: the abstention model cross-validated by article on SQuAD, each
//! article's library asked its own questions (real ones: they must be answered) and the
//! next article's (off-topic: they should abstain), and the curve of both against the
//! threshold, beside plain coverage (the decision before the model).

use verbatim_index::answer::abstain::{Evidence, THRESHOLD};
use verbatim_index::answer::linear::{self, Linear};

/// Folds (articles `i % FOLDS`), as for the answer phrase.
const FOLDS: usize = crate::phrase::FOLDS;
const EPOCHS: usize = 3000;
const RATE: f32 = 2.0;
const L2: f32 = 1e-4;
/// The rule before the model: coverage (absent words counting double) at least this.
const OLD_THRESHOLD: f32 = 0.35;

const THRESHOLDS: &[f32] = &[0.1, 0.2, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/// One question asked of one library.
pub struct Row {
    /// The library's article.
    pub article: usize,
    pub evidence: Evidence,
    /// Asked of its own article.
    pub real: bool,
}

fn rows_of(rows: &[Row]) -> Vec<(Vec<(u32, f32)>, bool)> {
    rows.iter()
        .map(|r| (r.evidence.features(), r.real))
        .collect()
}

/// The shipped model: trained on every row.
pub fn train_all(rows: &[Row]) -> Linear {
    linear::train_logistic(&rows_of(rows), EPOCHS, RATE, L2)
}

pub struct Curve {
    /// (probability, real) for each row, each from the model that did not see its article.
    cv: Vec<(f32, bool)>,
    /// (plain coverage, real).
    plain: Vec<(f32, bool)>,
    /// (absent uncommon share, real).
    rows: Vec<(f32, bool)>,
}

pub fn evaluate(rows: &[Row]) -> Curve {
    let mut cv = Vec::with_capacity(rows.len());
    for fold in 0..FOLDS {
        let train: Vec<Row> = rows
            .iter()
            .filter(|r| r.article % FOLDS != fold)
            .map(|r| Row {
                article: r.article,
                evidence: r.evidence,
                real: r.real,
            })
            .collect();
        let model = train_all(&train);
        for r in rows.iter().filter(|r| r.article % FOLDS == fold) {
            // The rule on top of the model refuses whatever the probability.
            let p = r.evidence.probability(Some(&model));
            cv.push((
                if r.evidence.lacks_what_is_asked() {
                    0.0
                } else {
                    p
                },
                r.real,
            ));
        }
    }
    let plain = rows
        .iter()
        .map(|r| (r.evidence.coverage_absent, r.real))
        .collect();
    let rows = rows
        .iter()
        .map(|r| (r.evidence.absent_uncommon, r.real))
        .collect();
    Curve { cv, plain, rows }
}

/// Share of real questions answered and of off-topic ones abstained at threshold `t`.
fn at(points: &[(f32, bool)], t: f32) -> (f64, f64) {
    let real = points.iter().filter(|p| p.1).count().max(1) as f64;
    let off = points.iter().filter(|p| !p.1).count().max(1) as f64;
    let answered = points.iter().filter(|p| p.1 && p.0 >= t).count() as f64;
    let abstained = points.iter().filter(|p| !p.1 && p.0 < t).count() as f64;
    (answered / real, abstained / off)
}

impl Curve {
    pub fn print(&self) {
        println!(
            "abstention, calibrated (cross-validated by article, {FOLDS} folds; with the rule on missing uncommon words): share of real questions answered / share of off-topic ones abstaining"
        );
        println!(
            "  {:>9}  {:>15}  {:>15}",
            "threshold", "model", "plain coverage"
        );
        for &t in THRESHOLDS {
            let (a, b) = at(&self.cv, t);
            let (c, d) = at(&self.plain, t);
            let mark = if (t - THRESHOLD).abs() < 1e-6 {
                " <- shipped threshold (model)"
            } else if (t - OLD_THRESHOLD).abs() < 1e-6 {
                " <- old rule (plain)"
            } else {
                ""
            };
            println!("  {t:>9.2}  {a:>6.3} / {b:<6.3}  {c:>6.3} / {d:<6.3}{mark}");
        }
        let with_uncommon = |real: bool, share: f32| {
            let rows: Vec<&(f32, bool)> = self.rows.iter().filter(|r| r.1 == real).collect();
            rows.iter().filter(|r| r.0 > share).count() as f64 / rows.len().max(1) as f64
        };
        for share in [0.0f32, 0.2, 0.3, 0.4, 0.5] {
            println!(
                "  questions with over {share:.1} of their weight in words no paragraph holds that are not everyday English: {:.1}% of real ones, {:.1}% of off-topic ones",
                100.0 * with_uncommon(true, share),
                100.0 * with_uncommon(false, share)
            );
        }
        // The plain rule at the model's rate of real questions answered, for comparison.
        let (answered, abstained) = at(&self.cv, THRESHOLD);
        let mut sorted: Vec<f32> = self.plain.iter().filter(|p| p.1).map(|p| p.0).collect();
        sorted.sort_by(f32::total_cmp);
        let k = ((1.0 - answered) * sorted.len() as f64) as usize;
        let t = sorted
            .get(k.min(sorted.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0.0);
        let (_, plain_abstained) = at(&self.plain, t);
        println!(
            "  at the shipped threshold: {:.1}% of real questions refused, {:.1}% of off-topic ones abstain; plain coverage refusing as few abstains on {:.1}%",
            100.0 * (1.0 - answered),
            100.0 * abstained,
            100.0 * plain_abstained
        );
    }

    pub fn json(&self) -> serde_json::Value {
        let (a, b) = at(&self.cv, THRESHOLD);
        let curve: Vec<serde_json::Value> = THRESHOLDS
            .iter()
            .map(|&t| {
                let (a, b) = at(&self.cv, t);
                let (c, d) = at(&self.plain, t);
                serde_json::json!({"threshold": t, "model": [a, b], "plain": [c, d]})
            })
            .collect();
        serde_json::json!({
            "folds": FOLDS,
            "threshold": THRESHOLD,
            "real_answered": a,
            "off_topic_abstained": b,
            "curve": curve,
        })
    }
}
