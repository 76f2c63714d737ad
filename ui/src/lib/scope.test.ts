import { describe, expect, it } from "vitest";
import { dayBound, isNarrowed, scopeArgs, scopeLabel } from "./scope";

describe("scope", () => {
  it("is the whole library when nothing is set", () => {
    expect(isNarrowed(null)).toBe(false);
    expect(isNarrowed({ site: "", since: null })).toBe(false);
    expect(scopeArgs({})).toBeUndefined();
    expect(scopeLabel({ document: null })).toBeNull();
  });

  it("sends only what is set", () => {
    expect(scopeArgs({ document: { id: "d1", title: "T" }, site: null, since: "2020-01-01" })).toEqual({
      document: "d1",
      since: "2020-01-01",
    });
  });

  it("reads plainly on an answer", () => {
    expect(scopeLabel({ document: { id: "d1", title: "Flood" } })).toBe("Asked of “Flood” only");
    expect(scopeLabel({ site: "The Herald" })).toBe("Asked of The Herald only");
    expect(scopeLabel({ site: "The Herald", since: "2020-01-01", until: "2021-12-31" })).toBe(
      "Asked of The Herald, published 2020-01-01 to 2021-12-31, only",
    );
    expect(scopeLabel({ until: "2019-05-01" })).toBe("Asked of articles published until 2019-05-01 only");
  });

  it("takes a year, a month or a day as a bound", () => {
    expect(dayBound("2020", false)).toBe("2020-01-01");
    expect(dayBound("2020", true)).toBe("2020-12-31");
    expect(dayBound("2024-2", true)).toBe("2024-02-29");
    expect(dayBound("2023/02", true)).toBe("2023-02-28");
    expect(dayBound(" 2019-05-17 ", false)).toBe("2019-05-17");
    expect(dayBound("", true)).toBeNull();
    expect(dayBound("2019-13", false)).toBeUndefined();
    expect(dayBound("2019-02-30", false)).toBeUndefined();
    expect(dayBound("last year", false)).toBeUndefined();
  });
});
