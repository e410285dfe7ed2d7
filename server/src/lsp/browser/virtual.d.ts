/** Modules the browser build generates (scripts/build.mjs, `hfaVirtualModules`). */
declare module "hfa-virtual:rule-docs" {
  /** docs/rules/HFAnnn.md by code. */
  const docs: Readonly<Record<string, string>>;
  export default docs;
}

declare module "hfa-virtual:samples" {
  /** samples/**: path relative to samples/ → text. */
  const files: readonly { readonly path: string; readonly text: string }[];
  export default files;
}

declare module "hfa-virtual:worker-source" {
  /** The bundled language-server worker (dist/web/… never loads it by URL: file:// pages cannot start workers from files). */
  const source: string;
  export default source;
}

declare module "hfa-virtual:editor-worker-source" {
  /** monaco's editor worker, bundled. */
  const source: string;
  export default source;
}

declare module "hfa-virtual:keywords" {
  /** Every keyword spelling of the grammar (grammar/src/tokens.ts `keywordsBySpelling`). */
  const keywords: readonly string[];
  export default keywords;
}
