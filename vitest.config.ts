import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    // Each file loads the migrated database this makes once per run, then shares it.
    globalSetup: ["tests/setup/databases.ts"],
    hookTimeout: 60_000,
    testTimeout: 30_000,
    pool: "forks",
  },
});
