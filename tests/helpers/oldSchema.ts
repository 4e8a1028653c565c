/**
 * A database as an older version left it, for testing a migration on real old rows: migrated
 * only up to a given migration, so the test writes rows in the old shape and then runs the
 * rest with `migrate(db)`.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect } from "vitest";
import type { Database } from "../../server/db/client";
import { MIGRATIONS_FOLDER, migrate } from "../../server/db/migrate";
import { openTestDatabase } from "./server";

/**
 * Opens a test database migrated up to and including `tag` before the file's tests (and drops
 * it after them). Read `.db` inside a test, once set-up has run.
 */
export function databaseBefore(tag: string): { readonly db: Database["db"] } {
  let database: Database | undefined;
  let drop: (() => Promise<void>) | undefined;
  let folder: string | undefined;
  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase());
    folder = mkdtempSync(join(tmpdir(), "hmj-migrations-"));
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalPath = join(folder, "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalPath, "utf8")) as {
      entries: { tag: string }[];
    };
    const last = journal.entries.findIndex((e) => e.tag === tag);
    expect(last).toBeGreaterThan(0);
    journal.entries = journal.entries.slice(0, last + 1);
    writeFileSync(journalPath, JSON.stringify(journal));
    await migrate(database.db, folder);
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });
  return {
    get db() {
      if (!database) throw new Error("The old-schema database is opened in beforeAll.");
      return database.db;
    },
  };
}

/** An event row with only the columns every old version had. */
export async function insertOldEvent(db: Database["db"], id: string, slug: string, name: string) {
  await db.execute(sql`
    INSERT INTO events (id, slug, name, venue, timezone, registration_opens_at, registration_closes_at, starts_at, submissions_close_at, ends_at)
    VALUES (${id}, ${slug}, ${name}, 'Manchester', 'Europe/London',
      '2026-02-01T09:00:00Z', '2026-03-10T18:00:00Z', '2026-03-14T09:00:00Z', '2026-03-15T13:00:00Z', '2026-03-15T17:00:00Z')`);
}
