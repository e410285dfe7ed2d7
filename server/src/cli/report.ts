/**
 * `hfa report FILE… [--format html|pdf|docx|md|json] [--out FILE|DIR|-]
 * [--part PARTY] [--locale nb|en]` and `hfa report --helsefellesskap ID`
 * (spec §8 "Reports"). The files are analysed exactly as `hfa check` does
 * (one workspace: `hfa.json`'s folder when there is one, plus the paths
 * given), and the report is built from that analysis by server/src/report.
 *
 * One document per agreement in the paths given. Without `--out` each is
 * written to `<Avtale>.<ext>` in the current folder; `--out DIR` puts them
 * there, `--out FILE` names the only one, `--out -` writes it to standard
 * output. Every file is written atomically (temp file in the same folder,
 * fsync, rename), so a failed run never leaves half a report.
 */
import { mkdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeFileAtomically } from "./atomicWrite.js";
import { Workspace, type AgreementAnalysis, type WorkspaceAnalysis } from "../analysis/index.js";
import {
  buildOverviewModel,
  buildReportModel,
  FILE_EXTENSIONS,
  forParty,
  isoDate,
  isReportFormat,
  REPORT_FORMATS,
  renderReportBytes,
} from "../report/index.js";
import { COMMON_OPTIONS, parse, stringValue, type OptionSpecs } from "./args.js";
import { resolveWorkspace, searchStart } from "./config.js";
import { UsageError } from "./errors.js";
import { discover, discoverWorkspace, fileUri, noFilesMessage, readText, reasonOf } from "./files.js";
import type { Io } from "./io.js";
import { say, type Locale } from "./locale.js";
import { packageVersion } from "./pkg.js";

const OPTIONS: OptionSpecs = {
  ...COMMON_OPTIONS,
  format: { type: "string" },
  out: { type: "string", short: "o" },
  part: { type: "string" },
  helsefellesskap: { type: "string" },
  config: { type: "string" },
  date: { type: "string" },
};

export interface ReportOutput {
  readonly name: string;
  readonly bytes: Uint8Array;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A file name from an agreement or party id: letters (æøå included), digits, - and _. */
function safeName(text: string): string {
  return text.normalize("NFC").replace(/[^\p{L}\p{N}_-]+/gu, "-").replace(/^-+|-+$/g, "") || "rapport";
}

export async function runReport(args: readonly string[], io: Io, flagLocale: Locale | undefined): Promise<number> {
  let locale: Locale = flagLocale ?? "nb";
  const parsed = parse(args, OPTIONS, locale, "report");
  const usage = (nb: string, en: string) => new UsageError(say(locale, nb, en), "report");
  const format = stringValue(parsed, "format") ?? "html";
  if (!isReportFormat(format)) throw usage(`ukjent format «${format}». Gyldige: ${REPORT_FORMATS.join(", ")}.`, `unknown format "${format}". Valid: ${REPORT_FORMATS.join(", ")}.`);
  const community = stringValue(parsed, "helsefellesskap");
  const part = stringValue(parsed, "part");
  const out = stringValue(parsed, "out");
  const date = stringValue(parsed, "date") ?? isoDate();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw usage(`--date må være ÅÅÅÅ-MM-DD, ikke «${date}».`, `--date must be YYYY-MM-DD, not "${date}".`);
  if (community !== undefined && part !== undefined) throw usage("--part og --helsefellesskap kan ikke brukes sammen.", "--part and --helsefellesskap cannot be used together.");
  const paths = parsed.positionals.length > 0 ? parsed.positionals : community !== undefined ? ["."] : [];
  if (paths.length === 0) throw usage("oppgi minst én avtalefil, eller --helsefellesskap ID.", "give at least one agreement file, or --helsefellesskap ID.");

  // The workspace, as for `hfa check` (the same rule, config.ts and files.ts): hfa.json's folder and the paths given.
  const { file: config, uri: configUri, settings, scope } = resolveWorkspace(stringValue(parsed, "config"), searchStart(paths[0], io.cwd), io.cwd, locale);
  const given = discover(paths, io.cwd, locale, scope).files;
  if (given.length === 0) {
    io.err(noFilesMessage(paths, locale, (settings?.exclude.length ?? 0) > 0));
    return 2;
  }
  const root = scope ? discoverWorkspace(scope, io.cwd, locale).files : [];
  const workspace = new Workspace({ locale: flagLocale });
  if (config) workspace.setConfig(configUri, config.text);
  const display = new Map<string, string>();
  const sources = new Map<string, ReturnType<Workspace["setFile"]>>();
  const seen = new Set<string>();
  for (const input of [...given, ...root]) {
    if (seen.has(input.absolute)) continue;
    seen.add(input.absolute);
    const file = readText(input, locale);
    const uri = fileUri(file.absolute);
    sources.set(uri, workspace.setFile(uri, file.text));
    display.set(uri, file.display);
  }
  const analysis = workspace.analyze();
  locale = analysis.locale;
  const meta = { date, hfaVersion: packageVersion(), locale };
  const givenUris = new Set(given.map((g) => fileUri(g.absolute)));

  const outputs: { name: string; render: () => Promise<Uint8Array> }[] = [];
  if (community !== undefined) {
    const overview = buildOverviewModel(analysis, community, { meta, fileLabel: (uri) => display.get(uri) ?? uri });
    if (!overview) {
      io.err(say(locale, `hfa: fant ikke helsefellesskapet «${community}» i filene.\n`, `hfa: found no helsefellesskap "${community}" in the files.\n`));
      return 2;
    }
    outputs.push({ name: `${safeName(community)}${FILE_EXTENSIONS[format]}`, render: () => renderReportBytes(overview, format) });
  } else {
    const agreements = analysis.agreements.filter((a) => givenUris.has(a.uri));
    if (agreements.length === 0) {
      io.err(say(locale, `hfa: fant ingen avtale i ${paths.join(", ")}\n`, `hfa: found no agreement in ${paths.join(", ")}\n`));
      return 2;
    }
    for (const agreement of agreements) {
      const model = buildReportModel(analysis, agreement, sources.get(agreement.uri)!, { ...meta, fileLabel: display.get(agreement.uri) });
      const chosen = part === undefined ? model : forParty(model, part);
      if (!chosen) {
        if (agreements.length === 1) {
          io.err(
            say(
              locale,
              `hfa: «${part}» er ikke en part i ${agreement.node.name.text}. Partene er ${model.parties.map((p) => p.id).join(", ")}.\n`,
              `hfa: "${part}" is not a party of ${agreement.node.name.text}. The parties are ${model.parties.map((p) => p.id).join(", ")}.\n`,
            ),
          );
          return 2;
        }
        continue; // an agreement the party is not in
      }
      const suffix = chosen.part !== undefined ? `-${safeName(chosen.part)}` : "";
      outputs.push({ name: `${safeName(agreement.node.name.text)}${suffix}${FILE_EXTENSIONS[format]}`, render: () => renderReportBytes(chosen, format) });
    }
    hintUnresolved(analysis, agreements, config !== undefined, io, locale);
  }
  if (outputs.length === 0) {
    io.err(say(locale, `hfa: «${part}» er ikke part i noen av avtalene.\n`, `hfa: "${part}" is a party of none of the agreements.\n`));
    return 2;
  }

  const target = out === undefined ? undefined : resolve(io.cwd, out);
  if (out === "-" && outputs.length > 1) throw usage("--out - skriver til standard ut og gjelder bare én rapport.", "--out - writes to standard output and takes one report only.");
  if (out === "-" && (format === "pdf" || format === "docx")) throw usage(`--out - gjelder tekstformatene (html, md, json); skriv ${format} til en fil.`, `--out - is for the text formats (html, md, json); write ${format} to a file.`);
  const toDir = target === undefined || isDirectory(target) || out!.endsWith("/");
  if (out !== "-" && !toDir && outputs.length > 1) {
    throw usage(`${outputs.length} rapporter kan ikke skrives til én fil. Oppgi en mappe med --out.`, `${outputs.length} reports cannot go into one file. Give a folder with --out.`);
  }
  // `--out ny-mappe/` names a folder that may not exist yet.
  if (toDir && target !== undefined && out !== "-" && !isDirectory(target)) {
    try {
      mkdirSync(target, { recursive: true });
    } catch (error) {
      io.err(say(locale, `hfa: kan ikke lage mappen ${target}: ${reasonOf(error, locale)}\n`, `hfa: cannot create the folder ${target}: ${reasonOf(error, locale)}\n`));
      return 2;
    }
  }
  for (const output of outputs) {
    const bytes = await output.render();
    if (out === "-") {
      io.out(new TextDecoder().decode(bytes));
      continue;
    }
    const path = toDir ? join(target ?? io.cwd, output.name) : target!;
    try {
      writeFileAtomically(path, bytes);
    } catch (error) {
      io.err(say(locale, `hfa: kan ikke skrive ${path}: ${reasonOf(error, locale)}\n`, `hfa: cannot write ${path}: ${reasonOf(error, locale)}\n`));
      return 2;
    }
    io.out(`${path}\n`);
  }
  return 0;
}

/** Without hfa.json, names resolve only across the paths given: say so when that is why names are unknown. */
function hintUnresolved(analysis: WorkspaceAnalysis, agreements: readonly AgreementAnalysis[], hasConfig: boolean, io: Io, locale: Locale): void {
  if (hasConfig) return;
  const unresolved = agreements.some((a) => (analysis.diagnostics.get(a.uri) ?? []).some((d) => d.code === "HFA101"));
  if (!unresolved) return;
  io.err(
    say(
      locale,
      "hfa: avtalen bruker navn som ikke finnes i filene som ble lest. Oppgi også filene med de felles deklarasjonene (f.eks. «hfa report avtale.hfa felles/»), eller legg en hfa.json i roten av arbeidsområdet.\n",
      'hfa: the agreement uses names not found in the files read. Give the files with the shared declarations too (e.g. "hfa report agreement.hfa felles/"), or put an hfa.json at the root of the workspace.\n',
    ),
  );
}
