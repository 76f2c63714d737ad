//! The engine's data: documents with their structure, quotes, people and answers.
//! Every offset is a UTF-8 byte offset into the document's stored `text`, end-exclusive,
//! so `&text[start..end]` is exactly what is shown. The serialised shapes of [`Quote`],
//! [`Answer`] and friends are the public JSON contract of `docs/cli.md`.

use serde::{Deserialize, Serialize};

/// A byte range of a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// What a block of a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Heading,
    Paragraph,
    /// A figure's caption (what a photo shows, its credit): shown by the reader, never an
    /// answering paragraph, and no quote is taken from it.
    Caption,
}

/// A heading, a paragraph or a caption, with its sentences. The contract's `paragraph`
/// index is the index of a block in [`Document::blocks`] (headings and captions count, so
/// the reader can show them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
    pub sentences: Vec<Span>,
}

/// How a quote was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words in quotation marks, a sentence or more.
    Direct,
    /// Reported speech without quotation marks (`X says that ...`).
    Indirect,
    /// A few quoted words inside reported speech (`assured Russia of "backing up"`).
    Partial,
}

/// The words in the text that name a quote's speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A quote, attributed. The shape is the contract's quote object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Quote {
    /// Canonical name of the speaker.
    pub speaker: String,
    /// The quoted words without the enclosing quotation marks (`text == doc.text[start..end]`).
    pub text: String,
    pub kind: QuoteKind,
    /// The reporting verb or cue as written (`said`, `says`, `:`, `according to`).
    pub cue: Option<String>,
    pub mention: Option<Mention>,
    pub document: String,
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    /// How sure the attribution is, 0 to 1 (an addition to the contract).
    pub confidence: f32,
}

impl Quote {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A person named in a document: the canonical name, the other forms it is printed in,
/// what the text says they are, and every place that refers to them (names, and the
/// pronouns and descriptions resolved to them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Person {
    pub name: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub mentions: Vec<Span>,
}

/// Where a document comes from, as a journalist cites it: what the file itself says (a
/// page's JSON-LD, OpenGraph and meta tags, a PDF's info dictionary, a DOCX's core
/// properties, a text's first lines). Each is empty when the file does not say: never
/// guessed. Its fields sit beside the others of a [`Document`], a [`DocumentInfo`] and a
/// manifest's entry (flattened), and default to empty, so what was stored before they
/// existed still reads.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct Metadata {
    /// The byline: each author's name, in the order given.
    pub authors: Vec<String>,
    /// The outlet (`The Guardian`, `Ars Technica`).
    pub site: Option<String>,
    /// When it was published: ISO 8601, a date (`2015-07-24`) or a date and time with the
    /// time zone when the source gives one (`2015-07-24T05:36:09+01:00`).
    pub published: Option<String>,
    /// The canonical address.
    pub url: Option<String>,
    /// The language, BCP 47 (`en`, `pt-BR`).
    pub language: Option<String>,
    /// The summary the source gives of itself.
    pub description: Option<String>,
}

impl Metadata {
    /// Each field of `self`, or else of `other`.
    pub fn or(self, other: Metadata) -> Metadata {
        Metadata {
            authors: if self.authors.is_empty() {
                other.authors
            } else {
                self.authors
            },
            site: self.site.or(other.site),
            published: self.published.or(other.published),
            url: self.url.or(other.url),
            language: self.language.or(other.language),
            description: self.description.or(other.description),
        }
    }
}

/// A stored document and everything the engine derived from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Document {
    pub id: String,
    pub title: String,
    /// Where it was imported from (a path), or None for the bundled article.
    pub source: Option<String>,
    /// What the file says of its authors, outlet, date, address and language.
    #[serde(flatten)]
    pub metadata: Metadata,
    /// The text exactly as the file says it (after decoding and, for HTML, PDF and DOCX,
    /// taking the text out of the markup).
    pub text: String,
    pub blocks: Vec<Block>,
    pub quotes: Vec<Quote>,
    pub people: Vec<Person>,
}

impl Document {
    /// Gives the document the id `id`, and its quotes with it (each quote names its
    /// document).
    pub fn set_id(&mut self, id: String) {
        for q in &mut self.quotes {
            q.document.clone_from(&id);
        }
        self.id = id;
    }

    pub fn paragraph_count(&self) -> usize {
        self.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .count()
    }
}

/// A summary row of `list`, with the document's metadata (the contract's `list --json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocumentInfo {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub paragraphs: usize,
    pub quotes: usize,
    #[serde(flatten)]
    pub metadata: Metadata,
}

/// The answering sentence (or span) of a passage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AnswerSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Inside the sentence, the words that answer the question itself (a name for "who", a
    /// date for "when"): given for the first passage of an answered question, else `null`.
    /// An addition to the contract.
    #[serde(default)]
    pub phrase: Option<AnswerPhrase>,
}

/// The answer phrase: document offsets (bytes, within the answering sentence) and text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AnswerPhrase {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One passage of an answer: a paragraph, its best sentence, highlights and quotes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Passage {
    pub document: String,
    pub title: String,
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub answer: AnswerSpan,
    pub highlights: Vec<[usize; 2]>,
    pub score: f32,
    pub quotes: Vec<Quote>,
}

/// The answer to a question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Answer {
    pub question: String,
    pub answered: bool,
    /// How likely it is, 0 to 1, that the library answers the question (a logistic model
    /// over how much of it the best passage covers and whether the words asked about exist
    /// at all: `answer::abstain`); `answered` is this against a threshold. An addition to
    /// the contract.
    pub confidence: f32,
    pub passages: Vec<Passage>,
}

/// A speaker across the library, with their quotes (the `quotes NAME` shape).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SpeakerQuotes {
    pub name: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub quotes: Vec<Quote>,
}

/// The `quotes [NAME]` answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QuoteSearch {
    pub query: Option<String>,
    pub speakers: Vec<SpeakerQuotes>,
}

/// A quote with the document it was printed in, for citing it: its title, outlet, date and
/// address (each null when the document does not say).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CitedQuote {
    #[serde(flatten)]
    pub quote: Quote,
    pub title: String,
    pub site: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    /// How closely it speaks to the topic asked about, 0 to 1 (in a topic's quotes only).
    pub score: Option<f32>,
}

/// A speaker's quotes on a topic (a column of the side-by-side view).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TopicSpeaker {
    pub name: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    /// In how many documents they spoke on the topic.
    pub documents: usize,
    /// Their quotes on it, the closest first.
    pub quotes: Vec<CitedQuote>,
}

/// The `quotes --about TOPIC` answer: who said what on a topic, speakers ordered by how
/// much and how closely they spoke on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TopicQuotes {
    pub about: String,
    pub speakers: Vec<TopicSpeaker>,
}

/// How one document described a speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DatedDescription {
    pub text: String,
    pub document: String,
    pub title: String,
    pub site: Option<String>,
    pub published: Option<String>,
}

/// Someone quoted in the same documents as a speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Alongside {
    pub name: String,
    /// In how many documents both are quoted.
    pub documents: usize,
}

/// A speaker's record across the library: every quote in date order (undated documents
/// last), the descriptions the documents gave them, and who is quoted alongside them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SpeakerRecord {
    pub name: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    /// In how many documents they are quoted.
    pub documents: usize,
    pub quotes: Vec<CitedQuote>,
    /// How many quotes the record holds in all: `quotes.len()`, unless the record was cut
    /// to its first quotes ([`SpeakerRecord::first`]).
    pub quote_count: usize,
    /// Each distinct description, in the order of the first document (by date) giving it.
    pub descriptions: Vec<DatedDescription>,
    /// The people quoted in the most of the same documents, most first (at most ten).
    pub alongside: Vec<Alongside>,
}

impl SpeakerRecord {
    /// The record with only its first `n` quotes (the others counted in `quote_count`):
    /// what a window shows first of a speaker quoted a thousand times.
    pub fn first(mut self, n: usize) -> SpeakerRecord {
        self.quotes.truncate(n);
        self
    }
}

/// A row of `speakers`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SpeakerInfo {
    pub name: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub quotes: usize,
    pub documents: Vec<String>,
}
