// The Node flags a checkout's language server is started with, as its VS Code
// client starts it: server/src/lsp/nodeFlags.ts's serverNodeFlags for this
// machine's cores, bundled from that checkout (bench/bundle.mjs); a checkout
// from before that module (an older `--root`) has only nodeFlags.json's fixed flags.
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleFrom } from "./bundle.mjs";

const out = join(dirname(fileURLToPath(import.meta.url)), "out");

/** The flags of `<root>/dist/server.js`, for this machine. */
export async function serverNodeFlagsOf(root) {
  if (!existsSync(join(root, "server", "src", "lsp", "nodeFlags.ts"))) {
    return JSON.parse(readFileSync(join(root, "server", "src", "lsp", "nodeFlags.json"), "utf8")).execArgv;
  }
  // One bundle per checkout (bench/out/ is git-ignored).
  const file = join(out, `server-flags-${root.replace(/[^A-Za-z0-9]+/g, "_")}.cjs`);
  const { serverNodeFlags } = await bundleFrom(root, { "../server/src/lsp/nodeFlags.ts": ["serverNodeFlags"] }, file);
  return serverNodeFlags(availableParallelism());
}
