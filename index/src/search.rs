//! The tantivy index, wrapped: this module alone knows the schema. One tantivy document per
//! paragraph, with the paragraph's text, the heading above it, the document's title and
//! the people it refers to as searchable fields, and everything needed to answer from it
//! (sentences, quotes, references to people) as a stored JSON payload, so that answering
//! reads nothing but the index.

use crate::analysis::{self, ANALYZER};
use crate::model::{BlockKind, Document, Quote, Span};
use serde::{Deserialize, Serialize};
use std::path::Path;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, INDEXED, STORED,
    STRING,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// Bumped whenever the schema or what is indexed changes: an index written by another
/// version is rebuilt from the stored documents, never misread.
pub const SCHEMA_VERSION: u32 = 1;

/// The writer's memory budget. tantivy needs at least 15 MB a thread; 64 MB in one
/// thread keeps import memory bounded on small machines while committing rarely.
pub const WRITER_MEMORY: usize = 64 * 1024 * 1024;

/// A person referred to inside a paragraph: by name, or by a pronoun or description that
/// was resolved to them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonRef {
    pub span: Span,
    pub person: String,
}

/// What is stored for each paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredParagraph {
    pub doc: String,
    pub title: String,
    pub block: usize,
    /// The heading of the section the paragraph is in.
    pub heading: Option<String>,
    pub span: Span,
    pub text: String,
    pub sentences: Vec<Span>,
    pub quotes: Vec<Quote>,
    pub people: Vec<PersonRef>,
}

#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub doc_id: Field,
    pub block: Field,
    pub body: Field,
    pub title: Field,
    pub heading: Field,
    pub people: Field,
    pub data: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        doc_id: b.add_text_field("doc_id", STRING | STORED),
        block: b.add_u64_field("block", INDEXED | STORED),
        body: b.add_text_field("body", text.clone()),
        title: b.add_text_field("title", text.clone()),
        heading: b.add_text_field("heading", text.clone()),
        people: b.add_text_field("people", text),
        data: b.add_text_field("data", STORED),
    };
    (b.build(), fields)
}

/// The library's search index.
pub struct SearchIndex {
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
}

impl SearchIndex {
    /// Opens the index in `dir`, or creates an empty one there.
    pub fn open_or_create(dir: &Path) -> tantivy::Result<Self> {
        let (schema, fields) = schema();
        std::fs::create_dir_all(dir)?;
        let mmap = tantivy::directory::MmapDirectory::open(dir)?;
        let index = Index::open_or_create(mmap, schema)?;
        Self::with_index(index, fields)
    }

    /// An index in memory (for benchmarks and tests).
    pub fn in_memory() -> tantivy::Result<Self> {
        let (schema, fields) = schema();
        Self::with_index(Index::create_in_ram(schema), fields)
    }

    fn with_index(index: Index, fields: Fields) -> tantivy::Result<Self> {
        index.tokenizers().register(ANALYZER, analysis::analyzer());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
        })
    }

    /// The generation the last commit recorded (see [`SearchIndex::commit`]).
    pub fn generation(&self) -> Option<u64> {
        let metas = self.index.load_metas().ok()?;
        metas.payload?.parse().ok()
    }

    pub fn writer(&self) -> tantivy::Result<IndexWriter> {
        self.index.writer_with_num_threads(1, WRITER_MEMORY)
    }

    /// Adds a document's paragraphs.
    pub fn add(&self, writer: &IndexWriter, doc: &Document) -> tantivy::Result<()> {
        let f = &self.fields;
        let mut heading = String::new();
        for (i, block) in doc.blocks.iter().enumerate() {
            if block.kind == BlockKind::Heading {
                heading = block.span.text(&doc.text).to_string();
                continue;
            }
            let mut stored = stored_paragraph(doc, i);
            stored.heading = (!heading.is_empty()).then(|| heading.clone());
            let mut names: Vec<&str> = stored.people.iter().map(|p| p.person.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            let mut t = TantivyDocument::default();
            t.add_text(f.doc_id, &doc.id);
            t.add_u64(f.block, i as u64);
            t.add_text(f.body, &stored.text);
            t.add_text(f.title, &doc.title);
            t.add_text(f.heading, &heading);
            t.add_text(f.people, names.join(" ; "));
            t.add_text(
                f.data,
                serde_json::to_string(&stored)
                    .map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))?,
            );
            writer.add_document(t)?;
        }
        Ok(())
    }

    pub fn delete(&self, writer: &IndexWriter, id: &str) {
        writer.delete_term(Term::from_field_text(self.fields.doc_id, id));
    }

    /// Commits, recording `generation` (the library manifest's) in the commit, so that an
    /// index and a manifest that disagree after a crash are noticed on open.
    pub fn commit(&self, writer: &mut IndexWriter, generation: u64) -> tantivy::Result<()> {
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&generation.to_string());
        prepared.commit()?;
        self.reader.reload()
    }

    /// Reads a paragraph's payload from a stored tantivy document.
    pub fn paragraph(&self, doc: &TantivyDocument) -> Option<StoredParagraph> {
        let data = doc.get_first(self.fields.data)?.as_str()?;
        serde_json::from_str(data).ok()
    }
}

/// The stored payload of block `i` of `doc`.
pub fn stored_paragraph(doc: &Document, i: usize) -> StoredParagraph {
    let block = &doc.blocks[i];
    let span = block.span;
    let quotes = doc
        .quotes
        .iter()
        .filter(|q| q.paragraph == i || span.overlaps(q.span()))
        .cloned()
        .collect();
    let people = doc
        .people
        .iter()
        .flat_map(|p| {
            p.mentions
                .iter()
                .filter(|m| span.contains(**m))
                .map(|m| PersonRef {
                    span: *m,
                    person: p.name.clone(),
                })
        })
        .collect();
    StoredParagraph {
        doc: doc.id.clone(),
        title: doc.title.clone(),
        block: i,
        heading: None,
        span,
        text: span.text(&doc.text).to_string(),
        sentences: block.sentences.clone(),
        quotes,
        people,
    }
}
