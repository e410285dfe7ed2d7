/**
 * Money (spec §5.3–5.4): what each flow is worth in kroner per year, and per
 * party and year own input, grant received, savings, transfers, net,
 * cumulative net and break-even.
 *
 * A flow that is invalid (HFA101/304/801/802/803…) is reported where it is
 * found and left out here, so one mistake does not cascade (spec §5.2).
 */
import type * as Ast from "../../../../grammar/src/ast.js";
import type { CheckContext } from "../checks/context.js";
import { formatKr } from "../i18n.js";
import { MAX_AMOUNT_KR, MAX_QUANTITY } from "../limits.js";
import type { DeclaredOf } from "../symbols.js";
import type { Party, ResolvedAgreement, Side } from "./resolve.js";

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
  readonly grant: number;
  readonly saving: number;
  readonly transferIn: number;
  readonly transferOut: number;
  readonly net: number;
  readonly cumulative: number;
}

export interface PartyBalance {
  readonly party: string;
  readonly side?: Side;
  readonly rows: readonly YearRow[];
  readonly totals: Omit<YearRow, "year" | "cumulative">;
  /** Cumulative net at the horizon. */
  readonly atHorizon: number;
  /** First year from which the cumulative net stays ≥ 0 to the horizon. */
  readonly breakEven?: number;
}

export interface Balance {
  readonly firstYear: number;
  readonly horizon: number;
  readonly horizonExplicit: boolean;
  readonly parties: readonly PartyBalance[];
  readonly total: PartyBalance;
  /** First year with any own input (HFA405). */
  readonly firstInputYear?: number;
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
        `Enhetene passer ikke: mengden er i ${value.unit.unit}, men satsen ${rate.name.text} er per ${rate.node.unit.unit}.`,
        `Units do not match: the quantity is in ${value.unit.unit}, but the rate ${rate.name.text} is per ${rate.node.unit.unit}.`,
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
function flowYears(schedule: Ast.Schedule, role: FlowRole, period: { from: number; to: number }, horizon: number): number[] {
  if (schedule.kind === "once") return [schedule.year.value];
  const first = schedule.from?.value ?? period.from;
  const last = schedule.to?.value ?? (role === "input" || role === "grant" ? period.to : horizon);
  const years: number[] = [];
  for (let year = first; year <= last && years.length <= 200; year++) years.push(year);
  return years;
}

export function horizonOf(resolved: ResolvedAgreement, defaultHorizonYears: number): { horizon: number; explicit: boolean } | undefined {
  for (const clause of resolved.node.clauses) {
    if (clause.kind !== "balance") continue;
    for (const item of clause.items) if (item.kind === "horizon") return { horizon: item.year.value, explicit: true };
  }
  if (!resolved.period) return undefined;
  return { horizon: resolved.period.to + defaultHorizonYears, explicit: false };
}

/**
 * Computes every flow and, when the period is known, the balance.
 * Reports HFA307, HFA801, HFA802.
 */
export function computeMoney(resolved: ResolvedAgreement, ctx: CheckContext): MoneyModel {
  const flows: FlowAmount[] = [];
  const grants: GrantYears[] = [];
  const period = resolved.period;
  const horizonInfo = horizonOf(resolved, ctx.config.defaultHorizonYears);

  const addFlow = (role: FlowRole, flow: Ast.Flow, clause: FlowAmount["clause"]): FlowAmount => {
    const perYear = valueAmount(flow.value, resolved, ctx, true);
    const years = period && horizonInfo ? flowYears(flow.schedule, role, period, horizonInfo.horizon) : [];
    const amount: FlowAmount = { role, flow, clause, perYear, years };
    flows.push(amount);
    // A reversed period is HFA601's alone (spec §5.2: no cascade).
    if (period && period.to >= period.from && (role === "input" || role === "grant")) {
      const outside = years.filter((y) => y < period.from || y > period.to);
      if (outside.length > 0) {
        const what = role === "input" ? ctx.say("Innsats", "Own input") : ctx.say("Tilskudd", "The grant");
        ctx.report(
          "HFA307",
          flow.schedule,
          ctx.say(
            `${what} i ${outside.join(", ")}, utenfor avtaleperioden ${period.from}–${period.to}.`,
            `${what} in ${outside.join(", ")}, outside the agreement period ${period.from}–${period.to}.`,
          ),
        );
      }
    }
    return amount;
  };

  for (const clause of resolved.node.clauses) {
    if (clause.kind === "input") addFlow("input", clause.flow, clause);
    else if (clause.kind === "saving") addFlow("saving", clause.flow, clause);
    else if (clause.kind === "grant") {
      const amount = addFlow("grant", clause.flow, clause);
      const scheme = resolved.schemes.get(clause.scheme);
      if (scheme && amount.perYear !== undefined) {
        grants.push({ scheme, clause, years: new Map(amount.years.map((y) => [y, amount.perYear!])) });
      }
    } else if (clause.kind === "balance") {
      for (const item of clause.items) if (item.kind === "transfer") addFlow("transfer", item.flow, item);
    }
  }

  if (!period || !horizonInfo || period.to < period.from) return { flows, grants };
  return { flows, grants, balance: computeBalance(resolved, flows, horizonInfo.horizon, horizonInfo.explicit) };
}

function computeBalance(resolved: ResolvedAgreement, flows: readonly FlowAmount[], horizon: number, horizonExplicit: boolean): Balance {
  const period = resolved.period!;
  let firstYear = period.from;
  for (const flow of flows) for (const year of flow.years) if (year < firstYear) firstYear = year;
  const lastYear = Math.max(horizon, firstYear);
  const yearCount = lastYear - firstYear + 1;

  type Columns = { input: number[]; grant: number[]; saving: number[]; transferIn: number[]; transferOut: number[] };
  const columns = new Map<string, Columns>();
  for (const party of resolved.parties) {
    columns.set(party.name, {
      input: new Array<number>(yearCount).fill(0),
      grant: new Array<number>(yearCount).fill(0),
      saving: new Array<number>(yearCount).fill(0),
      transferIn: new Array<number>(yearCount).fill(0),
      transferOut: new Array<number>(yearCount).fill(0),
    });
  }
  const add = (party: string, column: keyof Columns, year: number, amount: number) => {
    const index = year - firstYear;
    if (index < 0 || index >= yearCount) return; // after the horizon: not counted
    const target = columns.get(party);
    if (target) target[column][index]! += amount;
  };
  const valid = (ref: Ast.Name) => resolved.validPartyRefs.has(ref);

  for (const flow of flows) {
    if (flow.perYear === undefined) continue;
    const clause = flow.clause;
    if (clause.kind === "input" && valid(clause.party)) {
      for (const year of flow.years) add(clause.party.text, "input", year, flow.perYear);
    } else if (clause.kind === "saving" && valid(clause.party)) {
      for (const year of flow.years) add(clause.party.text, "saving", year, flow.perYear);
    } else if (clause.kind === "transfer" && valid(clause.from) && valid(clause.to)) {
      for (const year of flow.years) {
        add(clause.from.text, "transferOut", year, flow.perYear);
        add(clause.to.text, "transferIn", year, flow.perYear);
      }
    }
  }
  // Grants: by `til` shares, or else in proportion to the parties' own input that year.
  for (const flow of flows) {
    if (flow.perYear === undefined || flow.clause.kind !== "grant") continue;
    const shares = flow.clause.shares;
    for (const year of flow.years) {
      if (shares && shares.length > 0) {
        for (const share of shares) if (valid(share.party)) add(share.party.text, "grant", year, (flow.perYear * share.percent.value) / 100);
      } else {
        const index = year - firstYear;
        let totalInput = 0;
        for (const c of columns.values()) totalInput += c.input[index] ?? 0;
        if (totalInput <= 0) continue;
        for (const [party, c] of columns) add(party, "grant", year, (flow.perYear * (c.input[index] ?? 0)) / totalInput);
      }
    }
  }

  const partyBalance = (party: string, side: Side | undefined, c: Columns): PartyBalance => {
    const rows: YearRow[] = [];
    let cumulative = 0;
    const totals = { input: 0, grant: 0, saving: 0, transferIn: 0, transferOut: 0, net: 0 };
    for (let i = 0; i < yearCount; i++) {
      const net = c.saving[i]! + c.transferIn[i]! - c.transferOut[i]! - c.input[i]!;
      cumulative += net;
      rows.push({
        year: firstYear + i,
        input: c.input[i]!,
        grant: c.grant[i]!,
        saving: c.saving[i]!,
        transferIn: c.transferIn[i]!,
        transferOut: c.transferOut[i]!,
        net,
        cumulative,
      });
      totals.input += c.input[i]!;
      totals.grant += c.grant[i]!;
      totals.saving += c.saving[i]!;
      totals.transferIn += c.transferIn[i]!;
      totals.transferOut += c.transferOut[i]!;
      totals.net += net;
    }
    return { party, side, rows, totals, atHorizon: cumulative, breakEven: breakEvenYear(rows) };
  };

  const parties = resolved.parties.map((p: Party) => partyBalance(p.name, p.side, columns.get(p.name)!));
  const sum: Columns = {
    input: new Array<number>(yearCount).fill(0),
    grant: new Array<number>(yearCount).fill(0),
    saving: new Array<number>(yearCount).fill(0),
    transferIn: new Array<number>(yearCount).fill(0),
    transferOut: new Array<number>(yearCount).fill(0),
  };
  for (const c of columns.values()) {
    for (let i = 0; i < yearCount; i++) {
      sum.input[i]! += c.input[i]!;
      sum.grant[i]! += c.grant[i]!;
      sum.saving[i]! += c.saving[i]!;
      sum.transferIn[i]! += c.transferIn[i]!;
      sum.transferOut[i]! += c.transferOut[i]!;
    }
  }
  const total = partyBalance("total", undefined, sum);
  let firstInputYear: number | undefined;
  for (const row of total.rows) {
    if (row.input > 0) {
      firstInputYear = row.year;
      break;
    }
  }
  return { firstYear, horizon: lastYear, horizonExplicit, parties, total, firstInputYear };
}

/** Rounding noise must not decide a break-even year. */
const EPSILON = 0.005;

function breakEvenYear(rows: readonly YearRow[]): number | undefined {
  let candidate: number | undefined;
  for (const row of rows) {
    if (row.cumulative >= -EPSILON) candidate ??= row.year;
    else candidate = undefined;
  }
  return candidate;
}

/** `900 000 kr per år (2025–2027)`: the hover / inlay text of a flow. */
export function describeFlow(flow: FlowAmount, locale: "nb" | "en"): string | undefined {
  if (flow.perYear === undefined) return undefined;
  const years = flow.years;
  const span = years.length === 0 ? "" : years.length === 1 ? ` (${years[0]})` : ` (${years[0]}–${years[years.length - 1]})`;
  if (flow.flow.schedule.kind === "once") return `${formatKr(flow.perYear, locale)}${span}`;
  return `${formatKr(flow.perYear, locale)} ${locale === "nb" ? "per år" : "a year"}${span}`;
}
