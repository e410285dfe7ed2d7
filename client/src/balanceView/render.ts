/**
 * The balance view's HTML: a pure function of the server's `BalanceViewData`
 * and the view's words, so the same module runs in the extension host and in
 * the headless-Chromium test (tests/extension/balanceView.test.ts).
 *
 * The page is self-contained: an inline SVG chart (cumulative net per party
 * per year, break-even marked) and a table (own input, savings, transfers and
 * net per party), styled with VS Code's theme variables (with fallbacks for a
 * plain browser), under a strict Content-Security-Policy: nothing but the
 * nonce'd inline style and script may load, so it works offline and fetches
 * nothing remote. The script only swaps in new content the extension posts
 * while the user types.
 */
import { formatKr, formatNumber, formatSignedKr } from "../../../server/src/analysis/i18n.js";
import type { BalanceViewData, BalanceViewParty, Locale } from "../protocol.js";
import { paletteCss } from "./palette.js";
import type { BalanceStrings } from "./strings.js";

export interface RenderOptions {
  /** A fresh random nonce per document: only the inline style and script carrying it run. */
  readonly nonce: string;
  /** `webview.cspSource`, when rendered in VS Code (allows the webview's own resource origin for images). */
  readonly cspSource?: string;
}

/** The message the extension posts to replace the view's content in place. */
export interface UpdateMessage {
  readonly type: "update";
  readonly html: string;
  readonly title: string;
}

const PALETTE_SIZE = 6;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "#39" }[c]};`);
}

/** The whole HTML document. `data` null shows a hint to put the cursor in an agreement. */
export function renderBalanceDocument(data: BalanceViewData | null, strings: BalanceStrings, options: RenderOptions): string {
  const nonce = escapeHtml(options.nonce);
  const img = options.cspSource ? `${options.cspSource} data:` : "data:";
  const csp = `default-src 'none'; img-src ${img}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; font-src 'none'; connect-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'`;
  return `<!DOCTYPE html>
<html lang="${strings.locale === "nb" ? "nb" : "en"}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(documentTitle(data, strings))}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<main id="root">${renderBalanceBody(data, strings)}</main>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
}

export function documentTitle(data: BalanceViewData | null, strings: BalanceStrings): string {
  return data ? strings.heading(data.agreement) : strings.documentTitle;
}

/** The content of `<main id="root">`: what an update replaces. */
export function renderBalanceBody(data: BalanceViewData | null, strings: BalanceStrings): string {
  if (!data) return `<p class="empty" id="no-agreement">${escapeHtml(strings.noAgreement)}</p>`;
  const locale = data.locale;
  const parts: string[] = [];
  parts.push(`<header><h1 id="heading">${escapeHtml(strings.heading(data.title))}</h1>`);
  parts.push(`<p class="sub"><code>${escapeHtml(data.agreement)}</code> · ${escapeHtml(strings.period(data.firstYear, data.horizon))}</p></header>`);
  parts.push(renderChart(data, strings));
  parts.push(renderLegend(data, strings));
  parts.push(renderTable(data, strings, locale));
  if (data.total.totals.grant > 0) parts.push(`<p class="note" id="grant-note">${escapeHtml(strings.grantNote(formatKr(data.total.totals.grant, locale)))}</p>`);
  parts.push(renderYears(data, strings, locale));
  return parts.join("\n");
}

function seriesClass(index: number): string {
  return `s${index % PALETTE_SIZE}${index >= PALETTE_SIZE ? " alt" : ""}`;
}

function signClass(amount: number): string {
  const rounded = Math.round(amount);
  return rounded > 0 ? "pos" : rounded < 0 ? "neg" : "zero";
}

function breakEvenText(party: BalanceViewParty, horizon: number, strings: BalanceStrings): string {
  return party.breakEven !== undefined ? String(party.breakEven) : strings.notBy(horizon);
}

// ---------------------------------------------------------------- table

/**
 * The key columns first — party, net by the horizon, break-even year — so a
 * half-width panel shows them without scrolling; the table scrolls in its own
 * box (the party column stays put) when the rest does not fit.
 */
function renderTable(data: BalanceViewData, strings: BalanceStrings, locale: Locale): string {
  const head: [string, string][] = [
    [strings.party, "party"],
    [strings.netAt(data.horizon), "num net"],
    [strings.breakEven, "break-even"],
    [strings.ownInput, "num input"],
    [strings.savings, "num saving"],
    [strings.transfers, "num transfers"],
  ];
  const row = (party: BalanceViewParty, index: number | undefined, label: string) => {
    const t = party.totals;
    const transfers = t.transferIn - t.transferOut;
    const side = party.side ? ` <span class="side">${escapeHtml(strings.side[party.side])}</span>` : "";
    const swatch = index === undefined ? `<span class="dot total"></span>` : `<span class="dot ${seriesClass(index)}"></span>`;
    return (
      `<tr data-party="${escapeHtml(index === undefined ? "total" : party.party)}">` +
      `<th scope="row" class="party">${swatch}<span class="name">${escapeHtml(label)}</span>${side}</th>` +
      `<td class="num net ${signClass(party.atHorizon)}">${escapeHtml(formatSignedKr(party.atHorizon, locale))}</td>` +
      `<td class="break-even">${escapeHtml(breakEvenText(party, data.horizon, strings))}</td>` +
      `<td class="num input">${escapeHtml(formatKr(Math.round(t.input), locale))}</td>` +
      `<td class="num saving">${escapeHtml(formatKr(Math.round(t.saving), locale))}</td>` +
      `<td class="num transfers">${escapeHtml(formatSignedKr(transfers, locale))}</td>` +
      `</tr>`
    );
  };
  return (
    `<div class="table-wrap" role="region" aria-label="${escapeHtml(strings.heading(data.title))}" tabindex="0"><table class="balance" id="balance-table">` +
    `<thead><tr>${head.map(([h, cls]) => `<th scope="col" class="${cls}">${escapeHtml(h)}</th>`).join("")}</tr></thead>` +
    `<tbody>${data.parties.map((p, i) => row(p, i, p.party)).join("")}</tbody>` +
    `<tfoot>${row(data.total, undefined, strings.total)}</tfoot>` +
    `</table></div>`
  );
}

function renderYears(data: BalanceViewData, strings: BalanceStrings, locale: Locale): string {
  const years: number[] = [];
  for (let y = data.firstYear; y <= data.horizon && years.length < 200; y++) years.push(y);
  const cell = (party: BalanceViewParty, year: number) => {
    const row = party.rows.find((r) => r.year === year);
    return row ? `<td class="num ${signClass(row.cumulative)}">${escapeHtml(formatSignedKr(row.cumulative, locale))}</td>` : `<td class="num">–</td>`;
  };
  const line = (party: BalanceViewParty, label: string, key: string) =>
    `<tr data-party="${escapeHtml(key)}"><th scope="row" class="party">${escapeHtml(label)}</th>${years.map((y) => cell(party, y)).join("")}</tr>`;
  return (
    `<details id="years"><summary>${escapeHtml(strings.cumulativeByYear)}</summary>` +
    `<div class="table-wrap" tabindex="0"><table class="years"><thead><tr><th scope="col" class="party">${escapeHtml(strings.party)}</th>${years.map((y) => `<th scope="col" class="num">${y}</th>`).join("")}</tr></thead>` +
    `<tbody>${data.parties.map((p) => line(p, p.party, p.party)).join("")}</tbody>` +
    `<tfoot>${line(data.total, strings.total, "total")}</tfoot></table></div></details>`
  );
}

// ---------------------------------------------------------------- chart

const W = 720;
const H = 320;
const M = { left: 86, right: 24, top: 30, bottom: 40 };

/** Round tick values (1, 2, 2.5 or 5 × 10^k) covering [min, max]. */
export function niceTicks(min: number, max: number, target = 5): number[] {
  if (!(max > min)) {
    const pad = Math.max(1, Math.abs(min) * 0.1);
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const first = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let v = first; ticks.length < 2 || ticks[ticks.length - 1]! < max - step * 1e-9; v += step) {
    ticks.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
    if (ticks.length > 50) break;
  }
  return ticks;
}

function axisLabel(value: number, largest: number, locale: Locale): string {
  if (largest >= 1_000_000) {
    const millions = Number((value / 1_000_000).toPrecision(6));
    const text = formatNumber(millions, locale);
    return value === 0 ? "0" : locale === "nb" ? `${text} mill.` : `${text} M`;
  }
  return formatNumber(value, locale);
}

function renderChart(data: BalanceViewData, strings: BalanceStrings): string {
  const locale = data.locale;
  const first = data.firstYear;
  const last = Math.max(data.horizon, first);
  const series = [...data.parties.map((p, i) => ({ party: p, key: p.party, cls: seriesClass(i) })), { party: data.total, key: "total", cls: "total" }];
  const values = [0, ...series.flatMap((s) => s.party.rows.map((r) => r.cumulative))];
  const ticks = niceTicks(Math.min(...values), Math.max(...values));
  const lo = ticks[0]!;
  const hi = ticks[ticks.length - 1]!;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const x = (year: number) => M.left + (last === first ? plotW / 2 : ((year - first) / (last - first)) * plotW);
  const y = (v: number) => M.top + ((hi - v) / (hi - lo)) * plotH;
  const r1 = (n: number) => Math.round(n * 10) / 10;
  const largest = Math.max(Math.abs(lo), Math.abs(hi));
  const out: string[] = [];
  out.push(`<figure class="chart"><svg id="balance-chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="chart-title">`);
  out.push(`<title id="chart-title">${escapeHtml(strings.chartTitle(data.horizon))}</title>`);
  // grid and y axis
  out.push(`<g class="grid">`);
  for (const t of ticks) {
    out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${r1(y(t))}" y2="${r1(y(t))}" class="${t === 0 ? "zero" : "gridline"}"/>`);
    out.push(`<text class="tick y" x="${M.left - 8}" y="${r1(y(t))}" text-anchor="end" dominant-baseline="middle">${escapeHtml(axisLabel(t, largest, locale))}</text>`);
  }
  const yearStep = Math.max(1, Math.ceil((last - first + 1) / 12));
  for (let year = first; year <= last; year += yearStep) {
    out.push(`<text class="tick x" x="${r1(x(year))}" y="${H - M.bottom + 18}" text-anchor="middle">${year}</text>`);
  }
  out.push(`<text class="axis-title" x="${M.left + plotW / 2}" y="${H - 4}" text-anchor="middle">${escapeHtml(strings.year)}</text>`);
  out.push(`</g>`);
  // break-even of the whole agreement
  if (data.total.breakEven !== undefined) {
    const bx = r1(x(data.total.breakEven));
    out.push(
      `<g class="break-even-line" id="break-even" data-year="${data.total.breakEven}">` +
        `<line x1="${bx}" x2="${bx}" y1="${M.top - 6}" y2="${H - M.bottom}"/>` +
        `<text x="${bx}" y="${M.top - 12}" text-anchor="${bx > W - 140 ? "end" : "middle"}">${escapeHtml(strings.breakEvenMarker(data.total.breakEven))}</text></g>`,
    );
  }
  // one line per party, the total last (on top); a line that covers an earlier one is dashed, so both show
  const drawn = new Set<string>();
  for (const s of series) {
    const rows = [...s.party.rows].filter((r) => r.year >= first && r.year <= last).sort((a, b) => a.year - b.year);
    if (rows.length === 0) continue;
    const d = rows.map((r, i) => `${i === 0 ? "M" : "L"}${r1(x(r.year))} ${r1(y(r.cumulative))}`).join(" ");
    const overlap = drawn.has(d) && s.key !== "total" ? " overlap" : "";
    drawn.add(d);
    const label = s.key === "total" ? strings.total : s.key;
    out.push(`<g class="party" data-party="${escapeHtml(s.key)}">`);
    out.push(`<path class="series ${s.cls}${overlap}" data-party="${escapeHtml(s.key)}" d="${d}"><title>${escapeHtml(label)}</title></path>`);
    for (const r of rows) {
      out.push(`<circle class="point ${s.cls}" cx="${r1(x(r.year))}" cy="${r1(y(r.cumulative))}" r="3"><title>${escapeHtml(`${label} ${r.year}: ${formatSignedKr(r.cumulative, locale)}`)}</title></circle>`);
    }
    const be = s.party.breakEven;
    const beRow = be === undefined ? undefined : rows.find((r) => r.year === be);
    if (be !== undefined && beRow) {
      out.push(
        `<path class="be-marker ${s.cls}" data-party="${escapeHtml(s.key)}" data-year="${be}" d="M${r1(x(be))} ${r1(y(beRow.cumulative) - 7)} l7 7 l-7 7 l-7 -7 Z"><title>${escapeHtml(`${label}: ${strings.breakEven.toLowerCase()} ${be}`)}</title></path>`,
      );
    }
    out.push(`</g>`);
  }
  out.push(`</svg></figure>`);
  return out.join("");
}

function renderLegend(data: BalanceViewData, strings: BalanceStrings): string {
  const item = (label: string, cls: string, key: string, party: BalanceViewParty) =>
    `<li data-party="${escapeHtml(key)}"><svg class="swatch" viewBox="0 0 28 10" aria-hidden="true"><line x1="1" x2="27" y1="5" y2="5" class="series ${cls}"/></svg>` +
    `${escapeHtml(label)} <span class="be">(${escapeHtml(party.breakEven !== undefined ? `${strings.breakEven.toLowerCase()} ${party.breakEven}` : strings.notBy(data.horizon))})</span></li>`;
  return (
    `<ul class="legend" aria-label="${escapeHtml(strings.legend)}">` +
    data.parties.map((p, i) => item(p.party, seriesClass(i), p.party, p)).join("") +
    item(strings.total, "total", "total", data.total) +
    `</ul>`
  );
}

// ---------------------------------------------------------------- style and script

const STYLE = `
${paletteCss()}
:root {
  --fg: var(--vscode-editor-foreground, #1f1f1f);
  --bg: var(--vscode-editor-background, #ffffff);
  --muted: var(--vscode-descriptionForeground, #6b6b6b);
  --border: var(--vscode-panel-border, rgba(128, 128, 128, 0.35));
  --grid: var(--vscode-charts-lines, rgba(128, 128, 128, 0.3));
  --total: var(--vscode-charts-foreground, var(--vscode-editor-foreground, #1f1f1f));
}
html, body { background: var(--bg); color: var(--fg); }
body {
  margin: 0; padding: 12px 20px 24px;
  font-family: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", sans-serif);
  font-size: var(--vscode-font-size, 13px); line-height: 1.45;
}
h1 { font-size: 1.35em; font-weight: 600; margin: 0.2em 0 0.1em; }
.sub, .note, .empty { color: var(--muted); margin: 0.2em 0 0.8em; }
code { font-family: var(--vscode-editor-font-family, ui-monospace, monospace); }
figure.chart { margin: 0; max-width: 820px; }
#balance-chart { width: 100%; height: auto; display: block; overflow: visible; }
#balance-chart text { fill: var(--fg); font-size: 12px; font-family: inherit; }
#balance-chart .tick, #balance-chart .axis-title { fill: var(--muted); }
.gridline { stroke: var(--grid); stroke-width: 1; }
.zero { stroke: var(--fg); stroke-opacity: 0.55; stroke-width: 1.2; }
.series { fill: none; stroke-width: 2.2; stroke-linejoin: round; stroke-linecap: round; }
.series.alt { stroke-dasharray: 7 4; }
.series.overlap { stroke-dasharray: 8 8; }
.series.total { stroke: var(--total); stroke-width: 3; stroke-dasharray: 2 5; }
.point { stroke: var(--bg); stroke-width: 1; }
.s0 { stroke: var(--c0); } .point.s0, .be-marker.s0, .dot.s0 { fill: var(--c0); }
.s1 { stroke: var(--c1); } .point.s1, .be-marker.s1, .dot.s1 { fill: var(--c1); }
.s2 { stroke: var(--c2); } .point.s2, .be-marker.s2, .dot.s2 { fill: var(--c2); }
.s3 { stroke: var(--c3); } .point.s3, .be-marker.s3, .dot.s3 { fill: var(--c3); }
.s4 { stroke: var(--c4); } .point.s4, .be-marker.s4, .dot.s4 { fill: var(--c4); }
.s5 { stroke: var(--c5); } .point.s5, .be-marker.s5, .dot.s5 { fill: var(--c5); }
.point.total, .be-marker.total { fill: var(--total); }
.be-marker { stroke: var(--bg); stroke-width: 1.5; }
.break-even-line line { stroke: var(--fg); stroke-opacity: 0.6; stroke-dasharray: 4 4; }
#balance-chart .break-even-line text { font-weight: 600; }
.legend { list-style: none; padding: 0; margin: 0.4em 0 1em; display: flex; flex-wrap: wrap; gap: 0.3em 1.4em; }
.legend li { display: inline-flex; align-items: center; gap: 0.4em; }
.legend .swatch { width: 28px; height: 10px; }
.legend .be { color: var(--muted); }
.table-wrap { overflow-x: auto; max-width: 100%; }
.table-wrap:focus-visible { outline: 1px solid var(--vscode-focusBorder, currentColor); }
/* The party column stays in view while the figures scroll sideways. */
th.party { position: sticky; left: 0; z-index: 1; background: var(--bg); }
table { border-collapse: collapse; margin: 0.4em 0 0.8em; }
th, td { padding: 0.3em 0.6em; border-bottom: 1px solid var(--border); text-align: left; white-space: nowrap; }
thead th { font-weight: 600; border-bottom-width: 2px; white-space: normal; vertical-align: bottom; }
@media (max-width: 640px) {
  body { padding: 8px 10px 16px; }
  th, td { padding: 0.25em 0.4em; }
  .side { display: none; }
}
tfoot th, tfoot td { font-weight: 600; border-top: 2px solid var(--border); }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.pos { color: var(--pos); } .neg { color: var(--neg); }
.side { color: var(--muted); font-weight: normal; font-size: 0.9em; margin-left: 0.3em; }
.dot { display: inline-block; width: 0.7em; height: 0.7em; border-radius: 50%; margin-right: 0.5em; background: var(--c0); }
.dot.s0 { background: var(--c0); } .dot.s1 { background: var(--c1); } .dot.s2 { background: var(--c2); }
.dot.s3 { background: var(--c3); } .dot.s4 { background: var(--c4); } .dot.s5 { background: var(--c5); }
.dot.total { background: var(--total); }
details summary { cursor: pointer; color: var(--muted); margin: 0.6em 0 0.2em; }
table.years th, table.years td { padding: 0.2em 0.6em; }
`;

const SCRIPT = `(function () {
  var root = document.getElementById("root");
  window.addEventListener("message", function (event) {
    var m = event.data;
    if (!m || m.type !== "update" || typeof m.html !== "string" || !root) return;
    var open = document.getElementById("years");
    var wasOpen = !!(open && open.open);
    root.innerHTML = m.html;
    if (typeof m.title === "string") document.title = m.title;
    var details = document.getElementById("years");
    if (details && wasOpen) details.open = true;
  });
})();`;
