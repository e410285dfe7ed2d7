// Parse + check ÷ JSON.parse (issue 12's ratio row), interleaved between checkouts:
// the before/after figures for the analysis core on a loaded machine.
//
//   node --expose-gc bench/ratio.mjs [--root <checkout>]... [--runs N] [--only <name>[,<name>…]]
//
// Every --root (default: this checkout; `--root /work/main --root .` for
// before/after) is bundled with esbuild (bench/bundle.mjs) and loaded into this
// one process; the runs alternate between them, and JSON.parse of the
// equivalent JSON runs in the same round, so the machine's load hits all alike.
// Per scenario and checkout: min and median of wall and CPU time (process.cpuUsage)
// of bench/run.mjs's runOnce (setFile of every file into a fresh workspace, then
// analyze()), each run after gc() (a full GC between runs is part of the
// figure: see grammar/src/hiddenClasses.ts; it is run.mjs's `afterGc`, the
// first run after gc(), which run.mjs reports beside its ratio), and the ratio
// of the median wall time to JSON.parse's median. From round 7 run.mjs's ratio
// itself times parse + check as it times the anchors (gc(), then the mean of
// the runs that fill ~5 ms), so at 1 agreement this tool's ratio is higher.
// --only takes exact scenario names ("workspace 1", "workspace 100", "workspace 1000",
// "workspace 10000", "one file"), comma-separated.

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { bundleFrom } from "./bundle.mjs";
import { generateLargeFile, generateWorkspace } from "./generate.mjs";
import { benchArgs, gc, median, repo, timed } from "./interleave.mjs";

const out = join(repo, "bench", "out");
const { roots, option } = benchArgs();
const RUNS = Number(option("--runs", 15));
const only = option("--only", undefined)?.split(",");

mkdirSync(out, { recursive: true });
const cores = [];
for (const [n, root] of roots.entries()) {
  const core = await bundleFrom(root, { "../server/src/analysis/workspace.ts": ["Workspace"] }, join(out, `ratio-core-${n}.cjs`));
  new core.Workspace().setFile("file:///warm.hfa", 'sats A "a" 1 kr per døgn');
  cores.push({ root, ...core });
}

const scenarios = [];
for (const count of [1, 100, 1000, 10_000]) {
  const name = `workspace ${count}`;
  if (!only || only.includes(name)) scenarios.push({ name, ...generateWorkspace(count) });
}
if (!only || only.includes("one file")) {
  const { text, json } = generateLargeFile(5000);
  scenarios.push({ name: "one file", files: [{ path: "stor.hfa", text }], json });
}

const fmt = (n) => n.toFixed(n < 10 ? 2 : 1);
/** Median and quartiles of the per-round ratios a[i] / b[i]: the load of a round hits both alike. */
const paired = (a, b) => {
  const ratios = a.map((x, i) => x / b[i]).sort((x, y) => x - y);
  const q = (f) => ratios[Math.min(ratios.length - 1, Math.floor(f * ratios.length))].toFixed(3);
  return `${median(ratios).toFixed(3)} (IQR ${q(0.25)}–${q(0.75)}, ${ratios.length} rounds)`;
};

function runOnce(Workspace, files) {
  const workspace = new Workspace();
  for (const file of files) workspace.setFile(`file:///ws/${file.path}`, file.text);
  return workspace.analyze();
}

for (const scenario of scenarios) {
  // gc() before every run (each sample is one run: run.mjs's `afterGc`).
  const reps = scenario.files.length < 50 ? 20 : 1;
  const runs = scenario.files.length > 5000 ? Math.min(RUNS, 5) : RUNS;
  const results = cores.map(() => ({ wall: [], cpu: [], roundCpu: [] }));
  const json = { wall: [] };
  for (let run = -3; run < runs; run++) {
    // Every other round in the reverse order: the position in a round has a cost of its own (±20 % on this machine).
    const order = run % 2 === 0 ? [...cores.keys()] : [...cores.keys()].reverse();
    for (const n of order) {
      const core = cores[n];
      let roundCpu = 0;
      for (let k = 0; k < reps; k++) {
        gc();
        const t = timed(() => runOnce(core.Workspace, scenario.files));
        if (run >= 0) {
          results[n].wall.push(t.wall);
          results[n].cpu.push(t.cpu);
          roundCpu += t.cpu;
        }
      }
      if (run >= 0) results[n].roundCpu.push(roundCpu);
    }
    gc();
    const jsonReps = Math.max(1, Math.round(reps * 5 * (scenario.files.length < 50 ? 4 : 1)));
    const j = timed(() => {
      for (let k = 0; k < jsonReps; k++) JSON.parse(scenario.json);
    });
    if (run >= 0) json.wall.push(j.wall / jsonReps);
  }
  const jsonMedian = median(json.wall);
  console.log(`${scenario.name}: ${scenario.files.length} files; JSON.parse med ${fmt(jsonMedian)} ms`);
  for (const [n, core] of cores.entries()) {
    const r = results[n];
    console.log(
      `  ${core.root}: wall min ${fmt(Math.min(...r.wall))} / med ${fmt(median(r.wall))} ms` +
        ` (cpu min ${fmt(Math.min(...r.cpu))} / med ${fmt(median(r.cpu))}); ratio ${(median(r.wall) / jsonMedian).toFixed(1)}×` +
        (n > 0 ? `; CPU ÷ first checkout's in the same round: median ${paired(r.roundCpu, results[0].roundCpu)}` : ""),
    );
  }
}
