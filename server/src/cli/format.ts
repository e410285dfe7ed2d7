/**
 * `hfa format [--check] [paths…]`: rewrites files in canonical form. Every
 * file is read before any is written, so an unreadable one (exit 2) leaves
 * all untouched. A file is written only when its text changes; files with
 * syntax errors are never touched (exit 1).
 */
import { writeFileSync } from "node:fs";
import { formatText } from "../format/formatter.js";
import { COMMON_OPTIONS, flag, parse, type OptionSpecs } from "./args.js";
import { InputError } from "./errors.js";
import { resolveWorkspace, searchStart } from "./config.js";
import { discover, readText, reasonOf } from "./files.js";
import type { Io } from "./io.js";
import { say, type Locale } from "./locale.js";
import { visible } from "./output/escape.js";

const OPTIONS: OptionSpecs = { ...COMMON_OPTIONS, check: { type: "boolean" } };

function files(n: number, locale: Locale): string {
  return locale === "nb" ? (n === 1 ? "1 fil" : `${n} filer`) : n === 1 ? "1 file" : `${n} files`;
}

export function runFormat(args: readonly string[], io: Io, flagLocale: Locale | undefined): number {
  const locale: Locale = flagLocale ?? "nb";
  const parsed = parse(args, OPTIONS, locale, "format");
  const check = flag(parsed, "check");
  const paths = parsed.positionals.length > 0 ? parsed.positionals : ["."];
  // The same files as `check` sees: the workspace's `exclude` applies inside folders.
  const { scope } = resolveWorkspace(undefined, searchStart(paths[0], io.cwd), io.cwd, locale);
  const texts = discover(paths, io.cwd, locale, scope).files.map((file) => readText(file, locale));

  let changed = 0;
  let unchanged = 0;
  let syntaxErrors = 0;
  let failed = false;
  for (const file of texts) {
    let result;
    try {
      result = formatText(file.text);
    } catch (error) {
      // A formatter bug: say so, leave the file as it is, and go on with the others.
      io.err(say(locale, `hfa: kunne ikke formatere ${visible(file.display)} (intern feil: ${firstLine(error)}); filen er ikke endret\n`, `hfa: could not format ${visible(file.display)} (internal error: ${firstLine(error)}); the file is unchanged\n`));
      failed = true;
      continue;
    }
    if (result.kind === "syntaxErrors") {
      io.err(say(locale, `hfa: ${visible(file.display)} har syntaksfeil og ble ikke formatert\n`, `hfa: ${visible(file.display)} has syntax errors and was not formatted\n`));
      syntaxErrors++;
      continue;
    }
    if (!result.changed) {
      unchanged++;
      continue;
    }
    changed++;
    if (check) {
      io.out(`${visible(file.display)}\n`);
      continue;
    }
    try {
      writeFileSync(file.absolute, (file.bom ? "\uFEFF" : "") + result.text, "utf8");
    } catch (error) {
      throw new InputError(file.display, reasonOf(error, locale));
    }
  }

  const parts = check
    ? [say(locale, `${files(changed, locale)} må formateres`, `${files(changed, locale)} need${changed === 1 ? "s" : ""} formatting`), say(locale, `${unchanged} uendret`, `${unchanged} unchanged`)]
    : [say(locale, `${files(changed, locale)} formatert`, `${files(changed, locale)} formatted`), say(locale, `${unchanged} uendret`, `${unchanged} unchanged`)];
  if (syntaxErrors > 0) parts.push(say(locale, `${syntaxErrors} med syntaksfeil`, `${syntaxErrors} with syntax errors`));
  io.out(parts.join(", ") + "\n");

  if (failed) return 2;
  if (syntaxErrors > 0) return 1;
  if (check && changed > 0) return 1;
  return 0;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}
