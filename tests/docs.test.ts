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

  it("cites its source with whole sentences, never a fragment cut off with «…»", () => {
    const kilde = /\n## Kilde\n([\s\S]*?)\n## /.exec(page(code))?.[1] ?? "";
    const quotes = [...kilde.replace(/\n\s*/g, " ").matchAll(/«([^«»]+)»/g)].map((m) => m[1]!.trim()).filter((q) => q.split(" ").length >= 5);
    // Rules of the language itself (syntax, names, units) cite the reference; the others quote their source.
    if (quotes.length === 0) expect(kilde, "no quote and no section of docs/language.md").toMatch(/docs\/language\.md\]\(\.\.\/language\.md\)\), §\d/u);
    for (const quote of quotes) {
      expect(quote, quote).not.toMatch(/^…|…$|,$/u);
    }
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

/** `+990 000` / `−510 000` / `0` → number. */
function kroner(text: string): number {
  return Number(text.trim().replace(/[\s\u00A0\u202F]/g, "").replace("−", "-").replace("+", ""));
}

describe("docs/language.md, the language reference", () => {
  const reference = readFileSync(join(RULE_DOCS, "..", "language.md"), "utf8");
  const section1 = reference.slice(reference.indexOf("\n## 1."), reference.indexOf("\n## 2."));
  const example = /```hfa\n([\s\S]*?)```/.exec(section1)?.[1] ?? "";
  const checked = checkExample({ lang: "hfa", text: example });
  const agreementAnalysis = checked.analysis.agreements.find((a) => a.node.name.text === "JordmorNordmøre");
  const balance = agreementAnalysis?.money.balance;

  /** Rows `| name | cell | … |` of the Markdown table whose header row starts with `| first |`. */
  function table(first: string): string[][] {
    const start = section1.indexOf(`| ${first} |`);
    expect(start, first).toBeGreaterThanOrEqual(0);
    const lines = section1.slice(start).split("\n");
    const rows: string[][] = [];
    for (const line of lines.slice(2)) {
      if (!line.startsWith("|")) break;
      rows.push(line.split("|").slice(1, -1).map((c) => c.trim()));
    }
    return rows;
  }

  it("§1: the example checks with no error, warning or hint, and reports HFA503, HFA606 and HFA404", () => {
    expect(checked.all.filter((d) => d.severity !== "information").map((d) => d.code), describeDiagnostics(checked.all, checked.files)).toEqual([]);
    expect(codesOf(checked.all)).toEqual(["HFA404", "HFA503", "HFA606"]);
  });

  it("§1: the balance table has the checker's figures (own input, savings, transfers, net at the horizon, break-even)", () => {
    expect(balance?.horizon).toBe(2030);
    const rows = table("part");
    expect(rows.map((r) => r[0])).toEqual([...balance!.parties.map((p) => p.party), "samlet"]);
    for (const [name, input, savings, transfers, net, breakEven] of rows) {
      const p = name === "samlet" ? balance!.total : balance!.parties.find((x) => x.party === name)!;
      expect(p.totals.input, `${name} egeninnsats`).toBeCloseTo(kroner(input!), 2);
      expect(p.totals.saving, `${name} besparelser`).toBeCloseTo(kroner(savings!), 2);
      expect(p.totals.transferIn - p.totals.transferOut, `${name} overføringer`).toBeCloseTo(kroner(transfers!), 2);
      expect(p.atHorizon, `${name} netto`).toBeCloseTo(kroner(net!), 2);
      expect(p.breakEven, `${name} i balanse fra`).toBe(Number(breakEven));
    }
  });

  it("§1: the per-year cumulative nets are the checker's", () => {
    const [header] = [section1.slice(section1.indexOf("| part | 2025 |")).split("\n")[0]!];
    const years = header.split("|").slice(2, -1).map((c) => Number(c.trim()));
    expect(years).toEqual([2025, 2026, 2027, 2028, 2029, 2030]);
    const rows = table("part | 2025");
    expect(rows).toHaveLength(balance!.parties.length + 1);
    for (const [name, ...cells] of rows) {
      const p = name === "samlet" ? balance!.total : balance!.parties.find((x) => x.party === name)!;
      const cumulative = years.map((y) => p.rows.find((r) => r.year === y)?.cumulative);
      expect(cumulative, name).toEqual(cells.map(kroner));
    }
  });

  it("§7: every configuration key in the table is accepted in hfa.json", () => {
    const keys = [...reference.slice(reference.indexOf("\n## 7.")).matchAll(/^\| `([\w.]+)` \|/gmu)].map((m) => m[1]!);
    expect(keys).toEqual(expect.arrayContaining(["locale", "rules", "justification.minWords", "suppression.minWords", "balance.tolerance", "balance.defaultHorizonYears", "balance.maxHorizonYears", "grant.maxShare", "exclude", "docs.baseUrl"]));
    const json = /## 7\.[\s\S]*?```json\n([\s\S]*?)```/.exec(reference)?.[1] ?? "";
    const c = checkExample({ lang: "json", text: json });
    expect(c.byCode("HFA010"), describeDiagnostics(c.all, c.files)).toEqual([]);
  });

  it("§6: lists every code, each linked to its page", () => {
    const listed = [...reference.matchAll(/^\| \[(HFA\d{3})\]\(rules\/(HFA\d{3})\.md\) \|/gmu)];
    expect(listed.map((m) => m[1]).sort()).toEqual(codes);
    for (const m of listed) expect(m[1]).toBe(m[2]);
  });
});

describe("the documentation points at what ships", () => {
  const texts: [string, string][] = [
    ["README.md", readFileSync(join(RULE_DOCS, "..", "..", "README.md"), "utf8")],
    ["docs/language.md", readFileSync(join(RULE_DOCS, "..", "language.md"), "utf8")],
    ["docs/rules/README.md", readFileSync(join(RULE_DOCS, "README.md"), "utf8")],
    ...ruleCodesWithPages().map((code): [string, string] => [`docs/rules/${code}.md`, rulePage(code)]),
  ];

  it.each(texts)("%s never points at ../shared or «språkspesifikasjonen»", (_name, text) => {
    expect(text).not.toMatch(/\.\.\/shared|språkspesifikasjonen/u);
  });

  it("README links the language reference", () => {
    expect(texts[0]![1]).toContain("(docs/language.md)");
  });
});
