import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
