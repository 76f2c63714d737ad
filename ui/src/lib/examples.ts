// Example questions for the start screen, built from what is in the library.


/**
 * How the articles call someone for short: a one-word alias that is part of the name
 * ("Mao" for Mao Zedong, "Kuhrt" for Natasha Kuhrt), else the full name.
 */
export function shortName(s: Pick<SpeakerInfo, "name" | "aliases">): string {
  const parts = s.name.trim().split(/\s+/);
  const alias = s.aliases.find((a) => !/\s/.test(a.trim()) && parts.includes(a.trim()));
  // Without such an alias the whole name: which word is the surname depends on the
  // name's culture (Mao Zedong), and the engine finds people by full name anyway.
  return alias?.trim() ?? s.name.trim();
}
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
  if (second) push(`What did ${shortName(second)} say?`);
  else if (first) push(`What did ${shortName(first)} say?`);
  for (const d of documents) {
    if (out.length >= max) break;
    const title = d.title.trim();
    // A title that asks something is a fine question itself.
    if (title.endsWith("?")) push(title);
    else if (title) push(`What is “${title.replace(/[.!:;]+$/, "")}” about?`);
  }
  // Fill with more speakers if there are few documents.
  for (const s of ranked.slice(2)) {
    if (out.length >= max) break;
    push(`What did ${shortName(s)} say?`);
  }
  return out.slice(0, max);
}
