/**
 * The language server over real JSON-RPC: the bundled server is spawned as
 * a process on a copy of samples/felles + samples/avtaler, and driven the
 * way an editor drives it.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CodeAction, Diagnostic, Hover, InitializeResult, TextEdit } from "vscode-languageserver-protocol";
import { parse } from "../../grammar/src/parser.js";
import { editsFor, makeWorkspace, ROOT, TestClient } from "./client.js";

const BASE = readFileSync(`${ROOT}/tests/lsp/fixtures/lsp-test.hfa`, "utf8");
const FRAME = readFileSync(`${ROOT}/samples/feil/ramme-overskredet.hfa`, "utf8");
const DUPLICATE_RATE = '// Samme sats deklarert to ganger (HFA102 på tvers av filer).\nsats Liggedøgn "Liggedøgn (duplikat)" 9 000 kr per døgn\n';

const codes = (list: readonly Diagnostic[]) => list.map((d) => String(d.code));
// Information and hints (HFA503, good news, is published as a hint).
const onlyInformation = (list: readonly Diagnostic[]) => list.every((d) => d.severity === 3 || d.severity === 4);

describe("language server on the sample workspace", () => {
  const ws = makeWorkspace({ "avtaler/lsp-test.hfa": BASE, "avtaler/ramme-overskredet.hfa": FRAME, "felles/ekstra-satser.hfa": DUPLICATE_RATE });
  const TEST = ws.uri("avtaler/lsp-test.hfa");
  let client: TestClient;
  let init: InitializeResult;

  beforeAll(async () => {
    const started = await TestClient.start(ws.root);
    client = started.client;
    init = started.initializeResult;
  });
  afterAll(async () => {
    await client?.stop();
    ws.dispose();
  });

  it("announces every capability of the contract", () => {
    const caps = init.capabilities;
    expect(caps.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    for (const key of [
      "completionProvider",
      "hoverProvider",
      "definitionProvider",
      "referencesProvider",
      "documentHighlightProvider",
      "renameProvider",
      "documentSymbolProvider",
      "workspaceSymbolProvider",
      "foldingRangeProvider",
      "selectionRangeProvider",
      "semanticTokensProvider",
      "codeLensProvider",
      "inlayHintProvider",
      "codeActionProvider",
      "documentFormattingProvider",
      "documentRangeFormattingProvider",
    ] as const) {
      expect(caps[key], key).toBeTruthy();
    }
    expect(caps.renameProvider).toMatchObject({ prepareProvider: true });
    expect(caps.semanticTokensProvider?.legend.tokenTypes.length).toBeGreaterThan(0);
    expect(init.serverInfo?.name).toBe("hfa-language-server");
  });

  it("publishes diagnostics of unopened workspace files at start, with rule links", async () => {
    const list = await client.waitForDiagnostics(ws.uri("avtaler/jordmor-sore-sunnmore.hfa"), (d) => d.length > 0);
    expect(codes(list)).toContain("HFA404");
    for (const d of list) {
      expect(d.source).toBe("hfa");
      expect(d.codeDescription?.href).toMatch(new RegExp(`/docs/rules/${d.code}\\.md$`));
      expect(existsSync(fileURLToPath(d.codeDescription!.href))).toBe(true);
    }
    // The clean test agreement: information only.
    const test = await client.waitForDiagnostics(TEST, (d) => d.length > 0);
    expect(onlyInformation(test)).toBe(true);
  });

  it("reports an exceeded frame (HFA701) with every drawing agreement as related information", async () => {
    const uri = ws.uri("avtaler/ramme-overskredet.hfa");
    const list = await client.waitForDiagnostics(uri, (d) => codes(d).includes("HFA701"));
    const frame = list.filter((d) => d.code === "HFA701");
    expect(frame.length).toBeGreaterThanOrEqual(2);
    for (const d of frame) {
      expect(d.severity).toBe(1);
      expect(d.relatedInformation?.length).toBeGreaterThanOrEqual(1);
      for (const info of d.relatedInformation ?? []) expect(info.location.uri).toBe(uri);
    }
    const text = ws.text("avtaler/ramme-overskredet.hfa");
    const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length - 1;
    const orkland = lineOf("avtale FeilPilotOrkland");
    const skaun = lineOf("avtale FeilPilotSkaun");
    // Between the diagnostics and their related places, both agreements' grant clauses are named.
    const lines = frame.flatMap((d) => [d.range.start.line, ...(d.relatedInformation ?? []).map((r) => r.location.range.start.line)]);
    expect(lines.some((line) => line > orkland && line < skaun)).toBe(true);
    expect(lines.some((line) => line > skaun)).toBe(true);
  });

  it("reports a name declared in two files (HFA102) in both, each pointing at the other", async () => {
    const a = await client.waitForDiagnostics(ws.uri("felles/satser.hfa"), (d) => codes(d).includes("HFA102"));
    const b = await client.waitForDiagnostics(ws.uri("felles/ekstra-satser.hfa"), (d) => codes(d).includes("HFA102"));
    expect(a.find((d) => d.code === "HFA102")!.relatedInformation![0]!.location.uri).toBe(ws.uri("felles/ekstra-satser.hfa"));
    const other = b.find((d) => d.code === "HFA102")!.relatedInformation![0]!.location;
    expect(other.uri).toBe(ws.uri("felles/satser.hfa"));
    const satser = ws.text("felles/satser.hfa").split("\n");
    expect(satser[other.range.start.line]!.slice(other.range.start.character)).toMatch(/^Liggedøgn\b/);
  });

  it("moves related information into a file when an edit there moves its lines but not its offsets", async () => {
    const satser = ws.uri("felles/satser.hfa");
    const original = ws.text("felles/satser.hfa");
    const relatedLine = async (text: string) => {
      const line = text.slice(0, text.indexOf("sats Liggedøgn")).split("\n").length - 1;
      const list = await client.waitForDiagnostics(ws.uri("felles/ekstra-satser.hfa"), (d) => d.some((x) => x.code === "HFA102" && x.relatedInformation?.[0]?.location.range.start.line === line));
      return list.find((d) => d.code === "HFA102")!.relatedInformation![0]!.location.range.start;
    };
    expect((await relatedLine(original)).line).toBeGreaterThan(0);
    client.open(satser, original);
    // The first two comment lines joined: every offset stays, every later line moves up one. The
    // duplicate's own diagnostics are the same; only where they point has moved.
    const joined = original.replace("\n", " ");
    expect(joined.length).toBe(original.length);
    client.replaceAll(satser, joined);
    const moved = await relatedLine(joined);
    client.replaceAll(satser, original);
    expect((await relatedLine(original)).line).toBe(moved.line + 1);
    client.close(satser);
  });

  it("re-checks dependent agreements when a shared file changes, and clears them when it is fixed", async () => {
    const shared = ws.uri("felles/helsefellesskap-more-og-romsdal.hfa");
    const dependent = ws.uri("avtaler/eldreteam-romsdal.hfa");
    const original = ws.text("felles/helsefellesskap-more-og-romsdal.hfa");
    expect(original).toMatch(/kommune Hustadvika /);
    client.open(shared, original);
    client.replaceAll(shared, original.replace("kommune Hustadvika ", "kommune Hustadvikaa "));
    const broken = await client.waitForDiagnostics(dependent, (d) => codes(d).includes("HFA101"));
    expect(broken.find((d) => d.code === "HFA101")!.message).toContain("Hustadvika");
    // The unopened agreement got its diagnostics without being opened; the test agreement does not use Hustadvika.
    expect(codes(client.diagnostics.get(TEST) ?? [])).not.toContain("HFA101");
    client.replaceAll(shared, original);
    const fixed = await client.waitForDiagnostics(dependent, (d) => !codes(d).includes("HFA101"));
    expect(onlyInformation(fixed)).toBe(true);
    client.close(shared);
  });

  it("follows files created and deleted on disk (didChangeWatchedFiles)", async () => {
    const rel = "avtaler/ny-avtale.hfa";
    const uri = ws.uri(rel);
    writeFileSync(ws.path(rel), BASE.replace("avtale LspTest", "avtale NyAvtale").replace(/  indikator .*\n/, ""));
    client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri, type: 1 }] });
    const created = await client.waitForDiagnostics(uri, (d) => codes(d).includes("HFA604"));
    expect(created.find((d) => d.code === "HFA604")!.severity).toBe(2);
    rmSync(ws.path(rel));
    client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri, type: 3 }] });
    await client.waitForDiagnostics(uri, (d) => d.length === 0);
  });

  it("prefers the open document over the file on disk, and goes back to the disk on close", async () => {
    client.open(TEST, BASE.replace(/  indikator .*\n/, ""));
    await client.waitForDiagnostics(TEST, (d) => codes(d).includes("HFA604"));
    // The file changes on disk while open: the editor's text still counts.
    writeFileSync(ws.path("avtaler/lsp-test.hfa"), BASE.replace(/  videreføring .*\n/, ""));
    client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: TEST, type: 2 }] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(codes(client.diagnostics.get(TEST)!)).toContain("HFA604");
    expect(codes(client.diagnostics.get(TEST)!)).not.toContain("HFA603");
    client.close(TEST);
    await client.waitForDiagnostics(TEST, (d) => codes(d).includes("HFA603") && !codes(d).includes("HFA604"));
    writeFileSync(ws.path("avtaler/lsp-test.hfa"), BASE);
    client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: TEST, type: 2 }] });
    await client.waitForDiagnostics(TEST, (d) => onlyInformation(d));
  });

  describe("quick fixes", () => {
    const cases: [code: string, broken: (text: string) => string][] = [
      ["HFA002", (t) => t.replace("innsats HMR 500 000 kr", "innsats HMR 500.000 kr")],
      ["HFA101", (t) => t.replace("parter HMR, Molde", "parter HMR, Mold")],
      ["HFA106", (t) => t.replace("  periode 2025 til 2027\n", "")],
      ["HFA201", (t) => t.replace(/  formål samhandling "[^"]*"\n/, "")],
      ["HFA401", (t) => t.replace(/  besparelse .*\n/g, "")],
      ["HFA603", (t) => t.replace(/  videreføring .*\n/, "")],
      ["HFA604", (t) => t.replace(/  indikator .*\n/, "")],
      ["HFA305", (t) => t.replace("til HMR 50 %, Molde 50 %", "til HMR 50 %, Molde 40 %")],
      ["HFA607", (t) => t.replace("behandling Molde kommunestyre", "behandling Molde styre")],
    ];

    beforeAll(() => client.open(TEST, BASE));
    afterAll(() => client.close(TEST));

    for (const [code, breakIt] of cases) {
      it(`${code}: the fix is offered, applied and re-checked`, async () => {
        const broken = breakIt(BASE);
        expect(broken).not.toBe(BASE);
        client.replaceAll(TEST, broken);
        const list = await client.waitForDiagnostics(TEST, (d) => codes(d).includes(code));
        const diagnostic = list.find((d) => d.code === code)!;
        const actions = await client.request<CodeAction[]>("textDocument/codeAction", {
          textDocument: { uri: TEST },
          range: diagnostic.range,
          context: { diagnostics: [diagnostic] },
        });
        const fixes = actions.filter((a) => !a.title.includes("hfa-ignore") && !/^Unnta /.test(a.title));
        expect(fixes.length, JSON.stringify(actions)).toBeGreaterThan(0);
        const fix = fixes.find((a) => a.isPreferred) ?? fixes[0]!;
        expect(fix.kind).toBe("quickfix");
        expect(fix.diagnostics).toEqual([diagnostic]);
        const fixed = client.applyEdits(TEST, editsFor(fix.edit, TEST));
        expect(parse(fixed).problems, fixed).toEqual([]);
        const after = await client.waitForDiagnostics(TEST, (d) => !codes(d).includes(code));
        expect(codes(after)).not.toContain("HFA001");
        // Back to the clean text for the next case.
        client.replaceAll(TEST, BASE);
        await client.waitForDiagnostics(TEST, (d) => onlyInformation(d) && d.length > 0);
      });
    }

    it("suppresses a warning with a reason, above its construct, with its indentation", async () => {
      // HFA604 sits on the agreement name: the comment goes above `avtale`.
      client.replaceAll(TEST, BASE.replace(/  indikator .*\n/, "").replace("behandling Molde kommunestyre", "behandling Molde styre"));
      const list = await client.waitForDiagnostics(TEST, (d) => codes(d).includes("HFA604") && codes(d).includes("HFA607"));
      for (const [code, expectedLine] of [
        ["HFA604", "// hfa-ignore HFA604: <begrunnelse>"],
        ["HFA607", "  // hfa-ignore HFA607: <begrunnelse>"],
      ] as const) {
        const diagnostic = (client.diagnostics.get(TEST) ?? list).find((d) => d.code === code)!;
        const actions = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri: TEST }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
        const suppress = actions.find((a) => a.title.startsWith("Unnta"));
        expect(suppress, JSON.stringify(actions)).toBeDefined();
        const edits = editsFor(suppress!.edit, TEST);
        expect(edits).toHaveLength(1);
        expect(edits[0]!.range.start.character).toBe(0);
        const text = client.applyEdits(TEST, edits);
        const lines = text.split("\n");
        const inserted = lines[edits[0]!.range.start.line]!;
        expect(inserted).toBe(expectedLine);
        expect(lines[edits[0]!.range.start.line + 1]).toMatch(code === "HFA604" ? /^avtale LspTest/ : /^  behandling Molde styre/);
        expect(parse(text).problems).toEqual([]);
        // The inserted reason is a placeholder: it suppresses nothing and is HFA009 until the author writes one.
        const pending = await client.waitForDiagnostics(TEST, (d) => codes(d).includes("HFA009") && codes(d).includes(code));
        expect(codes(pending)).toContain(code);
        client.replaceAll(TEST, text.replace(`${code}: <begrunnelse>`, `${code}: avtales i helsefellesskapets årsplan for 2025`));
        const after = await client.waitForDiagnostics(TEST, (d) => !codes(d).includes(code));
        expect(codes(after)).not.toContain("HFA009");
        expect(codes(after)).not.toContain("HFA001");
      }
      // Errors cannot be suppressed: no such action.
      client.replaceAll(TEST, BASE.replace("parter HMR, Molde", "parter HMR, Mold"));
      const errors = await client.waitForDiagnostics(TEST, (d) => codes(d).includes("HFA101"));
      const error = errors.find((d) => d.code === "HFA101")!;
      const actions = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri: TEST }, range: error.range, context: { diagnostics: [error] } });
      expect(actions.some((a) => a.title.startsWith("Unnta"))).toBe(false);
      client.replaceAll(TEST, BASE);
      await client.waitForDiagnostics(TEST, (d) => onlyInformation(d) && d.length > 0);
    });

    it("offers nothing for a diagnostic the document no longer has", async () => {
      const actions = await client.request<CodeAction[]>("textDocument/codeAction", {
        textDocument: { uri: TEST },
        range: { start: { line: 3, character: 2 }, end: { line: 3, character: 8 } },
        context: { diagnostics: [{ range: { start: { line: 3, character: 2 }, end: { line: 3, character: 8 } }, message: "old", code: "HFA101", source: "hfa" }] },
      });
      expect(actions).toEqual([]);
    });
  });

  describe("formatting", () => {
    const uri = ws.uri("avtaler/uformatert.hfa");
    const messy = BASE.replace("avtale LspTest", "avtale Uformatert").replace("innsats HMR 500 000 kr", "innsats   HMR 500000 kr").replace("  status utkast", "      status utkast");

    beforeAll(() => client.open(uri, messy));
    afterAll(() => client.close(uri));

    it("formats the whole document with the core's formatter", async () => {
      const edits = await client.request<TextEdit[]>("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
      expect(edits.length).toBeGreaterThanOrEqual(2);
      const formatted = client.applyEdits(uri, edits);
      expect(formatted).toBe(BASE.replace("avtale LspTest", "avtale Uformatert"));
      const again = await client.request<TextEdit[]>("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
      expect(again).toEqual([]);
      client.replaceAll(uri, messy);
    });

    it("formats a range only", async () => {
      const line = messy.split("\n").findIndex((l) => l.includes("500000"));
      const edits = await client.request<TextEdit[]>("textDocument/rangeFormatting", {
        textDocument: { uri },
        range: { start: { line, character: 0 }, end: { line, character: 40 } },
        options: { tabSize: 2, insertSpaces: true },
      });
      expect(edits.length).toBeGreaterThan(0);
      for (const edit of edits) expect(edit.range.start.line).toBe(line);
      const formatted = client.applyEdits(uri, edits);
      expect(formatted).toContain("  innsats HMR 500 000 kr");
      expect(formatted).toContain("      status utkast");
    });
  });

  describe("robustness", () => {
    it("answers requests on unknown documents and absurd positions with empty results", async () => {
      const unknown = { textDocument: { uri: "file:///finnes/ikke.hfa" }, position: { line: 0, character: 0 } };
      const known = (line: number, character: number) => ({ textDocument: { uri: TEST }, position: { line, character } });
      // Positions past a line's or the document's end are clamped (tests/lsp/editor.test.ts); these are no positions.
      for (const params of [unknown, known(-1, -5), known(1.5, 0), known(0, -1)]) {
        expect(await client.request("textDocument/hover", params)).toBeNull();
        expect(await client.request("textDocument/completion", params)).toEqual([]);
        expect(await client.request("textDocument/definition", params)).toEqual([]);
        expect(await client.request("textDocument/references", { ...params, context: { includeDeclaration: true } })).toEqual([]);
        expect(await client.request("textDocument/documentHighlight", params)).toEqual([]);
        expect(await client.request("textDocument/prepareRename", params)).toBeNull();
        expect(await client.request("textDocument/rename", { ...params, newName: "X" })).toBeNull();
        expect(await client.request("hfa/balance", params)).toBeNull();
      }
      const doc = { textDocument: { uri: "file:///finnes/ikke.hfa" } };
      expect(await client.request("textDocument/documentSymbol", doc)).toEqual([]);
      expect(await client.request("textDocument/foldingRange", doc)).toEqual([]);
      expect(await client.request("textDocument/semanticTokens/full", doc)).toEqual({ data: [] });
      expect(await client.request("textDocument/codeLens", doc)).toEqual([]);
      expect(await client.request("textDocument/inlayHint", { ...doc, range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } } })).toEqual([]);
      expect(await client.request("textDocument/formatting", { ...doc, options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
      expect(await client.request("textDocument/codeAction", { ...doc, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } })).toEqual([]);
      expect(await client.request("textDocument/selectionRange", { ...doc, positions: [{ line: 0, character: 0 }] })).toEqual([]);
    });

    it("survives invalid params and unknown methods", async () => {
      const garbage: unknown[] = [{}, { textDocument: null }, { textDocument: { uri: 42 }, position: "here" }, { textDocument: { uri: TEST }, position: null }];
      for (const params of garbage) {
        await client.request("textDocument/hover", params).catch(() => undefined);
        await client.request("textDocument/completion", params).catch(() => undefined);
        await client.request("textDocument/codeAction", params).catch(() => undefined);
        await client.request("textDocument/formatting", params).catch(() => undefined);
        await client.request("hfa/ruleDoc", params).catch(() => undefined);
      }
      client.notify("textDocument/didChange", { textDocument: { uri: "file:///nope.hfa" }, contentChanges: [{ text: "x" }] });
      client.notify("textDocument/didChange", { contentChanges: 5 });
      client.notify("textDocument/didOpen", { textDocument: { uri: 7 } });
      client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: "file:///etc/passwd.hfa", type: 1 }, null] });
      await expect(client.request("hfa/finnesIkke", {})).rejects.toThrow();
      // Still alive and answering.
      const doc = await client.request<string | null>("hfa/ruleDoc", { code: "HFA402" });
      expect(doc).toMatch(/^# HFA402/);
      expect(client.exitCode).toBeUndefined();
    });

    it("serves rule documentation and the prelude", async () => {
      expect(await client.request("hfa/ruleDoc", { code: "../../package" })).toBeNull();
      expect(await client.request("hfa/ruleDoc", { code: "HFA999" })).toBeNull();
      const prelude = await client.request<{ uri: string; text: string }>("hfa/prelude", {});
      expect(prelude.uri).toMatch(/^hfa-prelude:/);
      expect(prelude.text.length).toBeGreaterThan(0);
    });

    it("handles a huge and a binary-looking document without hanging", async () => {
      const uri = ws.uri("avtaler/stor.hfa");
      const huge = Array.from({ length: 1000 }, (_, i) => `avtale Stor${i} "x" { parter ${"A, ".repeat(5)}B periode 2025 til 2026 }`).join("\n") + "\u0000\uffff{{{{ \"";
      const started = Date.now();
      client.open(uri, huge);
      const list = await client.waitForDiagnostics(uri, (d) => d.length > 0, 30_000);
      expect(list.length).toBeLessThanOrEqual(1000);
      const hover = await client.request<Hover | null>("textDocument/hover", { textDocument: { uri }, position: { line: 10, character: 10 } });
      expect(hover === null || typeof hover === "object").toBe(true);
      expect(Date.now() - started).toBeLessThan(25_000);
      client.close(uri);
      await client.waitForDiagnostics(uri, (d) => d.length === 0);
    });
  });
});

describe("localization and settings", () => {
  const ws = makeWorkspace({ "avtaler/lsp-test.hfa": BASE.replace(/  indikator .*\n/, "") });
  const uri = ws.uri("avtaler/lsp-test.hfa");
  afterAll(() => ws.dispose());

  const messageOf = async (options: Parameters<typeof TestClient.start>[1]) => {
    const { client } = await TestClient.start(ws.root, options);
    try {
      const list = await client.waitForDiagnostics(uri, (d) => codes(d).includes("HFA604") || codes(d).includes("HFA404"));
      return { list, message: list.find((d) => d.code === "HFA604")?.message };
    } finally {
      await client.stop();
    }
  };

  it("speaks bokmål by default, also to an English VS Code (spec §7), and English when hfa.locale says en", async () => {
    const nb = await messageOf({ locale: "de" });
    const englishClient = await messageOf({ locale: "en-US" });
    const option = await messageOf({ locale: "en-US", initializationOptions: { locale: "en" } });
    const setting = await messageOf({ locale: "nb", capabilities: { workspace: { configuration: true } }, settings: { locale: "en" } });
    expect(nb.message).toMatch(/indikator/i);
    expect(englishClient.message).toBe(nb.message);
    expect(option.message).not.toBe(nb.message);
    expect(option.message).toMatch(/^The agreement has no/);
    expect(setting.message).toBe(option.message);
  });

  it("follows hfa.json's locale and rules, and lets the editor override them", async () => {
    writeFileSync(ws.path("hfa.json"), JSON.stringify({ locale: "en", rules: { HFA604: "off" } }, null, 2));
    try {
      const fromFile = await messageOf({ locale: "nb" });
      expect(fromFile.message).toBeUndefined();
      expect(fromFile.list.find((d) => d.code === "HFA404")!.message).toMatch(/break/i);
      const overridden = await messageOf({ initializationOptions: { locale: "nb", rules: { HFA604: "error", HFA404: "off" } } });
      expect(overridden.message).toMatch(/indikator/i);
      expect(overridden.list.find((d) => d.code === "HFA604")!.severity).toBe(1);
      expect(codes(overridden.list)).not.toContain("HFA404");
    } finally {
      rmSync(ws.path("hfa.json"));
    }
  });

  it("reports a bad hfa.json on the file, and re-reads it when it changes", async () => {
    writeFileSync(ws.path("hfa.json"), '{ "rulez": {} }');
    const { client } = await TestClient.start(ws.root);
    try {
      const config = ws.uri("hfa.json");
      const list = await client.waitForDiagnostics(config, (d) => d.length > 0);
      expect(codes(list)).toEqual(["HFA010"]);
      expect(list[0]!.range.start).toEqual({ line: 0, character: 2 });
      writeFileSync(ws.path("hfa.json"), '{ "rules": { "HFA604": "off" } }');
      client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: config, type: 2 }] });
      await client.waitForDiagnostics(config, (d) => d.length === 0);
      await client.waitForDiagnostics(uri, (d) => !codes(d).includes("HFA604"));
    } finally {
      await client.stop();
      rmSync(ws.path("hfa.json"));
    }
  });
});

describe("process lifecycle", () => {
  it("exits cleanly on shutdown + exit", async () => {
    const { client } = await TestClient.start(undefined);
    expect(await client.stop()).toBe(0);
  });

  it("exits when the client's stdin closes", async () => {
    const { client } = await TestClient.start(undefined);
    client.process.stdin.end();
    const code = await Promise.race([client.exited, new Promise((resolve) => setTimeout(() => resolve("still running"), 5000))]);
    expect(code).not.toBe("still running");
    client.kill();
  });

  it("shows work-done progress while indexing a large workspace", async () => {
    const extra: Record<string, string> = {};
    for (let i = 0; i < 60; i++) extra[`mange/avtale-${i}.hfa`] = BASE.replace("avtale LspTest", `avtale Mange${i}`);
    const ws = makeWorkspace(extra);
    const { client } = await TestClient.start(ws.root);
    try {
      await client.waitForDiagnostics(ws.uri("mange/avtale-59.hfa"), (d) => d.length > 0);
      const kinds = client.progress.map((p) => (p as { value?: { kind?: string } }).value?.kind);
      expect(kinds[0]).toBe("begin");
      expect(kinds.at(-1)).toBe("end");
    } finally {
      await client.stop();
      ws.dispose();
    }
  });
});
