//! The schema (one tantivy document per paragraph) and the payload stored with each
//! paragraph, so that answering reads nothing but the index. A paragraph's quotes are kept
//! apart from its payload, in a column ([`quote_value`]): a speaker's quotes across the
//! library are then read without decompressing and parsing every paragraph they are in.

use super::tokenizer;
use crate::model::{BlockKind, Document, Quote, Span};
use serde::{Deserialize, Serialize};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};

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
    /// In the paragraph's `quotes` column, not in its stored payload.
    #[serde(skip)]
    pub quotes: Vec<Quote>,
    pub people: Vec<PersonRef>,
}

/// The schema's fields, resolved once.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fields {
    pub doc_id: Field,
    pub block: Field,
    pub body: Field,
    pub title: Field,
    pub heading: Field,
    pub people: Field,
    /// The name of each speaker quoted in the paragraph, as printed there: a speaker's
    /// quotes are read from the index, not from the files; and [`QUOTED`] once when the
    /// paragraph holds any quote.
    pub speaker: Field,
    /// Each quote of the paragraph, as [`quote_value`] writes it.
    pub quotes: Field,
    pub data: Field,
}

impl Fields {
    /// The fields searched for a question's words, with the weight of a match in each:
    /// the paragraph, the people it refers to, its heading and the document's title.
    pub fn searched(&self) -> [(Field, f32); 4] {
        [
            (self.body, 1.0),
            (self.people, 0.8),
            (self.heading, 0.3),
            (self.title, 0.3),
        ]
    }
}

pub(super) fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer::NAME)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        doc_id: b.add_text_field("doc_id", STRING | STORED),
        block: b.add_u64_field("block", INDEXED | STORED),
        body: b.add_text_field("body", text.clone()),
        title: b.add_text_field("title", text.clone()),
        heading: b.add_text_field("heading", text.clone()),
        people: b.add_text_field("people", text),
        speaker: b.add_text_field("speaker", STRING),
        quotes: b.add_bytes_field(QUOTES, FAST),
        data: b.add_text_field("data", STORED),
    };
    (b.build(), fields)
}

/// The term of the `speaker` field every paragraph holding a quote is indexed under, so
/// that a search can keep to them (no name is a lone control character).
pub(super) const QUOTED: &str = "\u{1f}";

/// What tells the quotes of `speaker` (as printed) in document `doc` apart in the `quotes`
/// column.
pub(super) fn speaker_key(doc: &str, speaker: &str) -> String {
    format!("{speaker}\u{1f}{doc}")
}

/// The name of the column of quotes.
pub(super) const QUOTES: &str = "quotes";

/// A quote as the `quotes` column holds it: its [`speaker_key`], a separator, the quote as
/// JSON, and the key's length (4 bytes, little-endian). The column's values are sorted, so
/// one name's quotes lie side by side and are read in one pass, and the key tells them
/// apart before any is parsed.
pub(super) fn quote_value(q: &Quote) -> serde_json::Result<Vec<u8>> {
    let key = speaker_key(&q.document, &q.speaker);
    let mut value = Vec::with_capacity(key.len() + q.text.len() + 200);
    value.extend_from_slice(key.as_bytes());
    value.push(SEPARATOR);
    serde_json::to_writer(&mut value, q)?;
    value.extend_from_slice(&(key.len() as u32).to_le_bytes());
    Ok(value)
}

/// A `quotes` column value split into its speaker key and the quote's JSON (None when it is
/// not one [`quote_value`] made).
pub(super) fn split_quote_value(value: &[u8]) -> Option<(&[u8], &[u8])> {
    let (rest, len) = value.split_last_chunk::<4>()?;
    let len = u32::from_le_bytes(*len) as usize;
    let (key, json) = (rest.get(..len)?, rest.get(len..)?);
    Some((key, json.strip_prefix(&[SEPARATOR])?))
}

/// Between a quote's key and its JSON: a control character, in no name or document id.
const SEPARATOR: u8 = 0x1f;

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

/// The paragraphs of `doc` to index: each with the heading of its section. Headings and
/// captions are not indexed: a caption (what a photo shows, who took it) is shown by the
/// reader but is never a passage an answer is drawn from.
pub(super) fn paragraphs(doc: &Document) -> Vec<StoredParagraph> {
    let mut heading = String::new();
    let mut out = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        match block.kind {
            BlockKind::Heading => {
                heading = block.span.text(&doc.text).to_string();
                continue;
            }
            BlockKind::Caption => continue,
            BlockKind::Paragraph => {}
        }
        let mut stored = stored_paragraph(doc, i);
        stored.heading = (!heading.is_empty()).then(|| heading.clone());
        out.push(stored);
    }
    out
}
