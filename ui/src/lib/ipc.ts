// The one module that talks to the Rust side. Components import these typed functions;
// nothing else imports `invoke` or `listen` from @tauri-apps/api.

import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { open } from "@tauri-apps/plugin-dialog";
import {
  DEFAULT_PASSAGES,
  ERROR_KINDS,
  IMPORT_EXTENSIONS,
  type Answer,
  type AppError,
  type AppInfo,
  type Command,
  type Document,
  type DocumentInfo,
  type ImportProgress,
  type ImportReport,
  type ChosenFiles,
  type QuoteSearch,
  type ScopeArgs,
  type SpeakerInfo,
  type SpeakerRecord,
  type TopicQuotes,
} from "./types";

export type { UnlistenFn };
export { IMPORT_EXTENSIONS };

const KINDS = new Set<AppError["kind"]>(ERROR_KINDS);

/** Whether `e` has the AppError shape the commands reject with. */
export function isAppError(e: unknown): e is AppError {
  return (
    typeof e === "object" &&
    e !== null &&
    KINDS.has((e as AppError).kind) &&
    typeof (e as AppError).message === "string"
  );
}

/** Any rejection as an AppError (a string or Error from the IPC layer becomes "internal"). */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  if (e instanceof Error) return { kind: "internal", message: e.message };
  return { kind: "internal", message: typeof e === "string" ? e : "Something went wrong." };
}

async function call<T>(cmd: Command, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toAppError(e);
  }
}

/** Opens the document's own web address in the system browser (on the user's click). */
export function openLink(document: string): Promise<void> {
  return call<void>("open_link", { document });
}

/** Asks the library, or the part of it `scope` names; `top` is how many passages to return. */
export function ask(question: string, top = DEFAULT_PASSAGES, scope?: Partial<ScopeArgs>): Promise<Answer> {
  return call<Answer>("ask", scope === undefined ? { question, top } : { question, top, scope });
}

/** Who said what on a topic (a question works too), grouped by speaker, within `scope`. */
export function quotesAbout(topic: string, scope?: Partial<ScopeArgs>): Promise<TopicQuotes> {
  return call<TopicQuotes>("quotes_about", scope === undefined ? { topic } : { topic, scope });
}

/**
 * A speaker's record across the library, or null when no one quoted matches `name`; with
 * `first`, only that many of its quotes (`quote_count` says how many there are).
 */
export function speakerRecord(name: string, first?: number): Promise<SpeakerRecord | null> {
  return call<SpeakerRecord | null>("speaker_record", first === undefined ? { name } : { name, first });
}

/** The files to import for chosen paths: folders opened recursively, other formats counted. */
export function filesIn(paths: string[]): Promise<ChosenFiles> {
  return call<ChosenFiles>("files_in", { paths });
}

/** The conversation kept in the library folder (as `keepConversation` left it), if any. */
export function loadConversation(): Promise<string | null> {
  return call<string | null>("load_conversation");
}

/** Keeps the conversation in the library folder; null forgets it. */
export function keepConversation(text: string | null): Promise<void> {
  return call<void>("keep_conversation", { text });
}

export function listDocuments(): Promise<DocumentInfo[]> {
  return call<DocumentInfo[]>("list_documents");
}

export function getDocument(id: string): Promise<Document> {
  return call<Document>("get_document", { id });
}

/** Imports files; progress arrives on `onImportProgress`. Resolves when all are done or cancelled. */
export function importFiles(paths: string[]): Promise<ImportReport> {
  return call<ImportReport>("import_files", { paths });
}

export function cancelImport(): Promise<void> {
  return call<void>("cancel_import");
}

export function removeDocument(id: string): Promise<void> {
  return call<void>("remove_document", { id });
}

/** Quotes by speakers whose name matches `name`; all speakers' quotes for null. */
export function searchQuotes(name: string | null): Promise<QuoteSearch> {
  return call<QuoteSearch>("search_quotes", { name });
}

export function listSpeakers(): Promise<SpeakerInfo[]> {
  return call<SpeakerInfo[]>("list_speakers");
}

export function appInfo(): Promise<AppInfo> {
  return call<AppInfo>("app_info");
}

export const IMPORT_PROGRESS = "import-progress";

/** An unlisten function that never throws (e.g. when the webview is going away). */
function safe(unlisten: UnlistenFn): UnlistenFn {
  return () => {
    try {
      const r: unknown = unlisten();
      if (r instanceof Promise) r.catch(() => {});
    } catch {
      // Already gone.
    }
  };
}

/** Listens to per-file import progress. */
export async function onImportProgress(handler: (p: ImportProgress) => void): Promise<UnlistenFn> {
  return safe(await listen<ImportProgress>(IMPORT_PROGRESS, (event) => handler(event.payload)));
}

/** Asks the user for files to import; an empty list when cancelled. */
export async function pickFiles(): Promise<string[]> {
  const picked = await open({
    multiple: true,
    directory: false,
    title: "Import articles",
    filters: [{ name: "Articles", extensions: [...IMPORT_EXTENSIONS] }],
  });
  if (picked === null) return [];
  return Array.isArray(picked) ? picked : [picked];
}

/** Asks the user for a folder of articles to import; null when cancelled. */
export async function pickFolder(): Promise<string | null> {
  const picked = await open({ multiple: false, directory: true, title: "Import a folder of articles" });
  if (picked === null) return null;
  return Array.isArray(picked) ? (picked[0] ?? null) : picked;
}

export type DropState = "over" | "none";

/**
 * Calls `onDrop` with the paths of files dropped on the window, and `onHover` while
 * files are dragged over it. Resolves to a no-op outside Tauri (e.g. in a plain browser).
 */
export async function onFileDrop(
  onDrop: (paths: string[]) => void,
  onHover: (state: DropState) => void = () => {},
): Promise<UnlistenFn> {
  try {
    const unlisten = await getCurrentWebview().onDragDropEvent((event) => {
      const p = event.payload;
      if (p.type === "enter" || p.type === "over") onHover("over");
      else if (p.type === "leave") onHover("none");
      else if (p.type === "drop") {
        onHover("none");
        if (p.paths.length > 0) onDrop(p.paths);
      }
    });
    return safe(unlisten);
  } catch {
    return () => {};
  }
}

/** Copies text to the clipboard. */
export async function copyText(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}
