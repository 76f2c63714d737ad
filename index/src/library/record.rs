//! Who said what across the library: the quotes on a topic grouped by speaker (the
//! side-by-side view), and one speaker's record (every quote in date order, the
//! descriptions the documents gave them, who is quoted alongside them). Each quote comes
//! with what cites it: the document's title, outlet, date and address.

use super::speakers::{matching, LibrarySpeaker};
use super::store::Entry;
use super::{Library, Scope};
use crate::answer::topic;
use crate::error::Result;
use crate::model::{
    Alongside, CitedQuote, DatedDescription, Quote, SpeakerRecord, TopicQuotes, TopicSpeaker,
};
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

/// The quotes of a speaker on a topic that count towards their place in the view: their
/// three closest (a speaker quoted ten times in passing does not pass one who spoke to it).
const COUNTED: usize = 3;

/// The most people listed as quoted alongside a speaker.
const ALONGSIDE: usize = 10;

/// The day a document was published (`YYYY-MM-DD`), for ordering; undated documents last.
fn day_order(a: Option<&str>, b: Option<&str>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

impl Library {
    fn entry_map(&self) -> HashMap<&str, &Entry> {
        self.entries().iter().map(|e| (e.id.as_str(), e)).collect()
    }

    /// A quote with its document's title, outlet, date and address.
    fn cite(entries: &HashMap<&str, &Entry>, quote: Quote, score: Option<f32>) -> CitedQuote {
        let entry = entries.get(quote.document.as_str());
        let meta = entry.map(|e| &e.metadata);
        CitedQuote {
            title: entry.map(|e| e.title.clone()).unwrap_or_default(),
            site: meta.and_then(|m| m.site.clone()),
            published: meta.and_then(|m| m.published.clone()),
            url: meta.and_then(|m| m.url.clone()),
            quote,
            score,
        }
    }

    /// Who said what on `topic` within `scope`: the quotes on it grouped by speaker (one
    /// person across the library, whatever spelling each document prints), speakers ordered
    /// by the summed scores of their closest quotes on it (then by how many articles and
    /// quotes), each speaker's quotes closest first. An unknown document id in the scope is an error.
    pub fn quotes_about(&self, topic: &str, scope: &Scope) -> Result<TopicQuotes> {
        let about = topic.to_string();
        let within = self.within(scope)?;
        if within.as_ref().is_some_and(Vec::is_empty) {
            return Ok(TopicQuotes {
                about,
                speakers: Vec::new(),
            });
        }
        let found = topic::quotes_on(&self.index, topic, within.as_deref())?;
        let speakers = self.library_speakers();
        let entries = self.entry_map();
        // By speaker, in the order of their closest quote (`found` is closest first).
        let mut groups: Vec<(usize, Vec<CitedQuote>)> = Vec::new();
        for on in found {
            let q = on.quote;
            let Some(who) = speakers
                .person(&q.speaker)
                .filter(|_| entries.contains_key(q.document.as_str()))
            else {
                continue;
            };
            let mut q = Self::cite(&entries, q, Some(on.score));
            q.quote.speaker.clone_from(&speakers[who].name);
            match groups.iter_mut().find(|g| g.0 == who) {
                Some(g) => g.1.push(q),
                None => groups.push((who, vec![q])),
            }
        }
        let weight = |quotes: &[CitedQuote]| -> f32 {
            quotes.iter().take(COUNTED).filter_map(|q| q.score).sum()
        };
        let mut speakers: Vec<TopicSpeaker> = groups
            .into_iter()
            .map(|(who, quotes)| {
                let s: &LibrarySpeaker = &speakers[who];
                let documents: HashSet<&str> =
                    quotes.iter().map(|q| q.quote.document.as_str()).collect();
                TopicSpeaker {
                    name: s.name.clone(),
                    aliases: s.aliases.clone(),
                    description: s.description.clone(),
                    documents: documents.len(),
                    quotes,
                }
            })
            .collect();
        // Closest first; then who spoke on it in more articles, and more often.
        speakers.sort_by(|a, b| {
            weight(&b.quotes)
                .total_cmp(&weight(&a.quotes))
                .then(b.documents.cmp(&a.documents))
                .then(b.quotes.len().cmp(&a.quotes.len()))
                .then_with(|| a.name.cmp(&b.name))
        });
        Ok(TopicQuotes { about, speakers })
    }

    /// The record of the speaker best matching `name` (as [`Library::quotes`] matches
    /// names), or `None` when no one quoted matches.
    pub fn speaker_record(&self, name: &str) -> Result<Option<SpeakerRecord>> {
        let speakers = self.library_speakers();
        let Some(s) = matching(&speakers, Some(name)).into_iter().next() else {
            return Ok(None);
        };
        let entries = self.entry_map();
        let published = |doc: &str| {
            entries
                .get(doc)
                .and_then(|e| e.metadata.published.as_deref())
        };
        let pairs: Vec<(&str, &str)> = s
            .documents
            .iter()
            .map(|d| (d.0.as_str(), d.1.as_str()))
            .collect();
        let mut quotes: Vec<CitedQuote> = self
            .index
            .snapshot()
            .quotes_by(&pairs)?
            .into_iter()
            .map(|mut q| {
                q.speaker.clone_from(&s.name);
                Self::cite(&entries, q, None)
            })
            .collect();
        quotes.sort_by(|a, b| {
            day_order(a.published.as_deref(), b.published.as_deref())
                .then_with(|| a.quote.document.cmp(&b.quote.document))
                .then(a.quote.start.cmp(&b.quote.start))
        });
        // The documents in date order, each with how it described them.
        let mut documents: Vec<(&str, &str)> = pairs.clone();
        documents.sort_by(|a, b| day_order(published(a.0), published(b.0)).then(a.0.cmp(b.0)));
        documents.dedup_by_key(|d| d.0);
        let mut descriptions: Vec<DatedDescription> = Vec::new();
        for (doc, printed) in &documents {
            let Some(entry) = entries.get(doc) else {
                continue;
            };
            let described = entry
                .speakers
                .iter()
                .find(|e| e.name == *printed)
                .and_then(|e| e.description.clone());
            if let Some(text) = described {
                if !descriptions
                    .iter()
                    .any(|d| d.text.eq_ignore_ascii_case(&text))
                {
                    descriptions.push(DatedDescription {
                        text,
                        document: entry.id.clone(),
                        title: entry.title.clone(),
                        site: entry.metadata.site.clone(),
                        published: entry.metadata.published.clone(),
                    });
                }
            }
        }
        // Who else the same documents quote, as one person across the library each.
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for (doc, _) in &documents {
            let Some(entry) = entries.get(doc) else {
                continue;
            };
            let others: HashSet<usize> = entry
                .speakers
                .iter()
                .filter_map(|e| speakers.person(&e.name))
                .filter(|&i| speakers[i].name != s.name)
                .collect();
            for i in others {
                *shared.entry(i).or_default() += 1;
            }
        }
        let mut alongside: Vec<Alongside> = shared
            .into_iter()
            .map(|(i, documents)| Alongside {
                name: speakers[i].name.clone(),
                documents,
            })
            .collect();
        alongside.sort_by(|a, b| {
            b.documents
                .cmp(&a.documents)
                .then_with(|| a.name.cmp(&b.name))
        });
        alongside.truncate(ALONGSIDE);
        Ok(Some(SpeakerRecord {
            name: s.name.clone(),
            aliases: s.aliases.clone(),
            description: s.description.clone(),
            documents: documents.len(),
            quote_count: quotes.len(),
            quotes,
            descriptions,
            alongside,
        }))
    }
}
