import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [
    {
      // The report's PDF fonts are imported as bytes (esbuild's "binary" loader in scripts/build.mjs).
      name: "ttf-as-bytes",
      enforce: "pre" as const,
      load(id: string) {
        const path = id.replace(/\?.*$/, "");
        if (!path.endsWith(".ttf")) return null;
        return { code: `export default Uint8Array.from(atob(${JSON.stringify(readFileSync(path).toString("base64"))}), (c) => c.charCodeAt(0));`, map: null };
      },
    },
    {
      // VS Code snippet files are JSON under another name (imported by the server's completion).
      name: "code-snippets-as-json",
      transform(code: string, id: string) {
        return id.endsWith(".code-snippets") ? { code: `export default ${code};`, map: null } : null;
      },
    },
  ],
  test: {
    include: ["tests/**/*.test.ts"],
    // The end-to-end suite drives a real VS Code (code-server) and runs on its own: `npm run test:e2e`.
    exclude: ["tests/e2e/**", "node_modules/**"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
