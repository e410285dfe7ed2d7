// Bundles the CLI, the language server and (when present) the VS Code client
// with esbuild: one file each, so Node loads one module instead of hundreds
// (start-up time is part of the CLI's and the server's budget).
import { build, transform } from "esbuild";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { arrayLoopsPlugin } from "./arrayLoops.mjs";
import { buildBrowser } from "./buildWeb.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const production = process.argv.includes("--production");

/**
 * The PDF and Word renderers (pdfmake with its fonts, fontkit, pdfkit, docx: 2,7 of the
 * server bundle's 4 MB) are a bundle of their own, dist/report-renderers.js, which
 * server/src/report/index.ts's `import("./render/pdf.js")` and `import("./render/docx.js")`
 * require only when a PDF or Word report is asked for. So the language server and
 * `hfa check` neither read, hash nor compile them at start-up, nor hold their source in memory.
 * (esbuild's own code splitting needs ESM output; the bundles are CommonJS for the code cache.)
 */
const RENDERERS = "report-renderers.js";
const rendererImport = /^\.\/render\/(pdf|docx)\.js$/;
const reportIndex = join(root, "server", "src", "report", "index.ts");
const lazyRenderers = {
  name: "hfa-lazy-report-renderers",
  setup(b) {
    b.onResolve({ filter: rendererImport }, (args) => (args.importer === reportIndex ? { path: `./${RENDERERS}`, external: true } : undefined));
  },
};

/**
 * The language server is two bundles (server/src/lsp/main.ts): dist/server-main.js answers
 * `initialize` and then loads dist/server-core.js, the server and the analysis. Both use
 * vscode-languageserver, and must share one copy of it (the connection recognises only its
 * own ResponseError): the core's imports of it become dist/server-main.js's export of it.
 */
const sharedLanguageServer = {
  name: "hfa-shared-language-server",
  setup(b) {
    b.onResolve({ filter: /^vscode-languageserver(\/node)?$/ }, () => ({ path: "vscode-languageserver", namespace: "hfa-shared" }));
    b.onResolve({ filter: /^\.\/server-main\.js$/, namespace: "hfa-shared" }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: "hfa-shared" }, () => ({ contents: 'module.exports = require("./server-main.js").languageServer;', loader: "js" }));
  },
};

const entries = [
  { in: "server/src/cli/main.ts", out: "dist/cli.js", lazyRenderers: true, ascii: true },
  // The language server's two bundles, and dist/server.js, which loads them with V8's code cache.
  { in: "server/src/lsp/main.ts", out: "dist/server-main.js", ascii: true },
  { in: "server/src/lsp/core.ts", out: "dist/server-core.js", lazyRenderers: true, sharedLanguageServer: true, ascii: true },
  { in: "scripts/server-entry.cjs", out: "dist/server.js" },
  {
    stdin: { contents: 'export { renderPdf } from "./pdf.js";\nexport { renderDocx } from "./docx.js";\n', resolveDir: join(root, "server", "src", "report", "render"), sourcefile: "report-renderers.ts", loader: "ts" },
    out: `dist/${RENDERERS}`,
  },
  { in: "client/src/extension.ts", out: "dist/client.js", external: ["vscode"] },
];

// `for…of` over arrays lowered to indexed loops in our own code (scripts/arrayLoops.mjs);
// one type-checked program for every bundle, the browser's too.
const arrayLoops = arrayLoopsPlugin(root);
mkdirSync(join(root, "dist"), { recursive: true });
const started = Date.now();
const present = entries.filter((e) => e.stdin !== undefined || existsSync(join(root, e.in)));
for (const entry of present) {
  await build({
    ...(entry.stdin ? { stdin: entry.stdin } : { entryPoints: [join(root, entry.in)] }),
    outfile: join(root, entry.out),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    // jsonc-parser's "main" is a UMD build esbuild cannot follow; its ESM build bundles cleanly.
    mainFields: ["module", "main"],
    // The server's completion reads the extension's snippet file (one source).
    // The report's PDF fonts (server/src/report/render/pdf.ts) are bundled as bytes.
    loader: { ".code-snippets": "json", ".ttf": "binary" },
    // The report's fonts are TrueType: fontkit's WOFF2 decoder is not needed (scripts/stubs/).
    alias: { "brotli/decompress.js": join(root, "scripts", "stubs", "brotli-decompress.cjs") },
    external: entry.external ?? [],
    plugins: [arrayLoops, ...(entry.lazyRenderers ? [lazyRenderers] : []), ...(entry.sharedLanguageServer ? [sharedLanguageServer] : [])],
    // `import()` of the renderers' bundle becomes `require`: the bundles run as CommonJS
    // (bin/compile-cache.js runs them through vm.Script, which has no dynamic import).
    supported: entry.lazyRenderers ? { "dynamic-import": false } : {},
    minify: production,
    sourcemap: production ? false : "linked",
    legalComments: "none",
    logLevel: "warning",
  });
}
/**
 * esbuild escapes every non-ASCII character of the code (charset "ascii"), but an
 * unminified build keeps comments as written: the few «», … and § in our doc comments
 * made Node decode dist/server-main.js as UTF-8 into a two-byte string (twice the
 * memory, ~8 ms more to read and hash at every start). Each such UTF-16 unit becomes
 * "?" (one for one, so the source map's columns stay right). Kept only if the code is
 * provably unchanged: minified (comments dropped) it must be byte-identical.
 */
async function asciiComments(file) {
  const code = readFileSync(file, "utf8");
  // eslint-disable-next-line no-control-regex
  const ascii = code.replace(/[^\x00-\x7f]/g, "?");
  if (ascii === code) return;
  const minified = async (text) => (await transform(text, { minify: true, legalComments: "none", charset: "ascii", format: "cjs", platform: "node" })).code;
  if ((await minified(ascii)) !== (await minified(code))) {
    console.error(`hfa: ${file} has non-ASCII characters outside comments; left as UTF-8`);
    return;
  }
  writeFileSync(file, ascii);
}
for (const entry of present) if (entry.ascii && !production) await asciiComments(join(root, entry.out));

// The language server in a Web Worker, the VS Code web extension and the web app (scripts/buildWeb.mjs).
const browserBuilt = await buildBrowser(root, { production, arrayLoops });
console.error(`hfa: built ${[...present.map((e) => e.out), ...browserBuilt].join(", ")} in ${Date.now() - started} ms`);
