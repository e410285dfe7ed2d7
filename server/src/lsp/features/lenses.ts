/**
 * Code lenses (net per party at the horizon, above each agreement) and inlay
 * hints (the amount of each `à` flow, right after the quantity and its
 * price, so the line reads "80 døgn à Barselsdøgn = 520 000 kr per år": the
 * hint says no "/år" itself, since the schedule that follows says it).
 */
import { InlayHintKind, type CodeLens, type InlayHint } from "vscode-languageserver";
import { describeFlow, formatKr } from "../../analysis/index.js";
import type { FeatureContext } from "./api.js";
import { lensText } from "./balance.js";
import { agreementAnalysis } from "./indexes.js";
import { guard, rangeOf, say } from "./util.js";

export const SHOW_BALANCE_COMMAND = "hfa.showBalance";

export function codeLenses(ctx: FeatureContext): CodeLens[] {
  return guard(
    () => [],
    () => {
      const out: CodeLens[] = [];
      for (const decl of ctx.file.parse.file.declarations) {
        if (decl.kind !== "agreement") continue;
        const analysed = agreementAnalysis(ctx.analysis, ctx.file.uri, decl);
        const balance = analysed?.money.balance;
        const range = rangeOf(ctx.file, { start: decl.start, end: Math.max(decl.start, decl.name.end) });
        if (!balance) {
          out.push({
            range,
            command: {
              title: say(ctx.locale, "Balanse: trenger en gyldig periode", "Balance: needs a valid period"),
              command: SHOW_BALANCE_COMMAND,
              arguments: [ctx.file.uri, decl.start],
            },
          });
          continue;
        }
        out.push({
          range,
          command: {
            title: `${say(ctx.locale, `Netto ${balance.horizon}`, `Net ${balance.horizon}`)}: ${lensText(balance, ctx.locale)}`,
            command: SHOW_BALANCE_COMMAND,
            arguments: [ctx.file.uri, decl.start],
          },
        });
      }
      return out;
    },
  );
}

export function inlayHints(ctx: FeatureContext, range: { start: number; end: number }): InlayHint[] {
  return guard(
    () => [],
    () => {
      const out: InlayHint[] = [];
      const from = Number.isFinite(range?.start) ? range.start : 0;
      const to = Number.isFinite(range?.end) ? range.end : ctx.file.text.length;
      for (const decl of ctx.file.parse.file.declarations) {
        if (decl.kind !== "agreement" || decl.end < from || decl.start > to) continue;
        const analysed = agreementAnalysis(ctx.analysis, ctx.file.uri, decl);
        for (const flow of analysed?.money.flows ?? []) {
          const value = flow.flow.value;
          if (value.kind !== "quantity" || !value.times || !value.price || flow.perYear === undefined) continue;
          if (value.end < from || value.end > to) continue;
          out.push({
            position: ctx.file.lines.position(value.end),
            label: `= ${formatKr(flow.perYear, ctx.locale)}`,
            kind: InlayHintKind.Type,
            paddingLeft: true,
            tooltip: describeFlow(flow, ctx.locale),
          });
        }
      }
      return out;
    },
  );
}
