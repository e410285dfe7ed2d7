/**
 * jsonc-parser's `parseTree` recurses once per nesting level, so a 20 KB
 * `hfa.json` nested 10 000 deep overflows the stack. This scan (its
 * non-recursive scanner, one pass) finds the first bracket beyond
 * MAX_JSON_DEPTH before the tree is built.
 */
import { createScanner, type SyntaxKind } from "jsonc-parser";

// jsonc-parser's SyntaxKind is an ambient const enum (not importable as a
// value under isolatedModules): its documented numbers.
const OPEN_BRACE = 1 as SyntaxKind;
const CLOSE_BRACE = 2 as SyntaxKind;
const OPEN_BRACKET = 3 as SyntaxKind;
const CLOSE_BRACKET = 4 as SyntaxKind;
const EOF = 17 as SyntaxKind;

/** Far deeper than `hfa.json` ever needs (3 levels). */
export const MAX_JSON_DEPTH = 64;

/** The first `[` or `{` that opens level MAX_JSON_DEPTH + 1, or undefined. */
export function tooDeep(text: string): { offset: number; length: number } | undefined {
  const scanner = createScanner(text, false);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === OPEN_BRACE || kind === OPEN_BRACKET) {
      if (++depth > MAX_JSON_DEPTH) return { offset: scanner.getTokenOffset(), length: 1 };
    } else if (kind === CLOSE_BRACE || kind === CLOSE_BRACKET) depth = Math.max(0, depth - 1);
  }
  return undefined;
}
