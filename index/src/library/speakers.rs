//! Speakers across the library: the speakers of each document (as the manifest lists
//! them) merged into one person per name, spelling variants included, and found again by
//! a typed name.

use super::store::{Entry, EntrySpeaker};
use super::Library;
use crate::attribution::matching::{match_words, same_name, tokens};
use crate::error::Result;
use crate::model::{QuoteSearch, SpeakerInfo, SpeakerQuotes};
use crate::text::analysis::Analyzer;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// One person across the library.
#[derive(Debug, Clone)]
pub(super) struct LibrarySpeaker {
    pub name: String,
    /// The canonical name's tokens (see `matching::tokens`), for matching other spellings.
    tokens: Vec<String>,
    /// The tokens of every form of the name, for matching a typed name.
    words: Vec<String>,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub quotes: usize,
    /// (document id, the speaker's name in that document)
    pub documents: Vec<(String, String)>,
}

impl LibrarySpeaker {
    pub fn forms(&self) -> Vec<&str> {
        std::iter::once(self.name.as_str())
            .chain(self.aliases.iter().map(String::as_str))
            .collect()
    }
}

/// The library's speakers, merged once per library generation (a new generation comes with
/// every import, removal and rebuild): listing and searching speakers then costs a pass
/// over people, not over every document's speakers.
#[derive(Default)]
pub(crate) struct SpeakerCache(Mutex<Option<(u64, Arc<Speakers>)>>);

/// Everyone quoted in the library, one entry per person (as a slice), and which of them
/// each printed name is.
pub(super) struct Speakers {
    list: Vec<LibrarySpeaker>,
    /// A name is merged into the same person in every document that prints it.
    by_name: HashMap<String, usize>,
}

impl std::ops::Deref for Speakers {
    type Target = [LibrarySpeaker];

    fn deref(&self) -> &[LibrarySpeaker] {
        &self.list
    }
}

impl Speakers {
    /// The person a document's speaker, as the document prints the name, was merged into.
    pub fn person(&self, printed: &str) -> Option<usize> {
        self.by_name.get(printed).copied()
    }
}

/// Every document's speakers merged into one entry per person, in the order first met.
fn merge_speakers(entries: &[Entry]) -> Speakers {
    let mut out: Vec<LibrarySpeaker> = Vec::new();
    // Names already placed, so that a name met again costs a lookup, not a scan.
    let mut placed: HashMap<&str, usize> = HashMap::new();
    for entry in entries {
        for s in &entry.speakers {
            let EntrySpeaker {
                name,
                aliases,
                description,
                quotes,
            } = s;
            let found = placed.get(name.as_str()).copied().or_else(|| {
                let tokens = tokens(name);
                out.iter().position(|o| same_name(&o.tokens, &tokens))
            });
            match found {
                Some(i) => {
                    let o = &mut out[i];
                    o.quotes += quotes;
                    o.documents.push((entry.id.clone(), name.clone()));
                    for alias in aliases.iter().chain((name != &o.name).then_some(name)) {
                        if !o.aliases.contains(alias) && alias != &o.name {
                            o.aliases.push(alias.clone());
                        }
                    }
                    if o.description.is_none() {
                        o.description.clone_from(description);
                    }
                    placed.insert(name, i);
                }
                None => {
                    placed.insert(name, out.len());
                    out.push(LibrarySpeaker {
                        name: name.clone(),
                        tokens: tokens(name),
                        words: Vec::new(),
                        aliases: aliases.clone(),
                        description: description.clone(),
                        quotes: *quotes,
                        documents: vec![(entry.id.clone(), name.clone())],
                    });
                }
            }
        }
    }
    for s in &mut out {
        s.words = s.forms().iter().flat_map(|f| tokens(f)).collect();
    }
    Speakers {
        by_name: placed
            .into_iter()
            .map(|(name, i)| (name.to_string(), i))
            .collect(),
        list: out,
    }
}

impl Library {
    pub(super) fn library_speakers(&self) -> Arc<Speakers> {
        let generation = self.manifest.generation;
        let mut cache = self
            .speakers
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match &*cache {
            Some((g, speakers)) if *g == generation => Arc::clone(speakers),
            _ => {
                let speakers = Arc::new(merge_speakers(self.entries()));
                *cache = Some((generation, Arc::clone(&speakers)));
                speakers
            }
        }
    }

    /// Everyone quoted, most quoted first.
    pub fn speakers(&self) -> Vec<SpeakerInfo> {
        let mut speakers: Vec<SpeakerInfo> = self
            .library_speakers()
            .iter()
            .map(|s| SpeakerInfo {
                name: s.name.clone(),
                aliases: s.aliases.clone(),
                description: s.description.clone(),
                quotes: s.quotes,
                documents: dedup(s.documents.iter().map(|d| d.0.clone()).collect()),
            })
            .collect();
        speakers.sort_by(|a, b| b.quotes.cmp(&a.quotes).then_with(|| a.name.cmp(&b.name)));
        speakers
    }

    /// All quotes by speaker, or the quotes of the speakers matching `name`, best match first.
    pub fn quotes(&self, name: Option<&str>) -> Result<QuoteSearch> {
        let all = self.library_speakers();
        let snapshot = self.index.snapshot();
        let speakers = matching(&all, name)
            .into_iter()
            .map(|s| {
                // From the index: reading each document's file took tens of milliseconds
                // for a speaker quoted across a large library.
                let pairs: Vec<(&str, &str)> = s
                    .documents
                    .iter()
                    .map(|d| (d.0.as_str(), d.1.as_str()))
                    .collect();
                let order: std::collections::HashMap<String, usize> =
                    dedup(s.documents.iter().map(|d| d.0.clone()).collect())
                        .into_iter()
                        .enumerate()
                        .map(|(i, d)| (d, i))
                        .collect();
                let mut quotes = snapshot.quotes_by(&pairs)?;
                quotes.sort_by_cached_key(|q| (order.get(&q.document).copied(), q.start, q.end));
                for q in &mut quotes {
                    q.speaker.clone_from(&s.name);
                }
                Ok(SpeakerQuotes {
                    name: s.name.clone(),
                    aliases: s.aliases.clone(),
                    description: s.description.clone(),
                    quotes,
                })
            })
            .collect::<Result<_>>()?;
        Ok(QuoteSearch {
            query: name.map(str::to_string),
            speakers,
        })
    }

    /// In how many paragraphs a name appears (for "No quotes by X; mentioned in N paragraphs").
    pub fn mentions(&self, name: &str) -> Result<usize> {
        let terms: Vec<String> = Analyzer::default()
            .tokens(name, 0)
            .into_iter()
            .map(|t| t.term)
            .collect();
        self.index.snapshot().count_with_all(&terms)
    }
}

/// The speakers matching `name` (everyone for `None`), best match first; of equal matches,
/// the most quoted first, then by name.
pub(super) fn matching<'a>(
    all: &'a [LibrarySpeaker],
    name: Option<&str>,
) -> Vec<&'a LibrarySpeaker> {
    let query = name.map(tokens);
    let mut matched: Vec<(f32, &LibrarySpeaker)> = all
        .iter()
        .filter_map(|s| {
            let score = match &query {
                Some(q) => match_words(q, &s.words),
                None => 1.0,
            };
            (score > 0.0).then_some((score, s))
        })
        .collect();
    matched.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(b.1.quotes.cmp(&a.1.quotes))
            .then_with(|| a.1.name.cmp(&b.1.name))
    });
    matched.into_iter().map(|(_, s)| s).collect()
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    v.retain(|x| seen.insert(x.clone()));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_person(a: &str, b: &str) -> bool {
        same_name(&tokens(a), &tokens(b))
    }

    #[test]
    fn same_person_by_name() {
        assert!(same_person("Artyom Lukin", "Artyom Loekin"));
        assert!(same_person("Natasha Kuhrt", "natasha kuhrt"));
        assert!(!same_person("John Smith", "Jane Smith"));
        assert!(!same_person("Smith", "John Smith"));
    }
}
