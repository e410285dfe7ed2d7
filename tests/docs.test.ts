/**
 * The rule documentation (docs/rules): one page per code in RULES, its
 * heading and severity in step with RULES and codes.json, and its examples
 * doing what they say: the example that triggers the rule does, and the
 * fixed example does not.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES, type Severity } from "../server/src/analysis/index.js";
import { blocksOf, checkExample, FIX, RULE_DOCS, ruleCodesWithPages, rulePage, TRIGGER } from "./helpers/docs-examples.js";
import { codesOf, describeDiagnostics } from "./helpers/workspace.js";

const DOCS = RULE_DOCS;

const SEVERITY_WORDS: Readonly<Record<Severity, string>> = {
  error: "feil",
  warning: "advarsel",
  information: "informasjon",
  hint: "hint",
};

interface CodeEntry {
  readonly code: string;
  readonly severity: string;
  readonly title_nb: string;
  readonly title_en: string;
}

const codesJson = JSON.parse(readFileSync(join(DOCS, "codes.json"), "utf8")) as CodeEntry[];
const codes = [...RULES.keys()].sort();
const page = rulePage;

describe("docs/rules/codes.json and the pages", () => {
  it("codes.json lists every code once, with a severity and both titles", () => {
    const listed = codesJson.map((e) => e.code);
    expect(new Set(listed).size).toBe(listed.length);
    expect(new Set(listed)).toEqual(new Set(codes));
    for (const entry of codesJson) {
      expect(RULES.get(entry.code)).toEqual({ code: entry.code, severity: entry.severity, nb: entry.title_nb, en: entry.title_en });
      expect(entry.title_nb.trim().length, entry.code).toBeGreaterThan(0);
      expect(entry.title_en.trim().length, entry.code).toBeGreaterThan(0);
    }
  });

  it("there is a page for every code and no page without a code", () => {
    expect(ruleCodesWithPages()).toEqual(codes);
  });

  it("the overview in docs/rules/README.md agrees with RULES", () => {
    const readme = readFileSync(join(DOCS, "README.md"), "utf8");
    const rows = [...readme.matchAll(/^\| (HFA\d{3}) \| ([^|]+) \| ([^|]+) \| ([^|]+) \| \[HFA\d{3}\.md\]\(HFA\d{3}\.md\) \|$/gmu)];
    expect(rows.map((r) => r[1]).sort()).toEqual(codes);
    for (const row of rows) {
      const rule = RULES.get(row[1]!)!;
      expect(row[2]!.trim(), rule.code).toBe(SEVERITY_WORDS[rule.severity]);
      expect(row[3]!.trim(), rule.code).toBe(rule.nb);
      expect(row[4]!.trim(), rule.code).toBe(rule.en);
    }
  });
});

describe.each(codes)("docs/rules/%s.md", (code) => {
  const rule = RULES.get(code)!;
  const path = join(DOCS, `${code}.md`);

  it("exists, with the code and title on the first line and the severity on the second", () => {
    expect(existsSync(path)).toBe(true);
    const [first, second] = page(code).split("\n");
    expect(first).toBe(`# ${code}: ${rule.nb}`);
    expect(second).toMatch(new RegExp(`^Alvorlighetsgrad: ${SEVERITY_WORDS[rule.severity]}\\b`));
    expect(second).toContain(`English: ${rule.en}`);
  });

  it("has the sections a rule page needs", () => {
    const markdown = page(code);
    for (const heading of ["Hva regelen sjekker", "Hvorfor", "Kilde", TRIGGER, FIX]) expect(markdown).toContain(`\n## ${heading}`);
    expect(blocksOf(markdown, TRIGGER).length).toBeGreaterThan(0);
    expect(blocksOf(markdown, FIX).length).toBeGreaterThan(0);
  });

  it(`the example that triggers the rule yields ${code}`, () => {
    for (const block of blocksOf(page(code), TRIGGER)) {
      const c = checkExample(block);
      expect(codesOf(c.all), describeDiagnostics(c.all, c.files)).toContain(code);
    }
  });

  if (code === "HFA404") {
    // HFA404 is information reported for every agreement with a balance; the page's "fix" moves it to the `balanse` clause.
    it("the fixed example reports the break-even years on the `balanse` clause", () => {
      for (const block of blocksOf(page(code), FIX)) {
        const c = checkExample(block);
        const found = c.byCode(code);
        expect(found).toHaveLength(1);
        expect(c.textOf(found[0]!)).toBe("balanse");
      }
    });
  } else {
    it(`the fixed example does not yield ${code}`, () => {
      for (const block of blocksOf(page(code), FIX)) {
        const c = checkExample(block);
        expect(codesOf(c.all), describeDiagnostics(c.all, c.files)).not.toContain(code);
      }
    });
  }

  it("the fixed example has no error or warning at all (other than ones it suppresses with a reason)", () => {
    for (const block of blocksOf(page(code), FIX)) {
      const c = checkExample(block);
      const bad = c.all.filter((d) => (d.severity === "error" || d.severity === "warning") && d.suppressed === undefined);
      expect(bad.map((d) => d.code), describeDiagnostics(c.all, c.files)).toEqual([]);
    }
  });
});
