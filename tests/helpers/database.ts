import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { type Database, openDatabase } from "../../server/db/client";
import { migrate } from "../../server/db/migrate";

export interface TestDatabase {
  database: Database;
  /** Closes the database (unless closed already) and, on PostgreSQL, drops it. */
  drop(): Promise<void>;
}

/**
 * True on CI's PostgreSQL pass. A test that starts the server on an embedded data directory of
 * its own runs the same whatever TEST_DATABASE_URL says, so it skips itself then: the PGlite
 * pass has run it (see vitest.config.ts).
 */
export const testingOnPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** The database with a close that may be called more than once. */
function closingOnce(database: Database): Database {
  let closed: Promise<void> | null = null;
  return { ...database, close: () => (closed ??= database.close()) };
}

/** What tests/setup/databases.ts prepared; nothing when a config runs without it. */
function prepared() {
  try {
    return { dumps: inject("pgliteDumps"), template: inject("postgresTemplate") };
  } catch {
    return { dumps: null, template: null };
  }
}

const dumpCache = new Map<string, Blob>();
function loadDump(file: string): Blob {
  let blob = dumpCache.get(file);
  if (!blob) {
    blob = new Blob([readFileSync(file)]);
    dumpCache.set(file, blob);
  }
  return blob;
}

/**
 * A database of its own for a test file: PostgreSQL when TEST_DATABASE_URL is set (a new
 * database on that server, dropped by `drop`), otherwise an in-memory PGlite. With `migrated`
 * (the default) every migration is applied, as the server would at start-up; without it the
 * database is as initdb left it, for tests of the migrator itself. Both start from what the
 * run's global setup prepared when there is one, and are built from scratch when not.
 * `embedded` asks for PGlite whatever TEST_DATABASE_URL says; `onQuery` hears each statement.
 */
export async function openTestDatabase({
  migrated = true,
  embedded = false,
  onQuery,
}: {
  migrated?: boolean;
  embedded?: boolean;
  onQuery?: ((query: string) => void) | undefined;
} = {}): Promise<TestDatabase> {
  const { dumps, template } = prepared();
  const url = embedded ? undefined : process.env.TEST_DATABASE_URL;
  if (!url) {
    const dump = dumps && (migrated ? dumps.migrated : dumps.initialised);
    const database = await openDatabase({
      dataDir: "memory://",
      loadDataDir: dump ? loadDump(dump) : undefined,
      // Plenty for a test's few rows, and it halves the time PGlite takes to start.
      sharedBuffers: "16MB",
      onQuery,
    });
    if (migrated && !dump) await migrate(database.db);
    const once = closingOnce(database);
    return { database: once, drop: () => once.close() };
  }
  const { default: postgres } = await import("postgres");
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const name = `hmj_test_${randomBytes(6).toString("hex")}`;
  const copy = migrated && template;
  await admin.unsafe(`CREATE DATABASE ${name}${copy ? ` TEMPLATE ${template}` : ""}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const database = closingOnce(
    await openDatabase({ url: dbUrl.toString(), dataDir: "memory://", onQuery }),
  );
  if (migrated && !copy) await migrate(database.db);
  return {
    database,
    drop: async () => {
      await database.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
