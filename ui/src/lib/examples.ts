// Example questions for the start screen, built from what is in the library.

import { surname } from "./format";
import type { DocumentInfo, SpeakerInfo } from "./types";

/**
 * Up to `max` example questions: "Who is <name>?" and "What did <surname> say?" for the
 * most quoted speakers, and a question about each of the first document titles.
 */
export function exampleQuestions(
  speakers: readonly SpeakerInfo[],
  documents: readonly DocumentInfo[],
  max = 4,
): string[] {
  const ranked = [...speakers]
    .filter((s) => s.name.trim().length > 0)
    .sort((a, b) => b.quotes - a.quotes || a.name.localeCompare(b.name));
  const out: string[] = [];
  const push = (q: string) => {
    if (!out.includes(q)) out.push(q);
  };
  const [first, second] = ranked;
  if (first) push(`Who is ${first.name.trim()}?`);
  if (second) push(`What did ${surname(second.name)} say?`);
  else if (first) push(`What did ${surname(first.name)} say?`);
  for (const d of documents) {
    const title = d.title.trim().replace(/[.?!:;]+$/, "");
    if (title) push(`What is “${title}” about?`);
    if (out.length >= max) break;
  }
  // Fill with more speakers if there are few documents.
  for (const s of ranked.slice(2)) {
    if (out.length >= max) break;
    push(`What did ${surname(s.name)} say?`);
  }
  return out.slice(0, max);
}
