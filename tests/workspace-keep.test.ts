// `keep: "diagnostics"` (what `hfa check` in the text formats asks for): the same
// diagnostics as the default workspace, only without quick fixes, and nothing else kept.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";
// @ts-expect-error: the benchmark's generator is plain JavaScript without types
import { generateWorkspace } from "../bench/generate.mjs";
import { Workspace, type Diagnostic, type WorkspaceAnalysis } from "../server/src/analysis/index.js";

interface TextFile {
  readonly path: string;
  readonly text: string;
}

function hfaFiles(dir: string, root = dir): TextFile[] {
  const out: TextFile[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...hfaFiles(path, root));
    else if (name.endsWith(".hfa") || name === "hfa.json") out.push({ path: relative(root, path), text: readFileSync(path, "utf8") });
  }
  return out;
}

function analysed(files: readonly TextFile[], keep: "everything" | "diagnostics" | undefined, locale?: "nb" | "en"): { workspace: Workspace; analysis: WorkspaceAnalysis } {
  const workspace = new Workspace(keep === undefined ? { locale } : { locale, keep });
  for (const file of files) {
    if (file.path.endsWith("hfa.json")) workspace.setConfig(`file:///ws/${file.path}`, file.text);
    else workspace.setFile(`file:///ws/${file.path}`, file.text);
  }
  return { workspace, analysis: workspace.analyze() };
}

const withoutFixes = (list: readonly Diagnostic[]) => list.map(({ fixes: _fixes, ...rest }) => rest);
const countFixes = (analysis: WorkspaceAnalysis) => [...analysis.diagnostics.values()].flat().filter((d) => d.fixes !== undefined).length;

const workspaces: [string, TextFile[]][] = [
  ["samples/", hfaFiles(join(__dirname, "..", "samples"))],
  ["60 generated agreements", (generateWorkspace(60).files as TextFile[]).map((f) => ({ path: f.path, text: f.text }))],
];

describe('Workspace keep: "diagnostics"', () => {
  for (const [name, files] of workspaces) {
    for (const locale of ["nb", "en"] as const) {
      test(`${name} (${locale}): every file's diagnostics as the default workspace's, without their quick fixes`, () => {
        const everything = analysed(files, undefined, locale).analysis;
        const lean = analysed(files, "diagnostics", locale).analysis;
        // The near miss: the default keeps the fixes (so the comparison below is not of two empty lists).
        expect(countFixes(everything)).toBeGreaterThan(0);
        expect(countFixes(lean)).toBe(0);
        expect([...lean.diagnostics.keys()]).toEqual([...everything.diagnostics.keys()]);
        for (const [uri, list] of everything.diagnostics) expect(lean.diagnostics.get(uri), uri).toEqual(withoutFixes(list));
        expect(lean.locale).toBe(everything.locale);
        // Nothing else is kept: no agreement analyses, no agreement's references.
        expect(everything.agreements.length).toBeGreaterThan(0);
        expect(lean.agreements).toEqual([]);
        const agreementReferences = (analysis: WorkspaceAnalysis) => [...analysis.references.values()].reduce((sum, list) => sum + [...list].length, 0);
        expect(agreementReferences(everything)).toBeGreaterThan(agreementReferences(lean));
      });
    }
  }

  test("a later run starts over and gives what a fresh workspace gives", () => {
    const files = workspaces[1]![1];
    const { workspace } = analysed(files, "diagnostics");
    const edited = files.find((f) => f.path.startsWith("avtaler/"))!;
    const uri = `file:///ws/${edited.path}`;
    const text = `${edited.text}\n§ ikke gyldig\n`;
    workspace.setFile(uri, text);
    const again = workspace.analyze();
    const fresh = analysed(
      files.map((f) => (f === edited ? { path: f.path, text } : f)),
      undefined,
    ).analysis;
    expect(again.diagnostics.get(uri)).toEqual(withoutFixes(fresh.diagnostics.get(uri)!));
    expect(again.diagnostics.get(uri)).not.toEqual(analysed(files, "diagnostics").analysis.diagnostics.get(uri));
    for (const [key, list] of fresh.diagnostics) expect(again.diagnostics.get(key), key).toEqual(withoutFixes(list));
  });
});
