/**
 * The migration that makes schools rows of their own, on a database written by the version
 * before: one school per event and normalized name, named by the spelling members used most,
 * every member and every judge's declared school pointing at it.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { migrate, rowsOf } from "../../server/db/migrate";
import { databaseBefore, insertOldEvent } from "../helpers/migrations";

/** The last migration of the version before schools were rows. */
const database = databaseBefore("0028_check_in_backfill");

const ID = {
  event: "00000000-0000-4000-8000-000000000003",
  other: "00000000-0000-4000-8000-000000000013",
  category: "00000000-0000-4000-8000-000000000004",
  otherCategory: "00000000-0000-4000-8000-000000000014",
  team: "00000000-0000-4000-8000-000000000005",
  otherTeam: "00000000-0000-4000-8000-000000000015",
  judgeUser: "00000000-0000-4000-8000-000000000006",
  judge: "00000000-0000-4000-8000-000000000007",
};

describe("schools migration", () => {
  it("makes one school per event and spelling family, named by the most used spelling", async () => {
    const db = database.db;
    await insertOldEvent(db, ID.event, "hmj-2026", "HMJ");
    await insertOldEvent(db, ID.other, "hmj-2027", "HMJ");
    await db.execute(sql`
      INSERT INTO categories (id, event_id, name, single_school) VALUES
        (${ID.category}, ${ID.event}, 'Best Game', false), (${ID.otherCategory}, ${ID.other}, 'Best Game', false)`);
    await db.execute(sql`
      INSERT INTO teams (id, event_id, category_id, name) VALUES
        (${ID.team}, ${ID.event}, ${ID.category}, 'Byte Club'), (${ID.otherTeam}, ${ID.other}, ${ID.otherCategory}, 'Byte Club')`);
    await db.execute(sql`
      INSERT INTO members (team_id, first_name, school, school_key) VALUES
        (${ID.team}, 'Ada', 'St. Mary''s RC High School', 'st marys rc high school'),
        (${ID.team}, 'Sam', 'Saint Marys RC High School', 'st marys rc high school'),
        (${ID.team}, 'Priya', 'St. Mary''s RC High School', 'st marys rc high school'),
        (${ID.team}, 'Tom', 'Trinity', 'trinity'),
        (${ID.otherTeam}, 'Jo', 'Saint Marys RC High School', 'st marys rc high school')`);
    await db.execute(
      sql`INSERT INTO users (id, email, name, role) VALUES (${ID.judgeUser}, 'j@example.com', 'June', 'judge')`,
    );
    await db.execute(
      sql`INSERT INTO judges (id, event_id, user_id, name) VALUES (${ID.judge}, ${ID.event}, ${ID.judgeUser}, 'June')`,
    );
    await db.execute(sql`
      INSERT INTO judge_schools (judge_id, school, normalized) VALUES
        (${ID.judge}, 'ST MARYS RC HIGH SCHOOL', 'st marys rc high school'),
        (${ID.judge}, 'Xaverian College', 'xaverian college')`);

    expect(await migrate(db)).toBeGreaterThanOrEqual(3);

    const schools = rowsOf<{ id: string; event_id: string; name: string; version: number }>(
      await db.execute(
        sql`SELECT id, event_id, name, version FROM schools ORDER BY event_id, name`,
      ),
    );
    expect(schools.map((s) => [s.event_id, s.name, s.version])).toEqual([
      [ID.event, "St. Mary's RC High School", 1],
      [ID.event, "Trinity", 1],
      [ID.event, "Xaverian College", 1],
      // Another event's school of the same name is that event's own.
      [ID.other, "Saint Marys RC High School", 1],
    ]);
    const idOf = (event: string, name: string) =>
      schools.find((s) => s.event_id === event && s.name === name)?.id;
    const keys = rowsOf<{ event_id: string; key: string; school_id: string }>(
      await db.execute(
        sql`SELECT event_id, key, school_id FROM school_keys ORDER BY event_id, key`,
      ),
    );
    expect(keys).toEqual([
      {
        event_id: ID.event,
        key: "st marys rc high school",
        school_id: idOf(ID.event, "St. Mary's RC High School"),
      },
      { event_id: ID.event, key: "trinity", school_id: idOf(ID.event, "Trinity") },
      {
        event_id: ID.event,
        key: "xaverian college",
        school_id: idOf(ID.event, "Xaverian College"),
      },
      {
        event_id: ID.other,
        key: "st marys rc high school",
        school_id: idOf(ID.other, "Saint Marys RC High School"),
      },
    ]);
    const members = rowsOf<{ first_name: string; school_id: string }>(
      await db.execute(sql`SELECT first_name, school_id FROM members ORDER BY first_name`),
    );
    expect(members).toEqual([
      { first_name: "Ada", school_id: idOf(ID.event, "St. Mary's RC High School") },
      { first_name: "Jo", school_id: idOf(ID.other, "Saint Marys RC High School") },
      { first_name: "Priya", school_id: idOf(ID.event, "St. Mary's RC High School") },
      { first_name: "Sam", school_id: idOf(ID.event, "St. Mary's RC High School") },
      { first_name: "Tom", school_id: idOf(ID.event, "Trinity") },
    ]);
    const declared = rowsOf<{ school_id: string }>(
      await db.execute(sql`SELECT school_id FROM judge_schools WHERE judge_id = ${ID.judge}`),
    );
    expect(declared.map((d) => d.school_id).sort()).toEqual(
      [idOf(ID.event, "St. Mary's RC High School"), idOf(ID.event, "Xaverian College")].sort(),
    );
  });
});
