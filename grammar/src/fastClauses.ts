/**
 * The clause rules of `clauses.ts` for well-formed clauses, by hand.
 *
 * Chevrotain's per-rule machinery (reset, sentinels, try/finally, lookahead
 * functions, one-token sub-rules) was most of the parse time. This recursive
 * descent over the same token segment builds the same syntax tree (the same
 * fields, in the same order) for a clause that parses cleanly, and gives up
 * (undefined) at the first thing that is not: a token the rule does not
 * accept there, a year out of range, tokens left over, a choice it does not
 * make with certainty. The driver then runs the Chevrotain rule, so every
 * problem, expected-token list and recovery is Chevrotain's, as before.
 *
 * Every choice mirrors the Chevrotain rule's lookahead (first tokens, then the
 * rule's GATE); where the two alternatives of an OR share a first token and
 * the fast path cannot be sure which one Chevrotain takes, it gives up.
 * tests/fast-paths.test.ts parses the samples, generated workspaces and
 * thousands of mutations both ways and requires identical results.
 */
import { EOF, type IToken, type TokenType } from "chevrotain";
import type * as Ast from "./ast.js";
import {
  isCurrencyBefore,
  isoDate,
  isYearAfterTil,
  MILLION_WORDS,
  unescapeString,
  UNIT_BY_SPELLING,
  type ClauseRuleName,
} from "./clauses.js";
import { fitted, settled } from "./fitted.js";
import { interned, internedName } from "./intern.js";
import { normalizeName } from "./lexer.js";
import { parseNorwegianNumber, readForeignNumber } from "./numbers.js";
import {
  BodyKeyword,
  Colon,
  Comma,
  CommaDash,
  CurrencyKeyword,
  DateLiteral,
  EffectKeyword,
  ForeignNumber,
  hasPlaceholderSegment,
  HospitalKindKeyword,
  Identifier,
  keywordTokens,
  KW,
  NorwegianDate,
  NumberLiteral,
  OutcomeKeyword,
  PercentSign,
  Placeholder,
  Star,
  StatusKeyword,
  StringLiteral,
  UnitKeyword,
} from "./tokens.js";

/** The keyword types of a category (the lexer types every word by one map lookup; categories are flat). */
function members(category: TokenType): ReadonlySet<TokenType> {
  return new Set(keywordTokens.filter((type) => type.CATEGORIES?.includes(category) === true));
}

const UNITS = members(UnitKeyword);
const CURRENCIES = members(CurrencyKeyword);
const STATUSES = members(StatusKeyword);
const OUTCOMES = members(OutcomeKeyword);
const BODIES = members(BodyKeyword);
const EFFECTS = members(EffectKeyword);
const HOSPITAL_KINDS = members(HospitalKindKeyword);
const HEADER_KEYWORDS: ReadonlySet<TokenType> = new Set([KW.helsefellesskap, KW.tilskudd, KW.avtale, KW.helseforetak, KW.tiltak]);

/**
 * What Chevrotain's LA() returns past the end of its input. Its fields are
 * in another order than the lexer's tokens on purpose: an object of the same
 * shape holding NaN makes V8 store `startOffset` of *every* token as a boxed
 * double, and the syntax tree's spans, built from them, too (16 bytes more a
 * field: 6,9 MB of heap per MB of source).
 */
const END: IToken = { tokenType: EOF, tokenTypeIdx: EOF.tokenTypeIdx!, image: "", startOffset: Number.NaN } as IToken;

const isNumberStart = (type: TokenType) => type === NumberLiteral || type === ForeignNumber || type === Placeholder;
const isName = (type: TokenType) => type === Identifier || type === Placeholder;
const isString = (type: TokenType) => type === StringLiteral || type === Placeholder;

const endOf = (token: IToken) => token.startOffset + token.image.length;

/** The number the ASCII digits text[start, end) write (a date's field). */
function digitsAt(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

type Unfinished = undefined;

const NO_TOKENS: readonly IToken[] = [];

export class FastClauses {
  private tokens: readonly IToken[] = NO_TOKENS;
  private pos = 0;
  private end = 0;

  /** The rule's result for tokens [from, to), or undefined where Chevrotain must parse it. */
  run(rule: ClauseRuleName, tokens: readonly IToken[], from: number, to: number): unknown {
    this.tokens = tokens;
    this.pos = from;
    this.end = to;
    const result = this.rule(rule);
    const complete = result !== undefined && this.pos === to;
    this.tokens = NO_TOKENS; // not kept alive between files
    return complete ? result : undefined;
  }

  private rule(rule: ClauseRuleName): unknown {
    switch (rule) {
      case "blockHeader":
        return this.blockHeader();
      case "regionItem":
        return this.regionItem();
      case "hospitalItem":
        return this.hospitalItem();
      case "municipalityItem":
        return this.municipalityItem();
      case "groupItem":
        return this.groupItem();
      case "rateDecl":
        return this.rateDecl();
      case "frameItem":
        return this.frameItem();
      case "distributionEntry":
        return this.distributionEntry();
      case "distributionHeader":
        return this.keywordOnly(KW.fordeling);
      case "communityClause":
        return this.communityClause();
      case "partiesClause":
        return this.listClause(KW.parter, "parties");
      case "periodClause":
        return this.periodClause();
      case "statusClause":
        return this.statusClause();
      case "hospitalClause":
        return this.hospitalClause();
      case "targetGroupClause":
        return this.listClause(KW.maalgruppe, "targetGroups");
      case "purposeClause":
        return this.purposeClause();
      case "inputClause":
        return this.partyFlowClause(KW.innsats, "input");
      case "grantClause":
        return this.grantClause();
      case "savingClause":
        return this.partyFlowClause(KW.besparelse, "saving");
      case "balanceHeader":
        return this.keywordOnly(KW.balanse);
      case "continuationClause":
        return this.textClause(KW.videreforing, "continuation");
      case "indicatorClause":
        return this.indicatorClause();
      case "decisionClause":
        return this.decisionClause();
      case "personnelEffectClause":
        return this.personnelEffectClause();
      case "measurePurposesItem":
        return this.listClause(KW.formaal, "measurePurposes");
      case "positionItem":
        return this.positionItem();
      case "descriptionItem":
        return this.textClause(KW.beskrivelse, "description");
      case "horizonItem":
        return this.horizonItem();
      case "transferItem":
        return this.transferItem();
      case "justificationItem":
        return this.textClause(KW.begrunnelse, "justification");
    }
  }

  // ------------------------------------------------------------ tokens

  /** The k-th token ahead (1 = next), END past the segment, as Chevrotain's LA. */
  private la(k: number): IToken {
    const index = this.pos + k - 1;
    return index < this.end ? this.tokens[index]! : END;
  }

  /** Consumes the next token if it is of `type`. */
  private take(type: TokenType): IToken | Unfinished {
    const token = this.la(1);
    if (token.tokenType !== type) return undefined;
    this.pos++;
    return token;
  }

  /** Consumes the next token if its type is in `types`. */
  private takeOf(types: ReadonlySet<TokenType>): IToken | Unfinished {
    const token = this.la(1);
    if (!types.has(token.tokenType)) return undefined;
    this.pos++;
    return token;
  }

  private span(token: IToken): Ast.Span {
    return { start: token.startOffset, end: endOf(token) };
  }

  // ------------------------------------------------------------ terminals

  private name(): Ast.Name | Unfinished {
    const token = this.la(1);
    if (token.tokenType === Identifier) {
      this.pos++;
      return { start: token.startOffset, end: endOf(token), text: internedName(token.image) };
    }
    if (token.tokenType === Placeholder) {
      this.pos++;
      return { start: token.startOffset, end: endOf(token), text: token.image, placeholder: true as const };
    }
    return undefined;
  }

  private string(): Ast.StringLit | Unfinished {
    const token = this.la(1);
    if (token.tokenType === StringLiteral) {
      this.pos++;
      const value = unescapeString(token.image);
      return hasPlaceholderSegment(value)
        ? { start: token.startOffset, end: endOf(token), value, placeholder: true as const }
        : { start: token.startOffset, end: endOf(token), value };
    }
    if (token.tokenType === Placeholder) {
      this.pos++;
      return { start: token.startOffset, end: endOf(token), value: token.image, placeholder: true as const };
    }
    return undefined;
  }

  /** `optionalString`: a string if one follows (it cannot fail: its first token decides). */
  private optionalString(): Ast.StringLit | undefined {
    return isString(this.la(1).tokenType) ? this.string() : undefined;
  }

  private fixedWord<T extends string>(token: IToken): Ast.Keyword<T> {
    return token.tokenType === Placeholder
      ? { start: token.startOffset, end: endOf(token), value: token.image as T, placeholder: true as const }
      : { start: token.startOffset, end: endOf(token), value: normalizeName(token.image) as T };
  }

  /** A word of `types` or a placeholder for it. */
  private wordOf(types: ReadonlySet<TokenType>): IToken | Unfinished {
    return this.takeOf(types) ?? this.take(Placeholder);
  }

  private number(): Ast.NumberLit | Unfinished {
    const token = this.la(1);
    const type = token.tokenType;
    if (type === NumberLiteral) {
      this.pos++;
      return { start: token.startOffset, end: endOf(token), value: parseNorwegianNumber(token.image) };
    }
    if (type === ForeignNumber) {
      this.pos++;
      const foreign = readForeignNumber(token.image);
      return { start: token.startOffset, end: endOf(token), value: foreign.value, norwegian: foreign.norwegian };
    }
    if (type === Placeholder) {
      this.pos++;
      return { start: token.startOffset, end: endOf(token), value: Number.NaN, placeholder: true as const };
    }
    return undefined;
  }

  private year(): Ast.YearLit | Unfinished {
    const token = this.la(1);
    if (token.tokenType === NumberLiteral) {
      // Out of range is a rule problem in Chevrotain's rule: leave it to that.
      const image = token.image;
      // Four digits (not `21,5`) from 2000 to 2100.
      const value = image.length === 4 && !image.includes(",") ? digitsAt(image, 0, 4) : -1;
      if (value < 2000 || value > 2100) return undefined;
      this.pos++;
      return { start: token.startOffset, end: endOf(token), value };
    }
    if (token.tokenType === Placeholder) {
      this.pos++;
      return { start: token.startOffset, end: endOf(token), value: Number.NaN, placeholder: true as const };
    }
    return undefined;
  }

  private date(): Ast.DateLit | Unfinished {
    const token = this.la(1);
    const type = token.tokenType;
    if (type === DateLiteral) {
      this.pos++;
      const image = token.image;
      // `yyyy-mm-dd` (the only form with an ISO value): its fields by position.
      const iso = image.length === 10 ? isoDate(digitsAt(image, 0, 4), digitsAt(image, 5, 7), digitsAt(image, 8, 10)) : undefined;
      const text = interned(image);
      // A valid date written as ISO is its own ISO form: one lookup, one string.
      return { start: token.startOffset, end: endOf(token), text, iso: iso === undefined ? iso : iso === text ? text : interned(iso), norwegianForm: false };
    }
    if (type === NorwegianDate) {
      this.pos++;
      const [d, m, y] = token.image.split(".").map(Number) as [number, number, number];
      const iso = isoDate(y, m, d);
      return { start: token.startOffset, end: endOf(token), text: interned(token.image), iso: iso === undefined ? iso : interned(iso), norwegianForm: true };
    }
    if (type === Placeholder) {
      this.pos++;
      return { start: token.startOffset, end: endOf(token), text: token.image, norwegianForm: false, placeholder: true as const };
    }
    return undefined;
  }

  private unit(): Ast.UnitLit | Unfinished {
    const token = this.takeOf(UNITS);
    if (token === undefined) return undefined;
    return { start: token.startOffset, end: endOf(token), unit: UNIT_BY_SPELLING[normalizeName(token.image)] ?? "stk" };
  }

  // ------------------------------------------------------------ amounts and flows

  private money(): Ast.Money | Unfinished {
    const first = this.la(1);
    const firstType = first.tokenType;
    if (CURRENCIES.has(firstType) || firstType === Identifier) {
      // `kr 1 200 000`, `NOK 1 200 000` (GATE: a currency before the number)
      if (!isCurrencyBefore(first)) return undefined;
      this.pos++;
      const number = this.number();
      if (number === undefined) return undefined;
      return { start: first.startOffset, end: number.end, number, millions: false, amount: number.value, foreign: true as const };
    }
    if (!isNumberStart(firstType)) return undefined;
    const number = this.number()!;
    const next = this.la(1);
    const type = next.tokenType;
    let end: number;
    let millions: boolean;
    let foreign: boolean;
    if (type === KW.mill || CURRENCIES.has(type)) {
      millions = this.take(KW.mill) !== undefined;
      const currency = this.takeOf(CURRENCIES);
      if (currency === undefined) return undefined;
      end = endOf(currency);
      foreign = false;
    } else if (type === Identifier) {
      // `mill`, `millioner`, `MNOK` (GATE)
      if (!MILLION_WORDS.has(next.image)) return undefined;
      this.pos++;
      const currency = this.takeOf(CURRENCIES);
      end = endOf(currency ?? next);
      millions = true;
      foreign = true;
    } else if (type === CommaDash) {
      this.pos++;
      const currency = this.takeOf(CURRENCIES);
      end = endOf(currency ?? next);
      millions = false;
      foreign = true;
    } else {
      return undefined;
    }
    const amount = millions ? Math.round(number.value * 1_000_000 * 100) / 100 : number.value;
    return foreign
      ? { start: number.start, end, number, millions, amount, foreign: true as const }
      : { start: number.start, end, number, millions, amount };
  }

  private value(): Ast.Value | Unfinished {
    const first = this.la(1);
    const second = this.la(2);
    const firstType = first.tokenType;
    const secondType = second.tokenType;
    if (CURRENCIES.has(firstType) || (firstType === Identifier && first.image === "NOK")) {
      const money = this.money();
      if (money === undefined) return undefined;
      return { kind: "money" as const, money, start: money.start, end: money.end };
    }
    if (!isNumberStart(firstType)) return undefined;
    if (
      secondType === KW.mill ||
      CURRENCIES.has(secondType) ||
      secondType === CommaDash ||
      (secondType === Identifier && MILLION_WORDS.has(second.image))
    ) {
      const money = this.money();
      if (money === undefined) return undefined;
      return { kind: "money" as const, money, start: money.start, end: money.end };
    }
    if (!UNITS.has(secondType)) return undefined;
    const quantity = this.number()!;
    const unit = this.unit()!;
    let end = unit.end;
    let times: Ast.Keyword<"à" | "*"> | undefined;
    let price: Ast.Price | undefined;
    const op = this.la(1);
    if (op.tokenType === KW.aa || op.tokenType === Star) {
      this.pos++;
      times = { start: op.startOffset, end: endOf(op), value: op.tokenType === Star ? "*" : "à" };
      // The price: money, or a rate's name. Both may start with a name or a
      // placeholder; decided here only where the token after it settles it.
      const priceFirst = this.la(1).tokenType;
      const priceSecond = this.la(2).tokenType;
      if (CURRENCIES.has(priceFirst) || priceFirst === NumberLiteral || priceFirst === ForeignNumber) {
        const money = this.money();
        if (money === undefined) return undefined;
        price = { kind: "money" as const, money };
      } else if (priceFirst === Placeholder && (priceSecond === KW.mill || CURRENCIES.has(priceSecond))) {
        const money = this.money();
        if (money === undefined) return undefined;
        price = { kind: "money" as const, money };
      } else if (isName(priceFirst) && (priceSecond === KW.per || priceSecond === KW.i)) {
        price = { kind: "rate" as const, ref: this.name()! };
      } else {
        return undefined;
      }
      end = price.kind === "money" ? price.money.end : price.ref.end;
    }
    return { kind: "quantity" as const, quantity, unit, times, price, start: quantity.start, end };
  }

  private schedule(): Ast.Schedule | Unfinished {
    const first = this.la(1);
    if (first.tokenType === KW.per) {
      this.pos++;
      const aar = this.take(KW.aar);
      if (aar === undefined) return undefined;
      let end = endOf(aar);
      let from: Ast.YearLit | undefined;
      let to: Ast.YearLit | undefined;
      if (this.la(1).tokenType === KW.fra) {
        this.pos++;
        from = this.year();
        if (from === undefined) return undefined;
        end = from.end;
      }
      // `til` + year belongs to the schedule; `til` + name starts a grant's shares.
      if (this.la(1).tokenType === KW.til && isYearAfterTil(this.la(2), this.la(3))) {
        this.pos++;
        to = this.year();
        if (to === undefined) return undefined;
        end = to.end;
      }
      return { kind: "yearly" as const, from, to, start: first.startOffset, end };
    }
    if (first.tokenType === KW.i) {
      this.pos++;
      const year = this.year();
      if (year === undefined) return undefined;
      return { kind: "once" as const, year, start: first.startOffset, end: year.end };
    }
    return undefined;
  }

  private flow(): Ast.Flow | Unfinished {
    const value = this.value();
    if (value === undefined) return undefined;
    const schedule = this.schedule();
    if (schedule === undefined) return undefined;
    return { value, schedule, start: value.start, end: schedule.end };
  }

  private percent(): Ast.Percent | Unfinished {
    const number = this.number();
    if (number === undefined) return undefined;
    const sign = this.take(PercentSign);
    if (sign === undefined) return undefined;
    return { start: number.start, end: endOf(sign), value: number.value, number };
  }

  private share(): Ast.Share | Unfinished {
    const party = this.name();
    if (party === undefined) return undefined;
    const percent = this.percent();
    if (percent === undefined) return undefined;
    return { start: party.start, end: percent.end, party, percent };
  }

  private shareList(): Ast.Share[] | Unfinished {
    const first = this.share();
    if (first === undefined) return undefined;
    const shares = [first];
    while (this.la(1).tokenType === Comma) {
      this.pos++;
      const share = this.share();
      if (share === undefined) return undefined;
      shares.push(share);
    }
    return fitted(shares);
  }

  /** Names separated by commas, `og` read as one and recorded (see `nameList` in clauses.ts). */
  private nameList(): { names: Ast.Name[]; ands: readonly Ast.Span[] } | Unfinished {
    const first = this.name();
    if (first === undefined) return undefined;
    const names = [first];
    const ands: Ast.Span[] = [];
    for (;;) {
      const next = this.la(1);
      if (next.tokenType === Comma) {
        this.pos++;
      } else if (next.tokenType === Identifier && next.image === "og" && isName(this.la(2).tokenType)) {
        this.pos++;
        ands.push(this.span(next));
      } else {
        break;
      }
      const name = this.name();
      if (name === undefined) return undefined;
      names.push(name);
    }
    return { names: fitted(names), ands: settled(ands) };
  }

  // ------------------------------------------------------------ headers and items

  private keywordOnly(keyword: TokenType): Ast.Span | Unfinished {
    const kw = this.take(keyword);
    return kw === undefined ? undefined : this.span(kw);
  }

  private blockHeader(): { name: Ast.Name; title: Ast.StringLit } | Unfinished {
    if (this.takeOf(HEADER_KEYWORDS) === undefined) return undefined;
    const name = this.name();
    if (name === undefined) return undefined;
    const title = this.string();
    if (title === undefined) return undefined;
    return { name, title };
  }

  private regionItem(): Ast.RegionItem | Unfinished {
    const kw = this.take(KW.region);
    if (kw === undefined) return undefined;
    const value = this.string();
    if (value === undefined) return undefined;
    return { kind: "region", value, start: kw.startOffset, end: value.end };
  }

  private hospitalItem(): Ast.HospitalDecl | Unfinished {
    const kw = this.take(KW.sykehus);
    if (kw === undefined) return undefined;
    const name = this.name();
    if (name === undefined) return undefined;
    const title = this.string();
    if (title === undefined) return undefined;
    const kind = this.wordOf(HOSPITAL_KINDS);
    if (kind === undefined) return undefined;
    return { kind: "hospital", name, title, hospitalKind: this.fixedWord<Ast.HospitalKind>(kind), start: kw.startOffset, end: endOf(kind) };
  }

  private municipalityItem(): Ast.MunicipalityDecl | Unfinished {
    const kw = this.take(KW.kommune);
    if (kw === undefined) return undefined;
    const name = this.name();
    if (name === undefined) return undefined;
    const title = this.string();
    if (title === undefined) return undefined;
    let number: Ast.StringLit | undefined;
    if (this.take(KW.nr) !== undefined) {
      number = this.string();
      if (number === undefined) return undefined;
    }
    return { kind: "municipality", name, title, number, start: kw.startOffset, end: (number ?? title).end };
  }

  private groupItem(): Ast.GroupDecl | Unfinished {
    const kw = this.take(KW.gruppe);
    if (kw === undefined) return undefined;
    const name = this.name();
    if (name === undefined) return undefined;
    const title = this.string();
    if (title === undefined) return undefined;
    return { kind: "group", name, title, start: kw.startOffset, end: title.end };
  }

  private rateDecl(): Ast.RateDecl | Unfinished {
    const kw = this.take(KW.sats);
    if (kw === undefined) return undefined;
    const name = this.name();
    if (name === undefined) return undefined;
    const title = this.string();
    if (title === undefined) return undefined;
    const price = this.money();
    if (price === undefined || this.take(KW.per) === undefined) return undefined;
    const unit = this.unit();
    if (unit === undefined) return undefined;
    let source: Ast.StringLit | undefined;
    if (this.take(KW.kilde) !== undefined) {
      source = this.string();
      if (source === undefined) return undefined;
    }
    return { kind: "rate", name, title, price, unit, source, start: kw.startOffset, end: (source ?? unit).end };
  }

  private frameItem(): Ast.FrameItem | Unfinished {
    const kw = this.take(KW.ramme);
    if (kw === undefined) return undefined;
    const year = this.year();
    if (year === undefined) return undefined;
    const money = this.money();
    if (money === undefined) return undefined;
    return { kind: "frame", year, money, start: kw.startOffset, end: money.end };
  }

  private distributionEntry(): Ast.DistributionEntry | Unfinished {
    const community = this.name();
    if (community === undefined) return undefined;
    const percent = this.percent();
    if (percent === undefined) return undefined;
    return { community, percent, start: community.start, end: percent.end };
  }

  // ------------------------------------------------------------ agreement clauses

  private communityClause(): Ast.CommunityClause | Unfinished {
    const kw = this.take(KW.helsefellesskap);
    if (kw === undefined) return undefined;
    const ref = this.name();
    if (ref === undefined) return undefined;
    return { kind: "community", keywordEnd: endOf(kw), ref, start: kw.startOffset, end: ref.end };
  }

  private listClause<K extends "parties" | "targetGroups" | "measurePurposes">(
    keyword: TokenType,
    kind: K,
  ): { kind: K; keywordEnd: number; refs: Ast.Name[]; ands: readonly Ast.Span[]; start: number; end: number } | Unfinished {
    const kw = this.take(keyword);
    if (kw === undefined) return undefined;
    const list = this.nameList();
    if (list === undefined) return undefined;
    const refs = list.names;
    return { kind, keywordEnd: endOf(kw), refs, ands: list.ands, start: kw.startOffset, end: refs[refs.length - 1]!.end };
  }

  private periodClause(): Ast.PeriodClause | Unfinished {
    const kw = this.take(KW.periode);
    if (kw === undefined) return undefined;
    const from = this.year();
    if (from === undefined || this.take(KW.til) === undefined) return undefined;
    const to = this.year();
    if (to === undefined) return undefined;
    return { kind: "period", keywordEnd: endOf(kw), from, to, start: kw.startOffset, end: to.end };
  }

  private statusClause(): Ast.StatusClause | Unfinished {
    const kw = this.take(KW.status);
    if (kw === undefined) return undefined;
    const value = this.wordOf(STATUSES);
    if (value === undefined) return undefined;
    return { kind: "status", keywordEnd: endOf(kw), value: this.fixedWord<Ast.AgreementStatus>(value), start: kw.startOffset, end: endOf(value) };
  }

  private hospitalClause(): Ast.HospitalClause | Unfinished {
    const kw = this.take(KW.sykehus);
    if (kw === undefined) return undefined;
    const ref = this.name();
    if (ref === undefined) return undefined;
    return { kind: "hospital", keywordEnd: endOf(kw), ref, start: kw.startOffset, end: ref.end };
  }

  private purposeClause(): Ast.PurposeClause | Unfinished {
    const kw = this.take(KW.formaal);
    if (kw === undefined) return undefined;
    const purpose = this.name();
    if (purpose === undefined) return undefined;
    const text = this.string();
    if (text === undefined) return undefined;
    return { kind: "purpose", keywordEnd: endOf(kw), purpose, text, start: kw.startOffset, end: text.end };
  }

  private partyFlowClause<K extends "input" | "saving">(
    keyword: TokenType,
    kind: K,
  ): { kind: K; keywordEnd: number; party: Ast.Name; flow: Ast.Flow; note: Ast.StringLit | undefined; start: number; end: number } | Unfinished {
    const kw = this.take(keyword);
    if (kw === undefined) return undefined;
    const party = this.name();
    if (party === undefined) return undefined;
    const flow = this.flow();
    if (flow === undefined) return undefined;
    const note = this.optionalString();
    return { kind, keywordEnd: endOf(kw), party, flow, note, start: kw.startOffset, end: (note ?? flow).end };
  }

  private grantClause(): Ast.GrantClause | Unfinished {
    const kw = this.take(KW.tilskudd);
    if (kw === undefined) return undefined;
    const scheme = this.name();
    if (scheme === undefined) return undefined;
    const flow = this.flow();
    if (flow === undefined) return undefined;
    let shares: Ast.Share[] | undefined;
    if (this.take(KW.til) !== undefined) {
      shares = this.shareList();
      if (shares === undefined) return undefined;
    }
    const note = this.optionalString();
    const end = note?.end ?? shares?.[shares.length - 1]?.end ?? flow.end;
    return { kind: "grant", keywordEnd: endOf(kw), scheme, flow, shares, note, start: kw.startOffset, end };
  }

  private textClause<K extends "continuation" | "description" | "justification">(
    keyword: TokenType,
    kind: K,
  ): { kind: K; keywordEnd: number; text: Ast.StringLit; start: number; end: number } | Unfinished {
    const kw = this.take(keyword);
    if (kw === undefined) return undefined;
    const text = this.string();
    if (text === undefined) return undefined;
    return { kind, keywordEnd: endOf(kw), text, start: kw.startOffset, end: text.end };
  }

  private indicatorMeasure(): Ast.IndicatorMeasure | Unfinished {
    const number = this.number();
    if (number === undefined) return undefined;
    let suffix: Ast.IndicatorMeasure["suffix"];
    const next = this.la(1);
    if (next.tokenType === PercentSign) {
      this.pos++;
      suffix = { kind: "percent" as const, start: next.startOffset, end: endOf(next) };
    } else if (UNITS.has(next.tokenType)) {
      const unit = this.unit()!;
      suffix = { kind: "unit" as const, unit: unit.unit, start: unit.start, end: unit.end };
    }
    return { number, suffix, start: number.start, end: suffix?.end ?? number.end };
  }

  private indicatorClause(): Ast.IndicatorClause | Unfinished {
    const kw = this.take(KW.indikator);
    if (kw === undefined) return undefined;
    const text = this.string();
    if (text === undefined || this.take(KW.fra) === undefined) return undefined;
    const from = this.indicatorMeasure();
    if (from === undefined || this.take(KW.til) === undefined) return undefined;
    const to = this.indicatorMeasure();
    if (to === undefined) return undefined;
    let by: Ast.YearLit | undefined;
    if (this.take(KW.innen) !== undefined) {
      by = this.year();
      if (by === undefined) return undefined;
    }
    return { kind: "indicator", keywordEnd: endOf(kw), text, from, to, by, start: kw.startOffset, end: (by ?? to).end };
  }

  private decisionClause(): Ast.DecisionClause | Unfinished {
    const kw = this.take(KW.behandling);
    if (kw === undefined) return undefined;
    const party = this.name();
    if (party === undefined) return undefined;
    const body = this.wordOf(BODIES);
    if (body === undefined) return undefined;
    const date = this.date();
    if (date === undefined) return undefined;
    const outcomeToken = this.wordOf(OUTCOMES);
    const outcome = outcomeToken === undefined ? undefined : this.fixedWord<Ast.DecisionOutcome>(outcomeToken);
    return {
      kind: "decision",
      keywordEnd: endOf(kw),
      party,
      body: this.fixedWord<Ast.DecisionBody>(body),
      date,
      outcome,
      start: kw.startOffset,
      end: (outcome ?? date).end,
    };
  }

  private personnelEffectClause(): Ast.PersonnelEffectClause | Unfinished {
    const kw = this.take(KW.personelleffekt);
    if (kw === undefined) return undefined;
    const value = this.wordOf(EFFECTS);
    if (value === undefined) return undefined;
    const text = this.optionalString();
    return {
      kind: "personnelEffect",
      keywordEnd: endOf(kw),
      value: this.fixedWord<Ast.PersonnelEffect>(value),
      text,
      start: kw.startOffset,
      end: text?.end ?? endOf(value),
    };
  }

  // ------------------------------------------------------------ measure and balance items

  private positionItem(): Ast.PositionItem | Unfinished {
    const kw = this.take(KW.stilling);
    if (kw === undefined) return undefined;
    const title = this.string();
    if (title === undefined) return undefined;
    const fte = this.number();
    if (fte === undefined || this.take(KW.aarsverk) === undefined || this.take(Colon) === undefined) return undefined;
    const shares = this.shareList();
    if (shares === undefined) return undefined;
    return { kind: "position", keywordEnd: endOf(kw), title, fte, shares, start: kw.startOffset, end: shares[shares.length - 1]!.end };
  }

  private horizonItem(): Ast.HorizonItem | Unfinished {
    const kw = this.take(KW.horisont);
    if (kw === undefined) return undefined;
    const year = this.year();
    if (year === undefined) return undefined;
    return { kind: "horizon", keywordEnd: endOf(kw), year, start: kw.startOffset, end: year.end };
  }

  private transferItem(): Ast.TransferItem | Unfinished {
    const kw = this.take(KW.overforing);
    if (kw === undefined) return undefined;
    const from = this.name();
    if (from === undefined || this.take(KW.til) === undefined) return undefined;
    const to = this.name();
    if (to === undefined) return undefined;
    const flow = this.flow();
    if (flow === undefined) return undefined;
    const note = this.optionalString();
    return { kind: "transfer", keywordEnd: endOf(kw), from, to, flow, note, start: kw.startOffset, end: (note ?? flow).end };
  }
}
