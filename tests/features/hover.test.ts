import type { Hover, MarkupContent } from "vscode-languageserver";
import { describe, expect, it } from "vitest";
import { features } from "../../server/src/lsp/features/index.js";
import { load, loadSamples, offsetOf, SPEC_EXAMPLE } from "./helpers.js";

const SPEC_URI = "file:///spec/avtale.hfa";

function text(hover: Hover | null): string {
  expect(hover).not.toBeNull();
  return (hover!.contents as MarkupContent).value;
}

describe("hover", () => {
  const spec = load({ [SPEC_URI]: SPEC_EXAMPLE });
  const ctx = spec.ctx(SPEC_URI);

  it("on an agreement's name shows its balance table with the figures of spec §1", () => {
    const value = text(features.hover(ctx, offsetOf(SPEC_EXAMPLE, "avtale JordmorNordmøre", 10)));
    expect(value).toContain("**avtale** `JordmorNordmøre` — «Kombinerte jordmorstillinger på Nordmøre»");
    expect(value).toContain("| part | egen innsats | besparelse | overføringer | kumulert netto 2030 | i balanse fra |");
    expect(value).toContain("| HMR | 2 310 000 | 3 600 000 | −300 000 | +990 000 | 2027 |");
    expect(value).toContain("| Kristiansund | 1 020 000 | 1 250 000 | 0 | +230 000 | 2028 |");
    expect(value).toContain("| Averøy | 1 020 000 | 750 000 | +300 000 | +30 000 | 2030 |");
    expect(value).toContain("| **samlet** | 4 350 000 | 5 600 000 | 0 | +1 250 000 | 2028 |");
    expect(value).toContain("HMR 900 000, Kristiansund 450 000, Averøy 450 000");
    const range = features.hover(ctx, offsetOf(SPEC_EXAMPLE, "avtale JordmorNordmøre", 10))!.range!;
    expect(range.end.character - range.start.character).toBe("JordmorNordmøre".length);
  });

  it("in English uses English headings and number formatting", () => {
    const en = spec.ctx(SPEC_URI, "en");
    const value = text(features.hover(en, offsetOf(SPEC_EXAMPLE, "avtale JordmorNordmøre", 10)));
    expect(value).toContain("| party | own input | savings | transfers | cumulative net by 2030 | breaks even |");
    expect(value).toContain("| HMR | 2,310,000 | 3,600,000 | −300,000 | +990,000 | 2027 |");
    expect(value).toContain("| **total** | 4,350,000 | 5,600,000 | 0 | +1,250,000 | 2028 |");
  });

  it("on a built-in purpose shows the official wording W1 and its source", () => {
    const value = text(features.hover(ctx, offsetOf(SPEC_EXAMPLE, "formål samhandling", 9)));
    expect(value).toContain("**formål** `samhandling`");
    expect(value).toContain(
      "«Det nasjonale rekrutterings- og samhandlingstilskuddet skal understøtte tjenesteutvikling og gode pasientforløp gjennom å styrke samhandlingen mellom spesialisthelsetjenesten og den kommunale helse- og omsorgstjenesten.»",
    );
    expect(value).toContain("Kilde: Meld. St. 9 (2023–2024) Nasjonal helse- og samhandlingsplan 2024–2027, kap. 4");
    // In a measure's purpose list as well.
    expect(text(features.hover(ctx, offsetOf(SPEC_EXAMPLE, "formål samhandling, rekruttering", 25)))).toContain("W2");
  });

  it("on a national group shows its wording and source", () => {
    const value = text(features.hover(ctx, offsetOf(SPEC_EXAMPLE, "svangerskap-fødsel-barsel", 3)));
    expect(value).toContain("nasjonal prioritert gruppe");
    expect(value).toContain("kvinner gjennom svangerskap, fødsel og barseltid");
    expect(value).toContain("Prioriterte pasientgrupper");
  });

  it("on a name shows its declaration: kind, title, container and file", () => {
    const value = text(features.hover(ctx, offsetOf(SPEC_EXAMPLE, "parter HMR, Kristiansund", 14)));
    expect(value).toContain("**kommune** `Kristiansund` — «Kristiansund kommune»");
    expect(value).toContain("kommune i Helsefellesskapet i Møre og Romsdal, nr 1505");
    expect(value).toContain("*avtale.hfa*");
    const hospital = text(features.hover(ctx, offsetOf(SPEC_EXAMPLE, "sykehus KSU\n", 9)));
    expect(hospital).toContain("**sykehus** `KSU` — «Kristiansund sykehus»");
    expect(hospital).toContain("Helse Møre og Romsdal HF (HMR)");
    expect(hospital).toContain("akuttsykehus – et av de minste sykehusene");
    const rate = text(features.hover(ctx, offsetOf(SPEC_EXAMPLE, "à Barselsdøgn", 4)));
    expect(rate).toContain("6 500 kr per døgn");
    expect(rate).toContain("Kilde: Helse Møre og Romsdal HF, internregnskap 2024");
    const scheme = text(features.hover(ctx, offsetOf(SPEC_EXAMPLE, "tilskudd RST 600", 10)));
    expect(scheme).toContain("16 200 000 kr");
    expect(scheme).toContain("MøreRomsdal 33 %");
    const trust = text(features.hover(ctx, offsetOf(SPEC_EXAMPLE, "innsats HMR", 9)));
    expect(trust).toContain("helseforetak i Helsefellesskapet i Møre og Romsdal");
    // On the declaration itself too.
    expect(text(features.hover(ctx, offsetOf(SPEC_EXAMPLE, "kommune Averøy", 9)))).toContain("nr 1554");
  });

  it("names the file a declaration is in, across files", () => {
    const samples = loadSamples();
    const uri = "file:///ws/avtaler/jordmor-sore-sunnmore.hfa";
    const source = samples.text(uri);
    const value = text(features.hover(samples.ctx(uri), offsetOf(source, "parter HMR, Volda", 13)));
    expect(value).toContain("kommune i Helsefellesskapet i Møre og Romsdal, nr 1577");
    expect(value).toContain("*helsefellesskap-more-og-romsdal.hfa*");
  });

  it("on a flow's value or schedule shows kroner per year and the years", () => {
    const value = text(features.hover(ctx, offsetOf(SPEC_EXAMPLE, "0,4 årsverk à 900 000", 16)));
    expect(value).toContain("**Innsats** HMR: 360 000 kr per år (2025–2030)");
    expect(value).toContain("6 år, i alt 2 160 000 kr");
    const saving = text(features.hover(ctx, offsetOf(SPEC_EXAMPLE, "80 døgn à Barselsdøgn per år fra 2026", 28)));
    expect(saving).toContain("520 000 kr per år (2026–2030)");
    const once = text(features.hover(ctx, offsetOf(SPEC_EXAMPLE, "150 000 kr i 2025", 2)));
    expect(once).toContain("150 000 kr (2025)");
    const grant = text(features.hover(ctx, offsetOf(SPEC_EXAMPLE, "600 000 kr per år til HMR", 1)));
    expect(grant).toContain("600 000 kr per år (2025–2027)");
    expect(grant).toContain("HMR 50 % = 300 000 kr");
    const transfer = text(features.hover(ctx, offsetOf(SPEC_EXAMPLE, "60 000 kr per år fra 2026 \"Utjevning", 3)));
    expect(transfer).toContain("**Overføring** HMR → Averøy: 60 000 kr per år (2026–2030)");
  });

  it("on a code in an hfa-ignore comment shows the rule's title, what it checks and a link", () => {
    const uri = "file:///ws/avtaler/unntak.hfa";
    const source = `// hfa-ignore HFA604, HFA603: Oppfølging avtales i delavtalen\navtale Unntak "Unntak" {\n  periode 2025 til 2027\n}\n`;
    const samples = loadSamples({ [uri]: source });
    const c = samples.ctx(uri);
    const value = text(features.hover(c, offsetOf(source, "HFA604", 2)));
    expect(value).toContain("**HFA604**: Indikator for oppfølging mangler");
    expect(value).toContain("Regelen slår til når avtalen ikke har noen `indikator`.");
    expect(value).toMatch(/\[Les mer om HFA604\]\(file:\/\/.*\/docs\/rules\/HFA604\.md\)/);
    expect(text(features.hover(c, offsetOf(source, "HFA603", 1)))).toContain("HFA603");
    const en = text(features.hover(samples.ctx(uri, "en"), offsetOf(source, "HFA604", 2)));
    expect(en).toContain("**HFA604**: No indicator for follow-up");
    expect(en).toContain("HFA604 reports an agreement with no `indikator`.");
    // Not in the reason, nor in an ordinary comment.
    expect(features.hover(c, offsetOf(source, "Oppfølging", 2))).toBeNull();
  });

  it("in English describes names in English", () => {
    const en = spec.ctx(SPEC_URI, "en");
    expect(text(features.hover(en, offsetOf(SPEC_EXAMPLE, "parter HMR, Kristiansund", 14)))).toContain("municipality in Helsefellesskapet i Møre og Romsdal, nr 1505");
    expect(text(features.hover(en, offsetOf(SPEC_EXAMPLE, "formål samhandling", 9)))).toContain("Official wording W1");
  });

  it("says when a name is unknown, and gives nothing on plain punctuation or strings", () => {
    const uri = "file:///ws/avtaler/ukjent.hfa";
    const source = `avtale U "u" {\n  helsefellesskap MøreRomsdal\n  parter HMR, Ukjentby\n}\n`;
    const c = loadSamples({ [uri]: source }).ctx(uri);
    expect(text(features.hover(c, offsetOf(source, "Ukjentby", 2)))).toContain("Ukjent navn `Ukjentby`");
    expect(features.hover(c, offsetOf(source, '"u"', 1))).toBeNull();
    expect(features.hover(c, offsetOf(source, "{", 0))).toBeNull();
  });
});
