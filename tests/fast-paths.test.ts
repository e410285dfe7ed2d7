/**
 * The grammar's fast paths (issue 12) against the Chevrotain paths they stand
 * in for: the hand-written lexer must make exactly Chevrotain's tokens (same
 * fields in the same order) or give up, over the samples, thousands of
 * mutations of them (broken syntax, hostile characters), generated workspaces
 * and hand-picked edge cases; the hand-written clause rules must build
 * exactly the syntax tree, problems and tokens Chevrotain's rules do, or give
 * the clause to them; the compact tokens a parse result keeps must give back
 * the lexer's tokens.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FastClauses } from "../grammar/src/fastClauses.js";
import { lex, lexFast, lexWithChevrotain } from "../grammar/src/lexer.js";
import * as Tokens from "../grammar/src/tokens.js";
import { parse } from "../grammar/src/parser.js";
// @ts-expect-error: the benchmark's generator is plain JavaScript without types
import { generateWorkspace } from "../bench/generate.mjs";
import { mutateMany, rng } from "./robust/fuzzKit.js";

/** `npm run fuzz` runs the mutations a hundred times over (HFA_FUZZ_SCALE=100). */
const SCALE = Math.max(1, Number(process.env.HFA_FUZZ_SCALE ?? 1));
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const samples = ["felles", "avtaler"].flatMap((dir) =>
  readdirSync(join(ROOT, "samples", dir))
    .filter((f) => f.endsWith(".hfa"))
    .sort()
    .map((f) => readFileSync(join(ROOT, "samples", dir, f), "utf8")),
);

const EDGE_CASES = [
  "",
  "   \t\r\n\u00A0\u202F\uFEFF",
  'sats A "a" 1 kr per døgn',
  "mill. mill.x mill.5 mill._ mill.ø mill mille milli. 1,2 mill. kr",
  '"open string\nnext line',
  '"escaped \\" quote" "esc at end \\',
  '"\\\nx',
  "/* unterminated comment",
  "/* a */ b /*/ c */ // line\r\n// end",
  "2025-01-01 2025-1-1 2025-01-01.5 12.03.2025 12.03.20255 1.200.000 1,200,000 1,200.50 0.5 1 200 000,50 2025 500 000 1234 5,5",
  "1,5 0,8, 1,5. 1,200 1,200,000 1,200.5 1, 1,- 1,x 12345,67 12345,67,8 12345,6.7 12 345 1 2345 1 234,5 1 234, 1 234 567,89x 999 999 9999 1\u00A0000 1\u202F000,5 1 000 0000 12 34 1 0001",
  ",- , { } : % * <beløp> <1> < a > <a\n> <\"a\">",
  "forma\u030Al Averøy ª µ º À ÿ × ÷ ĀĀ ǅ a\u0301 _x x-y-z x_1 Ω 中文",
  "𝐀 a𝐀 𝟘 x\uD835 \uDC00",
  "€ § ¤ @ # ! ? ; . ( ) [ ] / \\ ^ ~ ` | & = + ' $",
  "avtale A \"a\" {\n  parter X, Y og Z\n  periode 2025 til 2027\n}",
];

function sameLexing(text: string): void {
  const fast = lexFast(text);
  const reference = lexWithChevrotain(text);
  if (fast === undefined) {
    // Giving up is allowed only where Chevrotain finds a lexing error or a surrogate is met.
    expect(reference.problems.length > 0 || /[\uD800-\uDFFF]/.test(text), JSON.stringify(text.slice(0, 200))).toBe(true);
    return;
  }
  expect(reference.problems).toEqual([]);
  const rows = (tokens: readonly object[]) => tokens.map((t) => JSON.stringify(Object.entries(t).map(([k, v]) => [k, k === "tokenType" ? (v as { name: string }).name : v])));
  expect(rows(fast.tokens)).toEqual(rows(reference.tokens));
  expect(rows(fast.comments)).toEqual(rows(reference.comments));
}

describe("the hand-written lexer makes Chevrotain's tokens", () => {
  it("on edge cases", () => {
    for (const text of EDGE_CASES) sameLexing(text);
    for (const text of EDGE_CASES) for (const a of EDGE_CASES) sameLexing(a + " " + text);
  });
  it("on the samples and a generated workspace", () => {
    for (const text of samples) sameLexing(text);
    for (const file of generateWorkspace(30, 3).files as { text: string }[]) sameLexing(file.text);
  });
  it("on mutated samples", { timeout: 60_000 * SCALE }, () => {
    let fastUsed = 0;
    for (const [index, text] of samples.entries()) {
      for (let m = 0; m < 150 * SCALE; m++) {
        const mutated = mutateMany(text, rng(7000 + 1000 * index + m), 1 + (m % 4));
        sameLexing(mutated);
        if (lexFast(mutated) !== undefined) fastUsed++;
      }
    }
    // The fast path must actually be exercised by the mutations, not only give up.
    expect(fastUsed).toBeGreaterThan(100);
  });
});

/** Everything a parse result holds, as data (tokens as the snapshot serialises them). */
function parsed(text: string, fastPaths: boolean): string {
  const p = parse(text, { fastPaths });
  const row = (t: { tokenType: { name: string }; startOffset: number; endOffset?: number; image: string }) => [t.tokenType.name, t.startOffset, t.endOffset, t.image];
  return JSON.stringify({ file: p.file, problems: p.problems, tokens: p.tokens.map(row), comments: p.comments.map(row), placeholders: p.placeholders });
}

function sameParse(text: string): void {
  expect(parsed(text, true), JSON.stringify(text.slice(0, 300))).toBe(parsed(text, false));
}

const CLAUSE_CASES = [
  'sats A "a" 1 200 kr per døgn kilde "x"\nsats B "b" kr 1 200 per time\nsats C "c" 1,2 mill. kr per årsverk\nsats D "d" 1,5 MNOK per stk\nsats E "e" 1 200,- kr per pasient\nsats F "f" <pris> per døgn\nsats G "g" NOK 5 per time\nsats H "h" 1.200 kr per time\nsats I "i" 1 mill kr per time',
  'sats A "a" 1 kr per døgn kilde\nsats B "b" 1 kr per\nsats C "c" mill. kr per døgn\nsats D "d" foo 5 per døgn\nsats E "e" 5 foo per døgn',
  'tilskudd T "t" {\n region "r"\n ramme 2025 1 000 000 kr\n ramme 1999 1 kr\n ramme <år> <beløp> kr\n fordeling {\n  A 50 %\n  B <andel> %\n  C 10\n }\n}',
  'helsefellesskap H "h" {\n region "Midt"\n helseforetak HF "hf" {\n  sykehus S "s" akuttsykehus\n  sykehus S2 "s" <type>\n  sykehus S3 "s" foo\n }\n kommune K "k" nr "1234"\n kommune K2 "k" nr\n gruppe G "g"\n}',
  `avtale A "a" {
  helsefellesskap H
  parter K1, K2 og K3, <part>
  parter K1 og
  parter K1 og 5
  periode 2025 til 2027
  periode 2025 til 20277
  status utkast
  status <status>
  status foo
  sykehus S
  målgruppe G1, G2
  formål F "f"
  innsats K1 500 000 kr per år fra 2025 til 2027 "note"
  innsats K1 2 årsverk à 900 000 kr per år
  innsats K1 2 årsverk * Sats per år fra 2026
  innsats K1 2 døgn à <pris> kr per år til <år>
  innsats K1 2 døgn à <sats> per år
  innsats K1 2 døgn à NOK 100 per år
  innsats K1 2 døgn à NOK per år
  innsats K1 2 døgn à 5 per år
  innsats K1 <beløp> kr i 2026
  innsats K1 kr 500 per år
  innsats K1 1,2 millioner kr per år
  innsats K1 1 200 000,- per år
  innsats K1 500 per år
  innsats K1 500 kr per år til K2
  tilskudd T 1 000 000 kr per år fra 2025 til 2026 til K1 50 %, K2 50 % "fordelt"
  tilskudd T 1 000 000 kr per år til <part> <andel> %
  tilskudd T 1 000 000 kr per år til <år> <x>
  tilskudd T 1 000 000 kr per år til <år>
  tilskudd T 1 000 000 kr i 2025 til K1 50
  besparelse K1 100 000 kr per år fra 2026 <notat>
  tiltak M "m" {
    formål F1, F2
    stilling "s" 1,5 årsverk: K1 50 %, K2 50 %
    stilling "s" 1,5 årsverk K1 50 %
    beskrivelse "b"
    beskrivelse
  }
  balanse {
    horisont 2030
    horisont 30
    overføring K1 til K2 100 kr per år "n"
    overføring K1 til K2 2 døgn à Sats per år
    begrunnelse "fordi"
  }
  videreføring "v"
  indikator "i" fra 10 % til 20 % innen 2027
  indikator "i" fra 10 døgn til 5 timer
  indikator "i" fra <n> til 5
  indikator "i" fra 10 til
  behandling K1 kommunestyre 2025-03-12 vedtatt
  behandling K1 <organ> 12.03.2025 <utfall>
  behandling K1 styre 2025-3-1
  behandling K1 styre 2025-02-30 planlagt
  behandling K1 styre <dato>
  behandling K1 foo 2025-01-01
  personelleffekt nøytral "x"
  personelleffekt <effekt>
  personelleffekt foo
  status utkast ekstra
}`,
  'avtale A "a" { parter K1 innsats K1 5 kr per år }',
  'avtale <navn> <tittel> { }\ntiltak X "y" {}\navtale A "a"\navtale "a" {}',
];

describe("the hand-written clause rules build Chevrotain's tree", () => {
  afterEach(() => vi.restoreAllMocks());

  it("on hand-picked clauses, clean and broken", () => {
    for (const text of CLAUSE_CASES) {
      sameParse(text);
      // Every clause alone, too, and each line cut short at every token.
      for (const line of text.split("\n")) {
        sameParse(line);
        const words = line.trim().split(" ");
        for (let n = 1; n < words.length; n++) sameParse(`avtale A "a" {\n${words.slice(0, n).join(" ")}\n}`);
      }
    }
  });

  it("on the samples and generated workspaces, where every clause takes the fast path", () => {
    const run = vi.spyOn(FastClauses.prototype, "run");
    const texts = [...samples, ...(generateWorkspace(40, 5).files as { text: string }[]).map((f) => f.text)];
    for (const text of texts) sameParse(text);
    const results = run.mock.results.map((r) => r.value as unknown);
    expect(results.length).toBeGreaterThan(1000);
    // The generated workspaces are clean: no clause may need Chevrotain.
    run.mockClear();
    for (const file of generateWorkspace(40, 5).files as { text: string }[]) parse(file.text);
    expect(run.mock.results.filter((r) => r.value === undefined)).toEqual([]);
  });

  it("on mutated samples", { timeout: 60_000 * SCALE }, () => {
    for (const [index, text] of samples.entries()) {
      for (let m = 0; m < 150 * SCALE; m++) sameParse(mutateMany(text, rng(9000 + 1000 * index + m), 1 + (m % 4)));
    }
  });
});

describe("a parse result's compact tokens", () => {
  it("are the lexer's tokens, field by field, also one by one", () => {
    const rows = (tokens: readonly object[]) => tokens.map((t) => JSON.stringify(Object.entries(t).map(([k, v]) => [k, k === "tokenType" ? (v as { name: string }).name : v])));
    const texts = [...samples, ...EDGE_CASES, "forma\u030Al formål mill. kr"];
    for (const [index, text] of samples.entries()) texts.push(mutateMany(text, rng(400 + index), 3));
    for (const text of texts) {
      const result = parse(text);
      const lexed = lex(text).tokens;
      expect(rows(result.tokens)).toEqual(rows(lexed));
      // Built once, then kept.
      expect(result.tokens).toBe(result.tokens);
      const types = new Set([Tokens.ForeignNumber, Tokens.NorwegianDate, Tokens.DateLiteral, Tokens.StringLiteral]);
      expect(rows(result.tokensOfTypes(types))).toEqual(rows(lexed.filter((t) => types.has(t.tokenType))));
      for (let offset = 0; offset <= text.length + 1; offset += 7) {
        const first = lexed.find((t) => t.startOffset >= offset);
        expect(rows(result.firstTokenAtOrAfter(offset) ? [result.firstTokenAtOrAfter(offset)!] : [])).toEqual(rows(first ? [first] : []));
      }
    }
  });
});

describe("the hand-written clause rules on token soup", () => {
  // Every clause keyword followed by random runs of the words the clause rules
  // choose between: most runs fail both ways, some parse; either way the two
  // parsers must agree. Aimed at the choices (money or quantity, `til` of a
  // schedule or of shares, a rate's name or a price) more than mutations are.
  const KEYWORDS = [
    "helsefellesskap", "parter", "periode", "status", "sykehus", "målgruppe", "formål", "innsats", "tilskudd",
    "besparelse", "videreføring", "indikator", "behandling", "personelleffekt",
  ];
  const WORDS = [
    "K1", "K2", "Sats", "NOK", "og", "mill", "MNOK", "millioner", "<x>", "<beløp>", "<år>", "500 000", "2 000", "2025", "2027",
    "1999", "1,5", "1.200.000", "0.5", "kr", "kroner", "mill.", ",-", "à", "*", "per", "år", "fra", "til", "i", "innen", "%", ",",
    ":", '"tekst"', '"<fyll inn>"', "2025-03-12", "12.03.2025", "2025-2-30", "døgn", "årsverk", "timer", "utkast", "vedtatt",
    "avvist", "styre", "kommunestyre", "nøytral", "personellbesparende", "akuttsykehus",
  ];
  it("agrees with Chevrotain", { timeout: 60_000 * SCALE }, () => {
    const r = rng(4242);
    const pick = <T>(items: readonly T[]) => items[Math.floor(r() * items.length)]!;
    for (let n = 0; n < 3000 * SCALE; n++) {
      const keyword = pick(KEYWORDS);
      const length = 1 + Math.floor(r() * 9);
      const words = Array.from({ length }, () => pick(WORDS));
      sameParse(`avtale A "a" {\n  ${keyword} ${words.join(" ")}\n}`);
    }
    // Structured: a party, a value, a schedule, maybe shares and a note.
    const VALUES = ["500 000 kr", "1,2 mill. kr", "kr 500", "NOK 5", "1 MNOK", "2 mill kr", "1 200,- kr", "1 200,-", "<b> kr", "<b> mill.", "2 døgn", "2 døgn à 900 kr", "2 døgn * Sats", "2 døgn à <p> kr", "2 døgn à <s>", "2 døgn à NOK 5", "<n> timer à Sats", "5 foo"];
    const SCHEDULES = ["per år", "per år fra 2025", "per år fra 2025 til 2027", "per år til <år>", "per år til 2026", "i 2026", "i <år>", "per", "i 1999"];
    const TAILS = ["", '"note"', "<note>", "til K1 50 %", "til K1 50 %, K2 50 %", "til <p> <a> %", "til K1 50 % \"n\"", "til 2028", "til <år> <x>", "og"];
    for (let n = 0; n < 3000 * SCALE; n++) {
      const keyword = pick(["innsats", "tilskudd", "besparelse"]);
      sameParse(`avtale A "a" {\n  ${keyword} ${pick(["K1", "<p>", "T"])} ${pick(VALUES)} ${pick(SCHEDULES)} ${pick(TAILS)}\n}`);
      sameParse(`avtale A "a" { balanse { overføring K1 til K2 ${pick(VALUES)} ${pick(SCHEDULES)} ${pick(TAILS)} } }`);
      sameParse(`sats S "s" ${pick(VALUES)} per ${pick(["døgn", "time", "<e>", "år"])} ${pick(["", 'kilde "k"', "kilde"])}`);
    }
  });
});
