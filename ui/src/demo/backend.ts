// A stand-in engine for developing the UI in a plain browser (`npm run dev`, outside
// Tauri). Loaded only in dev mode when there is no Tauri runtime; never in a build.
// It answers by naive word matching over the bundled sample article, with byte offsets
// computed exactly as the Rust engine does (UTF-8).

import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import article from "../../../assets/moscow-beijing-alliance.txt?raw";
import { byteLength } from "../lib/text";
import type {
  Answer,
  Block,
  Document,
  DocumentInfo,
  Passage,
  Quote,
  QuoteKind,
  QuoteSearch,
  SpeakerInfo,
  Span,
} from "../lib/types";

interface PersonSeed {
  name: string;
  aliases: string[];
  description: string | null;
}

const PEOPLE: PersonSeed[] = [
  { name: "Artyom Lukin", aliases: ["Lukin", "Loekin"], description: "specialist in Russian-China relations at the Federal University of Vladivostok" },
  { name: "Natasha Kuhrt", aliases: ["Kuhrt"], description: "specialist in the Far East at Kings College in London" },
  { name: "Zhang Hanhui", aliases: ["Zhang"], description: "China’s ambassador to Moscow" },
  { name: "Mao Zedong", aliases: ["Mao"], description: "China’s revolutionary leader" },
  { name: "Vladimir Putin", aliases: ["Putin"], description: "Russian President" },
];

/** [speaker, words as printed, cue, kind] */
const QUOTES: [string, string, string | null, QuoteKind][] = [
  ["Zhang Hanhui", "backing up", "assured", "partial"],
  ["Artyom Lukin", "For a long time I thought Putin was bluffing with a Chinese alliance, now it seems serious. The current tension around Ukraine is a harbinger of such a two-front scenario,", "said", "direct"],
  ["Natasha Kuhrt", "They are completely on the same page politically", "says", "indirect"],
  ["Natasha Kuhrt", "How they crush popular protests, how they control the internet: Moscow and Beijing converge in authoritarian norms.", "says", "direct"],
  ["Natasha Kuhrt", "China does not want to be sucked into Putin’s military adventures, such as the intervention in Kazakhstan or a Crimean war. Russia has little interest in helping China in territorial conflicts with friendly countries such as India or Vietnam,", "said", "direct"],
  ["Mao Zedong", "When I say we should learn from the Soviet Union, I don’t mean we should learn to piss and shit from them,", "grumbled", "direct"],
  ["Artyom Lukin", "We want infrastructure and energy projects, but not on Chinese terms. Chinese want full control, so do Russians. As a result, collaboration often does not get off the ground", "says", "direct"],
  ["Natasha Kuhrt", "China hopes that the idea alone will stop Washington from increasing the pressure on China.", ":", "direct"],
];

const STOP = new Set(
  "a an and are as at be by did do does for from has have how i in is it its of on or said say says that the their them they this to was we what when where which who whom why will with would about".split(" "),
);

function sentencesOf(text: string, base: number): Span[] {
  const out: Span[] = [];
  const re = /[^.!?]+(?:[.!?]+[”’"]*|$)\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m[0].length > 0) {
    const s = base + byteLength(text.slice(0, m.index));
    out.push({ start: s, end: s + byteLength(m[0].trimEnd()) });
  }
  return out;
}

function buildDocument(id: string, title: string, source: string | null, text: string): Document {
  const blocks: Block[] = [];
  let offset = 0;
  for (const line of text.split("\n")) {
    const start = byteLength(text.slice(0, offset));
    offset += line.length + 1;
    if (!line.trim() || /^\.+$/.test(line.trim())) continue;
    const heading = line.length < 80 && !/[.!?”’:"]$/.test(line.trim());
    blocks.push({
      kind: heading ? "heading" : "paragraph",
      span: { start, end: start + byteLength(line) },
      sentences: sentencesOf(line, start),
    });
  }
  const quotes: Quote[] = [];
  for (const [speaker, words, cue, kind] of QUOTES) {
    const i = text.indexOf(words);
    if (i < 0) continue;
    const start = byteLength(text.slice(0, i));
    const end = start + byteLength(words);
    const paragraph = blocks.findIndex((b) => b.span.start <= start && end <= b.span.end);
    quotes.push({ speaker, text: words, kind, cue, mention: null, document: id, paragraph, start, end, confidence: 0.9 });
  }
  const people = PEOPLE.filter((p) => text.includes(p.aliases[0])).map((p) => ({ ...p, mentions: [] }));
  return { id, title, source, text, blocks, quotes, people };
}

const docs = new Map<string, Document>();
function add(d: Document) {
  docs.set(d.id, d);
}
add(buildDocument("moscow-beijing", "Are Moscow and Beijing heading for an alliance?", null, article));

function info(d: Document): DocumentInfo {
  return {
    id: d.id,
    title: d.title,
    source: d.source,
    paragraphs: d.blocks.filter((b) => b.kind === "paragraph").length,
    quotes: d.quotes.length,
  };
}

function describe(name: string): string | null {
  return PEOPLE.find((p) => p.name === name)?.description ?? null;
}

function speakers(): SpeakerInfo[] {
  const by = new Map<string, SpeakerInfo>();
  for (const d of docs.values())
    for (const q of d.quotes) {
      const s = by.get(q.speaker) ?? {
        name: q.speaker,
        aliases: PEOPLE.find((p) => p.name === q.speaker)?.aliases ?? [],
        description: describe(q.speaker),
        quotes: 0,
        documents: [],
      };
      s.quotes++;
      if (!s.documents.includes(d.id)) s.documents.push(d.id);
      by.set(q.speaker, s);
    }
  return [...by.values()].sort((a, b) => b.quotes - a.quotes || a.name.localeCompare(b.name));
}

function searchQuotes(name: string | null): QuoteSearch {
  const needle = name?.toLowerCase().trim() ?? "";
  const result = speakers()
    .filter((s) => !needle || [s.name, ...s.aliases].some((n) => n.toLowerCase().includes(needle)))
    .map((s) => ({
      name: s.name,
      aliases: s.aliases,
      description: s.description,
      quotes: [...docs.values()].flatMap((d) => d.quotes.filter((q) => q.speaker === s.name)),
    }));
  return { query: name, speakers: result };
}

function terms(question: string): string[] {
  return [
    ...new Set(
      question
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length > 2 && !STOP.has(w))
        .map((w) => w.replace(/(es|s)$/, "")),
    ),
  ];
}

function ask(question: string, top: number): Answer {
  const ts = terms(question);
  const scored: { score: number; passage: Passage }[] = [];
  for (const d of docs.values()) {
    d.blocks.forEach((b, paragraph) => {
      if (b.kind !== "paragraph") return;
      const bytes = new TextEncoder().encode(d.text).slice(b.span.start, b.span.end);
      const text = new TextDecoder().decode(bytes);
      const highlights: [number, number][] = [];
      const hit = new Set<string>();
      for (const m of text.matchAll(/[\p{L}\p{N}’']+/gu)) {
        const w = m[0].toLowerCase();
        const t = ts.find((t) => w.startsWith(t));
        if (!t) continue;
        hit.add(t);
        const s = b.span.start + byteLength(text.slice(0, m.index));
        highlights.push([s, s + byteLength(m[0])]);
      }
      if (hit.size === 0) return;
      const best = b.sentences
        .map((s) => ({ s, n: highlights.filter(([a, z]) => a >= s.start && z <= s.end).length }))
        .sort((x, y) => y.n - x.n)[0]?.s ?? b.span;
      const answerText = new TextDecoder().decode(new TextEncoder().encode(d.text).slice(best.start, best.end));
      scored.push({
        score: hit.size / Math.max(ts.length, 1) + highlights.length * 0.05,
        passage: {
          document: d.id,
          title: d.title,
          paragraph,
          start: b.span.start,
          end: b.span.end,
          text,
          answer: { start: best.start, end: best.end, text: answerText },
          highlights,
          score: 0,
          quotes: d.quotes.filter((q) => q.paragraph === paragraph),
        },
      });
    });
  }
  scored.sort((a, b) => b.score - a.score);
  const answered = scored.length > 0 && scored[0].score >= 0.6;
  const passages = scored.slice(0, answered ? top : 3).map((x) => ({ ...x.passage, score: x.score }));
  const confidence = scored.length > 0 ? Math.min(1, scored[0].score) : 0;
  return { question, answered, confidence, passages };
}

function delay<T>(ms: number, value: T): Promise<T> {
  return new Promise((r) => setTimeout(() => r(value), ms));
}

let cancelled = false;

async function importFiles(paths: string[]) {
  cancelled = false;
  const added: DocumentInfo[] = [];
  const failed: { kind: "bad_file"; message: string }[] = [];
  for (const [index, path] of paths.entries()) {
    await delay(700, null);
    if (cancelled) throw { kind: "cancelled", message: "Import cancelled." };
    const name = path.split(/[\\/]/).pop() ?? path;
    const bad = /bad|broken/i.test(name);
    let id: string | null = null;
    let title: string | null = null;
    if (bad) {
      failed.push({ kind: "bad_file", message: `${name}: not a readable file` });
    } else {
      id = `demo-${docs.size}`;
      title = name.replace(/\.[^.]+$/, "").replace(/[-_]/g, " ");
      const d = buildDocument(id, title, path, `${title}\nThis article was imported in the demo; it has no quotes.`);
      add(d);
      added.push(info(d));
    }
    await emit("import-progress", { index, total: paths.length, path, ok: !bad, id, title, error: bad ? "not a readable file" : null });
  }
  return { added, failed };
}

export function installDemoBackend(): void {
  mockWindows("main");
  mockIPC(
    (cmd, payload) => {
      const a = (payload ?? {}) as Record<string, unknown>;
      switch (cmd) {
        case "app_info":
          return { version: "0.0.0-demo", library: "(in memory)" };
        case "list_documents":
          return [...docs.values()].map(info);
        case "list_speakers":
          return speakers();
        case "get_document": {
          const d = docs.get(a.id as string);
          if (!d) throw { kind: "unknown_document", message: `No document ${String(a.id)}.` };
          return d;
        }
        case "ask":
          return delay(250, ask(a.question as string, (a.top as number) ?? 5));
        case "search_quotes":
          return delay(60, searchQuotes((a.name as string | null) ?? null));
        case "remove_document":
          docs.delete(a.id as string);
          return null;
        case "import_files":
          return importFiles(a.paths as string[]);
        case "cancel_import":
          cancelled = true;
          return null;
        case "plugin:dialog|open":
          return ["/home/you/Articles/energy-deal.html", "/home/you/Articles/broken.pdf", "/home/you/Articles/summit-notes.md"];
        default:
          return undefined;
      }
    },
    { shouldMockEvents: true },
  );
}
