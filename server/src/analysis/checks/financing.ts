/**
 * Partial financing (spec §5.6, HFA309) and grants in years without own
 * input (spec §5.4, HFA310): the grant supplements the parties' own input,
 * «som hovedregel» (seed 002, kap. 4), and does not replace it.
 */
import { yearList, type MoneyModel, type PartyBalance } from "../agreement/money.js";
import { formatKr, formatPercent, joinList } from "../i18n.js";
import type { CheckContext } from "./context.js";

export function checkFinancing(money: MoneyModel, ctx: CheckContext): void {
  const balance = money.balance;
  // Own input left out of the figures would make these amounts a cascade (spec §5.2).
  // No own input at all is HFA302's fact alone (spec §5.6).
  if (!balance || money.input.invalidInput || balance.total.totals.input <= 0) return;
  // Loops and module functions, not array callbacks: a closure made per
  // agreement loses its optimised code at every full GC (see computeBalance's
  // helpers in money.ts).
  let firstGrant: MoneyModel["flows"][number] | undefined;
  for (const f of money.flows) {
    if (f.clause.kind === "grant" && f.perYear !== undefined) {
      firstGrant = f;
      break;
    }
  }
  if (!firstGrant) return;
  const maxShare = ctx.config.grantMaxShare;

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
            `In ${yearsEn} the grant goes to ${joinList(fallback.parties, "en")}, which ${fallback.parties.length === 1 ? "has" : "have"} no own input that year: the grant then replaces own input instead of supplementing it. Enter the input for ${yearsEn} ("innsats … i <year>"), or change the shares after "til".`,
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
  let withoutInputGrant = 0;
  const parties: PartyBalance[] = [];
  for (const p of balance.parties) {
    if (p.totals.input <= 0) withoutInputGrant += p.periodGrant ?? 0;
    if ((p.periodInput ?? 0) > 0 && over(maxShare, p.periodInput ?? 0, p.periodGrant ?? 0)) parties.push(p);
  }
  const agreementGrant = (total.periodGrant ?? 0) - withoutInputGrant;
  const overall = over(maxShare, total.periodInput ?? 0, agreementGrant);
  if (!overall && parties.length === 0) return;
  const share = formatPercent(maxShare * 100, ctx.locale);
  const { from, to } = balance.period;
  const partsNb: string[] = [];
  const partsEn: string[] = [];
  if (overall) {
    partsNb.push(`avtalen får ${formatKr(agreementGrant, "nb")} i tilskudd mot ${formatKr(total.periodInput ?? 0, "nb")} i egen innsats`);
    partsEn.push(`the agreement receives ${formatKr(agreementGrant, "en")} of grant against ${formatKr(total.periodInput ?? 0, "en")} of own input`);
  }
  const perParty = (locale: "nb" | "en") =>
    joinList(parties.map((p) => `${p.party} ${formatKr(p.periodGrant ?? 0, locale)} ${locale === "nb" ? "mot" : "against"} ${formatKr(p.periodInput ?? 0, locale)}`), locale);
  if (parties.length > 0) {
    partsNb.push(overall ? `per part: ${perParty("nb")}` : `partene får i tilskudd mot egen innsats: ${perParty("nb")}`);
    partsEn.push(overall ? `per party: ${perParty("en")}` : `grant against own input: ${perParty("en")}`);
  }
  ctx.report(
    "HFA309",
    firstGrant.clause,
    ctx.say(
      `Tilskuddet er ikke en delfinansiering i ${from}–${to}: ${partsNb.join("; ")}. Tilskuddet vil som hovedregel være en delfinansiering som supplerer partenes egen ressursinnsats; her er grensen ${share} av egen innsats pluss tilskudd. Øk den egne innsatsen («innsats …»), eller sett ned tilskuddet.`,
      `The grant is not a partial financing in ${from}–${to}: ${partsEn.join("; ")}. As a main rule the grant is a partial financing that supplements the parties' own input; here the limit is ${share} of own input plus grant. Increase the own input ("innsats …"), or lower the grant.`,
    ),
  );
}

/** Whether `grant` is more than the share `maxShare` of own input plus grant allows. */
function over(maxShare: number, input: number, grant: number): boolean {
  return grant > 0 && grant > maxShare * (input + grant) + 0.005;
}
