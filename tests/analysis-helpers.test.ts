// The speed work of issue 12 replaced a few helpers with hand-written loops;
// each must give what the code it replaced gave, on any input.
import { describe, expect, test } from "vitest";
import { yearList } from "../server/src/analysis/agreement/money.js";
import { formatNumber, LATIN1_WORD_PATTERN, wordCount, words } from "../server/src/analysis/i18n.js";
import { LineIndex } from "../server/src/analysis/text.js";
import { rng } from "./robust/fuzzKit.js";

/** What `words` was: the spec's word pattern as a regex. */
const wordsByRegex = (text: string) => text.match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? [];

describe("words", () => {
  test("matches the regex on random text of letters, digits, hyphens, marks, astral characters and lone surrogates", () => {
    const random = rng(12);
    const alphabet = ["a", "Z", "5", "-", "-", " ", ".", "å", "Ø", "\u0301", "\u00b2", "\u0660", "𝐀", "😀", "\ud835", "\udc00", "–", "İ", "ß", "あ", "_", "\n", "«"];
    for (let k = 0; k < 20_000; k++) {
      let text = "";
      const length = Math.floor(random() * 14);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      expect(words(text), JSON.stringify(text)).toEqual(wordsByRegex(text));
      expect(wordCount(text)).toBe(wordsByRegex(text).length);
    }
  });

  test("every BMP code unit is classified as the regex classifies it", () => {
    const wrong: number[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const text = `x${String.fromCharCode(code)}-${String.fromCharCode(code)}y`;
      if (JSON.stringify(words(text)) !== JSON.stringify(wordsByRegex(text))) wrong.push(code);
    }
    expect(wrong).toEqual([]);
  });

  test("inner hyphens join, others do not", () => {
    expect(words("skrøpelige-eldre og -x y- a--b")).toEqual(["skrøpelige-eldre", "og", "x", "y", "a", "b"]);
  });
});

describe("LATIN1_WORD_PATTERN (HFA203/HFA204 on text below U+0100)", () => {
  const latin1Words = (text: string) => text.match(LATIN1_WORD_PATTERN) ?? [];

  test("classifies each of the 256 code units as the spec's pattern does", () => {
    const wrong: number[] = [];
    for (let code = 0; code < 0x100; code++) {
      const text = `x${String.fromCharCode(code)}-${String.fromCharCode(code)}y ${String.fromCharCode(code)}`;
      if (JSON.stringify(latin1Words(text)) !== JSON.stringify(wordsByRegex(text))) wrong.push(code);
    }
    expect(wrong).toEqual([]);
  });

  test("finds the words `words` finds, also in the lower-cased text, on random text below U+0100", () => {
    const random = rng(34);
    for (let k = 0; k < 20_000; k++) {
      let text = "";
      const length = Math.floor(random() * 16);
      for (let i = 0; i < length; i++) text += random() < 0.3 ? "-" : String.fromCharCode(Math.floor(random() * 0x100));
      expect(latin1Words(text), JSON.stringify(text)).toEqual(words(text));
      // checkJustification lower-cases first: below U+0100 that keeps every word's bounds and length.
      expect(latin1Words(text.toLowerCase()), JSON.stringify(text)).toEqual(words(text).map((w) => w.toLowerCase()));
    }
  });
});

describe("formatNumber", () => {
  /** Every digit of the integer (BigInt, not the shortest round-trip form), grouped by three. */
  const grouped = (whole: number, separator: string) => BigInt(whole).toString().replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  test("groups every digit, also beyond 2^53", () => {
    const random = rng(7);
    // Integers below 9·10^13 (where ×100 is still exact) and from 10^15 on (written without cents).
    const values = [0, 1, 12, 123, 1234, 999_999, 1_000_000, 89_999_999_999_999, 1e15, 2 ** 53 - 1, 2 ** 53, 2 ** 60, 1e20, 1e21 + 2 ** 20, 1.7e308];
    for (let i = 0; i < 3000; i++) values.push(Math.floor(random() * 9 * 10 ** Math.floor(random() * 14)));
    for (let i = 0; i < 3000; i++) values.push(Math.floor(1e15 + random() * 10 ** Math.floor(15 + random() * 6)));
    for (const value of values) {
      expect(formatNumber(value, "nb")).toBe(grouped(value, " "));
      expect(formatNumber(-value, "en")).toBe((value === 0 ? "" : "−") + grouped(value, ","));
    }
  });
  test("decimals, NaN and infinities as before", () => {
    expect(formatNumber(1234.5, "nb")).toBe("1 234,5");
    expect(formatNumber(1234.56, "en")).toBe("1,234.56");
    expect(formatNumber(Number.NaN)).toBe("?");
    expect(formatNumber(-Infinity)).toBe("−∞");
  });
});

describe("yearList", () => {
  test("years out of order or repeated read as when sorted", () => {
    expect(yearList([2030, 2028, 2029, 2028], "nb")).toBe("2028–2030");
    expect(yearList([2028, 2029, 2030], "nb")).toBe("2028–2030");
    expect(yearList([2031, 2025, 2027, 2028, 2029], "en")).toBe("2025, 2027–2029 and 2031");
    expect(yearList([2028, 2029], "nb")).toBe("2028 og 2029");
  });
});

describe("LineIndex", () => {
  /** Line and column of every offset, counted the plain way: LF, CR LF and CR each end a line. */
  function naive(text: string, offset: number): { line: number; character: number } {
    let line = 0;
    let start = 0;
    for (let i = 0; i < offset; i++) {
      const ch = text[i];
      if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) {
        line++;
        start = i + 1;
      }
    }
    return { line, character: offset - start };
  }

  // Both storages (a file under 64 K code units and one above, whose offsets do not fit 16 bits),
  // each with and without a `\r` (the search for `\n` alone, and the loop over every character).
  for (const size of [200, 70_000]) {
    for (const pieces of [["a", "bc", "\n", "\r\n", "\r", "ø"], ["a", "bc", "\n", "ø"]]) {
      test(`positions and offsets agree with counting, ${size} code units, ${pieces.includes("\r") ? "with" : "without"} \\r`, () => {
        const random = rng(size);
        let text = "";
        while (text.length < size) text += pieces[Math.floor(random() * pieces.length)];
        const lines = new LineIndex(text);
        for (let offset = 0; offset <= text.length; offset += offset < 300 || offset > text.length - 300 ? 1 : 97) {
          const expected = naive(text, offset);
          // An offset between CR and LF is shown on the line the break ends, at its end.
          if (text[offset - 1] === "\r" && text[offset] === "\n") continue;
          expect(lines.position(offset)).toEqual(expected);
          expect(lines.offset(expected)).toBe(offset);
        }
        expect(lines.lineCount).toBe(naive(text, text.length).line + 1);
      });
    }
  }

  /** Line starts by a regex over the three breaks (`\r\n` first, so it is one break). */
  const referenceStarts = (text: string) => [0, ...[...text.matchAll(/\r\n|\r|\n/g)].map((m) => m.index + m[0].length)];
  const startsOf = (lines: LineIndex) => Array.from({ length: lines.lineCount }, (_, line) => lines.lineStart(line));

  test("finds the lines of \\n, \\r\\n and lone \\r breaks (with and without a \\r in the text)", () => {
    const cases = ["", "a", "\n", "\r", "\r\n", "\n\r", "a\nb\n", "a\r\nb\rc\n\nd", "\r\r\n\n\r", "x\n".repeat(50)];
    // Random texts over the characters that matter, with and without `\r`.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 300; n++) {
      const alphabet = n % 2 === 0 ? ["a", "\n", "ø"] : ["a", "\n", "\r", "\r\n"];
      cases.push(Array.from({ length: Math.floor(next() * 40) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(""));
    }
    for (const text of cases) {
      const lines = new LineIndex(text);
      expect(startsOf(lines), JSON.stringify(text)).toEqual(referenceStarts(text));
      for (let offset = -1; offset <= text.length + 1; offset++) {
        const { line, character } = lines.position(offset);
        const clamped = Math.max(0, Math.min(offset, text.length));
        expect(lines.lineStart(line) + character).toBe(clamped);
      }
    }
  });
});
