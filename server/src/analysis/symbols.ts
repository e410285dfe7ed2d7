/**
 * The workspace-wide declarations, one namespace per kind (spec §5.1), and
 * the built-ins of the prelude.
 */
import type * as Ast from "../../../grammar/src/ast.js";
import { keepHiddenClass } from "../../../grammar/src/hiddenClasses.js";
import { NATIONAL_GROUPS_BY_ID, PURPOSES_BY_ID } from "./prelude.js";

export type DeclKind =
  | "community"
  | "healthTrust"
  | "hospital"
  | "municipality"
  | "group"
  | "rate"
  | "scheme"
  | "agreement"
  | "measure";

export type BuiltinKind = "purpose" | "nationalGroup";
export type SymbolKind = DeclKind | BuiltinKind;

interface DeclBase {
  readonly uri: string;
  readonly name: Ast.Name;
}

export type Declared =
  | (DeclBase & { readonly kind: "community"; readonly node: Ast.CommunityDecl })
  | (DeclBase & { readonly kind: "healthTrust"; readonly node: Ast.HealthTrustDecl; readonly community: Ast.CommunityDecl })
  | (DeclBase & {
      readonly kind: "hospital";
      readonly node: Ast.HospitalDecl;
      readonly healthTrust: Ast.HealthTrustDecl;
      readonly community: Ast.CommunityDecl;
    })
  | (DeclBase & { readonly kind: "municipality"; readonly node: Ast.MunicipalityDecl; readonly community: Ast.CommunityDecl })
  | (DeclBase & { readonly kind: "group"; readonly node: Ast.GroupDecl; readonly community: Ast.CommunityDecl })
  | (DeclBase & { readonly kind: "rate"; readonly node: Ast.RateDecl })
  | (DeclBase & { readonly kind: "scheme"; readonly node: Ast.SchemeDecl })
  | (DeclBase & { readonly kind: "agreement"; readonly node: Ast.AgreementDecl })
  | (DeclBase & { readonly kind: "measure"; readonly node: Ast.MeasureClause; readonly agreement: Ast.AgreementDecl });

export type DeclaredOf<K extends DeclKind> = Extract<Declared, { kind: K }>;

export type Builtin = { readonly kind: "purpose"; readonly id: string } | { readonly kind: "nationalGroup"; readonly id: string };

export type SymbolTarget = Declared | Builtin;

/** Kinds whose namespace is shared by the whole workspace (measures live in their agreement). */
const GLOBAL_KINDS: readonly DeclKind[] = ["community", "healthTrust", "hospital", "municipality", "group", "rate", "scheme", "agreement"];

/** Whether `add` enters the declaration in the table. */
function entered(declared: Declared): boolean {
  // A header that did not parse, `<navn>` (HFA011's: it declares nothing yet, spec §2), a measure (it lives in its agreement).
  return declared.name.text !== "" && !declared.name.placeholder && declared.kind !== "measure";
}

export class SymbolTable {
  protected readonly byKind: Map<DeclKind, Map<string, Declared[]>>;
  /** Names declared more than once in their namespace. */
  private duplicateNames = 0;

  /** `shared`: a view of that table's declarations (see `DependencyRecorder`). */
  constructor(shared?: SymbolTable) {
    if (shared) {
      this.byKind = shared.byKind;
      return;
    }
    this.byKind = new Map();
    for (const kind of GLOBAL_KINDS) this.byKind.set(kind, new Map());
  }

  add(declared: Declared): void {
    if (!entered(declared)) return;
    const names = this.byKind.get(declared.kind)!;
    const list = names.get(declared.name.text);
    if (list) {
      list.push(declared);
      if (list.length === 2) this.duplicateNames++;
    } else names.set(declared.name.text, [declared]);
  }

  /**
   * Puts a re-parsed file's declarations in the place of its old ones, when
   * they declare the same names of the same kinds in the same order (see
   * `sameNames`): every list and every namespace keeps its order, as if the
   * table were rebuilt, without visiting the other files.
   */
  replace(before: readonly Declared[], after: readonly Declared[], which: Which = "all"): void {
    const include = which === "all" ? entered : enteredShared;
    const next = after.filter(include);
    let i = 0;
    for (const old of before) {
      if (!include(old)) continue;
      const list = this.byKind.get(old.kind)?.get(old.name.text);
      const at = list ? list.indexOf(old) : -1;
      if (!list || at < 0) throw new Error(`SymbolTable.replace: ${old.name.text} is not in the table`);
      list[at] = next[i++]!;
    }
  }

  hasDuplicates(): boolean {
    return this.duplicateNames > 0;
  }

  /**
   * The agreements' namespace made afresh from `agreements` (every file's, in
   * the order a rebuild adds them): after agreements were renamed, added or
   * removed in files whose other declarations stayed (`replace(…, "shared")`).
   */
  setAgreements(agreements: readonly Declared[]): void {
    for (const list of this.byKind.get("agreement")!.values()) if (list.length > 1) this.duplicateNames--;
    this.byKind.set("agreement", new Map());
    for (const declared of agreements) this.add(declared);
  }

  /** All declarations of `name` of kind `kind` (more than one is HFA102). */
  lookup<K extends DeclKind>(kind: K, name: string): DeclaredOf<K>[] {
    return (this.byKind.get(kind)?.get(name) ?? []) as DeclaredOf<K>[];
  }

  first<K extends DeclKind>(kind: K, name: string): DeclaredOf<K> | undefined {
    // Not via `lookup`: a miss (common when trying several kinds) allocates nothing.
    return this.byKind.get(kind)?.get(name)?.[0] as DeclaredOf<K> | undefined;
  }

  /** Built-ins and declarations of any kind with this name: for HFA103 and hover. */
  anyKind(name: string): SymbolTarget[] {
    const found: SymbolTarget[] = [];
    for (const kind of GLOBAL_KINDS) for (const declared of this.lookup(kind, name)) found.push(declared);
    if (PURPOSES_BY_ID.has(name)) found.push({ kind: "purpose", id: name });
    if (NATIONAL_GROUPS_BY_ID.has(name)) found.push({ kind: "nationalGroup", id: name });
    return found;
  }

  names(kind: DeclKind): IterableIterator<string> {
    return (this.byKind.get(kind) ?? new Map<string, Declared[]>()).keys();
  }

  all(kind: DeclKind): Declared[] {
    return [...(this.byKind.get(kind) ?? new Map<string, Declared[]>()).values()].flat();
  }

  /** Every name declared more than once in its namespace. */
  *duplicates(): Generator<Declared[]> {
    for (const names of this.byKind.values()) {
      for (const list of names.values()) if (list.length > 1) yield list;
    }
  }
}

/**
 * A view of a table that notes what an analysis depends on: the files of
 * every declaration it hands out, and the names it asked for among the
 * agreements (`anyKind`, for HFA103), or whether it read all of them.
 */
export class DependencyRecorder extends SymbolTable {
  readonly uris = new Set<string>();
  readonly agreementNames = new Set<string>();
  everyAgreement = false;

  override lookup<K extends DeclKind>(kind: K, name: string): DeclaredOf<K>[] {
    if (kind === "agreement") this.agreementNames.add(name);
    const found = super.lookup(kind, name);
    for (const declared of found) this.uris.add(declared.uri);
    return found;
  }

  override first<K extends DeclKind>(kind: K, name: string): DeclaredOf<K> | undefined {
    if (kind === "agreement") this.agreementNames.add(name);
    const found = super.first(kind, name);
    if (found) this.uris.add(found.uri);
    return found;
  }

  override all(kind: DeclKind): Declared[] {
    if (kind === "agreement") this.everyAgreement = true;
    const found = super.all(kind);
    for (const declared of found) this.uris.add(declared.uri);
    return found;
  }

  override names(kind: DeclKind): IterableIterator<string> {
    if (kind === "agreement") this.everyAgreement = true;
    return super.names(kind);
  }
}

// A recorder per agreement analysis (see hiddenClasses.ts); its table is the workspace's.
keepHiddenClass(new DependencyRecorder(new SymbolTable()));

/** All declarations the table holds, or all but the agreements (whose namespace `setAgreements` remakes). */
export type Which = "all" | "shared";

function enteredShared(declared: Declared): boolean {
  return entered(declared) && declared.kind !== "agreement";
}

/** Whether two lists declare the same names of the same kinds in the same order (what `SymbolTable.replace` needs). */
export function sameNames(a: readonly Declared[], b: readonly Declared[], which: Which = "all"): boolean {
  const include = which === "all" ? entered : enteredShared;
  const x = a.filter(include);
  const y = b.filter(include);
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i]!.kind !== y[i]!.kind || x[i]!.name.text !== y[i]!.name.text) return false;
  return true;
}

/** Declarations of one file, in source order. */
export function declarationsOf(uri: string, file: Ast.FileNode): Declared[] {
  const out: Declared[] = [];
  for (const decl of file.declarations) {
    switch (decl.kind) {
      case "community":
        out.push({ kind: "community", uri, name: decl.name, node: decl });
        for (const item of decl.items) {
          if (item.kind === "healthTrust") {
            out.push({ kind: "healthTrust", uri, name: item.name, node: item, community: decl });
            for (const hospital of item.hospitals) {
              out.push({ kind: "hospital", uri, name: hospital.name, node: hospital, healthTrust: item, community: decl });
            }
          } else if (item.kind === "municipality") {
            out.push({ kind: "municipality", uri, name: item.name, node: item, community: decl });
          } else if (item.kind === "group") {
            out.push({ kind: "group", uri, name: item.name, node: item, community: decl });
          }
        }
        break;
      case "rate":
        out.push({ kind: "rate", uri, name: decl.name, node: decl });
        break;
      case "scheme":
        out.push({ kind: "scheme", uri, name: decl.name, node: decl });
        break;
      case "agreement":
        out.push({ kind: "agreement", uri, name: decl.name, node: decl });
        for (const clause of decl.clauses) {
          if (clause.kind === "measure") out.push({ kind: "measure", uri, name: clause.name, node: clause, agreement: decl });
        }
        break;
    }
  }
  return out;
}
