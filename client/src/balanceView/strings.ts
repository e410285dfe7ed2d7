/**
 * The words of the balance view, in the agreement's locale (the server's
 * `BalanceViewData.locale`, which follows `hfa.locale` / VS Code's display
 * language), so the table's words and its numbers speak the same language.
 */
import type { Locale } from "../protocol.js";

export interface BalanceStrings {
  readonly locale: Locale;
  readonly documentTitle: string;
  heading(title: string): string;
  period(firstYear: number, horizon: number): string;
  readonly party: string;
  readonly side: { readonly spesialist: string; readonly kommunal: string };
  readonly ownInput: string;
  readonly savings: string;
  readonly transfers: string;
  netAt(horizon: number): string;
  readonly breakEven: string;
  notBy(horizon: number): string;
  readonly total: string;
  chartTitle(horizon: number): string;
  readonly year: string;
  breakEvenMarker(year: number): string;
  readonly cumulativeByYear: string;
  grantNote(amount: string): string;
  readonly noAgreement: string;
  readonly legend: string;
}

const NB: BalanceStrings = {
  locale: "nb",
  documentTitle: "HFA – balanse",
  heading: (title) => `Balanse: ${title}`,
  period: (first, horizon) => `Kumulert netto fra ${first} til horisonten ${horizon}`,
  party: "Part",
  side: { spesialist: "helseforetak", kommunal: "kommune" },
  ownInput: "Egen innsats",
  savings: "Besparelse",
  transfers: "Overføringer",
  netAt: (horizon) => `Netto innen ${horizon}`,
  breakEven: "Går i balanse",
  notBy: (horizon) => `ikke innen ${horizon}`,
  total: "Samlet",
  chartTitle: (horizon) => `Kumulert netto per part og år fram til ${horizon}`,
  year: "År",
  breakEvenMarker: (year) => `Samlet i balanse ${year}`,
  cumulativeByYear: "Kumulert netto per år",
  grantNote: (amount) => `Tilskuddet (${amount} i alt) dekker det tilskuddsklausulen beskriver, i tillegg til partenes egen innsats, og er ikke med i netto.`,
  noAgreement: "Ingen avtale ved markøren. Plasser markøren i en avtale i en .hfa-fil.",
  legend: "Forklaring",
};

const EN: BalanceStrings = {
  locale: "en",
  documentTitle: "HFA – balance",
  heading: (title) => `Balance: ${title}`,
  period: (first, horizon) => `Cumulative net from ${first} to the horizon ${horizon}`,
  party: "Party",
  side: { spesialist: "health trust", kommunal: "municipality" },
  ownInput: "Own input",
  savings: "Savings",
  transfers: "Transfers",
  netAt: (horizon) => `Net by ${horizon}`,
  breakEven: "Breaks even",
  notBy: (horizon) => `not by ${horizon}`,
  total: "Total",
  chartTitle: (horizon) => `Cumulative net per party and year up to ${horizon}`,
  year: "Year",
  breakEvenMarker: (year) => `Total breaks even ${year}`,
  cumulativeByYear: "Cumulative net per year",
  grantNote: (amount) => `The grant (${amount} in all) pays for what its clause describes, on top of the parties' own input, and is not part of the net.`,
  noAgreement: "No agreement at the cursor. Place the cursor in an agreement in a .hfa file.",
  legend: "Legend",
};

export function balanceStrings(locale: Locale): BalanceStrings {
  return locale === "nb" ? NB : EN;
}
