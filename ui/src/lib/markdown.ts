// Markdown export of answers and of a speaker's quotes, with citations. Pure: no DOM.

import { paragraphLabel, quoteText } from "./format";
import { passageSegments } from "./text";
import type { Answer, Passage, Quote, SpeakerQuotes } from "./types";

/** Escapes characters that Markdown would read as formatting. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);
}

/** Prefixes every line with "> ". */
function blockquote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => (line.length ? `> ${line}` : ">"))
    .join("\n");
}

/** `**text**` keeping surrounding whitespace outside the markers (Markdown needs that). */
function bold(text: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  return m[2] ? `${m[1]}**${m[2]}**${m[3]}` : text;
}

/** A passage's text with the answering sentence in bold. */
export function passageText(p: Passage): string {
  const runs: { answer: boolean; text: string }[] = [];
  for (const seg of passageSegments(p)) {
    const last = runs[runs.length - 1];
    if (last && last.answer === seg.answer) last.text += seg.text;
    else runs.push({ answer: seg.answer, text: seg.text });
  }
  return runs.map((r) => (r.answer ? bold(escapeMarkdown(r.text)) : escapeMarkdown(r.text))).join("");
}

export function citation(title: string, paragraph: number): string {
  return `*${escapeMarkdown(title)}*, ${paragraphLabel(paragraph)}`;
}

/** One quote as a Markdown blockquote: words, then speaker (and description, cue) and source. */
export function quoteMarkdown(q: Quote, title: string, description?: string | null): string {
  const who = [`**${escapeMarkdown(q.speaker)}**`];
  if (description) who.push(escapeMarkdown(description));
  const cue = q.cue ? ` (${escapeMarkdown(q.cue)})` : "";
  return `${blockquote(escapeMarkdown(quoteText(q)))}\n>\n> — ${who.join(", ")}${cue}, ${citation(title, q.paragraph)}`;
}

function passageMarkdown(p: Passage): string {
  const parts = [`${blockquote(passageText(p))}\n>\n> — ${citation(p.title, p.paragraph)}`];
  for (const q of p.quotes) parts.push(quoteMarkdown(q, p.title));
  return parts.join("\n\n");
}

/** An answer as Markdown: the question, the passages with citations and their quotes. */
export function answerMarkdown(a: Answer): string {
  const out = [`## ${escapeMarkdown(a.question)}`];
  if (!a.answered) {
    out.push("Not in your articles.");
    if (a.passages.length) out.push("Nearest passages:");
  }
  for (const p of a.passages) out.push(passageMarkdown(p));
  return out.join("\n\n") + "\n";
}

/**
 * A speaker's quotes as Markdown, grouped by article. `titles` maps document ids to
 * titles (a missing one is shown by its id).
 */
export function speakerMarkdown(s: SpeakerQuotes, titles: ReadonlyMap<string, string>): string {
  const out = [`## Quotes by ${escapeMarkdown(s.name)}`];
  if (s.description) out.push(`*${escapeMarkdown(s.description)}*`);
  for (const [doc, quotes] of groupByDocument(s.quotes)) {
    const title = titles.get(doc) ?? doc;
    out.push(`### ${escapeMarkdown(title)}`);
    for (const q of quotes) out.push(quoteMarkdown(q, title, s.description));
  }
  return out.join("\n\n") + "\n";
}

/** Quotes grouped by document, in first-seen order, each group in paragraph order. */
export function groupByDocument(quotes: readonly Quote[]): Map<string, Quote[]> {
  const groups = new Map<string, Quote[]>();
  for (const q of quotes) {
    const g = groups.get(q.document);
    if (g) g.push(q);
    else groups.set(q.document, [q]);
  }
  for (const g of groups.values()) g.sort((a, b) => a.paragraph - b.paragraph || a.start - b.start);
  return groups;
}
