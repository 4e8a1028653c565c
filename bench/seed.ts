// Builds a big event directly in the database, for `npm run bench -- --scale`: the bulk of a
// 2,500-team event (teams, members, judges, panels, score cards) takes minutes through the
// API and proves nothing the tests don't; what the benchmark measures goes through the API.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../server/db/client";
import {
  categories,
  criteria,
  events,
  judgeCategories,
  judgeSchools,
  judges,
  members,
  prizes,
  scoreCards,
  scores,
  teams,
  users,
} from "../server/db/schema";
import { createSession } from "../server/services/auth";
import { resolveSchools } from "../server/services/schools";
import { teamNameKey } from "../shared/rules/names";

export interface ScaleOptions {
  teams: number;
  judges: number;
  judgesPerTeam: number;
  categories: number;
  schools: number;
}

export interface ScaleEvent {
  slug: string;
  eventId: string;
  categoryIds: string[];
  criteria: Record<string, { id: string; maxScore: number }[]>;
  /** Session cookies of the organizer and every judge. */
  organizerCookie: string;
  judges: { id: string; cookie: string; teamIds: string[] }[];
  teamIds: string[];
  cards: number;
}

/** A small deterministic generator, so two runs build the same event. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function chunked<T>(rows: T[], size: number, insert: (part: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

const CATEGORY_NAMES = [
  "Pre-University Challenge",
  "Best Game",
  "Best Website",
  "Best Hardware Hack",
  "Best Use of Data",
  "Best Beginner Team",
];

export async function seedScaleEvent(db: Db, organizerEmail: string, options: ScaleOptions) {
  const rand = random(20260314);
  const now = new Date();
  const h = 3_600_000;
  const slug = "scale";
  const [organizer] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, organizerEmail));
  const schoolNames = Array.from({ length: options.schools }, (_, i) => `School ${i + 1}`);

  const seeded = await db.transaction(async (tx) => {
    // Bulk rows would each bump the judging version through the triggers; set it once below.
    await tx.execute(sql`SET LOCAL hmj.restoring = 'on'`);
    const [event] = await tx
      .insert(events)
      .values({
        slug,
        name: "Hack Manchester Junior at scale",
        venue: "Manchester Central",
        timezone: "Europe/London",
        // Hacking is under way: check-in, saves and the clock behave as on the day.
        registrationOpensAt: new Date(now.getTime() - 72 * h),
        registrationClosesAt: new Date(now.getTime() - 48 * h),
        startsAt: new Date(now.getTime() - 24 * h),
        submissionsCloseAt: new Date(now.getTime() - 1 * h),
        endsAt: new Date(now.getTime() + 6 * h),
      })
      .returning({ id: events.id });
    const eventId = event!.id;
    const cats = await tx
      .insert(categories)
      .values(
        Array.from({ length: options.categories }, (_, i) => ({
          eventId,
          name: CATEGORY_NAMES[i] ?? `Category ${i + 1}`,
          singleSchool: i === 0,
          tieBreakCriterion: "Innovation",
          position: i,
        })),
      )
      .returning({ id: categories.id });
    const categoryIds = cats.map((c) => c.id);
    const rubric: ScaleEvent["criteria"] = {};
    for (const categoryId of categoryIds) {
      rubric[categoryId] = await tx
        .insert(criteria)
        .values([
          { categoryId, name: "Innovation", weight: 3, maxScore: 10, position: 0 },
          { categoryId, name: "Technical", weight: 2, maxScore: 10, position: 1 },
          { categoryId, name: "Presentation", weight: 1, maxScore: 5, position: 2 },
        ])
        .returning({ id: criteria.id, maxScore: criteria.maxScore });
      await tx.insert(prizes).values(
        [1, 2, 3].map((place) => ({
          eventId,
          categoryId,
          place,
          title: `Prize ${place}`,
          sponsor: "FARM",
        })),
      );
    }

    // Teams, each of one category, with four members from one or two schools.
    const teamRows = Array.from({ length: options.teams }, (_, i) => ({
      eventId,
      categoryId: categoryIds[i % categoryIds.length]!,
      name: `Team ${String(i + 1).padStart(4, "0")}`,
      nameKey: teamNameKey(`Team ${String(i + 1).padStart(4, "0")}`),
      checkedInAt: now,
    }));
    const teamIds: string[] = [];
    await chunked(teamRows, 500, async (part) => {
      const rows = await tx.insert(teams).values(part).returning({ id: teams.id });
      teamIds.push(...rows.map((r) => r.id));
    });
    const schoolIds = await resolveSchools(tx, eventId, schoolNames);
    const idOf = new Map(schoolNames.map((name, i) => [name, schoolIds[i]!]));
    const teamSchools = new Map<string, string[]>();
    const memberRows = teamIds.flatMap((teamId, i) => {
      const home = schoolNames[Math.floor(rand() * schoolNames.length)]!;
      const other = schoolNames[Math.floor(rand() * schoolNames.length)]!;
      const single = teamRows[i]!.categoryId === categoryIds[0];
      const schoolsOf = [0, 1, 2, 3].map((m) => (single || m < 2 ? home : other));
      teamSchools.set(teamId, [...new Set(schoolsOf.map((name) => idOf.get(name)!))]);
      return schoolsOf.map((school, m) => ({
        teamId,
        firstName: `Kid${i}x${m}`,
        lastName: "Example",
        dateOfBirth: "2011-06-15",
        schoolId: idOf.get(school)!,
        guardianName: "A Guardian",
        guardianEmail: `guardian${i}x${m}@example.com`,
        consentStatus: "given" as const,
        consentMethod: "paper" as const,
        consentBy: "Organizer",
        consentAt: now,
      }));
    });
    await chunked(memberRows, 1000, (part) => tx.insert(members).values(part));

    // Judges, each covering one category and declaring one school.
    const judgeUsers = await tx
      .insert(users)
      .values(
        Array.from({ length: options.judges }, (_, j) => ({
          email: `judge${j}@scale.test`,
          name: `Judge ${j + 1}`,
          role: "judge" as const,
        })),
      )
      .returning({ id: users.id });
    const judgeRows = await tx
      .insert(judges)
      .values(
        judgeUsers.map((u, j) => ({
          eventId,
          userId: u.id,
          name: `Judge ${j + 1}`,
          acceptedAt: now,
        })),
      )
      .returning({ id: judges.id, userId: judges.userId });
    const judgeInfo = judgeRows.map((j, k) => ({
      ...j,
      categoryId: categoryIds[k % categoryIds.length]!,
      school: schoolNames[Math.floor(rand() * schoolNames.length)]!,
    }));
    await tx
      .insert(judgeCategories)
      .values(judgeInfo.map((j) => ({ judgeId: j.id, categoryId: j.categoryId })));
    await tx.insert(judgeSchools).values(
      judgeInfo.map((j) => ({
        judgeId: j.id,
        schoolId: idOf.get(j.school)!,
      })),
    );
    return { eventId, categoryIds, rubric, teamIds, teamRows, teamSchools, judgeInfo };
  });
  return { ...seeded, slug, organizerId: organizer!.id, now };
}

/**
 * The score cards: every (judge, team) pair of the panels gets a complete card. Panels are
 * read back from the app (its own assignment), so the cards follow them.
 */
export async function seedScaleCards(
  db: Db,
  eventId: string,
  panels: { judgeId: string; teamId: string }[],
  rubric: ScaleEvent["criteria"],
  categoryOf: Map<string, string>,
): Promise<number> {
  const rand = random(7);
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL hmj.restoring = 'on'`);
    const scoreRows = panels.flatMap(({ judgeId, teamId }) =>
      rubric[categoryOf.get(teamId)!]!.map((c) => ({
        eventId,
        judgeId,
        teamId,
        criterionId: c.id,
        value: Math.floor(rand() * (c.maxScore + 1)),
        updatedAt: now,
      })),
    );
    await chunked(scoreRows, 2000, (part) => tx.insert(scores).values(part));
    await chunked(
      panels.map(({ judgeId, teamId }) => ({
        judgeId,
        teamId,
        eventId,
        version: 1,
        updatedAt: now,
      })),
      2000,
      (part) => tx.insert(scoreCards).values(part),
    );
    await tx
      .update(events)
      .set({ scoresVersion: sql`${events.scoresVersion} + 1` })
      .where(eq(events.id, eventId));
  });
  return panels.length;
}

export async function sessionCookie(db: Db, userId: string): Promise<string> {
  return `hmj_session=${await createSession(db, userId, new Date())}`;
}
