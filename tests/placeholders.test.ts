/**
 * The tool's own output never satisfies its own rules (spec §2, HFA011):
 * whatever a quick fix, a snippet or the «Ny avtale» template writes for the
 * author to decide is a `<…>` placeholder, so the result cannot pass
 * `hfa check --max-warnings 0` (no error, no warning) before the author has
 * replaced it. Quick fixes are taken from the analysis (what the editor and
 * the CLI offer); the LSP-level variant is in the editor tests.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { agreementSnippet, mergeDeclarations, scanDeclarations } from "../client/src/newAgreement/template.js";
import type { Diagnostic, Fix } from "../server/src/analysis/index.js";
import { agreement, SHARED } from "./fixtures/rules/base.js";
import { readSamples } from "./helpers/samples.js";
import { expandSnippet } from "./helpers/snippets.js";
import { applyEdits, check, describeDiagnostics, type Checked } from "./helpers/workspace.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** A placeholder as spec §2 defines it: `<`, text with a letter, `>`, on one line. */
const PLACEHOLDER = /<[^<>\n]*\p{L}[^<>\n]*>/u;

const felles = readSamples("felles");
const feil = readSamples("feil");

/** What `hfa check --max-warnings 0` decides: no error and no warning that a suppression did not silence. */
function passesStrictCheck(c: Checked): boolean {
  return !c.all.some((d) => (d.severity === "error" || d.severity === "warning") && d.suppressed === undefined);
}

/** The text outside comments (a placeholder in a comment is not in the agreement). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/[^\n]*/g, "");
}

/** String literals in the text a fix inserts that were not already in the text it replaces. */
function newStrings(original: string, fix: Fix): string[] {
  const out: string[] = [];
  for (const edit of fix.edits) {
    const replaced = original.slice(edit.start, edit.end);
    for (const m of withoutComments(edit.newText).matchAll(/"(?:[^"\\]|\\.)*"/g)) if (!replaced.includes(m[0])) out.push(m[0]);
  }
  return out;
}

interface Applied {
  readonly code: string;
  readonly fix: Fix;
  readonly text: string;
  readonly result: Checked;
}

/** Every quick fix offered for the diagnostics of `uri`, each applied alone and the workspace checked again. */
function applyEveryFix(others: Record<string, string>, uri: string, text: string): { before: Checked; applied: Applied[] } {
  const before = check({ ...others, [uri]: text });
  const applied: Applied[] = [];
  for (const d of before.in(uri)) {
    for (const fix of d.fixes ?? []) {
      const fixed = applyEdits(text, fix.edits);
      applied.push({ code: d.code, fix, text: fixed, result: check({ ...others, [uri]: fixed }) });
    }
  }
  return { before, applied };
}

function expectHonest(original: string, { code, fix, text, result }: Applied): void {
  const label = `${code} «${fix.title}»`;
  for (const s of newStrings(original, fix)) expect(s, `${label} inserts a string that reads as finished`).toMatch(PLACEHOLDER);
  if (PLACEHOLDER.test(withoutComments(fix.edits.map((e) => e.newText).join("\n")))) {
    expect(passesStrictCheck(result), `${label} leaves a placeholder and still passes --max-warnings 0:\n${text}\n${describeDiagnostics(result.all, result.files)}`).toBe(false);
    expect(result.all.some((d) => d.code === "HFA011"), `${label}: no HFA011 for its placeholder`).toBe(true);
  }
}

describe("every quick fix on every file of samples/feil", () => {
  const files = Object.entries(feil);
  let offered = 0;

  describe.each(files.map(([uri, text]) => ({ name: uri.split("/").pop()!, uri, text })))("$name", ({ uri, text }) => {
    it("each fix, applied, is honest: new text is a placeholder and the result does not pass while one remains", () => {
      const { applied } = applyEveryFix(felles, uri, text);
      offered += applied.length;
      for (const a of applied) expectHonest(text, a);
    });
  });

  it("the files offer quick fixes at all (so the test above is not empty)", () => {
    expect(offered).toBeGreaterThan(0);
  });
});

describe("an agreement with only helsefellesskap and parter", () => {
  const uri = "file:///ws/ny.hfa";
  const start = `avtale Ny "Ny avtale" {\n  helsefellesskap MøreRomsdal\n  parter HMR, Kristiansund\n}\n`;

  it("each quick fix, applied alone, is honest", () => {
    const { before, applied } = applyEveryFix({ "file:///ws/felles.hfa": SHARED }, uri, start);
    expect(before.in(uri).some((d) => (d.fixes ?? []).length > 0), describeDiagnostics(before.all, before.files)).toBe(true);
    for (const a of applied) expectHonest(start, a);
  });

  it("applying the quick fixes round after round never reaches a passing agreement while placeholders remain", () => {
    let text = start;
    let inserted = false;
    for (let round = 0; round < 12; round++) {
      const c = check({ "file:///ws/felles.hfa": SHARED, [uri]: text });
      if (PLACEHOLDER.test(withoutComments(text))) {
        expect(passesStrictCheck(c), `round ${round}:\n${text}\n${describeDiagnostics(c.all, c.files)}`).toBe(false);
      }
      // One fix per diagnostic, the preferred one if any, skipping fixes that overlap one already taken.
      const taken: Fix[] = [];
      const spans: { start: number; end: number }[] = [];
      for (const d of c.in(uri) as readonly Diagnostic[]) {
        const fix = d.fixes?.find((f) => f.preferred) ?? d.fixes?.[0];
        if (!fix) continue;
        const overlaps = fix.edits.some((e) => spans.some((s) => e.start < s.end && s.start < e.end || (e.start === e.end && e.start === s.start)));
        if (overlaps) continue;
        taken.push(fix);
        spans.push(...fix.edits);
      }
      if (taken.length === 0) break;
      text = applyEdits(text, taken.flatMap((f) => f.edits));
      inserted ||= PLACEHOLDER.test(withoutComments(text));
    }
    expect(inserted, `the fixes for the missing clauses inserted no placeholder:\n${text}`).toBe(true);
  });
});

describe("the «Ny avtale» template", () => {
  const declarations = mergeDeclarations(Object.entries(felles).map(([uri, text]) => scanDeclarations(text, uri)));

  it.each([
    { label: "for the chosen parties (nb)", community: "MøreRomsdal", parties: ["HMR", "Kristiansund", "Averøy"], locale: "nb" as const },
    { label: "with nothing declared (en)", community: undefined, parties: [], locale: "en" as const },
  ])("untouched, fails --max-warnings 0 with HFA011: $label", ({ community, parties, locale }) => {
    const chosen = declarations.communities.find((c) => c.id === community);
    const text = expandSnippet(agreementSnippet({ community: chosen, parties, schemes: declarations.schemes, locale }));
    expect(text).toMatch(PLACEHOLDER);
    const c = check({ ...felles, "file:///ws/ny.hfa": text });
    expect(passesStrictCheck(c)).toBe(false);
    expect(c.in("file:///ws/ny.hfa").some((d) => d.code === "HFA011"), describeDiagnostics(c.in("file:///ws/ny.hfa"), c.files)).toBe(true);
  });
});

interface SnippetEntry {
  readonly prefix: string | readonly string[];
  readonly body: string | readonly string[];
}

const snippetFile = JSON.parse(readFileSync(join(ROOT, "snippets", "hfa.code-snippets"), "utf8")) as Record<string, SnippetEntry>;

/** The spec example's agreement with `body` inserted where the snippet belongs; returns the text and the inserted range. */
function inContext(body: string): { text: string; start: number; end: number } {
  const base = agreement();
  const firstWord = /^\s*(?:\/\/ *)?([\p{L}-]+)/u.exec(body)?.[1] ?? "";
  const at = (marker: string) => {
    const index = base.indexOf(marker);
    if (index < 0) throw new Error(`no ${marker} in the base agreement`);
    return index;
  };
  let offset: number;
  if (["avtale", "helsefellesskap", "sats"].includes(firstWord) || /^tilskudd \S+ "/u.test(body)) offset = base.length;
  else if (firstWord === "stilling") offset = at("\n  }\n") + 1; // inside the first tiltak, before its `}`
  else if (firstWord === "overføring") offset = at("\n    horisont") + 1; // inside balanse
  else offset = base.lastIndexOf("}"); // a clause of the agreement, or a suppression before it
  const indented = firstWord === "avtale" || firstWord === "helsefellesskap" || firstWord === "sats" || /^tilskudd \S+ "/u.test(body) ? `\n${body}\n` : `${body}\n`;
  const suffix = firstWord === "hfa-ignore" ? `  indikator "Antall felles veiledningsmøter per år" fra 2 til 6 innen 2027\n` : "";
  return { text: base.slice(0, offset) + indented + suffix + base.slice(offset), start: offset, end: offset + indented.length };
}

describe.each(Object.entries(snippetFile).map(([name, entry]) => ({ name, entry })))("snippet «$name»", ({ entry }) => {
  const body = expandSnippet((typeof entry.body === "string" ? [entry.body] : entry.body).join("\n").replace(/\t/g, "  "));

  it("inserts a placeholder wherever the author decides", () => {
    expect(body).toMatch(PLACEHOLDER);
  });

  it("untouched, in its place in an agreement, does not pass --max-warnings 0", () => {
    const { text, start, end } = inContext(body);
    const c = check({ "file:///ws/felles.hfa": SHARED, "file:///ws/avtale.hfa": text });
    expect(passesStrictCheck(c), `${text}\n${describeDiagnostics(c.all, c.files)}`).toBe(false);
    const inserted = c.in("file:///ws/avtale.hfa").filter((d) => d.start >= start && d.start < end + 120);
    expect(inserted.some((d) => d.code === "HFA011" || d.code === "HFA009"), describeDiagnostics(inserted, c.files)).toBe(true);
  });
});
