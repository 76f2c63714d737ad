// A fake engine behind mockIPC, recording every command it receives.
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import type { InvokeArgs } from "@tauri-apps/api/core";
import { ANSWER, DOCUMENT, SOURCE } from "./fixtures";
import type { DocumentInfo, QuoteSearch, SpeakerInfo } from "../lib/types";

export interface Call {
  cmd: string;
  args: Record<string, unknown>;
}

type Handler = (args: Record<string, unknown>) => unknown;

export const DOCS: DocumentInfo[] = [
  {
    id: "doc-1",
    title: "Moscow and Beijing",
    source: "/tmp/moscow.txt",
    paragraphs: 3,
    quotes: 2,
    ...SOURCE,
  },
];

export const SPEAKERS: SpeakerInfo[] = [
  { name: "Vladimir Putin", aliases: ["Putin"], description: "the Russian president", quotes: 1, documents: ["doc-1"] },
  { name: "Zhang Hanhui", aliases: ["Zhang"], description: "China’s ambassador to Moscow", quotes: 1, documents: ["doc-1"] },
];

export function searchResult(name: string | null): QuoteSearch {
  const all = SPEAKERS.map((s) => ({
    name: s.name,
    aliases: s.aliases,
    description: s.description,
    quotes: DOCUMENT.quotes.filter((q) => q.speaker === s.name),
  }));
  return {
    query: name,
    speakers: name === null ? all : all.filter((s) => s.name.toLowerCase().includes(name.toLowerCase())),
  };
}

/** Installs the fake backend; `overrides` replace single commands. Returns the call log. */
export function mockBackend(overrides: Record<string, Handler> = {}): Call[] {
  const calls: Call[] = [];
  const handlers: Record<string, Handler> = {
    list_documents: () => DOCS,
    list_speakers: () => SPEAKERS,
    app_info: () => ({ version: "0.1.0", library: "/tmp/library" }),
    ask: (a) => ({ ...ANSWER, question: a.question as string }),
    get_document: (a) => {
      if (a.id === DOCUMENT.id) return DOCUMENT;
      throw { kind: "unknown_document", message: `No document ${String(a.id)}` };
    },
    search_quotes: (a) => searchResult((a.name as string | null) ?? null),
    remove_document: () => null,
    import_files: () => ({ added: [], failed: [] }),
    files_in: (a) => ({ files: a.paths as string[], skipped: 0 }),
    cancel_import: () => null,
    quotes_about: (a) => ({ about: a.topic as string, speakers: [] }),
    speaker_record: (a) => {
      const found = searchResult((a.name as string | null) ?? null).speakers[0];
      if (!found) return null;
      const quotes = found.quotes.map((q) => ({ ...q, title: DOCUMENT.title, site: SOURCE.site, published: SOURCE.published, url: SOURCE.url, score: null }));
      return {
        name: found.name,
        aliases: found.aliases,
        description: found.description,
        documents: 1,
        quotes: typeof a.first === "number" ? quotes.slice(0, a.first) : quotes,
        quote_count: quotes.length,
        descriptions: [],
        alongside: [],
      };
    },
    load_conversation: () => null,
    keep_conversation: () => null,
    ...overrides,
  };
  mockWindows("main");
  mockIPC(
    (cmd: string, payload?: InvokeArgs) => {
      const args = (payload ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args });
      const h = handlers[cmd];
      if (h) return h(args);
      return undefined;
    },
    { shouldMockEvents: true },
  );
  return calls;
}
