/**
 * Semantic tokens: what names mean (declaration vs reference, health trust vs
 * municipality, built-ins), and amounts, units, years and percents. Keywords,
 * strings and comments are left to the TextMate grammar.
 *
 * Legend (token types are standard LSP types where one fits, so themes colour
 * them without configuration):
 *   type       helsefellesskap            class      helseforetak
 *   namespace  kommune                    struct     sykehus
 *   enum       målgruppe (local; national ones with `defaultLibrary`)
 *   enumMember formål (always `defaultLibrary`)
 *   variable   sats                       interface  tilskuddsordning
 *   function   avtale                     method     tiltak
 *   number     amounts (`amount`), years (`year`), percents (`percent`), other numbers
 *   unit       quantity units (custom type; falls back to no colouring)
 * Modifiers: declaration, defaultLibrary, amount, year, percent.
 */
import type { SemanticTokens } from "vscode-languageserver";
import type * as Ast from "../../../../grammar/src/ast.js";
import type { SourceFile, SymbolKind as HfaSymbolKind } from "../../analysis/index.js";
import type { FeatureContext } from "./api.js";
import { fileIndex } from "./indexes.js";
import { guard } from "./util.js";

import { TOKEN_MODIFIERS, TOKEN_TYPES, type TokenModifierName, type TokenTypeName } from "./semanticLegend.js";

export { semanticTokensLegend, TOKEN_MODIFIERS, TOKEN_TYPES, type TokenModifierName, type TokenTypeName } from "./semanticLegend.js";

const TYPE_OF_KIND: Readonly<Record<HfaSymbolKind, TokenTypeName>> = {
  community: "type",
  healthTrust: "class",
  municipality: "namespace",
  hospital: "struct",
  group: "enum",
  nationalGroup: "enum",
  purpose: "enumMember",
  rate: "variable",
  scheme: "interface",
  agreement: "function",
  measure: "method",
};

interface RawToken {
  readonly start: number;
  readonly end: number;
  readonly type: TokenTypeName;
  readonly modifiers: readonly TokenModifierName[];
}

/** Amounts, years, percents, units and plain numbers of the syntax tree, found by the role of each node. */
function literalTokens(file: Ast.FileNode, out: RawToken[]): void {
  const visit = (value: unknown, key: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, key);
      return;
    }
    if (typeof value !== "object" || value === null) return;
    const node = value as Readonly<Record<string, unknown>>;
    const hasSpan = typeof node["start"] === "number" && typeof node["end"] === "number";
    if (hasSpan) {
      const start = node["start"] as number;
      const end = node["end"] as number;
      if (typeof node["text"] === "string") return; // a name: from declarations and references
      if (typeof node["amount"] === "number" && typeof node["millions"] === "boolean") {
        out.push({ start, end, type: "number", modifiers: ["amount"] });
        return;
      }
      if (key === "percent" && typeof node["number"] === "object") {
        out.push({ start, end, type: "number", modifiers: ["percent"] });
        return;
      }
      if (key === "unit" && typeof node["unit"] === "string") {
        out.push({ start, end, type: "unit", modifiers: [] });
        return;
      }
      if (key === "suffix" && node["kind"] === "unit") {
        out.push({ start, end, type: "unit", modifiers: [] });
        return;
      }
      if (key === "suffix" && node["kind"] === "percent") return;
      if ((key === "year" || key === "from" || key === "to" || key === "by") && typeof node["value"] === "number" && !("number" in node)) {
        out.push({ start, end, type: "number", modifiers: ["year"] });
        return;
      }
      if ((key === "quantity" || key === "fte" || key === "number") && typeof node["value"] === "number") {
        out.push({ start, end, type: "number", modifiers: [] });
        return;
      }
      if (key === "value" && typeof node["value"] === "string") return; // strings and keywords
    }
    for (const child of Object.keys(node)) {
      if (child === "start" || child === "end") continue;
      visit(node[child], child);
    }
  };
  for (const decl of file.declarations) visit(decl, "declaration");
}

function nameTokens(ctx: FeatureContext, out: RawToken[]): void {
  for (const occurrence of fileIndex(ctx.analysis, ctx.file).occurrences) {
    const target = occurrence.target;
    if (!target) continue;
    const modifiers: TokenModifierName[] = [];
    if (occurrence.declaration) modifiers.push("declaration");
    if (target.kind === "purpose" || target.kind === "nationalGroup") modifiers.push("defaultLibrary");
    out.push({ start: occurrence.name.start, end: occurrence.name.end, type: TYPE_OF_KIND[target.kind], modifiers });
  }
}

/** LSP's relative encoding; tokens over several lines are split per line. */
export function encode(file: SourceFile, raw: RawToken[]): number[] {
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  let lastEnd = -1;
  const text = file.text;
  for (const token of raw) {
    if (token.start < lastEnd || token.end <= token.start || token.end > text.length) continue; // overlapping or stale
    lastEnd = token.end;
    const typeIndex = TOKEN_TYPES.indexOf(token.type);
    let modifierBits = 0;
    for (const modifier of token.modifiers) modifierBits |= 1 << TOKEN_MODIFIERS.indexOf(modifier);
    let segmentStart = token.start;
    while (segmentStart < token.end) {
      let segmentEnd = segmentStart;
      while (segmentEnd < token.end && text.charCodeAt(segmentEnd) !== 10 && text.charCodeAt(segmentEnd) !== 13) segmentEnd++;
      if (segmentEnd > segmentStart) {
        const { line, character } = file.lines.position(segmentStart);
        const deltaLine = line - prevLine;
        const deltaChar = deltaLine === 0 ? character - prevChar : character;
        data.push(deltaLine, deltaChar, segmentEnd - segmentStart, typeIndex, modifierBits);
        prevLine = line;
        prevChar = character;
      }
      // Skip the line break and the next line's indentation.
      segmentStart = segmentEnd;
      while (segmentStart < token.end && /[\r\n \t\u00A0\u202F]/.test(text.charAt(segmentStart))) segmentStart++;
    }
  }
  return data;
}

export function semanticTokens(ctx: FeatureContext): SemanticTokens {
  return guard(
    () => ({ data: [] }),
    () => {
      const raw: RawToken[] = [];
      nameTokens(ctx, raw);
      literalTokens(ctx.file.parse.file, raw);
      return { data: encode(ctx.file, raw) };
    },
  );
}
