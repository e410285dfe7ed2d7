// dist/server.js: starts the language server bundle (dist/server-main.js) with
// V8's code cache (bin/compile-cache.js, bundled in), ~40 ms of its start-up.
// The editor, the tests and `npx hfa-language-server` keep starting dist/server.js.
"use strict";
require("../bin/compile-cache.js").runWithCompileCache(require("node:path").join(__dirname, "server-main.js"));
