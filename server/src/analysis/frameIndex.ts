/**
 * The frames (HFA701/702, checks/frame.ts) of a workspace, kept per
 * helsefellesskap: the grants of one helsefellesskap's agreements never
 * change another's frame diagnostics, so an edit re-runs `checkFrames` over
 * the agreements of its own helsefellesskap only (a third of the workspace
 * in the benchmark, a nineteenth in the country), not over every agreement.
 *
 * Each part is checked with its agreements in URI order, as one call over
 * the whole workspace would see them, so every message and related place is
 * the same. Only the order of a file's frame diagnostics between parts can
 * differ, and the final lists are sorted by position (a grant clause gets at
 * most one HFA701 and one HFA702).
 */
import { keepHiddenClass } from "../../../grammar/src/hiddenClasses.js";
import { checkFrames, type FrameDraw } from "./checks/frame.js";
import type { RawDiagnostic } from "./diagnostics.js";
import type { Locale } from "./i18n.js";

interface Part {
  /** The files with agreements drawing in this part, sorted. */
  readonly files: string[];
  readonly byUri: ReadonlyMap<string, readonly RawDiagnostic[]>;
}

/** The part a draw belongs to: its helsefellesskap by name (as `checkFrames` groups them), or none. */
function partOf(draw: FrameDraw): string {
  return draw.community ? `c:${draw.community.name.text}` : "-";
}

export type DrawsOf = (uri: string) => readonly FrameDraw[];

export class FrameIndex {
  private parts = new Map<string, Part>();
  private byFile = new Map<string, readonly RawDiagnostic[]>();

  /** The frame diagnostics of a file. */
  get(uri: string): readonly RawDiagnostic[] | undefined {
    return this.byFile.get(uri);
  }

  /** Starts over from every file's draws (`sorted`: every URI, sorted). */
  rebuild(sorted: readonly string[], drawsOf: DrawsOf, locale: Locale): void {
    const files = new Map<string, string[]>();
    for (const uri of sorted) {
      for (const draw of drawsOf(uri)) {
        const key = partOf(draw);
        const list = files.get(key);
        if (!list) files.set(key, [uri]);
        else if (list[list.length - 1] !== uri) list.push(uri);
      }
    }
    this.parts = new Map();
    for (const [key, list] of files) this.parts.set(key, { files: list, byUri: check(key, list, drawsOf, locale) });
    this.byFile = new Map();
    for (const part of this.parts.values()) for (const uri of part.byUri.keys()) this.byFile.set(uri, this.collect(uri));
  }

  /**
   * Files whose draws changed (`before` → their draws now, through `drawsOf`):
   * re-checks their parts. Returns the files whose frame diagnostics may have changed.
   */
  update(changes: readonly { readonly uri: string; readonly before: readonly FrameDraw[] }[], drawsOf: DrawsOf, locale: Locale): Set<string> {
    const touched = new Set<string>();
    for (const { uri, before } of changes) {
      const now = new Set(drawsOf(uri).map(partOf));
      for (const key of new Set(before.map(partOf))) {
        touched.add(key);
        if (!now.has(key)) remove(this.parts.get(key)?.files, uri);
      }
      for (const key of now) {
        touched.add(key);
        const part = this.parts.get(key);
        if (part) insert(part.files, uri);
        else this.parts.set(key, { files: [uri], byUri: new Map() });
      }
    }
    const affected = new Set<string>();
    for (const key of touched) {
      const part = this.parts.get(key);
      if (!part) continue;
      for (const uri of part.byUri.keys()) affected.add(uri);
      if (part.files.length === 0) {
        this.parts.delete(key);
        continue;
      }
      const byUri = check(key, part.files, drawsOf, locale);
      this.parts.set(key, { files: part.files, byUri });
      for (const uri of byUri.keys()) affected.add(uri);
    }
    for (const uri of affected) {
      const list = this.collect(uri);
      if (list.length > 0) this.byFile.set(uri, list);
      else this.byFile.delete(uri);
    }
    return affected;
  }

  private collect(uri: string): readonly RawDiagnostic[] {
    const out: RawDiagnostic[] = [];
    for (const part of this.parts.values()) for (const diagnostic of part.byUri.get(uri) ?? []) out.push(diagnostic);
    return out;
  }
}

// One per workspace (see hiddenClasses.ts).
keepHiddenClass(new FrameIndex());

function check(key: string, files: readonly string[], drawsOf: DrawsOf, locale: Locale): ReadonlyMap<string, readonly RawDiagnostic[]> {
  const draws: FrameDraw[] = [];
  for (const uri of files) for (const draw of drawsOf(uri)) if (partOf(draw) === key) draws.push(draw);
  const out = new Map<string, RawDiagnostic[]>();
  for (const diagnostic of checkFrames(draws, locale)) {
    const list = out.get(diagnostic.uri);
    if (list) list.push(diagnostic);
    else out.set(diagnostic.uri, [diagnostic]);
  }
  return out;
}

/** Index of the first element not below `uri` in a sorted list. */
function lowerBound(list: readonly string[], uri: string): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid]! < uri) low = mid + 1;
    else high = mid;
  }
  return low;
}

function insert(list: string[], uri: string): void {
  const at = lowerBound(list, uri);
  if (list[at] !== uri) list.splice(at, 0, uri);
}

function remove(list: string[] | undefined, uri: string): void {
  if (!list) return;
  const at = lowerBound(list, uri);
  if (list[at] === uri) list.splice(at, 1);
}
