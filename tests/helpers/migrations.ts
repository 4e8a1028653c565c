import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import type { Database } from "../../server/db/client";
import { MIGRATIONS_FOLDER, migrate } from "../../server/db/migrate";
import { openTestDatabase } from "./database";

/**
 * A database of its own, migrated only up to the migration `tag` (as an older version of the
 * app left it), for tests of what later migrations or an import do with its rows. `close`
 * closes and drops it.
 */
export async function databaseAt(
  tag: string,
): Promise<{ database: Database; close(): Promise<void> }> {
  const { database, drop } = await openTestDatabase({ migrated: false });
  const folder = mkdtempSync(join(tmpdir(), "hmj-migrations-"));
  try {
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalPath = join(folder, "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
    const last = journal.entries.findIndex((e) => e.tag === tag);
    if (last < 0) throw new Error(`No migration ${tag}`);
    journal.entries = journal.entries.slice(0, last + 1);
    writeFileSync(journalPath, JSON.stringify(journal));
    await migrate(database.db, folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return { database, close: drop };
}

/**
 * `databaseAt(tag)` for a whole test file: opened before its tests and dropped after them, so
 * a test writes rows in the old shape and then runs the rest with `migrate(db)`. Read `.db`
 * inside a test.
 */
export function databaseBefore(tag: string): { readonly db: Database["db"] } {
  let opened: Awaited<ReturnType<typeof databaseAt>> | undefined;
  beforeAll(async () => {
    opened = await databaseAt(tag);
  });
  afterAll(async () => {
    await opened?.database.close();
    await opened?.close();
  });
  return {
    get db() {
      if (!opened) throw new Error("The older database is opened before the file's tests.");
      return opened.database.db;
    },
  };
}

/** An event row with only the columns every older version had. */
export async function insertOldEvent(db: Database["db"], id: string, slug: string, name: string) {
  await db.execute(sql`
    INSERT INTO events (id, slug, name, venue, timezone, registration_opens_at, registration_closes_at, starts_at, submissions_close_at, ends_at)
    VALUES (${id}, ${slug}, ${name}, 'Manchester', 'Europe/London',
      '2026-02-01T09:00:00Z', '2026-03-10T18:00:00Z', '2026-03-14T09:00:00Z', '2026-03-15T13:00:00Z', '2026-03-15T17:00:00Z')`);
}
