import { defineConfig } from "vitest/config";

// Browser tests: the real server and a real Chromium. Slow to start, so long timeouts and one
// file at a time (each file starts its own server). The worker lives from file to file and
// keeps its modules, so the server's code is imported and Chromium started once per run
// (tests/e2e/browser.ts), not once per file.
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/setup/databases.ts"],
    hookTimeout: 120_000,
    testTimeout: 180_000,
    pool: "forks",
    isolate: false,
    fileParallelism: false,
  },
});
