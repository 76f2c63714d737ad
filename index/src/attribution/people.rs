//! The people of one document: each name printed joined to its person, every place their
//! name is printed, and a description from the parse of the sentences around them: an
//! appositive (`X, a professor at Y,`), the noun a name is set beside (`China's ambassador
//! to Moscow, X`), a predicate (`X is a specialist in ...`), the title before a name
//! (`Russian President X`), or the subject of the next sentence that describes them
//! (`This specialist in ... said`), which is then a mention of them too.

use super::coref::Named;
use super::matching::{same_person_in_article, tokens};
use super::sentences::{Analysed, Analyses};
use crate::model::Span;
use crate::text::lexicon::ROLE_NOUNS;
use std::ops::Range;
use verbatim_nlp::{DepRel, Upos};

/// What kind of speaker a person is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Person,
    /// An organisation, a government, a publication.
    Organisation,
    /// People named by a description of them (`officials`, `a spokesman`).
    Group,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gender {
    Male,
    Female,
}

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
    pub kind: Kind,
    pub gender: Option<Gender>,
    /// The nouns of every description the text gives them (`president`, `senator`,
    /// `ambassador`), for `the president said` to find them.
    pub roles: Vec<String>,
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
                kind: Kind::Person,
                gender: None,
                roles: Vec::new(),
            });
            people.len() - 1
        }
    }
}

/// The person a description names (`the president`, `the ambassador`): the one named
/// last before it whom the text describes by its head noun; else a new one called by it
/// (`officials`, `a spokeswoman`).
pub(super) fn described(
    people: &mut Vec<Draft>,
    named: &[Named],
    text: &str,
    description: &str,
    at: Span,
    content: Span,
) -> usize {
    let head = description
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    let known = people
        .iter()
        .enumerate()
        .filter(|(_, p)| p.roles.contains(&head))
        .filter_map(|(i, p)| {
            p.mentions
                .iter()
                .filter(|m| m.end <= at.start)
                .map(|m| m.start)
                .max()
                .map(|last| (i, last))
        })
        .max_by_key(|(_, last)| *last)
        .map(|(i, _)| i);
    // Or someone named before with that title (`Governor X`, `X, the governor,`).
    let titled = || {
        named
            .iter()
            .rev()
            .filter(|n| n.span.end <= at.start && n.kind == Kind::Person)
            .find(|n| {
                let mut from = n.span.start.saturating_sub(40);
                while !text.is_char_boundary(from) {
                    from += 1;
                }
                let before = &text[from..n.span.start];
                let before = before
                    .get(before.len().saturating_sub(30)..)
                    .unwrap_or(before);
                let after = text[n.span.end..]
                    .get(..30.min(text.len() - n.span.end))
                    .unwrap_or("");
                let word = |s: &str| {
                    s.split(|c: char| !c.is_alphanumeric())
                        .any(|w| w.eq_ignore_ascii_case(&head))
                };
                word(before.rsplit(['.', ',', ';']).next().unwrap_or(""))
                    || after.starts_with(", ") && word(after.split([',', '.']).nth(1).unwrap_or(""))
            })
    };
    // `The company`, `the agency`: an organisation quoted in the article, the nearest;
    // else the organisation named last before it, up to a few paragraphs back, or just
    // after it; not a place.
    let quoted_organisation = if names_an_organisation(description) {
        people
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == Kind::Organisation)
            .filter_map(|(i, p)| {
                p.mentions
                    .iter()
                    .map(|m| m.start.abs_diff(at.start))
                    .min()
                    .filter(|d| *d < 3_000)
                    .map(|d| (i, d))
            })
            .min_by_key(|(_, d)| *d)
            .map(|(i, _)| i)
    } else {
        None
    };
    let known = known.or(quoted_organisation);
    let organisation = || {
        if !names_an_organisation(description) {
            return None;
        }
        // Not one named in the words reported.
        let organisations = || {
            named
                .iter()
                .filter(|n| n.kind == Kind::Organisation && !n.place && !content.contains(n.span))
        };
        organisations()
            .rfind(|n| n.span.end <= at.start && at.start - n.span.end < 3_000)
            // Named only just after (`the Russian space agency said ... Roscosmos said`).
            .or_else(|| {
                organisations().find(|n| n.span.start >= at.end && n.span.start - at.end < 1_500)
            })
    };
    let known = known.or_else(|| {
        if let Some(n) = titled() {
            return Some(person_for(people, &n.name, n.span));
        }
        let n = organisation()?;
        let p = person_for(people, &n.name, n.span);
        people[p].kind = Kind::Organisation;
        Some(p)
    });
    match known {
        Some(p) => {
            people[p].mentions.push(at);
            p
        }
        None => {
            let p = person_for(people, description, at);
            if !ROLE_NOUNS.contains(&head.as_str()) || head.ends_with('s') {
                people[p].kind = Kind::Group;
            }
            p
        }
    }
}

/// Whether a description names an organisation by what it is (`the company`, `the Russian
/// space agency`): a definite phrase headed by a word for one.
pub(super) fn names_an_organisation(description: &str) -> bool {
    let lower = description.to_lowercase();
    let head = lower.split_whitespace().last().unwrap_or("");
    lower.starts_with("the ")
        && (crate::text::lexicon::ORGANISATION_AND_PLACE_NOUNS.contains(&head)
            || matches!(
                head,
                "company"
                    | "firm"
                    | "airline"
                    | "agency"
                    | "retailer"
                    | "bank"
                    | "carrier"
                    | "network"
                    | "studio"
                    | "maker"
                    | "manufacturer"
                    | "operator"
                    | "regulator"
            ))
}

/// Whether a description names one person by a role (`the president`, `the ambassador`):
/// a role noun in the singular, which may be someone named elsewhere.
pub(super) fn names_a_role(description: &str) -> bool {
    let head = description
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    ROLE_NOUNS.contains(&head.as_str())
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

/// A person's description from the analysed sentences that mention them, best kind first.
pub(super) fn describe(analyses: &Analyses, text: &str, p: &mut Draft) {
    let mut best: Option<Description> = None;
    let mut roles: Vec<String> = Vec::new();
    let mut offer = |rank: u8, phrase: &str| {
        let phrase = phrase.trim().trim_end_matches([',', '.', ';', ':']).trim();
        let words = phrase.split_whitespace().count();
        for w in phrase.split(|c: char| !c.is_alphanumeric()) {
            let w = w.to_lowercase();
            if !w.is_empty() && !roles.contains(&w) {
                roles.push(w);
            }
        }
        if (1..=20).contains(&words) && best.as_ref().is_none_or(|b| rank < b.rank) {
            best = Some(Description {
                rank,
                text: phrase.to_string(),
            });
        }
    };
    let mut extra_mentions = Vec::new();
    for m in p.mentions.clone() {
        let Some(a) = analyses.at(m.start) else {
            continue;
        };
        let words: Vec<usize> = (0..a.len()).filter(|&i| m.contains(a.word(i))).collect();
        let (Some(&first), Some(&last)) = (words.first(), words.last()) else {
            continue;
        };
        // The name's head: its word whose head is outside the name.
        let head = words
            .iter()
            .copied()
            .find(|&i| a.head(i).is_none_or(|h| !(first..=last).contains(&h)))
            .unwrap_or(last);
        // An appositive after the name (not another name).
        if let Some(ap) = a
            .children(head)
            .find(|&c| c > last && a.deprel(c) == DepRel::Appos && a.upos(c) != Upos::Propn)
        {
            // The phrase runs to the comma that closes it (the parse may hang its last
            // parts elsewhere: `a specialist in the Far East at Kings College in London`),
            // or to a verb outside it; a clause of its own stays in (`a physician who is
            // better known as ...`, `a woman who is nearly engulfed by her lab coat`).
            let inner = a.subtree(ap);
            let mut start = inner.start;
            while start < ap && a.upos(start) == Upos::Punct {
                start += 1;
            }
            let end = (start + 1..a.len())
                .find(|&i| {
                    matches!(a.parse.word(i), "," | ";" | "(" | ")" | "—" | "–")
                        || a.upos(i) == Upos::Verb
                            && a.deprel(i).universal() != DepRel::Acl
                            && !inner.contains(&i)
                })
                .unwrap_or(a.len());
            let end = if a.upos(end.saturating_sub(1)) == Upos::Punct {
                end - 1
            } else {
                end
            };
            offer(0, a.words(start..end.max(ap + 1)).text(text));
        }
        // The name set beside a phrase before it, after a comma: `China's ambassador to
        // Moscow, X` (whatever the parse attached the name to).
        if first > 1 && a.parse.word(first - 1) == "," {
            let start = (0..first - 1)
                .rev()
                .find(|&i| {
                    matches!(
                        a.parse.word(i),
                        "," | ";" | ":" | "—" | "–" | "(" | "“" | "\""
                    )
                })
                .map_or(0, |i| i + 1);
            let phrase = start..first - 1;
            let described = phrase.clone().any(|i| {
                a.upos(i) == Upos::Noun && ROLE_NOUNS.contains(&a.lemma(i).to_lowercase().as_str())
            });
            let clause = phrase
                .clone()
                .any(|i| matches!(a.upos(i), Upos::Verb | Upos::Aux));
            if described && !clause && phrase.len() <= 12 {
                offer(1, a.words(phrase).text(text));
            }
        }
        // A predicate: `X is a specialist in ...`.
        if a.deprel(head).is_subject() {
            if let Some(pred) = a.head(head).filter(|&h| {
                a.children(h).any(|c| a.deprel(c) == DepRel::Cop) && a.upos(h) == Upos::Noun
            }) {
                let sub = clause_free(a, pred);
                let cop = a
                    .children(pred)
                    .filter(|&c| a.deprel(c) == DepRel::Cop)
                    .max()
                    .unwrap_or(pred);
                offer(1, a.words(cop + 1..sub.end).text(text));
            }
        }
        // The name set right after a noun it names (`China's revolutionary leader X`,
        // parsed as the noun's appositive).
        if a.deprel(head) == DepRel::Appos {
            if let Some(noun) = a
                .head(head)
                .filter(|&n| n + 1 == first && a.upos(n) == Upos::Noun)
            {
                offer(2, a.words(a.subtree(noun).start..first).text(text));
            }
        }
        // The title before the name: its modifiers outside the name (`Russian President`).
        let title: Option<usize> = a
            .children(head)
            .filter(|&c| {
                c < first
                    && matches!(
                        a.deprel(c),
                        DepRel::Compound | DepRel::NmodDesc | DepRel::Amod | DepRel::Flat
                    )
            })
            .map(|c| a.subtree(c).start)
            .min();
        if let Some(start) = title {
            if (start..first).any(|i| a.upos(i) == Upos::Noun || a.upos(i) == Upos::Propn) {
                offer(2, a.words(start..first).text(text));
            }
        }
        // The next sentence's subject, a description (`This specialist in ... said`).
        if let Some(next) = analyses
            .sentences
            .iter()
            .find(|n| n.block == a.block && n.span.start >= a.span.end)
        {
            if let Some((subject, verb)) = description_subject(next) {
                // The phrase runs to the verb group, whatever the parse hung where.
                let r = subject..verb;
                offer(3, next.words(r.start + 1..r.end).text(text));
                extra_mentions.push(next.words(r));
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
    for r in roles {
        if !p.roles.contains(&r) {
            p.roles.push(r);
        }
    }
}

/// The subject of a sentence that is `this` or `the` with a role noun (`This specialist in
/// Chinese relations has ...`): a description of someone just named. Returns where the
/// subject's phrase starts and where the verb group after it starts.
fn description_subject(a: &Analysed) -> Option<(usize, usize)> {
    let root = (0..a.len()).find(|&i| a.head(i).is_none())?;
    let subject = a.children(root).find(|&c| a.deprel(c).is_subject())?;
    let det = a.children(subject).find(|&c| a.deprel(c) == DepRel::Det)?;
    let verb = a
        .children(root)
        .filter(|&c| {
            c > subject
                && matches!(
                    a.deprel(c).universal(),
                    DepRel::Aux | DepRel::Advmod | DepRel::Cop
                )
        })
        .chain(std::iter::once(root))
        .min()?;
    (det == a.subtree(subject).start
        && det == 0
        && matches!(a.lemma(det), "this" | "the")
        && ROLE_NOUNS.contains(&a.lemma(subject))
        && verb > subject)
        .then_some((det, verb))
}

/// The words of `w`'s phrase without a relative clause, an appositive or a clause after it.
fn clause_free(a: &Analysed, w: usize) -> Range<usize> {
    let sub = a.subtree(w);
    let cut = a
        .children(w)
        .filter(|&c| {
            c > w
                && (matches!(
                    a.deprel(c),
                    DepRel::AclRelcl | DepRel::Appos | DepRel::Parataxis
                ) || a.deprel(c) == DepRel::Punct
                    && matches!(a.parse.word(c), "," | ";" | "(" | "—" | "–" | ":"))
                && a.subtree(c).start > w
        })
        .map(|c| a.subtree(c).start)
        .min()
        .unwrap_or(sub.end);
    sub.start..cut.max(w + 1)
}
