import type { AddressInfo } from "node:net";
import { type SQL, sql } from "drizzle-orm";
import { type App, createApplication } from "../../server/app";
import type { Database } from "../../server/db/client";
import { rowsOf } from "../../server/db/migrate";
import { createLogger } from "../../server/lib/logger";
import { type Mailer, noMailer } from "../../server/lib/mailer";
import type { PasswordHasher } from "../../server/lib/passwords";
import { openTestDatabase as openDatabaseOfItsOwn, type TestDatabase } from "./database";
import { testPasswords } from "./passwords";

export interface TestServer {
  url: string;
  database: Database;
  app: App;
  /** The server's clock: tests move it with `clock.set(...)`. */
  clock: { now: () => Date; set(date: Date | null): void };
  /** Every line the app has logged so far (JSON, as pino writes them), at level info and up. */
  logs(): string[];
  /** Empties every table (keeps the schema) and the app's memory of it, between tests. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  clientDir?: string;
  publicUrl?: string;
  mailer?: Mailer;
  /** Told of every statement the app sends to the database. */
  onQuery?: (query: string) => void;
  /** Rate limits are on, as in production, unless a test turns them off. */
  rateLimits?: boolean;
  /** Cheap argon2id unless a test needs production's cost (see tests/helpers/passwords.ts). */
  passwords?: PasswordHasher;
}

/**
 * Starts the real application on a random port over a real, migrated database of its own
 * (tests/helpers/database.ts): PostgreSQL when TEST_DATABASE_URL is set, otherwise an
 * in-memory PGlite. One per test file.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { database, drop } = await openDatabaseOfItsOwn({ onQuery: options.onQuery });
  let fixed: Date | null = null;
  const clock = {
    now: () => fixed ?? new Date(),
    set(date: Date | null) {
      fixed = date;
    },
  };
  // The app's log is kept, so tests can check what it says (and what it must never say).
  const lines: string[] = [];
  const echo = process.env.TEST_LOG_LEVEL && process.env.TEST_LOG_LEVEL !== "silent";
  const app = await createApplication({
    mailer: options.mailer ?? noMailer,
    passwords: options.passwords ?? testPasswords,
    db: database.db,
    dbKind: database.kind,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? "info", {
      write(line) {
        lines.push(line);
        if (echo) process.stdout.write(line);
      },
    }),
    now: clock.now,
    publicUrl: options.publicUrl,
    clientDir: options.clientDir,
    rateLimits: options.rateLimits ?? true,
    checkResponses: true,
  });
  await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", resolve));
  let emptyAll: SQL | null = null;
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    app,
    clock,
    logs: () => [...lines],
    async reset() {
      clock.set(null);
      emptyAll ??= await emptyingStatement(database);
      // DELETE, not TRUNCATE: a test leaves a few rows, and TRUNCATE gives each of some forty
      // tables new files, which cost PostgreSQL 35-100 ms a test against 2-3 ms for this.
      // Triggers (the foreign keys' too) are off for this transaction only, so the order of
      // the tables does not matter and no trigger objects to rows going.
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL session_replication_role = replica`);
        await tx.execute(emptyAll!);
        await tx.execute(
          sql`SELECT setval(oid, 1, false) FROM pg_class WHERE relkind = 'S' AND relnamespace = 'public'::regnamespace`,
        );
      });
      // The tables were emptied behind the app's back: what it keeps in memory goes too.
      app.forget();
    },
    async close() {
      await app.close();
      await drop();
    },
  };
}

/** One statement that deletes every row of every table but the migrations' record. */
async function emptyingStatement(database: Database): Promise<SQL> {
  const result = await database.db.execute(
    sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'app_migrations' ORDER BY tablename`,
  );
  const tables = rowsOf<{ tablename: string }>(result).map((r) => r.tablename);
  const parts = tables.map((t, i) => `d${i} AS (DELETE FROM "${t}")`);
  return sql.raw(parts.length ? `WITH ${parts.join(", ")} SELECT 1` : "SELECT 1");
}

/**
 * A database of the test's own with no migration applied: close it, then drop it. (The
 * migrated one startTestServer uses comes from tests/helpers/database.ts.)
 */
export function openTestDatabase(): Promise<TestDatabase> {
  return openDatabaseOfItsOwn({ migrated: false });
}
