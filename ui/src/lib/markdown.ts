// Markdown export of answers and of a speaker's record, with citations. Pure: no DOM.

import { formatDate, paragraphLabel, plural, quoteText } from "./format";
import { passageSegments } from "./text";
import type { Answer, CitedQuote, Metadata, Passage, Quote, SpeakerRecord } from "./types";

/** What the library knows of each document's source (outlet, authors, date, address). */
export type Sources = (document: string) => Metadata | null;

const noSources: Sources = () => null;

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

/** Names as a sentence lists them: "A", "A and B", "A, B and C". */
export function names(list: readonly string[]): string {
  if (list.length <= 1) return list.join("");
  return `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
}

/** An address as a Markdown autolink (`<https://…>`), its angle brackets and spaces encoded. */
function autolink(url: string): string {
  return `<${url.replace(/[<> ]/g, (c) => encodeURIComponent(c))}>`;
}

/**
 * Where words come from, as a journalist cites them: outlet, date, *title*, by its authors,
 * its address, the paragraph (what the source does not say is left out).
 */
export function citation(title: string, paragraph: number, source: Metadata | null = null): string {
  const parts: string[] = [];
  if (source?.site) parts.push(escapeMarkdown(source.site));
  if (source?.published) parts.push(escapeMarkdown(formatDate(source.published)));
  parts.push(`*${escapeMarkdown(title)}*`);
  if (source?.authors.length) parts.push(`by ${escapeMarkdown(names(source.authors))}`);
  if (source?.url) parts.push(autolink(source.url));
  parts.push(paragraphLabel(paragraph));
  return parts.join(", ");
}

/** One quote as a Markdown blockquote: words, then speaker (and description, cue) and source. */
export function quoteMarkdown(
  q: Quote,
  title: string,
  description?: string | null,
  source: Metadata | null = null,
): string {
  const who = [`**${escapeMarkdown(q.speaker)}**`];
  if (description) who.push(escapeMarkdown(description));
  const cue = q.cue ? ` (${escapeMarkdown(q.cue)})` : "";
  return `${blockquote(escapeMarkdown(quoteText(q)))}\n>\n> — ${who.join(", ")}${cue}, ${citation(title, q.paragraph, source)}`;
}

function passageMarkdown(p: Passage, sources: Sources): string {
  const source = sources(p.document);
  const parts = [`${blockquote(passageText(p))}\n>\n> — ${citation(p.title, p.paragraph, source)}`];
  for (const q of p.quotes) parts.push(quoteMarkdown(q, p.title, null, source));
  return parts.join("\n\n");
}

/** An answer as Markdown: the question, the passages with citations and their quotes. */
export function answerMarkdown(a: Answer, sources: Sources = noSources): string {
  const out = [`## ${escapeMarkdown(a.question)}`];
  if (!a.answered) {
    out.push("Not in your articles.");
    if (a.passages.length) out.push("Nearest passages:");
  }
  for (const p of a.passages) out.push(passageMarkdown(p, sources));
  return out.join("\n\n") + "\n";
}

/** A whole conversation as Markdown: each answered question in turn, with its citations. */
export function conversationMarkdown(answers: readonly Answer[], sources: Sources = noSources): string {
  return ["# Questions to my articles", ...answers.map((a) => answerMarkdown(a, sources).trimEnd())].join("\n\n") + "\n";
}

/** What a cited quote says of its document, when the library's list does not have it. */
function citedSource(q: CitedQuote): Metadata {
  return { authors: [], site: q.site, published: q.published, url: q.url, language: null, description: null };
}

/**
 * A speaker's record as Markdown: the descriptions the articles gave them (each with its
 * outlet and date), every quote in date order with its citation, and who is quoted alongside.
 */
export function recordMarkdown(r: SpeakerRecord, sources: Sources = noSources): string {
  const out = [`## ${escapeMarkdown(r.name)}: quotes in date order`];
  if (r.aliases.length) out.push(`Also printed as ${escapeMarkdown(names(r.aliases))}.`);
  if (r.descriptions.length) {
    const lines = r.descriptions.map((d) => {
      const where = [d.site, d.published ? formatDate(d.published) : null].filter((x): x is string => !!x);
      const cited = where.length ? where.map(escapeMarkdown).join(", ") : `*${escapeMarkdown(d.title)}*`;
      return `- ${escapeMarkdown(d.text)} (${cited})`;
    });
    out.push(lines.join("\n"));
  }
  for (const q of r.quotes) out.push(quoteMarkdown(q, q.title, null, sources(q.document) ?? citedSource(q)));
  if (r.alongside.length) {
    const who = r.alongside.map((a) => `${escapeMarkdown(a.name)} (${plural(a.documents, "article")})`);
    out.push(`Quoted alongside: ${names(who)}.`);
  }
  return out.join("\n\n") + "\n";
}
