// Test data built with real UTF-8 byte offsets, like the engine sends.
import { byteLength } from "../lib/text";
import type { Answer, Document, Metadata, Passage, Quote } from "../lib/types";

/** Byte offset of the first occurrence of `needle` in `text` (plus `base`). */
export function byteOf(text: string, needle: string, base = 0): number {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`not found: ${needle}`);
  return base + byteLength(text.slice(0, i));
}

/** Byte range [start, end) of `needle` in `text`. */
export function rangeOf(text: string, needle: string, base = 0): [number, number] {
  const s = byteOf(text, needle, base);
  return [s, s + byteLength(needle)];
}

export const DOC_TEXT = [
  "Moscow and Beijing",
  "A joint space station on the moon, and the rhetoric is “the same”.",
  "China’s ambassador to Moscow, Zhang Hanhui, recently assured Russia of “backing up” against US efforts. Café owners 🎉 were unimpressed.",
  "“We will never be allies,” said Vladimir Putin, the Russian president.",
  "Putin and Xi in Moscow.",
].join("\n");

const para = (n: number) => DOC_TEXT.split("\n")[n];
const paraStart = (n: number) => byteOf(DOC_TEXT, para(n));

export function quote(words: string, speaker: string, paragraph: number, extra: Partial<Quote> = {}): Quote {
  const [start, end] = rangeOf(DOC_TEXT, words);
  return {
    speaker,
    text: words,
    kind: "direct",
    cue: "said",
    mention: null,
    document: "doc-1",
    paragraph,
    start,
    end,
    confidence: 0.9,
    ...extra,
  };
}

export const BACKING_UP = quote("backing up", "Zhang Hanhui", 2, { kind: "partial", cue: "assured" });
export const NEVER_ALLIES = quote("We will never be allies,", "Vladimir Putin", 3);

export function passage(n: number, answerSentence: string, words: string[], quotes: Quote[] = [], phrase?: string): Passage {
  const text = para(n);
  const base = paraStart(n);
  const [as, ae] = rangeOf(text, answerSentence, base);
  const [ps, pe] = phrase ? rangeOf(text, phrase, base) : [0, 0];
  return {
    document: "doc-1",
    title: "Moscow and Beijing",
    paragraph: n,
    start: base,
    end: base + byteLength(text),
    text,
    answer: { start: as, end: ae, text: answerSentence, phrase: phrase ? { start: ps, end: pe, text: phrase } : null },
    highlights: words.map((w) => rangeOf(text, w, base)),
    score: 1.5,
    quotes,
  };
}

export const ZHANG_PASSAGE = passage(
  2,
  "China’s ambassador to Moscow, Zhang Hanhui, recently assured Russia of “backing up” against US efforts.",
  ["ambassador", "Zhang", "Café"],
  [BACKING_UP],
  "Zhang Hanhui",
);

export const PUTIN_PASSAGE = passage(3, "“We will never be allies,” said Vladimir Putin, the Russian president.", ["Putin"], [NEVER_ALLIES]);

export const ANSWER: Answer = {
  question: "Who is Zhang Hanhui?",
  answered: true,
  confidence: 0.9,
  passages: [ZHANG_PASSAGE, PUTIN_PASSAGE],
};

export const UNANSWERED: Answer = {
  question: "What is the capital of Mars?",
  answered: false,
  confidence: 0.1,
  passages: [PUTIN_PASSAGE],
};

function block(kind: "heading" | "paragraph" | "caption", n: number) {
  const start = paraStart(n);
  return { kind, span: { start, end: start + byteLength(para(n)) }, sentences: [] };
}

/** What the test document says of its source. */
export const SOURCE: Metadata = {
  authors: ["Jane Doe"],
  site: "The Daily Paper",
  published: "2024-03-05T10:00:00+01:00",
  url: "https://paper.example/2024/moscow-beijing",
  language: "en",
  description: null,
};

export const DOCUMENT: Document = {
  id: "doc-1",
  title: "Moscow and Beijing",
  source: "/tmp/moscow.txt",
  ...SOURCE,
  text: DOC_TEXT,
  blocks: [
    block("heading", 0),
    block("paragraph", 1),
    block("paragraph", 2),
    block("paragraph", 3),
    block("caption", 4),
  ],
  quotes: [BACKING_UP, NEVER_ALLIES],
  people: [],
};
