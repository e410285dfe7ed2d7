/**
 * The installed package: its root (for docs/rules/*.md and package.json) is
 * the parent of the bundle's folder (`dist/cli.js` → `..`). When run from
 * source (tests importing these modules) the nearest folder up with the
 * package's package.json is used instead.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

let root: string | undefined;
let manifest: { name?: string; version?: string; homepage?: string } | undefined;

export function packageRoot(): string {
  if (root !== undefined) return root;
  const start = typeof __dirname === "string" ? __dirname : process.cwd();
  let dir = start;
  for (;;) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate)) {
      try {
        const json = JSON.parse(readFileSync(candidate, "utf8")) as { name?: string };
        if (json.name === "hfa") return (root = dir);
      } catch {
        // not ours; keep looking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return (root = join(start, ".."));
    dir = parent;
  }
}

function packageJson(): { name?: string; version?: string; homepage?: string } {
  if (manifest) return manifest;
  try {
    manifest = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as typeof manifest & object;
  } catch {
    manifest = {};
  }
  return manifest!;
}

export function packageVersion(): string {
  return packageJson().version ?? "0.0.0";
}

/** Where a person reads about the tool: the package's homepage, else docs/cli.md in the package. */
export function informationUri(): string {
  return packageJson().homepage ?? pathToFileURL(join(packageRoot(), "docs", "cli.md")).href;
}

export function rulePagePath(code: string): string {
  return join(packageRoot(), "docs", "rules", `${code}.md`);
}

export function rulePageUri(code: string): string {
  return pathToFileURL(rulePagePath(code)).href;
}
