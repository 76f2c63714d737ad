// Small display helpers shared by components and the Markdown export.

import type { Metadata, Quote } from "./types";

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

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * The day an ISO 8601 date says, as people write it ("2024-03-05T10:00:00+01:00" → "5 March
 * 2024"): the date as the source states it, in its own time zone (never converted). Anything
 * else is shown as it is.
 */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const month = MONTHS[Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

/** Outlet and date, as a source line shows them ("The Daily Paper · 5 March 2024"); "" when neither is known. */
export function sourceLine(m: Pick<Metadata, "site" | "published"> | null | undefined): string {
  if (!m) return "";
  const parts: string[] = [];
  if (m.site) parts.push(m.site);
  if (m.published) parts.push(formatDate(m.published));
  return parts.join(" · ");
}
