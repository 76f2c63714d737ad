// What deeply nested components need from the app: opening the reader and looking up
// speakers, titles and sources. Provided by App; components fall back to no-ops without it.

import { getContext, setContext } from "svelte";
import type { Metadata } from "./types";

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
  /** What a document says of its outlet, authors, date and address, if the library has it. */
  sourceOf(document: string): Metadata | null;
  /** Shows a speaker's record in the sidebar. */
  showSpeaker(name: string): void;
}

const KEY = Symbol("verbatim");

const fallback: AppContext = {
  open: () => {},
  describe: () => null,
  titleOf: (id) => id,
  sourceOf: () => null,
  showSpeaker: () => {},
};

export function provideApp(ctx: AppContext): void {
  setContext(KEY, ctx);
}

export function useApp(): AppContext {
  return getContext<AppContext | undefined>(KEY) ?? fallback;
}
