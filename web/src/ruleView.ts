/** A rule's page (docs/rules/HFAnnn.md, bundled in the worker) in a modal dialog. */
import { marked } from "marked";
import { RULE_DOC_REQUEST, type RuleDocParams } from "../../client/src/protocol.js";
import type { LanguageServer } from "./lspClient.js";
import type { UiStrings } from "./strings.js";

export class RuleView {
  private readonly body: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly closeButton: HTMLButtonElement;
  private returnFocus: Element | null = null;

  constructor(
    private readonly server: LanguageServer,
    private readonly dialog: HTMLDialogElement,
    private readonly strings: () => UiStrings,
  ) {
    this.body = dialog.querySelector<HTMLElement>(".rule-body")!;
    this.heading = dialog.querySelector<HTMLElement>(".rule-heading")!;
    this.closeButton = dialog.querySelector<HTMLButtonElement>(".rule-close")!;
    this.closeButton.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => (this.returnFocus as HTMLElement | null)?.focus?.());
    // Links between rule pages stay in the dialog; no other link leaves the page.
    this.body.addEventListener("click", (event) => {
      const link = (event.target as Element | null)?.closest("a");
      if (!link) return;
      event.preventDefault();
      const code = /(HFA\d{3})\.md$/.exec(link.getAttribute("href") ?? "")?.[1];
      if (code) void this.show(code);
    });
  }

  applyStrings(): void {
    this.closeButton.textContent = this.strings().close;
  }

  async show(code: string): Promise<void> {
    const params: RuleDocParams = { code };
    const markdown = await this.server.request<string | null>(RULE_DOC_REQUEST, params).catch(() => null);
    this.heading.textContent = this.strings().rule(code);
    // The pages are the project's own documentation, shipped in the bundle.
    this.body.innerHTML = markdown ? await marked.parse(markdown, { async: true }) : "";
    if (!this.dialog.open) {
      this.returnFocus = document.activeElement;
      this.dialog.showModal();
    }
    this.closeButton.focus();
  }
}
