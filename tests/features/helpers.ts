/**
 * Helpers for the feature tests: a Workspace loaded with samples/felles and
 * samples/avtaler (plus inline files), a FeatureContext for one file, and
 * cursors written as `|` in the text.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Position } from "vscode-languageserver";
import { Workspace, type Locale } from "../../server/src/analysis/index.js";
import type { FeatureContext } from "../../server/src/lsp/features/api.js";
import { featureDebug } from "../../server/src/lsp/features/util.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DOCS_BASE_URI = pathToFileURL(join(ROOT, "docs", "rules")).href + "/";

// Features swallow exceptions in production; in these tests they must surface.
featureDebug.rethrow = true;

export function sampleFiles(...folders: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const folder of folders) {
    const dir = join(ROOT, "samples", folder);
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith(".hfa")) out[`file:///ws/${folder}/${name}`] = readFileSync(join(dir, name), "utf8");
    }
  }
  return out;
}

export interface Loaded {
  readonly workspace: Workspace;
  ctx(uri: string, locale?: Locale): FeatureContext;
  text(uri: string): string;
}

export function load(files: Readonly<Record<string, string>>, locale?: Locale): Loaded {
  const workspace = new Workspace(locale ? { locale } : {});
  for (const [uri, text] of Object.entries(files)) workspace.setFile(uri, text);
  return {
    workspace,
    ctx(uri, ctxLocale) {
      const file = workspace.file(uri);
      if (!file) throw new Error(`no file ${uri}`);
      const analysis = workspace.analyze();
      return { workspace, analysis, file, locale: ctxLocale ?? locale ?? analysis.locale, docsBaseUri: DOCS_BASE_URI };
    },
    text(uri) {
      return workspace.file(uri)?.text ?? "";
    },
  };
}

/** Samples (felles + avtaler) plus inline files. */
export function loadSamples(extra: Readonly<Record<string, string>> = {}, locale?: Locale): Loaded {
  return load({ ...sampleFiles("felles", "avtaler"), ...extra }, locale);
}

/** Text with one `|` marking the cursor → the text and the offset. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf("|");
  if (offset < 0) throw new Error("no cursor");
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** Offset of the `n`-th occurrence (0-based) of `needle` in `text`, plus `delta`. */
export function offsetOf(text: string, needle: string, delta = 0, n = 0): number {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found (${i})`);
  }
  return at + delta;
}

export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

export { SPEC_EXAMPLE } from "./specExample.js";
