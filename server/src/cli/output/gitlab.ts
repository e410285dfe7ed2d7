/**
 * `--format gitlab`: a GitLab Code Quality report (artifacts:reports:codequality),
 * an array of issues with the fields GitLab documents as required:
 * `description`, `check_name`, `fingerprint`, `severity`
 * (info|minor|major|critical|blocker), `location.path` (relative to the
 * repository root — the job's folder, where CI runs the check) and
 * `location.lines.begin`.
 *
 * The fingerprint identifies an issue across commits, so GitLab can tell new
 * ones from old in a merge request: a hash of the code, the path, the message
 * and which occurrence of that triple it is — not the line, which moves
 * whenever a clause is added above. Suppressed diagnostics are left out
 * (Code Quality has no notion of a waiver; they count for nothing).
 */
import { createHash } from "node:crypto";
import { isAbsolute, relative, sep } from "node:path";
import type { CliDiagnostic, CliSeverity } from "../results.js";
import { jsonSafe, visible } from "./escape.js";

export type CodeQualitySeverity = "info" | "minor" | "major" | "critical" | "blocker";

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: CodeQualitySeverity;
  location: { path: string; lines: { begin: number } };
}

const SEVERITY: Record<CliSeverity, CodeQualitySeverity> = { error: "major", warning: "minor", info: "info", hint: "info" };

function reportPath(absolute: string, display: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  const path = rel === "" || rel.startsWith("..") || isAbsolute(rel) ? display : rel;
  return path.split(sep).join("/");
}

export function buildGitlab(diagnostics: readonly CliDiagnostic[], cwd: string): CodeQualityIssue[] {
  const occurrences = new Map<string, number>();
  const issues: CodeQualityIssue[] = [];
  for (const d of diagnostics) {
    if (d.suppressed !== undefined) continue;
    const path = reportPath(d.absolute, d.file, cwd);
    const key = `${d.code}\u0000${path}\u0000${d.message}`;
    const nth = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, nth);
    issues.push({
      description: `${d.code}: ${visible(d.message)}`,
      check_name: d.code,
      fingerprint: createHash("sha256").update(`${key}\u0000${nth}`).digest("hex"),
      severity: SEVERITY[d.severity],
      location: { path: visible(path), lines: { begin: d.line } },
    });
  }
  return issues;
}

export function renderGitlab(diagnostics: readonly CliDiagnostic[], cwd: string): string {
  return jsonSafe(JSON.stringify(buildGitlab(diagnostics, cwd), null, 2)) + "\n";
}
