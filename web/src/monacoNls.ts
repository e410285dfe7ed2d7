/**
 * monaco's `vs/nls.js`, replaced in the web app's bundle (scripts/buildWeb.mjs)
 * so that the editor's own words — its context menu, command palette, find
 * widget — are in bokmål (./monacoBokmal.ts) unless English was chosen. monaco
 * ships no Norwegian, and its ESM build takes no message table: its
 * `localize(key, english, …args)` returns the English. The language is the one
 * stored when the page loads: monaco words its menus once, as its modules
 * load, so switching language in the app changes them at the next load.
 */
import { MONACO_BOKMAL } from "./monacoBokmal.js";
import { storedLocale } from "./storedLocale.js";

type LocalizeKey = string | { readonly key: string; readonly comment?: readonly string[] } | number;
type LocalizeArg = string | number | boolean | undefined | null;

const table: Readonly<Record<string, string>> | undefined = storedLocale() === "nb" ? MONACO_BOKMAL : undefined;

/** As monaco's `_format`: `{n}` replaced by argument n when it is a string, number, boolean, null or undefined. */
function format(message: string, args: readonly LocalizeArg[]): string {
  if (args.length === 0) return message;
  return message.replace(/\{(\d+)\}/g, (match, index: string) => {
    const arg = args[Number(index[0])];
    if (typeof arg === "string") return arg;
    if (typeof arg === "number" || typeof arg === "boolean" || arg === undefined || arg === null) return String(arg);
    return match;
  });
}

function translated(message: string): string {
  return (table !== undefined && Object.hasOwn(table, message) ? table[message] : undefined) ?? message;
}

export function localize(_key: LocalizeKey, message: string, ...args: LocalizeArg[]): string {
  return format(translated(message), args);
}

/** `{ value, original }`: the palette also finds a command by its English name (`original`). */
export function localize2(_key: LocalizeKey, originalMessage: string, ...args: LocalizeArg[]): { value: string; original: string } {
  return { value: format(translated(originalMessage), args), original: format(originalMessage, args) };
}

export function getNLSLanguage(): string | undefined {
  return table !== undefined ? "nb" : undefined;
}

export function getNLSMessages(): undefined {
  return undefined;
}
