/**
 * Rule links that open the rendered rule page inside VS Code.
 *
 * The server links each diagnostic's code (and the «Les mer» link of a hover)
 * to its page: the published page when hfa.json sets `docs.baseUrl`, else the
 * Markdown file shipped in the extension (`file:…/docs/rules/HFA401.md`),
 * which VS Code would open as raw Markdown. This module turns the latter into
 * `<vscode.env.uriScheme>://hfa.hfa/regel/HFA401`, a URI VS Code hands to this
 * extension's URI handler, which shows the page in the Markdown preview
 * («Vis regel»). A URI handler rather than a `command:` link because the
 * Problems panel, the error peek and hovers all open the code's link, and
 * only the Problems panel admits `command:` links.
 */
import * as vscode from "vscode";
import type { Middleware } from "vscode-languageclient/node";

const SHIPPED_PAGE = /\/docs\/rules\/(HFA\d{3})\.md$/;
const HANDLER_PATH = /^\/regel\/(HFA\d{3})$/;

/** The rule code of a link to a page shipped in the extension, or undefined for any other link. */
export function shippedRuleCode(href: vscode.Uri | string): string | undefined {
  const uri = typeof href === "string" ? vscode.Uri.parse(href) : href;
  if (uri.scheme !== "file") return undefined;
  return SHIPPED_PAGE.exec(uri.path)?.[1];
}

export function ruleHandlerUri(extensionId: string, code: string): vscode.Uri {
  return vscode.Uri.from({ scheme: vscode.env.uriScheme, authority: extensionId.toLowerCase(), path: `/regel/${code}` });
}

/** The URI handler: `…://hfa.hfa/regel/HFA401` shows rule HFA401. */
export function ruleUriHandler(show: (code: string) => unknown): vscode.UriHandler {
  return {
    handleUri(uri: vscode.Uri) {
      const code = HANDLER_PATH.exec(uri.path)?.[1];
      if (code) void show(code);
    },
  };
}

function relinkDiagnostic(diagnostic: vscode.Diagnostic, extensionId: string): void {
  const code = diagnostic.code;
  if (typeof code !== "object" || code === null) return;
  const rule = shippedRuleCode(code.target);
  if (rule) diagnostic.code = { value: code.value, target: ruleHandlerUri(extensionId, rule) };
}

/** Markdown with its links to shipped rule pages pointed at the URI handler. */
export function relinkMarkdown(markdown: string, extensionId: string): string {
  return markdown.replace(/\]\((file:[^)\s]+)\)/g, (whole, href: string) => {
    const rule = shippedRuleCode(href);
    return rule ? `](${ruleHandlerUri(extensionId, rule).toString()})` : whole;
  });
}

function relinkHover(hover: vscode.Hover, extensionId: string): vscode.Hover {
  const contents = hover.contents.map((content) => {
    if (!(content instanceof vscode.MarkdownString)) return content;
    const value = relinkMarkdown(content.value, extensionId);
    if (value === content.value) return content;
    const relinked = new vscode.MarkdownString(value, content.supportThemeIcons);
    relinked.supportHtml = content.supportHtml;
    relinked.isTrusted = content.isTrusted;
    return relinked;
  });
  return new vscode.Hover(contents, hover.range);
}

/** Language-client middleware that relinks diagnostics and hovers. */
export function ruleLinkMiddleware(extensionId: string): Middleware {
  return {
    handleDiagnostics(uri, diagnostics, next) {
      for (const diagnostic of diagnostics) relinkDiagnostic(diagnostic, extensionId);
      next(uri, diagnostics);
    },
    async provideHover(document, position, token, next) {
      const hover = await next(document, position, token);
      return hover ? relinkHover(hover, extensionId) : hover;
    },
  };
}
