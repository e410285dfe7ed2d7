/**
 * Code actions, in the order a secretariat wants them in the light bulb:
 *
 * 1. the quick fixes the analysis computed (`Diagnostic.fixes`), each titled
 *    by what it does, the preferred one first;
 * 2. «Fiks alt» (`source.fixAll.hfa`): every safe fix of the file at once —
 *    number and date notation (HFA002, HFA003), whose fixes only rewrite a
 *    literal the author already wrote — also what `editor.codeActionsOnSave`
 *    asks for;
 * 3. one «Unnta …» per warning under the cursor: a
 *    `// hfa-ignore CODE: <begrunnelse>` line above the construct the
 *    diagnostic belongs to, with that construct's indentation. Never for
 *    errors (they cannot be suppressed) nor for information and hints (they
 *    ask nothing of the author, so there is nothing to silence).
 *
 * A fix whose text holds `<…>` placeholders (spec §2) becomes a snippet edit
 * with one tab stop per placeholder when the client announces
 * `workspace.workspaceEdit.snippetEditSupport` (LSP 3.18), so the author tabs
 * from one to the next; other clients get the plain `<…>` text.
 */
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic as LspDiagnostic,
  type Range,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver";
import type * as Ast from "../../../grammar/src/ast.js";
import { ruleInfo, suppressibleConstructs, type Diagnostic, type Fix, type Locale, type SourceFile, type TextEdit, type WorkspaceAnalysis } from "../analysis/index.js";
import { FIX_ALL_KIND } from "./capabilities.js";
import { toRange, toTextEdit } from "./convert.js";

/** Rules whose fixes are safe to apply unseen: they rewrite the notation of a number or a date, nothing else. */
export const SAFE_FIX_RULES: ReadonlySet<string> = new Set(["HFA002", "HFA003"]);

export interface CodeActionOptions {
  /** The client applies LSP 3.18 snippet text edits (`workspace.workspaceEdit.snippetEditSupport`). */
  readonly snippetEdits: boolean;
  /** The version of the open document the analysis saw, so the client can refuse edits for a stale text. */
  readonly version?: number;
}

/** A placeholder (spec §2): `<` text `>` on one line with at least one letter inside. */
const PLACEHOLDER = /<[^<>\r\n]*\p{L}[^<>\r\n]*>/gu;

/** Whether the client asked for `kind` (no `only` asks for everything). */
function wanted(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((asked) => kind === asked || kind.startsWith(asked + "."));
}

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

export function codeActions(params: CodeActionParams, file: SourceFile, analysis: WorkspaceAnalysis, locale: Locale, options: CodeActionOptions = { snippetEdits: false }): CodeAction[] {
  const only = params.context?.only;
  const context = Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : [];
  const pairs = matching(context, file, analysis);
  const fixes: CodeAction[] = [];
  const suppressions: CodeAction[] = [];
  if (wanted(only, CodeActionKind.QuickFix)) {
    const suppressed = new Set<string>();
    for (const [shown, d] of pairs) {
      const ordered = [...(d.fixes ?? [])].sort((a, b) => Number(b.preferred === true) - Number(a.preferred === true));
      for (const fix of ordered) {
        fixes.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [shown],
          isPreferred: fix.preferred === true,
          edit: workspaceEdit(file, fix.edits, options),
        });
      }
      if (d.severity !== "warning") continue;
      const action = suppressAction(shown, d, file, locale, options);
      // One entry per diagnostic: the same code on the same construct is one comment.
      const key = action && `${d.code}\u0000${JSON.stringify(action.edit)}`;
      if (!action || !key || suppressed.has(key)) continue;
      suppressed.add(key);
      suppressions.push(action);
    }
  }
  const fixAll = wanted(only, FIX_ALL_KIND) && (only !== undefined || pairs.some(([, d]) => SAFE_FIX_RULES.has(d.code))) ? fixAllAction(file, analysis, locale, options) : undefined;
  return [...fixes, ...(fixAll ? [fixAll] : []), ...suppressions];
}

/** The one fix of a safe diagnostic that can be applied unseen: its preferred (or only) fix, free of placeholders. */
function safeFix(d: Diagnostic): Fix | undefined {
  if (!SAFE_FIX_RULES.has(d.code) || d.suppressed !== undefined) return undefined;
  const fixes = d.fixes ?? [];
  const fix = fixes.find((f) => f.preferred === true) ?? (fixes.length === 1 ? fixes[0] : undefined);
  if (!fix || fix.edits.length === 0 || fix.edits.some((edit) => placeholdersOf(edit).length > 0)) return undefined;
  return fix;
}

/** «Fiks alt»: the safe fixes of the file, skipping any whose edits overlap an earlier one. */
export function fixAllAction(file: SourceFile, analysis: WorkspaceAnalysis, locale: Locale, options: CodeActionOptions = { snippetEdits: false }): CodeAction | undefined {
  const edits: TextEdit[] = [];
  let count = 0;
  const diagnostics = [...(analysis.diagnostics.get(file.uri) ?? [])].sort((a, b) => a.start - b.start);
  let reached = -1;
  for (const d of diagnostics) {
    const fix = safeFix(d);
    if (!fix) continue;
    const sorted = [...fix.edits].sort((a, b) => a.start - b.start);
    if (sorted[0]!.start < reached) continue;
    for (const edit of sorted) {
      edits.push(edit);
      reached = Math.max(reached, edit.end);
    }
    count++;
  }
  if (count === 0) return undefined;
  const fixesWord = locale === "nb" ? (count === 1 ? "1 endring" : `${count} endringer`) : count === 1 ? "1 change" : `${count} changes`;
  return {
    title: locale === "nb" ? `Fiks alt: skriv tall og datoer på norsk måte (${fixesWord})` : `Fix all: write numbers and dates the Norwegian way (${fixesWord})`,
    kind: FIX_ALL_KIND,
    edit: { changes: { [file.uri]: edits.map((edit) => toTextEdit(file.lines, edit)) } },
  };
}

/** A placeholder span of an edit: offsets into its `newText`, end exclusive. */
interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * The placeholders of an edit: the spans the analysis marked
 * (`TextEdit.placeholders`), else every `<…>` of its text (spec §2).
 */
export function placeholdersOf(edit: TextEdit & { readonly placeholders?: readonly Span[] }): readonly Span[] {
  const marked = (edit.placeholders ?? []).filter((p) => Number.isInteger(p.start) && Number.isInteger(p.end) && 0 <= p.start && p.start < p.end && p.end <= edit.newText.length);
  if (marked.length > 0) return [...marked].sort((a, b) => a.start - b.start).filter((p, i, all) => i === 0 || p.start >= all[i - 1]!.end);
  const found: Span[] = [];
  PLACEHOLDER.lastIndex = 0;
  for (let match = PLACEHOLDER.exec(edit.newText); match; match = PLACEHOLDER.exec(edit.newText)) found.push({ start: match.index, end: match.index + match[0].length });
  return found;
}

/** The edits of a fix: snippet edits (tab stops on the placeholders) where the client takes them, plain text otherwise. */
function workspaceEdit(file: SourceFile, edits: readonly TextEdit[], options: CodeActionOptions): WorkspaceEdit {
  const plain = edits.map((edit) => toTextEdit(file.lines, edit));
  const spans = edits.map(placeholdersOf);
  if (!options.snippetEdits || spans.every((s) => s.length === 0)) return { changes: { [file.uri]: plain } };
  let tabStop = 0;
  const snippetEdits = plain.map((edit, i) => {
    if (spans[i]!.length === 0) return edit;
    const snippet = toSnippet(edit.newText, spans[i]!, tabStop);
    tabStop += spans[i]!.length;
    return { range: edit.range, snippet: { kind: "snippet" as const, value: snippet } };
  });
  return {
    documentChanges: [{ textDocument: { uri: file.uri, version: options.version ?? null }, edits: snippetEdits as LspTextEdit[] }],
  };
}

/** Escapes text for a snippet (`$`, `}` and `\` are snippet syntax). */
function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

/** `text` as snippet syntax, each placeholder span a tab stop `${n:<…>}` numbered after `firstStop`. */
export function toSnippet(text: string, placeholders: readonly Span[], firstStop = 0): string {
  let out = "";
  let last = 0;
  placeholders.forEach((p, i) => {
    out += escapeSnippet(text.slice(last, p.start));
    out += `\${${firstStop + i + 1}:${escapeSnippet(text.slice(p.start, p.end))}}`;
    last = p.end;
  });
  return out + escapeSnippet(text.slice(last));
}

/** "Suppress with a reason", or undefined when the diagnostic belongs to no construct that starts a line. */
export function suppressAction(shown: LspDiagnostic, d: Diagnostic, file: SourceFile, locale: Locale, options: CodeActionOptions = { snippetEdits: false }): CodeAction | undefined {
  const construct = constructOf(file, d.start, d.end);
  if (!construct) return undefined;
  const newline = file.text.includes("\r\n") ? "\r\n" : "\n";
  const reason = locale === "nb" ? "<begrunnelse>" : "<reason>";
  const text = `${construct.indent}// hfa-ignore ${d.code}: ${reason}${newline}`;
  const info = ruleInfo(d.code);
  const what = info ? (locale === "nb" ? `«${info.nb}» (${d.code})` : `“${info.en}” (${d.code})`) : d.code;
  return {
    title: locale === "nb" ? `Unnta ${what} her, med begrunnelse` : `Suppress ${what} here, with a reason`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [shown],
    edit: workspaceEdit(file, [{ start: construct.lineStart, end: construct.lineStart, newText: text }], options),
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
