/**
 * Navigation: go to definition (built-ins into the prelude document), find
 * references across files, document highlight, and rename across files.
 */
import { DocumentHighlightKind, type DocumentHighlight, type Location, type TextEdit, type WorkspaceEdit } from "vscode-languageserver";
import type * as Ast from "../../../../grammar/src/ast.js";
import { normalizeName } from "../../../../grammar/src/lexer.js";
import { keywordsBySpelling } from "../../../../grammar/src/tokens.js";
import { kindWord, type Declared, type SymbolTarget } from "../../analysis/index.js";
import type { FeatureContext, PrepareRenameResult } from "./api.js";
import { fileIndex, isBuiltin, occurrenceAt, referencesByTarget, targetKey, type Occurrence } from "./indexes.js";
import { inStringOrComment, isKeywordToken, tokenAtOrBefore } from "./locate.js";
import { preludeLocation } from "./prelude.js";
import { guard, locationIn, locationOf, rangeOf, say } from "./util.js";

function validOffset(ctx: FeatureContext, offset: number): boolean {
  return typeof offset === "number" && Number.isFinite(offset) && offset >= 0 && offset <= ctx.file.text.length;
}

function at(ctx: FeatureContext, offset: number): Occurrence | undefined {
  if (!validOffset(ctx, offset)) return undefined;
  return occurrenceAt(ctx.analysis, ctx.file, Math.floor(offset));
}

function declarationLocation(ctx: FeatureContext, target: SymbolTarget): Location | undefined {
  if (isBuiltin(target)) return preludeLocation(target.kind, target.id);
  return locationIn(ctx.workspace, target.uri, target.name);
}

export function definition(ctx: FeatureContext, offset: number): Location[] {
  return guard(
    () => [],
    () => {
      const occurrence = at(ctx, offset);
      if (!occurrence?.target) return [];
      const location = declarationLocation(ctx, occurrence.target);
      return location ? [location] : [];
    },
  );
}

/** Every name occurrence that stands for `target`, declaration first. */
function occurrencesOf(ctx: FeatureContext, target: SymbolTarget, includeDeclaration: boolean): { uri: string; name: Ast.Name; declaration: boolean }[] {
  const out: { uri: string; name: Ast.Name; declaration: boolean }[] = [];
  if (includeDeclaration && !isBuiltin(target)) out.push({ uri: target.uri, name: target.name, declaration: true });
  for (const reference of referencesByTarget(ctx.analysis).get(targetKey(target)) ?? []) {
    out.push({ uri: reference.uri, name: reference.name, declaration: false });
  }
  return out;
}

export function references(ctx: FeatureContext, offset: number, includeDeclaration: boolean): Location[] {
  return guard(
    () => [],
    () => {
      const occurrence = at(ctx, offset);
      if (!occurrence?.target) return [];
      const target = occurrence.target;
      const out: Location[] = [];
      if (includeDeclaration && isBuiltin(target)) {
        const location = preludeLocation(target.kind, target.id);
        if (location) out.push(location);
      }
      for (const found of occurrencesOf(ctx, target, includeDeclaration)) {
        const location = locationIn(ctx.workspace, found.uri, found.name);
        if (location) out.push(location);
      }
      return out;
    },
  );
}

export function documentHighlight(ctx: FeatureContext, offset: number): DocumentHighlight[] {
  return guard(
    () => [],
    () => {
      const occurrence = at(ctx, offset);
      if (!occurrence) return [];
      const out: DocumentHighlight[] = [];
      const key = occurrence.target ? targetKey(occurrence.target) : undefined;
      for (const other of fileIndex(ctx.analysis, ctx.file).occurrences) {
        const same = key !== undefined ? other.target !== undefined && targetKey(other.target) === key : other.target === undefined && other.name.text === occurrence.name.text;
        if (!same) continue;
        out.push({ range: rangeOf(ctx.file, other.name), kind: other.declaration ? DocumentHighlightKind.Write : DocumentHighlightKind.Read });
      }
      return out;
    },
  );
}

// ------------------------------------------------------------------ rename

type RenameCheck = { readonly occurrence: Occurrence; readonly target: Declared } | { readonly error: string } | null;

function renameTarget(ctx: FeatureContext, offset: number): RenameCheck {
  if (!validOffset(ctx, offset)) return null;
  const locale = ctx.locale;
  if (inStringOrComment(ctx.file, offset)) return null;
  const occurrence = at(ctx, offset);
  if (!occurrence) {
    const token = tokenAtOrBefore(ctx.file, offset);
    if (token && isKeywordToken(token)) {
      return {
        error: say(
          locale,
          `«${token.image}» er et nøkkelord i HFA og kan ikke gis nytt navn.`,
          `"${token.image}" is an HFA keyword and cannot be renamed.`,
        ),
      };
    }
    return null;
  }
  const target = occurrence.target;
  if (!target) {
    return {
      error: say(
        locale,
        `«${occurrence.name.text}» er et ukjent navn; rett det eller deklarer det før det kan gis nytt navn.`,
        `"${occurrence.name.text}" is an unknown name; fix or declare it before renaming.`,
      ),
    };
  }
  if (isBuiltin(target)) {
    return {
      error: say(
        locale,
        `«${target.id}» er innebygd (${kindWord(target.kind, "nb")}, docs/language.md §4) og kan ikke gis nytt navn.`,
        `"${target.id}" is a built-in ${kindWord(target.kind, "en")} (docs/language.md §4) and cannot be renamed.`,
      ),
    };
  }
  return { occurrence, target };
}

export function prepareRename(ctx: FeatureContext, offset: number): PrepareRenameResult {
  return guard(
    () => null,
    () => {
      const check = renameTarget(ctx, offset);
      if (!check || "error" in check) return check;
      return { range: rangeOf(ctx.file, check.occurrence.name), placeholder: check.occurrence.name.text };
    },
  );
}

const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_-]*$/u;

function nameProblem(ctx: FeatureContext, target: Declared, newName: string): string | undefined {
  const locale = ctx.locale;
  if (!IDENTIFIER.test(newName)) {
    return say(
      locale,
      `«${newName}» er ikke et gyldig navn: et navn begynner med en bokstav eller _, og fortsetter med bokstaver, sifre, _ eller -.`,
      `"${newName}" is not a valid name: a name starts with a letter or _, followed by letters, digits, _ or -.`,
    );
  }
  if (keywordsBySpelling.has(newName)) {
    return say(locale, `«${newName}» er et nøkkelord i HFA og kan ikke brukes som navn.`, `"${newName}" is an HFA keyword and cannot be used as a name.`);
  }
  if (newName === target.name.text) return undefined;
  const taken =
    target.kind === "measure"
      ? target.agreement.clauses.some((c) => c.kind === "measure" && c.name.text === newName)
      : ctx.analysis.symbols.lookup(target.kind, newName).length > 0;
  if (taken) {
    return say(
      locale,
      `Det finnes allerede en deklarasjon (${kindWord(target.kind, "nb")}) med navnet «${newName}»; samme navn to ganger gir HFA102.`,
      `There is already a ${kindWord(target.kind, "en")} called "${newName}"; the same name twice is HFA102.`,
    );
  }
  return undefined;
}

export function rename(ctx: FeatureContext, offset: number, rawNewName: string): WorkspaceEdit | { error: string } {
  return guard(
    () => ({ error: say(ctx.locale, "Kunne ikke gi nytt navn.", "Could not rename.") }),
    () => {
      const check = renameTarget(ctx, offset);
      if (!check) return { error: say(ctx.locale, "Her er det ikke noe navn som kan gis nytt navn.", "There is no name to rename here.") };
      if ("error" in check) return check;
      const newName = normalizeName(String(rawNewName ?? "").trim());
      const problem = nameProblem(ctx, check.target, newName);
      if (problem) return { error: problem };
      const changes: Record<string, TextEdit[]> = {};
      const seen = new Set<string>();
      for (const found of occurrencesOf(ctx, check.target, true)) {
        const key = `${found.uri}:${found.name.start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const file = ctx.workspace.file(found.uri);
        if (!file) continue;
        (changes[found.uri] ??= []).push({ range: locationOf(file, found.name).range, newText: newName });
      }
      return { changes };
    },
  );
}
