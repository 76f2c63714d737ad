//! The tantivy index, wrapped: this module alone names tantivy (besides the error enum). One
//! tantivy document per paragraph, with the paragraph's text, the heading above it, the
//! document's title and the people it refers to as searchable fields, and everything needed
//! to answer from it (sentences, references to people) as a stored payload, its quotes in a
//! column beside it (`schema.rs`). Callers write through a [`Writer`] and read through a [`Snapshot`]: one
//! consistent view of the index, with the statistics and candidate queries answering
//! needs (`query.rs`).

mod query;
mod schema;
mod tokenizer;

pub use query::{Candidate, QueryTerm};
pub use schema::{stored_paragraph, PersonRef, StoredParagraph};

use crate::error::{Error, Result};
use crate::model::Document;
use schema::Fields;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tantivy::columnar::BytesColumn;
use tantivy::schema::Value;
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term,
};

/// Bumped whenever the schema or what is indexed changes: an index written by another
/// version is rebuilt from the stored documents, never misread.
pub const SCHEMA_VERSION: u32 = 4;

/// The writer's memory budget. tantivy needs at least 15 MB a thread; 64 MB in one
/// thread keeps import memory bounded on small machines while committing rarely.
pub const WRITER_MEMORY: usize = 64 * 1024 * 1024;

/// How a new index stores its paragraphs: lz4 blocks of 4 KiB, not tantivy's 16 KiB.
/// Answering and quote search read single paragraphs scattered over the library (50 per
/// question, one or two per article a speaker is quoted in), and each read decompresses
/// its whole block. An index made before keeps the blocks it was made with.
fn settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        docstore_blocksize: DOCSTORE_BLOCK,
        ..Default::default()
    }
}

const DOCSTORE_BLOCK: usize = 4096;

/// Checks that each segment's columns (the quotes) are whole, by their checksum. A damaged
/// column would not fail to open or to read, as a damaged dictionary or store does, but
/// give wrong quotes. The columns are a fifth of the index (about 5 ms to check at 10,000
/// articles when cached); the rest is not read through, which would double the time to
/// open a large library.
fn check_quote_columns(index: &Index, dir: &Path) -> Result<()> {
    for segment in index.searchable_segment_metas()? {
        let path = segment.relative_path(tantivy::index::SegmentComponent::FastFields);
        let whole = index
            .directory()
            .validate_checksum(&path)
            .map_err(|e| Error::Index(tantivy::TantivyError::from(e)))?;
        if !whole {
            return Err(Error::Corrupt {
                path: dir.join(path),
                reason: "its checksum does not match its content".into(),
            });
        }
    }
    Ok(())
}

/// The library's search index.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// The folder it lives in (None in memory), named when its content is damaged.
    dir: Option<PathBuf>,
}

/// Adds and deletes documents; nothing is visible until [`Writer::commit`].
pub struct Writer<'a> {
    index: &'a SearchIndex,
    writer: IndexWriter,
}

/// A consistent view of the index at its last reload.
pub struct Snapshot<'a> {
    index: &'a SearchIndex,
    searcher: Searcher,
    /// Each segment's `quotes` column (None when no paragraph of it holds a quote), opened
    /// when first read.
    quote_columns: OnceLock<Vec<Option<BytesColumn>>>,
}

impl SearchIndex {
    /// Opens the index in `dir`, or creates an empty one there.
    pub fn open_or_create(dir: &Path) -> Result<Self> {
        let (schema, fields) = schema::schema();
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mmap = tantivy::directory::MmapDirectory::open(dir)
            .map_err(|e| Error::Index(tantivy::TantivyError::from(e)))?;
        let index = Index::builder()
            .schema(schema)
            .settings(settings())
            .open_or_create(mmap)?;
        check_quote_columns(&index, dir)?;
        Self::with_index(index, fields, Some(dir.to_path_buf()))
    }

    /// An index in memory (for benchmarks and tests).
    pub fn in_memory() -> Result<Self> {
        let (schema, fields) = schema::schema();
        let index = Index::builder()
            .schema(schema)
            .settings(settings())
            .create_in_ram()?;
        Self::with_index(index, fields, None)
    }

    fn with_index(index: Index, fields: Fields, dir: Option<PathBuf>) -> Result<Self> {
        index
            .tokenizers()
            .register(tokenizer::NAME, tokenizer::text_analyzer());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            dir,
        })
    }

    /// The generation the last commit recorded (see [`Writer::commit`]).
    pub fn generation(&self) -> Option<u64> {
        let metas = self.index.load_metas().ok()?;
        metas.payload?.parse().ok()
    }

    /// Takes in the last commit on disk (another process's, or another handle's).
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    /// The index as of the last reload.
    pub fn snapshot(&self) -> Snapshot<'_> {
        Snapshot {
            index: self,
            searcher: self.reader.searcher(),
            quote_columns: OnceLock::new(),
        }
    }

    /// A writer (one at a time per index; the library's lock keeps other processes out).
    pub fn writer(&self) -> Result<Writer<'_>> {
        Ok(Writer {
            index: self,
            writer: self.index.writer_with_num_threads(1, WRITER_MEMORY)?,
        })
    }

    /// A stored paragraph's payload was not readable: the index is damaged.
    fn damaged(&self, reason: impl std::fmt::Display) -> Error {
        Error::Corrupt {
            path: self.dir.clone().unwrap_or_default(),
            reason: format!("a paragraph stored in the search index cannot be read ({reason})"),
        }
    }
}

impl Writer<'_> {
    /// Adds a document's paragraphs.
    pub fn add(&mut self, doc: &Document) -> Result<()> {
        let f = &self.index.fields;
        for stored in schema::paragraphs(doc) {
            let mut names: Vec<&str> = stored.people.iter().map(|p| p.person.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            let mut t = TantivyDocument::default();
            t.add_text(f.doc_id, &doc.id);
            t.add_u64(f.block, stored.block as u64);
            t.add_text(f.body, &stored.text);
            t.add_text(f.title, &doc.title);
            t.add_text(f.heading, stored.heading.as_deref().unwrap_or(""));
            t.add_text(f.people, names.join(" ; "));
            let unstorable = |e: serde_json::Error| Error::Corrupt {
                path: self.index.dir.clone().unwrap_or_default(),
                reason: format!("a paragraph could not be stored ({e})"),
            };
            for q in &stored.quotes {
                t.add_text(f.speaker, &q.speaker);
                t.add_bytes(f.quotes, &schema::quote_value(q).map_err(unstorable)?);
            }
            if !stored.quotes.is_empty() {
                t.add_text(f.speaker, schema::QUOTED);
            }
            let payload = serde_json::to_string(&stored).map_err(unstorable)?;
            t.add_text(f.data, payload);
            self.writer.add_document(t)?;
        }
        Ok(())
    }

    /// Deletes a document's paragraphs.
    pub fn delete(&mut self, id: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.index.fields.doc_id, id));
    }

    /// Deletes every document.
    pub fn delete_all(&mut self) -> Result<()> {
        self.writer.delete_all_documents()?;
        Ok(())
    }

    /// Commits, recording `generation` (the library manifest's) in the commit, so that an
    /// index and a manifest that disagree after a crash are noticed on open; then reloads.
    pub fn commit(mut self, generation: u64) -> Result<()> {
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(&generation.to_string());
        prepared.commit()?;
        self.index.reload()
    }
}

impl Snapshot<'_> {
    /// How many paragraphs the index holds.
    pub fn paragraphs(&self) -> u64 {
        self.searcher.num_docs()
    }

    /// The stored paragraph at `address`, with its quotes in the order of the text.
    fn paragraph(&self, address: DocAddress) -> Result<StoredParagraph> {
        let doc: TantivyDocument = self.searcher.doc(address)?;
        let data = doc
            .get_first(self.index.fields.data)
            .and_then(|v| v.as_str())
            .ok_or_else(|| self.index.damaged("no payload"))?;
        let mut paragraph: StoredParagraph =
            serde_json::from_str(data).map_err(|e| self.index.damaged(e))?;
        if let Some(column) = self.quote_column(address.segment_ord)? {
            let mut value = Vec::new();
            for ord in column.term_ords(address.doc_id) {
                value.clear();
                let found = column.ord_to_bytes(ord, &mut value);
                if !found.map_err(|e| self.index.damaged(e))? {
                    return Err(self.index.damaged("a quote is missing"));
                }
                let (_, json) = self.split_quote(&value)?;
                paragraph.quotes.push(self.parse_quote(json)?);
            }
            paragraph.quotes.sort_by_key(|q| (q.start, q.end));
        }
        Ok(paragraph)
    }

    /// The `quotes` column of a segment.
    fn quote_column(&self, segment: u32) -> Result<Option<&BytesColumn>> {
        if self.quote_columns.get().is_none() {
            let columns = self
                .searcher
                .segment_readers()
                .iter()
                .map(|s| s.fast_fields().bytes(schema::QUOTES))
                .collect::<tantivy::Result<Vec<_>>>()?;
            // Another thread may have set it meanwhile, from the same segments.
            let _ = self.quote_columns.set(columns);
        }
        let columns = self.quote_columns.get().map(Vec::as_slice).unwrap_or(&[]);
        Ok(columns.get(segment as usize).and_then(Option::as_ref))
    }

    /// A `quotes` column value's speaker key and JSON.
    fn split_quote<'v>(&self, value: &'v [u8]) -> Result<(&'v [u8], &'v [u8])> {
        schema::split_quote_value(value).ok_or_else(|| self.index.damaged("a quote has no key"))
    }

    /// A quote from the JSON of its `quotes` column value.
    fn parse_quote(&self, json: &[u8]) -> Result<crate::model::Quote> {
        serde_json::from_slice(json).map_err(|e| self.index.damaged(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, BlockKind, Quote, QuoteKind, Span};

    /// A document of three paragraphs: quotes by two speakers in the first, one by the first
    /// speaker running over the other two; the separator the quotes column uses appears in
    /// a name and in a quote's text.
    fn document() -> Document {
        let text = "The port is open, “we are ready” said Ann\u{1f}Lee, “it is time” said Bob.\n\n\
                    “The port\u{1f}will grow.\n\n\
                    And grow,” said Ann\u{1f}Lee.";
        let paragraphs: Vec<(usize, usize)> = {
            let mut out = Vec::new();
            let mut start = 0;
            for part in text.split("\n\n") {
                out.push((start, start + part.len()));
                start += part.len() + 2;
            }
            out
        };
        let quote = |words: &str, speaker: &str, paragraph: usize| {
            let start = text.find(words).expect("in the text");
            Quote {
                speaker: speaker.to_string(),
                text: words.to_string(),
                kind: QuoteKind::Direct,
                cue: Some("said".to_string()),
                mention: None,
                document: "d".to_string(),
                paragraph,
                start,
                end: start + words.len(),
                confidence: 0.9,
            }
        };
        Document {
            id: "d".to_string(),
            title: "A port".to_string(),
            source: None,
            metadata: Default::default(),
            text: text.to_string(),
            blocks: paragraphs
                .iter()
                .map(|&(s, e)| Block {
                    kind: BlockKind::Paragraph,
                    span: Span::new(s, e),
                    sentences: vec![Span::new(s, e)],
                })
                .collect(),
            // In text order, as the pipeline gives them.
            quotes: vec![
                quote("we are ready", "Ann\u{1f}Lee", 0),
                quote("it is time", "Bob", 0),
                quote("The port\u{1f}will grow.\n\nAnd grow,", "Ann\u{1f}Lee", 1),
            ],
            people: Vec::new(),
        }
    }

    fn indexed(doc: &Document) -> SearchIndex {
        let index = SearchIndex::in_memory().expect("index");
        let mut writer = index.writer().expect("writer");
        writer.add(doc).expect("added");
        writer.commit(1).expect("committed");
        index
    }

    #[test]
    fn a_paragraph_gets_its_quotes_back_from_their_column_in_text_order() {
        let doc = document();
        let index = indexed(&doc);
        let port = [QueryTerm {
            term: "port",
            weight: 1.0,
            fuzzy: None,
        }];
        let found = index
            .snapshot()
            .candidates(&port, 10, None)
            .expect("search");
        // Every paragraph: the title is searched too.
        assert_eq!(found.len(), 3);
        for c in found {
            let expected = stored_paragraph(&doc, c.paragraph.block).quotes;
            assert!(!expected.is_empty());
            assert_eq!(
                c.paragraph.quotes, expected,
                "paragraph {}",
                c.paragraph.block
            );
        }
    }

    #[test]
    fn a_speakers_quotes_are_read_once_each_and_only_theirs() {
        let doc = document();
        let index = indexed(&doc);
        let snapshot = index.snapshot();
        let spans = |pairs: &[(&str, &str)]| {
            let mut got: Vec<(String, usize)> = snapshot
                .quotes_by(pairs)
                .expect("quotes")
                .into_iter()
                .map(|q| (q.text, q.paragraph))
                .collect();
            got.sort();
            got
        };
        let ann = spans(&[("d", "Ann\u{1f}Lee")]);
        assert_eq!(
            ann,
            [
                ("The port\u{1f}will grow.\n\nAnd grow,".to_string(), 1),
                ("we are ready".to_string(), 0)
            ]
        );
        assert_eq!(spans(&[("d", "Bob")]), [("it is time".to_string(), 0)]);
        assert!(spans(&[("d", "Ann")]).is_empty());
        assert!(spans(&[("e", "Bob")]).is_empty());
        assert_eq!(spans(&[("d", "Bob"), ("d", "Ann\u{1f}Lee")]).len(), 3);
        drop(snapshot);
        let mut writer = index.writer().expect("writer");
        writer.delete("d");
        writer.commit(2).expect("committed");
        assert!(index
            .snapshot()
            .quotes_by(&[("d", "Bob")])
            .expect("quotes")
            .is_empty());
    }

    #[test]
    fn a_column_value_is_split_only_when_whole() {
        let doc = document();
        let value = schema::quote_value(&doc.quotes[0]).expect("written");
        let (key, json) = schema::split_quote_value(&value).expect("split");
        assert_eq!(key, schema::speaker_key("d", "Ann\u{1f}Lee").as_bytes());
        let back: Quote = serde_json::from_slice(json).expect("JSON");
        assert_eq!(back, doc.quotes[0]);
        for broken in [&value[..3], &value[..value.len() - 1], b"\xff\xff\xff\x7f"] {
            assert!(
                schema::split_quote_value(broken)
                    .is_none_or(|(_, j)| serde_json::from_slice::<Quote>(j).is_err()),
                "{broken:?}"
            );
        }
    }
}
