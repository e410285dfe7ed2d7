/**
 * A stand-in for `server/src/lsp/features/index.ts`, used only by the LSP
 * tests' own build while that module does not exist yet (see client.ts).
 * It answers every feature of the contract with a fixed, recognisable value
 * so the plumbing (registration, position conversion, empty answers) can be
 * tested on its own. Never shipped.
 */
import type { Features } from "../../server/src/lsp/features/api.js";

export const features: Features = {
  completion: (ctx, offset) => [{ label: `stub@${offset}`, detail: ctx.file.uri }],
  hover: (ctx, offset) => ({ contents: { kind: "markdown", value: `stub hover ${offset}` }, range: { start: ctx.file.lines.position(offset), end: ctx.file.lines.position(offset) } }),
  definition: (ctx, offset) => [{ uri: ctx.file.uri, range: { start: ctx.file.lines.position(offset), end: ctx.file.lines.position(offset) } }],
  references: () => [],
  documentHighlight: () => [],
  prepareRename: () => ({ error: "stub" }),
  rename: () => ({ error: "stub" }),
  documentSymbols: () => [],
  workspaceSymbols: () => [],
  foldingRanges: () => [],
  selectionRanges: () => [],
  semanticTokensLegend: { tokenTypes: ["keyword"], tokenModifiers: [] },
  semanticTokens: () => ({ data: [] }),
  codeLenses: () => [],
  inlayHints: () => [],
  balance: () => null,
  preludeDocument: () => ({ uri: "hfa-prelude:/prelude.hfa", text: "// stub prelude\n" }),
};
