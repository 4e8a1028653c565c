// The big event's judging panels and cards, in the bench server's process.
import { eq } from "drizzle-orm";
import type { Db } from "../server/db/client";
import { judgeAssignments, teams } from "../server/db/schema";
import { hasConflict } from "../shared/rules/conflicts";
import { normalizeSchool } from "../shared/rules/schools";
import {
  type ScaleEvent,
  type ScaleOptions,
  seedScaleCards,
  seedScaleEvent,
  sessionCookie,
} from "./seed";

export async function seedScale(
  db: Db,
  organizerEmail: string,
  options: ScaleOptions,
): Promise<ScaleEvent> {
  const started = performance.now();
  const seeded = await seedScaleEvent(db, organizerEmail, options);
  const categoryOf = new Map(seeded.teamRows.map((t, i) => [seeded.teamIds[i]!, t.categoryId]));
  // Panels: each team gets the least-loaded judges of its category without a conflict.
  const load = new Map(seeded.judgeInfo.map((j) => [j.id, 0]));
  const panels: { judgeId: string; teamId: string }[] = [];
  for (const teamId of seeded.teamIds) {
    const schools = seeded.teamSchools.get(teamId)!;
    const eligible = seeded.judgeInfo
      .filter((j) => j.categoryId === categoryOf.get(teamId))
      .filter((j) => !hasConflict([normalizeSchool(j.school)], schools))
      .sort((a, b) => load.get(a.id)! - load.get(b.id)! || (a.id < b.id ? -1 : 1))
      .slice(0, options.judgesPerTeam);
    for (const j of eligible) {
      load.set(j.id, load.get(j.id)! + 1);
      panels.push({ judgeId: j.id, teamId });
      j.teamIds.push(teamId);
    }
  }
  for (let i = 0; i < panels.length; i += 2000)
    await db.insert(judgeAssignments).values(panels.slice(i, i + 2000));
  const cards = await seedScaleCards(db, seeded.eventId, panels, seeded.rubric, categoryOf);
  const judges = [];
  for (const j of seeded.judgeInfo)
    judges.push({ id: j.id, cookie: await sessionCookie(db, j.userId), teamIds: j.teamIds });
  const checked = await db
    .select({ id: teams.id })
    .from(teams)
    .where(eq(teams.eventId, seeded.eventId));
  console.log(
    `  seeded ${checked.length} teams, ${judges.length} judges, ${cards} cards in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return {
    slug: seeded.slug,
    eventId: seeded.eventId,
    categoryIds: seeded.categoryIds,
    criteria: seeded.rubric,
    organizerCookie: await sessionCookie(db, seeded.organizerId),
    judges,
    teamIds: seeded.teamIds,
    cards,
  };
}
