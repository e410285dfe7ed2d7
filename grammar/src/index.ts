/** The grammar package: tokens, lexer, parser and syntax tree of HFA. */
export * as Ast from "./ast.js";
export type * from "./ast.js";
export { clauseKeywords, keywordSpan } from "./ast.js";
export { lex, normalizeName } from "./lexer.js";
export { parse, expectedAt, BLOCK_ITEM_RULES, BLOCK_BREAKERS, type ParseResult, type SyntaxProblem, type BlockContext } from "./parser.js";
export { clauseParser, tokenEnd, type ClauseRuleName } from "./clauses.js";
export { parseNorwegianNumber, readForeignNumber, canonicalNorwegianNumber, formatNumberSource } from "./numbers.js";
export * as Tokens from "./tokens.js";
