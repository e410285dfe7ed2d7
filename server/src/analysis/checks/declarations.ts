/**
 * Rules on one file's declarations and tokens: placeholders left in
 * (HFA011, spec §2) and unit costs without a source (HFA804).
 */
import type * as Ast from "../../../../grammar/src/ast.js";
import type { CheckContext } from "./context.js";

/** HFA011 on every placeholder of the file: `<…>` tokens and placeholder strings. */
export function reportPlaceholders(placeholders: readonly Ast.Span[], ctx: CheckContext): void {
  for (const span of placeholders) {
    const text = ctx.text.slice(span.start, span.end);
    const shown = text.length > 60 ? text.slice(0, 57) + "…" : text;
    ctx.report(
      "HFA011",
      span,
      ctx.say(
        `Plassholderen ${shown} er ikke fylt ut. Erstatt den med det avtalen skal si; inntil da regnes klausulen ikke med i beregningene.`,
        `The placeholder ${shown} has not been filled in. Replace it with what the agreement is to say; until then the clause is left out of the computations.`,
      ),
    );
  }
}

/** HFA804: a `sats` without `kilde`. */
export function checkRateSources(file: Ast.FileNode, ctx: CheckContext): void {
  for (const decl of file.declarations) {
    if (decl.kind !== "rate" || decl.source || decl.name.text === "") continue;
    ctx.report(
      "HFA804",
      decl.name,
      ctx.say(
        `Satsen ${decl.name.text} har ingen «kilde», så en som leser avtalen ser ikke hvor enhetskostnaden kommer fra. Legg til «kilde \"<hvor tallet kommer fra, f.eks. regnskap og år>\"».`,
        `The rate ${decl.name.text} has no "kilde" (source), so a reviewer cannot see where the unit cost comes from. Add 'kilde "<where the figure comes from, e.g. accounts and year>"'.`,
      ),
    );
  }
}

/** HFA001 for `og` between names (`parter SiV og Holmestand`): lists take commas. The names are still resolved. */
export function reportAndSeparators(file: Ast.FileNode, ctx: CheckContext): void {
  const report = (clause: { refs: readonly Ast.Name[]; ands?: readonly Ast.Span[] }, whatNb: string, whatEn: string) => {
    for (const and of clause.ands ?? []) {
      const before = clause.refs.filter((r) => r.end <= and.start).pop();
      const after = clause.refs.find((r) => r.start >= and.end);
      if (!before || !after) continue;
      const written = `${before.text}, ${after.text}`;
      ctx.report(
        "HFA001",
        and,
        ctx.say(
          `Skill ${whatNb} med komma, ikke «og»: skriv «${written}».`,
          `Separate ${whatEn} with commas, not "og": write "${written}".`,
        ),
        { fixes: [{ title: ctx.say(`Skriv «${written}»`, `Write "${written}"`), edits: [{ start: before.end, end: after.start, newText: ", " }], preferred: true }] },
      );
    }
  };
  for (const decl of file.declarations) {
    if (decl.kind !== "agreement") continue;
    for (const clause of decl.clauses) {
      if (clause.kind === "parties") report(clause, "partene", "the parties");
      else if (clause.kind === "targetGroups") report(clause, "målgruppene", "the target groups");
      else if (clause.kind === "measure") {
        for (const item of clause.items) if (item.kind === "measurePurposes") report(item, "formålene", "the purposes");
      }
    }
  }
}
