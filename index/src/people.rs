//! Speakers across the library: the speakers of each document (as the manifest lists
//! them) merged into one person per name, spelling variants included, and found again by
//! a typed name.

use crate::library::{EntrySpeaker, Library};
use crate::model::{QuoteSearch, SpeakerInfo, SpeakerQuotes};
use crate::names;
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

/// One person across the library.
#[derive(Debug, Clone)]
struct LibrarySpeaker {
    name: String,
    aliases: Vec<String>,
    description: Option<String>,
    quotes: usize,
    /// (document id, the speaker's name in that document)
    documents: Vec<(String, String)>,
}

impl LibrarySpeaker {
    fn forms(&self) -> Vec<&str> {
        std::iter::once(self.name.as_str())
            .chain(self.aliases.iter().map(String::as_str))
            .collect()
    }
}

/// True when two speakers' canonical names are one person's: the same words, or the same
/// number of words each of which is a spelling variant of the other's.
fn same_person(a: &str, b: &str) -> bool {
    let (ta, tb) = (names::tokens(a), names::tokens(b));
    !ta.is_empty()
        && ta.len() == tb.len()
        && ta
            .iter()
            .zip(&tb)
            .all(|(x, y)| names::token_similarity(x, y) >= names::SAME_TOKEN)
}

impl Library {
    fn library_speakers(&self) -> Vec<LibrarySpeaker> {
        let mut out: Vec<LibrarySpeaker> = Vec::new();
        for entry in self.entries() {
            for s in &entry.speakers {
                let EntrySpeaker {
                    name,
                    aliases,
                    description,
                    quotes,
                } = s;
                match out.iter_mut().find(|o| same_person(&o.name, name)) {
                    Some(o) => {
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
                    }
                    None => out.push(LibrarySpeaker {
                        name: name.clone(),
                        aliases: aliases.clone(),
                        description: description.clone(),
                        quotes: *quotes,
                        documents: vec![(entry.id.clone(), name.clone())],
                    }),
                }
            }
        }
        out
    }

    /// Everyone quoted, most quoted first.
    pub fn speakers(&self) -> Vec<SpeakerInfo> {
        let mut speakers: Vec<SpeakerInfo> = self
            .library_speakers()
            .into_iter()
            .map(|s| SpeakerInfo {
                name: s.name,
                aliases: s.aliases,
                description: s.description,
                quotes: s.quotes,
                documents: dedup(s.documents.into_iter().map(|d| d.0).collect()),
            })
            .collect();
        speakers.sort_by(|a, b| b.quotes.cmp(&a.quotes).then_with(|| a.name.cmp(&b.name)));
        speakers
    }

    /// All quotes by speaker, or the quotes of the speakers matching `name`, best match first.
    pub fn quotes(&self, name: Option<&str>) -> QuoteSearch {
        let mut matched: Vec<(f32, LibrarySpeaker)> = self
            .library_speakers()
            .into_iter()
            .filter_map(|s| {
                let score = match name {
                    Some(n) => names::match_score(n, &s.forms()),
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
        let speakers = matched
            .into_iter()
            .map(|(_, s)| {
                let mut quotes = Vec::new();
                for id in dedup(s.documents.iter().map(|d| d.0.clone()).collect()) {
                    if let Ok(doc) = self.document(&id) {
                        let names: Vec<&str> = s
                            .documents
                            .iter()
                            .filter(|d| d.0 == id)
                            .map(|d| d.1.as_str())
                            .collect();
                        quotes.extend(
                            doc.quotes
                                .into_iter()
                                .filter(|q| names.contains(&q.speaker.as_str()))
                                .map(|mut q| {
                                    q.speaker.clone_from(&s.name);
                                    q
                                }),
                        );
                    }
                }
                SpeakerQuotes {
                    name: s.name,
                    aliases: s.aliases,
                    description: s.description,
                    quotes,
                }
            })
            .collect();
        QuoteSearch {
            query: name.map(str::to_string),
            speakers,
        }
    }

    /// In how many paragraphs a name appears (for "No quotes by X; mentioned in N paragraphs").
    pub fn mentions(&self, name: &str) -> usize {
        let index = self.index();
        let mut analyzer = crate::analysis::analyzer();
        let clauses: Vec<(Occur, Box<dyn Query>)> = crate::analysis::tokens(&mut analyzer, name, 0)
            .into_iter()
            .map(|t| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(index.fields.body, &t.term),
                    IndexRecordOption::Basic,
                ));
                (Occur::Must, q)
            })
            .collect();
        if clauses.is_empty() {
            return 0;
        }
        index
            .reader
            .searcher()
            .search(&BooleanQuery::new(clauses), &Count)
            .unwrap_or(0)
    }

    /// Answers a question (see [`crate::answer`]).
    pub fn ask(&self, question: &str, top: usize) -> crate::model::Answer {
        crate::answer::ask(self.index(), question, top)
    }
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    v.retain(|x| seen.insert(x.clone()));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_person_by_name() {
        assert!(same_person("Artyom Lukin", "Artyom Loekin"));
        assert!(same_person("Natasha Kuhrt", "natasha kuhrt"));
        assert!(!same_person("John Smith", "Jane Smith"));
        assert!(!same_person("Smith", "John Smith"));
    }
}
