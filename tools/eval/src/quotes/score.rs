//! Scoring predicted quotes against gold quotes as the published evaluations of quote
//! extraction do (the Gender Gap Tracker's, after PARC): a gold quote is found when a
//! prediction covers more than a share of its characters (30% for the headline figures,
//! 80% for strict boundaries), gold and predictions matched one to one; the speaker is right
//! when the predicted name is the gold speaker's (any form the article prints, titles
//! aside). The rule used before (one byte of overlap, one prediction free to find several
//! gold quotes) is kept only as a labelled extra row.

use verbatim_index::attribution::matching::{same_word, tokens};
use verbatim_index::text::lexicon::is_title;
use verbatim_index::{QuoteKind, Span};

/// When a prediction finds a gold quote.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    /// The prediction covers more than this share of the gold quote's bytes.
    Covers(f64),
    /// Any overlap at all (the old rule, for comparison).
    Overlaps,
}

impl Rule {
    pub fn label(&self) -> String {
        match self {
            Rule::Covers(share) => format!("covers >{:.0}%", share * 100.0),
            Rule::Overlaps => "any overlap".to_string(),
        }
    }

    fn finds(&self, gold: Span, pred: Span) -> Option<f64> {
        let overlap = gold
            .end
            .min(pred.end)
            .saturating_sub(gold.start.max(pred.start));
        let share = overlap as f64 / gold.len().max(1) as f64;
        match self {
            Rule::Covers(t) => (share > *t).then_some(share),
            Rule::Overlaps => (overlap > 0).then_some(share),
        }
    }
}

/// A gold quote.
#[derive(Debug, Clone)]
pub struct Gold {
    pub span: Span,
    pub kind: QuoteKind,
    /// The speaker's forms (the name first, then the other forms printed), if the gold
    /// names one.
    pub speaker: Option<Vec<String>>,
}

/// A predicted quote.
#[derive(Debug, Clone)]
pub struct Pred {
    pub span: Span,
    pub kind: QuoteKind,
    pub speaker: String,
}

/// Gold and predictions paired one to one: the pairs with the largest coverage first, each
/// gold and each prediction in one pair at most. Returns, for each gold quote, the index of
/// the prediction that found it.
pub fn match_one_to_one(gold: &[Span], pred: &[Span], rule: Rule) -> Vec<Option<usize>> {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (g, gs) in gold.iter().enumerate() {
        for (p, ps) in pred.iter().enumerate() {
            if let Some(share) = rule.finds(*gs, *ps) {
                pairs.push((share, g, p));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut found = vec![None; gold.len()];
    let mut used = vec![false; pred.len()];
    for (_, g, p) in pairs {
        if found[g].is_none() && !used[p] {
            found[g] = Some(p);
            used[p] = true;
        }
    }
    found
}

/// Whether a predicted speaker is the gold speaker: every word of the predicted name is a
/// word of one of the gold speaker's forms, and that form's last word (the surname, or the
/// head noun of an unnamed source: "officials") is among them. Titles do not count
/// (`Mr Obama` is `Barack Obama`). Spelling variants count as the same word.
pub fn same_speaker(predicted: &str, forms: &[String]) -> bool {
    let words = |name: &str| -> Vec<String> {
        tokens(name)
            .into_iter()
            .filter(|w| !is_title(w) && !matches!(w.as_str(), "the" | "a" | "an"))
            .collect()
    };
    let pred = words(predicted);
    if pred.is_empty() {
        return false;
    }
    forms.iter().any(|form| {
        let form = words(form);
        let Some(last) = form.last() else {
            return false;
        };
        pred.iter().all(|p| form.iter().any(|f| same_word(p, f)))
            && pred.iter().any(|p| same_word(p, last))
    })
}

/// The counts of one scoring, over the gold quotes and predictions of a selection (a kind,
/// or all).
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub gold: usize,
    pub pred: usize,
    /// Gold quotes found.
    pub found: usize,
    /// Predictions that found a gold quote.
    pub matched_pred: usize,
    /// Found gold quotes that name a speaker, and of those, the ones given the right one.
    pub speaker_named: usize,
    pub speaker_right: usize,
}

impl Tally {
    pub fn add(&mut self, o: Tally) {
        self.gold += o.gold;
        self.pred += o.pred;
        self.found += o.found;
        self.matched_pred += o.matched_pred;
        self.speaker_named += o.speaker_named;
        self.speaker_right += o.speaker_right;
    }

    /// Precision, recall, F1 (precision over the selection's predictions, recall over its
    /// gold quotes).
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = ratio(self.matched_pred, self.pred);
        let r = ratio(self.found, self.gold);
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }

    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speaker_right, self.speaker_named)
    }

    pub fn json(&self) -> serde_json::Value {
        let (p, r, f) = self.prf();
        serde_json::json!({"gold": self.gold, "predicted": self.pred, "found": self.found,
            "predictions_matched": self.matched_pred, "precision": p, "recall": r, "f1": f,
            "speaker_named": self.speaker_named, "speaker_right": self.speaker_right,
            "speaker_accuracy": self.speaker_accuracy()})
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Which quotes a row counts: gold quotes and predictions of these kinds.
pub type Kinds = &'static [QuoteKind];

pub const ALL_KINDS: Kinds = &[QuoteKind::Direct, QuoteKind::Partial, QuoteKind::Indirect];
/// Quotes with quotation marks: direct, and partial (a reported clause with a quoted part).
pub const WITH_MARKS: Kinds = &[QuoteKind::Direct, QuoteKind::Partial];
pub const INDIRECT: Kinds = &[QuoteKind::Indirect];

/// One document's scoring under `rule`: the matching is made over all gold quotes and all
/// predictions at once, then counted for the gold quotes and predictions of `kinds` (a
/// gold quote of one kind may be found by a prediction of another). Returns the tally and
/// the matching (the prediction finding each gold quote).
pub fn score(
    gold: &[Gold],
    pred: &[Pred],
    rule: Rule,
    kinds: Kinds,
) -> (Tally, Vec<Option<usize>>) {
    let gs: Vec<Span> = gold.iter().map(|g| g.span).collect();
    let ps: Vec<Span> = pred.iter().map(|p| p.span).collect();
    let found = match_one_to_one(&gs, &ps, rule);
    let mut matched = vec![false; pred.len()];
    for p in found.iter().flatten() {
        matched[*p] = true;
    }
    let mut t = Tally::default();
    for (g, by) in gold.iter().zip(&found) {
        if !kinds.contains(&g.kind) {
            continue;
        }
        t.gold += 1;
        if let Some(p) = by {
            t.found += 1;
            if let Some(forms) = &g.speaker {
                t.speaker_named += 1;
                t.speaker_right += usize::from(same_speaker(&pred[*p].speaker, forms));
            }
        }
    }
    for (p, m) in pred.iter().zip(&matched) {
        if kinds.contains(&p.kind) {
            t.pred += 1;
            t.matched_pred += usize::from(*m);
        }
    }
    (t, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(a: usize, b: usize) -> Span {
        Span::new(a, b)
    }

    #[test]
    fn a_gold_quote_is_found_by_covering_more_than_the_share() {
        let gold = [s(0, 100)];
        assert_eq!(
            match_one_to_one(&gold, &[s(0, 30)], Rule::Covers(0.3)),
            [None]
        );
        assert_eq!(
            match_one_to_one(&gold, &[s(0, 31)], Rule::Covers(0.3)),
            [Some(0)]
        );
        assert_eq!(
            match_one_to_one(&gold, &[s(90, 200)], Rule::Covers(0.3)),
            [None]
        );
        assert_eq!(
            match_one_to_one(&gold, &[s(99, 200)], Rule::Overlaps),
            [Some(0)]
        );
        assert_eq!(
            match_one_to_one(&gold, &[s(0, 79)], Rule::Covers(0.8)),
            [None]
        );
    }

    #[test]
    fn one_prediction_finds_one_gold_quote() {
        // One long prediction over two gold quotes finds the one it covers more of.
        let gold = [s(0, 10), s(12, 50)];
        let found = match_one_to_one(&gold, &[s(0, 50)], Rule::Covers(0.3));
        assert_eq!(found.iter().flatten().count(), 1);
        // Two predictions, each best for a different gold quote.
        let found = match_one_to_one(&gold, &[s(0, 9), s(12, 49)], Rule::Covers(0.3));
        assert_eq!(found, [Some(0), Some(1)]);
    }

    /// What every set's rows (the bundled article's too) are counted by: one long
    /// prediction over two gold quotes is one found quote, under every rule.
    #[test]
    fn a_score_counts_one_prediction_once() {
        let gold: Vec<Gold> = [s(0, 10), s(12, 22)]
            .into_iter()
            .map(|span| Gold {
                span,
                kind: QuoteKind::Direct,
                speaker: Some(vec!["Ana Ruiz".into()]),
            })
            .collect();
        let pred = [Pred {
            span: s(0, 22),
            kind: QuoteKind::Direct,
            speaker: "Ruiz".into(),
        }];
        for rule in [Rule::Covers(0.3), Rule::Covers(0.8), Rule::Overlaps] {
            let (t, found) = score(&gold, &pred, rule, ALL_KINDS);
            assert_eq!(
                (t.gold, t.found, t.pred, t.matched_pred),
                (2, 1, 1, 1),
                "{rule:?}"
            );
            assert_eq!(t.speaker_named, 1, "{rule:?}");
            assert_eq!(found.iter().flatten().count(), 1, "{rule:?}");
        }
    }

    #[test]
    fn speakers_by_name() {
        let obama = vec!["Barack Obama".to_string(), "Mr Obama".to_string()];
        assert!(same_speaker("Barack Obama", &obama));
        assert!(same_speaker("Obama", &obama));
        assert!(same_speaker("President Obama", &obama));
        assert!(same_speaker("Barak Obama", &obama));
        assert!(!same_speaker("Barack", &obama));
        assert!(!same_speaker("Michelle Obama", &obama));
        assert!(!same_speaker("the president", &obama));
        let officials = vec!["Obama administration officials".to_string()];
        assert!(same_speaker("officials", &officials));
        assert!(!same_speaker("Obama", &officials));
    }

    #[test]
    fn rows_count_by_kind_after_one_matching() {
        let gold = [
            Gold {
                span: s(0, 10),
                kind: QuoteKind::Direct,
                speaker: Some(vec!["Ana Ruiz".into()]),
            },
            Gold {
                span: s(20, 40),
                kind: QuoteKind::Indirect,
                speaker: Some(vec!["Ana Ruiz".into()]),
            },
        ];
        let pred = [
            Pred {
                span: s(0, 10),
                kind: QuoteKind::Direct,
                speaker: "Ruiz".into(),
            },
            Pred {
                span: s(50, 60),
                kind: QuoteKind::Indirect,
                speaker: "Ruiz".into(),
            },
        ];
        let (all, _) = score(&gold, &pred, Rule::Covers(0.3), ALL_KINDS);
        assert_eq!(
            (all.gold, all.found, all.pred, all.matched_pred),
            (2, 1, 2, 1)
        );
        assert_eq!((all.speaker_named, all.speaker_right), (1, 1));
        let (indirect, _) = score(&gold, &pred, Rule::Covers(0.3), INDIRECT);
        assert_eq!((indirect.gold, indirect.found, indirect.pred), (1, 0, 1));
    }
}
