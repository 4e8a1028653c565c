import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/**
 * Tests that measure response times: they run after the others, alone, so that another test
 * file working on the other core cannot make the server look slow.
 */
const TIMED = ["tests/integration/floods.test.ts"];

export default defineConfig({
  test: {
    // Each file loads the migrated database this makes once per run, then shares it.
    globalSetup: ["tests/setup/databases.ts"],
    hookTimeout: 60_000,
    testTimeout: 30_000,
    pool: "forks",
    // One file per core: vitest's default leaves a core free, which on a 2-core laptop halves
    // the speed of a suite whose files spend much of their time waiting on sockets and
    // child processes rather than computing.
    maxWorkers: Math.max(2, availableParallelism()),
    // Files run one after another in a worker that keeps its modules: importing the server
    // and starting PGlite's WebAssembly again for every file cost a third of the suite's CPU.
    // So a test must not rely on a fresh module (no vi.mock, no state kept in a module).
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: "suite",
          include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
          exclude: TIMED,
        },
      },
      {
        extends: true,
        // The client's hooks, in a simulated browser (each file says so at its top).
        test: { name: "client", include: ["tests/client/**/*.test.tsx"], isolate: true },
      },
      {
        extends: true,
        test: { name: "timed", include: TIMED, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
