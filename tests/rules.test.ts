/**
 * Every diagnostic code (spec §6, plus HFA010 for hfa.json): triggered by one
 * small edit of the spec §1 agreement, with its severity, range, message and
 * (where the diagnostic offers one) quick fix; and silent on the correct
 * agreement. The table drives the suite: a code in RULES without a row fails.
 */
import { describe, expect, it } from "vitest";
import { RULES, type Diagnostic, type Severity } from "../server/src/analysis/index.js";
import {
  AGREEMENT,
  AGREEMENT_URI,
  SHARED,
  SHARED_URI,
  SPEC_EXAMPLE,
  agreement,
  type AgreementEdit,
} from "./fixtures/rules/base.js";
import { applyEdits, check, codesOf, codesWithSeverity, describeDiagnostics, type CheckOptions, type Checked } from "./helpers/workspace.js";

// ------------------------------------------------------------------ the cases

/** Default severities as spec §6 states them (HFA010 is not in the spec's table; it is an error). */
const SPEC_SEVERITY: Readonly<Record<string, Severity>> = {
  HFA001: "error", HFA002: "error", HFA003: "error", HFA009: "warning", HFA010: "error", HFA011: "error", HFA012: "warning",
  HFA101: "error", HFA102: "error", HFA103: "error", HFA104: "error", HFA105: "error", HFA106: "error", HFA107: "error",
  HFA201: "error", HFA202: "error", HFA203: "warning", HFA204: "warning", HFA205: "warning", HFA206: "error",
  HFA207: "warning", HFA208: "error", HFA209: "warning",
  HFA301: "error", HFA302: "error", HFA303: "warning", HFA304: "error", HFA305: "error", HFA306: "warning",
  HFA307: "error", HFA308: "warning", HFA309: "warning", HFA310: "warning", HFA311: "error",
  HFA401: "error", HFA402: "warning", HFA403: "information", HFA404: "information", HFA405: "warning",
  HFA406: "warning", HFA407: "error", HFA408: "warning",
  HFA501: "warning", HFA502: "warning", HFA503: "information", HFA504: "hint", HFA505: "error",
  HFA601: "error", HFA603: "warning", HFA604: "warning", HFA605: "error", HFA606: "information",
  HFA607: "warning", HFA608: "warning", HFA609: "warning", HFA610: "hint", HFA611: "error", HFA612: "warning",
  HFA701: "error", HFA702: "warning", HFA703: "warning", HFA801: "error", HFA802: "error", HFA803: "error", HFA804: "hint",
};

interface Scenario {
  /** Edit of the spec agreement. */
  readonly edit?: AgreementEdit;
  /** Replaces the shared declarations. */
  readonly shared?: string;
  /** More files. */
  readonly extra?: Readonly<Record<string, string>>;
  readonly options?: CheckOptions;
}

interface RuleCase {
  readonly code: string;
  /** What the edit does, for the test name. */
  readonly what: string;
  readonly scenario: Scenario;
  /** The file the diagnostic is in (default: the agreement). */
  readonly uri?: string;
  /** The exact source text under the diagnostic's range. */
  readonly range: string;
  /** Parts the message must contain. */
  readonly message: readonly (string | RegExp)[];
  /** Other error/warning codes the edit legitimately causes (default: none). */
  readonly alsoErrorsWarnings?: readonly string[];
  /** A correct variant on which the code is silent (default: the spec example). `null`: the code is never silent on a computable agreement. */
  readonly silentOn?: Scenario | null;
}

const AGREEMENT2_URI = "file:///ws/avtale2.hfa";

const stillinger = (purposes: string, averøyFte = "1", extraLines = "") =>
  `tiltak Stillinger "To kombinerte jordmorstillinger" {${purposes ? `\n    formål ${purposes}` : ""}
    stilling "Jordmor Kristiansund" 1 årsverk: HMR 50 %, Kristiansund 50 %
    stilling "Jordmor Averøy" ${averøyFte} årsverk: HMR 50 %, Averøy 50 %${extraLines}
  }`;

const allAdopted: AgreementEdit = {
  replace: [
    ["status", "status vedtatt"],
    ["behandling HMR", "behandling HMR styre 2025-03-12 vedtatt"],
    ["behandling Kristiansund", "behandling Kristiansund bystyre 2025-04-01 vedtatt"],
    ["behandling Averøy", "behandling Averøy kommunestyre 2025-04-03 vedtatt"],
  ],
};

const CASES: readonly RuleCase[] = [
  {
    code: "HFA001",
    what: "`periode fra 2025 til 2027`",
    scenario: { edit: { replace: [["periode", "periode fra 2025 til 2027"]] } },
    range: "fra",
    message: ["årstall", "«periode»", "«fra»"],
  },
  {
    code: "HFA002",
    what: "`150.000 kr`",
    scenario: { edit: { replace: [["innsats HMR 150", `innsats HMR 150.000 kr i 2025 "Opplæring og hospitering"`]] } },
    range: "150.000",
    message: ["150.000", "150 000"],
  },
  {
    code: "HFA003",
    what: "the date `12.03.2025`",
    scenario: { edit: { replace: [["behandling HMR", "behandling HMR styre 12.03.2025 planlagt"]] } },
    range: "12.03.2025",
    message: ["2025-03-12", "12.03.2025"],
  },
  {
    code: "HFA009",
    what: "a suppression without a reason",
    scenario: { edit: { replace: [["videreføring", `// hfa-ignore HFA603\n  videreføring "Stillingene finansieres i partenes ordinære budsjetter fra 2028."`]] } },
    range: "// hfa-ignore HFA603",
    message: ["begrunnelse"],
  },
  {
    code: "HFA010",
    what: "a bad severity in hfa.json",
    scenario: { options: { config: `{ "rules": { "HFA604": "av" } }` } },
    uri: "file:///ws/hfa.json",
    range: `"av"`,
    message: ["off", "warning"],
    silentOn: { options: { config: `{ "rules": { "HFA604": "off" }, "balance": { "tolerance": 0.1 } }` } },
  },
  {
    code: "HFA101",
    what: "a misspelt party in `behandling`",
    scenario: { edit: { replace: [["behandling Averøy", "behandling Averøi kommunestyre 2025-04-03 planlagt"]] } },
    range: "Averøi",
    message: ["«Averøi»", "Mente du «Averøy»?"],
  },
  {
    code: "HFA102",
    what: "a `sats` declared again in another file",
    scenario: { extra: { "file:///ws/satser-2025.hfa": `sats Barselsdøgn "Kostnad per liggedøgn barsel" 6 800 kr per døgn\n` } },
    uri: "file:///ws/satser-2025.hfa",
    range: "Barselsdøgn",
    message: ["Barselsdøgn", "flere ganger", "gi den ene et annet navn"],
  },
  {
    code: "HFA103",
    what: "a sykehus in `parter`",
    scenario: { edit: { replace: [["parter", "parter HMR, Kristiansund, Averøy, KSU"]] } },
    range: "KSU",
    message: ["«KSU»", "sykehus", "helseforetak eller kommune"],
  },
  {
    code: "HFA104",
    what: "Trondheim (St. Olav) as a party",
    scenario: {
      edit: {
        replace: [["parter", "parter HMR, Kristiansund, Averøy, Trondheim"]],
        add: ["innsats Trondheim 10 000 kr i 2025", "besparelse Trondheim 10 000 kr i 2026"],
      },
    },
    range: "Trondheim",
    message: ["Trondheim", "MøreRomsdal"],
  },
  {
    code: "HFA105",
    what: "a second `status`",
    scenario: { edit: { add: ["status utkast"] } },
    range: "status",
    message: ["«status»", "én gang"],
  },
  {
    code: "HFA106",
    what: "no `periode`",
    scenario: { edit: { remove: ["periode"] } },
    range: "JordmorNordmøre",
    message: ["JordmorNordmøre", "«periode»"],
  },
  {
    code: "HFA201",
    what: "no `formål`",
    scenario: { edit: { remove: ["formål"] } },
    range: "JordmorNordmøre",
    message: ["JordmorNordmøre", "formål"],
    // The measure still links samhandling and rekruttering, which the agreement no longer states.
    alsoErrorsWarnings: ["HFA206"],
  },
  {
    code: "HFA202",
    what: "an unknown purpose in a `tiltak`",
    scenario: { edit: { replace: [["tiltak", stillinger("samhandling, rekrutering")]] } },
    range: "rekrutering",
    message: ["«rekrutering»", "rekruttering"],
  },
  {
    code: "HFA203",
    what: "a four-word justification",
    scenario: { edit: { replace: [["formål samhandling", `formål samhandling "Bedre samhandling rundt barna."`]] } },
    range: `"Bedre samhandling rundt barna."`,
    message: ["samhandling", "4 ord", "12"],
  },
  {
    code: "HFA204",
    what: "a justification copied from the official wording",
    scenario: {
      edit: {
        replace: [
          [
            "formål samhandling",
            `formål samhandling "Tiltaket skal understøtte tjenesteutvikling og gode pasientforløp gjennom å styrke samhandlingen mellom spesialisthelsetjenesten og den kommunale helse- og omsorgstjenesten."`,
          ],
        ],
      },
    },
    range: `"Tiltaket skal understøtte tjenesteutvikling og gode pasientforløp gjennom å styrke samhandlingen mellom spesialisthelsetjenesten og den kommunale helse- og omsorgstjenesten."`,
    message: ["samhandling", "Meld. St. 9"],
  },
  {
    code: "HFA205",
    what: "a `tiltak` without `formål`",
    scenario: { edit: { replace: [["tiltak", stillinger("")]] } },
    range: "Stillinger",
    message: ["Stillinger"],
  },
  {
    code: "HFA206",
    what: "a `tiltak` linking `ventetid`",
    scenario: { edit: { replace: [["tiltak", stillinger("samhandling, rekruttering, ventetid")]] } },
    range: "ventetid",
    message: ["Stillinger", "ventetid"],
  },
  {
    code: "HFA207",
    what: "`rekruttering` without any `stilling`",
    scenario: { edit: { replace: [["tiltak", `tiltak Stillinger "To kombinerte jordmorstillinger" {\n    formål samhandling, rekruttering\n  }`]] } },
    range: "rekruttering",
    message: ["rekruttering", "«stilling»"],
  },
  {
    code: "HFA208",
    what: "no `tiltak`",
    scenario: { edit: { remove: ["tiltak"] } },
    range: "JordmorNordmøre",
    message: ["JordmorNordmøre", "«tiltak»"],
    // `formål rekruttering` with no measure (and so no position).
    alsoErrorsWarnings: ["HFA207"],
  },
  {
    code: "HFA301",
    what: "only kommuner as parties",
    scenario: { edit: { replace: [["parter", "parter Kristiansund, Averøy"]] } },
    range: "parter Kristiansund, Averøy",
    message: ["helseforetak"],
    // Every clause naming HMR now names a non-party, and KSU is HMR's hospital.
    alsoErrorsWarnings: ["HFA304", "HFA505"],
  },
  {
    code: "HFA302",
    what: "no kommune puts in anything",
    scenario: { edit: { remove: ["innsats Kristiansund", "innsats Averøy"] } },
    range: "parter HMR, Kristiansund, Averøy",
    message: ["Kristiansund og Averøy", "kommunale"],
    alsoErrorsWarnings: ["HFA306"],
  },
  {
    code: "HFA303",
    what: "Averøy puts in nothing",
    scenario: { edit: { remove: ["innsats Averøy"] } },
    range: "Averøy",
    message: ["Averøy", "1 020 000 kr"],
    alsoErrorsWarnings: ["HFA306"],
  },
  {
    code: "HFA304",
    what: "a saving for Trondheim, not a party",
    scenario: { edit: { add: ["besparelse Trondheim 50 000 kr per år fra 2026"] } },
    range: "Trondheim",
    message: ["Trondheim", "part"],
  },
  {
    code: "HFA305",
    what: "grant shares adding up to 95 %",
    scenario: { edit: { replace: [["tilskudd", "tilskudd RST 600 000 kr per år til HMR 50 %, Kristiansund 25 %, Averøy 20 %"]] } },
    range: "HMR 50 %, Kristiansund 25 %, Averøy 20 %",
    message: ["95 %", "100 %"],
  },
  {
    code: "HFA306",
    what: "a grant share for Averøy, who puts in nothing",
    scenario: { edit: { remove: ["innsats Averøy"] } },
    range: "Averøy 25 %",
    message: ["Averøy", "25 %"],
    alsoErrorsWarnings: ["HFA303"],
  },
  {
    code: "HFA307",
    what: "own input in 2024, before the period",
    scenario: { edit: { replace: [["innsats HMR 150", `innsats HMR 150 000 kr i 2024 "Opplæring og hospitering"`]] } },
    range: "i 2024",
    message: ["2024", "2025–2027"],
  },
  {
    code: "HFA308",
    what: "a position of 0,8 årsverk",
    scenario: { edit: { replace: [["tiltak", stillinger("samhandling, rekruttering", "0,8")]] } },
    range: "0,8",
    message: ["Jordmor Averøy", "0,8"],
  },
  {
    code: "HFA401",
    what: "no `besparelse`",
    scenario: { edit: { remove: ["besparelse"] } },
    range: "JordmorNordmøre",
    message: ["JordmorNordmøre", "«besparelse»"],
    // The transfer from HMR now exceeds HMR's (absent) savings.
    alsoErrorsWarnings: ["HFA405"],
  },
  {
    code: "HFA402",
    what: "no transfer to Averøy",
    scenario: { edit: { replace: [["balanse", "balanse {\n    horisont 2030\n  }"]] } },
    range: "balanse",
    message: [
      "Averøy har et samlet netto tap på 270 000 kr i 2025–2030, mens HMR har en netto gevinst på 1 290 000 kr",
      "kommunale helse- og omsorgstjenesten",
      "spesialisthelsetjenesten",
      "«overføring HMR til Averøy 44 000 kr per år fra 2026»",
    ],
  },
  {
    code: "HFA403",
    what: "every party a little short of its input (HMR −10 000, Kristiansund and Averøy −20 000 kr)",
    scenario: {
      edit: {
        remove: ["besparelse HMR 200"],
        replace: [
          ["besparelse Kristiansund", `besparelse Kristiansund 200 000 kr per år fra 2026 "Mindre innleie av vikarjordmor"`],
          ["besparelse Averøy", `besparelse Averøy 140 000 kr per år fra 2026 "Mindre innleie av vikarjordmor"`],
        ],
      },
    },
    range: "JordmorNordmøre",
    message: ["2030", "50 000 kr"],
  },
  {
    code: "HFA404",
    what: "the spec example itself",
    scenario: {},
    range: "balanse",
    message: [
      "HMR i balanse fra 2027 (netto +990 000 kr)",
      "Kristiansund i balanse fra 2028 (netto +230 000 kr)",
      "Averøy i balanse fra 2030 (netto +30 000 kr)",
      "Samlet: i balanse fra 2028 (netto +1 250 000 kr)",
    ],
    silentOn: null,
  },
  {
    code: "HFA405",
    what: "a transfer from 2025, before HMR saves anything",
    scenario: {
      edit: { replace: [["balanse", `balanse {\n    horisont 2030\n    overføring HMR til Averøy 100 000 kr per år "Utjevning av gevinst"\n  }`]] },
    },
    range: `overføring HMR til Averøy 100 000 kr per år "Utjevning av gevinst"`,
    message: ["HMR", "2025", "100 000 kr", "0 kr"],
  },
  {
    code: "HFA501",
    what: "no `målgruppe`",
    scenario: { edit: { remove: ["målgruppe"] } },
    range: "JordmorNordmøre",
    message: ["JordmorNordmøre", "«målgruppe»", "svangerskap-fødsel-barsel"],
  },
  {
    code: "HFA502",
    what: "only the local group UngeRus",
    scenario: { edit: { replace: [["målgruppe", "målgruppe UngeRus"]] } },
    range: "målgruppe UngeRus",
    message: ["lokale"],
  },
  {
    code: "HFA503",
    what: "the spec example itself (Kristiansund sykehus is an akuttsykehus)",
    scenario: {},
    range: "KSU",
    message: ["Kristiansund sykehus", "akuttsykehus"],
    silentOn: { shared: SHARED.replace(`"Kristiansund sykehus" akuttsykehus`, `"Kristiansund sykehus" stort-akuttsykehus`) },
  },
  {
    code: "HFA504",
    what: "no `sykehus`",
    scenario: { edit: { remove: ["sykehus"] } },
    range: "JordmorNordmøre",
    message: ["«sykehus <sykehus>»", "de minste sykehusene"],
  },
  {
    code: "HFA601",
    what: "`periode 2027 til 2025`",
    scenario: { edit: { replace: [["periode", "periode 2027 til 2025"]] } },
    range: "periode 2027 til 2025",
    message: ["2025", "2027"],
    // Spec §5.2: an invalid clause reports its own diagnostic and is left out of the computations,
    // so the reversed period must not also make the one-off `i 2025` "outside the period" (HFA307).
  },
  {
    code: "HFA603",
    what: "no `videreføring`",
    scenario: { edit: { remove: ["videreføring"] } },
    range: "JordmorNordmøre",
    message: ["videreføring \"<hvordan tiltaket finansieres når tilskuddet opphører>\"", "Sykehusutvalget"],
  },
  {
    code: "HFA604",
    what: "no `indikator`",
    scenario: { edit: { remove: ["indikator"] } },
    range: "JordmorNordmøre",
    message: ["«indikator»"],
  },
  {
    code: "HFA605",
    what: "`status vedtatt` while Averøy has only planned its decision",
    scenario: {
      edit: {
        replace: [
          ["status", "status vedtatt"],
          ["behandling HMR", "behandling HMR styre 2025-03-12 vedtatt"],
          ["behandling Kristiansund", "behandling Kristiansund bystyre 2025-04-01 vedtatt"],
        ],
      },
    },
    range: "vedtatt",
    message: ["Averøy"],
  },
  {
    code: "HFA606",
    what: "the spec example itself (status til-behandling)",
    scenario: {},
    range: "til-behandling",
    message: ["HMR (styre, planlagt 2025-03-12)", "Kristiansund (bystyre, planlagt 2025-04-01)", "Averøy (kommunestyre, planlagt 2025-04-03)"],
    silentOn: { edit: allAdopted },
  },
  {
    code: "HFA607",
    what: "Kristiansund deciding in `styre`",
    scenario: { edit: { replace: [["behandling Kristiansund", "behandling Kristiansund styre 2025-04-01 planlagt"]] } },
    range: "styre",
    message: ["Kristiansund", "kommune", "«styre»"],
  },
  {
    code: "HFA608",
    what: "Averøy deciding in 2026",
    scenario: { edit: { replace: [["behandling Averøy", "behandling Averøy kommunestyre 2026-01-15 planlagt"]] } },
    range: "2026-01-15",
    message: ["Averøy", "2026-01-15", "2025"],
  },
  {
    code: "HFA609",
    what: "`personelleffekt personelldrivende` without a justification",
    scenario: { edit: { replace: [["personelleffekt", "personelleffekt personelldrivende"]] } },
    range: "personelldrivende",
    message: ["personelldrivende", "KS"],
  },
  {
    code: "HFA610",
    what: "no `personelleffekt`",
    scenario: { edit: { remove: ["personelleffekt"] } },
    range: "JordmorNordmøre",
    message: ["«personelleffekt nøytral»", "Avtalen mellom regjeringen og KS", "«Tiltak som igangsettes skal ikke være personelldrivende»"],
  },
  {
    code: "HFA701",
    what: "two agreements drawing 3 000 000 kr a year each on MøreRomsdal's 5 346 000 kr",
    scenario: {
      edit: { replace: [["tilskudd", "tilskudd RST 3 000 000 kr per år til HMR 50 %, Kristiansund 25 %, Averøy 25 %"]] },
      extra: {
        [AGREEMENT2_URI]: agreement({
          header: `avtale JordmorNordmøre2 "Kombinerte jordmorstillinger på Nordmøre, trinn 2" {`,
          replace: [["tilskudd", "tilskudd RST 3 000 000 kr per år til HMR 50 %, Kristiansund 25 %, Averøy 25 %"]],
        }),
      },
    },
    range: "tilskudd RST 3 000 000 kr per år til HMR 50 %, Kristiansund 25 %, Averøy 25 %",
    message: ["RST", "MøreRomsdal", "2025", "6 000 000 kr", "5 346 000 kr", "JordmorNordmøre og JordmorNordmøre2", "2026 og 2027"],
    // 9 000 000 kr of grant against 2 250 000 kr of own input is no partial financing either.
    alsoErrorsWarnings: ["HFA309"],
  },
  {
    code: "HFA702",
    what: "no `ramme 2027` in the scheme",
    scenario: { shared: SHARED.replace("  ramme 2027 16,2 mill. kr\n", "") },
    range: "per år",
    message: ["RST", "2027"],
  },
  {
    code: "HFA801",
    what: "`80 timer à Barselsdøgn` (a rate per døgn)",
    scenario: { edit: { replace: [["besparelse HMR 80", `besparelse HMR 80 timer à Barselsdøgn per år fra 2026 "Færre reinnleggelser i barseltiden"`]] } },
    range: "80 timer à Barselsdøgn",
    message: ["Barselsdøgn", "time", "døgn"],
  },
  {
    code: "HFA802",
    what: "`innsats HMR 40 døgn i 2025`",
    scenario: { edit: { replace: [["innsats HMR 150", `innsats HMR 40 døgn i 2025 "Opplæring og hospitering"`]] } },
    range: "40 døgn",
    message: ["40 døgn", "kr"],
  },
  {
    code: "HFA803",
    what: "an amount of 0 kr",
    scenario: { edit: { replace: [["innsats HMR 150", `innsats HMR 0 kr i 2025 "Opplæring og hospitering"`]] } },
    range: "0 kr",
    message: ["0 kr"],
  },
  // ---------------------------------------------------------------- new in v1.1
  {
    code: "HFA011",
    what: "a placeholder amount left in an `innsats`",
    scenario: { edit: { replace: [["innsats HMR 150", `innsats HMR <beløp> kr i 2025 "Opplæring og hospitering"`]] } },
    range: "<beløp>",
    message: ["<beløp>", "Erstatt"],
    silentOn: { edit: { replace: [["innsats HMR 150", `innsats HMR 150 000 kr i 2025 "Opplæring for færre enn 3 < 4 grupper"`]] } },
  },
  {
    code: "HFA012",
    what: "a suppression of HFA503 above `målgruppe`, which has no HFA503",
    scenario: { edit: { replace: [["målgruppe", "// hfa-ignore HFA503: tiltaket gjelder begge sykehusene likt\n  målgruppe svangerskap-fødsel-barsel"]] } },
    range: "// hfa-ignore HFA503: tiltaket gjelder begge sykehusene likt",
    message: ["HFA503", "Fjern kommentaren"],
    silentOn: { edit: { replace: [["sykehus", "// hfa-ignore HFA503: tiltaket gjelder begge sykehusene likt\n  sykehus KSU"]] } },
  },
  {
    code: "HFA107",
    what: "Kristiansund twice in `parter`",
    scenario: { edit: { replace: [["parter", "parter HMR, Kristiansund, Averøy, Kristiansund"]] } },
    range: "Kristiansund",
    message: ["Kristiansund", "to ganger"],
  },
  {
    code: "HFA209",
    what: "`ventetid` as the only purpose",
    scenario: {
      edit: {
        remove: ["formål rekruttering"],
        replace: [
          ["formål samhandling", `formål ventetid "Kombinerte jordmorstillinger gjør at gravide får time hos jordmor raskere, fordi kommunen og sykehuset deler vaktene."`],
          ["tiltak", stillinger("ventetid")],
        ],
      },
    },
    range: "ventetid",
    message: ["ventetid", "«Dette må også ses i sammenheng med målet om reduserte ventetider.»", "formål pasientforløp"],
    silentOn: {
      edit: {
        add: [`formål ventetid "Kombinerte jordmorstillinger gjør at gravide får time hos jordmor raskere, fordi kommunen og sykehuset deler vaktene."`],
        replace: [["tiltak", stillinger("samhandling, rekruttering, ventetid")]],
      },
    },
  },
  {
    code: "HFA309",
    what: "1 500 000 kr of grant a year against 2 250 000 kr of own input over the period",
    scenario: { edit: { replace: [["tilskudd", "tilskudd RST 1 500 000 kr per år til HMR 50 %, Kristiansund 25 %, Averøy 25 %"]] } },
    range: "tilskudd RST 1 500 000 kr per år til HMR 50 %, Kristiansund 25 %, Averøy 25 %",
    message: ["2025–2027", "4 500 000 kr i tilskudd mot 2 250 000 kr i egen innsats", "per part: HMR 2 250 000 kr mot 1 230 000 kr", "som hovedregel", "50 %"],
  },
  {
    code: "HFA310",
    what: "Averøy's input starts in 2026 but it gets 25 % of the grant in 2025",
    scenario: { edit: { replace: [["innsats Averøy", "innsats Averøy 0,2 årsverk à 850 000 kr per år fra 2026 til 2030"]] } },
    range: "per år",
    message: ["2025", "Averøy", "erstatter tilskuddet egen innsats"],
    // Averøy's 340 000 kr of own input against 450 000 kr of grant is no partial financing either.
    alsoErrorsWarnings: ["HFA309"],
  },
  {
    code: "HFA311",
    what: "a transfer from HMR to HMR",
    scenario: { edit: { replace: [["balanse", `balanse {\n    horisont 2030\n    overføring HMR til Averøy 60 000 kr per år fra 2026 "Utjevning av gevinst"\n    overføring HMR til HMR 10 000 kr i 2026\n  }`]] } },
    range: "HMR til HMR",
    message: ["HMR", "«til»"],
  },
  {
    code: "HFA406",
    what: "own input only in the period, savings to the horizon (the plainest agreement)",
    scenario: {
      edit: {
        replace: [
          ["innsats HMR 0,4", `innsats HMR 0,4 årsverk à 900 000 kr per år "Økt stillingsandel"`],
          ["innsats Kristiansund", "innsats Kristiansund 0,2 årsverk à 850 000 kr per år"],
          ["innsats Averøy", "innsats Averøy 0,2 årsverk à 850 000 kr per år"],
        ],
      },
    },
    range: "per år fra 2026",
    message: ["2028–2030", "HMR 2 160 000 kr, Kristiansund 750 000 kr og Averøy 450 000 kr", "«innsats … per år til 2030»", "«… til 2027»"],
  },
  {
    code: "HFA407",
    what: "`horisont 2026` inside the period 2025–2027",
    scenario: { edit: { replace: [["balanse", `balanse {\n    horisont 2026\n    overføring HMR til Averøy 60 000 kr per år fra 2026 "Utjevning av gevinst"\n  }`]] } },
    range: "2026",
    message: ["2026", "2027", "«horisont 2027»"],
  },
  {
    code: "HFA408",
    what: "horizon 2030 with balance.maxHorizonYears 2",
    scenario: { options: { config: { balance: { maxHorizonYears: 2 } } } },
    range: "2030",
    message: ["2030", "3 år", "2029", "maxHorizonYears"],
    silentOn: { options: { config: { balance: { maxHorizonYears: 3 } } } },
  },
  {
    code: "HFA505",
    what: "`sykehus` names St. Olav's Orkdal sykehus",
    scenario: {
      shared: SHARED.replace(`helseforetak SOH "St. Olavs hospital HF"`, `helseforetak SOH "St. Olavs hospital HF" {\n    sykehus Orkdal "Orkdal sykehus" akuttsykehus\n  }`),
      edit: { replace: [["sykehus", "sykehus Orkdal"]] },
    },
    range: "Orkdal",
    message: ["Orkdal sykehus", "SOH", "«parter»"],
    silentOn: { edit: { replace: [["sykehus", "sykehus MSH"]] } },
  },
  {
    code: "HFA611",
    what: "Averøy's kommunestyre rejects the agreement",
    scenario: { edit: { replace: [["behandling Averøy", "behandling Averøy kommunestyre 2025-04-03 avvist"]] } },
    range: "avvist",
    message: ["Averøy", "«etter enighet mellom helseforetak og aktuelle kommuner»", "Meld. St. 9 for 2023–2024, kap. 4"],
    silentOn: { edit: { add: ["behandling Averøy kommunestyre 2025-04-20 planlagt"], replace: [["behandling Averøy", "behandling Averøy kommunestyre 2025-04-03 avvist"]] } },
  },
  {
    code: "HFA612",
    what: "an indicator from 20 % to 20 %",
    scenario: { edit: { replace: [["indikator", `indikator "Andel gravide som møter samme jordmor gjennom hele forløpet" fra 20 % til 20 % innen 2027`]] } },
    range: "20 %",
    message: ["fra og til", "20 %", "«til»"],
    silentOn: { edit: { replace: [["indikator", `indikator "Andel gravide som møter samme jordmor gjennom hele forløpet" fra 20 % til 21 % innen 2027`]] } },
  },
  {
    code: "HFA703",
    what: "a scheme of Helse Nord",
    scenario: { shared: SHARED.replace(`tilskudd RST "Rekrutterings- og samhandlingstilskudd, Helse Midt-Norge" {\n  region "Helse Midt-Norge"`, `tilskudd RST "Rekrutterings- og samhandlingstilskudd, Helse Midt-Norge" {\n  region "Helse Nord"`) },
    range: "RST",
    message: ["RST", "«Helse Nord»", "«Helse Midt-Norge»"],
    silentOn: { shared: SHARED.replace(`tilskudd RST "Rekrutterings- og samhandlingstilskudd, Helse Midt-Norge" {\n  region "Helse Midt-Norge"\n`, `tilskudd RST "Rekrutterings- og samhandlingstilskudd, Helse Midt-Norge" {\n`) },
  },
  {
    code: "HFA804",
    what: "a `sats` without `kilde`",
    scenario: { shared: SHARED.replace(`\n  kilde "Helse Møre og Romsdal HF, internregnskap 2024"`, "") },
    uri: SHARED_URI,
    range: "Barselsdøgn",
    message: ["Barselsdøgn", "«kilde"],
  },
];

// ------------------------------------------------------------------ helpers

function filesOf(scenario: Scenario): Record<string, string> {
  return { [SHARED_URI]: scenario.shared ?? SHARED, [AGREEMENT_URI]: agreement(scenario.edit), ...scenario.extra };
}

function run(scenario: Scenario): Checked {
  return check(filesOf(scenario), scenario.options);
}

/** The diagnostic of `code` whose range covers exactly `range` (the first, in offset order). */
function find(c: Checked, code: string, range: string, uri?: string): Diagnostic {
  const candidates = c.byCode(code).filter((d) => (uri === undefined || d.uri === uri) && c.textOf(d) === range);
  if (candidates.length === 0) {
    throw new Error(`no ${code} over ${JSON.stringify(range)}; got:\n${describeDiagnostics(c.all, c.files)}`);
  }
  return candidates[0]!;
}

function expectMessage(message: string, parts: readonly (string | RegExp)[]): void {
  for (const part of parts) {
    if (typeof part === "string") expect(message).toContain(part);
    else expect(message).toMatch(part);
  }
}

const clean = check({ [SHARED_URI]: SHARED, [AGREEMENT_URI]: AGREEMENT });

// ------------------------------------------------------------------ the table

describe("the rule table", () => {
  it("the fixture is the spec §1 example, byte for byte", () => {
    expect(SHARED + "\n" + agreement()).toBe(SPEC_EXAMPLE);
    expect(SPEC_EXAMPLE.startsWith("// Felles for helsefellesskapet")).toBe(true);
  });

  it("covers exactly the codes in RULES", () => {
    expect(new Set(CASES.map((c) => c.code))).toEqual(new Set(RULES.keys()));
  });

  it("RULES has the severities of spec §6", () => {
    const actual = Object.fromEntries([...RULES.values()].map((r) => [r.code, r.severity]));
    expect(actual).toEqual(SPEC_SEVERITY);
  });

  it("the clean agreement gives exactly HFA503, HFA606 and HFA404 (information)", () => {
    expect(clean.all.map((d) => `${d.code} ${d.severity}`).sort()).toEqual(["HFA404 information", "HFA503 information", "HFA606 information"]);
  });
});

describe.each(CASES)("$code: $what", (rule) => {
  it(`reports ${rule.code} with its severity, range and message`, () => {
    const c = run(rule.scenario);
    const d = find(c, rule.code, rule.range, rule.uri ?? AGREEMENT_URI);
    expect(d.severity).toBe(SPEC_SEVERITY[rule.code]);
    expect(d.severity).toBe(RULES.get(rule.code)?.severity);
    expect(d.start).toBeGreaterThanOrEqual(0);
    expect(d.end).toBeGreaterThanOrEqual(d.start);
    expectMessage(d.message, rule.message);
  });

  it("causes no other error or warning than the ones that follow from the edit", () => {
    const c = run(rule.scenario);
    const others = codesWithSeverity(c.all, "error", "warning").filter((code) => code !== rule.code);
    expect(others, describeDiagnostics(c.all, c.files)).toEqual([...(rule.alsoErrorsWarnings ?? [])].sort());
  });

  const silentOn = rule.silentOn;
  if (silentOn === null) {
    it(`is reported once per agreement, also on the correct agreement`, () => {
      expect(clean.byCode(rule.code)).toHaveLength(1);
    });
  } else {
    it(`is silent on the correct agreement`, () => {
      const c = silentOn === undefined ? clean : run(silentOn);
      expect(c.byCode(rule.code), describeDiagnostics(c.all, c.files)).toEqual([]);
      expect(codesWithSeverity(c.all, "error", "warning", "hint")).toEqual([]);
    });
  }
});

// ------------------------------------------------------------------ details of single rules

describe("details", () => {
  it("HFA001: a typo in `periode` counts as present (no HFA106, spec §3)", () => {
    const c = run({ edit: { replace: [["periode", "periode fra 2025 til 2027"]] } });
    expect(codesOf(c.all)).not.toContain("HFA106");
    expect(c.positionOf(c.one("HFA001"))).toEqual({ line: 4, column: 11 });
  });

  it("HFA001: a misspelt keyword suggests the keyword", () => {
    const c = run({ edit: { replace: [["behandling Averøy", "behanling Averøy kommunestyre 2025-04-03 planlagt"]] } });
    const d = find(c, "HFA001", "behanling");
    expect(d.message).toContain("«behandling»");
  });

  it("HFA002: foreign decimal and thousands notation", () => {
    const c = run({ edit: { replace: [["innsats Kristiansund", "innsats Kristiansund 0.5 årsverk à 1,200,000 kr per år"]] } });
    expect(find(c, "HFA002", "0.5").message).toContain("0,5");
    expect(find(c, "HFA002", "1,200,000").message).toContain("1 200 000");
  });

  it("HFA003: an impossible calendar date", () => {
    const c = run({ edit: { replace: [["behandling HMR", "behandling HMR styre 2025-02-30 planlagt"]] } });
    expect(find(c, "HFA003", "2025-02-30").severity).toBe("error");
  });

  it("HFA009: suppressing an error is itself reported and suppresses nothing", () => {
    const c = run({
      edit: { replace: [["behandling Averøy", "// hfa-ignore HFA101: skrivefeil rettes senere\n  behandling Averøi kommunestyre 2025-04-03 planlagt"]] },
    });
    expect(find(c, "HFA009", "// hfa-ignore HFA101: skrivefeil rettes senere").message).toContain("HFA101");
    expect(c.one("HFA101").suppressed).toBeUndefined();
  });

  it("a suppression with a reason silences a warning, and keeps the reason", () => {
    const text = agreement({ remove: ["indikator"] });
    const suppressed = check({ [SHARED_URI]: SHARED, [AGREEMENT_URI]: "// hfa-ignore HFA604: følges opp i årsrapporten\n" + text });
    expect(suppressed.one("HFA604").suppressed).toBe("følges opp i årsrapporten");
    expect(suppressed.byCode("HFA009")).toEqual([]);
  });

  it("HFA010: an unknown key in hfa.json", () => {
    const c = run({ options: { config: `{ "balanse": { "tolerance": 0.1 } }` } });
    expect(find(c, "HFA010", `"balanse"`, "file:///ws/hfa.json").message).toContain("balanse");
  });

  it("HFA102: every declaration of the duplicate lists the other as related information", () => {
    const extra = `sats Barselsdøgn "Kostnad per liggedøgn barsel" 6 800 kr per døgn\n`;
    const c = run({ extra: { "file:///ws/satser-2025.hfa": extra } });
    const all = c.byCode("HFA102");
    expect(all.map((d) => d.uri).sort()).toEqual([SHARED_URI, "file:///ws/satser-2025.hfa"]);
    for (const d of all) {
      expect(c.textOf(d)).toBe("Barselsdøgn");
      expect(d.related?.map((r) => r.uri)).toEqual(all.filter((o) => o !== d).map((o) => o.uri));
    }
  });

  it("HFA102: a `tiltak` declared twice in one agreement", () => {
    const c = run({ edit: { add: [`tiltak Stillinger "Igjen" {\n    formål samhandling\n  }`] } });
    const d = c.one("HFA102");
    expect(c.textOf(d)).toBe("Stillinger");
    expect(d.start).toBeGreaterThan(c.files[AGREEMENT_URI]!.indexOf("tiltak Stillinger") + 10);
  });

  it("HFA105 points at the first occurrence", () => {
    const c = run({ edit: { add: ["status utkast"] } });
    const d = c.one("HFA105");
    const text = c.files[AGREEMENT_URI]!;
    expect(d.related?.[0]?.start).toBe(text.indexOf("status til-behandling"));
  });

  it("HFA203: 11 words warn, 12 words do not; a line break and its indentation count as one space", () => {
    const eleven = `formål samhandling "en to tre fire fem seks sju åtte ni ti elleve"`;
    const twelve = `formål samhandling "en to tre fire fem seks sju åtte ni ti elleve\n      tolv"`;
    expect(run({ edit: { replace: [["formål samhandling", eleven]] } }).one("HFA203").message).toContain("11 ord");
    expect(run({ edit: { replace: [["formål samhandling", twelve]] } }).byCode("HFA203")).toEqual([]);
  });

  it("HFA203: hyphenated words count once, and justification.minWords is read from hfa.json", () => {
    const text = `formål samhandling "helse- og omsorgstjenesten får sykehus-kompetanse"`;
    const c = run({ edit: { replace: [["formål samhandling", text]] }, options: { config: { justification: { minWords: 5 } } } });
    // helse, og, omsorgstjenesten, får, sykehus-kompetanse = 5 words
    expect(c.byCode("HFA203")).toEqual([]);
    const c6 = run({ edit: { replace: [["formål samhandling", text]] }, options: { config: { justification: { minWords: 6 } } } });
    expect(c6.one("HFA203").message).toContain("5 ord");
  });

  it("HFA204: the same share of words with capitals, and in a text beyond Latin-1 (looked up word by word)", () => {
    const wording = "Tiltaket skal understøtte tjenesteutvikling og gode pasientforløp gjennom å styrke samhandlingen mellom spesialisthelsetjenesten og den kommunale helse- og omsorgstjenesten.";
    const shareIn = (text: string) => run({ edit: { replace: [["formål samhandling", `formål samhandling "${text}"`]] } }).one("HFA204").message.match(/\d+ %/)?.[0];
    const plain = shareIn(wording);
    expect(plain).toBeDefined();
    expect(shareIn(wording.toUpperCase())).toBe(plain);
    // «–» (U+2013) is no word and not Latin-1: the other path must count alike.
    expect(shareIn(`${wording} –`)).toBe(plain);
    expect(shareIn(`${wording.toUpperCase()} –`)).toBe(plain);
  });

  it("HFA204: below 60 % shared words is not a restatement", () => {
    const c = run({});
    expect(c.byCode("HFA204")).toEqual([]);
  });

  it("HFA305: three times 33,33 % is fine; stilling shares are checked", () => {
    const thirds = run({ edit: { replace: [["tilskudd", "tilskudd RST 600 000 kr per år til HMR 33,33 %, Kristiansund 33,33 %, Averøy 33,33 %"]] } });
    expect(thirds.byCode("HFA305")).toEqual([]);
    const position = run({
      edit: {
        replace: [
          [
            "tiltak",
            `tiltak Stillinger "To kombinerte jordmorstillinger" {\n    formål samhandling, rekruttering\n    stilling "Jordmor Kristiansund" 1 årsverk: HMR 50 %, Kristiansund 50 %\n    stilling "Jordmor Averøy" 1 årsverk: HMR 50 %, Averøy 40 %\n  }`,
          ],
        ],
      },
    });
    const d = find(position, "HFA305", "HMR 50 %, Averøy 40 %");
    expect(d.message).toContain("Jordmor Averøy");
    expect(d.message).toContain("90 %");
  });

  it("HFA305: a `fordeling` that does not add up (on the scheme in the shared file)", () => {
    const c = run({ shared: SHARED.replace("NordreTrøndelag 25 %", "NordreTrøndelag 20 %") });
    const d = c.one("HFA305");
    expect(d.uri).toBe(SHARED_URI);
    const under = c.textOf(d);
    for (const entry of ["MøreRomsdal 33 %", "StOlav 42 %", "NordreTrøndelag 20 %"]) expect(under).toContain(entry);
    expect(under).not.toContain("ramme");
    expect(d.message).toContain("95 %");
    expect(d.message).toContain("RST");
  });

  it("HFA803: a percentage above 100 % in an indicator", () => {
    const c = run({
      edit: { replace: [["indikator", `indikator "Andel gravide som møter samme jordmor gjennom hele forløpet" fra 20 % til 160 % innen 2027`]] },
    });
    expect(find(c, "HFA803", "160 %").message).toContain("160 %");
  });

  it("HFA402 anchors on the agreement name when there is no `balanse`", () => {
    const c = run({ edit: { remove: ["balanse"] } });
    const d = c.one("HFA402");
    expect(c.textOf(d)).toBe("JordmorNordmøre");
    expect(d.message).toContain("Averøy har et samlet netto tap på 270 000 kr i 2025–2030");
  });

  it("HFA701 is reported on both agreements that draw on the frame", () => {
    const rule = CASES.find((r) => r.code === "HFA701")!;
    const c = run(rule.scenario);
    expect(c.byCode("HFA701").map((d) => d.uri).sort()).toEqual([AGREEMENT_URI, AGREEMENT2_URI]);
  });

  it("HFA701: a helsefellesskap missing from `fordeling` has a share of 0 (spec §5.5)", () => {
    const c = run({ shared: SHARED.replace("    MøreRomsdal 33 %\n", "").replace("StOlav 42 %", "StOlav 75 %") });
    const d = c.one("HFA701");
    expect(d.message).toContain("MøreRomsdal");
    expect(d.message).toContain("600 000 kr");
  });
});

// ------------------------------------------------------------------ English

describe("English messages (locale en)", () => {
  const english: readonly { code: string; scenario: Scenario; range: string; parts: readonly (string | RegExp)[] }[] = [
    {
      code: "HFA402",
      scenario: { edit: { replace: [["balanse", "balanse {\n    horisont 2030\n  }"]] } },
      range: "balanse",
      parts: ["Averøy", "HMR", "2030", /270[ ,]000/, /1[ ,]290[ ,]000/, "municipal", "specialist"],
    },
    {
      code: "HFA101",
      scenario: { edit: { replace: [["behandling Averøy", "behandling Averøi kommunestyre 2025-04-03 planlagt"]] } },
      range: "Averøi",
      parts: ["Unknown name", "Averøi", "Did you mean", "Averøy"],
    },
    {
      code: "HFA001",
      scenario: { edit: { replace: [["periode", "periode fra 2025 til 2027"]] } },
      range: "fra",
      parts: ["Expected", "a year", "periode", "fra"],
    },
    {
      code: "HFA305",
      scenario: { edit: { replace: [["tilskudd", "tilskudd RST 600 000 kr per år til HMR 50 %, Kristiansund 25 %, Averøy 20 %"]] } },
      range: "HMR 50 %, Kristiansund 25 %, Averøy 20 %",
      parts: ["95 %", "100 %"],
    },
    {
      code: "HFA203",
      scenario: { edit: { replace: [["formål samhandling", `formål samhandling "Bedre samhandling rundt barna."`]] } },
      range: `"Bedre samhandling rundt barna."`,
      parts: ["4 words", "12"],
    },
    {
      code: "HFA106",
      scenario: { edit: { remove: ["periode"] } },
      range: "JordmorNordmøre",
      parts: ["JordmorNordmøre", "periode"],
    },
  ];

  it.each(english)("$code in English (editor setting)", ({ code, scenario, range, parts }) => {
    const c = run({ ...scenario, options: { locale: "en" } });
    const d = find(c, code, range);
    expectMessage(d.message, parts);
    expect(d.message).not.toMatch(/\b(bærer|mangler|Ukjent|Forventet|summerer|Mente du)\b/);
  });

  it("locale from hfa.json", () => {
    const c = run({ edit: { remove: ["indikator"] }, options: { config: { locale: "en" } } });
    expect(c.one("HFA604").message).toMatch(/indikator/);
    expect(c.one("HFA604").message).toMatch(/^The agreement/);
  });

  it("the editor setting overrides hfa.json", () => {
    const c = run({ edit: { remove: ["indikator"] }, options: { config: { locale: "en" }, locale: "nb" } });
    expect(c.one("HFA604").message).toMatch(/^Avtalen/);
  });
});

// ------------------------------------------------------------------ quick fixes

describe("quick fixes", () => {
  interface FixCase {
    readonly code: string;
    readonly scenario: Scenario;
    /** Expected replacement text of the preferred fix (when it is a simple replacement). */
    readonly newText?: string | RegExp;
  }
  const fixes: readonly FixCase[] = [
    { code: "HFA002", scenario: { edit: { replace: [["innsats HMR 150", `innsats HMR 150.000 kr i 2025 "Opplæring og hospitering"`]] } }, newText: "150 000" },
    { code: "HFA002", scenario: { edit: { replace: [["innsats Kristiansund", "innsats Kristiansund 0.5 årsverk à 850 000 kr per år"]] } }, newText: "0,5" },
    { code: "HFA003", scenario: { edit: { replace: [["behandling HMR", "behandling HMR styre 12.03.2025 planlagt"]] } }, newText: "2025-03-12" },
    { code: "HFA101", scenario: { edit: { replace: [["behandling Averøy", "behandling Averøi kommunestyre 2025-04-03 planlagt"]] } }, newText: "Averøy" },
    {
      code: "HFA305",
      scenario: { edit: { replace: [["tilskudd", "tilskudd RST 600 000 kr per år til HMR 50 %, Kristiansund 25 %, Averøy 20 %"]] } },
      newText: "25",
    },
    { code: "HFA607", scenario: { edit: { replace: [["behandling Kristiansund", "behandling Kristiansund styre 2025-04-01 planlagt"]] } }, newText: "kommunestyre" },
    { code: "HFA607", scenario: { edit: { replace: [["behandling HMR", "behandling HMR kommunestyre 2025-03-12 planlagt"]] } }, newText: "styre" },
    { code: "HFA106", scenario: { edit: { remove: ["periode"] } }, newText: /\n {2}periode <første år> til <siste år>/ },
    { code: "HFA201", scenario: { edit: { remove: ["formål"] } }, newText: /\n {2}formål <formål> "<[^"]+>"/u },
    { code: "HFA401", scenario: { edit: { remove: ["besparelse"] } }, newText: /\n {2}besparelse <part> <beløp> kr per år fra <år> "/ },
    { code: "HFA603", scenario: { edit: { remove: ["videreføring"] } }, newText: /\n {2}videreføring "/ },
    { code: "HFA604", scenario: { edit: { remove: ["indikator"] } }, newText: /\n {2}indikator "/ },
  ];

  it.each(fixes)("$code: the preferred fix re-checks without $code and without HFA001", ({ code, scenario, newText }) => {
    const c = run(scenario);
    const d = c.byCode(code)[0];
    expect(d, describeDiagnostics(c.all, c.files)).toBeDefined();
    const fix = d!.fixes?.find((f) => f.preferred) ?? d!.fixes?.[0];
    expect(fix, `${code} has no quick fix`).toBeDefined();
    if (newText !== undefined) {
      const texts = fix!.edits.map((e) => e.newText).join("");
      if (typeof newText === "string") expect(texts).toBe(newText);
      else expect(texts).toMatch(newText);
    }
    const files = { ...c.files };
    delete files["file:///ws/hfa.json"];
    files[d!.uri] = applyEdits(files[d!.uri]!, fix!.edits);
    const after = check(files, scenario.options);
    expect(after.byCode(code), describeDiagnostics(after.all, after.files)).toEqual([]);
    expect(after.byCode("HFA001"), describeDiagnostics(after.all, after.files)).toEqual([]);
  });

  it("HFA305: the fix sets the last share so that the shares add up to 100 %", () => {
    const c = run(fixes.find((f) => f.code === "HFA305")!.scenario);
    const d = c.one("HFA305");
    const edit = d.fixes![0]!.edits[0]!;
    expect(c.files[AGREEMENT_URI]!.slice(edit.start, edit.end)).toBe("20");
  });

  it("HFA101 offers the closest name first", () => {
    const c = run({ edit: { replace: [["behandling Averøy", "behandling Averøi kommunestyre 2025-04-03 planlagt"]] } });
    const fixesOffered = c.one("HFA101").fixes ?? [];
    expect(fixesOffered[0]?.preferred).toBe(true);
    expect(fixesOffered[0]?.edits[0]?.newText).toBe("Averøy");
  });

  it("the inserted clauses keep the agreement otherwise unchanged, and cannot pass before their placeholders are filled in", () => {
    const c = run({ edit: { remove: ["videreføring", "indikator"] } });
    let text = c.files[AGREEMENT_URI]!;
    for (const code of ["HFA603", "HFA604"]) {
      const now = check({ [SHARED_URI]: SHARED, [AGREEMENT_URI]: text });
      const fix = now.one(code).fixes![0]!;
      text = applyEdits(text, fix.edits);
    }
    const after = check({ [SHARED_URI]: SHARED, [AGREEMENT_URI]: text });
    expect(codesWithSeverity(after.all, "error", "warning", "hint")).toEqual(["HFA011"]);
    expect(after.byCode("HFA011").map((d) => after.textOf(d))).toEqual([
      `"<hvordan tiltaket finansieres når tilskuddet opphører>"`,
      `"<hva som måles, og hvor dataene kommer fra>"`,
      "<utgangsverdi>",
      "<mål>",
      "<år>",
    ]);
  });

  it("every inserted placeholder is marked in the fix data (for snippet tab stops)", () => {
    for (const [code, edit] of [["HFA603", { remove: ["videreføring"] }], ["HFA604", { remove: ["indikator"] }], ["HFA401", { remove: ["besparelse"] }], ["HFA106", { remove: ["periode"] }]] as const) {
      const c = run({ edit });
      const textEdit = c.one(code).fixes![0]!.edits[0]!;
      const marked = (textEdit.placeholders ?? []).map((p) => textEdit.newText.slice(p.start, p.end));
      expect(marked.length, code).toBeGreaterThan(0);
      expect(marked, code).toEqual(textEdit.newText.match(/<[^<>"]+>/g));
    }
  });

  it("the quick fixes of an agreement with only `helsefellesskap` and `parter` never make it pass", () => {
    let text = `avtale Ny "Ny avtale" {\n  helsefellesskap MøreRomsdal\n  parter HMR, Kristiansund\n}\n`;
    for (let round = 0; round < 10; round++) {
      const now = check({ [SHARED_URI]: SHARED, [AGREEMENT_URI]: text });
      const next = now.in(AGREEMENT_URI).find((d) => d.code !== "HFA011" && d.fixes && d.fixes.length > 0);
      if (!next) break;
      text = applyEdits(text, next.fixes![0]!.edits);
    }
    const after = check({ [SHARED_URI]: SHARED, [AGREEMENT_URI]: text });
    expect(after.byCode("HFA001"), describeDiagnostics(after.all, after.files)).toEqual([]);
    expect(after.byCode("HFA011").length).toBeGreaterThan(0);
    expect(codesWithSeverity(after.all, "error")).toContain("HFA011");
  });

});

// ------------------------------------------------------------------ v1.1 details

describe("v1.1 details", () => {
  it.each([
    ["1,2 millioner kr", "1,2 mill. kr"],
    ["1,2 mill kr", "1,2 mill. kr"],
    ["1,2 MNOK", "1,2 mill. kr"],
    ["NOK 1 200 000", "1 200 000 kr"],
    ["kr 1 200 000", "1 200 000 kr"],
    ["1 200 000,- kr", "1 200 000 kr"],
  ])("HFA002, not HFA001, for `%s`, with a fix to `%s`", (written, canonical) => {
    const c = run({ edit: { replace: [["innsats HMR 150", `innsats HMR ${written} i 2025 "Opplæring og hospitering"`]] } });
    expect(c.byCode("HFA001"), describeDiagnostics(c.all, c.files)).toEqual([]);
    const d = find(c, "HFA002", written);
    expect(d.message).toContain(canonical);
    const fixed = applyEdits(c.files[AGREEMENT_URI]!, d.fixes![0]!.edits);
    expect(fixed).toContain(`innsats HMR ${canonical} i 2025`);
    const after = check({ [SHARED_URI]: SHARED, [AGREEMENT_URI]: fixed });
    expect(after.byCode("HFA002")).toEqual([]);
    expect(after.byCode("HFA001")).toEqual([]);
    // Read with its value meanwhile: the balance is the spec's, except for the amount written.
    expect(c.analysis.agreements[0]!.money.balance!.parties[0]!.rows[0]!.input).toBe(360_000 + 1_200_000);
  });

  it("`formål samhandlig`: «Mente du «samhandling»?» with a quick fix", () => {
    const c = run({ edit: { replace: [["formål samhandling", `formål samhandlig "Jordmødre i kombinerte stillinger følger kvinnen fra svangerskapskontroll på helsestasjonen til fødsel og barsel på sykehuset."`]] } });
    const d = find(c, "HFA202", "samhandlig");
    expect(d.message).toContain("Mente du «samhandling»?");
    expect(d.fixes?.[0]?.edits[0]?.newText).toBe("samhandling");
  });

  it("`målgruppe eldre`: «Mente du «skrøpelige-eldre»?» with a quick fix", () => {
    const c = run({ edit: { replace: [["målgruppe", "målgruppe eldre"]] } });
    const d = find(c, "HFA101", "eldre");
    expect(d.message).toContain("Mente du «skrøpelige-eldre»?");
    expect(d.fixes?.[0]?.edits[0]?.newText).toBe("skrøpelige-eldre");
  });

  it("`parter HMR, Kristiansund og Holmestand`: separate with commas, and the unknown name is still reported", () => {
    const c = run({ edit: { replace: [["parter", "parter HMR, Kristiansund og Holmestand"]] } });
    const comma = find(c, "HFA001", "og");
    expect(comma.message).toContain("komma");
    expect(comma.message).toContain("«Kristiansund, Holmestand»");
    expect(applyEdits(c.files[AGREEMENT_URI]!, comma.fixes![0]!.edits)).toContain("parter HMR, Kristiansund, Holmestand");
    expect(find(c, "HFA101", "Holmestand").message).toContain("Holmestand");
  });

  it("HFA009: a reason of fewer than suppression.minWords words, or a placeholder, suppresses nothing", () => {
    const base = agreement({ remove: ["indikator"] });
    const at = (reason: string, config?: object) =>
      check({ [SHARED_URI]: SHARED, [AGREEMENT_URI]: `// hfa-ignore HFA604: ${reason}\n` + base }, config ? { config } : {});
    const short = at("se årsplanen");
    expect(short.one("HFA009").message).toContain("2 ord");
    expect(short.one("HFA604").suppressed).toBeUndefined();
    const placeholder = at("<begrunnelse>");
    expect(placeholder.one("HFA009").message).toContain("plassholder");
    expect(placeholder.one("HFA604").suppressed).toBeUndefined();
    expect(at("følges opp i årsplanen").one("HFA604").suppressed).toBe("følges opp i årsplanen");
    expect(at("se årsplanen", { suppression: { minWords: 2 } }).one("HFA604").suppressed).toBe("se årsplanen");
  });

  it("HFA611: the latest decision by date counts; on the same date the later clause", () => {
    const later = run({ edit: { replace: [["behandling Averøy", "behandling Averøy kommunestyre 2025-05-01 avvist"]], add: ["behandling Averøy kommunestyre 2025-04-03 planlagt"] } });
    expect(later.one("HFA611").message).toContain("2025-05-01");
    const sameDay = run({ edit: { add: ["behandling Averøy kommunestyre 2025-04-03 avvist"] } });
    expect(sameDay.byCode("HFA611")).toHaveLength(1);
    const sameDayBack = run({ edit: { replace: [["behandling Averøy", "behandling Averøy kommunestyre 2025-04-03 avvist"]], add: ["behandling Averøy kommunestyre 2025-04-03 vedtatt"] } });
    expect(sameDayBack.byCode("HFA611")).toEqual([]);
  });

  it("HFA611 under `status vedtatt` says the status cannot be vedtatt, and replaces HFA605 for that party", () => {
    const c = run({
      edit: {
        replace: [
          ["status", "status vedtatt"],
          ["behandling HMR", "behandling HMR styre 2025-03-12 vedtatt"],
          ["behandling Kristiansund", "behandling Kristiansund bystyre 2025-04-01 vedtatt"],
          ["behandling Averøy", "behandling Averøy kommunestyre 2025-04-03 avvist"],
        ],
      },
    });
    expect(c.one("HFA611").message).toContain("kan ikke stå som «vedtatt»");
    expect(c.byCode("HFA605")).toEqual([]);
    expect(c.byCode("HFA606")).toEqual([]);
  });

  it("HFA605/HFA606 present Meld. St. 9's decision process as a model, with delegation", () => {
    const c = run({ edit: { replace: [["status", "status vedtatt"]] } });
    const message = c.one("HFA605").message;
    expect(message).toContain("Meld. St. 9 (2023–2024) beskriver en modell der");
    expect(message).toContain("delegasjonsregler");
    expect(message).not.toMatch(/skal behandles|blir først bindende/);
    expect(clean.one("HFA606").message).toContain("beskriver en modell");
  });

  it("HFA010 for bad values of the new keys", () => {
    const c = run({
      options: {
        config: { suppression: { minWords: 0 }, balance: { maxHorizonYears: -1 }, grant: { maxShare: 2 }, exclude: ["/abs", 3], docs: { baseUrl: "file:///x" } },
      },
    });
    const texts = c.byCode("HFA010").map((d) => c.textOf(d));
    expect(texts).toEqual(["0", "-1", "2", `"/abs"`, "3", `"file:///x"`]);
    const ok = run({ options: { config: { suppression: { minWords: 4 }, balance: { maxHorizonYears: 4 }, grant: { maxShare: 0.4 }, exclude: ["arkiv/**"], docs: { baseUrl: "https://hfa.example.no/regler/" } } } });
    expect(ok.byCode("HFA010")).toEqual([]);
    expect(ok.analysis.config.exclude).toEqual(["arkiv/**"]);
    expect(ok.analysis.config.docsBaseUrl).toBe("https://hfa.example.no/regler/");
  });

  it("HFA012 is a warning with the «unnecessary» tag, and not reported for a code switched off in hfa.json", () => {
    const text = agreement().replace("  målgruppe", "  // hfa-ignore HFA604: indikatoren avtales i årsplanen\n  målgruppe");
    const c = check({ [SHARED_URI]: SHARED, [AGREEMENT_URI]: text });
    expect(c.one("HFA012").tags).toEqual([1]);
    expect(check({ [SHARED_URI]: SHARED, [AGREEMENT_URI]: text }, { config: { rules: { HFA604: "off" } } }).byCode("HFA012")).toEqual([]);
  });

  it("HFA702 is one diagnostic per clause, naming the years", () => {
    const c = run({ shared: SHARED.replace("  ramme 2026 16,2 mill. kr\n  ramme 2027 16,2 mill. kr\n", "") });
    expect(c.one("HFA702").message).toContain("2026 og 2027");
  });
});

describe("placeholders (spec §2, HFA011)", () => {
  const every = `avtale <Navn> "<tittel>" {
  helsefellesskap <helsefellesskap>
  parter <helseforetak>, <kommune>
  periode <første år> til <siste år>
  status <status>
  sykehus <sykehus>
  målgruppe <målgruppe>
  formål <formål> "<hvordan tiltaket støtter formålet>"
  tiltak <Tiltak> "<tittel>" {
    formål <formål>
    stilling "<stilling>" <årsverk> årsverk: <part> <andel> %, <part> <andel> %
    beskrivelse <beskrivelse>
  }
  innsats <part> <årsverk> årsverk à <beløp> kr per år fra <år> til <år> "<hva>"
  innsats <part> <beløp> kr i <år>
  tilskudd <ordning> <beløp> kr per år til <part> <andel> %, <part> <andel> %
  tilskudd <ordning> <beløp> mill. kr per år til <år>
  besparelse <part> <antall> døgn à <sats> per år fra <år> <hva>
  balanse {
    horisont <år>
    overføring <part> til <part> <beløp> kr per år fra <år>
    begrunnelse "<hvorfor fordelingen er riktig>"
  }
  videreføring "<hvordan tiltaket finansieres når tilskuddet opphører>"
  indikator "<hva som måles>" fra <utgangsverdi> % til <mål> % innen <år>
  behandling <part> <organ> <dato> <utfall>
  personelleffekt <effekt> "<begrunnelse>"
}
`;
  const c = check({ [SHARED_URI]: SHARED, [AGREEMENT_URI]: every });

  it("a placeholder may stand for any Number, Year, Date, Id, Ref, String or fixed word: no syntax error", () => {
    expect(c.byCode("HFA001"), describeDiagnostics(c.all, c.files)).toEqual([]);
  });

  it("every placeholder is HFA011, and nothing else is reported about the clauses holding them", () => {
    const placeholders = every.match(/<[^<>"]*>|"<[^"]*>"/g)!.length;
    expect(c.byCode("HFA011")).toHaveLength(placeholders);
    // Clauses with placeholders count as present (no HFA106/HFA201/HFA208/HFA401/HFA501/HFA603/HFA604/HFA610)
    // and are left out of everything else (no HFA101, HFA203, HFA3xx, HFA4xx, HFA6xx).
    expect(codesWithSeverity(c.all, "error", "warning", "hint"), describeDiagnostics(c.all, c.files)).toEqual(["HFA011"]);
  });

  it("a declaration with a placeholder name declares nothing: two of them are no HFA102", () => {
    const twice = check({ [SHARED_URI]: SHARED + `\nsats <sats> "<hva>" <beløp> kr per døgn kilde "<kilde>"\nsats <sats> "<hva>" <beløp> kr per døgn kilde "<kilde>"\n` });
    expect(codesWithSeverity(twice.all, "error", "warning", "hint")).toEqual(["HFA011"]);
  });

  it("`<` … `>` needs a letter and stays on one line", () => {
    const near = check({ [SHARED_URI]: SHARED, [AGREEMENT_URI]: agreement({ replace: [["innsats HMR 150", `innsats HMR 150 000 kr i 2025 "Kurs for 2 < 3 > 1 grupper"`]] }) });
    expect(near.byCode("HFA011")).toEqual([]);
  });
});
