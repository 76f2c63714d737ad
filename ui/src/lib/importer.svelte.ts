// Import state shared by the Library panel and window-wide file drops.

import { cancelImport, filesIn, importFiles, onImportProgress, toAppError } from "./ipc";
import { fileName } from "./format";
import type { AppError, ImportProgress, ImportReport } from "./types";

export interface FileRow {
  path: string;
  name: string;
  state: "waiting" | "done" | "failed";
  title: string | null;
  error: string | null;
}

export class Importer {
  running = $state(false);
  cancelling = $state(false);
  files = $state<FileRow[]>([]);
  report = $state<ImportReport | null>(null);
  error = $state<AppError | null>(null);
  /** Files inside the chosen folders that are not of a format Verbatim reads. */
  skipped = $state(0);
  /** Files finished so far (added or failed). */
  finished = $state(0);
  /** When the import started (ms, `Date.now()`), and when the last file finished. */
  private startedAt = 0;
  lastAt = $state(0);
  /** The rows not finished yet, by path (a path may be given twice). */
  private waiting = new Map<string, FileRow[]>();

  /** Called after an import that added something, e.g. to reload the library. */
  private readonly onDone: (report: ImportReport) => void;

  constructor(onDone: (report: ImportReport) => void = () => {}) {
    this.onDone = onDone;
  }

  get total(): number {
    return this.files.length;
  }

  /** Files finished a second, once there is enough to tell. */
  get rate(): number | null {
    const seconds = (this.lastAt - this.startedAt) / 1000;
    return this.finished >= 3 && seconds > 0.5 ? this.finished / seconds : null;
  }

  /** Seconds left at the rate so far, or null while it cannot be told. */
  get secondsLeft(): number | null {
    const r = this.rate;
    return r ? (this.total - this.finished) / r : null;
  }

  /** Overall progress, 0 to 1. */
  get fraction(): number {
    return this.total ? this.finished / this.total : 0;
  }

  /** The file being imported now (the first one not finished). */
  get current(): FileRow | undefined {
    return this.files[this.finished]?.state === "waiting"
      ? this.files[this.finished]
      : this.files.find((f) => f.state === "waiting");
  }

  /** Names of the files that failed, with why, from the progress events and the report. */
  get failures(): { name: string; message: string }[] {
    const out = this.files
      .filter((f) => f.state === "failed")
      .map((f) => ({ name: f.name, message: f.error ?? "Could not be read." }));
    if (out.length === 0 && this.report) {
      for (const e of this.report.failed) out.push({ name: "", message: e.message });
    }
    return out;
  }

  private progress(p: ImportProgress) {
    const rows = this.waiting.get(p.path);
    const row = rows?.shift();
    if (!row) return;
    row.state = p.ok ? "done" : "failed";
    row.title = p.title;
    row.error = p.error;
    this.finished += 1;
    this.lastAt = Date.now();
  }

  /** Imports `paths`: files, and folders with every file of a readable format inside. */
  async start(paths: string[]): Promise<void> {
    if (paths.length === 0) return;
    if (this.running) {
      this.error = { kind: "busy", message: "An import is already running." };
      return;
    }
    this.running = true;
    this.cancelling = false;
    this.report = null;
    this.error = null;
    this.skipped = 0;
    this.finished = 0;
    this.startedAt = this.lastAt = Date.now();
    let files = paths;
    try {
      const chosen = await filesIn(paths);
      files = chosen.files;
      this.skipped = chosen.skipped;
    } catch {
      // Import what was given as it is: the engine says what is wrong with each.
    }
    this.files = files.map((path) => ({
      path,
      name: fileName(path),
      state: "waiting",
      title: null,
      error: null,
    }));
    this.waiting = new Map();
    for (const row of this.files) {
      const rows = this.waiting.get(row.path);
      if (rows) rows.push(row);
      else this.waiting.set(row.path, [row]);
    }
    if (files.length === 0) {
      this.running = false;
      this.report = { added: [], failed: [] };
      return;
    }
    const unlisten = await onImportProgress((p) => this.progress(p)).catch(() => () => {});
    try {
      const report = await importFiles(files);
      this.report = report;
      this.onDone(report);
    } catch (e) {
      const err = toAppError(e);
      if (err.kind !== "cancelled") this.error = err;
      this.onDone({ added: [], failed: [] });
    } finally {
      unlisten();
      this.running = false;
      this.cancelling = false;
    }
  }

  async cancel(): Promise<void> {
    if (!this.running) return;
    this.cancelling = true;
    try {
      await cancelImport();
    } catch (e) {
      this.error = toAppError(e);
    }
  }

  dismiss(): void {
    if (this.running) return;
    this.files = [];
    this.report = null;
    this.error = null;
    this.skipped = 0;
    this.finished = 0;
  }
}
