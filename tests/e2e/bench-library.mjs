// A benchmark, not a test: the window's "who said what" view, a speaker's timeline and the
// library list filtered to one outlet, timed through WebDriver from the user's action to
// the result on screen, on generated libraries of several sizes (tests/e2e/library.mjs),
// the one-article size being the baseline of the same operations. Each library is
// imported by the `verbatim` command beside the app, then the app is started on it.
//   xvfb-run -a node tests/e2e/bench-library.mjs          # SIZES=1,1000,10000 RUNS=5
// Uses VERBATIM_APP (default target/debug/verbatim-app) and the `verbatim` beside it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { remote } from "webdriverio";
import { startDriver, stopDriver } from "./driver.mjs";
import { writeLibrary } from "./library.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const app = process.env.VERBATIM_APP ?? join(target, "debug/verbatim-app");
const cli = join(dirname(app), "verbatim");
const sizes = (process.env.SIZES ?? "1,1000,10000").split(",").map(Number);
const runs = Number(process.env.RUNS ?? 5);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const topicView = 'section[aria-label="Who said what on this"]';

async function measure(n) {
  const folder = mkdtempSync(join(tmpdir(), "verbatim-bench-articles-"));
  const library = mkdtempSync(join(tmpdir(), "verbatim-bench-library-"));
  const written = writeLibrary(folder, n);
  // Topics the library holds (one article holds one).
  const topics = [...new Set(written.map((a) => a.topic))];
  const outlets = [...new Set(written.map((a) => a.site))];
  const files = [...readdirSync(folder).filter((f) => f.endsWith(".md")).map((f) => join(folder, f)),
    ...readdirSync(join(folder, "older")).map((f) => join(folder, "older", f))];
  // In batches: the command line has a length limit.
  for (let i = 0; i < files.length; i += 500) {
    execFileSync(cli, ["--library", library, "--empty", "add", ...files.slice(i, i + 500)], { stdio: "ignore" });
  }
  const driver = await startDriver({ port: 4464, nativePort: 4465, env: { VERBATIM_LIBRARY: library }, quiet: true });
  const browser = await remote({
    hostname: "127.0.0.1", port: 4464, logLevel: "error",
    capabilities: { "tauri:options": { application: app }, "wdio:enforceWebDriverClassic": true },
  });
  const times = { topic: [], inPage: [], timeline: [], filtered: [], commands: [], record: [] };
  // The commands alone, called from the page as the window calls them (given [command,
  // arguments] pairs, at once): what of each time is the engine and IPC, and what is
  // rendering and WebDriver. -1 on an error.
  const invoke = (calls) =>
    browser.executeAsync((cs, done) => {
      const t0 = performance.now();
      Promise.all(cs.map(([c, a]) => window.__TAURI_INTERNALS__.invoke(c, a))).then(
        () => done(performance.now() - t0),
        () => done(-1),
      );
    }, calls);
  try {
    await browser.$("#question").waitForDisplayed({ timeout: 60000 });
    for (let r = 0; r < runs; r++) {
      // Who said what: from Enter to the view on screen (the answer comes with it).
      const before = (await browser.$$(topicView)).length;
      await (await browser.$("#question")).setValue(`What do the experts say about the ${topics[r % topics.length]}?`);
      let t0 = performance.now();
      await browser.keys("Enter");
      await browser.waitUntil(async () => (await browser.$$(topicView)).length > before, { timeout: 60000, interval: 5 });
      times.topic.push(performance.now() - t0);
      // The same, timed in the page: from the question sent to the view in the document
      // (no WebDriver round trip inside; painting it is not counted).
      times.inPage.push(
        await browser.executeAsync(
          (q, selector, done) => {
            const before = document.querySelectorAll(selector).length;
            const box = document.querySelector("#question");
            const t0 = performance.now();
            const seen = new MutationObserver(() => {
              if (document.querySelectorAll(selector).length > before) {
                seen.disconnect();
                done(performance.now() - t0);
              }
            });
            seen.observe(document.body, { childList: true, subtree: true });
            box.value = q;
            box.dispatchEvent(new Event("input", { bubbles: true }));
            box.form.requestSubmit();
          },
          `What do the experts say about the ${topics[(r + 2) % topics.length]}?`,
          topicView,
        ),
      );
      const question = `What do the experts say about the ${topics[(r + 1) % topics.length]}?`;
      times.commands.push(await invoke([["ask", { question }], ["quotes_about", { topic: question }]]));
      // A speaker's timeline: from the click on their name to the first entries shown.
      const views = await browser.$$(topicView);
      const name = await views[views.length - 1].$("[data-testid=topic-speaker] .name");
      const who = await name.getText();
      t0 = performance.now();
      await name.click();
      await browser.$("[data-testid=timeline-entry]").waitForDisplayed({ timeout: 60000, interval: 5 });
      times.timeline.push(performance.now() - t0);
      times.record.push(await invoke([["speaker_record", { name: who }]]));
      // The library filtered to one outlet, in its filter box.
      await browser.$("#tab-library").click();
      const filter = await browser.$("#library-filter");
      await filter.waitForDisplayed({ timeout: 10000 });
      const outlet = outlets[r % outlets.length];
      t0 = performance.now();
      // One input event, as a paste (typing key by key re-filters at every key).
      await browser.execute(
        (el, o) => {
          el.value = o;
          el.dispatchEvent(new Event("input", { bubbles: true }));
        },
        filter,
        outlet,
      );
      await browser.waitUntil(
        async () =>
          browser.execute(
            (o) => {
              const rows = Array.from(document.querySelectorAll("ul.docs li.doc .site"));
              return rows.length > 0 && rows.every((r) => r.textContent === o);
            },
            outlet,
          ),
        { timeout: 60000, interval: 5 },
      );
      times.filtered.push(performance.now() - t0);
      await filter.clearValue();
    }
  } finally {
    await browser.deleteSession().catch(() => {});
    await stopDriver(driver);
    rmSync(folder, { recursive: true, force: true });
    rmSync(library, { recursive: true, force: true });
  }
  return {
    n,
    topic: median(times.topic),
    inPage: median(times.inPage),
    timeline: median(times.timeline),
    filtered: median(times.filtered),
    commands: median(times.commands),
    record: median(times.record),
  };
}

console.log(`app: ${app}; ${runs} runs a size, medians; WebDriver round trips included (about 5-20 ms each)`);
console.log(
  `${"articles".padEnd(10)} ${"who said what".padStart(14)} ${"timeline".padStart(10)} ${"filtered list".padStart(14)}` +
    `   ${"(in the page:".padStart(13)} ${"who said what".padStart(13)};  commands alone: ${"ask+topic".padStart(9)} ${"record)".padStart(8)}  ms`,
);
for (const n of sizes) {
  const m = await measure(n);
  console.log(
    `${String(m.n).padEnd(10)} ${m.topic.toFixed(0).padStart(14)} ${m.timeline.toFixed(0).padStart(10)} ${m.filtered.toFixed(0).padStart(14)}` +
      `   ${"".padStart(13)} ${m.inPage.toFixed(0).padStart(13)}   ${"".padStart(16)} ${m.commands.toFixed(0).padStart(9)} ${m.record.toFixed(0).padStart(8)}`,
  );
}
