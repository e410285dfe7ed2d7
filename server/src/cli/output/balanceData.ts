/**
 * The structured `data` of HFA404 in `--format json` (spec §8, issue 9): the
 * balance the message summarises, as numbers, so a tool need not parse the
 * message. Read from the analysis' Balance, the same object the message and
 * the report are written from.
 */
import type { Balance, WorkspaceAnalysis } from "../../analysis/index.js";
import { locate, type CliDiagnostic, type KnownFile } from "../results.js";

export interface BalanceData {
  readonly agreement: string;
  readonly balance: Pick<Balance, "firstYear" | "horizon" | "horizonExplicit" | "parties" | "total">;
}

/** `(diagnostic) → data` for the HFA404 diagnostics of the files the CLI knows. */
export function balanceDataOf(analysis: WorkspaceAnalysis, files: ReadonlyMap<string, KnownFile>): (d: CliDiagnostic) => BalanceData | undefined {
  const byPlace = new Map<string, BalanceData>();
  for (const agreement of analysis.agreements) {
    const balance = agreement.money.balance;
    const file = files.get(agreement.uri);
    if (!balance || !file) continue;
    const diagnostic = (analysis.diagnostics.get(agreement.uri) ?? []).find((d) => d.code === "HFA404" && d.start >= agreement.node.start && d.end <= agreement.node.end);
    if (!diagnostic) continue;
    const at = locate(file, diagnostic.start, diagnostic.end);
    const { firstYear, horizon, horizonExplicit, parties, total } = balance;
    byPlace.set(`${at.absolute}:${at.line}:${at.column}`, { agreement: agreement.node.name.text, balance: { firstYear, horizon, horizonExplicit, parties, total } });
  }
  return (d) => (d.code === "HFA404" ? byPlace.get(`${d.absolute}:${d.line}:${d.column}`) : undefined);
}
