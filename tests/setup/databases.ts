// Vitest global setup: prepares the databases every test file starts from.
//
// Why: a new in-memory PGlite runs initdb in WebAssembly (about 4.5 s on this 2-core machine)
// and then the migrations; every integration file paid that. Now it is paid once: one
// database is made, dumped before and after the migrations, and each file loads a dump
// (about 1 s). The dumps are kept under node_modules/.cache, named by PGlite's version and
// the migrations, so later runs reuse them until either changes. On PostgreSQL
// (TEST_DATABASE_URL) each file copies a migrated template database with CREATE DATABASE …
// TEMPLATE instead of migrating its own.
import { createHash, randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import type { TestProject } from "vitest/node";
import type { Db } from "../../server/db/client";
import { MIGRATIONS_FOLDER, migrate } from "../../server/db/migrate";
import * as schema from "../../server/db/schema";
import { pgliteVersion, seedFromTemplate } from "../../server/db/template";

declare module "vitest" {
  export interface ProvidedContext {
    /** Files holding PGlite dumps: right after initdb, and with every migration applied. */
    pgliteDumps: { initialised: string; migrated: string } | null;
    /** A migrated PostgreSQL database to copy, when TEST_DATABASE_URL is set. */
    postgresTemplate: string | null;
  }
}

const CACHE = fileURLToPath(
  new URL("../../node_modules/.cache/hack-manchester-junior-tests", import.meta.url),
);

/** Names what the dumps are made of: PGlite's data format and every migration file. */
function dumpKey(): string {
  const hash = createHash("sha256").update(`pglite ${pgliteVersion()}\n`);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else hash.update(`${path.relative(MIGRATIONS_FOLDER, full)}\n`).update(readFileSync(full));
    }
  };
  walk(MIGRATIONS_FOLDER);
  return hash.digest("hex").slice(0, 16);
}

/** Makes the two dumps in `dir`. */
async function makeDumps(dir: string): Promise<void> {
  const dataDir = path.join(dir, "data");
  // The template `npm install` prepared spares this initdb too; without it PGlite makes the
  // database itself.
  seedFromTemplate(dataDir);
  const pg = await PGlite.create(dataDir, {
    startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"],
  });
  const dump = async (name: string) => {
    const blob = await pg.dumpDataDir("none");
    writeFileSync(path.join(dir, `${name}.tar`), Buffer.from(await blob.arrayBuffer()));
  };
  await dump("initialised");
  await migrate(drizzle(pg, { schema }) as unknown as Db);
  await dump("migrated");
  await pg.close();
  rmSync(dataDir, { recursive: true, force: true });
}

/** The dumps for this PGlite and these migrations, made now unless an earlier run made them. */
async function pgliteDumps(): Promise<{ initialised: string; migrated: string }> {
  const dir = path.join(CACHE, dumpKey());
  const files = {
    initialised: path.join(dir, "initialised.tar"),
    migrated: path.join(dir, "migrated.tar"),
  };
  if (existsSync(files.migrated)) return files;
  mkdirSync(CACHE, { recursive: true });
  // Made beside their final place and renamed in, so a run never sees half a set, and two
  // runs starting together each make theirs and keep whichever lands first.
  const building = mkdtempSync(path.join(CACHE, "building-"));
  try {
    await makeDumps(building);
    for (const entry of readdirSync(CACHE))
      if (!entry.startsWith("building-") && path.join(CACHE, entry) !== dir)
        rmSync(path.join(CACHE, entry), { recursive: true, force: true });
    if (!existsSync(files.migrated)) renameSync(building, dir);
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return files;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  project.provide("pgliteDumps", await pgliteDumps());

  const url = process.env.TEST_DATABASE_URL;
  let dropTemplate = async () => {};
  if (url) {
    const { default: postgres } = await import("postgres");
    const { openDatabase } = await import("../../server/db/client");
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    const name = `hmj_test_template_${randomBytes(6).toString("hex")}`;
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${name}`;
    const template = await openDatabase({ url: templateUrl.toString(), dataDir: "" });
    await migrate(template.db);
    // CREATE DATABASE … TEMPLATE refuses a template anyone is connected to.
    await template.close();
    project.provide("postgresTemplate", name);
    dropTemplate = async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    project.provide("postgresTemplate", null);
  }

  return dropTemplate;
}
