/**
 * The horizon and the continuation (spec §5.3–5.4): a horizon may not cut off
 * committed own input (HFA407) nor run unbounded (HFA408), and savings in the
 * years after `periode` need the running costs that produce them (HFA406).
 */
import type * as Ast from "../../../../grammar/src/ast.js";
import { fitted } from "../../../../grammar/src/fitted.js";
import { horizonItemOf, inputIn, savingIn, yearList, type Balance, type MoneyModel } from "../agreement/money.js";
import type { ResolvedAgreement } from "../agreement/resolve.js";
import type { Fix, TextEdit } from "../diagnostics.js";
import { formatKr, joinList } from "../i18n.js";
import type { CheckContext } from "./context.js";

export function checkHorizon(resolved: ResolvedAgreement, ctx: CheckContext): void {
  const period = resolved.period;
  const item = horizonItemOf(resolved.node);
  // An invalid period silences every rule that compares years with it (spec §5.2).
  if (!period || period.to < period.from || !item || item.year.placeholder) return;
  const horizon = item.year.value;
  if (horizon < period.to) {
    ctx.report(
      "HFA407",
      item.year,
      ctx.say(
        `Horisonten ${horizon} ligger før avtaleperioden slutter (${period.to}): innsatsen i ${yearList(range(horizon + 1, period.to), "nb")} ville falt ut av balansen. Skriv «horisont ${period.to}» eller senere.`,
        `The horizon ${horizon} lies before the agreement period ends (${period.to}): the own input of ${yearList(range(horizon + 1, period.to), "en")} would drop out of the balance. Write "horisont ${period.to}" or later.`,
      ),
      { fixes: [{ title: ctx.say(`Sett horisonten til ${period.to}`, `Set the horizon to ${period.to}`), edits: [{ start: item.year.start, end: item.year.end, newText: String(period.to) }], preferred: true }] },
    );
    return;
  }
  const max = ctx.config.maxHorizonYears;
  if (horizon > period.to + max) {
    ctx.report(
      "HFA408",
      item.year,
      ctx.say(
        `Horisonten ${horizon} ligger ${horizon - period.to} år etter avtaleperioden; høyst ${max} år (${period.to + max}) er tillatt, fordi besparelser så langt fram er usikre. Skriv «horisont ${period.to + max}» eller tidligere, eller endre «balance.maxHorizonYears» i hfa.json.`,
        `The horizon ${horizon} lies ${horizon - period.to} years after the agreement period; at most ${max} years (${period.to + max}) are allowed, because savings that far ahead are uncertain. Write "horisont ${period.to + max}" or earlier, or change "balance.maxHorizonYears" in hfa.json.`,
      ),
      { fixes: [{ title: ctx.say(`Sett horisonten til ${period.to + max}`, `Set the horizon to ${period.to + max}`), edits: [{ start: item.year.start, end: item.year.end, newText: String(period.to + max) }], preferred: true }] },
    );
  }
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let y = from; y <= to; y++) out.push(y);
  return out;
}

/**
 * HFA406: savings counted in continuation years in which no party has own
 * input. One diagnostic per agreement, naming the years and each party's
 * savings in them, with both answers as quick fixes.
 */
export function checkContinuation(resolved: ResolvedAgreement, money: MoneyModel, ctx: CheckContext): void {
  const balance = money.balance;
  if (!balance || money.input.invalidInput) return;
  const { period } = balance;
  // The continuation years of the balance window (after `periode`, up to the horizon), in year order.
  const years: number[] = [];
  for (let year = Math.max(balance.firstYear, period.to + 1); year <= balance.horizon; year++) {
    if (inputIn(balance.total, year) <= 0 && savingIn(balance.total, year) > 0) years.push(year);
  }
  if (years.length === 0) return;
  // Loops, not array callbacks: a closure made per agreement loses its
  // optimised code at every full GC (see computeBalance's helpers in money.ts).
  const savings: { party: string; amount: number }[] = [];
  for (const p of balance.parties) {
    let amount = 0;
    for (const year of years) amount += savingIn(p, year);
    if (amount > 0) savings.push({ party: p.party, amount });
  }
  // The first saving clause counted in those years anchors the diagnostic.
  let savingClause: Ast.SavingClause | undefined;
  for (const f of money.flows) {
    if (f.clause.kind !== "saving" || f.perYear === undefined || !resolved.partyByName.isPartyRef(f.clause.party)) continue;
    if (sharesAYear(f.years, years)) {
      savingClause = f.clause;
      break;
    }
  }
  const lastYear = years[years.length - 1]!; // rows are in year order
  ctx.report(
    "HFA406",
    savingClause ? savingClause.flow.schedule : resolved.node.name.text ? resolved.node.name : resolved.node,
    continuationMessage(years, period, savings, lastYear, ctx.locale),
    // On most agreements: its two fixes are built only where something offers them (not for `hfa check`).
    ctx.keepFixes ? { fixes: continuationFixes(resolved, money, balance, lastYear, ctx) } : undefined,
  );
}

/** HFA406's message in `locale` (this message is on most agreements: built in one language, by module functions). */
function continuationMessage(
  years: readonly number[],
  period: Balance["period"],
  savings: readonly { party: string; amount: number }[],
  lastYear: number,
  locale: "nb" | "en",
): string {
  const parts: string[] = [];
  for (const s of savings) parts.push(`${s.party} ${formatKr(s.amount, locale)}`);
  const list = joinList(parts, locale);
  return locale === "nb"
    ? `Besparelser i ${yearList(years, "nb")}, etter avtaleperioden ${period.from}–${period.to}, uten at noen part har innsats de årene (${list}): ingen har ført opp hva det koster å drive tiltaket videre. Før opp driftskostnaden med «innsats … per år til ${lastYear}», eller la besparelsene slutte med perioden («… til ${period.to}»). Gir en engangsinvestering varig effekt, unntak regelen med en begrunnelse.`
    : `Savings in ${yearList(years, "en")}, after the agreement period ${period.from}–${period.to}, while no party has own input in those years (${list}): nobody entered what it costs to keep the measure running. Enter the running cost with "innsats … per år til ${lastYear}", or end the savings with the period ("… til ${period.to}"). If a one-off investment has a lasting effect, suppress the rule with a reason.`;
}

function hasYearAfter(years: readonly number[], last: number): boolean {
  for (const year of years) if (year > last) return true;
  return false;
}

/** Whether the two lists of years have one in common. */
function sharesAYear(a: readonly number[], b: readonly number[]): boolean {
  for (const year of a) if (b.includes(year)) return true;
  return false;
}

function continuationFixes(resolved: ResolvedAgreement, money: MoneyModel, balance: Balance, horizon: number, ctx: CheckContext): Fix[] {
  const { period } = balance;
  const fixes: Fix[] = [];
  // 1. The own input that runs to the end of the period runs on to the horizon.
  const inputEdits: TextEdit[] = [];
  for (const flow of money.flows) {
    const clause = flow.clause;
    if (clause.kind !== "input" || flow.perYear === undefined || !resolved.partyByName.isPartyRef(clause.party)) continue;
    const schedule = clause.flow.schedule;
    if (schedule.kind !== "yearly" || flow.years[flow.years.length - 1] !== period.to) continue;
    inputEdits.push(untilEdit(schedule, horizon));
  }
  if (inputEdits.length > 0) {
    fixes.push({
      title: ctx.say(`Før opp driftskostnaden: innsatsen løper til ${horizon}`, `Enter the running cost: the own input runs to ${horizon}`),
      edits: fitted(inputEdits),
    });
  }
  // 2. The savings end with the period.
  const savingEdits: TextEdit[] = [];
  for (const flow of money.flows) {
    const clause = flow.clause;
    if (clause.kind !== "saving" || flow.perYear === undefined) continue;
    const schedule = clause.flow.schedule;
    if (schedule.kind !== "yearly" || !hasYearAfter(flow.years, period.to)) continue;
    if ((schedule.from?.value ?? period.from) > period.to) continue; // would leave no year
    savingEdits.push(untilEdit(schedule, period.to));
  }
  if (savingEdits.length > 0) {
    fixes.push({
      title: ctx.say(`La besparelsene slutte med perioden (til ${period.to})`, `End the savings with the period (til ${period.to})`),
      edits: fitted(savingEdits),
    });
  }
  return fitted(fixes);
}

/** Sets a yearly schedule's last year: replaces its `til` year, or adds `til <year>` after it. */
function untilEdit(schedule: Extract<Ast.Schedule, { kind: "yearly" }>, year: number): TextEdit {
  if (schedule.to) return { start: schedule.to.start, end: schedule.to.end, newText: String(year) };
  return { start: schedule.end, end: schedule.end, newText: ` til ${year}` };
}
