/**
 * "HFA: Ny avtale": the workspace's helsefellesskap and parties are found in
 * the samples, and the template writes `<…>` placeholders wherever the author
 * decides, so that untouched it fails the check (HFA011).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { agreementSnippet, equalShares, mergeDeclarations, partyChoices, scanDeclarations } from "../../client/src/newAgreement/template.js";
import { Workspace } from "../../server/src/analysis/index.js";
import { expandSnippet } from "../helpers/snippets.js";
import { ROOT } from "./screenshots.js";

const felles = join(ROOT, "samples", "felles");
const files = readdirSync(felles).filter((f) => f.endsWith(".hfa"));
const declarations = mergeDeclarations(files.map((f) => scanDeclarations(readFileSync(join(felles, f), "utf8"), `file:///ws/felles/${f}`)));

const expand = expandSnippet;

describe("new agreement template", () => {
  it("finds the helsefellesskap of the samples with their helseforetak, sykehus and kommuner", () => {
    expect(declarations.communities.map((c) => c.id)).toEqual(["StOlav", "MøreRomsdal", "NordreTrøndelag"]);
    const mr = declarations.communities.find((c) => c.id === "MøreRomsdal")!;
    expect(mr.trusts.map((t) => t.id)).toEqual(["HMR"]);
    expect(mr.trusts[0]!.hospitals.map((h) => `${h.id}:${h.kind}`)).toEqual(["ÅSH:stort-akuttsykehus", "MSH:akuttsykehus", "KSU:akuttsykehus", "VSH:akuttsykehus"]);
    expect(mr.municipalities.map((m) => m.id)).toContain("Kristiansund");
    expect(mr.municipalities.find((m) => m.id === "Averøy")?.name).toBe("Averøy kommune");
    expect(partyChoices(mr)[0]).toEqual({ id: "HMR", name: "Helse Møre og Romsdal HF", side: "spesialist" });
    expect(declarations.schemes.map((s) => s.id)).toEqual(["RST"]);
    expect(declarations.schemes[0]!.communities).toEqual(["MøreRomsdal", "StOlav", "NordreTrøndelag"]);
  });

  it("ignores comments and strings that look like declarations, and survives half-written files", () => {
    const scanned = scanDeclarations(`// helsefellesskap X "x" { kommune Y "y" }
/* helsefellesskap Z "z" { } */
helsefellesskap A "A \\"quoted\\" {" {
  kommune B "B kommune" nr "1"
  helseforetak C "C HF" {
    sykehus D "D sykehus" akuttsykehus
`);
    expect(scanned.communities).toEqual([
      { id: "A", name: 'A "quoted" {', uri: "", trusts: [{ id: "C", name: "C HF", hospitals: [{ id: "D", name: "D sykehus", kind: "akuttsykehus" }] }], municipalities: [{ id: "B", name: "B kommune" }] },
    ]);
  });

  it("splits shares to exactly 100 %", () => {
    expect(equalShares(2)).toEqual(["50", "50"]);
    expect(equalShares(3)).toEqual(["33,33", "33,33", "33,34"]);
    expect(equalShares(4)).toEqual(["25", "25", "25", "25"]);
  });

  it("writes the chosen helsefellesskap and parties, and a placeholder for everything the author decides", () => {
    const mr = declarations.communities.find((c) => c.id === "MøreRomsdal")!;
    const snippet = agreementSnippet({ community: mr, parties: ["HMR", "Kristiansund", "Averøy"], schemes: declarations.schemes, locale: "nb" });
    expect(snippet).toContain("helsefellesskap MøreRomsdal");
    expect(snippet).toContain("parter HMR, Kristiansund, Averøy");
    expect(snippet).toContain("sykehus ${");
    expect(snippet).toMatch(/tilskudd RST \$\{\d+:<beløp>\} kr per år til HMR \$\{\d+:<andel>\} %, Kristiansund \$\{\d+:<andel>\} %, Averøy \$\{\d+:<andel>\} %/);
    const text = expand(snippet);
    expect(text).toContain("periode <første-år> til <siste-år>");
    expect(text).toContain("innsats HMR <beløp> kr per år til <horisont>");
    expect(text).toContain("behandling Kristiansund <organ> <dato> planlagt");
    // No made-up figures: the only digits are in the names the workspace declares.
    expect(text.replace(/<[^<>\n]*>/g, "")).not.toMatch(/\d/);
  });

  it("untouched, fails the check with HFA011 (placeholders not filled in)", () => {
    const mr = declarations.communities.find((c) => c.id === "MøreRomsdal")!;
    const text = expand(agreementSnippet({ community: mr, parties: ["HMR", "Kristiansund", "Averøy"], schemes: declarations.schemes, locale: "nb" }));
    const workspace = new Workspace({ locale: "nb" });
    for (const f of files) workspace.setFile(`file:///ws/felles/${f}`, readFileSync(join(felles, f), "utf8"));
    workspace.setFile("file:///ws/ny.hfa", text);
    const diagnostics = workspace.analyze().diagnostics.get("file:///ws/ny.hfa") ?? [];
    expect(diagnostics.filter((d) => d.code === "HFA011").length).toBeGreaterThan(0);
    expect(diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toContain("HFA011");
  });

  it("has placeholders for everything when the workspace declares no helsefellesskap", () => {
    const text = expand(agreementSnippet({ parties: [], schemes: [], locale: "en" }));
    expect(text).toContain("helsefellesskap <helsefellesskap>");
    expect(text).toContain("parter <helseforetak>, <kommune>");
    expect(text).toContain("innsats <kommune> <amount> kr per år til <horizon>");
  });
});
