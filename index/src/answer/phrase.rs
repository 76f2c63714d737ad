//! The answer phrase: inside the answering sentence, the words that answer the question
//! itself (a name for "who", a date for "when", a number for "how many", the object of
//! "what did X do").
//!
//! The candidates are the phrases of the sentence's dependency parse (each word's subtree,
//! with and without its leading preposition or conjunction, single words, named entities).
//! Each is described by features in the manner of the SQuAD paper's logistic-regression
//! reader (Rajpurkar et al. 2016): the question's kind (its wh-word, and the noun after
//! "what"/"which") joined with the candidate's tags, relation, entity kind, length and
//! shape; how many of its words the question already has; how far it stands from the
//! question's words in the sentence and the dependency path to the nearest one; the words
//! around it. A [`Linear`] model trained on SQuAD (`verbatim-eval squad --train-phrase-model`) scores them and
//! the best one is the phrase.

use super::linear::{key, Linear};
use crate::text::analysis::Analyzer;
use crate::text::lexicon::is_stopword;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;
use verbatim_nlp::{DepRel, Parse, Upos};

/// The longest candidate, in words (SQuAD's answers are three words long on average; a
/// longer span is a clause, not an answer).
const MAX_WORDS: usize = 15;

/// The shipped weights (`verbatim-eval squad ... --train-phrase-model PATH` writes them).
static MODEL_BYTES: &[u8] = include_bytes!("phrase.model");

/// The shipped phrase model.
pub fn shipped() -> &'static Linear {
    static MODEL: OnceLock<Linear> = OnceLock::new();
    MODEL.get_or_init(|| Linear::from_bytes(MODEL_BYTES).unwrap_or_default())
}

/// What the phrase model needs of a question.
#[derive(Debug, Clone)]
pub struct Frame {
    /// The question's kind: its wh-word, with the adjective or adverb of "how many", "how
    /// long" (`"who"`, `"when"`, `"how many"`; `"none"` without one).
    pub wh: String,
    /// The noun the wh-word asks for ("what year" -> `year`, "what is the capital" ->
    /// `capital`), lowercased lemma.
    pub noun: Option<String>,
    /// The word after the wh-word (`"is"` in "who is", `"did"` in "what did").
    pub next: String,
    /// The lemma of the question's main verb (its root, or the verb the wh-word depends on).
    pub verb: String,
    /// The question's words as the index's terms, and their lemmas (content words only).
    terms: HashSet<String>,
    lemmas: HashSet<String>,
    /// For each content word of the question (by term and by lemma), the dependency path
    /// from the wh-word to it in the question: where the answer stands relative to it.
    paths: HashMap<String, String>,
}

impl Frame {
    /// Analyses a question.
    pub fn new(question: &str) -> Frame {
        let cut = super::question::cut(question);
        let p = verbatim_nlp::analyse(cut);
        let analyzer = Analyzer::default();
        let mut wh = String::from("none");
        let mut noun = None;
        let mut next_word = String::from("-");
        let verb = p
            .roots()
            .next()
            .map(|r| {
                if matches!(p.upos.get(r), Some(Upos::Verb)) {
                    p.lemma(r).to_lowercase()
                } else {
                    // "What is the capital?": the root is the predicate; name its verb.
                    p.children(r)
                        .find(|&c| matches!(p.upos.get(c), Some(Upos::Verb | Upos::Aux)))
                        .map_or_else(|| "-".to_string(), |c| p.lemma(c).to_lowercase())
                }
            })
            .unwrap_or_else(|| "-".to_string());
        let mut wh_at = None;
        for i in 0..p.len() {
            let lower = p.word(i).to_lowercase();
            if !matches!(
                lower.as_str(),
                "who" | "whom" | "whose" | "what" | "which" | "when" | "where" | "why" | "how"
            ) {
                continue;
            }
            wh_at = Some(i);
            wh = lower.clone();
            let next = i + 1;
            next_word = p.word(next).to_lowercase();
            if lower == "how" && matches!(p.upos.get(next), Some(Upos::Adj | Upos::Adv | Upos::Det))
            {
                wh = format!("how {}", p.word(next).to_lowercase());
            }
            if matches!(lower.as_str(), "what" | "which" | "whose") {
                // "what year", "which river": the noun the wh-word determines, or after
                // "what is the", the subject.
                noun = p
                    .head(i)
                    .filter(|&h| {
                        p.deprel(i).universal() == DepRel::Det
                            && matches!(p.upos.get(h), Some(Upos::Noun | Upos::Propn))
                    })
                    .or_else(|| p.subjects(i).next())
                    .or_else(|| (matches!(p.upos.get(next), Some(Upos::Noun))).then_some(next))
                    .map(|n| p.lemma(n).to_lowercase());
            }
            break;
        }
        let mut terms = HashSet::new();
        let mut lemmas = HashSet::new();
        let mut paths = HashMap::new();
        for i in 0..p.len() {
            let lower = p.word(i).to_lowercase();
            if is_stopword(&lower) || !lower.chars().any(char::is_alphanumeric) {
                continue;
            }
            let (term, lemma) = (analyzer.term(&lower), p.lemma(i).to_lowercase());
            let path = wh_at
                .and_then(|w| path_between(&p, w, i))
                .map_or_else(|| "-".to_string(), |(_, s)| s);
            paths.insert(term.clone(), path.clone());
            paths.insert(lemma.clone(), path);
            terms.insert(term);
            lemmas.insert(lemma);
        }
        Frame {
            wh,
            noun,
            next: if next_word.is_empty() {
                "-".into()
            } else {
                next_word
            },
            verb,
            terms,
            lemmas,
            paths,
        }
    }
}

/// A phrase of a sentence that could answer, with its features.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Words of the parse.
    pub words: Range<usize>,
    pub features: Vec<u32>,
}

/// The candidates of a parsed sentence for a question.
pub fn candidates(frame: &Frame, p: &Parse) -> Vec<Candidate> {
    let n = p.len();
    if n == 0 {
        return Vec::new();
    }
    let matched = matched_words(frame, p);
    // For each question word of the sentence, the path from the wh-word to it in the
    // question (by lemma, else by term), once per sentence.
    let analyzer = Analyzer::default();
    let question_paths: Vec<&str> = (0..n)
        .map(|m| {
            if !matched[m] {
                return "-";
            }
            frame
                .paths
                .get(&p.lemma(m).to_lowercase())
                .or_else(|| frame.paths.get(&analyzer.term(&p.word(m).to_lowercase())))
                .map_or("-", String::as_str)
        })
        .collect();
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    let mut push = |r: Range<usize>, spans: &mut Vec<Range<usize>>| {
        if r.start < r.end && r.len() <= MAX_WORDS && seen.insert((r.start, r.end)) {
            spans.push(r);
        }
    };
    for i in 0..n {
        if p.upos.get(i) == Some(&Upos::Punct) {
            continue;
        }
        let whole = trim(p, p.subtree_span(i), |_| false);
        push(whole.clone(), &mut spans);
        let bare = trim(p, whole, |rel| {
            matches!(
                rel,
                DepRel::Case | DepRel::Mark | DepRel::Cc | DepRel::Advmod
            )
        });
        push(bare, &mut spans);
        push(i..i + 1, &mut spans);
    }
    for e in &p.entities {
        push(e.words.clone(), &mut spans);
    }
    let head_of = |r: &Range<usize>| {
        r.clone()
            .find(|&i| p.head(i).is_none_or(|h| !r.contains(&h)))
            .unwrap_or(r.start)
    };
    let wh = frame.wh.as_str();
    let noun = frame.noun.as_deref().unwrap_or("-");
    spans
        .into_iter()
        .map(|r| {
            let h = head_of(&r);
            let mut f = Vec::with_capacity(40);
            let upos = p.upos.get(h).map_or("-", |u| u.as_str());
            let rel = p.deprel(h).as_str();
            let first = p.xpos.get(r.start).copied().unwrap_or("-");
            let last = p.xpos.get(r.end - 1).copied().unwrap_or("-");
            let entity = match p.entity_at(h) {
                Some(e) if e.words == r => e.kind.as_str(),
                Some(_) => "part",
                None => "none",
            };
            let entity_kind = p.entity_at(h).map_or("none", |e| e.kind.as_str());
            let len = bucket(r.len(), &[1, 2, 3, 5, 8]);
            let inside = r.clone().filter(|&i| matched[i]).count();
            let content = r
                .clone()
                .filter(|&i| {
                    p.upos.get(i) != Some(&Upos::Punct) && !is_stopword(&p.word(i).to_lowercase())
                })
                .count()
                .max(1);
            let overlap = match inside {
                0 => "none",
                k if k == content => "all",
                k if 2 * k >= content => "most",
                _ => "some",
            };
            let (distance, side) = nearest(&matched, &r);
            let distance = distance.map_or("far", |d| bucket(d, &[0, 1, 2, 4, 8]));
            // The dependency paths from the phrase to the question words outside it, in
            // word order; the nearest one (the first of the shortest), `"-"` without one.
            let to_matched: Vec<(usize, usize, String)> = (0..n)
                .filter(|&m| matched[m] && !r.contains(&m))
                .filter_map(|m| path_between(p, h, m).map(|(steps, s)| (m, steps, s)))
                .collect();
            let path = to_matched
                .iter()
                .min_by_key(|(_, steps, _)| *steps)
                .map_or("-", |(_, _, s)| s.as_str())
                .to_string();
            let before = r
                .start
                .checked_sub(1)
                .map_or("<s>".to_string(), |i| p.word(i).to_lowercase());
            let after = if r.end < n {
                p.word(r.end).to_lowercase()
            } else {
                "</s>".to_string()
            };
            let shape = shape(p.word(h));
            let lemma = p.lemma(h).to_lowercase();
            let governor = p.head(h);
            let governor_matched = governor.is_some_and(|g| matched[g]);
            let governor_upos = governor
                .and_then(|g| p.upos.get(g))
                .map_or("-", |u| u.as_str());
            let has_noun = r.clone().any(|i| p.lemma(i).eq_ignore_ascii_case(noun));
            let numeric = r.clone().any(|i| p.upos.get(i) == Some(&Upos::Num));
            f.push(key(0, &[wh]));
            f.push(key(1, &[wh, upos]));
            f.push(key(2, &[wh, rel]));
            f.push(key(3, &[wh, first]));
            f.push(key(4, &[wh, last]));
            f.push(key(5, &[wh, entity]));
            f.push(key(6, &[wh, entity_kind]));
            f.push(key(7, &[wh, len]));
            f.push(key(8, &[wh, overlap]));
            f.push(key(9, &[wh, distance, side]));
            f.push(key(10, &[wh, &path]));
            f.push(key(11, &[&path]));
            f.push(key(12, &[wh, &before]));
            f.push(key(13, &[wh, &after]));
            f.push(key(14, &[noun, upos]));
            f.push(key(15, &[noun, entity_kind]));
            f.push(key(16, &[noun, &lemma]));
            f.push(key(17, &[wh, &shape]));
            f.push(key(
                18,
                &[wh, rel, if governor_matched { "g" } else { "-" }],
            ));
            f.push(key(19, &[wh, rel, governor_upos]));
            f.push(key(20, &[wh, &lemma]));
            f.push(key(21, &[wh, if has_noun { "noun" } else { "-" }, overlap]));
            f.push(key(22, &[noun, if numeric { "num" } else { "-" }]));
            f.push(key(23, &[wh, overlap, len]));
            f.push(key(24, &[wh, &path, overlap]));
            f.push(key(25, &[noun, &shape]));
            f.push(key(26, &[wh, upos, entity, len]));
            f.push(key(27, &[noun, &before]));
            let matched_left = (0..r.start).filter(|&i| matched[i]).count();
            let matched_right = (r.end..n).filter(|&i| matched[i]).count();
            f.push(key(
                28,
                &[
                    wh,
                    bucket(matched_left, &[0, 1, 3]),
                    bucket(matched_right, &[0, 1, 3]),
                ],
            ));
            f.push(key(29, &[&frame.verb, rel]));
            f.push(key(30, &[wh, noun, upos, entity_kind]));
            let before_tag = r
                .start
                .checked_sub(1)
                .and_then(|i| p.xpos.get(i).copied())
                .unwrap_or("<s>");
            f.push(key(31, &[wh, before_tag, upos]));
            f.push(key(32, &[wh, &frame.next, upos]));
            f.push(key(33, &[wh, &frame.next, rel]));
            f.push(key(34, &[wh, &frame.next, entity_kind]));
            // The SQuAD paper's dependency-path features: from the phrase to each question
            // word of the sentence, joined with the path from the wh-word to that word in
            // the question (the answer of "who founded X" is the subject of the verb X is
            // the object of, whatever the words).
            for (m, _, here) in to_matched.iter().take(6) {
                let there = question_paths[*m];
                f.push(key(50, &[here, there]));
                f.push(key(51, &[wh, here, there]));
            }
            // The phrase's governor, first and last words, and where it stands.
            let governor_lemma =
                governor.map_or_else(|| "-".to_string(), |g| p.lemma(g).to_lowercase());
            let first_lemma = p.lemma(r.start).to_lowercase();
            let last_lemma = p.lemma(r.end - 1).to_lowercase();
            f.push(key(57, &[wh, &first_lemma]));
            f.push(key(58, &[wh, &last_lemma]));
            f.push(key(
                59,
                &[
                    wh,
                    bucket(r.start, &[0, 2, 5, 10]),
                    bucket(n - r.end, &[0, 2, 5, 10]),
                ],
            ));
            f.push(key(54, &[wh, &governor_lemma, rel]));
            if r.len() <= 4 {
                let tags: Vec<&str> = r
                    .clone()
                    .map(|i| p.xpos.get(i).copied().unwrap_or("-"))
                    .collect();
                f.push(key(55, &[wh, &tags.join(" ")]));
            }
            Candidate {
                words: r,
                features: f,
            }
        })
        .collect()
}

/// Which words of a parsed sentence are the question's (by term or lemma, content words).
fn matched_words(frame: &Frame, p: &Parse) -> Vec<bool> {
    let analyzer = Analyzer::default();
    (0..p.len())
        .map(|i| {
            let lower = p.word(i).to_lowercase();
            !is_stopword(&lower)
                && lower.chars().any(char::is_alphanumeric)
                && (frame.terms.contains(&analyzer.term(&lower))
                    || frame.lemmas.contains(&p.lemma(i).to_lowercase()))
        })
        .collect()
}

/// The candidates of every sentence of a passage, each with its sentence's index: the
/// features of [`candidates`] and, for choosing among sentences, whether the sentence is
/// the one the ranking chose (`chosen`), how many of the question's words it holds and
/// how it ranks by them within the passage.
pub fn passage_candidates(
    frame: &Frame,
    parses: &[Parse],
    chosen: usize,
) -> Vec<(usize, Candidate)> {
    let counts: Vec<usize> = parses
        .iter()
        .map(|p| {
            let m = matched_words(frame, p);
            let mut terms = HashSet::new();
            for (i, _) in m.iter().enumerate().filter(|(_, m)| **m) {
                terms.insert(p.lemma(i).to_lowercase());
            }
            terms.len()
        })
        .collect();
    let total = frame.lemmas.len().max(1);
    let mut out = Vec::new();
    for (si, p) in parses.iter().enumerate() {
        let rank = counts.iter().filter(|&&c| c > counts[si]).count();
        let share = match counts[si] * 4 / total {
            0 => "q0",
            1 => "q1",
            2 => "q2",
            _ => "q3",
        };
        let is_chosen = if si == chosen { "chosen" } else { "other" };
        let wh = frame.wh.as_str();
        // The SQuAD paper's root match: the sentence's root is a question word, or the
        // question's verb is in the sentence.
        let root_match = p
            .roots()
            .next()
            .is_some_and(|r| frame.lemmas.contains(&p.lemma(r).to_lowercase()));
        let verb_in = (0..p.len()).any(|i| p.lemma(i).eq_ignore_ascii_case(&frame.verb));
        let roots = match (root_match, verb_in) {
            (true, true) => "both",
            (true, false) => "root",
            (false, true) => "verb",
            (false, false) => "none",
        };
        for mut c in candidates(frame, p) {
            c.features.push(key(40, &[is_chosen]));
            c.features.push(key(41, &[wh, is_chosen]));
            c.features.push(key(42, &[share, is_chosen]));
            c.features
                .push(key(43, &[bucket(rank, &[0, 1]), is_chosen]));
            c.features.push(key(44, &[wh, share]));
            c.features
                .push(key(45, &[if si == 0 { "first" } else { "later" }]));
            c.features.push(key(46, &[roots, share]));
            out.push((si, c));
        }
    }
    out
}

/// The byte range, within `sentence`, of the words that answer the question.
pub fn find(frame: &Frame, sentence: &str) -> Option<Range<usize>> {
    let p = verbatim_nlp::analyse(sentence);
    let cands = candidates(frame, &p);
    let features: Vec<Vec<u32>> = cands.iter().map(|c| c.features.clone()).collect();
    let best = shipped().best(&features)?;
    let r = p.byte_range(cands[best].words.clone());
    (r.start < r.end).then_some(r)
}

/// [`find`] for a question as typed.
pub fn for_sentence(question: &str, sentence: &str) -> Option<Range<usize>> {
    find(&Frame::new(question), sentence)
}

/// SQuAD's official measure of an answer phrase against the gold answers: the best token
/// F1 (after lowercasing and dropping punctuation and articles) and whether one matches
/// exactly. It is what training rewards a candidate with and what evaluation reports.
pub fn squad_f1(prediction: &str, golds: &[&str]) -> (f32, bool) {
    fn normalise(s: &str) -> Vec<String> {
        let lower: String = s
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_ascii_punctuation())
            .collect();
        lower
            .split_whitespace()
            .filter(|w| !matches!(*w, "a" | "an" | "the"))
            .map(str::to_string)
            .collect()
    }
    let p = normalise(prediction);
    let mut best = (0.0f32, false);
    for g in golds {
        let g = normalise(g);
        let mut rest: Vec<&String> = g.iter().collect();
        let mut common = 0usize;
        for t in &p {
            if let Some(k) = rest.iter().position(|x| *x == t) {
                rest.remove(k);
                common += 1;
            }
        }
        let f1 = if common == 0 {
            0.0
        } else {
            let (pr, rc) = (
                common as f32 / p.len() as f32,
                common as f32 / g.len() as f32,
            );
            2.0 * pr * rc / (pr + rc)
        };
        best = (best.0.max(f1), best.1 || p == g);
    }
    best
}

/// `r` without punctuation at either end, and without leading words whose relation `strip`
/// accepts (a preposition, a conjunction).
fn trim(p: &Parse, r: Range<usize>, strip: impl Fn(DepRel) -> bool) -> Range<usize> {
    let (mut s, mut e) = (r.start, r.end);
    while s < e && (p.upos.get(s) == Some(&Upos::Punct) || strip(p.deprel(s).universal())) {
        s += 1;
    }
    while e > s && p.upos.get(e - 1) == Some(&Upos::Punct) {
        e -= 1;
    }
    s..e
}

/// The words between `r` and the nearest question word outside it, and on which side.
fn nearest(matched: &[bool], r: &Range<usize>) -> (Option<usize>, &'static str) {
    let left = (0..r.start)
        .rev()
        .find(|&i| matched[i])
        .map(|i| r.start - i - 1);
    let right = (r.end..matched.len())
        .find(|&i| matched[i])
        .map(|i| i - r.end);
    match (left, right) {
        (Some(l), Some(rt)) if l <= rt => (Some(l), "l"),
        (Some(_), Some(rt)) => (Some(rt), "r"),
        (Some(l), None) => (Some(l), "l"),
        (None, Some(rt)) => (Some(rt), "r"),
        (None, None) => (None, "-"),
    }
}

/// The dependency path from word `a` to word `b`: the relations up to their common
/// ancestor (`rel^`), then down (`vrel`), with its length; `None` beyond four steps.
fn path_between(p: &Parse, a: usize, b: usize) -> Option<(usize, String)> {
    let up = ancestors(p, a);
    let down = ancestors(p, b);
    let (i, j) = up
        .iter()
        .enumerate()
        .find_map(|(i, x)| down.iter().position(|d| d == x).map(|j| (i, j)))?;
    if i + j > 4 {
        return None;
    }
    let mut s = String::new();
    for &x in &up[..i] {
        s.push_str(p.deprel(x).universal().as_str());
        s.push('^');
    }
    for &d in down[..j].iter().rev() {
        s.push('v');
        s.push_str(p.deprel(d).universal().as_str());
    }
    Some((i + j, s))
}

fn ancestors(p: &Parse, mut i: usize) -> Vec<usize> {
    let mut out = vec![i];
    while let Some(h) = p.head(i) {
        if out.len() > p.len() {
            break;
        }
        out.push(h);
        i = h;
    }
    out
}

/// The bucket of `v` among ascending bounds: `"b0"` for at most the first bound, ...
fn bucket(v: usize, bounds: &[usize]) -> &'static str {
    const NAMES: [&str; 6] = ["b0", "b1", "b2", "b3", "b4", "b5"];
    let i = bounds.iter().position(|&b| v <= b).unwrap_or(bounds.len());
    NAMES[i.min(NAMES.len() - 1)]
}

/// The shape of a word: `Xx`, `dddd`, `d,ddd`, at most five characters.
fn shape(w: &str) -> String {
    let mut s = String::new();
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if !s.ends_with(k) || k == 'd' {
            s.push(k);
        }
        if s.chars().count() >= 5 {
            break;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_of_questions() {
        let f = Frame::new("In what year did the war end?");
        assert_eq!(f.wh, "what");
        assert_eq!(f.noun.as_deref(), Some("year"));
        assert_eq!(Frame::new("How many people live there?").wh, "how many");
        assert_eq!(Frame::new("Who attacked the museum?").wh, "who");
        assert_eq!(Frame::new("Tell me about Kazakhstan").wh, "none");
    }

    #[test]
    fn candidates_are_phrases_with_features() {
        let f = Frame::new("When did the museum open?");
        let p = verbatim_nlp::analyse("The museum opened in 1888 after a long delay.");
        let c = candidates(&f, &p);
        let texts: Vec<&str> = c.iter().map(|c| p.words_text(c.words.clone())).collect();
        assert!(texts.contains(&"1888"), "{texts:?}");
        assert!(texts.contains(&"in 1888"), "{texts:?}");
        assert!(c
            .iter()
            .all(|c| c.words.len() <= MAX_WORDS && !c.features.is_empty()));
    }

    #[test]
    fn paths_between_words() {
        let p = verbatim_nlp::analyse("Edison founded the company in 1892.");
        let (edison, company) = (0, 3);
        assert_eq!(p.word(company), "company");
        let (steps, path) = path_between(&p, edison, company).expect("a path");
        assert_eq!(steps, 2, "{path}");
        assert_eq!(path, "nsubj^vobj");
        assert_eq!(path_between(&p, edison, edison), Some((0, String::new())));
        // The question's side: from "who" to "company".
        let f = Frame::new("Who founded the company?");
        assert!(
            f.paths.get("company").is_some_and(|s| s != "-"),
            "{:?}",
            f.paths
        );
    }

    #[test]
    fn squad_measure() {
        assert_eq!(squad_f1("the 1888", &["1888"]), (1.0, true));
        let (f1, em) = squad_f1("in May 1888", &["1888", "May"]);
        assert!(!em && (f1 - 0.5).abs() < 1e-6, "{f1}");
        assert_eq!(squad_f1("", &["x"]), (0.0, false));
    }

    #[test]
    fn shapes_and_buckets() {
        assert_eq!(shape("Beijing"), "Xx");
        assert_eq!(shape("1990"), "dddd");
        assert_eq!(bucket(0, &[1, 2]), "b0");
        assert_eq!(bucket(9, &[1, 2]), "b2");
    }
}
