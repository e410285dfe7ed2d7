/**
 * `hfa report --helsefellesskap ID`: all agreements of one helsefellesskap
 * against the frame (spec §5.5, §8), for the ASU to prioritise. Built from
 * the same analysis as the checker: grants per year from each agreement's
 * `MoneyModel.grants`, the split per party (and so between HF and
 * kommuner) from its `Balance`.
 */
import type { AgreementAnalysis, WorkspaceAnalysis } from "../analysis/index.js";
import { SMALL_HOSPITAL_KINDS } from "../analysis/prelude.js";
import { statusLabel } from "./labels.js";
import { frameOf, REPORT_SCHEMA_VERSION, type ReportMeta } from "./model.js";

export interface OverviewAgreement {
  readonly id: string;
  readonly title: string;
  readonly file: string;
  readonly status: string;
  readonly period?: { readonly from: number; readonly to: number };
  /** Parties by official name. */
  readonly parties: readonly string[];
  readonly grantPerYear: readonly { readonly year: number; readonly amount: number }[];
  readonly breakEven?: number;
  readonly horizon?: number;
  readonly atHorizon?: number;
  readonly smallestHospital: boolean;
  readonly errors: number;
}

export interface OverviewFrameYear {
  readonly year: number;
  readonly frame: number;
  readonly sharePercent: number;
  readonly share: number;
  readonly drawn: number;
  readonly left: number;
  /** Drawn by agreements whose `sykehus` is one of the smallest hospitals. */
  readonly toSmallest: number;
  /** Grant received by the helseforetak parties / by the kommuner. */
  readonly toHealthTrusts: number;
  readonly toMunicipalities: number;
}

export interface OverviewFrame {
  readonly scheme: string;
  readonly schemeName: string;
  readonly years: readonly OverviewFrameYear[];
}

export interface OverviewModel {
  readonly kind: "overview";
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly meta: ReportMeta;
  readonly community: { readonly id: string; readonly name: string };
  readonly agreements: readonly OverviewAgreement[];
  readonly frames: readonly OverviewFrame[];
}

/** The share of a grant amount in `year` that each side receives, from the balance's grant column. */
function sideShares(agreement: AgreementAnalysis, year: number): { trust: number; municipality: number } {
  const balance = agreement.money.balance;
  if (!balance) return { trust: 0, municipality: 0 };
  let trust = 0;
  let municipality = 0;
  for (const party of balance.parties) {
    const grant = party.rows.find((r) => r.year === year)?.grant ?? 0;
    if (party.side === "spesialist") trust += grant;
    else municipality += grant;
  }
  const total = trust + municipality;
  return total > 0 ? { trust: trust / total, municipality: municipality / total } : { trust: 0, municipality: 0 };
}

/** Undefined when no helsefellesskap of that name is declared. */
export function buildOverviewModel(
  analysis: WorkspaceAnalysis,
  communityId: string,
  options: { readonly meta: ReportMeta; readonly fileLabel: (uri: string) => string },
): OverviewModel | undefined {
  const community = analysis.symbols.first("community", communityId);
  if (!community) return undefined;
  const locale = options.meta.locale;
  const mine = analysis.agreements.filter((a) => a.resolved.community === community || a.resolved.community?.name.text === communityId);
  const agreements = mine.map((a): OverviewAgreement => {
    const grantByYear = new Map<number, number>();
    for (const grant of a.money.grants) for (const [year, amount] of grant.years) grantByYear.set(year, (grantByYear.get(year) ?? 0) + amount);
    const status = a.node.clauses.find((c) => c.kind === "status");
    const period = a.resolved.period && a.resolved.period.to >= a.resolved.period.from ? { from: a.resolved.period.from, to: a.resolved.period.to } : undefined;
    const balance = a.money.balance;
    const hospital = a.resolved.hospital;
    const diagnostics = (analysis.diagnostics.get(a.uri) ?? []).filter((d) => d.start >= a.node.start && d.end <= a.node.end);
    return {
      id: a.node.name.text,
      title: a.node.title.value,
      file: options.fileLabel(a.uri),
      status: statusLabel(status?.kind === "status" ? status.value.value : "utkast", locale),
      ...(period ? { period } : {}),
      parties: a.resolved.parties.map((p) => p.decl.node.title.value),
      grantPerYear: [...grantByYear].sort((x, y) => x[0] - y[0]).map(([year, amount]) => ({ year, amount })),
      ...(balance?.total.breakEven !== undefined ? { breakEven: balance.total.breakEven } : {}),
      ...(balance ? { horizon: balance.horizon, atHorizon: balance.total.atHorizon } : {}),
      smallestHospital: hospital !== undefined && SMALL_HOSPITAL_KINDS.has(hospital.node.hospitalKind.value),
      errors: diagnostics.filter((d) => d.severity === "error" && d.suppressed === undefined).length,
    };
  });

  const schemes = [...new Set(mine.flatMap((a) => a.money.grants.map((g) => g.scheme)))];
  const frames = schemes.map((scheme): OverviewFrame => {
    const frame = frameOf(analysis, scheme, communityId);
    return {
      scheme: frame.scheme,
      schemeName: frame.schemeName,
      years: frame.years.map((y): OverviewFrameYear => {
        let toSmallest = 0;
        let toHealthTrusts = 0;
        let toMunicipalities = 0;
        mine.forEach((a, i) => {
          for (const grant of a.money.grants) {
            if (grant.scheme !== scheme) continue;
            const amount = grant.years.get(y.year) ?? 0;
            if (amount === 0) continue;
            if (agreements[i]!.smallestHospital) toSmallest += amount;
            const shares = sideShares(a, y.year);
            toHealthTrusts += amount * shares.trust;
            toMunicipalities += amount * shares.municipality;
          }
        });
        return { year: y.year, frame: y.frame, sharePercent: y.sharePercent, share: y.share, drawn: y.drawnByAll, left: y.left, toSmallest, toHealthTrusts, toMunicipalities };
      }),
    };
  });

  return {
    kind: "overview",
    schemaVersion: REPORT_SCHEMA_VERSION,
    meta: options.meta,
    community: { id: community.name.text, name: community.node.title.value },
    agreements,
    frames,
  };
}
