/** The read-only prelude document (`hfa-prelude:` URI) that built-ins are defined in. */
import { PRELUDE_URI, preludeText } from "../../analysis/prelude.js";
import type { Location } from "vscode-languageserver";
import { LineIndex } from "../../analysis/index.js";

let cached: { text: string; offsets: Map<string, { start: number; end: number }>; lines: LineIndex } | undefined;

function prelude(): NonNullable<typeof cached> {
  if (!cached) {
    const { text, offsets } = preludeText();
    cached = { text, offsets, lines: new LineIndex(text) };
  }
  return cached;
}

export function preludeDocument(): { uri: string; text: string } {
  return { uri: PRELUDE_URI, text: prelude().text };
}

/** Where a built-in purpose or national group is defined in the prelude document. */
export function preludeLocation(kind: "purpose" | "nationalGroup", id: string): Location | undefined {
  const { offsets, lines } = prelude();
  const span = offsets.get(`${kind === "purpose" ? "purpose" : "group"}:${id}`);
  if (!span) return undefined;
  return { uri: PRELUDE_URI, range: { start: lines.position(span.start), end: lines.position(span.end) } };
}
