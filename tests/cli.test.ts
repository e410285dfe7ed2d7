/**
 * End-to-end tests of the `hfa` command line (spec §8): the BUILT bundle
 * (dist/cli.js) runs as a child process over temporary folders and samples/.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import type * as Sarif from "sarif";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { escapeData, escapeProperty } from "../server/src/cli/output/github.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "dist", "cli.js");
const SAMPLES = join(ROOT, "samples");
const CLEAN = readFileSync(join(SAMPLES, "avtaler", "fact-innherred.hfa"), "utf8");
/** The line of `avtale` in the clean sample (1-based), where diagnostics on the agreement's name sit. */
const AVTALE_LINE = CLEAN.slice(0, CLEAN.indexOf("\navtale FACTInnherred ")).split("\n").length + 1;
const NBSP = "\u00a0";

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function hfa(args: readonly string[], cwd: string = ROOT, env: Record<string, string | undefined> = {}): Run {
  const childEnv: Record<string, string | undefined> = { ...process.env, HFA_DEBUG: undefined, FORCE_COLOR: undefined, ...env };
  for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env: childEnv as NodeJS.ProcessEnv, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
  related?: { file: string; line: number; column: number; message: string }[];
  suppressed?: string;
}

function json(run: Run): JsonDiagnostic[] {
  return JSON.parse(run.stdout) as JsonDiagnostic[];
}

/** No stack trace: no `    at …` frames and no Node error banner. */
function expectNoStack(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/Node\.js v\d+/);
}

const temps: string[] = [];

/** A temporary folder with samples/felles copied to `felles/` and the given files. */
function workspace(files: Record<string, string | Buffer> = {}, withShared = true): string {
  const dir = mkdtempSync(join(tmpdir(), "hfa-cli-"));
  temps.push(dir);
  if (withShared) cpSync(join(SAMPLES, "felles"), join(dir, "felles"), { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** The clean sample with its `indikator` lines removed (→ one HFA604 warning), renamed. */
function withoutIndicator(name: string, prefix = ""): string {
  return CLEAN.replace(/^ {2}indikator .*\n/gm, "").replace("avtale FACTInnherred ", `${prefix}avtale ${name} `);
}

beforeAll(() => {
  if (!existsSync(CLI)) spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore", shell: process.platform === "win32" });
  if (!existsSync(CLI)) throw new Error("dist/cli.js is missing and `npm run build` did not produce it");
});

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

// ------------------------------------------------------------------ samples

describe("samples", () => {
  test("felles + avtaler: exit 0, no errors or warnings, exact summary", () => {
    const run = hfa(["check", "samples/felles", "samples/avtaler"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    // Information is not listed by default, only counted (spec §8).
    expect(lines.at(-2)).toBe("0 feil, 0 advarsler i 12 filer");
    expect(lines.at(-1)).toMatch(/^Ikke vist: \d+ informasjonsmeldinger (og \d+ hint )?\(vis alt med --verbose\)\.$/);
    expect(lines.length).toBe(2);
    expect(run.stdout).not.toMatch(/ {2}(feil|advarsel) {2}HFA/);
    expect(run.stdout).not.toContain("\u001b["); // no colours when piped
    expect(run.stderr).toBe("");
  });

  test("text lines are `path:line:col  severity  CODE  message`, grouped by file", () => {
    const run = hfa(["check", "samples/felles", "samples/avtaler", "--verbose"]);
    const diagnosticLines = run.stdout.split("\n").filter((line) => /HFA\d{3}/.test(line));
    expect(diagnosticLines.length).toBeGreaterThan(5);
    for (const line of diagnosticLines) expect(line).toMatch(/^samples\/avtaler\/[a-z-]+\.hfa:\d+:\d+ {2}(info|hint) {2}HFA\d{3} {2}\S/);
    // Grouped: each file's lines are consecutive, and groups are separated by one blank line.
    const files = diagnosticLines.map((line) => line.split(":")[0]);
    const groups = files.filter((file, i) => file !== files[i - 1]);
    expect(new Set(groups).size).toBe(groups.length);
    expect(run.stdout.split("\n\n").length).toBe(groups.length + 1);
  });

  test("samples as a whole: errors only in samples/feil, exit 1", () => {
    const run = hfa(["check", "samples", "--format", "json"]);
    expect(run.code).toBe(1);
    const diagnostics = json(run);
    const serious = diagnostics.filter((d) => d.severity === "error" || d.severity === "warning");
    expect(serious.length).toBeGreaterThan(5);
    for (const d of serious) expect(d.file).toMatch(/^samples\/feil\/[a-z0-9-]+\.hfa$/);
    expect(serious.map((d) => d.code)).toEqual(expect.arrayContaining(["HFA001", "HFA003", "HFA401", "HFA701"]));
  });

  test("the default path is the current folder, and paths inside it are relative", () => {
    const run = hfa(["check", "--format", "json"], join(SAMPLES, "feil"));
    // Without felles/ nothing resolves, so names are unknown; what matters is how files are named.
    expect(run.code).toBe(1);
    const files = new Set(json(run).map((d) => d.file));
    expect(files.has("mangler-besparelse.hfa")).toBe(true);
    for (const file of files) expect(file).not.toContain("/");
  });
});

// ------------------------------------------------------------------ check: json

describe("check --format json", () => {
  test("fields, and 1-based columns in UTF-16 code units after ø and no-break spaces", () => {
    const line = `  tilskudd RST 1${NBSP}200${NBSP}000 kr per år til HNT 40 %, Inderøy 10 %, Verdal 20 %, Levangr 30 %`;
    const text = CLEAN.replace(/^ {2}tilskudd RST .*$/m, line);
    const dir = workspace({ "avtaler/unicode.hfa": text });
    const run = hfa(["check", "felles", "avtaler", "--format", "json"], dir);
    expect(run.code).toBe(1);
    const errors = json(run).filter((d) => d.severity === "error");
    expect(errors).toHaveLength(1);
    const lineNumber = text.split("\n").findIndex((l) => l.startsWith("  tilskudd RST")) + 1;
    expect(errors[0]).toEqual({
      file: "avtaler/unicode.hfa",
      line: lineNumber,
      column: 77, // UTF-16: "Levangr" starts at index 76 of the line (counting UTF-8 bytes would give 81)
      endLine: lineNumber,
      endColumn: 84,
      severity: "error",
      code: "HFA101",
      message: expect.stringContaining("«Levangr»"),
    });
    expect(line.indexOf("Levangr") + 1).toBe(77);
    expect(Buffer.byteLength(line.slice(0, line.indexOf("Levangr")))).toBe(80);
  });

  test("severity names: information is reported as info", () => {
    const run = hfa(["check", "samples/felles", "samples/avtaler/fact-innherred.hfa", "--format", "json"]);
    expect(run.code).toBe(0);
    const severities = new Set(json(run).map((d) => d.severity));
    expect([...severities]).toEqual(["info"]);
    expect(json(run).map((d) => d.code)).toEqual(["HFA606", "HFA404"]);
  });

  test("related places for a name declared twice (HFA102), across files", () => {
    const dir = workspace({ "a.hfa": withoutIndicator("Dobbel"), "b.hfa": withoutIndicator("Dobbel") });
    const run = hfa(["check", "felles", "a.hfa", "b.hfa", "--format", "json"], dir);
    expect(run.code).toBe(1);
    const duplicates = json(run).filter((d) => d.code === "HFA102");
    expect(duplicates.map((d) => d.file)).toEqual(["a.hfa", "b.hfa"]);
    expect(duplicates[0]).toMatchObject({ line: AVTALE_LINE, column: 8, endColumn: 14, severity: "error" });
    expect(duplicates[0]!.related).toEqual([{ file: "b.hfa", line: AVTALE_LINE, column: 8, message: expect.any(String) }]);
    expect(duplicates[1]!.related).toEqual([{ file: "a.hfa", line: AVTALE_LINE, column: 8, message: expect.any(String) }]);
    // Diagnostics without related places have no `related` key at all.
    expect(json(run).filter((d) => d.code === "HFA604")[0]).not.toHaveProperty("related");
  });

  test("a suppressed warning carries its reason and does not count", () => {
    const dir = workspace({ "avtale.hfa": withoutIndicator("Unntatt", "// hfa-ignore HFA604: måles i kvalitetsregisteret\n") });
    const run = hfa(["check", "felles", "avtale.hfa", "--format", "json", "--max-warnings", "0"], dir);
    expect(run.code).toBe(0);
    const suppressed = json(run).filter((d) => d.suppressed !== undefined);
    expect(suppressed).toEqual([expect.objectContaining({ file: "avtale.hfa", code: "HFA604", severity: "warning", suppressed: "måles i kvalitetsregisteret", line: AVTALE_LINE + 1 })]);

    const text = hfa(["check", "felles", "avtale.hfa"], dir);
    expect(text.code).toBe(0);
    // Listed under its file with its reason (spec §6), not counted.
    expect(text.stdout).toMatch(new RegExp(`^avtale\\.hfa:${AVTALE_LINE + 1}:8 {2}unntatt {2}HFA604 {2}Avtalen har ingen «indikator».*\\n {4}begrunnelse: måles i kvalitetsregisteret\\n`, "m"));
    expect(text.stdout).toContain("0 feil, 0 advarsler i 6 filer\n");
    expect(text.stdout).toContain("\n1 melding er unntatt med hfa-ignore (listet over med begrunnelse)\n");
    expect(hfa(["check", "felles", "avtale.hfa", "--quiet"], dir).stdout).not.toContain("HFA604");
  });
});

// ------------------------------------------------------------------ check: exit codes, config, locale

describe("check: exit codes, configuration and locale", () => {
  test("--max-warnings", () => {
    const dir = workspace({ "avtale.hfa": withoutIndicator("Advarsel") });
    const plain = hfa(["check", "felles", "avtale.hfa"], dir);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(new RegExp(`^avtale\\.hfa:${AVTALE_LINE}:8 {2}advarsel {2}HFA604 {2}Avtalen har ingen «indikator»`, "m"));
    expect(plain.stdout).toContain("0 feil, 1 advarsel i 6 filer");

    const tooMany = hfa(["check", "felles", "avtale.hfa", "--max-warnings", "0"], dir);
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toBe("hfa: for mange advarsler: 1 (høyst 0 tillatt med --max-warnings)\n");
    expect(hfa(["check", "felles", "avtale.hfa", "--max-warnings", "1"], dir).code).toBe(0);

    const bad = hfa(["check", "--max-warnings", "mange"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split("\n")[0]).toBe("hfa: --max-warnings må være et helt tall ≥ 0, ikke «mange».");
  });

  test("--config with a bad key reports HFA010 on the config file and exits 1", () => {
    const dir = workspace({ "oppsett/hfa.json": '{\n  "lokale": "nb"\n}\n' });
    const run = hfa(["check", "felles", "--config", "oppsett/hfa.json", "--format", "json"], dir);
    expect(run.code).toBe(1);
    expect(json(run)).toEqual([
      { file: "oppsett/hfa.json", line: 2, column: 3, endLine: 2, endColumn: 11, severity: "error", code: "HFA010", message: expect.stringContaining("«lokale»") },
    ]);
    const text = hfa(["check", "felles", "--config", "oppsett/hfa.json"], dir);
    expect(text.stdout).toMatch(/^oppsett\/hfa\.json:2:3 {2}feil {2}HFA010 {2}/m);
    expect(text.stdout).toContain("1 feil, 0 advarsler i 5 filer");
  });

  test("hfa.json in the current folder is used; its rules and locale apply", () => {
    const dir = workspace({ "avtale.hfa": withoutIndicator("Konfig"), "hfa.json": '{ "locale": "en", "rules": { "HFA604": "error" } }' });
    const run = hfa(["check"], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^avtale\\.hfa:${AVTALE_LINE}:8 {2}error {2}HFA604 {2}The agreement has no "indikator"`, "m"));
    expect(run.stdout).toContain("1 error, 0 warnings in 6 files");
  });

  test("--config naming a missing file exits 2", () => {
    const dir = workspace();
    const run = hfa(["check", "felles", "--config", "mangler.json"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("hfa: kan ikke lese mangler.json: finnes ikke\n");
  });

  test("--locale en gives English messages, severities and summary", () => {
    const run = hfa(["check", "samples/felles", "samples/feil/mangler-besparelse.hfa", "--locale", "en"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^samples\/feil\/mangler-besparelse\.hfa:\d+:\d+ {2}error {2}HFA401 {2}[A-Z]/m);
    expect(run.stdout).not.toContain("Avtalen");
    expect(run.stdout).toContain("\n1 error, 0 warnings in 6 files\n");
    const nb = hfa(["check", "samples/felles", "samples/feil/mangler-besparelse.hfa"]);
    expect(nb.stdout).toMatch(/ {2}feil {2}HFA401 {2}/);
    expect(nb.stdout).toContain("\n1 feil, 0 advarsler i 6 filer\n");
  });

  test("exit 2 for a path that does not exist", () => {
    const run = hfa(["check", "samples/felles", "finnes/ikke.hfa"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("hfa: kan ikke lese finnes/ikke.hfa: finnes ikke\n");
    expect(run.stdout).toBe("");
  });

  test("exit 2 for a binary file and for a file that is not UTF-8", () => {
    const dir = workspace({ "binær.hfa": Buffer.from([0x61, 0x76, 0x00, 0x01, 0xff]), "latin1/avtale.hfa": Buffer.from("avtale Ber\u00f8rt", "latin1") }, false);
    const binary = hfa(["check", "binær.hfa"], dir);
    expect(binary.code).toBe(2);
    expect(binary.stderr).toBe("hfa: kan ikke lese binær.hfa: inneholder NUL-byte – er det en binærfil?\n");
    const latin1 = hfa(["check", "latin1"], dir);
    expect(latin1.code).toBe(2);
    expect(latin1.stderr).toBe("hfa: kan ikke lese latin1/avtale.hfa: er ikke gyldig UTF-8-tekst\n");
    const english = hfa(["check", "binær.hfa", "--locale", "en"], dir);
    expect(english.stderr).toBe("hfa: cannot read binær.hfa: contains NUL bytes – is it a binary file?\n");
    expectNoStack(binary.stderr + latin1.stderr);
  });

  test("exit 2 for bad flags, with a one-line message, the usage, and no stack trace", () => {
    for (const [args, message] of [
      [["check", "--bogus"], "hfa: ukjent flagg «--bogus»."],
      [["check", "--format", "xml", "samples/felles"], "hfa: ukjent format «xml». Gyldige: text, json, sarif, github, gitlab."],
      [["check", "--format"], "hfa: flagget «--format» mangler en verdi."],
      [["check", "--locale", "de"], "hfa: --locale må være «nb» eller «en», ikke «de»."],
      [["sjekk"], "hfa: ukjent kommando «sjekk»."],
      [["--bogus"], "hfa: ukjent flagg «--bogus»."],
    ] as const) {
      const run = hfa(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr.split("\n")[0]).toBe(message);
      expect(run.stderr).toContain("Bruk: hfa ");
      expect(run.stdout).toBe("");
      expectNoStack(run.stderr);
    }
    const english = hfa(["check", "--bogus", "--locale", "en"]);
    expect(english.stderr.split("\n")[0]).toBe('hfa: unknown option "--bogus".');
    expect(english.stderr).toContain("Usage: hfa check");
  });

  test("folders: recursive *.hfa, skipping node_modules and dot-folders; no progress line when piped", () => {
    const files: Record<string, string> = {
      "node_modules/pakke/skjult.hfa": "dette er ikke hfa",
      ".git/skjult.hfa": "dette er ikke hfa",
      "avtaler/notater.txt": "ikke en avtale",
    };
    for (let i = 0; i < 55; i++) files[`avtaler/del-${String(i).padStart(2, "0")}/avtale.hfa`] = `// fil ${i}\n`;
    const dir = workspace(files);
    const run = hfa(["check"], dir, { CI: undefined });
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd()).toBe("0 feil, 0 advarsler i 60 filer");
    expect(run.stderr).toBe("");
  });
});

// ------------------------------------------------------------------ check: sarif

describe("check --format sarif", () => {
  const schema = JSON.parse(readFileSync(join(ROOT, "tests", "fixtures", "cli", "sarif-schema-2.1.0.json"), "utf8")) as object;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  function sarifRun(): { log: Sarif.Log; dir: string } {
    const dir = workspace({
      "a.hfa": withoutIndicator("Dobbel"),
      "b.hfa": withoutIndicator("Dobbel", "// hfa-ignore HFA604: måles i kvalitetsregisteret\n"),
      "hfa.json": '{ "lokale": "nb" }',
    });
    const run = hfa(["check", "felles", "a.hfa", "b.hfa", "--format", "sarif"], dir);
    expect(run.code).toBe(1);
    return { log: JSON.parse(run.stdout) as Sarif.Log, dir };
  }

  test("is valid against the official SARIF 2.1.0 schema", () => {
    const { log } = sarifRun();
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The schema really constrains: a wrong level is rejected.
    const broken = structuredClone(log);
    broken.runs[0]!.results![0]!.level = "info" as Sarif.Result.level;
    expect(validate(broken)).toBe(false);
  });

  test("rules, results, related locations and suppressions", () => {
    const { log, dir } = sarifRun();
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    const driver = run.tool.driver;
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(driver.name).toBe("hfa");
    expect(driver.version).toBe(pkg.version);
    const codes = (JSON.parse(readFileSync(join(ROOT, "docs", "rules", "codes.json"), "utf8")) as { code: string }[]).map((c) => c.code);
    expect(driver.rules!.map((r) => r.id)).toEqual(codes);
    const hfa402 = driver.rules!.find((r) => r.id === "HFA402")!;
    expect(hfa402.defaultConfiguration?.level).toBe("warning");
    expect(hfa402.shortDescription?.text).toBe("Ubalanse mellom partene etter overføringer");
    // No docs.baseUrl here and the package publishes no homepage: no help URI at all rather than a
    // made-up address or a file:// path of the machine that ran the check (docs.baseUrl: cli-output.test.ts).
    expect((JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { homepage?: string }).homepage).toBeUndefined();
    expect(hfa402.helpUri).toBeUndefined();
    expect(driver.informationUri).toBeUndefined();
    expect(JSON.stringify(log)).not.toContain("file:///" + ROOT.replace(/^\//, ""));
    // The rule's page is the help code scanning shows.
    expect(hfa402.help?.markdown).toBe(readFileSync(join(ROOT, "docs", "rules", "HFA402.md"), "utf8"));
    for (const rule of driver.rules!) expect(rule.help?.markdown, rule.id).toMatch(new RegExp(`^# ${rule.id}\\b`));
    expect(driver.rules!.find((r) => r.id === "HFA404")!.defaultConfiguration?.level).toBe("note");
    expect(run.originalUriBaseIds!["%SRCROOT%"]!.uri).toBe(`file://${dir}/`);

    const results = run.results!;
    for (const result of results) expect(driver.rules![result.ruleIndex!]!.id).toBe(result.ruleId);
    const config = results.find((r) => r.ruleId === "HFA010")!;
    expect(config.level).toBe("error");
    expect(config.locations![0]!.physicalLocation!.artifactLocation).toEqual({ uri: "hfa.json", uriBaseId: "%SRCROOT%" });

    const duplicate = results.find((r) => r.ruleId === "HFA102")!;
    expect(duplicate.locations![0]!.physicalLocation).toEqual({
      artifactLocation: { uri: "a.hfa", uriBaseId: "%SRCROOT%" },
      region: { startLine: AVTALE_LINE, startColumn: 8, endLine: AVTALE_LINE, endColumn: 14 },
    });
    expect(duplicate.relatedLocations![0]!.physicalLocation!.artifactLocation!.uri).toBe("b.hfa");
    expect(duplicate.relatedLocations![0]!.message!.text).toBeTruthy();

    const hfa604 = results.filter((r) => r.ruleId === "HFA604");
    expect(hfa604.map((r) => r.suppressions)).toEqual([[], [{ kind: "inSource", justification: "måles i kvalitetsregisteret" }]]);
    expect(hfa604[0]!.level).toBe("warning");
    const info = results.find((r) => r.ruleId === "HFA606")!;
    expect(info.level).toBe("note");
  });

  test("rule descriptions follow --locale", () => {
    const run = hfa(["check", "samples/felles", "--format", "sarif", "--locale", "en"]);
    const log = JSON.parse(run.stdout) as Sarif.Log;
    expect(log.runs[0]!.tool.driver.rules!.find((r) => r.id === "HFA402")!.shortDescription!.text).toBe("Imbalance between the parties after transfers");
  });
});

// ------------------------------------------------------------------ check: github

describe("check --format github", () => {
  test("workflow commands with escaped properties and data", () => {
    const dir = workspace({ "avtaler/a,b:c.hfa": withoutIndicator("Komma") });
    const run = hfa(["check", "felles", "avtaler", "--format", "github", "--max-warnings", "5"], dir);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(new RegExp(`^::warning file=avtaler/a%2Cb%3Ac\\.hfa,line=${AVTALE_LINE},col=8,endLine=${AVTALE_LINE},endColumn=13,title=HFA604::Avtalen har ingen «indikator»\\. `));
    expect(lines.filter((l) => l.startsWith("::notice file=avtaler/a%2Cb%3Ac.hfa,"))).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=HFA\d{3}::/);
  });

  test("errors, and % in messages", () => {
    const run = hfa(["check", "samples/felles", "samples/feil/andeler-ikke-100.hfa", "--format", "github"]);
    expect(run.code).toBe(1);
    const errors = run.stdout.split("\n").filter((l) => l.startsWith("::error "));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((l) => l.includes("title=HFA305::") && l.includes("%25"))).toBe(true);
    expect(run.stdout).not.toMatch(/\d %[^0-9A-F]/);
  });

  test("escaping rules", () => {
    expect(escapeData("50 % av\r\nrammen")).toBe("50 %25 av%0D%0Arammen");
    expect(escapeProperty("a,b:c%d\ne")).toBe("a%2Cb%3Ac%25d%0Ae");
  });
});

// ------------------------------------------------------------------ format

describe("format", () => {
  const unformatted = CLEAN.replace("tilskudd RST 1 200 000 kr", "tilskudd RST 1200000 kr").replace("  periode 2025 til 2028", "    periode   2025 til 2028");

  test("--check lists files that would change and exits 1; writes nothing", () => {
    const dir = workspace({ "avtaler/ny.hfa": unformatted, "avtaler/ferdig.hfa": CLEAN }, false);
    const run = hfa(["format", "--check", "avtaler"], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("avtaler/ny.hfa\n1 fil må formateres, 1 uendret\n");
    expect(readFileSync(join(dir, "avtaler/ny.hfa"), "utf8")).toBe(unformatted);
  });

  test("format rewrites changed files only; then --check passes", () => {
    const dir = workspace({ "avtaler/ny.hfa": unformatted, "avtaler/ferdig.hfa": CLEAN }, false);
    const run = hfa(["format", "avtaler"], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("1 fil formatert, 1 uendret\n");
    expect(readFileSync(join(dir, "avtaler/ny.hfa"), "utf8")).toBe(CLEAN);
    const again = hfa(["format", "--check", "avtaler"], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe("0 filer må formateres, 2 uendret\n");
  });

  test("a file with syntax errors is left untouched and the exit code is 1", () => {
    const broken = readFileSync(join(SAMPLES, "feil", "skrivefeil-nokkelord.hfa"), "utf8").replace("1 200 000", "1200000");
    const dir = workspace({ "feil.hfa": broken }, false);
    const run = hfa(["format", "feil.hfa"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("hfa: feil.hfa har syntaksfeil og ble ikke formatert\n");
    expect(readFileSync(join(dir, "feil.hfa"), "utf8")).toBe(broken);
    expect(hfa(["format", "--check", "feil.hfa"], dir).code).toBe(1);
  });

  test("exit 2 for a missing path", () => {
    const run = hfa(["format", "ingen-mappe"], workspace({}, false));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("hfa: kan ikke lese ingen-mappe: finnes ikke\n");
  });
});

// ------------------------------------------------------------------ explain, report, help, version

describe("explain, report, help and version", () => {
  test("explain HFA402 prints the rule's page; the code is case-insensitive", () => {
    const page = readFileSync(join(ROOT, "docs", "rules", "HFA402.md"), "utf8");
    const run = hfa(["explain", "HFA402"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(page.endsWith("\n") ? page : page + "\n");
    expect(run.stdout.split("\n")[0]).toBe("# HFA402: Ubalanse mellom partene etter overføringer");
    expect(hfa(["explain", "hfa402"]).stdout).toBe(run.stdout);
  });

  test("explain HFA999 exits 2 with the known codes", () => {
    const run = hfa(["explain", "HFA999"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^hfa: ukjent regelkode «HFA999»\. Kjente koder: HFA001, HFA002, .*HFA402.*HFA803.*\n$/);
  });

  test("explain without a code lists every rule with its title", () => {
    const run = hfa(["explain"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^HFA402 {2}advarsel {2}Ubalanse mellom partene etter overføringer$/m);
    const codes = JSON.parse(readFileSync(join(ROOT, "docs", "rules", "codes.json"), "utf8")) as { code: string }[];
    expect(run.stdout.split("\n").filter((l) => /^HFA\d{3} /.test(l)).map((l) => l.slice(0, 6))).toEqual(codes.map((c) => c.code));
    expect(hfa(["explain", "--locale", "en"]).stdout).toMatch(/^HFA402 {2}warning {2}Imbalance between the parties after transfers$/m);
  });

  test("report of a sample: samples/hfa.json makes samples/ one workspace, so the shared declarations resolve", () => {
    const run = hfa(["report", "samples/avtaler/fact-innherred.hfa", "--format", "md", "--out", "-"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(/Utkast – avtalen har \d+ feil/);
    expect(run.stderr).toBe("");
  });

  test("report without the shared declarations still writes the report and says what to add (tests/report/ test the rest)", () => {
    // A folder with no hfa.json and only the agreement: its names cannot resolve.
    const dir = mkdtempSync(join(tmpdir(), "hfa-report-alone-"));
    try {
      cpSync(join(ROOT, "samples", "avtaler", "fact-innherred.hfa"), join(dir, "fact-innherred.hfa"));
      const run = hfa(["report", "fact-innherred.hfa", "--format", "md", "--out", "-"], dir);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Utkast – avtalen har \d+ feil/);
      expect(run.stderr).toContain("Oppgi også filene med de felles deklarasjonene");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("--help, <command> --help and --version", () => {
    const help = hfa(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Bruk: hfa <kommando>/);
    expect(help.stdout).toContain("check [stier…]");
    expect(hfa(["--help", "--locale", "en"]).stdout).toMatch(/^Usage: hfa <command>/);
    const check = hfa(["check", "--help"]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain("--max-warnings N");
    expect(check.stdout).toMatch(/^Bruk: hfa check/);
    expect(hfa(["format", "--help", "--locale", "en"]).stdout).toMatch(/^Usage: hfa format \[--check\]/);
    const version = hfa(["--version"]);
    expect(version.code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(version.stdout).toBe(`${pkg.version}\n`);
    const none = hfa([]);
    expect(none.code).toBe(2);
    expect(none.stderr.split("\n")[0]).toBe("hfa: mangler kommando.");
  });
});
