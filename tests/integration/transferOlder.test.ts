/**
 * A backup made by an older version of the app imports into this one: its rows are loaded
 * into that version's tables and brought up by the same migrations an upgraded database ran.
 */
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { migrate, rowsOf } from "../../server/db/migrate";
import { currentSchemaVersion, exportDatabase, importDatabase } from "../../server/db/transfer";
import { openTestDatabase } from "../helpers/database";
import { databaseAt, insertOldEvent } from "../helpers/migrations";

/** The last migration of the version before schools were rows of their own. */
const OLD = "0028_check_in_backfill";

const ID = {
  event: "00000000-0000-4000-8000-000000000003",
  category: "00000000-0000-4000-8000-000000000004",
  team: "00000000-0000-4000-8000-000000000005",
  judgeUser: "00000000-0000-4000-8000-000000000006",
  judge: "00000000-0000-4000-8000-000000000007",
};

let old: Awaited<ReturnType<typeof databaseAt>>;
let oldExport: string;

async function exportText(db: Database["db"]): Promise<string> {
  let text = "";
  await exportDatabase(
    db,
    (chunk) => {
      text += chunk;
    },
    new Date("2026-04-01T00:00:00Z"),
  );
  return text;
}
const linesOf = (text: string) => createInterface({ input: Readable.from([text]) });
const rows = async <T>(db: Database["db"], query: ReturnType<typeof sql>) =>
  rowsOf<T>(await db.execute(query));

beforeAll(async () => {
  old = await databaseAt(OLD);
  const db = old.database.db;
  await insertOldEvent(db, ID.event, "hmj-2026", "HMJ");
  await db.execute(
    sql`INSERT INTO categories (id, event_id, name, single_school) VALUES (${ID.category}, ${ID.event}, 'Best Game', false)`,
  );
  await db.execute(
    sql`INSERT INTO teams (id, event_id, category_id, name) VALUES (${ID.team}, ${ID.event}, ${ID.category}, 'Byte Club')`,
  );
  await db.execute(sql`
    INSERT INTO members (team_id, first_name, school, school_key) VALUES
      (${ID.team}, 'Ada', 'St. Mary''s RC High School', 'st marys rc high school'),
      (${ID.team}, 'Sam', 'Saint Marys RC High School', 'st marys rc high school'),
      (${ID.team}, 'Priya', 'St. Mary''s RC High School', 'st marys rc high school'),
      (${ID.team}, 'Tom', 'Trinity', 'trinity')`);
  await db.execute(
    sql`INSERT INTO users (id, email, name, role) VALUES (${ID.judgeUser}, 'j@example.com', 'June', 'judge')`,
  );
  await db.execute(
    sql`INSERT INTO judges (id, event_id, user_id, name) VALUES (${ID.judge}, ${ID.event}, ${ID.judgeUser}, 'June')`,
  );
  await db.execute(
    sql`INSERT INTO judge_schools (judge_id, school, normalized) VALUES (${ID.judge}, 'Trinity', 'trinity')`,
  );
  oldExport = await exportText(db);
}, 120_000);
afterAll(() => old?.close());

describe("importing a backup of an older version", () => {
  it("says which version made it", () => {
    const header = JSON.parse(`${oldExport.split("\n")[0]}]}`) as { schemaVersion: number };
    expect(header.schemaVersion).toBeLessThan(currentSchemaVersion());
  });

  it("brings its rows up to this version, as an upgrade in place does", async () => {
    const { database, drop } = await openTestDatabase();
    try {
      const db = database.db;
      const rowLines = oldExport
        .split("\n")
        .filter(
          (l) => l.startsWith("{") && !l.startsWith('{"name":') && !l.startsWith('{"format":'),
        );
      expect(await importDatabase(db, linesOf(oldExport))).toBe(rowLines.length);
      const schools = await rows<{ id: string; name: string }>(
        db,
        sql`SELECT id, name FROM schools ORDER BY name`,
      );
      expect(schools.map((s) => s.name)).toEqual(["St. Mary's RC High School", "Trinity"]);
      const idOf = (name: string) => schools.find((s) => s.name === name)!.id;
      expect(
        await rows(db, sql`SELECT first_name, school_id FROM members ORDER BY first_name`),
      ).toEqual([
        { first_name: "Ada", school_id: idOf("St. Mary's RC High School") },
        { first_name: "Priya", school_id: idOf("St. Mary's RC High School") },
        { first_name: "Sam", school_id: idOf("St. Mary's RC High School") },
        { first_name: "Tom", school_id: idOf("Trinity") },
      ]);
      expect(await rows(db, sql`SELECT school_id FROM judge_schools`)).toEqual([
        { school_id: idOf("Trinity") },
      ]);
      // The same rows as the old database upgraded where it stands, except what the upgrade
      // made anew (school ids, when schools were made) and the judging version, which a
      // restore keeps as exported while the migrations in place bumped it.
      // Rows come in primary key order, and new school ids put the schools in any order: the
      // rows are compared as a set.
      const comparable = (text: string) =>
        text
          .replace(
            /"school_id":"[^"]+"|"id":"[^"]+","event_id":"[^"]+","name"|"created_at":"[^"]+"|"scores_version":\d+/g,
            "",
          )
          .split("\n")
          .map((line) => line.replace(/,$/, ""))
          .sort();
      await migrate(old.database.db);
      expect(comparable(await exportText(db))).toEqual(
        comparable(await exportText(old.database.db)),
      );
      // Nothing of the restore is left behind, and the app's tables are found as before.
      expect(
        await rows(db, sql`SELECT nspname FROM pg_namespace WHERE nspname = 'hmj_restore'`),
      ).toEqual([]);
      expect(await rows(db, sql`SELECT current_schema() AS schema`)).toEqual([
        { schema: "public" },
      ]);
    } finally {
      await drop();
    }
  });

  it("changes nothing when the old export is damaged", async () => {
    const { database, drop } = await openTestDatabase();
    try {
      const damaged = oldExport.replace('"first_name":"Tom"', '"first_name":null');
      await expect(importDatabase(database.db, linesOf(damaged))).rejects.toThrow();
      expect(await rows(database.db, sql`SELECT count(*)::int AS n FROM events`)).toEqual([
        { n: 0 },
      ]);
      expect(
        await rows(
          database.db,
          sql`SELECT nspname FROM pg_namespace WHERE nspname = 'hmj_restore'`,
        ),
      ).toEqual([]);
    } finally {
      await drop();
    }
  });
});
