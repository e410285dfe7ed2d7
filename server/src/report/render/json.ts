/**
 * `--format json`: the whole model (docs/report.schema.json), so an economy
 * department can take the figures into a spreadsheet. Amounts are numbers in
 * kroner exactly as the checker computed them (not rounded, not formatted).
 */
import type { ReportModel } from "../model.js";
import type { OverviewModel } from "../overview.js";

export function renderJson(model: ReportModel | OverviewModel): string {
  return JSON.stringify(model, null, 2) + "\n";
}
