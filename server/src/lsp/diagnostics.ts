/**
 * Publishing diagnostics. After each analysis, every file whose diagnostics
 * changed (by value, including their line/column positions) is published,
 * and every file published before that no longer has any — or is gone — gets
 * an empty list. Unchanged files are not sent again.
 *
 * While typing, analysis is debounced (`debounceMs`, 0 = off); opening a
 * document publishes at once. Every change bumps a version; a run that finds
 * a newer version before it has published everything stops, and the newer
 * run compares against what was really sent.
 */
import type { Diagnostic as LspDiagnostic } from "vscode-languageserver";
import { LayeredMap, type Diagnostic, type WorkspaceAnalysis } from "../analysis/index.js";
import { toLspDiagnostic, type ConvertContext, type Lines } from "./convert.js";
import { describe } from "./describe.js";

interface Published {
  /** The core diagnostics the list was made from. */
  readonly source: readonly Diagnostic[];
  /** The analysis's whole list for the file (suppressed ones included), as given. */
  readonly all: readonly Diagnostic[];
  /** The line index of every file the positions were computed with. */
  readonly lines: ReadonlyMap<string, Lines | undefined>;
  /** JSON of the list as sent. */
  readonly key: string;
  /** The rule links' bases it was converted with (`ConvertContext.ruleLinksKey`). */
  readonly linksKey: string;
}

export interface PublisherOptions {
  readonly debounceMs: number;
  /** The current analysis, or undefined while the workspace is not ready (indexing). */
  analyze(): WorkspaceAnalysis | undefined;
  readonly convert: ConvertContext;
  /** `json`: `diagnostics` as JSON (the publisher has it already, as its "already sent?" key), for a transport that writes JSON itself. */
  send(uri: string, diagnostics: LspDiagnostic[], json: string): void;
  error(message: string): void;
}

const CHUNK = 100;
/** At most this many diagnostics are published per file (a broken file of megabytes would otherwise flood the editor). */
export const MAX_PER_FILE = 1000;

export class DiagnosticsPublisher {
  private version = 0;
  private timer: NodeJS.Timeout | undefined;
  private queued = false;
  private readonly published = new Map<string, Published>();
  /** For each file, the published files whose related information points into it (their positions use its line index). */
  private readonly relatedFrom = new Map<string, Set<string>>();
  /** The diagnostics of the last run that published everything: the next run looks only at what changed since. */
  private seen: ReadonlyMap<string, readonly Diagnostic[]> | undefined;
  /** `ConvertContext.ruleLinksKey` at the last run. */
  private linksKey = "";
  private idleWaiters: (() => void)[] = [];
  private busy = false;

  constructor(private readonly options: PublisherOptions) {}

  /** The workspace changed. `immediate`: publish without waiting for the debounce. */
  changed(immediate: boolean): void {
    this.version++;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (immediate || this.options.debounceMs <= 0) this.queue();
    else this.timer = setTimeout(() => {
      this.timer = undefined;
      this.queue();
    }, this.options.debounceMs);
  }

  /** Resolves when no analysis is pending (for shutdown and tests). */
  idle(): Promise<void> {
    if (!this.busy && !this.queued && !this.timer) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.version++;
  }

  private queue(): void {
    if (this.queued) return;
    this.queued = true;
    // One turn later: notifications that arrived together become one analysis.
    setImmediate(() => {
      this.queued = false;
      this.run().catch((error: unknown) => this.options.error(`hfa: publishing diagnostics failed: ${describe(error)}`)).finally(() => this.settle());
    });
  }

  private settle(): void {
    if (this.busy || this.queued || this.timer) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private async run(): Promise<void> {
    const version = this.version;
    this.busy = true;
    try {
      const analysis = this.options.analyze();
      if (!analysis || version !== this.version) return;
      const changed: [string, readonly Diagnostic[], readonly Diagnostic[]][] = [];
      // After a keystroke the workspace's map is the last one with a few entries
      // replaced: those files, and the files whose related information points
      // into them, are all that can need publishing. Otherwise every file is looked at.
      // A new `docs.baseUrl` changes rule links, not diagnostics: then every file is looked at.
      const linksKey = this.options.convert.ruleLinksKey?.() ?? "";
      const linksChanged = linksKey !== this.linksKey;
      this.linksKey = linksKey;
      const since = !linksChanged && this.seen && LayeredMap.changedKeys(this.seen, analysis.diagnostics);
      this.seen = undefined;
      let candidates: Iterable<string> = analysis.diagnostics.keys();
      if (since) {
        const uris = new Set(since);
        for (const uri of since) for (const dependent of this.relatedFrom.get(uri) ?? []) uris.add(dependent);
        candidates = uris;
      }
      for (const uri of candidates) {
        const all = analysis.diagnostics.get(uri);
        if (all === undefined) continue; // gone: below
        // The workspace hands back the very same array for a file whose inputs
        // did not change: after a keystroke, that is all files but one.
        const last = this.published.get(uri);
        if (last && last.all === all && last.linksKey === linksKey && this.sameLines(last, uri)) continue;
        const shown = all.filter((d) => d.suppressed === undefined).slice(0, MAX_PER_FILE);
        if (last && this.unchanged(last, shown, uri)) {
          this.published.set(uri, { ...last, all });
          continue;
        }
        if (!last && shown.length === 0) continue;
        changed.push([uri, shown, all]);
      }
      // A layered map only gains keys: a file is gone only after a full run's new map.
      if (!since) for (const uri of this.published.keys()) if (!analysis.diagnostics.has(uri)) changed.push([uri, [], []]);

      for (let i = 0; i < changed.length; i++) {
        if (i > 0 && i % CHUNK === 0) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          if (version !== this.version) return;
        }
        const [uri, list, all] = changed[i]!;
        this.publish(uri, list, all);
      }
      this.seen = analysis.diagnostics;
    } finally {
      this.busy = false;
    }
  }

  private publish(uri: string, list: readonly Diagnostic[], all: readonly Diagnostic[]): void {
    const lines = this.options.convert.lines(uri);
    const last = this.published.get(uri);
    if (last) for (const other of last.lines.keys()) this.relatedFrom.get(other)?.delete(uri);
    if (list.length === 0 || !lines) {
      if (last) {
        this.published.delete(uri);
        this.options.send(uri, [], "[]");
      }
      return;
    }
    const used = new Map<string, Lines | undefined>([[uri, lines]]);
    for (const d of list) for (const r of d.related ?? []) if (!used.has(r.uri)) used.set(r.uri, this.options.convert.lines(r.uri));
    for (const other of used.keys()) {
      if (other === uri) continue;
      const dependents = this.relatedFrom.get(other);
      if (dependents) dependents.add(uri);
      else this.relatedFrom.set(other, new Set([uri]));
    }
    const lsp = list.map((d) => toLspDiagnostic(d, lines, this.options.convert));
    const key = JSON.stringify(lsp);
    this.published.set(uri, { source: list, all, lines: used, key, linksKey: this.linksKey });
    if (last && last.key === key) return;
    this.options.send(uri, lsp, key);
  }

  /** The line indexes the last list was positioned with are still current. */
  private sameLines(last: Published, uri: string): boolean {
    if (last.lines.get(uri) !== this.options.convert.lines(uri)) return false;
    for (const [other, lines] of last.lines) if (other !== uri && lines !== this.options.convert.lines(other)) return false;
    return true;
  }

  /** Same diagnostics, positioned with the same line indexes: nothing to send. */
  private unchanged(last: Published, list: readonly Diagnostic[], uri: string): boolean {
    if (last.source.length !== list.length || last.linksKey !== this.linksKey) return false;
    if (!this.sameLines(last, uri)) return false;
    for (let i = 0; i < list.length; i++) if (!sameDiagnostic(last.source[i]!, list[i]!)) return false;
    return true;
  }
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  if (a === b) return true;
  if (a.code !== b.code || a.start !== b.start || a.end !== b.end || a.severity !== b.severity || a.message !== b.message || a.uri !== b.uri) return false;
  if ((a.tags?.length ?? 0) !== (b.tags?.length ?? 0)) return false;
  const ar = a.related ?? [];
  const br = b.related ?? [];
  if (ar.length !== br.length) return false;
  for (let i = 0; i < ar.length; i++) {
    const x = ar[i]!;
    const y = br[i]!;
    if (x.uri !== y.uri || x.start !== y.start || x.end !== y.end || x.message !== y.message) return false;
  }
  return a.fixes === b.fixes || JSON.stringify(a.fixes ?? []) === JSON.stringify(b.fixes ?? []);
}
