/** The problems of the whole workspace, the current file's first; each goes to its place, and its code to the rule page. */
import type * as monaco from "monaco-editor/esm/vs/editor/editor.api.js";
import type * as lsp from "vscode-languageserver-protocol";
import { toRange } from "./convert.js";
import type { UiStrings } from "./strings.js";
import type { Workspace, WorkspaceFile } from "./workspace.js";

/** More rows than this are not drawn (the summary still counts them all). */
const MAX_ROWS = 500;
const SEVERITY_CLASS = ["", "error", "warning", "info", "hint"];

export class ProblemsView {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly list: HTMLElement,
    private readonly summary: HTMLElement,
    private readonly strings: () => UiStrings,
    private readonly reveal: (uri: string, range: monaco.IRange) => void,
    private readonly showRule: (code: string) => void,
  ) {}

  schedule(diagnostics: ReadonlyMap<string, readonly lsp.Diagnostic[]>, workspace: Workspace, current: WorkspaceFile | undefined): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.render(diagnostics, workspace, current), 50);
  }

  render(diagnostics: ReadonlyMap<string, readonly lsp.Diagnostic[]>, workspace: Workspace, current: WorkspaceFile | undefined): void {
    const s = this.strings();
    const counts = [0, 0, 0, 0, 0];
    const files = workspace.list().filter((file) => (diagnostics.get(file.uri)?.length ?? 0) > 0);
    files.sort((a, b) => (a === current ? -1 : b === current ? 1 : 0));
    for (const file of files) for (const d of diagnostics.get(file.uri) ?? []) counts[d.severity ?? 1]! += 1;
    this.summary.textContent = s.summary(counts[1]!, counts[2]!, counts[3]! + counts[4]!);
    this.list.replaceChildren();
    if (files.length === 0) {
      const empty = document.createElement("li");
      empty.className = "empty";
      empty.textContent = s.noProblems;
      this.list.append(empty);
      return;
    }
    let rows = 0;
    for (const file of files) {
      for (const diagnostic of diagnostics.get(file.uri) ?? []) {
        if (rows++ >= MAX_ROWS) return;
        const item = document.createElement("li");
        item.className = `problem ${SEVERITY_CLASS[diagnostic.severity ?? 1]}`;
        const go = document.createElement("button");
        go.type = "button";
        go.className = "problem-go";
        const where = `${file.path}:${diagnostic.range.start.line + 1}`;
        go.textContent = `${where} — ${diagnostic.message}`;
        go.addEventListener("click", () => this.reveal(file.uri, toRange(diagnostic.range)));
        item.append(go);
        const code = diagnostic.code === undefined ? undefined : String(diagnostic.code);
        if (code) {
          const rule = document.createElement("button");
          rule.type = "button";
          rule.className = "problem-rule";
          rule.textContent = code;
          rule.title = s.rule(code);
          rule.setAttribute("aria-label", s.rule(code));
          rule.addEventListener("click", () => this.showRule(code));
          item.append(rule);
        }
        this.list.append(item);
      }
    }
  }
}
