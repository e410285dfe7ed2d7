/**
 * The balance view: the VS Code extension's own renderer
 * (client/src/balanceView/render.ts) in a sandboxed `srcdoc` frame, fed
 * with the server's `hfa/balance` answer for the cursor's agreement and
 * updated in place (the renderer's update message) as one types.
 */
import type * as monaco from "monaco-editor/esm/vs/editor/editor.api.js";
import { documentTitle, renderBalanceBody, renderBalanceDocument, type UpdateMessage } from "../../client/src/balanceView/render.js";
import { balanceStrings } from "../../client/src/balanceView/strings.js";
import { BALANCE_REQUEST, type BalanceParams, type BalanceViewData } from "../../client/src/protocol.js";
import type { LanguageServer } from "./lspClient.js";
import type { UiLocale } from "./strings.js";

const DELAY_MS = 200;

function nonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export class BalanceView {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private loaded = false;
  private pending: UpdateMessage | undefined;
  private sequence = 0;

  constructor(
    private readonly server: LanguageServer,
    private readonly frame: HTMLIFrameElement,
    private readonly locale: () => UiLocale,
  ) {
    frame.addEventListener("load", () => {
      this.loaded = true;
      if (this.pending) this.post(this.pending);
      this.pending = undefined;
    });
  }

  schedule(model: monaco.editor.ITextModel | undefined, position: monaco.IPosition | null, delay = DELAY_MS): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(model, position), delay);
  }

  private async update(model: monaco.editor.ITextModel | undefined, position: monaco.IPosition | null): Promise<void> {
    const sequence = ++this.sequence;
    let data: BalanceViewData | null = null;
    if (model && model.getLanguageId() === "hfa") {
      const params: BalanceParams = { textDocument: { uri: model.uri.toString() }, position: { line: (position?.lineNumber ?? 1) - 1, character: (position?.column ?? 1) - 1 } };
      data = await this.server.request<BalanceViewData | null>(BALANCE_REQUEST, params).catch(() => null);
    }
    // A later update has started: this answer is stale.
    if (sequence !== this.sequence) return;
    const strings = balanceStrings(data?.locale ?? this.locale());
    const message: UpdateMessage = { type: "update", html: renderBalanceBody(data, strings), title: documentTitle(data, strings) };
    this.frame.title = message.title;
    if (!this.frame.srcdoc) {
      this.frame.srcdoc = renderBalanceDocument(data, strings, { nonce: nonce() });
      return;
    }
    if (this.loaded) this.post(message);
    else this.pending = message;
  }

  private post(message: UpdateMessage): void {
    // The frame is sandboxed without same-origin rights: its origin is opaque, hence "*".
    this.frame.contentWindow?.postMessage(message, "*");
  }
}
