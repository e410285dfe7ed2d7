/**
 * The workspace's incremental analysis (server/src/analysis/workspace.ts): an
 * edit re-analyses what it touched and nothing else, and every result equals
 * a fresh workspace's of the same texts — including where results point into
 * other files (a declaration that moved, the stale HFA702 offset the fuzz
 * test once found).
 */
import { describe, expect, it } from "vitest";
import { Workspace, type WorkspaceAnalysis } from "../server/src/analysis/index.js";
import { LayeredMap } from "../server/src/analysis/layeredMap.js";
import { readSamples } from "./helpers/samples.js";

const felles = readSamples("felles");
const avtaler = readSamples("avtaler");
const SCHEME_URI = "file:///samples/felles/tilskudd-hmn.hfa";
const [FIRST, SECOND, ...REST] = Object.keys(avtaler) as [string, string, ...string[]];

/** What an analysis says, by value: diagnostics, references with where their targets are, agreements in order. */
function data(analysis: WorkspaceAnalysis): unknown {
  return {
    diagnostics: [...analysis.diagnostics],
    references: [...analysis.references].map(([uri, refs]) => [
      uri,
      [...refs].map((r) => [r.name.text, r.name.start, r.target && "uri" in r.target ? [r.target.uri, r.target.name.start, r.target.name.end] : r.target]),
    ]),
    agreements: analysis.agreements.map((a) => [a.uri, a.node.start, a.money.grants.map((g) => [g.scheme.uri, g.scheme.name.start])]),
    suppressions: [...analysis.suppressions].map(([uri, list]) => [uri, list.length]),
  };
}

function fresh(files: Record<string, string>): WorkspaceAnalysis {
  const ws = new Workspace();
  for (const [uri, text] of Object.entries(files)) ws.setFile(uri, text);
  return ws.analyze();
}

function workspaceOf(files: Record<string, string>): Workspace {
  const ws = new Workspace();
  for (const [uri, text] of Object.entries(files)) ws.setFile(uri, text);
  ws.analyze();
  return ws;
}

/** Inserts a comment line at the start of the agreement's body (above everything after it in the file). */
function typeInto(text: string, comment: string): string {
  const at = text.indexOf("{") + 1;
  return `${text.slice(0, at)}\n  // ${comment}${text.slice(at)}`;
}

const analysisOf = (analysis: WorkspaceAnalysis, uri: string) => analysis.agreements.filter((a) => a.uri === uri);

describe("incremental workspace analysis", () => {
  it("a keystroke in one agreement keeps every other file's analyses and diagnostics as the same objects", () => {
    const files = { ...felles, ...avtaler };
    const ws = workspaceOf(files);
    const before = ws.analyze();
    files[FIRST] = typeInto(files[FIRST]!, "endret");
    ws.setFile(FIRST, files[FIRST]!);
    const after = ws.analyze();
    expect(data(after)).toEqual(data(fresh(files)));
    for (const uri of [SECOND, ...REST]) {
      expect(analysisOf(after, uri)).toEqual(analysisOf(before, uri));
      analysisOf(after, uri).forEach((a, i) => expect(a).toBe(analysisOf(before, uri)[i]));
      expect(after.diagnostics.get(uri)).toBe(before.diagnostics.get(uri));
    }
    expect(analysisOf(after, FIRST)[0]).not.toBe(analysisOf(before, FIRST)[0]);
    // The same files in the same order as a fresh workspace's.
    expect([...after.diagnostics.keys()]).toEqual([...fresh(files).diagnostics.keys()]);
  });

  it("a keystroke above a shared declaration later in the same file does not re-analyse the agreements that do not use it", () => {
    const files = { ...felles, ...avtaler };
    files[FIRST] = `${files[FIRST]}\nsats Ubrukt "En sats ingen avtale bruker" 1 000 kr per døgn\n  kilde "Eksempel"\n`;
    const ws = workspaceOf(files);
    const before = ws.analyze();
    for (let step = 0; step < 3; step++) {
      files[FIRST] = typeInto(files[FIRST]!, `endret ${step}`);
      ws.setFile(FIRST, files[FIRST]!);
      const after = ws.analyze();
      expect(data(after)).toEqual(data(fresh(files)));
      for (const uri of [SECOND, ...REST]) analysisOf(after, uri).forEach((a, i) => expect(a).toBe(analysisOf(before, uri)[i]));
      expect(after.diagnostics.get(SECOND)).toBe(before.diagnostics.get(SECOND));
    }
  });

  it("an agreement that points at a declaration that moved is re-analysed: its reference and its HFA702 point where the declaration is now", () => {
    const files: Record<string, string> = { ...felles, ...avtaler };
    // The scheme after the first agreement, in its file; the second agreement also uses a rate declared there.
    files[FIRST] = `${files[FIRST]}\n${files[SCHEME_URI]!.replace(/ramme 2027[^\n]*\n/, "")}\nsats Egen "Egen sats" 1 000 kr per døgn\n  kilde "Eksempel"\n`;
    delete files[SCHEME_URI];
    files[SECOND] = files[SECOND]!.replace(/ à [A-ZÆØÅa-zæøå]+/, " à Egen");
    const ws = workspaceOf(files);
    const before = ws.analyze();
    const frameless = (analysis: WorkspaceAnalysis) => [...analysis.diagnostics.values()].flat().filter((d) => d.code === "HFA702");
    expect(frameless(before).length).toBeGreaterThan(0);
    for (let step = 0; step < 3; step++) {
      files[FIRST] = typeInto(files[FIRST]!, `endret ${step}`);
      ws.setFile(FIRST, files[FIRST]!);
      const after = ws.analyze();
      const expected = fresh(files);
      expect(data(after)).toEqual(data(expected));
      expect(frameless(after).map((d) => d.related)).toEqual(frameless(expected).map((d) => d.related));
      const egen = [...after.references.get(SECOND)!].find((r) => r.name.text === "Egen")!;
      expect(egen.target && "uri" in egen.target ? [egen.target.uri, egen.target.name.start] : undefined).toEqual([FIRST, files[FIRST]!.indexOf("sats Egen") + "sats ".length]);
    }
  });

  it("a grant raised over the frame and lowered again updates the other agreements' HFA701, without visiting them", () => {
    const files: Record<string, string> = { ...felles, ...avtaler };
    const ws = workspaceOf(files);
    const original = files[FIRST]!;
    const overFrame = (analysis: WorkspaceAnalysis) => [...analysis.diagnostics].filter(([, list]) => list.some((d) => d.code === "HFA701")).map(([uri]) => uri);
    expect(overFrame(ws.analyze())).toEqual([]);
    for (const text of [original.replace(/tilskudd RST [\d ]+kr per år/, "tilskudd RST 90 000 000 kr per år"), original]) {
      files[FIRST] = text;
      ws.setFile(FIRST, text);
      const after = ws.analyze();
      expect(data(after)).toEqual(data(fresh(files)));
      if (text !== original) expect(overFrame(after).filter((uri) => uri !== FIRST).length).toBeGreaterThan(0);
      else expect(overFrame(after)).toEqual([]);
    }
  });

  it("typing an agreement's name re-analyses only the agreements that asked for that name (HFA103) and updates duplicates (HFA102)", () => {
    const files: Record<string, string> = { ...felles, ...avtaler };
    // The second agreement names a party «Nyavtale»: unknown until an agreement is called so (then HFA103: it is an agreement).
    files[SECOND] = files[SECOND]!.replace(/^(\s*innsats )(\S+)/m, "$1Nyavtale");
    const secondName = /^avtale (\S+)/m.exec(files[SECOND]!)![1]!;
    const ws = workspaceOf(files);
    const before = ws.analyze();
    expect(before.diagnostics.get(SECOND)!.some((d) => d.code === "HFA101" && d.message.includes("Nyavtale"))).toBe(true);
    const codesOf = (analysis: WorkspaceAnalysis, uri: string) => analysis.diagnostics.get(uri)!.map((d) => d.code);
    for (const name of ["N", "Ny", "Nyavtale", secondName, "Nyavtale2"]) {
      files[FIRST] = files[FIRST]!.replace(/^avtale \S+/m, `avtale ${name}`);
      ws.setFile(FIRST, files[FIRST]!);
      const after = ws.analyze();
      expect(data(after)).toEqual(data(fresh(files)));
      for (const uri of REST) analysisOf(after, uri).forEach((a, i) => expect(a).toBe(analysisOf(before, uri)[i]));
      if (name === "Nyavtale") expect(codesOf(after, SECOND)).toContain("HFA103");
      if (name === secondName) expect(codesOf(after, FIRST)).toContain("HFA102");
    }
  });

  it("a change to a shared declaration, a new file and a removed file give what a fresh workspace gives", () => {
    const files: Record<string, string> = { ...felles, ...avtaler };
    const ws = workspaceOf(files);
    const steps: (() => void)[] = [
      () => (files[SCHEME_URI] = files[SCHEME_URI]!.replace("ramme 2026 16,2", "ramme 2026 1,2")),
      () => (files["file:///samples/avtaler/ny.hfa"] = files[SECOND]!.replace(/^avtale (\S+)/m, "avtale Ny")),
      () => (files[FIRST] = typeInto(files[FIRST]!, "endret")),
      () => delete files[SECOND],
      () => (files["file:///samples/avtaler/ny.hfa"] = files["file:///samples/avtaler/ny.hfa"]!.replace(/^avtale Ny/m, "avtale Ny2")),
    ];
    for (const step of steps) {
      const had = new Set(Object.keys(files));
      step();
      for (const uri of had) if (!(uri in files)) ws.removeFile(uri);
      for (const [uri, text] of Object.entries(files)) ws.setFile(uri, text);
      expect(data(ws.analyze())).toEqual(data(fresh(files)));
    }
  });
});

describe("LayeredMap", () => {
  it("iterates like a map built afresh: changed values in place, new keys at the end", () => {
    const base = new Map([["a", 1], ["b", 2], ["c", 3]]);
    const one = LayeredMap.over(base, new Map([["b", 20], ["d", 4]]));
    const two = LayeredMap.over(one, new Map([["a", 10], ["d", 40]]));
    expect([...two]).toEqual([["a", 10], ["b", 20], ["c", 3], ["d", 40]]);
    expect([...two.keys()]).toEqual(["a", "b", "c", "d"]);
    expect([...two.values()]).toEqual([10, 20, 3, 40]);
    expect(two.size).toBe(4);
    expect(two.get("c")).toBe(3);
    expect(two.has("d")).toBe(true);
    expect(two.has("e")).toBe(false);
    expect([...one]).toEqual([["a", 1], ["b", 20], ["c", 3], ["d", 4]]);
    expect(LayeredMap.over(two, new Map())).toBe(two);
  });

  it("names the keys that may have changed since an earlier map of the same line, and knows when it cannot", () => {
    const base = new Map([["a", 1], ["b", 2], ["c", 3]]);
    const one = LayeredMap.over(base, new Map([["b", 20]]));
    const two = LayeredMap.over(one, new Map([["c", 30]]));
    expect([...LayeredMap.changedKeys(base, one)!]).toEqual(["b"]);
    expect([...LayeredMap.changedKeys(one, two)!].sort()).toEqual(["b", "c"]);
    expect([...LayeredMap.changedKeys(two, two)!]).toEqual([]);
    expect(LayeredMap.changedKeys(new Map(base), two)).toBeUndefined();
    expect(LayeredMap.changedKeys(two, new Map(two))).toBeUndefined();
  });

  it("flattens into a plain map once the changes pile up", () => {
    let map: ReadonlyMap<number, number> = new Map([[0, 0]]);
    for (let i = 1; i <= LayeredMap.MAX_CHANGES + 1; i++) map = LayeredMap.over(map, new Map([[i, i]]));
    expect(map).toBeInstanceOf(Map);
    expect([...map.keys()]).toEqual([...Array(LayeredMap.MAX_CHANGES + 2).keys()]);
  });
});
