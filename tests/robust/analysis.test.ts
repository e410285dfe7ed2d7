/**
 * Issue 8 items 8–11 and 13 in the analysis core: no spread of an unbounded
 * array anywhere; hostile hfa.json keys and nesting are HFA010; linear
 * passes with bounded output (caps with a summary diagnostic); huge amounts
 * are HFA803 and never print as «NaN» or «Infinity».
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "../../grammar/src/parser.js";
import { Limits, parseConfig, Workspace, type Diagnostic } from "../../server/src/analysis/index.js";
import { formatText } from "../../server/src/format/formatter.js";
import { ROOT, SAMPLE } from "./helpers.js";

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path)); // bounded: the repository's own folders
    else if (name.endsWith(".ts")) out.push(path);
  }
  return out;
}

/** Spreads into a call's arguments: each element becomes a stack slot, so ~125 000 overflow. */
const CALL_SPREAD = /\b(?:push|unshift|splice|max|min|fromCharCode|fromCodePoint|apply|concat)\(\s*(?:[^(){}[\]]*,\s*)?\.\.\./;

describe("no spread of an unbounded array", () => {
  test("grammar/src and server/src contain no call spreads (push(...x), Math.max(...x), …)", () => {
    const offenders: string[] = [];
    for (const file of [...sources(join(ROOT, "grammar", "src")), ...sources(join(ROOT, "server", "src"))]) {
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (CALL_SPREAD.test(line) && !/^\s*(\/\/|\*)/.test(line)) offenders.push(`${file.slice(ROOT.length)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });

  test("the pattern catches what it must (else the grep proves nothing)", () => {
    for (const bad of ["out.push(...list)", "Math.max(...values)", "a.splice(0, 0, ...b)", "problems.push( ...driver.problems)"]) expect(CALL_SPREAD.test(bad), bad).toBe(true);
    for (const fine of ["const x = [...list]", "f({ ...options })", "out.push(item)", "out.push({ code, ...extras })"]) expect(CALL_SPREAD.test(fine), fine).toBe(false);
  });

  test("125 000 syntax problems do not overflow the stack", () => {
    const text = "avtale ( ".repeat(65_000);
    const parsed = parse(text);
    expect(parsed.problems.length).toBeGreaterThan(60_000);
  });
});

function analyse(text: string, config?: string): readonly Diagnostic[] {
  const ws = new Workspace();
  if (config !== undefined) ws.setConfig("file:///w/hfa.json", config);
  ws.setFile("file:///w/a.hfa", text);
  const analysis = ws.analyze();
  return [...(analysis.diagnostics.get("file:///w/a.hfa") ?? []), ...(analysis.diagnostics.get("file:///w/hfa.json") ?? [])];
}

describe("hostile hfa.json", () => {
  test.each(["constructor", "__proto__", "toString", "hasOwnProperty"])("severity %j is HFA010, the rule keeps its severity", (word) => {
    const result = parseConfig(`{ "rules": { "HFA604": ${JSON.stringify(word)} } }`, "file:///w/hfa.json");
    expect(result.diagnostics.map((d) => d.code)).toEqual(["HFA010"]);
    expect(result.config.rules.has("HFA604")).toBe(false);
    const diagnostics = analyse(SAMPLE.replace(/\n\s*indikator[^\n]*/g, ""), `{ "rules": { "HFA604": ${JSON.stringify(word)} } }`);
    for (const d of diagnostics) expect(["error", "warning", "information", "hint"]).toContain(d.severity);
  });

  test.each(["constructor", "__proto__", "toString"])("rule code %j is HFA010", (code) => {
    const result = parseConfig(`{ "rules": { ${JSON.stringify(code)}: "off" } }`, "file:///w/hfa.json");
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]!.message).toContain("Ukjent regelkode");
    expect([...result.config.rules.keys()]).toEqual([]);
  });

  test("nested 10 000 deep (20 KB) is HFA010, not a stack overflow", () => {
    const text = `{ "rules": ${"[".repeat(10_000)}${"]".repeat(10_000)} }`;
    const result = parseConfig(text, "file:///w/hfa.json");
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]!.code).toBe("HFA010");
    expect(result.diagnostics[0]!.message).toContain("nestet for dypt");
    expect(analyse(SAMPLE, text).filter((d) => d.code === "HFA010")).toHaveLength(1);
  });

  test("near miss: 60 levels deep is ordinary JSON (a wrong value, not too deep)", () => {
    const result = parseConfig(`{ "rules": ${"[".repeat(60)}${"]".repeat(60)} }`, "file:///w/hfa.json");
    expect(result.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining("«rules» må være et objekt")]);
  });
});

describe("linear passes and bounded output", () => {
  test("one name declared 40 000 times: HFA102 capped, with a summary that counts the rest", () => {
    const text = 'sats X "x" 1 kr per døgn kilde "y"\n'.repeat(40_000);
    const diagnostics = analyse(text);
    const duplicates = diagnostics.filter((d) => d.code === "HFA102");
    expect(duplicates).toHaveLength(Limits.MAX_DIAGNOSTICS_PER_CODE + 1);
    expect(duplicates[0]!.message).toMatch(/^X er deklarert flere ganger/);
    expect(duplicates[0]!.related).toHaveLength(10);
    expect(duplicates.at(-1)!.message).toBe(
      `39 900 diagnoser til med kode HFA102 i denne filen vises ikke (høyst ${Limits.MAX_DIAGNOSTICS_PER_CODE} per kode og ${Limits.MAX_DIAGNOSTICS_PER_FILE} per fil). Rett dem som vises, og kjør kontrollen på nytt.`,
    );
  });

  test("560 KB of bare `avtale` keywords: at most the file cap plus one summary per code", () => {
    const diagnostics = analyse("avtale ".repeat(80_000));
    const codes = new Set(diagnostics.map((d) => d.code));
    expect(diagnostics.length).toBeLessThanOrEqual(Limits.MAX_DIAGNOSTICS_PER_FILE + codes.size);
    expect(diagnostics.filter((d) => d.message.includes("vises ikke")).length).toBe(codes.size);
    expect(JSON.stringify(diagnostics).length).toBeLessThan(1_000_000);
  });

  test("a huge name quoted in messages is cut", () => {
    const name = "X".repeat(200_000);
    const diagnostics = analyse(`avtale A "a" {\n  helsefellesskap ${name}\n}\n`);
    for (const d of diagnostics) expect(d.message.length).toBeLessThanOrEqual(Limits.MAX_MESSAGE_LENGTH + 1);
    expect(diagnostics.some((d) => d.message.endsWith("…"))).toBe(true);
  });

  test("near miss: a file with fewer diagnostics than the cap gets no summary", () => {
    const diagnostics = analyse('sats X "x" 1 kr per døgn kilde "y"\n'.repeat(50));
    expect(diagnostics.filter((d) => d.code === "HFA102")).toHaveLength(50);
    expect(diagnostics.some((d) => d.message.includes("vises ikke"))).toBe(false);
  });
});

describe("huge amounts (HFA803)", () => {
  const agreement = (amount: string, quantity = "80") =>
    SAMPLE.replace(/besparelse (\S+) [^\n]*kr per år/, `besparelse $1 ${amount} kr per år`).replace(/innsats (\S+) [\d ,]+ årsverk/, `innsats $1 ${quantity} årsverk`);

  test("an amount above 1 000 mrd. kr is HFA803 and no message says NaN or Infinity", () => {
    const diagnostics = analyse(agreement("9".repeat(400)));
    expect(diagnostics.filter((d) => d.code === "HFA803").map((d) => d.message)).toEqual([expect.stringContaining("større enn 1 000 mrd. kr")]);
    for (const d of diagnostics) expect(d.message).not.toMatch(/NaN|In ?fin ?ity|∞|e\+\d/);
  });

  test("a quantity above 1 000 000 is HFA803", () => {
    const diagnostics = analyse(agreement("100 000", "99 999 999 999"));
    expect(diagnostics.filter((d) => d.code === "HFA803").map((d) => d.message)).toEqual([expect.stringContaining("Mengden er større enn 1 000 000")]);
    for (const d of diagnostics) expect(d.message).not.toMatch(/NaN|In ?fin ?ity|∞|e\+\d/);
  });

  test("near miss: exactly 1 000 000 000 000 kr is allowed", () => {
    expect(analyse(agreement("1 000 000 000 000")).filter((d) => d.code === "HFA803")).toEqual([]);
  });
});

describe("line endings", () => {
  test("a CR-only file is formatted with CR only", () => {
    const text = SAMPLE.replace(/\n {2}(?=\S)/g, "\n      ").replace(/\r?\n/g, "\r");
    const result = formatText(text);
    expect(result.kind).toBe("formatted");
    if (result.kind !== "formatted") return;
    expect(result.changed).toBe(true);
    expect(result.text).not.toContain("\n");
    expect(result.text).toBe(formatText(SAMPLE).kind === "formatted" ? (formatText(SAMPLE) as { text: string }).text.replace(/\n/g, "\r") : "");
  });
});
