/**
 * The installed package: its root (for docs/rules/*.md and package.json) is
 * the parent of the bundle's folder (`dist/cli.js` → `..`). When run from
 * source (tests importing these modules) the nearest folder up with the
 * package's package.json is used instead.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

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

/**
 * Where a person reads about the tool: the package's `homepage` (a web
 * address), never a path on the machine that ran the check.
 */
export function informationUri(): string | undefined {
  const homepage = packageJson().homepage;
  return homepage !== undefined && /^https?:\/\//.test(homepage) ? homepage : undefined;
}

export function rulePagePath(code: string): string {
  return join(packageRoot(), "docs", "rules", `${code}.md`);
}

/** The rule's page as Markdown, or undefined when the package lacks it. */
export function rulePageMarkdown(code: string): string | undefined {
  try {
    return readFileSync(rulePagePath(code), "utf8");
  } catch {
    return undefined;
  }
}

/**
 * A web address of the rule's page (spec §8): `<docs.baseUrl>/<CODE>.md`
 * when hfa.json sets `docs.baseUrl` (the folder where a repository publishes
 * the rule pages), else the page in the package's repository, from its
 * `homepage` (`https://github.com/o/r#readme` →
 * `https://github.com/o/r/blob/main/docs/rules/<CODE>.md`). Undefined when neither is known: SARIF then
 * carries no help URI rather than a `file://` path of the CI runner.
 */
export function ruleHelpUri(code: string, docsBaseUrl: string | undefined): string | undefined {
  if (docsBaseUrl !== undefined) return `${docsBaseUrl.replace(/\/+$/, "")}/${code}.md`;
  const homepage = informationUri();
  if (homepage === undefined) return undefined;
  const base = homepage.replace(/#.*$/, "").replace(/\/+$/, "");
  const github = /^https:\/\/github\.com\/[^/]+\/[^/]+$/.test(base);
  return github ? `${base}/blob/main/docs/rules/${code}.md` : `${base}/docs/rules/${code}.md`;
}
