import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/**
 * Tests that measure response times: they run after the others, alone, so that another test
 * file working on the other core cannot make the server look slow.
 */
const TIMED = ["tests/integration/floods.test.ts"];

/**
 * Integration files that never use TEST_DATABASE_URL: they test the embedded database itself
 * (its template, or the server started as `npm start` starts it, on a data directory of its
 * own). With the unit tests they form the `independent` project. CI runs it and `client` once,
 * on the PGlite pass; its PostgreSQL pass runs only what the database can change
 * (`--project suite --project timed`). A file that opens a test database (tests/helpers/
 * database.ts or server.ts) belongs in `suite`; a single test that starts its own embedded
 * server there skips itself on PostgreSQL (`testingOnPostgres`).
 */
const EMBEDDED_ONLY = ["tests/integration/crash.test.ts", "tests/integration/template.test.ts"];

export default defineConfig({
  test: {
    // Each file loads the migrated database this makes once per run, then shares it.
    globalSetup: ["tests/setup/databases.ts"],
    hookTimeout: 60_000,
    testTimeout: 30_000,
    // A poll passes the moment its condition holds; the limit only bounds a failure. Vitest's
    // one second is too short for a push on a machine busy with another test run beside it.
    expect: { poll: { timeout: 10_000 } },
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
          include: ["tests/integration/**/*.test.ts"],
          exclude: [...TIMED, ...EMBEDDED_ONLY],
        },
      },
      {
        extends: true,
        test: { name: "independent", include: ["tests/unit/**/*.test.ts", ...EMBEDDED_ONLY] },
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
