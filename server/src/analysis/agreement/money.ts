/**
 * Money (spec §5.3–5.4): what each flow is worth in kroner per year, and per
 * party and year own input, grant received, savings, transfers, net,
 * cumulative net and break-even.
 *
 * A flow that is invalid (HFA101/304/801/802/803…) is reported where it is
 * found and left out here, so one mistake does not cascade (spec §5.2).
 */
import type * as Ast from "../../../../grammar/src/ast.js";
import { fitted } from "../../../../grammar/src/fitted.js";
import { keepHiddenClass } from "../../../../grammar/src/hiddenClasses.js";
import type { CheckContext } from "../checks/context.js";
import { formatKr, joinList } from "../i18n.js";
import { MAX_AMOUNT_KR, MAX_QUANTITY } from "../limits.js";
import type { DeclaredOf } from "../symbols.js";
import { PARTY_SCAN_LIMIT, type Party, type ResolvedAgreement, type Side } from "./resolve.js";

export type FlowRole = "input" | "grant" | "saving" | "transfer";

/** A flow with its value in kroner for each year it runs. */
export interface FlowAmount {
  readonly role: FlowRole;
  readonly flow: Ast.Flow;
  readonly clause: Ast.InputClause | Ast.GrantClause | Ast.SavingClause | Ast.TransferItem;
  /** Kroner per year (undefined when the value is not money: HFA801/802). */
  readonly perYear?: number;
  readonly years: readonly number[];
}

export interface YearRow {
  readonly year: number;
  readonly input: number;
  /** Grant received that year (spec §5.4); not part of `net`. */
  readonly grant: number;
  readonly saving: number;
  readonly transferIn: number;
  readonly transferOut: number;
  readonly net: number;
  readonly cumulative: number;
  /** A year after `periode`, up to the horizon: the grant has ended (spec §5.3, continuation). */
  readonly continuation: boolean;
}

export interface PartyBalance {
  readonly party: string;
  readonly side?: Side;
  readonly rows: readonly YearRow[];
  readonly totals: Omit<YearRow, "year" | "cumulative" | "continuation">;
  /** Cumulative net at the horizon. */
  readonly atHorizon: number;
  /** First year from which the cumulative net stays ≥ 0 to the horizon. */
  readonly breakEven?: number;
  // The fields below are always set by the analysis; they are optional so that
  // consumers which copy a PartyBalance field by field (the balance view's
  // wire type) keep type-checking.
  /** Cumulative net at the last year of `periode` (the end-of-period figure of reports). */
  readonly atPeriodEnd?: number;
  /** First year from which the cumulative net stays ≥ 0 to the end of `periode`; undefined when it is negative then. */
  readonly breakEvenByPeriodEnd?: number;
  /** Own input and grant received over the years of `periode` only (partial financing, spec §5.6). */
  readonly periodInput?: number;
  readonly periodGrant?: number;
}

export interface Balance {
  readonly firstYear: number;
  readonly horizon: number;
  readonly horizonExplicit: boolean;
  readonly parties: readonly PartyBalance[];
  readonly total: PartyBalance;
  /** First year with any own input (HFA405). */
  readonly firstInputYear?: number;
  /** The agreement period (its first and last year). */
  readonly period: { readonly from: number; readonly to: number };
  /**
   * True when `horisont` lies before the end of `periode` (HFA407): the window
   * is then run to the end of the period, so that no committed input drops out.
   */
  readonly horizonExtended: boolean;
  /**
   * Grant kroner split by the fallback of spec §5.4 (a year in which no party
   * has own input), by grant clause and year: HFA310's facts.
   */
  readonly grantWithoutInput: readonly GrantFallback[];
}

/** A grant clause's years in which no party (or, with `til`, the receiving party) had own input. */
export interface GrantFallback {
  readonly clause: Ast.GrantClause;
  readonly years: readonly number[];
  /** Parties paid by `til` in a year in which they have no own input (empty without `til`). */
  readonly parties: readonly string[];
}

export interface GrantYears {
  readonly scheme: DeclaredOf<"scheme">;
  readonly clause: Ast.GrantClause;
  readonly years: ReadonlyMap<number, number>;
}

export interface MoneyModel {
  readonly flows: readonly FlowAmount[];
  readonly balance?: Balance;
  readonly grants: readonly GrantYears[];
  /**
   * What the `innsats` clauses say, valid or not (spec §5.2: an invalid
   * clause still exists). `partiesWithInput`: parties named by some `innsats`.
   * `invalidInput`: some `innsats` is left out of the figures (not money, a
   * placeholder, a clause that failed to parse …), so rules that weigh
   * amounts of own input (HFA309, HFA310, HFA406) would be a cascade of it.
   * `unattributedInput`: some `innsats` names no known party, so it may be
   * anyone's (no HFA302/HFA303/HFA306).
   */
  readonly input: { readonly partiesWithInput: ReadonlySet<string>; readonly invalidInput: boolean; readonly unattributedInput: boolean };
  /**
   * False when some money clause (`innsats`, `tilskudd`, `besparelse`,
   * `overføring`) is left out of the figures for any reason (its own
   * diagnostic says why): a verdict on the balance (HFA402) would then be a
   * cascade of that mistake.
   */
  readonly complete: boolean;
}

/** Kroner per unit of a flow's value, or undefined with HFA801/802 reported. */
function valueAmount(value: Ast.Value, resolved: ResolvedAgreement, ctx: CheckContext, needsMoney: boolean): number | undefined {
  if (outOfRange(value)) return undefined; // HFA803 already; an infinite sum would reach every balance message
  if (value.kind === "money") return value.money.amount;
  const price = value.price;
  if (!price) {
    if (needsMoney) {
      ctx.report(
        "HFA802",
        value,
        ctx.say(
          `${value.quantity.value.toLocaleString("nb-NO")} ${value.unit.unit} er ikke et pengebeløp. Oppgi pris, f.eks. «${sourceOf(value)} à 6 500 kr» eller «à <sats>», eller skriv beløpet i kroner.`,
          `${value.quantity.value} ${value.unit.unit} is not an amount of money. Give a price, e.g. "${sourceOf(value)} à 6 500 kr" or "à <rate>", or write the amount in kroner.`,
        ),
      );
    }
    return undefined;
  }
  if (price.kind === "money") return value.quantity.value * price.money.amount;
  const rate = resolved.rates.get(price.ref);
  if (!rate) return undefined; // unknown rate: HFA101 already
  if (rate.node.unit.unit !== value.unit.unit) {
    ctx.report(
      "HFA801",
      value,
      ctx.say(
        `Enhetene passer ikke: mengden er i ${value.unit.unit}, men satsen ${rate.name.text} er per ${rate.node.unit.unit}. Oppgi mengden i ${rate.node.unit.unit}, eller bruk en sats per ${value.unit.unit}.`,
        `Units do not match: the quantity is in ${value.unit.unit}, but the rate ${rate.name.text} is per ${rate.node.unit.unit}. Give the quantity in ${rate.node.unit.unit}, or use a rate per ${value.unit.unit}.`,
      ),
      { related: [{ uri: rate.uri, start: rate.node.start, end: rate.node.end, message: ctx.say("Satsen", "The rate") }] },
    );
    return undefined;
  }
  if (!(rate.node.price.amount <= MAX_AMOUNT_KR)) return undefined; // HFA803 on the rate
  return value.quantity.value * rate.node.price.amount;
}

function outOfRange(value: Ast.Value): boolean {
  if (value.kind === "money") return !(value.money.amount <= MAX_AMOUNT_KR);
  return !(value.quantity.value <= MAX_QUANTITY) || (value.price?.kind === "money" && !(value.price.money.amount <= MAX_AMOUNT_KR));
}

function sourceOf(value: Extract<Ast.Value, { kind: "quantity" }>): string {
  return `${value.quantity.value.toLocaleString("nb-NO")} ${value.unit.unit}`;
}

/** The years a flow runs (spec §5.3). */
function flowYears(schedule: Ast.Schedule, role: FlowRole, period: { from: number; to: number }, horizon: number): readonly number[] {
  if (schedule.kind === "once") {
    const year = schedule.year.value;
    return Number.isSafeInteger(year) ? yearRange(year, year) : [year];
  }
  const first = schedule.from?.value ?? period.from;
  const last = schedule.to?.value ?? (role === "input" || role === "grant" ? period.to : horizon);
  return yearRange(first, last);
}

const NO_YEARS: readonly number[] = [];
/** Year ranges by first year and length: most flows of a workspace run over the same few periods. */
const yearRanges = new Map<number, readonly number[]>();

/**
 * `first`, `first + 1` … `last` (at most 201 years), shared by every flow over
 * the same years: an array per flow was a tenth of the analysis' memory. The
 * cache is emptied when it grows past a few thousand ranges. Not frozen:
 * `for … of` over a frozen array is several times slower in Node 20 (and
 * allocates); `FlowAmount.years` is readonly, and nothing writes to it.
 */
function yearRange(first: number, last: number): readonly number[] {
  if (!(first <= last)) return NO_YEARS;
  const length = Math.min(last - first + 1, 201);
  const cacheable = Number.isSafeInteger(first) && Math.abs(first) < 1e9 && Number.isInteger(length);
  const key = first * 256 + length;
  const cached = cacheable ? yearRanges.get(key) : undefined;
  if (cached) return cached;
  const years: number[] = [];
  for (let year = first; year <= last && years.length <= 200; year++) years.push(year);
  if (cacheable) {
    if (yearRanges.size >= 4096) yearRanges.clear();
    yearRanges.set(key, years);
  }
  return years;
}

/** The `horisont` item, if the agreement's `balanse` has one. */
export function horizonItemOf(node: Ast.AgreementDecl): Ast.HorizonItem | undefined {
  for (const clause of node.clauses) {
    if (clause.kind !== "balance") continue;
    for (const item of clause.items) if (item.kind === "horizon") return item;
  }
  return undefined;
}

export function horizonOf(resolved: ResolvedAgreement, defaultHorizonYears: number): { horizon: number; explicit: boolean } | undefined {
  const item = horizonItemOf(resolved.node);
  if (item && !item.year.placeholder) return { horizon: item.year.value, explicit: true };
  if (!resolved.period) return undefined;
  return { horizon: resolved.period.to + defaultHorizonYears, explicit: false };
}

/** A period that the year rules can compare with: present and not reversed (HFA601 is its own diagnostic, spec §5.2). */
export function validPeriod(resolved: ResolvedAgreement): { from: number; to: number } | undefined {
  const period = resolved.period;
  return period && period.to >= period.from ? period : undefined;
}

/**
 * One flow's amount, added to `flows`; reports HFA307, HFA801, HFA802. A
 * module function, not a closure made per agreement: a closure's optimised
 * code is held only weakly, and every full GC freed it (see computeBalance).
 */
function addFlow(
  flows: FlowAmount[],
  resolved: ResolvedAgreement,
  ctx: CheckContext,
  horizon: number | undefined,
  role: FlowRole,
  flow: Ast.Flow,
  clause: FlowAmount["clause"],
): FlowAmount {
  const period = resolved.period;
  const excluded = ctx.hasPlaceholder(clause);
  const perYear = excluded ? undefined : valueAmount(flow.value, resolved, ctx, true);
  const years = period && horizon !== undefined && !excluded ? flowYears(flow.schedule, role, period, horizon) : NO_YEARS;
  const amount: FlowAmount = { role, flow, clause, perYear, years };
  flows.push(amount);
  // A reversed period is HFA601's alone (spec §5.2: no cascade). Own input
  // after the period is continuation (spec §5.3), never HFA307.
  if (period && period.to >= period.from && (role === "input" || role === "grant")) {
    // A loop, not `filter` with a closure made per flow (see computeBalance's helpers); the list only when a year is outside.
    let outside: number[] | undefined;
    for (const y of years) if (y < period.from || (role === "grant" && y > period.to)) (outside ??= []).push(y);
    if (outside !== undefined) {
      const outsideYears = outside;
      ctx.report(
        "HFA307",
        flow.schedule,
        role === "input"
          ? ctx.say(
              () => `Innsats i ${yearList(outsideYears, "nb")}, før avtaleperioden ${period.from}–${period.to}. Flytt innsatsen inn i perioden (f.eks. «fra ${period.from}»), eller begynn perioden tidligere.`,
              () => `Own input in ${yearList(outsideYears, "en")}, before the agreement period ${period.from}–${period.to}. Move the input into the period (e.g. "fra ${period.from}"), or start the period earlier.`,
            )
          : ctx.say(
              () => `Tilskudd i ${yearList(outsideYears, "nb")}, utenfor avtaleperioden ${period.from}–${period.to}. Tilskudd gis bare i perioden: skriv årene innenfor den, eller endre «periode».`,
              () => `Grant in ${yearList(outsideYears, "en")}, outside the agreement period ${period.from}–${period.to}. A grant is paid only within the period: give years inside it, or change "periode".`,
            ),
      );
    }
  }
  return amount;
}

/**
 * Computes every flow and, when the period is known, the balance.
 * Reports HFA307, HFA801, HFA802.
 */
export function computeMoney(resolved: ResolvedAgreement, ctx: CheckContext): MoneyModel {
  const flows: FlowAmount[] = [];
  const grants: GrantYears[] = [];
  const period = resolved.period;
  const declared = horizonOf(resolved, ctx.config.defaultHorizonYears);
  // A horizon inside the period (HFA407) would cut off committed own input:
  // the window runs to the period's end instead.
  const horizonInfo = declared && period && period.to >= period.from && declared.horizon < period.to ? { horizon: period.to, explicit: declared.explicit } : declared;

  for (const clause of resolved.node.clauses) {
    if (clause.kind === "input") addFlow(flows, resolved, ctx, horizonInfo?.horizon, "input", clause.flow, clause);
    else if (clause.kind === "saving") addFlow(flows, resolved, ctx, horizonInfo?.horizon, "saving", clause.flow, clause);
    else if (clause.kind === "grant") {
      const amount = addFlow(flows, resolved, ctx, horizonInfo?.horizon, "grant", clause.flow, clause);
      const scheme = resolved.schemes.get(clause.scheme);
      if (scheme && amount.perYear !== undefined) {
        const years = new Map<number, number>();
        for (const y of amount.years) years.set(y, amount.perYear);
        grants.push({ scheme, clause, years });
      }
    } else if (clause.kind === "balance") {
      for (const item of clause.items) if (item.kind === "transfer") addFlow(flows, resolved, ctx, horizonInfo?.horizon, "transfer", item.flow, item);
    }
  }

  const input = inputFacts(resolved, flows);
  const complete = isComplete(resolved, flows);
  if (!period || !horizonInfo || period.to < period.from) return { flows, grants, input, complete };
  const extended = declared !== undefined && declared.horizon < period.to;
  return { flows, grants, input, complete, balance: computeBalance(resolved, flows, horizonInfo.horizon, horizonInfo.explicit, extended) };
}

function isComplete(resolved: ResolvedAgreement, flows: readonly FlowAmount[]): boolean {
  const moneyKinds: ReadonlySet<string> = new Set(["input", "grant", "saving", "transfer"]);
  for (const clause of resolved.node.clauses) {
    if (clause.kind === "incomplete" && moneyKinds.has(clause.clauseKind)) return false;
    if (clause.kind === "balance" && clause.items.some((i) => i.kind === "incomplete" && i.clauseKind === "transfer")) return false;
  }
  const valid = (ref: Ast.Name) => resolved.partyByName.isPartyRef(ref);
  for (const flow of flows) {
    if (flow.perYear === undefined) return false;
    const clause = flow.clause;
    if ((clause.kind === "input" || clause.kind === "saving") && !valid(clause.party)) return false;
    if (clause.kind === "transfer" && (!valid(clause.from) || !valid(clause.to))) return false;
    if (clause.kind === "grant" && (clause.shares ?? []).some((s) => !valid(s.party))) return false;
  }
  return true;
}

function inputFacts(resolved: ResolvedAgreement, flows: readonly FlowAmount[]): MoneyModel["input"] {
  const partiesWithInput = new Set<string>();
  let invalidInput = false;
  let unattributedInput = false;
  for (const clause of resolved.node.clauses) {
    if (clause.kind === "incomplete" && clause.clauseKind === "input") {
      invalidInput = true;
      unattributedInput = true;
    }
  }
  for (const flow of flows) {
    const clause = flow.clause;
    if (clause.kind !== "input") continue;
    const party = resolved.partyByName.get(clause.party.text);
    if (party) partiesWithInput.add(party.name);
    // A name that is no party at all (HFA101, a placeholder) may be anyone's
    // input; a known non-party (HFA304) is left out of every rule.
    else if (!resolved.nonPartyRefs.has(clause.party)) unattributedInput = true;
    if (flow.perYear === undefined || !resolved.partyByName.isPartyRef(clause.party)) {
      if (!resolved.nonPartyRefs.has(clause.party)) invalidInput = true;
    }
  }
  return { partiesWithInput, invalidInput, unattributedInput };
}

/** `2028`, `2028 og 2030`, `2028–2030`, `2025, 2027–2029 og 2031`: years as Norwegian prose writes them. */
export function yearList(years: readonly number[], locale: "nb" | "en"): string {
  // Most callers pass years in order, without repeats: those need no copy and no sort.
  const sorted = isStrictlyIncreasing(years) ? years : [...new Set(years)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    // Two years in a row are a list ("2028 og 2029"), three or more a run ("2028–2030").
    if (j - i >= 2) runs.push(`${sorted[i]}–${sorted[j]}`);
    else for (let k = i; k <= j; k++) runs.push(String(sorted[k]));
    i = j + 1;
  }
  return joinList(runs, locale);
}

function isStrictlyIncreasing(values: readonly number[]): boolean {
  for (let i = 1; i < values.length; i++) if (!(values[i]! > values[i - 1]!)) return false;
  return true;
}

/** The columns of `YearColumns`, in the order they are laid out. */
const INPUT = 0;
const GRANT = 1;
const SAVING = 2;
const TRANSFER_IN = 3;
const TRANSFER_OUT = 4;
type Column = typeof INPUT | typeof GRANT | typeof SAVING | typeof TRANSFER_IN | typeof TRANSFER_OUT;

/**
 * One party's money by year over the balance window: own input, grant,
 * savings, transfers in and out, one column after the other in one array of
 * numbers (unboxed doubles), and the year rows once something reads them.
 */
class YearColumns {
  /** `values[column * count + i]` is the year `firstYear + i`. */
  private readonly values: number[];
  rows: readonly YearRow[] | undefined;

  constructor(
    readonly firstYear: number,
    readonly count: number,
    readonly periodEnd: number,
  ) {
    this.values = new Array<number>(5 * count).fill(0);
  }

  at(column: Column, index: number): number {
    return this.values[column * this.count + index]!;
  }

  add(column: Column, index: number, amount: number): void {
    this.values[column * this.count + index]! += amount;
  }

  /** The value in `year`, 0 outside the window (as `rows.find(r => r.year === year)?.… ?? 0` reads it). */
  inYear(column: Column, year: number): number {
    const index = year - this.firstYear;
    return Number.isInteger(index) && index >= 0 && index < this.count ? this.at(column, index) : 0;
  }

  /** Savings and transfers in, less transfers out and own input. */
  net(index: number): number {
    return this.at(SAVING, index) + this.at(TRANSFER_IN, index) - this.at(TRANSFER_OUT, index) - this.at(INPUT, index);
  }

  hasInput(): boolean {
    for (let i = 0; i < this.count; i++) if (this.at(INPUT, i) > 0) return true;
    return false;
  }

  yearRows(): YearRow[] {
    const rows: YearRow[] = [];
    let cumulative = 0;
    for (let i = 0; i < this.count; i++) {
      const year = this.firstYear + i;
      const net = this.net(i);
      cumulative += net;
      rows.push({
        year,
        input: this.at(INPUT, i),
        grant: this.at(GRANT, i),
        saving: this.at(SAVING, i),
        transferIn: this.at(TRANSFER_IN, i),
        transferOut: this.at(TRANSFER_OUT, i),
        net,
        cumulative,
        continuation: year > this.periodEnd,
      });
    }
    return rows;
  }
}
// Per agreement and party, for one check (see hiddenClasses.ts).
keepHiddenClass(new YearColumns(0, 1, 0));

/**
 * What a PartyBalance of the analysis is made from: the columns behind its
 * lazily built rows, in a private field. Private, so not a key of the balance:
 * JSON, spreads, `Object.keys` and structured clones see the fields they saw
 * when the columns sat in a WeakMap, which cost ~2 µs to fill per balance and
 * ~80 ns per lookup (`savingIn`, `inputIn`) and made every GC trace ephemerons.
 */
class ColumnsBalance {
  readonly #columns: YearColumns;

  constructor(columns: YearColumns) {
    this.#columns = columns;
  }

  /** The columns of a balance the analysis built; undefined for a copy (a spread, a clone). */
  static columnsOf(balance: PartyBalance): YearColumns | undefined {
    return #columns in balance ? (balance as unknown as ColumnsBalance).#columns : undefined;
  }
}
// Per agreement and party, for one check (see hiddenClasses.ts).
keepHiddenClass(new ColumnsBalance(new YearColumns(0, 1, 0)));

const LAZY_ROWS: PropertyDescriptor = {
  get(this: PartyBalance): readonly YearRow[] {
    const columns = ColumnsBalance.columnsOf(this)!;
    return (columns.rows ??= columns.yearRows());
  },
  enumerable: true,
  configurable: true,
};

/** A PartyBalance over `c`: every one is built here, field by field in this order, so that all share one chain of hidden classes. */
function newPartyBalance(
  c: YearColumns,
  party: string,
  side: Side | undefined,
  totals: PartyBalance["totals"],
  atHorizon: number,
  breakEven: number | undefined,
  atPeriodEnd: number,
  breakEvenByPeriodEnd: number | undefined,
  periodInput: number,
  periodGrant: number,
): PartyBalance {
  const balance = new ColumnsBalance(c) as unknown as { -readonly [K in keyof PartyBalance]: PartyBalance[K] };
  balance.party = party;
  balance.side = side;
  // The year rows are what hover, reports and the balance view read, for the
  // agreements they show: built from the columns on first use, not for every
  // agreement of the workspace (nine fields, seven of them boxed doubles, per
  // party and year were a quarter of the analysis' memory). An own enumerable
  // accessor, so that spreads, JSON and Object.keys see `rows` as before; one
  // shared getter, so that every PartyBalance keeps one hidden class.
  Object.defineProperty(balance, "rows", LAZY_ROWS);
  balance.totals = totals;
  balance.atHorizon = atHorizon;
  balance.breakEven = breakEven;
  balance.atPeriodEnd = atPeriodEnd;
  balance.breakEvenByPeriodEnd = breakEvenByPeriodEnd;
  balance.periodInput = periodInput;
  balance.periodGrant = periodGrant;
  return balance;
}
// Per agreement and party, for one check (see hiddenClasses.ts): the class
// alone kept only the empty balance's hidden class, so every full GC freed the
// filled one's and deoptimised what reads balances (savingIn, checkParties,
// checkContinuation, …). Fields as general as the analysis makes them: a side
// or none, a year or none, fractional amounts.
/** A balance as general as the analysis makes one, with a side and a year or with neither. */
function keptBalance(side: Side | undefined, year: number | undefined): PartyBalance {
  const totals = { input: 0.5, grant: 0.5, saving: 0.5, transferIn: 0.5, transferOut: 0.5, net: 0.5 };
  return newPartyBalance(new YearColumns(0, 1, 0), "", side, totals, 0.5, year, 0.5, year, 0.5, 0.5);
}
keepHiddenClass(keptBalance(undefined, undefined));
keepHiddenClass(keptBalance("kommunal", 2028));

// Amounts kept with the analysis are mostly whole kroner. A field V8 has seen
// hold only numbers, some fractional, is a "double" field: every value boxed
// in its own 16-byte HeapNumber, ~61 000 of them (~1 MB) for 1 000 agreements.
// A field that has also held something else is "tagged": a whole number in
// it is a small integer in the field itself, and only a fractional one is
// boxed. These instances, kept for the life of the process (so their hidden
// classes are the ones every balance, totals and flow amount gets), hold
// null where the analysis keeps amounts; the analysis never sees them.
{
  const tagged = keptBalance("kommunal", 2028) as unknown as Record<string, unknown>;
  for (const field of ["atHorizon", "atPeriodEnd", "periodInput", "periodGrant"] as const satisfies readonly (keyof PartyBalance)[]) tagged[field] = null;
  keepHiddenClass(tagged);
  keepHiddenClass({ input: null, grant: null, saving: null, transferIn: null, transferOut: null, net: null } satisfies Record<keyof PartyBalance["totals"], null>);
  keepHiddenClass({ role: null, flow: null, clause: null, perYear: null, years: null } satisfies Record<keyof FlowAmount, null>);
}

/** A party's savings in `year` (0 outside the balance window): `rows.find(r => r.year === year)?.saving ?? 0` without building the rows. */
export function savingIn(party: PartyBalance, year: number): number {
  const columns = ColumnsBalance.columnsOf(party);
  return columns ? columns.inYear(SAVING, year) : (party.rows.find((r) => r.year === year)?.saving ?? 0);
}

/** A party's own input in `year` (0 outside the balance window), like `savingIn`. */
export function inputIn(party: PartyBalance, year: number): number {
  const columns = ColumnsBalance.columnsOf(party);
  return columns ? columns.inYear(INPUT, year) : (party.rows.find((r) => r.year === year)?.input ?? 0);
}

// computeBalance's helpers are module functions, not closures made per
// agreement: a closure's optimised code is held only weakly by its feedback
// vector, so each full GC freed it and every agreement after the collection
// ran these loops in the interpreter until TurboFan compiled them again
// (partyBalance alone took 17–59 ms to compile, after every GC).

/** Each party's YearColumns, in the order of `parties` (names are unique there), over one balance window. */
class PartyColumns {
  readonly list: YearColumns[] = [];
  /** By name for a long list (as `PartyIndex`), so that filling the columns stays linear. */
  private readonly byName: Map<string, YearColumns> | undefined;

  constructor(
    readonly parties: readonly Party[],
    readonly firstYear: number,
    readonly count: number,
    periodEnd: number,
  ) {
    for (let p = 0; p < parties.length; p++) this.list.push(new YearColumns(firstYear, count, periodEnd));
    if (parties.length > PARTY_SCAN_LIMIT) {
      this.byName = new Map();
      for (let p = 0; p < parties.length; p++) this.byName.set(parties[p]!.name, this.list[p]!);
    }
  }

  of(party: string): YearColumns | undefined {
    if (this.byName) return this.byName.get(party);
    for (let p = 0; p < this.parties.length; p++) if (this.parties[p]!.name === party) return this.list[p];
    return undefined;
  }

  /** Adds `amount` to `party`'s column in `year`; a year after the horizon is not counted. */
  add(party: string, column: Column, year: number, amount: number): void {
    const index = year - this.firstYear;
    if (index < 0 || index >= this.count) return;
    this.of(party)?.add(column, index, amount);
  }
}
// One per agreement (see hiddenClasses.ts).
keepHiddenClass(new PartyColumns([], 0, 1, 0));

function inPeriod(period: { readonly from: number; readonly to: number }, year: number): boolean {
  return year >= period.from && year <= period.to;
}

/** One party's (or the total's) balance over its columns. */
function partyBalance(party: string, side: Side | undefined, c: YearColumns, period: { readonly from: number; readonly to: number }): PartyBalance {
  const firstYear = c.firstYear;
  const yearCount = c.count;
  let cumulative = 0;
  let periodInput = 0;
  let periodGrant = 0;
  let atPeriodEnd = 0;
  // breakEvenYear() over the rows, and over the rows up to the end of `periode` (a prefix: rows are in year order).
  let breakEven: number | undefined;
  let breakEvenByPeriodEnd: number | undefined;
  const totals = { input: 0, grant: 0, saving: 0, transferIn: 0, transferOut: 0, net: 0 };
  for (let i = 0; i < yearCount; i++) {
    const year = firstYear + i;
    const net = c.net(i);
    cumulative += net;
    totals.input += c.at(INPUT, i);
    totals.grant += c.at(GRANT, i);
    totals.saving += c.at(SAVING, i);
    totals.transferIn += c.at(TRANSFER_IN, i);
    totals.transferOut += c.at(TRANSFER_OUT, i);
    totals.net += net;
    if (inPeriod(period, year)) {
      periodInput += c.at(INPUT, i);
      periodGrant += c.at(GRANT, i);
    }
    if (year === period.to) atPeriodEnd = cumulative;
    const even = cumulative >= -EPSILON;
    breakEven = even ? (breakEven ?? year) : undefined;
    if (year <= period.to) breakEvenByPeriodEnd = breakEven;
  }
  return newPartyBalance(c, party, side, totals, cumulative, breakEven, atPeriodEnd, breakEvenByPeriodEnd, periodInput, periodGrant);
}

function computeBalance(resolved: ResolvedAgreement, flows: readonly FlowAmount[], horizon: number, horizonExplicit: boolean, horizonExtended: boolean): Balance {
  const period = resolved.period!;
  let firstYear = period.from;
  for (const flow of flows) for (const year of flow.years) if (year < firstYear && flow.perYear !== undefined) firstYear = year;
  const lastYear = Math.max(horizon, firstYear);
  const yearCount = lastYear - firstYear + 1;

  // One YearColumns per party, in the order of `parties`; loops go by index.
  const parties = resolved.parties;
  const columns = new PartyColumns(parties, firstYear, yearCount, period.to);
  const columnList = columns.list;
  const index = resolved.partyByName;

  for (const flow of flows) {
    if (flow.perYear === undefined) continue;
    const clause = flow.clause;
    if (clause.kind === "input" && index.isPartyRef(clause.party)) {
      for (const year of flow.years) columns.add(clause.party.text, INPUT, year, flow.perYear);
    } else if (clause.kind === "saving" && index.isPartyRef(clause.party)) {
      for (const year of flow.years) columns.add(clause.party.text, SAVING, year, flow.perYear);
    } else if (clause.kind === "transfer" && index.isPartyRef(clause.from) && index.isPartyRef(clause.to) && clause.from.text !== clause.to.text) {
      for (const year of flow.years) {
        columns.add(clause.from.text, TRANSFER_OUT, year, flow.perYear);
        columns.add(clause.to.text, TRANSFER_IN, year, flow.perYear);
      }
    }
  }

  // Own input over the whole period, per party: the fallback key of the grant split.
  const periodInputs: number[] = [];
  let totalPeriodInput = 0;
  for (const c of columnList) {
    let sum = 0;
    for (let i = 0; i < yearCount; i++) if (inPeriod(period, firstYear + i)) sum += c.at(INPUT, i);
    periodInputs.push(sum);
    totalPeriodInput += sum;
  }

  // Grants (spec §5.4): by `til` shares, or else in proportion to the parties'
  // own input that year; in a year without any own input, in proportion to
  // own input over the period, and equally when there is none at all — so no
  // krone of grant disappears from the figures. Those years are HFA310's.
  const grantWithoutInput: GrantFallback[] = [];
  for (const flow of flows) {
    if (flow.perYear === undefined || flow.clause.kind !== "grant") continue;
    const clause = flow.clause;
    const shares = clause.shares;
    const fallbackYears: number[] = [];
    const unsupported = new Set<string>();
    for (const year of flow.years) {
      const index = year - firstYear;
      if (index < 0 || index >= yearCount) continue;
      let totalInput = 0;
      for (const c of columnList) totalInput += c.at(INPUT, index);
      if (shares && shares.length > 0) {
        for (const share of shares) {
          if (!resolved.partyByName.isPartyRef(share.party)) continue;
          columns.add(share.party.text, GRANT, year, (flow.perYear * share.percent.value) / 100);
          // A party with no own input at all is HFA306's, not HFA310's (spec §5.6).
          const own = columns.of(share.party.text)!;
          if (own.hasInput() && own.at(INPUT, index) <= 0 && share.percent.value > 0) {
            unsupported.add(share.party.text);
            if (!fallbackYears.includes(year)) fallbackYears.push(year);
          }
        }
      } else if (totalInput > 0) {
        for (const c of columnList) c.add(GRANT, index, (flow.perYear * c.at(INPUT, index)) / totalInput);
      } else {
        fallbackYears.push(year);
        if (columnList.length === 0) continue;
        for (let p = 0; p < columnList.length; p++) {
          const key = totalPeriodInput > 0 ? periodInputs[p]! / totalPeriodInput : 1 / columnList.length;
          columnList[p]!.add(GRANT, index, flow.perYear * key);
        }
      }
    }
    if (fallbackYears.length > 0) grantWithoutInput.push({ clause, years: fallbackYears, parties: [...unsupported] });
  }

  const balances: PartyBalance[] = [];
  for (let p = 0; p < parties.length; p++) balances.push(partyBalance(parties[p]!.name, parties[p]!.side, columnList[p]!, period));
  const sum = new YearColumns(firstYear, yearCount, period.to);
  for (const c of columnList) {
    for (let i = 0; i < yearCount; i++) {
      sum.add(INPUT, i, c.at(INPUT, i));
      sum.add(GRANT, i, c.at(GRANT, i));
      sum.add(SAVING, i, c.at(SAVING, i));
      sum.add(TRANSFER_IN, i, c.at(TRANSFER_IN, i));
      sum.add(TRANSFER_OUT, i, c.at(TRANSFER_OUT, i));
    }
  }
  const total = partyBalance("total", undefined, sum, period);
  let firstInputYear: number | undefined;
  for (let i = 0; i < yearCount; i++) {
    if (sum.at(INPUT, i) > 0) {
      firstInputYear = firstYear + i;
      break;
    }
  }
  return {
    firstYear,
    horizon: lastYear,
    horizonExplicit,
    parties: fitted(balances),
    total,
    firstInputYear,
    period: { from: period.from, to: period.to },
    horizonExtended,
    grantWithoutInput,
  };
}

/** Rounding noise must not decide a break-even year. */
const EPSILON = 0.005;

/** `900 000 kr per år (2025–2027)`: the hover / inlay text of a flow. */
export function describeFlow(flow: FlowAmount, locale: "nb" | "en"): string | undefined {
  if (flow.perYear === undefined) return undefined;
  const years = flow.years;
  const span = years.length === 0 ? "" : years.length === 1 ? ` (${years[0]})` : ` (${years[0]}–${years[years.length - 1]})`;
  if (flow.flow.schedule.kind === "once") return `${formatKr(flow.perYear, locale)}${span}`;
  return `${formatKr(flow.perYear, locale)} ${locale === "nb" ? "per år" : "a year"}${span}`;
}
