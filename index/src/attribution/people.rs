//! The people of one document: each name printed joined to its person, every place their
//! name is printed, and a description from the text around them.

use super::matching::{same_person_in_article, tokens};
use crate::model::{Document, Span};
use crate::text::lexicon::{is_reporting_verb, ADJECTIVE_SUFFIXES, ROLE_NOUNS};
use crate::text::names::is_not_name;
use crate::text::words::{is_capitalised, lower, words};

/// A description found for a person, and how good its kind is (0 best).
#[derive(Debug, Clone)]
pub(super) struct Description {
    pub rank: u8,
    pub text: String,
}

/// A person being assembled.
#[derive(Debug, Clone)]
pub(super) struct Draft {
    pub name: String,
    pub forms: Vec<String>,
    pub mentions: Vec<Span>,
    pub description: Option<Description>,
}

/// Finds the canonical person for a name printed in the text, creating one if new: a name
/// joins the person it names in this article (see `matching::same_person_in_article`), and
/// the longest name printed becomes the person's name.
pub(super) fn person_for(people: &mut Vec<Draft>, printed: &str, at: Span) -> usize {
    let printed_tokens = tokens(printed);
    let found = people
        .iter()
        .position(|p| same_person_in_article(&printed_tokens, &tokens(&p.name)));
    match found {
        Some(i) => {
            let p = &mut people[i];
            if printed_tokens.len() > tokens(&p.name).len() {
                let old = std::mem::replace(&mut p.name, printed.to_string());
                p.forms.push(old);
            } else if !p.forms.iter().any(|f| f == printed) && p.name != printed {
                p.forms.push(printed.to_string());
            }
            p.mentions.push(at);
            i
        }
        None => {
            people.push(Draft {
                name: printed.to_string(),
                forms: Vec::new(),
                mentions: vec![at],
                description: None,
            });
            people.len() - 1
        }
    }
}

/// The person a description names (`the ambassador`): one already described by its head
/// noun, or a new person called by it.
pub(super) fn described(people: &mut Vec<Draft>, description: &str, at: Span) -> usize {
    let head = description
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    let known = people.iter().position(|p| {
        p.description
            .as_ref()
            .is_some_and(|d| d.text.to_lowercase().contains(&head))
    });
    known.unwrap_or_else(|| person_for(people, description, at))
}

/// Every place one of the person's printed forms stands in the text, as a whole word.
pub(super) fn add_printed_mentions(text: &str, p: &mut Draft) {
    let forms: Vec<String> = std::iter::once(p.name.clone())
        .chain(p.forms.iter().cloned())
        .collect();
    for form in &forms {
        for (pos, _) in text.match_indices(form.as_str()) {
            let end = pos + form.len();
            let boundary_before = text[..pos]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let boundary_after = text[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            let span = Span::new(pos, end);
            if boundary_before && boundary_after && !p.mentions.iter().any(|m| m.overlaps(span)) {
                p.mentions.push(span);
            }
        }
    }
    p.mentions.sort();
}

/// A description of a person from the text around their mentions, best kind first:
/// an appositive (`Kuhrt, a specialist in ...`), a phrase before the name (`China’s
/// ambassador to Moscow, Zhang Hanhui`; `revolutionary leader Mao Zedong`), or the next
/// sentence's subject (`This specialist in ...`), which is then a mention too.
pub(super) fn describe(doc: &Document, p: &mut Draft) {
    let text = &doc.text;
    let mut best: Option<Description> = None;
    let mut offer = |rank: u8, d: &str| {
        let d = d.trim().trim_end_matches([',', '.', ';']).trim();
        if d.split_whitespace().count() >= 2 && best.as_ref().is_none_or(|b| rank < b.rank) {
            best = Some(Description {
                rank,
                text: d.to_string(),
            });
        }
    };
    let mut extra_mentions = Vec::new();
    for m in p.mentions.clone() {
        let Some(block) = doc.blocks.iter().find(|b| b.span.contains(m)) else {
            continue;
        };
        // Appositive after the name.
        let after = &text[m.end..block.span.end];
        if let Some(rest) = after.strip_prefix(", ") {
            let first = rest.split_whitespace().next().unwrap_or("").to_lowercase();
            if matches!(first.as_str(), "a" | "an" | "the")
                || rest.split([',', '.']).next().is_some_and(|c| {
                    c.split_whitespace()
                        .any(|w| ROLE_NOUNS.contains(&w.to_lowercase().as_str()))
                }) && !is_reporting_verb(&first)
            {
                let end = rest
                    .find([',', ';', '.', '“', '"', '('])
                    .unwrap_or(rest.len());
                let phrase = &rest[..end];
                if phrase.split_whitespace().count() <= 18
                    && phrase
                        .split_whitespace()
                        .any(|w| ROLE_NOUNS.contains(&w.to_lowercase().trim_end_matches('s')))
                {
                    offer(0, phrase);
                }
            }
        }
        // A phrase before the name: "China’s ambassador to Moscow, Zhang Hanhui".
        let before = &text[block.span.start..m.start];
        if let Some(clause) = before.strip_suffix(", ") {
            let clause_start = clause
                .rfind(['.', ',', ';', ':', '“', '”', '"'])
                .map_or(0, |i| {
                    i + clause[i..].chars().next().map_or(1, char::len_utf8)
                });
            let phrase = clause[clause_start..].trim();
            let ws: Vec<&str> = phrase.split_whitespace().collect();
            if (2..=10).contains(&ws.len())
                && ws
                    .iter()
                    .any(|w| ROLE_NOUNS.contains(&w.to_lowercase().as_str()))
                && !ws.iter().any(|w| is_reporting_verb(&w.to_lowercase()))
            {
                offer(1, phrase);
            }
        }
        // A title phrase right before the name: "revolutionary leader Mao Zedong".
        let ws = words(text, Span::new(block.span.start, m.start));
        if let Some(last) = ws.last() {
            if ROLE_NOUNS.contains(&lower(last).as_str())
                && text[last.span.end..m.start].trim().is_empty()
            {
                let mut k = ws.len() - 1;
                while k > 0 {
                    let w = &ws[k - 1];
                    let l = lower(w);
                    let gap_ok = text[w.span.end..ws[k].span.start].trim().is_empty();
                    let adjective = ADJECTIVE_SUFFIXES.iter().any(|s| l.ends_with(s));
                    if !gap_ok || is_not_name(&l.as_str()) || is_reporting_verb(&l) {
                        break;
                    }
                    if is_capitalised(w.text) && (w.text.ends_with("’s") || w.text.ends_with("'s"))
                    {
                        k -= 1;
                        break;
                    }
                    if adjective || ROLE_NOUNS.contains(&l.as_str()) || is_capitalised(w.text) {
                        k -= 1;
                    } else {
                        break;
                    }
                }
                let phrase = Span::new(ws[k].span.start, last.span.end).text(text);
                offer(2, phrase);
            }
        }
        // The next sentence's subject: "This specialist in ... has ...".
        if let Some(si) = block.sentences.iter().position(|s| s.contains(m)) {
            if let Some(next) = block.sentences.get(si + 1) {
                let ws = words(text, *next);
                if ws.len() > 2
                    && matches!(lower(&ws[0]).as_str(), "this" | "the" | "that")
                    && ROLE_NOUNS.contains(&lower(&ws[1]).as_str())
                {
                    let stop = ws
                        .iter()
                        .skip(2)
                        .position(|w| {
                            matches!(
                                lower(w).as_str(),
                                "has"
                                    | "have"
                                    | "had"
                                    | "is"
                                    | "was"
                                    | "will"
                                    | "would"
                                    | "who"
                                    | "which"
                                    | "says"
                                    | "said"
                                    | "thinks"
                                    | "believes"
                                    | "also"
                                    | "even"
                                    | "can"
                                    | "could"
                            )
                        })
                        .map(|k| k + 2)
                        .unwrap_or(ws.len());
                    let phrase = Span::new(ws[1].span.start, ws[stop - 1].span.end);
                    offer(3, phrase.text(text));
                    extra_mentions.push(Span::new(ws[0].span.start, ws[stop - 1].span.end));
                }
            }
        }
    }
    for e in extra_mentions {
        if !p.mentions.iter().any(|m| m.overlaps(e)) {
            p.mentions.push(e);
        }
    }
    p.mentions.sort();
    p.description = best;
}
