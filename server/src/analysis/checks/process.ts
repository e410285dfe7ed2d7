/**
 * Period, follow-up and the parties' decisions (HFA601–HFA610).
 */
import type * as Ast from "../../../../grammar/src/ast.js";
import type { Party, ResolvedAgreement } from "../agreement/resolve.js";
import { joinList, wordCount } from "../i18n.js";
import { HEALTH_TRUST_BODIES, MUNICIPALITY_BODIES } from "../prelude.js";
import { clauseKindOf } from "./structure.js";
import { insertClauseFix } from "./templates.js";
import type { CheckContext } from "./context.js";

export function checkProcess(resolved: ResolvedAgreement, ctx: CheckContext): void {
  const node = resolved.node;
  const anchor = node.name.text ? node.name : node;
  // Which of the clauses these rules ask for are there (a walk, not a Set of every kind per agreement).
  let hasContinuation = false;
  let hasIndicator = false;
  let hasPersonnelEffect = false;
  for (const c of node.clauses) {
    const kind = clauseKindOf(c);
    if (kind === "continuation") hasContinuation = true;
    else if (kind === "indicator") hasIndicator = true;
    else if (kind === "personnelEffect") hasPersonnelEffect = true;
  }

  const period = resolved.period;
  if (period && period.to < period.from) {
    ctx.report(
      "HFA601",
      period.clause,
      ctx.say(
        `Perioden slutter (${period.to}) før den begynner (${period.from}). Skriv det første året først: «periode ${period.to} til ${period.from}».`,
        `The period ends (${period.to}) before it starts (${period.from}). Write the first year first: "periode ${period.to} til ${period.from}".`,
      ),
      { fixes: [{ title: ctx.say("Bytt om årene", "Swap the years"), edits: [
        { start: period.clause.from.start, end: period.clause.from.end, newText: String(period.to) },
        { start: period.clause.to.start, end: period.clause.to.end, newText: String(period.from) },
      ], preferred: true }] },
    );
  }
  if (!hasContinuation) {
    ctx.report(
      "HFA603",
      anchor,
      ctx.say(
        "Avtalen sier ikke hvordan tiltaket videreføres når tilskuddet tar slutt. Meld. St. 9 (2023–2024) viser til at gode tiltak finansiert med tilskuddsmidler i andre tilfeller avsluttes når perioden med tilskudd avsluttes, og Sykehusutvalget la som premiss til grunn at samhandlingstiltak må få en varig finansiering. Skriv «videreføring \"<hvordan tiltaket finansieres når tilskuddet opphører>\"».",
        'The agreement does not say how the measure continues when the grant ends. Meld. St. 9 (2023–2024) notes that good measures financed by grants otherwise end when the grant period ends, and the Hospital Committee (Sykehusutvalget) took as its premise that collaboration measures need lasting financing. Write \'videreføring "<how the measure is financed when the grant ends>"\'.',
      ),
      { fixes: insertClauseFix(node, "continuation", ctx) },
    );
  }
  if (!hasIndicator) {
    ctx.report(
      "HFA604",
      anchor,
      ctx.say(
        "Avtalen har ingen «indikator». Det er god praksis å avtale hvordan effekten av tiltaket skal følges opp, fra utgangsverdi til mål. Skriv «indikator \"<hva som måles>\" fra <utgangsverdi> til <mål> innen <år>».",
        'The agreement has no "indikator". It is good practice to agree how the effect of the measure will be followed up, from baseline to target. Write \'indikator "<what is measured>" fra <baseline> til <target> innen <year>\'.',
      ),
      { fixes: insertClauseFix(node, "indicator", ctx) },
    );
  }
  for (const clause of node.clauses) {
    if (clause.kind !== "indicator" || ctx.hasPlaceholder(clause)) continue;
    const same = clause.from.number.value === clause.to.number.value && suffixOf(clause.from) === suffixOf(clause.to);
    if (!same) continue;
    ctx.report(
      "HFA612",
      clause.to,
      ctx.say(
        `Indikatoren «${clause.text.value}» har samme verdi fra og til (${ctx.text.slice(clause.from.start, clause.from.end)}): ingen endring er satt som mål. Skriv målet etter «til».`,
        `The indicator "${clause.text.value}" has the same value from and to (${ctx.text.slice(clause.from.start, clause.from.end)}): no change is targeted. Write the target after "til".`,
      ),
    );
  }
  checkDecisions(resolved, ctx);

  const effect = node.clauses.find((c): c is Ast.PersonnelEffectClause => c.kind === "personnelEffect");
  if (!hasPersonnelEffect) {
    ctx.report(
      "HFA610",
      anchor,
      ctx.say(
        "Avtalen sier ikke om tiltaket sparer, holder uendret eller krever mer personell. Avtalen mellom regjeringen og KS om helsefellesskapene sier at «Tiltak som igangsettes skal ikke være personelldrivende». Skriv «personelleffekt personellbesparende», «personelleffekt nøytral» eller «personelleffekt personelldrivende», med en begrunnelse.",
        'The agreement does not say whether the measure saves, keeps or needs more personnel. The agreement between the government and KS on the helsefellesskap says «Tiltak som igangsettes skal ikke være personelldrivende» (measures started shall not drive up personnel needs). Write "personelleffekt personellbesparende", "personelleffekt nøytral" or "personelleffekt personelldrivende", with a justification.',
      ),
    );
  } else if (effect && !effect.value.placeholder && effect.value.value === "personelldrivende") {
    const text = effect.text;
    const count = text && !text.placeholder ? wordCount(text.value) : 0;
    const minimum = ctx.config.justificationMinWords;
    if (count < minimum) {
      ctx.report(
        "HFA609",
        effect.value,
        ctx.say(
          `Tiltaket er oppgitt som personelldrivende ${text ? (text.placeholder ? "med en plassholder som begrunnelse" : `med en begrunnelse på ${count} ord`) : "uten begrunnelse"}. Avtalen mellom regjeringen og KS om helsefellesskapene sier at «Tiltak som igangsettes skal ikke være personelldrivende». Begrunn med minst ${minimum} ord hvorfor tiltaket likevel er riktig: «personelleffekt personelldrivende \"<hvorfor>\"».`,
          `The measure is stated to drive up personnel needs ${text ? (text.placeholder ? "with a placeholder as its justification" : `with a justification of ${count} words`) : "without a justification"}. The agreement between the government and KS on the helsefellesskap says «Tiltak som igangsettes skal ikke være personelldrivende» (measures started shall not drive up personnel needs). Justify in at least ${minimum} words why the measure is right nonetheless: 'personelleffekt personelldrivende "<why>"'.`,
        ),
      );
    }
  }
}

function suffixOf(measure: Ast.IndicatorMeasure): string {
  const suffix = measure.suffix;
  return suffix === undefined ? "" : suffix.kind === "percent" ? "%" : suffix.unit;
}

function decisionsOf(node: Ast.AgreementDecl): Ast.DecisionClause[] {
  const decisions: Ast.DecisionClause[] = [];
  for (const c of node.clauses) if (c.kind === "decision") decisions.push(c);
  return decisions;
}

/** Meld. St. 9's decision model, as the model it is (spec §5.7). */
const MODEL_NB =
  "Meld. St. 9 (2023–2024) beskriver en modell der representanter med mandat blir enige om et utkast som i neste omgang behandles i helseforetakets styre og kommunenes besluttende organer; hvem som kan binde en part, følger av partens egne delegasjonsregler.";
const MODEL_EN =
  "Meld. St. 9 (2023–2024) describes a model in which representatives with mandates agree on a draft that is then treated by the health trust's board and the municipalities' decision bodies; who may bind a party follows from its own delegation rules.";

/** A decision the rules can use: its party is a party, nothing in it is a placeholder. */
function usable(decision: Ast.DecisionClause, resolved: ResolvedAgreement, ctx: CheckContext): boolean {
  return resolved.partyByName.isPartyRef(decision.party) && !ctx.hasPlaceholder(decision);
}

/** Each party's latest `behandling` by date; on the same date, the later clause (spec §5.7). */
export function latestDecisions(resolved: ResolvedAgreement, ctx: CheckContext): Map<string, Ast.DecisionClause> {
  const latest = new Map<string, Ast.DecisionClause>();
  for (const decision of decisionsOf(resolved.node)) {
    if (!usable(decision, resolved, ctx) || !decision.date.iso) continue;
    const previous = latest.get(decision.party.text);
    if (!previous || decision.date.iso >= previous.date.iso!) latest.set(decision.party.text, decision);
  }
  return latest;
}

function outcomeOf(decision: Ast.DecisionClause | undefined): Ast.DecisionOutcome | undefined {
  if (!decision) return undefined;
  return decision.outcome?.value ?? "planlagt";
}

function checkDecisions(resolved: ResolvedAgreement, ctx: CheckContext): void {
  const node = resolved.node;
  const decisions = decisionsOf(node);
  const statusClause = node.clauses.find((c): c is Ast.StatusClause => c.kind === "status");
  const statusKnown = !statusClause?.value.placeholder;
  const status = statusClause && statusKnown ? statusClause.value.value : "utkast";
  const period = resolved.period && resolved.period.to >= resolved.period.from ? resolved.period : undefined;

  for (const decision of decisions) {
    if (!usable(decision, resolved, ctx)) continue;
    const party = resolved.partyByName.get(decision.party.text)!;
    const allowed = party.side === "spesialist" ? HEALTH_TRUST_BODIES : MUNICIPALITY_BODIES;
    if (!allowed.has(decision.body.value)) {
      const right = party.side === "spesialist" ? "styre" : "kommunestyre";
      ctx.report(
        "HFA607",
        decision.body,
        party.side === "spesialist"
          ? ctx.say(
              `${party.name} er et helseforetak; for et helseforetak passer «styre» eller «delegert», ikke «${decision.body.value}». Skriv «behandling ${party.name} styre …» (eller «delegert» når vedtaket er delegert).`,
              `${party.name} is a health trust; for a health trust "styre" (board) or "delegert" fits, not "${decision.body.value}". Write "behandling ${party.name} styre …" (or "delegert" when the decision is delegated).`,
            )
          : ctx.say(
              `${party.name} er en kommune; for en kommune passer kommunestyre, bystyre, formannskap eller «delegert», ikke «${decision.body.value}». Skriv «behandling ${party.name} kommunestyre …» eller det organet som har fått myndigheten.`,
              `${party.name} is a municipality; for a municipality kommunestyre, bystyre, formannskap or "delegert" fits, not "${decision.body.value}". Write "behandling ${party.name} kommunestyre …" or the body that holds the authority.`,
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
    const o = outcomeOf(decision);
    if (period && year !== undefined && (o === "planlagt" || o === "vedtatt") && year > period.from) {
      const after = year > period.to;
      ctx.report(
        "HFA608",
        decision.date,
        ctx.say(
          `Vedtaket i ${party.name} er datert ${decision.date.iso}, ${after ? `etter hele avtaleperioden ${period.from}–${period.to}` : `senere enn avtalens første år ${period.from}`}. Avtalen bør være vedtatt før tiltaket starter: før opp en dato i ${period.from} eller tidligere, eller flytt perioden.`,
          `The decision of ${party.name} is dated ${decision.date.iso}, ${after ? `after the whole agreement period ${period.from}–${period.to}` : `later than the agreement's first year ${period.from}`}. The agreement should be adopted before the measure starts: give a date in ${period.from} or earlier, or move the period.`,
        ),
      );
    }
  }

  const latest = latestDecisions(resolved, ctx);
  // HFA611: a rejection, whatever the status.
  for (const party of resolved.parties) {
    if (outcomeOf(latest.get(party.name)) !== "avvist") continue;
    const decision = latest.get(party.name)!;
    const vedtatt = status === "vedtatt" && statusClause !== undefined;
    ctx.report(
      "HFA611",
      decision.outcome ?? decision,
      ctx.say(
        `${party.name} avviste avtalen (${decision.body.value}, ${decision.date.iso}). Tilskuddet disponeres «etter enighet mellom helseforetak og aktuelle kommuner» (Meld. St. 9 for 2023–2024, kap. 4), så uten enighet kan midlene ikke brukes${vedtatt ? ", og avtalen kan ikke stå som «vedtatt»" : ""}. Forhandle fram en ny avtale og før opp den nye behandlingen, eller ta ${party.name} ut av «parter».`,
        `${party.name} rejected the agreement (${decision.body.value}, ${decision.date.iso}). The grant is spent «etter enighet mellom helseforetak og aktuelle kommuner» (after agreement between the health trust and the municipalities concerned; Meld. St. 9 for 2023–2024, ch. 4), so without agreement the money cannot be used${vedtatt ? ', and the agreement cannot have "status vedtatt"' : ""}. Negotiate a new agreement and enter its decision, or take ${party.name} out of "parter".`,
      ),
    );
  }

  if (!statusKnown) return;
  if (status === "vedtatt" && statusClause) {
    const missing = resolved.parties.filter((p) => outcomeOf(latest.get(p.name)) !== "vedtatt" && outcomeOf(latest.get(p.name)) !== "avvist");
    if (missing.length > 0) {
      ctx.report(
        "HFA605",
        statusClause.value,
        ctx.say(
          () => `Avtalen står som vedtatt, men ${joinList(missing.map((p) => p.name), "nb")} har ikke vedtatt den. ${MODEL_NB} Før opp vedtaket («behandling ${missing[0]!.name} <organ> <dato> vedtatt»), eller skriv «status til-behandling».`,
          () => `The agreement is marked as adopted, but ${joinList(missing.map((p) => p.name), "en")} ha${missing.length > 1 ? "ve" : "s"} not adopted it. ${MODEL_EN} Enter the decision ('behandling ${missing[0]!.name} <body> <date> vedtatt'), or write "status til-behandling".`,
        ),
        { fixes: [{ title: ctx.say("Skriv «status til-behandling»", 'Write "status til-behandling"'), edits: [{ start: statusClause.value.start, end: statusClause.value.end, newText: "til-behandling" }] }] },
      );
    }
  } else if (status !== "vedtatt") {
    // Loops and module functions, not closures made per agreement: such a
    // closure loses its optimised code at every full GC (see computeBalance's
    // helpers in money.ts), and this message is on most agreements.
    const waiting: Party[] = [];
    for (const p of resolved.parties) {
      const o = outcomeOf(latest.get(p.name));
      if (o !== "vedtatt" && o !== "avvist") waiting.push(p);
    }
    if (waiting.length > 0) {
      ctx.report(
        "HFA606",
        statusClause ? statusClause.value : node.name.text ? node.name : node,
        waitingMessage(status, waiting, latest, ctx.locale),
      );
    }
  }
}

/** HFA606's message in `locale`: who has not decided yet, and what is planned. */
function waitingMessage(status: string | undefined, waiting: readonly Party[], latest: ReadonlyMap<string, Ast.DecisionClause>, locale: "nb" | "en"): string {
  const described: string[] = [];
  for (const p of waiting) described.push(describeWaiting(p, latest.get(p.name), locale));
  return locale === "nb"
    ? `Avtalen er ${status === "utkast" ? "et utkast" : "til behandling"}. Ikke behandlet ennå: ${joinList(described, "nb")}. ${MODEL_NB}`
    : `The agreement is ${status === "utkast" ? "a draft" : "under consideration"}. Not yet decided: ${joinList(described, "en")}. ${MODEL_EN}`;
}

function describeWaiting(p: Party, planned: Ast.DecisionClause | undefined, locale: "nb" | "en"): string {
  if (!planned) return locale === "nb" ? `${p.name} (ingen behandling oppgitt)` : `${p.name} (no decision stated)`;
  return locale === "nb"
    ? `${p.name} (${planned.body.value}, planlagt ${planned.date.iso ?? planned.date.text})`
    : `${p.name} (${planned.body.value}, planned ${planned.date.iso ?? planned.date.text})`;
}
