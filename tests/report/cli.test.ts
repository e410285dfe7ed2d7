/**
 * `hfa report` end to end through the built CLI (dist/cli.js, as `npx hfa`
 * runs it): every format written atomically, `--out` file/folder/-,
 * `--part`, `--helsefellesskap`, exit 2 on unreadable input and bad usage.
 */
import Ajv from "ajv";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { REPORT_DATE, SAMPLES, SPEC_EXAMPLE } from "./helpers.js";
import { tempDir } from "./tools.js";

const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
const schema = JSON.parse(readFileSync(new URL("../../docs/report.schema.json", import.meta.url), "utf8")) as object;
const validate = new Ajv({ strict: false }).compile(schema);

function hfa(args: readonly string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function specFolder(): string {
  const dir = tempDir("hfa-report-cli-");
  writeFileSync(join(dir, "avtale.hfa"), SPEC_EXAMPLE);
  return dir;
}

describe("hfa report", () => {
  it("writes every format next to where it is asked, atomically, with nothing left behind", () => {
    const dir = specFolder();
    mkdirSync(join(dir, "ut"));
    for (const format of ["html", "pdf", "docx", "md", "json"]) {
      const result = hfa(["report", "avtale.hfa", "--format", format, "--out", "ut", "--date", REPORT_DATE], dir);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).toBe(join(dir, "ut", `JordmorNordmøre.${format}`));
    }
    expect(readdirSync(join(dir, "ut")).sort()).toEqual(["JordmorNordmøre.docx", "JordmorNordmøre.html", "JordmorNordmøre.json", "JordmorNordmøre.md", "JordmorNordmøre.pdf"]);
    expect(readFileSync(join(dir, "ut", "JordmorNordmøre.pdf")).subarray(0, 5).toString()).toBe("%PDF-");
    expect(readFileSync(join(dir, "ut", "JordmorNordmøre.docx")).subarray(0, 2).toString()).toBe("PK");
    const json = JSON.parse(readFileSync(join(dir, "ut", "JordmorNordmøre.json"), "utf8")) as { balance: { total: { atHorizon: number } }; meta: { date: string } };
    expect(validate(json)).toBe(true);
    expect(json.balance.total.atHorizon).toBe(1_250_000);
    expect(json.meta.date).toBe(REPORT_DATE);
  }, 60_000);

  it("html by default; --out FILE replaces an existing file; --out - writes to standard output", () => {
    const dir = specFolder();
    writeFileSync(join(dir, "styrenotat.html"), "gammel");
    expect(hfa(["report", "avtale.hfa", "--out", "styrenotat.html"], dir).code).toBe(0);
    expect(readFileSync(join(dir, "styrenotat.html"), "utf8")).toMatch(/^<!DOCTYPE html>/);
    const md = hfa(["report", "avtale.hfa", "--format", "md", "--out", "-"], dir);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain("+1\u00a0250\u00a0000");
    expect(hfa(["report", "avtale.hfa", "--format", "pdf", "--out", "-"], dir).code).toBe(2);
    // A folder named with a trailing slash is made when missing.
    expect(hfa(["report", "avtale.hfa", "--format", "md", "--out", "ny/mappe/"], dir).code).toBe(0);
    expect(readdirSync(join(dir, "ny", "mappe"))).toEqual(["JordmorNordmøre.md"]);
  }, 30_000);

  it("--part gives the extract for one party (by name or municipality number)", () => {
    const dir = specFolder();
    const byName = hfa(["report", "avtale.hfa", "--part", "Averøy", "--format", "md", "--out", "-"], dir);
    expect(byName.code).toBe(0);
    expect(byName.stdout).toContain("Utdrag for Averøy kommune");
    const byNumber = hfa(["report", "avtale.hfa", "--part", "1554", "--format", "json", "--out", "-"], dir);
    expect((JSON.parse(byNumber.stdout) as { part: string }).part).toBe("Averøy");
    const wrong = hfa(["report", "avtale.hfa", "--part", "Molde"], dir);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("«Molde» er ikke en part i JordmorNordmøre. Partene er HMR, Kristiansund, Averøy.");
  }, 30_000);

  it("--helsefellesskap gives the overview of all its agreements", () => {
    const result = hfa(["report", "--helsefellesskap", "MøreRomsdal", "felles", "avtaler", "--format", "json", "--out", "-"], SAMPLES);
    expect(result.stderr).toBe("");
    const overview = JSON.parse(result.stdout) as { kind: string; agreements: { id: string }[] };
    expect(validate(overview)).toBe(true);
    expect(overview.kind).toBe("overview");
    expect(overview.agreements.length).toBeGreaterThan(1);
    expect(hfa(["report", "--helsefellesskap", "Finnes", "felles"], SAMPLES).code).toBe(2);
  }, 30_000);

  it("reports a sample from its folder with the shared files, in English on request", () => {
    const out = tempDir("hfa-report-sample-");
    const result = hfa(["report", "avtaler/hjemmesykehus-nordmore.hfa", "felles", "--locale", "en", "--format", "md", "--out", out], SAMPLES);
    expect(result.code).toBe(0);
    const [name] = readdirSync(out);
    const md = readFileSync(join(out, name!), "utf8");
    expect(md).toContain("Own input");
    expect(md).not.toContain("Draft – the agreement has");
  }, 30_000);

  it("exit 2 on unreadable input, a missing file, a bad format, and no agreement", () => {
    const dir = specFolder();
    expect(hfa(["report", "finnes-ikke.hfa"], dir).code).toBe(2);
    expect(hfa(["report", "avtale.hfa", "--format", "rtf"], dir).code).toBe(2);
    expect(hfa(["report"], dir).code).toBe(2);
    writeFileSync(join(dir, "felles.hfa"), 'sats X "X" 1 kr per døgn kilde "Y"\n');
    expect(hfa(["report", "felles.hfa"], dir).code).toBe(2);
    if (process.getuid?.() !== 0) {
      chmodSync(join(dir, "avtale.hfa"), 0o000);
      expect(hfa(["report", "avtale.hfa"], dir).code).toBe(2);
    }
    writeFileSync(join(dir, "binær.hfa"), Buffer.from([0, 1, 2, 3]));
    const binary = hfa(["report", "binær.hfa"], dir);
    expect(binary.code).toBe(2);
    expect(binary.stderr).toContain("kan ikke lese binær.hfa");
    expect(existsSync(join(dir, "JordmorNordmøre.html"))).toBe(false);
  }, 30_000);

  it("an agreement with errors still gets its report, with the draft banner", () => {
    const dir = tempDir("hfa-report-draft-");
    writeFileSync(join(dir, "avtale.hfa"), SPEC_EXAMPLE.replace("parter HMR, Kristiansund, Averøy", "parter HMR, Kristiansund, Averøy, Ukjent"));
    const result = hfa(["report", "avtale.hfa", "--format", "md", "--out", "-"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Utkast – avtalen har \d+ feil/);
  }, 30_000);

  it("hfa check --format json: HFA404 carries the balance as data, the same figures as the report", () => {
    const dir = specFolder();
    const result = hfa(["check", "avtale.hfa", "--format", "json"], dir);
    const diagnostics = JSON.parse(result.stdout) as { code: string; data?: { agreement: string; balance: { horizon: number; total: { atHorizon: number; breakEven?: number }; parties: { party: string; atHorizon: number; breakEven?: number }[] } } }[];
    const withData = diagnostics.filter((d) => d.data !== undefined);
    expect(withData.map((d) => d.code)).toEqual(["HFA404"]);
    const data = withData[0]!.data!;
    expect(data.agreement).toBe("JordmorNordmøre");
    expect(data.balance.horizon).toBe(2030);
    expect(data.balance.parties.map((p) => [p.party, p.atHorizon, p.breakEven])).toEqual([["HMR", 990_000, 2027], ["Kristiansund", 230_000, 2028], ["Averøy", 30_000, 2030]]);
    expect([data.balance.total.atHorizon, data.balance.total.breakEven]).toEqual([1_250_000, 2028]);
  }, 30_000);
});
