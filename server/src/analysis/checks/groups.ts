/** Who the measure is for and where (HFA501–HFA504). */
import type * as Ast from "../../../../grammar/src/ast.js";
import type { ResolvedAgreement } from "../agreement/resolve.js";
import { HOSPITAL_KIND_TEXT, NATIONAL_GROUPS, NATIONAL_GROUPS_BY_ID, SMALL_HOSPITAL_KINDS } from "../prelude.js";
import { clauseKindOf } from "./structure.js";
import { joinAlternatives } from "../i18n.js";
import type { CheckContext } from "./context.js";

export function checkGroups(resolved: ResolvedAgreement, ctx: CheckContext): void {
  const node = resolved.node;
  const anchor = node.name.text ? node.name : node;
  const groupClauses = node.clauses.filter((c): c is Ast.TargetGroupClause => c.kind === "targetGroups");
  const incomplete = node.clauses.some((c) => c.kind === "incomplete" && c.clauseKind === "targetGroups");
  if (groupClauses.length === 0 && !incomplete) {
    ctx.report(
      "HFA501",
      anchor,
      ctx.say(
        `Avtalen ${node.name.text} oppgir ingen «målgruppe». Oppgi hvilke pasientgrupper tiltaket er for, helst blant de fem nasjonalt prioriterte: ${joinAlternatives(NATIONAL_GROUPS.map((g) => g.id), "nb")}. Skriv f.eks. «målgruppe ${NATIONAL_GROUPS[0]!.id}».`,
        `Agreement ${node.name.text} states no "målgruppe". State which patient groups the measure is for, preferably among the five national priorities: ${joinAlternatives(NATIONAL_GROUPS.map((g) => g.id), "en")}. Write e.g. "målgruppe ${NATIONAL_GROUPS[0]!.id}".`,
      ),
    );
  }
  const refs = groupClauses.flatMap((c) => c.refs);
  const known = refs.filter((r) => NATIONAL_GROUPS_BY_ID.has(r.text) || ctx.symbols.first("group", r.text));
  if (known.length > 0 && !known.some((r) => NATIONAL_GROUPS_BY_ID.has(r.text))) {
    ctx.report(
      "HFA502",
      groupClauses[0]!,
      ctx.say(
        "Målgruppene er bare lokale. Helsefellesskapene skal særlig samarbeide om de fem nasjonalt prioriterte gruppene; oppgi hvilken av dem tiltaket gjelder, om noen, f.eks. «målgruppe psykisk-helse-og-rus».",
        "The target groups are only local. Helsefellesskap are to work especially on the five national priority groups; state which of them the measure serves, if any.",
      ),
    );
  }

  const hospitalClause = node.clauses.find((c): c is Ast.HospitalClause => c.kind === "hospital");
  if (!hospitalClause && !node.clauses.some((c) => clauseKindOf(c) === "hospital")) {
    ctx.report(
      "HFA504",
      anchor,
      ctx.say(
        "Oppgi med «sykehus <sykehus>» hvilket sykehus sitt opptaksområde tiltaket gjelder; ved tildelingen skal det legges vekt på de minste sykehusene.",
        'State with "sykehus" which hospital\'s catchment area the measure serves; the allocation favours the smallest hospitals.',
      ),
    );
  }
  const hospital = resolved.hospital;
  if (hospitalClause && hospital && SMALL_HOSPITAL_KINDS.has(hospital.node.hospitalKind.value)) {
    const kind = HOSPITAL_KIND_TEXT[hospital.node.hospitalKind.value];
    ctx.report(
      "HFA503",
      hospitalClause.ref,
      ctx.say(
        () => `${hospital.node.title.value} er ${kind.nb}: tiltaket gjelder opptaksområdet til et av de minste sykehusene, som det skal legges vekt på ved tildeling.`,
        () => `${hospital.node.title.value} is ${/^[aeiou]/i.test(kind.en) ? "an" : "a"} ${kind.en}: the measure serves the catchment area of one of the smallest hospitals, which the allocation is to favour.`,
      ),
    );
  }
}
