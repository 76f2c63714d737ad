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
use tantivy::Term;

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
                Ok(Candidate {
                    bm25,
                    paragraph: self.paragraph(addr)?,
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

    /// The quotes of each (document, speaker as printed there) pair, read from the index's
    /// `quotes` column (a quote over several paragraphs once), in no particular order.
    pub fn quotes_by(&self, pairs: &[(&str, &str)]) -> Result<Vec<Quote>> {
        if pairs.is_empty() {
            return Ok(Vec::new());
        }
        // The paragraphs quoting anyone of these names (a few terms, where a term for each
        // document and name made as many lookups as the speaker has articles), then the
        // quotes of the wanted pairs among them.
        let field = self.index.fields.speaker;
        let mut names: Vec<&str> = pairs.iter().map(|p| p.1).collect();
        names.sort_unstable();
        names.dedup();
        let clauses: Vec<(Occur, Box<dyn Query>)> = names
            .iter()
            .map(|name| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(field, name),
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
        found.sort_unstable();
        let keys: Vec<String> = pairs.iter().map(|(d, n)| speaker_key(d, n)).collect();
        let wanted: HashSet<&[u8]> = keys.iter().map(|k| k.as_bytes()).collect();
        let mut quotes = Vec::new();
        for segment in found.chunk_by(|a, b| a.segment_ord == b.segment_ord) {
            let Some(column) = self.quote_column(segment[0].segment_ord)? else {
                continue;
            };
            // Every quote of these paragraphs by ordinal, each once (a quote over two
            // paragraphs is one value, and a document's paragraphs are in one segment),
            // then read in one pass over the column's sorted values.
            let mut ords: Vec<u64> = segment
                .iter()
                .flat_map(|a| column.term_ords(a.doc_id))
                .collect();
            ords.sort_unstable();
            ords.dedup();
            let mut failed = None;
            let complete = column
                .dictionary()
                .sorted_ords_to_term_cb(ords.into_iter(), |value| {
                    let read = self.split_quote(value).and_then(|(key, json)| {
                        if wanted.contains(key) {
                            quotes.push(self.parse_quote(json)?);
                        }
                        Ok(())
                    });
                    if let Err(e) = read {
                        failed = Some(e);
                    }
                    Ok(())
                })
                .map_err(|e| self.index.damaged(e))?;
            if let Some(e) = failed {
                return Err(e);
            }
            if !complete {
                return Err(self.index.damaged("a quote is missing"));
            }
        }
        Ok(quotes)
    }
}
