/**
 * The HFA syntax tree. Every node carries `start`/`end` offsets (UTF-16 code
 * units, end exclusive) into its file's text; line/column are computed only
 * when something is shown to a user (see `lines.ts`).
 *
 * The tree is deliberately compact and typed: one interface per construct of
 * spec §3, no concrete-syntax bookkeeping. A clause that failed to parse is
 * kept as an `IncompleteClause` naming the clause it started, so rules about
 * missing clauses still see it (spec §3, last paragraph).
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** An identifier, declared or referenced. `text` is NFC-normalised. */
export interface Name extends Span {
  readonly text: string;
  /** A placeholder `<…>` (spec §2) stands here: `text` is the placeholder as written. */
  readonly placeholder?: true;
}

export interface StringLit extends Span {
  /** The unescaped content. */
  readonly value: string;
  /** A placeholder `<…>` stands here, or the text holds a `<…>` segment (a placeholder string, spec §2). */
  readonly placeholder?: true;
}

export interface NumberLit extends Span {
  /** NaN for a placeholder. */
  readonly value: number;
  /** Present when written in foreign notation (HFA002): the Norwegian form. */
  readonly norwegian?: string;
  readonly placeholder?: true;
}

export interface YearLit extends Span {
  /** NaN for a placeholder. */
  readonly value: number;
  readonly placeholder?: true;
}

export interface DateLit extends Span {
  readonly placeholder?: true;
  readonly text: string;
  /** `YYYY-MM-DD` when `text` is a valid calendar date, in either notation. */
  readonly iso?: string;
  /** True for the Norwegian `12.03.2025` form, which is reported (HFA003). */
  readonly norwegianForm: boolean;
}

export type Unit = "døgn" | "årsverk" | "innleggelse" | "konsultasjon" | "time" | "pasient" | "stk";

export interface UnitLit extends Span {
  readonly unit: Unit;
}

export interface Money extends Span {
  /** Kroner. */
  readonly amount: number;
  readonly number: NumberLit;
  readonly millions: boolean;
  /**
   * Set when the amount is written another way than `<number> kr` or
   * `<number> mill. kr` (`1,2 MNOK`, `kr 1 200 000`, `1 200 000,- kr` …):
   * HFA002, whose quick fix writes `number` followed by `kr` or `mill. kr`.
   */
  readonly foreign?: true;
}

export interface Percent extends Span {
  readonly value: number;
  readonly number: NumberLit;
}

export interface Keyword<T extends string> extends Span {
  /** For a placeholder, its text as written (not one of `T`): check `placeholder` first. */
  readonly value: T;
  readonly placeholder?: true;
}

// ------------------------------------------------------------------ flows

export type Price =
  | { readonly kind: "money"; readonly money: Money }
  | { readonly kind: "rate"; readonly ref: Name };

export type Value =
  | (Span & { readonly kind: "money"; readonly money: Money })
  | (Span & {
      readonly kind: "quantity";
      readonly quantity: NumberLit;
      readonly unit: UnitLit;
      /** `à` or `*`, with its price; absent for a bare quantity. */
      readonly times?: Keyword<"à" | "*">;
      readonly price?: Price;
    });

export type Schedule =
  | (Span & { readonly kind: "yearly"; readonly from?: YearLit; readonly to?: YearLit })
  | (Span & { readonly kind: "once"; readonly year: YearLit });

export interface Flow extends Span {
  readonly value: Value;
  readonly schedule: Schedule;
}

export interface Share extends Span {
  readonly party: Name;
  readonly percent: Percent;
}

// ------------------------------------------------------------------ declarations

export type HospitalKind = "regionsykehus" | "stort-akuttsykehus" | "akuttsykehus" | "sykehus-uten-akuttfunksjon";

export interface HospitalDecl extends Span {
  readonly kind: "hospital";
  readonly name: Name;
  readonly title: StringLit;
  readonly hospitalKind: Keyword<HospitalKind>;
}

export interface HealthTrustDecl extends Span {
  readonly kind: "healthTrust";
  readonly name: Name;
  readonly title: StringLit;
  readonly hospitals: HospitalDecl[];
  readonly body?: Span;
}

export interface MunicipalityDecl extends Span {
  readonly kind: "municipality";
  readonly name: Name;
  readonly title: StringLit;
  readonly number?: StringLit;
}

export interface GroupDecl extends Span {
  readonly kind: "group";
  readonly name: Name;
  readonly title: StringLit;
}

export interface RegionItem extends Span {
  readonly kind: "region";
  readonly value: StringLit;
}

export type CommunityItem = RegionItem | HealthTrustDecl | MunicipalityDecl | GroupDecl;

export interface CommunityDecl extends Span {
  readonly kind: "community";
  readonly name: Name;
  readonly title: StringLit;
  readonly items: CommunityItem[];
  readonly body: Span;
}

export interface RateDecl extends Span {
  readonly kind: "rate";
  readonly name: Name;
  readonly title: StringLit;
  readonly price: Money;
  readonly unit: UnitLit;
  readonly source?: StringLit;
}

export interface FrameItem extends Span {
  readonly kind: "frame";
  readonly year: YearLit;
  readonly money: Money;
}

export interface DistributionEntry extends Span {
  readonly community: Name;
  readonly percent: Percent;
}

export interface DistributionItem extends Span {
  readonly kind: "distribution";
  readonly entries: DistributionEntry[];
  readonly body: Span;
}

export type SchemeItem = RegionItem | FrameItem | DistributionItem;

export interface SchemeDecl extends Span {
  readonly kind: "scheme";
  readonly name: Name;
  readonly title: StringLit;
  readonly items: SchemeItem[];
  readonly body: Span;
}

// ------------------------------------------------------------------ agreement clauses

export type AgreementStatus = "utkast" | "til-behandling" | "vedtatt";
export type DecisionBody = "styre" | "kommunestyre" | "bystyre" | "formannskap" | "delegert";
export type DecisionOutcome = "planlagt" | "vedtatt" | "avvist";
export type PersonnelEffect = "personellbesparende" | "nøytral" | "personelldrivende";

export interface ClauseBase extends Span {
  /**
   * Where the clause's leading keyword ends; it starts at `start`. A number
   * and not a span object: a span per clause was ~34 000 objects per 1 000
   * agreements (0,5 MB per MB of source). `keywordSpan(clause)` gives the span.
   */
  readonly keywordEnd: number;
}

/** The span of a clause's leading keyword, as written (a keyword typed with a combining ring is longer than its spelling). */
export function keywordSpan(clause: ClauseBase): Span {
  return { start: clause.start, end: clause.keywordEnd };
}

export interface CommunityClause extends ClauseBase {
  readonly kind: "community";
  readonly ref: Name;
}
export interface PartiesClause extends ClauseBase {
  readonly kind: "parties";
  readonly refs: Name[];
  /** `og` written between two names instead of a comma (reported, HFA001). */
  readonly ands?: readonly Span[];
}
export interface PeriodClause extends ClauseBase {
  readonly kind: "period";
  readonly from: YearLit;
  readonly to: YearLit;
}
export interface StatusClause extends ClauseBase {
  readonly kind: "status";
  readonly value: Keyword<AgreementStatus>;
}
export interface HospitalClause extends ClauseBase {
  readonly kind: "hospital";
  readonly ref: Name;
}
export interface TargetGroupClause extends ClauseBase {
  readonly kind: "targetGroups";
  readonly refs: Name[];
  /** `og` written between two names instead of a comma (reported, HFA001). */
  readonly ands?: readonly Span[];
}
export interface PurposeClause extends ClauseBase {
  readonly kind: "purpose";
  readonly purpose: Name;
  readonly text: StringLit;
}
export interface InputClause extends ClauseBase {
  readonly kind: "input";
  readonly party: Name;
  readonly flow: Flow;
  readonly note?: StringLit;
}
export interface GrantClause extends ClauseBase {
  readonly kind: "grant";
  readonly scheme: Name;
  readonly flow: Flow;
  readonly shares?: Share[];
  readonly note?: StringLit;
}
export interface SavingClause extends ClauseBase {
  readonly kind: "saving";
  readonly party: Name;
  readonly flow: Flow;
  readonly note?: StringLit;
}
export interface ContinuationClause extends ClauseBase {
  readonly kind: "continuation";
  readonly text: StringLit;
}
export interface IndicatorMeasure extends Span {
  readonly number: NumberLit;
  readonly suffix?: (Span & { readonly kind: "percent" }) | (Span & { readonly kind: "unit"; readonly unit: Unit });
}
export interface IndicatorClause extends ClauseBase {
  readonly kind: "indicator";
  readonly text: StringLit;
  readonly from: IndicatorMeasure;
  readonly to: IndicatorMeasure;
  readonly by?: YearLit;
}
export interface DecisionClause extends ClauseBase {
  readonly kind: "decision";
  readonly party: Name;
  readonly body: Keyword<DecisionBody>;
  readonly date: DateLit;
  readonly outcome?: Keyword<DecisionOutcome>;
}
export interface PersonnelEffectClause extends ClauseBase {
  readonly kind: "personnelEffect";
  readonly value: Keyword<PersonnelEffect>;
  readonly text?: StringLit;
}

// measures (`tiltak`)
export interface MeasurePurposesItem extends ClauseBase {
  readonly kind: "measurePurposes";
  readonly refs: Name[];
  /** `og` written between two names instead of a comma (reported, HFA001). */
  readonly ands?: readonly Span[];
}
export interface PositionItem extends ClauseBase {
  readonly kind: "position";
  readonly title: StringLit;
  readonly fte: NumberLit;
  readonly shares: Share[];
}
export interface DescriptionItem extends ClauseBase {
  readonly kind: "description";
  readonly text: StringLit;
}
export type MeasureItem = MeasurePurposesItem | PositionItem | DescriptionItem | IncompleteClause;

export interface MeasureClause extends ClauseBase {
  readonly kind: "measure";
  readonly name: Name;
  readonly title: StringLit;
  readonly items: MeasureItem[];
  readonly body: Span;
}

// balance (`balanse`)
export interface HorizonItem extends ClauseBase {
  readonly kind: "horizon";
  readonly year: YearLit;
}
export interface TransferItem extends ClauseBase {
  readonly kind: "transfer";
  readonly from: Name;
  readonly to: Name;
  readonly flow: Flow;
  readonly note?: StringLit;
}
export interface JustificationItem extends ClauseBase {
  readonly kind: "justification";
  readonly text: StringLit;
}
export type BalanceItem = HorizonItem | TransferItem | JustificationItem | IncompleteClause;

export interface BalanceClause extends ClauseBase {
  readonly kind: "balance";
  readonly items: BalanceItem[];
  readonly body: Span;
}

/** Keyword spelling of every clause and block item, by node kind. */
export const clauseKeywords = {
  community: "helsefellesskap",
  parties: "parter",
  period: "periode",
  status: "status",
  hospital: "sykehus",
  targetGroups: "målgruppe",
  purpose: "formål",
  measure: "tiltak",
  input: "innsats",
  grant: "tilskudd",
  saving: "besparelse",
  balance: "balanse",
  continuation: "videreføring",
  indicator: "indikator",
  decision: "behandling",
  personnelEffect: "personelleffekt",
  measurePurposes: "formål",
  position: "stilling",
  description: "beskrivelse",
  horizon: "horisont",
  transfer: "overføring",
  justification: "begrunnelse",
} as const;

export type ClauseKind = keyof typeof clauseKeywords;

/** A clause that started with a known keyword but did not parse (HFA001 was reported). */
export interface IncompleteClause extends ClauseBase {
  readonly kind: "incomplete";
  readonly clauseKind: ClauseKind;
}

export type AgreementClause =
  | CommunityClause
  | PartiesClause
  | PeriodClause
  | StatusClause
  | HospitalClause
  | TargetGroupClause
  | PurposeClause
  | MeasureClause
  | InputClause
  | GrantClause
  | SavingClause
  | BalanceClause
  | ContinuationClause
  | IndicatorClause
  | DecisionClause
  | PersonnelEffectClause
  | IncompleteClause;

export interface AgreementDecl extends Span {
  readonly kind: "agreement";
  readonly name: Name;
  readonly title: StringLit;
  readonly clauses: AgreementClause[];
  readonly body: Span;
}

export type Declaration = CommunityDecl | RateDecl | SchemeDecl | AgreementDecl;

export interface FileNode extends Span {
  readonly declarations: Declaration[];
}
