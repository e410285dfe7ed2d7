/**
 * monaco's editor core (the `editor.api` plus the contributions the HFA
 * features use — not the bundled TypeScript/CSS/HTML/JSON services, which are
 * most of monaco's size), its editor worker started from a Blob, the `hfa`
 * tokenizer and the theme.
 */
import "monaco-editor/esm/vs/editor/edcore.main.js";
import * as monaco from "monaco-editor/esm/vs/editor/editor.api.js";
import editorWorkerSource from "hfa-virtual:editor-worker-source";
import keywords from "hfa-virtual:keywords";

interface MonacoEnvironment {
  getWorker(workerId: string, label: string): Worker;
}

export function setUpMonaco(): void {
  // A page opened from file:// may not start a worker from a file: the worker's code comes as a Blob.
  const url = URL.createObjectURL(new Blob([editorWorkerSource], { type: "text/javascript" }));
  (globalThis as unknown as { MonacoEnvironment: MonacoEnvironment }).MonacoEnvironment = { getWorker: () => new Worker(url, { name: "monaco-editor" }) };
  monaco.editor.defineTheme("hfa", {
    base: "vs",
    inherit: true,
    rules: [
      { token: "keyword", foreground: "0b4f6c", fontStyle: "bold" },
      { token: "comment", foreground: "5f6b5f", fontStyle: "italic" },
      { token: "string", foreground: "8a3b12" },
      { token: "number", foreground: "005f5f" },
      { token: "type", foreground: "6b2c91" },
      { token: "class", foreground: "6b2c91" },
      { token: "namespace", foreground: "1d5c2e" },
      { token: "struct", foreground: "6b2c91" },
      { token: "enum", foreground: "7a4b00" },
      { token: "enumMember", foreground: "7a4b00" },
      { token: "variable", foreground: "1f3a93" },
      { token: "interface", foreground: "1f3a93" },
      { token: "function", foreground: "795e26" },
      { token: "method", foreground: "795e26" },
      { token: "unit", foreground: "005f5f" },
    ],
    colors: {},
  });
}

/**
 * Colours before the server's semantic tokens arrive: comments, strings,
 * numbers and the grammar's own keyword list (grammar/src/tokens.ts, taken at
 * build time). Names are coloured by the server's semantic tokens.
 */
export function registerTokenizer(languageId: string): void {
  monaco.languages.setMonarchTokensProvider(languageId, {
    unicode: true,
    keywords: [...keywords],
    tokenizer: {
      root: [
        [/\/\/.*$/, "comment"],
        [/\/\*/, "comment", "@comment"],
        [/"([^"\\]|\\.)*"/, "string"],
        [/"([^"\\]|\\.)*$/, "string.invalid"],
        [/\d{4}-\d{1,2}-\d{1,2}/, "number"],
        [/\d+(?:[ \u00a0]\d{3})*(?:,\d+)?/, "number"],
        [/[\p{L}_][\p{L}\p{N}_\-]*/u, { cases: { "@keywords": "keyword", "@default": "identifier" } }],
      ],
      comment: [
        [/[^/*]+/, "comment"],
        [/\*\//, "comment", "@pop"],
        [/[/*]/, "comment"],
      ],
    },
  });
}
