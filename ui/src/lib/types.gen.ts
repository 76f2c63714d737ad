// Generated from the Rust definitions by ts-rs: do not edit.
// Regenerate with `UPDATE_TYPES=1 cargo test -p verbatim-app types`.

export type Span = { start: number, end: number, };

export type BlockKind = "heading" | "paragraph" | "caption";

export type Block = { kind: BlockKind, span: Span, sentences: Array<Span>, };

export type QuoteKind = "direct" | "indirect" | "partial";

export type Mention = { start: number, end: number, text: string, };

export type Quote = { 
/**
 * Canonical name of the speaker.
 */
speaker: string, 
/**
 * The quoted words without the enclosing quotation marks (`text == doc.text[start..end]`).
 */
text: string, kind: QuoteKind, 
/**
 * The reporting verb or cue as written (`said`, `says`, `:`, `according to`).
 */
cue: string | null, mention: Mention | null, document: string, paragraph: number, start: number, end: number, 
/**
 * How sure the attribution is, 0 to 1 (an addition to the contract).
 */
confidence: number, };

export type Person = { name: string, aliases: Array<string>, description: string | null, mentions: Array<Span>, };

export type Metadata = { 
/**
 * The byline: each author's name, in the order given.
 */
authors: Array<string>, 
/**
 * The outlet (`The Guardian`, `Ars Technica`).
 */
site: string | null, 
/**
 * When it was published: ISO 8601, a date (`2015-07-24`) or a date and time with the
 * time zone when the source gives one (`2015-07-24T05:36:09+01:00`).
 */
published: string | null, 
/**
 * The canonical address.
 */
url: string | null, 
/**
 * The language, BCP 47 (`en`, `pt-BR`).
 */
language: string | null, 
/**
 * The summary the source gives of itself.
 */
description: string | null, };

export type Document = { id: string, title: string, 
/**
 * Where it was imported from (a path), or None for the bundled article.
 */
source: string | null, 
/**
 * The text exactly as the file says it (after decoding and, for HTML, PDF and DOCX,
 * taking the text out of the markup).
 */
text: string, blocks: Array<Block>, quotes: Array<Quote>, people: Array<Person>, 
/**
 * The byline: each author's name, in the order given.
 */
authors: Array<string>, 
/**
 * The outlet (`The Guardian`, `Ars Technica`).
 */
site: string | null, 
/**
 * When it was published: ISO 8601, a date (`2015-07-24`) or a date and time with the
 * time zone when the source gives one (`2015-07-24T05:36:09+01:00`).
 */
published: string | null, 
/**
 * The canonical address.
 */
url: string | null, 
/**
 * The language, BCP 47 (`en`, `pt-BR`).
 */
language: string | null, 
/**
 * The summary the source gives of itself.
 */
description: string | null, };

export type DocumentInfo = { id: string, title: string, source: string | null, paragraphs: number, quotes: number, 
/**
 * The byline: each author's name, in the order given.
 */
authors: Array<string>, 
/**
 * The outlet (`The Guardian`, `Ars Technica`).
 */
site: string | null, 
/**
 * When it was published: ISO 8601, a date (`2015-07-24`) or a date and time with the
 * time zone when the source gives one (`2015-07-24T05:36:09+01:00`).
 */
published: string | null, 
/**
 * The canonical address.
 */
url: string | null, 
/**
 * The language, BCP 47 (`en`, `pt-BR`).
 */
language: string | null, 
/**
 * The summary the source gives of itself.
 */
description: string | null, };

export type AnswerPhrase = { start: number, end: number, text: string, };

export type AnswerSpan = { start: number, end: number, text: string, 
/**
 * Inside the sentence, the words that answer the question itself (a name for "who", a
 * date for "when"): given for the first passage of an answered question, else `null`.
 * An addition to the contract.
 */
phrase: AnswerPhrase | null, };

export type Passage = { document: string, title: string, paragraph: number, start: number, end: number, text: string, answer: AnswerSpan, highlights: Array<[number, number]>, score: number, quotes: Array<Quote>, };

export type Answer = { question: string, answered: boolean, 
/**
 * How likely it is, 0 to 1, that the library answers the question (a logistic model
 * over how much of it the best passage covers and whether the words asked about exist
 * at all: `answer::abstain`); `answered` is this against a threshold. An addition to
 * the contract.
 */
confidence: number, passages: Array<Passage>, };

export type SpeakerQuotes = { name: string, aliases: Array<string>, description: string | null, quotes: Array<Quote>, };

export type QuoteSearch = { query: string | null, speakers: Array<SpeakerQuotes>, };

export type SpeakerInfo = { name: string, aliases: Array<string>, description: string | null, quotes: number, documents: Array<string>, };

export type CitedQuote = { title: string, site: string | null, published: string | null, url: string | null, 
/**
 * How closely it speaks to the topic asked about, 0 to 1 (in a topic's quotes only).
 */
score: number | null, 
/**
 * Canonical name of the speaker.
 */
speaker: string, 
/**
 * The quoted words without the enclosing quotation marks (`text == doc.text[start..end]`).
 */
text: string, kind: QuoteKind, 
/**
 * The reporting verb or cue as written (`said`, `says`, `:`, `according to`).
 */
cue: string | null, mention: Mention | null, document: string, paragraph: number, start: number, end: number, 
/**
 * How sure the attribution is, 0 to 1 (an addition to the contract).
 */
confidence: number, };

export type TopicSpeaker = { name: string, aliases: Array<string>, description: string | null, 
/**
 * In how many documents they spoke on the topic.
 */
documents: number, 
/**
 * Their quotes on it, the closest first.
 */
quotes: Array<CitedQuote>, };

export type TopicQuotes = { about: string, speakers: Array<TopicSpeaker>, };

export type DatedDescription = { text: string, document: string, title: string, site: string | null, published: string | null, };

export type Alongside = { name: string, 
/**
 * In how many documents both are quoted.
 */
documents: number, };

export type SpeakerRecord = { name: string, aliases: Array<string>, description: string | null, 
/**
 * In how many documents they are quoted.
 */
documents: number, quotes: Array<CitedQuote>, 
/**
 * How many quotes the record holds in all: `quotes.len()`, unless the record was cut
 * to its first quotes ([`SpeakerRecord::first`]).
 */
quote_count: number, 
/**
 * Each distinct description, in the order of the first document (by date) giving it.
 */
descriptions: Array<DatedDescription>, 
/**
 * The people quoted in the most of the same documents, most first (at most ten).
 */
alongside: Array<Alongside>, };

export type ScopeArgs = { document: string | null, site: string | null, since: string | null, until: string | null, };

export type ChosenFiles = { files: Array<string>, 
/**
 * Files inside the folders that are not of a format Verbatim reads.
 */
skipped: number, };

export type ErrorKind = "bad_file" | "unknown_document" | "busy" | "cancelled" | "internal";

export type AppError = { kind: ErrorKind, message: string, };

export type ImportProgress = { index: number, total: number, path: string, ok: boolean, id: string | null, title: string | null, error: string | null, };

export type ImportReport = { added: Array<DocumentInfo>, failed: Array<AppError>, };

export type AppInfo = { version: string, library: string, };

/** The app's commands (src-tauri/src/commands.rs). */
export const COMMANDS = ["ask", "list_documents", "get_document", "import_files", "cancel_import", "remove_document", "search_quotes", "list_speakers", "app_info", "open_link", "quotes_about", "speaker_record", "files_in", "load_conversation", "keep_conversation"] as const;
export type Command = (typeof COMMANDS)[number];

/** Every kind of AppError. */
export const ERROR_KINDS: readonly ErrorKind[] = ["bad_file", "unknown_document", "busy", "cancelled", "internal"];

/** The file extensions the engine imports. */
export const IMPORT_EXTENSIONS: readonly string[] = ["txt", "text", "md", "markdown", "html", "htm", "xhtml", "pdf", "docx"];

/** How many passages an answer shows unless asked otherwise. */
export const DEFAULT_PASSAGES = 5;
