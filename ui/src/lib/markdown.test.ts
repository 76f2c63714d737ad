import { describe, expect, it } from "vitest";
import { answerMarkdown, conversationMarkdown, escapeMarkdown, passageText, recordMarkdown } from "./markdown";
import { ANSWER, BACKING_UP, NEVER_ALLIES, PUTIN_PASSAGE, UNANSWERED, ZHANG_PASSAGE } from "../test/fixtures";
import { formatDate, sourceLine } from "./format";
import type { Metadata, Quote } from "./types";

const SOURCE: Metadata = {
  authors: ["Jane Doe", "John Roe"],
  site: "The Daily Paper",
  published: "2024-03-05T10:00:00+01:00",
  url: "https://paper.example/2024/moscow_beijing",
  language: "en",
  description: null,
};

/** The golden citation: speaker, outlet, date, title, authors, address, paragraph. */
const GOLDEN_ANSWER = "## Who is Zhang Hanhui?\n\n> **China’s ambassador to Moscow, Zhang Hanhui, recently assured Russia of “backing up” against US efforts.** Café owners 🎉 were unimpressed.\n>\n> — The Daily Paper, 5 March 2024, *Moscow and Beijing*, by Jane Doe and John Roe, <https://paper.example/2024/moscow_beijing>, paragraph 3\n\n> “backing up”\n>\n> — **Zhang Hanhui** (assured), The Daily Paper, 5 March 2024, *Moscow and Beijing*, by Jane Doe and John Roe, <https://paper.example/2024/moscow_beijing>, paragraph 3\n\n> **“We will never be allies,” said Vladimir Putin, the Russian president.**\n>\n> — The Daily Paper, 5 March 2024, *Moscow and Beijing*, by Jane Doe and John Roe, <https://paper.example/2024/moscow_beijing>, paragraph 4\n\n> “We will never be allies,”\n>\n> — **Vladimir Putin** (said), The Daily Paper, 5 March 2024, *Moscow and Beijing*, by Jane Doe and John Roe, <https://paper.example/2024/moscow_beijing>, paragraph 4\n";

describe("markdown export", () => {
  it("escapes formatting characters", () => {
    expect(escapeMarkdown("a *b* _c_ [d](e) <f> `g` \\")).toBe("a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\> \\`g\\` \\\\");
  });

  it("bolds the answering sentence with whitespace outside the markers", () => {
    const md = passageText(ZHANG_PASSAGE);
    expect(md).toBe(
      "**China’s ambassador to Moscow, Zhang Hanhui, recently assured Russia of “backing up” against US efforts.** Café owners 🎉 were unimpressed.",
    );
  });

  it("exports an answer with citations and quotes", () => {
    const md = answerMarkdown(ANSWER);
    expect(md).toContain("## Who is Zhang Hanhui?");
    expect(md).toContain("> **China’s ambassador");
    expect(md).toContain("> — *Moscow and Beijing*, paragraph 3");
    expect(md).toContain("> “backing up”\n>\n> — **Zhang Hanhui** (assured), *Moscow and Beijing*, paragraph 3");
    expect(md).toContain("**Vladimir Putin** (said), *Moscow and Beijing*, paragraph 4");
    expect(md).not.toContain("Not in your articles");
    expect(md.endsWith("\n")).toBe(true);
  });

  it("says when the answer is not in the articles", () => {
    const md = answerMarkdown(UNANSWERED);
    expect(md).toContain("Not in your articles.");
    expect(md).toContain("Nearest passages:");
    expect(md).toContain(PUTIN_PASSAGE.title);
  });

  it("exports a speaker's record in date order, with descriptions and company", () => {
    const cited = (q: Quote, title: string, published: string | null) => ({ ...q, title, site: "The Daily Paper", published, url: null, score: null });
    const other: Quote = { ...NEVER_ALLIES, speaker: "Zhang Hanhui", document: "doc-2", paragraph: 7, kind: "indirect", cue: null, text: "Russia and China are close" };
    const md = recordMarkdown({
      name: "Zhang Hanhui",
      aliases: ["Zhang"],
      description: "China’s ambassador to Moscow",
      documents: 2,
      quotes: [cited(BACKING_UP, "Moscow and Beijing", "2019-03-04"), cited(other, "Later piece", null)],
      quote_count: 2,
      descriptions: [
        { text: "a deputy minister", document: "doc-1", title: "Moscow and Beijing", site: "The Daily Paper", published: "2019-03-04" },
        { text: "China’s ambassador to Moscow", document: "doc-2", title: "Later piece", site: null, published: null },
      ],
      alongside: [{ name: "Vladimir Putin", documents: 2 }],
    });
    expect(md).toContain("## Zhang Hanhui: quotes in date order");
    expect(md).toContain("Also printed as Zhang.");
    expect(md).toContain("- a deputy minister (The Daily Paper, 4 March 2019)\n- China’s ambassador to Moscow (*Later piece*)");
    // Each quote cited from what the record says of its document.
    expect(md).toContain("> — **Zhang Hanhui** (assured), The Daily Paper, 4 March 2019, *Moscow and Beijing*, paragraph 3");
    // Indirect speech has no quotation marks.
    expect(md).toContain("> Russia and China are close\n");
    expect(md.indexOf("Moscow and Beijing*")).toBeLessThan(md.indexOf("*Later piece*, paragraph"));
    expect(md.trimEnd().endsWith("Quoted alongside: Vladimir Putin (2 articles).")).toBe(true);
  });

  it("cites outlet, date, title, authors, address and paragraph (golden)", () => {
    expect(answerMarkdown(ANSWER, (id) => (id === "doc-1" ? SOURCE : null))).toBe(GOLDEN_ANSWER);
  });

  it("cites a speaker's quotes with the library's sources", () => {
    const md = recordMarkdown(
      {
        name: "Zhang Hanhui",
        aliases: [],
        description: null,
        documents: 1,
        quotes: [{ ...BACKING_UP, title: "Moscow and Beijing", site: null, published: null, url: null, score: null }],
        quote_count: 1,
        descriptions: [],
        alongside: [],
      },
      () => ({ ...SOURCE, authors: [], url: "https://paper.example/a b<c>" }),
    );
    expect(md).toContain(
      "> — **Zhang Hanhui** (assured), The Daily Paper, 5 March 2024, *Moscow and Beijing*, <https://paper.example/a%20b%3Cc%3E>, paragraph 3",
    );
  });

  it("leaves out what the source does not say, and escapes what it says", () => {
    const md = answerMarkdown(ANSWER, () => ({ ...SOURCE, site: "The *Daily* Paper", published: null, authors: [], url: null }));
    expect(md).toContain("> — The \\*Daily\\* Paper, *Moscow and Beijing*, paragraph 3");
  });

  it("exports a whole conversation, each answer with its citations", () => {
    const md = conversationMarkdown([ANSWER, UNANSWERED], (id) => (id === "doc-1" ? SOURCE : null));
    expect(md.startsWith("# Questions to my articles\n\n" + GOLDEN_ANSWER.trimEnd() + "\n\n## What is the capital of Mars?")).toBe(true);
    expect(md).toContain("Not in your articles.");
    expect(md.endsWith("paragraph 4\n")).toBe(true);
  });

  it("writes dates as the source states them", () => {
    expect(formatDate("2024-03-05T23:30:00-05:00")).toBe("5 March 2024");
    expect(formatDate("2015-12-01")).toBe("1 December 2015");
    expect(formatDate("sometime")).toBe("sometime");
    expect(sourceLine(SOURCE)).toBe("The Daily Paper · 5 March 2024");
    expect(sourceLine({ site: null, published: null })).toBe("");
    expect(sourceLine(null)).toBe("");
  });
});
