import { describe, expect, it } from "vitest";
import { features } from "../../server/src/lsp/features/index.js";
import { load, loadSamples, offsetOf, positionAt, SPEC_EXAMPLE } from "./helpers.js";

const URI = "file:///spec.hfa";

describe("code lens", () => {
  it("shows the net per party at the horizon and the break-even year above each agreement", () => {
    const spec = load({ [URI]: SPEC_EXAMPLE });
    const lenses = features.codeLenses(spec.ctx(URI));
    expect(lenses.length).toBe(1);
    const [lens] = lenses;
    expect(lens!.command!.title).toBe("Netto 2030: HMR +990 000 kr (2027) · Kristiansund +230 000 kr (2028) · Averøy +30 000 kr (2030) · samlet +1 250 000 kr (2028)");
    expect(lens!.command!.command).toBe("hfa.showBalance");
    const start = offsetOf(SPEC_EXAMPLE, "avtale JordmorNordmøre");
    expect(lens!.command!.arguments).toEqual([URI, start]);
    expect(lens!.range.start).toEqual(positionAt(SPEC_EXAMPLE, start));
    const en = features.codeLenses(spec.ctx(URI, "en"))[0]!;
    expect(en.command!.title).toBe("Net 2030: HMR +NOK 990,000 (2027) · Kristiansund +NOK 230,000 (2028) · Averøy +NOK 30,000 (2030) · total +NOK 1,250,000 (2028)");
  });

  it("gives one lens per agreement of the samples", () => {
    const samples = loadSamples();
    const uri = "file:///ws/avtaler/jordmor-sore-sunnmore.hfa";
    const [lens] = features.codeLenses(samples.ctx(uri));
    expect(lens!.command!.title).toBe("Netto 2030: HMR +35 000 kr (2030) · Volda +35 000 kr (2030) · Ørsta +10 000 kr (2030) · Herøy +10 000 kr (2030) · samlet +90 000 kr (2030)");
    expect(features.codeLenses(samples.ctx("file:///ws/felles/satser.hfa"))).toEqual([]);
  });
});

describe("inlay hints", () => {
  it("shows the amount after each `à` flow, which the schedule after it qualifies (no «kr/år per år»)", () => {
    const spec = load({ [URI]: SPEC_EXAMPLE });
    const hints = features.inlayHints(spec.ctx(URI), { start: 0, end: SPEC_EXAMPLE.length });
    expect(hints.map((h) => h.label)).toEqual(["= 360 000 kr", "= 170 000 kr", "= 170 000 kr", "= 520 000 kr"]);
    // The line as the editor shows it: the hint, then the text's own "per år".
    const at = offsetOf(SPEC_EXAMPLE, "80 døgn à Barselsdøgn", "80 døgn à Barselsdøgn".length);
    const shown = `${SPEC_EXAMPLE.slice(offsetOf(SPEC_EXAMPLE, "80 døgn à Barselsdøgn"), at)} ${hints[3]!.label}${SPEC_EXAMPLE.slice(at, SPEC_EXAMPLE.indexOf("\n", at))}`;
    expect(shown).toMatch(/^80 døgn à Barselsdøgn = 520 000 kr per år\b/);
    for (const hint of hints) expect(hint.label).not.toMatch(/\/år|per år/);
    const saving = hints[3]!;
    expect(saving.position).toEqual(positionAt(SPEC_EXAMPLE, offsetOf(SPEC_EXAMPLE, "80 døgn à Barselsdøgn", "80 døgn à Barselsdøgn".length)));
    expect(saving.paddingLeft).toBe(true);
    expect(saving.tooltip).toBe("520 000 kr per år (2026–2030)");
    // Only within the range asked for.
    const from = offsetOf(SPEC_EXAMPLE, "besparelse HMR 80");
    expect(features.inlayHints(spec.ctx(URI), { start: from, end: from + 60 }).map((h) => h.label)).toEqual(["= 520 000 kr"]);
    expect(features.inlayHints(spec.ctx(URI, "en"), { start: from, end: from + 60 })[0]!.label).toBe("= NOK 520,000");
  });
});

describe("balance data", () => {
  it("gives the agreement's balance per party and in total, from the analysis", () => {
    const spec = load({ [URI]: SPEC_EXAMPLE });
    const data = features.balance(spec.ctx(URI), offsetOf(SPEC_EXAMPLE, "innsats Averøy"))!;
    expect(data).toMatchObject({ uri: URI, agreement: "JordmorNordmøre", title: "Kombinerte jordmorstillinger på Nordmøre", firstYear: 2025, horizon: 2030, locale: "nb" });
    expect(data.parties.map((p) => [p.party, p.side])).toEqual([
      ["HMR", "spesialist"],
      ["Kristiansund", "kommunal"],
      ["Averøy", "kommunal"],
    ]);
    const hmr = data.parties[0]!;
    expect(hmr.totals).toEqual({ input: 2_310_000, grant: 900_000, saving: 3_600_000, transferIn: 0, transferOut: 300_000, net: 990_000 });
    expect(hmr.atHorizon).toBe(990_000);
    expect(hmr.breakEven).toBe(2027);
    expect(hmr.rows.map((r) => r.year)).toEqual([2025, 2026, 2027, 2028, 2029, 2030]);
    expect(hmr.rows[0]).toEqual({ year: 2025, input: 510_000, grant: 300_000, saving: 0, transferIn: 0, transferOut: 0, net: -510_000, cumulative: -510_000, continuation: false });
    const averoy = data.parties[2]!;
    expect(averoy.atHorizon).toBe(30_000);
    expect(averoy.breakEven).toBe(2030);
    expect(data.total.atHorizon).toBe(1_250_000);
    expect(data.total.breakEven).toBe(2028);
    expect(data.total.side).toBeUndefined();
    // Outside the agreement: the file's only agreement.
    expect(features.balance(spec.ctx(URI), 0)!.agreement).toBe("JordmorNordmøre");
    expect(features.balance(spec.ctx(URI, "en"), 0)!.locale).toBe("en");
  });

  it("gives null where there is no agreement or no balance", () => {
    const samples = loadSamples();
    expect(features.balance(samples.ctx("file:///ws/felles/satser.hfa"), 0)).toBeNull();
    const uri = "file:///ws/uten-periode.hfa";
    const noPeriod = loadSamples({ [uri]: `avtale A "a" {\n  helsefellesskap MøreRomsdal\n}\n` });
    expect(features.balance(noPeriod.ctx(uri), 5)).toBeNull();
  });
});
