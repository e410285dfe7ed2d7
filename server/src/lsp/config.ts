/**
 * The server's settings: `hfa.json` at the workspace root (read by the
 * indexer, checked by the core), and what the editor says —
 * `initializationOptions` and `workspace/didChangeConfiguration`
 * (`hfa.locale`, `hfa.rules`), which override `hfa.json`.
 *
 * The locale is `hfa.locale`, else `hfa.json`'s `locale`, else bokmål (spec
 * §7). The client's display language (`InitializeParams.locale`) is not
 * consulted: VS Code has no Norwegian display language, so following it
 * would give every secretariat English.
 *
 * Rule overrides reach the core as configuration text, so severities,
 * suppressions and `off` work exactly as in `hfa.json`: the overrides are
 * appended as a second `"rules"` member at the end of the root object (the
 * core applies members in order), which leaves every offset of the user's
 * file — and so its HFA010 diagnostics — where it was.
 */
import { parseTree, type ParseError } from "jsonc-parser";
import { LineIndex, RULES, parseConfig, tooDeep, type Config, type Locale, type Workspace } from "../analysis/index.js";

export type RuleOverride = "off" | "error" | "warning" | "information" | "hint";

const RULE_WORDS: Record<string, RuleOverride> = { off: "off", error: "error", warning: "warning", information: "information", info: "information", hint: "hint" };

/** `initializationOptions` (and the `hfa` settings section). */
export interface HfaSettings {
  readonly locale?: Locale;
  readonly rules?: Readonly<Record<string, RuleOverride>>;
  /** Debounce of diagnostics while typing, in ms; 0 switches it off. Initialization only. */
  readonly debounceMs?: number;
  /** False when the client shows the snippet file itself (VS Code). Initialization only. */
  readonly snippets?: boolean;
}

export const DEFAULT_DEBOUNCE_MS = 150;

/** Reads settings from untrusted JSON; returns what is valid and the problems with the rest. */
export function readSettings(value: unknown): { settings: HfaSettings; problems: string[] } {
  const problems: string[] = [];
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { settings: {}, problems };
  const raw = value as Record<string, unknown>;
  let locale: Locale | undefined;
  if (raw.locale !== undefined && raw.locale !== null && raw.locale !== "" && raw.locale !== "auto") {
    if (typeof raw.locale === "string" && /^(nb|no|nn)(-|$)/i.test(raw.locale)) locale = "nb";
    else if (typeof raw.locale === "string" && /^en(-|$)/i.test(raw.locale)) locale = "en";
    else problems.push(`hfa.locale: expected "nb" or "en", got ${JSON.stringify(raw.locale)}`);
  }
  let rules: Record<string, RuleOverride> | undefined;
  if (raw.rules !== undefined && raw.rules !== null) {
    if (typeof raw.rules !== "object" || Array.isArray(raw.rules)) problems.push("hfa.rules: expected an object of rule codes");
    else {
      rules = {};
      for (const [code, setting] of Object.entries(raw.rules as Record<string, unknown>)) {
        const upper = code.toUpperCase();
        const word = typeof setting === "string" && Object.hasOwn(RULE_WORDS, setting) ? RULE_WORDS[setting] : undefined;
        if (!RULES.has(upper)) problems.push(`hfa.rules: unknown rule code ${JSON.stringify(code)}`);
        else if (word === undefined) problems.push(`hfa.rules.${code}: expected off, error, warning, information or hint`);
        else if (upper === "HFA001" && word !== "error") problems.push("hfa.rules.HFA001: syntax errors cannot be switched off or downgraded");
        else rules[upper] = word;
      }
    }
  }
  let debounceMs: number | undefined;
  if (raw.debounceMs !== undefined && raw.debounceMs !== null) {
    if (typeof raw.debounceMs === "number" && Number.isFinite(raw.debounceMs) && raw.debounceMs >= 0) debounceMs = Math.min(raw.debounceMs, 10_000);
    else problems.push("hfa.debounceMs: expected a number ≥ 0");
  }
  let snippets: boolean | undefined;
  if (raw.snippets !== undefined && raw.snippets !== null) {
    if (typeof raw.snippets === "boolean") snippets = raw.snippets;
    else problems.push("hfa.snippets: expected true or false");
  }
  return {
    settings: {
      ...(locale ? { locale } : {}),
      ...(rules ? { rules } : {}),
      ...(debounceMs !== undefined ? { debounceMs } : {}),
      ...(snippets !== undefined ? { snippets } : {}),
    },
    problems,
  };
}

export class ServerConfig {
  private initOptions: HfaSettings = {};
  private settings: HfaSettings = {};
  private fileUri: string | undefined;
  private fileText: string | undefined;
  private fileLines: LineIndex | undefined;
  /**
   * hfa.json as the core reads it, parsed once per text: every diagnostic
   * published asks for its `docs.baseUrl` (the rule link), which parsing the
   * file each time made ~30 ms of publishing 1 005 files' diagnostics.
   */
  private fileConfig: Config | undefined;
  readonly debounceMs: number;
  readonly offerSnippets: boolean;

  constructor(initOptions: HfaSettings) {
    this.initOptions = initOptions;
    this.debounceMs = initOptions.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    this.offerSnippets = initOptions.snippets ?? true;
  }

  setSettings(settings: HfaSettings): void {
    this.settings = settings;
  }

  /** `hfa.json`: its URI and text, or undefined when there is none. */
  setFile(uri: string | undefined, text: string | undefined): void {
    this.fileUri = text === undefined ? undefined : uri;
    this.fileText = text;
    this.fileLines = text === undefined ? undefined : new LineIndex(text);
    this.fileConfig = undefined;
  }

  /** hfa.json's configuration (its text as the core reads it), or undefined when there is none. */
  private parsedFile(): Config | undefined {
    if (this.fileText === undefined) return undefined;
    return (this.fileConfig ??= parseConfig(this.fileText, this.fileUri ?? "hfa.json").config);
  }

  get configUri(): string | undefined {
    return this.fileUri;
  }

  /** `exclude` of hfa.json (spec §7): which files the indexer leaves out, as the CLI does. */
  exclude(): readonly string[] {
    return this.parsedFile()?.exclude ?? [];
  }

  /** Line index of hfa.json, for its diagnostics. */
  linesOf(uri: string): LineIndex | undefined {
    return uri === this.fileUri ? this.fileLines : undefined;
  }

  /** The language of the server's own messages to the user (the analysis' rule, without analysing). */
  messageLocale(): Locale {
    return this.explicitLocale() ?? this.parsedFile()?.locale ?? "nb";
  }

  /**
   * `docs.baseUrl` of hfa.json (spec §8), with a trailing `/`, when it is an
   * http(s) URL: rule links then point at the published pages. The core
   * reports a bad value on the file; here it is only not used.
   */
  docsBaseUrl(): string | undefined {
    const base = this.parsedFile()?.docsBaseUrl;
    if (base === undefined) return undefined;
    return base.endsWith("/") ? base : base + "/";
  }

  /** The editor's explicit locale: settings, then initialization options. */
  private explicitLocale(): Locale | undefined {
    return this.settings.locale ?? this.initOptions.locale;
  }

  private rules(): Record<string, RuleOverride> {
    return { ...(this.initOptions.rules ?? {}), ...(this.settings.rules ?? {}) };
  }

  /** Hands the effective configuration to the core. */
  apply(workspace: Workspace): void {
    // Undefined leaves it to hfa.json, and the core's default is bokmål.
    workspace.setLocale(this.explicitLocale());
    workspace.setConfig(this.fileUri, mergeRules(this.fileText, this.rules()));
  }
}

/** `hfa.json` text with the editor's rule overrides appended (offsets of the original unchanged). */
export function mergeRules(text: string | undefined, rules: Readonly<Record<string, RuleOverride>>): string | undefined {
  const entries = Object.entries(rules);
  if (entries.length === 0) return text;
  const member = `"rules": ${JSON.stringify(Object.fromEntries(entries))}`;
  if (text === undefined) return `{ ${member} }`;
  if (tooDeep(text)) return text; // reported as HFA010 by the core; parseTree would overflow the stack
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: false });
  // A broken hfa.json is reported as it is; the overrides wait until it parses.
  if (!root || root.type !== "object" || errors.length > 0) return text;
  const close = root.offset + root.length - 1;
  const separator = (root.children?.length ?? 0) > 0 ? ", " : " ";
  return text.slice(0, close) + separator + member + " " + text.slice(close);
}
