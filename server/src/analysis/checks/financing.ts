/**
 * Partial financing (spec §5.6, HFA309) and grants in years without own
 * input (spec §5.4, HFA310): the grant supplements the parties' own input,
 * «som hovedregel» (seed 002, kap. 4), and does not replace it.
 */
import { yearList, type MoneyModel } from "../agreement/money.js";
import { formatKr, formatPercent, joinList } from "../i18n.js";
import type { CheckContext } from "./context.js";

export function checkFinancing(money: MoneyModel, ctx: CheckContext): void {
  const balance = money.balance;
  // Own input left out of the figures would make these amounts a cascade (spec §5.2).
  // No own input at all is HFA302's fact alone (spec §5.6).
  if (!balance || money.input.invalidInput || balance.total.totals.input <= 0) return;
  const firstGrant = money.flows.find((f) => f.clause.kind === "grant" && f.perYear !== undefined);
  if (!firstGrant) return;
  const maxShare = ctx.config.grantMaxShare;
  const over = (input: number, grant: number) => grant > 0 && grant > maxShare * (input + grant) + 0.005;
  const share = formatPercent(maxShare * 100, ctx.locale);

  // HFA310: one diagnostic per grant clause, naming its years.
  for (const fallback of balance.grantWithoutInput) {
    const yearsNb = yearList(fallback.years, "nb");
    const yearsEn = yearList(fallback.years, "en");
    ctx.report(
      "HFA310",
      fallback.clause.flow.schedule,
      fallback.parties.length > 0
        ? ctx.say(
            `Tilskuddet går i ${yearsNb} til ${joinList(fallback.parties, "nb")}, som ikke har egen innsats det året: da erstatter tilskuddet egen innsats i stedet for å supplere den. Før opp innsatsen for ${yearsNb} («innsats … i <år>»), eller endre fordelingen med «til».`,
            `In ${yearsEn} the grant goes to ${joinList(fallback.parties, "en")}, who put in no own input that year: the grant then replaces own input instead of supplementing it. Enter the input for ${yearsEn} ("innsats … i <year>"), or change the shares after "til".`,
          )
        : ctx.say(
            `Tilskudd i ${yearsNb}, et år uten egen innsats fra noen part: da erstatter tilskuddet egen innsats i stedet for å supplere den. Beløpet er fordelt etter partenes innsats over hele perioden. Før opp partenes innsats for ${yearsNb}, eller flytt tilskuddet til år med innsats.`,
            `Grant in ${yearsEn}, a year in which no party puts in own input: the grant then replaces own input instead of supplementing it. The amount is split by the parties' input over the whole period. Enter the parties' input for ${yearsEn}, or move the grant to years with input.`,
          ),
    );
  }

  // HFA309: over the period, for the agreement and for each party with own
  // input. The grant of a party with no own input at all is HFA306's alone
  // (spec §5.6), so it is not weighed here either.
  const total = balance.total;
  const withoutInput = balance.parties.filter((p) => p.totals.input <= 0);
  const agreementGrant = (total.periodGrant ?? 0) - withoutInput.reduce((sum, p) => sum + (p.periodGrant ?? 0), 0);
  const overall = over(total.periodInput ?? 0, agreementGrant);
  const parties = balance.parties.filter((p) => (p.periodInput ?? 0) > 0 && over(p.periodInput ?? 0, p.periodGrant ?? 0));
  if (!overall && parties.length === 0) return;
  const { from, to } = balance.period;
  const partsNb: string[] = [];
  const partsEn: string[] = [];
  if (overall) {
    partsNb.push(`avtalen som helhet får ${formatKr(agreementGrant, "nb")} i tilskudd mot ${formatKr(total.periodInput ?? 0, "nb")} i egen innsats`);
    partsEn.push(`the agreement as a whole receives ${formatKr(agreementGrant, "en")} of grant against ${formatKr(total.periodInput ?? 0, "en")} of own input`);
  }
  for (const p of parties) {
    partsNb.push(`${p.party} får ${formatKr(p.periodGrant ?? 0, "nb")} mot ${formatKr(p.periodInput ?? 0, "nb")} i egen innsats`);
    partsEn.push(`${p.party} receives ${formatKr(p.periodGrant ?? 0, "en")} against ${formatKr(p.periodInput ?? 0, "en")} of own input`);
  }
  ctx.report(
    "HFA309",
    firstGrant.clause,
    ctx.say(
      `Tilskuddet er ikke en delfinansiering i ${from}–${to}: ${joinList(partsNb, "nb")}. Tilskuddet vil som hovedregel være en delfinansiering som supplerer partenes egen ressursinnsats; her er grensen ${share} av egen innsats pluss tilskudd. Øk den egne innsatsen («innsats …»), eller sett ned tilskuddet.`,
      `The grant is not a partial financing in ${from}–${to}: ${joinList(partsEn, "en")}. As a main rule the grant is a partial financing that supplements the parties' own input; here the limit is ${share} of own input plus grant. Increase the own input ("innsats …"), or lower the grant.`,
    ),
  );
}
