/**
 * The money model (spec §5.3–5.4) against hand-computed figures: the table
 * under spec §1, then small agreements that isolate one rule of the
 * computation each, the HFA402 tolerance, and "no cascade" (spec §5.2).
 */
import { describe, expect, it } from "vitest";
import type { Balance, PartyBalance } from "../server/src/analysis/index.js";
import { AGREEMENT, AGREEMENT_URI, SHARED, SHARED_URI, agreement, type AgreementEdit } from "./fixtures/rules/base.js";
import { check, codesOf, codesWithSeverity, describeDiagnostics, type CheckOptions, type Checked } from "./helpers/workspace.js";

// ------------------------------------------------------------------ helpers

const MINI_URI = "file:///ws/mini.hfa";

/** A two-party agreement (HMR, Kristiansund) with the given money clauses. */
function mini(clauses: readonly string[], options: { parties?: string; period?: string; balance?: readonly string[] } = {}): string {
  const lines = [
    `avtale Mini "Minimal avtale for balansen" {`,
    "  helsefellesskap MøreRomsdal",
    `  parter ${options.parties ?? "HMR, Kristiansund"}`,
    `  periode ${options.period ?? "2025 til 2027"}`,
    ...clauses.map((c) => "  " + c),
  ];
  if (options.balance) lines.push("  balanse {", ...options.balance.map((b) => "    " + b), "  }");
  lines.push("}", "");
  return lines.join("\n");
}

function checkMini(clauses: readonly string[], options: Parameters<typeof mini>[1] = {}, checkOptions: CheckOptions = {}): Checked {
  return check({ [SHARED_URI]: SHARED, [MINI_URI]: mini(clauses, options) }, checkOptions);
}

function balanceOf(c: Checked, name?: string): Balance {
  const analysis = name ? c.analysis.agreements.find((a) => a.node.name.text === name) : c.analysis.agreements[0];
  const balance = analysis?.money.balance;
  if (!balance) throw new Error(`no balance computed:\n${describeDiagnostics(c.all, c.files)}`);
  return balance;
}

function party(balance: Balance, name: string): PartyBalance {
  const found = name === "total" ? balance.total : balance.parties.find((p) => p.party === name);
  if (!found) throw new Error(`no party ${name} in the balance`);
  return found;
}

/** A column of a party's rows, by year. */
function column<K extends "input" | "grant" | "saving" | "transferIn" | "transferOut" | "net" | "cumulative" | "continuation">(
  p: PartyBalance,
  key: K,
): Record<number, PartyBalance["rows"][number][K]> {
  return Object.fromEntries(p.rows.map((r) => [r.year, r[key]]));
}

function specCheck(edit: AgreementEdit = {}, options: CheckOptions = {}): Checked {
  return check({ [SHARED_URI]: SHARED, [AGREEMENT_URI]: agreement(edit) }, options);
}

// ------------------------------------------------------------------ spec §1

describe("the table under spec §1", () => {
  const c = check({ [SHARED_URI]: SHARED, [AGREEMENT_URI]: AGREEMENT });
  const balance = balanceOf(c);

  const table = [
    // party, own input, savings, transfers (net), cumulative net by 2030, breaks even
    ["HMR", 2_310_000, 3_600_000, -300_000, 990_000, 2027],
    ["Kristiansund", 1_020_000, 1_250_000, 0, 230_000, 2028],
    ["Averøy", 1_020_000, 750_000, 300_000, 30_000, 2030],
    ["total", 4_350_000, 5_600_000, 0, 1_250_000, 2028],
  ] as const;

  it.each(table)("%s: own input %d, savings %d, transfers %d, net %d, breaks even %s", (name, input, saving, transfers, net, breakEven) => {
    const p = party(balance, name);
    expect(p.totals.input).toBeCloseTo(input, 2);
    expect(p.totals.saving).toBeCloseTo(saving, 2);
    expect(p.totals.transferIn - p.totals.transferOut).toBeCloseTo(transfers, 2);
    expect(p.atHorizon).toBeCloseTo(net, 2);
    expect(p.totals.net).toBeCloseTo(net, 2);
    expect(p.breakEven).toBe(breakEven);
  });

  it("the window runs 2025–2030 (horizon 2030, written in `balanse`)", () => {
    expect(balance.firstYear).toBe(2025);
    expect(balance.horizon).toBe(2030);
    expect(balance.horizonExplicit).toBe(true);
    expect(balance.parties.map((p) => p.party)).toEqual(["HMR", "Kristiansund", "Averøy"]);
  });

  it("cumulative net per year, by hand", () => {
    expect(column(party(balance, "HMR"), "cumulative")).toEqual({
      2025: -510_000, 2026: -210_000, 2027: 90_000, 2028: 390_000, 2029: 690_000, 2030: 990_000,
    });
    expect(column(party(balance, "Kristiansund"), "cumulative")).toEqual({
      2025: -170_000, 2026: -90_000, 2027: -10_000, 2028: 70_000, 2029: 150_000, 2030: 230_000,
    });
    expect(column(party(balance, "Averøy"), "cumulative")).toEqual({
      2025: -170_000, 2026: -130_000, 2027: -90_000, 2028: -50_000, 2029: -10_000, 2030: 30_000,
    });
    expect(column(party(balance, "total"), "cumulative")).toEqual({
      2025: -850_000, 2026: -430_000, 2027: -10_000, 2028: 410_000, 2029: 830_000, 2030: 1_250_000,
    });
  });

  it("the own input runs into the continuation (2028–2030) and is counted there, never HFA307", () => {
    expect(column(party(balance, "HMR"), "input")).toEqual({ 2025: 510_000, 2026: 360_000, 2027: 360_000, 2028: 360_000, 2029: 360_000, 2030: 360_000 });
    expect(column(party(balance, "Averøy"), "input")).toEqual({ 2025: 170_000, 2026: 170_000, 2027: 170_000, 2028: 170_000, 2029: 170_000, 2030: 170_000 });
    expect(column(party(balance, "total"), "continuation")).toEqual({ 2025: false, 2026: false, 2027: false, 2028: true, 2029: true, 2030: true });
    expect(codesOf(c.all)).not.toContain("HFA307");
    expect(codesOf(c.all)).not.toContain("HFA406");
  });

  it("partial financing: 2 250 000 kr of own input against 1 800 000 kr of grant over the period, each party's input above its grant", () => {
    expect(party(balance, "total").periodInput).toBeCloseTo(2_250_000, 2);
    expect(party(balance, "total").periodGrant).toBeCloseTo(1_800_000, 2);
    for (const [name, input, grant] of [["HMR", 1_230_000, 900_000], ["Kristiansund", 510_000, 450_000], ["Averøy", 510_000, 450_000]] as const) {
      expect(party(balance, name).periodInput).toBeCloseTo(input, 2);
      expect(party(balance, name).periodGrant).toBeCloseTo(grant, 2);
    }
    expect(codesOf(c.all)).not.toContain("HFA309");
  });

  it("end of the period (2027): cumulative nets and break-even", () => {
    expect(party(balance, "HMR").atPeriodEnd).toBe(90_000);
    expect(party(balance, "HMR").breakEvenByPeriodEnd).toBe(2027);
    expect(party(balance, "Kristiansund").atPeriodEnd).toBe(-10_000);
    expect(party(balance, "Kristiansund").breakEvenByPeriodEnd).toBeUndefined();
    expect(party(balance, "total").atPeriodEnd).toBe(-10_000);
  });

  it("HFA404 states every break-even year and net of the table", () => {
    const message = c.one("HFA404").message;
    for (const part of [
      "Balanse 2025–2030",
      "HMR i balanse fra 2027 (netto +990 000 kr)",
      "Kristiansund i balanse fra 2028 (netto +230 000 kr)",
      "Averøy i balanse fra 2030 (netto +30 000 kr)",
      "Samlet: i balanse fra 2028 (netto +1 250 000 kr)",
    ]) {
      expect(message).toContain(part);
    }
  });

  it("grant received: HMR 900 000, Kristiansund 450 000, Averøy 450 000 — and in no party's net", () => {
    expect(party(balance, "HMR").totals.grant).toBeCloseTo(900_000, 2);
    expect(party(balance, "Kristiansund").totals.grant).toBeCloseTo(450_000, 2);
    expect(party(balance, "Averøy").totals.grant).toBeCloseTo(450_000, 2);
    expect(party(balance, "total").totals.grant).toBeCloseTo(1_800_000, 2);
    expect(column(party(balance, "HMR"), "grant")).toEqual({ 2025: 300_000, 2026: 300_000, 2027: 300_000, 2028: 0, 2029: 0, 2030: 0 });
    for (const p of balance.parties) {
      for (const row of p.rows) expect(row.net).toBeCloseTo(row.saving + row.transferIn - row.transferOut - row.input, 6);
    }
  });

  it("80 døgn à Barselsdøgn (6 500 kr per døgn) is 520 000 kr a year", () => {
    expect(column(party(balance, "HMR"), "saving")).toEqual({ 2025: 0, 2026: 720_000, 2027: 720_000, 2028: 720_000, 2029: 720_000, 2030: 720_000 });
  });

  it("no error, warning or hint; exactly HFA503, HFA606 and HFA404 as information", () => {
    expect(codesWithSeverity(c.all, "error", "warning", "hint")).toEqual([]);
    expect(c.all.filter((d) => d.severity === "information").map((d) => d.code).sort()).toEqual(["HFA404", "HFA503", "HFA606"]);
    expect(codesOf(c.all)).not.toContain("HFA402");
  });
});

// ------------------------------------------------------------------ schedules

describe("schedules (spec §5.3)", () => {
  it("`per år` without fra/til: innsats and tilskudd over the period, besparelse and overføring to the horizon", () => {
    const c = checkMini([
      "innsats HMR 100 000 kr per år",
      "innsats Kristiansund 20 000 kr per år",
      "tilskudd RST 60 000 kr per år til HMR 100 %",
      "besparelse HMR 50 000 kr per år",
    ], { balance: ["overføring HMR til Kristiansund 10 000 kr per år"] });
    const b = balanceOf(c);
    expect(b.firstYear).toBe(2025);
    expect(b.horizon).toBe(2030);
    expect(b.horizonExplicit).toBe(false);
    const hmr = party(b, "HMR");
    expect(column(hmr, "input")).toEqual({ 2025: 100_000, 2026: 100_000, 2027: 100_000, 2028: 0, 2029: 0, 2030: 0 });
    expect(column(hmr, "grant")).toEqual({ 2025: 60_000, 2026: 60_000, 2027: 60_000, 2028: 0, 2029: 0, 2030: 0 });
    expect(column(hmr, "saving")).toEqual({ 2025: 50_000, 2026: 50_000, 2027: 50_000, 2028: 50_000, 2029: 50_000, 2030: 50_000 });
    expect(hmr.totals.transferOut).toBe(60_000);
    expect(hmr.atHorizon).toBe(300_000 - 60_000 - 300_000);
    const k = party(b, "Kristiansund");
    expect(k.totals.input).toBe(60_000);
    expect(k.totals.transferIn).toBe(60_000);
    expect(k.atHorizon).toBe(0);
  });

  it("`fra` replaces the first year and `til` the last; `til <year>` before the grant's shares", () => {
    const c = checkMini([
      "innsats HMR 100 000 kr per år fra 2026",
      "innsats Kristiansund 100 000 kr per år til 2026",
      "besparelse HMR 50 000 kr per år fra 2026 til 2028",
      "tilskudd RST 10 000 kr per år fra 2026 til 2027 til HMR 100 %",
    ]);
    const b = balanceOf(c);
    expect(column(party(b, "HMR"), "input")).toEqual({ 2025: 0, 2026: 100_000, 2027: 100_000, 2028: 0, 2029: 0, 2030: 0 });
    expect(column(party(b, "Kristiansund"), "input")).toEqual({ 2025: 100_000, 2026: 100_000, 2027: 0, 2028: 0, 2029: 0, 2030: 0 });
    expect(column(party(b, "HMR"), "saving")).toEqual({ 2025: 0, 2026: 50_000, 2027: 50_000, 2028: 50_000, 2029: 0, 2030: 0 });
    expect(column(party(b, "HMR"), "grant")).toEqual({ 2025: 0, 2026: 10_000, 2027: 10_000, 2028: 0, 2029: 0, 2030: 0 });
    expect(codesOf(c.all)).not.toContain("HFA001");
  });

  it("`i 2025` is a one-off", () => {
    const b = balanceOf(checkMini(["innsats HMR 150 000 kr i 2025", "innsats Kristiansund 10 000 kr i 2027", "besparelse HMR 40 000 kr i 2029"]));
    expect(party(b, "HMR").totals.input).toBe(150_000);
    expect(column(party(b, "HMR"), "input")[2025]).toBe(150_000);
    expect(column(party(b, "Kristiansund"), "input")).toEqual({ 2025: 0, 2026: 0, 2027: 10_000, 2028: 0, 2029: 0, 2030: 0 });
    expect(column(party(b, "HMR"), "saving")[2029]).toBe(40_000);
    expect(party(b, "HMR").totals.saving).toBe(40_000);
  });

  it("the default horizon is the last year of the period plus 3", () => {
    const b = balanceOf(checkMini(["innsats HMR 10 000 kr per år", "besparelse HMR 10 000 kr per år"], { period: "2026 til 2027" }));
    expect(b.horizon).toBe(2030);
    expect(party(b, "HMR").totals.saving).toBe(50_000); // 2026–2030
  });

  it("balance.defaultHorizonYears in hfa.json moves the default horizon", () => {
    const c = checkMini(["innsats HMR 10 000 kr per år", "besparelse HMR 10 000 kr per år"], {}, { config: { balance: { defaultHorizonYears: 5 } } });
    const b = balanceOf(c);
    expect(b.horizon).toBe(2032);
    expect(party(b, "HMR").totals.saving).toBe(80_000); // 2025–2032
    expect(c.byCode("HFA010")).toEqual([]);
  });

  it("`horisont` in `balanse` wins over the configured default", () => {
    const c = checkMini(["innsats HMR 10 000 kr per år", "besparelse HMR 10 000 kr per år"], { balance: ["horisont 2028"] }, { config: { balance: { defaultHorizonYears: 5 } } });
    const b = balanceOf(c);
    expect(b.horizon).toBe(2028);
    expect(b.horizonExplicit).toBe(true);
    expect(party(b, "HMR").totals.saving).toBe(40_000);
  });

  it("flows after the horizon are not counted", () => {
    const c = checkMini(
      ["innsats HMR 10 000 kr per år", "besparelse HMR 100 000 kr i 2029", "besparelse HMR 10 000 kr per år fra 2026 til 2035"],
      { balance: ["horisont 2028"] },
    );
    const hmr = party(balanceOf(c), "HMR");
    expect(hmr.rows.map((r) => r.year)).toEqual([2025, 2026, 2027, 2028]);
    expect(hmr.totals.saving).toBe(30_000);
    expect(hmr.atHorizon).toBe(0);
  });

  it("the window starts at an earlier flow year", () => {
    const c = checkMini(["innsats HMR 10 000 kr i 2024", "innsats HMR 10 000 kr per år", "besparelse HMR 20 000 kr per år fra 2026"]);
    const b = balanceOf(c);
    expect(b.firstYear).toBe(2024);
    const hmr = party(b, "HMR");
    expect(hmr.rows[0]).toMatchObject({ year: 2024, input: 10_000, net: -10_000, cumulative: -10_000 });
    expect(hmr.atHorizon).toBe(-40_000 + 5 * 20_000);
    expect(c.byCode("HFA307")).toHaveLength(1);
  });

  it("a grant without `til` is split in proportion to own input that year", () => {
    const c = checkMini([
      "innsats HMR 300 000 kr i 2025",
      "innsats Kristiansund 100 000 kr i 2025",
      "innsats HMR 100 000 kr i 2026",
      "innsats Kristiansund 100 000 kr i 2026",
      "tilskudd RST 400 000 kr per år fra 2025 til 2026",
    ]);
    const b = balanceOf(c);
    expect(column(party(b, "HMR"), "grant")).toMatchObject({ 2025: 300_000, 2026: 200_000, 2027: 0 });
    expect(column(party(b, "Kristiansund"), "grant")).toMatchObject({ 2025: 100_000, 2026: 200_000, 2027: 0 });
    expect(party(b, "HMR").atHorizon).toBe(-400_000);
  });

  it("`à` with money, with a `sats`, and `*`", () => {
    const c = checkMini([
      "innsats HMR 2 årsverk * 450 000 kr i 2025",
      "innsats Kristiansund 0,5 årsverk à 850 000 kr i 2025",
      "besparelse HMR 10 døgn à Barselsdøgn i 2026",
    ]);
    const b = balanceOf(c);
    expect(party(b, "HMR").totals.input).toBe(900_000);
    expect(party(b, "Kristiansund").totals.input).toBe(425_000);
    expect(party(b, "HMR").totals.saving).toBe(65_000);
  });

  it("`mill. kr` and `kroner`", () => {
    const c = checkMini(["innsats HMR 1,5 mill. kr i 2025", "innsats Kristiansund 0,25 mill. kroner i 2025", "besparelse HMR 2 500 000 kroner i 2026"]);
    const b = balanceOf(c);
    expect(party(b, "HMR").totals.input).toBe(1_500_000);
    expect(party(b, "Kristiansund").totals.input).toBe(250_000);
    expect(party(b, "HMR").totals.saving).toBe(2_500_000);
  });

  it("break-even is the first year from which the cumulative net stays ≥ 0", () => {
    const c = checkMini([
      "innsats HMR 100 000 kr i 2025",
      "besparelse HMR 200 000 kr i 2025",
      "innsats HMR 300 000 kr i 2026",
      "besparelse HMR 200 000 kr i 2027",
      "innsats Kristiansund 10 000 kr i 2025",
    ]);
    const b = balanceOf(c);
    const hmr = party(b, "HMR");
    expect(column(hmr, "cumulative")).toMatchObject({ 2025: 100_000, 2026: -200_000, 2027: 0, 2028: 0 });
    expect(hmr.breakEven).toBe(2027);
    expect(party(b, "Kristiansund").breakEven).toBeUndefined();
    expect(party(b, "total").breakEven).toBeUndefined();
    expect(party(b, "total").atHorizon).toBe(-10_000);
    expect(c.one("HFA403").message).toContain("10 000 kr");
  });
});

// ------------------------------------------------------------------ HFA402

describe("HFA402: imbalance after transfers", () => {
  /** HMR gains 100 000 kr; Kristiansund puts in 1 000 000 kr and saves `saving`. */
  const imbalance = (saving: string): string[] => [
    "innsats HMR 100 000 kr i 2025",
    "besparelse HMR 200 000 kr i 2026",
    "innsats Kristiansund 1 000 000 kr i 2025",
    `besparelse Kristiansund ${saving} kr i 2026`,
  ];

  it("just inside the tolerance: −50 000 kr on 1 000 000 kr of input (5 %) is no HFA402", () => {
    const c = checkMini(imbalance("950 000"));
    expect(party(balanceOf(c), "Kristiansund").atHorizon).toBe(-50_000);
    expect(c.byCode("HFA402")).toEqual([]);
  });

  it("just outside the tolerance: −50 001 kr is HFA402", () => {
    const c = checkMini(imbalance("949 999"));
    const d = c.one("HFA402");
    expect(d.severity).toBe("warning");
    expect(c.textOf(d)).toBe("Mini");
    expect(d.message).toContain("Kristiansund har et samlet netto tap på 50 001 kr i 2025–2030, mens HMR har en netto gevinst på 100 000 kr");
  });

  it("balance.tolerance in hfa.json", () => {
    expect(checkMini(imbalance("900 000"), {}, { config: { balance: { tolerance: 0.1 } } }).byCode("HFA402")).toEqual([]);
    expect(checkMini(imbalance("899 999"), {}, { config: { balance: { tolerance: 0.1 } } }).byCode("HFA402")).toHaveLength(1);
    expect(checkMini(imbalance("999 999"), {}, { config: { balance: { tolerance: 0 } } }).byCode("HFA402")).toHaveLength(1);
  });

  it("a `begrunnelse` of at least 12 words silences it; 11 words do not", () => {
    const twelve = `begrunnelse "Kristiansund bærer kostnaden fordi stillingen gir kommunen en jordmor den ellers ikke får."`;
    const eleven = `begrunnelse "Kristiansund bærer kostnaden fordi stillingen gir kommunen en jordmor ellers ikke."`;
    expect(checkMini(imbalance("800 000"), { balance: [twelve] }).byCode("HFA402")).toEqual([]);
    const c = checkMini(imbalance("800 000"), { balance: [eleven] });
    expect(c.textOf(c.one("HFA402"))).toBe("balanse");
  });

  it("across levels, the message says the cost falls on one level and the gain on the other", () => {
    const d = checkMini(imbalance("800 000")).one("HFA402");
    expect(d.message).toContain("Kristiansund har et samlet netto tap på 200 000 kr i 2025–2030");
    expect(d.message).toContain("kommunale helse- og omsorgstjenesten");
    expect(d.message).toContain("spesialisthelsetjenesten");
  });

  it("on one level, the message names the parties but not the levels", () => {
    const c = checkMini(
      [
        "innsats HMR 100 000 kr i 2025",
        "besparelse HMR 100 000 kr i 2026",
        "innsats Kristiansund 1 000 000 kr i 2025",
        "besparelse Kristiansund 800 000 kr i 2026",
        "innsats Averøy 100 000 kr i 2025",
        "besparelse Averøy 300 000 kr i 2026",
      ],
      { parties: "HMR, Kristiansund, Averøy" },
    );
    const d = c.one("HFA402");
    expect(d.message).toContain("Kristiansund har et samlet netto tap på 200 000 kr i 2025–2030, mens Averøy har en netto gevinst på 200 000 kr");
    expect(d.message).not.toContain("spesialisthelsetjenesten");
  });

  it("a token transfer does not silence it; a sufficient one does", () => {
    const token = checkMini(imbalance("900 000"), { balance: ["overføring HMR til Kristiansund 1 000 kr i 2026"] });
    expect(token.one("HFA402").message).toContain("Kristiansund har et samlet netto tap på 99 000 kr");
    const enough = checkMini(imbalance("900 000"), { balance: ["overføring HMR til Kristiansund 60 000 kr i 2026"] });
    expect(party(balanceOf(enough), "Kristiansund").atHorizon).toBe(-40_000);
    expect(enough.byCode("HFA402")).toEqual([]);
  });

  it("the spec example without its transfer: Averøy loses 270 000 kr, HMR gains 1 290 000 kr (spec §6's example message)", () => {
    const c = specCheck({ replace: [["balanse", "balanse {\n    horisont 2030\n  }"]] });
    const message = c.one("HFA402").message;
    expect(message).toContain("Averøy har et samlet netto tap på 270 000 kr i 2025–2030, mens HMR har en netto gevinst på 1 290 000 kr");
    // 219 000 kr brings Averøy to −51 000 kr (5 % of 1 020 000 kr), over HMR's five years of savings.
    expect(message).toContain("«overføring HMR til Averøy 44 000 kr per år fra 2026»");
    expect(party(balanceOf(c), "Averøy").atHorizon).toBe(-270_000);
    expect(party(balanceOf(c), "HMR").atHorizon).toBe(1_290_000);
  });

  it("the suggested transfer evens it out: applied, HFA402 is gone", () => {
    const c = specCheck({ replace: [["balanse", "balanse {\n    horisont 2030\n    overføring HMR til Averøy 44 000 kr per år fra 2026\n  }"]] });
    expect(c.byCode("HFA402")).toEqual([]);
  });

  it("a begrunnelse must name every losing party, and the message says why one does not count", () => {
    const long = "Kommunen bærer kostnaden fordi stillingen gir kommunen en jordmor den ellers ikke ville fått.";
    const unnamed = checkMini(imbalance("800 000"), { balance: [`begrunnelse "${long}"`] });
    expect(unnamed.one("HFA402").message).toContain("Begrunnelsen nevner ikke Kristiansund");
    const official = checkMini(imbalance("800 000"), { balance: [`begrunnelse "${long} Det gjelder Kristiansund kommune."`] });
    expect(official.byCode("HFA402")).toEqual([]);
    const short = checkMini(imbalance("800 000"), { balance: [`begrunnelse "Kristiansund tar kostnaden."`] });
    expect(short.one("HFA402").message).toContain("den har 3 ord, og minst 12 ord trengs");
    const placeholder = checkMini(imbalance("800 000"), { balance: [`begrunnelse "<hvorfor Kristiansund bærer kostnaden>"`] });
    expect(placeholder.byCode("HFA402")).toHaveLength(1);
  });
});

// ------------------------------------------------------------------ no cascade

describe("invalid clauses are left out, without a cascade (spec §5.2)", () => {
  const clean = specCheck();
  const cleanBalance = balanceOf(clean);
  const sameBalance = (c: Checked) => {
    const b = balanceOf(c);
    for (const name of ["HMR", "Kristiansund", "Averøy", "total"]) {
      expect(party(b, name).rows, name).toEqual(party(cleanBalance, name).rows);
    }
  };

  const transferToUnknown: AgreementEdit = {
    replace: [
      [
        "balanse",
        `balanse {\n    horisont 2030\n    overføring HMR til Averøy 60 000 kr per år fra 2026 "Utjevning av gevinst"\n    overføring HMR til Avrøy 50 000 kr per år fra 2026\n  }`,
      ],
    ],
  };
  it.each([
    ["an innsats naming an unknown party", { add: ["innsats Averøi 100 000 kr i 2025"] }, "HFA101"],
    ["an innsats naming a kommune that is no party", { add: ["innsats Trondheim 100 000 kr i 2025"] }, "HFA304"],
    ["an innsats that is not money", { add: ["innsats HMR 40 døgn i 2025"] }, "HFA802"],
    ["a saving whose units do not match its rate", { add: ["besparelse HMR 80 timer à Barselsdøgn i 2026"] }, "HFA801"],
    ["a saving priced with an unknown rate", { add: ["besparelse HMR 10 døgn à Ukjentsats i 2026"] }, "HFA101"],
    ["a transfer to an unknown party", transferToUnknown, "HFA101"],
  ] as const)("%s does not change the balance and causes nothing else", (_what, edit: AgreementEdit, code) => {
    const c = specCheck(edit);
    sameBalance(c);
    expect(codesWithSeverity(c.all, "error", "warning"), describeDiagnostics(c.all, c.files)).toEqual([code]);
  });

  it("a misspelt party in its only innsats is reported once, not again as a party without input (no HFA303/HFA306)", () => {
    const c = specCheck({ replace: [["innsats Averøy", "innsats Averøi 0,5 årsverk à 850 000 kr per år"]] });
    expect(c.one("HFA101").message).toContain("Averøy");
    expect(codesWithSeverity(c.all, "error", "warning"), describeDiagnostics(c.all, c.files)).toEqual(["HFA101"]);
  });

  it("a misspelt purpose in `formål` is reported once, not again for the measure linking it (no HFA206)", () => {
    const c = specCheck({
      replace: [["formål rekruttering", `formål rekrutering "Kombinerte stillinger gir hele stillinger og faglig bredde, slik at små kommuner kan rekruttere og beholde jordmødre."`]],
    });
    expect(c.one("HFA202").message).toContain("rekrutering");
    expect(codesWithSeverity(c.all, "error", "warning"), describeDiagnostics(c.all, c.files)).toEqual(["HFA202"]);
  });

  it("a party outside the helsefellesskap stays a party: its clauses are computed, and naming it is not HFA304", () => {
    const c = specCheck({
      replace: [["parter", "parter HMR, Kristiansund, Averøy, Trondheim"]],
      add: ["innsats Trondheim 10 000 kr i 2025", "besparelse Trondheim 30 000 kr i 2026"],
    });
    expect(party(balanceOf(c), "Trondheim").atHorizon).toBe(20_000);
    expect(codesWithSeverity(c.all, "error", "warning")).toEqual(["HFA104"]);
  });
});

// ------------------------------------------------------------------ clauses that fail to parse

describe("a clause that fails to parse counts as present (spec §3)", () => {
  const cases: readonly { missing: string; edit: AgreementEdit }[] = [
    { missing: "HFA106", edit: { replace: [["periode", "periode 2025 til"]] } },
    { missing: "HFA106", edit: { replace: [["parter", "parter HMR Kristiansund, Averøy,"]] } },
    { missing: "HFA106", edit: { replace: [["helsefellesskap", "helsefellesskap"]] } },
    { missing: "HFA201", edit: { remove: ["formål rekruttering"], replace: [["formål samhandling", "formål samhandling"]] } },
    { missing: "HFA208", edit: { replace: [["tiltak", `tiltak "To kombinerte jordmorstillinger" {\n    formål samhandling, rekruttering\n    stilling "Jordmor Averøy" 2 årsverk: HMR 50 %, Averøy 50 %\n  }`]] } },
    { missing: "HFA401", edit: { remove: ["besparelse"], add: ["besparelse HMR 100 000 per år fra 2026"] } },
    { missing: "HFA501", edit: { replace: [["målgruppe", "målgruppe"]] } },
    { missing: "HFA603", edit: { replace: [["videreføring", "videreføring 2028"]] } },
    { missing: "HFA604", edit: { replace: [["indikator", `indikator "Andel gravide med samme jordmor" fra 20 %`]] } },
  ];

  it.each(cases)("a broken clause gives HFA001 and not $missing", ({ missing, edit }) => {
    const c = specCheck(edit);
    expect(c.byCode("HFA001").length, describeDiagnostics(c.all, c.files)).toBeGreaterThan(0);
    expect(c.byCode(missing), describeDiagnostics(c.all, c.files)).toEqual([]);
  });

  it("a typo in `periode` gives HFA001 and nothing else", () => {
    const c = specCheck({ replace: [["periode", "periode 2025 tl 2027"]] });
    expect(codesWithSeverity(c.all, "error", "warning"), describeDiagnostics(c.all, c.files)).toEqual(["HFA001"]);
  });
});

// ------------------------------------------------------------------ v1.1: continuation, horizon, grant split, partial financing

describe("continuation and horizon (spec §5.3–5.4, HFA406–HFA408)", () => {
  const plain: AgreementEdit = {
    replace: [
      ["innsats HMR 0,4", `innsats HMR 0,4 årsverk à 900 000 kr per år "Økt stillingsandel"`],
      ["innsats Kristiansund", "innsats Kristiansund 0,2 årsverk à 850 000 kr per år"],
      ["innsats Averøy", "innsats Averøy 0,2 årsverk à 850 000 kr per år"],
    ],
  };

  it("HFA406 is one diagnostic per agreement, and each of its two fixes is a complete answer", () => {
    const c = specCheck(plain);
    const d = c.one("HFA406");
    expect(d.fixes?.map((f) => f.title)).toEqual([
      "Før opp driftskostnaden: innsatsen løper til 2030",
      "La besparelsene slutte med perioden (til 2027)",
    ]);
    const [extend, end] = d.fixes!;
    const extended = specCheck({ ...plain });
    const files = { ...extended.files };
    files[AGREEMENT_URI] = applyEditsTo(files[AGREEMENT_URI]!, extend!.edits);
    const afterExtend = check(files);
    expect(afterExtend.byCode("HFA406")).toEqual([]);
    expect(codesWithSeverity(afterExtend.all, "error", "warning"), describeDiagnostics(afterExtend.all, afterExtend.files)).toEqual([]);
    // Extending the input gives back the spec's own clauses.
    expect(afterExtend.files[AGREEMENT_URI]).toContain("innsats Kristiansund 0,2 årsverk à 850 000 kr per år til 2030");
    const ended = { ...extended.files, [AGREEMENT_URI]: applyEditsTo(extended.files[AGREEMENT_URI]!, end!.edits) };
    const afterEnd = check(ended);
    expect(afterEnd.byCode("HFA406")).toEqual([]);
    expect(afterEnd.byCode("HFA001")).toEqual([]);
    expect(afterEnd.files[AGREEMENT_URI]).toContain("besparelse Kristiansund 250 000 kr per år fra 2026 til 2027");
  });

  it("a one-off investment may waive HFA406 with a reason", () => {
    const text = agreement(plain).replace("  besparelse HMR 80", "  // hfa-ignore HFA406: engangsopplæringen gir varig effekt på reinnleggelsene\n  besparelse HMR 80");
    const c = check({ [SHARED_URI]: SHARED, [AGREEMENT_URI]: text });
    expect(c.one("HFA406").suppressed).toBe("engangsopplæringen gir varig effekt på reinnleggelsene");
  });

  it("HFA407: the window runs to the period's end, so no committed input drops out", () => {
    const c = specCheck({ replace: [["balanse", "balanse {\n    horisont 2026\n  }"]] });
    const b = balanceOf(c);
    expect(c.one("HFA407").severity).toBe("error");
    expect(b.horizon).toBe(2027);
    expect(b.horizonExtended).toBe(true);
    expect(party(b, "HMR").rows.map((r) => r.year)).toEqual([2025, 2026, 2027]);
  });

  it("HFA408: the default maxHorizonYears is 5 (2032 passes, 2033 does not)", () => {
    const at = (year: number) => specCheck({ replace: [["balanse", `balanse {\n    horisont ${year}\n    overføring HMR til Averøy 60 000 kr per år fra 2026\n  }`]] });
    expect(at(2032).byCode("HFA408")).toEqual([]);
    expect(at(2033).one("HFA408").message).toContain("2032");
  });
});

function applyEditsTo(text: string, edits: readonly { start: number; end: number; newText: string }[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}

describe("the grant split (spec §5.4, HFA310) and partial financing (spec §5.6, HFA309)", () => {
  it("a grant without `til` in a year without own input is split by own input over the period: no krone disappears", () => {
    const c = checkMini([
      "innsats HMR 300 000 kr i 2025",
      "innsats Kristiansund 100 000 kr i 2025",
      "tilskudd RST 100 000 kr per år",
      "besparelse HMR 200 000 kr per år fra 2026",
      "besparelse Kristiansund 100 000 kr per år fra 2026",
    ], { balance: ["horisont 2027"] });
    const b = balanceOf(c);
    expect(column(party(b, "HMR"), "grant")).toEqual({ 2025: 75_000, 2026: 75_000, 2027: 75_000 });
    expect(column(party(b, "Kristiansund"), "grant")).toEqual({ 2025: 25_000, 2026: 25_000, 2027: 25_000 });
    expect(party(b, "total").totals.grant).toBe(300_000);
    const d = c.one("HFA310");
    expect(d.message).toContain("i 2026 og 2027");
    expect(c.textOf(d)).toBe("per år");
  });

  it("with no own input at all the grant is split equally (and HFA302 says so, not HFA310)", () => {
    const c = checkMini(["tilskudd RST 100 000 kr i 2025", "besparelse HMR 10 000 kr i 2026"]);
    const b = balanceOf(c);
    expect(party(b, "HMR").totals.grant).toBe(50_000);
    expect(party(b, "Kristiansund").totals.grant).toBe(50_000);
    expect(codesOf(c.all)).toContain("HFA302");
    expect(codesOf(c.all)).not.toContain("HFA310");
    expect(codesOf(c.all)).not.toContain("HFA309");
  });

  it("HFA309: exactly half of own input plus grant passes; more does not; grant.maxShare moves the limit", () => {
    const clauses = (grant: string) => ["innsats HMR 100 000 kr i 2025", "innsats Kristiansund 100 000 kr i 2025", `tilskudd RST ${grant} kr i 2025`, "besparelse HMR 150 000 kr i 2026", "besparelse Kristiansund 150 000 kr i 2026"];
    expect(checkMini(clauses("200 000")).byCode("HFA309")).toEqual([]);
    const over = checkMini(clauses("200 002")).one("HFA309");
    expect(over.message).toContain("200 002 kr i tilskudd mot 200 000 kr i egen innsats");
    expect(checkMini(clauses("200 002"), {}, { config: { grant: { maxShare: 0.6 } } }).byCode("HFA309")).toEqual([]);
  });

  it("HFA309 on a party: Kristiansund 1 kr of own input against 90 % of a 900 000 kr grant", () => {
    const c = checkMini([
      "innsats HMR 900 000 kr per år",
      "innsats Kristiansund 1 kr i 2025",
      "tilskudd RST 900 000 kr i 2025 til HMR 10 %, Kristiansund 90 %",
      "besparelse HMR 900 000 kr per år fra 2026",
      "besparelse Kristiansund 1 kr i 2026",
    ]);
    expect(c.one("HFA309").message).toContain("Kristiansund får 810 000 kr mot 1 kr i egen innsats");
  });
});

describe("no cascades, made precise (spec §5.2, v1.1)", () => {
  it("a party whose only innsats is invalid has an innsats: no HFA302, HFA303 or HFA306", () => {
    const c = specCheck({ replace: [["innsats Averøy", "innsats Averøy 40 døgn per år til 2030"]] });
    expect(codesWithSeverity(c.all, "error", "warning"), describeDiagnostics(c.all, c.files)).toEqual(["HFA802"]);
    const side = specCheck({ replace: [["innsats Averøy", "innsats Averøy 40 døgn per år til 2030"], ["innsats Kristiansund", "innsats Kristiansund <beløp> kr per år til 2030"]] });
    expect(codesWithSeverity(side.all, "error", "warning"), describeDiagnostics(side.all, side.files)).toEqual(["HFA011", "HFA802"]);
  });

  it("a clause naming a non-party (HFA304) is left out of every other rule: no HFA607 or HFA608 on its behandling", () => {
    const c = specCheck({ add: ["behandling Trondheim styre 2026-05-01 planlagt"] });
    expect(codesWithSeverity(c.all, "error", "warning"), describeDiagnostics(c.all, c.files)).toEqual(["HFA304"]);
  });

  it.each([
    ["reversed (HFA601)", "periode 2027 til 2025", "HFA601"],
    ["broken (HFA001)", "periode 2025 til", "HFA001"],
  ])("an invalid periode, %s, silences HFA307, HFA406, HFA407, HFA408, HFA608 and HFA310", (_what, period, code) => {
    const c = specCheck({
      replace: [
        ["periode", period],
        ["innsats HMR 150", `innsats HMR 150 000 kr i 2024 "Opplæring og hospitering"`],
        ["balanse", "balanse {\n    horisont 2040\n    overføring HMR til Averøy 60 000 kr per år fra 2026\n  }"],
        ["behandling Averøy", "behandling Averøy kommunestyre 2031-04-03 planlagt"],
        ["innsats Averøy", "innsats Averøy 0,2 årsverk à 850 000 kr per år fra 2026 til 2030"],
      ],
    });
    const codes = codesOf(c.all);
    for (const silenced of ["HFA307", "HFA406", "HFA407", "HFA408", "HFA608", "HFA310"]) expect(codes, describeDiagnostics(c.all, c.files)).not.toContain(silenced);
    expect(codes).toContain(code);
  });

  it("HFA301 (no helseforetak) does not silence HFA303 or HFA306 about a kommune", () => {
    const c = specCheck({
      replace: [
        ["parter", "parter Kristiansund, Averøy"],
        ["tilskudd", "tilskudd RST 600 000 kr per år til Kristiansund 50 %, Averøy 50 %"],
      ],
      remove: ["innsats Averøy"],
    });
    const codes = codesOf(c.all);
    expect(codes).toContain("HFA301");
    expect(c.one("HFA303").message).toContain("Averøy");
    expect(c.one("HFA306").message).toContain("Averøy");
  });
});
