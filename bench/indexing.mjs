// Indexing a workspace, interleaved between builds (issue 12): spawn → the last
// file's diagnostics, as bench/lsp.mjs measures it, for each `--root <checkout>`
// in turn (`--root /work/main --root .`), `--runs N` rounds (default 10). Each
// spawn starts `<root>/dist/server.js --stdio` with that checkout's
// flags for this machine (bench/serverFlags.mjs), the bench's initialize (debounceMs: 0) and the same
// generated workspace (bench/workspace.mjs, `--agreements`, default 1 000).
// Printed per build: the median and min of the wall time, of the main thread's
// CPU (/proc/<pid>/task/<pid>/schedstat) and of all threads' CPU
// (/proc/<pid>/stat), read when the last file's diagnostics arrive; the first
// file's diagnostics; how many publishDiagnostics were sent.
// Each build gets a compile-cache folder of its own (TMPDIR), written as bench/lsp.mjs
// writes it: by a first start that only initializes. `--flags <i> "<node flags>"` adds
// Node/V8 flags to the i-th build's spawns (the same root may be given twice).
// `--warm-index <i>`: the i-th build's first start indexes instead (a fuller cache).
// `--cpu-prof <dir>`: the servers run with --cpu-prof into <dir>/<n>-<build>/.
// A build instrumented by hand to print `MARK <phase> wall=<ms> cpu=<ms>` lines on stderr
// (the main thread's schedstat; only with HFA_MARK=1 set) gets each phase's CPU and wall
// printed too. schedstat is updated at scheduler ticks (4 ms here): medians of many runs.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver-protocol/node";
import { benchArgs, median, repo } from "./interleave.mjs";
import { serverNodeFlagsOf } from "./serverFlags.mjs";
import { makeBenchWorkspace } from "./workspace.mjs";

const { roots, option } = benchArgs();
// Each build started as its VS Code client starts it (bench/serverFlags.mjs).
const flagsOf = [];
for (const root of roots) flagsOf.push(await serverNodeFlagsOf(root));
const RUNS = Number(option("--runs", 10));
const AGREEMENTS = Number(option("--agreements", 1000));
const profileDir = option("--cpu-prof", undefined);
const TICK_MS = 10; // USER_HZ = 100 on Linux

function cpuOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const all = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    const main = Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8").split(" ")[0]) / 1e6;
    return { all, main };
  } catch {
    return { all: NaN, main: NaN };
  }
}

const extraFlags = roots.map((_, i) => {
  const args = process.argv.slice(2);
  for (let j = 0; j < args.length; j++) if (args[j] === "--flags" && Number(args[j + 1]) === i) return args[j + 2].split(" ").filter(Boolean);
  return [];
});
const cacheRoot = mkdtempSync(join(tmpdir(), "hfa-bench-indexing-"));

/** Resident memory in MB, as bench/lsp.mjs reads it. */
function rssOf(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]) / 1024;
  } catch {
    return NaN;
  }
}

async function indexOnce(i, workspace, lastUri, profile, initializeOnly = false) {
  const root = roots[i];
  const flags = flagsOf[i];
  const extra = profile ? ["--cpu-prof", "--cpu-prof-dir", profile] : [];
  const env = { ...process.env, TMPDIR: join(cacheRoot, String(i)) };
  mkdirSync(env.TMPDIR, { recursive: true });
  const t0 = performance.now();
  const child = spawn(process.execPath, [...flags, ...extraFlags[i], ...extra, join(root, "dist", "server.js"), "--stdio"], { stdio: ["pipe", "pipe", "pipe"], env });
  // Lines `MARK <phase> wall=… cpu=…` (a build instrumented by hand, with HFA_MARK=1 set) are
  // collected: the main thread's CPU per phase. Anything else on stderr is passed on.
  const marks = [];
  let pending = "";
  child.stderr.on("data", (chunk) => {
    const lines = (pending + chunk).split("\n");
    pending = lines.pop();
    for (const line of lines) {
      const m = /^MARK (.+) wall=([\d.]+) cpu=([\d.]+)$/.exec(line);
      if (m) marks.push({ phase: m[1], wall: Number(m[2]), cpu: Number(m[3]) });
      else process.stderr.write(line + "\n");
    }
  });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let published = 0;
  let firstMs;
  const seen = new Set();
  const done = new Promise((resolve) => {
    connection.onNotification("textDocument/publishDiagnostics", (params) => {
      published++;
      firstMs ??= performance.now() - t0;
      seen.add(params.uri);
      if (params.uri === lastUri) resolve({ wall: performance.now() - t0, cpu: cpuOf(child.pid), rss: rssOf(child.pid) });
    });
  });
  connection.onRequest("window/workDoneProgress/create", () => null);
  connection.onRequest("client/registerCapability", () => null);
  connection.listen();
  const rootUri = pathToFileURL(workspace).href;
  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: "bench" }],
    initializationOptions: { debounceMs: 0 },
    capabilities: { window: { workDoneProgress: true }, workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
  });
  const initializeMs = performance.now() - t0;
  let result = {};
  if (!initializeOnly) {
    await connection.sendNotification("initialized", {});
    result = await done;
  }
  // Anything published after the last file (a second pass) is counted too.
  await new Promise((resolve) => setTimeout(resolve, 100));
  await connection.sendRequest("shutdown").catch(() => undefined);
  await connection.sendNotification("exit").catch(() => undefined);
  await new Promise((resolve) => child.once("exit", resolve));
  connection.dispose();
  return { ...result, initializeMs, firstMs, published, files: seen.size, marks };
}

const workspace = makeBenchWorkspace(AGREEMENTS);
// `--with-config`: the workspace gets the samples' hfa.json at its root, as a real one has
// (`hfa init` writes one); bench/lsp.mjs's workspace has none.
if (process.argv.includes("--with-config")) copyFileSync(join(repo, "samples", "hfa.json"), join(workspace, "hfa.json"));
const names = roots.map((root, i) => `${i}-${basename(root)}${extraFlags[i].length ? "+" : ""}`);
try {
  const files = readdirSync(join(workspace, "avtaler")).sort();
  const lastUri = pathToFileURL(join(workspace, "avtaler", files.at(-1))).href;
  // One start each first that only initializes: it writes the build's code cache (at its
  // exit, as bench/lsp.mjs's first start does).
  // `--warm-index <i>`: the i-th build's first start indexes instead (its cache then holds
  // what an indexing run compiled).
  const warmIndex = new Set(process.argv.flatMap((arg, j) => (arg === "--warm-index" ? [Number(process.argv[j + 1])] : [])));
  for (let i = 0; i < roots.length; i++) await indexOnce(i, workspace, lastUri, undefined, !warmIndex.has(i));
  const results = roots.map(() => []);
  for (let run = 0; run < RUNS; run++) {
    for (let i = 0; i < roots.length; i++) {
      let profile;
      if (profileDir) mkdirSync((profile = join(profileDir, `${run}-${names[i]}`)), { recursive: true });
      results[i].push(await indexOnce(i, workspace, lastUri, profile));
    }
  }
  const fmt = (values) => `p50 ${median(values).toFixed(0).padStart(5)} min ${Math.min(...values).toFixed(0).padStart(5)}`;
  console.log(`indexing ${AGREEMENTS + 5} files, ${RUNS} runs each, interleaved (node ${process.version}; load ${(await import("node:os")).loadavg().map((l) => l.toFixed(1)).join(" ")})`);
  for (let i = 0; i < roots.length; i++) {
    const r = results[i];
    const phases = new Map();
    for (const run of r) run.marks.forEach((m, k) => {
      const key = `${k === 0 ? "start" : run.marks[k - 1].phase} → ${m.phase}`;
      const before = k === 0 ? { cpu: 0, wall: 0 } : run.marks[k - 1];
      phases.set(key, [...(phases.get(key) ?? []), [m.cpu - before.cpu, m.wall - before.wall]]);
    });
    for (const [key, values] of phases) console.log(`  ${names[i]} ${key.padEnd(34)} main CPU ${fmt(values.map((v) => v[0]))} | wall ${fmt(values.map((v) => v[1]))}`);
    console.log(`${names[i].padEnd(14)} wall ${fmt(r.map((x) => x.wall))} | main CPU ${fmt(r.map((x) => x.cpu.main))} | all CPU ${fmt(r.map((x) => x.cpu.all))} | RSS ${fmt(r.map((x) => x.rss))} MB | initialize ${fmt(r.map((x) => x.initializeMs))} | first diag ${fmt(r.map((x) => x.firstMs))} | published ${median(r.map((x) => x.published))} for ${median(r.map((x) => x.files))} files`);
  }
} finally {
  rmSync(workspace, { recursive: true, force: true });
  rmSync(cacheRoot, { recursive: true, force: true });
}
