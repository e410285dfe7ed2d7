/**
 * Code actions: the quick fixes the analysis computed (`Diagnostic.fixes`),
 * and "suppress with a reason" for any warning, information or hint — a
 * `// hfa-ignore CODE: <begrunnelse>` line above the construct the
 * diagnostic belongs to, with that construct's indentation.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic as LspDiagnostic, type Range } from "vscode-languageserver";
import type * as Ast from "../../../grammar/src/ast.js";
import { suppressibleConstructs, type Diagnostic, type Locale, type SourceFile, type WorkspaceAnalysis } from "../analysis/index.js";
import { toRange, toTextEdit } from "./convert.js";

/** The diagnostics of the client that are (still) diagnostics of the analysis, paired. */
function matching(context: readonly LspDiagnostic[], file: SourceFile, analysis: WorkspaceAnalysis): [LspDiagnostic, Diagnostic][] {
  const current = analysis.diagnostics.get(file.uri) ?? [];
  const out: [LspDiagnostic, Diagnostic][] = [];
  for (const shown of context) {
    if (!shown || typeof shown !== "object" || typeof shown.code !== "string") continue;
    for (const d of current) {
      if (d.code !== shown.code || d.suppressed !== undefined) continue;
      if (!sameRange(toRange(file.lines, d.start, d.end), shown.range)) continue;
      out.push([shown, d]);
      break;
    }
  }
  return out;
}

function sameRange(a: Range, b: Range | undefined): boolean {
  return !!b && a.start.line === b.start?.line && a.start.character === b.start?.character && a.end.line === b.end?.line && a.end.character === b.end?.character;
}

export function codeActions(params: CodeActionParams, file: SourceFile, analysis: WorkspaceAnalysis, locale: Locale): CodeAction[] {
  const only = params.context?.only;
  if (only && only.length > 0 && !only.some((kind) => CodeActionKind.QuickFix === kind || CodeActionKind.QuickFix.startsWith(kind + "."))) return [];
  const context = Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : [];
  const actions: CodeAction[] = [];
  const suppressions: CodeAction[] = [];
  for (const [shown, d] of matching(context, file, analysis)) {
    for (const fix of d.fixes ?? []) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [shown],
        isPreferred: fix.preferred === true,
        edit: { changes: { [file.uri]: fix.edits.map((edit) => toTextEdit(file.lines, edit)) } },
      });
    }
    if (d.severity !== "error") {
      const action = suppressAction(shown, d, file, locale);
      if (action) suppressions.push(action);
    }
  }
  return [...actions, ...suppressions];
}

/** "Suppress with a reason", or undefined when the diagnostic belongs to no construct that starts a line. */
export function suppressAction(shown: LspDiagnostic, d: Diagnostic, file: SourceFile, locale: Locale): CodeAction | undefined {
  const construct = constructOf(file, d.start, d.end);
  if (!construct) return undefined;
  const newline = file.text.includes("\r\n") ? "\r\n" : "\n";
  const reason = locale === "nb" ? "<begrunnelse>" : "<reason>";
  const text = `${construct.indent}// hfa-ignore ${d.code}: ${reason}${newline}`;
  return {
    title: locale === "nb" ? `Unnta ${d.code} her, med begrunnelse` : `Suppress ${d.code} here, with a reason`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [shown],
    edit: { changes: { [file.uri]: [toTextEdit(file.lines, { start: construct.lineStart, end: construct.lineStart, newText: text })] } },
  };
}


/** The innermost clause or declaration that contains [start, end) and starts a line. */
export function constructOf(file: SourceFile, start: number, end: number): { lineStart: number; indent: string } | undefined {
  let best: { span: Ast.Span; lineStart: number; indent: string } | undefined;
  for (const span of suppressibleConstructs(file.parse.file)) {
    if (span.start > start || span.end < end) continue;
    const lineStart = file.lines.lineStart(file.lines.position(span.start).line);
    const indent = file.text.slice(lineStart, span.start);
    if (!/^[ \t]*$/.test(indent)) continue;
    if (!best || span.end - span.start < best.span.end - best.span.start) best = { span, lineStart, indent };
  }
  return best && { lineStart: best.lineStart, indent: best.indent };
}
