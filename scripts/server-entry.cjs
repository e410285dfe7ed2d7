// dist/server.js: starts the language server with V8's code cache (bin/compile-cache.js,
// bundled in), ~40 ms of its start-up: dist/server-main.js (the connection and the answer
// to `initialize`), which loads dist/server-core.js (the server and the analysis) once it
// has answered (server/src/lsp/main.ts). With `--stdio`, `initialize` is answered before
// even dist/server-main.js is loaded (server/src/lsp/earlyInitialize.ts, bundled in).
// The editor, the tests and `npx hfa-language-server` keep starting dist/server.js.
"use strict";
const { join } = require("node:path");
const { runWithCompileCache } = require("../bin/compile-cache.js");
const start = (answered) => runWithCompileCache(join(__dirname, "server-main.js")).main(() => runWithCompileCache(join(__dirname, "server-core.js")), answered);
if (process.argv.includes("--stdio")) require("../server/src/lsp/earlyInitialize.ts").answerInitializeEarly(start);
else start(undefined);
