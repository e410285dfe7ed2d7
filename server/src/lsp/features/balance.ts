/**
 * The balance of an agreement as the editor shows it: the data behind the
 * balance view (`hfa/balance`), the Markdown table of the hover and the text
 * of the code lens. Everything is read from the analysis; nothing is
 * recomputed here.
 */
import type * as Ast from "../../../../grammar/src/ast.js";
import { formatNumber, formatSignedKr, type AgreementAnalysis, type Balance, type Locale, type PartyBalance } from "../../analysis/index.js";
import type { BalanceViewData, BalanceViewParty, FeatureContext } from "./api.js";
import { agreementAt, agreementsOf, agreementAnalysis } from "./indexes.js";
import { clampOffset, guard, md, say } from "./util.js";

function viewParty(party: PartyBalance, total: boolean): BalanceViewParty {
  return {
    party: party.party,
    side: total ? undefined : party.side,
    rows: party.rows.map((row) => ({ ...row })),
    totals: { ...party.totals },
    atHorizon: party.atHorizon,
    breakEven: party.breakEven,
  };
}

export function balanceView(uri: string, node: Ast.AgreementDecl, balance: Balance, locale: Locale): BalanceViewData {
  return {
    uri,
    agreement: node.name.text,
    title: node.title.value,
    firstYear: balance.firstYear,
    horizon: balance.horizon,
    locale,
    parties: balance.parties.map((p) => viewParty(p, false)),
    total: viewParty(balance.total, true),
  };
}

/** The agreement at `offset`, or the file's only agreement. */
export function agreementForBalance(ctx: FeatureContext, offset: number): AgreementAnalysis | undefined {
  const node = agreementAt(ctx.file, clampOffset(offset, ctx.file.text.length));
  if (node) return agreementAnalysis(ctx.analysis, ctx.file.uri, node);
  const all = agreementsOf(ctx.analysis, ctx.file.uri);
  return all.length === 1 ? all[0] : undefined;
}

export function balance(ctx: FeatureContext, offset: number): BalanceViewData | null {
  return guard(
    () => null,
    () => {
      const agreement = agreementForBalance(ctx, offset);
      if (!agreement?.money.balance) return null;
      return balanceView(agreement.uri, agreement.node, agreement.money.balance, ctx.locale);
    },
  );
}

/** `+250 000`, `−25 000`, `0`. */
export function signedNumber(value: number, locale: Locale): string {
  const rounded = Math.round(value);
  if (rounded === 0) return "0";
  return (rounded > 0 ? "+" : "") + formatNumber(rounded, locale);
}

function breakEvenText(party: PartyBalance, horizon: number, locale: Locale): string {
  return party.breakEven !== undefined ? String(party.breakEven) : say(locale, `ikke innen ${horizon}`, `not by ${horizon}`);
}

/** The balance per party as a Markdown table (hover on an agreement's name). */
export function balanceTable(balance: Balance, locale: Locale): string {
  const h = balance.horizon;
  const header = say(
    locale,
    `| part | egen innsats | besparelse | overføringer | kumulert netto ${h} | i balanse fra |`,
    `| party | own input | savings | transfers | cumulative net by ${h} | breaks even |`,
  );
  const lines = [
    say(locale, `**Balanse** ${balance.firstYear}–${h} (kr)`, `**Balance** ${balance.firstYear}–${h} (NOK)`),
    "",
    header,
    "| --- | ---: | ---: | ---: | ---: | --- |",
  ];
  const row = (label: string, p: PartyBalance): string =>
    `| ${label} | ${formatNumber(Math.round(p.totals.input), locale)} | ${formatNumber(Math.round(p.totals.saving), locale)} | ${signedNumber(p.totals.transferIn - p.totals.transferOut, locale)} | ${signedNumber(p.atHorizon, locale)} | ${breakEvenText(p, h, locale)} |`;
  for (const party of balance.parties) lines.push(row(md(party.party), party));
  lines.push(row(say(locale, "**samlet**", "**total**"), balance.total));
  const grants = balance.parties.filter((p) => Math.round(p.totals.grant) !== 0);
  if (grants.length > 0) {
    lines.push(
      "",
      say(locale, "Tilskudd i perioden (ikke med i netto): ", "Grant over the period (not part of the net): ") +
        grants.map((p) => `${md(p.party)} ${formatNumber(Math.round(p.totals.grant), locale)}`).join(", "),
    );
  }
  return lines.join("\n");
}

/** `HMR +250 000 kr (2030) · Kristiansund −25 000 kr (–) · samlet +200 000 kr (2030)`. */
export function lensText(balance: Balance, locale: Locale): string {
  const part = (label: string, p: PartyBalance) => `${label} ${formatSignedKr(p.atHorizon, locale)} (${p.breakEven ?? "–"})`;
  return [...balance.parties.map((p) => part(p.party, p)), part(say(locale, "samlet", "total"), balance.total)].join(" · ");
}
