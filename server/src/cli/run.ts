/**
 * The dispatcher: `hfa <command> …` → exit code. Expected failures
 * (UsageError, InputError) and crashes all end here with a one-line message
 * on stderr and exit code 2; never a stack trace alone.
 */
import { COMMON_OPTIONS, flag, localeFlag, parse, splitCommand } from "./args.js";
import { runCheck } from "./check.js";
import { InputError, UsageError } from "./errors.js";
import { runExplain } from "./explain.js";
import { runFormat } from "./format.js";
import { runReport } from "./report.js";
import { COMMAND_NAMES, commandHelp, usage } from "./help.js";
import type { Io } from "./io.js";
import { say, type Locale } from "./locale.js";
import { packageVersion } from "./pkg.js";

const GLOBAL_OPTIONS = { ...COMMON_OPTIONS, version: { type: "boolean" as const, short: "v" } };

export function run(argv: readonly string[], io: Io): number | Promise<number> {
  const locale: Locale = localeFlag(argv) ?? "nb";
  try {
    const result = dispatch(argv, io, locale);
    // `hfa report` renders asynchronously (pdf, docx): its failures end here too.
    return typeof result === "number" ? result : result.catch((error: unknown) => failed(error, io, locale));
  } catch (error) {
    return failed(error, io, locale);
  }
}

function failed(error: unknown, io: Io, locale: Locale): number {
  if (error instanceof UsageError) {
    io.err(`hfa: ${error.message}\n\n${commandHelp(error.command, locale)}`);
    return 2;
  }
  if (error instanceof InputError) {
    io.err(say(locale, `hfa: kan ikke lese ${error.path}: ${error.reason}\n`, `hfa: cannot read ${error.path}: ${error.reason}\n`));
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(say(locale, `hfa: intern feil: ${message}\n`, `hfa: internal error: ${message}\n`));
  if (io.env.HFA_DEBUG && error instanceof Error && error.stack) io.err(error.stack + "\n");
  return 2;
}

function dispatch(argv: readonly string[], io: Io, locale: Locale): number | Promise<number> {
  const { global, command, rest } = splitCommand(argv);
  const options = parse(global, GLOBAL_OPTIONS, locale, undefined);
  const flagLocale = (options.values.locale as Locale | undefined) ?? localeFlag(rest);
  if (flag(options, "version")) {
    io.out(`${packageVersion()}\n`);
    return 0;
  }
  if (command === undefined) {
    if (flag(options, "help")) {
      io.out(usage(locale));
      return 0;
    }
    throw new UsageError(say(locale, "mangler kommando.", "missing command."));
  }
  if (command === "help") {
    io.out(commandHelp(rest[0], locale));
    return 0;
  }
  if (!COMMAND_NAMES.includes(command)) {
    throw new UsageError(say(locale, `ukjent kommando «${command}».`, `unknown command "${command}".`));
  }
  if (flag(options, "help") || rest.includes("--help") || rest.includes("-h")) {
    io.out(commandHelp(command, locale));
    return 0;
  }
  switch (command) {
    case "check":
      return runCheck(rest, io, flagLocale);
    case "format":
      return runFormat(rest, io, flagLocale);
    case "explain":
      return runExplain(rest, io, flagLocale);
    case "report":
      return runReport(rest, io, flagLocale);
    default:
      throw new UsageError(say(locale, `ukjent kommando «${command}».`, `unknown command "${command}".`));
  }
}
