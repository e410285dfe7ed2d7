/**
 * Syntax problems in words a non-programmer understands (HFA001), numbers
 * in foreign notation (HFA002), dates (HFA003), and percentages and amounts
 * out of range (HFA803).
 */
import type { IToken, TokenType } from "chevrotain";
import type * as Ast from "../../../../grammar/src/ast.js";
import { tokenEnd } from "../../../../grammar/src/clauses.js";
import type { SyntaxProblem } from "../../../../grammar/src/parser.js";
import { readForeignNumber } from "../../../../grammar/src/numbers.js";
import { ForeignNumber, NorwegianDate, DateLiteral } from "../../../../grammar/src/tokens.js";
import { joinAlternatives } from "../i18n.js";
import { MAX_AMOUNT_KR, MAX_QUANTITY } from "../limits.js";
import { closestNames } from "../text.js";
import type { CheckContext } from "./context.js";

const DESCRIPTIONS: Record<string, [string, string]> = {
  year: ["et årstall (2000–2100)", "a year (2000–2100)"],
  Identifier: ["et navn", "a name"],
  name: ["et navn", "a name"],
  StringLiteral: ["en tekst i anførselstegn", "a text in quotes"],
  NumberLiteral: ["et tall", "a number"],
  DateLiteral: ["en dato (ÅÅÅÅ-MM-DD)", "a date (YYYY-MM-DD)"],
  NorwegianDate: ["en dato (ÅÅÅÅ-MM-DD)", "a date (YYYY-MM-DD)"],
  UnitKeyword: ["en enhet (døgn, årsverk, innleggelser, konsultasjoner, timer, pasienter, stk)", "a unit (døgn, årsverk, innleggelser, konsultasjoner, timer, pasienter, stk)"],
  CurrencyKeyword: ["«kr»", '"kr"'],
  HospitalKindKeyword: ["en sykehustype (regionsykehus, stort-akuttsykehus, akuttsykehus, sykehus-uten-akuttfunksjon)", "a hospital kind (regionsykehus, stort-akuttsykehus, akuttsykehus, sykehus-uten-akuttfunksjon)"],
  BodyKeyword: ["et beslutningsorgan (styre, kommunestyre, bystyre, formannskap, delegert)", "a decision body (styre, kommunestyre, bystyre, formannskap, delegert)"],
  StatusKeyword: ["en status (utkast, til-behandling, vedtatt)", "a status (utkast, til-behandling, vedtatt)"],
  OutcomeKeyword: ["et utfall (planlagt, vedtatt, avvist)", "an outcome (planlagt, vedtatt, avvist)"],
  EffectKeyword: ["personellbesparende, nøytral eller personelldrivende", "personellbesparende, nøytral or personelldrivende"],
};

function describe(label: string, locale: "nb" | "en"): string | undefined {
  if (label === "ForeignNumber") return undefined; // a number is already listed
  const known = DESCRIPTIONS[label];
  if (known) return known[locale === "nb" ? 0 : 1];
  const quoted = /^'(.*)'$/.exec(label);
  if (quoted) return locale === "nb" ? `«${quoted[1]}»` : `"${quoted[1]}"`;
  return label;
}

function expectedText(expected: readonly string[], locale: "nb" | "en"): string {
  const described = [...new Set(expected.map((e) => describe(e, locale)).filter((d): d is string => d !== undefined))];
  if (described.length > 8) return locale === "nb" ? `${described.slice(0, 8).join(", ")} eller annet` : `${described.slice(0, 8).join(", ")} or other`;
  return joinAlternatives(described, locale);
}

function quote(text: string, locale: "nb" | "en"): string {
  const short = text.length > 40 ? text.slice(0, 37) + "…" : text;
  return locale === "nb" ? `«${short}»` : `"${short}"`;
}

/**
 * More syntax errors than this in one file means it is not an HFA file (or is
 * binary); listing each would only flood the editor and the CI log.
 */
const MAX_SYNTAX_DIAGNOSTICS = 200;

export function reportSyntax(problems: readonly SyntaxProblem[], ctx: CheckContext): void {
  if (problems.length > MAX_SYNTAX_DIAGNOSTICS) {
    const rest = problems.slice(MAX_SYNTAX_DIAGNOSTICS);
    const first = rest[0]!;
    ctx.report(
      "HFA001",
      { start: first.start, end: first.end },
      ctx.say(
        `… og ${rest.length} syntaksfeil til. Er dette en HFA-fil? Rett feilene over først.`,
        `… and ${rest.length} more syntax errors. Is this an HFA file? Fix the errors above first.`,
      ),
    );
    problems = problems.slice(0, MAX_SYNTAX_DIAGNOSTICS);
  }
  for (const problem of problems) {
    const { locale } = ctx;
    switch (problem.kind) {
      case "unexpected": {
        const where = problem.context ? ctx.say(` i «${problem.context}»`, ` in "${problem.context}"`) : "";
        const expected = expectedText(problem.expected, locale);
        const keywords = problem.expected.filter((e) => /^'[\p{L}]/u.test(e)).map((e) => e.slice(1, -1));
        const suggestion = problem.found && /^[\p{L}_]/u.test(problem.found) ? closestNames(problem.found, keywords, 1)[0] : undefined;
        if (suggestion && suggestion !== problem.found) {
          ctx.report(
            "HFA001",
            problem,
            ctx.say(`Ukjent ord ${quote(problem.found!, locale)}${where}. Mente du «${suggestion}»?`, `Unknown word ${quote(problem.found!, locale)}${where}. Did you mean "${suggestion}"?`),
            { fixes: [{ title: ctx.say(`Endre til «${suggestion}»`, `Change to "${suggestion}"`), edits: [{ start: problem.start, end: problem.end, newText: suggestion }], preferred: true }] },
          );
          break;
        }
        const message =
          problem.found === undefined
            ? ctx.say(`Ufullstendig${where}: her mangler ${expected}.`, `Incomplete${where}: ${expected} is missing here.`)
            : ctx.say(`Forventet ${expected}${where}, men fant ${quote(problem.found, locale)}.`, `Expected ${expected}${where}, but found ${quote(problem.found, locale)}.`);
        ctx.report("HFA001", problem, message);
        break;
      }
      case "strayToken": {
        const suggestion = closestNames(problem.found, problem.clauseKeywords ?? [], 1)[0];
        if (suggestion && /^[\p{L}_]/u.test(problem.found)) {
          ctx.report(
            "HFA001",
            problem,
            ctx.say(
              `Ukjent ord ${quote(problem.found, locale)}. Mente du «${suggestion}»?`,
              `Unknown word ${quote(problem.found, locale)}. Did you mean "${suggestion}"?`,
            ),
            { fixes: [{ title: ctx.say(`Endre til «${suggestion}»`, `Change to "${suggestion}"`), edits: [{ start: problem.start, end: problem.end, newText: suggestion }], preferred: true }] },
          );
          break;
        }
        ctx.report(
          "HFA001",
          problem,
          problem.context
            ? ctx.say(`${quote(problem.found, locale)} hører ikke hjemme her: «${problem.context}»-klausulen er allerede fullstendig.`, `${quote(problem.found, locale)} does not belong here: the "${problem.context}" clause is already complete.`)
            : ctx.say(`${quote(problem.found, locale)} hører ikke hjemme her.`, `${quote(problem.found, locale)} does not belong here.`),
        );
        break;
      }
      case "unknownCharacter":
        ctx.report("HFA001", problem, ctx.say(`Ukjent tegn ${quote(problem.text, locale)}.`, `Unknown character ${quote(problem.text, locale)}.`));
        break;
      case "unterminatedString":
        ctx.report("HFA001", problem, ctx.say("Teksten mangler avsluttende anførselstegn (\").", 'The text has no closing quote (").'));
        break;
      case "unterminatedComment":
        ctx.report("HFA001", problem, ctx.say("Kommentaren /* … mangler avsluttende */.", "The comment /* … has no closing */."));
        break;
      case "unclosedBlock":
        ctx.report("HFA001", problem, ctx.say(`Blokken i «${problem.context}» mangler avsluttende «}».`, `The block of "${problem.context}" has no closing "}".`));
        break;
    }
  }
}

/** The only tokens reportNotation looks at (a parse result hands out just these: `tokensOfTypes`). */
export const NOTATION_TOKEN_TYPES: ReadonlySet<TokenType> = new Set([ForeignNumber, NorwegianDate, DateLiteral]);

/** HFA002 and HFA003, found on the tokens themselves (they are errors wherever they stand). */
export function reportNotation(tokens: readonly IToken[], ctx: CheckContext): void {
  for (const token of tokens) {
    const type = token.tokenType;
    // Most tokens are neither: decide on the type before allocating anything.
    if (type !== ForeignNumber && type !== NorwegianDate && type !== DateLiteral) continue;
    if (type === DateLiteral && isCanonicalDate(token.image)) continue; // what isoOf would return: the image itself
    const span = { start: token.startOffset, end: tokenEnd(token) };
    if (type === ForeignNumber) {
      const { norwegian } = readForeignNumber(token.image);
      ctx.report(
        "HFA002",
        span,
        ctx.say(
          `${token.image} er ikke skrevet på norsk måte. Skriv ${norwegian} (mellomrom mellom tusener, desimalkomma).`,
          `${token.image} is not in Norwegian notation. Write ${norwegian} (space between thousands, decimal comma).`,
        ),
        { fixes: [{ title: ctx.say(`Skriv ${norwegian}`, `Write ${norwegian}`), edits: [{ ...span, newText: norwegian }], preferred: true }] },
      );
    } else if (type === NorwegianDate || type === DateLiteral) {
      const iso = isoOf(token.image, type === NorwegianDate);
      if (type === DateLiteral && iso === token.image) continue;
      if (type === NorwegianDate && iso) {
        ctx.report(
          "HFA003",
          span,
          ctx.say(`Datoer skrives ÅÅÅÅ-MM-DD: skriv ${iso} i stedet for ${token.image}.`, `Dates are written YYYY-MM-DD: write ${iso} instead of ${token.image}.`),
          { fixes: [{ title: ctx.say(`Skriv ${iso}`, `Write ${iso}`), edits: [{ ...span, newText: iso }], preferred: true }] },
        );
      } else if (iso) {
        ctx.report("HFA003", span, ctx.say(`Skriv datoen med to sifre for måned og dag: ${iso}.`, `Write the date with two digits for month and day: ${iso}.`), {
          fixes: [{ title: ctx.say(`Skriv ${iso}`, `Write ${iso}`), edits: [{ ...span, newText: iso }], preferred: true }],
        });
      } else {
        ctx.report("HFA003", span, ctx.say(`${token.image} er ikke en gyldig dato. Skriv en dato som finnes, på formen ÅÅÅÅ-MM-DD.`, `${token.image} is not a valid date. Write a date that exists, in the form YYYY-MM-DD.`));
      }
    }
  }
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `ÅÅÅÅ-MM-DD` with a month and day that exist: `isoOf(text, false) === text`, without building anything. */
function isCanonicalDate(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const digit = (i: number) => {
    const c = text.charCodeAt(i) - 48;
    return c >= 0 && c <= 9 ? c : NaN;
  };
  const y = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const m = digit(5) * 10 + digit(6);
  const d = digit(8) * 10 + digit(9);
  if (!(m >= 1 && m <= 12 && d >= 1)) return false; // NaN fails too
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return y === y && d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!);
}

function isoOf(text: string, norwegian: boolean): string | undefined {
  const parts = norwegian ? text.split(".").reverse() : text.split("-");
  const [y, m, d] = parts.map(Number) as [number, number, number];
  if (!(m >= 1 && m <= 12 && d >= 1)) return undefined;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!;
  if (d > days) return undefined;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function checkPercent(p: Ast.Percent, ctx: CheckContext): void {
  if (p.value < 0 || p.value > 100) {
    ctx.report("HFA803", p, ctx.say(`${String(p.value).replace(".", ",")} % er utenfor 0–100 %.`, `${p.value} % is outside 0–100 %.`));
  }
}

function checkMoney(m: Ast.Money, ctx: CheckContext): void {
  if (m.foreign) {
    const number = m.number.norwegian ?? ctx.text.slice(m.number.start, m.number.end);
    const canonical = `${number} ${m.millions ? "mill. kr" : "kr"}`;
    const written = ctx.text.slice(m.start, m.end);
    ctx.report(
      "HFA002",
      m,
      ctx.say(
        `${written} er ikke skrevet slik HFA skriver beløp. Skriv ${canonical} (tallet først, så «kr» eller «mill. kr»).`,
        `${written} is not how HFA writes amounts. Write ${canonical} (the number first, then "kr" or "mill. kr").`,
      ),
      { fixes: [{ title: ctx.say(`Skriv ${canonical}`, `Write ${canonical}`), edits: [{ start: m.start, end: m.end, newText: canonical }], preferred: true }] },
    );
  }
  if (m.amount <= 0) ctx.report("HFA803", m, ctx.say("Beløpet må være større enn 0 kr. Skriv beløpet partene faktisk regner med.", "The amount must be greater than NOK 0. Write the amount the parties actually expect."));
  else if (!m.number.placeholder && !(m.amount <= MAX_AMOUNT_KR)) {
    ctx.report(
      "HFA803",
      m,
      ctx.say(
        "Beløpet er større enn 1 000 mrd. kr, det største HFA regner med. Skriv beløpet i kroner (f.eks. «850 000 kr») eller i millioner (f.eks. «16,2 mill. kr»).",
        "The amount is above NOK 1,000 billion, the largest HFA computes with. Write it in kroner (e.g. «850 000 kr») or in millions (e.g. «16,2 mill. kr»).",
      ),
    );
  }
}

function checkFlow(f: Ast.Flow, ctx: CheckContext): void {
  const v = f.value;
  if (v.kind === "money") checkMoney(v.money, ctx);
  else {
    if (v.quantity.value <= 0) ctx.report("HFA803", v.quantity, ctx.say("Mengden må være større enn 0.", "The quantity must be greater than 0."));
    else if (!v.quantity.placeholder && !(v.quantity.value <= MAX_QUANTITY)) {
      ctx.report("HFA803", v.quantity, ctx.say("Mengden er større enn 1 000 000, den største HFA regner med. Skriv mengden per år (f.eks. «80 døgn»).", "The quantity is above 1,000,000, the largest HFA computes with. Write the quantity per year (e.g. «80 døgn»)."));
    }
    if (v.price?.kind === "money") checkMoney(v.price.money, ctx);
  }
}

function checkIndicatorPercent(m: Ast.IndicatorClause["from"], ctx: CheckContext): void {
  if (m.suffix?.kind === "percent" && (m.number.value < 0 || m.number.value > 100)) {
    ctx.report("HFA803", m, ctx.say(`${String(m.number.value).replace(".", ",")} % er utenfor 0–100 %.`, `${m.number.value} % is outside 0–100 %.`));
  }
}

/** HFA803 over one file's declarations (module functions and loops, not closures made per file). */
export function reportRanges(file: Ast.FileNode, ctx: CheckContext): void {
  for (const decl of file.declarations) {
    if (decl.kind === "rate") checkMoney(decl.price, ctx);
    else if (decl.kind === "scheme") {
      for (const item of decl.items) {
        if (item.kind === "frame") checkMoney(item.money, ctx);
        else if (item.kind === "distribution") for (const e of item.entries) checkPercent(e.percent, ctx);
      }
    } else if (decl.kind === "agreement") {
      for (const clause of decl.clauses) {
        switch (clause.kind) {
          case "input":
          case "saving":
            checkFlow(clause.flow, ctx);
            break;
          case "grant":
            checkFlow(clause.flow, ctx);
            if (clause.shares) for (const s of clause.shares) checkPercent(s.percent, ctx);
            break;
          case "measure":
            for (const item of clause.items) if (item.kind === "position") for (const s of item.shares) checkPercent(s.percent, ctx);
            break;
          case "balance":
            for (const item of clause.items) if (item.kind === "transfer") checkFlow(item.flow, ctx);
            break;
          case "indicator":
            checkIndicatorPercent(clause.from, ctx);
            checkIndicatorPercent(clause.to, ctx);
            break;
          default:
            break;
        }
      }
    }
  }
}
