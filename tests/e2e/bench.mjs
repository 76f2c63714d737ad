// A benchmark, not a test: time from starting the app to the first answer shown, and the
// resident memory of the app's processes when idle. Runs the built app (VERBATIM_APP or
// target/debug/verbatim-app; give a release build for numbers that mean something)
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
const app = process.env.VERBATIM_APP ?? join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "debug/verbatim-app");
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

async function once() {
  const library = mkdtempSync(join(tmpdir(), "verbatim-bench-"));
  // A library that exists already, as for a returning user.
  execFileSync(join(dirname(app), "verbatim"), ["--library", library, "list"], { stdio: "ignore" });
  const driver = await startDriver({ port: 4454, nativePort: 4455, env: { VERBATIM_LIBRARY: library }, quiet: true });
  const start = performance.now();
  const browser = await remote({
    hostname: "127.0.0.1", port: 4454, logLevel: "error",
    capabilities: { "tauri:options": { application: app }, "wdio:enforceWebDriverClassic": true },
  });
  const box = await browser.$("#question");
  await box.waitForDisplayed({ timeout: 30000 });
  const ready = performance.now() - start;
  await box.setValue("Who is Artyom Lukin?");
  await browser.keys("Enter");
  await browser.$("article mark").waitForDisplayed({ timeout: 30000 });
  const answered = performance.now() - start;
  await new Promise((r) => setTimeout(r, 2000));
  const idle = rssOf([app, "WebKitWebProcess", "WebKitNetworkProcess"]);
  await browser.deleteSession();
  await stopDriver(driver);
  rmSync(library, { recursive: true, force: true });
  return { ready, answered, idle };
}

const results = [];
for (let i = 0; i < runs; i++) results.push(await once());
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`app: ${app}`);
console.log(`runs: ${runs} (median; includes WebDriver session set-up)`);
console.log(`start to question box ready   ${median(results.map((r) => r.ready)).toFixed(0)} ms`);
console.log(`start to first answer shown   ${median(results.map((r) => r.answered)).toFixed(0)} ms`);
console.log(`idle memory, app + web processes: RSS ${median(results.map((r) => r.idle.rss)).toFixed(1)} MiB, PSS ${median(results.map((r) => r.idle.pss)).toFixed(1)} MiB`);
