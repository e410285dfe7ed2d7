// What TurboFan compiles again in runs that follow a full GC (issue 12).
//
//   node bench/recompiles.mjs [--root <checkout>] [--count <agreements> | --file] [--runs N]
//
// A closure's optimised code is held only weakly by its feedback vector (the
// closure itself holds it strongly), so a closure made per call — an arrow
// function inside a function, an array callback — loses its optimised code
// at every full GC once the closures of the last run are garbage, and each
// run after a collection runs it in the interpreter until TurboFan compiles
// it again (round 6: computeBalance's partyBalance took 17–59 ms to compile,
// after every GC). A module function keeps its code. This script runs the
// bundled core (as bench/run.mjs bundles it) under `--log-code
// --single-threaded`, warms up, then does N runs each after gc(), and lists
// the optimised code created during those runs by source position: closures
// listed on every run are the ones to make module functions.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleTo } from "./bundle.mjs";
import { benchArgs, repo } from "./interleave.mjs";

const { roots, option } = benchArgs();
const args = process.argv.slice(2);
// The markers are put together, so that this file's own source (which the log holds too) never contains them.
const BEGIN = ["HFA", "RECOMPILES", "BEGIN"].join("_");
const END = ["HFA", "RECOMPILES", "END"].join("_");

if (process.env.HFA_RECOMPILES_CHILD) {
  // The child: warm up, then the runs after gc(), between two markers in the log.
  const { createRequire } = await import("node:module");
  const { generateLargeFile, generateWorkspace } = await import("./generate.mjs");
  const core = createRequire(import.meta.url)(process.env.HFA_RECOMPILES_CHILD);
  const files = args.includes("--file") ? [{ path: "stor.hfa", text: generateLargeFile(5000).text }] : generateWorkspace(Number(option("--count", 100))).files;
  const runOnce = () => {
    const workspace = new core.Workspace();
    for (const file of files) workspace.setFile(`file:///ws/${file.path}`, file.text);
    return workspace.analyze();
  };
  for (let i = 0; i < (files.length > 500 ? 8 : 40); i++) runOnce();
  for (let i = 0; i < Number(option("--runs", 3)); i++) {
    global.gc();
    global.gc();
    new Function(`return "${BEGIN}"`)();
    runOnce();
    new Function(`return "${END}"`)();
  }
} else {
  const bundle = join(repo, "bench", "out", "recompiles-core.cjs");
  await bundleTo(roots[0], { "../server/src/analysis/workspace.ts": ["Workspace"] }, bundle);
  const log = join(repo, "bench", "out", "recompiles.log");
  const child = spawnSync(process.execPath, ["--expose-gc", "--single-threaded", "--log-code", `--logfile=${log}`, "--no-logfile-per-isolate", fileURLToPath(import.meta.url), ...args], {
    env: { ...process.env, HFA_RECOMPILES_CHILD: bundle },
    stdio: "inherit",
  });
  if (child.status !== 0) process.exit(child.status ?? 1);
  // `code-creation,JS,<kind>,<time>,<address>,<size>,<name> <script>:<line>:<column>,<shared>,<tier>`; `*` is TurboFan.
  const counts = new Map();
  let inside = false;
  for (const line of readFileSync(log, "utf8").split("\n")) {
    if (line.includes(BEGIN)) inside = true;
    else if (line.includes(END)) inside = false;
    else if (inside && line.startsWith("code-creation,JS,") && line.endsWith(",*")) {
      const where = line.split(",")[6].replace(bundle, "core");
      counts.set(where, (counts.get(where) ?? 0) + 1);
    }
  }
  rmSync(log, { force: true });
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  console.log(`${total} TurboFan compiles in ${option("--runs", 3)} runs after gc() (${roots[0]}; positions in ${bundle})`);
  for (const [where, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(3)}  ${where.trim() || "(anonymous)"}`);
}
