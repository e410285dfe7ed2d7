/**
 * Finding and reading the files a command works on. Folders are searched
 * recursively for `*.hfa` by the workspace's file selection
 * (../workspace/selection.ts, shared with the language server: no
 * `node_modules`, no dot-folders, nothing `exclude` names); a file named on
 * the command line is taken whatever its extension, and read as given (even
 * through a link). Inside a folder, a symbolic link that resolves outside
 * the folder given is skipped, and that is said once on stderr: a
 * `x.hfa -> /etc/passwd` or a link to `/` never makes the CLI read or walk
 * outside the folder. Display paths
 * keep the user's spelling: the argument as given, joined with the path
 * inside the folder.
 */
import { isUtf8 } from "node:buffer";
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync, type Dirent } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { isAlwaysSkippedFolder, isInsideExcludedFolder, workspaceSelection, type FileSelection } from "../workspace/selection.js";
import { InputError } from "./errors.js";
import { say, type Locale } from "./locale.js";
import { visible } from "./output/escape.js";

export interface InputFile {
  /** As the user spelled it (joined with the path inside a folder). */
  readonly display: string;
  readonly absolute: string;
}

export interface TextFile extends InputFile {
  readonly text: string;
  /** The file started with a UTF-8 byte order mark (stripped from `text`). */
  readonly bom: boolean;
}

/** The workspace a command works in: its root folder (holding `hfa.json`) and which files it holds there. */
export interface WorkspaceScope {
  readonly root: string;
  readonly selection: FileSelection;
}

/** Outside any workspace a folder is walked with the fixed rules only (no `exclude`). */
const NO_EXCLUDE = workspaceSelection([]);

export interface SkippedLink {
  readonly display: string;
  readonly target: string;
}

export interface Discovery {
  readonly files: InputFile[];
  /** Symbolic links inside a folder that point outside it: not followed (issue 8 item 6). */
  readonly skipped: readonly SkippedLink[];
}

/**
 * Every file under `paths` (in argument order; inside a folder sorted by
 * name), each once. A file named on the command line is taken as given; a
 * folder is walked by the workspace's selection (relative to its root) when
 * it lies inside `scope`, else by the fixed rules alone.
 */
export function discover(paths: readonly string[], cwd: string, locale: Locale, scope?: WorkspaceScope): Discovery {
  const out: InputFile[] = [];
  const seen = new Set<string>();
  const skipped: SkippedLink[] = [];
  // Keyed by real path: a file reached twice (named twice, or through a link inside the folder
  // that points at another part of it) is one file, not a false HFA102 against itself.
  const add = (display: string, absolute: string, real: string) => {
    if (seen.has(real)) return;
    seen.add(real);
    out.push({ display, absolute });
  };
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    let stats;
    try {
      stats = statSync(absolute);
    } catch (error) {
      throw new InputError(path, reasonOf(error, locale));
    }
    if (stats.isDirectory()) {
      const real = safeRealpath(absolute, path, locale);
      const inScope = scope !== undefined && isInside(scope.root, absolute);
      const selection = inScope ? scope.selection : NO_EXCLUDE;
      const relativeStart = inScope ? toPosix(relative(scope.root, absolute)) : "";
      if (relativeStart !== "" && isInsideExcludedFolder(selection, relativeStart + "/")) continue;
      walk({ absolute, display: path, real, relative: relativeStart }, { top: real, selection, ancestors: new Set([real]), add, locale, skipped });
    } else if (stats.isFile()) add(path, absolute, safeRealpath(absolute, path, locale));
    else throw new InputError(path, say(locale, "er verken en fil eller en mappe", "is neither a file nor a folder"));
  }
  return { files: out, skipped };
}

/** Every file the workspace holds (spec §7), named relative to `cwd`. */
export function discoverWorkspace(scope: WorkspaceScope, cwd: string, locale: Locale): Discovery {
  const display = relative(cwd, scope.root) || ".";
  return discover([display], cwd, locale, scope);
}

interface Folder {
  readonly absolute: string;
  readonly display: string;
  /** Its real path (links resolved). */
  readonly real: string;
  /** `/`-separated from the selection's root; "" for the root. */
  readonly relative: string;
}

interface Walk {
  /** Real path of the folder given: links resolving outside it are not followed. */
  readonly top: string;
  readonly selection: FileSelection;
  readonly ancestors: Set<string>;
  readonly add: (display: string, absolute: string, real: string) => void;
  readonly locale: Locale;
  readonly skipped: SkippedLink[];
}

function walk(folder: Folder, state: Walk): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder.absolute, { withFileTypes: true });
  } catch (error) {
    throw new InputError(folder.display, reasonOf(error, state.locale));
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const childAbsolute = folder.absolute + sep + entry.name;
    const display = folder.display;
    const childDisplay = display === "." ? entry.name : display.endsWith(sep) || display.endsWith("/") ? display + entry.name : display + sep + entry.name;
    const childRelative = folder.relative === "" ? entry.name : `${folder.relative}/${entry.name}`;
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    let childReal = folder.real + sep + entry.name;
    if (entry.isSymbolicLink()) {
      if (!entry.name.endsWith(".hfa") && isAlwaysSkippedFolder(entry.name)) continue;
      const target = linkInside(childAbsolute, childDisplay, state);
      if (target === undefined) continue;
      try {
        const stats = statSync(target);
        isDirectory = stats.isDirectory();
        isFile = stats.isFile();
        childReal = target;
      } catch {
        continue;
      }
    }
    if (isDirectory) {
      if (!state.selection.includesFolder(childRelative) || state.ancestors.has(childReal)) continue;
      state.ancestors.add(childReal);
      walk({ absolute: childAbsolute, display: childDisplay, real: childReal, relative: childRelative }, state);
      state.ancestors.delete(childReal);
    } else if (isFile && state.selection.includesFile(childRelative)) state.add(childDisplay, childAbsolute, childReal);
  }
}

/**
 * Where a symbolic link inside the folder given leads, or undefined when it
 * dangles or resolves outside that folder (then it is recorded as skipped).
 */
function linkInside(childAbsolute: string, childDisplay: string, state: Walk): string | undefined {
  let target: string;
  try {
    target = realpathSync(childAbsolute);
  } catch {
    return undefined; // a dangling link inside a folder is not something the user asked for
  }
  if (!isInside(state.top, target)) {
    // Said only for a link that would have been used: an agreement or a folder.
    if (childDisplay.endsWith(".hfa") || isFolder(target)) state.skipped.push({ display: childDisplay, target });
    return undefined;
  }
  return target;
}

export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The one line that says which links were skipped (the first by name), or undefined when none were. */
export function skippedLinksMessage(skipped: readonly SkippedLink[], locale: Locale): string | undefined {
  const unique = [...new Map(skipped.map((link) => [link.display, link])).values()];
  const first = unique[0];
  if (first === undefined) return undefined;
  const n = unique.length;
  const display = visible(first.display);
  const target = visible(first.target);
  return say(
    locale,
    `hfa: hoppet over ${n === 1 ? "1 symbolsk lenke" : `${n} symbolske lenker`} som peker ut av mappen (${display} -> ${target}${n > 1 ? ` og ${n - 1} til` : ""}); oppgi filen direkte for å lese den\n`,
    `hfa: skipped ${n === 1 ? "1 symbolic link" : `${n} symbolic links`} pointing outside the folder (${display} -> ${target}${n > 1 ? ` and ${n - 1} more` : ""}); name the file directly to read it\n`,
  );
}

/**
 * Paths that hold no `.hfa` file are exit 2 (spec §8: a misspelt CI path must
 * not pass); this is the message, for every command. `excluded`: the
 * workspace's `exclude` may be why.
 */
export function noFilesMessage(paths: readonly string[], locale: Locale, excluded: boolean): string {
  const nb = paths.map((path) => `«${visible(path)}»`).join(", ");
  const en = paths.map((path) => `"${visible(path)}"`).join(", ");
  return say(
    locale,
    `hfa: fant ingen .hfa-filer i ${nb}${excluded ? " (utenom det «exclude» i hfa.json utelater)" : ""}. Oppgi en fil eller en mappe med avtaler.\n`,
    `hfa: found no .hfa files in ${en}${excluded ? ' (besides what "exclude" in hfa.json leaves out)' : ""}. Give a file or a folder holding agreements.\n`,
  );
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (rel !== ".." && !rel.startsWith(".." + sep) && !isAbsolute(rel));
}

function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}

function safeRealpath(absolute: string, display: string, locale: Locale): string {
  try {
    return realpathSync(absolute);
  } catch (error) {
    throw new InputError(display, reasonOf(error, locale));
  }
}

/**
 * The largest file the CLI reads: 10 MiB, far above any real agreement
 * (the largest known is under 100 KB). Larger files are refused before they
 * are read (exit 2), so a stray 3 GB file costs nothing.
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/**
 * Reads a file as UTF-8 text; binary files (NUL bytes), invalid UTF-8 and
 * files above MAX_FILE_BYTES are InputErrors.
 */
export function readText(file: InputFile, locale: Locale): TextFile {
  return decodeText(file, readBytes(file, locale), locale);
}

/**
 * The file's bytes, refusing one above MAX_FILE_BYTES before reading it. The
 * size is asked once, of the opened file (`statSync` + `readFileSync` asked
 * twice, by path and again by descriptor), and is the size of the file then read.
 */
export function readBytes(file: InputFile, locale: Locale): Buffer {
  let fd: number;
  try {
    fd = openSync(file.absolute, "r");
  } catch (openError) {
    // Rare: answered in the order it always was (a file too large says so even when it cannot be opened).
    let size: number;
    try {
      size = statSync(file.absolute).size;
    } catch (statError) {
      throw new InputError(file.display, reasonOf(statError, locale));
    }
    refuseTooLarge(file, size, locale);
    throw new InputError(file.display, reasonOf(openError, locale));
  }
  try {
    const stat = fstatSync(fd);
    refuseTooLarge(file, stat.size, locale);
    // Anything but a plain file with a size (an empty one, a device) is read as readFileSync reads it: to its end.
    return stat.isFile() && stat.size > 0 ? readSized(fd, stat.size) : readFileSync(fd);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(file.display, reasonOf(error, locale));
  } finally {
    closeSync(fd);
  }
}

/** `size` bytes from `fd` (fewer if the file shrank meanwhile): what readFileSync reads of a plain file. */
function readSized(fd: number, size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const read = readSync(fd, bytes, filled, size - filled, null);
    if (read === 0) break;
    filled += read;
  }
  return filled === size ? bytes : bytes.subarray(0, filled);
}

function refuseTooLarge(file: InputFile, size: number, locale: Locale): void {
  if (size <= MAX_FILE_BYTES) return;
  throw new InputError(
    file.display,
    say(
      locale,
      `er for stor (${megabytes(size)} MB; høyst ${megabytes(MAX_FILE_BYTES)} MB leses)`,
      `is too large (${megabytes(size)} MB; at most ${megabytes(MAX_FILE_BYTES)} MB is read)`,
    ),
  );
}

function megabytes(bytes: number): string {
  return String(Math.round((bytes / (1024 * 1024)) * 10) / 10).replace(".", ",");
}

/**
 * Decodes bytes as UTF-8 text. Decodes first and validates the bytes only
 * when the text holds a replacement character (rare), so valid files are
 * decoded in one pass.
 */
export function decodeText(file: InputFile, bytes: Buffer, locale: Locale): TextFile {
  const text = bytes.toString("utf8");
  if (text.includes("\0")) throw binaryFile(file, locale);
  if (text.includes("\uFFFD") && !isUtf8(bytes)) throw notUtf8(file, locale);
  const bom = text.charCodeAt(0) === 0xfeff;
  return { ...file, text: bom ? text.slice(1) : text, bom };
}

function binaryFile(file: InputFile, locale: Locale): InputError {
  return new InputError(file.display, say(locale, "inneholder NUL-byte – er det en binærfil?", "contains NUL bytes – is it a binary file?"));
}

function notUtf8(file: InputFile, locale: Locale): InputError {
  return new InputError(file.display, say(locale, "er ikke gyldig UTF-8-tekst", "is not valid UTF-8 text"));
}

const NUL = Buffer.from([0]);

/**
 * The texts of `files` (BOM stripped), read in order and refused as
 * `readText` refuses them, in the same order; what `readText` gives each,
 * but decoded in one piece: each text is a slice of one string of them all.
 * A cold `hfa check` keeps every text to its end, and one string that large
 * is never copied by a scavenge, where a thousand strings of a few KB
 * (most two bytes a character: one «–» makes a whole file so) are copied
 * twice each (docs/performance.md, round 6 `retain`). The files are joined
 * with a NUL byte, which no text holds (that is a binary file) and which
 * ends any UTF-8 sequence, so the string's NULs are exactly the ends of the files.
 */
export function readTexts(files: readonly InputFile[], locale: Locale): string[] {
  const parts: Buffer[] = [];
  for (const file of files) {
    const bytes = readBytes(file, locale);
    // As decodeText: a NUL in the text is a NUL byte, and a text is refused for invalid UTF-8 only after that.
    if (bytes.includes(0)) throw binaryFile(file, locale);
    if (!isUtf8(bytes)) throw notUtf8(file, locale);
    parts.push(bytes, NUL);
  }
  const all = Buffer.concat(parts).toString("utf8");
  const texts: string[] = [];
  let start = 0;
  for (let i = 0; i < files.length; i++) {
    const end = all.indexOf("\0", start);
    texts.push(all.slice(all.charCodeAt(start) === 0xfeff ? start + 1 : start, end));
    start = end + 1;
  }
  return texts;
}

/** A `file:` URI for an absolute path (a key for the analysis; cheaper than `pathToFileURL`). */
export function fileUri(absolute: string): string {
  const segments = absolute.split(sep).map(encodeURIComponent);
  const path = segments.join("/");
  return path.startsWith("/") ? `file://${path}` : `file:///${path}`;
}

/** A system error in words, without the path (the message names it already). */
export function reasonOf(error: unknown, locale: Locale): string {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  switch (code) {
    case "ENOENT":
      return say(locale, "finnes ikke", "no such file or folder");
    case "EACCES":
    case "EPERM":
      return say(locale, "ingen tilgang", "permission denied");
    case "EISDIR":
      return say(locale, "er en mappe", "is a folder");
    case "ENOTDIR":
      return say(locale, "en del av stien er ikke en mappe", "a part of the path is not a folder");
    case "ELOOP":
      return say(locale, "for mange symbolske lenker", "too many symbolic links");
    case "ENAMETOOLONG":
      return say(locale, "for langt navn", "name too long");
    case "ENOSPC":
    case "EDQUOT":
      return say(locale, "ikke nok plass på disken", "no space left on the disk");
    case "EROFS":
      return say(locale, "filsystemet er skrivebeskyttet", "the file system is read-only");
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return typeof code === "string" ? `${code}: ${message.split("\n")[0]}` : message.split("\n")[0]!;
    }
  }
}
