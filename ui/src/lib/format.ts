// Small display helpers shared by components and the Markdown export.

import type { Quote } from "./types";

/**
 * The paragraph number shown to people. The engine's `paragraph` is a 0-based block
 * index (headings count, as in the reader), so people see it 1-based.
 */
export function paragraphNumber(paragraph: number): number {
  return paragraph + 1;
}

export function paragraphLabel(paragraph: number): string {
  return `paragraph ${paragraphNumber(paragraph)}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Quote text with quotation marks for direct and partial quotes; reported speech as is. */
export function quoteText(q: Pick<Quote, "text" | "kind">): string {
  return q.kind === "indirect" ? q.text : `“${q.text}”`;
}

/** The last part of a name ("Vladimir Putin" → "Putin"), skipping suffixes like "Jr.". */
export function surname(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const suffix = /^(jr\.?|sr\.?|ii|iii|iv|phd|md)$/i;
  while (parts.length > 1 && suffix.test(parts[parts.length - 1].replace(/,$/, ""))) parts.pop();
  return (parts[parts.length - 1] ?? "").replace(/,$/, "");
}

/** The file name of a path, for either separator. */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}
