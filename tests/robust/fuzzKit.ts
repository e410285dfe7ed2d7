/**
 * Mutations of agreements for the fuzz tests (issue 8's kinds): cut and
 * duplicated ranges, hostile tokens (huge numbers, control characters, lone
 * surrogates, unbalanced braces and comments, deep nesting), swapped and
 * repeated lines, other line endings and a byte order mark. Seeded, so a
 * failure names the seed that reproduces it.
 */
export type Rng = () => number;

/** Small deterministic PRNG (mulberry32), so a failure can be replayed from its seed. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: Rng, n: number) => Math.floor(r() * n);

const TOKENS = [
  "avtale", "tiltak", "{", "}", "{ {", "}}}", '"', '"uavsluttet', "//", "/*", "*/", "// hfa-ignore HFA604: fordi det er slik",
  "999 999 999 999 999 999 999 999 kr", "1e400", "-5 kr", "0 kr", "150 %", "-3 %", "1,5", "1.200.000", "2025-02-30", "12.03.2025",
  "\u001b[31m", "\u001b]8;;https://x\u0007", "\r", "\r\n", "\u2028", "\uFEFF", "\uD800", "\uDC00", "\u0000", "\t", "æøå",
  "X".repeat(2000), "(".repeat(500), "{".repeat(300), "parter", "periode 2025 til 2024", "innsats", "à", "per år", "fra", "til",
  "helsefellesskap", "sats", "kilde", "tilskudd", "ramme 2025 1 mill. kr", "fordeling { X 100 % }", "<beløp>", "<begrunnelse>",
];

export const MUTATION_KINDS = ["delete", "duplicate", "token", "swapLines", "repeatLine", "lineEndings", "truncate", "bom"] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

export function mutate(text: string, r: Rng, kind: MutationKind = MUTATION_KINDS[int(r, MUTATION_KINDS.length)]!): string {
  const at = int(r, text.length + 1);
  switch (kind) {
    case "delete":
      return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + int(r, 80)));
    case "duplicate": {
      const piece = text.slice(at, at + 1 + int(r, 400));
      return text.slice(0, at) + piece + piece + text.slice(at + piece.length);
    }
    case "token":
      return text.slice(0, at) + " " + TOKENS[int(r, TOKENS.length)]! + " " + text.slice(at);
    case "swapLines": {
      const lines = text.split("\n");
      const i = int(r, lines.length);
      const j = int(r, lines.length);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join("\n");
    }
    case "repeatLine": {
      const lines = text.split("\n");
      const i = int(r, lines.length);
      lines.splice(i, 0, ...Array.from({ length: 1 + int(r, 50) }, () => lines[i]!)); // bounded: at most 50
      return lines.join("\n");
    }
    case "lineEndings":
      return r() < 0.5 ? text.replace(/\r?\n/g, "\r\n") : text.replace(/\r?\n/g, "\r");
    case "truncate":
      return text.slice(0, at);
    case "bom":
      return "\uFEFF" + text;
  }
}

/** Several mutations in a row. */
export function mutateMany(text: string, r: Rng, count: number): string {
  let out = text;
  for (let i = 0; i < count; i++) out = mutate(out, r);
  return out;
}
