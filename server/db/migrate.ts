import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { Db } from "./client";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../migrations", import.meta.url));

/** Arbitrary constant that names "the migration lock" among advisory locks. */
const MIGRATION_LOCK_KEY = 727_020_261;

/**
 * Applies the migrations drizzle-kit generated, in one transaction under an advisory lock,
 * so that several instances starting at once apply each migration exactly once.
 * Returns how many were applied.
 */
export async function migrate(db: Db, folder = MIGRATIONS_FOLDER): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(sql`CREATE TABLE IF NOT EXISTS app_migrations (
      hash text PRIMARY KEY,
      created_at bigint NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = await tx.execute<{ hash: string }>(sql`SELECT hash FROM app_migrations`);
    const done = new Set(rowsOf<{ hash: string }>(applied).map((r) => r.hash));
    let count = 0;
    for (const migration of migrations) {
      if (done.has(migration.hash)) continue;
      for (const statement of migration.sql) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(
        sql`INSERT INTO app_migrations (hash, created_at) VALUES (${migration.hash}, ${migration.folderMillis})`,
      );
      count++;
    }
    return count;
  });
}

/** postgres.js returns an array of rows; PGlite returns `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
