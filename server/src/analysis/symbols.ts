/**
 * The workspace-wide declarations, one namespace per kind (spec §5.1), and
 * the built-ins of the prelude.
 */
import type * as Ast from "../../../grammar/src/ast.js";
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

export class SymbolTable {
  private readonly byKind = new Map<DeclKind, Map<string, Declared[]>>();

  constructor() {
    for (const kind of GLOBAL_KINDS) this.byKind.set(kind, new Map());
  }

  add(declared: Declared): void {
    if (declared.name.text === "") return; // a header that did not parse
    if (declared.kind === "measure") return;
    const names = this.byKind.get(declared.kind)!;
    const list = names.get(declared.name.text);
    if (list) list.push(declared);
    else names.set(declared.name.text, [declared]);
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
