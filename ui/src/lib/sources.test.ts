import { describe, expect, it } from "vitest";
import { documentFilter, outletCounts, sortDocuments } from "./sources";
import type { DocumentInfo } from "./types";

function doc(title: string, site: string | null, published: string | null, quotes = 1, authors: string[] = []): DocumentInfo {
  return { id: title, title, source: null, paragraphs: 3, quotes, authors, site, published, url: null, language: null, description: null };
}

const DOCS = [
  doc("Rivers rise", "The Daily Paper", "2024-03-05T10:00:00+01:00", 2, ["Jane Doe"]),
  doc("Budget approved", null, null, 0),
  doc("Élection à Paris", "Le Monde", "2023-11-02", 4, ["Martin Untersinger"]),
  doc("Ferries change", "The Daily Paper", "2024-04-01", 1),
];

describe("the library as a source list", () => {
  it("sorts by date, newest first, undated last", () => {
    expect(sortDocuments(DOCS, "date").map((d) => d.title)).toEqual([
      "Ferries change",
      "Rivers rise",
      "Élection à Paris",
      "Budget approved",
    ]);
  });

  it("sorts by outlet then title, and by title", () => {
    expect(sortDocuments(DOCS, "outlet").map((d) => d.title)).toEqual([
      "Élection à Paris",
      "Ferries change",
      "Rivers rise",
      "Budget approved",
    ]);
    expect(sortDocuments(DOCS, "title").map((d) => d.title)).toEqual([
      "Budget approved",
      "Élection à Paris",
      "Ferries change",
      "Rivers rise",
    ]);
    expect(sortDocuments(DOCS, "added")).toEqual(DOCS);
  });

  it("filters by every word typed, in title, outlet or authors", () => {
    const filter = documentFilter(DOCS);
    expect(filter("daily").map((d) => d.title)).toEqual(["Rivers rise", "Ferries change"]);
    expect(filter("election monde").map((d) => d.title)).toEqual(["Élection à Paris"]);
    expect(filter("jane").map((d) => d.title)).toEqual(["Rivers rise"]);
    expect(filter("  ")).toHaveLength(4);
    expect(filter("nothing")).toEqual([]);
  });

  it("keeps the order of the list it filters", () => {
    const filter = documentFilter(sortDocuments(DOCS, "title"));
    const titles = sortDocuments(DOCS, "title").map((d) => d.title);
    expect(filter("").map((d) => d.title)).toEqual(titles);
    expect(filter("daily").map((d) => d.title)).toEqual(titles.filter((t) => ["Rivers rise", "Ferries change"].includes(t)));
  });

  it("counts articles and quotes per outlet", () => {
    expect(outletCounts(DOCS)).toEqual([
      { site: "The Daily Paper", articles: 2, quotes: 3 },
      { site: "Le Monde", articles: 1, quotes: 4 },
      { site: null, articles: 1, quotes: 0 },
    ]);
  });
});
