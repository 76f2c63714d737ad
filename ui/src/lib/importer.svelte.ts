// Import state shared by the Library panel and window-wide file drops.

import { cancelImport, importFiles, onImportProgress, toAppError } from "./ipc";
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

  /** Called after an import that added something, e.g. to reload the library. */
  private readonly onDone: (report: ImportReport) => void;

  constructor(onDone: (report: ImportReport) => void = () => {}) {
    this.onDone = onDone;
  }

  get total(): number {
    return this.files.length;
  }

  get finished(): number {
    return this.files.filter((f) => f.state !== "waiting").length;
  }

  /** Overall progress, 0 to 1. */
  get fraction(): number {
    return this.total ? this.finished / this.total : 0;
  }

  /** The file being imported now (the first one not finished). */
  get current(): FileRow | undefined {
    return this.files.find((f) => f.state === "waiting");
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
    const row =
      this.files.find((f) => f.path === p.path && f.state === "waiting") ??
      this.files.find((f) => f.path === p.path);
    if (!row) return;
    row.state = p.ok ? "done" : "failed";
    row.title = p.title;
    row.error = p.error;
  }

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
    this.files = paths.map((path) => ({
      path,
      name: fileName(path),
      state: "waiting",
      title: null,
      error: null,
    }));
    const unlisten = await onImportProgress((p) => this.progress(p)).catch(() => () => {});
    try {
      const report = await importFiles(paths);
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
  }
}
