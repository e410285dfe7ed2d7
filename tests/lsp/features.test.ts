/**
 * The language features over real JSON-RPC, on the sample workspace: what
 * an editor shows at concrete positions. (The per-feature logic is tested
 * in its own suite; here: that each request reaches it with the right
 * document and offset, and that its answer comes back in the right places.)
 */
import { CompletionItemKind } from "vscode-languageserver-protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CompletionItem, DocumentSymbol, FoldingRange, Hover, Location, SelectionRange, SemanticTokens, SymbolInformation, WorkspaceEdit } from "vscode-languageserver-protocol";
import { editsFor, makeWorkspace, TestClient } from "./client.js";

describe("language features over LSP", () => {
  const ws = makeWorkspace();
  const AGREEMENT = ws.uri("avtaler/eldreteam-romsdal.hfa");
  const SHARED = ws.uri("felles/helsefellesskap-more-og-romsdal.hfa");
  const text = ws.text("avtaler/eldreteam-romsdal.hfa");
  const lines = text.split("\n");
  const sharedLines = ws.text("felles/helsefellesskap-more-og-romsdal.hfa").split("\n");
  /** Position of `needle` (plus `delta` characters) on the first line containing it. */
  const pos = (needle: string, delta = 0, within = lines) => {
    const line = within.findIndex((l) => l.includes(needle));
    return { line, character: within[line]!.indexOf(needle) + delta };
  };
  const doc = { textDocument: { uri: AGREEMENT } };
  /** Lines that use `Aukra` as a name (not in a comment or a string). */
  const aukraLines = lines.map((l, i) => (!l.trimStart().startsWith("//") && /\bAukra\b/.test(l.replace(/"[^"]*("|$)/g, "")) ? i : -1)).filter((i) => i >= 0);
  let client: TestClient;

  beforeAll(async () => {
    client = (await TestClient.start(ws.root)).client;
    client.open(AGREEMENT, text);
    await client.waitForDiagnostics(AGREEMENT, (d) => d.length > 0);
  });
  afterAll(async () => {
    await client?.stop();
    ws.dispose();
  });

  it("hover shows what a name is and the official wording of a purpose", async () => {
    const party = await client.request<Hover>("textDocument/hover", { ...doc, position: pos("Aukra", 2) });
    expect(JSON.stringify(party.contents)).toContain("Aukra kommune");
    expect(party.range).toEqual({ start: pos("Aukra"), end: pos("Aukra", 5) });
    const purpose = await client.request<Hover>("textDocument/hover", { ...doc, position: pos("formål samhandling", 8) });
    expect(JSON.stringify(purpose.contents)).toContain("styrke samhandlingen mellom spesialisthelsetjenesten");
  });

  it("snippets at a clause start, unless initializationOptions.snippets is false (the VS Code client)", async () => {
    // A new empty line after `periode …`: the start of a clause.
    const at = { line: pos("periode").line + 1, character: 0 };
    const edited = lines.map((l, i) => (i === at.line ? "\n" + l : l)).join("\n");
    client.replaceAll(AGREEMENT, edited);
    const withSnippets = await client.request<CompletionItem[]>("textDocument/completion", { ...doc, position: at });
    expect(withSnippets.some((i) => i.kind === CompletionItemKind.Snippet)).toBe(true);
    client.replaceAll(AGREEMENT, text);

    const plain = (await TestClient.start(ws.root, { initializationOptions: { snippets: false } })).client;
    try {
      plain.open(AGREEMENT, edited);
      const items = await plain.request<CompletionItem[]>("textDocument/completion", { ...doc, position: at });
      expect(items.length).toBeGreaterThan(0);
      expect(items.filter((i) => i.kind === CompletionItemKind.Snippet)).toEqual([]);
    } finally {
      await plain.stop();
    }
  });

  it("completion after `parter` offers the helsefellesskap's members", async () => {
    const edited = text.replace("  parter HMR, Molde, Hustadvika, Aukra", "  parter HMR, ");
    client.replaceAll(AGREEMENT, edited);
    const items = await client.request<CompletionItem[]>("textDocument/completion", { ...doc, position: { line: pos("parter HMR").line, character: "  parter HMR, ".length } });
    const labels = items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(["Molde", "Hustadvika", "Aukra", "Kristiansund"]));
    client.replaceAll(AGREEMENT, text);
  });

  it("definition and references find the kommune across files", async () => {
    const declared = { uri: SHARED, range: { start: pos("kommune Aukra", 8, sharedLines), end: pos("kommune Aukra", 13, sharedLines) } };
    const definition = await client.request<Location[]>("textDocument/definition", { ...doc, position: pos("Aukra", 1) });
    expect(definition).toEqual([declared]);
    const references = await client.request<Location[]>("textDocument/references", { ...doc, position: pos("Aukra", 1), context: { includeDeclaration: true } });
    expect(references).toContainEqual(declared);
    const inAgreement = references.filter((r) => r.uri === AGREEMENT).map((r) => r.range.start.line);
    expect(inAgreement.sort((a, b) => a - b)).toEqual(aukraLines);
    const withoutDeclaration = await client.request<Location[]>("textDocument/references", { ...doc, position: pos("Aukra", 1), context: { includeDeclaration: false } });
    expect(withoutDeclaration).not.toContainEqual(declared);
  });

  it("rename edits the declaration and every use, and the workspace checks clean afterwards", async () => {
    const prepared = await client.request<{ range: unknown; placeholder: string }>("textDocument/prepareRename", { ...doc, position: pos("Aukra", 1) });
    expect(prepared.placeholder).toBe("Aukra");
    const edit = await client.request<WorkspaceEdit>("textDocument/rename", { ...doc, position: pos("Aukra", 1), newName: "AukraKommune" });
    const sharedEdits = editsFor(edit, SHARED);
    const agreementEdits = editsFor(edit, AGREEMENT);
    expect(sharedEdits).toHaveLength(1);
    expect(agreementEdits.map((e) => e.range.start.line).sort((a, b) => a - b)).toEqual(aukraLines);
    client.open(SHARED, ws.text("felles/helsefellesskap-more-og-romsdal.hfa"));
    const renamedShared = client.applyEdits(SHARED, sharedEdits);
    const renamedAgreement = client.applyEdits(AGREEMENT, agreementEdits);
    expect(renamedShared).toContain("kommune AukraKommune ");
    expect(renamedAgreement).toContain("parter HMR, Molde, Hustadvika, AukraKommune");
    const after = await client.waitForDiagnostics(AGREEMENT, (d) => d.every((x) => x.severity === 3 || x.severity === 4));
    expect(after.map((d) => d.code)).not.toContain("HFA101");
    client.replaceAll(AGREEMENT, text);
    client.close(SHARED);
    await client.waitForDiagnostics(AGREEMENT, (d) => d.length > 0 && d.every((x) => x.severity === 3 || x.severity === 4));
  });

  it("rename of a keyword is refused with a reason", async () => {
    await expect(client.request("textDocument/prepareRename", { ...doc, position: pos("parter", 1) })).rejects.toThrow(/nøkkelord/);
  });

  it("document and workspace symbols, folding, selection ranges, semantic tokens", async () => {
    const symbols = await client.request<DocumentSymbol[]>("textDocument/documentSymbol", doc);
    expect(symbols.map((s) => s.name)).toEqual(["EldreteamRomsdal"]);
    expect(symbols[0]!.range.start.line).toBe(pos("avtale EldreteamRomsdal").line);
    const found = await client.request<SymbolInformation[]>("workspace/symbol", { query: "Eldreteam" });
    expect(found.some((s) => s.name === "EldreteamRomsdal" && s.location.uri === AGREEMENT)).toBe(true);
    const folds = await client.request<FoldingRange[]>("textDocument/foldingRange", doc);
    expect(folds.some((f) => f.startLine === pos("avtale EldreteamRomsdal").line)).toBe(true);
    const selection = await client.request<SelectionRange[]>("textDocument/selectionRange", { ...doc, positions: [pos("Aukra", 1)] });
    expect(selection).toHaveLength(1);
    expect(selection[0]!.range.start).toEqual(pos("Aukra"));
    const tokens = await client.request<SemanticTokens>("textDocument/semanticTokens/full", doc);
    expect(tokens.data.length % 5).toBe(0);
    expect(tokens.data.length).toBeGreaterThan(50);
  });

  it("code lenses, inlay hints and the balance view data", async () => {
    const lenses = await client.request<unknown[]>("textDocument/codeLens", doc);
    expect(Array.isArray(lenses)).toBe(true);
    const hints = await client.request<unknown[]>("textDocument/inlayHint", { ...doc, range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: 0 } } });
    expect(Array.isArray(hints)).toBe(true);
    const balance = await client.request<{ agreement: string; horizon: number; parties: { party: string; atHorizon: number }[] }>("hfa/balance", { ...doc, position: pos("avtale", 8) });
    expect(balance.agreement).toBe("EldreteamRomsdal");
    expect(balance.horizon).toBe(2031);
    expect(balance.parties.map((p) => [p.party, Math.round(p.atHorizon)])).toEqual([
      ["HMR", 3_756_000],
      ["Molde", 110_000],
      ["Hustadvika", -1_029_000],
      ["Aukra", -474_750],
    ]);
  });
});
