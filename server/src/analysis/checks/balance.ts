/**
 * Resources balanced against future savings (HFA401–HFA405): the second
 * thing the grant's allocation condition asks an agreement to make clear.
 */
import type * as Ast from "../../../../grammar/src/ast.js";
import { keywordSpan } from "../../../../grammar/src/ast.js";
import { savingIn, yearList, type Balance, type MoneyModel, type PartyBalance } from "../agreement/money.js";
import type { ResolvedAgreement } from "../agreement/resolve.js";
import { formatKr, formatSignedKr, joinList, wordCount } from "../i18n.js";
import { clauseKindOf } from "./structure.js";
import { insertClauseFix } from "./templates.js";
import { sideWords } from "./parties.js";
import type { CheckContext } from "./context.js";

export function checkBalance(resolved: ResolvedAgreement, money: MoneyModel, ctx: CheckContext): void {
  const node = resolved.node;
  const anchor = node.name.text ? node.name : node;
  if (!node.clauses.some((c) => clauseKindOf(c) === "saving")) {
    ctx.report(
      "HFA401",
      anchor,
      ctx.say(
        `Avtalen ${node.name.text} har ingen «besparelse»: partenes innsats er ikke balansert mot framtidige besparelser, slik tildelingsvilkåret krever. Før opp hva hver part sparer: «besparelse <part> <beløp> per år fra <år> "<hva som spares>"».`,
        `Agreement ${node.name.text} has no "besparelse": the parties' input is not balanced against future savings, as the allocation condition requires. Write what each party saves as a clause: besparelse <party> <amount> per år fra <year> "<what is saved>".`,
      ),
      { fixes: insertClauseFix(node, "saving", ctx) },
    );
  }
  const balance = money.balance;
  if (!balance || resolved.parties.length === 0) return;
  const balanceClause = node.clauses.find((c): c is Ast.BalanceClause => c.kind === "balance");
  const balanceAnchor = balanceClause ? keywordSpan(balanceClause) : anchor;

  // Left-out money clauses or a horizon inside the period (HFA407) would make a verdict on the split a cascade.
  if (money.complete && !balance.horizonExtended) checkImbalance(resolved, balance, balanceClause, balanceAnchor, ctx);
  checkTiming(resolved, money, balance, ctx);

  if (balance.total.breakEven === undefined) {
    const shortfall = -balance.total.atHorizon;
    ctx.report(
      "HFA403",
      anchor,
      ctx.say(
        () => `Avtalen går ikke i balanse innen ${balance.horizon}: samlet mangler ${formatKr(shortfall, "nb")} på at besparelsene dekker partenes innsats.`,
        () => `The agreement does not break even by ${balance.horizon}: in total, savings fall ${formatKr(shortfall, "en")} short of the parties' input.`,
      ),
    );
  }
  ctx.report("HFA404", balanceAnchor, breakEvenSummary(balance, ctx));
}

function breakEvenSummary(balance: Balance, ctx: CheckContext): string {
  // The longest message, on every agreement: built in the user's language
  // only, by module functions and a loop (a closure made per agreement loses
  // its optimised code at every full GC: see computeBalance's helpers in money.ts).
  const locale = ctx.locale;
  // Joined, not concatenated in the loop: one flat string kept with the
  // diagnostic, not a chain of cons strings per party.
  const described: string[] = [];
  for (const p of balance.parties) described.push(`${p.party} ${describeBreakEven(p, balance.horizon, locale)}`);
  const parties = described.join("; ");
  return locale === "nb"
    ? `Balanse ${balance.firstYear}–${balance.horizon}: ${parties}. Samlet: ${describeBreakEven(balance.total, balance.horizon, locale)}.`
    : `Balance ${balance.firstYear}–${balance.horizon}: ${parties}. In total: ${describeBreakEven(balance.total, balance.horizon, locale)}.`;
}

function describeBreakEven(p: PartyBalance, horizon: number, locale: "nb" | "en"): string {
  const net = formatSignedKr(p.atHorizon, locale);
  if (locale === "nb") {
    return p.breakEven !== undefined ? `i balanse fra ${p.breakEven} (netto ${net})` : `ikke i balanse innen ${horizon} (netto ${net})`;
  }
  return p.breakEven !== undefined ? `breaks even in ${p.breakEven} (net ${net})` : `does not break even by ${horizon} (net ${net})`;
}

/** HFA402: someone bears a net cost at the horizon while someone else gains. */
function checkImbalance(resolved: ResolvedAgreement, balance: Balance, clause: Ast.BalanceClause | undefined, anchor: Ast.Span, ctx: CheckContext): void {
  const tolerance = ctx.config.balanceTolerance;
  // Loops, not `filter` with closures made per agreement (see breakEvenSummary).
  const losers: PartyBalance[] = [];
  const gainers: PartyBalance[] = [];
  for (const p of balance.parties) {
    if (p.atHorizon < -tolerance * p.totals.input - 0.005) losers.push(p);
    if (p.atHorizon > 0.005) gainers.push(p);
  }
  if (losers.length === 0 || gainers.length === 0) return;
  losers.sort((a, b) => a.atHorizon - b.atHorizon);
  gainers.sort((a, b) => b.atHorizon - a.atHorizon);
  const minWords = ctx.config.justificationMinWords;
  const justification = clause?.items.find((i): i is Ast.JustificationItem => i.kind === "justification");
  const text = justification?.text.value ?? "";
  const longEnough = justification !== undefined && !justification.text.placeholder && wordCount(text) >= minWords;
  const unnamed = losers.filter((p) => !namesParty(text, p.party, resolved));
  if (longEnough && unnamed.length === 0) return;

  const gainer = gainers[0]!;
  const period = balance.period;
  const span = `${balance.firstYear}–${balance.horizon}`;
  const names = (locale: "nb" | "en") => joinList(losers.map((p) => p.party), locale);
  const losses = (locale: "nb" | "en") => joinList(losers.map((p) => formatKr(-p.atHorizon, locale)), locale);
  let nb =
    losers.length === 1
      ? `${losers[0]!.party} har et samlet netto tap på ${losses("nb")} i ${span}, mens ${gainer.party} har en netto gevinst på ${formatKr(gainer.atHorizon, "nb")}.`
      : `${names("nb")} har et samlet netto tap på henholdsvis ${losses("nb")} i ${span}, mens ${gainer.party} har en netto gevinst på ${formatKr(gainer.atHorizon, "nb")}.`;
  let en =
    losers.length === 1
      ? `${losers[0]!.party} has a total net loss of ${losses("en")} in ${span}, while ${gainer.party} has a net gain of ${formatKr(gainer.atHorizon, "en")}.`
      : `${names("en")} have total net losses of ${losses("en")} respectively in ${span}, while ${gainer.party} has a net gain of ${formatKr(gainer.atHorizon, "en")}.`;
  const loserSides = new Set(losers.map((p) => p.side));
  if (loserSides.size === 1 && losers[0]!.side && gainer.side && losers[0]!.side !== gainer.side) {
    nb += ` Kostnaden faller på ${sideWords(losers[0]!.side, "nb")}, mens gevinsten tilfaller ${sideWords(gainer.side, "nb")}.`;
    en += ` The cost falls on ${sideWords(losers[0]!.side, "en")}, while the gain goes to ${sideWords(gainer.side, "en")}.`;
  }
  // The yearly transfer from the largest gainer, over the years it saves, that
  // brings each loser within the tolerance (rounded up to whole thousands).
  const savingYears = gainer.rows.filter((r) => r.saving > 0).map((r) => r.year);
  const first = savingYears[0] ?? period.from;
  const last = savingYears[savingYears.length - 1] ?? balance.horizon;
  const years = last - first + 1;
  const schedule = years === 1 ? `i ${first}` : `per år fra ${first}${last === balance.horizon ? "" : ` til ${last}`}`;
  const transfers = losers.map((p) => {
    const needed = -tolerance * p.totals.input - p.atHorizon;
    const perYear = Math.ceil(needed / years / 1000) * 1000;
    return { party: p.party, perYear, clause: `overføring ${gainer.party} til ${p.party} ${formatKr(perYear, "nb")} ${schedule}` };
  });
  nb += ` En overføring som utjevner dette: ${joinList(transfers.map((t) => `«${t.clause}»`), "nb")} i «balanse».`;
  en += ` A transfer that evens this out: ${joinList(transfers.map((t) => `"${t.clause}"`), "en")} in "balanse".`;
  if (justification) {
    if (!longEnough) {
      nb += ` Begrunnelsen i «balanse» teller ikke: den har ${justification.text.placeholder ? "en plassholder" : `${wordCount(text)} ord`}, og minst ${minWords} ord trengs.`;
      en += ` The justification in "balanse" does not count: it has ${justification.text.placeholder ? "a placeholder" : `${wordCount(text)} words`}, and at least ${minWords} are needed.`;
    }
    if (unnamed.length > 0) {
      nb += ` Begrunnelsen nevner ikke ${joinList(unnamed.map((p) => p.party), "nb")}, som bærer kostnaden; den må si hvorfor fordelingen er riktig for ${unnamed.length === 1 ? "den parten" : "de partene"}.`;
      en += ` The justification does not name ${joinList(unnamed.map((p) => p.party), "en")}, who bear${unnamed.length === 1 ? "s" : ""} the cost; it must say why the split is right for ${unnamed.length === 1 ? "that party" : "those parties"}.`;
    }
  } else {
    nb += ` Eller begrunn fordelingen med «begrunnelse» (minst ${minWords} ord, og nevn ${joinList(losers.map((p) => p.party), "nb")}).`;
    en += ` Or justify the split with "begrunnelse" (at least ${minWords} words, naming ${joinList(losers.map((p) => p.party), "en")}).`;
  }
  ctx.report("HFA402", anchor, ctx.say(nb, en));
}

/** Whether a justification names the party, by its name or its official name (case-insensitive, whole words). */
function namesParty(text: string, party: string, resolved: ResolvedAgreement): boolean {
  const lower = text.toLowerCase();
  const names = [party, resolved.partyByName.get(party)?.decl.node.title.value ?? ""].filter((n) => n !== "");
  return names.some((name) => {
    const needle = name.toLowerCase();
    let at = lower.indexOf(needle);
    while (at >= 0) {
      const before = lower.charAt(at - 1);
      const after = lower.charAt(at + needle.length);
      if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
      at = lower.indexOf(needle, at + 1);
    }
    return false;
  });
}

/** HFA405, inside the balance window only: savings before any input; transfers larger than the payer's savings. */
function checkTiming(resolved: ResolvedAgreement, money: MoneyModel, balance: Balance, ctx: CheckContext): void {
  const firstInput = balance.firstInputYear;
  const inWindow = (y: number) => y >= balance.firstYear && y <= balance.horizon;
  let savingsOf: Map<string, PartyBalance> | undefined; // built at the first transfer
  for (const flow of money.flows) {
    const clause = flow.clause;
    if (flow.perYear === undefined || flow.years.length === 0) continue;
    if (clause.kind === "saving" && firstInput !== undefined && resolved.partyByName.isPartyRef(clause.party)) {
      // A flow's years are in order: when the first is not early, none is.
      const early = flow.years[0]! < firstInput ? flow.years.filter((y) => y < firstInput && inWindow(y)) : [];
      if (early.length > 0) {
        ctx.report(
          "HFA405",
          clause.flow.schedule,
          ctx.say(
            () =>
              `Besparelse i ${yearList(early, "nb")}, før partene har noen innsats (første innsats er i ${firstInput}). Besparelser kommer av tiltaket og kan ikke komme før det: la besparelsen begynne i ${firstInput} eller senere («fra ${firstInput}»), eller før opp innsatsen som gir den.`,
            () =>
              `Savings in ${yearList(early, "en")}, before the parties put in anything (the first input is in ${firstInput}). Savings result from the measure and cannot come before it: start the savings in ${firstInput} or later ("fra ${firstInput}"), or enter the input that produces them.`,
          ),
        );
      }
    }
    if (clause.kind === "transfer" && resolved.partyByName.isPartyRef(clause.from) && resolved.partyByName.isPartyRef(clause.to) && clause.from.text !== clause.to.text) {
      savingsOf ??= new Map(balance.parties.map((p) => [p.party, p]));
      const payer = savingsOf.get(clause.from.text);
      if (!payer) continue;
      const over = flow.years.filter((year) => inWindow(year) && flow.perYear! > savingIn(payer, year) + 0.005);
      if (over.length === 0) continue;
      const year = over[0]!;
      const saving = savingIn(payer, year);
      const from = clause.from.text;
      ctx.report(
        "HFA405",
        clause,
        ctx.say(
          () =>
            `Overføringen fra ${from} (${formatKr(flow.perYear!, "nb")} per år) er større enn det ${from} sparer i ${yearList(over, "nb")} (${formatKr(saving, "nb")} i ${year}). La overføringen begynne når ${from} har besparelser («fra <år>»), eller sett ned beløpet.`,
          () =>
            `The transfer from ${from} (${formatKr(flow.perYear!, "en")} a year) is larger than what ${from} saves in ${yearList(over, "en")} (${formatKr(saving, "en")} in ${year}). Start the transfer when ${from} has savings ("fra <year>"), or lower the amount.`,
        ),
      );
    }
  }
}
