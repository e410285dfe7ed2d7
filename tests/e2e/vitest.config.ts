import { defineConfig } from "vitest/config";

// The end-to-end suite: a real VS Code (code-server) in headless Chromium.
// `npm run test:e2e` runs scripts/e2e-setup.sh and `npm run package` first.
export default defineConfig({
  test: {
    root: new URL("../..", import.meta.url).pathname,
    include: ["tests/e2e/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    // one browser, one editor: the steps run in order
    sequence: { concurrent: false },
  },
});
