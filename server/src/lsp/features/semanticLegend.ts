/**
 * The semantic tokens' legend (what each token type and modifier index means;
 * ./semanticTokens.ts describes them). A module of its own, free of the
 * analysis, because the server announces it in its answer to `initialize`,
 * which ../main.ts gives before the analysis is loaded.
 */
import type { SemanticTokensLegend } from "vscode-languageserver";

export const TOKEN_TYPES = ["type", "class", "namespace", "struct", "enum", "enumMember", "variable", "interface", "function", "method", "number", "unit"] as const;
export const TOKEN_MODIFIERS = ["declaration", "defaultLibrary", "amount", "year", "percent"] as const;

export type TokenTypeName = (typeof TOKEN_TYPES)[number];
export type TokenModifierName = (typeof TOKEN_MODIFIERS)[number];

export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };
