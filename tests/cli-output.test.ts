/**
 * The CLI's output conventions, run on the built bundle: control characters
 * never reach any output raw (issue 8 item 7), no message can forge a GitHub
 * workflow command or a text line, GitLab Code Quality and SARIF reports as
 * their consumers document them, --quiet/--verbose, NO_COLOR/FORCE_COLOR.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import type * as Sarif from "sarif";
import { afterAll, describe, expect, test } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "dist", "cli.js");
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function hfa(args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}, input?: string) {
  const childEnv: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined, ...env };
  for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env: childEnv as NodeJS.ProcessEnv, input });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Anything a terminal or log viewer could act on: C0 but LF, DEL, C1, line/paragraph separators, bidi controls. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const EVIL_TITLE = "Koordinator\u001b]0;pwned\u0007\u001b[2J\n::error file=x::forged\r\n\u202e\u009b31m 100 %";
const EVIL_FILE = "ond\u001b[31m\nfil.hfa";

/** felles/ and an agreement whose `stilling` title, file name and stray characters are full of control characters. */
function hostileWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "hfa-hostile-"));
  temps.push(dir);
  cpSync(join(ROOT, "samples", "felles"), join(dir, "felles"), { recursive: true });
  writeFileSync(join(dir, "hfa.json"), "{}\n");
  const sample = readFileSync(join(ROOT, "samples", "avtaler", "eldreteam-romsdal.hfa"), "utf8");
  const line = 'stilling "Eldrehelsekoordinator" 2 årsverk: HMR 50 %, Molde 30 %, Hustadvika 20 %';
  expect(sample).toContain(line);
  writeFileSync(join(dir, EVIL_FILE), sample.replace(line, `stilling "${EVIL_TITLE}" 1,5 årsverk: HMR 50 %, Molde 30 %, Hustadvika 10 %`));
  writeFileSync(join(dir, "tegn.hfa"), "\u001b[2J \u009b \u202e \u0007 \u2028\n");
  return dir;
}

describe("control characters in every output format (issue 8 item 7)", () => {
  const dir = hostileWorkspace();

  test("text: shown as \\u001b etc.; every line is a diagnostic, an indented continuation, or a summary", () => {
    const run = hfa(["check", "--verbose"], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stdout).toContain("Stillingen «Koordinator\\u001b]0;pwned\\u0007\\u001b[2J\\u000a::error file=x::forged\\u000d\\u000a\\u202e\\u009b31m 100 %»");
    expect(run.stdout).toMatch(/^ond\\u001b\[31m\\u000afil\.hfa:\d+:\d+ {2}advarsel {2}HFA308 /m);
    expect(run.stdout).toContain("tegn.hfa:1:1  feil  HFA001  Ukjent tegn «\\u001b");
    for (const line of run.stdout.split("\n")) {
      expect(line).toMatch(/^(|\S+:\d+:\d+ {2}(feil|advarsel|info|hint|unntatt) {2}HFA\d{3} {2}.*| {4}\S.*|\d+ feil, .*|Ikke vist: .*|\d+ meldinger? er unntatt .*)$/);
    }
  });

  test("json: the exact values, JSON-escaped; no raw control character in the output", () => {
    const run = hfa(["check", "--format", "json"], dir);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    const list = JSON.parse(run.stdout) as { file: string; message: string }[];
    expect(list.some((d) => d.file === EVIL_FILE)).toBe(true);
    expect(list.some((d) => d.message.includes(EVIL_TITLE))).toBe(true);
  });

  test("sarif: visible escapes, still valid SARIF 2.1.0", () => {
    const run = hfa(["check", "--format", "sarif"], dir);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    const log = JSON.parse(run.stdout) as Sarif.Log;
    const schema = JSON.parse(readFileSync(join(ROOT, "tests", "fixtures", "cli", "sarif-schema-2.1.0.json"), "utf8")) as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const texts = log.runs[0]!.results!.map((r) => r.message.text!);
    expect(texts.some((t) => t.includes("Koordinator\\u001b]0;pwned"))).toBe(true);
    for (const text of texts) expect(text).not.toMatch(RAW_CONTROL);
  });

  test("github: one workflow command per line; a title with a newline and :: forges nothing", () => {
    const run = hfa(["check", "--format", "github"], dir);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=HFA\d{3}::/);
    expect(lines.filter((line) => line.startsWith("::error file=x"))).toEqual([]);
    const forged = lines.find((line) => line.includes("pwned"))!;
    expect(forged).toContain("::error file=x::forged");
    // The message part: `%` and the runner's own escapes only; the file property has `:` and `,` encoded.
    expect(forged).toMatch(/^::(warning|error) file=ond\\u001b\[31m\\u000afil\.hfa,/);
    expect(lines.some((line) => line.includes("100 %25"))).toBe(true);
  });

  test("gitlab: visible escapes in description and path", () => {
    const run = hfa(["check", "--format", "gitlab"], dir);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    const issues = JSON.parse(run.stdout) as { description: string; location: { path: string } }[];
    expect(issues.some((i) => i.location.path === "ond\\u001b[31m\\u000afil.hfa")).toBe(true);
    expect(issues.some((i) => i.description.includes("pwned"))).toBe(true);
  });

  test("format --check names files and reports errors with escapes too", () => {
    const run = hfa(["format", "--check"], dir);
    expect(run.stdout + run.stderr).not.toMatch(RAW_CONTROL);
    expect(run.stderr).toContain("tegn.hfa har syntaksfeil");
  });

  test("a usage error echoing the user's argument escapes it", () => {
    const run = hfa(["check", "--format", "x\u001b[2Jy"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    expect(run.stderr).toContain("«x\\u001b[2Jy»");
  });
});

// ------------------------------------------------------------------ gitlab

function sampleWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "hfa-out-"));
  temps.push(dir);
  for (const folder of ["felles", "avtaler", "feil"]) cpSync(join(ROOT, "samples", folder), join(dir, folder), { recursive: true });
  writeFileSync(join(dir, "hfa.json"), "{}\n");
  return dir;
}

describe("--format gitlab (GitLab Code Quality)", () => {
  test("valid against GitLab's documented fields; unique fingerprints that survive a line shift; suppressed left out", () => {
    const dir = sampleWorkspace();
    const clean = readFileSync(join(ROOT, "samples", "avtaler", "fact-innherred.hfa"), "utf8");
    const waived = clean.replace(/^ {2}indikator .*\n/gm, "").replace("avtale FACTInnherred ", "// hfa-ignore HFA604: måles i kvalitetsregisteret\navtale Unntatt ");
    writeFileSync(join(dir, "avtaler", "unntatt.hfa"), waived);
    const suppressed = (JSON.parse(hfa(["check", "--format", "json"], dir).stdout) as { file: string; suppressed?: string }[]).filter((d) => d.suppressed !== undefined);
    expect(suppressed.map((d) => d.file)).toEqual(["avtaler/unntatt.hfa"]);
    const run = hfa(["check", "--format", "gitlab"], dir);
    expect(run.code).toBe(1);
    const issues = JSON.parse(run.stdout) as { description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }[];
    const schema = JSON.parse(readFileSync(join(ROOT, "tests", "fixtures", "cli", "gitlab-codequality.schema.json"), "utf8")) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(issues), JSON.stringify(validate.errors)).toBe(true);
    // The schema really constrains: a made-up severity and an absolute path are rejected.
    expect(validate([{ ...issues[0]!, severity: "error" }])).toBe(false);
    expect(validate([{ ...issues[0]!, location: { path: `${dir}/a.hfa`, lines: { begin: 1 } } }])).toBe(false);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    expect(issues.filter((i) => i.severity === "major").map((i) => i.location.path)).toContain("feil/mangler-besparelse.hfa");
    expect(new Set(issues.map((i) => i.severity))).toEqual(new Set(["major", "minor", "info"]));
    expect(issues.filter((i) => i.location.path === "avtaler/unntatt.hfa" && i.check_name === "HFA604")).toEqual([]);
    const hfa401 = issues.find((i) => i.check_name === "HFA401")!;
    expect(hfa401.description).toMatch(/^HFA401: /);

    // A clause added above moves the line, not the fingerprint.
    const path = join(dir, "feil", "mangler-besparelse.hfa");
    writeFileSync(path, "// en kommentar øverst\n" + readFileSync(path, "utf8"));
    const moved = JSON.parse(hfa(["check", "--format", "gitlab"], dir).stdout) as typeof issues;
    const again = moved.find((i) => i.fingerprint === hfa401.fingerprint)!;
    expect(again.location.lines.begin).toBe(hfa401.location.lines.begin + 1);
  });
});

// ------------------------------------------------------------------ SARIF help

describe("SARIF help", () => {
  test("helpUri from docs.baseUrl in hfa.json; still valid", () => {
    const dir = sampleWorkspace();
    writeFileSync(join(dir, "hfa.json"), '{ "docs": { "baseUrl": "https://regler.example.no/hfa/" } }\n');
    const log = JSON.parse(hfa(["check", "--format", "sarif", "felles"], dir).stdout) as Sarif.Log;
    const rules = log.runs[0]!.tool.driver.rules!;
    expect(rules.find((r) => r.id === "HFA402")!.helpUri).toBe("https://regler.example.no/hfa/HFA402.md");
    for (const rule of rules) {
      expect(rule.helpUri).toMatch(/^https:\/\//);
      expect(rule.help?.text).toContain(rule.id);
    }
    // A docs.baseUrl that is not a web address is HFA010, never a file:// link.
    writeFileSync(join(dir, "hfa.json"), '{ "docs": { "baseUrl": "file:///home/runner/docs" } }\n');
    const bad = hfa(["check", "--format", "json", "felles"], dir);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toEqual([expect.objectContaining({ file: "hfa.json", code: "HFA010" })]);
  });
});

// ------------------------------------------------------------------ verbosity and colour

describe("--quiet, --verbose, colours", () => {
  const dir = sampleWorkspace();

  test("default: errors and warnings, with a count of the rest; --quiet: errors only; --verbose: everything", () => {
    const normal = hfa(["check"], dir).stdout;
    const quiet = hfa(["check", "--quiet"], dir).stdout;
    const verbose = hfa(["check", "--verbose"], dir).stdout;
    const severities = (out: string) => new Set([...out.matchAll(/^\S+:\d+:\d+ {2}(\S+) {2}HFA/gm)].map((m) => m[1]));
    expect(severities(normal)).toEqual(new Set(["feil", "advarsel"]));
    expect(severities(quiet)).toEqual(new Set(["feil"]));
    expect(severities(verbose)).toEqual(new Set(["feil", "advarsel", "info"]));
    expect(normal).toMatch(/\nIkke vist: \d+ informasjonsmeldinger \(vis alt med --verbose\)\.\n/);
    expect(quiet).toMatch(/\nIkke vist: \d+ advarsler og \d+ informasjonsmeldinger \(vis alt med --verbose\)\.\n/);
    expect(verbose).not.toContain("Ikke vist");
    // The same summary line in all three.
    const summary = (out: string) => out.split("\n").find((line) => /^\d+ feil, /.test(line));
    expect(summary(quiet)).toBe(summary(normal));
    expect(summary(verbose)).toBe(summary(normal));
    // --quiet applies to the machine formats too.
    const json = JSON.parse(hfa(["check", "--quiet", "--format", "json"], dir).stdout) as { severity: string }[];
    expect(new Set(json.map((d) => d.severity))).toEqual(new Set(["error"]));
    expect(hfa(["check", "--quiet", "--verbose"], dir).code).toBe(2);
  });

  test("no colours when piped; FORCE_COLOR switches them on, also over NO_COLOR; FORCE_COLOR=0 keeps them off", () => {
    expect(hfa(["check"], dir).stdout).not.toContain("\u001b[");
    const forced = hfa(["check"], dir, { FORCE_COLOR: "1" }).stdout;
    expect(forced).toContain("\u001b[31mfeil\u001b[39m");
    expect(hfa(["check"], dir, { FORCE_COLOR: "1", NO_COLOR: "1" }).stdout).toContain("\u001b[");
    expect(hfa(["check"], dir, { FORCE_COLOR: "0" }).stdout).not.toContain("\u001b[");
    // Colour codes come only from us: a hostile name stays escaped even in colour.
    const hostile = hfa(["check", "--verbose"], hostileWorkspace(), { FORCE_COLOR: "1" }).stdout;
    expect(hostile.replace(/\u001b\[\d+m/g, "")).not.toMatch(RAW_CONTROL);
  });
});

// ------------------------------------------------------------------ format: stdin and empty paths

describe("hfa format --stdin, and paths without .hfa files", () => {
  const clean = readFileSync(join(ROOT, "samples", "avtaler", "fact-innherred.hfa"), "utf8");
  const messy = clean.replace("  parter ", "      parter ");

  test("--stdin prints the formatted text; --check says by its exit code whether it would change; syntax errors print the text unchanged", () => {
    const dir = sampleWorkspace();
    expect(messy).not.toBe(clean);
    const formatted = hfa(["format", "--stdin", "--stdin-filename", "avtaler/x.hfa"], dir, {}, messy);
    expect(formatted.code).toBe(0);
    expect(formatted.stdout).toBe(clean);
    expect(hfa(["format", "--stdin", "--check"], dir, {}, messy).code).toBe(1);
    const unchanged = hfa(["format", "--stdin", "--check"], dir, {}, clean);
    expect(unchanged.code).toBe(0);
    expect(unchanged.stdout).toBe("");
    const broken = hfa(["format", "--stdin", "--stdin-filename", "ny.hfa"], dir, {}, "avtale {\n");
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe("avtale {\n");
    expect(broken.stderr).toBe("hfa: ny.hfa har syntaksfeil og ble ikke formatert\n");
    expect(hfa(["format", "--stdin", "avtaler"], dir, {}, clean).code).toBe(2);
    expect(hfa(["format", "--stdin-filename", "x.hfa"], dir).code).toBe(2);
  });

  test("format on a path without .hfa files is exit 2, with and without --check", () => {
    const dir = mkdtempSync(join(tmpdir(), "hfa-fmt-empty-"));
    temps.push(dir);
    for (const args of [["format", "."], ["format", "--check", "."]]) {
      const run = hfa(args, dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe("hfa: fant ingen .hfa-filer i «.». Oppgi en fil eller en mappe med avtaler.\n");
    }
  });
});
