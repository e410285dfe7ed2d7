import { describe, expect, it } from "vitest";
import type { FeatureContext } from "../../server/src/lsp/features/api.js";
import { features } from "../../server/src/lsp/features/index.js";
import { load, loadSamples, sampleFiles } from "./helpers.js";

/** Calls every feature at `offset`; any exception fails the test (helpers set featureDebug.rethrow). */
function everyFeature(ctx: FeatureContext, offset: number): void {
  features.completion(ctx, offset);
  features.hover(ctx, offset);
  features.definition(ctx, offset);
  features.references(ctx, offset, true);
  features.documentHighlight(ctx, offset);
  features.prepareRename(ctx, offset);
  const renamed = features.rename(ctx, offset, "NyttNavn");
  expect(renamed).toBeTypeOf("object");
  features.selectionRanges(ctx, [offset]);
  features.balance(ctx, offset);
  features.inlayHints(ctx, { start: offset, end: offset + 200 });
}

function wholeFile(ctx: FeatureContext): void {
  features.documentSymbols(ctx);
  features.foldingRanges(ctx);
  const tokens = features.semanticTokens(ctx);
  expect(tokens.data.length % 5).toBe(0);
  features.codeLenses(ctx);
  features.workspaceSymbols(ctx.analysis, ctx.workspace, "a");
}

const BROKEN = `// Et ødelagt dokument
helsefellesskap Brudd "Brudd {
  helseforetak BHF "B HF" {
    sykehus S "s" akutt
  kommune K "k" nr
}
sats X "x" 1.200.000 kr per
tilskudd T "t" { ramme 20 25 kr fordeling { Brudd 50 % , } }
avtale A "a" {
  helsefellesskap Brudd
  parter BHF, K,, Ukjent
  periode 2027 til 2025
  status vedtat
  formål samhandling "kort
  tiltak T "t" { formål , stilling "s" 0,5 årsverk: BHF 50 %, K
  innsats BHF 3 døgn à X per år fra
  tilskudd T 10 kr per år til BHF 100 %, "x"
  besparelse K 1 årsverk * 5 kr i
  balanse { horisont 20 overføring BHF til K 5 kr per år "y" begrunnelse
  behandling K styre 12.03.2025 avvist
  indikator "i" fra 1 % til
  personelleffekt personelldrivende
  /* uavsluttet kommentar
avtale B "b" { } } } {
`;

describe("robustness", () => {
  it("every feature returns without throwing at every offset of a sample file", () => {
    const samples = loadSamples();
    const uri = "file:///ws/avtaler/jordmor-sore-sunnmore.hfa";
    const ctx = samples.ctx(uri);
    const length = ctx.file.text.length;
    for (let offset = -2; offset <= length + 2; offset++) everyFeature(ctx, offset);
    wholeFile(ctx);
    for (const odd of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e12, -1e12, 0.5]) everyFeature(ctx, odd);
  });

  it("every feature returns without throwing at every offset of a broken file", () => {
    const uri = "file:///ws/brutt.hfa";
    for (const text of [BROKEN, BROKEN.slice(0, BROKEN.length / 2), "", "{", "}", '"', "avtale", "// bare kommentar", "\u00e5\u0301 \uD83D\uDE00 \uD800"]) {
      const loaded = loadSamples({ [uri]: text });
      const ctx = loaded.ctx(uri);
      for (let offset = -1; offset <= text.length + 1; offset++) everyFeature(ctx, offset);
      wholeFile(ctx);
      expect(features.rename(ctx, 0, "")).toBeTypeOf("object");
    }
  });

  it("every feature survives every prefix of a sample (a document being typed)", () => {
    const text = sampleFiles("avtaler")["file:///ws/avtaler/fact-innherred.hfa"]!;
    const uri = "file:///ws/avtaler/fact-innherred.hfa";
    const loaded = loadSamples();
    for (let end = 0; end <= text.length; end += 37) {
      loaded.workspace.setFile(uri, text.slice(0, end));
      const ctx = loaded.ctx(uri);
      everyFeature(ctx, end);
      everyFeature(ctx, Math.max(0, end - 5));
      wholeFile(ctx);
    }
  });

  it("copes with an analysis that is older than the file's text", () => {
    const uri = "file:///ws/a.hfa";
    const loaded = load({ [uri]: `avtale A "a" {\n  periode 2025 til 2027\n}\n` });
    const stale = loaded.workspace.analyze();
    const file = loaded.workspace.setFile(uri, "");
    const ctx: FeatureContext = { workspace: loaded.workspace, analysis: stale, file, locale: "nb", docsBaseUri: "file:///nowhere/" };
    for (let offset = -1; offset <= 40; offset++) everyFeature(ctx, offset);
    wholeFile(ctx);
  });
});

// Speed is measured in `npm run bench` (bench/lsp.mjs: completion and hover p50/p95 against 16 ms),
// never in a timed unit test. Here: the same typing session answers at every position.
describe("a workspace of 1 000 agreements", () => {
  it("completion and hover answer after every keystroke", () => {
    const files = sampleFiles("felles");
    const template = sampleFiles("avtaler")["file:///ws/avtaler/jordmor-sore-sunnmore.hfa"]!;
    for (let i = 0; i < 1000; i++) {
      files[`file:///ws/avtaler/a${i}.hfa`] = template.replace("avtale JordmorSøreSunnmøre", `avtale Jordmor${i}`).replace(/tilskudd RST 900 000/, "tilskudd RST 1 000");
    }
    const loaded = load(files);
    const uri = "file:///ws/avtaler/a500.hfa";
    const text = loaded.text(uri);
    const positions = [
      text.indexOf("parter HMR") + 7,
      text.indexOf("innsats Volda") + 8,
      text.indexOf("à Jordmorårsverk") + 2,
      text.indexOf("tilskudd RST") + 9,
    ];
    for (const offset of positions) expect(offset, "the template still has the clause").toBeGreaterThan(10);
    for (let round = 0; round < 3; round++) {
      loaded.workspace.setFile(uri, text + `\n// endring ${round}\n`);
      const ctx = loaded.ctx(uri);
      for (const offset of positions) {
        expect(features.completion(ctx, offset).length, `completion at ${offset}`).toBeGreaterThan(0);
      }
      expect(features.hover(ctx, text.indexOf("avtale Jordmor500") + 8), "hover on the agreement (its balance)").toBeDefined();
    }
  });
});
