/**
 * Finding and reading the files a command works on. Folders are searched
 * recursively for `*.hfa` (skipping `node_modules` and dot-folders); a file
 * named on the command line is taken whatever its extension. Display paths
 * keep the user's spelling: the argument as given, joined with the path
 * inside the folder.
 */
import { isUtf8 } from "node:buffer";
import { readdirSync, readFileSync, realpathSync, statSync, type Dirent } from "node:fs";
import { resolve, sep } from "node:path";
import { InputError } from "./errors.js";
import { say, type Locale } from "./locale.js";

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

/** Every file under `paths` (in argument order; inside a folder sorted by name), each once. */
export function discover(paths: readonly string[], cwd: string, locale: Locale): InputFile[] {
  const out: InputFile[] = [];
  const seen = new Set<string>();
  const add = (display: string, absolute: string) => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
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
      walk(absolute, path, real, new Set([real]), add, locale);
    } else if (stats.isFile()) add(path, absolute);
    else throw new InputError(path, say(locale, "er verken en fil eller en mappe", "is neither a file nor a folder"));
  }
  return out;
}

function walk(
  absolute: string,
  display: string,
  real: string,
  ancestors: Set<string>,
  add: (display: string, absolute: string) => void,
  locale: Locale,
): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(absolute, { withFileTypes: true });
  } catch (error) {
    throw new InputError(display, reasonOf(error, locale));
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const childAbsolute = absolute + sep + entry.name;
    const childDisplay = display === "." ? entry.name : display.endsWith(sep) || display.endsWith("/") ? display + entry.name : display + sep + entry.name;
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    let childReal = real + sep + entry.name;
    if (entry.isSymbolicLink()) {
      try {
        const stats = statSync(childAbsolute);
        isDirectory = stats.isDirectory();
        isFile = stats.isFile();
        if (isDirectory) childReal = realpathSync(childAbsolute);
      } catch {
        continue; // a dangling link inside a folder is not something the user asked for
      }
    }
    if (isDirectory) {
      if (entry.name.startsWith(".") || entry.name === "node_modules" || ancestors.has(childReal)) continue;
      ancestors.add(childReal);
      walk(childAbsolute, childDisplay, childReal, ancestors, add, locale);
      ancestors.delete(childReal);
    } else if (isFile && entry.name.endsWith(".hfa")) add(childDisplay, childAbsolute);
  }
}

function safeRealpath(absolute: string, display: string, locale: Locale): string {
  try {
    return realpathSync(absolute);
  } catch (error) {
    throw new InputError(display, reasonOf(error, locale));
  }
}

/**
 * Reads a file as UTF-8 text; binary files (NUL bytes) and invalid UTF-8 are
 * InputErrors. Decodes first and validates the bytes only when the text
 * holds a replacement character (rare), so valid files are read in one pass.
 */
export function readText(file: InputFile, locale: Locale): TextFile {
  let text: string;
  try {
    text = readFileSync(file.absolute, "utf8");
  } catch (error) {
    throw new InputError(file.display, reasonOf(error, locale));
  }
  if (text.includes("\0")) {
    throw new InputError(file.display, say(locale, "inneholder NUL-byte – er det en binærfil?", "contains NUL bytes – is it a binary file?"));
  }
  if (text.includes("\uFFFD") && !isUtf8(readFileSync(file.absolute))) {
    throw new InputError(file.display, say(locale, "er ikke gyldig UTF-8-tekst", "is not valid UTF-8 text"));
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  return { ...file, text: bom ? text.slice(1) : text, bom };
}

/** A `file:` URI for an absolute path (a key for the analysis; cheaper than `pathToFileURL`). */
export function fileUri(absolute: string): string {
  const segments = absolute.split(sep).map(encodeURIComponent);
  const path = segments.join("/");
  return path.startsWith("/") ? `file://${path}` : `file:///${path}`;
}

/** A system error in words, without the path (the message names it already). */
export function reasonOf(error: unknown, locale: Locale): string {
  const code = (error as { code?: unknown }).code;
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
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return typeof code === "string" ? `${code}: ${message.split("\n")[0]}` : message.split("\n")[0]!;
    }
  }
}
