// The library as a source list: sorting, filtering by typing, and what each outlet
// contributes. Pure: no DOM.

import type { DocumentInfo } from "./types";

export type SortKey = "added" | "date" | "outlet" | "title";

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

/**
 * The documents in the chosen order: as imported, newest first by the date each states
 * (undated ones last), by outlet (then title; those without one last), or by title.
 */
export function sortDocuments(docs: readonly DocumentInfo[], key: SortKey): DocumentInfo[] {
  const out = [...docs];
  const byTitle = (a: DocumentInfo, b: DocumentInfo) => collator.compare(a.title, b.title);
  const missingLast = (a: string | null, b: string | null) => (a === null ? 1 : 0) - (b === null ? 1 : 0);
  switch (key) {
    case "date":
      // ISO 8601 dates compare as text by day; the day is what the source states.
      return out.sort(
        (a, b) =>
          missingLast(a.published, b.published) ||
          (b.published ?? "").slice(0, 10).localeCompare((a.published ?? "").slice(0, 10)) ||
          byTitle(a, b),
      );
    case "outlet":
      return out.sort(
        (a, b) => missingLast(a.site, b.site) || collator.compare(a.site ?? "", b.site ?? "") || byTitle(a, b),
      );
    case "title":
      return out.sort(byTitle);
    case "added":
      return out;
  }
}

/** Text as the filter compares it: accents and case ignored. */
function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase();
}

/**
 * A filter over `docs` (kept in their order): for a query, the documents whose title,
 * outlet or authors hold every word typed, case and accents ignored. Each document's text
 * is folded once, here, so that filtering a library of thousands at every key typed is
 * only a substring test.
 */
export function documentFilter(docs: readonly DocumentInfo[]): (query: string) => DocumentInfo[] {
  const hays = docs.map((d) => fold([d.title, d.site ?? "", ...d.authors].join(" ")));
  return (query) => {
    const words = fold(query).split(/\s+/).filter(Boolean);
    if (words.length === 0) return [...docs];
    return docs.filter((_, i) => words.every((w) => hays[i].includes(w)));
  };
}

export interface OutletCount {
  /** The outlet, or null for documents that name none. */
  site: string | null;
  articles: number;
  quotes: number;
}

/** Articles and quotes per outlet, most articles first (those naming no outlet last). */
export function outletCounts(docs: readonly DocumentInfo[]): OutletCount[] {
  const counts = new Map<string | null, OutletCount>();
  for (const d of docs) {
    const c = counts.get(d.site) ?? { site: d.site, articles: 0, quotes: 0 };
    c.articles += 1;
    c.quotes += d.quotes;
    counts.set(d.site, c);
  }
  return [...counts.values()].sort(
    (a, b) =>
      (a.site === null ? 1 : 0) - (b.site === null ? 1 : 0) ||
      b.articles - a.articles ||
      collator.compare(a.site ?? "", b.site ?? ""),
  );
}
