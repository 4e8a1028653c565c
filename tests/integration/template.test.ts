import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../server/db/client";
import { migrate, rowsOf } from "../../server/db/migrate";
import {
  ensureTemplate,
  pgliteVersion,
  seedFromTemplate,
  templateDir,
  templateRoot,
} from "../../server/db/template";

const scratch = mkdtempSync(path.join(tmpdir(), "hmj-template-"));
const template = path.join(scratch, "template");
const fresh = (name: string) => path.join(scratch, name);
let templateId = "";
/** Opens as the server would, with the small shared_buffers that start PGlite twice as fast. */
const open = (options: { dataDir: string; template: string }) =>
  openDatabase({ ...options, sharedBuffers: "16MB" });

async function systemId(database: Database): Promise<string> {
  const rows = rowsOf<{ id: string }>(
    await database.db.execute(sql`select system_identifier::text as id from pg_control_system()`),
  );
  return rows[0]!.id;
}

/** Opens a new data directory, made from `from`, and returns its system identifier. */
async function openedId(dataDir: string, from = template): Promise<string> {
  const database = await open({ dataDir, template: from });
  try {
    return await systemId(database);
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  // A copy of the template `npm install` made (made now if missing): running initdb here
  // would cost seconds. Opening it would change it, so its identity is read from its control
  // file, whose first 8 bytes are the system identifier; the first test checks that reading.
  cpSync((await ensureTemplate()).dir, template, { recursive: true });
  templateId = readFileSync(path.join(template, "global", "pg_control"))
    .readBigUInt64LE(0)
    .toString();
}, 60_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("new embedded databases start from the template", () => {
  it("copies the template into a new data directory, which then migrates and keeps its data", async () => {
    const dataDir = fresh("new");
    const database = await open({ dataDir, template });
    expect(await systemId(database)).toBe(templateId);
    expect(existsSync(path.join(dataDir, ".hmj-copying-template"))).toBe(false);
    expect(await migrate(database.db)).toBeGreaterThan(0);
    await database.db.execute(sql`create table kept (name text)`);
    await database.db.execute(sql`insert into kept values ('Oak Academy')`);
    await database.close();
    const again = await open({ dataDir, template });
    const rows = rowsOf<{ name: string }>(await again.db.execute(sql`select name from kept`));
    expect(rows.map((r) => r.name)).toEqual(["Oak Academy"]);
    expect(await migrate(again.db)).toBe(0);
    await again.close();
  }, 60_000);

  it("never fills a directory that holds anything else", () => {
    const dataDir = fresh("occupied");
    mkdirSync(dataDir);
    writeFileSync(path.join(dataDir, "notes.txt"), "mine");
    expect(seedFromTemplate(dataDir, template)).toBe(false);
    expect(readdirSync(dataDir)).toEqual(["notes.txt"]);
  });

  it("leaves an existing database alone, and clears the marker of a copy that had finished", async () => {
    const dataDir = fresh("existing");
    expect(seedFromTemplate(dataDir, template)).toBe(true);
    writeFileSync(path.join(dataDir, ".hmj-copying-template"), "");
    writeFileSync(path.join(dataDir, "kept.txt"), "mine");
    expect(seedFromTemplate(dataDir, template)).toBe(false);
    expect(existsSync(path.join(dataDir, "kept.txt"))).toBe(true);
    expect(existsSync(path.join(dataDir, ".hmj-copying-template"))).toBe(false);
  });

  it("empties and copies again a directory whose copy was interrupted", async () => {
    const dataDir = fresh("interrupted");
    mkdirSync(path.join(dataDir, "base"), { recursive: true });
    writeFileSync(path.join(dataDir, ".hmj-copying-template"), "");
    writeFileSync(path.join(dataDir, "base", "half-written"), "x");
    expect(seedFromTemplate(dataDir, template)).toBe(true);
    expect(existsSync(path.join(dataDir, "base", "half-written"))).toBe(false);
    expect(existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true);
    expect(await openedId(dataDir)).toBe(templateId);
  }, 60_000);

  it("makes the database itself when there is no template, or one that does not open", async () => {
    expect(await openedId(fresh("no-template"), fresh("missing"))).not.toBe(templateId);

    const damaged = fresh("damaged");
    mkdirSync(path.join(damaged, "global"), { recursive: true });
    writeFileSync(path.join(damaged, "PG_VERSION"), "15\n");
    writeFileSync(path.join(damaged, "global", "pg_control"), "not a control file");
    const database = await open({ dataDir: fresh("from-damaged"), template: damaged });
    expect(await systemId(database)).not.toBe(templateId);
    expect(await migrate(database.db)).toBeGreaterThan(0);
    await database.close();
  }, 120_000);

  it("is made once per PGlite version, and templates of other versions are removed", async () => {
    const stale = path.join(templateRoot(), "pglite-0.0.1");
    mkdirSync(stale, { recursive: true });
    const first = await ensureTemplate();
    expect(first.dir).toBe(templateDir());
    expect(first.dir.endsWith(`pglite-${pgliteVersion()}`)).toBe(true);
    expect(existsSync(path.join(first.dir, "PG_VERSION"))).toBe(true);
    expect(existsSync(stale)).toBe(false);
    expect((await ensureTemplate()).created).toBe(false);
  }, 60_000);
});
