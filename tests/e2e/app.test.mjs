// End-to-end tests of the real app: the built binary runs under Xvfb, driven through
// tauri-driver and WebKitWebDriver. Each step saves a screenshot to tests/screenshots/.
//
// Needs: the app built (target/debug/verbatim-app, or VERBATIM_APP), `tauri-driver` and
// `WebKitWebDriver` on PATH, and a display (scripts/test runs this under xvfb-run).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { remote } from "webdriverio";
import { startDriver, stopDriver } from "./driver.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const app = process.env.VERBATIM_APP ?? join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "debug/verbatim-app");
const shots = join(root, "tests/screenshots");
const fixture = (name) => join(here, "fixtures", name);

let driver;
let browser;
let library;

before(async () => {
  mkdirSync(shots, { recursive: true });
  library = mkdtempSync(join(tmpdir(), "verbatim-e2e-"));
  driver = await startDriver({ port: 4444, nativePort: 4445, env: { VERBATIM_LIBRARY: library } });
  browser = await remote({
    hostname: "127.0.0.1",
    port: 4444,
    logLevel: "warn",
    // WebKitWebDriver speaks classic WebDriver only (no BiDi, which WebdriverIO 9 asks for by default).
    capabilities: { "tauri:options": { application: app }, "wdio:enforceWebDriverClassic": true },
  });
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  await stopDriver(driver);
  rmSync(library, { recursive: true, force: true });
});

async function ask(question) {
  const box = await browser.$("#question");
  await box.waitForDisplayed({ timeout: 15000 });
  const before = (await browser.$$("article")).length;
  await box.setValue(question);
  await browser.keys("Enter");
  await browser.waitUntil(async () => (await browser.$$("article")).length > before, { timeout: 15000 });
  const all = await browser.$$("article");
  const last = all[all.length - 1];
  await browser.waitUntil(async () => (await last.getText()).trim().length > 0, { timeout: 15000 });
  return last;
}

/** The visible text of each element. */
async function texts(elements) {
  const out = [];
  for (const e of await elements) {
    // The list may re-render while it is read: an element that went away is skipped.
    try {
      out.push(await e.getText());
    } catch {
      // stale element
    }
  }
  return out;
}

/** Imports files through the app's own IPC command (the native file dialog cannot be driven). */
async function importFiles(paths) {
  return browser.execute(async (p) => window.__TAURI_INTERNALS__.invoke("import_files", { paths: p }), paths);
}

test("asks about the bundled article and highlights the answer", async () => {
  const answer = await ask("Who is Artyom Lukin?");
  await browser.waitUntil(async () => (await answer.$$("mark")).length > 0, { timeout: 10000 });
  const marks = await texts(answer.$$("mark"));
  assert.ok(marks.includes("Artyom") && marks.includes("Lukin"), `marks: ${marks}`);
  assert.match(await answer.getText(), /This specialist in Russian-China relations/);
  await browser.saveScreenshot(join(shots, "01-ask.png"));
});

test("searches quotes by name, variants included", async () => {
  await (await browser.$("#tab-speakers")).click();
  const search = await browser.$("#speaker-search");
  await search.waitForDisplayed({ timeout: 5000 });
  // Typed key by key, as a person types (the box searches on each input event).
  await search.click();
  await browser.keys(Array.from("Lukin"));
  const query = await search.getValue();
  // The search filters as you type (debounced): wait for the list to show the match.
  let rows = [];
  await browser
    .waitUntil(async () => {
      rows = await browser.execute(() =>
        Array.from(document.querySelectorAll("#panel-speakers button.row")).map((b) => b.innerText),
      );
      return rows.length > 0 && rows[0].includes("Artyom Lukin");
    }, { timeout: 10000 })
    .catch(async (e) => {
      const panel = await browser.execute(() => document.getElementById("panel-speakers")?.innerText ?? "");
      throw new Error(`${e.message}; rows: ${JSON.stringify(rows)}; search box: ${JSON.stringify(query)}; panel: ${JSON.stringify(panel.slice(0, 300))}`);
    });
  await (await browser.$("#panel-speakers button.row")).click();
  await browser.waitUntil(async () => (await browser.$$("aside blockquote")).length >= 2, { timeout: 5000 });
  const quotes = await texts(browser.$$("aside blockquote"));
  assert.ok(quotes.some((q) => q.includes("two-front scenario")), quotes.join("\n"));
  assert.ok(quotes.some((q) => q.includes("We want infrastructure")), "the quote printed as Loekin is his too");
  await browser.saveScreenshot(join(shots, "02-speakers.png"));
});

test("opens the reader from a result", async () => {
  const answer = await ask("What does Russia fear?");
  const passage = await answer.$("p.text");
  await passage.click();
  const reader = await browser.$('section[aria-label="Article"]');
  await reader.waitForDisplayed({ timeout: 5000 });
  assert.match(await reader.getText(), /Authoritarian Monster Covenant/);
  // The reader scrolls to the paragraph and marks it.
  const target = await reader.$(".block.target");
  await target.waitForDisplayed({ timeout: 5000 });
  assert.match(await target.getText(), /Russia fears becoming dependent on China/);
  await browser.waitUntil(async () => target.isDisplayed({ withinViewport: true }), { timeout: 5000 });
  await browser.pause(400); // let the smooth scroll settle before the screenshot
  await browser.saveScreenshot(join(shots, "03-reader.png"));
  await browser.keys("Escape");
});

test("imports a Wikinews article and answers from it", async () => {
  const report = await importFiles([fixture("wikinews-iodine.txt")]);
  assert.equal(report.added.length, 1, JSON.stringify(report));
  const answer = await ask("How many IQ points are lost to serious iodine deficiency?");
  assert.match(await answer.getText(), /15 IQ points/);
  await browser.saveScreenshot(join(shots, "04-imported.png"));
});

test("a hostile page imports as text and runs nothing", async () => {
  const report = await importFiles([fixture("hostile.html")]);
  assert.equal(report.added.length, 1, JSON.stringify(report));
  const answer = await ask("Why did the dock workers walk out?");
  const text = await answer.getText();
  assert.match(text, /walked out on Friday over pay/);
  await (await answer.$("p.text")).click();
  const reader = await browser.$('section[aria-label="Article"]');
  await reader.waitForDisplayed({ timeout: 5000 });
  const shown = await reader.getText();
  assert.ok(shown.includes("<script>window.__pwned='text'</script>"), "tags in the text show as text");
  assert.ok(!shown.includes("INJECTED BY SCRIPT"));
  const pwned = await browser.execute(() => window.__pwned ?? null);
  assert.equal(pwned, null, `a script ran: ${pwned}`);
  // The article's text area holds text only: no element the document could have brought.
  const injected = await browser.execute(() => document.querySelectorAll('section[aria-label="Article"] .body :is(script, img, iframe, svg, object, embed, a[href^="javascript"])').length);
  assert.equal(injected, 0);
  await browser.saveScreenshot(join(shots, "05-hostile.png"));
});
