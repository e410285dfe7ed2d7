/**
 * What a secretariat notices in the editor, over real JSON-RPC against the
 * bundled server: positions out of range are clamped as the LSP
 * specification says, the light bulb offers fixes first and one «Unnta …»
 * per warning (never for information), «Fiks alt» applies the notation fixes,
 * placeholders become tab stops for a client that takes snippet edits, good
 * news (HFA503) is a hint, and rule links follow `docs.baseUrl`.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, Hover, InlayHint, TextEdit } from "vscode-languageserver-protocol";
import { placeholdersOf, toSnippet } from "../../server/src/lsp/codeActions.js";
import { editsFor, makeWorkspace, ROOT, TestClient } from "./client.js";

const BASE = readFileSync(`${ROOT}/tests/lsp/fixtures/lsp-test.hfa`, "utf8");
const codes = (list: readonly Diagnostic[]) => list.map((d) => String(d.code));
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle));

/** Labels of a completion answer. */
const labels = (answer: CompletionItem[] | CompletionList | null) => (Array.isArray(answer) ? answer : answer?.items ?? []).map((i) => i.label).sort();

describe("positions outside the document are clamped (LSP specification)", () => {
  // A line that ends in a name (hover) and a badly formatted clause (range formatting).
  const TEXT = BASE.replace("  parter HMR, Molde", "  parter HMR,   Molde");
  const ws = makeWorkspace({ "avtaler/lsp-test.hfa": TEXT });
  const uri = ws.uri("avtaler/lsp-test.hfa");
  let client: TestClient;
  const lines = TEXT.split("\n");
  const last = lines.length - 1;
  const parties = lineOf(TEXT, "parter HMR");

  beforeAll(async () => {
    client = (await TestClient.start(ws.root)).client;
    client.open(uri, TEXT);
    await client.waitForDiagnostics(uri, (d) => d.length > 0);
  });
  afterAll(async () => {
    await client?.stop();
    ws.dispose();
  });

  it("hover and definition: a character past the line's end means the line's end", async () => {
    for (let line = 0; line < lines.length; line++) {
      const end = lines[line]!.length;
      const atEnd = await client.request<Hover | null>("textDocument/hover", { textDocument: { uri }, position: { line, character: end } });
      const past = await client.request<Hover | null>("textDocument/hover", { textDocument: { uri }, position: { line, character: end + 999 } });
      expect(past, `line ${line + 1}`).toEqual(atEnd);
    }
    // The cursor after the last word of a line is on that word: «Molde» at the end of the parties line.
    const definition = await client.request<unknown[]>("textDocument/definition", { textDocument: { uri }, position: { line: parties, character: 999 } });
    expect(definition.length).toBe(1);
    expect(JSON.stringify(definition)).toContain("felles");
    const beyondLast = await client.request<unknown>("textDocument/documentHighlight", { textDocument: { uri }, position: { line: parties, character: 999 } });
    expect(Array.isArray(beyondLast) && beyondLast.length > 0).toBe(true);
  });

  it("inlay hints over “the whole buffer” (a line past the end) are the hints of the whole text", async () => {
    // An agreement with `à` flows, which have hints.
    const jordmor = ws.uri("avtaler/jordmor-sore-sunnmore.hfa");
    const text = ws.text("avtaler/jordmor-sore-sunnmore.hfa");
    client.open(jordmor, text);
    const all = text.split("\n");
    const exact = await client.request<InlayHint[]>("textDocument/inlayHint", {
      textDocument: { uri: jordmor },
      range: { start: { line: 0, character: 0 }, end: { line: all.length - 1, character: all[all.length - 1]!.length } },
    });
    expect(exact.length).toBeGreaterThan(0);
    for (const end of [{ line: 99_999, character: 0 }, { line: 99_999, character: 99_999 }, { line: all.length - 1, character: 999 }]) {
      const whole = await client.request<InlayHint[]>("textDocument/inlayHint", { textDocument: { uri: jordmor }, range: { start: { line: 0, character: 0 }, end } });
      expect(whole, JSON.stringify(end)).toEqual(exact);
    }
    client.close(jordmor);
  });

  it("range formatting to character 999 formats the whole line", async () => {
    const edits = await client.request<TextEdit[]>("textDocument/rangeFormatting", {
      textDocument: { uri },
      range: { start: { line: parties, character: 0 }, end: { line: parties, character: 999 } },
      options: { tabSize: 2, insertSpaces: true },
    });
    expect(edits.length).toBeGreaterThan(0);
    expect(client.applyEdits(uri, edits).split("\n")[parties]).toBe("  parter HMR, Molde");
    client.replaceAll(uri, TEXT);
  });

  it("completion past the line's end answers as at the line's end; a line past the end means the document's end", async () => {
    const end = lines[parties]!.length;
    const atEnd = await client.request<CompletionItem[] | CompletionList>("textDocument/completion", { textDocument: { uri }, position: { line: parties, character: end } });
    const past = await client.request<CompletionItem[] | CompletionList>("textDocument/completion", { textDocument: { uri }, position: { line: parties, character: end + 50 } });
    expect(labels(past)).toEqual(labels(atEnd));
    expect(labels(atEnd).length).toBeGreaterThan(0);
    const docEnd = await client.request<CompletionItem[] | CompletionList>("textDocument/completion", { textDocument: { uri }, position: { line: last, character: lines[last]!.length } });
    const beyond = await client.request<CompletionItem[] | CompletionList>("textDocument/completion", { textDocument: { uri }, position: { line: last + 40, character: 3 } });
    expect(labels(beyond)).toEqual(labels(docEnd));
  });

  it("what is no position at all (negative, not a number) still gets an empty answer", async () => {
    expect(await client.request("textDocument/hover", { textDocument: { uri }, position: { line: -1, character: 0 } })).toBeNull();
    expect(await client.request("textDocument/hover", { textDocument: { uri }, position: { line: 2, character: 1.5 } })).toBeNull();
    expect(await client.request("textDocument/inlayHint", { textDocument: { uri }, range: { start: { line: 0, character: -4 }, end: { line: 3, character: 0 } } })).toEqual([]);
  });
});

describe("the light bulb", () => {
  // Two warnings on the agreement's name (HFA604, and HFA303 … whatever the text gives), information beside them.
  const WARNINGS = BASE.replace(/  indikator .*\n/, "").replace("behandling Molde kommunestyre", "behandling Molde styre");
  const NOTATION = BASE.replace("innsats HMR 500 000 kr", "innsats HMR 500.000 kr")
    .replace("innsats Molde 400 000 kr", "innsats Molde 400.000 kr")
    .replace("behandling HMR styre 2025-02-12", "behandling HMR styre 12.02.2025");
  const ws = makeWorkspace({ "avtaler/lsp-test.hfa": BASE });
  const uri = ws.uri("avtaler/lsp-test.hfa");
  let client: TestClient;

  const actionsAt = (diagnostics: Diagnostic[], only?: string[]) =>
    client.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: diagnostics[0]!.range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });

  beforeAll(async () => {
    client = (await TestClient.start(ws.root)).client;
    client.open(uri, BASE);
    await client.waitForDiagnostics(uri, (d) => d.length > 0);
  });
  afterAll(async () => {
    await client?.stop();
    ws.dispose();
  });

  it("offers no «Unnta» for information, and one per warning under the cursor, with the rule's title in words", async () => {
    client.replaceAll(uri, WARNINGS);
    const list = await client.waitForDiagnostics(uri, (d) => codes(d).includes("HFA604"));
    const onName = list.filter((d) => d.range.start.line === list.find((x) => x.code === "HFA604")!.range.start.line);
    expect(onName.some((d) => d.severity === 3), "information on the agreement's name too").toBe(true);
    // An editor may send the same diagnostic twice (two views of the file): still one entry.
    const actions = await actionsAt([...onName, ...onName]);
    const suppressions = actions.filter((a) => a.title.startsWith("Unnta"));
    const warnings = onName.filter((d) => d.severity === 2);
    expect(suppressions.map((a) => a.title).sort()).toEqual(warnings.map((d) => expect.stringContaining(String(d.code))).sort());
    expect(suppressions).toHaveLength(new Set(warnings.map((d) => d.code)).size);
    for (const info of onName.filter((d) => d.severity === 3)) expect(suppressions.some((a) => a.title.includes(String(info.code)))).toBe(false);
    expect(suppressions.find((a) => a.title.includes("HFA604"))!.title).toMatch(/^Unnta «[^»]+» \(HFA604\) her, med begrunnelse$/);
  });

  it("lists the fixes first, the preferred one first, then «Fiks alt», then the suppressions", async () => {
    client.replaceAll(uri, WARNINGS.replace("innsats HMR 500 000 kr", "innsats HMR 500.000 kr"));
    const list = await client.waitForDiagnostics(uri, (d) => codes(d).includes("HFA607") && codes(d).includes("HFA002"));
    const on607 = list.filter((d) => d.code === "HFA607");
    const actions = await actionsAt(on607);
    const kinds = actions.map((a) => (a.title.startsWith("Unnta") ? "suppress" : "fix"));
    expect(kinds.indexOf("suppress")).toBeGreaterThan(kinds.lastIndexOf("fix"));
    expect(actions[0]!.isPreferred).toBe(true);
    // On a notation error «Fiks alt» follows its own fix.
    const on002 = list.filter((d) => d.code === "HFA002");
    const notation = await actionsAt(on002);
    expect(notation.map((a) => a.kind)).toEqual(["quickfix", "source.fixAll.hfa"]);
  });

  it("«Fiks alt» (source.fixAll.hfa) fixes every number and date notation of the file, and nothing else", async () => {
    client.replaceAll(uri, NOTATION);
    const list = await client.waitForDiagnostics(uri, (d) => codes(d).filter((c) => c === "HFA002").length === 2 && codes(d).includes("HFA003"));
    for (const only of [["source.fixAll"], ["source.fixAll.hfa"], ["source"]]) {
      const actions = await client.request<CodeAction[]>("textDocument/codeAction", {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only },
      });
      expect(actions.map((a) => a.kind), JSON.stringify(only)).toEqual(["source.fixAll.hfa"]);
      expect(actions[0]!.title).toBe("Fiks alt: skriv tall og datoer på norsk måte (3 endringer)");
    }
    const [fixAll] = await client.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: list[0]!.range,
      context: { diagnostics: [], only: ["source.fixAll"] },
    });
    const fixed = client.applyEdits(uri, editsFor(fixAll!.edit, uri));
    expect(fixed).toBe(BASE);
    const after = await client.waitForDiagnostics(uri, (d) => !codes(d).includes("HFA002") && !codes(d).includes("HFA003"));
    expect(codes(after)).not.toContain("HFA001");
    // Nothing to fix: no action at all.
    const none = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri }, range: list[0]!.range, context: { diagnostics: [], only: ["source.fixAll"] } });
    expect(none).toEqual([]);
    // Quick fixes only: no «Fiks alt».
    client.replaceAll(uri, NOTATION);
    const again = await client.waitForDiagnostics(uri, (d) => codes(d).includes("HFA003"));
    const quick = await actionsAt(again.filter((d) => d.code === "HFA003"), ["quickfix"]);
    expect(quick.map((a) => a.kind)).toEqual(["quickfix"]);
    client.replaceAll(uri, BASE);
    await client.waitForDiagnostics(uri, (d) => !codes(d).includes("HFA003"));
  });

  it("gives plain `<…>` text to a client without snippet edits", async () => {
    client.replaceAll(uri, WARNINGS);
    const list = await client.waitForDiagnostics(uri, (d) => codes(d).includes("HFA604"));
    const actions = await actionsAt(list.filter((d) => d.code === "HFA604"));
    const suppress = actions.find((a) => a.title.startsWith("Unnta"))!;
    expect(suppress.edit?.changes?.[uri]?.[0]?.newText).toBe("// hfa-ignore HFA604: <begrunnelse>\n");
    client.replaceAll(uri, BASE);
  });
});

describe("snippet edits for a client that announces snippetEditSupport (LSP 3.18)", () => {
  const WARNINGS = BASE.replace(/  indikator .*\n/, "");
  const ws = makeWorkspace({ "avtaler/lsp-test.hfa": WARNINGS });
  const uri = ws.uri("avtaler/lsp-test.hfa");
  let client: TestClient;

  beforeAll(async () => {
    client = (
      await TestClient.start(ws.root, {
        capabilities: {
          workspace: { workspaceEdit: { documentChanges: true, snippetEditSupport: true }, configuration: false },
          textDocument: { publishDiagnostics: { codeDescriptionSupport: true } },
        },
      })
    ).client;
    client.open(uri, WARNINGS);
  });
  afterAll(async () => {
    await client?.stop();
    ws.dispose();
  });

  it("makes each placeholder a tab stop, for the document's version", async () => {
    const list = await client.waitForDiagnostics(uri, (d) => codes(d).includes("HFA604"));
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: list.find((d) => d.code === "HFA604")!.range,
      context: { diagnostics: list.filter((d) => d.code === "HFA604") },
    });
    const suppress = actions.find((a) => a.title.startsWith("Unnta"))!;
    expect(suppress.edit?.changes).toBeUndefined();
    const [change] = suppress.edit!.documentChanges as { textDocument: { uri: string; version: number | null }; edits: { range: unknown; snippet?: { kind: string; value: string } }[] }[];
    expect(change!.textDocument).toEqual({ uri, version: 1 });
    expect(change!.edits[0]!.snippet).toEqual({ kind: "snippet", value: "// hfa-ignore HFA604: ${1:<begrunnelse>}\n" });
  });

  it("turns the placeholders the analysis marks in a quick fix (HFA401: insert «besparelse») into tab stops", async () => {
    const broken = WARNINGS.replace(/  besparelse .*\n/g, "");
    client.replaceAll(uri, broken);
    const list = await client.waitForDiagnostics(uri, (d) => codes(d).includes("HFA401"));
    const diagnostic = list.find((d) => d.code === "HFA401")!;
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const insert = actions.find((a) => a.isPreferred)!;
    expect(insert.title).toBe("Sett inn «besparelse»-klausul");
    const [change] = insert.edit!.documentChanges as { textDocument: { version: number | null }; edits: { snippet?: { value: string } }[] }[];
    expect(change!.textDocument.version).toBe(2);
    const snippet = change!.edits[0]!.snippet!.value;
    const stops = [...snippet.matchAll(/\$\{(\d+):(<[^>]+>)\}/g)];
    expect(stops.length).toBeGreaterThan(0);
    expect(stops.map((m) => Number(m[1]))).toEqual(stops.map((_, i) => i + 1));
    // Every `<…>` of the clause is a tab stop, and nothing else is snippet syntax.
    expect(snippet.replace(/\$\{\d+:(<[^>]+>)\}/g, "$1")).not.toMatch(/\$\{|\$\d/);
    expect(snippet.replace(/\$\{\d+:(<[^>]+>)\}/g, "")).not.toMatch(/<[^>]*\p{L}[^>]*>/u);
    client.replaceAll(uri, WARNINGS);
  });
});

describe("good news and rule links", () => {
  const ws = makeWorkspace({ "avtaler/lsp-test.hfa": BASE });
  const uri = ws.uri("avtaler/lsp-test.hfa");
  afterAll(() => ws.dispose());

  it("publishes HFA503 (a small hospital's catchment) as a hint, other information as information", async () => {
    const { client } = await TestClient.start(ws.root);
    try {
      const list = await client.waitForDiagnostics(ws.uri("avtaler/jordmor-sore-sunnmore.hfa"), (d) => d.length > 0);
      const all = [...client.diagnostics.values()].flat();
      const goodNews = all.filter((d) => d.code === "HFA503");
      expect(goodNews.length, "HFA503 somewhere in the samples").toBeGreaterThan(0);
      for (const d of goodNews) expect(d.severity).toBe(4);
      expect(list.find((d) => d.code === "HFA404")!.severity).toBe(3);
    } finally {
      await client.stop();
    }
  });

  /** The server started on the workspace with an hfa.json whose docs.baseUrl is `baseUrl` (removed afterwards). */
  async function withDocsBaseUrl(baseUrl: string, run: (client: TestClient) => Promise<void>): Promise<void> {
    writeFileSync(ws.path("hfa.json"), JSON.stringify({ docs: { baseUrl } }));
    const { client } = await TestClient.start(ws.root);
    try {
      await run(client);
    } finally {
      await client.stop();
      rmSync(ws.path("hfa.json"));
    }
  }

  it("links rule codes to docs.baseUrl when hfa.json sets it", () =>
    withDocsBaseUrl("https://hfa.example.org/regler", async (client) => {
      client.open(uri, BASE);
      const list = await client.waitForDiagnostics(uri, (d) => d.length > 0);
      for (const d of list) expect(d.codeDescription?.href).toBe(`https://hfa.example.org/regler/${d.code}.md`);
    }));

  it("follows docs.baseUrl when hfa.json changes while the server runs", () =>
    withDocsBaseUrl("https://hfa.example.org/regler", async (client) => {
      const sample = ws.uri("avtaler/jordmor-sore-sunnmore.hfa");
      const before = await client.waitForDiagnostics(sample, (d) => d.length > 0);
      expect(before[0]!.codeDescription?.href).toBe(`https://hfa.example.org/regler/${before[0]!.code}.md`);
      // The open hfa.json is the configuration from now on: a document first published after it gets its links.
      client.open(ws.uri("hfa.json"), JSON.stringify({ docs: { baseUrl: "https://andre.example.org/hfa/" } }), "json");
      const added = ws.uri("avtaler/ny-avtale.hfa");
      client.open(added, BASE.replace(/^avtale (\S+)/m, "avtale $1Ny"));
      const list = await client.waitForDiagnostics(added, (d) => d.length > 0);
      for (const d of list) expect(d.codeDescription?.href).toBe(`https://andre.example.org/hfa/${d.code}.md`);
    }));

  it("publishes every file again when only docs.baseUrl changed: same diagnostics, new rule links", () =>
    withDocsBaseUrl("https://hfa.example.org/regler", async (client) => {
      const sample = ws.uri("avtaler/jordmor-sore-sunnmore.hfa");
      const before = await client.waitForDiagnostics(sample, (d) => d.length > 0);
      // Nothing the analysis reads changes: only the links of every file already published.
      client.open(ws.uri("hfa.json"), JSON.stringify({ docs: { baseUrl: "https://andre.example.org/hfa/" } }), "json");
      const after = await client.waitForDiagnostics(sample, (d) => d.length > 0 && d[0]!.codeDescription?.href?.startsWith("https://andre.example.org/") === true);
      expect(after.map((d) => [d.code, d.message, d.range])).toEqual(before.map((d) => [d.code, d.message, d.range]));
      for (const d of after) expect(d.codeDescription?.href).toBe(`https://andre.example.org/hfa/${d.code}.md`);
    }));
});

describe("placeholders as snippet tab stops", () => {
  it("uses the spans the analysis marks, else every `<…>`, and escapes snippet syntax around them", () => {
    const edit = { start: 0, end: 0, newText: 'innsats <part> <beløp> kr per år "$ {x} \\ <hva>"' };
    expect(placeholdersOf(edit).map((p) => edit.newText.slice(p.start, p.end))).toEqual(["<part>", "<beløp>", "<hva>"]);
    expect(toSnippet(edit.newText, placeholdersOf(edit), 2)).toBe('innsats ${3:<part>} ${4:<beløp>} kr per år "\\$ {x\\} \\\\ ${5:<hva>}"');
    // Marked spans win (here only the amount), and bad ones are dropped.
    const marked = { ...edit, placeholders: [{ start: 15, end: 22 }, { start: 40, end: 999 }] };
    expect(placeholdersOf(marked).map((p) => marked.newText.slice(p.start, p.end))).toEqual(["<beløp>"]);
    expect(placeholdersOf({ start: 0, end: 0, newText: "1 200 000 kr <3>" })).toEqual([]);
  });
});
