/**
 * `--format sarif`: one SARIF 2.1.0 run with every rule (short description
 * in the run's locale, default level, the rule's page as `help.markdown` so
 * code-scanning UIs show it, and a web `helpUri` — never `file://`), results
 * with related locations and in-source suppressions (with their reasons).
 * Paths are relative to %SRCROOT%, the current folder; a file outside it
 * gets an absolute file: URI. Texts from the files have their control
 * characters made visible (`\u001b`), as in every output.
 */
import { isAbsolute, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type * as Sarif from "sarif";
import { RULES, type Severity } from "../../analysis/index.js";
import type { Locale } from "../locale.js";
import type { CliDiagnostic, CliLocation, CliSeverity } from "../results.js";
import { jsonSafe, visible } from "./escape.js";

export interface SarifTool {
  readonly version: string;
  readonly informationUri: string | undefined;
  readonly ruleHelpUri: (code: string) => string | undefined;
  /** The rule's documentation page (Markdown), when the package has it. */
  readonly ruleHelp: (code: string) => string | undefined;
}

const SRCROOT = "%SRCROOT%";

function level(severity: CliSeverity | Severity): Sarif.ReportingConfiguration.level {
  return severity === "error" ? "error" : severity === "warning" ? "warning" : "note";
}

function artifactLocation(location: CliLocation, cwd: string): Sarif.ArtifactLocation {
  const rel = relative(cwd, location.absolute);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return { uri: pathToFileURL(location.absolute).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join("/"), uriBaseId: SRCROOT };
}

function physicalLocation(location: CliLocation, cwd: string): Sarif.PhysicalLocation {
  return {
    artifactLocation: artifactLocation(location, cwd),
    region: { startLine: location.line, startColumn: location.column, endLine: location.endLine, endColumn: location.endColumn },
  };
}

export function buildSarif(diagnostics: readonly CliDiagnostic[], tool: SarifTool, locale: Locale, cwd: string): Sarif.Log {
  const rules: Sarif.ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  for (const rule of RULES.values()) {
    ruleIndex.set(rule.code, rules.length);
    const title = locale === "nb" ? rule.nb : rule.en;
    const helpUri = tool.ruleHelpUri(rule.code);
    const markdown = tool.ruleHelp(rule.code);
    rules.push({
      id: rule.code,
      shortDescription: { text: title },
      defaultConfiguration: { level: level(rule.severity) },
      ...(helpUri !== undefined ? { helpUri } : {}),
      ...(markdown !== undefined ? { help: { text: helpUri !== undefined ? `${rule.code}: ${title} (${helpUri})` : `${rule.code}: ${title}`, markdown } } : {}),
      properties: { severity: rule.severity },
    });
  }
  const results: Sarif.Result[] = diagnostics.map((d) => {
    const result: Sarif.Result = {
      ruleId: d.code,
      level: level(d.severity),
      message: { text: visible(d.message) },
      locations: [{ physicalLocation: physicalLocation(d, cwd) }],
    };
    const index = ruleIndex.get(d.code);
    if (index !== undefined) result.ruleIndex = index;
    if (d.related && d.related.length > 0) {
      result.relatedLocations = d.related.map((r, id) => ({ id, physicalLocation: physicalLocation(r, cwd), message: { text: visible(r.message) } }));
    }
    result.suppressions = d.suppressed !== undefined ? [{ kind: "inSource", justification: visible(d.suppressed) }] : [];
    return result;
  });
  const srcroot = pathToFileURL(cwd).href;
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "hfa",
            version: tool.version,
            semanticVersion: tool.version,
            ...(tool.informationUri !== undefined ? { informationUri: tool.informationUri } : {}),
            language: locale === "nb" ? "nb-NO" : "en-US",
            rules,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: srcroot.endsWith("/") ? srcroot : srcroot + "/" } },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
}

export function renderSarif(diagnostics: readonly CliDiagnostic[], tool: SarifTool, locale: Locale, cwd: string): string {
  return jsonSafe(JSON.stringify(buildSarif(diagnostics, tool, locale, cwd), null, 2)) + "\n";
}
