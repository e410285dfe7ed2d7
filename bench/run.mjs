// The HFA benchmark: `npm run bench` (not part of `npm test`).
//
// Parse + check of generated workspaces (bench/generate.mjs) of 1, 100 and
// 1 000 agreements and of one 5 000-line file, in one process, against
// JSON.parse of the equivalent JSON document measured in the same run; then
// the wall time of the real CLI (`node bin/hfa.js check <dir>`, Node start
// included) over the 1 000-agreement workspace, next to `node -e 0`; and, at
// 1 000 and 10 000 agreements, one edit's re-analysis in process. The anchors
// (JSON.parse and jsonc-parser's parse of the same JSON) are measured in the
// same iterations. The figures are written to bench/out/core.json, which
// bench/targets.mjs turns into the table of issue 12's targets.
// Targets: see docs/performance.md.
//
// The analysis core is bundled with esbuild into bench/out/ (git-ignored) the
// way scripts/build.mjs bundles the CLI, so the figures are those of the
// shipped code. Run with --expose-gc for the memory column (npm run bench does).
//
// Options: --runs N (timed runs per scenario, default 7), --only <scenario>,
//          --root <checkout> (measure another working tree, e.g. the code before a change),
// Profile:  node --cpu-prof --cpu-prof-dir=bench/out bench/run.mjs --only "workspace 1000"

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleTo } from "./bundle.mjs";
import { generateLargeFile, generateWorkspace } from "./generate.mjs";
import { median } from "./interleave.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(repo, "bench", "out");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
// Another checkout (built, with node_modules) to measure instead: before/after comparisons.
const root = option("--root", repo);
const RUNS = Number(option("--runs", 7));
const WARMUP = 2;
/** The least warm-up per scenario and side, in ms (see `measure`). */
const WARM_MS = 2000;
const only = option("--only", undefined);

// Issue 12's targets (bench/targets.mjs prints them all in one table).
const TARGET_CLI_MS = 400;
const TARGET_RATIO = 10;
const TARGET_MEM_PER_MB = 10;
const TARGET_EDIT_P95_MS = 10;
const jsonc = createRequire(import.meta.url)("jsonc-parser");

// ------------------------------------------------------------------ the core, bundled

mkdirSync(out, { recursive: true });
const coreFile = join(out, root === repo ? "core.cjs" : "core-other.cjs");
await bundleTo(
  root,
  { "../grammar/src/parser.ts": ["parse"], "../grammar/src/lexer.ts": ["lex"], "../server/src/analysis/workspace.ts": ["Workspace"] },
  coreFile,
  { sourcemap: true },
);
const startedLoad = performance.now();
const { Workspace } = createRequire(import.meta.url)(coreFile);
// Building the Chevrotain lexer and parser happens once per process (the CLI pays it too).
new Workspace().setFile("file:///warm.hfa", "sats A \"a\" 1 kr per døgn");
const loadMs = performance.now() - startedLoad;

// ------------------------------------------------------------------ scenarios

const scenarios = [];
for (const count of [1, 100, 1000, 10_000]) {
  const { files, json } = generateWorkspace(count);
  // 10 000 agreements (25 MB) take seconds per run: fewer runs keep `npm run bench` short.
  const runs = count > 1000 ? { runs: 3, warmup: 1 } : {};
  scenarios.push({ name: `workspace ${count}`, agreements: count, files, json, ...runs });
}
{
  const { text, lines, json, model } = generateLargeFile(5000);
  scenarios.push({ name: `one file, ${lines} lines`, agreements: model.agreements.length, files: [{ path: "stor.hfa", text }], json });
}

// Hostile inputs of issue 8: each must stay linear (the duplicate check was
// quadratic: 41 s for one name declared 40 000 times; bare keywords took 17 s).
// Each is also run at half its size: linear means about half the time.
for (const [name, unit, count] of [
  ["hostile: 1 name × 40 000", 'sats X "x" 1 kr per døgn kilde "y"\n', 40_000],
  ["hostile: 560 KB `avtale`", "avtale ", 80_000],
  ["hostile: 260 KB `avtale (`", "avtale ( ", 29_000],
  ["hostile: 20 000 suppressed", '// hfa-ignore HFA604, HFA603: dette er en lang nok begrunnelse her\navtale A "a" {\n}\n', 20_000],
]) {
  const text = unit.repeat(count);
  scenarios.push({ name, agreements: 0, files: [{ path: "fiendtlig.hfa", text }], json: JSON.stringify({ text }), half: [{ path: "fiendtlig.hfa", text: unit.repeat(count / 2) }] });
}

const bytes = (text) => Buffer.byteLength(text, "utf8");
const MB = 1024 * 1024;

function gc() {
  if (global.gc) {
    global.gc();
    global.gc();
  }
}

/** Parse (setFile: lex, parse, declarations, line index) then check (analyze) into a fresh workspace. */
function runOnce(files) {
  const workspace = new Workspace();
  const t0 = performance.now();
  for (const file of files) workspace.setFile(`file:///ws/${file.path}`, file.text);
  const t1 = performance.now();
  const analysis = workspace.analyze();
  const t2 = performance.now();
  return { parseMs: t1 - t0, checkMs: t2 - t1, workspace, analysis };
}

function summary(analysis) {
  const counts = {};
  for (const list of analysis.diagnostics.values()) {
    for (const d of list) counts[d.severity] = (counts[d.severity] ?? 0) + 1;
  }
  return counts;
}

function measure(scenario) {
  const { files, json } = scenario;
  const sourceBytes = files.reduce((sum, f) => sum + bytes(f.text), 0);
  const runs = scenario.runs ?? RUNS;
  // Warm-up: at least WARMUP runs and, for the small scenarios, at least ~2 s of each,
  // so that all three run optimised code (2 runs of a 0,2 ms JSON.parse leave jsonc-parser cold).
  // 2 s, not 300 ms (until round 8): TurboFan compiles on a background thread, and on
  // 2 cores its queue of ~130 functions was not through after 300 ms of 1-agreement runs —
  // the row then read 6,8–10,4× from one process to the next (0,24–0,41 ms a run); after
  // 2 s it read 4,2–5,3× (0,2 ms) in every run (docs/performance.md, round 8).
  const warm = (fn) => {
    const t0 = performance.now();
    for (let i = 0; i < (scenario.warmup ?? WARMUP) || (performance.now() - t0 < WARM_MS && i < 100_000); i++) fn();
  };
  warm(() => runOnce(files));
  warm(() => JSON.parse(json));
  warm(() => jsonc.parse(json));
  // A sub-millisecond anchor is timed over several repetitions (their mean is one sample).
  const repsFor = (fn) => {
    const t0 = performance.now();
    fn();
    return Math.max(1, Math.min(200, Math.ceil(5 / Math.max(performance.now() - t0, 0.001))));
  };
  const timeAnchor = (fn, reps) => {
    gc();
    const t0 = performance.now();
    for (let k = 0; k < reps; k++) fn();
    return (performance.now() - t0) / reps;
  };
  const jsonReps = repsFor(() => JSON.parse(json));
  const jsoncReps = repsFor(() => jsonc.parse(json));
  // parse + check is timed as the anchors are: gc(), then the mean of as many
  // runs as fill ~5 ms (one run from 5 ms up: every scenario but 1 agreement).
  // Until round 7 it was one run after gc() against the anchors' mean of up to
  // 200, so at 1 agreement only our side paid the first run after a full GC
  // (~0,3 ms of cold caches: docs/performance.md, round 5 `small`); that run
  // is still reported, as `afterGc`.
  const runReps = repsFor(() => runOnce(files));
  const parse = [];
  const check = [];
  const total = [];
  const afterGc = [];
  const jsonMs = [];
  const jsoncMs = [];
  let diagnostics;
  for (let i = 0; i < runs; i++) {
    gc();
    let parseMs = 0;
    let checkMs = 0;
    for (let k = 0; k < runReps; k++) {
      const r = runOnce(files);
      if (k === 0) afterGc.push(r.parseMs + r.checkMs);
      parseMs += r.parseMs;
      checkMs += r.checkMs;
      diagnostics ??= summary(r.analysis);
    }
    parse.push(parseMs / runReps);
    check.push(checkMs / runReps);
    total.push((parseMs + checkMs) / runReps);
    jsonMs.push(timeAnchor(() => JSON.parse(json), jsonReps));
    jsoncMs.push(timeAnchor(() => jsonc.parse(json), jsoncReps));
  }
  // Memory: heap growth with the workspace and its analysis kept alive.
  let heapMB;
  if (global.gc) {
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept = runOnce(files);
    gc();
    const after = process.memoryUsage().heapUsed;
    heapMB = (after - before) / MB;
    if (kept.analysis === undefined) throw new Error("unreachable");
  }
  // The anchors' memory: JSON.parse's objects and jsonc-parser's tree of the same JSON.
  const anchorHeap = (build) => {
    if (!global.gc) return undefined;
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept = build();
    gc();
    const grown = (process.memoryUsage().heapUsed - before) / MB;
    if (kept === undefined) throw new Error("unreachable");
    return grown;
  };
  const jsonHeapMB = scenario.half ? undefined : anchorHeap(() => JSON.parse(json));
  const jsoncHeapMB = scenario.half ? undefined : anchorHeap(() => jsonc.parseTree(json));
  return {
    name: scenario.name,
    files: files.length,
    agreements: scenario.agreements,
    sourceMB: sourceBytes / MB,
    jsonMB: bytes(json) / MB,
    parse: { median: median(parse), min: Math.min(...parse) },
    check: { median: median(check), min: Math.min(...check) },
    total: { median: median(total), min: Math.min(...total) },
    runReps,
    afterGc: { median: median(afterGc), min: Math.min(...afterGc) },
    json: { median: median(jsonMs), min: Math.min(...jsonMs) },
    jsonc: { median: median(jsoncMs), min: Math.min(...jsoncMs) },
    heapMB,
    jsonHeapMB,
    jsoncHeapMB,
    diagnostics,
  };
}

// ------------------------------------------------------------------ the table

const pad = (text, width, right = true) => (right ? String(text).padStart(width) : String(text).padEnd(width));
const fmt = (n, digits = 1) => n.toFixed(digits);

function printTable(results) {
  const head = [
    ["scenario", 22, false],
    ["files", 5],
    ["agr.", 5],
    ["src MB", 7],
    ["parse ms", 9],
    ["check ms", 9],
    ["total ms", 9],
    ["min ms", 8],
    ["MB/s", 6],
    ["JSON MB", 7],
    ["JSON ms", 8],
    ["ratio", 6],
    ["jsonc ms", 9],
    ["jsonc×", 6],
    ["heap MB", 8],
    ["MB/MB", 6],
  ];
  console.log(head.map(([t, w, r]) => pad(t, w, r !== false)).join(" "));
  for (const r of results) {
    const ratio = r.total.median / r.json.median;
    const perMB = r.heapMB !== undefined ? r.heapMB / r.sourceMB : undefined;
    const cells = [
      pad(r.name, 22, false),
      pad(r.files, 5),
      pad(r.agreements, 5),
      pad(fmt(r.sourceMB, 2), 7),
      pad(fmt(r.parse.median), 9),
      pad(fmt(r.check.median), 9),
      pad(fmt(r.total.median), 9),
      pad(fmt(r.total.min), 8),
      pad(fmt(r.sourceMB / (r.total.median / 1000)), 6),
      pad(fmt(r.jsonMB, 2), 7),
      pad(fmt(r.json.median, 2), 8),
      pad(fmt(ratio), 6),
      pad(fmt(r.jsonc.median, 2), 9),
      pad(fmt(r.jsonc.median / r.json.median), 6),
      pad(r.heapMB !== undefined ? fmt(r.heapMB) : "–", 8),
      pad(perMB !== undefined ? fmt(perMB) : "–", 6),
    ];
    console.log(cells.join(" "));
  }
}

function verdict(ok) {
  return ok ? "PASS" : "MISS";
}

// ------------------------------------------------------------------ the CLI, spawned

function writeWorkspace(dir, files) {
  rmSync(dir, { recursive: true, force: true });
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
  }
}

/**
 * CPU time (user + system, all threads) of the reaped children so far, in ms: Linux only
 * (/proc/self/stat's cutime and cstime, in clock ticks of 10 ms), else undefined. Beside
 * the wall time because on a shared machine the wall time swings with the load, and V8's
 * compiler and GC threads run beside the main thread (docs/performance.md, round 4 `cold`).
 */
function childrenCpuMs() {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * `hfa check <dir>` spawned: median and min of 5 after one warm-up (which also
 * warms the OS file cache and writes the compile cache), once as shipped and
 * once with the compile cache off (HFA_NO_COMPILE_CACHE=1, a plain require as
 * before issue 12), the two runs interleaved so that load on the machine hits both alike.
 */
function timeCli(dir, files) {
  const cli = join(root, "bin", "hfa.js");
  const bundle = join(root, "dist", "cli.js");
  if (!existsSync(bundle)) return { skipped: "dist/cli.js is not built (server/src/cli/main.ts does not exist yet)" };
  // `--cache` (issue 12): a re-run with nothing changed, and one after one agreement (without a grant) changed.
  const hasCache = readFileSync(bundle, "utf8").includes("hfa-check-cache/");
  const edited = files.find((f) => f.path.startsWith("avtaler/") && !/^\s*tilskudd /m.test(f.text));
  const variants = {
    cached: { env: { ...process.env } },
    plain: { env: { ...process.env, HFA_NO_COMPILE_CACHE: "1" } },
    ...(hasCache ? { warmCache: { env: { ...process.env }, cache: true }, oneEdited: { env: { ...process.env }, cache: true, edit: true } } : {}),
  };
  rmSync(join(dir, ".hfacache"), { force: true });
  const times = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  const cpuTimes = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  let status;
  for (let i = 0; i < 6; i++) {
    for (const [name, variant] of Object.entries(variants)) {
      if (variant.edit) writeFileSync(join(dir, edited.path), i % 2 === 0 ? `${edited.text}\n// endret\n` : edited.text);
      const args = variant.cache ? [cli, "check", "--cache", "."] : [cli, "check", dir];
      const cpu0 = childrenCpuMs();
      const t0 = performance.now();
      const result = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 256 * MB, env: variant.env, cwd: variant.cache ? dir : undefined });
      const ms = performance.now() - t0;
      const cpu1 = childrenCpuMs();
      if (!variant.cache) status = result.status;
      if (result.error) return { skipped: String(result.error) };
      if (i > 0) times[name].push(ms);
      if (i > 0 && cpu0 !== undefined && cpu1 !== undefined) cpuTimes[name].push(cpu1 - cpu0);
    }
  }
  writeFileSync(join(dir, edited.path), edited.text);
  rmSync(join(dir, ".hfacache"), { force: true });
  const summary = (name) =>
    times[name]
      ? { median: median(times[name]), min: Math.min(...times[name]), cpuMedian: cpuTimes[name].length > 0 ? median(cpuTimes[name]) : undefined }
      : undefined;
  return { ...summary("cached"), withoutCache: summary("plain"), warmCache: summary("warmCache"), oneEdited: summary("oneEdited"), status };
}

// ------------------------------------------------------------------ main

if (root !== repo) console.log(`Measuring ${root}`);
console.log(`HFA benchmark — Node ${process.version}, ${process.platform}/${process.arch}, ${(await import("node:os")).cpus().length} CPU(s)`);
console.log(`${RUNS} timed runs after ${WARMUP} warm-up runs (and at least ${WARM_MS / 1000} s of them) per scenario; times are medians unless marked min.`);
console.log(`Loading the bundled core and building the lexer and parser: ${fmt(loadMs)} ms (once per process).`);
if (!global.gc) console.log("(no --expose-gc: memory not measured; run `node --expose-gc bench/run.mjs`)");
console.log("");

const selected = only ? scenarios.filter((s) => s.name.includes(only)) : scenarios;
const results = [];
for (const scenario of selected) {
  results.push(measure(scenario));
}
printTable(results);
console.log("");
for (const r of results) {
  const d = Object.entries(r.diagnostics ?? {}).map(([k, v]) => `${v} ${k}`).join(", ") || "none";
  console.log(`  ${pad(r.name, 22, false)} diagnostics: ${d}`);
}
console.log("");
console.log("Per scenario (the one table of targets: bench/targets.mjs):");
const hostile = [];
for (const r of results) {
  const scenario = scenarios.find((s) => s.name === r.name);
  if (scenario?.half) {
    // Hostile input: no speed target, but twice the input may cost at most ~2.5× the time.
    const halfTimes = [];
    for (let i = 0; i < 3; i++) {
      gc();
      const h = runOnce(scenario.half);
      halfTimes.push(h.parseMs + h.checkMs);
    }
    const growth = r.total.median / median(halfTimes);
    hostile.push({ name: r.name, growth });
    console.log(`  ${pad(r.name, 22, false)} full size / half size ${fmt(growth, 2)}× the time (linear: ≤ 2.5×) ${verdict(growth <= 2.5)}`);
    continue;
  }
  const ratio = r.total.median / r.json.median;
  const perMB = r.heapMB !== undefined ? r.heapMB / r.sourceMB : undefined;
  console.log(
    `  ${pad(r.name, 22, false)} parse + check / JSON.parse ${fmt(ratio)}× (target ≤ ${TARGET_RATIO}×) ${verdict(ratio <= TARGET_RATIO)}` +
      (r.runReps > 1 ? ` (mean of ${r.runReps} runs after gc(), as the anchors; the first run after gc() alone ${fmt(r.afterGc.median, 2)} ms, ${fmt(r.afterGc.median / r.json.median)}×)` : "") +
      `; jsonc-parser / JSON.parse ${fmt(r.jsonc.median / r.json.median)}×` +
      (perMB !== undefined ? `; memory ${fmt(perMB)} MB per MB of source (target ≤ ${TARGET_MEM_PER_MB}) ${perMB > 0 ? verdict(perMB <= TARGET_MEM_PER_MB) : "(below the noise)"}` : "") +
      (r.agreements >= 1000 ? `; per agreement ${fmt(r.total.median / r.agreements, 3)} ms` + (r.heapMB !== undefined ? `, ${fmt((r.heapMB * 1024) / r.agreements)} KB` : "") : ""),
  );
}

// ------------------------------------------------------------------ one edit's re-analysis, in process

/** Re-analysis after an edit of one agreement: setFile of the changed text, then analyze(). */
function editLatency(scenario, edits) {
  const { workspace } = runOnce(scenario.files);
  const file = scenario.files.filter((f) => f.path.startsWith("avtaler/"))[scenario.agreements >> 1];
  const uri = `file:///ws/${file.path}`;
  // Alternately appends a comment line and takes it away: the text changes at every edit.
  const edited = `${file.text}\n// endret\n`;
  const times = [];
  for (let i = 0; i < edits + 3; i++) {
    const t0 = performance.now();
    workspace.setFile(uri, i % 2 === 0 ? edited : file.text);
    workspace.analyze();
    if (i >= 3) times.push(performance.now() - t0); // the first edits warm the incremental path
  }
  return times;
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const edits = [];
for (const scenario of selected.filter((s) => s.agreements >= 1000 && s.files.length > 1)) {
  const times = editLatency(scenario, 40);
  const p50 = percentile(times, 50);
  const p95 = percentile(times, 95);
  edits.push({ agreements: scenario.agreements, p50, p95 });
  console.log(
    `  edit → re-analysis in process, ${scenario.agreements} agreements: p50 ${fmt(p50)} ms, p95 ${fmt(p95)} ms (target < ${TARGET_EDIT_P95_MS} ms p95) ${verdict(p95 < TARGET_EDIT_P95_MS)}`,
  );
}

// ------------------------------------------------------------------ the CLI and Node, spawned

/** Median and min of 5 spawns of `node -e 0` after one warm-up: Node's own start-up, the CLI's floor. */
function timeNodeStart() {
  const times = [];
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ["-e", "0"]);
    if (i > 0) times.push(performance.now() - t0);
  }
  return { median: median(times), min: Math.min(...times) };
}

let cli;
let nodeStart;
const thousand = scenarios.find((s) => s.agreements === 1000 && s.files.length > 1);
if (!only || thousand.name.includes(only)) {
  const dir = join(out, "workspace-1000");
  writeWorkspace(dir, thousand.files);
  nodeStart = timeNodeStart();
  cli = timeCli(dir, thousand.files);
  if (cli.skipped) {
    console.log(`  hfa check (1 000 agreements, spawned): skipped — ${cli.skipped}`);
  } else {
    console.log(
      `  hfa check (1 000 agreements, spawned, Node start included): ${fmt(cli.median, 0)} ms median of 5 (min ${fmt(cli.min, 0)}, exit ${cli.status}) (target < ${TARGET_CLI_MS} ms) ${verdict(cli.median < TARGET_CLI_MS)}` +
        (cli.cpuMedian !== undefined ? `; CPU (all threads) ${fmt(cli.cpuMedian, 0)} ms median` : "") +
        `; without the compile cache ${fmt(cli.withoutCache.median, 0)} ms (min ${fmt(cli.withoutCache.min, 0)}); node -e 0: ${fmt(nodeStart.median, 0)} ms (min ${fmt(nodeStart.min, 0)})`,
    );
    if (cli.warmCache) {
      console.log(
        `  hfa check --cache (same 1 000 agreements, a re-run: NOT the uncached figure above): nothing changed ${fmt(cli.warmCache.median, 0)} ms (min ${fmt(cli.warmCache.min, 0)}); ` +
          `one agreement changed ${fmt(cli.oneEdited.median, 0)} ms (min ${fmt(cli.oneEdited.min, 0)})`,
      );
    }
  }
}

const report = {
  node: process.version,
  cpus: (await import("node:os")).cpus().length,
  loadAverage: (await import("node:os")).loadavg(),
  measuredAt: new Date().toISOString(),
  root,
  results,
  hostile,
  edits,
  cli,
  nodeStart,
};
writeFileSync(join(out, "core.json"), JSON.stringify(report, null, 2));
