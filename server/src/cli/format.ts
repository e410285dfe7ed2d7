/**
 * `hfa format [--check] [paths…]`: rewrites files in canonical form, one
 * file at a time (read, format, replace), so an edit saved while others are
 * formatted is seen. A file is written only when its text changes, always
 * atomically (see atomicWrite.ts), with its own line endings, byte order mark
 * and mode. Files with syntax errors are never touched (exit 1). A file that
 * cannot be read or written, or that changed after it was read, is reported
 * and skipped; the others are still formatted, and the run ends with exit 2
 * and a summary that counts the failures.
 */
import { formatText } from "../format/formatter.js";
import { COMMON_OPTIONS, flag, parse, stringValue, type OptionSpecs } from "./args.js";
import { NODE_FS, replaceFileAtomically, stampOf, WriteFailure, type WriteFs } from "./atomicWrite.js";
import { InputError, UsageError } from "./errors.js";
import { resolveWorkspace, searchStart } from "./config.js";
import { decodeText, discover, noFilesMessage, readBytes, reasonOf, skippedLinksMessage, type InputFile } from "./files.js";
import type { Io } from "./io.js";
import { say, type Locale } from "./locale.js";
import { visible } from "./output/escape.js";

const OPTIONS: OptionSpecs = { ...COMMON_OPTIONS, check: { type: "boolean" }, stdin: { type: "boolean" }, "stdin-filename": { type: "string" } };

function files(n: number, locale: Locale): string {
  return locale === "nb" ? (n === 1 ? "1 fil" : `${n} filer`) : n === 1 ? "1 file" : `${n} files`;
}

type Outcome = "changed" | "unchanged" | "syntaxErrors" | "failed";

export function runFormat(args: readonly string[], io: Io, flagLocale: Locale | undefined, writeFs: WriteFs = NODE_FS): number {
  const locale: Locale = flagLocale ?? "nb";
  const parsed = parse(args, OPTIONS, locale, "format");
  const check = flag(parsed, "check");
  if (flag(parsed, "stdin")) return formatStdin(parsed.positionals, stringValue(parsed, "stdin-filename"), check, io, locale);
  if (stringValue(parsed, "stdin-filename") !== undefined) {
    throw new UsageError(say(locale, "--stdin-filename gjelder bare sammen med --stdin.", "--stdin-filename only applies with --stdin."), "format");
  }
  const paths = parsed.positionals.length > 0 ? parsed.positionals : ["."];
  // The same files as `check` sees: the workspace's `exclude` applies inside folders.
  const { scope, settings } = resolveWorkspace(undefined, searchStart(paths[0], io.cwd), io.cwd, locale);
  const discovery = discover(paths, io.cwd, locale, scope);
  const skippedLinks = skippedLinksMessage(discovery.skipped, locale);
  if (skippedLinks !== undefined) io.err(skippedLinks);
  const inputs = discovery.files;
  if (inputs.length === 0) {
    // As for `check`: a misspelt path in a `format --check` CI step must not pass.
    io.err(noFilesMessage(paths, locale, (settings?.exclude.length ?? 0) > 0));
    return 2;
  }

  const counts: Record<Outcome, number> = { changed: 0, unchanged: 0, syntaxErrors: 0, failed: 0 };
  for (const input of inputs) counts[formatOne(input, check, io, locale, writeFs)]++;

  const parts = check
    ? [say(locale, `${files(counts.changed, locale)} må formateres`, `${files(counts.changed, locale)} need${counts.changed === 1 ? "s" : ""} formatting`)]
    : [say(locale, `${files(counts.changed, locale)} formatert`, `${files(counts.changed, locale)} formatted`)];
  parts.push(say(locale, `${counts.unchanged} uendret`, `${counts.unchanged} unchanged`));
  if (counts.syntaxErrors > 0) parts.push(say(locale, `${counts.syntaxErrors} med syntaksfeil`, `${counts.syntaxErrors} with syntax errors`));
  if (counts.failed > 0) parts.push(say(locale, `${counts.failed} ikke behandlet på grunn av feil (se over)`, `${counts.failed} not processed because of errors (see above)`));
  io.out(parts.join(", ") + "\n");

  if (counts.failed > 0) return 2;
  if (counts.syntaxErrors > 0) return 1;
  if (check && counts.changed > 0) return 1;
  return 0;
}

/**
 * `--stdin`: formats standard input to standard output (for editors and
 * hooks); with `--check` prints nothing and exits 1 when the text would
 * change. Text with syntax errors is printed unchanged, with exit 1.
 */
function formatStdin(positionals: readonly string[], filename: string | undefined, check: boolean, io: Io, locale: Locale): number {
  if (positionals.length > 0) throw new UsageError(say(locale, "med --stdin leses teksten fra standard inn; oppgi ingen stier.", "with --stdin the text is read from standard input; give no paths."), "format");
  const name = visible(filename ?? "<stdin>");
  const raw = io.readStdin();
  const bom = raw.charCodeAt(0) === 0xfeff;
  const text = bom ? raw.slice(1) : raw;
  const result = formatText(text);
  if (result.kind === "syntaxErrors") {
    io.err(say(locale, `hfa: ${name} har syntaksfeil og ble ikke formatert\n`, `hfa: ${name} has syntax errors and was not formatted\n`));
    if (!check) io.out(raw);
    return 1;
  }
  if (check) return result.changed ? 1 : 0;
  io.out((bom ? "\uFEFF" : "") + result.text);
  return 0;
}

function formatOne(input: InputFile, check: boolean, io: Io, locale: Locale, writeFs: WriteFs): Outcome {
  let bytes: Buffer;
  let file;
  try {
    bytes = readBytes(input, locale);
    file = decodeText(input, bytes, locale);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.err(say(locale, `hfa: kan ikke lese ${visible(error.path)}: ${visible(error.reason)}\n`, `hfa: cannot read ${visible(error.path)}: ${visible(error.reason)}\n`));
    return "failed";
  }
  let stamp;
  try {
    stamp = stampOf(file.absolute, bytes, writeFs);
  } catch (error) {
    io.err(say(locale, `hfa: kan ikke lese ${visible(file.display)}: ${reasonOf(error, locale)}\n`, `hfa: cannot read ${visible(file.display)}: ${reasonOf(error, locale)}\n`));
    return "failed";
  }

  let result;
  try {
    result = formatText(file.text);
  } catch (error) {
    // A formatter bug: say so, leave the file as it is, and go on with the others.
    io.err(say(locale, `hfa: kunne ikke formatere ${visible(file.display)} (intern feil: ${firstLine(error)}); filen er ikke endret\n`, `hfa: could not format ${visible(file.display)} (internal error: ${firstLine(error)}); the file is unchanged\n`));
    return "failed";
  }
  if (result.kind === "syntaxErrors") {
    io.err(say(locale, `hfa: ${visible(file.display)} har syntaksfeil og ble ikke formatert\n`, `hfa: ${visible(file.display)} has syntax errors and was not formatted\n`));
    return "syntaxErrors";
  }
  if (!result.changed) return "unchanged";
  if (check) {
    io.out(`${visible(file.display)}\n`);
    return "changed";
  }
  try {
    replaceFileAtomically(file.absolute, Buffer.from((file.bom ? "\uFEFF" : "") + result.text, "utf8"), stamp, writeFs);
  } catch (error) {
    if (!(error instanceof WriteFailure)) throw error;
    io.err(writeFailureMessage(file.display, error, locale));
    return "failed";
  }
  return "changed";
}

function writeFailureMessage(display: string, failure: WriteFailure, locale: Locale): string {
  const unchanged = say(locale, "filen er ikke endret", "the file is unchanged");
  const reason = reasonOf(failure.cause_, locale);
  switch (failure.step) {
    case "changed":
      return say(
        locale,
        `hfa: ${visible(display)} ble endret etter at den ble lest, og er ikke formatert; kjør «hfa format» på nytt\n`,
        `hfa: ${visible(display)} changed after it was read and was not formatted; run "hfa format" again\n`,
      );
    case "readOnly":
      return say(locale, `hfa: kan ikke skrive ${visible(display)}: filen er skrivebeskyttet; ${unchanged}\n`, `hfa: cannot write ${visible(display)}: the file is read-only; ${unchanged}\n`);
    case "create":
      return say(locale, `hfa: kan ikke skrive ${visible(display)}: kan ikke lage en midlertidig fil i mappen (${reason}); ${unchanged}\n`, `hfa: cannot write ${visible(display)}: cannot create a temporary file in its folder (${reason}); ${unchanged}\n`);
    case "rename":
      return say(locale, `hfa: kan ikke skrive ${visible(display)}: kan ikke erstatte filen (${reason}); ${unchanged}\n`, `hfa: cannot write ${visible(display)}: cannot replace the file (${reason}); ${unchanged}\n`);
    case "stat":
    case "write":
    case "sync":
      return say(locale, `hfa: kan ikke skrive ${visible(display)}: ${reason}; ${unchanged}\n`, `hfa: cannot write ${visible(display)}: ${reason}; ${unchanged}\n`);
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}
