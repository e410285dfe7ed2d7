/**
 * `--format md`: the report as GitHub-flavoured Markdown, for repositories
 * and wikis. Tables are pipe tables (pipes and line breaks in cells
 * escaped); the chart, which Markdown cannot draw, is left to the table of
 * cumulative net it is drawn from, with its caption.
 */
import type { Block, ReportDocument } from "../layout.js";

/** Markdown punctuation in report text would otherwise become formatting. */
function esc(text: string): string {
  return text.replace(/([\\`*_[\]<>|#])/g, "\\$1").replace(/\r?\n/g, " ");
}

function blockMd(block: Block): string {
  switch (block.kind) {
    case "title":
      return [`*${esc(block.overline)}*`, "", `# ${esc(block.title)}`, "", ...block.facts.map(([k, v]) => `- **${esc(k)}:** ${esc(v)}`)].join("\n");
    case "banner":
      return `> **${esc(block.text)}**`;
    case "heading":
      return `${"#".repeat(block.level + 1)} ${esc(block.text)}`;
    case "paragraph":
      return `${block.note ? "_" : ""}${block.label ? `**${esc(block.label)}:** ` : ""}${esc(block.text)}${block.note ? "_" : ""}`;
    case "quote":
      return `> «${esc(block.text)}»\n>\n> — ${esc(block.source)}`;
    case "list":
      return block.items.map((i) => `- ${esc(i)}`).join("\n");
    case "table": {
      const row = (cells: readonly string[], bold = false) => `| ${cells.map((c) => (bold && c !== "" ? `**${esc(c)}**` : esc(c))).join(" | ")} |`;
      return [
        row(block.header),
        `| ${block.align.map((a) => (a === "right" ? "---:" : "---")).join(" | ")} |`,
        ...block.rows.map((r) => row(r)),
        ...(block.footer ?? []).map((r) => row(r, true)),
      ].join("\n");
    }
    case "chart":
      return `_${esc(block.caption)}_`;
  }
}

export function renderMarkdown(doc: ReportDocument): string {
  return doc.sections.map((s) => s.blocks.map(blockMd).join("\n\n")).join("\n\n---\n\n") + "\n";
}
