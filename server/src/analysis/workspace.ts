/**
 * The workspace model: many files, one namespace (spec §1, §5.1).
 *
 * `analyze()` returns everything the CLI and the language server need:
 * diagnostics per file, the symbol table, every reference, and the money
 * model of every agreement. Work is cached at three levels so that a
 * keystroke in one agreement of a thousand re-does only that agreement:
 *  - a file is re-parsed only when its text changes;
 *  - an agreement is re-analysed only when its syntax tree is new or when
 *    the workspace's declarations (communities, rates, schemes, names)
 *    change — its results depend on nothing else;
 *  - duplicates (HFA102) and frames (HFA701/702) are recomputed from the
 *    cached per-agreement results, which is cheap.
 */
import type * as Ast from "../../../grammar/src/ast.js";
import { parse, type ParseResult } from "../../../grammar/src/parser.js";
import { computeMoney, type MoneyModel } from "./agreement/money.js";
import { resolveAgreement, type Reference, type ResolvedAgreement } from "./agreement/resolve.js";
import { capDiagnostics } from "./caps.js";
import { checkBalance } from "./checks/balance.js";
import { checkContinuation, checkHorizon } from "./checks/continuation.js";
import { checkFinancing } from "./checks/financing.js";
import { CheckContext } from "./checks/context.js";
import { checkFrames, checkSchemeRegion, type FrameDraw } from "./checks/frame.js";
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
import { declarationsOf, SymbolTable, type Declared } from "./symbols.js";
import { LineIndex } from "./text.js";

export interface SourceFile {
  readonly uri: string;
  readonly text: string;
  readonly parse: ParseResult;
  readonly lines: LineIndex;
  readonly declarations: readonly Declared[];
  /** Text of everything other agreements can depend on. */
  readonly signature: string;
}

export interface AgreementAnalysis {
  readonly uri: string;
  readonly node: Ast.AgreementDecl;
  readonly resolved: ResolvedAgreement;
  readonly money: MoneyModel;
  readonly diagnostics: readonly RawDiagnostic[];
}

export interface WorkspaceAnalysis {
  readonly symbols: SymbolTable;
  readonly agreements: readonly AgreementAnalysis[];
  /** Diagnostics by file (every file of the workspace has an entry, maybe empty). */
  readonly diagnostics: ReadonlyMap<string, readonly Diagnostic[]>;
  readonly suppressions: ReadonlyMap<string, readonly Suppression[]>;
  /** Every name in a reference position, by file. */
  readonly references: ReadonlyMap<string, readonly Reference[]>;
  readonly config: Config;
  readonly locale: Locale;
}

export interface WorkspaceOptions {
  /** Overrides `hfa.json`'s locale (editor setting, `--locale`). */
  readonly locale?: Locale;
}

interface AgreementCacheEntry {
  /** The declarations generation it was computed in (see `generation`). */
  readonly generation: number;
  readonly analysis: AgreementAnalysis;
}

interface FileCacheEntry {
  readonly key: string;
  readonly diagnostics: readonly RawDiagnostic[];
  readonly suppressions: readonly Suppression[];
}

export class Workspace {
  private readonly files = new Map<string, SourceFile>();
  private configUri: string | undefined;
  private configText: string | undefined;
  private localeOverride: Locale | undefined;
  private analysis: WorkspaceAnalysis | undefined;
  /** Bumped whenever what agreements depend on (declarations, locale, config) changes. */
  private generation = 0;
  private globalKey = "";
  /** Each file's final diagnostics and references from the last run. */
  private finals = new Map<string, FinalEntry>();
  private readonly schemeRefs = new Map<string, Reference[]>();
  private readonly agreementCache = new WeakMap<Ast.AgreementDecl, AgreementCacheEntry>();
  private readonly fileCache = new WeakMap<ParseResult, FileCacheEntry>();

  constructor(options: WorkspaceOptions = {}) {
    this.localeOverride = options.locale;
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
    const file: SourceFile = { uri, text, parse: parsed, lines: new LineIndex(text), declarations, signature: signatureOf(text, parsed.file) };
    this.files.set(uri, file);
    this.analysis = undefined;
    return file;
  }

  removeFile(uri: string): boolean {
    const removed = this.files.delete(uri);
    if (removed) this.analysis = undefined;
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

  private compute(): WorkspaceAnalysis {
    let configResult = this.configText !== undefined ? parseConfig(this.configText, this.configUri ?? "hfa.json", this.localeOverride ?? "nb") : undefined;
    // The file's own `locale` decides the language of its own diagnostics too.
    if (configResult && this.localeOverride === undefined && configResult.config.locale === "en") {
      configResult = parseConfig(this.configText!, this.configUri ?? "hfa.json", "en");
    }
    const config = configResult?.config ?? DEFAULT_CONFIG;
    const locale: Locale = this.localeOverride ?? config.locale ?? "nb";

    const symbols = new SymbolTable();
    const uris = [...this.files.keys()].sort();
    const signatureParts: string[] = [];
    for (const uri of uris) {
      const file = this.files.get(uri)!;
      for (const declared of file.declarations) symbols.add(declared);
      signatureParts.push(uri, file.signature);
    }
    const globalKey = `${locale}\u0000${configKey(config)}\u0000${signatureParts.join("\u0000")}`;
    // Compared once here, not once per cached agreement: the key holds every
    // shared declaration's text, and a thousand string comparisons of it cost
    // more than the re-analysis of the edited agreement.
    if (globalKey !== this.globalKey) {
      this.globalKey = globalKey;
      this.generation++;
    }

    const local = new Map<string, { sources: object[]; fileDiagnostics: readonly RawDiagnostic[]; analyses: AgreementAnalysis[] }>();
    const extras = new Map<string, RawDiagnostic[]>();
    const suppressionsByUri = new Map<string, readonly Suppression[]>();
    const agreements: AgreementAnalysis[] = [];
    const draws: FrameDraw[] = [];
    const addExtra = (diagnostic: RawDiagnostic) => {
      const list = extras.get(diagnostic.uri);
      if (list) list.push(diagnostic);
      else extras.set(diagnostic.uri, [diagnostic]);
    };

    const fileKey = `${locale}\u0000${configKey(config)}`;
    for (const uri of uris) {
      const file = this.files.get(uri)!;
      const fileResult = this.fileDiagnostics(file, fileKey, config, locale, symbols);
      suppressionsByUri.set(uri, fileResult.suppressions);
      const sources: object[] = [fileResult];
      const analyses: AgreementAnalysis[] = [];
      const schemeRefs: Reference[] = [];
      for (const decl of file.parse.file.declarations) {
        if (decl.kind === "scheme") {
          const schemeDiagnostics: RawDiagnostic[] = [];
          this.checkScheme(decl, file, config, locale, symbols, schemeDiagnostics, schemeRefs);
          schemeDiagnostics.forEach(addExtra);
        }
        if (decl.kind !== "agreement") continue;
        const analysis = this.agreementAnalysis(decl, file, this.generation, config, locale, symbols);
        agreements.push(analysis);
        analyses.push(analysis);
        sources.push(analysis);
        draws.push({ uri, agreement: decl, community: analysis.resolved.community, grants: analysis.money.grants });
      }
      local.set(uri, { sources, fileDiagnostics: fileResult.diagnostics, analyses });
      if (schemeRefs.length > 0) this.schemeRefs.set(uri, schemeRefs);
      else this.schemeRefs.delete(uri);
    }
    duplicateDiagnostics(symbols, locale).forEach(addExtra);
    checkFrames(draws, locale).forEach(addExtra);

    // A file whose inputs are the very objects of the last run (cached parse
    // and analyses, equal workspace-wide diagnostics) keeps its final list:
    // after a keystroke, 999 of 1 000 files are not rebuilt, re-sorted or
    // re-published.
    const diagnostics = new Map<string, readonly Diagnostic[]>();
    const references = new Map<string, readonly Reference[]>();
    const finals = new Map<string, FinalEntry>();
    for (const [uri, entry] of local) {
      const fileExtras = extras.get(uri) ?? [];
      const extrasKey = fileExtras.length === 0 ? "" : JSON.stringify(fileExtras);
      const previous = this.finals.get(uri);
      let final: FinalEntry;
      if (
        previous &&
        previous.generation === this.generation &&
        previous.extrasKey === extrasKey &&
        previous.sources.length === entry.sources.length &&
        previous.sources.every((source, i) => source === entry.sources[i])
      ) {
        final = previous;
      } else {
        const refs: Reference[] = [...(this.schemeRefs.get(uri) ?? [])];
        for (const analysis of entry.analyses) for (const reference of analysis.resolved.references) refs.push(reference);
        final = {
          generation: this.generation,
          sources: entry.sources,
          extrasKey,
          diagnostics: finalDiagnostics(
            [...entry.fileDiagnostics, ...entry.analyses.flatMap((a) => a.diagnostics), ...fileExtras],
            suppressionsByUri.get(uri) ?? [],
            config,
            uri,
            locale,
          ),
          references: refs,
        };
      }
      finals.set(uri, final);
      diagnostics.set(uri, final.diagnostics);
      references.set(uri, final.references);
    }
    this.finals = finals;
    if (configResult && this.configUri) diagnostics.set(this.configUri, finalDiagnostics([...configResult.diagnostics], [], config, this.configUri, locale));
    return { symbols, agreements, diagnostics, suppressions: suppressionsByUri, references, config, locale };
  }

  /** Diagnostics that depend only on one file's text: syntax, notation, ranges, suppressions. */
  private fileDiagnostics(file: SourceFile, key: string, config: Config, locale: Locale, symbols: SymbolTable): FileCacheEntry {
    const cached = this.fileCache.get(file.parse);
    if (cached && cached.key === key) return cached;
    const ctx = new CheckContext(file.uri, file.text, locale, config, symbols, file.parse.placeholders);
    reportSyntax(file.parse.problems, ctx);
    reportNotation(file.parse.tokensOfTypes(NOTATION_TOKEN_TYPES), ctx);
    reportRanges(file.parse.file, ctx);
    reportPlaceholders(file.parse.placeholders, ctx);
    checkRateSources(file.parse.file, ctx);
    reportAndSeparators(file.parse.file, ctx);
    const found = findSuppressions(file.text, file.parse.file, file.parse.comments, file.parse, config, file.uri, locale);
    const entry: FileCacheEntry = { key, diagnostics: [...ctx.diagnostics, ...found.diagnostics], suppressions: found.suppressions };
    this.fileCache.set(file.parse, entry);
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
    const ctx = new CheckContext(file.uri, file.text, locale, config, symbols, file.parse.placeholders);
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
    const analysis: AgreementAnalysis = { uri: file.uri, node, resolved, money, diagnostics: ctx.diagnostics };
    this.agreementCache.set(node, { generation, analysis });
    return analysis;
  }

  /** Scheme declarations: their `fordeling` names and shares. */
  private checkScheme(
    decl: Ast.SchemeDecl,
    file: SourceFile,
    config: Config,
    locale: Locale,
    symbols: SymbolTable,
    out: RawDiagnostic[],
    refs: Reference[],
  ): void {
    const ctx = new CheckContext(file.uri, file.text, locale, config, symbols);
    for (const item of decl.items) {
      if (item.kind !== "distribution") continue;
      for (const entry of item.entries) {
        const community = symbols.first("community", entry.community.text);
        refs.push({ uri: file.uri, name: entry.community, expected: ["community"], target: community });
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

/** Severity from the configuration, suppressions applied (and stale ones reported, HFA012), sorted by position, capped (caps.ts). */
function finalDiagnostics(list: readonly RawDiagnostic[], suppressions: readonly Suppression[], config: Config, uri: string, locale: Locale): readonly Diagnostic[] {
  const out: Diagnostic[] = [];
  const used = new Set<string>();
  const index = new SuppressionIndex(suppressions);
  const apply = (diagnostic: RawDiagnostic) => {
    const setting = severityOf(diagnostic.code, config);
    if (setting === "off") return;
    const severity: Severity = setting;
    const suppression = severity === "error" ? undefined : index.covering(diagnostic);
    if (suppression) used.add(`${suppression.comment.start}/${diagnostic.code}`);
    out.push(suppression === undefined ? { ...diagnostic, severity } : { ...diagnostic, severity, suppressed: suppression.reason });
  };
  list.forEach(apply);
  if (suppressions.length > 0) staleSuppressions(suppressions, used, config, uri, locale).forEach(apply);
  out.sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
  return capDiagnostics(out, locale);
}

interface FinalEntry {
  readonly generation: number;
  readonly sources: readonly object[];
  readonly extrasKey: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly references: readonly Reference[];
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
 * What other agreements can depend on: every declaration except agreement
 * bodies, with its offset, since cached analyses of other files point at it
 * (related information, references): a declaration that moves is a change.
 */
function signatureOf(text: string, file: Ast.FileNode): string {
  const parts: string[] = [];
  for (const decl of file.declarations) {
    if (decl.kind === "agreement") parts.push(`avtale ${decl.name.text}`);
    else parts.push(`${decl.start}:${text.slice(decl.start, decl.end)}`);
  }
  return parts.join("\n");
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
