/**
 * `--format html` (the default): one self-contained file — inline CSS and
 * SVG, no script, no remote resource (a Content-Security-Policy says so to
 * the browser too) — print-ready on A4 (`@page`, each section on a new page,
 * table rows never split, headers repeated) and readable on a phone (wide
 * tables scroll inside their own box; the page itself never does).
 */
import { layoutChart, toSvg } from "../chart.js";
import type { Locale } from "../../analysis/index.js";
import type { Block, ReportDocument } from "../layout.js";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const CSS = `
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 11pt/1.45 "Roboto", "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #1b1b1b; background: #fff; }
main { max-width: 178mm; margin: 0 auto; padding: 12px 16px 32px; }
h1 { font-size: 17pt; color: #0b4f6c; border-bottom: 2px solid #0b4f6c; padding-bottom: 3px; margin: 28px 0 10px; }
h2 { font-size: 13pt; color: #0b4f6c; margin: 20px 0 8px; }
h3 { font-size: 11.5pt; margin: 16px 0 6px; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; overflow-wrap: anywhere; }
p, li { overflow-wrap: anywhere; }
.overline { text-transform: uppercase; letter-spacing: .08em; font-size: 9pt; color: #555; margin: 0; }
.doc-title { font-size: 21pt; line-height: 1.2; color: #0b4f6c; border: 0; margin: 4px 0 14px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0 0 12px; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.banner { border: 2px solid #a30000; background: #fdecea; color: #7a0000; font-weight: bold; padding: 8px 12px; margin: 12px 0; }
.label { font-weight: bold; }
.note { color: #444; font-size: 9.5pt; }
blockquote { margin: 6px 0 12px; padding: 6px 12px; border-left: 3px solid #8aa9b8; background: #f4f8fa; }
blockquote footer { font-size: 9pt; color: #444; margin-top: 4px; }
.table-box { overflow-x: auto; margin: 6px 0 12px; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
th, td { border-bottom: 1px solid #d0d0d0; padding: 3px 5px; vertical-align: top; text-align: left; }
th { background: #e8eff2; font-weight: bold; hyphens: auto; }
th.num { text-align: right; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.muted td { color: #555; background: #f6f6f6; }
tfoot td { font-weight: bold; border-top: 2px solid #888; }
thead { display: table-header-group; }
tr, blockquote, figure, .banner { break-inside: avoid; page-break-inside: avoid; }
figure { margin: 8px 0 14px; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #444; }
section.page { break-before: page; page-break-before: always; }
@media screen and (max-width: 600px) { body { font-size: 10.5pt; } main { padding: 8px 10px; } dl.facts { grid-template-columns: 1fr; gap: 0 0; } dl.facts dd { margin-bottom: 6px; } .doc-title { font-size: 17pt; } }
@media print { main { max-width: none; padding: 0; } .table-box { overflow: visible; } }
`;

function blockHtml(block: Block, locale: Locale): string {
  switch (block.kind) {
    case "title":
      return [
        `<p class="overline">${escapeHtml(block.overline)}</p>`,
        `<h1 class="doc-title">${escapeHtml(block.title)}</h1>`,
        `<dl class="facts">${block.facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join("")}</dl>`,
      ].join("\n");
    case "banner":
      return `<div class="banner" role="alert">${escapeHtml(block.text)}</div>`;
    case "heading":
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
    case "paragraph":
      return `<p${block.note ? ' class="note"' : ""}>${block.label ? `<span class="label">${escapeHtml(block.label)}:</span> ` : ""}${escapeHtml(block.text)}</p>`;
    case "quote":
      return `<blockquote><p>«${escapeHtml(block.text)}»</p><footer>${escapeHtml(block.source)}</footer></blockquote>`;
    case "list":
      return `<ul>${block.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`;
    case "table": {
      const cls = (i: number) => (block.align[i] === "right" ? ' class="num"' : "");
      const muted = new Set(block.muted ?? []);
      const head = `<thead><tr>${block.header.map((h, i) => `<th scope="col"${cls(i)}>${escapeHtml(h)}</th>`).join("")}</tr></thead>`;
      const body = `<tbody>${block.rows.map((r, ri) => `<tr${muted.has(ri) ? ' class="muted"' : ""}>${r.map((c, i) => `<td${cls(i)}>${escapeHtml(c)}</td>`).join("")}</tr>`).join("")}</tbody>`;
      const foot = block.footer ? `<tfoot>${block.footer.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${escapeHtml(c)}</td>`).join("")}</tr>`).join("")}</tfoot>` : "";
      return `<div class="table-box"><table>${head}${body}${foot}</table></div>`;
    }
    case "chart": {
      const svg = toSvg(layoutChart(block.chart, 520, 250, locale), block.title);
      return `<figure>${svg}<figcaption>${escapeHtml(block.caption)}</figcaption></figure>`;
    }
  }
}

/** «Side 2 av 9» at the foot of each printed page (CSS page-margin boxes). */
function pageNumbers(locale: Locale): string {
  const [page, of] = locale === "nb" ? ["Side", "av"] : ["Page", "of"];
  return `@page { @bottom-center { content: "${page} " counter(page) " ${of} " counter(pages); font: 8pt "Roboto", "DejaVu Sans", Arial, sans-serif; color: #555; } }\n`;
}

export function renderHtml(doc: ReportDocument): string {
  const sections = doc.sections
    .map((s, i) => `<section id="${escapeHtml(s.id)}"${i > 0 ? ' class="page"' : ""}>\n${s.blocks.map((b) => blockHtml(b, doc.lang)).join("\n")}\n</section>`)
    .join("\n");
  return `<!DOCTYPE html>
<html lang="${doc.lang === "nb" ? "nb" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(doc.title)}</title>
<style>${CSS}${pageNumbers(doc.lang)}</style>
</head>
<body>
<main>
${sections}
</main>
</body>
</html>
`;
}
