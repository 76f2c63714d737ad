// Byte offsets (UTF-8, from the Rust engine) to JavaScript string indices (UTF-16 code
// units), and splitting text into segments for rendering.

import type { Passage, Quote } from "./types";

const encoder = new TextEncoder();

/** The number of UTF-8 bytes of `text`. */
export function byteLength(text: string): number {
  return encoder.encode(text).length;
}

/** UTF-8 length of the code point starting with UTF-16 unit `c` (and its pair). */
function utf8Len(code: number): number {
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code < 0x10000) return 3;
  return 4;
}

/**
 * Converts UTF-8 byte offsets of `text` (counted from `base`) to string indices.
 * An offset inside a multi-byte character rounds down to that character's start;
 * offsets before `base` clamp to 0 and past the end clamp to `text.length`.
 */
export class ByteIndex {
  readonly text: string;
  readonly base: number;
  /** `bytes[i]` is the byte offset (relative to base) of string index `i`, for i in 0..=length. */
  private readonly bytes: Uint32Array;

  constructor(text: string, base = 0) {
    this.text = text;
    this.base = base;
    const bytes = new Uint32Array(text.length + 1);
    let b = 0;
    let i = 0;
    while (i < text.length) {
      const cp = text.codePointAt(i)!;
      const units = cp > 0xffff ? 2 : 1;
      bytes[i] = b;
      if (units === 2) bytes[i + 1] = b; // low surrogate: same character
      b += utf8Len(cp);
      i += units;
    }
    bytes[text.length] = b;
    this.bytes = bytes;
  }

  /** The total UTF-8 length of the text. */
  get byteLength(): number {
    return this.bytes[this.text.length];
  }

  /** String index of absolute byte offset `byte`. */
  index(byte: number): number {
    const rel = byte - this.base;
    if (rel <= 0) return 0;
    if (rel >= this.byteLength) return this.text.length;
    // Binary search: the last index whose byte offset is <= rel, at a character start.
    let lo = 0;
    let hi = this.text.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.bytes[mid] <= rel) lo = mid;
      else hi = mid - 1;
    }
    // Step back over a low surrogate that shares its byte offset with the high one.
    while (lo > 0 && this.bytes[lo - 1] === this.bytes[lo]) lo--;
    return lo;
  }

  /** The text between two absolute byte offsets. */
  slice(start: number, end: number): string {
    return this.text.slice(this.index(start), this.index(end));
  }
}

/** String index of UTF-8 byte offset `byte` in `text` (one-off; use ByteIndex for many). */
export function byteToIndex(text: string, byte: number): number {
  return new ByteIndex(text).index(byte);
}

/** The substring of `text` between UTF-8 byte offsets `start` and `end`. */
export function sliceBytes(text: string, start: number, end: number): string {
  return new ByteIndex(text).slice(start, end);
}

/** A run of text to render, with what applies to all of it. */
export interface Segment {
  text: string;
  /** A matched word: render as <mark>. */
  mark: boolean;
  /** Inside the answering sentence: render emphasised. */
  answer: boolean;
  /** The quote this text belongs to, if any. */
  quote?: Quote;
  /** Inside the range the reader was opened at. */
  focus?: boolean;
  /** Inside the answer phrase (the words that answer the question itself). */
  phrase?: boolean;
}

export interface Ranges {
  /** Absolute byte range of the answering sentence. */
  answer?: { start: number; end: number } | null;
  /** Absolute byte ranges of matched words. */
  highlights?: readonly (readonly [number, number])[];
  /** Quotes, each by its absolute byte range. */
  quotes?: readonly Quote[];
  /** An absolute byte range to call out (where the reader was opened). */
  focus?: { start: number; end: number } | null;
  /** Absolute byte range of the answer phrase. */
  phrase?: { start: number; end: number } | null;
}

/**
 * Splits `text`, which starts at absolute byte offset `base`, into segments at every
 * boundary of the given byte ranges. Ranges partly outside the text are clipped; empty
 * and inverted ranges are ignored. Adjacent segments with the same flags are merged.
 */
export function segments(text: string, base: number, ranges: Ranges): Segment[] {
  if (text.length === 0) return [];
  const idx = new ByteIndex(text, base);
  type R = { s: number; e: number };
  const conv = (start: number, end: number): R | null => {
    if (!(end > start)) return null;
    const s = idx.index(start);
    const e = idx.index(end);
    return e > s ? { s, e } : null;
  };
  const answer = ranges.answer ? conv(ranges.answer.start, ranges.answer.end) : null;
  const focus = ranges.focus ? conv(ranges.focus.start, ranges.focus.end) : null;
  const phrase = ranges.phrase ? conv(ranges.phrase.start, ranges.phrase.end) : null;
  const marks = (ranges.highlights ?? [])
    .map(([s, e]) => conv(s, e))
    .filter((r): r is R => r !== null);
  const quotes = (ranges.quotes ?? [])
    .map((q) => ({ q, r: conv(q.start, q.end) }))
    .filter((x): x is { q: Quote; r: R } => x.r !== null);

  const cuts = new Set<number>([0, text.length]);
  for (const r of [answer, focus, phrase, ...marks, ...quotes.map((x) => x.r)]) {
    if (r) {
      cuts.add(r.s);
      cuts.add(r.e);
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const inside = (r: R | null, s: number, e: number) => r !== null && r.s <= s && e <= r.e;

  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i];
    const e = points[i + 1];
    const seg: Segment = {
      text: text.slice(s, e),
      mark: marks.some((r) => inside(r, s, e)),
      answer: inside(answer, s, e),
    };
    const q = quotes.find((x) => inside(x.r, s, e));
    if (q) seg.quote = q.q;
    if (inside(focus, s, e)) seg.focus = true;
    if (inside(phrase, s, e)) seg.phrase = true;
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.mark === seg.mark &&
      prev.answer === seg.answer &&
      prev.quote === seg.quote &&
      !!prev.focus === !!seg.focus &&
      !!prev.phrase === !!seg.phrase
    ) {
      prev.text += seg.text;
    } else {
      out.push(seg);
    }
  }
  return out;
}

/** Segments of a passage: answering sentence, its answer phrase, matched words and quotes. */
export function passageSegments(passage: Passage): Segment[] {
  return segments(passage.text, passage.start, {
    answer: passage.answer,
    phrase: passage.answer.phrase,
    highlights: passage.highlights,
    quotes: passage.quotes,
  });
}

/** Groups consecutive segments on which `key` agrees. */
export function groupRuns<K>(segs: Segment[], key: (s: Segment) => K): { key: K; segments: Segment[] }[] {
  const groups: { key: K; segments: Segment[] }[] = [];
  for (const seg of segs) {
    const k = key(seg);
    const last = groups[groups.length - 1];
    if (last && last.key === k) last.segments.push(seg);
    else groups.push({ key: k, segments: [seg] });
  }
  return groups;
}

/** Groups consecutive segments that share a quote (or none), for rendering quotes as one element. */
export function groupByQuote(segs: Segment[]): { quote?: Quote; segments: Segment[] }[] {
  return groupRuns(segs, (s) => s.quote).map((g) => ({ quote: g.key, segments: g.segments }));
}

/** Groups consecutive segments inside (or outside) the answering sentence. */
export function groupByAnswer(segs: Segment[]): { answer: boolean; segments: Segment[] }[] {
  return groupRuns(segs, (s) => s.answer).map((g) => ({ answer: g.key, segments: g.segments }));
}
