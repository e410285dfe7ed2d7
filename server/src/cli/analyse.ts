/**
 * The analysis step of `hfa check`: the files read, one workspace analysed,
 * each file's part of the output in the CLI's model (results.ts). With
 * `--cache` (checkCache.ts) the unchanged files' parts come from the cache
 * when that is sound, and only the changed files are analysed.
 */
import { LineIndex, Workspace, type WorkspaceAnalysis } from "../analysis/index.js";
import {
  CACHE_FORMAT,
  factsOf,
  planReuse,
  verifyReuse,
  writeCache,
  type CacheDocument,
  type CachedFile,
  type CurrentFile,
  type FileFacts,
  type FileResult,
} from "./checkCache.js";
import type { TextFile } from "./files.js";
import type { Io } from "./io.js";
import type { Locale } from "./locale.js";
import { balanceDataOf, type BalanceData } from "./output/balanceData.js";
import { Progress } from "./progress.js";
import { toCliDiagnostics, type KnownFile } from "./results.js";

/** A file of the run, read. */
export interface CheckInput {
  readonly display: string;
  readonly absolute: string;
  readonly uri: string;
  /** With `--cache`, a hash of its bytes (checkCache.ts); else "". */
  readonly hash: string;
  /** Its text (decoded when first asked for). */
  text(): string;
  /** Named on the command line (its diagnostics are printed), not only part of the workspace. */
  readonly given: boolean;
}

export interface CheckOutcome {
  /** Each file's part of the output, by uri (at least the files asked for). */
  readonly results: ReadonlyMap<string, FileResult>;
  readonly locale: Locale;
}

/** `hfa.json`, when the workspace has one. */
export interface ConfigInput {
  readonly file: TextFile;
  readonly uri: string;
}

interface Analysed extends CheckOutcome {
  readonly workspace: Workspace;
  readonly analysis: WorkspaceAnalysis;
}

/** `keep` (see WorkspaceOptions): "diagnostics" when the run reads nothing but the diagnostics (no HFA404 data, no cache). */
export function newWorkspace(flagLocale: Locale | undefined, config: ConfigInput | undefined, keep: "everything" | "diagnostics" = "everything"): Workspace {
  const workspace = new Workspace({ locale: flagLocale, keep });
  if (config) workspace.setConfig(config.uri, config.file.text);
  return workspace;
}

/**
 * Analyses `inputs` in `workspace`; returns the results of the files in
 * `wanted` (uris), with HFA404's balance data only when `withData` (it is
 * for `--format json` and the cache; the other formats do without it).
 */
export function analyseFiles(
  inputs: readonly CheckInput[],
  workspace: Workspace,
  config: ConfigInput | undefined,
  wanted: ReadonlySet<string>,
  withData: boolean,
  io: Io,
  locale: Locale,
): Analysed {
  const known = new Map<string, KnownFile>();
  if (config) known.set(config.uri, { display: config.file.display, absolute: config.file.absolute, lines: new LineIndex(config.file.text) });
  const progress = new Progress(io, inputs.length, locale);
  let analysis: WorkspaceAnalysis;
  try {
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i]!;
      const source = workspace.setFile(input.uri, input.text());
      known.set(input.uri, { display: input.display, absolute: input.absolute, lines: source.lines });
      progress.update(i + 1);
    }
    // The line stays (at n/n) while the workspace is analysed, then goes.
    analysis = workspace.analyze();
  } finally {
    progress.clear();
  }
  const dataOf = withData ? balanceDataOf(analysis, known) : () => undefined;
  const results = new Map<string, FileResult>();
  for (const uri of wanted) {
    if (!known.has(uri)) continue;
    const diagnostics = toCliDiagnostics([uri], analysis.diagnostics, known);
    const data: [number, BalanceData][] = [];
    diagnostics.forEach((diagnostic, index) => {
      const balance = dataOf(diagnostic);
      if (balance !== undefined) data.push([index, balance]);
    });
    results.set(uri, { diagnostics, data });
  }
  return { results, locale: analysis.locale, workspace, analysis };
}

/** The cache of a `--cache` run: where it lives, its key, and the last run's document when it is valid for that key. */
export interface OpenCache {
  readonly path: string;
  readonly key: string;
  readonly previous: CacheDocument | undefined;
}

/**
 * The run with `--cache`: the cached results where they still hold (see
 * checkCache.ts), the whole workspace analysed otherwise; the cache rewritten
 * unless nothing changed.
 */
export function analyseWithCache(
  inputs: readonly CheckInput[],
  cache: OpenCache,
  config: ConfigInput | undefined,
  flagLocale: Locale | undefined,
  io: Io,
  locale: Locale,
): CheckOutcome {
  const current: CurrentFile[] = inputs.map((input) => ({ uri: input.uri, absolute: input.absolute, display: input.display, hash: input.hash }));
  const { previous } = cache;
  const plan = previous ? planReuse(previous, current) : undefined;
  if (previous && plan) {
    if (plan.changed.length === 0 && plan.removed.length === 0) {
      const results = new Map<string, FileResult>();
      for (const [uri, entry] of plan.reused) results.set(uri, entry.result);
      if (config && previous.config) results.set(config.uri, previous.config);
      trace(io, "replayed", 0, inputs.length);
      return { results, locale: previous.locale };
    }
    const analysedUris = new Set(plan.analyse);
    const partial = analyseFiles(
      inputs.filter((input) => analysedUris.has(input.uri)),
      newWorkspace(flagLocale, config),
      config,
      new Set(plan.changed),
      true,
      io,
      locale,
    );
    const facts = new Map<string, FileFacts>(plan.changed.map((uri) => [uri, factsOf(partial.workspace, partial.analysis, uri)]));
    const absolute = new Map(inputs.map((input) => [input.uri, input.absolute]));
    if (partial.locale === previous.locale && verifyReuse(plan, partial.analysis, facts, (uri) => absolute.get(uri)!, analysedUris)) {
      const results = new Map<string, FileResult>(partial.results);
      for (const [uri, entry] of plan.reused) results.set(uri, entry.result);
      if (config && previous.config) results.set(config.uri, previous.config);
      const files = current.map((file): CachedFile => plan.reused.get(file.uri) ?? { ...file, ...facts.get(file.uri)!, result: partial.results.get(file.uri)! });
      writeCache(cache.path, { format: CACHE_FORMAT, key: cache.key, locale: partial.locale, config: previous.config, files });
      trace(io, "partial", plan.analyse.length, inputs.length);
      return { results, locale: partial.locale };
    }
  }
  const all = new Set(inputs.map((input) => input.uri));
  if (config) all.add(config.uri);
  const full = analyseFiles(inputs, newWorkspace(flagLocale, config), config, all, true, io, locale);
  const files = current.map((file): CachedFile => ({ ...file, ...factsOf(full.workspace, full.analysis, file.uri), result: full.results.get(file.uri)! }));
  writeCache(cache.path, { format: CACHE_FORMAT, key: cache.key, locale: full.locale, config: config ? full.results.get(config.uri) : undefined, files });
  trace(io, previous ? "full (cache not reusable)" : "full (no valid cache)", inputs.length, inputs.length);
  return full;
}

/** HFA_DEBUG_CACHE=1: one line on stderr saying what the cache did (for tests and for puzzled users). */
function trace(io: Io, mode: string, analysed: number, total: number): void {
  if (io.env.HFA_DEBUG_CACHE) io.err(`hfa: cache: ${mode}, ${analysed} of ${total} files analysed\n`);
}
