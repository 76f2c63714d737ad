// A generated library for the window's tests and measurements: dated articles from eight
// outlets, each quoting two or three people of a known pool on one of a few topics, in the
// attribution styles news uses. Deterministic: the same articles for the same count.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const OUTLETS = [
  "The Daily Ledger",
  "Harbour Gazette",
  "Northern Courier",
  "The Evening Star",
  "Valley Times",
  "The Morning Post",
  "Riverside News",
  "The Capital Herald",
];

const FIRST = ["Amira", "Lars", "Grace", "Dmitri", "Elena", "Farid", "Ingrid", "Jonas", "Kavya", "Malik", "Nadia", "Oren"];
const LAST = ["Haddad", "Petrov", "Okonkwo", "Lindqvist", "Castellano", "Moreau", "Nakamura", "Fischer", "Brennan", "Quintero"];
const ROLES = [
  "a professor of economics at the University of Leeds",
  "a senior fellow at the Lowy Institute",
  "a political analyst at Chatham House",
  "the director of research at the Kiel Institute",
  "a lecturer in international relations at Sciences Po",
  "the chief economist at the Brookings Institution",
];

/** The topics, each with what is said about it. */
export const TOPICS = {
  sanctions: [
    "The sanctions are hurting exporters more than anyone expected",
    "Nobody should expect the sanctions to be lifted before the talks resume",
    "The new sanctions will take a year to show in the trade figures",
  ],
  harbour: [
    "The new ferry timetable will help the fishing fleet through the winter",
    "We expect the harbour to be busier than ever this summer",
    "The harbour dredging should have started two years ago",
  ],
  vaccines: [
    "The vaccine campaign reached the villages faster than we planned",
    "Trust in vaccines grows when doctors explain the risks plainly",
    "The second vaccine dose matters as much as the first",
  ],
  elections: [
    "Turnout in the local elections will decide the coalition",
    "The elections were calmer than the campaign suggested",
    "Young voters stayed home in the last two elections",
  ],
};

/** A small deterministic generator (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The people of the pool: each with a fixed role. */
export const PEOPLE = FIRST.flatMap((first, i) => [0, 1, 2].map((k) => {
  const last = LAST[(i * 3 + k) % LAST.length];
  return { name: `${first} ${last}`, last, role: ROLES[(i + k) % ROLES.length] };
})).filter((p, i, all) => all.findIndex((q) => q.name === p.name) === i);

/** Article `i`: its file name and Markdown text, with front matter. */
export function article(i) {
  const r = rng(i * 7919 + 17);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const topic = pick(Object.keys(TOPICS));
  const site = pick(OUTLETS);
  const day = `${2015 + Math.floor(r() * 10)}-${String(1 + Math.floor(r() * 12)).padStart(2, "0")}-${String(1 + Math.floor(r() * 28)).padStart(2, "0")}`;
  const speakers = [];
  while (speakers.length < 2 + Math.floor(r() * 2)) {
    const p = pick(PEOPLE);
    if (!speakers.includes(p)) speakers.push(p);
  }
  const title = `${topic[0].toUpperCase()}${topic.slice(1)}: report ${i + 1}`;
  const lines = [`---`, `title: ${title}`, `site: ${site}`, `date: ${day}`, `---`, ``, `# ${title}`, ``];
  lines.push(`Officials met on ${day} to discuss the ${topic} again, the ${i % 2 ? "second" : "third"} meeting this season.`, ``);
  for (const p of speakers) {
    const said = TOPICS[topic];
    const a = pick(said);
    const b = pick(said.filter((s) => s !== a));
    lines.push(`\u201c${a},\u201d said ${p.name}, ${p.role}.`, ``);
    lines.push(`The remarks were made at a briefing attended by reporters from several countries.`, ``);
    lines.push(`\u201c${b},\u201d ${p.last} said.`, ``);
  }
  return { name: `article-${String(i).padStart(5, "0")}.md`, text: lines.join("\n"), topic, site, day, speakers: speakers.map((p) => p.name) };
}

/**
 * Writes `n` articles into `dir`, a tenth of them in a subfolder, and `others` files that
 * are not articles (an image, a spreadsheet). Returns what was written.
 */
export function writeLibrary(dir, n, others = 0) {
  mkdirSync(join(dir, "older"), { recursive: true });
  const articles = [];
  for (let i = 0; i < n; i++) {
    const a = article(i);
    writeFileSync(join(dir, i % 10 === 0 ? "older" : "", a.name), a.text);
    articles.push(a);
  }
  for (let i = 0; i < others; i++) writeFileSync(join(dir, i % 2 ? `photo-${i}.jpg` : `figures-${i}.xlsx`), "not an article");
  return articles;
}
