/**
 * The grammar's fast paths (issue 12) against the Chevrotain paths they stand
 * in for: the hand-written lexer must make exactly Chevrotain's tokens (same
 * fields in the same order) or give up, over the samples, thousands of
 * mutations of them (broken syntax, hostile characters), generated workspaces
 * and hand-picked edge cases.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { lexFast, lexWithChevrotain } from "../grammar/src/lexer.js";
// @ts-expect-error: the benchmark's generator is plain JavaScript without types
import { generateWorkspace } from "../bench/generate.mjs";
import { mutateMany, rng } from "./robust/fuzzKit.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const samples = ["felles", "avtaler"].flatMap((dir) =>
  readdirSync(join(ROOT, "samples", dir))
    .filter((f) => f.endsWith(".hfa"))
    .sort()
    .map((f) => readFileSync(join(ROOT, "samples", dir, f), "utf8")),
);

const EDGE_CASES = [
  "",
  "   \t\r\n\u00A0\u202F\uFEFF",
  'sats A "a" 1 kr per døgn',
  "mill. mill.x mill.5 mill._ mill.ø mill mille milli. 1,2 mill. kr",
  '"open string\nnext line',
  '"escaped \\" quote" "esc at end \\',
  '"\\\nx',
  "/* unterminated comment",
  "/* a */ b /*/ c */ // line\r\n// end",
  "2025-01-01 2025-1-1 2025-01-01.5 12.03.2025 12.03.20255 1.200.000 1,200,000 1,200.50 0.5 1 200 000,50 2025 500 000 1234 5,5",
  ",- , { } : % * <beløp> <1> < a > <a\n> <\"a\">",
  "forma\u030Al Averøy ª µ º À ÿ × ÷ ĀĀ ǅ a\u0301 _x x-y-z x_1 Ω 中文",
  "𝐀 a𝐀 𝟘 x\uD835 \uDC00",
  "€ § ¤ @ # ! ? ; . ( ) [ ] / \\ ^ ~ ` | & = + ' $",
  "avtale A \"a\" {\n  parter X, Y og Z\n  periode 2025 til 2027\n}",
];

function sameLexing(text: string): void {
  const fast = lexFast(text);
  const reference = lexWithChevrotain(text);
  if (fast === undefined) {
    // Giving up is allowed only where Chevrotain finds a lexing error or a surrogate is met.
    expect(reference.problems.length > 0 || /[\uD800-\uDFFF]/.test(text), JSON.stringify(text.slice(0, 200))).toBe(true);
    return;
  }
  expect(reference.problems).toEqual([]);
  const rows = (tokens: readonly object[]) => tokens.map((t) => JSON.stringify(Object.entries(t).map(([k, v]) => [k, k === "tokenType" ? (v as { name: string }).name : v])));
  expect(rows(fast.tokens)).toEqual(rows(reference.tokens));
  expect(rows(fast.comments)).toEqual(rows(reference.comments));
}

describe("the hand-written lexer makes Chevrotain's tokens", () => {
  it("on edge cases", () => {
    for (const text of EDGE_CASES) sameLexing(text);
    for (const text of EDGE_CASES) for (const a of EDGE_CASES) sameLexing(a + " " + text);
  });
  it("on the samples and a generated workspace", () => {
    for (const text of samples) sameLexing(text);
    for (const file of generateWorkspace(30, 3).files as { text: string }[]) sameLexing(file.text);
  });
  it("on mutated samples", () => {
    let fastUsed = 0;
    for (const [index, text] of samples.entries()) {
      for (let m = 0; m < 150; m++) {
        const mutated = mutateMany(text, rng(7000 + 1000 * index + m), 1 + (m % 4));
        sameLexing(mutated);
        if (lexFast(mutated) !== undefined) fastUsed++;
      }
    }
    // The fast path must actually be exercised by the mutations, not only give up.
    expect(fastUsed).toBeGreaterThan(100);
  });
});
