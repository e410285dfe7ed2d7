/**
 * Control characters from an agreement (names, `stilling` titles, reasons,
 * file names) must never reach a terminal, a CI log or a web UI raw: an ESC
 * or OSC sequence could recolour, retitle or hide output, and a newline
 * could forge a diagnostic line or a workflow command (issue 8 item 7).
 *
 * `visible` writes each one as `\u001b`-style text, so the reader still sees
 * that it is there. Covered: C0 (incl. tab, CR, LF), DEL, C1 (U+0080–U+009F,
 * which some terminals take as CSI/OSC), the line and paragraph separators,
 * and the bidirectional overrides and isolates (which can reorder what a
 * reviewer reads).
 */

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** What JSON.stringify leaves raw among the above (it escapes C0 itself). */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function unicodeEscape(char: string): string {
  return "\\u" + char.charCodeAt(0).toString(16).padStart(4, "0");
}

/** `text` with every unsafe character shown as `\uXXXX`. */
export function visible(text: string): string {
  return text.replace(UNSAFE, unicodeEscape);
}

/**
 * Serialised JSON with the characters JSON.stringify leaves raw written as
 * `\uXXXX` escapes: the same JSON value, but safe to print. Those characters
 * can only occur inside strings, where the escape means the same thing.
 */
export function jsonSafe(serialised: string): string {
  return serialised.replace(UNSAFE_IN_JSON, unicodeEscape);
}
