// dist/server.js: starts the language server with V8's code cache (bin/compile-cache.js,
// bundled in), ~40 ms of its start-up: dist/server-main.js (the connection and the answer
// to `initialize`), which loads dist/server-core.js (the server and the analysis) once it
// has answered (server/src/lsp/main.ts). With `--stdio`, `initialize` is answered before
// even dist/server-main.js is loaded (server/src/lsp/earlyInitialize.ts, bundled in).
// The editor, the tests and `npx hfa-language-server` keep starting dist/server.js.
"use strict";
const { join } = require("node:path");
const { runWithCompileCache } = require("../bin/compile-cache.js");
const start = (answered) => {
  // Indexing a workspace makes much of the parser and the checks hot at once, and on two
  // cores TurboFan's background compiles compete with the main thread: a doubled interrupt
  // budget optimises fewer functions, later (docs/performance.md, round 5 `serve`). A
  // process flag would be read by V8 at start, but Node 24 refuses it ("bad option") and
  // clients start the server without our flags; set at run time, as bin/hfa.js does, and
  // on Node 20 only, where it was measured (newer V8s have no such flag and print
  // «unrecognized flag»). After the early answer to `initialize`, which it would delay.
  if (process.versions.node.split(".")[0] === "20") require("node:v8").setFlagsFromString("--interrupt-budget=135000");
  runWithCompileCache(join(__dirname, "server-main.js")).main(() => runWithCompileCache(join(__dirname, "server-core.js")), answered);
};
if (process.argv.includes("--stdio")) require("../server/src/lsp/earlyInitialize.ts").answerInitializeEarly(start);
else start(undefined);
