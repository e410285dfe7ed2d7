/**
 * Resources balanced against future savings (HFA401–HFA405): the second
 * thing the grant's allocation condition asks an agreement to make clear.
 */
import type * as Ast from "../../../../grammar/src/ast.js";
import type { Balance, MoneyModel, PartyBalance } from "../agreement/money.js";
import type { ResolvedAgreement } from "../agreement/resolve.js";
import { formatKr, formatSignedKr, joinList, words } from "../i18n.js";
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
        `Avtalen ${node.name.text} har ingen «besparelse»: partenes innsats er ikke balansert mot framtidige besparelser, slik tildelingsvilkåret krever.`,
        `Agreement ${node.name.text} has no "besparelse": the parties' input is not balanced against future savings, as the allocation condition requires.`,
      ),
      { fixes: insertClauseFix(node, "saving", ctx) },
    );
  }
  const balance = money.balance;
  if (!balance || resolved.parties.length === 0) return;
  const balanceClause = node.clauses.find((c): c is Ast.BalanceClause => c.kind === "balance");
  const balanceAnchor = balanceClause ? balanceClause.keyword : anchor;

  checkImbalance(balance, balanceClause, balanceAnchor, ctx);
  checkTiming(resolved, money, balance, ctx);

  if (balance.total.breakEven === undefined) {
    const shortfall = -balance.total.atHorizon;
    ctx.report(
      "HFA403",
      anchor,
      ctx.say(
        `Avtalen går ikke i balanse innen ${balance.horizon}: samlet mangler ${formatKr(shortfall, "nb")} på at besparelsene dekker partenes innsats.`,
        `The agreement does not break even by ${balance.horizon}: in total, savings fall ${formatKr(shortfall, "en")} short of the parties' input.`,
      ),
    );
  }
  ctx.report("HFA404", balanceAnchor, breakEvenSummary(balance, ctx));
}

function breakEvenSummary(balance: Balance, ctx: CheckContext): string {
  // The longest message, on every agreement: built in the user's language only.
  const locale = ctx.locale;
  const describe = (p: PartyBalance) => {
    const net = formatSignedKr(p.atHorizon, locale);
    if (locale === "nb") {
      return p.breakEven !== undefined ? `i balanse fra ${p.breakEven} (netto ${net})` : `ikke i balanse innen ${balance.horizon} (netto ${net})`;
    }
    return p.breakEven !== undefined ? `breaks even in ${p.breakEven} (net ${net})` : `does not break even by ${balance.horizon} (net ${net})`;
  };
  const parties = balance.parties.map((p) => `${p.party} ${describe(p)}`).join("; ");
  return locale === "nb"
    ? `Balanse ${balance.firstYear}–${balance.horizon}: ${parties}. Samlet: ${describe(balance.total)}.`
    : `Balance ${balance.firstYear}–${balance.horizon}: ${parties}. In total: ${describe(balance.total)}.`;
}

/** HFA402: someone bears a net cost at the horizon while someone else gains. */
function checkImbalance(balance: Balance, clause: Ast.BalanceClause | undefined, anchor: Ast.Span, ctx: CheckContext): void {
  const tolerance = ctx.config.balanceTolerance;
  const losers = balance.parties
    .filter((p) => p.atHorizon < -tolerance * p.totals.input - 0.005)
    .sort((a, b) => a.atHorizon - b.atHorizon);
  const gainers = balance.parties.filter((p) => p.atHorizon > 0.005).sort((a, b) => b.atHorizon - a.atHorizon);
  if (losers.length === 0 || gainers.length === 0) return;
  const justification = clause?.items.find((i): i is Ast.JustificationItem => i.kind === "justification");
  if (justification && words(justification.text.value).length >= ctx.config.justificationMinWords) return;

  const loser = losers[0]!;
  const gainer = gainers[0]!;
  let nb = `${loser.party} bærer netto ${formatKr(-loser.atHorizon, "nb")} innen ${balance.horizon}, mens ${gainer.party} har ${formatKr(gainer.atHorizon, "nb")} i netto gevinst.`;
  let en = `${loser.party} bears a net ${formatKr(-loser.atHorizon, "en")} by ${balance.horizon}, while ${gainer.party} has a net gain of ${formatKr(gainer.atHorizon, "en")}.`;
  if (losers.length > 1) {
    nb += ` Også ${joinList(losers.slice(1).map((p) => p.party), "nb")} går i underskudd.`;
    en += ` ${joinList(losers.slice(1).map((p) => p.party), "en")} also end${losers.length > 2 ? "" : "s"} in deficit.`;
  }
  if (loser.side && gainer.side && loser.side !== gainer.side) {
    nb += ` Kostnaden faller på ${sideWords(loser.side, "nb")}, mens gevinsten tilfaller ${sideWords(gainer.side, "nb")}.`;
    en += ` The cost falls on ${sideWords(loser.side, "en")}, while the gain goes to ${sideWords(gainer.side, "en")}.`;
  }
  nb += ` Avtal en «overføring» i «balanse» som utjevner, eller begrunn fordelingen med «begrunnelse» (minst ${ctx.config.justificationMinWords} ord).`;
  en += ` Agree a transfer ("overføring") in "balanse" that evens this out, or justify the split with "begrunnelse" (at least ${ctx.config.justificationMinWords} words).`;
  ctx.report("HFA402", anchor, ctx.say(nb, en));
}

/** HFA405: savings before any input; transfers larger than the payer's savings. */
function checkTiming(resolved: ResolvedAgreement, money: MoneyModel, balance: Balance, ctx: CheckContext): void {
  const firstInput = balance.firstInputYear;
  const savingsOf = new Map(balance.parties.map((p) => [p.party, p]));
  for (const flow of money.flows) {
    const clause = flow.clause;
    if (flow.perYear === undefined || flow.years.length === 0) continue;
    if (clause.kind === "saving" && firstInput !== undefined) {
      const early = flow.years.filter((y) => y < firstInput);
      if (early.length > 0) {
        ctx.report(
          "HFA405",
          clause.flow.schedule,
          ctx.say(
            `Besparelse i ${early[0]}, før partene har noen innsats (første innsats er i ${firstInput}). Besparelser kommer av tiltaket og kan ikke komme før det.`,
            `Savings in ${early[0]}, before the parties put in anything (the first input is in ${firstInput}). Savings result from the measure and cannot come before it.`,
          ),
        );
      }
    }
    if (clause.kind === "transfer" && resolved.validPartyRefs.has(clause.from)) {
      const payer = savingsOf.get(clause.from.text);
      if (!payer) continue;
      for (const year of flow.years) {
        const saving = payer.rows.find((r) => r.year === year)?.saving ?? 0;
        if (flow.perYear > saving + 0.005) {
          ctx.report(
            "HFA405",
            clause,
            ctx.say(
              `Overføringen fra ${clause.from.text} i ${year} (${formatKr(flow.perYear, "nb")}) er større enn ${clause.from.text}s besparelse det året (${formatKr(saving, "nb")}).`,
              `The transfer from ${clause.from.text} in ${year} (${formatKr(flow.perYear, "en")}) is larger than ${clause.from.text}'s savings that year (${formatKr(saving, "en")}).`,
            ),
          );
          break;
        }
      }
    }
  }
}
