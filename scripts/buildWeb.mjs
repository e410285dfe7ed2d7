// The browser builds (issue 11), called by scripts/build.mjs:
//  - dist/browser/server.js — the language server for a Web Worker (server/src/lsp/browserMain.ts);
//  - dist/browser/client.js — the VS Code web extension's client (client/src/browser.ts);
//  - dist/web/ — the static web app (web/): index.html, app.js, app.css; one folder that
//    works from file:// and from any static host.
// Node's fs, path and url are mapped onto the worker's in-memory tree
// (server/src/lsp/browser/), so the server's own code runs unchanged.
import { build } from "esbuild";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

/** The web extension's client: the Node language client and crypto replaced by their browser counterparts. */
const CLIENT_IN_BROWSER = {
  "vscode-languageclient/node": "client/src/browser/languageClient.ts",
  "node:crypto": "client/src/browser/nodeCrypto.ts",
  "node:os": "client/src/browser/nodeOs.ts",
};

const NODE_IN_MEMORY = {
  "node:fs": "server/src/lsp/browser/nodeFs.ts",
  "node:fs/promises": "server/src/lsp/browser/nodeFsPromises.ts",
  "node:path": "server/src/lsp/browser/nodePath.ts",
  "node:url": "server/src/lsp/browser/nodeUrl.ts",
};

function filesUnder(dir, keep) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path, keep));
    else if (keep(entry.name)) out.push(path);
  }
  return out.sort();
}

/** `hfa-virtual:*` modules and the Node built-ins of the worker. */
function browserPlugin(root, sources, aliases = NODE_IN_MEMORY) {
  return {
    name: "hfa-browser",
    setup(b) {
      if (aliases.officeRenderers === false) {
        b.onResolve({ filter: /^\.\/render\/(pdf|docx)\.js$/ }, (args) => (args.importer.includes(join("server", "src", "report")) ? { path: join(root, "server/src/lsp/browser/noOfficeRenderers.ts") } : undefined));
      }
      b.onResolve({ filter: /^vscode-languageclient\/node$/ }, (args) => (aliases[args.path] ? { path: join(root, aliases[args.path]) } : undefined));
      b.onResolve({ filter: /^node:/ }, (args) => {
        const target = aliases[args.path];
        if (!target) return { errors: [{ text: `${args.path} has no browser implementation (server/src/lsp/browser/)` }] };
        return { path: join(root, target) };
      });
      b.onResolve({ filter: /^hfa-virtual:/ }, (args) => ({ path: args.path, namespace: "hfa-virtual" }));
      b.onLoad({ filter: /.*/, namespace: "hfa-virtual" }, (args) => {
        const name = args.path.slice("hfa-virtual:".length);
        if (name === "rule-docs") {
          const dir = join(root, "docs", "rules");
          const docs = {};
          const watchFiles = [];
          for (const file of readdirSync(dir).filter((f) => /^HFA\d{3}\.md$/.test(f)).sort()) {
            docs[file.slice(0, -3)] = readFileSync(join(dir, file), "utf8");
            watchFiles.push(join(dir, file));
          }
          return { contents: `export default ${JSON.stringify(docs)};`, loader: "js", watchFiles };
        }
        if (name === "samples") {
          const dir = join(root, "samples");
          const files = filesUnder(dir, (f) => f.endsWith(".hfa") || f === "hfa.json").map((path) => ({ path: relative(dir, path).split("\\").join("/"), text: readFileSync(path, "utf8") }));
          return { contents: `export default ${JSON.stringify(files)};`, loader: "js" };
        }
        if (name === "keywords") return { contents: `export default ${JSON.stringify(sources.keywords ?? [])};`, loader: "js" };
        if (name in sources) return { contents: `export default ${JSON.stringify(sources[name])};`, loader: "js" };
        return { errors: [{ text: `unknown virtual module ${args.path}` }] };
      });
    },
  };
}

const commonOptions = (root, production, sources, aliases) => ({
  bundle: true,
  platform: "browser",
  target: ["chrome114", "firefox115", "safari16"],
  mainFields: ["browser", "module", "main"],
  loader: { ".code-snippets": "json", ".ttf": "dataurl" },
  define: { "process.env.NODE_ENV": '"production"' },
  // The report's fonts are TrueType: fontkit's WOFF2 decoder is not needed (as scripts/build.mjs).
  alias: { "brotli/decompress.js": join(root, "scripts", "stubs", "brotli-decompress.cjs") },
  plugins: [browserPlugin(root, sources, aliases)],
  minify: production,
  legalComments: "none",
  logLevel: "warning",
});

/**
 * monaco's `vs/nls.js` replaced by web/src/monacoNls.ts in the web app's page:
 * its words in bokmål (monaco ships no Norwegian). Only monaco's own imports of
 * it, and only in the page (the editor worker shows no words).
 */
function monacoBokmalPlugin(root) {
  const monaco = join(root, "node_modules", "monaco-editor", "esm");
  return {
    name: "hfa-monaco-bokmal",
    setup(b) {
      b.onResolve({ filter: /(^|\/)nls\.js$/ }, (args) => (args.importer.startsWith(monaco) ? { path: join(root, "web", "src", "monacoNls.ts") } : undefined));
    },
  };
}

/** Builds one entry into memory and returns its JavaScript. */
async function buildToString(root, entry, options) {
  const result = await build({ ...options, entryPoints: [join(root, entry)], format: "iife", write: false, outdir: join(root, "dist", "tmp") });
  const js = result.outputFiles.find((file) => file.path.endsWith(".js"));
  if (!js) throw new Error(`build of ${entry} produced no JavaScript`);
  return js.text;
}

/** The grammar's keyword spellings (grammar/src/tokens.ts), for the page's tokenizer. */
async function grammarKeywords(root) {
  const result = await build({
    stdin: { contents: 'export { keywordsBySpelling } from "./grammar/src/tokens.ts";', resolveDir: root, loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    write: false,
    logLevel: "warning",
  });
  const url = `data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString("base64")}`;
  const { keywordsBySpelling } = await import(url);
  return [...keywordsBySpelling.keys()].sort();
}

function writeAtomically(path, data) {
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, data);
  renameSync(temp, path);
}

/** `arrayLoops`: scripts/arrayLoops.mjs's plugin, given by scripts/build.mjs to share its program. */
export async function buildBrowser(root, { production = false, arrayLoops } = {}) {
  const common = (...args) => {
    const options = commonOptions(...args);
    return arrayLoops ? { ...options, plugins: [arrayLoops, ...options.plugins] } : options;
  };
  const built = [];
  const outBrowser = join(root, "dist", "browser");
  mkdirSync(outBrowser, { recursive: true });

  // The workers are always minified: the web app embeds one, and it counts towards the first load.
  // The web extension's worker leaves out the PDF and Word renderers (server/src/lsp/browser/noOfficeRenderers.ts).
  const worker = await buildToString(root, "server/src/lsp/browserMain.ts", common(root, true, {}));
  const extensionWorker = await buildToString(root, "server/src/lsp/browserMain.ts", common(root, true, {}, { ...NODE_IN_MEMORY, officeRenderers: false }));
  writeAtomically(join(outBrowser, "server.js"), extensionWorker);
  built.push("dist/browser/server.js");

  // The extension itself, unchanged, for VS Code's web extension host (package.json `browser`).
  if (existsSync(join(root, "client/src/extension.ts"))) {
    await build({ ...common(root, production, {}, CLIENT_IN_BROWSER), entryPoints: [join(root, "client/src/extension.ts")], outfile: join(outBrowser, "client.js"), format: "cjs", external: ["vscode"], sourcemap: production ? false : "linked" });
    built.push("dist/browser/client.js");
  }

  if (existsSync(join(root, "web/src/main.ts"))) {
    const keywords = await grammarKeywords(root);
    const editorWorker = await buildToString(root, "node_modules/monaco-editor/esm/vs/editor/editor.worker.js", common(root, true, {}));
    const outWeb = join(root, "dist", "web");
    mkdirSync(outWeb, { recursive: true });
    const page = common(root, true, { "worker-source": worker, "editor-worker-source": editorWorker, keywords });
    const result = await build({
      ...page,
      plugins: [monacoBokmalPlugin(root), ...page.plugins],
      entryPoints: { app: join(root, "web/src/main.ts") },
      outdir: outWeb,
      format: "iife",
      sourcemap: false,
      write: false,
    });
    // Each file replaced in one step (temp file and rename), nothing deleted first: tests
    // reading dist/web/ while another process rebuilds it (npm run package) never see it half-made.
    const wanted = new Set();
    for (const file of result.outputFiles) {
      writeAtomically(file.path, file.contents);
      wanted.add(file.path);
    }
    for (const file of readdirSync(join(root, "web", "static"))) {
      if (!statSync(join(root, "web", "static", file)).isFile()) continue;
      writeAtomically(join(outWeb, file), readFileSync(join(root, "web", "static", file)));
      wanted.add(join(outWeb, file));
    }
    for (const file of readdirSync(outWeb)) if (!wanted.has(join(outWeb, file)) && !file.includes(".tmp-")) rmSync(join(outWeb, file), { force: true });
    built.push("dist/web/");
  }
  return built;
}
