//! Attribution: who said each quote, and who those people are.
//!
//! A quote's speaker is found, in order of confidence, from a cue next to it (`,” said
//! Artyom Lukin.`, `Smith, a professor at Y, said: “`, `,” he added.`, `Kuhrt: ‘`,
//! `According to X, ...`, a passive `X is said to have grumbled`), from the subject of a
//! reporting verb before a partial quote (`Zhang Hanhui recently assured Russia of “...”`),
//! or from the neighbouring sentence that names its speaker. Pronouns go to the nearest
//! person named before, outside quotes, so nobody becomes a speaker by being mentioned
//! inside someone else's words. Names are merged into one person per real person (full
//! name, surname alone, spelling variants by `names`), and each person gets a description
//! from the text (an appositive, a title before the name, or a following "This specialist
//! in ..." sentence, which also counts as a mention of them).

use crate::model::{BlockKind, Document, Mention, Person, Quote, QuoteKind, Span};
use crate::names;
use crate::quotes::{quote_from, Marked};

/// Reporting verbs, as lemmas: every regular form of each is a cue (`says`, `said` is
/// irregular; `noted`, `noting`, `admitted`, `replied`, `stresses`).
const CUE_LEMMAS: &[&str] = &[
    "acknowledge",
    "add",
    "admit",
    "advise",
    "affirm",
    "agree",
    "allege",
    "announce",
    "answer",
    "argue",
    "ask",
    "assert",
    "assure",
    "boast",
    "brag",
    "calculate",
    "call",
    "caution",
    "cite",
    "claim",
    "clarify",
    "comment",
    "complain",
    "concede",
    "conclude",
    "confess",
    "confirm",
    "contend",
    "continue",
    "criticise",
    "criticize",
    "declare",
    "demand",
    "deny",
    "describe",
    "disclose",
    "elaborate",
    "emphasise",
    "emphasize",
    "estimate",
    "exclaim",
    "explain",
    "grumble",
    "inform",
    "insist",
    "joke",
    "lament",
    "maintain",
    "mention",
    "murmur",
    "muse",
    "mutter",
    "note",
    "observe",
    "opine",
    "plead",
    "pledge",
    "predict",
    "proclaim",
    "promise",
    "propose",
    "protest",
    "quip",
    "quote",
    "reason",
    "recall",
    "recommend",
    "recount",
    "reiterate",
    "remark",
    "remind",
    "reply",
    "report",
    "respond",
    "retort",
    "reveal",
    "say",
    "scoff",
    "shout",
    "sigh",
    "speculate",
    "state",
    "stress",
    "suggest",
    "swear",
    "tell",
    "testify",
    "tweet",
    "urge",
    "vow",
    "warn",
    "whisper",
    "write",
];

/// Irregular forms of the lemmas, and forms whose other forms are mostly nouns or other
/// words (`a post`, `an object`, `read`).
const CUE_FORMS: &[&str] = &[
    "said",
    "told",
    "wrote",
    "written",
    "swore",
    "sworn",
    "posted",
    "cried",
    "objected",
    "countered",
    "reads",
    "accused",
    "testified",
];
/// Verbs of opinion: `X believes ...` reports X's view, with less confidence; only for
/// people already known as speakers, so that "Moscow sees ..." makes no speaker.
const OPINION: &[&str] = &[
    "believes",
    "believe",
    "believed",
    "thinks",
    "think",
    "thought",
    "sees",
    "feels",
    "felt",
    "expects",
    "expected",
    "fears",
    "feared",
    "hopes",
    "hoped",
    "considers",
];
const PRONOUNS: &[&str] = &["he", "she", "they"];
/// Capitalised words that do not start a person's name.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "in",
    "on",
    "at",
    "but",
    "and",
    "or",
    "so",
    "if",
    "when",
    "while",
    "after",
    "before",
    "however",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "there",
    "here",
    "what",
    "who",
    "why",
    "how",
    "then",
    "according",
    "for",
    "with",
    "as",
    "from",
    "by",
    "of",
    "to",
    "not",
    "no",
    "yes",
    "since",
    "also",
    "during",
    "despite",
    "although",
    "though",
    "because",
    "until",
    "unless",
    "once",
    "meanwhile",
    "later",
    "earlier",
    "today",
    "yesterday",
    "now",
    "still",
    "yet",
    "even",
    "only",
    "instead",
    "under",
    "over",
    "about",
    "among",
    "between",
    "without",
    "within",
    "into",
    "through",
    "throughout",
    "speaking",
    "asked",
    "where",
    "which",
    "whether",
];
/// Titles that stand before a name and are not part of it.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "professor",
    "president",
    "prime",
    "minister",
    "ambassador",
    "senator",
    "sen",
    "rep",
    "gov",
    "governor",
    "general",
    "gen",
    "mayor",
    "judge",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "sir",
    "dame",
    "lord",
    "lady",
    "chancellor",
    "secretary",
    "chairman",
    "director",
    "captain",
    "capt",
    "coach",
    "rev",
    "father",
    "sister",
    "brother",
    "officer",
    "detective",
    "sergeant",
    "lieutenant",
    "colonel",
    "commander",
    "chief",
    "spokesman",
    "spokeswoman",
    "leader",
    "premier",
    "deputy",
    "representative",
    "inspector",
    "superintendent",
    "justice",
    "attorney",
    "councillor",
    "councilor",
    "councilman",
    "councilwoman",
    "alderman",
    "congressman",
    "congresswoman",
    "assemblyman",
    "assemblywoman",
    "sheriff",
    "bishop",
    "archbishop",
    "cardinal",
    "rabbi",
    "imam",
    "emperor",
    "sultan",
    "sheikh",
];
const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "la", "le", "bin", "ibn",
    "al", "el", "ben", "st",
];
/// Words that make a capitalised phrase an organisation or a place, not a person.
const NON_PERSON: &[&str] = &[
    "university",
    "college",
    "ministry",
    "office",
    "department",
    "agency",
    "council",
    "committee",
    "party",
    "bank",
    "times",
    "post",
    "news",
    "government",
    "police",
    "court",
    "union",
    "house",
    "institute",
    "association",
    "company",
    "group",
    "church",
    "school",
    "city",
    "state",
    "states",
    "republic",
    "kingdom",
    "nations",
    "army",
    "navy",
    "force",
    "service",
    "organization",
    "organisation",
    "foundation",
    "commission",
    "parliament",
    "congress",
    "senate",
    "federation",
    "hospital",
    "centre",
    "center",
    "museum",
    "street",
    "river",
];
/// Nouns that say who someone is: descriptions here, and answering's evidence for "who is".
pub const ROLE_NOUNS: &[&str] = &[
    "specialist",
    "expert",
    "professor",
    "ambassador",
    "president",
    "minister",
    "leader",
    "analyst",
    "researcher",
    "director",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chief",
    "head",
    "official",
    "scientist",
    "economist",
    "author",
    "editor",
    "journalist",
    "correspondent",
    "founder",
    "chairman",
    "chairwoman",
    "executive",
    "lawyer",
    "attorney",
    "judge",
    "senator",
    "governor",
    "mayor",
    "general",
    "commander",
    "secretary",
    "adviser",
    "advisor",
    "fellow",
    "lecturer",
    "historian",
    "doctor",
    "physician",
    "student",
    "member",
    "coach",
    "captain",
    "manager",
    "owner",
    "candidate",
    "diplomat",
    "envoy",
    "deputy",
    "representative",
    "officer",
    "king",
    "queen",
    "ceo",
    "engineer",
    "teacher",
    "activist",
    "politician",
    "chancellor",
    "premier",
    "dean",
    "writer",
    "player",
    "founder",
    "partner",
    "worker",
    "resident",
    "mother",
    "father",
    "spokesperson",
    "organiser",
    "organizer",
    "campaigner",
    "official",
    "chair",
    "head",
    "consultant",
    "strategist",
    "commentator",
    "observer",
    "veteran",
    "prince",
    "princess",
    "pilot",
    "priest",
    "bishop",
    "pope",
    "inventor",
    "artist",
    "singer",
    "actor",
    "actress",
    "athlete",
];

/// Capitalised words that do not start a name: function words and calendar words.
fn is_not_name(word: &&str) -> bool {
    NOT_NAMES.contains(word) || crate::analysis::CALENDAR_WORDS.contains(word)
}

/// Whether a lower-case word is a reporting verb: a form in [`CUE_FORMS`] or a regular
/// form of a lemma in [`CUE_LEMMAS`].
pub fn is_cue(word: &str) -> bool {
    // The lemmas are ASCII; so is every form (and byte slicing below stays on characters).
    if !word.is_ascii() {
        return false;
    }
    if CUE_FORMS.contains(&word) {
        return true;
    }
    let lemma = |stem: &str| CUE_LEMMAS.binary_search(&stem).is_ok();
    // A lemma that is `stem` and one more letter (`replied` from `reply`, `noting` from `note`).
    // (Spelled out on the stack: no allocation per word.)
    let lemma_with = |stem: &str, last: u8| {
        let mut buf = [0u8; 32];
        let Some(spelled) = buf.get_mut(..stem.len() + 1) else {
            return false;
        };
        spelled[..stem.len()].copy_from_slice(stem.as_bytes());
        spelled[stem.len()] = last;
        std::str::from_utf8(spelled).is_ok_and(lemma)
    };
    // The stem without a doubled final consonant (`admitted`, `quipping`).
    let undoubled = |stem: &str| {
        let b = stem.as_bytes();
        b.len() > 2 && b[b.len() - 1] == b[b.len() - 2] && lemma(&stem[..stem.len() - 1])
    };
    let ending = |suffix: &str| word.strip_suffix(suffix).filter(|s| s.len() >= 2);
    lemma(word)
        || ending("s").is_some_and(lemma)
        || ending("es").is_some_and(lemma)
        || ending("ies").is_some_and(|s| lemma_with(s, b'y'))
        || ending("ied").is_some_and(|s| lemma_with(s, b'y'))
        || ending("d").is_some_and(lemma)
        || ending("ed").is_some_and(|s| lemma(s) || undoubled(s))
        || ending("ing").is_some_and(|s| lemma(s) || lemma_with(s, b'e') || undoubled(s))
}

/// A word of the text.
#[derive(Debug, Clone)]
struct W<'a> {
    span: Span,
    text: &'a str,
}

fn words(text: &str, span: Span) -> Vec<W<'_>> {
    let s = span.text(text);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (i, &(pos, c)) in chars.iter().enumerate() {
        let inner_joiner = matches!(c, '\'' | '’' | '-' | '.')
            && start.is_some()
            && chars.get(i + 1).is_some_and(|x| x.1.is_alphanumeric())
            && (c != '.' || s[start.unwrap_or(pos)..pos].chars().count() == 1);
        if c.is_alphanumeric() || inner_joiner {
            start.get_or_insert(pos);
        } else if let Some(st) = start.take() {
            out.push(W {
                span: Span::new(span.start + st, span.start + pos),
                text: &s[st..pos],
            });
        }
    }
    if let Some(st) = start {
        out.push(W {
            span: Span::new(span.start + st, span.end),
            text: &s[st..],
        });
    }
    out
}

fn lower(w: &W) -> String {
    w.text.to_lowercase()
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .unwrap_or(w)
}

/// The person's name starting at word `i`: capitalised words (with particles and
/// initials), without a title before it. Returns the word range [i, j).
fn name_at(ws: &[W], i: usize, text: &str) -> Option<(usize, usize)> {
    let mut i = i;
    while i < ws.len()
        && TITLES.contains(&lower(&ws[i]).trim_end_matches('.'))
        && is_capitalised(ws[i].text)
        && ws.get(i + 1).is_some_and(|w| is_capitalised(w.text))
        && no_gap(ws, i, text)
    {
        i += 1;
    }
    let first = ws.get(i)?;
    // A capitalised reporting verb opens a sentence, not a name (`Writing in a blog, ...`,
    // `Reports: ...`).
    if !is_capitalised(first.text)
        || is_not_name(&lower(first).as_str())
        || is_cue(&lower(first))
        || first.text.chars().all(|c| c.is_uppercase())
            && first.text.len() > 1
            && first.text.len() < 4
    {
        return None;
    }
    let mut j = i + 1;
    while j < ws.len() && j - i < 5 && no_gap(ws, j - 1, text) {
        let w = &ws[j];
        if is_capitalised(w.text) && !is_not_name(&lower(w).as_str()) {
            j += 1;
            if w.text.ends_with("’s") || w.text.ends_with("'s") {
                break;
            }
        } else if PARTICLES.contains(&w.text)
            && ws.get(j + 1).is_some_and(|n| is_capitalised(n.text))
        {
            j += 1;
        } else {
            break;
        }
    }
    let words_lower: Vec<String> = ws[i..j].iter().map(lower).collect();
    if words_lower
        .iter()
        .any(|w| NON_PERSON.contains(&strip_possessive(w)))
    {
        return None;
    }
    Some((i, j))
}

/// True when only white space separates word `i` from word `i + 1`.
fn no_gap(ws: &[W], i: usize, text: &str) -> bool {
    ws.get(i + 1).is_some_and(|n| {
        text[ws[i].span.end..n.span.start]
            .chars()
            .all(|c| c == ' ' || c == '\u{a0}')
    })
}

fn name_text<'a>(ws: &[W], range: (usize, usize), text: &'a str) -> (&'a str, Span) {
    let span = Span::new(ws[range.0].span.start, ws[range.1 - 1].span.end);
    let t = span.text(text);
    let t2 = strip_possessive(t);
    (t2, Span::new(span.start, span.start + t2.len()))
}

/// Is `text` (after a closing mark) a name followed by a cue (`Smith said`)?
pub fn starts_with_name_and_cue(text: &str) -> bool {
    let mut end = text.len().min(200);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let ws = words(text, Span::new(0, end));
    if let Some((_, j)) = name_at(&ws, 0, text) {
        return ws
            .get(j)
            .is_some_and(|w| is_cue(&lower(w)) || lower(w) == "is" || lower(w) == "was");
    }
    false
}

/// Who a quote's cue names: a person's name, a pronoun, or a description.
#[derive(Debug, Clone)]
enum Who {
    Name(String),
    Pronoun,
    Described(String),
}

#[derive(Debug, Clone)]
struct Attribution {
    who: Who,
    mention: Span,
    cue: Option<String>,
    confidence: f32,
}

/// The sentence span of a block that contains `pos`.
fn sentence_at(doc: &Document, block: usize, pos: usize) -> Span {
    let b = &doc.blocks[block];
    b.sentences
        .iter()
        .copied()
        .find(|s| s.start <= pos && pos < s.end.max(s.start + 1))
        .unwrap_or(b.span)
}

/// A speaker phrase starting at word `i`: a name, a pronoun, or `the/a` + description.
fn speaker_at(ws: &[W], i: usize, text: &str) -> Option<(Who, Span, usize)> {
    let w = ws.get(i)?;
    let l = lower(w);
    if PRONOUNS.contains(&l.as_str()) {
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
        while j < ws.len() && j - i <= 6 && no_gap(ws, j - 1, text) && !is_cue(&lower(&ws[j])) {
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
fn skip_appositive(ws: &[W], j: usize, text: &str) -> usize {
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
fn cue_after(doc: &Document, m: &Marked) -> Option<Attribution> {
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
    if is_cue(&lower(first)) {
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
    if is_cue(&cue_word) {
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
            if is_cue(&lower(&ws[k])) && lower(&ws[k]) != "said"
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
fn cue_before(doc: &Document, m: &Marked) -> Option<Attribution> {
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
fn reporting_verb_subject(doc: &Document, ws: &[W]) -> Option<Attribution> {
    let cue_index = (0..ws.len()).rev().find(|&k| is_cue(&lower(&ws[k])))?;
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
fn clause_subject(ws: &[W], text: &str) -> Option<Attribution> {
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
fn subject_ending_at(ws: &[W], e: usize, text: &str, described: bool) -> Option<Attribution> {
    let l = lower(&ws[e]);
    if PRONOUNS.contains(&l.as_str()) {
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
                .any(|w| TITLES.contains(&lower(w).trim_end_matches('.')));
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
            && TITLES.contains(&lower(&ws[i - 2]).trim_end_matches('.'))
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

/// A statement reported without quotation marks, in one sentence.
fn indirect_in(doc: &Document, sentence: Span, known: &[String]) -> Option<(Span, Attribution)> {
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
        if is_cue(&lower(&ws[k]))
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
        let opinion = OPINION.contains(&verb.as_str());
        let known_person = match &who {
            Who::Name(n) => known
                .iter()
                .any(|k| names::match_score(n, &[k]) >= names::SAME_TOKEN),
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

/// A person being assembled.
#[derive(Debug, Clone)]
struct Draft {
    name: String,
    forms: Vec<String>,
    mentions: Vec<Span>,
    description: Option<(u8, String)>,
}

/// Finds the canonical person for a name printed in the text, creating one if new. A name
/// of one word joins the person whose name holds a word spelled like it (Kuhrt, Loekin);
/// a longer name joins a person whose every word it matches, or takes over a one-word
/// person it extends.
fn person_for(people: &mut Vec<Draft>, printed: &str, at: Span) -> usize {
    let tokens = names::tokens(printed);
    let found = people.iter().position(|p| {
        let ptoks = names::tokens(&p.name);
        if tokens.len() == 1 {
            ptoks
                .iter()
                .any(|t| names::token_similarity(t, &tokens[0]) >= names::SAME_TOKEN)
        } else if ptoks.len() == 1 {
            tokens
                .iter()
                .any(|t| names::token_similarity(t, &ptoks[0]) >= names::SAME_TOKEN)
        } else {
            ptoks.len() == tokens.len()
                && ptoks
                    .iter()
                    .zip(&tokens)
                    .all(|(a, b)| names::token_similarity(a, b) >= names::SAME_TOKEN)
        }
    });
    match found {
        Some(i) => {
            let p = &mut people[i];
            if tokens.len() > names::tokens(&p.name).len() {
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

/// The nearest person named before `pos` outside quotes, for a pronoun.
fn nearest_before(people: &[Draft], pos: usize, quoted: &[Span]) -> Option<usize> {
    people
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.mentions.iter().map(move |m| (i, *m)))
        .filter(|(_, m)| m.end <= pos && !quoted.iter().any(|q| q.contains(*m)))
        .max_by_key(|(_, m)| m.start)
        .map(|(i, _)| i)
}

/// People named outside quotes with a title or a first name and surname (`Senator Jane
/// Hill`, `Omar Haddad`): antecedents for pronouns. In text order.
fn named_people(doc: &Document, quoted: &[Span]) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    for block in doc.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph) {
        let ws = words(&doc.text, block.span);
        let mut i = 0;
        while i < ws.len() {
            let titled = i > 0
                && TITLES.contains(&lower(&ws[i - 1]).trim_end_matches('.'))
                && no_gap(&ws, i - 1, &doc.text);
            match name_at(&ws, i, &doc.text) {
                Some((a, b))
                    if (b - a >= 2 || titled) && !quoted.iter().any(|q| q.contains(ws[a].span)) =>
                {
                    let (name, span) = name_text(&ws, (a, b), &doc.text);
                    out.push((span, name.to_string()));
                    i = b;
                }
                _ => i += 1,
            }
        }
    }
    out
}

/// Attributes the marked quotes, finds statements without marks, and builds the people.
pub fn attribute(doc: &Document, marked: &[Marked]) -> (Vec<Quote>, Vec<Person>) {
    let quoted: Vec<Span> = marked.iter().map(|m| m.outer).collect();
    let candidates = named_people(doc, &quoted);
    let mut people: Vec<Draft> = Vec::new();
    // (marked index or indirect span, attribution) in text order.
    let mut found: Vec<(Option<usize>, Span, QuoteKind, Attribution)> = Vec::new();
    let mut attributions: Vec<Option<Attribution>> = marked
        .iter()
        .map(|m| cue_after(doc, m).or_else(|| cue_before(doc, m)))
        .collect();
    // A quote that continues into following paragraphs shares its speaker; a paragraph
    // piece without a cue of its own takes the cue found on any piece of the same quote.
    for i in 0..marked.len() {
        if marked[i].continues && attributions[i].is_none() && i > 0 {
            attributions[i] = attributions[i - 1].clone();
        }
    }
    for i in (0..marked.len().saturating_sub(1)).rev() {
        if marked[i + 1].continues && attributions[i].is_none() {
            attributions[i] = attributions[i + 1].clone();
        }
    }
    let speakers_so_far: Vec<String> = attributions
        .iter()
        .flatten()
        .filter_map(|a| {
            if let Who::Name(n) = &a.who {
                Some(n.clone())
            } else {
                None
            }
        })
        .collect();
    // Statements without marks, outside quotes.
    for (b, block) in doc.blocks.iter().enumerate() {
        if block.kind == BlockKind::Heading {
            continue;
        }
        for &sentence in &block.sentences {
            if quoted.iter().any(|q| q.overlaps(sentence)) {
                continue;
            }
            if let Some((content, a)) = indirect_in(doc, sentence, &speakers_so_far) {
                // A name or a title is not a statement ("Lydia Buchtmann for Food Standards
                // Australia, says ...").
                let words_in = content.text(&doc.text).split_whitespace().count();
                let capitalised = content
                    .text(&doc.text)
                    .split_whitespace()
                    .filter(|w| is_capitalised(w))
                    .count();
                if content.len() > 10 && capitalised * 2 < words_in {
                    found.push((None, content, QuoteKind::Indirect, a));
                    let _ = b;
                }
            }
        }
    }
    for (i, a) in attributions.iter().enumerate() {
        if let Some(a) = a {
            found.push((Some(i), marked[i].inner, marked[i].kind, a.clone()));
        }
    }
    found.sort_by_key(|f| f.1.start);
    // Resolve names in text order, so pronouns see the people named before them.
    let mut resolved: Vec<(Option<usize>, Span, QuoteKind, Attribution, usize)> = Vec::new();
    for (mi, span, kind, a) in found {
        let person = match &a.who {
            Who::Name(n) => Some(person_for(&mut people, n, a.mention)),
            Who::Pronoun => {
                // The nearest person before the pronoun: a known speaker, or someone named
                // with a title or a full name, outside quotes.
                let speaker = nearest_before(&people, a.mention.start, &quoted);
                let speaker_at = speaker.and_then(|p| {
                    people[p]
                        .mentions
                        .iter()
                        .filter(|m| m.end <= a.mention.start)
                        .map(|m| m.start)
                        .max()
                });
                // The last person named before the pronoun, or rather the first named in
                // that sentence, its subject: a pronoun refers to the previous sentence's
                // subject before its objects (`Harry Kane won the Man of the Match award.
                // He said, ...`).
                // `they` is a group far more often than one person: only a speaker
                // already known (`The report's authors say ... They call for`) takes it.
                let plural = a.mention.text(&doc.text).eq_ignore_ascii_case("they");
                let named = candidates
                    .iter()
                    .rfind(|(span, _)| !plural && span.end <= a.mention.start)
                    .map(|last| {
                        let sentence = doc
                            .blocks
                            .iter()
                            .flat_map(|b| &b.sentences)
                            .find(|s| s.contains(last.0))
                            .copied()
                            .unwrap_or(last.0);
                        candidates
                            .iter()
                            .find(|(span, _)| sentence.contains(*span))
                            .unwrap_or(last)
                    });
                // The person last quoted stays the topic: a pronoun within two paragraphs
                // of their last mention refers to them before anyone merely named since.
                let block_of = |pos: usize| {
                    doc.blocks
                        .iter()
                        .position(|b| b.span.start <= pos && pos <= b.span.end)
                };
                let salient = speaker_at.is_some_and(|at| {
                    block_of(at)
                        .zip(block_of(a.mention.start))
                        .is_some_and(|(s, here)| s + 2 >= here)
                });
                let p = match (speaker, named) {
                    (Some(p), Some((span, _)))
                        if salient || speaker_at.is_some_and(|at| at >= span.start) =>
                    {
                        Some(p)
                    }
                    (_, Some((span, name))) => Some(person_for(&mut people, name, *span)),
                    (p, None) => p,
                };
                p.inspect(|&p| people[p].mentions.push(a.mention))
            }
            Who::Described(d) => {
                let head = d.split_whitespace().last().unwrap_or("").to_lowercase();
                let known = people.iter().position(|p| {
                    p.description
                        .as_ref()
                        .is_some_and(|(_, desc)| desc.to_lowercase().contains(&head))
                });
                Some(known.unwrap_or_else(|| person_for(&mut people, d, a.mention)))
            }
        };
        if let Some(p) = person {
            resolved.push((mi, span, kind, a, p));
        }
    }
    // Quotes with no cue: the speaker of a statement in the same paragraph, just before
    // (`..., says Kuhrt. “How they crush ...”`) or just after.
    for (i, m) in marked.iter().enumerate() {
        if attributions[i].is_some() {
            continue;
        }
        // A partial quote takes the speaker of another quote in its sentence
        // (`said her party supported it "for months", and said it was "damning"`).
        if m.kind == QuoteKind::Partial {
            let sentence = sentence_at(doc, m.block, m.outer.start);
            let other = resolved
                .iter()
                .find(|r| r.0 != Some(i) && sentence.contains(r.1))
                .map(|r| {
                    (
                        Attribution {
                            cue: None,
                            confidence: 0.6,
                            ..r.3.clone()
                        },
                        r.4,
                    )
                });
            if let Some((a, p)) = other {
                resolved.push((Some(i), m.inner, m.kind, a, p));
            }
            continue;
        }
        let same_block: Vec<&(Option<usize>, Span, QuoteKind, Attribution, usize)> = resolved
            .iter()
            .filter(|r| doc.blocks[m.block].span.contains(r.1))
            .collect();
        let neighbour = same_block
            .iter()
            .rev()
            .find(|r| r.1.end <= m.outer.start)
            .or_else(|| same_block.iter().find(|r| r.1.start >= m.outer.end));
        // A paragraph that is only a quote continues the speaker quoted just before, up to
        // two paragraphs back (the news convention for a run of quotes).
        let opens_block = doc.blocks[m.block].span.start == m.outer.start;
        let previous = || {
            resolved
                .iter()
                .filter(|r| r.1.end <= m.outer.start)
                .max_by_key(|r| r.1.start)
                .filter(|r| {
                    doc.blocks
                        .iter()
                        .position(|b| b.span.contains(r.1))
                        .is_some_and(|b| b + 2 >= m.block)
                })
        };
        let found = match neighbour {
            Some(r) => Some((
                Attribution {
                    cue: None,
                    confidence: 0.7,
                    ..r.3.clone()
                },
                r.4,
            )),
            None if opens_block => previous().map(|r| {
                (
                    Attribution {
                        cue: None,
                        confidence: 0.5,
                        ..r.3.clone()
                    },
                    r.4,
                )
            }),
            None => None,
        };
        if let Some((a, p)) = found {
            resolved.push((Some(i), m.inner, m.kind, a, p));
            resolved.sort_by_key(|r| r.1.start);
        }
    }
    resolved.sort_by_key(|r| r.1.start);

    // Every mention of each person's printed forms in the text, and descriptions.
    let text = &doc.text;
    for p in people.iter_mut() {
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
                if boundary_before && boundary_after && !p.mentions.iter().any(|m| m.overlaps(span))
                {
                    p.mentions.push(span);
                }
            }
        }
        p.mentions.sort();
    }
    for p in people.iter_mut() {
        describe(doc, p);
    }

    let mut quotes: Vec<Quote> = Vec::new();
    for (mi, span, kind, a, p) in &resolved {
        let name = people[*p].name.clone();
        let mention = Some(Mention {
            start: a.mention.start,
            end: a.mention.end,
            text: a.mention.text(text).to_string(),
        });
        let q = match mi {
            Some(i) => quote_from(doc, &marked[*i], name, a.cue.clone(), mention, a.confidence),
            None => {
                let block = doc
                    .blocks
                    .iter()
                    .position(|b| b.span.contains(*span))
                    .unwrap_or(0);
                Quote {
                    speaker: name,
                    text: span.text(text).to_string(),
                    kind: *kind,
                    cue: a.cue.clone(),
                    mention,
                    document: doc.id.clone(),
                    paragraph: block,
                    start: span.start,
                    end: span.end,
                    confidence: a.confidence,
                }
            }
        };
        if !quotes.iter().any(|o| o.span().overlaps(q.span())) {
            quotes.push(q);
        }
    }
    quotes.sort_by_key(|q| q.start);
    let speaking: std::collections::HashSet<&str> =
        quotes.iter().map(|q| q.speaker.as_str()).collect();
    let persons = people
        .iter()
        .filter(|p| speaking.contains(p.name.as_str()))
        .map(|p| Person {
            name: p.name.clone(),
            aliases: p.forms.clone(),
            description: p.description.as_ref().map(|d| d.1.clone()),
            mentions: p.mentions.clone(),
        })
        .collect();
    (quotes, persons)
}

/// A description of a person from the text around their mentions, best kind first:
/// an appositive (`Kuhrt, a specialist in ...`), a phrase before the name (`China’s
/// ambassador to Moscow, Zhang Hanhui`; `revolutionary leader Mao Zedong`), or the next
/// sentence's subject (`This specialist in ...`), which is then a mention too.
fn describe(doc: &Document, p: &mut Draft) {
    let text = &doc.text;
    let mut best: Option<(u8, String)> = None;
    let mut offer = |rank: u8, d: &str| {
        let d = d.trim().trim_end_matches([',', '.', ';']).trim();
        if d.split_whitespace().count() >= 2 && best.as_ref().is_none_or(|b| rank < b.0) {
            best = Some((rank, d.to_string()));
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
                }) && !is_cue(&first)
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
                && !ws.iter().any(|w| is_cue(&w.to_lowercase()))
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
                    let adjective = [
                        "ary", "al", "ic", "ive", "ous", "ent", "ant", "ian", "ese", "ish", "ern",
                        "ior", "eign",
                    ]
                    .iter()
                    .any(|s| l.ends_with(s));
                    if !gap_ok || is_not_name(&l.as_str()) || is_cue(&l) {
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

#[cfg(test)]
mod tests {
    use super::{is_cue, CUE_LEMMAS};

    #[test]
    fn the_lemmas_are_sorted_for_binary_search() {
        assert!(CUE_LEMMAS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn every_lemma_is_found_in_its_forms() {
        for lemma in CUE_LEMMAS {
            let mut forms = vec![lemma.to_string(), format!("{lemma}s")];
            if let Some(stem) = lemma.strip_suffix('e') {
                forms.extend([format!("{lemma}d"), format!("{stem}ing")]);
            } else if let Some(stem) = lemma.strip_suffix('y') {
                forms.extend([format!("{stem}ied"), format!("{stem}ies")]);
            } else {
                forms.push(format!("{lemma}ing"));
            }
            for form in forms {
                assert!(is_cue(&form), "{form} (of {lemma})");
            }
        }
    }

    #[test]
    fn reporting_verbs_are_cues_in_every_regular_form() {
        for w in [
            "say",
            "says",
            "said",
            "saying",
            "noted",
            "noting",
            "admitted",
            "admitting",
            "replied",
            "replies",
            "stresses",
            "stressed",
            "reasoned",
            "recommending",
            "wrote",
            "writing",
            "tweeted",
            "quipped",
            "testified",
            "posted",
        ] {
            assert!(is_cue(w), "{w}");
        }
        for w in [
            "sad", "tea", "noon", "posting", "read", "object", "counter", "sayings", "ss", "ed",
            "the", "x၁ed", "é",
        ] {
            assert!(!is_cue(w), "{w}");
        }
    }
}
