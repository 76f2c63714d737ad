//! The tantivy index, wrapped: this module alone names tantivy (besides the error enum). One
//! tantivy document per paragraph, with the paragraph's text, the heading above it, the
//! document's title and the people it refers to as searchable fields, and everything needed
//! to answer from it (sentences, quotes, references to people) as a stored payload
//! (`schema.rs`). Callers write through a [`Writer`] and read through a [`Snapshot`]: one
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
use tantivy::schema::Value;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};

/// Bumped whenever the schema or what is indexed changes: an index written by another
/// version is rebuilt from the stored documents, never misread.
pub const SCHEMA_VERSION: u32 = 3;

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
            for q in &stored.quotes {
                t.add_text(f.speaker, schema::speaker_key(&doc.id, &q.speaker));
            }
            if !stored.quotes.is_empty() {
                t.add_text(f.speaker, schema::QUOTED);
            }
            let payload = serde_json::to_string(&stored).map_err(|e| Error::Corrupt {
                path: self.index.dir.clone().unwrap_or_default(),
                reason: format!("a paragraph could not be stored ({e})"),
            })?;
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

    fn payload(&self, doc: &TantivyDocument) -> Result<StoredParagraph> {
        self.payload_part(doc)
    }

    /// Part of a stored paragraph (`T` names the fields wanted; the others are skipped,
    /// not built).
    fn payload_part<T: serde::de::DeserializeOwned>(&self, doc: &TantivyDocument) -> Result<T> {
        let data = doc
            .get_first(self.index.fields.data)
            .and_then(|v| v.as_str())
            .ok_or_else(|| self.index.damaged("no payload"))?;
        serde_json::from_str(data).map_err(|e| self.index.damaged(e))
    }
}
