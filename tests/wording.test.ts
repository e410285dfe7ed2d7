/**
 * The wording of every message (spec §6 "Wording"): every diagnostic message,
 * related-information message and quick-fix title the checker produces, in
 * both locales, over the spec example (tests/fixtures), every file of
 * samples/ and every example of docs/rules, is free of the mistakes the
 * legal and linguistic review found. The patterns are checked against known
 * bad and good strings first, so a pattern that can no longer match is
 * itself a failure.
 */
import { describe, expect, it } from "vitest";
import type { Diagnostic, Locale } from "../server/src/analysis/index.js";
import { agreementSnippet, mergeDeclarations, scanDeclarations } from "../client/src/newAgreement/template.js";
import { SPEC_EXAMPLE } from "./fixtures/rules/base.js";
import { blocksOf, checkExample, FIX, ruleCodesWithPages, rulePage, TRIGGER } from "./helpers/docs-examples.js";
import { readSamples } from "./helpers/samples.js";
import { expandSnippet } from "./helpers/snippets.js";
import { check, type Checked } from "./helpers/workspace.js";

interface Pattern {
  readonly name: string;
  readonly locales: readonly Locale[];
  /** Finds the mistake in a message; `names` are the declared names of the workspace. */
  readonly find: (message: string, names: readonly string[]) => string | undefined;
  /** Strings the pattern must flag, and strings it must let through. */
  readonly bad: readonly string[];
  readonly good: readonly string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const first = (re: RegExp, text: string) => re.exec(text)?.[0];

/** A name or a year, as they occur in lists in messages. */
function listItem(names: readonly string[]): string {
  const alternatives = [...names].sort((a, b) => b.length - a.length).map(escape);
  return `(?:${[...alternatives, "\\d{4}"].join("|")})`;
}

const SELF_CHECK_NAMES = ["Gjemnes", "Namsos", "HMR", "Averøy", "Kristiansund"];

const PATTERNS: readonly Pattern[] = [
  {
    name: "genitive s after a name ending in s, x or z (write «Gjemnes'» or «vedtaket i Gjemnes»)",
    locales: ["nb"],
    find: (message, names) => {
      for (const name of names) {
        if (!/[sxz]$/iu.test(name)) continue;
        const hit = first(new RegExp(`(?<![\\p{L}\\p{N}_-])${escape(name)}s(?![\\p{L}\\p{N}_-])`, "u"), message);
        if (hit) return hit;
      }
      return undefined;
    },
    bad: ["Gjemness vedtak er planlagt", "Namsoss andel"],
    good: ["vedtaket i Gjemnes er planlagt", "Gjemnes' vedtak", "Namsos sykehus", "HMRs andel"],
  },
  {
    name: "comma before «og» ending a list of names or years",
    locales: ["nb"],
    find: (message, names) => {
      const item = listItem(names);
      return first(new RegExp(`(?<![\\p{L}\\p{N}_-])${item}, og ${item}(?![\\p{L}\\p{N}_-])`, "u"), message);
    },
    bad: ["HMR, Kristiansund, og Averøy", "i 2027, 2028, og 2029"],
    good: ["HMR, Kristiansund og Averøy", "i 2028 og 2029", "Avtalen avsluttes, og Averøy må vedta den på nytt", "(minst 12 ord, og nevn HMR)"],
  },
  {
    name: "a list of names or years whose last item is joined by a comma instead of «og»/«and»",
    locales: ["nb", "en"],
    find: (message, names) => {
      const item = listItem(names);
      return first(new RegExp(`(?<![\\p{L}\\p{N}_-]|, )${item}(?:, ${item})+(?![\\p{L}\\p{N}_,–-]| (?:og|and|or|eller|til|to) )`, "u"), message);
    },
    bad: ["Parter uten vedtak: HMR, Averøy.", "i 2028, 2030", "savings in 2028, 2030 for HMR"],
    good: ["HMR, Kristiansund og Averøy", "i 2028–2030", "in 2028 and 2029", "HMR, Kristiansund, and Averøy"],
  },
  {
    name: "three or more consecutive years listed one by one (write a run, «2028–2030»)",
    locales: ["nb", "en"],
    find: (message) => {
      for (const m of message.matchAll(/\b(\d{4})(?:, | og | and )(\d{4})(?:, | og | and )(\d{4})\b/gu)) {
        const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
        if (b === a + 1 && c === b + 1) return m[0];
      }
      return undefined;
    },
    bad: ["i 2028, 2029 og 2030", "in 2028, 2029 and 2030"],
    good: ["i 2028–2030", "i 2026, 2028 og 2030"],
  },
  {
    name: "«1» with a plural noun",
    locales: ["nb", "en"],
    find: (message) => first(/(?<!\d[\s\u00A0\u202F]?)(?<!\d)1 (?:filer|advarsler|parter|ganger|diagnostikker|files|errors|warnings|parties|times|years|agreements|avtaler)\b/u, message),
    bad: ["1 feil, 2 advarsler i 1 filer", "1 errors in 1 files", "1 advarsler"],
    good: ["1 feil, 2 advarsler i 1 fil", "1 error in 1 file", "11 filer", "2 files", "1 200 000 kr"],
  },
  {
    name: "Norwegian «feil» in English text",
    locales: ["en"],
    find: (message) => first(/\b\d+ feil\b/u, message),
    bad: ["1 feil in 1 file"],
    good: ["1 error in 1 file"],
  },
  {
    name: "English «a» before a vowel sound",
    locales: ["en"],
    find: (message) => first(/\b[Aa] (?!one\b|once\b)(?:[aeio]|un(?!i))\p{L}*/u, message),
    bad: ["Kristiansund sykehus is a acute hospital", "a agreement", "a unknown name"],
    good: ["an acute hospital", "a one-off", "a unit", "a party"],
  },
  {
    name: "a number that failed to compute («NaN», «undefined», «Infinity»)",
    locales: ["nb", "en"],
    find: (message) => first(/\b(?:NaN|undefined|Infinity)\b/u, message),
    bad: ["summerer til NaN %", "netto undefined kr"],
    good: ["summerer til 90 %"],
  },
  {
    name: "«deklarert N ganger» (say where the name is declared instead)",
    locales: ["nb"],
    find: (message) => first(/deklarert \d+ ganger/u, message),
    bad: ["HMR er deklarert 2 ganger"],
    good: ["HMR er deklarert flere ganger"],
  },
  {
    name: "a model of Meld. St. 9 stated as a requirement («skal behandles», «blir først bindende»)",
    locales: ["nb"],
    find: (message) => first(/skal behandles|blir først bindende/u, message),
    bad: ["Avtalen skal behandles i styre og kommunestyre", "Avtalen blir først bindende når"],
    good: ["Meld. St. 9 beskriver en modell der avtalen «i neste omgang behandles i helseforetakets styre og kommunenes besluttende organer»"],
  },
  {
    name: "English modality upgraded («must be adopted by», «only becomes binding»)",
    locales: ["en"],
    find: (message) => first(/only becomes? binding|must be (?:adopted|treated) by the board/u, message),
    bad: ["The agreement only becomes binding when", "It must be adopted by the board and the council"],
    good: ["Meld. St. 9 describes a model in which the draft is then treated by the board"],
  },
  {
    name: "a pointer to the unshipped specification («språkspesifikasjonen», ../shared)",
    locales: ["nb", "en"],
    find: (message) => first(/språkspesifikasjonen|language specification|\.\.\/shared/iu, message),
    bad: ["se språkspesifikasjonen §4", "see ../shared/spec/language.md", "see the language specification §4"],
    good: ["se docs/language.md §4"],
  },
  {
    name: "parentheses inside parentheses",
    locales: ["nb", "en"],
    find: (message) => first(/\([^()]*\(|\)\)/u, message),
    bad: ["HMR (spesialisthelsetjenesten (helseforetaket))", "((HMR))"],
    good: ["HMR (spesialisthelsetjenesten) og Averøy (kommunen)"],
  },
  {
    name: "stiff or wrong phrasing the review named («står som innsats», «bærer netto»)",
    locales: ["nb"],
    find: (message) => first(/står som innsats|bærer netto/u, message),
    bad: ["HMR står som innsats med 0 kr", "Averøy bærer netto 270 000 kr"],
    good: ["HMR har ingen egen innsats", "Averøy har et samlet netto tap på 270 000 kr"],
  },
  {
    name: "English «put in» for one party (write «puts in»)",
    locales: ["en"],
    find: (message, names) => first(new RegExp(`\\b(?:${names.map(escape).join("|")}) put in\\b`, "u"), message),
    bad: ["HMR put in 300 000 kr"],
    good: ["HMR puts in 300 000 kr", "the parties put in 2 250 000 kr"],
  },
];

describe("the wording patterns can fail", () => {
  it.each(PATTERNS)("$name", (pattern) => {
    for (const bad of pattern.bad) expect(pattern.find(bad, SELF_CHECK_NAMES), bad).toBeDefined();
    for (const good of pattern.good) expect(pattern.find(good, SELF_CHECK_NAMES), good).toBeUndefined();
  });
});

const samples = readSamples;

/** Every workspace the messages are taken from, by a label for failure messages. */
function corpus(locale: Locale): { label: string; checked: Checked }[] {
  const felles = samples("felles");
  const out: { label: string; checked: Checked }[] = [
    { label: "the spec example", checked: check({ "file:///ws/avtale.hfa": SPEC_EXAMPLE }, { locale }) },
    { label: "samples/felles + samples/avtaler", checked: check({ ...felles, ...samples("avtaler") }, { locale }) },
  ];
  for (const [uri, text] of Object.entries(samples("feil"))) out.push({ label: uri, checked: check({ ...felles, [uri]: text }, { locale }) });
  // The «Ny avtale» template untouched: its placeholders must give plain messages, not cascades.
  const declarations = mergeDeclarations(Object.entries(felles).map(([uri, text]) => scanDeclarations(text, uri)));
  const community = declarations.communities.find((c) => c.id === "MøreRomsdal");
  const template = expandSnippet(agreementSnippet({ community, parties: ["HMR", "Kristiansund", "Averøy"], schemes: declarations.schemes, locale }));
  out.push({ label: "the «Ny avtale» template", checked: check({ ...felles, "file:///ws/ny.hfa": template }, { locale }) });
  for (const code of ruleCodesWithPages()) {
    for (const heading of [TRIGGER, FIX]) {
      blocksOf(rulePage(code), heading).forEach((block, i) => out.push({ label: `docs/rules/${code}.md, «${heading}» ${i + 1}`, checked: checkExample(block, { locale }) }));
    }
  }
  return out;
}

/** Declared names (ids) of a workspace's files: what a message names parties, hospitals and schemes by. */
function declaredNames(files: Readonly<Record<string, string>>): string[] {
  const names = new Set<string>();
  const declaration = /\b(?:helsefellesskap|helseforetak|sykehus|kommune|gruppe|sats|tilskudd|avtale|tiltak)\s+(\p{L}[\p{L}\p{N}_-]*)\s+"/gu;
  for (const text of Object.values(files)) for (const m of text.matchAll(declaration)) names.add(m[1]!.normalize("NFC"));
  return [...names];
}

/** Every message text a user can see for a diagnostic: the message, its related places and its quick-fix titles. */
function texts(d: Diagnostic): string[] {
  return [d.message, ...(d.related ?? []).map((r) => r.message), ...(d.fixes ?? []).map((f) => f.title)];
}

describe.each(["nb", "en"] as const)("messages in %s", (locale) => {
  const all = corpus(locale);

  it("the corpus covers many codes", () => {
    const codes = new Set(all.flatMap(({ checked }) => checked.all.map((d) => d.code)));
    expect(codes.size).toBeGreaterThan(40);
  });

  it.each(PATTERNS.filter((p) => p.locales.includes(locale)))("none has: $name", (pattern) => {
    const problems: string[] = [];
    for (const { label, checked } of all) {
      const names = declaredNames(checked.files);
      for (const d of checked.all) {
        for (const text of texts(d)) {
          const hit = pattern.find(text, names);
          if (hit) problems.push(`${label}: ${d.code} «${hit}» in: ${text}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
