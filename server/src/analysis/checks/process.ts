/**
 * Period, follow-up and the parties' decisions (HFA601–HFA610).
 */
import type * as Ast from "../../../../grammar/src/ast.js";
import type { Party, ResolvedAgreement } from "../agreement/resolve.js";
import { joinList } from "../i18n.js";
import { HEALTH_TRUST_BODIES, MUNICIPALITY_BODIES } from "../prelude.js";
import { clauseKindOf } from "./structure.js";
import { insertClauseFix } from "./templates.js";
import type { CheckContext } from "./context.js";

export function checkProcess(resolved: ResolvedAgreement, ctx: CheckContext): void {
  const node = resolved.node;
  const anchor = node.name.text ? node.name : node;
  const present = new Set(node.clauses.map(clauseKindOf));

  const period = resolved.period;
  if (period && period.to < period.from) {
    ctx.report(
      "HFA601",
      period.clause,
      ctx.say(`Perioden slutter (${period.to}) før den begynner (${period.from}).`, `The period ends (${period.to}) before it starts (${period.from}).`),
      { fixes: [{ title: ctx.say("Bytt om årene", "Swap the years"), edits: [
        { start: period.clause.from.start, end: period.clause.from.end, newText: String(period.to) },
        { start: period.clause.to.start, end: period.clause.to.end, newText: String(period.from) },
      ], preferred: true }] },
    );
  }
  if (!present.has("continuation")) {
    ctx.report(
      "HFA603",
      anchor,
      ctx.say(
        "Avtalen sier ikke hvordan tiltaket videreføres når tilskuddet tar slutt («videreføring»). Gode tiltak avsluttes ellers når tilskuddsperioden er over.",
        'The agreement does not say how the measure continues when the grant ends ("videreføring"). Otherwise good measures end with the grant period.',
      ),
      { fixes: insertClauseFix(node, "continuation", ctx) },
    );
  }
  if (!present.has("indicator")) {
    ctx.report(
      "HFA604",
      anchor,
      ctx.say(
        "Avtalen har ingen «indikator»: oppgi hvordan effekten av tiltaket skal følges opp (fra utgangsverdi til mål).",
        'The agreement has no "indikator": state how the effect of the measure will be followed up (from baseline to target).',
      ),
      { fixes: insertClauseFix(node, "indicator", ctx) },
    );
  }
  checkDecisions(resolved, ctx);

  const effect = node.clauses.find((c): c is Ast.PersonnelEffectClause => c.kind === "personnelEffect");
  if (!present.has("personnelEffect")) {
    ctx.report(
      "HFA610",
      anchor,
      ctx.say(
        "Oppgi «personelleffekt» (personellbesparende, nøytral eller personelldrivende): tiltak som settes i gang skal ikke være personelldrivende.",
        'State "personelleffekt" (personellbesparende, nøytral or personelldrivende): measures started shall not drive up personnel needs.',
      ),
    );
  } else if (effect && effect.value.value === "personelldrivende" && (!effect.text || effect.text.value.trim() === "")) {
    ctx.report(
      "HFA609",
      effect.value,
      ctx.say(
        "Tiltaket er oppgitt som personelldrivende uten begrunnelse. Etter avtalen mellom regjeringen og KS skal tiltak som settes i gang ikke være personelldrivende; begrunn hvorfor det likevel er riktig.",
        "The measure is stated to drive up personnel needs without a justification. Under the government–KS agreement, measures started shall not be personnel-driving; justify why it is right nonetheless.",
      ),
    );
  }
}

function decisionsOf(node: Ast.AgreementDecl): Ast.DecisionClause[] {
  return node.clauses.filter((c): c is Ast.DecisionClause => c.kind === "decision");
}

function checkDecisions(resolved: ResolvedAgreement, ctx: CheckContext): void {
  const node = resolved.node;
  const decisions = decisionsOf(node);
  const statusClause = node.clauses.find((c): c is Ast.StatusClause => c.kind === "status");
  const status = statusClause?.value.value ?? "utkast";
  const outcome = (d: Ast.DecisionClause) => d.outcome?.value ?? "planlagt";

  for (const decision of decisions) {
    const party = resolved.partyByName.get(decision.party.text);
    if (!party) continue;
    const allowed = party.side === "spesialist" ? HEALTH_TRUST_BODIES : MUNICIPALITY_BODIES;
    if (!allowed.has(decision.body.value)) {
      const right = party.side === "spesialist" ? "styre" : "kommunestyre";
      ctx.report(
        "HFA607",
        decision.body,
        party.side === "spesialist"
          ? ctx.say(
              `${party.name} er et helseforetak og behandler avtalen i «styre» (eller «delegert»), ikke i «${decision.body.value}».`,
              `${party.name} is a health trust and decides in its "styre" (board) or "delegert", not in "${decision.body.value}".`,
            )
          : ctx.say(
              `${party.name} er en kommune og behandler avtalen i kommunestyre, bystyre, formannskap eller «delegert», ikke i «${decision.body.value}».`,
              `${party.name} is a municipality and decides in kommunestyre, bystyre, formannskap or "delegert", not in "${decision.body.value}".`,
            ),
        {
          fixes: (party.side === "spesialist" ? ["styre"] : [right, ...["kommunestyre", "bystyre", "formannskap"].filter((b) => b !== right)]).map((body, index) => ({
            title: ctx.say(`Endre til «${body}»`, `Change to "${body}"`),
            edits: [{ start: decision.body.start, end: decision.body.end, newText: body }],
            preferred: index === 0,
          })),
        },
      );
    }
    const year = decision.date.iso ? Number(decision.date.iso.slice(0, 4)) : undefined;
    const o = outcome(decision);
    if (resolved.period && year !== undefined && (o === "planlagt" || o === "vedtatt") && year > resolved.period.from) {
      ctx.report(
        "HFA608",
        decision.date,
        ctx.say(
          `${party.name}s vedtak er datert ${decision.date.iso}, senere enn avtalens første år ${resolved.period.from}. Avtalen bør være vedtatt før tiltaket starter.`,
          `${party.name}'s decision is dated ${decision.date.iso}, later than the agreement's first year ${resolved.period.from}. The agreement should be adopted before the measure starts.`,
        ),
      );
    }
  }

  const decided = (party: Party) => decisions.some((d) => d.party.text === party.name && outcome(d) === "vedtatt");
  const treated = (party: Party) => decisions.some((d) => d.party.text === party.name && outcome(d) !== "planlagt");
  if (status === "vedtatt" && statusClause) {
    const missing = resolved.parties.filter((p) => !decided(p));
    if (missing.length > 0) {
      ctx.report(
        "HFA605",
        statusClause.value,
        ctx.say(
          `Avtalen står som vedtatt, men ${joinList(missing.map((p) => p.name), "nb")} har ikke vedtatt den («behandling … vedtatt»). Avtalen skal behandles i helseforetakets styre og kommunenes besluttende organer.`,
          `The agreement is marked as adopted, but ${joinList(missing.map((p) => p.name), "en")} ha${missing.length > 1 ? "ve" : "s"} not adopted it ("behandling … vedtatt"). It must be decided by the health trust's board and the municipalities' decision bodies.`,
        ),
      );
    }
  } else if (status !== "vedtatt") {
    const waiting = resolved.parties.filter((p) => !treated(p));
    if (waiting.length > 0) {
      const describe = (p: Party, locale: "nb" | "en") => {
        const planned = decisions.find((d) => d.party.text === p.name);
        if (!planned) return locale === "nb" ? `${p.name} (ingen behandling oppgitt)` : `${p.name} (no decision stated)`;
        return locale === "nb"
          ? `${p.name} (${planned.body.value}, planlagt ${planned.date.iso ?? planned.date.text})`
          : `${p.name} (${planned.body.value}, planned ${planned.date.iso ?? planned.date.text})`;
      };
      ctx.report(
        "HFA606",
        statusClause ? statusClause.value : node.name.text ? node.name : node,
        ctx.say(
          `Avtalen er ${status === "utkast" ? "et utkast" : "til behandling"}. Ikke behandlet ennå: ${joinList(waiting.map((p) => describe(p, "nb")), "nb")}.`,
          `The agreement is ${status === "utkast" ? "a draft" : "under consideration"}. Not yet decided: ${joinList(waiting.map((p) => describe(p, "en")), "en")}.`,
        ),
      );
    }
  }
}
