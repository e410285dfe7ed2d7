import type { Location, TextEdit, WorkspaceEdit } from "vscode-languageserver";
import { describe, expect, it } from "vitest";
import { PRELUDE_URI } from "../../server/src/analysis/prelude.js";
import { features } from "../../server/src/lsp/features/index.js";
import { load, loadSamples, offsetOf, positionAt, SPEC_EXAMPLE, type Loaded } from "./helpers.js";

const SUNNMORE = "file:///ws/avtaler/jordmor-sore-sunnmore.hfa";
const MR = "file:///ws/felles/helsefellesskap-more-og-romsdal.hfa";
const SCHEMES = "file:///ws/felles/tilskudd-hmn.hfa";

/** The source text a location covers. */
function textAt(loaded: Loaded, location: Location): string {
  const text = location.uri === PRELUDE_URI ? features.preludeDocument().text : loaded.text(location.uri);
  const lines = text.split("\n");
  let offset = 0;
  for (let i = 0; i < location.range.start.line; i++) offset += lines[i]!.length + 1;
  const start = offset + location.range.start.character;
  offset = 0;
  for (let i = 0; i < location.range.end.line; i++) offset += lines[i]!.length + 1;
  return text.slice(start, offset + location.range.end.character);
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const toOffset = (p: { line: number; character: number }) => {
    const lines = text.split("\n");
    let offset = 0;
    for (let i = 0; i < p.line; i++) offset += lines[i]!.length + 1;
    return offset + p.character;
  };
  const sorted = [...edits].sort((a, b) => toOffset(b.range.start) - toOffset(a.range.start));
  let out = text;
  for (const edit of sorted) out = out.slice(0, toOffset(edit.range.start)) + edit.newText + out.slice(toOffset(edit.range.end));
  return out;
}

describe("definition", () => {
  const samples = loadSamples();
  const source = samples.text(SUNNMORE);
  const ctx = samples.ctx(SUNNMORE);

  it("goes to a declaration in another file", () => {
    const [location] = features.definition(ctx, offsetOf(source, "parter HMR", 8));
    expect(location!.uri).toBe(MR);
    expect(textAt(samples, location!)).toBe("HMR");
    expect(location!.range.start).toEqual(positionAt(samples.text(MR), offsetOf(samples.text(MR), "helseforetak HMR", 13)));
    const [rate] = features.definition(ctx, offsetOf(source, "à Barselsdøgn", 5));
    expect(rate!.uri).toBe("file:///ws/felles/satser.hfa");
    expect(textAt(samples, rate!)).toBe("Barselsdøgn");
    // With the cursor just after the name.
    expect(features.definition(ctx, offsetOf(source, "tilskudd RST", 12))[0]!.uri).toBe(SCHEMES);
  });

  it("goes to a built-in in the prelude document", () => {
    const [purpose] = features.definition(ctx, offsetOf(source, "formål personell \"", 9));
    expect(purpose!.uri).toBe(PRELUDE_URI);
    expect(textAt(samples, purpose!)).toBe("personell");
    const [group] = features.definition(ctx, offsetOf(source, "svangerskap-fødsel-barsel", 4));
    expect(group!.uri).toBe(PRELUDE_URI);
    expect(textAt(samples, group!)).toBe("svangerskap-fødsel-barsel");
    const prelude = features.preludeDocument();
    expect(prelude.uri).toBe(PRELUDE_URI);
    expect(prelude.text).toContain("formål samhandling");
  });

  it("gives nothing on keywords, numbers and strings", () => {
    expect(features.definition(ctx, offsetOf(source, "innsats HMR", 2))).toEqual([]);
    expect(features.definition(ctx, offsetOf(source, "120 000 kr", 1))).toEqual([]);
    expect(features.definition(ctx, offsetOf(source, '"Kombinerte', 3))).toEqual([]);
  });
});

describe("references and highlights", () => {
  const samples = loadSamples();
  const source = samples.text(SUNNMORE);
  const ctx = samples.ctx(SUNNMORE);

  it("finds every use of a scheme across files, with or without its declaration", () => {
    const without = features.references(ctx, offsetOf(source, "tilskudd RST", 10), false);
    const uris = [...new Set(without.map((l) => l.uri))].sort();
    expect(uris.length).toBe(7); // every agreement in samples/avtaler draws on RST
    expect(without.every((l) => textAt(samples, l) === "RST")).toBe(true);
    const withDecl = features.references(ctx, offsetOf(source, "tilskudd RST", 10), true);
    expect(withDecl.length).toBe(without.length + 1);
    expect(withDecl.some((l) => l.uri === SCHEMES)).toBe(true);
  });

  it("finds a helsefellesskap in agreements and in a scheme's distribution, from its declaration", () => {
    const mr = samples.text(MR);
    const found = features.references(samples.ctx(MR), offsetOf(mr, "helsefellesskap MøreRomsdal", 17), true);
    expect(found.some((l) => l.uri === SCHEMES)).toBe(true);
    expect(found.some((l) => l.uri === SUNNMORE)).toBe(true);
    expect(found.some((l) => l.uri === MR)).toBe(true);
  });

  it("finds every use of a built-in purpose", () => {
    const found = features.references(ctx, offsetOf(source, "formål personell \"", 9), true);
    expect(found[0]!.uri).toBe(PRELUDE_URI);
    expect(found.filter((l) => l.uri === SUNNMORE).length).toBe(2); // `formål personell` and in the measure
  });

  it("highlights a name's uses in the file, the declaration as a write", () => {
    const spec = load({ "file:///spec.hfa": SPEC_EXAMPLE });
    const c = spec.ctx("file:///spec.hfa");
    const highlights = features.documentHighlight(c, offsetOf(SPEC_EXAMPLE, "kommune Averøy", 9));
    // Declaration, parter, stilling share, innsats, tilskudd share, besparelse, overføring, behandling.
    expect(highlights.length).toBe(8);
    expect(highlights.filter((h) => h.kind === 3).length).toBe(1);
    expect(features.documentHighlight(c, offsetOf(SPEC_EXAMPLE, "periode", 2))).toEqual([]);
  });
});

describe("rename", () => {
  it("refuses keywords, built-ins and unknown names with a clear message", () => {
    const samples = loadSamples();
    const source = samples.text(SUNNMORE);
    const ctx = samples.ctx(SUNNMORE);
    const keyword = features.prepareRename(ctx, offsetOf(source, "innsats HMR", 2));
    expect(keyword).toEqual({ error: expect.stringContaining("«innsats» er et nøkkelord") });
    const builtin = features.prepareRename(ctx, offsetOf(source, "formål personell \"", 9));
    expect(builtin).toEqual({ error: expect.stringContaining("«personell» er innebygd (formål, docs/language.md §4)") });
    const en = features.prepareRename(samples.ctx(SUNNMORE, "en"), offsetOf(source, "svangerskap-fødsel-barsel", 3));
    expect(en).toEqual({ error: expect.stringContaining("is a built-in national priority group") });
    expect(features.rename(ctx, offsetOf(source, "innsats HMR", 2), "x")).toEqual({ error: expect.stringContaining("nøkkelord") });
    const uri = "file:///ws/avtaler/ukjent.hfa";
    const unknown = `avtale U "u" {\n  parter Ukjentby\n}\n`;
    const withUnknown = loadSamples({ [uri]: unknown });
    expect(features.prepareRename(withUnknown.ctx(uri), offsetOf(unknown, "Ukjentby", 1))).toEqual({ error: expect.stringContaining("ukjent navn") });
    expect(features.prepareRename(ctx, offsetOf(source, '"Kombinerte', 3))).toBeNull();
  });

  it("prepares the range and placeholder of a name", () => {
    const samples = loadSamples();
    const source = samples.text(SUNNMORE);
    const result = features.prepareRename(samples.ctx(SUNNMORE), offsetOf(source, "parter HMR", 8));
    expect(result).toEqual({ range: { start: positionAt(source, offsetOf(source, "parter HMR", 7)), end: positionAt(source, offsetOf(source, "parter HMR", 10)) }, placeholder: "HMR" });
  });

  it("renames the declaration and every reference across files, leaving a workspace without new errors", () => {
    const samples = loadSamples();
    const source = samples.text(SUNNMORE);
    const before = samples.workspace.analyze();
    const errorsBefore = [...before.diagnostics.values()].flat().filter((d) => d.severity === "error").length;
    const edit = features.rename(samples.ctx(SUNNMORE), offsetOf(source, "parter HMR", 8), "HelseMR") as WorkspaceEdit;
    expect(edit.changes).toBeDefined();
    const changes = edit.changes!;
    expect(Object.keys(changes)).toContain(MR);
    expect(Object.keys(changes)).toContain(SUNNMORE);
    expect(changes[MR]!.length).toBe(1);
    expect(changes[SUNNMORE]!.length).toBe(source.match(/\bHMR\b/g)!.length - (source.match(/\/\/.*\bHMR\b/g) ?? []).length);
    for (const [uri, edits] of Object.entries(changes)) samples.workspace.setFile(uri, applyEdits(samples.text(uri), edits));
    const after = samples.workspace.analyze();
    const errorsAfter = [...after.diagnostics.values()].flat().filter((d) => d.severity === "error");
    expect(errorsAfter.length).toBe(errorsBefore);
    expect(samples.text(MR)).toContain('helseforetak HelseMR "Helse Møre og Romsdal HF"');
  });

  it("renames from the declaration too, and a measure within its agreement", () => {
    const samples = loadSamples();
    const rates = samples.text("file:///ws/felles/satser.hfa");
    const edit = features.rename(samples.ctx("file:///ws/felles/satser.hfa"), offsetOf(rates, "sats Barselsdøgn", 6), "Barseldøgn") as WorkspaceEdit;
    expect(Object.keys(edit.changes!).sort()).toEqual(["file:///ws/avtaler/jordmor-sore-sunnmore.hfa", "file:///ws/felles/satser.hfa"]);
    const source = samples.text(SUNNMORE);
    const measure = features.rename(samples.ctx(SUNNMORE), offsetOf(source, "tiltak Hjemmebesøk", 8), "Besøk") as WorkspaceEdit;
    expect(measure.changes).toEqual({ [SUNNMORE]: [{ range: expect.anything(), newText: "Besøk" }] });
  });

  it("validates the new name", () => {
    const samples = loadSamples();
    const source = samples.text(SUNNMORE);
    const ctx = samples.ctx(SUNNMORE);
    const at = offsetOf(source, "parter HMR, Volda", 13);
    expect(features.rename(ctx, at, "2Volda")).toEqual({ error: expect.stringContaining("ikke et gyldig navn") });
    expect(features.rename(ctx, at, "Volda kommune")).toEqual({ error: expect.stringContaining("ikke et gyldig navn") });
    expect(features.rename(ctx, at, "avtale")).toEqual({ error: expect.stringContaining("nøkkelord") });
    expect(features.rename(ctx, at, "Ørsta")).toEqual({ error: expect.stringContaining("Det finnes allerede en deklarasjon (kommune) med navnet «Ørsta»") });
    // NFC: a decomposed ø is the same name as a composed one.
    const decomposed = "Vo\u0301lda-ny";
    const edit = features.rename(ctx, at, decomposed) as WorkspaceEdit;
    expect(Object.values(edit.changes!).flat()[0]!.newText).toBe(decomposed.normalize("NFC"));
  });
});
