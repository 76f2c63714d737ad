//! Cues: the words next to a quote that say who said it, before it (`X said: “`, `X told
//! reporters, “`, `According to X, “`, `X: ‘`) or after it (`,” said X.`, `,” X, a
//! professor at Y, said.`, `,” he added.`, `X is said to have grumbled`).

use super::{sentence_at, Attribution, Who};
use crate::model::{BlockKind, Document, Span};
use crate::quotes::Marked;
use crate::text::lexicon::{is_reporting_verb, is_title, ROLE_NOUNS, SPEAKER_PRONOUNS};
use crate::text::names::{name_at, name_text};
use crate::text::words::{lower, no_gap, words, Word};

/// A speaker phrase starting at word `i`: a name, a pronoun, or `the/a` + description.
pub(super) fn speaker_at(ws: &[Word], i: usize, text: &str) -> Option<(Who, Span, usize)> {
    let w = ws.get(i)?;
    let l = lower(w);
    if SPEAKER_PRONOUNS.contains(&l.as_str()) {
        return Some((Who::Pronoun, w.span, i + 1));
    }
    if let Some(range) = name_at(ws, i, text) {
        let (name, span) = name_text(ws, range, text);
        return Some((Who::Name(name.to_string()), span, range.1));
    }
    if matches!(l.as_str(), "the" | "a" | "an") {
        // "the ambassador", "a spokesman for the ministry": up to 6 words with a role noun.
        let mut j = i + 1;
        let mut has_role = false;
        while j < ws.len()
            && j - i <= 6
            && no_gap(ws, j - 1, text)
            && !is_reporting_verb(&lower(&ws[j]))
        {
            has_role |= ROLE_NOUNS.contains(&lower(&ws[j]).as_str());
            j += 1;
        }
        if has_role {
            let span = Span::new(w.span.start, ws[j - 1].span.end);
            return Some((Who::Described(span.text(text).to_string()), span, j));
        }
    }
    None
}

/// Skips an appositive (`, a professor at Y,`) starting right after word `j - 1`.
pub(super) fn skip_appositive(ws: &[Word], j: usize, text: &str) -> usize {
    let Some(prev) = j.checked_sub(1).and_then(|p| ws.get(p)) else {
        return j;
    };
    let Some(next) = ws.get(j) else { return j };
    let gap = &text[prev.span.end..next.span.start];
    if gap.trim() != "," {
        return j;
    }
    let mut k = j;
    while k < ws.len() && k - j < 20 {
        if k > j && text[ws[k - 1].span.end..ws[k].span.start].trim() == "," {
            return k;
        }
        if text[ws[k].span.end..ws.get(k + 1).map_or(ws[k].span.end, |n| n.span.start)]
            .contains(['.', ';', ':', '“', '"'])
        {
            return j;
        }
        k += 1;
    }
    j
}

/// The cue after a quote: `, said X`, `, X said`, `, he added`, `X is said to have grumbled`.
pub(super) fn cue_after(doc: &Document, m: &Marked) -> Option<Attribution> {
    let sentence = sentence_at(doc, m.block, m.outer.end.saturating_sub(1));
    let block_end = doc.blocks[m.block].span.end;
    let end = sentence.end.max(m.outer.end).min(block_end);
    let after = Span::new(m.outer.end, end);
    let lead = after.text(&doc.text);
    let trimmed = lead.trim_start_matches([',', ' ', '\u{a0}', '—', '–']);
    if trimmed.starts_with(['“', '"', '‘']) {
        return None;
    }
    let ws = words(&doc.text, after);
    let first = ws.first()?;
    if doc.text[after.start..first.span.start]
        .trim_matches([',', ' ', '\u{a0}', '—', '–'])
        .chars()
        .any(|c| !c.is_whitespace())
    {
        return None;
    }
    // said X
    if is_reporting_verb(&lower(first)) {
        let (who, mention, _) = speaker_at(&ws, 1, &doc.text)?;
        return Some(Attribution {
            who,
            mention,
            cue: Some(first.text.to_string()),
            confidence: 0.95,
        });
    }
    // X said / X, a professor, said / X is said to have grumbled
    let (who, mention, j) = speaker_at(&ws, 0, &doc.text)?;
    let j = skip_appositive(&ws, j, &doc.text);
    let cue_word = ws.get(j).map(lower)?;
    if is_reporting_verb(&cue_word) {
        return Some(Attribution {
            who,
            mention,
            cue: Some(ws[j].text.to_string()),
            confidence: 0.95,
        });
    }
    if matches!(cue_word.as_str(), "is" | "was" | "has" | "had") {
        // Passive and perfect forms: "is said to have grumbled", "has told", "was quoted as saying".
        for k in j + 1..(j + 5).min(ws.len()) {
            if is_reporting_verb(&lower(&ws[k])) && lower(&ws[k]) != "said"
                || (lower(&ws[k]) == "said" && k + 1 < ws.len() && lower(&ws[k + 1]) != "to")
            {
                return Some(Attribution {
                    who,
                    mention,
                    cue: Some(
                        Span::new(ws[j].span.start, ws[k].span.end)
                            .text(&doc.text)
                            .to_string(),
                    ),
                    confidence: 0.85,
                });
            }
        }
    }
    None
}

/// The cue before a quote in its sentence: `X said: “`, `X told reporters, “`,
/// `According to X, “`, `X: ‘`, and the subject of a reporting verb before a partial quote.
pub(super) fn cue_before(doc: &Document, m: &Marked) -> Option<Attribution> {
    let sentence = sentence_at(doc, m.block, m.outer.start);
    let start = sentence.start.min(m.outer.start);
    let before = Span::new(start, m.outer.start);
    if let Some(a) = cue_in(doc, before) {
        return Some(a);
    }
    // A paragraph that opens with the quote, after a paragraph that ends with a colon
    // (`Obama wrote on Twitter:` ¶ `“Cool clock, Ahmed.”`): that paragraph's last sentence
    // introduces it.
    let block = &doc.blocks[m.block];
    let opens_block = doc.text[block.span.start..m.outer.start].trim().is_empty();
    let previous = m.block.checked_sub(1).map(|b| &doc.blocks[b])?;
    if !opens_block || m.continues || previous.kind == BlockKind::Heading {
        return None;
    }
    let last = *previous.sentences.last()?;
    if !last.text(&doc.text).trim_end().ends_with(':') {
        return None;
    }
    cue_in(doc, last).map(|a| Attribution {
        confidence: a.confidence * 0.9,
        ..a
    })
}

/// The speaker and cue in the words of `before`, which end where a quote opens.
fn cue_in(doc: &Document, before: Span) -> Option<Attribution> {
    let ws = words(&doc.text, before);
    if ws.is_empty() {
        return None;
    }
    let tail = doc.text[ws.last()?.span.end..before.end].trim();
    // Colon form: the sentence before the mark is only a name (or a name and a cue).
    if tail == ":" {
        if let Some((who, mention, j)) = speaker_at(&ws, 0, &doc.text) {
            if j == ws.len() {
                return Some(Attribution {
                    who,
                    mention,
                    cue: Some(":".into()),
                    confidence: 0.9,
                });
            }
        }
    }
    // According to X, ...
    if ws.len() >= 3 && lower(&ws[0]) == "according" && lower(&ws[1]) == "to" {
        if let Some((who, mention, _)) = speaker_at(&ws, 2, &doc.text) {
            return Some(Attribution {
                who,
                mention,
                cue: Some("according to".into()),
                confidence: 0.85,
            });
        }
    }
    // The last reporting verb before the mark, and its subject; failing that, a colon
    // after a clause whose subject is a person (`During questions, Sunak defended the
    // record: “...”`): that person, with less confidence.
    reporting_verb_subject(doc, &ws).or_else(|| {
        (tail == ":")
            .then(|| clause_subject(&ws, &doc.text))
            .flatten()
    })
}

/// The last reporting verb in the words and its subject before it.
fn reporting_verb_subject(doc: &Document, ws: &[Word]) -> Option<Attribution> {
    let cue_index = (0..ws.len())
        .rev()
        .find(|&k| is_reporting_verb(&lower(&ws[k])))?;
    let cue = ws[cue_index].text.to_string();
    // Walk back over adverbs and an appositive to the subject.
    let mut k = cue_index;
    while k > 0
        && (lower(&ws[k - 1]).ends_with("ly")
            || matches!(
                lower(&ws[k - 1]).as_str(),
                "also"
                    | "then"
                    | "later"
                    | "once"
                    | "again"
                    | "has"
                    | "had"
                    | "have"
                    | "was"
                    | "is"
                    | "will"
                    | "would"
            ))
        && no_gap(ws, k - 1, &doc.text)
    {
        k -= 1;
    }
    // ", a professor at Y," between subject and verb.
    if k > 0 && doc.text[ws[k - 1].span.end..ws[k].span.start].trim() == "," {
        let mut p = k - 1;
        while p > 0 && doc.text[ws[p - 1].span.end..ws[p].span.start].trim() != "," {
            p -= 1;
        }
        // The words before that comma may be the name (`Zhang Hanhui, recently assured`)
        // or the appositive may follow the name (`Smith, a professor, said`).
        // A name wins over a description on either side.
        let found = subject_ending_at(ws, k - 1, &doc.text, false)
            .or_else(|| {
                p.checked_sub(1)
                    .and_then(|e| subject_ending_at(ws, e, &doc.text, false))
            })
            .or_else(|| subject_ending_at(ws, k - 1, &doc.text, true))?;
        return Some(Attribution {
            cue: Some(cue),
            ..found
        });
    }
    let a = subject_ending_at(ws, k.checked_sub(1)?, &doc.text, true)?;
    Some(Attribution {
        cue: Some(cue),
        ..a
    })
}

/// The subject of a clause that ends in a colon, when it is a person: a name or a pronoun at
/// the start of the words, or after an opening phrase and its comma (`During the debate,
/// Sunak ...`), followed by a lower-case word (its verb). The colon is the cue.
fn clause_subject(ws: &[Word], text: &str) -> Option<Attribution> {
    let after_comma =
        (1..ws.len().min(10)).find(|&k| text[ws[k - 1].span.end..ws[k].span.start].contains(','));
    [Some(0), after_comma].into_iter().flatten().find_map(|i| {
        let (who, mention, j) = speaker_at(ws, i, text)?;
        let verb = ws.get(j)?;
        let is_person = matches!(who, Who::Name(_) | Who::Pronoun);
        (is_person && no_gap(ws, j - 1, text) && verb.text.chars().next()?.is_lowercase())
            .then_some(Attribution {
                who,
                mention,
                cue: Some(":".into()),
                confidence: 0.6,
            })
    })
}

/// A name or pronoun whose last word is word `e`, or (when `described`) a noun phrase.
fn subject_ending_at(ws: &[Word], e: usize, text: &str, described: bool) -> Option<Attribution> {
    let l = lower(&ws[e]);
    if SPEAKER_PRONOUNS.contains(&l.as_str()) {
        return Some(Attribution {
            who: Who::Pronoun,
            mention: ws[e].span,
            cue: None,
            confidence: 0.8,
        });
    }
    // The longest name ending at word `e` without a title word in it (a title before a
    // name belongs to the description: Russian President Vladimir Putin).
    let mut best = None;
    for start in (e.saturating_sub(5)..=e).rev() {
        if let Some((i, j)) = name_at(ws, start, text) {
            let titled = ws[i..j]
                .iter()
                .any(|w| is_title(lower(w).trim_end_matches('.')));
            if j == e + 1 && !titled {
                best = Some((i, j));
            }
        }
    }
    if let Some(mut range) = best {
        // `Minister of Education Stefania Giannini`: the title's department runs into the
        // name; the name is the last two words.
        let (i, j) = range;
        if i >= 2
            && j - i > 2
            && lower(&ws[i - 1]) == "of"
            && is_title(lower(&ws[i - 2]).trim_end_matches('.'))
        {
            range = (j - 2, j);
        }
        // `Maya Fischer of the Daily Ledger said`: the person before an affiliation, not
        // the organisation.
        let mut p = range.0;
        if p > 0 && lower(&ws[p - 1]) == "the" && no_gap(ws, p - 1, text) {
            p -= 1;
        }
        if p >= 2
            && matches!(lower(&ws[p - 1]).as_str(), "of" | "at" | "from" | "for")
            && no_gap(ws, p - 1, text)
            && no_gap(ws, p - 2, text)
        {
            if let Some(person) = subject_ending_at(ws, p - 2, text, false) {
                if matches!(person.who, Who::Name(_)) {
                    return Some(person);
                }
            }
        }
        let (name, span) = name_text(ws, range, text);
        return Some(Attribution {
            who: Who::Name(name.to_string()),
            mention: span,
            cue: None,
            confidence: 0.85,
        });
    }
    // A described subject: "The report's authors say", "A leaked letter seen by X says".
    let clause_start = (0..=e)
        .rev()
        .find(|&k| {
            k == 0
                || text[ws[k - 1].span.end..ws[k].span.start]
                    .contains([',', ':', ';', '.', '“', '"', '('])
        })
        .unwrap_or(0);
    let first = lower(&ws[clause_start]);
    let determiner = matches!(
        first.as_str(),
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
    );
    if described && determiner && e + 1 - clause_start <= 9 && e > clause_start {
        let span = Span::new(ws[clause_start].span.start, ws[e].span.end);
        return Some(Attribution {
            who: Who::Described(span.text(text).to_string()),
            mention: span,
            cue: None,
            confidence: 0.6,
        });
    }
    None
}
