#!/usr/bin/env node
// The `hfa` command: runs the bundled CLI (built by `npm ci` through `prepare`).
"use strict";
const path = require("node:path");
const fs = require("node:fs");
const bundle = path.join(__dirname, "..", "dist", "cli.js");
if (!fs.existsSync(bundle)) {
  process.stderr.write("hfa: dist/cli.js mangler – kjør «npm run build» først (missing build output).\n");
  process.exit(2);
}
// (No semi-space flag here: V8 sizes the young generation when the heap is set
// up, so `--max-semi-space-size` set at run time does nothing — measured with
// --trace-gc, the same number of scavenges; it would need a process flag.)
// A one-shot run ends before most of what TurboFan optimises pays back: a
// doubled interrupt budget optimises fewer functions (later), and a smaller
// inlining budget makes each optimisation cheaper; over 1 000 files this halves
// the compiler threads' CPU time without slowing the main thread
// (docs/performance.md, round 4 `cold`).
// Only on Node 20, where they were measured: newer V8s (Node 24's) have no
// `--interrupt-budget` and print «unrecognized flag» on the output.
// And no allocation-site pretenuring: V8 decides mid-run to allocate the
// syntax trees' nodes in the old generation, and each decision throws away
// the optimised code of a dozen parser functions that allocate them (twice
// in a run over 1 000 agreements; `--trace-deopt`), which then run in the
// interpreter again. Without it the run is ~3 % faster (docs/performance.md,
// round 8); the language server, long-lived, keeps V8's default.
if (process.versions.node.split(".")[0] === "20") {
  const v8 = require("node:v8");
  v8.setFlagsFromString("--interrupt-budget=135000");
  v8.setFlagsFromString("--max-inlined-bytecode-size-cumulative=150");
  v8.setFlagsFromString("--no-allocation-site-pretenuring");
}
// Loaded with V8's code cache: see bin/compile-cache.js.
require("./compile-cache.js").runWithCompileCache(bundle);
