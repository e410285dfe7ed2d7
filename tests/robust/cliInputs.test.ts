/**
 * Issue 8 items 6 and 11 (CLI side): symbolic links out of the folder given
 * are skipped and said once; a path named on the command line is read as
 * given; a link to `/` does not walk the file system; files above the
 * documented size are refused with exit 2 before they are read.
 */
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { MAX_FILE_BYTES } from "../../server/src/cli/files.js";
import { hfa, removeTemps, SAMPLE, tempDir } from "./helpers.js";

afterAll(removeTemps);

describe("symbolic links", () => {
  function workspace() {
    const outside = tempDir("hfa-outside-");
    writeFileSync(join(outside, "hemmelig.hfa"), "root:x:0:0:HEMMELIG:/root:/bin/bash\n");
    const dir = tempDir();
    mkdirSync(join(dir, "avtaler"));
    writeFileSync(join(dir, "avtaler", "a.hfa"), SAMPLE);
    symlinkSync(join(outside, "hemmelig.hfa"), join(dir, "avtaler", "x.hfa"));
    symlinkSync("/", join(dir, "root"));
    symlinkSync(outside, join(dir, "ute"));
    symlinkSync("avtaler", join(dir, "inne")); // inside the folder: followed
    return { dir, outside };
  }

  test("inside a folder, links leading out are skipped and said once; nothing of them is read", () => {
    const { dir } = workspace();
    const run = hfa(["check", "--format", "json", "."], dir);
    expect(run.stdout).not.toContain("HEMMELIG");
    expect(run.stdout).not.toContain("hemmelig");
    const files = new Set((JSON.parse(run.stdout) as { file: string }[]).map((d) => d.file));
    for (const file of files) expect(file).toMatch(/^(avtaler|inne)\//);
    const notes = run.stderr.split("\n").filter(Boolean);
    expect(notes).toEqual([expect.stringMatching(/^hfa: hoppet over 4 symbolske lenker som peker ut av mappen \(avtaler\/x\.hfa -> .*hemmelig\.hfa og 3 til\); oppgi filen direkte for å lese den$/)]);
  });

  test("a link to / does not make the CLI walk the file system (fast, few files)", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.hfa"), SAMPLE);
    symlinkSync("/", join(dir, "root"));
    const started = Date.now();
    const run = hfa(["check", "--format", "json", "."], dir);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(new Set((JSON.parse(run.stdout) as { file: string }[]).map((d) => d.file))).toEqual(new Set(["a.hfa"]));
    expect(run.stderr).toBe("hfa: hoppet over 1 symbolsk lenke som peker ut av mappen (root -> /); oppgi filen direkte for å lese den\n");
  });

  test("a path named on the command line is read as given, even through a link", () => {
    const { dir } = workspace();
    const run = hfa(["check", "--format", "json", "avtaler/x.hfa"], dir);
    expect(run.stdout).toContain("avtaler/x.hfa");
    expect(run.stderr).toBe("");
  });
});

describe("size limit", () => {
  test(`a file above ${MAX_FILE_BYTES} bytes is refused with exit 2 before it is read`, () => {
    const dir = tempDir();
    writeFileSync(join(dir, "ok.hfa"), SAMPLE);
    writeFileSync(join(dir, "stor.hfa"), "");
    truncateSync(join(dir, "stor.hfa"), 3 * 1024 * 1024 * 1024); // sparse 3 GB: costs nothing unless read
    const started = Date.now();
    const run = hfa(["check", "."], dir);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("hfa: kan ikke lese stor.hfa: er for stor (3072 MB; høyst 10 MB leses)\n");
    const format = hfa(["format", "."], dir);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("er for stor");
  });

  test("a file just at the limit is read", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.hfa"), SAMPLE + " ".repeat(MAX_FILE_BYTES - Buffer.byteLength(SAMPLE)));
    const run = hfa(["check", "."], dir);
    expect(run.stderr).toBe("");
    expect(run.code).not.toBe(2);
  });
});
