import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { clearMocks } from "@tauri-apps/api/mocks";
import App from "./App.svelte";
import { DOCS, mockBackend } from "./test/backend";
import { UNANSWERED, ZHANG_PASSAGE } from "./test/fixtures";
import type { Answer } from "./lib/types";

afterEach(() => {
  cleanup();
  clearMocks();
  vi.useRealTimers();
});

/** Renders the app, asks about Zhang Hanhui and opens the first passage in the reader. */
async function openReaderFromAnAnswer(): Promise<HTMLElement> {
  render(App);
  await ask("Who is Zhang Hanhui?");
  const article = await screen.findByRole("article");
  await fireEvent.click(article.querySelector(".passage.best p.text")!);
  return screen.findByRole("region", { name: "Article" });
}

async function ask(question: string) {
  const box = screen.getByRole("textbox", { name: "Ask a question" });
  await fireEvent.input(box, { target: { value: question } });
  await fireEvent.keyDown(box, { key: "Enter" });
}

describe("asking", () => {
  it("shows the answer as an article with marked words, the answering sentence and quote cards", async () => {
    const calls = mockBackend();
    render(App);
    await ask("Who is Zhang Hanhui?");

    const article = await screen.findByRole("article");
    expect(calls).toContainEqual({ cmd: "ask", args: { question: "Who is Zhang Hanhui?", top: 5 } });

    const best = article.querySelector(".passage.best")!;
    const marks = [...best.querySelectorAll("p.text mark")].map((m) => m.textContent);
    expect(marks).toEqual(["ambassador", "Zhang", "Café"]);
    expect(best.querySelector("p.text")!.textContent).toBe(ZHANG_PASSAGE.text);
    expect(best.querySelector("strong.answer")!.textContent).toContain("China’s ambassador");
    // The answer phrase is its own mark, inside the answering sentence.
    const phrase = best.querySelector("strong.answer [data-testid=answer-phrase]")!;
    expect(phrase.textContent).toBe("Zhang Hanhui");
    expect(within(article).getAllByText("Moscow and Beijing").length).toBeGreaterThan(0);
    expect(best.textContent).toContain("paragraph 3");

    // Quote card: blockquote with the speaker in a <cite>, the description and cue.
    const card = best.querySelector("blockquote")!;
    expect(card.querySelector("cite")!.textContent).toBe("Zhang Hanhui");
    expect(card.textContent).toContain("China’s ambassador to Moscow");
    expect(card.textContent).toContain("assured");
    expect(card.textContent).toContain("“backing up”");

    // The other passage is folded.
    const details = article.querySelector("details")!;
    expect(details.querySelector("summary")!.textContent).toBe("1 more passage");
    expect(details.textContent).toContain("We will never be allies");

    // The box is cleared for the next question.
    expect((screen.getByRole("textbox", { name: "Ask a question" }) as HTMLTextAreaElement).value).toBe("");
  });

  it("says plainly when the answer is not in the articles, with the nearest passages", async () => {
    mockBackend({ ask: () => UNANSWERED });
    render(App);
    await ask("What is the capital of Mars?");
    const article = await screen.findByRole("article");
    expect(article.textContent).toContain("Not in your articles");
    expect(article.textContent).toContain("We will never be allies");
  });

  it("shows an engine error instead of an answer", async () => {
    mockBackend({
      ask: () => {
        throw { kind: "busy", message: "The library is busy importing." };
      },
    });
    render(App);
    await ask("Anything?");
    expect(await screen.findByText(/The library is busy importing/)).toBeTruthy();
  });

  it("renders markup in document text as text, never as elements", async () => {
    const evil = 'He wrote <script>alert(1)</script> and <img src=x onerror="alert(2)"> here.';
    const answer: Answer = {
      question: "evil",
      answered: true,
      confidence: 1,
      passages: [
        {
          ...ZHANG_PASSAGE,
          title: "<b>Title</b>",
          text: evil,
          start: 0,
          end: new TextEncoder().encode(evil).length,
          answer: { start: 0, end: 10, text: "He wrote <", phrase: { start: 3, end: 8, text: "wrote" } },
          highlights: [[10, 30]],
          quotes: [{ ...ZHANG_PASSAGE.quotes[0], speaker: "<img src=y onerror=alert(3)>", start: 0, end: 5, text: "<script>x</script>" }],
        },
      ],
    };
    mockBackend({ ask: () => answer });
    const { container } = render(App);
    await ask("evil");
    const article = await screen.findByRole("article");
    expect(container.querySelector("script")).toBeNull();
    expect(container.querySelector("img")).toBeNull();
    expect(document.querySelector("img, script:not([src])")).toBeNull();
    expect(article.querySelector(".passage .text")!.textContent).toBe(evil);
    expect(article.textContent).toContain("<b>Title</b>");
    expect(article.querySelector("b")).toBeNull();
    expect(article.querySelector("cite")!.textContent).toBe("<img src=y onerror=alert(3)>");
  });

  it("offers example questions from the library and asks one when clicked", async () => {
    const calls = mockBackend();
    render(App);
    const example = await screen.findByRole("button", { name: "Who is Vladimir Putin?" });
    expect(screen.getByRole("button", { name: "What did Zhang say?" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "What is “Moscow and Beijing” about?" })).toBeTruthy();
    await fireEvent.click(example);
    await screen.findByRole("article");
    expect(calls.some((c) => c.cmd === "ask" && c.args.question === "Who is Vladimir Putin?")).toBe(true);
  });

  it("copies an answer as Markdown", async () => {
    mockBackend();
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    render(App);
    await ask("Who is Zhang Hanhui?");
    const article = await screen.findByRole("article");
    await fireEvent.click(within(article).getByRole("button", { name: "Copy as Markdown" }));
    await waitFor(() => expect(writeText).toHaveBeenCalled());
    expect(writeText.mock.calls[0][0]).toContain("## Who is Zhang Hanhui?");
    // The citation: outlet, date, title, authors, address, paragraph.
    expect(writeText.mock.calls[0][0]).toContain(
      "> — The Daily Paper, 5 March 2024, *Moscow and Beijing*, by Jane Doe, <https://paper.example/2024/moscow-beijing>, paragraph 3",
    );
    expect(await within(article).findByText("Copied")).toBeTruthy();

    // The whole conversation too.
    await fireEvent.click(screen.getByRole("button", { name: "Copy conversation as Markdown" }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(2));
    expect(writeText.mock.calls[1][0]).toMatch(/^# Questions to my articles\n\n## Who is Zhang Hanhui\?/);
  });

  it("names the outlet and date on the answer and on its quote cards", async () => {
    mockBackend();
    render(App);
    await ask("Who is Zhang Hanhui?");
    const article = await screen.findByRole("article");
    const best = article.querySelector(".passage.best")!;
    await waitFor(() => expect(best.querySelector(".cite")!.textContent).toContain("The Daily Paper · 5 March 2024"));
    const card = best.querySelector("blockquote.quote")!;
    expect(card.textContent).toContain("The Daily Paper · 5 March 2024, paragraph 3");
  });
});

describe("reader", () => {
  it("opens the article at the passage's paragraph with headings and marked quotes, and Esc closes it", async () => {
    const calls = mockBackend();
    render(App);
    await ask("Who is Zhang Hanhui?");
    const article = await screen.findByRole("article");
    await fireEvent.click(article.querySelector(".passage.best p.text")!);

    const reader = await screen.findByRole("region", { name: "Article" });
    expect(calls).toContainEqual({ cmd: "get_document", args: { id: "doc-1" } });
    await within(reader).findByRole("heading", { name: "Moscow and Beijing", level: 3 });
    const target = reader.querySelector(".block.target")!;
    expect(target.getAttribute("data-block")).toBe("2");
    expect(target.querySelector("mark.focus")!.textContent).toContain("China’s ambassador");
    await waitFor(() => expect(document.activeElement).toBe(target));

    // Quotes are marked, focusable, and say who spoke.
    const quotes = reader.querySelectorAll<HTMLElement>(".q");
    expect(quotes).toHaveLength(2);
    const q = quotes[0];
    expect(q.textContent).toContain("backing up");
    expect(q.getAttribute("title")).toBe("Zhang Hanhui, China’s ambassador to Moscow (assured)");
    expect(q.tabIndex).toBe(0);
    const tip = document.getElementById(q.getAttribute("aria-describedby")!)!;
    expect(tip.textContent).toContain("Zhang Hanhui");

    // The header cites the source; the address is text, not a link the window follows.
    const header = reader.querySelector("header")!;
    expect(header.querySelector(".byline")!.textContent).toBe("The Daily Paper · Jane Doe · 5 March 2024");
    expect(header.querySelector(".url")!.textContent).toBe("https://paper.example/2024/moscow-beijing");
    expect(header.querySelector("a")).toBeNull();
    // A caption is shown, apart from the paragraphs.
    expect(reader.querySelector("p.caption")!.textContent).toBe("Putin and Xi in Moscow.");

    await fireEvent.keyDown(window, { key: "Escape" });
    await waitFor(() => expect(screen.queryByRole("region", { name: "Article" })).toBeNull());
  });

  it("opens at a quote from a quote card", async () => {
    mockBackend();
    render(App);
    await ask("Who is Zhang Hanhui?");
    const article = await screen.findByRole("article");
    await fireEvent.click(within(article).getAllByRole("button", { name: /Show quote by Zhang Hanhui/ })[0]);
    const reader = await screen.findByRole("region", { name: "Article" });
    await waitFor(() => expect(reader.querySelector("mark.focus")?.textContent).toBe("backing up"));
  });
});

describe("speakers", () => {
  it("lists everyone quoted and searches by the typed name, debounced", async () => {
    const calls = mockBackend();
    render(App);
    await fireEvent.click(screen.getByRole("tab", { name: "Speakers" }));
    const panel = screen.getByRole("tabpanel", { name: "Speakers" });
    await within(panel).findByRole("button", { name: /Vladimir Putin/ });
    expect(within(panel).getByRole("button", { name: /Zhang Hanhui/ })).toBeTruthy();

    const search = within(panel).getByRole("searchbox", { name: "Search quotes by name" });
    await fireEvent.input(search, { target: { value: "Zh" } });
    await fireEvent.input(search, { target: { value: "Zhang" } });
    await waitFor(() => expect(calls.filter((c) => c.cmd === "search_quotes")).toHaveLength(1));
    expect(calls.find((c) => c.cmd === "search_quotes")!.args).toEqual({ name: "Zhang" });
    await waitFor(() => expect(within(panel).queryByRole("button", { name: /Vladimir Putin/ })).toBeNull());

    // Choosing a speaker shows their record: quotes in date order, with outlet and date;
    // a quote opens the reader.
    await fireEvent.click(within(panel).getByRole("button", { name: /Zhang Hanhui/ }));
    await waitFor(() => expect(calls).toContainEqual({ cmd: "speaker_record", args: { name: "Zhang Hanhui", first: 60 } }));
    const timeline = await within(panel).findByRole("region", { name: "Quotes in date order" });
    const entries = within(timeline).getAllByTestId("timeline-entry");
    expect(entries).toHaveLength(1);
    expect(entries[0].textContent).toContain("backing up");
    expect(entries[0].textContent).toContain("5 March 2024 · The Daily Paper · Moscow and Beijing");
    await fireEvent.click(within(entries[0]).getByRole("button"));
    await screen.findByRole("region", { name: "Article" });
  });

  it("shows a long record's first quotes at once, then the whole record, which the export waits for", async () => {
    // A speaker quoted 150 times: the first call asks for the first 60 only.
    let release: () => void = () => {};
    const whole = new Promise<void>((r) => (release = r));
    const quote = (i: number) => ({
      speaker: "Zhang Hanhui", text: `Quote number ${i}`, kind: "direct", cue: "said", mention: null,
      document: "doc-1", paragraph: 0, start: 0, end: 10, confidence: 0.9,
      title: "Moscow and Beijing", site: "The Daily Paper", published: "2024-03-05", url: null, score: null,
    });
    const all = Array.from({ length: 150 }, (_, i) => quote(i));
    const calls = mockBackend({
      speaker_record: async (a) => {
        if (typeof a.first !== "number") await whole;
        const quotes = typeof a.first === "number" ? all.slice(0, a.first) : all;
        return { name: "Zhang Hanhui", aliases: [], description: null, documents: 1, quotes, quote_count: 150, descriptions: [], alongside: [] };
      },
    });
    render(App);
    await fireEvent.click(screen.getByRole("tab", { name: "Speakers" }));
    const panel = screen.getByRole("tabpanel", { name: "Speakers" });
    await fireEvent.click(await within(panel).findByRole("button", { name: /Zhang Hanhui/ }));
    const record = await within(panel).findByTestId("speaker-record");
    expect(record.textContent).toContain("150 quotes in 1 article");
    expect(within(record).getAllByTestId("timeline-entry")).toHaveLength(60);
    const copy = within(record).getByRole("button", { name: "Copy record as Markdown" }) as HTMLButtonElement;
    expect(copy.disabled).toBe(true);
    expect(calls).toContainEqual({ cmd: "speaker_record", args: { name: "Zhang Hanhui", first: 60 } });
    await waitFor(() => expect(calls).toContainEqual({ cmd: "speaker_record", args: { name: "Zhang Hanhui" } }));
    release();
    await waitFor(() => expect(copy.disabled).toBe(false));
    expect(record.textContent).toContain("150 quotes in 1 article");
  });

  it("focuses the search with Ctrl+Shift+F and the question box with Ctrl+K", async () => {
    mockBackend();
    render(App);
    await fireEvent.keyDown(window, { key: "F", ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("searchbox", { name: "Search quotes by name" })));
    await fireEvent.keyDown(window, { key: "k", metaKey: true });
    expect(document.activeElement).toBe(screen.getByRole("textbox", { name: "Ask a question" }));
  });
});

describe("library", () => {
  it("lists documents with counts and removes one after confirmation", async () => {
    const calls = mockBackend();
    render(App);
    const panel = screen.getByRole("tabpanel", { name: "Library" });
    await within(panel).findByText("Moscow and Beijing");
    expect(panel.textContent).toContain("3 paragraphs · 2 quotes");
    expect(panel.querySelector(".source-line")!.textContent).toBe("The Daily Paper · 5 March 2024");
    expect(panel.querySelector(".source-line time")!.getAttribute("datetime")).toBe("2024-03-05T10:00:00+01:00");
    await fireEvent.click(within(panel).getByRole("button", { name: "Remove Moscow and Beijing" }));
    expect(calls.some((c) => c.cmd === "remove_document")).toBe(false);
    await fireEvent.click(within(panel).getByRole("button", { name: "Remove" }));
    await waitFor(() => expect(calls).toContainEqual({ cmd: "remove_document", args: { id: "doc-1" } }));
  });

  it("filters by typing, sorts by date and counts articles and quotes per outlet", async () => {
    const other = { ...DOCS[0], id: "doc-2", title: "Ferries change", site: null, published: "2025-01-02", quotes: 5 };
    mockBackend({ list_documents: () => [DOCS[0], other] });
    render(App);
    const panel = screen.getByRole("tabpanel", { name: "Library" });
    await within(panel).findByText("Ferries change");
    const titles = () => [...panel.querySelectorAll(".docs .title")].map((t) => t.textContent);
    expect(titles()).toEqual(["Moscow and Beijing", "Ferries change"]);
    await fireEvent.change(within(panel).getByRole("combobox", { name: "Sort articles" }), { target: { value: "date" } });
    await waitFor(() => expect(titles()).toEqual(["Ferries change", "Moscow and Beijing"]));
    await fireEvent.input(within(panel).getByRole("searchbox", { name: "Filter articles" }), { target: { value: "daily" } });
    await waitFor(() => expect(titles()).toEqual(["Moscow and Beijing"]));
    const outlets = within(panel).getByRole("list", { name: "Articles and quotes per outlet" });
    expect([...outlets.querySelectorAll("li")].map((li) => li.textContent?.replace(/\s+/g, " ").trim())).toEqual([
      "The Daily Paper 1 article · 2 quotes",
      "No outlet named 1 article · 5 quotes",
    ]);
  });

  it("shows a document's outlet and authors as text, never as markup", async () => {
    mockBackend({
      list_documents: () => [{ ...DOCS[0], site: "<b>Paper</b>", published: "<img src=x onerror=alert(1)>" }],
    });
    render(App);
    const panel = screen.getByRole("tabpanel", { name: "Library" });
    expect((await within(panel).findAllByText("<b>Paper</b>")).length).toBe(2); // the list and the outlet count
    expect(panel.querySelector("b, img")).toBeNull();
    expect(panel.querySelector(".source-line")!.textContent).toBe("<b>Paper</b> · <img src=x onerror=alert(1)>");
  });

  it("imports picked files, shows per-file progress and reports a bad file by name", async () => {
    let finish: (v: unknown) => void = () => {};
    const calls = mockBackend({
      "plugin:dialog|open": () => ["/home/a/good.txt", "/home/a/bad.pdf"],
      import_files: () => new Promise((resolve) => (finish = resolve)),
    });
    const { emit } = await import("@tauri-apps/api/event");
    render(App);
    const panel = screen.getByRole("tabpanel", { name: "Library" });
    await fireEvent.click(within(panel).getByRole("button", { name: "Import files…" }));
    await waitFor(() => expect(calls.some((c) => c.cmd === "import_files")).toBe(true));
    expect(calls.find((c) => c.cmd === "import_files")!.args).toEqual({ paths: ["/home/a/good.txt", "/home/a/bad.pdf"] });
    const progress = await within(panel).findByRole("progressbar");
    expect(within(panel).getByRole("button", { name: "Cancel import" })).toBeTruthy();

    await emit("import-progress", { index: 0, total: 2, path: "/home/a/good.txt", ok: true, id: "d2", title: "Good news", error: null });
    await waitFor(() => expect(progress.getAttribute("value")).toBe("1"));
    await emit("import-progress", { index: 1, total: 2, path: "/home/a/bad.pdf", ok: false, id: null, title: null, error: "not a PDF" });
    finish({ added: [{ id: "d2", title: "Good news", source: "/home/a/good.txt", paragraphs: 1, quotes: 0 }], failed: [{ kind: "bad_file", message: "bad.pdf: not a PDF" }] });

    const alert = await within(panel).findByRole("alert");
    expect(alert.textContent).toContain("bad.pdf");
    expect(panel.textContent).toContain("Good news");
    expect(panel.textContent).toContain("Imported 1 of 2 files");
  });

  it("imports files dropped on the window", async () => {
    const calls = mockBackend();
    const { emit } = await import("@tauri-apps/api/event");
    render(App);
    // Let onMount register the drop listener.
    await new Promise((r) => setTimeout(r, 20));
    await emit("tauri://drag-drop", { paths: ["/x/dropped.md"], position: { x: 1, y: 1 } });
    await waitFor(() => expect(calls).toContainEqual({ cmd: "import_files", args: { paths: ["/x/dropped.md"] } }));
  });

  it("cancels a running import", async () => {
    const calls = mockBackend({
      "plugin:dialog|open": () => ["/a.txt"],
      import_files: () => new Promise(() => {}),
    });
    render(App);
    const panel = screen.getByRole("tabpanel", { name: "Library" });
    await fireEvent.click(within(panel).getByRole("button", { name: "Import files…" }));
    await fireEvent.click(await within(panel).findByRole("button", { name: "Cancel import" }));
    await waitFor(() => expect(calls.some((c) => c.cmd === "cancel_import")).toBe(true));
  });
});

describe("about", () => {
  it("credits the corpora the shipped models were trained on", async () => {
    mockBackend();
    // jsdom has <dialog> without showModal: open it the way the browser would.
    const proto = HTMLDialogElement.prototype as HTMLDialogElement & { showModal?: () => void };
    const had = proto.showModal;
    proto.showModal = function (this: HTMLDialogElement) {
      this.setAttribute("open", "");
    };
    try {
      render(App);
      await fireEvent.click(screen.getByRole("button", { name: "About" }));
      const dialog = document.querySelector("dialog.about")!;
      expect(dialog.hasAttribute("open")).toBe(true);
      expect(dialog.textContent).toContain("UD_English-EWT");
      expect(dialog.textContent).toContain("CC BY-SA 4.0");
      expect(dialog.textContent).toContain("GUM");
      expect(dialog.textContent).toContain("SQuAD");
    } finally {
      proto.showModal = had;
    }
  });
});

describe("asking one article", () => {
  it("sends questions to the article chosen in the reader until cleared, and says so on each", async () => {
    const calls = mockBackend();
    const reader = await openReaderFromAnAnswer();
    await fireEvent.click(await within(reader).findByRole("button", { name: "Ask this article" }));
    const chip = await screen.findByTestId("scope");
    expect(chip.textContent).toContain("Moscow and Beijing");

    await ask("What does Russia fear?");
    await waitFor(() =>
      expect(calls).toContainEqual({
        cmd: "ask",
        args: { question: "What does Russia fear?", top: 5, scope: { document: "doc-1" } },
      }),
    );
    // Who said what on it is asked of the same article.
    expect(calls).toContainEqual({ cmd: "quotes_about", args: { topic: "What does Russia fear?", scope: { document: "doc-1" } } });
    const marks = await screen.findAllByTestId("asked-in");
    expect(marks).toHaveLength(1);
    expect(marks[0].textContent).toContain("Moscow and Beijing");

    await fireEvent.click(within(chip).getByRole("button", { name: "Ask all articles" }));
    expect(screen.queryByTestId("scope-document")).toBeNull();
    await ask("Who is Artyom Lukin?");
    await waitFor(() =>
      expect(calls).toContainEqual({ cmd: "ask", args: { question: "Who is Artyom Lukin?", top: 5 } }),
    );
    expect(screen.getAllByTestId("asked-in")).toHaveLength(1);
  });
});

describe("coming back to the window", () => {
  it("reads the library again, which the command may have changed", async () => {
    const calls = mockBackend();
    render(App);
    await waitFor(() => expect(calls.filter((c) => c.cmd === "list_documents")).toHaveLength(1));
    window.dispatchEvent(new Event("focus"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "list_documents")).toHaveLength(2));
  });
});

describe("the article's address", () => {
  it("is text in the reader, and a click asks the app to open the document's own address", async () => {
    const calls = mockBackend({ open_link: () => null });
    const reader = await openReaderFromAnAnswer();
    const link = await within(reader).findByRole("button", { name: /paper\.example\/2024\/moscow-beijing/ });
    expect(link.textContent).toBe("https://paper.example/2024/moscow-beijing");
    expect(reader.querySelector("a[href]")).toBeNull();
    await fireEvent.click(link);
    await waitFor(() => expect(calls).toContainEqual({ cmd: "open_link", args: { document: "doc-1" } }));
  });

  it("says so when the browser cannot be opened", async () => {
    mockBackend({
      open_link: () => {
        throw { kind: "internal", message: "could not open it in the browser" };
      },
    });
    const reader = await openReaderFromAnAnswer();
    await fireEvent.click(await within(reader).findByRole("button", { name: /paper\.example/ }));
    expect((await within(reader).findByRole("alert")).textContent).toContain("could not open it in the browser");
  });
});

describe("who said what", () => {
  const TOPIC = {
    about: "What do they say about sanctions?",
    speakers: [
      {
        name: "Amira Haddad",
        aliases: ["Amira Hadad"],
        description: "the finance minister",
        documents: 2,
        quotes: [1, 2, 3].map((i) => ({
          speaker: "Amira Haddad",
          text: `The sanctions hurt, part ${i}`,
          kind: "direct" as const,
          cue: "said",
          mention: null,
          document: "doc-1",
          paragraph: 2,
          start: 90,
          end: 100,
          confidence: 0.9,
          title: "Moscow and Beijing",
          site: "Daily Ledger",
          published: "2022-09-02",
          url: null,
          score: 1 - i / 10,
        })),
      },
      { name: "Lars Petrov", aliases: [], description: null, documents: 1, quotes: [] },
    ],
  };

  it("shows the speakers on the question's topic side by side, each quote cited", async () => {
    const calls = mockBackend({ quotes_about: () => TOPIC });
    render(App);
    await ask("What do they say about sanctions?");
    const view = await screen.findByRole("region", { name: "Who said what on this" });
    const cards = within(view).getAllByTestId("topic-speaker");
    expect(cards.map((c) => c.querySelector(".name")!.textContent)).toEqual(["Amira Haddad", "Lars Petrov"]);
    expect(cards[0].textContent).toContain("quoted on it in 2 articles");
    // The closest two, then the rest on request.
    expect(within(cards[0]).getAllByText(/The sanctions hurt/)).toHaveLength(2);
    expect(cards[0].textContent).toContain("Daily Ledger · 2 September 2022 · Moscow and Beijing");
    await fireEvent.click(within(cards[0]).getByRole("button", { name: "More of their quotes" }));
    expect(within(cards[0]).getAllByText(/The sanctions hurt/)).toHaveLength(3);
    // A speaker's name opens their record.
    await fireEvent.click(within(cards[0]).getByRole("button", { name: "Amira Haddad" }));
    await waitFor(() => expect(calls).toContainEqual({ cmd: "speaker_record", args: { name: "Amira Haddad", first: 60 } }));
  });

  it("asks one outlet or a date range, and says so on the answer", async () => {
    const calls = mockBackend({
      list_documents: () => [
        { ...DOCS[0], site: "Daily Ledger" },
        { ...DOCS[0], id: "doc-2", site: "Harbour Gazette" },
      ],
    });
    render(App);
    const site = await screen.findByTestId("scope-site");
    await fireEvent.change(site, { target: { value: "Harbour Gazette" } });
    const since = screen.getByTestId("scope-since") as HTMLInputElement;
    await fireEvent.change(since, { target: { value: "2020" } });
    expect(since.value).toBe("2020-01-01");
    await ask("Who is Zhang Hanhui?");
    const scope = { site: "Harbour Gazette", since: "2020-01-01" };
    await waitFor(() => expect(calls).toContainEqual({ cmd: "ask", args: { question: "Who is Zhang Hanhui?", top: 5, scope } }));
    expect(calls).toContainEqual({ cmd: "quotes_about", args: { topic: "Who is Zhang Hanhui?", scope } });
    expect((await screen.findByTestId("asked-in")).textContent).toBe("Asked of Harbour Gazette, published from 2020-01-01, only");
    await fireEvent.click(screen.getByRole("button", { name: "Ask all articles" }));
    await ask("Who is Artyom Lukin?");
    await waitFor(() => expect(calls).toContainEqual({ cmd: "ask", args: { question: "Who is Artyom Lukin?", top: 5 } }));
  });
});

describe("the conversation", () => {
  it("is kept in the library, shown again on start, and cleared on request", async () => {
    let kept: string | null = null;
    const calls = mockBackend({
      keep_conversation: (a) => {
        kept = a.text as string | null;
        return null;
      },
    });
    render(App);
    await ask("Who is Zhang Hanhui?");
    await screen.findByRole("article");
    await waitFor(() => expect(kept).toContain("Who is Zhang Hanhui?"));
    cleanup();

    // A new window on the same library shows it again.
    const again = mockBackend({ load_conversation: () => kept });
    render(App);
    await screen.findByRole("article");
    expect(screen.getByText("Who is Zhang Hanhui?")).toBeTruthy();

    await fireEvent.click(screen.getByRole("button", { name: "Clear conversation" }));
    await fireEvent.click(screen.getByRole("button", { name: "Clear" }));
    expect(screen.queryByRole("article")).toBeNull();
    await waitFor(() => expect(again).toContainEqual({ cmd: "keep_conversation", args: { text: null } }));
    expect(calls.some((c) => c.cmd === "load_conversation")).toBe(true);
  });

  it("ignores a kept conversation it cannot read", async () => {
    mockBackend({ load_conversation: () => "{not json" });
    render(App);
    await screen.findByText("Ask your articles");
  });
});

describe("importing a folder", () => {
  it("imports every readable file inside, says how many others it skipped, and shows the rate", async () => {
    let finish: (v: unknown) => void = () => {};
    const calls = mockBackend({
      "plugin:dialog|open": () => "/home/a/articles",
      files_in: () => ({ files: ["/home/a/articles/1.md", "/home/a/articles/2.md", "/home/a/articles/3.md", "/home/a/articles/4.md"], skipped: 2 }),
      import_files: () => new Promise((resolve) => (finish = resolve)),
    });
    const { emit } = await import("@tauri-apps/api/event");
    render(App);
    const panel = screen.getByRole("tabpanel", { name: "Library" });
    await fireEvent.click(within(panel).getByRole("button", { name: "Import folder…" }));
    await waitFor(() => expect(calls).toContainEqual({ cmd: "files_in", args: { paths: ["/home/a/articles"] } }));
    await waitFor(() => expect(calls.find((c) => c.cmd === "import_files")?.args).toEqual({ paths: ["/home/a/articles/1.md", "/home/a/articles/2.md", "/home/a/articles/3.md", "/home/a/articles/4.md"] }));
    expect((await within(panel).findByTestId("import-skipped")).textContent).toContain("2 other files in the folder skipped");
    for (const i of [1, 2, 3]) {
      await new Promise((r) => setTimeout(r, 250));
      await emit("import-progress", { index: i - 1, total: 4, path: `/home/a/articles/${i}.md`, ok: true, id: `d${i}`, title: `Article ${i}`, error: null });
    }
    const rate = await within(panel).findByTestId("import-rate");
    expect(rate.textContent).toMatch(/files\/s · \d+ s left/);
    finish({ added: [], failed: [] });
  });
});
