//! A corpus of news-like articles for the scale benchmark, made from real text and
//! deterministic from a seed.
//!
//! How an article is made:
//! - A source is picked: one SQuAD article (Wikipedia text) or one Wikinews article. The
//!   headline is the source's title; the body is a run of 4 to 9 consecutive paragraphs of
//!   that source, so each article reads as one topic.
//! - One to three people, drawn from a pool of invented names with a role and an
//!   organisation, are quoted two to four times. Each quote is a real sentence of the
//!   same source, placed in one of the attribution styles news uses and the quote
//!   extractor handles: a quote then "said NAME, ROLE at ORG"; "NAME, ROLE, said:" then a
//!   quote; a quote then "SURNAME said" on a later mention; "according to NAME"; and
//!   "SURNAME added that" (indirect). Curly and straight marks are both used.
//! - The article is written as Markdown: front matter with its title, one of eight invented
//!   outlets and a day from 2015 to 2024, `# headline`, a blank line, then paragraphs.
//!
//! The questions are a fixed set for every corpus size: SQuAD questions, and questions
//! about what pool people said. The names searched are pool names, surnames alone, and
//! misspellings of them.

use std::path::Path;

use serde::Deserialize;

use crate::util::Result;

/// SplitMix64: a small, fast, well-mixed generator; enough for picking text.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

#[derive(Deserialize)]
struct Squad {
    data: Vec<SquadArticle>,
}

#[derive(Deserialize)]
struct SquadArticle {
    title: String,
    paragraphs: Vec<SquadParagraph>,
}

#[derive(Deserialize)]
struct SquadParagraph {
    context: String,
    qas: Vec<SquadQa>,
}

#[derive(Deserialize)]
struct SquadQa {
    question: String,
}

#[derive(Deserialize)]
struct Wikinews {
    title: String,
    text: String,
}

/// One source article: a title, its paragraphs, and sentences fit to be quoted.
struct Source {
    title: String,
    paragraphs: Vec<String>,
    sentences: Vec<String>,
}

const FIRST: &[&str] = &[
    "Amira", "Benedikt", "Carmen", "Dmitri", "Elena", "Farid", "Grace", "Hiroshi", "Ingrid",
    "Jonas", "Kavya", "Lars", "Malik", "Nadia", "Oren", "Priya", "Quentin", "Rosa", "Samuel",
    "Tamar", "Umar", "Valeria", "Wei", "Ximena", "Yusuf", "Zofia", "Aidan", "Bianca", "Chidi",
    "Daria", "Emeka", "Fiona", "Gustavo", "Hana", "Ivan", "Julia",
];

const LAST: &[&str] = &[
    "Abernathy",
    "Bergström",
    "Castellano",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Gallagher",
    "Hoffmann",
    "Ivanova",
    "Jablonski",
    "Kowalczyk",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okonkwo",
    "Petrov",
    "Quintero",
    "Rasmussen",
    "Schreiber",
    "Takahashi",
    "Urquhart",
    "Vasquez",
    "Whitfield",
    "Yamamoto",
    "Zielinski",
    "Achterberg",
    "Brennan",
    "Chaudhry",
    "Delacroix",
    "Esposito",
    "Fontaine",
    "Grünewald",
    "Haddad",
    "Iglesias",
    "Janssen",
];

const ROLES: &[&str] = &[
    "a professor of economics",
    "a senior fellow",
    "a political analyst",
    "the director of research",
    "a historian",
    "a spokesperson",
    "a lecturer in international relations",
    "the head of the energy programme",
    "a researcher",
    "the chief economist",
];

const ORGS: &[&str] = &[
    "the University of Leeds",
    "the Brookings Institution",
    "Sciences Po",
    "the Lowy Institute",
    "Chatham House",
    "the University of Toronto",
    "the Carnegie Endowment",
    "Humboldt University",
    "the Stockholm School of Economics",
    "the National University of Singapore",
    "the Kiel Institute",
    "the London School of Economics",
];

/// Invented outlets the articles are said to come from.
pub const OUTLETS: &[&str] = &[
    "The Daily Ledger",
    "Harbour Gazette",
    "Northern Courier",
    "The Evening Star",
    "Valley Times",
    "The Morning Post",
    "Riverside News",
    "The Capital Herald",
];

/// An invented person: first and last name, role and organisation.
#[derive(Clone)]
pub struct Person {
    pub first: &'static str,
    pub last: &'static str,
    role: &'static str,
    org: &'static str,
}

impl Person {
    pub fn full(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
}

/// One generated article.
pub struct Article {
    pub file_name: String,
    pub markdown: String,
}

/// The material every corpus is drawn from.
pub struct Material {
    sources: Vec<Source>,
    squad_questions: Vec<String>,
    people: Vec<Person>,
}

fn quotable(s: &str) -> bool {
    let words = s.split_whitespace().count();
    (6..=40).contains(&words) && !s.contains(['"', '“', '”', '‘', '’', '\'']) && s.ends_with('.')
}

fn source(title: String, paragraphs: Vec<String>) -> Source {
    let mut sentences = Vec::new();
    for p in &paragraphs {
        let block = verbatim_index::Span::new(0, p.len());
        for s in verbatim_index::text::segment::sentences(p, block) {
            let s = s.text(p).trim();
            if quotable(s) {
                sentences.push(s.to_string());
            }
        }
    }
    Source {
        title,
        paragraphs,
        sentences,
    }
}

impl Material {
    /// Reads the SQuAD JSON and the Wikinews JSONL, and draws the pool of people.
    pub fn load(squad: &Path, wikinews: &Path, seed: u64) -> Result<Material> {
        let squad: Squad = serde_json::from_slice(&std::fs::read(squad)?)?;
        let mut sources = Vec::new();
        let mut squad_questions = Vec::new();
        for a in squad.data {
            let paragraphs: Vec<String> = a.paragraphs.iter().map(|p| p.context.clone()).collect();
            squad_questions.extend(
                a.paragraphs
                    .into_iter()
                    .flat_map(|p| p.qas.into_iter().map(|q| q.question)),
            );
            sources.push(source(a.title.replace('_', " "), paragraphs));
        }
        for line in std::fs::read_to_string(wikinews)?.lines() {
            if line.trim().is_empty() {
                continue;
            }
            let w: Wikinews = serde_json::from_str(line)?;
            // The first two blocks are the headline and the dateline.
            let paragraphs: Vec<String> = w
                .text
                .split("\n\n")
                .skip(2)
                .map(|p| p.trim().to_string())
                .filter(|p| p.split_whitespace().count() >= 8)
                .collect();
            sources.push(source(w.title, paragraphs));
        }
        sources.retain(|s| s.paragraphs.len() >= 4 && s.sentences.len() >= 4);
        if sources.is_empty() {
            return Err("no usable source articles".into());
        }
        let mut rng = Rng::new(seed ^ 0x5EED);
        let mut people = Vec::new();
        for first in FIRST {
            // Each first name goes with three surnames: 108 people, some sharing a surname.
            for _ in 0..3 {
                people.push(Person {
                    first,
                    last: LAST[rng.below(LAST.len())],
                    role: ROLES[rng.below(ROLES.len())],
                    org: ORGS[rng.below(ORGS.len())],
                });
            }
        }
        Ok(Material {
            sources,
            squad_questions,
            people,
        })
    }

    /// `n` articles, the same for the same seed.
    pub fn articles(&self, n: usize, seed: u64) -> Vec<Article> {
        let mut rng = Rng::new(seed);
        (0..n).map(|i| self.article(i, &mut rng)).collect()
    }

    fn article(&self, i: usize, rng: &mut Rng) -> Article {
        let src = rng.pick(&self.sources);
        let len = rng.between(4, 9).min(src.paragraphs.len());
        let start = rng.below(src.paragraphs.len() - len + 1);
        let mut paragraphs: Vec<String> = src.paragraphs[start..start + len].to_vec();
        let speakers: Vec<&Person> = (0..rng.between(1, 3))
            .map(|_| rng.pick(&self.people))
            .collect();
        let mut introduced = vec![false; speakers.len()];
        for _ in 0..rng.between(2, 4) {
            let k = rng.below(speakers.len());
            let quote = rng.pick(&src.sentences);
            let para = attributed(quote, speakers[k], introduced[k], rng);
            introduced[k] = true;
            let at = rng.between(1, paragraphs.len());
            paragraphs.insert(at, para);
        }
        // The outlet and the day, from a generator of the article's own, so that the text
        // is the same as before articles carried them.
        let mut meta = Rng::new(i as u64 ^ 0x5173_0a11);
        let site = meta.pick(OUTLETS);
        let (year, month, day) = (
            meta.between(2015, 2024),
            meta.between(1, 12),
            meta.between(1, 28),
        );
        let mut markdown = format!(
            "---\ntitle: {}\nsite: {site}\ndate: {year}-{month:02}-{day:02}\n---\n\n# {}\n\n",
            src.title, src.title
        );
        markdown.push_str(&paragraphs.join("\n\n"));
        markdown.push('\n');
        Article {
            file_name: format!("article-{i:05}.md"),
            markdown,
        }
    }

    /// `n` topics to ask who said what about: the titles of the sources articles are made
    /// from (their quotes are sentences of those sources).
    pub fn topics(&self, n: usize, seed: u64) -> Vec<String> {
        let mut rng = Rng::new(seed ^ 0x70_91c5);
        (0..n)
            .map(|_| rng.pick(&self.sources).title.clone())
            .collect()
    }

    /// The fixed question set: `n` questions, three in four from SQuAD, the rest about
    /// what pool people said.
    pub fn questions(&self, n: usize, seed: u64) -> Vec<String> {
        let mut rng = Rng::new(seed ^ 0xA5C);
        (0..n)
            .map(|i| {
                if i % 4 == 3 {
                    let p = rng.pick(&self.people);
                    match rng.below(3) {
                        0 => format!("What did {} say?", p.full()),
                        1 => format!(
                            "What did {} say about {}?",
                            p.last,
                            rng.pick(&self.sources).title
                        ),
                        _ => format!("Who is {}?", p.full()),
                    }
                } else {
                    rng.pick(&self.squad_questions).clone()
                }
            })
            .collect()
    }

    /// Names to search quotes by: full names, surnames, and misspellings.
    pub fn names(&self, n: usize, seed: u64) -> Vec<String> {
        let mut rng = Rng::new(seed ^ 0x4A3E);
        (0..n)
            .map(|i| {
                let p = rng.pick(&self.people);
                match i % 3 {
                    0 => p.full(),
                    1 => p.last.to_string(),
                    _ => format!("{} {}", p.first, misspell(p.last, &mut rng)),
                }
            })
            .collect()
    }
}

/// A quote paragraph in one of the attribution styles news uses.
fn attributed(sentence: &str, p: &Person, introduced: bool, rng: &mut Rng) -> String {
    let (open, close) = if rng.below(2) == 0 {
        ('“', '”')
    } else {
        ('"', '"')
    };
    let body = sentence.trim_end_matches('.');
    let lower_first = {
        let mut c = body.chars();
        match c.next() {
            Some(f) => f.to_lowercase().chain(c).collect::<String>(),
            None => String::new(),
        }
    };
    let name = if introduced {
        p.last.to_string()
    } else {
        p.full()
    };
    match (introduced, rng.below(3)) {
        (false, 0) => format!("{open}{body},{close} said {name}, {} at {}.", p.role, p.org),
        (false, 1) => format!(
            "{name}, {} at {}, said: {open}{body}.{close}",
            p.role, p.org
        ),
        (false, _) => format!(
            "According to {name}, {} at {}, {lower_first}.",
            p.role, p.org
        ),
        (true, 0) => format!("{open}{body},{close} {name} said."),
        (true, 1) => format!("{name} added that {lower_first}."),
        (true, _) => format!("{open}{body}.{close} {name} told reporters."),
    }
}

/// The name with one edit: two letters swapped, or one dropped.
fn misspell(name: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    if chars.len() < 4 {
        return name.to_string();
    }
    let i = rng.between(1, chars.len() - 2);
    if rng.below(2) == 0 {
        chars.swap(i, i + 1);
    } else {
        chars.remove(i);
    }
    chars.into_iter().collect()
}
