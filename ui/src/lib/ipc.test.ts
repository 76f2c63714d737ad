import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import * as ipc from "./ipc";
import { COMMANDS, IMPORT_EXTENSIONS } from "./types";

afterEach(() => clearMocks());

describe("ipc", () => {
  it("calls the snake_case commands with camelCase args", async () => {
    const seen: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return cmd === "list_documents" ? [] : null;
    });
    await ipc.ask("Who?", 3);
    await ipc.listDocuments();
    await ipc.getDocument("d1");
    await ipc.importFiles(["/a.txt"]);
    await ipc.cancelImport();
    await ipc.removeDocument("d1");
    await ipc.searchQuotes(null);
    await ipc.listSpeakers();
    await ipc.appInfo();
    await ipc.openLink("d1");
    await ipc.ask("Where?", 2, { document: "d1", site: "The Herald" });
    await ipc.quotesAbout("sanctions", { since: "2020-01-01" });
    await ipc.speakerRecord("Lukin");
    await ipc.speakerRecord("Lukin", 60);
    await ipc.filesIn(["/articles"]);
    await ipc.loadConversation();
    await ipc.keepConversation(null);
    // Every command the app registers is called, each with its own function.
    expect([...new Set(seen.map(([c]) => c))].sort()).toEqual([...COMMANDS].sort());
    expect(seen[0][1]).toEqual({ question: "Who?", top: 3 });
    expect(seen[2][1]).toEqual({ id: "d1" });
    expect(seen[3][1]).toEqual({ paths: ["/a.txt"] });
    expect(seen[6][1]).toEqual({ name: null });
    expect(seen[9][1]).toEqual({ document: "d1" });
    expect(seen[10][1]).toEqual({ question: "Where?", top: 2, scope: { document: "d1", site: "The Herald" } });
    expect(seen[11][1]).toEqual({ topic: "sanctions", scope: { since: "2020-01-01" } });
    expect(seen[12][1]).toEqual({ name: "Lukin" });
    expect(seen[13][1]).toEqual({ name: "Lukin", first: 60 });
    expect(seen[14][1]).toEqual({ paths: ["/articles"] });
    expect(seen[16][1]).toEqual({ text: null });
  });

  it("rejects with the engine's AppError as is, anything else as internal", async () => {
    mockIPC((cmd) => {
      if (cmd === "get_document") throw { kind: "unknown_document", message: "No such document." };
      throw "boom";
    });
    await expect(ipc.getDocument("x")).rejects.toEqual({ kind: "unknown_document", message: "No such document." });
    await expect(ipc.listSpeakers()).rejects.toEqual({ kind: "internal", message: "boom" });
    expect(ipc.toAppError(new Error("bad"))).toEqual({ kind: "internal", message: "bad" });
    expect(ipc.isAppError({ kind: "nope", message: "x" })).toBe(false);
  });

  it("passes the file dialog the importable extensions", async () => {
    let options: unknown;
    mockIPC((cmd, args) => {
      if (cmd === "plugin:dialog|open") {
        options = (args as { options: unknown }).options;
        return "/one.pdf";
      }
    });
    expect(await ipc.pickFiles()).toEqual(["/one.pdf"]);
    expect(options).toMatchObject({ multiple: true, filters: [{ extensions: [...IMPORT_EXTENSIONS] }] });
    expect(IMPORT_EXTENSIONS).toEqual(expect.arrayContaining(["txt", "md", "html", "pdf", "docx"]));
  });

  it("returns an empty list when the dialog is cancelled", async () => {
    mockIPC(() => null);
    expect(await ipc.pickFiles()).toEqual([]);
  });
});
