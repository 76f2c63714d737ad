// What part of the library a question goes to: one article, one outlet, a date range, or
// any of them together (every condition must hold). Pure: no DOM.

import type { ScopeArgs } from "./types";

export interface AskScope {
  /** One article, with its title to show. */
  document?: { id: string; title: string } | null;
  /** One outlet, as the library names it. */
  site?: string | null;
  /** Published on or after / on or before this day (YYYY-MM-DD). */
  since?: string | null;
  until?: string | null;
}

/** Whether the scope narrows anything. */
export function isNarrowed(s: AskScope | null | undefined): boolean {
  return !!(s && (s.document || s.site || s.since || s.until));
}

/** The scope as the commands take it; undefined for the whole library. */
export function scopeArgs(s: AskScope | null | undefined): Partial<ScopeArgs> | undefined {
  if (!s || !isNarrowed(s)) return undefined;
  const out: Partial<ScopeArgs> = {};
  if (s.document) out.document = s.document.id;
  if (s.site) out.site = s.site;
  if (s.since) out.since = s.since;
  if (s.until) out.until = s.until;
  return out;
}

/** How a scope reads on an answer ("Asked of “Title” only", "Asked of The Herald, from
 * 2020-01-01"); null for the whole library. */
export function scopeLabel(s: AskScope | null | undefined): string | null {
  if (!s || !isNarrowed(s)) return null;
  const parts: string[] = [];
  if (s.document) parts.push(`“${s.document.title}”`);
  if (s.site) parts.push(s.site);
  let when = "";
  if (s.since && s.until) when = `published ${s.since} to ${s.until}`;
  else if (s.since) when = `published from ${s.since}`;
  else if (s.until) when = `published until ${s.until}`;
  const what = parts.join(", ");
  if (what && when) return `Asked of ${what}, ${when}, only`;
  if (what) return `Asked of ${what} only`;
  return `Asked of articles ${when} only`;
}

/**
 * A day as a date chip takes it: `2020`, `2020-05` or `2020-05-17` (also with `/` or `.`),
 * the first day of the year or month when `end` is false and the last when it is true, as
 * YYYY-MM-DD; "" gives null (no bound), anything else undefined (not a date).
 */
export function dayBound(text: string, end: boolean): string | null | undefined {
  const t = text.trim();
  if (t === "") return null;
  const m = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(t);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] === undefined ? (end ? 12 : 1) : Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = m[3] === undefined ? (end ? last : 1) : Number(m[3]);
  if (day < 1 || day > last) return undefined;
  return `${m[1]}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
