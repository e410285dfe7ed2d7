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

  test("a link inside the folder to another part of it reads each file once (no false HFA102 against itself)", () => {
    const { dir } = workspace();
    const run = hfa(["check", "--format", "json", "."], dir);
    const diagnostics = JSON.parse(run.stdout) as { file: string; code: string }[];
    expect(diagnostics.filter((d) => d.code === "HFA102")).toEqual([]);
    // avtaler/ sorts before inne/, so the file keeps its own name.
    expect(new Set(diagnostics.map((d) => d.file))).toEqual(new Set(["avtaler/a.hfa"]));
    // Named twice on the command line, once through the link: still one file.
    const twice = hfa(["check", "--format", "json", "avtaler/a.hfa", "inne/a.hfa"], dir);
    expect((JSON.parse(twice.stdout) as { code: string }[]).filter((d) => d.code === "HFA102")).toEqual([]);
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

describe("hostile hfa.json", () => {
  test("nested 10 000 deep: HFA010 in every format, no crash", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "hfa.json"), `{ "rules": ${"[".repeat(10_000)}${"]".repeat(10_000)} }`);
    writeFileSync(join(dir, "a.hfa"), SAMPLE);
    for (const format of ["text", "json", "github", "sarif"]) {
      const run = hfa(["check", "--format", format, "."], dir);
      expect(run.code, `${format}: ${run.stderr}`).toBe(1);
      expect(run.stdout).toContain("HFA010");
      expect(run.stderr).not.toContain("intern feil");
    }
  });

  test.each(["constructor", "__proto__", "toString"])("severity %j: HFA010, and every diagnostic keeps a real severity", (word) => {
    const dir = tempDir();
    writeFileSync(join(dir, "hfa.json"), JSON.stringify({ rules: { HFA604: word, HFA603: word } }));
    writeFileSync(join(dir, "a.hfa"), SAMPLE);
    const json = hfa(["check", "--format", "json", "."], dir);
    const list = JSON.parse(json.stdout) as { code: string; severity: string }[];
    expect(list.filter((d) => d.code === "HFA010")).toHaveLength(2);
    for (const d of list) expect(["error", "warning", "info", "hint"]).toContain(d.severity);
    const github = hfa(["check", "--format", "github", "."], dir);
    expect(github.stdout).not.toContain("::undefined");
    expect(hfa(["check", "."], dir).stderr).not.toContain("intern feil");
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

  test("1 MB of garbage gives bounded output in every format (was 30 MB of text, 66 MB of JSON)", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "søppel.hfa"), "avtale ( } { 1.200.000 «x» ".repeat(40_000));
    for (const format of ["text", "json", "github", "sarif"]) {
      const run = hfa(["check", "--format", format, "."], dir);
      expect(run.code, `${format}: ${run.stderr}`).toBe(1);
      expect(run.stdout.length, format).toBeLessThan(2_000_000);
    }
  }, 60_000);

  test("a file just at the limit is read", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.hfa"), SAMPLE + " ".repeat(MAX_FILE_BYTES - Buffer.byteLength(SAMPLE)));
    const run = hfa(["check", "."], dir);
    expect(run.stderr).toBe("");
    expect(run.code).not.toBe(2);
  });
});
