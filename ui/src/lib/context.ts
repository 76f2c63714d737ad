// What deeply nested components need from the app: opening the reader and looking up
// speakers and titles. Provided by App; components fall back to no-ops without it.

import { getContext, setContext } from "svelte";

/** Where to open the reader: a paragraph (block index) and optionally a byte range in it. */
export interface ReadTarget {
  document: string;
  paragraph: number;
  start?: number;
  end?: number;
}

export interface AppContext {
  open(target: ReadTarget): void;
  /** What the library knows a speaker as (e.g. "Russian President"), if anything. */
  describe(speaker: string): string | null;
  /** The title of a document, or its id. */
  titleOf(document: string): string;
}

const KEY = Symbol("verbatim");

const fallback: AppContext = {
  open: () => {},
  describe: () => null,
  titleOf: (id) => id,
};

export function provideApp(ctx: AppContext): void {
  setContext(KEY, ctx);
}

export function useApp(): AppContext {
  return getContext<AppContext | undefined>(KEY) ?? fallback;
}
