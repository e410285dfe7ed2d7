/**
 * Argument parsing with `node:util` `parseArgs` (no dependency). Every
 * mistake becomes a UsageError (exit 2, message and usage on stderr).
 */
import { parseArgs } from "node:util";
import { UsageError } from "./errors.js";
import { isLocale, say, type Locale } from "./locale.js";

export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly short?: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/** Options every command understands. */
export const COMMON_OPTIONS: OptionSpecs = {
  help: { type: "boolean", short: "h" },
  locale: { type: "string" },
};

/**
 * The locale asked for with `--locale` anywhere in `argv` (so that even a
 * usage error is worded in it); undefined when not given or not valid.
 */
export function localeFlag(argv: readonly string[]): Locale | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") break;
    const value = arg === "--locale" ? argv[i + 1] : arg.startsWith("--locale=") ? arg.slice("--locale=".length) : undefined;
    if (isLocale(value)) return value;
  }
  return undefined;
}

/**
 * Splits `argv` into the options before the command, the command, and the
 * command's own arguments. Only `--help`, `--version` and `--locale X` may
 * stand before the command.
 */
export function splitCommand(argv: readonly string[]): { global: string[]; command: string | undefined; rest: string[] } {
  const global: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i]!;
    if (!arg.startsWith("-") || arg === "-" || arg === "--") break;
    global.push(arg);
    if (arg === "--locale" && i + 1 < argv.length) global.push(argv[++i]!);
    i++;
  }
  if (argv[i] === "--") i++;
  return { global, command: argv[i], rest: argv.slice(i + 1) };
}

export function parse(args: readonly string[], options: OptionSpecs, locale: Locale, command: string | undefined): Parsed {
  let result: ReturnType<typeof parseArgs>;
  try {
    result = parseArgs({ args: [...args], options: { ...options }, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(describeParseError(error, locale), command);
  }
  const values = result.values as Record<string, string | boolean | undefined>;
  if (values.locale !== undefined && !isLocale(values.locale)) {
    throw new UsageError(say(locale, `--locale må være «nb» eller «en», ikke «${values.locale}».`, `--locale must be "nb" or "en", not "${values.locale}".`), command);
  }
  return { values, positionals: result.positionals };
}

/** parseArgs' errors are English and mention internals; say the same thing plainly. */
function describeParseError(error: unknown, locale: Locale): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^' ]*)/.exec(message)?.[1] ?? "";
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return say(locale, `ukjent flagg «${option}».`, `unknown option "${option}".`);
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /argument missing/.test(message)
        ? say(locale, `flagget «${option}» mangler en verdi.`, `the option "${option}" needs a value.`)
        : say(locale, `flagget «${option}» tar ingen verdi.`, `the option "${option}" takes no value.`);
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return say(locale, "uventet argument.", "unexpected argument.");
    default:
      return message;
  }
}

export function stringValue(parsed: Parsed, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === "string" ? value : undefined;
}

export function flag(parsed: Parsed, name: string): boolean {
  return parsed.values[name] === true;
}
