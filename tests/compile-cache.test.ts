/**
 * bin/hfa.js loads the CLI bundle with V8's code cache (issue 12): a start-up
 * saving that must change nothing the user sees. `hfa check --format json`
 * over samples/ and a generated workspace gives byte-identical output, stderr
 * and exit status with the cache off (a plain `require`, as before), on the
 * run that writes the cache and on the run that reads it; the cache is
 * written under the temp folder (TMPDIR), never in the checked repository;
 * a corrupt cache file is ignored. The language server (dist/server.js, which
 * loads dist/server-main.js and dist/server-core.js the same way) answers initialize and publishes the
 * same diagnostics with the cache off, writing it and reading it.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
// @ts-expect-error: the benchmark's generator is plain JavaScript without types
import { generateWorkspace } from "../bench/generate.mjs";
import { TestClient } from "./lsp/client.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin", "hfa.js");
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
const temp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};

function hfa(args: readonly string[], cwd: string, env: Record<string, string>) {
  const childEnv: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined, HFA_NO_COMPILE_CACHE: undefined, ...env };
  for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: childEnv as NodeJS.ProcessEnv, maxBuffer: 256 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const cacheFiles = (tmp: string) =>
  readdirSync(tmp)
    .filter((name) => name.startsWith("hfa-compile-cache"))
    .flatMap((folder) => readdirSync(join(tmp, folder)).map((file) => join(tmp, folder, file)));

function generatedWorkspace(): string {
  const dir = temp("hfa-cache-ws-");
  for (const file of generateWorkspace(30).files as { path: string; text: string }[]) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.text);
  }
  return dir;
}

describe("the CLI's compile cache changes nothing but the start-up time", () => {
  for (const [name, target] of [
    ["samples/", () => join(ROOT, "samples")],
    ["a generated workspace of 30 agreements", generatedWorkspace],
  ] as const) {
    test(`hfa check --format json over ${name}: identical without the cache, writing it and reading it`, () => {
      const dir = target();
      const tmp = temp("hfa-cache-tmp-");
      const args = ["check", dir, "--format", "json"];
      const plain = hfa(args, dir, { HFA_NO_COMPILE_CACHE: "1", TMPDIR: tmp });
      expect(cacheFiles(tmp)).toEqual([]);
      expect(plain.stdout.length).toBeGreaterThan(100);
      expect(() => JSON.parse(plain.stdout)).not.toThrow();

      const writing = hfa(args, dir, { TMPDIR: tmp });
      const written = cacheFiles(tmp).sort();
      expect(written).toHaveLength(1);
      // Under the temp folder, never in the checked workspace.
      expect(written[0]!.startsWith(tmp)).toBe(true);
      expect(readdirSync(dir).some((name) => name.includes("cache"))).toBe(false);
      const writtenAt = statSync(written[0]!).mtimeMs;

      const reading = hfa(args, dir, { TMPDIR: tmp });
      // Accepted by V8, so not rewritten: the warm run really ran from the cache.
      expect(statSync(written[0]!).mtimeMs).toBe(writtenAt);
      for (const run of [writing, reading]) {
        expect(run.stdout).toBe(plain.stdout);
        expect(run.stderr).toBe(plain.stderr);
        expect(run.code).toBe(plain.code);
      }
    });
  }

  test("a corrupt cache file is ignored and replaced", () => {
    const tmp = temp("hfa-cache-tmp-");
    const dir = join(ROOT, "samples");
    const args = ["check", dir, "--format", "json"];
    const plain = hfa(args, dir, { HFA_NO_COMPILE_CACHE: "1", TMPDIR: tmp });
    hfa(args, dir, { TMPDIR: tmp });
    const [file] = cacheFiles(tmp);
    writeFileSync(file!, "not a V8 code cache");
    const run = hfa(args, dir, { TMPDIR: tmp });
    expect(run.stdout).toBe(plain.stdout);
    expect(run.code).toBe(plain.code);
    expect(statSync(file!).size).toBeGreaterThan(1000);
  });
});

describe("the language server's compile cache changes nothing but the start-up time", () => {
  test("initialize result and a sample's diagnostics are identical without the cache, writing it and reading it", async () => {
    const tmp = temp("hfa-cache-tmp-");
    const saved = { TMPDIR: process.env.TMPDIR, HFA_NO_COMPILE_CACHE: process.env.HFA_NO_COMPILE_CACHE };
    const samples = join(ROOT, "samples");
    const file = join(samples, "avtaler", "eldreteam-romsdal.hfa");
    const uri = pathToFileURL(file).href;
    const session = async () => {
      const { client, initializeResult } = await TestClient.start(samples);
      client.open(uri, readFileSync(file, "utf8"));
      const diagnostics = await client.waitForDiagnostics(uri);
      await client.stop();
      return JSON.stringify({ initializeResult, diagnostics });
    };
    try {
      process.env.TMPDIR = tmp;
      process.env.HFA_NO_COMPILE_CACHE = "1";
      const plain = await session();
      expect(cacheFiles(tmp)).toEqual([]);
      delete process.env.HFA_NO_COMPILE_CACHE;
      const writing = await session();
      const written = cacheFiles(tmp).sort();
      // Both bundles: dist/server-main.js (answers initialize) and dist/server-core.js (loaded after it).
      expect(written.map((f) => f.slice(tmp.length))).toEqual([expect.stringMatching(/server-core\.js-[0-9a-f]+\.v8cache$/), expect.stringMatching(/server-main\.js-[0-9a-f]+\.v8cache$/)]);
      const writtenAt = written.map((f) => statSync(f).mtimeMs);
      const reading = await session();
      expect(written.map((f) => statSync(f).mtimeMs)).toEqual(writtenAt);
      expect(writing).toBe(plain);
      expect(reading).toBe(plain);
      expect(plain).toContain("HFA");
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  }, 60_000);
});
