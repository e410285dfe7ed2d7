import { keepHiddenClass } from "../../../grammar/src/hiddenClasses.js";
import { fitted } from "../../../grammar/src/fitted.js";

/** Offsets ↔ line/column (0-based, UTF-16 code units, as LSP and editors count). */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) starts.push(i + 1);
      else if (ch === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = fitted(starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): { line: number; character: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.starts[low]! };
  }

  offset(position: { line: number; character: number }): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const lineStart = this.starts[position.line]!;
    const nextStart = position.line + 1 < this.starts.length ? this.starts[position.line + 1]! : this.text.length;
    let lineEnd = nextStart;
    // Do not place the offset inside the line break.
    while (lineEnd > lineStart && (this.text.charCodeAt(lineEnd - 1) === 10 || this.text.charCodeAt(lineEnd - 1) === 13)) lineEnd--;
    return Math.min(lineStart + Math.max(0, position.character), lineEnd);
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]!;
  }
}

// One per file, dropped with it (see hiddenClasses.ts).
keepHiddenClass(new LineIndex(""));

/** Levenshtein distance, for "did you mean" suggestions (HFA101). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const al = a.toLowerCase();
  const bl = b.toLowerCase();
  const previous = new Array<number>(bl.length + 1);
  for (let j = 0; j <= bl.length; j++) previous[j] = j;
  for (let i = 1; i <= al.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= bl.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (al[i - 1] === bl[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[bl.length]!;
}

/** The names closest to `name`, best first (at most `limit`, within a sensible distance). */
export function closestNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const scored: [string, number][] = [];
  const threshold = Math.max(2, Math.floor(name.length / 3));
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    const prefix = candidate.toLowerCase().startsWith(name.toLowerCase()) || name.toLowerCase().startsWith(candidate.toLowerCase());
    // `eldre` → `skrøpelige-eldre`: the name is one word of a hyphenated id.
    const part = name.length >= 3 && candidate.toLowerCase().split("-").includes(name.toLowerCase());
    if (distance <= threshold || prefix || part) scored.push([candidate, prefix || part ? Math.min(distance, 1) : distance]);
  }
  scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]));
  return scored.slice(0, limit).map(([candidate]) => candidate);
}
