/** Who the measure is for and where (HFA501–HFA504). */
import type * as Ast from "../../../../grammar/src/ast.js";
import type { ResolvedAgreement } from "../agreement/resolve.js";
import { HOSPITAL_KIND_TEXT, NATIONAL_GROUPS, NATIONAL_GROUPS_BY_ID, SMALL_HOSPITAL_KINDS } from "../prelude.js";
import { joinAlternatives } from "../i18n.js";
import type { CheckContext } from "./context.js";

export function checkGroups(resolved: ResolvedAgreement, ctx: CheckContext): void {
  const node = resolved.node;
  const anchor = node.name.text ? node.name : node;
  // One walk over the clauses, no array callbacks: a closure made per
  // agreement loses its optimised code at every full GC (see computeBalance's
  // helpers in money.ts).
  const groupClauses: Ast.TargetGroupClause[] = [];
  let incomplete = false;
  let hospitalClause: Ast.HospitalClause | undefined;
  let anyHospital = false;
  for (const c of node.clauses) {
    if (c.kind === "targetGroups") groupClauses.push(c);
    else if (c.kind === "hospital") {
      hospitalClause ??= c;
      anyHospital = true;
    } else if (c.kind === "incomplete") {
      if (c.clauseKind === "targetGroups") incomplete = true;
      else if (c.clauseKind === "hospital") anyHospital = true;
    }
  }
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
  // Some reference names a known group, and none of the known ones is national.
  let known = false;
  let national = false;
  for (const c of groupClauses) {
    for (const r of c.refs) {
      if (NATIONAL_GROUPS_BY_ID.has(r.text)) known = national = true;
      else if (ctx.symbols.first("group", r.text)) known = true;
    }
  }
  if (known && !national) {
    ctx.report(
      "HFA502",
      groupClauses[0]!,
      ctx.say(
        "Målgruppene er bare lokale. Helsefellesskapene skal særlig samarbeide om de fem nasjonalt prioriterte gruppene; oppgi hvilken av dem tiltaket gjelder, om noen, f.eks. «målgruppe psykisk-helse-og-rus».",
        "The target groups are only local. Helsefellesskap are to work especially on the five national priority groups; state which of them the measure serves, if any.",
      ),
    );
  }

  if (!hospitalClause && !anyHospital) {
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
      smallHospitalMessage(hospital.node.title.value, kind, ctx.locale),
    );
  }
}

/** HFA503's message in `locale` (on many agreements: a module function, not a closure made per agreement; see checkGroups). */
function smallHospitalMessage(title: string, kind: { readonly nb: string; readonly en: string }, locale: "nb" | "en"): string {
  return locale === "nb"
    ? `${title} er ${kind.nb}: tiltaket gjelder opptaksområdet til et av de minste sykehusene, som det skal legges vekt på ved tildeling.`
    : `${title} is ${/^[aeiou]/i.test(kind.en) ? "an" : "a"} ${kind.en}: the measure serves the catchment area of one of the smallest hospitals, which the allocation is to favour.`;
}
