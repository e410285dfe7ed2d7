/**
 * The chart of cumulative net per party (spec §8): one line per party over
 * the balance window, the zero line, the end of the period, and a marker on
 * each party's break-even year. Laid out once here as plain shapes in a
 * width × height box; `toSvg` writes them for HTML, the PDF renderer draws
 * the same shapes as vector graphics, so every format shows the same chart.
 */
import { amount } from "./labels.js";
import type { Locale } from "../analysis/index.js";

export interface ChartSeries {
  readonly label: string;
  readonly values: readonly number[];
  readonly breakEven?: number;
}

export interface ChartData {
  readonly years: readonly number[];
  readonly periodEnd: number;
  readonly series: readonly ChartSeries[];
}

export interface ChartLine {
  readonly points: readonly (readonly [number, number])[];
  readonly color: string;
  readonly width: number;
  readonly dash?: boolean;
}
export interface ChartText {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly anchor: "start" | "middle" | "end";
  readonly size: number;
  readonly color: string;
  readonly bold?: boolean;
}
export interface ChartMarker {
  readonly x: number;
  readonly y: number;
  readonly r: number;
  readonly color: string;
}
export interface ChartRect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly color: string;
}

export interface ChartShapes {
  readonly width: number;
  readonly height: number;
  readonly rects: readonly ChartRect[];
  readonly lines: readonly ChartLine[];
  readonly markers: readonly ChartMarker[];
  readonly texts: readonly ChartText[];
}

/** Distinguishable in colour and in greyscale print, with white text contrast ≥ 4.5. */
export const SERIES_COLORS = ["#0b4f6c", "#b5451b", "#2e7d32", "#6a1b9a", "#8d6e00", "#00695c", "#ad1457", "#37474f"];
const AXIS = "#555555";
const GRID = "#d9d9d9";

/** A round step for about `count` ticks over `range`. */
function niceStep(range: number, count: number): number {
  const raw = range / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  for (const factor of [1, 2, 2.5, 5, 10]) if (factor * magnitude >= raw) return factor * magnitude;
  return 10 * magnitude;
}

/** The value axis every format draws: from `min` to `max` (zero included) in round steps. */
export interface ValueScale {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

export function valueScale(chart: ChartData): ValueScale {
  const all = chart.series.flatMap((s) => s.values);
  const low = all.reduce((least, value) => Math.min(least, value), 0);
  let high = all.reduce((most, value) => Math.max(most, value), 0);
  if (high - low < 1) high = low + 1;
  const step = niceStep(high - low, 5);
  return { min: Math.floor(low / step) * step, max: Math.ceil(high / step) * step, step };
}

export function layoutChart(chart: ChartData, width: number, height: number, locale: Locale): ChartShapes {
  const { min, max, step } = valueScale(chart);

  const legendColumns = 2;
  const legendHeight = 16 * Math.ceil(chart.series.length / legendColumns);
  const left = 62;
  const right = 12;
  const top = 10;
  const bottom = 26 + legendHeight;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const n = chart.years.length;
  const x = (i: number) => left + (n <= 1 ? plotW / 2 : (plotW * i) / (n - 1));
  const y = (v: number) => top + plotH - ((v - min) / (max - min)) * plotH;

  const rects: ChartRect[] = [];
  const lines: ChartLine[] = [];
  const markers: ChartMarker[] = [];
  const texts: ChartText[] = [];

  // The continuation years (after the period) are shaded.
  const endIndex = chart.years.indexOf(chart.periodEnd);
  if (endIndex >= 0 && endIndex < n - 1) {
    const from = x(endIndex) + (x(endIndex + 1) - x(endIndex)) / 2;
    rects.push({ x: from, y: top, w: left + plotW - from, h: plotH, color: "#f1f1f1" });
  }
  for (let v = min; v <= max + step / 2; v += step) {
    lines.push({ points: [[left, y(v)], [left + plotW, y(v)]], color: v === 0 ? AXIS : GRID, width: v === 0 ? 1.2 : 0.6 });
    texts.push({ x: left - 6, y: y(v) + 3, text: amount(v, locale), anchor: "end", size: 8, color: AXIS });
  }
  chart.years.forEach((year, i) => texts.push({ x: x(i), y: top + plotH + 13, text: String(year), anchor: "middle", size: 8, color: AXIS }));

  chart.series.forEach((series, s) => {
    const color = SERIES_COLORS[s % SERIES_COLORS.length]!;
    lines.push({ points: series.values.map((v, i) => [x(i), y(v)] as const), color, width: 2, dash: s >= SERIES_COLORS.length });
    series.values.forEach((v, i) => markers.push({ x: x(i), y: y(v), r: 1.8, color }));
    if (series.breakEven !== undefined) {
      const i = chart.years.indexOf(series.breakEven);
      if (i >= 0) markers.push({ x: x(i), y: y(series.values[i]!), r: 4.5, color });
    }
    const column = s % legendColumns;
    const row = Math.floor(s / legendColumns);
    const lx = left + (plotW / legendColumns) * column;
    const ly = height - legendHeight + 16 * row + 2;
    rects.push({ x: lx, y: ly, w: 14, h: 4, color });
    const suffix = series.breakEven !== undefined ? ` (${series.breakEven})` : "";
    texts.push({ x: lx + 18, y: ly + 5, text: series.label + suffix, anchor: "start", size: 8, color: "#222222" });
  });
  return { width, height, rects, lines, markers, texts };
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** The chart as an inline SVG element (scales with its container). */
export function toSvg(shapes: ChartShapes, title: string): string {
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${shapes.width} ${shapes.height}" width="100%" role="img" aria-label="${escapeXml(title)}" font-family="Roboto, 'DejaVu Sans', Arial, sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
  );
  for (const r of shapes.rects) parts.push(`<rect x="${r1(r.x)}" y="${r1(r.y)}" width="${r1(r.w)}" height="${r1(r.h)}" fill="${r.color}"/>`);
  for (const l of shapes.lines) {
    const points = l.points.map(([px, py]) => `${r1(px)},${r1(py)}`).join(" ");
    parts.push(`<polyline points="${points}" fill="none" stroke="${l.color}" stroke-width="${l.width}"${l.dash ? ' stroke-dasharray="5 3"' : ""}/>`);
  }
  for (const m of shapes.markers) parts.push(`<circle cx="${r1(m.x)}" cy="${r1(m.y)}" r="${m.r}" fill="${m.r > 3 ? "#ffffff" : m.color}" stroke="${m.color}" stroke-width="${m.r > 3 ? 2 : 0}"/>`);
  for (const t of shapes.texts) {
    parts.push(`<text x="${r1(t.x)}" y="${r1(t.y)}" text-anchor="${t.anchor}" font-size="${t.size}" fill="${t.color}"${t.bold ? ' font-weight="bold"' : ""}>${escapeXml(t.text)}</text>`);
  }
  parts.push("</svg>");
  return parts.join("");
}
