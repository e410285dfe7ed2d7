// Loads a CommonJS bundle with V8's code cache: used by bin/hfa.js for
// dist/cli.js and, bundled into it, by dist/server.js for dist/server-main.js.
"use strict";
const path = require("node:path");
const fs = require("node:fs");

/**
 * Loads a 3,5–4 MB bundle with V8's code cache, so that compiling it (and the
 * functions a run compiles lazily) is not repeated at every start: ~40 ms of
 * the CLI's and of the server's start (docs/performance.md). Node ≥ 22.1 has this built in
 * (`module.enableCompileCache`); Node 20 gets the same through `vm.Script`'s
 * cachedData. The cache lives in a folder of the user's own under the system's
 * temp folder — never in the repository being checked or edited — and is keyed by the
 * bundle's content and the Node version, so a rebuilt or upgraded hfa never
 * runs stale code. Any failure (no temp folder, a folder not ours, a corrupt
 * or rejected cache) falls back to a plain `require`: the cache changes how
 * fast the CLI or server starts, never what it does. HFA_NO_COMPILE_CACHE=1 turns it off.
 */
function runWithCompileCache(file) {
  const dir = process.env.HFA_NO_COMPILE_CACHE ? undefined : cacheFolder();
  if (dir === undefined) return require(file);
  const Module = require("node:module");
  if (typeof Module.enableCompileCache === "function") {
    Module.enableCompileCache(dir);
    return require(file);
  }
  const script = compiledScript(file, dir, Module);
  if (script === undefined) return require(file);
  // What `require(file)` does, with the compiled script: a module of its own, its own require.
  const mod = new Module(file, require.main);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  require.cache[file] = mod;
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  return mod.exports;
}

/**
 * `file` compiled with the cached data in `dir` (undefined if it does not
 * compile). A function of its own so that the bundle's bytes, its source
 * text and the cached data (~2,5 MB for dist/cli.js) are garbage while the
 * bundle runs: a whole `hfa check` runs inside the caller's frame, and what
 * a frame holds stays alive (docs/performance.md, round 6 `retain`).
 */
function compiledScript(file, dir, Module) {
  const vm = require("node:vm");
  // The bytes are hashed as read (hashing the decoded string would encode it again).
  const bytes = fs.readFileSync(file);
  const source = bytes.toString("utf8");
  const key = require("node:crypto").createHash("sha1").update(process.version).update(process.arch).update(bytes).digest("hex").slice(0, 20);
  const cacheFile = path.join(dir, `${path.basename(file)}-${key}.v8cache`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  let script;
  try {
    script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  } catch {
    return undefined;
  }
  if (cachedData === undefined || script.cachedDataRejected === true) {
    // Written when the run ends, so the cache also holds the functions the run compiled.
    process.once("exit", () => {
      try {
        const temp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(temp, cacheFile);
      } catch {
        // A cache that cannot be written only costs the next start its compile time.
      }
    });
  }
  return script;
}

/** `<tmp>/hfa-compile-cache-<uid>`, created private; undefined unless it is a real folder of this user's only. */
function cacheFolder() {
  try {
    const uid = typeof process.getuid === "function" ? process.getuid() : undefined;
    const dir = path.join(require("node:os").tmpdir(), `hfa-compile-cache${uid === undefined ? "" : `-${uid}`}`);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = fs.lstatSync(dir);
    // On a shared machine another user could plant code in a folder of theirs: use only our own.
    if (!stat.isDirectory() || (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0))) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

module.exports = { runWithCompileCache };
