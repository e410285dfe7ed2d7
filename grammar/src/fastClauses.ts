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
import { EOF, type TokenType } from "chevrotain";
import type * as Ast from "./ast.js";
import {
  isoDate,
  isValidDate,
  isYearAfterTilTypes,
  MILLION_WORDS,
  unescapeString,
  UNIT_BY_SPELLING,
  type ClauseRuleName,
} from "./clauses.js";
import { fitted, settled } from "./fitted.js";
import { keepHiddenClass } from "./hiddenClasses.js";
import { interned, internedName } from "./intern.js";
import { normalizeName } from "./lexer.js";
import { parseNorwegianNumberAt, readForeignNumber } from "./numbers.js";
import { TokenTable, typeByIndex } from "./tokenTable.js";
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

const isNumberStart = (type: TokenType) => type === NumberLiteral || type === ForeignNumber || type === Placeholder;
const isName = (type: TokenType) => type === Identifier || type === Placeholder;
const isString = (type: TokenType) => type === StringLiteral || type === Placeholder;

/** The number the ASCII digits text[start, end) write (a date's field, a year). */
function digitsAt(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

/** Whether text[start, end) has a `,`. */
function hasCommaIn(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 44) return true;
  return false;
}

type Unfinished = undefined;
/** A token's index in the table; `NONE` where a rule found no token it takes. */
type TokenIndex = number;
const NONE = -1;

const EMPTY = new TokenTable("", 0);

/**
 * The rules read the file's token table: a token is its index, its type and
 * offsets are read from the table, its text sliced only where a value needs
 * it (names, numbers, strings, dates).
 */
export class FastClauses {
  private table: TokenTable = EMPTY;
  // The table's arrays and text, read directly (a token's start at
  // offsets[2 * token], its end at offsets[2 * token + 1]): a one-shot run
  // spends most of its parse in the interpreter and baseline code, where every
  // call counts.
  private types: Uint8Array = EMPTY.types;
  private offsets: Int32Array = EMPTY.offsets;
  private text = "";
  private pos = 0;
  private end = 0;

  /** The rule's result for tokens [from, to) of `table`, or undefined where Chevrotain must parse it. */
  run(rule: ClauseRuleName, table: TokenTable, from: number, to: number): unknown {
    this.table = table;
    this.types = table.types;
    this.offsets = table.offsets;
    this.text = table.text;
    this.pos = from;
    this.end = to;
    const result = this.rule(rule);
    const complete = result !== undefined && this.pos === to;
    this.table = EMPTY; // not kept alive between files
    this.types = EMPTY.types;
    this.offsets = EMPTY.offsets;
    this.text = "";
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

  /** The type of the k-th token ahead (1 = next), EOF past the segment, as Chevrotain's LA. */
  private la(k: number): TokenType {
    const index = this.pos + k - 1;
    return index < this.end ? typeByIndex[this.types[index]!]! : EOF;
  }

  /** Consumes the next token if it is of `type`: its index, or NONE. */
  private take(type: TokenType): TokenIndex {
    const index = this.pos;
    if (index >= this.end || typeByIndex[this.types[index]!] !== type) return NONE;
    this.pos++;
    return index;
  }

  /** Consumes the next token if its type is in `types`: its index, or NONE. */
  private takeOf(types: ReadonlySet<TokenType>): TokenIndex {
    const index = this.pos;
    if (index >= this.end || !types.has(typeByIndex[this.types[index]!]!)) return NONE;
    this.pos++;
    return index;
  }

  private image(token: TokenIndex): string {
    return this.table.image(token);
  }

  private span(token: TokenIndex): Ast.Span {
    return { start: this.offsets[2 * token]!, end: this.offsets[2 * token + 1]! };
  }

  /** `kr 1 200 000`, `NOK 1 200 000`: a currency before the number (`isCurrencyBefore`). */
  private isCurrencyBefore(token: TokenIndex): boolean {
    const type = this.table.type(token);
    return type === KW.kr || type === KW.kroner || (type === Identifier && this.table.imageIs(token, "NOK"));
  }

  /** Whether the k-th token ahead is a name `word` (an Identifier written so). */
  private isWordAhead(k: number, word: string): boolean {
    return this.la(k) === Identifier && this.table.imageIs(this.pos + k - 1, word);
  }

  // ------------------------------------------------------------ terminals

  private name(): Ast.Name | Unfinished {
    const type = this.la(1);
    if (type === Identifier) {
      const token = this.pos++;
      return { start: this.offsets[2 * token]!, end: this.offsets[2 * token + 1]!, text: internedName(this.image(token)) };
    }
    if (type === Placeholder) {
      const token = this.pos++;
      return { start: this.offsets[2 * token]!, end: this.offsets[2 * token + 1]!, text: this.image(token), placeholder: true as const };
    }
    return undefined;
  }

  private string(): Ast.StringLit | Unfinished {
    const type = this.la(1);
    if (type === StringLiteral) {
      const token = this.pos++;
      const start = this.offsets[2 * token]!;
      const end = this.offsets[2 * token + 1]!;
      // `unescapeString` of the image, without slicing the image first: a
      // StringLiteral has both its quotes.
      const inner = this.text.slice(start + 1, end - 1);
      const value = inner.includes("\\") ? unescapeString(this.image(token)) : inner;
      return hasPlaceholderSegment(value) ? { start, end, value, placeholder: true as const } : { start, end, value };
    }
    if (type === Placeholder) {
      const token = this.pos++;
      return { start: this.offsets[2 * token]!, end: this.offsets[2 * token + 1]!, value: this.image(token), placeholder: true as const };
    }
    return undefined;
  }

  /** `optionalString`: a string if one follows (it cannot fail: its first token decides). */
  private optionalString(): Ast.StringLit | undefined {
    return isString(this.la(1)) ? this.string() : undefined;
  }

  private fixedWord<T extends string>(token: TokenIndex): Ast.Keyword<T> {
    return this.table.type(token) === Placeholder
      ? { start: this.offsets[2 * token]!, end: this.offsets[2 * token + 1]!, value: this.image(token) as T, placeholder: true as const }
      : { start: this.offsets[2 * token]!, end: this.offsets[2 * token + 1]!, value: normalizeName(this.image(token)) as T };
  }

  /** A word of `types` or a placeholder for it. */
  private wordOf(types: ReadonlySet<TokenType>): TokenIndex {
    const token = this.takeOf(types);
    return token !== NONE ? token : this.take(Placeholder);
  }

  private number(): Ast.NumberLit | Unfinished {
    const type = this.la(1);
    if (type === NumberLiteral) {
      const token = this.pos++;
      const start = this.offsets[2 * token]!;
      const end = this.offsets[2 * token + 1]!;
      return { start, end, value: parseNorwegianNumberAt(this.text, start, end) };
    }
    if (type === ForeignNumber) {
      const token = this.pos++;
      const foreign = readForeignNumber(this.image(token));
      return { start: this.offsets[2 * token]!, end: this.offsets[2 * token + 1]!, value: foreign.value, norwegian: foreign.norwegian };
    }
    if (type === Placeholder) {
      const token = this.pos++;
      return { start: this.offsets[2 * token]!, end: this.offsets[2 * token + 1]!, value: Number.NaN, placeholder: true as const };
    }
    return undefined;
  }

  private year(): Ast.YearLit | Unfinished {
    const type = this.la(1);
    if (type === NumberLiteral) {
      // Out of range is a rule problem in Chevrotain's rule: leave it to that.
      const token = this.pos;
      const start = this.offsets[2 * token]!;
      const end = this.offsets[2 * token + 1]!;
      // Four digits (not `21,5`) from 2000 to 2100.
      const value = end - start === 4 && !hasCommaIn(this.text, start, end) ? digitsAt(this.text, start, end) : -1;
      if (value < 2000 || value > 2100) return undefined;
      this.pos++;
      return { start, end, value };
    }
    if (type === Placeholder) {
      const token = this.pos++;
      return { start: this.offsets[2 * token]!, end: this.offsets[2 * token + 1]!, value: Number.NaN, placeholder: true as const };
    }
    return undefined;
  }

  private date(): Ast.DateLit | Unfinished {
    const type = this.la(1);
    if (type === DateLiteral) {
      const token = this.pos++;
      const start = this.offsets[2 * token]!;
      const end = this.offsets[2 * token + 1]!;
      const text = this.text;
      // `yyyy-mm-dd` (the only form with an ISO value): its fields by position;
      // a valid one is its own ISO form (what isoDate would write), one string.
      const valid = end - start === 10 && isValidDate(digitsAt(text, start, start + 4), digitsAt(text, start + 5, start + 7), digitsAt(text, start + 8, end));
      const written = interned(this.image(token));
      return { start, end, text: written, iso: valid ? written : undefined, norwegianForm: false };
    }
    if (type === NorwegianDate) {
      const token = this.pos++;
      const image = this.image(token);
      const [d, m, y] = image.split(".").map(Number) as [number, number, number];
      const iso = isoDate(y, m, d);
      return { start: this.offsets[2 * token]!, end: this.offsets[2 * token + 1]!, text: interned(image), iso: iso === undefined ? iso : interned(iso), norwegianForm: true };
    }
    if (type === Placeholder) {
      const token = this.pos++;
      return { start: this.offsets[2 * token]!, end: this.offsets[2 * token + 1]!, text: this.image(token), norwegianForm: false, placeholder: true as const };
    }
    return undefined;
  }

  private unit(): Ast.UnitLit | Unfinished {
    const token = this.takeOf(UNITS);
    if (token === NONE) return undefined;
    return { start: this.offsets[2 * token]!, end: this.offsets[2 * token + 1]!, unit: UNIT_BY_SPELLING[normalizeName(this.image(token))] ?? "stk" };
  }

  // ------------------------------------------------------------ amounts and flows

  private money(): Ast.Money | Unfinished {
    const first = this.pos;
    const firstType = this.la(1);
    if (CURRENCIES.has(firstType) || firstType === Identifier) {
      // `kr 1 200 000`, `NOK 1 200 000` (GATE: a currency before the number)
      if (!this.isCurrencyBefore(first)) return undefined;
      this.pos++;
      const number = this.number();
      if (number === undefined) return undefined;
      return { start: this.offsets[2 * first]!, end: number.end, number, millions: false, amount: number.value, foreign: true as const };
    }
    if (!isNumberStart(firstType)) return undefined;
    const number = this.number()!;
    const next = this.pos;
    const type = this.la(1);
    let end: number;
    let millions: boolean;
    let foreign: boolean;
    if (type === KW.mill || CURRENCIES.has(type)) {
      millions = this.take(KW.mill) !== NONE;
      const currency = this.takeOf(CURRENCIES);
      if (currency === NONE) return undefined;
      end = this.offsets[2 * currency + 1]!;
      foreign = false;
    } else if (type === Identifier) {
      // `mill`, `millioner`, `MNOK` (GATE)
      if (!MILLION_WORDS.has(this.image(next))) return undefined;
      this.pos++;
      const currency = this.takeOf(CURRENCIES);
      end = this.offsets[2 * (currency !== NONE ? currency : next) + 1]!;
      millions = true;
      foreign = true;
    } else if (type === CommaDash) {
      this.pos++;
      const currency = this.takeOf(CURRENCIES);
      end = this.offsets[2 * (currency !== NONE ? currency : next) + 1]!;
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
    const firstType = this.la(1);
    const secondType = this.la(2);
    if (CURRENCIES.has(firstType) || this.isWordAhead(1, "NOK")) {
      const money = this.money();
      if (money === undefined) return undefined;
      return { kind: "money" as const, money, start: money.start, end: money.end };
    }
    if (!isNumberStart(firstType)) return undefined;
    if (
      secondType === KW.mill ||
      CURRENCIES.has(secondType) ||
      secondType === CommaDash ||
      (secondType === Identifier && MILLION_WORDS.has(this.image(this.pos + 1)))
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
    const opType = this.la(1);
    if (opType === KW.aa || opType === Star) {
      const op = this.pos++;
      times = { start: this.offsets[2 * op]!, end: this.offsets[2 * op + 1]!, value: opType === Star ? "*" : "à" };
      // The price: money, or a rate's name. Both may start with a name or a
      // placeholder; decided here only where the token after it settles it.
      const priceFirst = this.la(1);
      const priceSecond = this.la(2);
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
    const first = this.pos;
    const firstType = this.la(1);
    if (firstType === KW.per) {
      this.pos++;
      const aar = this.take(KW.aar);
      if (aar === NONE) return undefined;
      let end = this.offsets[2 * aar + 1]!;
      let from: Ast.YearLit | undefined;
      let to: Ast.YearLit | undefined;
      if (this.la(1) === KW.fra) {
        this.pos++;
        from = this.year();
        if (from === undefined) return undefined;
        end = from.end;
      }
      // `til` + year belongs to the schedule; `til` + name starts a grant's shares.
      if (this.la(1) === KW.til && isYearAfterTilTypes(this.la(2), this.la(3))) {
        this.pos++;
        to = this.year();
        if (to === undefined) return undefined;
        end = to.end;
      }
      return { kind: "yearly" as const, from, to, start: this.offsets[2 * first]!, end };
    }
    if (firstType === KW.i) {
      this.pos++;
      const year = this.year();
      if (year === undefined) return undefined;
      return { kind: "once" as const, year, start: this.offsets[2 * first]!, end: year.end };
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
    if (sign === NONE) return undefined;
    return { start: number.start, end: this.offsets[2 * sign + 1]!, value: number.value, number };
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
    while (this.la(1) === Comma) {
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
      if (next === Comma) {
        this.pos++;
      } else if (this.isWordAhead(1, "og") && isName(this.la(2))) {
        ands.push(this.span(this.pos++));
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
    return kw === NONE ? undefined : this.span(kw);
  }

  private blockHeader(): { name: Ast.Name; title: Ast.StringLit } | Unfinished {
    if (this.takeOf(HEADER_KEYWORDS) === NONE) return undefined;
    const name = this.name();
    if (name === undefined) return undefined;
    const title = this.string();
    if (title === undefined) return undefined;
    return { name, title };
  }

  private regionItem(): Ast.RegionItem | Unfinished {
    const kw = this.take(KW.region);
    if (kw === NONE) return undefined;
    const value = this.string();
    if (value === undefined) return undefined;
    return { kind: "region", value, start: this.offsets[2 * kw]!, end: value.end };
  }

  private hospitalItem(): Ast.HospitalDecl | Unfinished {
    const kw = this.take(KW.sykehus);
    if (kw === NONE) return undefined;
    const name = this.name();
    if (name === undefined) return undefined;
    const title = this.string();
    if (title === undefined) return undefined;
    const kind = this.wordOf(HOSPITAL_KINDS);
    if (kind === NONE) return undefined;
    return { kind: "hospital", name, title, hospitalKind: this.fixedWord<Ast.HospitalKind>(kind), start: this.offsets[2 * kw]!, end: this.offsets[2 * kind + 1]! };
  }

  private municipalityItem(): Ast.MunicipalityDecl | Unfinished {
    const kw = this.take(KW.kommune);
    if (kw === NONE) return undefined;
    const name = this.name();
    if (name === undefined) return undefined;
    const title = this.string();
    if (title === undefined) return undefined;
    let number: Ast.StringLit | undefined;
    if (this.take(KW.nr) !== NONE) {
      number = this.string();
      if (number === undefined) return undefined;
    }
    return { kind: "municipality", name, title, number, start: this.offsets[2 * kw]!, end: (number ?? title).end };
  }

  private groupItem(): Ast.GroupDecl | Unfinished {
    const kw = this.take(KW.gruppe);
    if (kw === NONE) return undefined;
    const name = this.name();
    if (name === undefined) return undefined;
    const title = this.string();
    if (title === undefined) return undefined;
    return { kind: "group", name, title, start: this.offsets[2 * kw]!, end: title.end };
  }

  private rateDecl(): Ast.RateDecl | Unfinished {
    const kw = this.take(KW.sats);
    if (kw === NONE) return undefined;
    const name = this.name();
    if (name === undefined) return undefined;
    const title = this.string();
    if (title === undefined) return undefined;
    const price = this.money();
    if (price === undefined || this.take(KW.per) === NONE) return undefined;
    const unit = this.unit();
    if (unit === undefined) return undefined;
    let source: Ast.StringLit | undefined;
    if (this.take(KW.kilde) !== NONE) {
      source = this.string();
      if (source === undefined) return undefined;
    }
    return { kind: "rate", name, title, price, unit, source, start: this.offsets[2 * kw]!, end: (source ?? unit).end };
  }

  private frameItem(): Ast.FrameItem | Unfinished {
    const kw = this.take(KW.ramme);
    if (kw === NONE) return undefined;
    const year = this.year();
    if (year === undefined) return undefined;
    const money = this.money();
    if (money === undefined) return undefined;
    return { kind: "frame", year, money, start: this.offsets[2 * kw]!, end: money.end };
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
    if (kw === NONE) return undefined;
    const ref = this.name();
    if (ref === undefined) return undefined;
    return { kind: "community", keywordEnd: this.offsets[2 * kw + 1]!, ref, start: this.offsets[2 * kw]!, end: ref.end };
  }

  private listClause<K extends "parties" | "targetGroups" | "measurePurposes">(
    keyword: TokenType,
    kind: K,
  ): { kind: K; keywordEnd: number; refs: Ast.Name[]; ands: readonly Ast.Span[]; start: number; end: number } | Unfinished {
    const kw = this.take(keyword);
    if (kw === NONE) return undefined;
    const list = this.nameList();
    if (list === undefined) return undefined;
    const refs = list.names;
    return { kind, keywordEnd: this.offsets[2 * kw + 1]!, refs, ands: list.ands, start: this.offsets[2 * kw]!, end: refs[refs.length - 1]!.end };
  }

  private periodClause(): Ast.PeriodClause | Unfinished {
    const kw = this.take(KW.periode);
    if (kw === NONE) return undefined;
    const from = this.year();
    if (from === undefined || this.take(KW.til) === NONE) return undefined;
    const to = this.year();
    if (to === undefined) return undefined;
    return { kind: "period", keywordEnd: this.offsets[2 * kw + 1]!, from, to, start: this.offsets[2 * kw]!, end: to.end };
  }

  private statusClause(): Ast.StatusClause | Unfinished {
    const kw = this.take(KW.status);
    if (kw === NONE) return undefined;
    const value = this.wordOf(STATUSES);
    if (value === NONE) return undefined;
    return { kind: "status", keywordEnd: this.offsets[2 * kw + 1]!, value: this.fixedWord<Ast.AgreementStatus>(value), start: this.offsets[2 * kw]!, end: this.offsets[2 * value + 1]! };
  }

  private hospitalClause(): Ast.HospitalClause | Unfinished {
    const kw = this.take(KW.sykehus);
    if (kw === NONE) return undefined;
    const ref = this.name();
    if (ref === undefined) return undefined;
    return { kind: "hospital", keywordEnd: this.offsets[2 * kw + 1]!, ref, start: this.offsets[2 * kw]!, end: ref.end };
  }

  private purposeClause(): Ast.PurposeClause | Unfinished {
    const kw = this.take(KW.formaal);
    if (kw === NONE) return undefined;
    const purpose = this.name();
    if (purpose === undefined) return undefined;
    const text = this.string();
    if (text === undefined) return undefined;
    return { kind: "purpose", keywordEnd: this.offsets[2 * kw + 1]!, purpose, text, start: this.offsets[2 * kw]!, end: text.end };
  }

  private partyFlowClause<K extends "input" | "saving">(
    keyword: TokenType,
    kind: K,
  ): { kind: K; keywordEnd: number; party: Ast.Name; flow: Ast.Flow; note: Ast.StringLit | undefined; start: number; end: number } | Unfinished {
    const kw = this.take(keyword);
    if (kw === NONE) return undefined;
    const party = this.name();
    if (party === undefined) return undefined;
    const flow = this.flow();
    if (flow === undefined) return undefined;
    const note = this.optionalString();
    return { kind, keywordEnd: this.offsets[2 * kw + 1]!, party, flow, note, start: this.offsets[2 * kw]!, end: (note ?? flow).end };
  }

  private grantClause(): Ast.GrantClause | Unfinished {
    const kw = this.take(KW.tilskudd);
    if (kw === NONE) return undefined;
    const scheme = this.name();
    if (scheme === undefined) return undefined;
    const flow = this.flow();
    if (flow === undefined) return undefined;
    let shares: Ast.Share[] | undefined;
    if (this.take(KW.til) !== NONE) {
      shares = this.shareList();
      if (shares === undefined) return undefined;
    }
    const note = this.optionalString();
    const end = note?.end ?? shares?.[shares.length - 1]?.end ?? flow.end;
    return { kind: "grant", keywordEnd: this.offsets[2 * kw + 1]!, scheme, flow, shares, note, start: this.offsets[2 * kw]!, end };
  }

  private textClause<K extends "continuation" | "description" | "justification">(
    keyword: TokenType,
    kind: K,
  ): { kind: K; keywordEnd: number; text: Ast.StringLit; start: number; end: number } | Unfinished {
    const kw = this.take(keyword);
    if (kw === NONE) return undefined;
    const text = this.string();
    if (text === undefined) return undefined;
    return { kind, keywordEnd: this.offsets[2 * kw + 1]!, text, start: this.offsets[2 * kw]!, end: text.end };
  }

  private indicatorMeasure(): Ast.IndicatorMeasure | Unfinished {
    const number = this.number();
    if (number === undefined) return undefined;
    let suffix: Ast.IndicatorMeasure["suffix"];
    const next = this.la(1);
    if (next === PercentSign) {
      const sign = this.pos++;
      suffix = { kind: "percent" as const, start: this.offsets[2 * sign]!, end: this.offsets[2 * sign + 1]! };
    } else if (UNITS.has(next)) {
      const unit = this.unit()!;
      suffix = { kind: "unit" as const, unit: unit.unit, start: unit.start, end: unit.end };
    }
    return { number, suffix, start: number.start, end: suffix?.end ?? number.end };
  }

  private indicatorClause(): Ast.IndicatorClause | Unfinished {
    const kw = this.take(KW.indikator);
    if (kw === NONE) return undefined;
    const text = this.string();
    if (text === undefined || this.take(KW.fra) === NONE) return undefined;
    const from = this.indicatorMeasure();
    if (from === undefined || this.take(KW.til) === NONE) return undefined;
    const to = this.indicatorMeasure();
    if (to === undefined) return undefined;
    let by: Ast.YearLit | undefined;
    if (this.take(KW.innen) !== NONE) {
      by = this.year();
      if (by === undefined) return undefined;
    }
    return { kind: "indicator", keywordEnd: this.offsets[2 * kw + 1]!, text, from, to, by, start: this.offsets[2 * kw]!, end: (by ?? to).end };
  }

  private decisionClause(): Ast.DecisionClause | Unfinished {
    const kw = this.take(KW.behandling);
    if (kw === NONE) return undefined;
    const party = this.name();
    if (party === undefined) return undefined;
    const body = this.wordOf(BODIES);
    if (body === NONE) return undefined;
    const date = this.date();
    if (date === undefined) return undefined;
    const outcomeToken = this.wordOf(OUTCOMES);
    const outcome = outcomeToken === NONE ? undefined : this.fixedWord<Ast.DecisionOutcome>(outcomeToken);
    return {
      kind: "decision",
      keywordEnd: this.offsets[2 * kw + 1]!,
      party,
      body: this.fixedWord<Ast.DecisionBody>(body),
      date,
      outcome,
      start: this.offsets[2 * kw]!,
      end: (outcome ?? date).end,
    };
  }

  private personnelEffectClause(): Ast.PersonnelEffectClause | Unfinished {
    const kw = this.take(KW.personelleffekt);
    if (kw === NONE) return undefined;
    const value = this.wordOf(EFFECTS);
    if (value === NONE) return undefined;
    const text = this.optionalString();
    return {
      kind: "personnelEffect",
      keywordEnd: this.offsets[2 * kw + 1]!,
      value: this.fixedWord<Ast.PersonnelEffect>(value),
      text,
      start: this.offsets[2 * kw]!,
      end: text?.end ?? this.offsets[2 * value + 1]!,
    };
  }

  // ------------------------------------------------------------ measure and balance items

  private positionItem(): Ast.PositionItem | Unfinished {
    const kw = this.take(KW.stilling);
    if (kw === NONE) return undefined;
    const title = this.string();
    if (title === undefined) return undefined;
    const fte = this.number();
    if (fte === undefined || this.take(KW.aarsverk) === NONE || this.take(Colon) === NONE) return undefined;
    const shares = this.shareList();
    if (shares === undefined) return undefined;
    return { kind: "position", keywordEnd: this.offsets[2 * kw + 1]!, title, fte, shares, start: this.offsets[2 * kw]!, end: shares[shares.length - 1]!.end };
  }

  private horizonItem(): Ast.HorizonItem | Unfinished {
    const kw = this.take(KW.horisont);
    if (kw === NONE) return undefined;
    const year = this.year();
    if (year === undefined) return undefined;
    return { kind: "horizon", keywordEnd: this.offsets[2 * kw + 1]!, year, start: this.offsets[2 * kw]!, end: year.end };
  }

  private transferItem(): Ast.TransferItem | Unfinished {
    const kw = this.take(KW.overforing);
    if (kw === NONE) return undefined;
    const from = this.name();
    if (from === undefined || this.take(KW.til) === NONE) return undefined;
    const to = this.name();
    if (to === undefined) return undefined;
    const flow = this.flow();
    if (flow === undefined) return undefined;
    const note = this.optionalString();
    return { kind: "transfer", keywordEnd: this.offsets[2 * kw + 1]!, from, to, flow, note, start: this.offsets[2 * kw]!, end: (note ?? flow).end };
  }
}

// `Money.amount` is whole kroner (a small integer to V8) in nearly every
// amount, but a double for a fractional one (`1 234,50 kr`) or one above
// 2^30 kr (`1 200 mill. kr`). The first such amount changed the field's
// representation in the hidden class every amount shares: each Money still
// alive was migrated to the new class at its next use (5 666 migrations in
// the 1 000-agreement benchmark) and the parser's optimised code was thrown
// away. Kept instances with `null` there (one per shape the parsers build)
// make the field tagged from the start: small integers stay unboxed, a
// double is boxed, and nothing changes mid-run (as money.ts's kept rows do).
keepHiddenClass({ start: 0, end: 0, number: null, millions: false, amount: null } satisfies Record<Exclude<keyof Ast.Money, "foreign">, unknown>);
keepHiddenClass({ start: 0, end: 0, number: null, millions: false, amount: null, foreign: true } satisfies Record<keyof Ast.Money, unknown>);
