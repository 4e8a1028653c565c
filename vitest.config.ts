import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    // Starting PGlite takes seconds; each file shares one database.
    hookTimeout: 60_000,
    testTimeout: 30_000,
    pool: "forks",
  },
});
