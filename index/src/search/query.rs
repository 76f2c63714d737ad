//! Candidate queries: BM25 over the searched fields, with a word the index does not know
//! matched by edit distance (a misspelling), and the term statistics answering weighs
//! words by.

use super::schema::{speaker_key, QUOTED};
use super::{Snapshot, StoredParagraph};
use crate::error::Result;
use crate::model::Quote;
use std::collections::HashSet;
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, TermQuery,
    TermSetQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

/// A word of a question, as searched.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryTerm<'a> {
    /// The analysed term.
    pub term: &'a str,
    /// How much a match of it counts (multiplies BM25).
    pub weight: f32,
    /// Match it within this edit distance rather than exactly.
    pub fuzzy: Option<u8>,
}

/// A paragraph found for a query, with its BM25 score.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub bm25: f32,
    pub paragraph: StoredParagraph,
}

impl Snapshot<'_> {
    /// In how many paragraphs the term occurs, in their text or as a person they refer to.
    pub fn paragraph_frequency(&self, term: &str) -> u64 {
        let f = &self.index.fields;
        let df = |field| {
            self.searcher
                .doc_freq(&Term::from_field_text(field, term))
                .unwrap_or(0)
        };
        df(f.body).max(df(f.people))
    }

    /// The `limit` paragraphs that best match any of the terms, best first, by BM25 over
    /// each searched field (weighted, see `Fields::searched`); only paragraphs of the
    /// documents `within` when it is given.
    pub fn candidates(
        &self,
        terms: &[QueryTerm],
        limit: usize,
        within: Option<&[String]>,
    ) -> Result<Vec<Candidate>> {
        self.search(terms, limit, within, false)
    }

    /// [`Snapshot::candidates`] among the paragraphs that hold a quote.
    pub fn quoted_candidates(
        &self,
        terms: &[QueryTerm],
        limit: usize,
        within: Option<&[String]>,
    ) -> Result<Vec<Candidate>> {
        self.search(terms, limit, within, true)
    }

    fn search(
        &self,
        terms: &[QueryTerm],
        limit: usize,
        within: Option<&[String]>,
        quoted: bool,
    ) -> Result<Vec<Candidate>> {
        let f = &self.index.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for t in terms {
            for (field, boost) in f.searched() {
                let term = Term::from_field_text(field, t.term);
                let query: Box<dyn Query> = match t.fuzzy {
                    Some(d) => Box::new(FuzzyTermQuery::new(term, d, true)),
                    None => Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                };
                clauses.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(query, boost * t.weight)),
                ));
            }
        }
        let mut query: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));
        // Filters that add nothing to the score.
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        if let Some(docs) = within {
            let ids = TermSetQuery::new(docs.iter().map(|d| Term::from_field_text(f.doc_id, d)));
            filters.push(Box::new(ids));
        }
        if quoted {
            let term = Term::from_field_text(f.speaker, QUOTED);
            filters.push(Box::new(TermQuery::new(term, IndexRecordOption::Basic)));
        }
        if !filters.is_empty() {
            let mut all = vec![(Occur::Must, query)];
            for filter in filters {
                all.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
            }
            query = Box::new(BooleanQuery::new(all));
        }
        let hits = self
            .searcher
            .search(query.as_ref(), &TopDocs::with_limit(limit))?;
        hits.into_iter()
            .map(|(bm25, addr)| {
                let doc: TantivyDocument = self.searcher.doc(addr)?;
                Ok(Candidate {
                    bm25,
                    paragraph: self.payload(&doc)?,
                })
            })
            .collect()
    }

    /// How many paragraphs hold every one of the terms in their text.
    pub fn count_with_all(&self, terms: &[String]) -> Result<usize> {
        if terms.is_empty() {
            return Ok(0);
        }
        let body = self.index.fields.body;
        let clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .iter()
            .map(|t| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(body, t),
                    IndexRecordOption::Basic,
                ));
                (Occur::Must, q)
            })
            .collect();
        Ok(self.searcher.search(&BooleanQuery::new(clauses), &Count)?)
    }

    /// The quotes of each (document, speaker as printed there) pair, read from the stored
    /// paragraphs (a quote over several paragraphs once), in no particular order.
    pub fn quotes_by(&self, pairs: &[(&str, &str)]) -> Result<Vec<Quote>> {
        if pairs.is_empty() {
            return Ok(Vec::new());
        }
        let field = self.index.fields.speaker;
        let clauses: Vec<(Occur, Box<dyn Query>)> = pairs
            .iter()
            .map(|(doc, name)| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(field, &speaker_key(doc, name)),
                    IndexRecordOption::Basic,
                ));
                (Occur::Should, q)
            })
            .collect();
        let mut found: Vec<_> = self
            .searcher
            .search(&BooleanQuery::new(clauses), &DocSetCollector)?
            .into_iter()
            .collect();
        // In store order: neighbouring paragraphs share a compressed block of the doc
        // store, which is then decompressed once, not once per paragraph.
        found.sort_unstable();
        let wanted: HashSet<(&str, &str)> = pairs.iter().copied().collect();
        let mut seen = HashSet::new();
        let mut quotes = Vec::new();
        /// The quotes of a stored paragraph, its other fields skipped.
        #[derive(serde::Deserialize)]
        struct Quotes {
            quotes: Vec<Quote>,
        }
        for address in found {
            let doc: TantivyDocument = self.searcher.doc(address)?;
            for q in self.payload_part::<Quotes>(&doc)?.quotes {
                if wanted.contains(&(q.document.as_str(), q.speaker.as_str()))
                    && seen.insert((q.document.clone(), q.start, q.end))
                {
                    quotes.push(q);
                }
            }
        }
        Ok(quotes)
    }
}
