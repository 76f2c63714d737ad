import { describe, expect, it } from "vitest";
import { ByteIndex, byteLength, byteToIndex, groupByQuote, passageSegments, segments, sliceBytes } from "./text";
import { BACKING_UP, PUTIN_PASSAGE, ZHANG_PASSAGE, rangeOf } from "../test/fixtures";

describe("byte offsets", () => {
  it("are string indices for ASCII", () => {
    expect(byteToIndex("hello world", 6)).toBe(6);
    expect(sliceBytes("hello world", 6, 11)).toBe("world");
  });

  it("count curly quotes and apostrophes as three bytes", () => {
    const text = "“Hi,” she’s said";
    // “ = 3 bytes, H i , = 3, ” = 3 → "she" starts at byte 10 (one space).
    expect(byteLength("“")).toBe(3);
    expect(byteToIndex(text, 3)).toBe(1);
    expect(byteToIndex(text, 10)).toBe(6);
    expect(sliceBytes(text, 10, 17)).toBe("she’s");
    expect(sliceBytes(text, 10, 16)).toBe("she’"); // ’ is three bytes
  });

  it("count é as two bytes", () => {
    const text = "café au lait";
    expect(sliceBytes(text, 0, 5)).toBe("café");
    expect(sliceBytes(text, 6, 8)).toBe("au");
  });

  it("handle emoji (4 bytes, two UTF-16 units)", () => {
    const text = "a🎉b—c";
    expect(byteLength(text)).toBe(1 + 4 + 1 + 3 + 1);
    expect(byteToIndex(text, 1)).toBe(1);
    expect(byteToIndex(text, 5)).toBe(3); // after the surrogate pair
    expect(sliceBytes(text, 1, 5)).toBe("🎉");
    expect(sliceBytes(text, 5, 6)).toBe("b");
    expect(sliceBytes(text, 9, 10)).toBe("c");
  });

  it("round offsets inside a character down to its start", () => {
    const text = "x🎉y";
    expect(byteToIndex(text, 2)).toBe(1);
    expect(byteToIndex(text, 4)).toBe(1);
    expect(byteToIndex("é", 1)).toBe(0);
  });

  it("clamp offsets outside the text", () => {
    const idx = new ByteIndex("é!", 100);
    expect(idx.index(0)).toBe(0);
    expect(idx.index(100)).toBe(0);
    expect(idx.index(102)).toBe(1);
    expect(idx.index(103)).toBe(2);
    expect(idx.index(500)).toBe(2);
    expect(idx.byteLength).toBe(3);
  });

  it("agree with TextEncoder on every boundary", () => {
    const text = "Zoë’s 🎉 «ok» 日本語 done";
    const idx = new ByteIndex(text);
    let bytes = 0;
    for (const ch of text) {
      const i = idx.index(bytes);
      expect(text.slice(i).startsWith(ch)).toBe(true);
      bytes += new TextEncoder().encode(ch).length;
    }
  });
});

describe("segments", () => {
  it("split at answer, marks and quotes with a base offset", () => {
    const text = "Café 🎉 said “hello there” today.";
    const base = 1000;
    const segs = segments(text, base, {
      answer: { start: base, end: base + byteLength(text) },
      highlights: [rangeOf(text, "hello", base)],
      quotes: [{ ...BACKING_UP, start: rangeOf(text, "hello there", base)[0], end: rangeOf(text, "hello there", base)[1] }],
    });
    expect(segs.map((s) => s.text).join("")).toBe(text);
    const hello = segs.find((s) => s.text === "hello")!;
    expect(hello.mark).toBe(true);
    expect(hello.answer).toBe(true);
    expect(hello.quote?.speaker).toBe("Zhang Hanhui");
    const there = segs.find((s) => s.text === " there")!;
    expect(there.mark).toBe(false);
    expect(there.quote).toBeDefined();
    expect(segs[0]).toMatchObject({ text: "Café 🎉 said “", mark: false, answer: true });
    expect(segs[0].quote).toBeUndefined();
  });

  it("clip ranges to the text and ignore empty or inverted ones", () => {
    const segs = segments("abc", 10, {
      answer: { start: 0, end: 11 },
      highlights: [
        [12, 12],
        [13, 11],
        [12, 99],
      ],
    });
    expect(segs).toEqual([
      { text: "a", mark: false, answer: true },
      { text: "b", mark: false, answer: false },
      { text: "c", mark: true, answer: false },
    ]);
  });

  it("merge neighbours with the same flags", () => {
    const segs = segments("one two", 0, { highlights: [[0, 3], [3, 4], [4, 7]] });
    expect(segs).toEqual([{ text: "one two", mark: true, answer: false }]);
  });

  it("of an empty text are empty", () => {
    expect(segments("", 0, { answer: { start: 0, end: 5 } })).toEqual([]);
  });

  it("of a passage cover its text and mark the matched words", () => {
    const segs = passageSegments(ZHANG_PASSAGE);
    expect(segs.map((s) => s.text).join("")).toBe(ZHANG_PASSAGE.text);
    expect(segs.filter((s) => s.mark).map((s) => s.text)).toEqual(["ambassador", "Zhang", "Café"]);
    const answer = segs.filter((s) => s.answer).map((s) => s.text).join("");
    expect(answer).toBe(ZHANG_PASSAGE.answer.text);
    expect(segs.find((s) => s.quote)?.text).toBe("backing up");
    // The emoji after the answer is intact.
    expect(segs[segs.length - 1].text).toContain("🎉");
  });

  it("group by quote", () => {
    const groups = groupByQuote(passageSegments(ZHANG_PASSAGE));
    const quoted = groups.filter((g) => g.quote);
    expect(quoted).toHaveLength(1);
    expect(quoted[0].segments.map((s) => s.text).join("")).toBe("backing up");
  });
});

describe("answer phrase", () => {
  it("is marked inside the answering sentence, across matched words", () => {
    const segs = passageSegments(ZHANG_PASSAGE);
    const phrase = segs.filter((s) => s.phrase);
    expect(phrase.map((s) => s.text).join("")).toBe("Zhang Hanhui");
    expect(phrase.every((s) => s.answer)).toBe(true);
    // "Zhang" is a matched word inside the phrase: both flags hold on it.
    expect(phrase.find((s) => s.text === "Zhang")?.mark).toBe(true);
    expect(segs.map((s) => s.text).join("")).toBe(ZHANG_PASSAGE.text);
  });

  it("is absent when the answer has none", () => {
    expect(passageSegments(PUTIN_PASSAGE).some((s) => s.phrase)).toBe(false);
  });
});

describe("groupByAnswer", () => {
  it("keeps the answering sentence in one group across marks", async () => {
    const { groupByAnswer } = await import("./text");
    const groups = groupByAnswer(passageSegments(ZHANG_PASSAGE));
    expect(groups.map((g) => g.answer)).toEqual([true, false]);
    expect(groups[0].segments.map((s) => s.text).join("")).toBe(ZHANG_PASSAGE.answer.text);
  });
});
