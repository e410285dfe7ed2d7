/**
 * `hfa check --cache` (issue 12): the cached run gives byte-identical
 * stdout, stderr and exit status to a run without the cache — on the run
 * that writes it, on a re-run, and after every kind of change: one agreement
 * edited (reused per file), one with a grant edited (frames, HFA701/702), a
 * shared declaration edited, a file added or removed, a duplicate agreement
 * name (HFA102 across files), a new name that an unresolved reference now
 * finds (HFA103), hfa.json and --locale changed; a corrupt, foreign or
 * misplaced cache is ignored and replaced. The built bundle runs as a child
 * process; HFA_DEBUG_CACHE=1 makes it say (one stderr line, stripped before
 * the comparison) whether it replayed, reused per file or analysed everything,
 * so each test also proves which path it took.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
// @ts-expect-error: the benchmark's generator is plain JavaScript without types
import { generateWorkspace } from "../bench/generate.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "dist", "cli.js");
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The CLI as a child process; asynchronous, so a long test never blocks the test runner's own messages. */
function hfa(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  const childEnv: Record<string, string | undefined> = { ...process.env, HFA_DEBUG: undefined, HFA_DEBUG_CACHE: undefined, FORCE_COLOR: undefined, NO_COLOR: "1", ...env };
  for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: childEnv as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
  });
}

const TRACE = /^hfa: cache: (replayed|partial|full \(no valid cache\)|full \(cache not reusable\)), \d+ of \d+ files analysed\n/m;

/**
 * Runs `args` without and with `--cache` (plus `cacheArgs`), requires the same
 * exit status, stdout and stderr, and returns what the cache did.
 */
async function same(cwd: string, args: readonly string[], cacheArgs: readonly string[] = []): Promise<{ mode: string; plain: Run }> {
  const plain = await hfa(["check", ...args], cwd);
  const cached = await hfa(["check", "--cache", ...cacheArgs, ...args], cwd, { HFA_DEBUG_CACHE: "1" });
  const trace = TRACE.exec(cached.stderr);
  expect(trace, cached.stderr).not.toBeNull();
  expect(cached.code).toBe(plain.code);
  expect(cached.stdout).toBe(plain.stdout);
  expect(cached.stderr.replace(TRACE, "")).toBe(plain.stderr);
  return { mode: trace![1]!, plain };
}

/** The same in every output format; returns the modes (the first format's decides the others': they share the cache). */
async function sameInEveryFormat(cwd: string, args: readonly string[] = []): Promise<string[]> {
  const modes: string[] = [];
  for (const format of ["json", "text", "sarif", "github", "gitlab"]) modes.push((await same(cwd, ["--format", format, ...args])).mode);
  return modes;
}

let ws: string;
let plainAgreement: string;
let grantAgreement: string;
const read = (rel: string) => readFileSync(join(ws, rel), "utf8");
const write = (rel: string, text: string) => {
  mkdirSync(dirname(join(ws, rel)), { recursive: true });
  writeFileSync(join(ws, rel), text);
};

beforeAll(() => {
  expect(existsSync(CLI), "dist/cli.js is built by `npm test`'s pretest").toBe(true);
  ws = mkdtempSync(join(tmpdir(), "hfa-check-cache-"));
  temps.push(ws);
  for (const file of generateWorkspace(30, 7).files as { path: string; text: string }[]) write(file.path, file.text);
  write("hfa.json", JSON.stringify({ locale: "nb" }, null, 2) + "\n");
  const agreements = readdirSync(join(ws, "avtaler")).sort().map((name) => `avtaler/${name}`);
  plainAgreement = agreements.find((rel) => !read(rel).includes("tilskudd RST"))!;
  grantAgreement = agreements.find((rel) => read(rel).includes("tilskudd RST"))!;
  expect(plainAgreement).toBeDefined();
  expect(grantAgreement).toBeDefined();
});

// Each test spawns the CLI 10-30 times over a 35-file workspace: minutes on a loaded 2-core machine.
describe("hfa check --cache gives the output of a run without it", { timeout: 180_000 }, () => {
  test("the run that writes the cache, then a re-run that replays it (every format)", async () => {
    expect((await same(ws, ["--format", "json"])).mode).toBe("full (no valid cache)");
    expect(existsSync(join(ws, ".hfacache"))).toBe(true);
    expect((await sameInEveryFormat(ws))).toEqual(["replayed", "replayed", "replayed", "replayed", "replayed"]);
    expect((await same(ws, ["--quiet"])).mode).toBe("replayed");
    expect((await same(ws, ["--verbose"])).mode).toBe("replayed");
    const limited = await same(ws, ["--max-warnings", "0"]);
    expect(limited.mode).toBe("replayed");
    expect(limited.plain.code).toBe(1);
  });

  test("one agreement without a grant edited: only it is analysed again", async () => {
    const text = read(plainAgreement);
    // Moves everything below by a line, and adds an error (HFA101) and a warning.
    write(plainAgreement, text.replace("\n  periode ", "\n  // endret\n  parter Ukjentkommune\n  periode "));
    const { mode, plain } = await same(ws, ["--format", "json"]);
    expect(mode).toBe("partial");
    expect(plain.stdout).toContain("Ukjentkommune");
    expect((await sameInEveryFormat(ws))).toEqual(["replayed", "replayed", "replayed", "replayed", "replayed"]);
    write(plainAgreement, text);
    expect((await same(ws, ["--format", "json"])).mode).toBe("partial");
  });

  test("an agreement with a grant edited: the frames are summed again over every agreement (HFA701)", async () => {
    const text = read(grantAgreement);
    write(grantAgreement, text.replace(/tilskudd RST [\d ]+ kr/, "tilskudd RST 900 000 000 kr"));
    const { mode, plain } = await same(ws, ["--format", "json", "--verbose"]);
    expect(mode).toBe("full (cache not reusable)");
    expect(plain.stdout).toContain("HFA701");
    write(grantAgreement, text);
    expect((await same(ws, ["--format", "json"])).mode).toBe("full (cache not reusable)");
  });

  test("a shared declaration edited: every agreement is analysed again", async () => {
    const rel = "felles/satser.hfa";
    const text = read(rel);
    write(rel, `// Satsene flyttet ned en linje\n${text}`);
    expect((await same(ws, ["--format", "json"])).mode).toBe("full (cache not reusable)");
    const cheaper = text.replace(/^(sats \S+ "[^"]*") [\d ]+ kr/m, "$1 1 kr");
    expect(cheaper).not.toBe(text);
    write(rel, cheaper);
    expect((await same(ws, ["--format", "json"])).mode).toBe("full (cache not reusable)");
    write(rel, text);
    expect((await same(ws, ["--format", "json"])).mode).toBe("full (cache not reusable)");
  });

  test("a file added and removed; a duplicate agreement name across files (HFA102)", async () => {
    const text = read(plainAgreement);
    const name = /^avtale (\S+)/m.exec(text)![1]!;
    write("avtaler/zz-ny.hfa", text.replace(`avtale ${name} `, `avtale ${name}Ny `));
    expect((await same(ws, ["--format", "json"])).mode).toBe("partial");
    // The same name twice: both files get HFA102, pointing at each other.
    write("avtaler/zz-ny.hfa", text);
    const duplicate = await same(ws, ["--format", "json"]);
    expect(duplicate.mode).toBe("full (cache not reusable)");
    expect(duplicate.plain.stdout).toContain("HFA102");
    unlinkSync(join(ws, "avtaler/zz-ny.hfa"));
    expect((await same(ws, ["--format", "json"])).mode).toBe("full (cache not reusable)");
    write("avtaler/zz-ny.hfa", text.replace(`avtale ${name} `, `avtale ${name}Ny `));
    expect((await same(ws, ["--format", "json"])).mode).toBe("partial");
    unlinkSync(join(ws, "avtaler/zz-ny.hfa"));
    expect((await same(ws, ["--format", "json"])).mode).toBe("partial");
  });

  test("a new agreement named like an unresolved reference elsewhere (HFA101 becomes HFA103)", async () => {
    const text = read(plainAgreement);
    write(plainAgreement, text.replace("\n  periode ", "\n  parter Nabovalg\n  periode "));
    expect((await same(ws, ["--format", "json"])).plain.stdout).toContain("HFA101");
    const other = readdirSync(join(ws, "avtaler"))
      .map((n) => `avtaler/${n}`)
      .find((rel) => rel !== plainAgreement && !read(rel).includes("tilskudd RST"))!;
    const otherText = read(other);
    write("avtaler/zz-nabo.hfa", otherText.replace(/^avtale \S+ /m, "avtale Nabovalg "));
    const renamed = await same(ws, ["--format", "json"]);
    expect(renamed.mode).toBe("full (cache not reusable)");
    expect(renamed.plain.stdout).toContain("HFA103");
    // The reference edited to name an unchanged agreement: the partial workspace lacks it, so all is analysed.
    unlinkSync(join(ws, "avtaler/zz-nabo.hfa"));
    await same(ws, ["--format", "json"]);
    const otherName = /^avtale (\S+)/m.exec(otherText)![1]!;
    write(plainAgreement, text.replace("\n  periode ", `\n  parter ${otherName}\n  periode `));
    const pointing = await same(ws, ["--format", "json"]);
    expect(pointing.mode).toBe("full (cache not reusable)");
    expect(pointing.plain.stdout).toContain("HFA103");
    write(plainAgreement, text);
    await same(ws, ["--format", "json"]);
  });

  test("a file with so many diagnostics that they may be capped: nothing is reused after a change", async () => {
    // 120 unknown parties: more HFA101 than one file shows (100 per code), so what it hides is unknown.
    const text = read(plainAgreement);
    const unknown = Array.from({ length: 120 }, (_, i) => `Ukjent${i}`).join(", ");
    write("avtaler/zz-mange.hfa", text.replace(/^avtale (\S+) /m, "avtale Mange ").replace("\n  periode ", `\n  parter ${unknown}\n  periode `));
    expect((await same(ws, ["--format", "json"])).plain.stdout).toContain("HFA101");
    write(plainAgreement, `${text}\n// endret\n`);
    expect((await same(ws, ["--format", "json"])).mode).toBe("full (cache not reusable)");
    unlinkSync(join(ws, "avtaler/zz-mange.hfa"));
    write(plainAgreement, text);
    await same(ws, ["--format", "json"]);
  });

  test("hfa.json and --locale are part of the key", async () => {
    await same(ws, ["--format", "json"]);
    expect((await same(ws, ["--format", "json", "--locale", "en"])).mode).toBe("full (no valid cache)");
    expect((await same(ws, ["--format", "json", "--locale", "en"])).mode).toBe("replayed");
    const config = read("hfa.json");
    write("hfa.json", JSON.stringify({ locale: "en", rules: { HFA404: "off" } }, null, 2) + "\n");
    expect((await same(ws, ["--format", "json"])).mode).toBe("full (no valid cache)");
    write("hfa.json", config);
    expect((await same(ws, ["--format", "json"])).mode).toBe("full (no valid cache)");
    // Another subset of the workspace given: its own key.
    expect((await same(ws, ["--format", "json", "avtaler"])).mode).toBe("full (no valid cache)");
  });

  test("a corrupt or foreign cache is ignored and replaced; a cache that is a link is not read", async () => {
    const cache = join(ws, ".hfacache");
    await same(ws, ["--format", "json"]);
    for (const junk of ["{ not json", JSON.stringify({ format: "hfa-check-cache/0", files: [] }), JSON.stringify([1, 2, 3]), ""]) {
      writeFileSync(cache, junk);
      expect((await same(ws, ["--format", "json"])).mode).toBe("full (no valid cache)");
      expect((await same(ws, ["--format", "json"])).mode).toBe("replayed");
    }
    // Well-formed but lying (a diagnostic without a message): refused, not replayed.
    const [header, ...dataLines] = readFileSync(cache, "utf8").split("\n");
    expect(dataLines.length).toBeGreaterThan(0); // HFA404's balance data, one JSON line each
    const document = JSON.parse(header!) as { files: { result: { diagnostics: { message?: string }[] } }[] };
    const withDiagnostic = document.files.find((file) => file.result.diagnostics.length > 0)!;
    delete withDiagnostic.result.diagnostics[0]!.message;
    writeFileSync(cache, [JSON.stringify(document), ...dataLines].join("\n"));
    expect((await same(ws, ["--format", "json"])).mode).toBe("full (no valid cache)");
    // A balance data line cut short: only --format json reads it (and then analyses everything).
    const [header2, ...lines2] = readFileSync(cache, "utf8").split("\n");
    writeFileSync(cache, [header2, lines2[0]!.slice(0, 20), ...lines2.slice(1)].join("\n"));
    expect((await same(ws, ["--format", "text"])).mode).toBe("replayed");
    expect((await same(ws, ["--format", "json"])).mode).toBe("full (no valid cache)");
    expect((await same(ws, ["--format", "json"])).mode).toBe("replayed");
    // Data lines missing altogether.
    writeFileSync(cache, header2!);
    expect((await same(ws, ["--format", "text"])).mode).toBe("full (no valid cache)");
    // A link in place of the cache (it could lead anywhere) is not followed.
    const outside = join(mkdtempSync(join(tmpdir(), "hfa-cache-outside-")), "cache");
    temps.push(dirname(outside));
    writeFileSync(outside, readFileSync(cache));
    unlinkSync(cache);
    symlinkSync(outside, cache);
    expect((await same(ws, ["--format", "json"])).mode).toBe("full (no valid cache)");
  });

  test("an unreadable or binary file is the same error with the cache (exit 2), and the cache stays usable", async () => {
    await same(ws, ["--format", "json"]);
    const text = read(plainAgreement);
    writeFileSync(join(ws, plainAgreement), Buffer.from([0x61, 0x00, 0x62]));
    const binary = await hfa(["check", "--cache", "--format", "json"], ws);
    expect(binary).toEqual(await hfa(["check", "--format", "json"], ws));
    expect(binary.code).toBe(2);
    write(plainAgreement, text);
    expect((await same(ws, ["--format", "json"])).mode).toBe("replayed");
  });

  test("a cache that cannot be written changes nothing but the next run's time", async () => {
    // A folder that does not exist (as root, a read-only folder would still be written): nothing is written, the run goes on.
    expect((await same(ws, ["--format", "json"], ["--cache-location", "nowhere/yet/cache.json"])).mode).toBe("full (no valid cache)");
    expect(existsSync(join(ws, "nowhere"))).toBe(false);
    expect((await same(ws, ["--format", "json"], ["--cache-location", "nowhere/yet/cache.json"])).mode).toBe("full (no valid cache)");
    // A folder in place of the cache file is a folder to keep it in.
    mkdirSync(join(ws, "tmp2", ".hfacache"), { recursive: true });
    expect((await same(ws, ["--format", "json"], ["--cache-location", "tmp2/.hfacache"])).mode).toBe("full (no valid cache)");
    expect(existsSync(join(ws, "tmp2", ".hfacache", ".hfacache"))).toBe(true);
  });

  test("--cache-location: a file or a folder inside the workspace; outside it is refused", async () => {
    mkdirSync(join(ws, "tmp"), { recursive: true });
    expect((await same(ws, ["--format", "json"], ["--cache-location", "tmp"])).mode).toBe("full (no valid cache)");
    expect(existsSync(join(ws, "tmp", ".hfacache"))).toBe(true);
    expect((await same(ws, ["--format", "json"], ["--cache-location", "tmp/"])).mode).toBe("replayed");
    expect((await same(ws, ["--format", "json"], ["--cache-location", "tmp/hfa-cache.json"])).mode).toBe("full (no valid cache)");
    expect(existsSync(join(ws, "tmp", "hfa-cache.json"))).toBe(true);
    const outside = await hfa(["check", "--cache", "--cache-location", join(tmpdir(), "hfa-cache-elsewhere")], ws);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain("--cache-location må ligge i arbeidsområdet");
    expect(existsSync(join(tmpdir(), "hfa-cache-elsewhere"))).toBe(false);
    // A file of the user's is never overwritten: an agreement, hfa.json, or any file that is not a cache.
    writeFileSync(join(ws, "notater.txt"), "Mine notater\n");
    for (const location of ["notater.txt", "avtaler/ny.hfa", "hfa.json"]) {
      const refused = await hfa(["check", "--cache", "--cache-location", location], ws);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`--cache-location «${location}» er en fil som ikke er en hfa-cache`);
    }
    expect(readFileSync(join(ws, "notater.txt"), "utf8")).toBe("Mine notater\n");
    expect(existsSync(join(ws, "avtaler/ny.hfa"))).toBe(false);
    expect((await hfa(["check", "--cache-location", "tmp"], ws)).code).toBe(2);
    expect((await hfa(["check", "--cache", "--stdin", "--stdin-filename", "avtaler/x.hfa"], ws)).code).toBe(2);
  });
});
