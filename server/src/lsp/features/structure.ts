/** Folding ranges (blocks, multi-line strings, comment runs) and selection ranges (name → clause → block → declaration → file). */
import { FoldingRangeKind, type FoldingRange, type SelectionRange } from "vscode-languageserver";
import type * as Ast from "../../../../grammar/src/ast.js";
import { tokenEnd } from "../../../../grammar/src/clauses.js";
import { BlockComment, LineComment, UnterminatedBlockComment } from "../../../../grammar/src/tokens.js";
import type { FeatureContext } from "./api.js";
import { isStringToken, nodePath, tokenAt } from "./locate.js";
import { clampOffset, guard, rangeOf } from "./util.js";

export function foldingRanges(ctx: FeatureContext): FoldingRange[] {
  return guard(
    () => [],
    () => {
      const file = ctx.file;
      const lines = file.lines;
      const out: FoldingRange[] = [];
      const seen = new Set<string>();
      const push = (startOffset: number, endOffset: number, kind?: FoldingRangeKind, keepLastLine = true) => {
        const startLine = lines.position(startOffset).line;
        let endLine = lines.position(endOffset).line;
        if (keepLastLine && endLine > startLine) endLine--; // the closing `}` stays visible
        if (endLine <= startLine) return;
        const key = `${startLine}:${endLine}`;
        if (seen.has(key)) return;
        seen.add(key);
        out.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
      };
      const block = (node: Ast.Span, body: Ast.Span | undefined) => {
        if (!body || body.end <= body.start) return;
        const closed = file.text.charAt(body.end - 1) === "}";
        push(node.start, body.end - (closed ? 1 : 0), undefined, closed);
      };
      for (const decl of file.parse.file.declarations) {
        switch (decl.kind) {
          case "community":
            block(decl, decl.body);
            for (const item of decl.items) if (item.kind === "healthTrust") block(item, item.body);
            break;
          case "scheme":
            block(decl, decl.body);
            for (const item of decl.items) if (item.kind === "distribution") block(item, item.body);
            break;
          case "agreement":
            block(decl, decl.body);
            for (const clause of decl.clauses) {
              if (clause.kind === "measure" || clause.kind === "balance") block(clause, clause.body);
              else if (clause.end > clause.start) push(clause.start, clause.end, undefined, false); // a clause over several lines
            }
            break;
          case "rate":
            push(decl.start, decl.end, undefined, false);
            break;
        }
      }
      for (const token of file.parse.tokens) {
        if (isStringToken(token)) push(token.startOffset, tokenEnd(token), undefined, false);
      }
      // Comments: block comments over several lines, and runs of line comments on consecutive lines.
      let runStart = -1;
      let runEnd = -1;
      let runLastLine = -2;
      const flush = () => {
        if (runStart >= 0) push(runStart, runEnd, FoldingRangeKind.Comment, false);
        runStart = -1;
      };
      for (const comment of file.parse.comments) {
        const end = tokenEnd(comment);
        if (comment.tokenType === BlockComment || comment.tokenType === UnterminatedBlockComment) {
          flush();
          push(comment.startOffset, end, FoldingRangeKind.Comment, false);
          runLastLine = -2;
          continue;
        }
        if (comment.tokenType !== LineComment) continue;
        const line = lines.position(comment.startOffset).line;
        const ownLine = file.text.slice(lines.lineStart(line), comment.startOffset).trim() === "";
        if (!ownLine) {
          flush();
          runLastLine = -2;
          continue;
        }
        if (runStart >= 0 && line === runLastLine + 1) runEnd = end;
        else {
          flush();
          runStart = comment.startOffset;
          runEnd = end;
        }
        runLastLine = line;
      }
      flush();
      out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
      return out;
    },
  );
}

export function selectionRanges(ctx: FeatureContext, offsets: readonly number[]): SelectionRange[] {
  return guard(
    () => [],
    () => {
      const file = ctx.file;
      const whole: Ast.Span = { start: 0, end: file.text.length };
      return offsets.map((raw) => {
        const offset = clampOffset(raw, file.text.length);
        const spans: Ast.Span[] = [whole];
        for (const step of nodePath(file.parse.file, offset)) spans.push(step.node);
        const token = tokenAt(file, offset);
        if (token) spans.push({ start: token.startOffset, end: tokenEnd(token) });
        // Outermost first; keep only strictly nested, distinct spans.
        let selection: SelectionRange | undefined;
        let previous: Ast.Span | undefined;
        for (const span of spans) {
          if (previous && (span.start < previous.start || span.end > previous.end)) continue;
          if (previous && span.start === previous.start && span.end === previous.end) continue;
          selection = selection ? { range: rangeOf(file, span), parent: selection } : { range: rangeOf(file, span) };
          previous = span;
        }
        return selection ?? { range: rangeOf(file, { start: offset, end: offset }) };
      });
    },
  );
}
