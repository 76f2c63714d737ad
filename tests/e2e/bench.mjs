// A benchmark, not a test: time from starting the app to the first answer shown, and the
// resident memory of the app's processes when idle, beside a minimal Tauri app (one window,
// one static page: tools/minimal-app) started the same way in the same run, interleaved.
// Runs the built apps (VERBATIM_APP and MINIMAL_APP, default target/release/verbatim-app and
// target/release/minimal-app: build both with the same profile, see docs/BENCHMARKS.md)
// through tauri-driver under a display (use xvfb-run). Prints the median of RUNS runs.
//   xvfb-run -a node tests/e2e/bench.mjs
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { remote } from "webdriverio";
import { startDriver, stopDriver } from "./driver.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const app = process.env.VERBATIM_APP ?? join(target, "release/verbatim-app");
const minimal = process.env.MINIMAL_APP ?? join(target, "release/minimal-app");
const runs = Number(process.env.RUNS ?? 5);

/** Memory (MiB) of the processes whose command line names one of `names`: resident (RSS,
 * counting shared libraries in full for each process) and proportional (PSS, shared pages
 * split between the processes that share them, the fairer total). */
function rssOf(names) {
  let kib = 0;
  let pss = 0;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!names.some((n) => cmd.includes(n))) continue;
      const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
      if (m) kib += Number(m[1]);
      const p = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").match(/Pss:\s+(\d+) kB/);
      if (p) pss += Number(p[1]);
    } catch {
      // the process ended meanwhile
    }
  }
  return { rss: kib / 1024, pss: pss / 1024 };
}

/** Starts `application` through WebDriver; resolves when `ready` (a CSS selector) shows. */
async function start(application, ready, env) {
  const driver = await startDriver({ port: 4454, nativePort: 4455, env, quiet: true });
  const t0 = performance.now();
  const browser = await remote({
    hostname: "127.0.0.1", port: 4454, logLevel: "error",
    capabilities: { "tauri:options": { application }, "wdio:enforceWebDriverClassic": true },
  });
  await browser.$(ready).waitForDisplayed({ timeout: 30000 });
  return { driver, browser, t0, ready: performance.now() - t0 };
}

async function idleAndStop(application, { driver, browser }) {
  await new Promise((r) => setTimeout(r, 2000));
  const idle = rssOf([application, "WebKitWebProcess", "WebKitNetworkProcess"]);
  await browser.deleteSession();
  await stopDriver(driver);
  return idle;
}

async function verbatimOnce() {
  const library = mkdtempSync(join(tmpdir(), "verbatim-bench-"));
  // A library that exists already, as for a returning user (made by the command line beside the app).
  execFileSync(join(dirname(app), "verbatim"), ["--library", library, "list"], { stdio: "ignore" });
  const run = await start(app, "#question", { VERBATIM_LIBRARY: library });
  const box = await run.browser.$("#question");
  await box.setValue("Who is Artyom Lukin?");
  await run.browser.keys("Enter");
  await run.browser.$("article mark").waitForDisplayed({ timeout: 30000 });
  const answered = performance.now() - run.t0;
  const idle = await idleAndStop(app, run);
  rmSync(library, { recursive: true, force: true });
  return { ready: run.ready, answered, idle };
}

async function minimalOnce() {
  const run = await start(minimal, "#ready", {});
  return { ready: run.ready, idle: await idleAndStop(minimal, run) };
}

const ours = [];
const base = [];
for (let i = 0; i < runs; i++) {
  ours.push(await verbatimOnce());
  base.push(await minimalOnce());
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const m = (rs, f) => median(rs.map(f));
const row = (label, a, b, unit) =>
  console.log(`${label.padEnd(38)} ${a.toFixed(0).padStart(9)} ${b === null ? "-".padStart(12) : b.toFixed(0).padStart(12)} ${unit}`);
console.log(`Verbatim: ${app}`);
console.log(`minimal:  ${minimal}`);
console.log(`runs: ${runs}, interleaved; medians; times include the WebDriver session set-up`);
console.log(`${"".padEnd(38)} ${"Verbatim".padStart(9)} ${"minimal app".padStart(12)}`);
row("start to window ready", m(ours, (r) => r.ready), m(base, (r) => r.ready), "ms");
row("start to first answer shown", m(ours, (r) => r.answered), null, "ms");
row("idle memory, app + web processes, RSS", m(ours, (r) => r.idle.rss), m(base, (r) => r.idle.rss), "MiB");
row("idle memory, app + web processes, PSS", m(ours, (r) => r.idle.pss), m(base, (r) => r.idle.pss), "MiB");
console.log(
  `first answer / minimal app's start: ${(m(ours, (r) => r.answered) / m(base, (r) => r.ready)).toFixed(2)}x`,
);
