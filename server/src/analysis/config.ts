/**
 * `hfa.json` (spec §7). Every mistake in it is reported with its place in the
 * file (HFA010), never ignored: a misspelt rule name that silently did
 * nothing would let a whole repository's agreements pass unchecked.
 */
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from "jsonc-parser";
import type { RawDiagnostic } from "./diagnostics.js";
import { joinList, type Locale } from "./i18n.js";
import { RULES, type Severity } from "./rules.js";

export type RuleSetting = Severity | "off";

export interface Config {
  readonly locale?: Locale;
  readonly rules: ReadonlyMap<string, RuleSetting>;
  readonly justificationMinWords: number;
  readonly balanceTolerance: number;
  readonly defaultHorizonYears: number;
  /** HFA408: a horizon more than this many years after the period (spec §5.4). */
  readonly maxHorizonYears: number;
  /** HFA009: a suppression's reason needs at least this many words. */
  readonly suppressionMinWords: number;
  /** HFA309: the grant may be at most this share of own input plus grant (spec §5.6). */
  readonly grantMaxShare: number;
  /** Globs relative to the workspace root; parsed and validated here, matched by the CLI and the editor. */
  readonly exclude: readonly string[];
  /** Base URL of the rule pages (SARIF help URIs); validated here. */
  readonly docsBaseUrl?: string;
}

export const DEFAULT_CONFIG: Config = {
  rules: new Map(),
  justificationMinWords: 12,
  balanceTolerance: 0.05,
  defaultHorizonYears: 3,
  maxHorizonYears: 5,
  suppressionMinWords: 3,
  grantMaxShare: 0.5,
  exclude: [],
};

const SEVERITY_WORDS: Record<string, RuleSetting> = {
  off: "off",
  error: "error",
  warning: "warning",
  information: "information",
  info: "information",
  hint: "hint",
};

export interface ConfigResult {
  readonly config: Config;
  readonly diagnostics: RawDiagnostic[];
}

/** Reads `hfa.json` text; `uri` names it in the diagnostics. `locale` words them. */
export function parseConfig(text: string, uri: string, locale: Locale = "nb"): ConfigResult {
  const diagnostics: RawDiagnostic[] = [];
  const say = (nb: string, en: string) => (locale === "nb" ? nb : en);
  const report = (node: { offset: number; length: number } | undefined, message: string) =>
    diagnostics.push({ code: "HFA010", uri, start: node?.offset ?? 0, end: (node?.offset ?? 0) + (node?.length ?? 0), message });

  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: false });
  for (const error of errors) {
    report(error, say(`hfa.json er ikke gyldig JSON (${printParseErrorCode(error.error)}).`, `hfa.json is not valid JSON (${printParseErrorCode(error.error)}).`));
  }
  if (!root) return { config: DEFAULT_CONFIG, diagnostics };
  if (root.type !== "object") {
    report(root, say("hfa.json skal inneholde ett JSON-objekt.", "hfa.json must contain one JSON object."));
    return { config: DEFAULT_CONFIG, diagnostics };
  }

  let locale_: Locale | undefined;
  const rules = new Map<string, RuleSetting>();
  let minWords = DEFAULT_CONFIG.justificationMinWords;
  let tolerance = DEFAULT_CONFIG.balanceTolerance;
  let horizonYears = DEFAULT_CONFIG.defaultHorizonYears;
  let maxHorizonYears = DEFAULT_CONFIG.maxHorizonYears;
  let suppressionMinWords = DEFAULT_CONFIG.suppressionMinWords;
  let grantMaxShare = DEFAULT_CONFIG.grantMaxShare;
  const exclude: string[] = [];
  let docsBaseUrl: string | undefined;
  /** `{ "minWords": … }`-style sections: each key with its reader. */
  const section = (value: JsonNode, name: string, readers: Record<string, (node: JsonNode) => void>) => {
    if (value.type !== "object") {
      report(value, say(`«${name}» må være et objekt.`, `"${name}" must be an object.`));
      return;
    }
    for (const sub of value.children ?? []) {
      const [subKey, subValue] = sub.children ?? [];
      if (!subKey || !subValue) continue;
      const reader = readers[String(subKey.value)];
      if (reader) reader(subValue);
      else unknownKey(subKey, Object.keys(readers));
    }
  };

  const unknownKey = (key: JsonNode, allowed: string[]) =>
    report(
      key,
      say(
        `Ukjent innstilling «${key.value}». Gyldige innstillinger her er ${joinList(allowed.map((a) => `«${a}»`), "nb")}.`,
        `Unknown setting "${key.value}". The valid settings here are ${joinList(allowed.map((a) => `"${a}"`), "en")}.`,
      ),
    );

  for (const property of root.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key || !value) continue;
    switch (key.value) {
      case "locale":
        if (value.value === "nb" || value.value === "en") locale_ = value.value;
        else report(value, say("«locale» må være «nb» eller «en».", "\"locale\" must be \"nb\" or \"en\"."));
        break;
      case "rules":
        if (value.type !== "object") {
          report(value, say("«rules» må være et objekt med regelkoder, f.eks. { «HFA604»: «off» }.", "\"rules\" must be an object of rule codes, e.g. { \"HFA604\": \"off\" }."));
          break;
        }
        for (const rule of value.children ?? []) {
          const [code, setting] = rule.children ?? [];
          if (!code || !setting) continue;
          if (!RULES.has(String(code.value))) {
            report(code, say(`Ukjent regelkode «${code.value}».`, `Unknown rule code "${code.value}".`));
            continue;
          }
          const word = typeof setting.value === "string" ? SEVERITY_WORDS[setting.value] : undefined;
          if (word === undefined) {
            report(setting, say("Alvorlighetsgrad må være «off», «error», «warning», «information» eller «hint».", "Severity must be \"off\", \"error\", \"warning\", \"information\" or \"hint\"."));
            continue;
          }
          if (code.value === "HFA001" && word !== "error") {
            report(setting, say("Syntaksfeil (HFA001) kan ikke slås av eller nedgraderes.", "Syntax errors (HFA001) cannot be switched off or downgraded."));
            continue;
          }
          rules.set(String(code.value), word);
        }
        break;
      case "justification":
        section(value, "justification", {
          minWords: (node) => {
            if (Number.isInteger(node.value) && node.value >= 0 && node.value <= 1000) minWords = node.value;
            else report(node, say("«minWords» må være et helt tall fra 0 til 1000.", "\"minWords\" must be a whole number from 0 to 1000."));
          },
        });
        break;
      case "balance":
        section(value, "balance", {
          tolerance: (node) => {
            if (typeof node.value === "number" && node.value >= 0 && node.value <= 1) tolerance = node.value;
            else report(node, say("«tolerance» må være et tall fra 0 til 1 (0,05 = 5 %).", "\"tolerance\" must be a number from 0 to 1 (0.05 = 5 %)."));
          },
          defaultHorizonYears: (node) => {
            if (Number.isInteger(node.value) && node.value >= 0 && node.value <= 50) horizonYears = node.value;
            else report(node, say("«defaultHorizonYears» må være et helt tall fra 0 til 50.", "\"defaultHorizonYears\" must be a whole number from 0 to 50."));
          },
          maxHorizonYears: (node) => {
            if (Number.isInteger(node.value) && node.value >= 0 && node.value <= 50) maxHorizonYears = node.value;
            else report(node, say("«maxHorizonYears» må være et helt tall fra 0 til 50.", "\"maxHorizonYears\" must be a whole number from 0 to 50."));
          },
        });
        break;
      case "suppression":
        section(value, "suppression", {
          minWords: (node) => {
            if (Number.isInteger(node.value) && node.value >= 1 && node.value <= 100) suppressionMinWords = node.value;
            else report(node, say("«minWords» må være et helt tall fra 1 til 100.", "\"minWords\" must be a whole number from 1 to 100."));
          },
        });
        break;
      case "grant":
        section(value, "grant", {
          maxShare: (node) => {
            if (typeof node.value === "number" && node.value > 0 && node.value <= 1) grantMaxShare = node.value;
            else report(node, say("«maxShare» må være et tall over 0 og høyst 1 (0,5 = 50 %).", "\"maxShare\" must be a number above 0 and at most 1 (0.5 = 50 %)."));
          },
        });
        break;
      case "exclude":
        if (value.type !== "array") {
          report(value, say("«exclude» må være en liste med mønstre, f.eks. [«arkiv/**»].", "\"exclude\" must be a list of patterns, e.g. [\"arkiv/**\"]."));
          break;
        }
        for (const item of value.children ?? []) {
          if (typeof item.value === "string" && item.value.trim() !== "" && !item.value.startsWith("/") && !item.value.split("/").includes("..")) {
            exclude.push(item.value);
          } else {
            report(
              item,
              say(
                "Hvert mønster i «exclude» må være en ikke-tom tekst relativ til mappen med hfa.json (uten «/» først og uten «..»).",
                "Every pattern in \"exclude\" must be a non-empty text relative to the folder of hfa.json (no leading \"/\", no \"..\").",
              ),
            );
          }
        }
        break;
      case "docs":
        section(value, "docs", {
          baseUrl: (node) => {
            if (typeof node.value === "string" && isHttpUrl(node.value)) docsBaseUrl = node.value;
            else report(node, say("«baseUrl» må være en nettadresse som begynner med https:// eller http://.", "\"baseUrl\" must be a web address starting with https:// or http://."));
          },
        });
        break;
      default:
        unknownKey(key, ["locale", "rules", "justification", "suppression", "balance", "grant", "exclude", "docs"]);
    }
  }
  return {
    config: {
      locale: locale_,
      rules,
      justificationMinWords: minWords,
      balanceTolerance: tolerance,
      defaultHorizonYears: horizonYears,
      maxHorizonYears,
      suppressionMinWords,
      grantMaxShare,
      exclude,
      docsBaseUrl,
    },
    diagnostics,
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/** Effective severity of a code, or "off". */
export function severityOf(code: string, config: Config): RuleSetting {
  return config.rules.get(code) ?? RULES.get(code)?.severity ?? "error";
}
