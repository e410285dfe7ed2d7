/**
 * `hfa check --cache`: the results of the last run, kept in one file inside
 * the workspace (default `.hfacache` in the folder of `hfa.json`, or in the
 * current folder without one), so that a CI re-run re-checks only the
 * agreements that changed. Like ESLint's `--cache`, but keyed by content
 * (a SHA-1 of every file's bytes), never by modification times.
 *
 * What a file's results depend on decides what may be reused (see
 * ../analysis/workspace.ts): an agreement's results depend on its own file
 * and on what every file declares (the shared declarations, and the names
 * of all agreements); duplicates (HFA102) and frames (HFA701/702) depend on
 * every file. So a run reuses the cached results of the unchanged files only
 * when the files that changed (edited, added, removed) hold nothing but
 * agreements, hold no grant (none drawn from a frame, before or after), and
 * neither gain nor lose an agreement name that anything else could see (a
 * duplicate, an unresolved reference); and only when no unchanged file's
 * results point into a changed one (related places). Then the changed files
 * are analysed in a workspace of their own plus every file that declares
 * something shared, which gives them exactly the results the whole workspace
 * would. In every other case the whole workspace is analysed, as without
 * `--cache`. Either way the cache is then rewritten atomically, unless
 * nothing changed.
 *
 * The cache file is checked before it is believed: an unreadable, corrupt,
 * foreign or old-version file, or one written by another build of hfa, for
 * other options, another `hfa.json` or another current folder, is ignored
 * (and replaced). A cache that cannot be written costs only the next run's time.
 */
import { createHash } from "node:crypto";
import { closeSync, lstatSync, openSync, readFileSync, readSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve, sep } from "node:path";
import { Limits, type WorkspaceAnalysis, type Workspace } from "../analysis/index.js";
import { writeFileAtomically } from "./atomicWrite.js";
import { isFolder, isInside } from "./files.js";
import type { Locale } from "./locale.js";
import type { BalanceData } from "./output/balanceData.js";
import { packageVersion } from "./pkg.js";
import type { CliDiagnostic } from "./results.js";

/** The default file name, in the workspace root. */
export const CACHE_FILE_NAME = ".hfacache";

/** Bumped whenever the document's shape or meaning changes: an older cache is then ignored. */
export const CACHE_FORMAT = "hfa-check-cache/3";

/** One file's part of the output, in the CLI's model (format-independent). */
export interface FileResult {
  readonly diagnostics: readonly CliDiagnostic[];
  /**
   * `--format json`'s `data` of HFA404, by the diagnostic's index in
   * `diagnostics`; as the bytes of its JSON when read from the cache for
   * another format than `--format json` (it is most of the cache's bytes,
   * so it is neither decoded nor parsed then: see readCache).
   */
  readonly data: readonly (readonly [number, BalanceData | Uint8Array])[];
}

/** What decides whether a file's change can leave the other files' results alone. */
export interface FileFacts {
  /** Every top-level declaration is an agreement: it declares nothing other agreements use. */
  readonly agreementOnly: boolean;
  /** One of its agreements draws a grant (it takes part in the frame check, HFA701/702). */
  readonly grants: boolean;
  /** Its agreements' names (they share one namespace with every file's). */
  readonly names: readonly string[];
  /** Names in reference positions that resolved to nothing (a new declaration could change them). */
  readonly unresolved: readonly string[];
}

export interface CachedFile extends FileFacts {
  readonly absolute: string;
  readonly display: string;
  readonly hash: string;
  readonly result: FileResult;
}

export interface CacheDocument {
  readonly format: string;
  /** Everything else the output depends on: the build, the options, `hfa.json`, the current folder. */
  readonly key: string;
  readonly locale: Locale;
  /** The diagnostics of `hfa.json` itself (its text is part of the key). */
  readonly config: FileResult | undefined;
  readonly files: readonly CachedFile[];
}

export function contentHash(content: string | Uint8Array): string {
  return createHash("sha1").update(content).digest("base64");
}

/**
 * The key of everything but the files' texts that the output depends on.
 * `bundle` is this build of hfa (its own code, so a rebuilt hfa never
 * replays another build's results).
 */
export function cacheKey(parts: {
  readonly bundle: string;
  readonly cwd: string;
  readonly paths: readonly string[];
  readonly locale: Locale | undefined;
  readonly configUri: string | undefined;
  readonly configText: string | undefined;
}): string {
  return contentHash(JSON.stringify([CACHE_FORMAT, parts.bundle, parts.cwd, parts.paths, parts.locale ?? null, parts.configUri ?? null, parts.configText ?? null]));
}

/**
 * This build of hfa: the version, and the size and modification time of the
 * running bundle (`dist/cli.js`; under a test runner, this module), so that
 * a rebuilt or reinstalled hfa never replays another build's results. Its
 * metadata, not a hash of its 4 MB: reading and hashing it would cost a
 * warm re-run a tenth of its time, and a new build always has a new mtime.
 */
export function buildIdentity(): string {
  try {
    const stats = statSync(__filename);
    return `${packageVersion()} ${stats.size} ${stats.mtimeMs}`;
  } catch {
    return `unknown build ${Date.now()}`; // never matches a cache: no reuse
  }
}

/**
 * Where the cache lives: `--cache-location` (a file, or a folder to put
 * `.hfacache` in: an existing folder or a path ending in `/`), resolved from
 * the current folder, else `.hfacache` in `root`. Refused when it lies
 * outside `root` (the cache is never read or written outside the
 * workspace), or when `--cache-location` names a file that is not a cache.
 */
export function cacheLocation(flag: string | undefined, root: string, cwd: string): { path: string } | { refused: "outside" | "notCache" } {
  let path = join(root, CACHE_FILE_NAME);
  if (flag !== undefined) {
    path = resolve(cwd, flag);
    if (flag.endsWith("/") || flag.endsWith(sep) || isFolder(path)) path = join(path, CACHE_FILE_NAME);
    // A file the user keeps is never overwritten: an agreement, hfa.json, or any file that is not a cache.
    if (path.endsWith(".hfa") || basename(path) === "hfa.json" || !isCacheOrAbsent(path)) return { refused: "notCache" };
  }
  // Links resolved (a folder that is a link out of the workspace is outside it), from the
  // nearest folder that exists: a cache in a folder not made yet is simply never written.
  let existing = dirname(path);
  while (realFolder(existing) === undefined && dirname(existing) !== existing) existing = dirname(existing);
  const folder = realFolder(existing);
  const realRoot = realFolder(root);
  if (folder === undefined || realRoot === undefined || !isInside(realRoot, folder)) return { refused: "outside" };
  return { path };
}

/** No file at `path`, or one whose first bytes are a cache's (a corrupt cache of ours is replaced). */
function isCacheOrAbsent(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT";
  }
  try {
    const start = Buffer.alloc(CACHE_SIGNATURE.length);
    const read = readSync(fd, start, 0, start.length, 0);
    return read === 0 || start.subarray(0, read).toString("latin1") === CACHE_SIGNATURE.slice(0, read);
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

/** How every cache file begins (JSON.stringify writes `format` first). */
const CACHE_SIGNATURE = `{"format":"hfa-check-cache/`;

function realFolder(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The cache at `path` when it is a well-formed document for `key`; else
 * undefined (ignored, then replaced). The file is one line of JSON (the
 * document, each balance data replaced by its line number) and then one
 * line of JSON per balance data: those are most of the bytes, and only
 * `--format json` needs them parsed (`parseData`; a line that does not parse
 * then makes the whole cache invalid). Otherwise they stay bytes, and go
 * back into the next cache as they are.
 */
export function readCache(path: string, key: string, parseData: boolean): CacheDocument | undefined {
  try {
    // Only a plain file: a link could lead out of the workspace.
    if (!lstatSync(path).isFile()) return undefined;
    // Bytes, not text: the balance data lines are decoded only when parsed.
    const bytes = readFileSync(path);
    const newline = bytes.indexOf(10);
    const document: unknown = JSON.parse(bytes.toString("utf8", 0, newline < 0 ? bytes.length : newline));
    if (!isStoredDocument(document) || document.key !== key) return undefined;
    const lines: Buffer[] = [];
    for (let start = newline + 1; newline >= 0 && start <= bytes.length; ) {
      const end = bytes.indexOf(10, start);
      lines.push(bytes.subarray(start, end < 0 ? bytes.length : end));
      if (end < 0) break;
      start = end + 1;
    }
    const resolveData = (result: StoredResult): FileResult | undefined => {
      const data: [number, BalanceData | Uint8Array][] = [];
      for (const [index, line] of result.data) {
        const json = lines[line];
        if (json === undefined) return undefined;
        if (!parseData) data.push([index, json]);
        else {
          const value: unknown = JSON.parse(json.toString("utf8"));
          if (!isRecord(value)) return undefined;
          data.push([index, value as unknown as BalanceData]);
        }
      }
      return { diagnostics: result.diagnostics, data };
    };
    const files: CachedFile[] = [];
    for (const entry of document.files) {
      const result = resolveData(entry.result);
      if (!result) return undefined;
      files.push({ ...entry, result });
    }
    const config = document.config && resolveData(document.config);
    if (document.config && !config) return undefined;
    return { format: document.format, key: document.key, locale: document.locale, config, files };
  } catch {
    return undefined;
  }
}

/** Writes the cache atomically (temp file in the same folder, fsync, rename); a failure is ignored. */
export function writeCache(path: string, document: CacheDocument): void {
  const lines: Uint8Array[] = [];
  const stored = (result: FileResult): StoredResult => ({
    diagnostics: result.diagnostics,
    data: result.data.map(([index, data]) => [index, lines.push(data instanceof Uint8Array ? data : Buffer.from(JSON.stringify(data))) - 1] as const),
  });
  // Field by field: an entry taken over from the last cache carries nothing else into the next.
  const files = document.files.map(({ absolute, display, hash, agreementOnly, grants, names, unresolved, result }) => ({
    absolute,
    display,
    hash,
    agreementOnly,
    grants,
    names,
    unresolved,
    result: stored(result),
  }));
  const header = JSON.stringify({ format: CACHE_FORMAT, key: document.key, locale: document.locale, config: document.config && stored(document.config), files });
  const parts: Uint8Array[] = [Buffer.from(header)];
  for (const line of lines) parts.push(NEWLINE, line);
  try {
    writeFileAtomically(path, Buffer.concat(parts), 0o644);
  } catch {
    // A cache that cannot be written (read-only checkout, full disk) only costs the next run its time.
  }
}

const NEWLINE = Buffer.from("\n");

/** A result as the cache file's first line holds it: each balance data by its line number. */
interface StoredResult {
  readonly diagnostics: readonly CliDiagnostic[];
  readonly data: readonly (readonly [number, number])[];
}

interface StoredDocument extends Omit<CacheDocument, "config" | "files"> {
  readonly config: StoredResult | undefined;
  readonly files: readonly (Omit<CachedFile, "result"> & { readonly result: StoredResult })[];
}

/** The facts of each file of an analysed workspace (see FileFacts). */
export function factsOf(workspace: Workspace, analysis: WorkspaceAnalysis, uri: string): FileFacts {
  const source = workspace.file(uri);
  const declarations = source?.parse.file.declarations ?? [];
  const names: string[] = [];
  let agreementOnly = true;
  for (const decl of declarations) {
    if (decl.kind === "agreement") names.push(decl.name.text);
    else agreementOnly = false;
  }
  const unresolved = new Set<string>();
  for (const reference of analysis.references.get(uri) ?? []) if (reference.target === undefined) unresolved.add(reference.name.text);
  return { agreementOnly, grants: grantsIn(analysis, uri), names, unresolved: [...unresolved] };
}

function grantsIn(analysis: WorkspaceAnalysis, uri: string): boolean {
  for (const agreement of analysis.agreements) if (agreement.uri === uri && agreement.money.grants.length > 0) return true;
  return false;
}

/** A file as read for this run. */
export interface CurrentFile {
  readonly uri: string;
  readonly absolute: string;
  readonly display: string;
  readonly hash: string;
}

/** What a run with a valid cache does: analyse `analyse` (uris) and take the rest from `reused`. */
export interface ReusePlan {
  readonly reused: ReadonlyMap<string, CachedFile>;
  /** The files (uris) whose text changed or that are new. */
  readonly changed: readonly string[];
  /** The workspace to analyse: the changed files and every file that declares something shared. */
  readonly analyse: readonly string[];
  /** The unchanged files left out of that workspace (agreements only). */
  readonly omitted: readonly CachedFile[];
  readonly previous: ReadonlyMap<string, CachedFile>;
  readonly removed: readonly CachedFile[];
}

/**
 * Which files can keep their cached results, decided before anything is
 * parsed; undefined when the whole workspace must be analysed. `verify`
 * then checks what only the changed files' new analysis shows.
 */
export function planReuse(cache: CacheDocument, files: readonly CurrentFile[]): ReusePlan | undefined {
  const previous = new Map<string, CachedFile>();
  for (const entry of cache.files) previous.set(entry.absolute, entry);
  const reused = new Map<string, CachedFile>();
  const changed: string[] = [];
  const analyse: string[] = [];
  const omitted: CachedFile[] = [];
  const current = new Set<string>();
  for (const file of files) {
    current.add(file.absolute);
    const before = previous.get(file.absolute);
    if (before && before.hash === file.hash && before.display === file.display) {
      reused.set(file.uri, before);
      if (before.agreementOnly) omitted.push(before);
      else analyse.push(file.uri);
      continue;
    }
    // A changed file that declared something shared, or drew a grant, changes other files' results.
    if (before && (!before.agreementOnly || before.grants)) return undefined;
    changed.push(file.uri);
    analyse.push(file.uri);
  }
  const removed = cache.files.filter((entry) => !current.has(entry.absolute));
  if (removed.some((entry) => !entry.agreementOnly || entry.grants)) return undefined;
  // An unchanged file whose results point into a changed or removed one (a duplicate's other place) is stale.
  const touched = new Set<string>(removed.map((entry) => entry.absolute));
  for (const file of files) if (!reused.has(file.uri)) touched.add(file.absolute);
  if (touched.size > 0) {
    for (const entry of reused.values()) {
      // A file with this many diagnostics may have been capped (../analysis/caps.ts): what points
      // into a changed file could be among the omitted ones, out of sight of the check below.
      if (entry.result.diagnostics.length >= Limits.MAX_DIAGNOSTICS_PER_CODE) return undefined;
      for (const diagnostic of entry.result.diagnostics) if (diagnostic.related?.some((place) => touched.has(place.absolute))) return undefined;
    }
  }
  return { reused, changed, analyse, omitted, previous, removed };
}

/**
 * True when the changed files' results from the partial workspace are those
 * the whole workspace would give and leave every other file's alone (see the
 * module comment). `changedFacts` and `changedResults` are the new analysis',
 * by uri; `absoluteOf` maps a changed uri to its path.
 */
export function verifyReuse(
  plan: ReusePlan,
  analysis: WorkspaceAnalysis,
  changedFacts: ReadonlyMap<string, FileFacts>,
  absoluteOf: (uri: string) => string,
  analysed: ReadonlySet<string>,
): boolean {
  const omittedNames = new Set<string>();
  for (const entry of plan.omitted) for (const name of entry.names) omittedNames.add(name);
  const unresolved = new Set<string>();
  for (const entry of plan.reused.values()) for (const name of entry.unresolved) unresolved.add(name);
  for (const facts of changedFacts.values()) for (const name of facts.unresolved) unresolved.add(name);

  // Names that appear or disappear with the changes: nothing else may see them.
  const moved: { name: string; uri: string | undefined }[] = [];
  for (const [uri, facts] of changedFacts) {
    if (!facts.agreementOnly || facts.grants) return false;
    const before = plan.previous.get(absoluteOf(uri))?.names ?? [];
    for (const name of symmetricDifference(before, facts.names)) moved.push({ name, uri });
    // A name the partial workspace lacks (an omitted agreement's) would be HFA103, not HFA101, in the whole one.
    if (facts.unresolved.some((name) => omittedNames.has(name))) return false;
    for (const diagnostic of analysis.diagnostics.get(uri) ?? []) if (diagnostic.related?.some((place) => !analysed.has(place.uri))) return false;
  }
  for (const entry of plan.removed) for (const name of entry.names) moved.push({ name, uri: undefined });
  for (const { name, uri } of moved) {
    if (omittedNames.has(name) || unresolved.has(name)) return false;
    for (const other of analysis.symbols.anyKind(name)) if ("uri" in other && other.uri !== uri) return false;
  }
  return true;
}

function symmetricDifference(a: readonly string[], b: readonly string[]): string[] {
  const count = new Map<string, number>();
  for (const name of a) count.set(name, (count.get(name) ?? 0) + 1);
  for (const name of b) count.set(name, (count.get(name) ?? 0) - 1);
  return [...count].filter(([, n]) => n !== 0).map(([name]) => name);
}

// ------------------------------------------------------------------ validation of a read document

function isStoredDocument(value: unknown): value is StoredDocument {
  if (!isRecord(value) || value.format !== CACHE_FORMAT || typeof value.key !== "string") return false;
  if (value.locale !== "nb" && value.locale !== "en") return false;
  if (value.config !== undefined && !isResult(value.config)) return false;
  return Array.isArray(value.files) && value.files.every(isCachedFile);
}

function isCachedFile(value: unknown): value is StoredDocument["files"][number] {
  return (
    isRecord(value) &&
    typeof value.absolute === "string" &&
    isAbsolute(value.absolute) &&
    typeof value.display === "string" &&
    typeof value.hash === "string" &&
    typeof value.agreementOnly === "boolean" &&
    typeof value.grants === "boolean" &&
    isStrings(value.names) &&
    isStrings(value.unresolved) &&
    isResult(value.result)
  );
}

function isResult(value: unknown): value is StoredResult {
  if (!isRecord(value) || !Array.isArray(value.diagnostics) || !value.diagnostics.every(isDiagnostic) || !Array.isArray(value.data)) return false;
  const count = value.diagnostics.length;
  return value.data.every((pair) => Array.isArray(pair) && pair.length === 2 && Number.isInteger(pair[0]) && pair[0] >= 0 && pair[0] < count && Number.isInteger(pair[1]) && pair[1] >= 0);
}

const SEVERITIES: ReadonlySet<unknown> = new Set(["error", "warning", "info", "hint"]);

function isDiagnostic(value: unknown): value is CliDiagnostic {
  return (
    isLocation(value) &&
    SEVERITIES.has(value.severity) &&
    typeof value.code === "string" &&
    typeof value.message === "string" &&
    (value.suppressed === undefined || typeof value.suppressed === "string") &&
    (value.related === undefined || (Array.isArray(value.related) && value.related.every((r) => isLocation(r) && typeof r.message === "string")))
  );
}

function isLocation(value: unknown): value is Record<string, unknown> {
  return (
    isRecord(value) &&
    typeof value.file === "string" &&
    typeof value.absolute === "string" &&
    Number.isInteger(value.line) &&
    Number.isInteger(value.column) &&
    Number.isInteger(value.endLine) &&
    Number.isInteger(value.endColumn)
  );
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
