/**
 * Per-member check-in on a database written by the previous version: members of a team that
 * had checked in are in the building since the team's check-in; others are not; and from then
 * on members coming and going leave the judging version alone.
 */
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { migrate } from "../../server/db/migrate";
import { events, members, schools } from "../../server/db/schema";
import { databaseBefore, insertOldEvent } from "../helpers/migrations";

/** The last migration before the backfill: the columns exist, still empty. */
const database = databaseBefore("0027_badges_check_in");

const ID = {
  event: "00000000-0000-4000-8000-000000000003",
  category: "00000000-0000-4000-8000-000000000004",
  inTeam: "00000000-0000-4000-8000-000000000005",
  outTeam: "00000000-0000-4000-8000-000000000006",
  ada: "00000000-0000-4000-8000-000000000011",
  sam: "00000000-0000-4000-8000-000000000012",
  priya: "00000000-0000-4000-8000-000000000013",
};
const CHECKED_IN = "2026-03-14T08:40:00.000Z";

describe("per-member check-in on an existing database", () => {
  it("puts the members of checked-in teams in the building since the team's check-in", async () => {
    const db = database.db;
    await insertOldEvent(db, ID.event, "hmj-2026", "HMJ 2026");
    await db.execute(
      sql`INSERT INTO categories (id, event_id, name, single_school) VALUES (${ID.category}, ${ID.event}, 'Best Game', false)`,
    );
    await db.execute(sql`
      INSERT INTO teams (id, event_id, category_id, name, name_key, checked_in_at) VALUES
        (${ID.inTeam}, ${ID.event}, ${ID.category}, 'Byte Club', 'byte club', ${CHECKED_IN}),
        (${ID.outTeam}, ${ID.event}, ${ID.category}, 'Loop Troop', 'loop troop', NULL)`);
    await db.execute(sql`
      INSERT INTO members (id, team_id, first_name, school, school_key, consent_status) VALUES
        (${ID.ada}, ${ID.inTeam}, 'Ada', 'Trinity', 'trinity', 'given'),
        (${ID.sam}, ${ID.inTeam}, 'Sam', 'Trinity', 'trinity', 'given'),
        (${ID.priya}, ${ID.outTeam}, 'Priya', 'Trinity', 'trinity', 'given')`);

    expect(await migrate(db)).toBeGreaterThanOrEqual(1);

    const rows = await db.select().from(members);
    const of = (id: string) => rows.find((m) => m.id === id)!;
    for (const id of [ID.ada, ID.sam]) {
      expect(of(id).arrivedAt?.toISOString()).toBe(CHECKED_IN);
      expect(of(id).inSince?.toISOString()).toBe(CHECKED_IN);
      expect(of(id).leftAt).toBeNull();
    }
    expect(of(ID.priya).arrivedAt).toBeNull();
    expect(of(ID.priya).inSince).toBeNull();

    const version = async () =>
      (await db.select().from(events).where(eq(events.id, ID.event)))[0]!.scoresVersion;
    const before = await version();
    await db.update(members).set({ inSince: null }).where(eq(members.id, ID.ada));
    expect(await version()).toBe(before);
    // What judging is made of still counts: a member's school on a checked-in team.
    const [trinity] = await db
      .insert(schools)
      .values({ eventId: ID.event, name: "Trinity High" })
      .returning({ id: schools.id });
    await db.update(members).set({ schoolId: trinity!.id }).where(eq(members.id, ID.sam));
    expect(await version()).toBe(before + 1);
  });
});
