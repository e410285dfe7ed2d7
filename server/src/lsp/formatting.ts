/**
 * Document and range formatting with the core's formatter (spec §9): its
 * offset edits as LSP edits. A file with syntax errors is left alone.
 */
import type { TextEdit } from "vscode-languageserver";
import type { SourceFile } from "../analysis/index.js";
import { formatEdits } from "../format/formatter.js";
import { toTextEdit } from "./convert.js";

export function formatDocument(file: SourceFile, range?: { start: number; end: number }): TextEdit[] {
  return formatEdits(file.text, range).map((edit) => toTextEdit(file.lines, edit));
}
