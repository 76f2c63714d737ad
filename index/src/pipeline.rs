//! The import pipeline for one document, its stages in order: extracted text and blocks
//! are segmented into sentences (`text::segment`), quoted spans are found (`quotes`), then
//! attributed to the people who said them, with statements reported without marks
//! (`attribution`). Each stage hands its result to the next; none calls back.

use crate::ingest::Extracted;
use crate::model::{Block, BlockKind, Document, Person, Quote};
use crate::text::segment;
use crate::{attribution, quotes};

/// Bumped whenever segmentation, quote extraction or attribution changes what is derived
/// from a document's text: stored documents are then analysed again on open. 3: documents
/// carry their metadata (read again from the source file on reanalysis, where it still
/// is), no quote is taken from a caption, and entities come from the span recogniser
/// voted over the document. 4: a description keeps a clause of its own (`a physician who is
/// better known as ...` was cut at `known`), a title at the head of a name (`Mr Obama`) is
/// not the name, and quotes name their document's final id.
pub const ANALYSIS_VERSION: u32 = 4;

/// Analyses an extracted document.
pub fn analyse(id: &str, title: String, source: Option<String>, extracted: Extracted) -> Document {
    let Extracted {
        text,
        blocks,
        metadata,
        ..
    } = extracted;
    let blocks: Vec<Block> = blocks
        .into_iter()
        .map(|(kind, span)| Block {
            kind,
            span,
            sentences: segment::sentences(&text, span),
        })
        .collect();
    let mut doc = Document {
        id: id.to_string(),
        title,
        source,
        metadata,
        text,
        blocks,
        quotes: Vec::new(),
        people: Vec::new(),
    };
    let (quotes, people) = quotes_and_people(&doc);
    doc.quotes = quotes;
    doc.people = people;
    doc
}

/// The quotes of a segmented document and the people who said them: the quote and
/// attribution stages.
/// A caption says what a photo shows and who took it: quotes are taken from the article's
/// paragraphs only.
pub fn quotes_and_people(doc: &Document) -> (Vec<Quote>, Vec<Person>) {
    let marked = quotes::find_marked(doc);
    let (mut quotes, people) = attribution::attribute(doc, &marked);
    quotes.retain(|q| {
        doc.blocks
            .get(q.paragraph)
            .is_some_and(|b| b.kind != BlockKind::Caption)
    });
    (quotes, people)
}

/// Analyses a stored document's text again (after an engine upgrade), keeping its blocks
/// and its metadata.
pub fn reanalyse(doc: Document) -> Document {
    let blocks = doc.blocks.iter().map(|b| (b.kind, b.span)).collect();
    let extracted = Extracted {
        title: None,
        text: doc.text,
        blocks,
        metadata: doc.metadata,
    };
    analyse(&doc.id, doc.title, doc.source, extracted)
}
