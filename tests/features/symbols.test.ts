import { SymbolKind, type DocumentSymbol, type SelectionRange } from "vscode-languageserver";
import { describe, expect, it } from "vitest";
import { features } from "../../server/src/lsp/features/index.js";
import { load, loadSamples, offsetOf, SPEC_EXAMPLE } from "./helpers.js";

const MR = "file:///ws/felles/helsefellesskap-more-og-romsdal.hfa";
const SUNNMORE = "file:///ws/avtaler/jordmor-sore-sunnmore.hfa";

function names(symbols: readonly DocumentSymbol[] | undefined): string[] {
  return (symbols ?? []).map((s) => s.name);
}

function within(outer: DocumentSymbol): boolean {
  const r = outer.range;
  const s = outer.selectionRange;
  const before = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(r.start, s.start) && before(s.end, r.end) && (outer.children ?? []).every((c) => before(r.start, c.range.start) && before(c.range.end, r.end) && within(c));
}

describe("document symbols", () => {
  const samples = loadSamples();

  it("outlines a helsefellesskap: helseforetak → sykehus, kommuner, grupper", () => {
    const [community] = features.documentSymbols(samples.ctx(MR));
    expect(community!.name).toBe("MøreRomsdal");
    expect(community!.kind).toBe(SymbolKind.Namespace);
    expect(community!.detail).toBe("Helsefellesskapet i Møre og Romsdal");
    const hmr = community!.children!.find((c) => c.name === "HMR")!;
    expect(hmr.kind).toBe(SymbolKind.Class);
    expect(names(hmr.children)).toEqual(["ÅSH", "MSH", "KSU", "VSH"]);
    expect(hmr.children![0]!.detail).toBe("Ålesund sjukehus – stort akuttsykehus");
    const kristiansund = community!.children!.find((c) => c.name === "Kristiansund")!;
    expect(kristiansund.kind).toBe(SymbolKind.Module);
    expect(kristiansund.detail).toBe("Kristiansund kommune (1505)");
    expect(community!.children!.find((c) => c.name === "EldreMedRus")!.kind).toBe(SymbolKind.EnumMember);
    expect(within(community!)).toBe(true);
  });

  it("outlines rates, schemes with their frames and agreements with their clauses", () => {
    const spec = load({ "file:///spec.hfa": SPEC_EXAMPLE });
    const outline = features.documentSymbols(spec.ctx("file:///spec.hfa"));
    expect(names(outline)).toEqual(["MøreRomsdal", "StOlav", "NordreTrøndelag", "Barselsdøgn", "RST", "JordmorNordmøre"]);
    expect(outline[3]!.detail).toBe("Kostnad per liggedøgn barsel – 6 500 kr per døgn");
    expect(names(outline[4]!.children)).toEqual(["ramme 2025", "ramme 2026", "ramme 2027", "fordeling"]);
    expect(outline[4]!.children![0]!.detail).toBe("16 200 000 kr");
    expect(names(outline[4]!.children![3]!.children)).toEqual(["MøreRomsdal", "StOlav", "NordreTrøndelag"]);
    const agreement = outline[5]!;
    expect(agreement.detail).toBe("Kombinerte jordmorstillinger på Nordmøre");
    const children = names(agreement.children);
    expect(children.slice(0, 3)).toEqual(["helsefellesskap MøreRomsdal", "parter", "periode"]);
    expect(children).toContain("tiltak Stillinger");
    expect(children).toContain("innsats Kristiansund");
    const measure = agreement.children!.find((c) => c.name === "tiltak Stillinger")!;
    expect(names(measure.children)).toEqual(["formål samhandling, rekruttering", "stilling «Jordmor Kristiansund»", "stilling «Jordmor Averøy»"]);
    const balance = agreement.children!.find((c) => c.name === "balanse")!;
    expect(names(balance.children)).toEqual(["horisont 2030", "overføring HMR → Averøy"]);
    expect(balance.children![1]!.detail).toBe("60 000 kr per år (2026–2030)");
    expect(agreement.children!.find((c) => c.name === "innsats HMR")!.detail).toBe("360 000 kr per år (2025–2030)");
    expect(outline.every(within)).toBe(true);
  });

  it("keeps an outline for a broken file", () => {
    const uri = "file:///ws/brutt.hfa";
    const loaded = load({ [uri]: `avtale A "a" {\n  periode 2025 til\n  tiltak T "t" {\n    stilling "s" 1 årsverk:\n` });
    const [agreement] = features.documentSymbols(loaded.ctx(uri));
    expect(agreement!.name).toBe("A");
    expect(names(agreement!.children)).toEqual(["periode", "tiltak T"]);
    expect(agreement!.children![0]!.detail).toBe("(ufullstendig)");
    expect(within(agreement!)).toBe(true);
  });
});

describe("workspace symbols", () => {
  const samples = loadSamples();
  const search = (query: string) => features.workspaceSymbols(samples.workspace.analyze(), samples.workspace, query);

  it("matches case-insensitively and fuzzily, best matches first", () => {
    expect(search("hmr")[0]!.name).toBe("HMR");
    expect(search("HMR")[0]!.containerName).toBe("MøreRomsdal");
    const jordmor = search("jordm").map((s) => s.name);
    expect(jordmor).toEqual(expect.arrayContaining(["Jordmorårsverk", "JordmorSøreSunnmøre"]));
    expect(search("krsnd").map((s) => s.name)).toContain("Kristiansund");
    expect(search("zzzz")).toEqual([]);
    const ksu = search("KSU")[0]!;
    expect(ksu.location.uri).toBe(MR);
    expect(ksu.kind).toBe(SymbolKind.Struct);
    expect(ksu.containerName).toBe("MøreRomsdal.HMR");
    expect(search("").length).toBeGreaterThan(100);
  });
});

describe("folding ranges", () => {
  it("folds blocks, multi-line strings and runs of comments", () => {
    const source = SUNNMORE;
    const samples = loadSamples();
    const text = samples.text(source);
    const ranges = features.foldingRanges(samples.ctx(source));
    const line = (needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length - 1;
    // The comment run at the top of the file.
    expect(ranges).toContainEqual({ startLine: 0, endLine: 3, kind: "comment" });
    // The agreement's block, up to the line before its `}`.
    const closing = text.split("\n").findIndex((l) => l === "}");
    expect(ranges).toContainEqual({ startLine: line("avtale JordmorSøreSunnmøre"), endLine: closing - 1 });
    // A measure block and the balance block.
    expect(ranges).toContainEqual({ startLine: line("tiltak Stillinger"), endLine: line("tiltak Stillinger") + 4 });
    expect(ranges).toContainEqual({ startLine: line("balanse {"), endLine: line("balanse {") + 5 });
    // A string over three lines.
    expect(ranges).toContainEqual({ startLine: line('formål personell "'), endLine: line('formål personell "') + 2 });
    for (const range of ranges) expect(range.endLine).toBeGreaterThan(range.startLine);
  });
});

describe("selection ranges", () => {
  it("expands name → clause → block → declaration → file", () => {
    const spec = load({ "file:///spec.hfa": SPEC_EXAMPLE });
    const ctx = spec.ctx("file:///spec.hfa");
    const [selection] = features.selectionRanges(ctx, [offsetOf(SPEC_EXAMPLE, "parter HMR, Kristiansund", 15)]);
    const texts: string[] = [];
    const lines = SPEC_EXAMPLE.split("\n");
    const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    for (let s: SelectionRange | undefined = selection; s; s = s.parent) texts.push(SPEC_EXAMPLE.slice(offset(s.range.start), offset(s.range.end)));
    expect(texts[0]).toBe("Kristiansund");
    expect(texts[1]).toBe("parter HMR, Kristiansund, Averøy");
    expect(texts[2]!.startsWith("{")).toBe(true);
    expect(texts[3]!.startsWith("avtale JordmorNordmøre")).toBe(true);
    expect(texts[texts.length - 1]).toBe(SPEC_EXAMPLE);
    // Inside a flow: number → money → value → flow → clause.
    const [flow] = features.selectionRanges(ctx, [offsetOf(SPEC_EXAMPLE, "900 000 kr per år til 2030 \"Økt", 1)]);
    const flowTexts: string[] = [];
    for (let s: SelectionRange | undefined = flow; s; s = s.parent) flowTexts.push(SPEC_EXAMPLE.slice(offset(s.range.start), offset(s.range.end)));
    expect(flowTexts.slice(0, 5)).toEqual(["900 000", "900 000 kr", "0,4 årsverk à 900 000 kr", "0,4 årsverk à 900 000 kr per år til 2030", 'innsats HMR 0,4 årsverk à 900 000 kr per år til 2030 "Økt stillingsandel, videreført i drift"']);
  });
});
