// What a full GC just before a run costs that run (issue 12's small rows).
//
//   node --expose-gc bench/aftergc.mjs [--root <checkout>]... [--runs N] [--count <agreements>]
//
// bench/run.mjs and bench/ratio.mjs call gc() before every timed run, and at
// 1 agreement most of that figure is not the parse and the checks: the same
// run costs about half as much in a loop without GC. This script times, per
// checkout, bench/ratio.mjs's runOnce split into its two phases (setFile of
// every file, then analyze()) in three states, interleaved in every round:
//   gc    — right after gc(), as run.mjs and ratio.mjs time it;
//   hot   — right after the previous run, no collection;
//   gc+1  — after gc() and one untimed run.
// If gc+1 matches hot, what the collection costs is paid once by the first
// run after it (not a deoptimisation: `--trace-deopt`/`--trace-opt` show none
// in those runs, nor a GC inside them: `--trace-gc`).

import { join } from "node:path";
import { bundleFrom } from "./bundle.mjs";
import { generateWorkspace } from "./generate.mjs";
import { benchArgs, gc, repo } from "./interleave.mjs";

const { roots, option } = benchArgs();
const RUNS = Number(option("--runs", 300));
const COUNT = Number(option("--count", 1));
if (!global.gc) throw new Error("run with node --expose-gc");

const cores = [];
for (const [n, root] of roots.entries()) {
  const core = await bundleFrom(root, { "../server/src/analysis/workspace.ts": ["Workspace"] }, join(repo, "bench", "out", `aftergc-core-${n}.cjs`));
  cores.push({ root, ...core });
}
const { files } = generateWorkspace(COUNT);

function phases(Workspace) {
  const t0 = performance.now();
  const workspace = new Workspace();
  for (const file of files) workspace.setFile(`file:///ws/${file.path}`, file.text);
  const t1 = performance.now();
  workspace.analyze();
  return [t1 - t0, performance.now() - t1];
}

const STATES = ["gc", "hot", "gc+1"];
const results = cores.map(() => Object.fromEntries(STATES.map((state) => [state, { setFile: [], analyze: [] }])));
for (const core of cores) for (let k = 0; k < 100; k++) phases(core.Workspace);
for (let run = 0; run < RUNS; run++) {
  const order = run % 2 === 0 ? [...cores.keys()] : [...cores.keys()].reverse();
  for (const n of order) {
    for (const state of STATES) {
      if (state !== "hot") gc();
      if (state === "gc+1") phases(cores[n].Workspace);
      const [setFile, analyze] = phases(cores[n].Workspace);
      results[n][state].setFile.push(setFile);
      results[n][state].analyze.push(analyze);
    }
  }
}

const quantile = (values, f) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(f * values.length))].toFixed(3);
console.log(`workspace ${COUNT}: ${files.length} files, ${RUNS} rounds; ms, min / median`);
for (const [n, core] of cores.entries()) {
  console.log(`  ${core.root}`);
  for (const state of STATES) {
    const r = results[n][state];
    const total = r.setFile.map((t, i) => t + r.analyze[i]);
    console.log(
      `    ${state.padEnd(5)} setFile ${quantile(r.setFile, 0)} / ${quantile(r.setFile, 0.5)}` +
        `  analyze ${quantile(r.analyze, 0)} / ${quantile(r.analyze, 0.5)}  total ${quantile(total, 0)} / ${quantile(total, 0.5)}`,
    );
  }
}
