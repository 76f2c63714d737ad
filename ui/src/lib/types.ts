// The IPC contract with the Rust engine. These shapes mirror `verbatim-index`'s model
// (index/src/model.rs) and will later be generated from Rust with ts-rs: keep them in
// this one file, unchanged in shape.
//
// All offsets are UTF-8 BYTE offsets into the document text (end-exclusive);
// `Passage.text` starts at byte `Passage.start`. Use `lib/text.ts` to turn them into
// JavaScript string indices.

export type QuoteKind = "direct" | "indirect" | "partial";

export interface Mention {
  start: number;
  end: number;
  text: string;
}

export interface Quote {
  speaker: string;
  text: string;
  kind: QuoteKind;
  cue: string | null;
  mention: Mention | null;
  document: string;
  paragraph: number;
  start: number;
  end: number;
  confidence: number;
}

export interface AnswerSpan {
  start: number;
  end: number;
  text: string;
}

export interface Passage {
  document: string;
  title: string;
  paragraph: number;
  start: number;
  end: number;
  text: string;
  answer: AnswerSpan;
  highlights: [number, number][];
  score: number;
  quotes: Quote[];
}

export interface Answer {
  question: string;
  answered: boolean;
  passages: Passage[];
}

export interface DocumentInfo {
  id: string;
  title: string;
  source: string | null;
  paragraphs: number;
  quotes: number;
}

export interface Span {
  start: number;
  end: number;
}

export interface Block {
  kind: "heading" | "paragraph";
  span: Span;
  sentences: Span[];
}

export interface Person {
  name: string;
  aliases: string[];
  description: string | null;
  mentions: Span[];
}

export interface Document {
  id: string;
  title: string;
  source: string | null;
  text: string;
  blocks: Block[];
  quotes: Quote[];
  people: Person[];
}

export interface SpeakerQuotes {
  name: string;
  aliases: string[];
  description: string | null;
  quotes: Quote[];
}

export interface QuoteSearch {
  query: string | null;
  speakers: SpeakerQuotes[];
}

export interface SpeakerInfo {
  name: string;
  aliases: string[];
  description: string | null;
  quotes: number;
  documents: string[];
}

export interface AppError {
  kind: "bad_file" | "unknown_document" | "busy" | "cancelled" | "internal";
  message: string;
}

export interface ImportProgress {
  index: number;
  total: number;
  path: string;
  ok: boolean;
  id: string | null;
  title: string | null;
  error: string | null;
}

export interface ImportReport {
  added: DocumentInfo[];
  failed: AppError[];
}

export interface AppInfo {
  version: string;
  library: string;
}
