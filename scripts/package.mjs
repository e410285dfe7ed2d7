// `npm run package`: the VS Code extension as one .vsix a secretariat installs
// (`code --install-extension hfa-<version>.vsix`), with the language server
// inside it. Builds minified bundles without source maps, then packs exactly
// the files .vscodeignore allows (no sources, tests, node_modules or maps:
// everything that runs is in dist/), and prints the size.
//
// The package's README (shown on the extension's page in VS Code) is
// docs/extension.md with its pictures and repository links turned into text:
// screenshots would make the package several times larger, and links into a
// repository lead nowhere from an installed extension.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const out = join(root, `${manifest.name}-${manifest.version}.vsix`);

execFileSync(process.execPath, [join(root, "scripts", "build.mjs"), "--production"], { cwd: root, stdio: "inherit" });
for (const bundle of ["dist/client.js", "dist/server.js", "dist/server-main.js", "dist/server-core.js", "dist/report-renderers.js", "dist/browser/client.js", "dist/browser/server.js"]) {
  if (!existsSync(join(root, bundle))) {
    console.error(`package: ${bundle} is missing (build failed?)`);
    process.exit(1);
  }
  rmSync(join(root, `${bundle}.map`), { force: true });
}

/** docs/extension.md for the package: images become their alt text, relative links their text. */
function packageReadme(markdown) {
  return markdown
    .replace(/!\[([^\]]*)\]\((?!https:)[^)]*\)/g, (_, alt) => (alt ? `*${alt}*` : ""))
    .replace(/(?<!!)\[([^\]]+)\]\((?!https?:|#)[^)]*\)/g, "$1");
}

const readmeSource = existsSync(join(root, "docs", "extension.md")) ? join(root, "docs", "extension.md") : join(root, "README.md");
const readme = join(root, "dist", "README.vsix.md");
mkdirSync(dirname(readme), { recursive: true });
writeFileSync(readme, packageReadme(readFileSync(readmeSource, "utf8")));

rmSync(out, { force: true });
// package.json's "files" lists what the npm package holds (the CLI); vsce refuses a manifest with
// both "files" and a .vscodeignore. So the extension is packed from a staging copy of the tree
// whose manifest has no "files", and .vscodeignore alone decides what the .vsix holds.
const stage = mkdtempSync(join(tmpdir(), "hfa-vsix-stage-"));
try {
  const skipped = new Set(["node_modules", ".git", ".e2e"]);
  cpSync(root, stage, { recursive: true, filter: (source) => !skipped.has(relative(root, source).split(/[\\/]/)[0]) && !source.endsWith(".vsix") });
  const { files: _npmFiles, ...extensionManifest } = manifest;
  writeFileSync(join(stage, "package.json"), JSON.stringify(extensionManifest, null, 2) + "\n");
  const vsce = join(root, "node_modules", "@vscode", "vsce", "vsce");
  execFileSync(
    process.execPath,
    [vsce, "package", "--no-dependencies", "--allow-missing-repository", "--readme-path", relative(root, readme), "--out", out],
    { cwd: stage, stdio: ["ignore", "inherit", "inherit"] },
  );
} finally {
  rmSync(stage, { recursive: true, force: true });
}
const bytes = statSync(out).size;
console.log(`package: ${relative(root, out)} ${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`);
if (bytes > 1.5 * 1024 * 1024) console.warn("package: larger than the 1.5 MB target (Node and browser bundles)");
