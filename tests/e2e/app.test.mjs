// End-to-end tests of the real app: the built binary runs under Xvfb, driven through
// tauri-driver and WebKitWebDriver. Each step saves a screenshot to tests/screenshots/.
//
// Needs: the app built (target/debug/verbatim-app, or VERBATIM_APP), `tauri-driver` and
// `WebKitWebDriver` on PATH, and a display (scripts/test runs this under xvfb-run).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { execFile, spawn, spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { remote } from "webdriverio";
import { startDriver, stopDriver } from "./driver.mjs";
import { OUTLETS, writeLibrary } from "./library.mjs";

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
  // Their record: every quote, in date order (the bundled article's all on one day).
  await browser.waitUntil(async () => (await browser.$$("[data-testid=timeline-entry]")).length >= 2, { timeout: 5000 });
  const quotes = await texts(browser.$$("[data-testid=timeline-entry]"));
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
  // The answer phrase is marked inside the answering sentence.
  const phrase = await answer.$(".passage.best strong.answer [data-testid=answer-phrase]");
  await phrase.waitForExist({ timeout: 5000 });
  assert.match(await phrase.getText(), /^15\b/);
  await browser.saveScreenshot(join(shots, "04-imported.png"));
});

test("a saved news page is cited by outlet, author, date and link", async () => {
  const report = await importFiles([fixture("harbour-gazette.html")]);
  assert.equal(report.added.length, 1, JSON.stringify(report));
  // The library names the outlet and the date under the title. (Imported behind the
  // window's back, through the command it runs on: coming back to the window refreshes.)
  await browser.execute(() => window.dispatchEvent(new Event("focus")));
  await browser.$("#tab-library").click();
  const entry = await browser.$("//button[contains(@class,'open')][.//span[contains(.,'Port strike ends after nine days')]]");
  await entry.waitForDisplayed({ timeout: 5000 });
  const line = await entry.getText();
  assert.match(line, /The Harbour Gazette/);
  assert.match(line, /2024/);
  // An answer from it, copied as Markdown, carries the citation.
  const answer = await ask("How long did the port strike last?");
  assert.match(await answer.getText(), /nine days/);
  await browser.execute(() => {
    window.__copied = null;
    navigator.clipboard.writeText = async (text) => {
      window.__copied = text;
    };
  });
  await (await answer.$("button=Copy as Markdown")).click();
  await browser.waitUntil(async () => (await browser.execute(() => window.__copied)) !== null, { timeout: 5000 });
  const markdown = await browser.execute(() => window.__copied);
  assert.match(markdown, /The Harbour Gazette/);
  assert.match(markdown, /2024/);
  assert.match(markdown, /Port strike ends after nine days/);
  assert.match(markdown, /https:\/\/harbour-gazette\.example\/news\/2024\/03\/port-strike-ends/);
  // The reader's header: outlet, author, date and the link as text.
  await (await answer.$("p.text")).click();
  const reader = await browser.$('section[aria-label="Article"]');
  await reader.waitForDisplayed({ timeout: 5000 });
  const header = await reader.$("header");
  const shown = await header.getText();
  assert.match(shown, /The Harbour Gazette/);
  assert.match(shown, /Ines Varga/);
  assert.match(shown, /2024/);
  // The address is shown as text, cut with an ellipsis when long (which WebKit's getText
  // leaves out): its full text is the element's.
  const url = await (await header.$(".url")).getProperty("textContent");
  assert.equal(url, "https://harbour-gazette.example/news/2024/03/port-strike-ends");
  assert.ok(!(await reader.getText()).includes("All rights reserved"), "page furniture is not article text");
  await browser.saveScreenshot(join(shots, "06-news-page.png"));
  // "Ask this article": a question the bundled article answers gets nothing from it now.
  await (await reader.$("button=Ask this article")).click();
  await (await browser.$("[data-testid=scope]")).waitForDisplayed({ timeout: 5000 });
  const scoped = await ask("What does Russia fear?");
  assert.ok(!/dependent on China/.test(await scoped.getText()), "asked of one article, the answer comes from it only");
  const askedIn = await browser.$$("[data-testid=asked-in]");
  assert.match(await askedIn[askedIn.length - 1].getText(), /Port strike ends after nine days/);
  await (await browser.$("[data-testid=scope] button")).click();
  await browser.keys("Escape");
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

// ---------------------------------------------------------------------------------------
// The command beside the app, and no network
// ---------------------------------------------------------------------------------------

const cli = process.env.VERBATIM_CLI ?? join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "debug/verbatim");
const BUSY = /is busy: another Verbatim process is changing it/;
// What the command says when opening had to mend the library: nothing here damages it.
const MENDED = /verbatim: note:/;

/** Runs the `verbatim` command on the app's library: its exit code and output. */
function verbatim(args) {
  return new Promise((done) => {
    execFile(cli, ["--library", library, ...args], { encoding: "utf8" }, (error, stdout, stderr) =>
      done({ code: error ? error.code : 0, stdout, stderr }),
    );
  });
}

/** Imports through the app, as `importFiles`, but a refusal comes back as `{err}`. */
async function tryImport(paths) {
  return browser.execute(async (p) => {
    try {
      return { ok: await window.__TAURI_INTERNALS__.invoke("import_files", { paths: p }) };
    } catch (err) {
      return { err };
    }
  }, paths);
}

/** A short article with a word of its own. */
function ferryArticle(dir, name, word) {
  const path = join(dir, name);
  writeFileSync(path, `Ferry timetable\n\nThe ferry company changed the ${word} timetable on Monday.\n`);
  return path;
}

test("the command imports into the app's library, and their imports wait for each other", async () => {
  await browser.keys("Escape"); // the reader, if a test left it open
  const dir = mkdtempSync(join(tmpdir(), "verbatim-e2e-files-"));
  // The app holds no lock while it only answers: the command imports at once.
  const first = await verbatim(["add", "--json", ferryArticle(dir, "first.txt", "zqfirst")]);
  assert.equal(first.code, 0, first.stderr);
  const cliAdded = JSON.parse(first.stdout).map((d) => d.id);
  // The window takes it in at its next question, with no import of its own.
  const seen = await ask("When did the ferry company change the zqfirst timetable?");
  assert.match(await seen.getText(), /zqfirst timetable on Monday/);

  // The app imports 60 files; the command imports one file after another meanwhile. Each
  // import either runs or is refused with the busy message (exit status 1, one line).
  const many = Array.from({ length: 60 }, (_, i) => ferryArticle(dir, `app-${i}.txt`, `zqapp${i}x`));
  let appReport;
  let busyApp = 0;
  let busyCli = 0;
  while (!appReport) {
    let settled = false;
    const pending = tryImport(many).then((r) => ((settled = true), r));
    // Both start at once and either may take the lock first. After a few refusals the
    // window gets a head start, so the loop ends however the races fall.
    if (busyApp >= 3) await new Promise((done) => setTimeout(done, 500));
    for (let k = 0; !settled; k++) {
      const r = await verbatim(["add", "--json", ferryArticle(dir, `cli-${cliAdded.length}-${k}.txt`, `zqcli${cliAdded.length}y${k}`)]);
      if (r.code === 0) {
        assert.doesNotMatch(r.stderr, MENDED, "an import in progress was taken for damage");
        cliAdded.push(...JSON.parse(r.stdout).map((d) => d.id));
      } else {
        assert.equal(r.code, 1, r.stderr);
        assert.match(r.stderr, BUSY);
        assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
        busyCli++;
      }
    }
    const r = await pending;
    if (r.ok) {
      appReport = r.ok;
    } else {
      assert.equal(r.err.kind, "busy", JSON.stringify(r.err));
      busyApp++;
    }
  }
  t_log(`while the app imported ${many.length} files, the command imported ${cliAdded.length - 1} (told ${busyCli} times the library was busy); the app's import was refused ${busyApp} times`);
  assert.equal(appReport.added.length, many.length, JSON.stringify(appReport.failed));

  // The other way round: the command imports 60 files; the app imports one file after
  // another meanwhile. Each side's import runs or is refused as busy (the command's with
  // exit status 1 and one line), and the command's is started again until it runs.
  const batch = Array.from({ length: 60 }, (_, i) => ferryArticle(dir, `cli-batch-${i}.txt`, `zqbatch${i}x`));
  const appAdded = appReport.added.map((d) => d.id);
  let busyWindow = 0;
  let busyBatch = 0;
  let single = 0;
  for (let batchDone = false; !batchDone; ) {
    let settled = false;
    const cliBatch = verbatim(["add", "--json", ...batch]).then((r) => ((settled = true), r));
    if (busyBatch >= 3) await new Promise((done) => setTimeout(done, 500));
    while (!settled) {
      const r = await tryImport([ferryArticle(dir, `app-single-${single}.txt`, `zqsingle${single}x`)]);
      single++;
      if (r.ok) {
        appAdded.push(...r.ok.added.map((d) => d.id));
      } else {
        assert.equal(r.err.kind, "busy", JSON.stringify(r.err));
        busyWindow++;
      }
    }
    const run = await cliBatch;
    if (run.code === 0) {
      assert.doesNotMatch(run.stderr, MENDED, "an import in progress was taken for damage");
      cliAdded.push(...JSON.parse(run.stdout).map((d) => d.id));
      batchDone = true;
    } else {
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stderr, BUSY);
      assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
      busyBatch++;
    }
  }
  t_log(`while the command imported ${batch.length} files, the app imported ${appAdded.length - many.length} (told ${busyWindow} times the library was busy); the command's import was refused ${busyBatch} times`);

  // The app and the command see the same library, holding both imports.
  const appIds = (await browser.execute(async () => window.__TAURI_INTERNALS__.invoke("list_documents"))).map((d) => d.id).sort();
  const listed = await verbatim(["list", "--json"]);
  assert.equal(listed.code, 0, listed.stderr);
  assert.deepEqual(appIds, JSON.parse(listed.stdout).map((d) => d.id).sort());
  for (const id of [...cliAdded, ...appAdded]) assert.ok(appIds.includes(id), `${id} is missing`);
  assert.equal(new Set([...cliAdded, ...appAdded]).size, cliAdded.length + appAdded.length, "an id was given twice");
  const answer = await ask("When did the ferry company change the zqfirst timetable?");
  assert.match(await answer.getText(), /zqfirst timetable on Monday/);
  rmSync(dir, { recursive: true, force: true });
});

/** Log lines go to the test output (node:test prints stderr). */
function t_log(line) {
  process.stderr.write(`# ${line}\n`);
}

/** The process ids of `pid` and everything it started, from /proc. */
function processTree(pid) {
  const parents = new Map();
  for (const p of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      // comm may hold spaces and parentheses: the fields after the last ')' are fixed.
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      parents.set(p, stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
      // the process ended
    }
  }
  const tree = new Set([String(pid)]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [p, parent] of parents) {
      if (!tree.has(p) && tree.has(parent)) {
        tree.add(p);
        grew = true;
      }
    }
  }
  return [...tree];
}

const comm = (pid) => {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
};

/** Whether a /proc/net address (hex, as the kernel prints it) is a loopback one. */
function loopback(hex) {
  const [ip] = hex.split(":");
  if (ip.length === 8) return ip.endsWith("7F"); // 127.0.0.0/8, little-endian
  if (ip === "00000000000000000000000001000000") return true; // ::1
  return ip.startsWith("0000000000000000FFFF0000") && ip.endsWith("7F"); // ::ffff:127.x.y.z
}

/** The inet sockets (TCP and UDP, v4 and v6) the processes hold, as readable lines. */
function inetSockets(pids) {
  const found = [];
  for (const pid of pids) {
    const inodes = new Set();
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        try {
          const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
          if (link.startsWith("socket:[")) inodes.add(link.slice(8, -1));
        } catch {
          // closed meanwhile
        }
      }
    } catch {
      continue; // the process ended
    }
    // Each process's own network namespace (a sandboxed web process may have another).
    for (const proto of ["tcp", "tcp6", "udp", "udp6", "raw", "raw6"]) {
      let table = "";
      try {
        table = readFileSync(`/proc/${pid}/net/${proto}`, "utf8");
      } catch {
        continue;
      }
      for (const row of table.split("\n").slice(1)) {
        const cols = row.trim().split(/\s+/);
        if (cols.length > 9 && inodes.has(cols[9])) {
          found.push({ pid, name: comm(pid), proto, local: cols[1], remote: cols[2], state: cols[3] });
        }
      }
    }
  }
  return found;
}

/** What the command's system calls show of sockets, under strace: `{ inet }`, the lines
 * creating or using an IPv4 or IPv6 socket, or `{ unobserved }`, why the command could not
 * be traced (strace missing, or not allowed to trace: no ptrace here). */
function straced(args) {
  const log = join(mkdtempSync(join(tmpdir(), "verbatim-strace-")), "log");
  const run = spawnSync("strace", ["-f", "-qq", "-e", "trace=socket,connect,bind,sendto,sendmsg", "-o", log, cli, "--library", library, ...args], { encoding: "utf8" });
  const command = `\`verbatim ${args[0]}\``;
  if (run.error) return { unobserved: `strace cannot run (${run.error.code ?? run.error.message}), so ${command} was not traced` };
  // strace itself failing to trace (PTRACE_TRACEME refused) is not the command failing.
  const refused = (run.stderr ?? "").split("\n").find((l) => /^strace: .*(ptrace|not permitted)/i.test(l));
  if (refused) return { unobserved: `strace could not trace ${command}: ${refused}` };
  assert.equal(run.status, 0, `verbatim ${args.join(" ")}: ${run.stderr}`);
  if (!existsSync(log)) return { unobserved: `strace wrote no log for ${command}` };
  const calls = readFileSync(log, "utf8").split("\n").filter(Boolean);
  t_log(`verbatim ${args[0]} under strace: ${calls.length} socket calls`);
  return { inet: calls.filter((l) => /AF_INET6?\b|sin6?_addr|inet_addr|inet_pton/.test(l)) };
}

test("a library of 1,000 articles: a folder import, who said what side by side, a speaker's timeline, one outlet", async (t) => {
  const folder = mkdtempSync(join(tmpdir(), "verbatim-e2e-folder-"));
  try {
    const written = writeLibrary(folder, 1000, 6);
    // The folder, as the window's folder import opens it: every article inside, the
    // subfolder's too, and the files that are not articles counted apart.
    const chosen = await browser.execute(async (dir) => window.__TAURI_INTERNALS__.invoke("files_in", { paths: [dir] }), folder);
    assert.equal(chosen.files.length, 1000);
    assert.equal(chosen.skipped, 6);
    // Progress: the window hears of every file as it is imported.
    await browser.execute(() => {
      window.__progress = [];
      const internals = window.__TAURI_INTERNALS__;
      const handler = internals.transformCallback((event) => window.__progress.push(event.payload));
      return internals.invoke("plugin:event|listen", { event: "import-progress", target: { kind: "Any" }, handler });
    });
    const started = Date.now();
    const report = await importFiles(chosen.files);
    t.diagnostic(`imported 1,000 generated articles in ${((Date.now() - started) / 1000).toFixed(1)} s (debug build)`);
    assert.equal(report.added.length, 1000, JSON.stringify(report.failed.slice(0, 3)));
    await browser.waitUntil(async () => (await browser.execute(() => window.__progress.length)) === 1000, { timeout: 10000 });
    const progress = await browser.execute(() => window.__progress.map((p) => [p.index, p.total, p.ok]));
    assert.deepEqual(progress.map((p) => p[0]), [...Array(1000).keys()], "one event a file, in order");
    assert.ok(progress.every((p) => p[1] === 1000 && p[2]));
    await browser.execute(() => window.dispatchEvent(new Event("focus")));

    // The library panel renders a screenful at a time, not a thousand rows.
    await browser.$("#tab-library").click();
    await browser.waitUntil(async () => (await browser.$$("ul.docs li.doc")).length > 0, { timeout: 10000 });
    const rendered = (await browser.$$("ul.docs li.doc")).length;
    assert.ok(rendered < 1000, `${rendered} rows rendered at once`);

    // Who said what on a topic: speakers side by side, each quote with its outlet.
    let shown = Date.now();
    const viewsBefore = (await browser.$$('section[aria-label="Who said what on this"]')).length;
    const answer = await ask("What do the experts say about the sanctions?");
    // This question's view: the last in the conversation (earlier questions have theirs).
    await browser.waitUntil(async () => (await browser.$$('section[aria-label="Who said what on this"]')).length > viewsBefore, { timeout: 15000 });
    const allViews = await browser.$$('section[aria-label="Who said what on this"]');
    const view = allViews[allViews.length - 1];
    await view.waitForDisplayed({ timeout: 15000 });
    t.diagnostic(`who said what: shown ${Date.now() - shown} ms after asking (with the answer)`);
    assert.ok(await answer.isDisplayed());
    const cards = await view.$$("[data-testid=topic-speaker]");
    assert.ok(cards.length >= 2, `${cards.length} speakers`);
    const cardText = await cards[0].getText();
    assert.match(cardText, /sanctions/i);
    assert.ok(OUTLETS.some((o) => cardText.includes(o)), cardText);
    const onSanctions = new Set(written.filter((a) => a.topic === "sanctions").flatMap((a) => a.speakers));
    for (const c of cards) {
      const name = await (await c.$(".name")).getText();
      assert.ok(onSanctions.has(name), `${name} was never quoted on sanctions`);
    }
    await browser.execute((el) => el.scrollIntoView({ block: "start" }), view);
    await browser.pause(600);
    await browser.saveScreenshot(join(shots, "07-who-said-what.png"));

    // A speaker's record: every quote in date order.
    shown = Date.now();
    await (await cards[0].$(".name")).click();
    const record = await browser.$("[data-testid=speaker-record]");
    await record.waitForDisplayed({ timeout: 10000 });
    await browser.waitUntil(async () => (await record.$$("[data-testid=timeline-entry]")).length > 0, { timeout: 10000 });
    t.diagnostic(`speaker's timeline: shown ${Date.now() - shown} ms after the click`);
    const days = await browser.execute(() =>
      Array.from(document.querySelectorAll("[data-testid=timeline-entry] time")).map((e) => e.getAttribute("datetime")),
    );
    assert.ok(days.length >= 2, JSON.stringify(days));
    assert.deepEqual([...days].sort(), days, "in date order");
    // The first quotes are shown at once; the export waits for the whole record.
    const copy = await record.$("button=Copy record as Markdown");
    await browser.waitUntil(async () => copy.isEnabled(), { timeout: 10000 });
    await browser.saveScreenshot(join(shots, "08-speaker-timeline.png"));

    // "Ask this article", from a quote of the timeline: the answer comes from it only.
    const first = await record.$("[data-testid=timeline-entry] button");
    const title = (await (await first.$(".cite")).getText()).split(" · ").pop();
    await first.click();
    const reader = await browser.$('section[aria-label="Article"]');
    await reader.waitForDisplayed({ timeout: 5000 });
    await (await reader.$("button=Ask this article")).click();
    const only = await ask("What do the experts say about the elections?");
    // Every passage (those folded under "more passages" too) is from that article.
    const cited = await browser.execute((el) => Array.from(el.querySelectorAll(".passage .title")).map((e) => e.textContent), only);
    assert.ok(cited.length > 0);
    for (const c of cited) assert.equal(c, title);
    const lastAsked = await browser.$$("[data-testid=asked-in]");
    assert.match(await lastAsked[lastAsked.length - 1].getText(), new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    await (await browser.$("button=Ask all articles")).click();
    await browser.keys("Escape");

    // One outlet: the chip above the question box; the answer says so, and every quote
    // beside it is from that outlet.
    const outlet = OUTLETS[1];
    const select = await browser.$("[data-testid=scope-site]");
    await select.selectByVisibleText(outlet);
    const before = (await browser.$$('section[aria-label="Who said what on this"]')).length;
    const scoped = await ask("What do the experts say about the harbour?");
    await browser.waitUntil(async () => (await browser.$$('section[aria-label="Who said what on this"]')).length > before, { timeout: 15000 });
    const askedIn = await browser.$$("[data-testid=asked-in]");
    assert.match(await askedIn[askedIn.length - 1].getText(), new RegExp(`Asked of ${outlet} only`));
    assert.match(await scoped.getText(), new RegExp(outlet));
    const views = await browser.$$('section[aria-label="Who said what on this"]');
    const sources = await texts(views[views.length - 1].$$(".cite"));
    assert.ok(sources.length > 0);
    for (const s of sources) assert.ok(s.startsWith(outlet), s);
    await (await browser.$("button=Ask all articles")).click();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test("the app and the command open no network connection", async (t) => {
  // Allowed: sockets on the loopback interface, which WebDriver uses to drive the window
  // (WebKitWebDriver talks to the app's automation server on 127.0.0.1), and Unix and
  // netlink sockets (WebKit's own processes, the X display). Anything else, a TCP or UDP
  // socket bound to or connected to another address, a DNS query included, fails.
  const appPids = () => {
    const tree = processTree(driver.pid);
    const app = tree.find((p) => comm(p) === "verbatim-app");
    assert.ok(app, `no verbatim-app under tauri-driver: ${tree.map(comm)}`);
    return processTree(app);
  };
  const pids = appPids();
  t_log(`the app's processes: ${pids.map((p) => `${p} ${comm(p)}`).join(", ")}`);

  // Every system call of the app's processes that makes or uses a socket, while the app
  // answers, imports and shows the hostile page (it names remote scripts, images, frames,
  // styles and prefetches): strace attached to them, when it can run here.
  const log = join(mkdtempSync(join(tmpdir(), "verbatim-strace-")), "app");
  const tracer = spawn("strace", ["-f", "-qq", "-e", "trace=socket,connect,bind,sendto,sendmsg", "-o", log, ...pids.flatMap((p) => ["-p", p])], { stdio: "ignore" });
  let tracing = await new Promise((done) => {
    tracer.on("error", () => done(false));
    tracer.on("spawn", () => setTimeout(() => done(tracer.exitCode === null), 1000));
  });

  const seen = new Map();
  const sample = () => {
    for (const s of inetSockets(appPids())) seen.set(`${s.name} ${s.proto} ${s.local} ${s.remote}`, s);
  };
  const sampler = setInterval(sample, 50);
  try {
    sample();
    const answer = await ask("Who is Artyom Lukin?");
    assert.match(await answer.getText(), /Lukin/);
    const report = await importFiles([fixture("hostile.html"), fixture("wikinews-iodine.txt")]);
    assert.equal(report.added.length, 2, JSON.stringify(report));
    await browser.keys("Escape");
    const hostile = await ask("What does the strike fund hold?");
    await (await hostile.$("p.text")).click();
    const reader = await browser.$('section[aria-label="Article"]');
    await reader.waitForDisplayed({ timeout: 5000 });
    await browser.pause(1000); // time for anything the page could have started
    await browser.keys("Escape");
    sample();
  } finally {
    clearInterval(sampler);
    if (tracing) {
      tracer.kill("SIGINT");
      await new Promise((done) => tracer.on("exit", done));
    }
  }

  const outside = [...seen.values()].filter((s) => s.proto.startsWith("udp") || s.proto.startsWith("raw") || !loopback(s.local) || !loopback(s.remote.replace(/^0+:0000$/, "0100007F:0000")));
  t_log(`inet sockets seen: ${[...seen.keys()].join("; ") || "none"}`);
  assert.deepEqual(outside, [], "the app used the network");

  let traced = 0;
  if (tracing) {
    const lines = readFileSync(log, "utf8").split("\n");
    traced = lines.filter(Boolean).length;
    const inet = lines.filter((l) => /AF_INET6?\b|sin6?_addr/.test(l));
    const addresses = inet.flatMap((l) => [...l.matchAll(/inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)"/g)].map((m) => m[1] ?? m[2]));
    t_log(`strace: ${lines.length} socket calls, ${inet.length} on IP sockets, to ${[...new Set(addresses)].join(", ") || "no address"}`);
    const remote = addresses.filter((a) => !/^127\./.test(a) && a !== "::1" && !/^::ffff:127\./.test(a));
    assert.deepEqual(remote, [], `the app's processes addressed another host:\n${inet.join("\n")}`);
  }

  // The command: no IP socket at all, for an import and a question.
  const file = ferryArticle(mkdtempSync(join(tmpdir(), "verbatim-e2e-files-")), "net.txt", "zqnet");
  const add = straced(["add", file]);
  const question = add.unobserved ? add : straced(["ask", "When did the ferry company change the zqnet timetable?"]);
  if (add.inet && question.inet) assert.deepEqual([...add.inet, ...question.inet], [], "the command made an IP socket");

  // Sampling sockets alone can miss a connection made and closed between two samples: the
  // test claims no network only when strace saw every socket call. Where strace cannot run
  // (no ptrace in a container), VERBATIM_E2E_NO_STRACE=1 reports the test as skipped;
  // otherwise it fails.
  const unobserved = [
    !tracing && "strace could not attach to the app",
    // The window is driven over a socket: a trace without one saw nothing.
    tracing && traced === 0 && "strace attached but recorded no socket call",
    add.unobserved,
    question !== add && question.unobserved,
  ].filter(Boolean);
  if (unobserved.length > 0) {
    if (process.env.VERBATIM_E2E_NO_STRACE === "1") {
      t.skip(`not observed: ${unobserved.join("; ")} (the sockets were sampled only)`);
      return;
    }
    assert.fail(`cannot observe the network: ${unobserved.join("; ")}; install strace (scripts/test does), or set VERBATIM_E2E_NO_STRACE=1 to report this test as skipped`);
  }
});
