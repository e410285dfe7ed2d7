/**
 * `hfa check [paths…]` (spec §8): every file in one workspace, so names
 * resolve across all of them; `hfa.json` from `--config` or the nearest one.
 * Files are read synchronously in one pass and analysed once.
 */
import { LineIndex, parseConfig, Workspace, type WorkspaceAnalysis } from "../analysis/index.js";
import { parse, stringValue, COMMON_OPTIONS, type OptionSpecs } from "./args.js";
import { colorEnabled, painter } from "./color.js";
import { loadConfig } from "./config.js";
import { UsageError } from "./errors.js";
import { discover, fileUri, readText } from "./files.js";
import type { Io } from "./io.js";
import { say, type Locale } from "./locale.js";
import { renderGithub } from "./output/github.js";
import { balanceDataOf } from "./output/balanceData.js";
import { renderJson } from "./output/json.js";
import { renderSarif } from "./output/sarif.js";
import { renderText } from "./output/text.js";
import { informationUri, packageVersion, rulePageUri } from "./pkg.js";
import { Progress } from "./progress.js";
import { count, toCliDiagnostics, type KnownFile } from "./results.js";

const OPTIONS: OptionSpecs = {
  ...COMMON_OPTIONS,
  format: { type: "string" },
  "max-warnings": { type: "string" },
  config: { type: "string" },
};

const FORMATS = ["text", "json", "sarif", "github"] as const;
type Format = (typeof FORMATS)[number];

export function runCheck(args: readonly string[], io: Io, flagLocale: Locale | undefined): number {
  let locale: Locale = flagLocale ?? "nb";
  const parsed = parse(args, OPTIONS, locale, "check");
  const format = (stringValue(parsed, "format") ?? "text") as Format;
  if (!FORMATS.includes(format)) {
    throw new UsageError(say(locale, `ukjent format «${format}». Gyldige: ${FORMATS.join(", ")}.`, `unknown format "${format}". Valid: ${FORMATS.join(", ")}.`), "check");
  }
  const maxWarningsText = stringValue(parsed, "max-warnings");
  let maxWarnings: number | undefined;
  if (maxWarningsText !== undefined) {
    if (!/^\d+$/.test(maxWarningsText)) {
      throw new UsageError(say(locale, `--max-warnings må være et helt tall ≥ 0, ikke «${maxWarningsText}».`, `--max-warnings must be a whole number ≥ 0, not "${maxWarningsText}".`), "check");
    }
    maxWarnings = Number(maxWarningsText);
  }

  // The configuration first: its locale words every later message.
  const config = loadConfig(stringValue(parsed, "config"), io.cwd, locale);
  const configUri = config ? fileUri(config.absolute) : undefined;
  if (config && !flagLocale) locale = parseConfig(config.text, configUri!).config.locale ?? locale;

  const paths = parsed.positionals.length > 0 ? parsed.positionals : ["."];
  const inputs = discover(paths, io.cwd, locale);

  const workspace = new Workspace({ locale: flagLocale });
  if (config) workspace.setConfig(configUri, config.text);

  const known = new Map<string, KnownFile>();
  const order: string[] = [];
  if (config && configUri) {
    known.set(configUri, { display: config.display, absolute: config.absolute, lines: new LineIndex(config.text) });
    order.push(configUri);
  }
  const progress = new Progress(io, inputs.length, locale);
  let analysis: WorkspaceAnalysis;
  try {
    for (let i = 0; i < inputs.length; i++) {
      const file = readText(inputs[i]!, locale);
      const uri = fileUri(file.absolute);
      const source = workspace.setFile(uri, file.text);
      known.set(uri, { display: file.display, absolute: file.absolute, lines: source.lines });
      order.push(uri);
      progress.update(i + 1);
    }
    // The line stays (at n/n) while the workspace is analysed, then goes.
    analysis = workspace.analyze();
  } finally {
    progress.clear();
  }
  locale = analysis.locale;

  const diagnostics = toCliDiagnostics(order, analysis.diagnostics, known);
  const counts = count(diagnostics);
  switch (format) {
    case "text":
      if (inputs.length === 0) io.err(say(locale, `hfa: fant ingen .hfa-filer i ${paths.join(", ")}\n`, `hfa: found no .hfa files in ${paths.join(", ")}\n`));
      io.out(renderText(diagnostics, counts, inputs.length, locale, painter(colorEnabled(io))));
      break;
    case "json":
      io.out(renderJson(diagnostics, balanceDataOf(analysis, known)));
      break;
    case "sarif":
      io.out(renderSarif(diagnostics, { version: packageVersion(), informationUri: informationUri(), ruleHelpUri: rulePageUri }, locale, io.cwd));
      break;
    case "github":
      io.out(renderGithub(diagnostics));
      break;
  }

  if (counts.errors > 0) return 1;
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
