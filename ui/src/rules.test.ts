// Project rules that are cheap to check by reading the sources.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(__dirname);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const sources = files(SRC)
  .filter((p) => /\.(ts|svelte)$/.test(p) && !/\.test\.ts$/.test(p) && !p.includes(`${join(SRC, "test")}`))
  .map((p) => ({ path: relative(SRC, p), text: readFileSync(p, "utf8") }));

describe("source rules", () => {
  it("find the sources", () => {
    expect(sources.length).toBeGreaterThan(15);
    expect(sources.some((s) => s.path.endsWith("App.svelte"))).toBe(true);
  });

  it("never render HTML from strings", () => {
    for (const f of sources) {
      expect(f.text, f.path).not.toMatch(/\{@html/);
      expect(f.text, f.path).not.toMatch(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/);
    }
  });

  it("call the backend only from lib/ipc.ts", () => {
    for (const f of sources) {
      if (f.path === join("lib", "ipc.ts")) continue;
      expect(f.text, f.path).not.toMatch(/@tauri-apps\/(api|plugin-dialog)/);
    }
  });

  it("use no inline style attributes (the CSP has no 'unsafe-inline')", () => {
    for (const f of sources.filter((s) => s.path.endsWith(".svelte"))) {
      const markup = f.text.replace(/<style[\s\S]*?<\/style>/g, "").replace(/<script[\s\S]*?<\/script>/g, "");
      expect(markup, f.path).not.toMatch(/\sstyle(:[\w-]+)?=/);
    }
  });

  it("load nothing from other origins", () => {
    const html = readFileSync(join(SRC, "..", "index.html"), "utf8");
    const css = readFileSync(join(SRC, "app.css"), "utf8");
    for (const text of [html, css, ...sources.map((s) => s.text)]) {
      expect(text).not.toMatch(/(src|href)=["']https?:|url\(\s*["']?https?:|@import\s+url/);
    }
    expect(html).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
