/**
 * Small per-analysis indexes, built lazily and cached in a WeakMap keyed by
 * the `WorkspaceAnalysis` object, so that a request looks things up instead
 * of scanning the workspace. A new analysis (after an edit) gets new indexes;
 * each is built only when a request needs it, and only for the file at hand
 * where that is enough.
 */
import type * as Ast from "../../../../grammar/src/ast.js";
import type { AgreementAnalysis, Declared, Reference, SourceFile, SymbolTarget, WorkspaceAnalysis } from "../../analysis/index.js";
import type { DeclaredOf } from "../../analysis/symbols.js";

/** A name in a file: a declaration, a reference, or both never at once. */
export interface Occurrence {
  readonly uri: string;
  readonly name: Ast.Name;
  readonly declaration?: Declared;
  readonly reference?: Reference;
  /** What the name stands for (the declaration itself for a declaration). */
  readonly target?: SymbolTarget;
}

export interface FileIndex {
  /** Every declared or referenced name of the file, by start offset. */
  readonly occurrences: readonly Occurrence[];
}

export interface CommunityMembers {
  readonly healthTrusts: DeclaredOf<"healthTrust">[];
  readonly municipalities: DeclaredOf<"municipality">[];
  readonly hospitals: DeclaredOf<"hospital">[];
  readonly groups: DeclaredOf<"group">[];
}

interface AnalysisIndex {
  readonly files: WeakMap<SourceFile, FileIndex>;
  agreementsByUri?: Map<string, AgreementAnalysis[]>;
  referencesByTarget?: Map<string, Reference[]>;
  members?: Map<Ast.CommunityDecl, CommunityMembers>;
}

const cache = new WeakMap<WorkspaceAnalysis, AnalysisIndex>();

function indexOf(analysis: WorkspaceAnalysis): AnalysisIndex {
  let index = cache.get(analysis);
  if (!index) {
    index = { files: new WeakMap() };
    cache.set(analysis, index);
  }
  return index;
}

/** A stable key for what a name stands for (same declaration ⇒ same key). */
export function targetKey(target: SymbolTarget): string {
  if (target.kind === "purpose" || target.kind === "nationalGroup") return `${target.kind}:${target.id}`;
  return `${target.kind}:${target.uri}:${target.name.start}`;
}

export function isBuiltin(target: SymbolTarget): target is Extract<SymbolTarget, { kind: "purpose" | "nationalGroup" }> {
  return target.kind === "purpose" || target.kind === "nationalGroup";
}

export function fileIndex(analysis: WorkspaceAnalysis, file: SourceFile): FileIndex {
  const index = indexOf(analysis);
  let found = index.files.get(file);
  if (found) return found;
  const occurrences: Occurrence[] = [];
  for (const declared of file.declarations) {
    if (declared.name.end <= declared.name.start) continue; // a header that did not parse
    occurrences.push({ uri: file.uri, name: declared.name, declaration: declared, target: declared });
  }
  for (const reference of analysis.references.get(file.uri) ?? []) {
    if (reference.name.end <= reference.name.start || reference.name.end > file.text.length) continue;
    occurrences.push({ uri: file.uri, name: reference.name, reference, target: reference.target });
  }
  occurrences.sort((a, b) => a.name.start - b.name.start);
  found = { occurrences };
  index.files.set(file, found);
  return found;
}

/** The name at `offset` (a cursor just after a name counts as on it). */
export function occurrenceAt(analysis: WorkspaceAnalysis, file: SourceFile, offset: number): Occurrence | undefined {
  const list = fileIndex(analysis, file).occurrences;
  let low = 0;
  let high = list.length - 1;
  // Last occurrence starting at or before the offset.
  let candidate = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (list[mid]!.name.start <= offset) {
      candidate = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  if (candidate < 0) return undefined;
  const found = list[candidate]!;
  if (offset < found.name.end) return found;
  if (offset === found.name.end) return found;
  return undefined;
}

export function agreementsOf(analysis: WorkspaceAnalysis, uri: string): readonly AgreementAnalysis[] {
  const index = indexOf(analysis);
  if (!index.agreementsByUri) {
    const map = new Map<string, AgreementAnalysis[]>();
    for (const agreement of analysis.agreements) {
      const list = map.get(agreement.uri);
      if (list) list.push(agreement);
      else map.set(agreement.uri, [agreement]);
    }
    index.agreementsByUri = map;
  }
  return index.agreementsByUri.get(uri) ?? [];
}

/** The analysis of an agreement node of `uri` (by identity, or else by position). */
export function agreementAnalysis(analysis: WorkspaceAnalysis, uri: string, node: Ast.AgreementDecl): AgreementAnalysis | undefined {
  const list = agreementsOf(analysis, uri);
  return list.find((a) => a.node === node) ?? list.find((a) => a.node.start === node.start && a.node.name.text === node.name.text);
}

/** The agreement declaration around `offset` in a file, if any. */
export function agreementAt(file: SourceFile, offset: number): Ast.AgreementDecl | undefined {
  for (const decl of file.parse.file.declarations) {
    if (decl.kind === "agreement" && decl.start <= offset && offset <= decl.end) return decl;
  }
  return undefined;
}

/** Every reference of the workspace, by `targetKey` of what it names. */
export function referencesByTarget(analysis: WorkspaceAnalysis): ReadonlyMap<string, readonly Reference[]> {
  const index = indexOf(analysis);
  if (!index.referencesByTarget) {
    const map = new Map<string, Reference[]>();
    for (const list of analysis.references.values()) {
      for (const reference of list) {
        if (!reference.target) continue;
        const key = targetKey(reference.target);
        const found = map.get(key);
        if (found) found.push(reference);
        else map.set(key, [reference]);
      }
    }
    index.referencesByTarget = map;
  }
  return index.referencesByTarget;
}

/** The health trusts, municipalities, hospitals and local groups of a helsefellesskap. */
export function membersOf(analysis: WorkspaceAnalysis, community: Ast.CommunityDecl): CommunityMembers {
  const index = indexOf(analysis);
  if (!index.members) {
    const map = new Map<Ast.CommunityDecl, CommunityMembers>();
    const entry = (decl: Ast.CommunityDecl): CommunityMembers => {
      let found = map.get(decl);
      if (!found) {
        found = { healthTrusts: [], municipalities: [], hospitals: [], groups: [] };
        map.set(decl, found);
      }
      return found;
    };
    const symbols = analysis.symbols;
    for (const d of symbols.all("healthTrust")) if (d.kind === "healthTrust") entry(d.community).healthTrusts.push(d);
    for (const d of symbols.all("municipality")) if (d.kind === "municipality") entry(d.community).municipalities.push(d);
    for (const d of symbols.all("hospital")) if (d.kind === "hospital") entry(d.community).hospitals.push(d);
    for (const d of symbols.all("group")) if (d.kind === "group") entry(d.community).groups.push(d);
    index.members = map;
  }
  return index.members.get(community) ?? { healthTrusts: [], municipalities: [], hospitals: [], groups: [] };
}
