/** VS Code snippet files are JSON; esbuild and vitest load them as such (scripts/build.mjs, vitest.config.ts). */
declare module "*.code-snippets" {
  const snippets: Record<string, unknown>;
  export default snippets;
}
