// The big event's judging panels and cards, in the bench server's process. The panels are the
// app's own (reconcilePanels), as a morning of check-ins would leave them.
import { eq } from "drizzle-orm";
import type { Db } from "../server/db/client";
import { judgeAssignments, judges } from "../server/db/schema";
import { reconcilePanels } from "../server/services/judging";
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
): Promise<ScaleEvent & { panelsMs: number }> {
  const started = performance.now();
  const seeded = await seedScaleEvent(db, organizerEmail, options);
  const categoryOf = new Map(seeded.teamRows.map((t, i) => [seeded.teamIds[i]!, t.categoryId]));
  const panelsStarted = performance.now();
  await db.transaction((tx) => reconcilePanels(tx, seeded.eventId, new Date()));
  const panelsMs = performance.now() - panelsStarted;
  const panels = await db
    .select({ judgeId: judgeAssignments.judgeId, teamId: judgeAssignments.teamId })
    .from(judgeAssignments)
    .innerJoin(judges, eq(judges.id, judgeAssignments.judgeId))
    .where(eq(judges.eventId, seeded.eventId));
  const teamsOf = new Map<string, string[]>();
  for (const p of panels) teamsOf.set(p.judgeId, [...(teamsOf.get(p.judgeId) ?? []), p.teamId]);
  const cards = await seedScaleCards(db, seeded.eventId, panels, seeded.rubric, categoryOf);
  const judgeList = [];
  for (const j of seeded.judgeInfo)
    judgeList.push({
      id: j.id,
      cookie: await sessionCookie(db, j.userId),
      teamIds: teamsOf.get(j.id) ?? [],
    });
  console.log(
    `  seeded ${seeded.teamIds.length} teams, ${judgeList.length} judges, ${cards} cards in ${((performance.now() - started) / 1000).toFixed(1)} s (panels ${(panelsMs / 1000).toFixed(1)} s)`,
  );
  return {
    slug: seeded.slug,
    eventId: seeded.eventId,
    categoryIds: seeded.categoryIds,
    criteria: seeded.rubric,
    organizerCookie: await sessionCookie(db, seeded.organizerId),
    judges: judgeList.filter((j) => j.teamIds.length > 0),
    teamIds: seeded.teamIds,
    cards,
    panelsMs,
  };
}
