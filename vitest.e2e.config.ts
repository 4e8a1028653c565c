import { defineConfig } from "vitest/config";

// Browser tests: the real server and a real Chromium. Slow to start, so long timeouts. Each
// file starts its own server on a port of its own, so two files run at once: a browser test
// spends most of its time waiting on pages and sockets, not computing. Each worker lives from
// file to file and keeps its modules, so the server's code is imported and Chromium started
// once per worker (tests/e2e/browser.ts), not once per file.
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/setup/databases.ts"],
    hookTimeout: 120_000,
    testTimeout: 180_000,
    // See vitest.config.ts: the limit bounds a failure only.
    expect: { poll: { timeout: 10_000 } },
    pool: "forks",
    isolate: false,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
