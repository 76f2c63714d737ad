//! Statements reported without quotation marks, read off the dependency parse: a reporting
//! verb with a clause as its complement (`X said (that) CLAUSE`, `X told reporters CLAUSE`,
//! `X warned CLAUSE`), a clause the verb is set beside (`CLAUSE, X said`; `The plan, she said,
//! is dead`: two pieces), and `according to X, CLAUSE`. The content is the reported clause,
//! without the speaker, the verb, its complementiser and final punctuation; it must be a
//! finite clause (`X urged Y to act` reports no statement). A clause with quoted words in
//! it is a mixed quote: one quote, the whole clause, of kind partial.

use super::cues::{according_to, is_speech_verb, speaker_of_verb};
use super::sentences::{Analysed, Analyses};
use super::sequence;
use super::Attribution;
use crate::model::{BlockKind, Document, Span};
use crate::quotes::Marked;
use std::ops::Range;
use verbatim_nlp::{DepRel, Upos};

const COMPLEMENT: f32 = 0.8;
const BESIDE: f32 = 0.75;
const ACCORDING_TO: f32 = 0.8;

/// A statement found in a sentence.
pub(super) struct Statement {
    /// The pieces of its content (two when the attribution interrupts it).
    pub pieces: Vec<Span>,
    pub attribution: Attribution,
    /// The marked quotes inside it (then it is a mixed quote).
    pub quoted: Vec<usize>,
}

/// The statements of sentence `a`; `marked` are the document's quoted spans.
pub(super) fn statements(a: &Analysed, marked: &[Marked], text: &str) -> Vec<Statement> {
    let in_marks = |i: usize| marked.iter().any(|m| a.inside(i, m.outer));
    let mut out: Vec<Statement> = Vec::new();
    if let Some((content, attribution)) = sequence::statement(a, text) {
        if !content.clone().any(in_marks) || !marked.iter().any(|m| m.outer.overlaps(a.span)) {
            push(&mut out, a, vec![content], attribution, marked);
        }
    }
    for v in 0..a.len() {
        if in_marks(v) || !is_speech_verb(a, v) || hypothetical(a, v) {
            continue;
        }
        let (ranges, confidence) = if let Some(parenthetical) = parenthetical(a, v) {
            (parenthetical, BESIDE)
        } else if let Some(c) = a
            .children(v)
            .find(|&c| a.deprel(c) == DepRel::Ccomp && is_clause(a, c))
        {
            (vec![a.subtree(c)], COMPLEMENT)
        } else if a.deprel(v) == DepRel::Parataxis
            && a.head(v).is_some_and(|h| h < v && is_clause(a, h))
            && bare_attribution(a, v)
        {
            // `CLAUSE, X said`: the clause the verb stands beside, up to the comma before
            // the attribution.
            let h = a.head(v).unwrap_or(v);
            let sub = a.subtree(h);
            let first = a
                .children(v)
                .filter(|&c| a.deprel(c).is_subject())
                .map(|c| a.subtree(c).start)
                .chain(std::iter::once(v))
                .min()
                .unwrap_or(v);
            let hole = (sub.start..first)
                .rev()
                .find(|&i| a.parse.word(i) == ",")
                .map_or(a.subtree(v), |comma| comma..a.subtree(v).end.max(first));
            (around(sub, hole), BESIDE)
        } else {
            continue;
        };
        let Some((who, mention)) = speaker_of_verb(a, v, text) else {
            continue;
        };
        let attribution = Attribution {
            who,
            mention,
            cue: Some(a.word(v).text(text).to_string()),
            confidence,
        };
        push(&mut out, a, ranges, attribution, marked);
    }
    // `according to X, CLAUSE` and `CLAUSE, according to X`.
    if let Some((noun, who, mention)) = according_to(a, text) {
        if let Some(root) = a.head(noun).filter(|&r| is_clause(a, r)) {
            let attribution = Attribution {
                who,
                mention,
                cue: Some("according to".into()),
                confidence: ACCORDING_TO,
            };
            push(
                &mut out,
                a,
                around(a.subtree(root), a.subtree(noun)),
                attribution,
                marked,
            );
        }
    }
    out
}

/// Paragraphs that a reporting verb and a colon introduce (`In the interview, the president
/// also said:` followed by one statement a paragraph, as news sets out a list): each
/// paragraph after it that is one sentence without quotation marks is a statement of that
/// speaker, up to the first that is not.
pub(super) fn introduced_list(
    doc: &Document,
    analyses: &Analyses,
    marked: &[Marked],
) -> Vec<(Span, Attribution)> {
    let text = &doc.text;
    let mut out = Vec::new();
    for a in &analyses.sentences {
        let block = &doc.blocks[a.block];
        if block.sentences.last() != Some(&a.span) || !a.span.text(text).trim_end().ends_with(':') {
            continue;
        }
        let Some(v) = (0..a.len()).rev().find(|&v| is_speech_verb(a, v)) else {
            continue;
        };
        // The colon must close the verb's clause: nothing of the verb's after it.
        if a.subtree(v).end < a.len().saturating_sub(1) {
            continue;
        }
        let Some((who, mention)) = speaker_of_verb(a, v, text) else {
            continue;
        };
        for item in &doc.blocks[a.block + 1..] {
            let words = item.span.text(text).split_whitespace().count();
            let quoted = marked.iter().any(|m| m.outer.overlaps(item.span));
            if item.kind != BlockKind::Paragraph
                || item.sentences.len() != 1
                || quoted
                || !(3..=60).contains(&words)
                || item.span.text(text).trim_end().ends_with(':')
            {
                break;
            }
            let t = item.span.text(text);
            let trimmed = t.trim_end_matches(['.', ';', ',', ' ']);
            out.push((
                Span::new(item.span.start, item.span.start + trimmed.len()),
                Attribution {
                    who: who.clone(),
                    mention,
                    cue: Some(":".into()),
                    confidence: 0.6,
                },
            ));
        }
    }
    out
}

/// An attribution set in the middle of what it reports, between commas (`The plan, she
/// said, is dead.`, `The combination, he added, marks a journey`): the sentence's words
/// before and after it, whatever the parse made of the construction. The verb's subject
/// stands right after the first comma; the verb with what it takes (`told reporters`) ends
/// at the second.
fn parenthetical(a: &Analysed, v: usize) -> Option<Vec<Range<usize>>> {
    let comma = |i: usize| a.parse.word(i) == ",";
    let subject = a
        .children(v)
        .filter(|&c| a.deprel(c).is_subject() && c < v)
        .map(|c| a.subtree(c).start)
        .max()?;
    let open = subject.checked_sub(1).filter(|&i| comma(i))?;
    let close = (v + 1..a.len().min(v + 5)).find(|&i| comma(i))?;
    // What stands between the verb and the second comma belongs to the verb (`told
    // reporters`, `said on Tuesday`).
    if (v + 1..close).any(|i| a.head(i).is_some_and(|h| h < open || h > close)) {
        return None;
    }
    (open >= 2 && close + 2 < a.len()).then(|| vec![0..open, close + 1..a.len()])
}

/// Whether a reporting verb set beside a clause is only an attribution (`, X said`, `, she
/// told reporters`, `, the ministry said in a statement`), not a clause of its own that
/// happens to hold such a verb (`, Beijing is responding more and more enthusiastically`):
/// no progressive form, no manner adverb, no clause of its own.
fn bare_attribution(a: &Analysed, v: usize) -> bool {
    let progressive = a.parse.xpos.get(v).copied() == Some("VBG");
    let manner = a.children(v).any(|c| {
        a.deprel(c) == DepRel::Advmod
            && c > v
            && !matches!(
                a.lemma(c),
                "also" | "later" | "then" | "again" | "recently" | "today"
            )
    });
    let clause = a.children(v).any(|c| {
        matches!(
            a.deprel(c).universal(),
            DepRel::Ccomp | DepRel::Xcomp | DepRel::Advcl | DepRel::Conj | DepRel::Parataxis
        )
    });
    !progressive && !manner && !clause
}

/// Whether the verb's own auxiliaries make the report hypothetical or future (`would say`,
/// `will announce`, `could argue`): no statement was made.
fn hypothetical(a: &Analysed, v: usize) -> bool {
    a.children(v).any(|c| {
        a.deprel(c) == DepRel::Aux
            && matches!(
                a.lemma(c),
                "will" | "would" | "could" | "might" | "may" | "should" | "can" | "must" | "shall"
            )
    })
}

/// Whether word `h` heads a finite clause: a verb (or a predicate with a copula) with a
/// subject, or a finite verb form.
fn is_clause(a: &Analysed, h: usize) -> bool {
    let finite = |i: usize| {
        matches!(
            a.parse.xpos.get(i).copied(),
            Some("VBD" | "VBZ" | "VBP" | "MD")
        )
    };
    let subject = a.children(h).any(|c| a.deprel(c).is_subject());
    let verbal = matches!(a.upos(h), Upos::Verb | Upos::Aux)
        || a.children(h).any(|c| a.deprel(c) == DepRel::Cop);
    verbal
        && (subject
            || finite(h)
            || a.children(h)
                .any(|c| a.deprel(c).universal() == DepRel::Aux && finite(c)))
}

/// The words of `outer` outside `hole`, as the pieces before and after it.
fn around(outer: Range<usize>, hole: Range<usize>) -> Vec<Range<usize>> {
    vec![
        outer.start..hole.start.max(outer.start),
        hole.end.min(outer.end)..outer.end,
    ]
}

/// Trims a piece of content: no complementiser or linking conjunction first, no
/// punctuation at either end.
fn trim(a: &Analysed, r: Range<usize>) -> Range<usize> {
    let (mut s, mut e) = (r.start, r.end);
    loop {
        let edge_punct = |i: usize| a.upos(i) == Upos::Punct;
        if s < e
            && (edge_punct(s)
                || (matches!(a.deprel(s), DepRel::Mark | DepRel::Cc)
                    && matches!(
                        a.lemma(s),
                        "that" | "whether" | "if" | "but" | "and" | "so" | "yet"
                    )))
        {
            s += 1;
        } else if s < e && edge_punct(e - 1) {
            e -= 1;
        } else {
            break;
        }
    }
    s..e
}

/// Whether words `r` are only an adverbial (`On Tuesday`, `In a few more years`): a piece
/// of content is kept when it holds a verb or an argument of the clause.
fn adverbial_only(a: &Analysed, r: Range<usize>) -> bool {
    if r.clone()
        .any(|i| matches!(a.upos(i), Upos::Verb | Upos::Aux))
    {
        return false;
    }
    r.clone()
        .filter(|&i| a.head(i).is_none_or(|h| !r.contains(&h)))
        .all(|i| {
            matches!(
                a.deprel(i).universal(),
                DepRel::Obl | DepRel::Advmod | DepRel::Punct | DepRel::Cc | DepRel::Mark
            )
        })
}

fn push(
    out: &mut Vec<Statement>,
    a: &Analysed,
    ranges: Vec<Range<usize>>,
    attribution: Attribution,
    marked: &[Marked],
) {
    let pieces: Vec<Span> = ranges
        .into_iter()
        .map(|r| trim(a, r))
        .filter(|r| !r.is_empty() && !adverbial_only(a, r.clone()))
        .map(|r| a.words(r))
        .collect();
    if pieces.is_empty() {
        return;
    }
    let total: usize = pieces.iter().map(Span::len).sum();
    let quoted: Vec<usize> = marked
        .iter()
        .enumerate()
        .filter(|(_, m)| pieces.iter().any(|p| p.overlaps(m.outer)))
        .map(|(i, _)| i)
        .collect();
    let in_marks: usize = quoted
        .iter()
        .map(|&i| {
            pieces
                .iter()
                .map(|p| {
                    p.end
                        .min(marked[i].outer.end)
                        .saturating_sub(p.start.max(marked[i].outer.start))
                })
                .sum::<usize>()
        })
        .sum();
    // Mostly inside marks: a direct quote, attributed as one.
    if in_marks * 10 >= total * 8 {
        return;
    }
    if out.iter().any(|s| {
        s.pieces
            .iter()
            .any(|p| pieces.iter().any(|q| p.overlaps(*q)))
    }) {
        return;
    }
    out.push(Statement {
        pieces,
        attribution,
        quoted,
    });
}
