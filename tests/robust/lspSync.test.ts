/**
 * Issue 8 items 2, 4, 5, 10 and 11 (server side), over real JSON-RPC against
 * dist/server.js, plus the document store in-process: document sync never
 * fails, queued changes are parsed once, no edit is computed against a text
 * other than the document's current version, rename and references while
 * indexing are complete or refused, a hostile hfa.json is HFA010 and the
 * server recovers when it is fixed, a huge document gets a syntax-only check.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import type { Diagnostic, TextEdit, WorkspaceEdit } from "vscode-languageserver-protocol";
import { Workspace } from "../../server/src/analysis/index.js";
import { FULL_ANALYSIS_MAX_CHARS, Documents } from "../../server/src/lsp/documents.js";
import { WorkspaceFolders } from "../../server/src/lsp/indexer.js";
import { formatText } from "../../server/src/format/formatter.js";
import { applyTextEdits, editsFor, TestClient } from "../lsp/client.js";
import { removeTemps, SAMPLE, tempDir, unformatted } from "./helpers.js";

afterAll(removeTemps);

/** A workspace whose setFile can be made to throw, counting the parses. */
class FlakyWorkspace extends Workspace {
  failing = false;
  parses = 0;
  override setFile(uri: string, text: string) {
    this.parses++;
    if (this.failing) throw new RangeError("Maximum call stack size exceeded");
    return super.setFile(uri, text);
  }
}

function store() {
  const workspace = new FlakyWorkspace();
  const documents = new Documents(workspace, new WorkspaceFolders(), { changed: () => undefined, configChanged: () => undefined });
  return { workspace, documents };
}

describe("document store (in-process)", () => {
  const URI = "file:///w/a.hfa";
  test("200 queued changes are parsed once", () => {
    const { workspace, documents } = store();
    documents.didOpen(URI, "hfa", 1, SAMPLE);
    documents.flush(() => undefined);
    workspace.parses = 0;
    for (let i = 0; i < 200; i++) documents.didChange(URI, i + 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "x" }]);
    expect(workspace.parses).toBe(0);
    expect(documents.inSync(URI)).toBe(false);
    documents.flush(() => undefined);
    expect(workspace.parses).toBe(1);
    expect(workspace.file(URI)!.text).toBe("x".repeat(200) + SAMPLE);
    expect(documents.inSync(URI)).toBe(true);
  });

  test("a failing analysis never loses the change: the text is new, the document is out of sync until it succeeds", () => {
    const { workspace, documents } = store();
    documents.didOpen(URI, "hfa", 1, SAMPLE);
    documents.flush(() => undefined);
    workspace.failing = true;
    documents.didChange(URI, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "// ny\n" }]);
    const failures: string[] = [];
    documents.flush((uri) => failures.push(uri));
    expect(failures).toEqual([URI]);
    expect(documents.get(URI)!.getText()).toBe("// ny\n" + SAMPLE); // the user's buffer
    expect(workspace.file(URI)!.text).toBe(SAMPLE); // the last good analysis
    expect(documents.inSync(URI)).toBe(false);
    workspace.failing = false;
    documents.didChange(URI, 3, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "" }]);
    documents.flush(() => undefined);
    expect(documents.inSync(URI)).toBe(true);
  });
});

const CONTENT_MODIFIED = -32801;

async function start(root: string) {
  const { client } = await TestClient.start(root);
  const messages: string[] = [];
  client.connection.onNotification("window/showMessage", (params: { message: string }) => void messages.push(params.message));
  return { client, messages };
}

describe("over JSON-RPC", () => {
  test("a burst of changes, then formatting: the edits fit the latest text exactly", async () => {
    const dir = tempDir();
    const { client } = await start(dir);
    try {
      const uri = pathToFileURL(join(dir, "a.hfa")).href;
      const text = unformatted();
      client.open(uri, text);
      for (let i = 0; i < 100; i++) client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: i % 10 === 9 ? "\n" : "/" }]);
      const edits = await client.request<TextEdit[]>("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
      const latest = client.text(uri)!;
      const want = formatText(latest);
      expect(want.kind).toBe("formatted");
      expect(applyTextEdits(latest, edits)).toBe(want.kind === "formatted" ? want.text : "");
    } finally {
      await client.stop();
    }
  });

  test("after a malformed change, no edit is computed (ContentModified) until the text is known again", async () => {
    const dir = tempDir();
    const { client } = await start(dir);
    try {
      const uri = pathToFileURL(join(dir, "a.hfa")).href;
      client.open(uri, unformatted());
      await client.waitForDiagnostics(uri);
      client.notify("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ bogus: true }] });
      const refused = await client.request("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }).then(
        () => undefined,
        (error: { code: number }) => error.code,
      );
      expect(refused).toBe(CONTENT_MODIFIED);
      const actions = await client.request("textDocument/codeAction", { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }).then(
        () => undefined,
        (error: { code: number }) => error.code,
      );
      expect(actions).toBe(CONTENT_MODIFIED);
      // A full-text change makes the buffer known again.
      client.notify("textDocument/didChange", { textDocument: { uri, version: 3 }, contentChanges: [{ text: unformatted() }] });
      const edits = await client.request<TextEdit[]>("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
      expect(edits.length).toBeGreaterThan(0);
      expect(client.exitCode).toBeUndefined();
    } finally {
      await client.stop();
    }
  });

  test("rename sent while 3 000 files are being indexed edits every one of them (never a partial edit)", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "avtaler"));
    writeFileSync(join(dir, "felles.hfa"), 'sats Felles "Felles sats" 6 500 kr per døgn\n  kilde "Internregnskap 2024"\n');
    const N = 3000;
    for (let i = 0; i < N; i++) writeFileSync(join(dir, "avtaler", `a${i}.hfa`), `avtale A${i} "a" {\n  innsats X 1 døgn à Felles per år\n}\n`);
    const { client } = await start(dir);
    try {
      const felles = pathToFileURL(join(dir, "felles.hfa")).href;
      const edit = await client.request<WorkspaceEdit | null>("textDocument/rename", { textDocument: { uri: felles }, position: { line: 0, character: 6 }, newName: "Ny" });
      const uris = new Set([...Object.keys(edit?.changes ?? {}), ...(edit?.documentChanges ?? []).map((c) => ("textDocument" in c ? c.textDocument.uri : ""))]);
      expect(uris.size).toBe(N + 1);
      expect(editsFor(edit, pathToFileURL(join(dir, "avtaler", "a2999.hfa")).href)).toHaveLength(1);
      const refs = await client.request<unknown[]>("textDocument/references", { textDocument: { uri: felles }, position: { line: 0, character: 6 }, context: { includeDeclaration: true } });
      expect(refs).toHaveLength(N + 1);
    } finally {
      await client.stop();
    }
  }, 120_000);

  test("a 10 000-deep hfa.json is HFA010, agreements are analysed, and fixing it recovers without a restart", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "hfa.json"), `{ "rules": ${"[".repeat(10_000)}${"]".repeat(10_000)} }`);
    writeFileSync(join(dir, "a.hfa"), SAMPLE.replace(/\n\s*indikator[^\n]*/g, ""));
    writeFileSync(join(dir, "felles.hfa"), "");
    const { client } = await start(dir);
    try {
      const config = pathToFileURL(join(dir, "hfa.json")).href;
      const agreement = pathToFileURL(join(dir, "a.hfa")).href;
      const configDiagnostics = await client.waitForDiagnostics(config, (d) => d.length > 0);
      expect(configDiagnostics.map((d) => d.code)).toEqual(["HFA010"]);
      const before = await client.waitForDiagnostics(agreement, (d) => d.length > 0);
      expect(before.map((d) => d.code)).toContain("HFA604");
      writeFileSync(join(dir, "hfa.json"), '{ "rules": { "HFA604": "off" } }');
      client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: config, type: 2 }] });
      const after = await client.waitForDiagnostics(agreement, (d: Diagnostic[]) => !d.some((x) => x.code === "HFA604"));
      expect(after.length).toBeGreaterThan(0);
      await client.waitForDiagnostics(config, (d) => d.length === 0);
      expect(client.exitCode).toBeUndefined();
    } finally {
      await client.stop();
    }
  });

  test(`a document above ${FULL_ANALYSIS_MAX_CHARS} characters gets a syntax-only check, said once`, async () => {
    const dir = tempDir();
    const { client, messages } = await start(dir);
    try {
      const uri = pathToFileURL(join(dir, "stor.hfa")).href;
      let text = "";
      for (let i = 0; text.length <= FULL_ANALYSIS_MAX_CHARS; i++) text += SAMPLE.replace(/avtale (\S+)/, `avtale $1X${i}`);
      client.open(uri, text + "\navtale {\n");
      const list = await client.waitForDiagnostics(uri, (d) => d.length > 0, 30_000);
      expect(new Set(list.map((d) => String(d.code)))).toEqual(new Set(["HFA001"]));
      await client.waitUntil(() => messages.some((m) => m.includes("bare syntaksen")));
      client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "// x\n" }]);
      await client.nextDiagnostics(uri, 30_000).catch(() => undefined);
      expect(messages.filter((m) => m.includes("bare syntaksen"))).toHaveLength(1);
    } finally {
      await client.stop();
    }
  }, 60_000);
});

describe("workspace folders", () => {
  /** Two repositories with the same names and different hfa.json. */
  function repositories() {
    const parent = tempDir();
    const make = (name: string, config: string) => {
      const root = join(parent, name);
      mkdirSync(root);
      writeFileSync(join(root, "hfa.json"), config);
      writeFileSync(join(root, "a.hfa"), 'sats Felles "Felles sats" 6 500 kr per døgn\n  kilde "Internregnskap 2024"\n');
      writeFileSync(join(root, "b.hfa"), 'avtale B "b" {\n  innsats X 1 døgn à Felles per år\n}\n');
      return { root, uri: (rel: string) => pathToFileURL(join(root, rel)).href };
    };
    return { parent, one: make("en", '{ "rules": { "HFA604": "off" } }'), two: make("to", "{}") };
  }

  test("two folders are two workspaces: no false HFA102, each with its own hfa.json", async () => {
    const { one, two } = repositories();
    const { client } = await TestClient.start(one.root);
    try {
      // The second folder arrives as a change, as VS Code sends it for a multi-root workspace.
      client.notify("workspace/didChangeWorkspaceFolders", { event: { added: [{ uri: pathToFileURL(two.root).href, name: "to" }], removed: [] } });
      const inTwo = await client.waitForDiagnostics(two.uri("b.hfa"), (d) => d.length > 0, 20_000);
      const inOne = await client.waitForDiagnostics(one.uri("b.hfa"), (d) => d.length > 0, 20_000);
      for (const list of [inOne, inTwo, client.diagnostics.get(one.uri("a.hfa")) ?? [], client.diagnostics.get(two.uri("a.hfa")) ?? []]) {
        expect(list.map((d) => d.code)).not.toContain("HFA102");
      }
      expect(inOne.map((d) => d.code)).not.toContain("HFA604");
      expect(inTwo.map((d) => d.code)).toContain("HFA604");
    } finally {
      await client.stop();
    }
  }, 60_000);

  test("near miss: a folder inside another joins it (one namespace, the outer hfa.json)", async () => {
    const { parent, one } = repositories();
    const { client } = await TestClient.start(parent);
    try {
      client.notify("workspace/didChangeWorkspaceFolders", { event: { added: [{ uri: pathToFileURL(one.root).href, name: "en" }], removed: [] } });
      const list = await client.waitForDiagnostics(one.uri("a.hfa"), (d) => d.some((x) => x.code === "HFA102"), 20_000);
      expect(list.map((d) => d.code)).toContain("HFA102");
    } finally {
      await client.stop();
    }
  }, 60_000);
});
