/**
 * What is at an offset: the token (or comment) there, the path of syntax
 * nodes from the declaration down to the innermost node, and the name
 * (declaration or reference) there.
 */
import type { IToken, TokenType } from "chevrotain";
import type * as Ast from "../../../../grammar/src/ast.js";
import { keywordSpan } from "../../../../grammar/src/ast.js";
import { tokenEnd } from "../../../../grammar/src/clauses.js";
import {
  keywordTokens,
  LineComment,
  StringLiteral,
  UnterminatedBlockComment,
  UnterminatedString,
} from "../../../../grammar/src/tokens.js";
import type { SourceFile, WorkspaceAnalysis } from "../../analysis/index.js";
import { occurrenceAt, type Occurrence } from "./indexes.js";

const KEYWORD_TYPES: ReadonlySet<TokenType> = new Set(keywordTokens);

export function isKeywordToken(token: IToken): boolean {
  return KEYWORD_TYPES.has(token.tokenType);
}

export function isStringToken(token: IToken): boolean {
  return token.tokenType === StringLiteral || token.tokenType === UnterminatedString;
}

/** Index of the last token starting at or before `offset` (-1 if none). */
export function tokenIndexBefore(tokens: readonly IToken[], offset: number): number {
  let low = 0;
  let high = tokens.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (tokens[mid]!.startOffset <= offset) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/** The token containing `offset` (start ≤ offset < end), if any. */
export function tokenAt(file: SourceFile, offset: number): IToken | undefined {
  const tokens = file.parse.tokens;
  const index = tokenIndexBefore(tokens, offset);
  if (index < 0) return undefined;
  const token = tokens[index]!;
  return offset < tokenEnd(token) ? token : undefined;
}

/** The token containing `offset`, or the one that ends right at it (a cursor after a word). */
export function tokenAtOrBefore(file: SourceFile, offset: number): IToken | undefined {
  const tokens = file.parse.tokens;
  const index = tokenIndexBefore(tokens, offset);
  if (index < 0) return undefined;
  const token = tokens[index]!;
  if (offset < tokenEnd(token)) return token;
  if (offset === tokenEnd(token)) return token;
  return undefined;
}

/** The comment containing `offset` (a line comment also at its end). */
export function commentAt(file: SourceFile, offset: number): IToken | undefined {
  const comments = file.parse.comments;
  const index = tokenIndexBefore(comments, offset);
  if (index < 0) return undefined;
  const comment = comments[index]!;
  const end = tokenEnd(comment);
  if (offset > comment.startOffset && offset < end) return comment;
  if (offset === comment.startOffset) return comment;
  if (offset === end && (comment.tokenType === LineComment || comment.tokenType === UnterminatedBlockComment)) return comment;
  return undefined;
}

/** Inside a string literal (not at its opening quote) or a comment: no code completion there. */
export function inStringOrComment(file: SourceFile, offset: number): boolean {
  const comment = commentAt(file, offset);
  if (comment && offset > comment.startOffset) return true;
  const tokens = file.parse.tokens;
  const index = tokenIndexBefore(tokens, offset);
  if (index < 0) return false;
  const token = tokens[index]!;
  if (!isStringToken(token) || offset <= token.startOffset) return false;
  const end = tokenEnd(token);
  // At the end of an unterminated string the cursor is still inside it.
  return offset < end || (offset === end && token.tokenType === UnterminatedString);
}

// ------------------------------------------------------------------ the node path

/** One step of the path from a declaration to the innermost node at an offset. */
export interface PathStep {
  /** The property of the parent that holds the node (`clauses`, `flow`, `name`…); "declaration" at the top. */
  readonly key: string;
  readonly node: Ast.Span;
}

type NodeLike = Ast.Span & Readonly<Record<string, unknown>>;

function isSpan(value: unknown): value is NodeLike {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record["start"] === "number" && typeof record["end"] === "number";
}

/** Child nodes of a node, with the property that holds them. Objects without a span (a `Price`) are looked through. */
function childrenOf(node: Readonly<Record<string, unknown>>, out: PathStep[] = []): PathStep[] {
  for (const key of Object.keys(node)) {
    const value = node[key];
    // A clause keeps its keyword's end as a number; its keyword is a step as it was when it was a span.
    if (key === "keywordEnd") out.push({ key: "keyword", node: keywordSpan(node as unknown as Ast.ClauseBase) });
    else if (Array.isArray(value)) {
      for (const item of value as unknown[]) if (isSpan(item)) out.push({ key, node: item });
    } else if (isSpan(value)) {
      out.push({ key, node: value });
    } else if (typeof value === "object" && value !== null) {
      childrenOf(value as Record<string, unknown>, out);
    }
  }
  return out;
}

/**
 * The nodes containing `offset`, outermost first: declaration → … → name.
 * A block's `body` span comes before the clauses inside it.
 */
export function nodePath(file: Ast.FileNode, offset: number): PathStep[] {
  const path: PathStep[] = [];
  const declaration = file.declarations.find((d) => d.start <= offset && offset < d.end) ?? file.declarations.find((d) => d.start <= offset && offset <= d.end);
  if (!declaration) return path;
  path.push({ key: "declaration", node: declaration });
  let current: NodeLike = declaration as unknown as NodeLike;
  for (let depth = 0; depth < 64; depth++) {
    const children = childrenOf(current);
    let containing = children.filter((c) => c.node.start <= offset && offset < c.node.end && c.node !== current);
    if (containing.length === 0) containing = children.filter((c) => c.node.start <= offset && offset <= c.node.end && c.node.end > c.node.start);
    if (containing.length === 0) break;
    containing.sort((a, b) => b.node.end - b.node.start - (a.node.end - a.node.start));
    for (let i = 0; i < containing.length - 1; i++) {
      const step = containing[i]!;
      // A span that contains the next one (a block body around its clauses) is a step of its own.
      if (childrenOf(step.node as NodeLike).length === 0) path.push(step);
    }
    const inner = containing[containing.length - 1]!;
    path.push(inner);
    current = inner.node as NodeLike;
  }
  return path;
}

/** The innermost step of the path with one of these keys. */
export function findStep(path: readonly PathStep[], ...keys: string[]): PathStep | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (keys.includes(path[i]!.key)) return path[i];
  return undefined;
}

// ------------------------------------------------------------------ everything at once

export interface Located {
  readonly offset: number;
  /** The comment containing the offset; when set, the other fields are empty. */
  readonly comment?: IToken;
  /** The token containing the offset, or ending at it. */
  readonly token?: IToken;
  /** Syntax nodes around the offset, declaration first (computed on first use). */
  readonly path: readonly PathStep[];
  /** The declared or referenced name at the offset. */
  readonly occurrence?: Occurrence;
}

/** Everything at an offset: comment or token, node path, and the name there. */
export function locate(analysis: WorkspaceAnalysis, file: SourceFile, offset: number): Located {
  const comment = commentAt(file, offset);
  if (comment) return { offset, comment, path: [] };
  let path: PathStep[] | undefined;
  return {
    offset,
    token: tokenAtOrBefore(file, offset),
    occurrence: occurrenceAt(analysis, file, offset),
    get path() {
      path ??= nodePath(file.parse.file, offset);
      return path;
    },
  };
}
