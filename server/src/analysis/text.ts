import { keepHiddenClass } from "../../../grammar/src/hiddenClasses.js";

/** Offsets ↔ line/column (0-based, UTF-16 code units, as LSP and editors count). */
export class LineIndex {
  /**
   * Where each line starts, kept for every file as long as it is open: in a
   * typed array (2 bytes a line for a file under 64 K code units, as almost
   * every agreement file is; 4 above), not 8 bytes a line in an array of
   * numbers.
   */
  private readonly starts: Uint16Array | Uint32Array;

  constructor(readonly text: string) {
    // Two passes (count, then fill): the array is made once, at its length.
    const length = lineBreaks(text, undefined) + 1;
    const starts = text.length <= 0xffff ? new Uint16Array(length) : new Uint32Array(length);
    lineBreaks(text, starts);
    this.starts = starts;
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

/** Counts the line breaks of `text` (CR LF, LF and CR each one); with `starts`, writes where each line after the first begins. */
function lineBreaks(text: string, starts: Uint16Array | Uint32Array | undefined): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || ch === 13) {
      if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
      count++;
      if (starts) starts[count] = i + 1;
    }
  }
  return count;
}

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
