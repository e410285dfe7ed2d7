/**
 * "HFA: Ny avtale": a new agreement from a template, for a helsefellesskap
 * and parties the workspace declares, opened as an untitled `.hfa` document
 * with the template as a snippet (tab through the fields, then save).
 */
import * as vscode from "vscode";
import type { Locale } from "../protocol.js";
import { t } from "../uiLocale.js";
import { agreementSnippet, mergeDeclarations, partyChoices, scanDeclarations, type Community, type Declarations } from "../newAgreement/template.js";

const MAX_FILES = 2000;

async function workspaceDeclarations(): Promise<Declarations> {
  const uris = await vscode.workspace.findFiles("**/*.hfa", "**/{node_modules,.git}/**", MAX_FILES);
  const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
  const decoder = new TextDecoder("utf-8");
  const all = await Promise.all(
    uris.map(async (uri) => {
      try {
        const text = open.get(uri.toString())?.getText() ?? decoder.decode(await vscode.workspace.fs.readFile(uri));
        return scanDeclarations(text, uri.toString());
      } catch {
        return { communities: [], schemes: [] };
      }
    }),
  );
  // Unsaved, untitled documents count too.
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.languageId === "hfa" && doc.isUntitled) all.push(scanDeclarations(doc.getText(), doc.uri.toString()));
  }
  return mergeDeclarations(all);
}

export async function newAgreement(locale: Locale): Promise<void> {
  const declarations = await workspaceDeclarations();
  let community: Community | undefined;
  if (declarations.communities.length === 1) community = declarations.communities[0];
  else if (declarations.communities.length > 1) {
    const picked = await vscode.window.showQuickPick(
      declarations.communities.map((c) => ({ label: c.name, description: c.id, detail: t("{0} helseforetak, {1} kommuner", c.trusts.length, c.municipalities.length), community: c })),
      { title: t("New agreement"), placeHolder: t("Which helsefellesskap is the agreement in?"), matchOnDescription: true },
    );
    if (!picked) return;
    community = picked.community;
  }

  let parties: string[] = [];
  if (community) {
    const choices = partyChoices(community);
    const picked = await vscode.window.showQuickPick(
      choices.map((p) => ({
        label: p.id,
        description: p.name,
        detail: p.side === "spesialist" ? t("helseforetak (specialist health service)") : t("kommune (municipality)"),
        picked: p.side === "spesialist" && community.trusts.length === 1,
      })),
      {
        title: t("New agreement in {0}", community.name),
        placeHolder: t("Choose the parties: at least one helseforetak and one kommune"),
        canPickMany: true,
        matchOnDescription: true,
      },
    );
    if (!picked) return;
    const chosen = new Set(picked.map((p) => p.label));
    parties = choices.filter((p) => chosen.has(p.id)).map((p) => p.id);
  } else {
    void vscode.window.showInformationMessage(t("No helsefellesskap is declared in this workspace: the template has placeholders for it and its parties."));
  }

  const snippet = agreementSnippet({ community, parties, schemes: declarations.schemes, locale });
  const document = await vscode.workspace.openTextDocument({ language: "hfa", content: "" });
  const editor = await vscode.window.showTextDocument(document);
  await editor.insertSnippet(new vscode.SnippetString(snippet), new vscode.Position(0, 0));
}
