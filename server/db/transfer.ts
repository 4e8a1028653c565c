/**
 * Export and import of the whole database as one JSON document, streamed both ways so memory
 * stays flat however large the event. The document is laid out one row per line:
 *
 *   {"format":"hmj-export","schemaVersion":6,"exportedAt":"…","tables":[
 *   {"name":"users","rows":[
 *   {…row…},
 *   {…row…}
 *   ]},
 *   …
 *   ]}
 *
 * It is ordinary JSON; the importer relies on the one-row-per-line layout to read it a line
 * at a time. Rows are `row_to_json` of each table, in foreign-key order, ordered by primary
 * key, with times in UTC, so the same data always gives the same bytes.
 */
import { readFileSync } from "node:fs";
import { type SQL, sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { Db } from "./client";
import { MIGRATIONS_FOLDER, rowsOf } from "./migrate";

/** Transient, security-sensitive tables that a backup leaves out. */
const SKIPPED = new Set([
  "app_migrations",
  "sessions",
  // One-time password links: a restored backup must not bring back a link.
  "password_resets",
  "sign_in_failures",
  "setup_tokens",
  "socket_io_attachments",
  "trusted_devices",
  // The address links use is one of this computer's: another computer has others.
  "app_settings",
]);
const BATCH = 500;

export const EXPORT_FORMAT = "hmj-export";

/** The schema version of this code: the number of migrations it ships. */
export function currentSchemaVersion(folder = MIGRATIONS_FOLDER): number {
  const journal = JSON.parse(readFileSync(`${folder}/meta/_journal.json`, "utf8")) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

interface TableInfo {
  name: string;
  primaryKey: string[];
  identity: string[];
}

/**
 * The tables of a schema (the app's own, `public`, unless restoring an older export) in an
 * order where every table comes after the tables it references. Names come unqualified: the
 * schema must be first on the search path.
 */
export async function tablesInForeignKeyOrder(db: Db, schema = "public"): Promise<TableInfo[]> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(
      sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = ${schema} ORDER BY tablename`,
    ),
  )
    .map((t) => t.name)
    .filter((t) => !SKIPPED.has(t));
  const deps = rowsOf<{ child: string; parent: string }>(
    await db.execute(sql`
      SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = ${schema}`),
  );
  const keys = rowsOf<{ table: string; column: string }>(
    await db.execute(sql`
      SELECT c.conrelid::regclass::text AS "table", a.attname AS "column"
      FROM pg_constraint c
      JOIN pg_namespace n ON n.oid = c.connamespace
      JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord) ON true
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
      WHERE c.contype = 'p' AND n.nspname = ${schema}
      ORDER BY 1, k.ord`),
  );
  const identities = rowsOf<{ table: string; column: string }>(
    await db.execute(sql`
      SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
      WHERE table_schema = ${schema} AND is_identity = 'YES'`),
  );
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (ordered.includes(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const d of deps)
      if (d.child === table && d.parent !== table && tables.includes(d.parent)) visit(d.parent);
    visiting.delete(table);
    ordered.push(table);
  };
  for (const t of tables) visit(t);
  return ordered.map((name) => ({
    name,
    primaryKey: keys.filter((k) => k.table === name).map((k) => k.column),
    identity: identities.filter((k) => k.table === name).map((k) => k.column),
  }));
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Writes the whole database through `write`, one row per line, in one read-only snapshot. */
export async function exportDatabase(
  db: Db,
  write: (chunk: string) => void | Promise<void>,
  now = new Date(),
): Promise<number> {
  let rows = 0;
  await db.transaction(async (tx) => {
    await tx.execute(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
    await tx.execute(sql`SET LOCAL TIME ZONE 'UTC'`);
    const tables = await tablesInForeignKeyOrder(tx);
    await write(
      `{"format":"${EXPORT_FORMAT}","schemaVersion":${await databaseSchemaVersion(tx)},"exportedAt":${JSON.stringify(now.toISOString())},"tables":[\n`,
    );
    for (const [i, table] of tables.entries()) {
      await write(`{"name":${JSON.stringify(table.name)},"rows":[\n`);
      const keys = table.primaryKey;
      const order = keys.length ? keys.map(ident).join(", ") : "1";
      let first = true;
      // Keyset pagination on the primary key: each batch costs the same however deep it is.
      let after: string[] | null = null;
      for (let offset = 0; ; offset += BATCH) {
        const keyColumns = keys.map((k, i) => `, ${ident(k)}::text AS k${i}`).join("");
        const where: SQL =
          after && keys.length
            ? sql`WHERE (${sql.raw(order)}) > (${sql.join(
                after.map((v) => sql`${v}`),
                sql`, `,
              )})`
            : sql``;
        const page = keys.length ? sql`LIMIT ${BATCH}` : sql.raw(`LIMIT ${BATCH} OFFSET ${offset}`);
        const batch: Record<string, string>[] = rowsOf<Record<string, string>>(
          await tx.execute(
            sql`SELECT row_to_json(t)::text AS row${sql.raw(keyColumns)} FROM ${sql.raw(ident(table.name))} t ${where} ORDER BY ${sql.raw(order)} ${page}`,
          ),
        );
        for (const r of batch) {
          await write(`${first ? "" : ",\n"}${r.row}`);
          first = false;
          rows++;
        }
        const last: Record<string, string> | undefined = batch.at(-1);
        if (last) after = keys.map((_, i) => last[`k${i}`]!);
        if (batch.length < BATCH) break;
      }
      await write(`${first ? "" : "\n"}]}${i < tables.length - 1 ? "," : ""}\n`);
    }
    await write("]}\n");
  });
  return rows;
}

export class ImportError extends Error {}

/** True when the database holds any event or account. */
export async function databaseHasData(db: Db): Promise<boolean> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM events) AS n`),
  );
  return Number(row?.n ?? 0) > 0;
}

/**
 * Imports a document made by exportDatabase, in one transaction. Refuses a non-empty database
 * unless `replace`, and a document from a newer schema; one from an older schema is migrated
 * on the way in. Returns the number of rows imported.
 */
export async function importDatabase(
  db: Db,
  lines: AsyncIterable<string>,
  options: { replace?: boolean } = {},
): Promise<number> {
  // Start iterating at once: readline drops lines that arrive before anyone listens.
  const iterator = lines[Symbol.asyncIterator]();
  const source = { [Symbol.asyncIterator]: () => iterator };
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL TIME ZONE 'UTC'`);
    // Rows come back exactly as exported: the judging triggers leave scores_version alone.
    await tx.execute(sql`SET LOCAL hmj.restoring = 'on'`);
    const tables = await tablesInForeignKeyOrder(tx);
    // Where rows load: the app's tables, or for an export of an older version, the tables of
    // that version (see restoreSchemaAt), brought up to this one once every row is in.
    let into = tables;
    let header: { format?: string; schemaVersion?: number } | null = null;
    let table: TableInfo | null = null;
    let batch: string[] = [];
    let count = 0;
    const flush = async () => {
      if (!table || batch.length === 0) return;
      const json = `[${batch.join(",")}]`;
      const overriding = table.identity.length ? "OVERRIDING SYSTEM VALUE" : "";
      await tx.execute(
        sql`${sql.raw(`INSERT INTO ${ident(table.name)} ${overriding} SELECT * FROM json_populate_recordset(NULL::${ident(table.name)}, `)}${json}${sql.raw("::json)")}`,
      );
      count += batch.length;
      batch = [];
    };
    for await (const raw of source) {
      const line = raw.trim();
      if (!line) continue;
      if (!header) {
        if (!line.startsWith("{") || !line.endsWith('"tables":[')) {
          throw new ImportError("This file is not a Hack Manchester Junior export.");
        }
        header = JSON.parse(`${line}]}`) as { format?: string; schemaVersion?: number };
        if (header.format !== EXPORT_FORMAT || typeof header.schemaVersion !== "number") {
          throw new ImportError("This file is not a Hack Manchester Junior export.");
        }
        if (header.schemaVersion > currentSchemaVersion()) {
          throw new ImportError(
            `This export comes from a newer version of the app (schema ${header.schemaVersion}; this one has ${currentSchemaVersion()}). Update the app first.`,
          );
        }
        if (await databaseHasData(tx)) {
          if (!options.replace) {
            throw new ImportError(
              "The database already holds data. Import into an empty database, or add --replace to overwrite it.",
            );
          }
          await tx.execute(
            sql.raw(`TRUNCATE ${tables.map((t) => ident(t.name)).join(", ")}, "sessions" CASCADE`),
          );
        }
        if (header.schemaVersion < currentSchemaVersion())
          into = await restoreSchemaAt(tx, header.schemaVersion);
        continue;
      }
      if (line.startsWith('{"name":')) {
        await flush();
        const name = (JSON.parse(`${line}]}`) as { name: string }).name;
        table = into.find((t) => t.name === name) ?? null;
        if (!table)
          throw new ImportError(`The export has a table this app does not know: ${name}.`);
        continue;
      }
      if (line.startsWith("]}")) {
        await flush();
        table = null;
        continue;
      }
      if (!table) throw new ImportError("The export is damaged: a row appears outside a table.");
      batch.push(line.endsWith(",") ? line.slice(0, -1) : line);
      if (batch.length >= BATCH) await flush();
    }
    if (!header) throw new ImportError("The file is empty.");
    if (into !== tables) await upgradeRestored(tx, header.schemaVersion ?? 0, tables);
    for (const t of tables) {
      for (const column of t.identity) {
        await tx.execute(
          sql.raw(
            `SELECT setval(pg_get_serial_sequence('${t.name}', '${column}'), COALESCE((SELECT max(${ident(column)}) FROM ${ident(t.name)}), 0) + 1, false)`,
          ),
        );
      }
    }
    return count;
  });
}

/** How many migrations the database has had: the schema version its export carries. */
async function databaseSchemaVersion(db: Db): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`SELECT count(*)::int AS n FROM app_migrations`),
  );
  return Number(row?.n ?? 0);
}

/** Where an export of an older version is loaded before it is migrated. */
const RESTORE_SCHEMA = "hmj_restore";

/**
 * Runs migrations `from` to `to` (indexes in the journal) in the restore schema. drizzle-kit
 * names the public schema in foreign keys and types; everything else follows the search path.
 */
async function migrateRestoreSchema(db: Db, from: number, to?: number): Promise<void> {
  const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).slice(from, to);
  for (const migration of migrations) {
    for (const statement of migration.sql) {
      if (statement.trim())
        await db.execute(sql.raw(statement.replaceAll('"public".', `"${RESTORE_SCHEMA}".`)));
    }
  }
}

/**
 * An export of an older version holds the rows of that version's tables. They are loaded into
 * a schema of their own built by that version's migrations, which the later migrations then
 * bring up to this version, data and all (the same migrations an upgraded database ran), and
 * only then copied into the app's tables. The search path points at that schema until then.
 */
async function restoreSchemaAt(db: Db, version: number): Promise<TableInfo[]> {
  await db.execute(sql.raw(`DROP SCHEMA IF EXISTS ${RESTORE_SCHEMA} CASCADE`));
  await db.execute(sql.raw(`CREATE SCHEMA ${RESTORE_SCHEMA}`));
  await db.execute(sql.raw(`SET LOCAL search_path TO ${RESTORE_SCHEMA}`));
  await migrateRestoreSchema(db, 0, version);
  return tablesInForeignKeyOrder(db, RESTORE_SCHEMA);
}

async function upgradeRestored(db: Db, version: number, tables: TableInfo[]): Promise<void> {
  await migrateRestoreSchema(db, version);
  await db.execute(sql`SET LOCAL search_path TO public`);
  for (const t of tables) {
    const name = ident(t.name);
    const overriding = t.identity.length ? "OVERRIDING SYSTEM VALUE" : "";
    // Through JSON: the restore schema's enum types are its own, not the app's.
    await db.execute(
      sql.raw(
        `INSERT INTO public.${name} ${overriding} SELECT p.* FROM ${RESTORE_SCHEMA}.${name} r, json_populate_record(NULL::public.${name}, row_to_json(r)) p`,
      ),
    );
  }
  await db.execute(sql.raw(`DROP SCHEMA ${RESTORE_SCHEMA} CASCADE`));
}
