/**
 * One workspace (spec §7–§8): which files a workspace holds is one pure rule
 * (server/src/workspace/selection.ts), walked by the CLI and by the language
 * server's indexer. Tested on the rule itself, and end to end: samples/ with
 * a `dist/` copy of the agreements inside, checked by the built CLI and by
 * the built server over JSON-RPC, must give the same diagnostics — with and
 * without `exclude`.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import type { Diagnostic } from "vscode-languageserver-protocol";
import type { JsonDiagnostic } from "../server/src/cli/output/json.js";
import { holdsFile, workspaceSelection } from "../server/src/workspace/selection.js";
import { TestClient } from "./lsp/client.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "dist", "cli.js");
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function hfa(args: readonly string[], cwd: string, input?: string) {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env, input });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the file selection rule", () => {
  test("node_modules and dot-folders always; exclude globs relative to the root; dist/ is an ordinary folder", () => {
    const plain = workspaceSelection([]);
    expect(holdsFile(plain, "avtaler/a.hfa")).toBe(true);
    expect(holdsFile(plain, "dist/avtaler/a.hfa")).toBe(true);
    expect(holdsFile(plain, "out/a.hfa")).toBe(true);
    expect(holdsFile(plain, "node_modules/x/a.hfa")).toBe(false);
    expect(holdsFile(plain, "avtaler/node_modules/a.hfa")).toBe(false);
    expect(holdsFile(plain, ".git/a.hfa")).toBe(false);
    expect(holdsFile(plain, "avtaler/.utkast/a.hfa")).toBe(false);
    expect(holdsFile(plain, "avtaler/a.txt")).toBe(false);

    const excluding = workspaceSelection(["arkiv/**", "./dist/", "avtaler/*.gammel.hfa"]);
    expect(excluding.includesFolder("arkiv")).toBe(false);
    expect(holdsFile(excluding, "arkiv/2020/a.hfa")).toBe(false);
    expect(holdsFile(excluding, "dist/a.hfa")).toBe(false);
    expect(holdsFile(excluding, "avtaler/x.gammel.hfa")).toBe(false);
    // Near misses: globs are relative to the root, not matched at any depth.
    expect(holdsFile(excluding, "avtaler/arkiv/a.hfa")).toBe(true);
    expect(holdsFile(excluding, "avtaler/sub/x.gammel.hfa")).toBe(true);
    expect(holdsFile(excluding, "avtaler/x.hfa")).toBe(true);
  });
});

/** samples/ with hfa.json and a dist/ copy of felles and avtaler. */
function samplesWithDist(config: string): string {
  const dir = mkdtempSync(join(tmpdir(), "hfa-ws-"));
  temps.push(dir);
  for (const folder of ["felles", "avtaler", "feil"]) cpSync(join(ROOT, "samples", folder), join(dir, folder), { recursive: true });
  mkdirSync(join(dir, "dist"));
  cpSync(join(ROOT, "samples", "felles"), join(dir, "dist", "felles"), { recursive: true });
  cpSync(join(ROOT, "samples", "avtaler"), join(dir, "dist", "avtaler"), { recursive: true });
  mkdirSync(join(dir, "node_modules", "pakke"), { recursive: true });
  writeFileSync(join(dir, "node_modules", "pakke", "skjult.hfa"), "ikke en avtale");
  writeFileSync(join(dir, "hfa.json"), config);
  return dir;
}

/** `file:line:col-endLine:endCol CODE`, sorted: what both tools must agree on. */
function cliKeys(dir: string): string[] {
  const run = hfa(["check", "--format", "json"], dir);
  expect(run.code, run.stderr).toBeLessThan(2);
  const list = JSON.parse(run.stdout) as JsonDiagnostic[];
  return list
    .filter((d) => d.suppressed === undefined)
    .map((d) => `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.code}`)
    .sort();
}

async function serverKeys(dir: string): Promise<string[]> {
  const { client } = await TestClient.start(dir);
  try {
    // Indexing ends with one publication for every file; wait for the last file of the walk, then for quiet.
    await client.waitForDiagnostics(pathToFileURL(join(dir, "feil", "vedtatt-uten-vedtak.hfa")).href, (d) => d.length > 0, 30_000);
    let count = -1;
    while (count !== client.published.length) {
      count = client.published.length;
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    const keys: string[] = [];
    for (const [uri, list] of client.diagnostics) {
      const file = relative(dir, fileURLToPath(uri)).split("\\").join("/");
      for (const d of list as Diagnostic[]) {
        keys.push(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${String(d.code)}`);
      }
    }
    return keys.sort();
  } finally {
    await client.stop();
  }
}

describe("editor and CLI see the same workspace", () => {
  test("samples/ with a dist/ copy: the same diagnostics from both, and dist/ counts (spec §7 names only node_modules and hidden folders)", async () => {
    const dir = samplesWithDist("{}\n");
    const cli = cliKeys(dir);
    expect(cli.some((key) => key.startsWith("dist/") && key.endsWith(" HFA102"))).toBe(true);
    expect(cli.some((key) => key.startsWith("node_modules/"))).toBe(false);
    expect(await serverKeys(dir)).toEqual(cli);
  }, 60_000);

  test('with "exclude": ["dist/**"] both leave the copy out, and agree again', async () => {
    const dir = samplesWithDist('{ "exclude": ["dist/**"] }\n');
    const cli = cliKeys(dir);
    expect(cli.some((key) => key.startsWith("dist/"))).toBe(false);
    expect(cli.some((key) => key.endsWith(" HFA102"))).toBe(false);
    expect(cli.some((key) => key.startsWith("feil/"))).toBe(true);
    expect(await serverKeys(dir)).toEqual(cli);
  }, 60_000);
});

describe("the server follows a changed exclude", () => {
  test("adding dist/** to hfa.json removes the copy's files from the workspace (no more HFA102 in avtaler/)", async () => {
    const dir = samplesWithDist("{}\n");
    const { client } = await TestClient.start(dir);
    try {
      const agreement = pathToFileURL(join(dir, "avtaler", "fact-innherred.hfa")).href;
      const twin = pathToFileURL(join(dir, "dist", "avtaler", "fact-innherred.hfa")).href;
      await client.waitForDiagnostics(agreement, (d) => d.some((x) => x.code === "HFA102"), 30_000);
      await client.waitForDiagnostics(twin, (d) => d.some((x) => x.code === "HFA102"), 30_000);
      writeFileSync(join(dir, "hfa.json"), '{ "exclude": ["dist/**"] }\n');
      client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: pathToFileURL(join(dir, "hfa.json")).href, type: 2 }] });
      await client.waitForDiagnostics(agreement, (d) => !d.some((x) => x.code === "HFA102"), 30_000);
      // A watched-file event for a file the selection leaves out is ignored.
      writeFileSync(join(dir, "dist", "ny.hfa"), "avtale Ny {\n");
      client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: pathToFileURL(join(dir, "dist", "ny.hfa")).href, type: 1 }] });
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(client.diagnostics.get(pathToFileURL(join(dir, "dist", "ny.hfa")).href) ?? []).toEqual([]);
    } finally {
      await client.stop();
    }
  }, 90_000);
});

describe("the CLI's workspace", () => {
  test("one file given: the shared declarations and the other agreements are loaded; only that file is reported", () => {
    const dir = samplesWithDist('{ "exclude": ["dist/**"] }\n');
    const one = hfa(["check", "avtaler/fact-innherred.hfa", "--format", "json"], dir);
    expect(one.code, one.stderr).toBe(0);
    const list = JSON.parse(one.stdout) as JsonDiagnostic[];
    expect(list.filter((d) => d.code === "HFA101")).toEqual([]);
    expect(new Set(list.map((d) => d.file))).toEqual(new Set(["avtaler/fact-innherred.hfa"]));
    // From a subfolder, the root is still found above the path.
    const inside = hfa(["check", "fact-innherred.hfa", "--format", "json"], join(dir, "avtaler"));
    expect(inside.code, inside.stderr).toBe(0);
    expect((JSON.parse(inside.stdout) as JsonDiagnostic[]).map((d) => d.file)).toEqual(list.map(() => "fact-innherred.hfa"));
    // The frame (HFA701) is summed over the whole workspace: an agreement that overruns it is reported even when checked alone.
    const frame = hfa(["check", "feil/ramme-overskredet.hfa", "--format", "json"], dir);
    expect((JSON.parse(frame.stdout) as JsonDiagnostic[]).map((d) => d.code)).toContain("HFA701");
  });

  test("a folder given inside the workspace is walked with exclude; a file given by name is taken as given", () => {
    const dir = samplesWithDist('{ "exclude": ["dist/**"] }\n');
    const excluded = hfa(["check", "dist"], dir);
    expect(excluded.code).toBe(2);
    expect(excluded.stderr).toBe("hfa: fant ingen .hfa-filer i «dist» (utenom det «exclude» i hfa.json utelater). Oppgi en fil eller en mappe med avtaler.\n");
    // Named, it is checked (against the workspace, where its twin in avtaler/ declares the same names).
    const named = hfa(["check", "dist/avtaler/fact-innherred.hfa", "--format", "json"], dir);
    const namedList = JSON.parse(named.stdout) as JsonDiagnostic[];
    expect(namedList.length).toBeGreaterThan(0);
    expect(new Set(namedList.map((d) => d.file))).toEqual(new Set(["dist/avtaler/fact-innherred.hfa"]));
    expect(namedList.map((d) => d.code)).toContain("HFA102");
  });

  test("paths without .hfa files are exit 2 with a message, in every format", () => {
    const dir = mkdtempSync(join(tmpdir(), "hfa-empty-"));
    temps.push(dir);
    mkdirSync(join(dir, "tom"));
    writeFileSync(join(dir, "tom", "notat.txt"), "ingen avtale");
    for (const format of ["text", "json", "sarif", "github", "gitlab"]) {
      const run = hfa(["check", "--format", format, "tom"], dir);
      expect(run.code, format).toBe(2);
      expect(run.stdout, format).toBe("");
      expect(run.stderr).toContain("hfa: fant ingen .hfa-filer i «tom»");
    }
    expect(hfa(["check", "--locale", "en", "tom"], dir).stderr).toContain('hfa: found no .hfa files in "tom"');
  });

  test("--stdin --stdin-filename: the text replaces the file on disk, inside the workspace", () => {
    const dir = samplesWithDist('{ "exclude": ["dist/**"] }\n');
    const broken = "avtale Ny \"Ny avtale\" {\n  parter HNT, Ukjentby\n}\n";
    const run = hfa(["check", "--stdin", "--stdin-filename", "avtaler/ny.hfa", "--format", "json"], dir, broken);
    expect(run.code).toBe(1);
    const list = JSON.parse(run.stdout) as JsonDiagnostic[];
    expect(new Set(list.map((d) => d.file))).toEqual(new Set(["avtaler/ny.hfa"]));
    expect(list.some((d) => d.code === "HFA101")).toBe(true);
    // HNT comes from felles/: the workspace is loaded around the name given.
    const unknown = list.filter((d) => d.code === "HFA101").map((d) => d.column);
    expect(unknown).toHaveLength(1);
    // A file that exists: stdin wins over the disk (an editor's unsaved buffer).
    const clean = hfa(["check", "--stdin", "--stdin-filename", "avtaler/fact-innherred.hfa", "--format", "json"], dir, broken.replace("Ny", "Annen"));
    expect((JSON.parse(clean.stdout) as JsonDiagnostic[]).some((d) => d.code === "HFA101")).toBe(true);

    const missing = hfa(["check", "--stdin"], dir, "");
    expect(missing.code).toBe(2);
    expect(missing.stderr.split("\n")[0]).toBe("hfa: --stdin trenger --stdin-filename FIL: navnet bestemmer arbeidsområdet og står i meldingene.");
    expect(hfa(["check", "--stdin", "--stdin-filename", "a.hfa", "avtaler"], dir, "").code).toBe(2);
  });
});
