/**
 * Tests of the HFA formatter (spec §9; decisions in docs/formatting.md).
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parse, Tokens } from "../grammar/src/index.js";
import { formatEdits, formatText, type TextEdit } from "../server/src/format/formatter.js";
import { SPEC_EXAMPLE } from "./fixtures/rules/base.js";

// ------------------------------------------------------------------ helpers

function format(text: string): string {
  const result = formatText(text);
  if (result.kind !== "formatted") throw new Error(`expected the text to format, got ${result.count} syntax problem(s)`);
  return result.text;
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  // LSP semantics: offsets refer to the original text; edits come in order and do not overlap.
  for (let i = 1; i < edits.length; i++) {
    if (edits[i]!.start < edits[i - 1]!.end) throw new Error("overlapping or unordered edits");
  }
  let out = text;
  for (const edit of [...edits].reverse()) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}

/** Token images (number separators removed, `*` as `à`) and comment texts, in source order. */
function tokenSequence(text: string): string[] {
  const parsed = parse(text);
  return [...parsed.tokens, ...parsed.comments]
    .sort((a, b) => a.startOffset - b.startOffset)
    .map((token) => {
      if (token.tokenType === Tokens.Star) return "à";
      if (token.tokenType === Tokens.NumberLiteral) return token.image.replace(/[ \u00A0\u202F]/g, "");
      return token.image;
    });
}

/** The spec §1 example, copied verbatim from /work/shared/spec/language.md. */
// The spec §1 example, verbatim (one copy for the suite).


/**
 * The canonical form of the spec example: the spec text itself, except that
 * the aligned trailing comment gets one space (alignment is not kept, see
 * docs/formatting.md). The two clauses the spec continues on a second line
 * (`sats … kilde`, `tilskudd … "note"`) keep their line breaks.
 */
const SPEC_EXAMPLE_CANONICAL = replaceOnce(
  SPEC_EXAMPLE,
  `"Unge voksne med rusproblemer"      // lokalt`,
  `"Unge voksne med rusproblemer" // lokalt`,
);

function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`fixture: ${JSON.stringify(from)} must occur exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

// ------------------------------------------------------------------ the spec example

describe("spec §1 example", () => {
  test("parses without problems", () => {
    expect(parse(SPEC_EXAMPLE).problems).toEqual([]);
  });

  test("formats to its documented canonical version", () => {
    expect(format(SPEC_EXAMPLE)).toBe(SPEC_EXAMPLE_CANONICAL);
  });

  test("the canonical version is a fixed point", () => {
    const result = formatText(SPEC_EXAMPLE_CANONICAL);
    expect(result).toEqual({ kind: "formatted", text: SPEC_EXAMPLE_CANONICAL, changed: false });
    expect(formatEdits(SPEC_EXAMPLE_CANONICAL)).toEqual([]);
  });

  test("multi-line strings keep their line breaks and inner indentation", () => {
    const formatted = format(SPEC_EXAMPLE);
    expect(formatted).toContain(`"Jordmødre i kombinerte stillinger følger kvinnen fra\n    svangerskapskontroll på helsestasjonen`);
  });

  test("the continuation lines of the spec are kept as written", () => {
    const formatted = format(SPEC_EXAMPLE);
    expect(formatted).toContain(`sats Barselsdøgn "Kostnad per liggedøgn barsel" 6 500 kr per døgn\n  kilde "Helse Møre og Romsdal HF, internregnskap 2024"\n`);
    expect(formatted).toContain(
      `  tilskudd RST 600 000 kr per år til HMR 50 %, Kristiansund 25 %, Averøy 25 %\n    "Veiledning, hospitering og reiser mellom arbeidsstedene"\n`,
    );
  });

  test("the only change to the spec text is the aligned trailing comment", () => {
    const edits = formatEdits(SPEC_EXAMPLE);
    expect(edits).toHaveLength(1);
    const gap = SPEC_EXAMPLE.indexOf("      // lokalt");
    expect(edits[0]!.start).toBeGreaterThanOrEqual(gap);
    expect(edits[0]!.end).toBeLessThanOrEqual(gap + 6);
    expect(applyEdits(SPEC_EXAMPLE, edits)).toBe(SPEC_EXAMPLE_CANONICAL);
  });
});

// ------------------------------------------------------------------ messy input

const MESSY = `// Felles
helsefellesskap  MR "Møre"{region "Helse Midt-Norge"
helseforetak HMR "HMR HF" { sykehus KSU "Kristiansund sykehus" akuttsykehus }
   kommune K "Kristiansund kommune" nr "1505"   kommune A "Averøy kommune"
}
sats S "Sats" 6500 kr per døgn
tilskudd RST "RST" { ramme 2025 500000 kr fordeling { MR 100 % } }
avtale X "X" {

helsefellesskap MR
        parter HMR , K,A
periode 2025 til 2027



    innsats HMR 1 årsverk * 900000 kr per år   // trailing
  // own line comment
innsats K 0,5 årsverk à 850000 kr per år
  tilskudd RST 600000 kr per år til HMR 50 %,
     K 50 %
  formål samhandling "Linje én
      linje to"
     formål rekruttering
  "Flere
 linjer"
  tiltak T "T" { formål samhandling stilling "J" 1 årsverk : HMR 50%, K 50 % }
  besparelse HMR 80 døgn à S per år fra 2026 /* inline */ "x"
  tilskudd RST 100 kr i 2025 // hvorfor
  til HMR 100 %
  indikator "i" fra 20 % til 60 % innen 2027
  behandling HMR styre 2025-03-12 planlagt

}   `;

const MESSY_FORMATTED = `// Felles
helsefellesskap MR "Møre" {
  region "Helse Midt-Norge"
  helseforetak HMR "HMR HF" {
    sykehus KSU "Kristiansund sykehus" akuttsykehus
  }
  kommune K "Kristiansund kommune" nr "1505"
  kommune A "Averøy kommune"
}

sats S "Sats" 6 500 kr per døgn

tilskudd RST "RST" {
  ramme 2025 500 000 kr
  fordeling {
    MR 100 %
  }
}

avtale X "X" {
  helsefellesskap MR
  parter HMR, K, A
  periode 2025 til 2027

  innsats HMR 1 årsverk à 900 000 kr per år // trailing
  // own line comment
  innsats K 0,5 årsverk à 850 000 kr per år
  tilskudd RST 600 000 kr per år til HMR 50 %,
    K 50 %
  formål samhandling "Linje én
      linje to"
  formål rekruttering
    "Flere
 linjer"
  tiltak T "T" {
    formål samhandling
    stilling "J" 1 årsverk: HMR 50 %, K 50 %
  }
  besparelse HMR 80 døgn à S per år fra 2026 /* inline */ "x"
  tilskudd RST 100 kr i 2025 // hvorfor
    til HMR 100 %
  indikator "i" fra 20 % til 60 % innen 2027
  behandling HMR styre 2025-03-12 planlagt
}
`;

describe("messy input", () => {
  test("formats to the exact canonical text", () => {
    expect(parse(MESSY).problems).toEqual([]);
    const result = formatText(MESSY);
    expect(result).toEqual({ kind: "formatted", text: MESSY_FORMATTED, changed: true });
  });

  test("is idempotent and keeps the token sequence", () => {
    expect(format(MESSY_FORMATTED)).toBe(MESSY_FORMATTED);
    expect(tokenSequence(MESSY_FORMATTED)).toEqual(tokenSequence(MESSY));
  });

  test("CRLF files stay CRLF (strings keep their own line breaks)", () => {
    const crlf = MESSY.replace(/\n/g, "\r\n");
    const expected = MESSY_FORMATTED.replace(/\n/g, "\r\n");
    expect(format(crlf)).toBe(expected);
    expect(format(expected)).toBe(expected);
  });

  test("a file that is mostly LF gets LF", () => {
    const mixed = `sats S "s" 5 kr per døgn\r\nsats T "t" 5 kr per døgn\nsats U "u" 5 kr per døgn\n`;
    expect(format(mixed)).toBe(`sats S "s" 5 kr per døgn\n\nsats T "t" 5 kr per døgn\n\nsats U "u" 5 kr per døgn\n`);
  });
});

// ------------------------------------------------------------------ details

/** An agreement around `clauses` (one per line, already canonical). */
function agreement(...clauses: string[]): string {
  return `avtale A "a" {\n${clauses.map((clause) => `  ${clause}\n`).join("")}}\n`;
}

describe("numbers", () => {
  test("years are never grouped, amounts always (four digits included)", () => {
    expect(format(`tilskudd R "r" {\n  ramme 2025 500000 kr\n  ramme 2026 5000 kr\n}\n`)).toBe(
      `tilskudd R "r" {\n  ramme 2025 500 000 kr\n  ramme 2026 5 000 kr\n}\n`,
    );
    const years = agreement(
      "periode 2025 til 2027",
      "innsats HMR 1200 kr per år fra 2025 til 2027",
      "innsats HMR 1200 kr i 2026",
      "indikator \"i\" fra 1500 døgn til 1000 døgn innen 2027",
      "balanse {",
      "  horisont 2030",
      "}",
    );
    expect(format(years)).toBe(
      agreement(
        "periode 2025 til 2027",
        "innsats HMR 1 200 kr per år fra 2025 til 2027",
        "innsats HMR 1 200 kr i 2026",
        "indikator \"i\" fra 1 500 døgn til 1 000 døgn innen 2027",
        "balanse {",
        "  horisont 2030",
        "}",
      ),
    );
  });

  test("no-break and narrow no-break separators become plain spaces; decimals are kept", () => {
    const input = agreement("innsats HMR 1\u00A0200\u202F000,50 kr per år", "innsats K 0,5 årsverk à 850000,125 kr per år");
    expect(format(input)).toBe(agreement("innsats HMR 1 200 000,50 kr per år", "innsats K 0,5 årsverk à 850 000,125 kr per år"));
  });

  test("foreign notation is left for the HFA002 quick fix", () => {
    const input = agreement("innsats HMR 1.200.000 kr per år", "innsats K 0.5 årsverk * 850.000 kr per år");
    expect(format(input)).toBe(agreement("innsats HMR 1.200.000 kr per år", "innsats K 0.5 årsverk à 850.000 kr per år"));
  });

  test("`*` becomes `à`", () => {
    expect(format(agreement("besparelse HMR 80 døgn*S per år"))).toBe(agreement("besparelse HMR 80 døgn à S per år"));
  });
});

describe("layout", () => {
  test("exactly one blank line between declarations; none at the start; one newline at the end", () => {
    const input = `\n\n\nsats A "a" 5 kr per døgn\n\n\n\nsats B "b" 5 kr per døgn sats C "c" 5 kr per døgn\n\n\n`;
    expect(format(input)).toBe(`sats A "a" 5 kr per døgn\n\nsats B "b" 5 kr per døgn\n\nsats C "c" 5 kr per døgn\n`);
  });

  test("comments between declarations: the author's blank lines are kept (at most one), and at least one blank line separates declarations", () => {
    const input = `sats A "a" 5 kr per døgn // om A\n// om B\nsats B "b" 5 kr per døgn\n\n\n// løs kommentar\n\n\n\n// om C\nsats C "c" 5 kr per døgn\n// slutt`;
    expect(format(input)).toBe(
      `sats A "a" 5 kr per døgn // om A\n\n// om B\nsats B "b" 5 kr per døgn\n\n// løs kommentar\n\n// om C\nsats C "c" 5 kr per døgn\n// slutt\n`,
    );
  });

  test("blank lines in blocks: at most one kept, none after `{` or before `}`", () => {
    const input = `avtale A "a" {\n\n\n  parter B\n\n\n\n  periode 2025 til 2026\n  status utkast\n\n  // note\n\n\n}\n`;
    expect(format(input)).toBe(`avtale A "a" {\n  parter B\n\n  periode 2025 til 2026\n  status utkast\n\n  // note\n}\n`);
  });

  test("comments on their own line are re-indented to the current level", () => {
    const input = `avtale A "a" {\n// c1\n      parter B\n  tiltak T "t" {\n// c2\n  beskrivelse "b"\n        /* c3 */\n}\n}\n`;
    expect(format(input)).toBe(
      `avtale A "a" {\n  // c1\n  parter B\n  tiltak T "t" {\n    // c2\n    beskrivelse "b"\n    /* c3 */\n  }\n}\n`,
    );
  });

  test("a multi-line block comment is kept byte for byte", () => {
    const input = `/* linje 1\n      linje 2 */\nsats A "a" 5 kr per døgn\n`;
    expect(format(input)).toBe(input);
  });

  test("a block comment before a clause on the same line stays there", () => {
    const input = `avtale A "a" {\n    /* ny */ parter B\n  periode 2025 til 2026 /* slutt */ status utkast\n}\n`;
    expect(format(input)).toBe(`avtale A "a" {\n  /* ny */ parter B\n  periode 2025 til 2026 /* slutt */\n  status utkast\n}\n`);
  });

  test("`}` after a block comment gets its own line; a `{` after a line comment lines up with its `}`", () => {
    const input = `avtale A "a" // c\n{\n  parter B\n    /* slutt */ }\n`;
    expect(format(input)).toBe(`avtale A "a" // c\n{\n  parter B\n  /* slutt */\n}\n`);
  });

  test("empty blocks", () => {
    expect(format(`helsefellesskap X "x" { helseforetak H "h" { } }`)).toBe(`helsefellesskap X "x" {\n  helseforetak H "h" {\n  }\n}\n`);
  });

  test("a comment inside a clause keeps the clause's line breaks, continuation lines one level deeper", () => {
    const input = `avtale A "a" {\n  parter B, // først\nC,\n    /* så */ D\n}\n`;
    expect(format(input)).toBe(`avtale A "a" {\n  parter B, // først\n    C,\n    /* så */ D\n}\n`);
  });

  test("a clause over several lines keeps its line breaks; continuation lines exactly one level deeper", () => {
    const input = agreement("tilskudd RST 600 000 kr per år\n      til HMR 50 %,\n   K 50 %\n        \"Veiledning\"");
    expect(format(input)).toBe(agreement('tilskudd RST 600 000 kr per år\n    til HMR 50 %,\n    K 50 %\n    "Veiledning"'));
  });

  test("continuation lines: spacing within each line normalized, blank lines and repeated breaks removed", () => {
    const input = `avtale A "a" {\n  tilskudd   RST 600000 kr per år til HMR 50%,K 50 %   \n\n\n\t\t\"Veiledning\"\n}\n`;
    expect(format(input)).toBe(agreement('tilskudd RST 600 000 kr per år til HMR 50 %, K 50 %\n    "Veiledning"'));
  });

  test("continuation lines at every depth: top level, block item, nested block item", () => {
    const input =
      `sats S "s" 6500 kr per døgn\nkilde "k"\n\n` +
      `avtale A "a" {\ninnsats HMR 1 årsverk\nà 900000 kr per år\n` +
      `tiltak T "t" {\nstilling "J" 1 årsverk:\nHMR 50 %,\nK 50 %\n}\n}\n`;
    expect(format(input)).toBe(
      `sats S "s" 6 500 kr per døgn\n  kilde "k"\n\n` +
        `avtale A "a" {\n  innsats HMR 1 årsverk\n    à 900 000 kr per år\n` +
        `  tiltak T "t" {\n    stilling "J" 1 årsverk:\n      HMR 50 %,\n      K 50 %\n  }\n}\n`,
    );
  });

  test("a block header over several lines keeps its breaks, but `{` ends the header line", () => {
    const input = `avtale A\n"a"\n{\n  tiltak T\n      "t"\n\n  {\n    beskrivelse "b"\n  }\n}\n`;
    expect(format(input)).toBe(`avtale A\n  "a" {\n  tiltak T\n    "t" {\n    beskrivelse "b"\n  }\n}\n`);
  });

  test("a clause written on one line stays on one line, however long", () => {
    const long = agreement(`indikator "${"lang ".repeat(30).trim()}" fra 20 % til 60 % innen 2027`);
    expect(format(long)).toBe(long);
  });

  test("strings are left exactly as written", () => {
    const input = agreement('videreføring "  mange   mellomrom\\"  \\\\ "', 'formål samhandling "a\n\t\tb\n c"');
    expect(format(input)).toBe(input);
  });

  test("a byte order mark is kept; an empty file stays empty", () => {
    expect(format(`\uFEFFsats A "a" 5 kr per døgn`)).toBe(`\uFEFFsats A "a" 5 kr per døgn\n`);
    expect(format("")).toBe("");
    expect(format("  \n\n ")).toBe("");
    expect(format("// bare en kommentar")).toBe("// bare en kommentar\n");
  });
});

// ------------------------------------------------------------------ syntax errors

describe("syntax errors", () => {
  test.each([
    ["missing brace", `avtale A "a" {\n  parter B\n`],
    ["unknown clause content", `avtale A "a" {\n  periode 2025 til\n}\n`],
    ["unterminated string", `sats A "a 5 kr per døgn\n`],
    ["unterminated comment", `sats A "a" 5 kr per døgn /* åpen\n`],
    ["unknown character", `sats A "a" 5 kr per døgn #\n`],
    ["bad year", `avtale A "a" {\n  periode 25 til 27\n}\n`],
  ])("%s: not formatted, no edits", (_name, input) => {
    const result = formatText(input);
    expect(result.kind).toBe("syntaxErrors");
    if (result.kind === "syntaxErrors") expect(result.count).toBeGreaterThan(0);
    expect(formatEdits(input)).toEqual([]);
  });
});

// ------------------------------------------------------------------ edits

describe("formatEdits", () => {
  test("applied to the text, the edits give the formatted text", () => {
    for (const input of [MESSY, MESSY.replace(/\n/g, "\r\n"), SPEC_EXAMPLE, `\uFEFF  sats A "a" 5000 kr per døgn   `]) {
      expect(applyEdits(input, formatEdits(input))).toBe(format(input));
    }
  });

  test("edits are small, ordered and do not overlap", () => {
    const edits = formatEdits(MESSY);
    for (let i = 0; i < edits.length; i++) {
      const edit = edits[i]!;
      expect(edit.start).toBeLessThanOrEqual(edit.end);
      if (i > 0) expect(edit.start).toBeGreaterThan(edits[i - 1]!.end); // touching edits are merged
      expect(MESSY.slice(edit.start, edit.end)).not.toBe(edit.newText);
    }
    // a number is one edit of the number only
    const numbers = formatEdits(agreement("innsats HMR 1200000 kr per år"));
    expect(numbers).toHaveLength(1);
    expect(numbers[0]!.newText).toBe("1 200 000");
  });

  test("no edits for a canonical file", () => {
    expect(formatEdits(MESSY_FORMATTED)).toEqual([]);
  });

  test("range formatting only touches the range", () => {
    const input = `avtale A "a" {\n      parter B ,C\n      periode 2025   til 2026\n      innsats B 5000 kr per år\n}\n`;
    const line = "      periode 2025   til 2026\n";
    const start = input.indexOf(line);
    const range = { start, end: start + line.length };
    const edits = formatEdits(input, range);
    expect(edits.length).toBeGreaterThan(0);
    for (const edit of edits) {
      expect(edit.end).toBeGreaterThanOrEqual(range.start);
      expect(edit.start).toBeLessThanOrEqual(range.end);
    }
    expect(applyEdits(input, edits)).toBe(
      `avtale A "a" {\n      parter B ,C\n  periode 2025 til 2026\n      innsats B 5000 kr per år\n}\n`,
    );
  });

  test("a range inside a clause gets only the edits in it", () => {
    const input = agreement("innsats B 5000 kr per år", "innsats C 7000   kr per år");
    const at = input.indexOf("7000");
    const edits = formatEdits(input, { start: at, end: at + 4 });
    expect(applyEdits(input, edits)).toBe(agreement("innsats B 5000 kr per år", "innsats C 7 000   kr per år"));
  });
});

// ------------------------------------------------------------------ property test

describe("property: random agreements", () => {
  const year = fc.constantFrom("2025", "2026", "2027", "2030");
  const number = fc.constantFrom("1200000", "1 200 000", "1\u00A0200\u00A0000", "1\u202F000", "850000", "5000", "0,5", "16,2", "900 000", "42", "1.200.000", "0.5");
  const string = fc.constantFrom('"Tittel"', '"med \\"sitat\\" og \\\\"', '"to\n    linjer"', '"crlf\r\n  inni"', '""');
  const separator = fc.constantFrom(
    " ", " ", " ", "  ", "\n", "\n  ", "\n\n", "\n\n\n    ", "\t", "\r\n", "\r\n\r\n", "\u00A0", "\u202F",
    " // kommentar\n", "\n// egen linje\n", " /* inne */ ", "\n/* blokk\n   over linjer */\n", "/*tett*/ ", " //\n",
  );
  type Pieces = readonly (string | Pieces)[];
  const option = (arb: fc.Arbitrary<Pieces>): fc.Arbitrary<Pieces> => fc.oneof(fc.constant([]), arb);
  const tokens = (...parts: (string | fc.Arbitrary<string> | fc.Arbitrary<Pieces>)[]): fc.Arbitrary<Pieces> =>
    fc.tuple(...parts.map((part) => (typeof part === "string" ? fc.constant(part) : part))) as fc.Arbitrary<Pieces>;

  const money = fc.oneof(tokens(number, "kr"), tokens(number, "mill.", "kr"), tokens(number, "kroner"));
  const quantity = fc.constantFrom("1", "0,5", "80", "1200");
  const unit = fc.constantFrom("døgn", "årsverk", "timer", "stk");
  const value = fc.oneof(
    money,
    tokens(quantity, unit),
    tokens(quantity, unit, fc.constantFrom("à", "*"), money),
    tokens(quantity, unit, fc.constantFrom("à", "*"), "Sats"),
  );
  const schedule = fc.oneof(
    tokens("per", "år"),
    tokens("per", "år", "fra", year),
    tokens("per", "år", "fra", year, "til", year),
    tokens("per", "år", "til", year),
    tokens("i", year),
  );
  const flow = tokens(value, schedule);
  const note = option(tokens(string));
  const shares = tokens("HMR", number, "%", fc.array(tokens(",", fc.constantFrom("K", "A"), "42", "%"), { maxLength: 3 }));

  const clause = fc.oneof(
    tokens("helsefellesskap", "MR"),
    tokens("parter", "HMR", fc.array(tokens(",", fc.constantFrom("K", "A")), { maxLength: 3 })),
    tokens("periode", year, "til", year),
    tokens("status", fc.constantFrom("utkast", "til-behandling", "vedtatt")),
    tokens("sykehus", "KSU"),
    tokens("målgruppe", "barn-og-unge", option(tokens(",", "skrøpelige-eldre"))),
    tokens("formål", "samhandling", string),
    tokens("innsats", "HMR", flow, note),
    tokens("tilskudd", "RST", flow, option(tokens("til", shares)), note),
    tokens("besparelse", "K", flow, note),
    tokens("videreføring", string),
    tokens("indikator", string, "fra", number, fc.constantFrom("%", "døgn"), "til", number, option(tokens("innen", year))),
    tokens("behandling", "HMR", fc.constantFrom("styre", "bystyre"), "2025-03-12", option(tokens(fc.constantFrom("planlagt", "vedtatt", "avvist")))),
    tokens("personelleffekt", fc.constantFrom("nøytral", "personelldrivende"), note),
    tokens(
      "tiltak", "T", string, "{",
      fc.array(
        fc.oneof(
          tokens("formål", "samhandling", option(tokens(",", "rekruttering"))),
          tokens("stilling", string, quantity, "årsverk", ":", shares),
          tokens("beskrivelse", string),
        ),
        { maxLength: 3 },
      ),
      "}",
    ),
    tokens(
      "balanse", "{",
      fc.array(
        fc.oneof(tokens("horisont", year), tokens("overføring", "HMR", "til", "K", flow, note), tokens("begrunnelse", string)),
        { maxLength: 3 },
      ),
      "}",
    ),
  );

  const declaration = fc.oneof(
    tokens("avtale", "Avtale", string, "{", fc.array(clause, { maxLength: 8 }), "}"),
    tokens("sats", "Sats", string, money, "per", unit, option(tokens("kilde", string))),
    tokens(
      "tilskudd", "RST", string, "{",
      fc.array(
        fc.oneof(
          tokens("region", string),
          tokens("ramme", year, money),
          tokens("fordeling", "{", fc.array(tokens(fc.constantFrom("MR", "StOlav"), number, "%"), { maxLength: 3 }), "}"),
        ),
        { maxLength: 4 },
      ),
      "}",
    ),
    tokens(
      "helsefellesskap", "MR", string, "{",
      fc.array(
        fc.oneof(
          tokens("region", string),
          tokens("helseforetak", "HMR", string, option(tokens("{", fc.array(tokens("sykehus", "KSU", string, "akuttsykehus"), { maxLength: 2 }), "}"))),
          tokens("kommune", "K", string, option(tokens("nr", '"1505"'))),
          tokens("gruppe", "G", string),
        ),
        { maxLength: 4 },
      ),
      "}",
    ),
  );

  const flatten = (pieces: Pieces, out: string[] = []): string[] => {
    for (const piece of pieces) {
      if (typeof piece === "string") out.push(piece);
      else flatten(piece, out);
    }
    return out;
  };

  /** A file: the tokens of 1–4 declarations with random whitespace and comments around and between them. */
  const file = fc
    .array(declaration, { minLength: 1, maxLength: 4 })
    .map((declarations) => flatten(declarations))
    .chain((words) =>
      fc
        .array(separator, { minLength: words.length + 1, maxLength: words.length + 1 })
        .map((separators) => words.map((word, i) => separators[i] + word).join("") + separators[words.length]),
    );

  test("formatting is idempotent, parses cleanly and keeps the token sequence", () => {
    fc.assert(
      fc.property(file, (input) => {
        expect(parse(input).problems).toEqual([]);
        const formatted = format(input);
        expect(parse(formatted).problems).toEqual([]);
        expect(tokenSequence(formatted)).toEqual(tokenSequence(input));
        expect(format(formatted)).toBe(formatted);
        expect(applyEdits(input, formatEdits(input))).toBe(formatted);
      }),
      // A failure prints its seed; HFA_FORMAT_RUNS=20000 explores more (about 1 s per 400 runs).
      { numRuns: Number(process.env["HFA_FORMAT_RUNS"] ?? 200) },
    );
  }, 600_000);
});
