/**
 * The balance view's colours per VS Code theme kind, chosen to meet WCAG 2.1
 * AA against the theme's default editor background: every party's line and
 * the net figures' colours at least 4.5:1 (text level, so the coloured
 * numbers are readable, and well above the 3:1 that graphics need).
 *
 * Not VS Code's `charts.*` colours: in the light themes `charts.orange`
 * (#d18616, 2.9:1 on white) and `charts.yellow` (#bf8803, 3.1:1) are too
 * faint for a line of the chart, which made one party nearly invisible.
 * VS Code tells a webview its theme kind by a class on `<body>`
 * (`vscode-light`, `vscode-dark`, `vscode-high-contrast`,
 * `vscode-high-contrast-light`); a plain browser gets the light palette.
 */

export type ThemeKind = "light" | "dark" | "high-contrast" | "high-contrast-light";

export interface Palette {
  /** The editor background of the theme kind's default theme (Light Modern, Dark Modern, the high-contrast themes). */
  readonly background: string;
  /** One colour per party, in order (the 7th party and later reuse them dashed). */
  readonly series: readonly string[];
  /** Net figures above and below zero. */
  readonly positive: string;
  readonly negative: string;
}

export const PALETTES: Readonly<Record<ThemeKind, Palette>> = {
  light: { background: "#ffffff", series: ["#005fb8", "#b35900", "#1e7b34", "#7a3db8", "#c4262e", "#826600"], positive: "#1e7b34", negative: "#c4262e" },
  dark: { background: "#1f1f1f", series: ["#4daafc", "#f0a35e", "#6ccb5f", "#c198f0", "#f48771", "#e2c541"], positive: "#6ccb5f", negative: "#f48771" },
  "high-contrast": { background: "#000000", series: ["#6fc3ff", "#ffb86c", "#89d185", "#d7a8ff", "#ff8b8b", "#ffe066"], positive: "#89d185", negative: "#ff8b8b" },
  "high-contrast-light": { background: "#ffffff", series: ["#0f4a85", "#8f4200", "#0d5e23", "#5c2d91", "#a1260d", "#6b5300"], positive: "#0d5e23", negative: "#a1260d" },
};

/** The `<body>` class VS Code sets for each theme kind. */
export const THEME_CLASS: Readonly<Record<ThemeKind, string>> = {
  light: "vscode-light",
  dark: "vscode-dark",
  "high-contrast": "vscode-high-contrast",
  "high-contrast-light": "vscode-high-contrast-light",
};

/** Relative luminance of an sRGB colour (`#rrggbb` or `rgb(r, g, b)`), as WCAG 2.1 defines it. */
export function relativeLuminance(colour: string): number {
  const channels = parseColour(colour).map((value) => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * channels[0]! + 0.7152 * channels[1]! + 0.0722 * channels[2]!;
}

/** WCAG contrast ratio of two colours, 1–21. */
export function contrastRatio(a: string, b: string): number {
  const [high, low] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

function parseColour(colour: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour.trim());
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const rgb = /^rgba?\(\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)/i.exec(colour.trim());
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new Error(`not a colour: ${colour}`);
}

/** The palette as CSS custom properties, one rule per theme kind (light also for a page with no theme class). */
export function paletteCss(): string {
  const rule = (selector: string, p: Palette) =>
    `${selector} { ${p.series.map((c, i) => `--c${i}: ${c};`).join(" ")} --pos: ${p.positive}; --neg: ${p.negative}; }`;
  return [
    rule(":root, body.vscode-light", PALETTES.light),
    rule("body.vscode-dark", PALETTES.dark),
    rule("body.vscode-high-contrast:not(.vscode-high-contrast-light)", PALETTES["high-contrast"]),
    rule("body.vscode-high-contrast-light", PALETTES["high-contrast-light"]),
  ].join("\n");
}
