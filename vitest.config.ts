import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [
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
