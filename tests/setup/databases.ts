// Vitest global setup: prepares, once per run, the databases every test file starts from.
//
// Why: a new in-memory PGlite runs initdb in WebAssembly (about 4.5 s on this 2-core machine)
// and then the migrations; every integration file paid that. Here it is paid once: the run
// makes one database, dumps it before and after the migrations, and each file loads a dump
// (about 1.5 s). On PostgreSQL (TEST_DATABASE_URL) each file copies a migrated template
// database with CREATE DATABASE … TEMPLATE instead of migrating its own.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import type { TestProject } from "vitest/node";
import type { Db } from "../../server/db/client";
import { migrate } from "../../server/db/migrate";
import * as schema from "../../server/db/schema";
import { seedFromTemplate } from "../../server/db/template";

declare module "vitest" {
  export interface ProvidedContext {
    /** Files holding PGlite dumps: right after initdb, and with every migration applied. */
    pgliteDumps: { initialised: string; migrated: string } | null;
    /** A migrated PostgreSQL database to copy, when TEST_DATABASE_URL is set. */
    postgresTemplate: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const scratch = mkdtempSync(path.join(tmpdir(), "hmj-test-databases-"));
  const dataDir = path.join(scratch, "data");
  // The template `npm install` prepared spares this run's one initdb too; without it PGlite
  // makes the database itself.
  seedFromTemplate(dataDir);
  const pg = await PGlite.create(dataDir, {
    startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"],
  });
  const dump = async (name: string) => {
    const file = path.join(scratch, `${name}.tar`);
    const blob = await pg.dumpDataDir("none");
    writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
    return file;
  };
  const initialised = await dump("initialised");
  await migrate(drizzle(pg, { schema }) as unknown as Db);
  const migrated = await dump("migrated");
  await pg.close();
  project.provide("pgliteDumps", { initialised, migrated });

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

  return async () => {
    await dropTemplate();
    rmSync(scratch, { recursive: true, force: true });
  };
}
