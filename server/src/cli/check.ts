/**
 * `hfa check [paths…]` (spec §8): one workspace, as the editor sees it.
 * The workspace root is the folder of `hfa.json` (from `--config`, or the
 * nearest one above the first path given); every `.hfa` file it holds
 * (../workspace/selection.ts, shared with the language server) is loaded so
 * that names resolve and frames sum across all of them, and diagnostics are
 * printed for the files given. Without `hfa.json` the workspace is just the
 * paths given. Files are read synchronously in one pass and analysed once.
 */
import { dirname, resolve } from "node:path";
import { analyseFiles, analyseWithCache, newWorkspace, type CheckInput, type CheckOutcome, type ConfigInput, type OpenCache } from "./analyse.js";
import { flag, parse, stringValue, COMMON_OPTIONS, type OptionSpecs } from "./args.js";
import { colorEnabled, painter } from "./color.js";
import { resolveWorkspace, searchStart } from "./config.js";
import { InputError, UsageError } from "./errors.js";
import { decodeText, discover, discoverWorkspace, fileUri, noFilesMessage, readBytes, readTexts, skippedLinksMessage, type InputFile } from "./files.js";
import type { Io } from "./io.js";
import { say, type Locale } from "./locale.js";
import { visible } from "./output/escape.js";
import { renderGithub } from "./output/github.js";
import type { BalanceData } from "./output/balanceData.js";
import { renderGitlab } from "./output/gitlab.js";
import { renderJson } from "./output/json.js";
import { renderSarif } from "./output/sarif.js";
import { renderText, type Verbosity } from "./output/text.js";
import { informationUri, packageVersion, ruleHelpUri, rulePageMarkdown } from "./pkg.js";
import { buildIdentity, cacheKey, cacheLocation, contentHash, readCache } from "./checkCache.js";
import { count, type CliDiagnostic } from "./results.js";

const OPTIONS: OptionSpecs = {
  ...COMMON_OPTIONS,
  format: { type: "string" },
  "max-warnings": { type: "string" },
  config: { type: "string" },
  quiet: { type: "boolean", short: "q" },
  verbose: { type: "boolean" },
  stdin: { type: "boolean" },
  "stdin-filename": { type: "string" },
  cache: { type: "boolean" },
  "cache-location": { type: "string" },
};

export const FORMATS = ["text", "json", "sarif", "github", "gitlab"] as const;
type Format = (typeof FORMATS)[number];

function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

interface CheckRequest {
  readonly format: Format;
  readonly maxWarnings: number | undefined;
  readonly verbosity: Verbosity;
  /** `--stdin`: the text comes from standard input, named `filename`. */
  readonly stdin: { readonly filename: string } | undefined;
  readonly paths: readonly string[];
  /** `--cache` (and `--cache-location`): reuse the last run's results (checkCache.ts). */
  readonly cache: { readonly location: string | undefined } | undefined;
}

function readRequest(args: readonly string[], locale: Locale): { request: CheckRequest; configFlag: string | undefined } {
  const parsed = parse(args, OPTIONS, locale, "check");
  const usage = (nb: string, en: string) => new UsageError(say(locale, nb, en), "check");
  const format = stringValue(parsed, "format") ?? "text";
  if (!isFormat(format)) throw usage(`ukjent format «${visible(format)}». Gyldige: ${FORMATS.join(", ")}.`, `unknown format "${visible(format)}". Valid: ${FORMATS.join(", ")}.`);
  const maxWarningsText = stringValue(parsed, "max-warnings");
  let maxWarnings: number | undefined;
  if (maxWarningsText !== undefined) {
    if (!/^\d+$/.test(maxWarningsText)) {
      throw usage(`--max-warnings må være et helt tall ≥ 0, ikke «${visible(maxWarningsText)}».`, `--max-warnings must be a whole number ≥ 0, not "${visible(maxWarningsText)}".`);
    }
    maxWarnings = Number(maxWarningsText);
  }
  const quiet = flag(parsed, "quiet");
  const verbose = flag(parsed, "verbose");
  if (quiet && verbose) throw usage("--quiet og --verbose kan ikke brukes sammen.", "--quiet and --verbose cannot be used together.");
  const filename = stringValue(parsed, "stdin-filename");
  const stdin = flag(parsed, "stdin");
  if (filename !== undefined && !stdin) throw usage("--stdin-filename gjelder bare sammen med --stdin.", "--stdin-filename only applies with --stdin.");
  if (stdin && filename === undefined) {
    throw usage("--stdin trenger --stdin-filename FIL: navnet bestemmer arbeidsområdet og står i meldingene.", "--stdin needs --stdin-filename FILE: the name decides the workspace and appears in the messages.");
  }
  const cache = flag(parsed, "cache");
  const cacheLocationFlag = stringValue(parsed, "cache-location");
  if (cacheLocationFlag !== undefined && !cache) throw usage("--cache-location gjelder bare sammen med --cache.", "--cache-location only applies with --cache.");
  if (cache && stdin) throw usage("--cache kan ikke brukes med --stdin: teksten fra standard inn sjekkes hver gang.", "--cache cannot be used with --stdin: the text from standard input is checked every time.");
  if (stdin && parsed.positionals.length > 0) throw usage("med --stdin leses teksten fra standard inn; oppgi ingen stier.", "with --stdin the text is read from standard input; give no paths.");
  return {
    request: {
      format,
      maxWarnings,
      verbosity: quiet ? "quiet" : verbose ? "verbose" : "normal",
      stdin: stdin && filename !== undefined ? { filename } : undefined,
      paths: parsed.positionals.length > 0 ? parsed.positionals : ["."],
      cache: cache ? { location: cacheLocationFlag } : undefined,
    },
    configFlag: stringValue(parsed, "config"),
  };
}

export function runCheck(args: readonly string[], io: Io, flagLocale: Locale | undefined): number {
  let locale: Locale = flagLocale ?? "nb";
  const { request, configFlag } = readRequest(args, locale);
  const { format, verbosity, stdin, paths } = request;

  // The configuration first: its locale words every later message, its folder is the workspace root.
  const start = stdin ? dirname(resolve(io.cwd, stdin.filename)) : searchStart(paths[0], io.cwd);
  const { file: config, uri: configUri, settings, scope } = resolveWorkspace(configFlag, start, io.cwd, locale);
  if (settings && !flagLocale) locale = settings.locale ?? locale;

  const stdinFile: InputFile | undefined = stdin ? { display: stdin.filename, absolute: resolve(io.cwd, stdin.filename) } : undefined;
  const given = stdinFile ? { files: [stdinFile], skipped: [] } : discover(paths, io.cwd, locale, scope);
  if (given.files.length === 0) {
    io.err(noFilesMessage(paths, locale, (settings?.exclude.length ?? 0) > 0));
    return 2;
  }
  const others = scope ? discoverWorkspace(scope, io.cwd, locale) : { files: [], skipped: [] };
  const skippedLinks = skippedLinksMessage([...given.skipped, ...others.skipped], locale);
  if (skippedLinks !== undefined) io.err(skippedLinks);

  const givenAbsolute = new Set(given.files.map((file) => file.absolute));
  const toRead = [...given.files, ...others.files.filter((file) => !givenAbsolute.has(file.absolute))];
  const configInput: ConfigInput | undefined = config && configUri ? { file: config, uri: configUri } : undefined;
  const cache = request.cache
    ? openCache(request.cache.location, scope?.root ?? io.cwd, io, locale, cacheKey({ bundle: buildIdentity(), cwd: io.cwd, paths, locale: flagLocale, configUri, configText: config?.text }), format === "json")
    : undefined;
  const inputs = readInputs(toRead, given.files.length, stdinFile, cache, io, locale);
  const reported = [...(configInput ? [configInput.uri] : []), ...inputs.filter((input) => input.given).map((input) => input.uri)];
  const outcome: CheckOutcome = cache
    ? analyseWithCache(inputs, cache, configInput, flagLocale, io, locale)
    : analyseFiles(inputs, newWorkspace(flagLocale, configInput, format === "json" ? "everything" : "diagnostics"), configInput, new Set(reported), format === "json", io, locale);
  locale = outcome.locale;

  const diagnostics: CliDiagnostic[] = [];
  const data = new Map<CliDiagnostic, BalanceData | Uint8Array>();
  for (const uri of reported) {
    const result = outcome.results.get(uri);
    if (!result) continue;
    for (const diagnostic of result.diagnostics) diagnostics.push(diagnostic);
    for (const [index, balance] of result.data) data.set(result.diagnostics[index]!, balance);
  }
  const counts = count(diagnostics);
  // --quiet means errors only in every format; the machine formats otherwise carry everything.
  const listed = verbosity === "quiet" ? diagnostics.filter((d) => d.severity === "error" && d.suppressed === undefined) : diagnostics;
  switch (format) {
    case "text":
      io.out(renderText(diagnostics, counts, given.files.length, locale, painter(colorEnabled(io)), verbosity));
      break;
    case "json":
      io.out(
        renderJson(listed, (d) => {
          const balance = data.get(d);
          // Read from the cache as bytes only for the other formats (checkCache.ts), but to be sure:
          return balance instanceof Uint8Array ? (JSON.parse(Buffer.from(balance).toString("utf8")) as BalanceData) : balance;
        }),
      );
      break;
    case "sarif": {
      const docsBaseUrl = settings?.docsBaseUrl;
      const tool = { version: packageVersion(), informationUri: informationUri(), ruleHelpUri: (code: string) => ruleHelpUri(code, docsBaseUrl), ruleHelp: rulePageMarkdown };
      io.out(renderSarif(listed, tool, locale, io.cwd));
      break;
    }
    case "github":
      io.out(renderGithub(listed));
      break;
    case "gitlab":
      io.out(renderGitlab(listed, io.cwd));
      break;
  }

  if (counts.errors > 0) return 1;
  const { maxWarnings } = request;
  if (maxWarnings !== undefined && counts.warnings > maxWarnings) {
    io.err(
      say(
        locale,
        `hfa: for mange advarsler: ${counts.warnings} (høyst ${maxWarnings} tillatt med --max-warnings)\n`,
        `hfa: too many warnings: ${counts.warnings} (at most ${maxWarnings} allowed by --max-warnings)\n`,
      ),
    );
    return 1;
  }
  return 0;
}

/** `--cache`: where the cache lives (inside the workspace, or a usage error) and what it holds for `key`. */
function openCache(flag: string | undefined, root: string, io: Io, locale: Locale, key: string, parseData: boolean): OpenCache {
  const location = cacheLocation(flag, root, io.cwd);
  if ("refused" in location) {
    throw new UsageError(
      location.refused === "outside"
        ? say(
            locale,
            `--cache-location må ligge i arbeidsområdet (${visible(root)}); hfa leser og skriver ikke utenfor det.`,
            `--cache-location must lie inside the workspace (${visible(root)}); hfa reads and writes nothing outside it.`,
          )
        : say(
            locale,
            `--cache-location «${visible(flag ?? "")}» er en fil som ikke er en hfa-cache; hfa skriver ikke over den. Oppgi en ny fil eller en mappe.`,
            `--cache-location "${visible(flag ?? "")}" is a file that is not an hfa cache; hfa does not overwrite it. Give a new file or a folder.`,
          ),
      "check",
    );
  }
  return { path: location.path, key, previous: readCache(location.path, key, parseData) };
}

/**
 * Reads `files` in order (standard input for `stdinFile`); the first
 * `given` were named on the command line. With a cache (only then), each disk file's
 * bytes are hashed, and a file whose hash the cache holds is decoded only when its
 * text is needed (the same bytes decoded cleanly when the cache was written).
 * Without one, the disk files are decoded in one piece (`readTexts`).
 */
function readInputs(files: readonly InputFile[], given: number, stdinFile: InputFile | undefined, cache: OpenCache | undefined, io: Io, locale: Locale): CheckInput[] {
  if (!cache) {
    // Standard input is the only file given with --stdin, so it is read first, as before.
    const stdin = stdinFile ? stdinText(io, stdinFile) : undefined;
    const texts = readTexts(stdinFile ? files.filter((file) => file !== stdinFile) : files, locale);
    let next = 0;
    return files.map((file, i) => {
      const text = file === stdinFile ? stdin! : texts[next++]!;
      return { display: file.display, absolute: file.absolute, uri: fileUri(file.absolute), given: i < given, hash: "", text: () => text };
    });
  }
  const hashes = cache?.previous ? new Map(cache.previous.files.map((entry) => [entry.absolute, entry.hash])) : undefined;
  return files.map((file, i) => {
    const base = { display: file.display, absolute: file.absolute, uri: fileUri(file.absolute), given: i < given };
    if (file === stdinFile) {
      const text = stdinText(io, file);
      // --cache with --stdin is refused when the options are read: standard input is never hashed.
      return { ...base, hash: "", text: () => text };
    }
    const bytes = readBytes(file, locale);
    const hash = cache ? contentHash(bytes) : "";
    let text = hashes?.get(file.absolute) === hash ? undefined : decodeText(file, bytes, locale).text;
    return { ...base, hash, text: () => (text ??= decodeText(file, bytes, locale).text) };
  });
}

function stdinText(io: Io, file: InputFile): string {
  let text: string;
  try {
    text = io.readStdin();
  } catch (error) {
    throw new InputError(file.display, error instanceof Error ? error.message : String(error));
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
