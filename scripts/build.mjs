// Bundles the CLI, the language server and (when present) the VS Code client
// with esbuild: one file each, so Node loads one module instead of hundreds
// (start-up time is part of the CLI's and the server's budget).
import { build } from "esbuild";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildBrowser } from "./buildWeb.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const production = process.argv.includes("--production");

const entries = [
  { in: "server/src/cli/main.ts", out: "dist/cli.js" },
  // The language server bundle, and dist/server.js, which loads it with V8's code cache.
  { in: "server/src/lsp/main.ts", out: "dist/server-main.js" },
  { in: "scripts/server-entry.cjs", out: "dist/server.js" },
  { in: "client/src/extension.ts", out: "dist/client.js", external: ["vscode"] },
];

mkdirSync(join(root, "dist"), { recursive: true });
const started = Date.now();
for (const entry of entries) {
  if (!existsSync(join(root, entry.in))) continue;
  await build({
    entryPoints: [join(root, entry.in)],
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
    minify: production,
    sourcemap: production ? false : "linked",
    legalComments: "none",
    logLevel: "warning",
  });
}
// The language server in a Web Worker, the VS Code web extension and the web app (scripts/buildWeb.mjs).
const browserBuilt = await buildBrowser(root, { production });
console.error(`hfa: built ${[...entries.filter((e) => existsSync(join(root, e.in))).map((e) => e.out), ...browserBuilt].join(", ")} in ${Date.now() - started} ms`);
