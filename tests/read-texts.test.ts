// `readTexts` (hfa check without --cache) decodes many files in one piece: each text
// must be what `readText` gives that file, and a bad file refused as `readText` refuses it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { InputError } from "../server/src/cli/errors.js";
import { readText, readTexts, type InputFile } from "../server/src/cli/files.js";

const dir = mkdtempSync(join(tmpdir(), "hfa-read-texts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Buffer | string): InputFile {
  const absolute = join(dir, name);
  writeFileSync(absolute, bytes);
  return { display: name, absolute };
}

const bom = Buffer.from([0xef, 0xbb, 0xbf]);
const good = [
  file("ascii.hfa", 'sats A "a" 1 kr per døgn\n'),
  file("tom.hfa", ""),
  file("bom.hfa", Buffer.concat([bom, Buffer.from("avtale X {\n  tittel «Æ – ø»\n}\n")])),
  file("bom-alene.hfa", bom),
  file("kort.hfa", "ab"),
  // Four-byte characters are two UTF-16 units; a literal U+FFFD is valid UTF-8; U+FEFF inside stays.
  file("astral.hfa", "// 😀 \uFFFD \uFEFF 𝄞\nsats B \"b\" 2 kr per døgn"),
  file("latin1.hfa", "æøå ÆØÅ §"),
];

function reason(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return `${error.path}: ${error.reason}`;
    throw error;
  }
  return "no error";
}

describe("readTexts", () => {
  test("each text is readText's, in order, whatever the mix of files", () => {
    const expected = good.map((f) => readText(f, "nb").text);
    expect(readTexts(good, "nb")).toEqual(expected);
    const reversed = [...good].reverse();
    expect(readTexts(reversed, "nb")).toEqual(reversed.map((f) => readText(f, "nb").text));
    expect(readTexts([], "nb")).toEqual([]);
    // The near miss: the BOM is stripped, and only at the start.
    expect(readTexts([good[2]!], "nb")[0]!.startsWith("avtale")).toBe(true);
    expect(readTexts([good[5]!], "nb")[0]).toContain("\uFEFF");
  });

  test("a NUL byte or invalid UTF-8 is refused as readText refuses it, the first bad file first", () => {
    const nul = file("nul.hfa", Buffer.from([0x61, 0x00, 0x62]));
    const invalid = file("ugyldig.hfa", Buffer.from([0x61, 0xc3]));
    const truncatedThenNext = file("avkuttet.hfa", Buffer.from([0x61, 0xe2, 0x80]));
    const continuation = file("fortsettelse.hfa", Buffer.from([0x93, 0x62]));
    for (const bad of [nul, invalid, truncatedThenNext, continuation]) {
      for (const locale of ["nb", "en"] as const) {
        const expected = reason(() => readText(bad, locale));
        expect(expected).not.toBe("no error");
        expect(reason(() => readTexts([good[0]!, bad, good[1]!], locale))).toBe(expected);
      }
    }
    // Two invalid halves that would make a valid «–» if their bytes were joined.
    expect(reason(() => readTexts([good[0]!, truncatedThenNext, continuation], "nb"))).toBe(reason(() => readText(truncatedThenNext, "nb")));
    expect(reason(() => readTexts([good[0]!, invalid, nul], "nb"))).toBe(reason(() => readText(invalid, "nb")));
    expect(reason(() => readTexts([good[0]!, { display: "mangler.hfa", absolute: join(dir, "mangler.hfa") }, nul], "nb"))).toBe(
      reason(() => readText({ display: "mangler.hfa", absolute: join(dir, "mangler.hfa") }, "nb")),
    );
  });
});
