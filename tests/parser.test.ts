/**
 * Lexing (spec §2), parsing (spec §3) and recovery: one typo never hides the
 * rest of the file. Ranges of the syntax tree are exact.
 */
import { describe, expect, it } from "vitest";
import { keywordSpan, lex, parse, Tokens, type AgreementClause, type AgreementDecl, type Declaration, type RateDecl, type SchemeDecl } from "../grammar/src/index.js";
import { AGREEMENT, SHARED, SPEC_EXAMPLE, agreement } from "./fixtures/rules/base.js";
import { check, describeDiagnostics } from "./helpers/workspace.js";

// ------------------------------------------------------------------ helpers

function declarations(text: string): Declaration[] {
  return parse(text).file.declarations;
}

function rate(text: string): RateDecl {
  const decl = declarations(text).find((d): d is RateDecl => d.kind === "rate");
  if (!decl) throw new Error(`no sats parsed from ${JSON.stringify(text)}: ${JSON.stringify(parse(text).problems)}`);
  return decl;
}

function agreements(text: string): AgreementDecl[] {
  return declarations(text).filter((d): d is AgreementDecl => d.kind === "agreement");
}

/** Clause kinds of an agreement, a failed clause as `incomplete:<kind>`. */
function clauseKinds(decl: AgreementDecl): string[] {
  return decl.clauses.map((c: AgreementClause) => (c.kind === "incomplete" ? `incomplete:${c.clauseKind}` : c.kind));
}

const SPEC_KINDS = [
  "community", "parties", "period", "status", "hospital", "targetGroups", "purpose", "purpose", "measure",
  "input", "input", "input", "input", "grant", "saving", "saving", "saving", "saving", "balance",
  "continuation", "personnelEffect", "indicator", "decision", "decision", "decision",
];

// ------------------------------------------------------------------ numbers

describe("Norwegian numbers (spec §2)", () => {
  it.each([
    ["850 000", 850_000],
    ["1 200 000,50", 1_200_000.5],
    ["6 500", 6_500],
    ["0,5", 0.5],
    ["16,2", 16.2],
    ["1200000", 1_200_000],
    ["850\u00A0000", 850_000],
    ["1\u202F200\u202F000", 1_200_000],
  ])("`%s` is %d", (source, value) => {
    const decl = rate(`sats S "t" ${source} kr per døgn`);
    expect(decl.price.amount).toBe(value);
    expect(decl.price.number.norwegian).toBeUndefined();
    expect(lex(source).tokens).toHaveLength(1);
  });

  it("`ramme 2025 500 000 kr` is the year 2025 and the amount 500 000", () => {
    const scheme = declarations(`tilskudd T "t" {\n  ramme 2025 500 000 kr\n}`)[0] as SchemeDecl;
    const frame = scheme.items[0]!;
    expect(frame.kind).toBe("frame");
    if (frame.kind !== "frame") return;
    expect(frame.year.value).toBe(2025);
    expect(frame.money.amount).toBe(500_000);
    expect(parse(`tilskudd T "t" {\n  ramme 2025 500 000 kr\n}`).problems).toEqual([]);
  });

  it("a group separator must be followed by exactly three digits", () => {
    expect(lex("12 3456").tokens.map((t) => t.image)).toEqual(["12", "3456"]);
    expect(lex("2025 500 000").tokens.map((t) => t.image)).toEqual(["2025", "500 000"]);
    expect(lex("1 2").tokens.map((t) => t.image)).toEqual(["1", "2"]);
  });

  it("`16,2 mill. kr` is 16 200 000 kr", () => {
    expect(rate(`sats S "t" 16,2 mill. kr per stk`).price.amount).toBe(16_200_000);
    expect(rate(`sats S "t" 16,2 mill. kr per stk`).price.millions).toBe(true);
  });

  it.each([
    ["1.200.000", 1_200_000, "1 200 000"],
    ["1,200,000", 1_200_000, "1 200 000"],
    ["0.5", 0.5, "0,5"],
    ["1.200,50", 1_200.5, "1 200,50"],
    ["1,200.50", 1_200.5, "1 200,50"],
  ])("foreign `%s` parses as %d with the Norwegian form `%s` (HFA002)", (source, value, norwegian) => {
    const decl = rate(`sats S "t" ${source} kr per døgn`);
    expect(decl.price.amount).toBe(value);
    expect(decl.price.number.norwegian).toBe(norwegian);
    expect(lex(source).tokens.map((t) => t.tokenType)).toEqual([Tokens.ForeignNumber]);
    const c = check({ "file:///a.hfa": `sats S "t" ${source} kr per døgn\n` });
    expect(c.one("HFA002").fixes?.[0]?.edits[0]?.newText).toBe(norwegian);
  });
});

// ------------------------------------------------------------------ dates, keywords, names

describe("dates", () => {
  const decision = (date: string) => {
    const decl = agreements(`avtale A "t" {\n  behandling HMR styre ${date} vedtatt\n}`)[0]!;
    const clause = decl.clauses[0]!;
    if (clause.kind !== "decision") throw new Error(`not a decision: ${clause.kind}`);
    return clause.date;
  };

  it("ISO dates are validated as calendar dates", () => {
    expect(decision("2025-03-12")).toMatchObject({ text: "2025-03-12", iso: "2025-03-12", norwegianForm: false });
    expect(decision("2024-02-29").iso).toBe("2024-02-29");
    expect(decision("2025-02-29").iso).toBeUndefined();
    expect(decision("2025-13-01").iso).toBeUndefined();
  });

  it("the Norwegian form is read, and flagged", () => {
    expect(decision("12.03.2025")).toMatchObject({ iso: "2025-03-12", norwegianForm: true });
  });

  it("HFA003 for every invalid date", () => {
    for (const date of ["2025-02-30", "2025-00-10", "31.04.2025", "2025-3-1"]) {
      const c = check({ "file:///a.hfa": `avtale A "t" {\n  behandling HMR styre ${date}\n}\n` });
      expect(c.byCode("HFA003").map((d) => c.textOf(d)), date).toEqual([date]);
    }
  });
});

describe("keywords and names", () => {
  it("longest match: `til-behandling`, `tilskudd`, `tilbud`, `til`", () => {
    const types = lex("til-behandling tilskudd tilbud til Tilskudd").tokens.map((t) => t.tokenType);
    expect(types).toEqual([Tokens.KW.tilBehandling, Tokens.KW.tilskudd, Tokens.Identifier, Tokens.KW.til, Tokens.Identifier]);
  });

  it("`status til-behandling` parses as the status", () => {
    const decl = agreements(`avtale A "t" {\n  status til-behandling\n}`)[0]!;
    expect(decl.clauses[0]).toMatchObject({ kind: "status", value: { value: "til-behandling" } });
  });

  it("identifiers: Unicode letters, digits, `_` and `-` after the first letter", () => {
    const tokens = lex("JordmorNordmøre svangerskap-fødsel-barsel _x2 Ørsta").tokens;
    expect(tokens.map((t) => t.image)).toEqual(["JordmorNordmøre", "svangerskap-fødsel-barsel", "_x2", "Ørsta"]);
    expect(new Set(tokens.map((t) => t.tokenType))).toEqual(new Set([Tokens.Identifier]));
  });

  it("NFC: `formål` typed with a combining ring is the keyword", () => {
    const decomposed = "forma\u030Al";
    expect(lex(decomposed).tokens.map((t) => t.tokenType)).toEqual([Tokens.KW.formaal]);
    const decl = agreements(`avtale A "t" {\n  ${decomposed} samhandling "x"\n}`)[0]!;
    expect(decl.clauses[0]?.kind).toBe("purpose");
  });

  it("NFC: `Ålesund` declared decomposed and referenced composed is one name", () => {
    const shared = SHARED.replace(`kommune Averøy "Averøy kommune" nr "1554"`, `kommune Averøy "Averøy kommune" nr "1554"\n  kommune A\u030Alesund "Ålesund kommune" nr "1508"`);
    const text = agreement({
      replace: [["parter", "parter HMR, Kristiansund, Averøy, Ålesund"]],
      add: ["innsats Ålesund 10 000 kr i 2025", "besparelse Ålesund 10 000 kr i 2026"],
    });
    const c = check({ "file:///ws/a.hfa": shared, "file:///ws/b.hfa": text });
    expect(c.byCode("HFA101"), describeDiagnostics(c.all, c.files)).toEqual([]);
    expect(c.byCode("HFA102")).toEqual([]);
    const balance = c.analysis.agreements[0]!.money.balance!;
    expect(balance.parties.find((p) => p.party === "Ålesund")?.totals.input).toBe(10_000);
    // The declared name's range covers the decomposed source text exactly.
    const decl = c.analysis.symbols.first("municipality", "Ålesund")!;
    expect(shared.slice(decl.name.start, decl.name.end)).toBe("A\u030Alesund");
  });

  it("keywords are reserved: a keyword where a name is expected is a syntax error", () => {
    const c = check({ "file:///a.hfa": `sats til "t" 1 kr per døgn\n` });
    expect(c.byCode("HFA001")).toHaveLength(1);
  });
});

// ------------------------------------------------------------------ comments and strings

describe("comments and strings", () => {
  it("line and block comments are not tokens", () => {
    const result = lex(`// avtale X\nsats /* per døgn */ S "t" 1 kr per døgn // slutt`);
    expect(result.comments.map((c) => c.image)).toEqual(["// avtale X", "/* per døgn */", "// slutt"]);
    expect(result.tokens.map((t) => t.image)).toEqual(["sats", "S", '"t"', "1", "kr", "per", "døgn"]);
    expect(parse(`// avtale X\nsats /* per døgn */ S "t" 1 kr per døgn // slutt`).problems).toEqual([]);
  });

  it("block comments are not nested", () => {
    const result = lex(`/* a /* b */ sats */`);
    expect(result.comments.map((c) => c.image)).toEqual(["/* a /* b */"]);
  });

  it("strings with escapes, spanning lines", () => {
    const decl = rate(`sats S "Kostnad \\"per\\" døgn\n  og \\\\ mer" 1 kr per døgn`);
    expect(decl.title.value).toBe(`Kostnad "per" døgn\n  og \\ mer`);
  });

  it("an unterminated string is reported; what comes before it still parses", () => {
    const text = `sats B "b" 2 kr per døgn\nsats A "uten slutt 1 kr per døgn\n`;
    const parsed = parse(text);
    expect(parsed.problems.some((p) => p.kind === "unterminatedString")).toBe(true);
    expect(parsed.file.declarations.filter((d) => d.kind === "rate").map((d) => d.name.text)).toEqual(["B"]);
    const c = check({ "file:///a.hfa": text });
    const d = c.byCode("HFA001").find((x) => x.message.includes("anførselstegn"));
    expect(d && c.textOf(d)).toBe(`"uten slutt 1 kr per døgn`);
  });

  it("a string missing its closing quote in the middle of an agreement does not hide the other agreements", () => {
    const broken = agreement({ replace: [["videreføring", `videreføring "Stillingene finansieres i partenes ordinære budsjetter fra 2028.`]] });
    const text = SHARED + "\n" + broken + "\n" + agreement({ header: `avtale Andre "Andre avtale" {` });
    expect(() => check({ "file:///a.hfa": text })).not.toThrow();
    expect(parse(text).problems.length).toBeGreaterThan(0);
    expect(agreements(text).map((a) => a.name.text)).toContain("JordmorNordmøre");
  });

  it("an unterminated block comment is reported", () => {
    const text = SPEC_EXAMPLE + "\n/* ingen slutt\navtale X \"x\" {\n}\n";
    const parsed = parse(text);
    expect(parsed.problems.map((p) => p.kind)).toContain("unterminatedComment");
    expect(agreements(text)).toHaveLength(1);
    const c = check({ "file:///a.hfa": text });
    const d = c.byCode("HFA001").find((x) => x.message.includes("*/"));
    expect(d && c.textOf(d)).toBe("/*");
  });
});

// ------------------------------------------------------------------ recovery

describe("recovery (spec §3)", () => {
  it("the spec example parses without problems, every clause in place", () => {
    const parsed = parse(SPEC_EXAMPLE);
    expect(parsed.problems).toEqual([]);
    expect(parsed.file.declarations.map((d) => d.kind)).toEqual(["community", "community", "community", "rate", "scheme", "agreement"]);
    expect(clauseKinds(agreements(SPEC_EXAMPLE)[0]!)).toEqual(SPEC_KINDS);
  });

  it("a broken clause in the middle leaves every other clause parsed", () => {
    const text = SHARED + "\n" + agreement({ replace: [["innsats Kristiansund", "innsats Kristiansund 0,5 årsverk à per år"]] });
    const kinds = clauseKinds(agreements(text)[0]!);
    const expected = [...SPEC_KINDS];
    expected[11] = "incomplete:input";
    expect(kinds).toEqual(expected);
    expect(parse(text).problems).toHaveLength(1);
  });

  it("several broken clauses are each reported, and each leaves the rest", () => {
    const text = agreement({
      replace: [
        ["periode", "periode 2025 til"],
        ["sykehus", "sykehus 42"],
        ["besparelse Averøy", "besparelse Averøy 150 000 kr per år fra"],
      ],
    });
    const kinds = clauseKinds(agreements(text)[0]!);
    expect(kinds.filter((k) => k.startsWith("incomplete"))).toEqual(["incomplete:period", "incomplete:hospital", "incomplete:saving"]);
    expect(kinds).toHaveLength(SPEC_KINDS.length);
    expect(parse(text).problems).toHaveLength(3);
  });

  it("a missing `}` does not swallow the next `avtale`", () => {
    const first = AGREEMENT.replace(/\}\n$/, "");
    const second = agreement({ header: `avtale Andre "Andre avtale" {` });
    const text = SHARED + "\n" + first + "\n" + second;
    const found = agreements(text);
    expect(found.map((a) => a.name.text)).toEqual(["JordmorNordmøre", "Andre"]);
    expect(clauseKinds(found[0]!)).toEqual(SPEC_KINDS);
    expect(clauseKinds(found[1]!)).toEqual(SPEC_KINDS);
    const problems = parse(text).problems;
    expect(problems.map((p) => p.kind)).toEqual(["unclosedBlock"]);
    const c = check({ "file:///a.hfa": text });
    const d = c.one("HFA001");
    expect(d.message).toContain("}");
  });

  it("a `tiltak` missing its `}` ends at the next agreement clause", () => {
    const text = agreement({
      replace: [["tiltak", `tiltak Stillinger "To kombinerte jordmorstillinger" {\n    formål samhandling, rekruttering\n    stilling "Jordmor Averøy" 2 årsverk: HMR 50 %, Averøy 50 %`]],
    });
    const decl = agreements(text)[0]!;
    expect(clauseKinds(decl)).toEqual(SPEC_KINDS);
    const measure = decl.clauses.find((c) => c.kind === "measure");
    expect(measure && measure.kind === "measure" ? measure.items.map((i) => i.kind) : []).toEqual(["measurePurposes", "position"]);
  });

  it("a broken `tiltak` header keeps its items and the rest of the agreement", () => {
    const text = agreement({
      replace: [["tiltak", `tiltak "To kombinerte jordmorstillinger" {\n    formål samhandling, rekruttering\n    stilling "Jordmor Averøy" 2 årsverk: HMR 50 %, Averøy 50 %\n  }`]],
    });
    const decl = agreements(text)[0]!;
    expect(clauseKinds(decl)).toEqual(SPEC_KINDS);
    const measure = decl.clauses.find((c) => c.kind === "measure");
    expect(measure?.kind).toBe("measure");
    if (measure?.kind !== "measure") return;
    expect(measure.items.map((i) => i.kind)).toEqual(["measurePurposes", "position"]);
    expect(parse(text).problems).toHaveLength(1);
  });

  it("garbage between declarations is reported and skipped", () => {
    const text = SHARED + "\n@@ dette er ikke HFA 123 ;; {\n ikke } \n" + AGREEMENT;
    const parsed = parse(text);
    expect(parsed.file.declarations.map((d) => d.kind)).toEqual(["community", "community", "community", "rate", "scheme", "agreement"]);
    expect(clauseKinds(agreements(text)[0]!)).toEqual(SPEC_KINDS);
    expect(parsed.problems.length).toBeGreaterThan(0);
    const c = check({ "file:///a.hfa": text });
    expect(c.byCode("HFA001").length).toBeGreaterThan(0);
    // The agreement is still analysed: the spec's information is there.
    expect(c.byCode("HFA404")).toHaveLength(1);
  });

  it("a misspelt clause keyword is one HFA001 with a suggestion, and the clauses around it stay", () => {
    const text = agreement({ replace: [["videreføring", `videreforing "Stillingene finansieres i partenes ordinære budsjetter fra 2028."`]] });
    const kinds = clauseKinds(agreements(text)[0]!);
    expect(kinds).toEqual(SPEC_KINDS.filter((k) => k !== "continuation"));
    const c = check({ "file:///s.hfa": SHARED, "file:///a.hfa": text });
    const d = c.one("HFA001");
    expect(c.textOf(d)).toBe("videreforing");
    expect(d.message).toContain("«videreføring»");
  });

  it("deeply broken syntax still yields a tree and problems", () => {
    const text = `avtale { { } } helsefellesskap "x" { parter , , } avtale A { periode til til } } } tiltak { formål , }`;
    const parsed = parse(text);
    expect(parsed.problems.length).toBeGreaterThan(0);
    for (const p of parsed.problems) {
      expect(p.start).toBeGreaterThanOrEqual(0);
      expect(p.end).toBeLessThanOrEqual(text.length);
    }
  });
});

// ------------------------------------------------------------------ ranges

describe("ranges of the syntax tree", () => {
  const decl = agreements(SPEC_EXAMPLE)[0]!;

  it("the agreement and its name", () => {
    expect(SPEC_EXAMPLE.slice(decl.start, decl.end)).toBe(AGREEMENT.trimEnd());
    expect(SPEC_EXAMPLE.slice(decl.name.start, decl.name.end)).toBe("JordmorNordmøre");
  });

  it("name references have exact offsets", () => {
    const parties = decl.clauses.find((c) => c.kind === "parties");
    if (parties?.kind !== "parties") throw new Error("no parter");
    const clauseStart = SPEC_EXAMPLE.indexOf("parter HMR, Kristiansund, Averøy");
    expect(parties.start).toBe(clauseStart);
    expect(parties.refs.map((r) => [r.start - clauseStart, r.end - clauseStart, r.text])).toEqual([
      [7, 10, "HMR"],
      [12, 24, "Kristiansund"],
      [26, 32, "Averøy"],
    ]);
  });

  it("every reference the checker records covers its name exactly", () => {
    const c = check({ "file:///s.hfa": SHARED, "file:///a.hfa": AGREEMENT });
    const refs = [...(c.analysis.references.get("file:///a.hfa") ?? [])];
    expect(refs.length).toBeGreaterThan(30);
    for (const ref of refs) expect(AGREEMENT.slice(ref.name.start, ref.name.end)).toBe(ref.name.text);
    expect(refs.filter((r) => r.target === undefined)).toEqual([]);
  });

  it("every clause range starts at its keyword and ends inside the agreement", () => {
    for (const clause of decl.clauses) {
      expect(keywordSpan(clause).start).toBe(clause.start);
      expect(clause.end).toBeLessThanOrEqual(decl.end);
      expect(clause.end).toBeGreaterThan(clause.start);
    }
    const grant = decl.clauses.find((c) => c.kind === "grant");
    if (grant?.kind !== "grant") throw new Error("no tilskudd");
    expect(SPEC_EXAMPLE.slice(grant.start, grant.end)).toBe(
      `tilskudd RST 600 000 kr per år til HMR 50 %, Kristiansund 25 %, Averøy 25 %\n    "Veiledning, hospitering og reiser mellom arbeidsstedene"`,
    );
    expect(SPEC_EXAMPLE.slice(grant.flow.start, grant.flow.end)).toBe("600 000 kr per år");
    expect(grant.shares?.map((s) => SPEC_EXAMPLE.slice(s.start, s.end))).toEqual(["HMR 50 %", "Kristiansund 25 %", "Averøy 25 %"]);
  });

  it("a string's range includes its quotes", () => {
    const purpose = decl.clauses.find((c) => c.kind === "purpose");
    if (purpose?.kind !== "purpose") throw new Error("no formål");
    expect(SPEC_EXAMPLE.slice(purpose.text.start, purpose.text.end)).toMatch(/^"Jordmødre[\s\S]*kvinnen\."$/);
  });
});

describe("lexer start-character hints", () => {
  it("every letter of the Basic Multilingual Plane starts a name", () => {
    const letters: string[] = [];
    for (let code = 0x41; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const ch = String.fromCharCode(code);
      if (/\p{L}/u.test(ch)) letters.push(ch);
    }
    const result = lex(letters.map((ch) => `${ch}x`).join(" "));
    expect(result.problems).toEqual([]);
    expect(result.tokens.length).toBe(letters.length);
  });
});

describe("placeholders and foreign amounts (spec §2, v1.1)", () => {
  const typesOf = (text: string) => lex(text).tokens.map((t) => t.tokenType.name);

  it("`<…>` with a letter on one line is one Placeholder token; without a letter or across a line it is not", () => {
    expect(typesOf("<beløp>")).toEqual(["Placeholder"]);
    expect(typesOf("<første år>")).toEqual(["Placeholder"]);
    expect(lex("<123>").problems.length).toBeGreaterThan(0);
    expect(typesOf("<be\nløp>")).not.toContain("Placeholder");
  });

  it("the tree marks placeholders: names, numbers, years, strings and fixed words", () => {
    const file = parse(`avtale <Navn> "<tittel>" {\n  status <status>\n  periode <første år> til 2027\n  innsats HMR <beløp> kr i 2025\n}\n`).file;
    const decl = file.declarations[0] as AgreementDecl;
    expect(decl.name).toMatchObject({ text: "<Navn>", placeholder: true });
    expect(decl.title).toMatchObject({ value: "<tittel>", placeholder: true });
    const [status, period, input] = decl.clauses as [AgreementClause, AgreementClause, AgreementClause];
    expect(status.kind === "status" && status.value.placeholder).toBe(true);
    expect(period.kind === "period" && period.from.placeholder && !period.to.placeholder).toBe(true);
    expect(input.kind === "input" && input.flow.value.kind === "money" && input.flow.value.money.number.placeholder).toBe(true);
  });

  it("a string holding a `<…>` segment is a placeholder string; `<` and `>` around digits only are not", () => {
    const parsed = parse(`sats A "<hva satsen gjelder>" 1 kr per døgn\nsats B "mellom 2 < 3 > 1" 1 kr per døgn\n`);
    expect(parsed.placeholders).toHaveLength(1);
    expect((parsed.file.declarations[1] as RateDecl).title.placeholder).toBeUndefined();
  });

  it("a long text that opens `<` and never closes it is scanned once (no backtracking regex)", () => {
    const text = `sats A "<${"a".repeat(200_000)}" 1 kr per døgn\n`;
    expect(parse(text).placeholders).toEqual([]);
  });

  it("`1 200 000,- kr`, `kr 1 200 000` and `1,2 MNOK` are amounts with their values, marked foreign", () => {
    for (const [written, amount] of [["1 200 000,- kr", 1_200_000], ["kr 1 200 000", 1_200_000], ["NOK 1 200 000", 1_200_000], ["1,2 MNOK", 1_200_000], ["1,2 millioner kr", 1_200_000], ["1,2 mill kr", 1_200_000]] as const) {
      const parsed = parse(`sats A "A" ${written} per døgn\n`);
      expect(parsed.problems, written).toEqual([]);
      const rate = parsed.file.declarations[0] as RateDecl;
      expect(rate.price.amount, written).toBe(amount);
      expect(rate.price.foreign, written).toBe(true);
    }
    expect((parse(`sats A "A" 1,2 mill. kr per døgn\n`).file.declarations[0] as RateDecl).price.foreign).toBeUndefined();
  });
});
