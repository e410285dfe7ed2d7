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
require(bundle);
