/**
 * `Sjekker 120/1000 filer…` on stderr, rewritten in place with `\r`: only for
 * many files, only on a terminal, never in CI (where it would fill the log).
 */
import type { Io } from "./io.js";
import { say, type Locale } from "./locale.js";

const THRESHOLD = 50;
const INTERVAL_MS = 80;

export class Progress {
  private readonly enabled: boolean;
  private shown = false;
  private last = 0;

  constructor(
    private readonly io: Io,
    private readonly total: number,
    private readonly locale: Locale,
  ) {
    const ci = io.env.CI;
    const inCi = ci !== undefined && ci !== "" && ci !== "false" && ci !== "0";
    this.enabled = total > THRESHOLD && io.stderrIsTTY && !inCi;
  }

  update(done: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (this.shown && now - this.last < INTERVAL_MS && done !== this.total) return;
    this.last = now;
    this.shown = true;
    this.io.err(`\r${say(this.locale, "Sjekker", "Checking")} ${done}/${this.total} ${say(this.locale, "filer", "files")}…`);
  }

  clear(): void {
    if (!this.shown) return;
    this.io.err("\r\u001b[K");
    this.shown = false;
  }
}
