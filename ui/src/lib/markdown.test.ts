import { describe, expect, it } from "vitest";
import { answerMarkdown, escapeMarkdown, groupByDocument, passageText, speakerMarkdown } from "./markdown";
import { ANSWER, BACKING_UP, NEVER_ALLIES, PUTIN_PASSAGE, UNANSWERED, ZHANG_PASSAGE } from "../test/fixtures";
import type { Quote } from "./types";

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

  it("exports a speaker's quotes grouped by article", () => {
    const other: Quote = { ...NEVER_ALLIES, speaker: "Zhang Hanhui", document: "doc-2", paragraph: 7, kind: "indirect", cue: null, text: "Russia and China are close" };
    const md = speakerMarkdown(
      { name: "Zhang Hanhui", aliases: ["Zhang"], description: "China’s ambassador to Moscow", quotes: [BACKING_UP, other] },
      new Map([["doc-1", "Moscow and Beijing"]]),
    );
    expect(md).toContain("## Quotes by Zhang Hanhui");
    expect(md).toContain("*China’s ambassador to Moscow*");
    expect(md).toContain("### Moscow and Beijing");
    expect(md).toContain("### doc-2"); // unknown title falls back to the id
    expect(md).toContain("> — **Zhang Hanhui**, China’s ambassador to Moscow (assured), *Moscow and Beijing*, paragraph 3");
    // Indirect speech has no quotation marks.
    expect(md).toContain("> Russia and China are close\n");
    expect(md.indexOf("### Moscow and Beijing")).toBeLessThan(md.indexOf("### doc-2"));
  });

  it("groups quotes by document in paragraph order", () => {
    const later = { ...BACKING_UP, paragraph: 9, start: 999 };
    const groups = groupByDocument([later, NEVER_ALLIES, BACKING_UP]);
    expect([...groups.keys()]).toEqual(["doc-1"]);
    expect(groups.get("doc-1")!.map((q) => q.paragraph)).toEqual([2, 3, 9]);
  });
});
