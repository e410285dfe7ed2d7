import { keepHiddenClass } from "../../../grammar/src/hiddenClasses.js";

/** Offsets ↔ line/column (0-based, UTF-16 code units, as LSP and editors count). */
export class LineIndex {
  /**
   * Where each line starts. Found at the first question: the analysis never
   * asks (its diagnostics are offsets), only the editor and the CLI's output
   * do, and scanning every file of a workspace at `setFile` was ~5 % of
   * parse + check (issue 12). Then kept as long as the file is open, in a
   * typed array: 2 bytes a line for a file under 64 K code units, as almost
   * every agreement file is (4 above), not 8 bytes a line in an array of numbers.
   */
  #starts: Uint16Array | Uint32Array | undefined = undefined;

  constructor(readonly text: string) {}

  private get starts(): Uint16Array | Uint32Array {
    return (this.#starts ??= lineStarts(this.text));
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): { line: number; character: number } {
    const starts = this.starts;
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - starts[low]! };
  }

  offset(position: { line: number; character: number }): number {
    const starts = this.starts;
    if (position.line < 0) return 0;
    if (position.line >= starts.length) return this.text.length;
    const lineStart = starts[position.line]!;
    const nextStart = position.line + 1 < starts.length ? starts[position.line + 1]! : this.text.length;
    let lineEnd = nextStart;
    // Do not place the offset inside the line break.
    while (lineEnd > lineStart && (this.text.charCodeAt(lineEnd - 1) === 10 || this.text.charCodeAt(lineEnd - 1) === 13)) lineEnd--;
    return Math.min(lineStart + Math.max(0, position.character), lineEnd);
  }

  lineStart(line: number): number {
    const starts = this.starts;
    return starts[Math.max(0, Math.min(line, starts.length - 1))]!;
  }
}

/**
 * Line starts found so far, reused from file to file: one pass over the text
 * writes them here and the file's own array is a copy at its length (a count
 * first, then a second pass to fill, read every file twice: ~9 ms of
 * publishing 1 005 files' diagnostics, issue 12 round 6).
 */
let scratch = new Uint32Array(1024);

/** The offsets after each line break (`\n`, `\r\n` or a lone `\r`), after 0. */
function lineStarts(text: string): Uint16Array | Uint32Array {
  const count = lineBreaks(text) + 1;
  const starts = text.length <= 0xffff ? new Uint16Array(count) : new Uint32Array(count);
  starts.set(scratch.subarray(0, count));
  return starts;
}

/** Room in `scratch` for entry `index`. */
function roomFor(index: number): Uint32Array {
  if (index >= scratch.length) {
    const larger = new Uint32Array(Math.max(index + 1, scratch.length * 2));
    larger.set(scratch);
    scratch = larger;
  }
  return scratch;
}

/** Writes where each line begins into `scratch` (0 first); returns the number of line breaks (CR LF, LF and CR each one). */
function lineBreaks(text: string): number {
  let count = 0;
  scratch[0] = 0;
  if (text.indexOf("\r") === -1) {
    // Only `\n` breaks (the usual file): indexOf finds them far faster than a loop over every character.
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) roomFor(++count)[count] = i + 1;
    return count;
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || ch === 13) {
      if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
      roomFor(++count)[count] = i + 1;
    }
  }
  return count;
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
