/**
 * The parties and their own input (HFA301–HFA303, HFA306), shares that must
 * add up (HFA305) and positions in whole full-time equivalents (HFA308).
 */
import type * as Ast from "../../../../grammar/src/ast.js";
import type { MoneyModel } from "../agreement/money.js";
import type { Party, ResolvedAgreement, Side } from "../agreement/resolve.js";
import { formatKr, formatPercent, joinList } from "../i18n.js";
import type { CheckContext } from "./context.js";

const SIDE_WORDS: Record<Side, { nb: string; en: string }> = {
  spesialist: { nb: "spesialisthelsetjenesten", en: "the specialist health service" },
  kommunal: { nb: "den kommunale helse- og omsorgstjenesten", en: "the municipal health and care service" },
};

export function sideWords(side: Side, locale: "nb" | "en"): string {
  return SIDE_WORDS[side][locale];
}

export function checkParties(resolved: ResolvedAgreement, money: MoneyModel, ctx: CheckContext): void {
  const balance = money.balance;
  const partiesClause = resolved.node.clauses.find((c): c is Ast.PartiesClause => c.kind === "parties");
  if (!partiesClause || resolved.parties.length === 0) return;
  const trusts = resolved.parties.filter((p) => p.side === "spesialist");
  const municipalities = resolved.parties.filter((p) => p.side === "kommunal");
  const unresolved = partiesClause.refs.length > resolved.parties.length;
  if ((trusts.length === 0 || municipalities.length === 0) && !unresolved) {
    const missing = trusts.length === 0 ? ctx.say("et helseforetak", "a health trust") : ctx.say("en kommune", "a municipality");
    ctx.report(
      "HFA301",
      partiesClause,
      ctx.say(
        `Partene er ikke fra begge nivåer: avtalen mangler ${missing}. Tilskuddet forutsetter enighet mellom helseforetak og kommuner. Legg til ${missing} fra helsefellesskapet i «parter».`,
        `The parties are not from both levels: the agreement lacks ${missing}. The grant requires agreement between a health trust and municipalities. Add ${missing} of the helsefellesskap to "parter".`,
      ),
    );
  }
  if (!balance) return;
  // An invalid innsats still exists (spec §5.2): its party has an innsats, and
  // the clause's own diagnostic says what is wrong. One whose party cannot be
  // told (an unknown name, a clause that failed to parse) may be anyone's, so
  // claims of "no own input" would be a cascade of that one mistake.
  if (money.input.unattributedInput) return;
  const claimed = money.input.partiesWithInput;
  const inputOf = new Map(balance.parties.map((p) => [p.party, p.totals.input]));
  for (const [side, members] of [
    ["spesialist", trusts],
    ["kommunal", municipalities],
  ] as const) {
    if (members.length === 0) continue;
    const sideInput = members.reduce((sum, p) => sum + (inputOf.get(p.name) ?? 0), 0);
    if (sideInput <= 0 && !members.some((p) => claimed.has(p.name))) {
      ctx.report(
        "HFA302",
        partiesClause,
        ctx.say(
          `${joinList(members.map((p) => p.name), "nb")} har ingen egen innsats i avtalen, så ${SIDE_WORDS[side].nb} bidrar ikke med egne ressurser. Tilskuddet vil som hovedregel være en delfinansiering som supplerer partenes egen ressursinnsats (Meld. St. 9 for 2023–2024, kap. 4). Før opp innsatsen med «innsats ${members[0]!.name} …».`,
          `${joinList(members.map((p) => p.name), "en")} ${members.length === 1 ? "has" : "have"} no own input in the agreement, so ${SIDE_WORDS[side].en} contributes no resources of its own. As a main rule the grant is a partial financing that supplements the parties' own input (Meld. St. 9 for 2023–2024, ch. 4). Enter the input with "innsats ${members[0]!.name} …".`,
        ),
      );
      continue;
    }
    if (sideInput <= 0) continue;
    for (const party of members) {
      if ((inputOf.get(party.name) ?? 0) > 0 || claimed.has(party.name)) continue;
      ctx.report(
        "HFA303",
        party.ref,
        ctx.say(
          `${party.name} har ingen egen innsats i avtalen, selv om ${SIDE_WORDS[side].nb} ellers bidrar med ${formatKr(sideInput, "nb")}. Oppgi «innsats ${party.name} …».`,
          `${party.name} puts in no own input, while ${SIDE_WORDS[side].en} otherwise contributes ${formatKr(sideInput, "en")}. Add "innsats ${party.name} …".`,
        ),
      );
    }
  }
  // HFA306: grant shares to parties with no own input.
  for (const clause of resolved.node.clauses) {
    if (clause.kind !== "grant") continue;
    for (const share of clause.shares ?? []) {
      const party = resolved.partyByName.get(share.party.text);
      if (!party || !resolved.partyByName.isPartyRef(share.party)) continue;
      if ((inputOf.get(party.name) ?? 0) > 0 || claimed.has(party.name)) continue;
      ctx.report(
        "HFA306",
        share,
        ctx.say(
          `${party.name} får ${formatPercent(share.percent.value, "nb")} av tilskuddet, men har ingen egen innsats. Tilskuddet vil som hovedregel være en delfinansiering som supplerer partenes egen ressursinnsats. Før opp innsatsen («innsats ${party.name} …»), eller fjern ${party.name} fra fordelingen etter «til».`,
          `${party.name} receives ${formatPercent(share.percent.value, "en")} of the grant but puts in no own input. As a main rule the grant is a partial financing that supplements the parties' own input. Enter the input ("innsats ${party.name} …"), or remove ${party.name} from the shares after "til".`,
        ),
      );
    }
  }
}

/** HFA305 for one list of shares. `where` names the list in the message. */
export function checkShareSum(shares: readonly { percent: Ast.Percent }[], span: Ast.Span, whereNb: string, whereEn: string, ctx: CheckContext): void {
  // A share still to be filled in (HFA011) leaves the sum open.
  if (shares.length === 0 || shares.some((s) => s.percent.number.placeholder)) return;
  const sum = shares.reduce((total, share) => total + share.percent.value, 0);
  if (Math.abs(sum - 100) <= 0.1) return;
  ctx.report(
    "HFA305",
    span,
    ctx.say(
      `Andelene ${whereNb} summerer til ${formatPercent(sum, "nb")}, ikke 100 %. Rett andelene så de blir 100 % til sammen.`,
      `The shares ${whereEn} add up to ${formatPercent(sum, "en")}, not 100 %. Correct the shares so that they add up to 100 %.`,
    ),
    { fixes: shareFix(shares, sum, ctx) },
  );
}

/** Scales the last share so that the list adds up to 100 %. */
function shareFix(shares: readonly { percent: Ast.Percent }[], sum: number, ctx: CheckContext) {
  const last = shares[shares.length - 1]!;
  const corrected = Math.round((last.percent.value + (100 - sum)) * 100) / 100;
  if (corrected < 0 || corrected > 100) return [];
  const text = String(corrected).replace(".", ",");
  return [
    {
      title: ctx.say(`Sett siste andel til ${text} % så summen blir 100 %`, `Set the last share to ${text} % so the sum is 100 %`),
      edits: [{ start: last.percent.number.start, end: last.percent.number.end, newText: text }],
      preferred: true,
    },
  ];
}

export function checkAgreementShares(resolved: ResolvedAgreement, ctx: CheckContext): void {
  for (const clause of resolved.node.clauses) {
    if (clause.kind === "grant" && clause.shares && clause.shares.length > 0) {
      const span = { start: clause.shares[0]!.start, end: clause.shares[clause.shares.length - 1]!.end };
      checkShareSum(clause.shares, span, "i tilskuddsfordelingen", "of the grant", ctx);
    }
    if (clause.kind !== "measure") continue;
    for (const item of clause.items) {
      if (item.kind !== "position") continue;
      const span = { start: item.shares[0]!.start, end: item.shares[item.shares.length - 1]!.end };
      checkShareSum(item.shares, span, `i stillingen «${item.title.value}»`, `of the position "${item.title.value}"`, ctx);
      if (!item.fte.placeholder && !Number.isInteger(item.fte.value)) {
        ctx.report(
          "HFA308",
          item.fte,
          ctx.say(
            `Stillingen «${item.title.value}» er ${String(item.fte.value).replace(".", ",")} årsverk. En kombinert stilling bør utgjøre hele stillinger: skriv et helt antall årsverk, eller si i «beskrivelse» hvorfor den ikke gjør det.`,
            `The position "${item.title.value}" is ${item.fte.value} FTE. A combined position should add up to whole positions: write a whole number of FTEs, or say in "beskrivelse" why it does not.`,
          ),
        );
      }
    }
  }
}

export type { Party };
