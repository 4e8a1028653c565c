import { mkdirSync } from "node:fs";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";
import { clearSeeded, seedFromTemplate } from "./template";

/** A database or a transaction: query and service functions accept either. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = "pglite" | "postgres";

export interface Database {
  db: Db;
  kind: DbKind;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A postgres:// URL; without it the embedded PGlite is used. */
  url?: string | undefined;
  /** Where PGlite keeps its files; "memory://" keeps nothing. */
  dataDir: string;
  /** The data directory a new database is copied from (server/db/template.ts). */
  template?: string | undefined;
  /**
   * With an in-memory PGlite, start from this dump (PGlite's `dumpDataDir`) instead of running
   * initdb: loading one takes about a third of initdb's time, which tests pay once per file.
   */
  loadDataDir?: Blob | undefined;
  /**
   * The embedded database's shared_buffers. PGlite's default, 128MB, is zeroed in WebAssembly
   * at every start (about a second); tests' small databases need far less.
   */
  sharedBuffers?: string | undefined;
  /** Called with each statement's text (never its parameters): for tests that count queries. */
  onQuery?: ((query: string) => void) | undefined;
}

const queryLogger = (options: DatabaseOptions) => {
  const onQuery = options.onQuery;
  return onQuery ? { logQuery: (query: string) => onQuery(query) } : false;
};

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(options.url, { max: 10, onnotice: () => {} });
    const db = drizzle(client, { schema, logger: queryLogger(options) }) as unknown as Db;
    return { db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const startParams = options.sharedBuffers
    ? {
        startParams: [
          ...PGlite.defaultStartParams,
          "-c",
          `shared_buffers=${options.sharedBuffers}`,
        ],
      }
    : {};
  let client: InstanceType<typeof PGlite>;
  if (options.dataDir.startsWith("memory://")) {
    client = await PGlite.create(options.dataDir, {
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      ...startParams,
    });
  } else {
    mkdirSync(options.dataDir, { recursive: true });
    const seeded = seedFromTemplate(options.dataDir, options.template);
    try {
      client = await PGlite.create(options.dataDir, startParams);
    } catch (error) {
      if (!seeded) throw error;
      // A template that does not open (damaged, or from another build) must not stop the first
      // start: PGlite makes the database itself, the slow way.
      clearSeeded(options.dataDir);
      client = await PGlite.create(options.dataDir, startParams);
    }
  }
  const db = drizzle(client, { schema, logger: queryLogger(options) }) as unknown as Db;
  return { db, kind: "pglite", close: () => client.close() };
}
