//! Statements reported without quotation marks, one sentence at a time: `..., says X.`,
//! `..., X said.`, `According to X, ...`, `X says (that) ...`, and `X believes ...` for a
//! person already quoted.

use super::cues::{skip_appositive, speaker_at};
use super::matching::{match_score, SAME_TOKEN};
use super::{Attribution, Who};
use crate::model::{Document, Span};
use crate::text::lexicon::{is_reporting_verb, OPINION_VERBS};
use crate::text::words::{lower, no_gap, words};

/// A statement reported without quotation marks, in one sentence.
pub(super) fn indirect_in(
    doc: &Document,
    sentence: Span,
    known: &[String],
) -> Option<(Span, Attribution)> {
    let ws = words(&doc.text, sentence);
    if ws.len() < 5 {
        return None;
    }
    let t = &doc.text;
    // "..., says X" / "..., X said."
    for k in 3..ws.len() {
        let gap = &t[ws[k - 1].span.end..ws[k].span.start];
        if gap.trim() != "," {
            continue;
        }
        let content = Span::new(sentence.start, ws[k - 1].span.end);
        if is_reporting_verb(&lower(&ws[k]))
            && matches!(
                lower(&ws[k]).as_str(),
                "says"
                    | "said"
                    | "adds"
                    | "added"
                    | "argues"
                    | "argued"
                    | "explains"
                    | "explained"
                    | "warns"
                    | "warned"
                    | "insists"
                    | "insisted"
                    | "notes"
                    | "noted"
            )
        {
            if let Some((who, mention, _)) = speaker_at(&ws, k + 1, t) {
                if !matches!(who, Who::Described(_)) {
                    return Some((
                        content,
                        Attribution {
                            who,
                            mention,
                            cue: Some(ws[k].text.to_string()),
                            confidence: 0.8,
                        },
                    ));
                }
            }
        }
        if let Some((Who::Name(n), mention, j)) = speaker_at(&ws, k, t) {
            if ws
                .get(j)
                .is_some_and(|w| matches!(lower(w).as_str(), "says" | "said"))
                && j + 1 == ws.len()
            {
                return Some((
                    content,
                    Attribution {
                        who: Who::Name(n),
                        mention,
                        cue: Some(ws[j].text.to_string()),
                        confidence: 0.8,
                    },
                ));
            }
        }
    }
    // "According to X, ..."
    if lower(&ws[0]) == "according" && lower(&ws[1]) == "to" {
        if let Some((who, mention, j)) = speaker_at(&ws, 2, t) {
            let j = skip_appositive(&ws, j, t).max(j);
            // The statement starts after the comma that closes the attribution.
            let rest_start = (j..ws.len())
                .find(|&k| k > 0 && t[ws[k - 1].span.end..ws[k].span.start].trim() == ",")?;
            if ws.len() - rest_start >= 4 {
                let content = Span::new(ws[rest_start].span.start, sentence.end);
                return Some((
                    trim_end_punct(t, content),
                    Attribution {
                        who,
                        mention,
                        cue: Some("according to".into()),
                        confidence: 0.8,
                    },
                ));
            }
        }
    }
    // "X says (that) ..." at the start of the sentence; "X believes ..." for known speakers.
    if let Some((who, mention, j)) = speaker_at(&ws, 0, t) {
        let verb = ws.get(j).map(lower)?;
        let opinion = OPINION_VERBS.contains(&verb.as_str());
        let known_person = match &who {
            Who::Name(n) => known.iter().any(|k| match_score(n, &[k]) >= SAME_TOKEN),
            Who::Pronoun => true,
            Who::Described(_) => false,
        };
        if (matches!(
            verb.as_str(),
            "says"
                | "said"
                | "argues"
                | "argued"
                | "insists"
                | "insisted"
                | "warns"
                | "warned"
                | "explains"
                | "explained"
        ) && matches!(who, Who::Name(_))
            && no_gap(&ws, j - 1, t))
            || (opinion && known_person)
        {
            let mut c = j + 1;
            if ws.get(c).is_some_and(|w| lower(w) == "that") {
                c += 1;
            }
            if ws.len() - c >= 3 && !t[ws[j].span.end..ws[c].span.start].contains([',', ':']) {
                let content = Span::new(
                    if opinion {
                        sentence.start
                    } else {
                        ws[c].span.start
                    },
                    sentence.end,
                );
                let confidence = if opinion { 0.5 } else { 0.75 };
                return Some((
                    trim_end_punct(t, content),
                    Attribution {
                        who,
                        mention,
                        cue: Some(ws[j].text.to_string()),
                        confidence,
                    },
                ));
            }
        }
    }
    None
}

fn trim_end_punct(text: &str, span: Span) -> Span {
    let s = span.text(text);
    let trimmed = s.trim_end_matches(['.', ' ', ',', ';']);
    Span::new(span.start, span.start + trimmed.len())
}
