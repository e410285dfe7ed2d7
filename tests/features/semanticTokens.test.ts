import { describe, expect, it } from "vitest";
import { features } from "../../server/src/lsp/features/index.js";
import { load, offsetOf, positionAt, SPEC_EXAMPLE } from "./helpers.js";

interface Decoded {
  readonly line: number;
  readonly character: number;
  readonly length: number;
  readonly type: string;
  readonly modifiers: string[];
}

function decode(data: readonly number[]): Decoded[] {
  const legend = features.semanticTokensLegend;
  const out: Decoded[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i]!;
    character = data[i]! === 0 ? character + data[i + 1]! : data[i + 1]!;
    const modifiers = legend.tokenModifiers.filter((_, bit) => (data[i + 4]! & (1 << bit)) !== 0);
    out.push({ line, character, length: data[i + 2]!, type: legend.tokenTypes[data[i + 3]!]!, modifiers });
  }
  return out;
}

describe("semantic tokens", () => {
  const uri = "file:///spec.hfa";
  const spec = load({ [uri]: SPEC_EXAMPLE });
  const tokens = decode(features.semanticTokens(spec.ctx(uri)).data);

  const at = (needle: string, delta: number, n = 0) => {
    const position = positionAt(SPEC_EXAMPLE, offsetOf(SPEC_EXAMPLE, needle, delta, n));
    const found = tokens.find((t) => t.line === position.line && t.character === position.character);
    expect(found, `token at ${needle}`).toBeDefined();
    return found!;
  };

  it("has a legend with standard types for names and a custom type for units", () => {
    expect(features.semanticTokensLegend.tokenTypes).toEqual(["type", "class", "namespace", "struct", "enum", "enumMember", "variable", "interface", "function", "method", "number", "unit"]);
    expect(features.semanticTokensLegend.tokenModifiers).toEqual(["declaration", "defaultLibrary", "amount", "year", "percent"]);
  });

  it("tells declarations from references and health trusts from municipalities", () => {
    expect(at("helseforetak HMR", 13)).toMatchObject({ type: "class", modifiers: ["declaration"], length: 3 });
    expect(at("parter HMR", 7)).toMatchObject({ type: "class", modifiers: [], length: 3 });
    expect(at("kommune Kristiansund", 8)).toMatchObject({ type: "namespace", modifiers: ["declaration"] });
    expect(at("innsats Kristiansund", 8)).toMatchObject({ type: "namespace", modifiers: [] });
    expect(at("helsefellesskap MøreRomsdal", 16)).toMatchObject({ type: "type", modifiers: ["declaration"] });
    expect(at("  helsefellesskap MøreRomsdal", 18)).toMatchObject({ type: "type", modifiers: [] });
    expect(at("sykehus KSU\n", 8)).toMatchObject({ type: "struct", modifiers: [] });
    expect(at("tilskudd RST 600", 9)).toMatchObject({ type: "interface", modifiers: [] });
    expect(at("à Barselsdøgn", 2)).toMatchObject({ type: "variable", modifiers: [] });
    expect(at("avtale JordmorNordmøre", 7)).toMatchObject({ type: "function", modifiers: ["declaration"] });
    expect(at("tiltak Stillinger", 7)).toMatchObject({ type: "method", modifiers: ["declaration"] });
    expect(at("gruppe UngeRus", 7)).toMatchObject({ type: "enum", modifiers: ["declaration"] });
  });

  it("marks built-ins as the default library", () => {
    expect(at("formål samhandling", 7)).toMatchObject({ type: "enumMember", modifiers: ["defaultLibrary"], length: "samhandling".length });
    expect(at("målgruppe svangerskap", 10)).toMatchObject({ type: "enum", modifiers: ["defaultLibrary"] });
  });

  it("marks amounts, years, percents and units", () => {
    expect(at("900 000 kr per år til 2030 \"Økt", 0)).toMatchObject({ type: "number", modifiers: ["amount"], length: "900 000 kr".length });
    expect(at("ramme 2025 16,2", 11)).toMatchObject({ type: "number", modifiers: ["amount"], length: "16,2 mill. kr".length });
    expect(at("periode 2025", 8)).toMatchObject({ type: "number", modifiers: ["year"], length: 4 });
    expect(at("ramme 2025", 6)).toMatchObject({ type: "number", modifiers: ["year"] });
    expect(at("horisont 2030", 9)).toMatchObject({ type: "number", modifiers: ["year"] });
    expect(at("per år fra 2026", 11)).toMatchObject({ type: "number", modifiers: ["year"] });
    expect(at("HMR 50 %", 4)).toMatchObject({ type: "number", modifiers: ["percent"], length: 4 });
    expect(at("0,4 årsverk à 900", 4)).toMatchObject({ type: "unit", length: "årsverk".length });
    expect(at("0,4 årsverk à 900", 0)).toMatchObject({ type: "number", modifiers: [] });
    expect(at("fra 20 % til 60 %", 4)).toMatchObject({ type: "number" });
  });

  it("leaves keywords, strings and comments to the TextMate grammar", () => {
    const keyword = positionAt(SPEC_EXAMPLE, offsetOf(SPEC_EXAMPLE, "innsats HMR", 0));
    expect(tokens.find((t) => t.line === keyword.line && t.character === keyword.character)).toBeUndefined();
    const string = positionAt(SPEC_EXAMPLE, offsetOf(SPEC_EXAMPLE, '"Kombinerte', 0));
    expect(tokens.find((t) => t.line === string.line && t.character === string.character)).toBeUndefined();
  });

  it("is sorted and relative, and splits a token over several lines", () => {
    const source = `sats Døgn "Døgnsats" 6 500\n  kr per døgn\n`;
    const loaded = load({ "file:///sats.hfa": source });
    const decoded = decode(features.semanticTokens(loaded.ctx("file:///sats.hfa")).data);
    expect(decoded).toEqual([
      { line: 0, character: 5, length: 4, type: "variable", modifiers: ["declaration"] },
      { line: 0, character: 21, length: 5, type: "number", modifiers: ["amount"] },
      { line: 1, character: 2, length: 2, type: "number", modifiers: ["amount"] },
      { line: 1, character: 9, length: 4, type: "unit", modifiers: [] },
    ]);
    for (let i = 1; i < tokens.length; i++) {
      const a = tokens[i - 1]!;
      const b = tokens[i]!;
      expect(b.line > a.line || (b.line === a.line && b.character >= a.character + a.length)).toBe(true);
    }
  });
});
