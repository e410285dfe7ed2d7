// One way for every bench script to load code from a checkout: the modules
// named, bundled with esbuild the way scripts/build.mjs bundles the CLI (so
// figures are those of the shipped code), written to bench/out/ (git-ignored)
// and required. `root` may be another checkout (before/after comparisons).
import { build } from "esbuild";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * The checkout's own build plugins, as scripts/build.mjs applies them (older checkouts have
 * none); made once per checkout, so the bundles of one bench process share one type-checked program.
 */
const pluginsByRoot = new Map();
async function pluginsOf(root) {
  const arrayLoops = join(root, "scripts", "arrayLoops.mjs");
  if (!existsSync(arrayLoops)) return [];
  const { arrayLoopsPlugin } = await import(pathToFileURL(arrayLoops).href);
  return [arrayLoopsPlugin(root)];
}
function buildPlugins(root) {
  if (!pluginsByRoot.has(root)) pluginsByRoot.set(root, pluginsOf(root));
  return pluginsByRoot.get(root);
}

/** Writes the bundle. `modules`: { "../grammar/src/parser.ts": ["parse"], … }, paths relative to `<root>/bench`. */
export async function bundleTo(root, modules, outfile, { sourcemap = false } = {}) {
  const contents = Object.entries(modules)
    .map(([path, names]) => `export { ${names.join(", ")} } from ${JSON.stringify(path)};`)
    .join("\n");
  await build({
    stdin: { contents, resolveDir: join(root, "bench"), sourcefile: "bench-entry.ts", loader: "ts" },
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    mainFields: ["module", "main"],
    sourcemap: sourcemap ? "linked" : false,
    plugins: await buildPlugins(root),
    logLevel: "warning",
  });
}

/** Writes the bundle and requires it. */
export async function bundleFrom(root, modules, outfile, options) {
  await bundleTo(root, modules, outfile, options);
  return createRequire(import.meta.url)(outfile);
}
