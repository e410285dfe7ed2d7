/**
 * The language features, one module each; the plumbing (`server/src/lsp/*.ts`)
 * registers them with the connection (contract: `api.ts`).
 */
import type { Features } from "./api.js";
import { balance } from "./balance.js";
import { completion } from "./completion.js";
import { hover } from "./hover.js";
import { codeLenses, inlayHints } from "./lenses.js";
import { definition, documentHighlight, prepareRename, references, rename } from "./navigation.js";
import { preludeDocument } from "./prelude.js";
import { semanticTokens, semanticTokensLegend } from "./semanticTokens.js";
import { foldingRanges, selectionRanges } from "./structure.js";
import { documentSymbols, workspaceSymbols } from "./symbols.js";

export const features: Features = {
  completion,
  hover,
  definition,
  references,
  documentHighlight,
  prepareRename,
  rename,
  documentSymbols,
  workspaceSymbols: (analysis, workspace, query) => workspaceSymbols(analysis, workspace, query),
  foldingRanges,
  selectionRanges,
  semanticTokensLegend,
  semanticTokens,
  codeLenses,
  inlayHints,
  balance,
  preludeDocument,
};

export type { Features, FeatureContext, BalanceViewData, PrepareRenameResult } from "./api.js";
export { SHOW_BALANCE_COMMAND } from "./lenses.js";
export { TOKEN_TYPES, TOKEN_MODIFIERS } from "./semanticTokens.js";
