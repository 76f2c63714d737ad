import type { AskScope } from "./scope";
import type { Answer, AppError, TopicQuotes } from "./types";

/** One question and its reply in the conversation. */
export interface Exchange {
  id: number;
  question: string;
  /** The part of the library the question was asked of (null: all of it). */
  scope: AskScope | null;
  pending: boolean;
  answer: Answer | null;
  /** Who said what on the question's topic, grouped by speaker. */
  topic: TopicQuotes | null;
  error: AppError | null;
}

/** The most exchanges kept across restarts (the newest). */
export const KEPT_EXCHANGES = 100;

/** The conversation as kept in the library folder: the answered exchanges, newest last. */
export function keptText(exchanges: readonly Exchange[]): string | null {
  const done = exchanges.filter((x) => !x.pending && x.answer !== null).slice(-KEPT_EXCHANGES);
  if (done.length === 0) return null;
  return JSON.stringify({
    version: 1,
    exchanges: done.map(({ question, scope, answer, topic }) => ({ question, scope, answer, topic })),
  });
}

/** The exchanges of a kept conversation (ids from `firstId`); none when it cannot be read. */
export function fromKept(text: string | null, firstId: number): Exchange[] {
  if (!text) return [];
  try {
    const kept = JSON.parse(text) as { version?: number; exchanges?: unknown };
    if (kept.version !== 1 || !Array.isArray(kept.exchanges)) return [];
    const out: Exchange[] = [];
    for (const x of kept.exchanges as Partial<Exchange>[]) {
      if (typeof x?.question !== "string" || !x.answer || !Array.isArray(x.answer.passages)) continue;
      out.push({
        id: firstId + out.length,
        question: x.question,
        scope: x.scope ?? null,
        pending: false,
        answer: x.answer,
        topic: x.topic && Array.isArray(x.topic.speakers) ? x.topic : null,
        error: null,
      });
    }
    return out;
  } catch {
    return [];
  }
}
