/**
 * The report's data and text formats: the figures come from the checker's
 * own Balance (never a second computation) and equal the table under spec
 * §1 to the krone; JSON is valid against docs/report.schema.json; the
 * Markdown and HTML carry the same figures with no-break spaces; --part and
 * --helsefellesskap; every sample renders in every format.
 */
import Ajv from "ajv";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildOverviewModel, forParty, layoutReport, renderReport, REPORT_FORMATS } from "../../server/src/report/index.js";
import { renderHtml } from "../../server/src/report/render/html.js";
import { renderJson } from "../../server/src/report/render/json.js";
import { renderMarkdown } from "../../server/src/report/render/markdown.js";
import { check } from "../helpers/workspace.js";
import { missingSpecFigures, REPORT_DATE, reportOf, SAMPLES, samplesChecked, SPEC_TABLE, specChecked, specReport } from "./helpers.js";

const schema = JSON.parse(readFileSync(new URL("../../docs/report.schema.json", import.meta.url), "utf8")) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe("ReportModel of the spec §1 example", () => {
  const checked = specChecked();
  const model = reportOf(checked, "JordmorNordmøre");

  it("takes every figure from the checker's Balance", () => {
    const balance = checked.analysis.agreements[0]!.money.balance!;
    for (const [i, party] of balance.parties.entries()) {
      const reported = model.balance!.parties[i]!;
      expect(reported.party).toBe(party.party);
      expect(reported.rows.map((r) => [r.year, r.input, r.grant, r.saving, r.transferIn, r.transferOut, r.net, r.cumulative])).toEqual(
        party.rows.map((r) => [r.year, r.input, r.grant, r.saving, r.transferIn, r.transferOut, r.net, r.cumulative]),
      );
      expect(reported.atHorizon).toBe(party.atHorizon);
      expect(reported.breakEven).toBe(party.breakEven);
    }
    expect(model.balance!.total.atHorizon).toBe(balance.total.atHorizon);
  });

  it("equals the table under spec §1 to the krone", () => {
    const byParty = new Map(model.balance!.parties.map((p) => [p.party, p]));
    const expected: Record<string, [number, number, number, number, number]> = {
      HMR: [2_310_000, 3_600_000, -300_000, 990_000, 2027],
      Kristiansund: [1_020_000, 1_250_000, 0, 230_000, 2028],
      Averøy: [1_020_000, 750_000, 300_000, 30_000, 2030],
    };
    for (const [party, [input, saving, transfers, net, breakEven]] of Object.entries(expected)) {
      const p = byParty.get(party)!;
      expect([p.totals.input, p.totals.saving, p.totals.transferIn - p.totals.transferOut, p.atHorizon, p.breakEven]).toEqual([input, saving, transfers, net, breakEven]);
    }
    const t = model.balance!.total;
    expect([t.totals.input, t.totals.saving, t.atHorizon, t.breakEven]).toEqual([4_350_000, 5_600_000, 1_250_000, 2028]);
    expect(t.rows.map((r) => r.cumulative)).toEqual([-850_000, -430_000, -10_000, 410_000, 830_000, 1_250_000]);
    // The grant: 600 000 kr a year, HMR 900 000, Kristiansund 450 000, Averøy 450 000 over the period.
    expect(model.balance!.parties.map((p) => p.grantInPeriod)).toEqual([900_000, 450_000, 450_000]);
    expect(t.inputInPeriod).toBe(2_250_000);
    expect(t.grantInPeriod).toBe(1_800_000);
  });

  it("names the parties officially, with municipality numbers, and the community", () => {
    expect(model.parties.map((p) => [p.name, p.number ?? null, p.kind])).toEqual([
      ["Helse Møre og Romsdal HF", null, "helseforetak"],
      ["Kristiansund kommune", "1505", "kommune"],
      ["Averøy kommune", "1554", "kommune"],
    ]);
    expect(model.community?.name).toBe("Helsefellesskapet i Møre og Romsdal");
    expect(model.agreement.status).toBe("til behandling");
    expect(model.period).toEqual({ from: 2025, to: 2027 });
  });

  it("gives purposes with justification and official wording, target groups, hospital, texts and decisions", () => {
    expect(model.purposes.map((p) => [p.id, p.wording.id])).toEqual([["samhandling", "W1"], ["rekruttering", "W2"]]);
    expect(model.purposes[0]!.justification).toMatch(/^Jordmødre i kombinerte stillinger følger kvinnen fra svangerskapskontroll/);
    expect(model.purposes[0]!.wording.source).toMatch(/Meld\. St\. 9/);
    expect(model.targetGroups).toEqual([expect.objectContaining({ id: "svangerskap-fødsel-barsel", national: true, name: "kvinner gjennom svangerskap, fødsel og barseltid" })]);
    expect(model.hospital).toEqual(expect.objectContaining({ name: "Kristiansund sykehus", smallest: true, healthTrust: "Helse Møre og Romsdal HF" }));
    expect(model.texts.continuation).toBe("Stillingene finansieres i partenes ordinære budsjetter fra 2028.");
    expect(model.texts.personnelEffect).toEqual({ value: "nøytral", text: "Stillingene finnes i dag som deltidsstillinger; tiltaket gjør dem hele." });
    expect(model.texts.indicators).toEqual([{ text: "Andel gravide som møter samme jordmor gjennom hele forløpet", from: "20 %", to: "60 %", by: 2027 }]);
    expect(model.decisions.map((d) => [d.party, d.body, d.date, d.outcome, d.latest])).toEqual([
      ["HMR", "styret", "2025-03-12", "planlagt", true],
      ["Kristiansund", "bystyret", "2025-04-01", "planlagt", true],
      ["Averøy", "kommunestyret", "2025-04-03", "planlagt", true],
    ]);
    expect(model.measures[0]!.positions.map((p) => p.title)).toEqual(["Jordmor Kristiansund", "Jordmor Averøy"]);
  });

  it("gives the frame per year: share, what all agreements draw, this agreement's part", () => {
    expect(model.frames).toHaveLength(1);
    const [y2025] = model.frames[0]!.years;
    expect(y2025).toEqual({ year: 2025, frame: 16_200_000, sharePercent: 33, share: 5_346_000, drawnByAll: 600_000, thisAgreement: 600_000, left: 4_746_000, agreements: 1 });
  });

  it("continuation years are marked, and their own input is the continuation cost", () => {
    const hmr = model.balance!.parties[0]!;
    expect(hmr.rows.filter((r) => r.continuation).map((r) => r.year)).toEqual([2028, 2029, 2030]);
    expect(hmr.continuationCost).toBe(3 * 360_000);
  });

  it("is valid against docs/report.schema.json, and the schema rejects a broken model", () => {
    const json = JSON.parse(readFileSync(new URL("../../docs/report.schema.json", import.meta.url), "utf8")) as object;
    expect(json).toBeTruthy();
    const data = JSON.parse(renderJson(model)) as unknown;
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    const broken = JSON.parse(JSON.stringify(data)) as { balance: { total: { atHorizon: unknown } } };
    broken.balance.total.atHorizon = "1 250 000";
    expect(validate(broken)).toBe(false);
  });
});

describe("Markdown and HTML of the spec §1 example", () => {
  const model = specReport();

  it("Markdown shows every figure of the §1 table, with no-break spaces in amounts", () => {
    const md = renderMarkdown(layoutReport(model));
    expect(missingSpecFigures(md.replace(/[|*#]/g, " "))).toEqual([]);
    expect(md).toContain("| Helse Møre og Romsdal HF | 2\u00a0310\u00a0000 |");
    expect(md).not.toMatch(/\d \d{3}\b/); // no plain space inside an amount
    expect(md).toContain("# Samarbeidsavtale om kombinerte jordmorstillinger på Nordmøre");
  });

  it("HTML is self-contained: no script, no remote resource, print CSS for A4", () => {
    const html = renderHtml(layoutReport(model));
    expect(missingSpecFigures(html.replace(/<[^>]+>/g, " "))).toEqual([]);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain("@page { size: A4");
    expect(html).toMatch(/<svg [^>]*role="img"/);
    expect(html).toContain('<html lang="nb">');
  });

  it("an agreement with errors gets the banner «Utkast – avtalen har N feil»", () => {
    const checked = specChecked();
    const broken = { ...checked.files };
    const uri = Object.keys(broken).find((u) => u.endsWith("spec-example.hfa"))!;
    const text = broken[uri]!.replace("parter HMR, Kristiansund, Averøy", "parter HMR, Kristiansund, Averøy, Ukjent");
    checked.workspace.setFile(uri, text);
    const analysis = checked.workspace.analyze();
    const again = { ...checked, analysis };
    const model = reportOf(again, "JordmorNordmøre");
    expect(model.control.errors).toBeGreaterThan(0);
    const md = renderMarkdown(layoutReport(model));
    expect(md).toContain(`Utkast – avtalen har ${model.control.errors} feil`);
    expect(model.control.findings.some((f) => f.code === "HFA101" && f.rule.length > 0 && f.rule !== "HFA101")).toBe(true);
  });

  it("a clean agreement gets no banner", () => {
    const md = renderMarkdown(layoutReport(specReport()));
    const errors = specReport().control.errors;
    if (errors === 0) expect(md).not.toContain("Utkast – avtalen har");
    else expect(md).toContain(`Utkast – avtalen har ${errors} feil`);
  });

  it("English on request", () => {
    const md = renderMarkdown(layoutReport(specReport("en")));
    expect(md).toContain("Own input");
    expect(md).toContain("2,310,000");
    expect(md).not.toContain("Egen innsats");
  });
});

describe("--part and --helsefellesskap", () => {
  it("--part gives one party's figures, its decision and the whole agreement's summary", () => {
    const model = forParty(specReport(), "Kristiansund")!;
    expect(model.part).toBe("Kristiansund");
    expect(forParty(specReport(), "1505")?.part).toBe("Kristiansund");
    expect(forParty(specReport(), "Molde")).toBeUndefined();
    const md = renderMarkdown(layoutReport(model));
    expect(md).toContain("Utdrag for Kristiansund kommune");
    expect(md).toContain("| 2030 (videreføring) | 170\u00a0000 | 0 | 250\u00a0000 | 0 | +80\u00a0000 | +230\u00a0000 |");
    expect(md).toContain("| Kristiansund kommune | bystyret | 2025-04-01 | planlagt |");
    expect(md).not.toContain("| Averøy kommune | kommunestyret");
    expect(md).toContain("Hele avtalen i sammendrag");
    expect(md).toContain("+1\u00a0250\u00a0000");
  });

  it("--helsefellesskap lists every agreement against the frame, with the split and the smallest hospitals' share", () => {
    const checked = samplesChecked();
    const overview = buildOverviewModel(checked.analysis, "MøreRomsdal", { meta: { date: REPORT_DATE, hfaVersion: "0.1.0", locale: "nb" }, fileLabel: (u) => u })!;
    expect(overview.community.name).toMatch(/Møre og Romsdal/);
    const own = checked.analysis.agreements.filter((a) => a.resolved.community?.name.text === "MøreRomsdal");
    expect(overview.agreements.map((a) => a.id).sort()).toEqual(own.map((a) => a.node.name.text).sort());
    const frame = overview.frames[0]!;
    for (const year of frame.years) {
      // What all agreements draw equals the sum of their grants that year, from the checker's grants.
      const drawn = own.flatMap((a) => a.money.grants).reduce((sum, g) => sum + (g.years.get(year.year) ?? 0), 0);
      expect(year.drawn).toBeCloseTo(drawn, 6);
      expect(year.left).toBeCloseTo(year.share - drawn, 6);
      expect(year.toHealthTrusts + year.toMunicipalities).toBeCloseTo(drawn, 6);
      expect(year.toSmallest).toBeLessThanOrEqual(drawn + 1e-6);
    }
    expect(buildOverviewModel(checked.analysis, "Finnes", { meta: { date: REPORT_DATE, hfaVersion: "0.1.0", locale: "nb" }, fileLabel: (u) => u })).toBeUndefined();
  });
});

describe("agreements with errors still get their report", () => {
  const feil = readdirSync(join(SAMPLES, "feil")).filter((n) => n.endsWith(".hfa")).sort();
  for (const name of feil) {
    it(`samples/feil/${name}: every format renders, with the banner when it has errors`, async () => {
      const files: Record<string, string> = {};
      for (const shared of readdirSync(join(SAMPLES, "felles"))) files[`file:///samples/felles/${shared}`] = readFileSync(join(SAMPLES, "felles", shared), "utf8");
      files[`file:///samples/feil/${name}`] = readFileSync(join(SAMPLES, "feil", name), "utf8");
      const checked = check(files);
      const agreements = checked.analysis.agreements.filter((a) => a.uri.endsWith(name));
      for (const agreement of agreements) {
        const model = reportOf(checked, agreement.node.name.text);
        expect(validate(JSON.parse(JSON.stringify(model))), JSON.stringify(validate.errors)).toBe(true);
        const md = String(await renderReport(model, "md"));
        if (model.control.errors > 0) expect(md).toContain(`Utkast – avtalen har ${model.control.errors} feil`);
        for (const format of REPORT_FORMATS) expect((await renderReport(model, format)).length).toBeGreaterThan(500);
      }
    }, 60_000);
  }

  it("an agreement without a valid period says the balance cannot be computed", async () => {
    const checked = specChecked();
    const uri = Object.keys(checked.files)[0]!;
    checked.workspace.setFile(uri, checked.files[uri]!.replace("periode 2025 til 2027", "periode 2027 til 2025"));
    const model = reportOf({ ...checked, analysis: checked.workspace.analyze() }, "JordmorNordmøre");
    expect(model.balance).toBeUndefined();
    const md = String(await renderReport(model, "md"));
    expect(md).toContain("Balansen kan ikke regnes ut før avtalen har en gyldig periode");
    expect(md).toMatch(/Utkast – avtalen har \d+ feil/);
    expect((await renderReport(model, "pdf")).length).toBeGreaterThan(1000);
  });

  it("text from the file is escaped in HTML and Markdown", async () => {
    const checked = specChecked();
    const uri = Object.keys(checked.files)[0]!;
    checked.workspace.setFile(uri, checked.files[uri]!.replace("Stillingene finansieres i partenes ordinære budsjetter fra 2028.", "<script>alert(1)</script> | **fet** # [lenke](http://x)"));
    const model = reportOf({ ...checked, analysis: checked.workspace.analyze() }, "JordmorNordmøre");
    const html = String(await renderReport(model, "html"));
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    const md = String(await renderReport(model, "md"));
    expect(md).toContain("\\<script\\>alert(1)\\</script\\> \\| \\*\\*fet\\*\\* \\# \\[lenke\\](http://x)");
  });
});

describe("every sample, every format", () => {
  const checked = samplesChecked();
  for (const agreement of checked.analysis.agreements) {
    it(`${agreement.node.name.text}: ${REPORT_FORMATS.join(", ")}`, async () => {
      const model = reportOf(checked, agreement.node.name.text);
      expect(validate(JSON.parse(JSON.stringify(model)))).toBe(true);
      for (const format of REPORT_FORMATS) {
        const out = await renderReport(model, format);
        expect(out.length, format).toBeGreaterThan(1000);
      }
      // The figures of the report are the checker's: the total at the horizon, as the HFA404 message states it.
      const total = agreement.money.balance!.total.atHorizon;
      expect(model.balance!.total.atHorizon).toBe(total);
    }, 60_000);
  }
});

it("the figure check fails when one krone of the §1 table is off", () => {
  const md = renderMarkdown(layoutReport(specReport())).replace(/[|*#]/g, " ");
  expect(missingSpecFigures(md)).toEqual([]);
  expect(missingSpecFigures(md.replaceAll("+990\u00a0000", "+990\u00a0001"))).not.toEqual([]);
  expect(missingSpecFigures(md.replace("−130\u00a0000", "−130\u00a0001"))).toEqual(["Averøy cumulative −130 000"]);
  expect(SPEC_TABLE.map((row) => row.atHorizon)).toEqual(["+990 000", "+230 000", "+30 000", "+1 250 000"]);
});
