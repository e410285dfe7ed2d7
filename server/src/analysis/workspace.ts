/**
 * The workspace model: many files, one namespace (spec §1, §5.1).
 *
 * `analyze()` returns everything the CLI and the language server need:
 * diagnostics per file, the symbol table, every reference, and the money
 * model of every agreement. Work is cached so that a keystroke in one
 * agreement of ten thousand re-does only that agreement, and a run costs
 * what changed, not what the workspace holds:
 *  - a file is re-parsed only when its text changes;
 *  - an agreement is re-analysed only when its syntax tree is new, when the
 *    workspace's declarations (communities, rates, schemes, names) change —
 *    its results depend on nothing else — or when a declaration it looked
 *    up moved (its results point at it);
 *  - a run visits only the files set since the last one (and those holding
 *    a `tilskudd`); the symbol table takes a re-parsed file's declarations
 *    in place when they declare the same names;
 *  - frames (HFA701/702) are recomputed only when their input changed;
 *    duplicates (HFA102) on every run while there are any (cheap: the first
 *    declarations of each duplicated name); only the files whose share of
 *    them changed get new final lists;
 *  - the maps of the result are the last run's with the changed entries
 *    layered over them (layeredMap.ts).
 */
import type * as Ast from "../../../grammar/src/ast.js";
import { keepHiddenClass } from "../../../grammar/src/hiddenClasses.js";
import { fitted, settled } from "../../../grammar/src/fitted.js";
import { parse, type ParseResult } from "../../../grammar/src/parser.js";
import { computeMoney, type MoneyModel } from "./agreement/money.js";
import { resolveAgreement, type ResolvedAgreement } from "./agreement/resolve.js";
import { ReferenceList, type ReferenceRecorder } from "./references.js";
import { capDiagnostics } from "./caps.js";
import { checkBalance } from "./checks/balance.js";
import { checkContinuation, checkHorizon } from "./checks/continuation.js";
import { checkFinancing } from "./checks/financing.js";
import { CheckContext } from "./checks/context.js";
import { checkSchemeRegion, sameFrameDraws, type FrameDraw } from "./checks/frame.js";
import { checkRateSources, reportAndSeparators, reportPlaceholders } from "./checks/declarations.js";
import { checkGroups } from "./checks/groups.js";
import { checkAgreementShares, checkParties, checkShareSum } from "./checks/parties.js";
import { checkProcess } from "./checks/process.js";
import { checkClauseCounts, checkPurposes } from "./checks/structure.js";
import { NOTATION_TOKEN_TYPES, reportNotation, reportRanges, reportSyntax } from "./checks/syntax.js";
import { DEFAULT_CONFIG, parseConfig, severityOf, type Config } from "./config.js";
import type { Diagnostic, RawDiagnostic } from "./diagnostics.js";
import type { Locale } from "./i18n.js";
import type { Severity } from "./rules.js";
import { SuppressionIndex } from "./suppressionIndex.js";
import { findSuppressions, staleSuppressions, type Suppression } from "./suppressions.js";
import { declarationsOf, DependencyRecorder, sameNames, SymbolTable, type Declared } from "./symbols.js";
import { FrameIndex } from "./frameIndex.js";
import { LayeredMap } from "./layeredMap.js";
import { LineIndex } from "./text.js";

export interface SourceFile {
  readonly uri: string;
  readonly text: string;
  readonly parse: ParseResult;
  readonly lines: LineIndex;
  readonly declarations: readonly Declared[];
  /** Text of everything other agreements can depend on, without where it stands (see `signatureOf`). */
  readonly signature: string;
  /** The names of its agreements, in order: other agreements depend on them only through the names they asked for (see `DependencyRecorder`). */
  readonly agreementNames: readonly string[];
  /** Where each shared declaration starts: other files' cached analyses point at them (see `signatureOf`). */
  readonly sharedOffsets: readonly number[];
}

export interface AgreementAnalysis {
  readonly uri: string;
  readonly node: Ast.AgreementDecl;
  readonly resolved: ResolvedAgreement;
  readonly money: MoneyModel;
  readonly diagnostics: readonly RawDiagnostic[];
}

export interface WorkspaceAnalysis {
  /** The workspace's symbol table: kept up to date by later edits that only re-parse declarations of the same names. */
  readonly symbols: SymbolTable;
  readonly agreements: readonly AgreementAnalysis[];
  /** Diagnostics by file (every file of the workspace has an entry, maybe empty). */
  readonly diagnostics: ReadonlyMap<string, readonly Diagnostic[]>;
  readonly suppressions: ReadonlyMap<string, readonly Suppression[]>;
  /** Every name in a reference position, by file. */
  readonly references: ReadonlyMap<string, ReferenceList>;
  readonly config: Config;
  readonly locale: Locale;
}

export interface WorkspaceOptions {
  /** Overrides `hfa.json`'s locale (editor setting, `--locale`). */
  readonly locale?: Locale;
  /**
   * What a run keeps. "everything" (the default): what the language server,
   * the reports and `hfa check --format json` read. "diagnostics": only the
   * diagnostics, without quick fixes (`agreements` is empty, `references`
   * holds no agreement's references, and every run starts over), for a
   * one-shot run that reads nothing but `diagnostics` and `locale` (`hfa
   * check` in the text formats): what each agreement's checks build then dies
   * young instead of being copied by every later scavenge (docs/performance.md,
   * round 6 `retain`).
   */
  readonly keep?: "everything" | "diagnostics";
}

interface AgreementCacheEntry {
  /** The declarations generation it was computed in (see `generation`). */
  readonly generation: number;
  readonly analysis: AgreementAnalysis;
  /** The files whose declarations it looked up: its results may point into them. */
  readonly dependsOn: readonly string[];
  /** The agreement names it asked the table for (HFA103), and whether it read all of them. */
  readonly agreementNames: readonly string[];
  readonly everyAgreement: boolean;
}

interface FileCacheEntry {
  readonly key: string;
  readonly diagnostics: readonly RawDiagnostic[];
  readonly suppressions: readonly Suppression[];
}

/** One file's part of the last run, before the workspace-wide checks. */
interface FileState {
  readonly fileResult: FileCacheEntry;
  readonly analyses: readonly AgreementAnalysis[];
  /** Its agreements with grants, for the frames (an agreement without grants draws nothing). */
  readonly draws: readonly FrameDraw[];
  readonly schemeDiagnostics: readonly RawDiagnostic[];
  readonly schemeRefs: ReferenceList;
  readonly hasScheme: boolean;
  /** With `keep: "diagnostics"`: its agreements' diagnostics (`analyses` is then empty). */
  readonly agreementDiagnostics?: readonly RawDiagnostic[];
}

/** A file of agreements only declares nothing that can move under other files' analyses. */
/** What a distribution entry's name may be (one array for every scheme reference). */
const COMMUNITY_KINDS = ["community"] as const;
const NO_EXTRAS: ReadonlyMap<string, readonly RawDiagnostic[]> = new Map();

export class Workspace {
  private readonly files = new Map<string, SourceFile>();
  private configUri: string | undefined;
  private configText: string | undefined;
  private localeOverride: Locale | undefined;
  /** `keep: "diagnostics"` (see WorkspaceOptions). */
  private readonly diagnosticsOnly: boolean;
  private analysis: WorkspaceAnalysis | undefined;
  /** The last run's result, which the next run copies and updates. */
  private previous: WorkspaceAnalysis | undefined;
  /** Bumped whenever what agreements depend on (declarations, locale, config) changes. */
  private generation = 0;
  /** Locale and configuration of the last run. */
  private settingsKey = "";
  /** Set when what agreements depend on may have changed: files added or removed, a declaration's text: the next run starts over. */
  private structureChanged = true;
  /** Every URI, sorted (undefined when files were added or removed since). */
  private sorted: string[] | undefined;
  private symbols: SymbolTable | undefined;
  /** Files set since the last run. */
  private readonly pending = new Set<string>();
  /** Agreement names that came or went since the last run (see `agreementNames`). */
  private readonly renamed = new Set<string>();
  /** The table's agreements are not those of the files (see `SymbolTable.setAgreements`). */
  private agreementsStale = false;
  /** Files set since the last run whose shared declarations kept their text but moved. */
  private readonly moved = new Set<string>();
  private states = new Map<string, FileState>();
  /** Files holding a `tilskudd` declaration: visited at every run. */
  private schemeFiles = new Set<string>();
  /** Where each file's agreements start in the last run's `agreements`. */
  private agreementIndex = new Map<string, number>();
  /** The configuration file's key in the last run's diagnostics, if it has one. */
  private configEntry: string | undefined;
  /** Each file's final diagnostics and references from the last run. */
  private finals = new Map<string, FinalEntry>();
  /** Workspace-wide diagnostics of the last run by file: duplicates (HFA102) and frames (HFA701/702, by helsefellesskap). */
  private duplicatesByUri: ReadonlyMap<string, readonly RawDiagnostic[]> = NO_EXTRAS;
  private readonly frames = new FrameIndex();
  private readonly agreementCache = new WeakMap<Ast.AgreementDecl, AgreementCacheEntry>();
  private readonly fileCache = new WeakMap<ParseResult, FileCacheEntry>();
  /** See `internFiles`; emptied at every full run. */
  private fileLists = new Map<string, readonly string[]>();
  /** The list `internFiles` returned last (most agreements depend on the same files as the one before). */
  private lastFileList: readonly string[] | undefined;

  constructor(options: WorkspaceOptions = {}) {
    this.localeOverride = options.locale;
    this.diagnosticsOnly = options.keep === "diagnostics";
  }

  setLocale(locale: Locale | undefined): void {
    if (locale === this.localeOverride) return;
    this.localeOverride = locale;
    this.analysis = undefined;
  }

  /** `hfa.json`: its text, or undefined to use the defaults. */
  setConfig(uri: string | undefined, text: string | undefined): void {
    if (uri === this.configUri && text === this.configText) return;
    this.configUri = uri;
    this.configText = text;
    this.analysis = undefined;
  }

  setFile(uri: string, text: string): SourceFile {
    const existing = this.files.get(uri);
    if (existing && existing.text === text) return existing;
    const parsed = parse(text);
    const declarations = declarationsOf(uri, parsed.file);
    const { signature, agreementNames, sharedOffsets } = signatureOf(text, parsed.file);
    const file: SourceFile = { uri, text, parse: parsed, lines: new LineIndex(text), declarations: fitted(declarations), signature, agreementNames, sharedOffsets };
    this.files.set(uri, file);
    this.analysis = undefined;
    this.pending.add(uri);
    if (!existing) {
      this.sorted = undefined;
      this.structureChanged = true;
    } else if (existing.signature !== signature) {
      this.structureChanged = true;
    } else if (!this.structureChanged) {
      if (!sameList(existing.sharedOffsets, sharedOffsets)) this.moved.add(uri);
      const renamed = !sameList(existing.agreementNames, agreementNames);
      if (renamed) for (const name of [...existing.agreementNames, ...agreementNames]) this.renamed.add(name);
      // The same names in the same order: the table takes the new declarations in place, and the other files are not visited.
      if (this.symbols && !renamed && sameNames(existing.declarations, declarations)) this.symbols.replace(existing.declarations, declarations);
      else if (this.symbols && sameNames(existing.declarations, declarations, "shared")) {
        // Agreements renamed, added or removed: only the agreements' namespace is made again, at the next run.
        this.symbols.replace(existing.declarations, declarations, "shared");
        this.agreementsStale = true;
      } else this.structureChanged = true;
    }
    return file;
  }

  removeFile(uri: string): boolean {
    const removed = this.files.delete(uri);
    if (removed) {
      this.analysis = undefined;
      this.sorted = undefined;
      this.structureChanged = true;
    }
    return removed;
  }

  file(uri: string): SourceFile | undefined {
    return this.files.get(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  analyze(): WorkspaceAnalysis {
    this.analysis ??= this.compute();
    return this.analysis;
  }

  /**
   * A run visits only the files set since the last one, the files holding a
   * `tilskudd` (their checks read other files' communities) and the files
   * whose agreements point into a file whose declarations moved; the
   * workspace-wide checks are re-run only when their input changed. A change
   * to what every agreement depends on (a declaration's text, a file added
   * or removed, the locale, the configuration's rules) starts over.
   */
  private compute(): WorkspaceAnalysis {
    let configResult = this.configText !== undefined ? parseConfig(this.configText, this.configUri ?? "hfa.json", this.localeOverride ?? "nb") : undefined;
    // The file's own `locale` decides the language of its own diagnostics too.
    if (configResult && this.localeOverride === undefined && configResult.config.locale === "en") {
      configResult = parseConfig(this.configText!, this.configUri ?? "hfa.json", "en");
    }
    const config = configResult?.config ?? DEFAULT_CONFIG;
    const locale: Locale = this.localeOverride ?? config.locale ?? "nb";
    const settingsKey = `${locale}\u0000${configKey(config)}`;

    const previous = this.previous;
    const full = this.diagnosticsOnly || previous === undefined || this.structureChanged || settingsKey !== this.settingsKey || this.symbols === undefined;
    if (full) {
      this.generation++;
      this.settingsKey = settingsKey;
      this.sorted ??= sortedKeys(this.files);
      const table = new SymbolTable();
      for (const uri of this.sorted) for (const declared of this.files.get(uri)!.declarations) table.add(declared);
      this.symbols = table;
      this.structureChanged = false;
      this.agreementsStale = false;
      this.states = new Map();
      this.finals = new Map();
      this.schemeFiles = new Set();
      this.fileLists = new Map();
      this.lastFileList = undefined;
    }
    const symbols = this.symbols!;
    const sorted = this.sorted!;
    if (this.agreementsStale) {
      const agreements: Declared[] = [];
      for (const uri of sorted) for (const declared of this.files.get(uri)!.declarations) if (declared.kind === "agreement") agreements.push(declared);
      symbols.setAgreements(agreements);
      this.agreementsStale = false;
    }

    // The files to visit, and whether their agreements' grants stayed as they were.
    let visit: Iterable<string>;
    if (full) visit = sorted;
    else {
      const dirty = new Set<string>();
      for (const uri of this.pending) if (this.files.has(uri)) dirty.add(uri);
      for (const uri of this.schemeFiles) dirty.add(uri);
      if (this.moved.size > 0 || this.renamed.size > 0) {
        // Agreements whose results point into a file whose declarations moved, or that asked for an agreement name that came or went.
        const moved = [...this.moved];
        const renamed = this.renamed;
        const stale = (entry: AgreementCacheEntry) =>
          moved.some((m) => entry.dependsOn.includes(m)) || (renamed.size > 0 && (entry.everyAgreement || entry.agreementNames.some((name) => renamed.has(name))));
        for (const [uri, state] of this.states) {
          for (const analysis of state.analyses) {
            const entry = this.agreementCache.get(analysis.node);
            if (!entry || !stale(entry)) continue;
            this.agreementCache.delete(analysis.node);
            dirty.add(uri);
          }
        }
      }
      visit = dirty;
    }
    this.pending.clear();
    this.moved.clear();
    this.renamed.clear();

    const visited = new Set<string>();
    const drawsChanged: { uri: string; before: readonly FrameDraw[] }[] = [];
    let countsChanged = full;
    for (const uri of visit) {
      const file = this.files.get(uri)!;
      const state = this.visit(file, settingsKey, config, locale, symbols);
      const before = this.states.get(uri);
      if (!full && !sameFrameDraws(before?.draws ?? [], state.draws)) drawsChanged.push({ uri, before: before?.draws ?? [] });
      if (!countsChanged && before?.analyses.length !== state.analyses.length) countsChanged = true;
      this.states.set(uri, state);
      if (state.hasScheme) this.schemeFiles.add(uri);
      else this.schemeFiles.delete(uri);
      visited.add(uri);
    }

    // Workspace-wide checks; the files whose share of them changed are re-finalised too.
    const refinal = new Set(visited);
    const duplicatesByUri = symbols.hasDuplicates() ? byUri(duplicateDiagnostics(symbols, locale)) : NO_EXTRAS;
    const changedExtras = (before: ReadonlyMap<string, readonly RawDiagnostic[]>, after: ReadonlyMap<string, readonly RawDiagnostic[]>) => {
      if (before === after) return;
      for (const uri of before.keys()) refinal.add(uri);
      for (const uri of after.keys()) refinal.add(uri);
    };
    changedExtras(this.duplicatesByUri, duplicatesByUri);
    this.duplicatesByUri = duplicatesByUri;
    const drawsOf = (uri: string) => this.states.get(uri)!.draws;
    if (full) this.frames.rebuild(sorted, drawsOf, locale);
    else if (drawsChanged.length > 0) for (const uri of this.frames.update(drawsChanged, drawsOf, locale)) refinal.add(uri);

    // A file whose inputs are the very objects of the last run (cached parse
    // and analyses, equal workspace-wide diagnostics) keeps its final list:
    // after a keystroke, 999 of 1 000 files are not rebuilt, re-sorted or
    // re-published.
    const changedFinals: string[] = [];
    for (const uri of full ? sorted : refinal) {
      const state = this.states.get(uri);
      if (!state) continue; // removed: only on a full run, which does not list it
      const fileExtras = [...state.schemeDiagnostics, ...(this.duplicatesByUri.get(uri) ?? []), ...(this.frames.get(uri) ?? [])];
      const extrasKey = fileExtras.length === 0 ? "" : JSON.stringify(fileExtras);
      const previousFinal = this.finals.get(uri);
      if (!visited.has(uri) && previousFinal?.extrasKey === extrasKey) continue;
      // Scheme references point into other files: a file that has them is never kept as it was.
      const sources: object[] = [state.fileResult, ...state.analyses];
      if (state.schemeRefs.length > 0) sources.push(state.schemeRefs);
      if (
        previousFinal &&
        previousFinal.generation === this.generation &&
        previousFinal.extrasKey === extrasKey &&
        sameList(previousFinal.sources, sources)
      ) {
        continue;
      }
      // A file of one agreement (the usual layout) has that agreement's list as it is: the same references in the same order, not kept twice.
      let refs: ReferenceList;
      if (state.schemeRefs.length === 0 && state.analyses.length === 1) refs = state.analyses[0]!.resolved.references;
      else if (this.diagnosticsOnly) refs = state.schemeRefs;
      else refs = ReferenceList.joined(uri, [state.schemeRefs, ...state.analyses.map((a) => a.resolved.references)]);
      this.finals.set(uri, {
        generation: this.generation,
        sources: fitted(sources),
        extrasKey,
        diagnostics: finalDiagnostics(
          fileDiagnosticList(state.fileResult.diagnostics, state.agreementDiagnostics, state.analyses, fileExtras),
          state.fileResult.suppressions,
          config,
          uri,
          locale,
        ),
        references: refs,
      });
      changedFinals.push(uri);
    }

    const configDiagnostics = configResult && this.configUri ? finalDiagnostics([...configResult.diagnostics], [], config, this.configUri, locale) : undefined;
    const configUri = configDiagnostics ? this.configUri : undefined;
    // Without a full run, the same files in the same order: the last run's
    // maps with the changed entries in their place. The configuration's
    // entry comes last; one that is gone or renamed means new maps.
    const rebuild = full || (this.configEntry !== undefined && this.configEntry !== configUri);
    const changedDiagnostics = new Map<string, readonly Diagnostic[]>();
    const changedReferences = new Map<string, ReferenceList>();
    const changedSuppressions = new Map<string, readonly Suppression[]>();
    for (const uri of rebuild ? sorted : changedFinals) {
      const final = this.finals.get(uri)!;
      changedDiagnostics.set(uri, final.diagnostics);
      changedReferences.set(uri, final.references);
    }
    for (const uri of rebuild ? sorted : visited) {
      const list = this.states.get(uri)!.fileResult.suppressions;
      if (rebuild || previous.suppressions.get(uri) !== list) changedSuppressions.set(uri, list);
    }
    if (configUri) changedDiagnostics.set(configUri, configDiagnostics!);
    const diagnostics = rebuild ? changedDiagnostics : LayeredMap.over(previous.diagnostics, changedDiagnostics);
    const references = rebuild ? changedReferences : LayeredMap.over(previous.references, changedReferences);
    const suppressions = rebuild ? changedSuppressions : LayeredMap.over(previous.suppressions, changedSuppressions);
    this.configEntry = configUri;

    let agreements: AgreementAnalysis[];
    if (countsChanged) {
      agreements = [];
      this.agreementIndex = new Map();
      for (const uri of sorted) {
        this.agreementIndex.set(uri, agreements.length);
        for (const analysis of this.states.get(uri)!.analyses) agreements.push(analysis);
      }
    } else {
      // Each visited file has as many agreements as before: they take their old places.
      agreements = previous!.agreements.slice();
      for (const uri of visited) {
        const at = this.agreementIndex.get(uri)!;
        this.states.get(uri)!.analyses.forEach((analysis, i) => (agreements[at + i] = analysis));
      }
    }
    const result: WorkspaceAnalysis = { symbols, agreements, diagnostics, suppressions, references, config, locale };
    this.previous = result;
    return result;
  }

  /** One file's diagnostics of its own, its agreements' analyses and its schemes' checks. */
  private visit(file: SourceFile, key: string, config: Config, locale: Locale, symbols: SymbolTable): FileState {
    const fileResult = this.fileDiagnostics(file, key, config, locale, symbols);
    const analyses: AgreementAnalysis[] = [];
    const draws: FrameDraw[] = [];
    const schemeDiagnostics: RawDiagnostic[] = [];
    const schemeRefs = ReferenceList.recorder(file.uri);
    let hasScheme = false;
    const agreementDiagnostics: RawDiagnostic[] | undefined = this.diagnosticsOnly ? [] : undefined;
    for (const decl of file.parse.file.declarations) {
      if (decl.kind === "scheme") {
        hasScheme = true;
        this.checkScheme(decl, file, config, locale, symbols, schemeDiagnostics, schemeRefs);
      }
      if (decl.kind !== "agreement") continue;
      const analysis = this.agreementAnalysis(decl, file, this.generation, config, locale, symbols);
      if (agreementDiagnostics) for (const diagnostic of analysis.diagnostics) agreementDiagnostics.push(diagnostic);
      else analyses.push(analysis);
      if (analysis.money.grants.length > 0) draws.push({ uri: file.uri, agreement: decl, community: analysis.resolved.community, grants: analysis.money.grants });
    }
    return {
      fileResult,
      analyses: fitted(analyses),
      draws: settled(draws),
      schemeDiagnostics: settled(schemeDiagnostics),
      schemeRefs: schemeRefs.finish(),
      hasScheme,
      agreementDiagnostics: agreementDiagnostics && settled(agreementDiagnostics),
    };
  }

  /** Diagnostics that depend only on one file's text: syntax, notation, ranges, suppressions. */
  private fileDiagnostics(file: SourceFile, key: string, config: Config, locale: Locale, symbols: SymbolTable): FileCacheEntry {
    const cached = this.fileCache.get(file.parse);
    if (cached && cached.key === key) return cached;
    const ctx = new CheckContext(file.uri, file.text, locale, config, symbols, file.parse.placeholders, !this.diagnosticsOnly);
    reportSyntax(file.parse.problems, ctx);
    reportNotation(file.parse.tokensOfTypes(NOTATION_TOKEN_TYPES), ctx);
    reportRanges(file.parse.file, ctx);
    reportPlaceholders(file.parse.placeholders, ctx);
    checkRateSources(file.parse.file, ctx);
    reportAndSeparators(file.parse.file, ctx);
    const found = findSuppressions(file.text, file.parse.file, file.parse.comments, file.parse, config, file.uri, locale);
    const entry: FileCacheEntry = { key, diagnostics: settled([...ctx.diagnostics, ...found.diagnostics]), suppressions: settled(found.suppressions) };
    if (!this.diagnosticsOnly) this.fileCache.set(file.parse, entry);
    return entry;
  }

  private agreementAnalysis(
    node: Ast.AgreementDecl,
    file: SourceFile,
    generation: number,
    config: Config,
    locale: Locale,
    symbols: SymbolTable,
  ): AgreementAnalysis {
    const cached = this.agreementCache.get(node);
    if (cached && cached.generation === generation) return cached.analysis;
    const recorder = new DependencyRecorder(symbols);
    const ctx = new CheckContext(file.uri, file.text, locale, config, recorder, file.parse.placeholders, !this.diagnosticsOnly);
    const resolved = resolveAgreement(node, ctx);
    const money = computeMoney(resolved, ctx);
    checkClauseCounts(node, ctx);
    checkMeasureNames(node, ctx);
    checkPurposes(resolved, ctx);
    checkParties(resolved, money, ctx);
    checkAgreementShares(resolved, ctx);
    checkBalance(resolved, money, ctx);
    checkHorizon(resolved, ctx);
    checkContinuation(resolved, money, ctx);
    checkFinancing(money, ctx);
    checkSchemeRegion(resolved, ctx);
    checkGroups(resolved, ctx);
    checkProcess(resolved, ctx);
    const analysis: AgreementAnalysis = { uri: file.uri, node, resolved, money, diagnostics: fitted(ctx.diagnostics) };
    // Every run starts over when only diagnostics are kept: nothing to reuse, and the analysis may die young.
    if (this.diagnosticsOnly) return analysis;
    this.agreementCache.set(node, {
      generation,
      analysis,
      dependsOn: this.internFiles(recorder.uris),
      agreementNames: settled([...recorder.agreementNames]),
      everyAgreement: recorder.everyAgreement,
    });
    return analysis;
  }

  /** One shared array per set of files: agreements mostly depend on the same few shared files, and one list each would add up. */
  private internFiles(uris: ReadonlySet<string>): readonly string[] {
    const last = this.lastFileList;
    if (last !== undefined && sameMembers(last, uris)) return last;
    const list = [...uris].sort();
    const key = list.join("\u0000");
    let interned = this.fileLists.get(key);
    if (!interned) this.fileLists.set(key, (interned = list));
    this.lastFileList = interned;
    return interned;
  }

  /** Scheme declarations: their `fordeling` names and shares. */
  private checkScheme(
    decl: Ast.SchemeDecl,
    file: SourceFile,
    config: Config,
    locale: Locale,
    symbols: SymbolTable,
    out: RawDiagnostic[],
    refs: ReferenceRecorder,
  ): void {
    const ctx = new CheckContext(file.uri, file.text, locale, config, symbols, undefined, !this.diagnosticsOnly);
    for (const item of decl.items) {
      if (item.kind !== "distribution") continue;
      for (const entry of item.entries) {
        const community = symbols.first("community", entry.community.text);
        refs.add(entry.community, COMMUNITY_KINDS, community);
        if (!community) {
          const other = symbols.anyKind(entry.community.text)[0];
          ctx.report(
            other ? "HFA103" : "HFA101",
            entry.community,
            other
              ? ctx.say(`«${entry.community.text}» er ikke et helsefellesskap; fordelingen gjelder helsefellesskap.`, `"${entry.community.text}" is not a helsefellesskap; the distribution is between helsefellesskap.`)
              : ctx.say(`Ukjent helsefellesskap «${entry.community.text}».`, `Unknown helsefellesskap "${entry.community.text}".`),
          );
        }
      }
      checkShareSum(item.entries, item.body, `i fordelingen til ${decl.name.text}`, `of the distribution of ${decl.name.text}`, ctx);
    }
    for (const diagnostic of ctx.diagnostics) out.push(diagnostic);
  }
}

// The CLI, the benchmark and the tests make one per run (see hiddenClasses.ts).
keepHiddenClass(new Workspace());

/** Severity from the configuration, suppressions applied (and stale ones reported, HFA012), sorted by position, capped (caps.ts). */
function finalDiagnostics(list: readonly RawDiagnostic[], suppressions: readonly Suppression[], config: Config, uri: string, locale: Locale): readonly Diagnostic[] {
  // Loops and module functions, not closures made per file: a closure's
  // optimised code is held only weakly, and every full GC freed it (see
  // computeBalance's helpers in money.ts).
  const out: Diagnostic[] = [];
  const used = new Set<string>();
  const index = new SuppressionIndex(suppressions);
  for (const diagnostic of list) applySettings(diagnostic, config, index, used, out);
  if (suppressions.length > 0) for (const diagnostic of staleSuppressions(suppressions, used, config, uri, locale)) applySettings(diagnostic, config, index, used, out);
  out.sort(byPosition);
  return fitted(capDiagnostics(out, locale));
}

/** The diagnostic with its severity from the configuration and its suppression, added to `out` (nothing when its rule is off). */
function applySettings(diagnostic: RawDiagnostic, config: Config, index: SuppressionIndex, used: Set<string>, out: Diagnostic[]): void {
  const setting = severityOf(diagnostic.code, config);
  if (setting === "off") return;
  const severity: Severity = setting;
  const suppression = severity === "error" ? undefined : index.covering(diagnostic);
  if (suppression) used.add(`${suppression.comment.start}/${diagnostic.code}`);
  // Object.assign, not a spread: V8 gives every object a spread makes from these its own hidden class (≈ 240 bytes each).
  out.push(suppression === undefined ? Object.assign({}, diagnostic, { severity }) : Object.assign({}, diagnostic, { severity, suppressed: suppression.reason }));
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.start - b.start || a.end - b.end || a.code.localeCompare(b.code);
}

interface FinalEntry {
  readonly generation: number;
  readonly sources: readonly object[];
  readonly extrasKey: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly references: ReferenceList;
}

/** `tiltak` names are unique within their agreement (HFA102). */
function checkMeasureNames(node: Ast.AgreementDecl, ctx: CheckContext): void {
  const seen = new Map<string, Ast.MeasureClause>();
  for (const clause of node.clauses) {
    if (clause.kind !== "measure" || clause.name.text === "") continue;
    const first = seen.get(clause.name.text);
    if (!first) {
      seen.set(clause.name.text, clause);
      continue;
    }
    ctx.report(
      "HFA102",
      clause.name,
      ctx.say(
        `Tiltaket ${clause.name.text} er deklarert to ganger i avtalen. Gi det ene tiltaket et annet navn, eller slå dem sammen.`,
        `The measure ${clause.name.text} is declared twice in the agreement. Rename one of them, or merge them.`,
      ),
      { related: [{ uri: ctx.uri, start: first.name.start, end: first.name.end, message: ctx.say("Første deklarasjon", "First declaration") }] },
    );
  }
}

function duplicateDiagnostics(symbols: SymbolTable, locale: Locale): RawDiagnostic[] {
  const out: RawDiagnostic[] = [];
  for (const list of symbols.duplicates()) {
    for (const declared of list) {
      // Bounded and linear: the ten first other declarations come from the
      // first eleven, so a name declared 40 000 times costs 40 000 steps, not 40 000².
      const others = list.slice(0, 11).filter((d) => d !== declared).slice(0, 10);
      out.push({
        code: "HFA102",
        uri: declared.uri,
        start: declared.name.start,
        end: declared.name.end,
        message:
          locale === "nb"
            ? `${declared.name.text} er deklarert flere ganger (se de andre stedene under). Et navn kan bare brukes om én ting av samme slag i hele arbeidsområdet: gi den ene et annet navn, eller slett den som er til overs.`
            : `${declared.name.text} is declared more than once (see the other places below). A name can stand for only one thing of its kind in the whole workspace: rename one of them, or delete the one left over.`,
        related: others.map((d) => ({ uri: d.uri, start: d.name.start, end: d.name.end, message: locale === "nb" ? "Også deklarert her" : "Also declared here" })),
      });
    }
  }
  return out;
}

/**
 * What other agreements can depend on: every declaration except
 * agreements. A change to it starts the analysis over. Apart from it: the
 * agreements' names (other agreements depend on them only through the
 * names they asked for, HFA103), and where the declarations stand: cached
 * analyses of other files point at them (related information,
 * references), so a declaration that only moved re-analyses the agreements
 * that looked it up, not every agreement.
 */
function signatureOf(text: string, file: Ast.FileNode): { signature: string; agreementNames: readonly string[]; sharedOffsets: readonly number[] } {
  const parts: string[] = [];
  const agreementNames: string[] = [];
  const sharedOffsets: number[] = [];
  for (const decl of file.declarations) {
    if (decl.kind === "agreement") {
      agreementNames.push(decl.name.text);
      continue;
    }
    // Each part with its length: no two lists of declarations give the same signature.
    const part = text.slice(decl.start, decl.end);
    parts.push(`${part.length}:${decl.kind}:${part}`);
    sharedOffsets.push(decl.start);
  }
  return { signature: parts.join(""), agreementNames: fitted(agreementNames), sharedOffsets: settled(sharedOffsets) };
}

/**
 * The file's own diagnostics, its agreements' (kept by themselves with `keep:
 * "diagnostics"`, else each analysis's) and the workspace-wide ones, in that
 * order (a loop: spreads and `flatMap` cost a quarter of `compute`'s own time).
 */
function fileDiagnosticList(
  own: readonly RawDiagnostic[],
  agreementDiagnostics: readonly RawDiagnostic[] | undefined,
  analyses: readonly AgreementAnalysis[],
  extras: readonly RawDiagnostic[],
): RawDiagnostic[] {
  const list: RawDiagnostic[] = own.slice();
  if (agreementDiagnostics) for (const diagnostic of agreementDiagnostics) list.push(diagnostic);
  else for (const analysis of analyses) for (const diagnostic of analysis.diagnostics) list.push(diagnostic);
  for (const diagnostic of extras) list.push(diagnostic);
  return list;
}

/** The map's keys sorted as `sort()` sorts strings (by UTF-16 code units); files are mostly set in that order already, so a check before the sort. */
function sortedKeys(map: ReadonlyMap<string, unknown>): string[] {
  const keys = [...map.keys()];
  for (let i = 1; i < keys.length; i++) if (!(keys[i - 1]! < keys[i]!)) return keys.sort();
  return keys;
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** Diagnostics by file, each file's in the order given. */
function byUri(list: readonly RawDiagnostic[]): ReadonlyMap<string, readonly RawDiagnostic[]> {
  if (list.length === 0) return NO_EXTRAS;
  const out = new Map<string, RawDiagnostic[]>();
  for (const diagnostic of list) {
    const entries = out.get(diagnostic.uri);
    if (entries) entries.push(diagnostic);
    else out.set(diagnostic.uri, [diagnostic]);
  }
  return out;
}

function configKey(config: Config): string {
  return JSON.stringify([
    config.locale,
    [...config.rules],
    config.justificationMinWords,
    config.balanceTolerance,
    config.defaultHorizonYears,
    config.maxHorizonYears,
    config.suppressionMinWords,
    config.grantMaxShare,
  ]);
}

/** Whether `list` (without repeats) holds exactly the members of `set`. */
function sameMembers(list: readonly string[], set: ReadonlySet<string>): boolean {
  if (list.length !== set.size) return false;
  for (const item of list) if (!set.has(item)) return false;
  return true;
}
