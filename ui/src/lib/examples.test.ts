import { describe, expect, it } from "vitest";
import { exampleQuestions, shortName } from "./examples";
import { surname } from "./format";
import type { DocumentInfo, SpeakerInfo } from "./types";

const speaker = (name: string, quotes: number): SpeakerInfo => ({ name, aliases: [], description: null, quotes, documents: ["d"] });
const doc = (title: string): DocumentInfo => ({
  id: title,
  title,
  source: null,
  paragraphs: 3,
  quotes: 1,
  authors: [], site: null, published: null, url: null, language: null, description: null,
});

describe("example questions", () => {
  it("ask who the most quoted speaker is and what the next one said, then about titles", () => {
    const qs = exampleQuestions(
      [speaker("Zhang Hanhui", 2), speaker("Vladimir Putin", 5)],
      [doc("Moscow and Beijing."), doc("Second article")],
    );
    expect(qs).toEqual([
      "Who is Vladimir Putin?",
      "What did Zhang Hanhui say?",
      "What is “Moscow and Beijing” about?",
      "What is “Second article” about?",
    ]);
  });

  it("work with one speaker and no documents", () => {
    expect(exampleQuestions([speaker("Angela Merkel", 1)], [])).toEqual([
      "Who is Angela Merkel?",
      "What did Angela Merkel say?",
    ]);
  });

  it("are empty for an empty library", () => {
    expect(exampleQuestions([], [])).toEqual([]);
  });

  it("respect the maximum and fill up with speakers", () => {
    const qs = exampleQuestions([speaker("A One", 9), speaker("B Two", 8), speaker("C Three", 7), speaker("D Four", 6)], [], 3);
    expect(qs).toEqual(["Who is A One?", "What did B Two say?", "What did C Three say?"]);
  });

  it("use a title that is a question as it is", () => {
    expect(exampleQuestions([], [doc("Are Moscow and Beijing allies?"), doc("Notes: ")])).toEqual([
      "Are Moscow and Beijing allies?",
      "What is “Notes” about?",
    ]);
  });

  it("call people by their one-word alias when the articles do", () => {
    expect(shortName({ name: "Mao Zedong", aliases: ["Mao", "Chairman Mao"] })).toBe("Mao");
    expect(shortName({ name: "Natasha Kuhrt", aliases: ["Kuhrt"] })).toBe("Kuhrt");
    // A variant spelling is not a short form of the name: the full name is used.
    expect(shortName({ name: "Artyom Lukin", aliases: ["Loekin"] })).toBe("Artyom Lukin");
    // Without an alias, no guess at which word is the surname (Mao Zedong's is Mao).
    expect(shortName({ name: "Mao Zedong", aliases: [] })).toBe("Mao Zedong");
    const qs = exampleQuestions([speaker("Vladimir Putin", 5), { ...speaker("Mao Zedong", 4), aliases: ["Mao"] }], []);
    expect(qs).toContain("What did Mao say?");
  });

  it("take the surname without suffixes", () => {
    expect(surname("Martin Luther King Jr.")).toBe("King");
    expect(surname("  Putin ")).toBe("Putin");
  });
});
