/**
 * The Chevrotain grammar of HFA's clauses (spec §3), with embedded actions
 * that build the syntax tree of `ast.ts` directly (no CST: it costs 3–5× in
 * time and memory, and nothing needs it).
 *
 * Every rule here is flat: it parses one declaration header or one clause,
 * never a `{ … }` block. Blocks are handled by the structural driver in
 * `parser.ts`, which splits a block into clause segments by their leading
 * keywords and braces and runs one of these rules per segment. That is what
 * makes recovery exact: an error is confined to its own clause. It also lets
 * completion ask Chevrotain what may follow inside the clause at the cursor
 * (`computeContentAssist`).
 */
import { EmbeddedActionsParser, type IOrAlt, type ISyntacticContentAssistPath, type IToken, type TokenType } from "chevrotain";
import type * as Ast from "./ast.js";
import { interned } from "./intern.js";
import { normalizeName } from "./lexer.js";
import { parseNorwegianNumber, readForeignNumber } from "./numbers.js";
import {
  allTokens,
  BodyKeyword,
  CurrencyKeyword,
  DateLiteral,
  EffectKeyword,
  ForeignNumber,
  HospitalKindKeyword,
  Identifier,
  KW,
  NorwegianDate,
  NumberLiteral,
  OutcomeKeyword,
  PercentSign,
  Placeholder,
  NameToken,
  hasPlaceholderSegment,
  CommaDash,
  Star,
  StatusKeyword,
  StringLiteral,
  Colon,
  Comma,
  UnitKeyword,
} from "./tokens.js";

/** A problem found by a rule's own checks (e.g. a number that is no year). */
export interface RuleProblem {
  readonly start: number;
  readonly end: number;
  readonly expected: string;
}

export const UNIT_BY_SPELLING: Record<string, Ast.Unit> = {
  døgn: "døgn",
  årsverk: "årsverk",
  innleggelse: "innleggelse",
  innleggelser: "innleggelse",
  konsultasjon: "konsultasjon",
  konsultasjoner: "konsultasjon",
  time: "time",
  timer: "time",
  pasient: "pasient",
  pasienter: "pasient",
  stk: "stk",
};

export function tokenEnd(token: IToken): number {
  // `image` is missing on the placeholders Chevrotain hands out while it
  // records the grammar; nothing built then is kept.
  return token.startOffset + (token.image?.length ?? 0);
}

/**
 * Offsets of a token, for the syntax tree, as small integers. While
 * Chevrotain records the grammar it hands the rules a placeholder token whose
 * offsets V8 stores as doubles (its token shape also holds EOF's NaN); one
 * double stored in a span field makes V8 keep that field of *every* span as a
 * boxed double: 16 bytes more per field, and slower to build. `| 0` keeps the
 * fields small integers; real offsets are integers below 2³¹ and unchanged.
 */
function startOf(token: IToken): number {
  return token.startOffset | 0;
}

function endOf(token: IToken): number {
  return startOf(token) + (token.image?.length ?? 0);
}

export function unescapeString(image: string): string {
  const inner = image.endsWith('"') && image.length > 1 ? image.slice(1, -1) : image.slice(1);
  return inner.includes("\\") ? inner.replace(/\\([\s\S])/g, "$1") : inner;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether the day exists (in the proleptic Gregorian calendar). */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  return day <= days;
}

export function isoDate(year: number, month: number, day: number): string | undefined {
  if (!isValidDate(year, month, day)) return undefined;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Words after a number that mean millions of kroner (`1,2 millioner kr`, `1,2 mill kr`, `1,2 MNOK`): HFA002. */
export const MILLION_WORDS: ReadonlySet<string> = new Set(["mill", "millioner", "million", "MNOK", "mnok"]);

/** `kr 1 200 000`, `NOK 1 200 000`: a currency before the number (HFA002). */
export function isCurrencyBefore(token: IToken): boolean {
  const type = token.tokenType;
  return type === KW.kr || type === KW.kroner || (type === Identifier && token.image === "NOK");
}

/**
 * After `til` in a schedule: a year (or a placeholder for one) belongs to the
 * schedule; a name starts a grant's shares (`til HMR 50 %`, `til <part> <andel> %`).
 */
export function isYearAfterTil(next: IToken, after: IToken): boolean {
  return isYearAfterTilTypes(next.tokenType, after.tokenType);
}

/** `isYearAfterTil` by the two tokens' types (the fast rules read types from the token table). */
export function isYearAfterTilTypes(next: TokenType, after: TokenType): boolean {
  if (next === NumberLiteral) return true;
  if (next !== Placeholder) return false;
  return after !== NumberLiteral && after !== ForeignNumber && after !== Placeholder && after !== PercentSign;
}

export class ClauseParser extends EmbeddedActionsParser {
  /** Problems found by the rules' own checks since the last `input` reset. */
  ruleProblems: RuleProblem[] = [];

  // The alternatives of the ORs in the hot rules, built at their first use
  // instead of at every call (Chevrotain's performance guide, "caching arrays
  // of alternatives"). Their closures use nothing but `this`.
  private numberAlternatives?: IOrAlt<Ast.NumberLit>[];
  private dateAlternatives?: IOrAlt<Ast.DateLit>[];
  private valueAlternatives?: IOrAlt<Ast.Value>[];
  private timesAlternatives?: IOrAlt<IToken>[];
  private priceAlternatives?: IOrAlt<Ast.Price>[];
  private scheduleAlternatives?: IOrAlt<Ast.Schedule>[];
  private headerAlternatives?: IOrAlt<IToken>[];
  private suffixAlternatives?: IOrAlt<NonNullable<Ast.IndicatorMeasure["suffix"]>>[];
  private stringAlternatives?: IOrAlt<Ast.StringLit>[];
  private yearAlternatives?: IOrAlt<Ast.YearLit>[];
  private moneyAlternatives?: IOrAlt<Ast.Money>[];
  private moneyUnitAlternatives?: IOrAlt<{ end: number; millions: boolean; foreign: boolean }>[];

  constructor() {
    super(allTokens, { recoveryEnabled: false, maxLookahead: 3, skipValidations: true });
    this.performSelfAnalysis();
  }

  /**
   * What may follow, for completion and HFA001's "expected …": without the
   * forms the grammar reads only to report them (foreign amounts, HFA002) and
   * without placeholders (HFA011), which are never what anyone should type.
   */
  override computeContentAssist(startRuleName: string, precedingInput: IToken[]): ISyntacticContentAssistPath[] {
    const last = precedingInput[precedingInput.length - 1]?.tokenType;
    const afterNumber = last === NumberLiteral || last === ForeignNumber || last === Placeholder || last === KW.mill;
    const suggestions = super
      .computeContentAssist(startRuleName, precedingInput)
      // A name position is asked for as an identifier, as before placeholders existed.
      .map((s) => (s.nextTokenType === NameToken ? { ...s, nextTokenType: Identifier } : s));
    return suggestions.filter((suggestion) => {
      const type = suggestion.nextTokenType;
      if (type === Placeholder || type === CommaDash) return false;
      if (suggestion.ruleStack[suggestion.ruleStack.length - 1] !== "money") return true;
      if (type === Identifier) return false; // `NOK 1 200 000`, `1,2 MNOK`
      return afterNumber || !(type === KW.kr || type === KW.kroner || type === CurrencyKeyword); // `kr 1 200 000`
    });
  }

  // ------------------------------------------------------------ terminals

  private tok(token: IToken): Ast.Span {
    return { start: startOf(token), end: endOf(token) };
  }

  private readonly name = this.RULE("name", (): Ast.Name => {
    const token = this.CONSUME(NameToken);
    return token.tokenType === Placeholder
      ? { start: startOf(token), end: endOf(token), text: token.image, placeholder: true as const }
      : { start: startOf(token), end: endOf(token), text: interned(normalizeName(token.image)) };
  });

  private readonly string = this.RULE("string", (): Ast.StringLit => {
    return this.OR((this.stringAlternatives ??= [
      {
        ALT: () => {
          const token = this.CONSUME(StringLiteral);
          const value = unescapeString(token.image);
          // `"<beskriv …>"`: a placeholder string (spec §2).
          return hasPlaceholderSegment(value)
            ? { start: startOf(token), end: endOf(token), value, placeholder: true as const }
            : { start: startOf(token), end: endOf(token), value };
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME(Placeholder);
          return { start: startOf(token), end: endOf(token), value: token.image, placeholder: true as const };
        },
      },
    ]));
  });

  /** A fixed word of `category` (a status, a body …) or a placeholder for it. */
  private fixedWord<T extends string>(token: IToken): Ast.Keyword<T> {
    const span = { start: startOf(token), end: endOf(token) };
    return token.tokenType === Placeholder
      ? { ...span, value: token.image as T, placeholder: true as const }
      : { ...span, value: normalizeName(token.image) as T };
  }

  private readonly number = this.RULE("number", (): Ast.NumberLit => {
    return this.OR((this.numberAlternatives ??= [
      {
        ALT: () => {
          const token = this.CONSUME(NumberLiteral);
          return { start: startOf(token), end: endOf(token), value: parseNorwegianNumber(token.image) };
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME(ForeignNumber);
          const foreign = readForeignNumber(token.image);
          return { start: startOf(token), end: endOf(token), value: foreign.value, norwegian: foreign.norwegian };
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME(Placeholder);
          return { start: startOf(token), end: endOf(token), value: Number.NaN, placeholder: true as const };
        },
      },
    ]));
  });

  private readonly year = this.RULE("year", (): Ast.YearLit => {
    return this.OR((this.yearAlternatives ??= [
      {
        ALT: () => {
          const token = this.CONSUME(NumberLiteral, { LABEL: "year" });
          const start = startOf(token);
          const end = endOf(token);
          this.ACTION(() => {
            if (!/^\d{4}$/.test(token.image) || Number(token.image) < 2000 || Number(token.image) > 2100) {
              this.ruleProblems.push({ start, end, expected: "year" });
            }
          });
          return { start, end, value: Number(token.image) };
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME(Placeholder);
          return { start: startOf(token), end: endOf(token), value: Number.NaN, placeholder: true as const };
        },
      },
    ]));
  });

  private readonly date = this.RULE("date", (): Ast.DateLit => {
    return this.OR((this.dateAlternatives ??= [
      {
        ALT: () => {
          const token = this.CONSUME(DateLiteral);
          const [y, m, d] = token.image.split("-").map(Number) as [number, number, number];
          const iso = token.image.length === 10 ? isoDate(y, m, d) : undefined;
          return { start: startOf(token), end: endOf(token), text: token.image, iso, norwegianForm: false };
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME(NorwegianDate);
          const [d, m, y] = token.image.split(".").map(Number) as [number, number, number];
          return { start: startOf(token), end: endOf(token), text: token.image, iso: isoDate(y, m, d), norwegianForm: true };
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME(Placeholder);
          return { start: startOf(token), end: endOf(token), text: token.image, norwegianForm: false, placeholder: true as const };
        },
      },
    ]));
  });

  private readonly unit = this.RULE("unit", (): Ast.UnitLit => {
    const token = this.CONSUME(UnitKeyword);
    return { start: startOf(token), end: endOf(token), unit: UNIT_BY_SPELLING[normalizeName(token.image)] ?? "stk" };
  });

  /**
   * `<number> kr`, `<number> mill. kr`; and the ways amounts are written
   * elsewhere (`kr 1 200 000`, `NOK 1 200 000`, `1,2 millioner kr`,
   * `1,2 mill kr`, `1,2 MNOK`, `1 200 000,- kr`), read with their value and
   * marked `foreign` so that they are HFA002 with a fix, not a syntax error.
   */
  private readonly money = this.RULE("money", (): Ast.Money => {
    return this.OR((this.moneyAlternatives ??= [
      {
        GATE: () => isCurrencyBefore(this.LA(1)),
        ALT: () => {
          const currency = this.OR2([{ ALT: () => this.CONSUME(CurrencyKeyword) }, { ALT: () => this.CONSUME(Identifier) }]);
          const number = this.SUBRULE(this.number);
          return { start: startOf(currency), end: number.end, number, millions: false, amount: number.value, foreign: true as const };
        },
      },
      {
        ALT: () => {
          const number = this.SUBRULE2(this.number);
          const unit = this.OR3((this.moneyUnitAlternatives ??= [
            {
              ALT: () => {
                const millions = this.OPTION(() => this.CONSUME(KW.mill)) !== undefined;
                const currency = this.CONSUME2(CurrencyKeyword);
                return { end: endOf(currency), millions, foreign: false };
              },
            },
            {
              // `mill`, `millioner`, `MNOK`
              GATE: () => MILLION_WORDS.has(this.LA(1).image ?? ""),
              ALT: () => {
                const word = this.CONSUME2(Identifier);
                const currency = this.OPTION2(() => this.CONSUME3(CurrencyKeyword));
                return { end: endOf(currency ?? word), millions: true, foreign: true };
              },
            },
            {
              ALT: () => {
                const dash = this.CONSUME(CommaDash);
                const currency = this.OPTION3(() => this.CONSUME4(CurrencyKeyword));
                return { end: endOf(currency ?? dash), millions: false, foreign: true };
              },
            },
          ]));
          const amount = unit.millions ? Math.round(number.value * 1_000_000 * 100) / 100 : number.value;
          return unit.foreign
            ? { start: number.start, end: unit.end, number, millions: unit.millions, amount, foreign: true as const }
            : { start: number.start, end: unit.end, number, millions: unit.millions, amount };
        },
      },
    ]));
  });

  private readonly percent = this.RULE("percent", (): Ast.Percent => {
    const number = this.SUBRULE(this.number);
    const sign = this.CONSUME(PercentSign);
    return { start: number.start, end: endOf(sign), value: number.value, number };
  });

  private readonly share = this.RULE("share", (): Ast.Share => {
    const party = this.SUBRULE(this.name);
    const percent = this.SUBRULE(this.percent);
    return { start: party.start, end: percent.end, party, percent };
  });

  private readonly shareList = this.RULE("shareList", (): Ast.Share[] => {
    const shares: Ast.Share[] = [];
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => shares.push(this.SUBRULE(this.share)) });
    return shares;
  });

  /**
   * Names separated by commas. `og` between two names (`parter SiV og
   * Holmestand`) is read as a separator too and recorded, so that the
   * analysis can say to use a comma *and* still resolve the name after it.
   */
  private readonly nameList = this.RULE("nameList", (): { names: Ast.Name[]; ands: Ast.Span[] } => {
    const names: Ast.Name[] = [this.SUBRULE(this.name)];
    const ands: Ast.Span[] = [];
    this.MANY({
      GATE: () => {
        const next = this.LA(1);
        if (next.tokenType === Comma) return true;
        const after = this.LA(2).tokenType;
        return next.tokenType === Identifier && next.image === "og" && (after === Identifier || after === Placeholder);
      },
      DEF: () => {
        this.OR([
          { ALT: () => this.CONSUME(Comma) },
          {
            ALT: () => {
              const og = this.CONSUME(Identifier);
              ands.push(this.tok(og));
            },
          },
        ]);
        names.push(this.SUBRULE2(this.name));
      },
    });
    return { names, ands };
  });

  private readonly value = this.RULE("value", (): Ast.Value => {
    return this.OR((this.valueAlternatives ??= [
      {
        // Money: a number followed by `kr` or `mill.`
        GATE: () => {
          const next = this.LA(2);
          const type = next.tokenType;
          return (
            type === KW.mill ||
            type === KW.kr ||
            type === KW.kroner ||
            type === CommaDash ||
            (type === Identifier && MILLION_WORDS.has(next.image)) ||
            isCurrencyBefore(this.LA(1))
          );
        },
        ALT: () => {
          const money = this.SUBRULE(this.money);
          return { kind: "money" as const, money, start: money.start, end: money.end };
        },
      },
      {
        ALT: () => {
          const quantity = this.SUBRULE2(this.number);
          const unit = this.SUBRULE(this.unit);
          let end = unit.end;
          let times: Ast.Keyword<"à" | "*"> | undefined;
          let price: Ast.Price | undefined;
          this.OPTION2(() => {
            const op = this.OR2((this.timesAlternatives ??= [{ ALT: () => this.CONSUME(KW.aa) }, { ALT: () => this.CONSUME(Star) }]));
            times = { start: startOf(op), end: endOf(op), value: op.tokenType === Star ? "*" : "à" };
            price = this.OR3((this.priceAlternatives ??= [
              {
                ALT: () => {
                  const money = this.SUBRULE2(this.money);
                  return { kind: "money" as const, money };
                },
              },
              { ALT: () => ({ kind: "rate" as const, ref: this.SUBRULE(this.name) }) },
            ]));
            this.ACTION(() => {
              end = price!.kind === "money" ? price!.money.end : price!.ref.end;
            });
          });
          return { kind: "quantity" as const, quantity, unit, times, price, start: quantity.start, end };
        },
      },
    ]));
  });

  private readonly schedule = this.RULE("schedule", (): Ast.Schedule => {
    return this.OR((this.scheduleAlternatives ??= [
      {
        ALT: () => {
          const per = this.CONSUME(KW.per);
          const aar = this.CONSUME(KW.aar);
          let end = endOf(aar);
          let from: Ast.YearLit | undefined;
          let to: Ast.YearLit | undefined;
          this.OPTION(() => {
            this.CONSUME(KW.fra);
            from = this.SUBRULE(this.year);
            end = from.end;
          });
          // `til` + year belongs to the schedule; `til` + name starts a grant's shares.
          this.OPTION2({
            GATE: () => isYearAfterTil(this.LA(2), this.LA(3)),
            DEF: () => {
              this.CONSUME(KW.til);
              to = this.SUBRULE2(this.year);
              end = to.end;
            },
          });
          return { kind: "yearly" as const, from, to, start: startOf(per), end };
        },
      },
      {
        ALT: () => {
          const i = this.CONSUME(KW.i);
          const year = this.SUBRULE3(this.year);
          return { kind: "once" as const, year, start: startOf(i), end: year.end };
        },
      },
    ]));
  });

  private readonly flow = this.RULE("flow", (): Ast.Flow => {
    const value = this.SUBRULE(this.value);
    const schedule = this.SUBRULE(this.schedule);
    return { value, schedule, start: value.start, end: schedule.end };
  });

  private readonly optionalString = this.RULE("optionalString", (): Ast.StringLit | undefined => {
    return this.OPTION(() => this.SUBRULE(this.string));
  });

  // ------------------------------------------------------------ declarations (headers and items)

  /** `helsefellesskap Id String`, `tilskudd Id String`, `avtale Id String`, `helseforetak Id String`, `tiltak Id String`. */
  readonly blockHeader = this.RULE("blockHeader", (): { name: Ast.Name; title: Ast.StringLit } => {
    this.OR((this.headerAlternatives ??= [
      { ALT: () => this.CONSUME(KW.helsefellesskap) },
      { ALT: () => this.CONSUME(KW.tilskudd) },
      { ALT: () => this.CONSUME(KW.avtale) },
      { ALT: () => this.CONSUME(KW.helseforetak) },
      { ALT: () => this.CONSUME(KW.tiltak) },
    ]));
    const name = this.SUBRULE(this.name);
    const title = this.SUBRULE(this.string);
    return { name, title };
  });

  readonly regionItem = this.RULE("regionItem", (): Ast.RegionItem => {
    const kw = this.CONSUME(KW.region);
    const value = this.SUBRULE(this.string);
    return { kind: "region", value, start: startOf(kw), end: value.end };
  });

  readonly hospitalItem = this.RULE("hospitalItem", (): Ast.HospitalDecl => {
    const kw = this.CONSUME(KW.sykehus);
    const name = this.SUBRULE(this.name);
    const title = this.SUBRULE(this.string);
    const kind = this.OR([{ ALT: () => this.CONSUME(HospitalKindKeyword) }, { ALT: () => this.CONSUME(Placeholder) }]);
    return {
      kind: "hospital",
      name,
      title,
      hospitalKind: this.fixedWord<Ast.HospitalKind>(kind),
      start: startOf(kw),
      end: endOf(kind),
    };
  });

  readonly municipalityItem = this.RULE("municipalityItem", (): Ast.MunicipalityDecl => {
    const kw = this.CONSUME(KW.kommune);
    const name = this.SUBRULE(this.name);
    const title = this.SUBRULE(this.string);
    const number = this.OPTION(() => {
      this.CONSUME(KW.nr);
      return this.SUBRULE2(this.string);
    });
    return { kind: "municipality", name, title, number, start: startOf(kw), end: (number ?? title).end };
  });

  readonly groupItem = this.RULE("groupItem", (): Ast.GroupDecl => {
    const kw = this.CONSUME(KW.gruppe);
    const name = this.SUBRULE(this.name);
    const title = this.SUBRULE(this.string);
    return { kind: "group", name, title, start: startOf(kw), end: title.end };
  });

  readonly rateDecl = this.RULE("rateDecl", (): Ast.RateDecl => {
    const kw = this.CONSUME(KW.sats);
    const name = this.SUBRULE(this.name);
    const title = this.SUBRULE(this.string);
    const price = this.SUBRULE(this.money);
    this.CONSUME(KW.per);
    const unit = this.SUBRULE(this.unit);
    const source = this.OPTION(() => {
      this.CONSUME(KW.kilde);
      return this.SUBRULE2(this.string);
    });
    return { kind: "rate", name, title, price, unit, source, start: startOf(kw), end: (source ?? unit).end };
  });

  readonly frameItem = this.RULE("frameItem", (): Ast.FrameItem => {
    const kw = this.CONSUME(KW.ramme);
    const year = this.SUBRULE(this.year);
    const money = this.SUBRULE(this.money);
    return { kind: "frame", year, money, start: startOf(kw), end: money.end };
  });

  readonly distributionEntry = this.RULE("distributionEntry", (): Ast.DistributionEntry => {
    const community = this.SUBRULE(this.name);
    const percent = this.SUBRULE(this.percent);
    return { community, percent, start: community.start, end: percent.end };
  });

  // ------------------------------------------------------------ agreement clauses

  readonly communityClause = this.RULE("communityClause", (): Ast.CommunityClause => {
    const kw = this.CONSUME(KW.helsefellesskap);
    const ref = this.SUBRULE(this.name);
    return { kind: "community", keywordEnd: endOf(kw), ref, start: startOf(kw), end: ref.end };
  });

  readonly partiesClause = this.RULE("partiesClause", (): Ast.PartiesClause => {
    const kw = this.CONSUME(KW.parter);
    // While Chevrotain records the grammar, SUBRULE returns a stand-in without fields.
    const list = this.SUBRULE(this.nameList);
    const refs = list?.names ?? [];
    const ands = list?.ands ?? [];
    return { kind: "parties", keywordEnd: endOf(kw), refs, ands, start: startOf(kw), end: refs[refs.length - 1]?.end ?? endOf(kw) };
  });

  readonly periodClause = this.RULE("periodClause", (): Ast.PeriodClause => {
    const kw = this.CONSUME(KW.periode);
    const from = this.SUBRULE(this.year);
    this.CONSUME(KW.til);
    const to = this.SUBRULE2(this.year);
    return { kind: "period", keywordEnd: endOf(kw), from, to, start: startOf(kw), end: to.end };
  });

  readonly statusClause = this.RULE("statusClause", (): Ast.StatusClause => {
    const kw = this.CONSUME(KW.status);
    const value = this.OR([{ ALT: () => this.CONSUME(StatusKeyword) }, { ALT: () => this.CONSUME(Placeholder) }]);
    return {
      kind: "status",
      keywordEnd: endOf(kw),
      value: this.fixedWord<Ast.AgreementStatus>(value),
      start: startOf(kw),
      end: endOf(value),
    };
  });

  readonly hospitalClause = this.RULE("hospitalClause", (): Ast.HospitalClause => {
    const kw = this.CONSUME(KW.sykehus);
    const ref = this.SUBRULE(this.name);
    return { kind: "hospital", keywordEnd: endOf(kw), ref, start: startOf(kw), end: ref.end };
  });

  readonly targetGroupClause = this.RULE("targetGroupClause", (): Ast.TargetGroupClause => {
    const kw = this.CONSUME(KW.maalgruppe);
    // While Chevrotain records the grammar, SUBRULE returns a stand-in without fields.
    const list = this.SUBRULE(this.nameList);
    const refs = list?.names ?? [];
    const ands = list?.ands ?? [];
    return { kind: "targetGroups", keywordEnd: endOf(kw), refs, ands, start: startOf(kw), end: refs[refs.length - 1]?.end ?? endOf(kw) };
  });

  readonly purposeClause = this.RULE("purposeClause", (): Ast.PurposeClause => {
    const kw = this.CONSUME(KW.formaal);
    const purpose = this.SUBRULE(this.name);
    const text = this.SUBRULE(this.string);
    return { kind: "purpose", keywordEnd: endOf(kw), purpose, text, start: startOf(kw), end: text.end };
  });

  readonly inputClause = this.RULE("inputClause", (): Ast.InputClause => {
    const kw = this.CONSUME(KW.innsats);
    const party = this.SUBRULE(this.name);
    const flow = this.SUBRULE(this.flow);
    const note = this.SUBRULE(this.optionalString);
    return { kind: "input", keywordEnd: endOf(kw), party, flow, note, start: startOf(kw), end: (note ?? flow).end };
  });

  readonly grantClause = this.RULE("grantClause", (): Ast.GrantClause => {
    const kw = this.CONSUME(KW.tilskudd);
    const scheme = this.SUBRULE(this.name);
    const flow = this.SUBRULE(this.flow);
    const shares = this.OPTION(() => {
      this.CONSUME(KW.til);
      return this.SUBRULE(this.shareList);
    });
    const note = this.SUBRULE(this.optionalString);
    const end = note?.end ?? shares?.[shares.length - 1]?.end ?? flow.end;
    return { kind: "grant", keywordEnd: endOf(kw), scheme, flow, shares, note, start: startOf(kw), end };
  });

  readonly savingClause = this.RULE("savingClause", (): Ast.SavingClause => {
    const kw = this.CONSUME(KW.besparelse);
    const party = this.SUBRULE(this.name);
    const flow = this.SUBRULE(this.flow);
    const note = this.SUBRULE(this.optionalString);
    return { kind: "saving", keywordEnd: endOf(kw), party, flow, note, start: startOf(kw), end: (note ?? flow).end };
  });

  /** `balanse` before its block. */
  readonly balanceHeader = this.RULE("balanceHeader", (): Ast.Span => this.tok(this.CONSUME(KW.balanse)));

  /** `fordeling` before its block. */
  readonly distributionHeader = this.RULE("distributionHeader", (): Ast.Span => this.tok(this.CONSUME(KW.fordeling)));

  readonly continuationClause = this.RULE("continuationClause", (): Ast.ContinuationClause => {
    const kw = this.CONSUME(KW.videreforing);
    const text = this.SUBRULE(this.string);
    return { kind: "continuation", keywordEnd: endOf(kw), text, start: startOf(kw), end: text.end };
  });

  private readonly indicatorMeasure = this.RULE("indicatorMeasure", (): Ast.IndicatorMeasure => {
    const number = this.SUBRULE(this.number);
    const suffix = this.OPTION(() =>
      this.OR((this.suffixAlternatives ??= [
        {
          ALT: () => {
            const sign = this.CONSUME(PercentSign);
            return { kind: "percent" as const, start: startOf(sign), end: endOf(sign) };
          },
        },
        {
          ALT: () => {
            const unit = this.SUBRULE(this.unit);
            return { kind: "unit" as const, unit: unit.unit, start: unit.start, end: unit.end };
          },
        },
      ])),
    );
    return { number, suffix, start: number.start, end: suffix?.end ?? number.end };
  });

  readonly indicatorClause = this.RULE("indicatorClause", (): Ast.IndicatorClause => {
    const kw = this.CONSUME(KW.indikator);
    const text = this.SUBRULE(this.string);
    this.CONSUME(KW.fra);
    const from = this.SUBRULE(this.indicatorMeasure);
    this.CONSUME(KW.til);
    const to = this.SUBRULE2(this.indicatorMeasure);
    const by = this.OPTION(() => {
      this.CONSUME(KW.innen);
      return this.SUBRULE(this.year);
    });
    return { kind: "indicator", keywordEnd: endOf(kw), text, from, to, by, start: startOf(kw), end: (by ?? to).end };
  });

  readonly decisionClause = this.RULE("decisionClause", (): Ast.DecisionClause => {
    const kw = this.CONSUME(KW.behandling);
    const party = this.SUBRULE(this.name);
    const body = this.OR([{ ALT: () => this.CONSUME(BodyKeyword) }, { ALT: () => this.CONSUME(Placeholder) }]);
    const date = this.SUBRULE(this.date);
    const outcome = this.OPTION(() => {
      const token = this.OR2([{ ALT: () => this.CONSUME(OutcomeKeyword) }, { ALT: () => this.CONSUME2(Placeholder) }]);
      return this.fixedWord<Ast.DecisionOutcome>(token);
    });
    return {
      kind: "decision",
      keywordEnd: endOf(kw),
      party,
      body: this.fixedWord<Ast.DecisionBody>(body),
      date,
      outcome,
      start: startOf(kw),
      end: (outcome ?? date).end,
    };
  });

  readonly personnelEffectClause = this.RULE("personnelEffectClause", (): Ast.PersonnelEffectClause => {
    const kw = this.CONSUME(KW.personelleffekt);
    const value = this.OR([{ ALT: () => this.CONSUME(EffectKeyword) }, { ALT: () => this.CONSUME(Placeholder) }]);
    const text = this.SUBRULE(this.optionalString);
    return {
      kind: "personnelEffect",
      keywordEnd: endOf(kw),
      value: this.fixedWord<Ast.PersonnelEffect>(value),
      text,
      start: startOf(kw),
      end: text?.end ?? endOf(value),
    };
  });

  // ------------------------------------------------------------ measure and balance items

  readonly measurePurposesItem = this.RULE("measurePurposesItem", (): Ast.MeasurePurposesItem => {
    const kw = this.CONSUME(KW.formaal);
    // While Chevrotain records the grammar, SUBRULE returns a stand-in without fields.
    const list = this.SUBRULE(this.nameList);
    const refs = list?.names ?? [];
    const ands = list?.ands ?? [];
    return { kind: "measurePurposes", keywordEnd: endOf(kw), refs, ands, start: startOf(kw), end: refs[refs.length - 1]?.end ?? endOf(kw) };
  });

  readonly positionItem = this.RULE("positionItem", (): Ast.PositionItem => {
    const kw = this.CONSUME(KW.stilling);
    const title = this.SUBRULE(this.string);
    const fte = this.SUBRULE(this.number);
    this.CONSUME(KW.aarsverk);
    this.CONSUME(Colon);
    const shares = this.SUBRULE(this.shareList);
    return { kind: "position", keywordEnd: endOf(kw), title, fte, shares, start: startOf(kw), end: shares[shares.length - 1]?.end ?? fte.end };
  });

  readonly descriptionItem = this.RULE("descriptionItem", (): Ast.DescriptionItem => {
    const kw = this.CONSUME(KW.beskrivelse);
    const text = this.SUBRULE(this.string);
    return { kind: "description", keywordEnd: endOf(kw), text, start: startOf(kw), end: text.end };
  });

  readonly horizonItem = this.RULE("horizonItem", (): Ast.HorizonItem => {
    const kw = this.CONSUME(KW.horisont);
    const year = this.SUBRULE(this.year);
    return { kind: "horizon", keywordEnd: endOf(kw), year, start: startOf(kw), end: year.end };
  });

  readonly transferItem = this.RULE("transferItem", (): Ast.TransferItem => {
    const kw = this.CONSUME(KW.overforing);
    const from = this.SUBRULE(this.name);
    this.CONSUME(KW.til);
    const to = this.SUBRULE2(this.name);
    const flow = this.SUBRULE(this.flow);
    const note = this.SUBRULE(this.optionalString);
    return { kind: "transfer", keywordEnd: endOf(kw), from, to, flow, note, start: startOf(kw), end: (note ?? flow).end };
  });

  readonly justificationItem = this.RULE("justificationItem", (): Ast.JustificationItem => {
    const kw = this.CONSUME(KW.begrunnelse);
    const text = this.SUBRULE(this.string);
    return { kind: "justification", keywordEnd: endOf(kw), text, start: startOf(kw), end: text.end };
  });
}

let shared: ClauseParser | undefined;

/** The one parser instance: Chevrotain parsers are reusable and costly to build. */
export function clauseParser(): ClauseParser {
  shared ??= new ClauseParser();
  return shared;
}

export type ClauseRuleName =
  | "blockHeader"
  | "regionItem"
  | "hospitalItem"
  | "municipalityItem"
  | "groupItem"
  | "rateDecl"
  | "frameItem"
  | "distributionEntry"
  | "distributionHeader"
  | "communityClause"
  | "partiesClause"
  | "periodClause"
  | "statusClause"
  | "hospitalClause"
  | "targetGroupClause"
  | "purposeClause"
  | "inputClause"
  | "grantClause"
  | "savingClause"
  | "balanceHeader"
  | "continuationClause"
  | "indicatorClause"
  | "decisionClause"
  | "personnelEffectClause"
  | "measurePurposesItem"
  | "positionItem"
  | "descriptionItem"
  | "horizonItem"
  | "transferItem"
  | "justificationItem";

export type { TokenType };
