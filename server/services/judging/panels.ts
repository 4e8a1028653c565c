// Keeps every checked-in team's judging panel full (shared/rules/panels.ts has the rules).
// Called inside the transaction of every write that can change a panel: a check-in, a judge
// invited or changed, hand-picked teams, the panel size.
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { type PanelInput, type PanelPlan, planPanels } from "../../../shared/rules/panels";
import type { Db } from "../../db/client";
import {
  events,
  judgeAssignments,
  judgeCategories,
  judgeSchools,
  judges,
  members,
  scoreCards,
  teams,
} from "../../db/schema";

/**
 * What ties the event's judges to the rest: the categories they judge, the schools they
 * declared, and their seats on teams' panels.
 */
export async function loadJudgeLinks(db: Db, eventId: string) {
  const [categories, schools, seats] = await Promise.all([
    db
      .select({ judgeId: judgeCategories.judgeId, categoryId: judgeCategories.categoryId })
      .from(judgeCategories)
      .innerJoin(judges, eq(judges.id, judgeCategories.judgeId))
      .where(eq(judges.eventId, eventId)),
    db
      .select({ judgeId: judgeSchools.judgeId, schoolId: judgeSchools.schoolId })
      .from(judgeSchools)
      .innerJoin(judges, eq(judges.id, judgeSchools.judgeId))
      .where(eq(judges.eventId, eventId)),
    db
      .select({
        judgeId: judgeAssignments.judgeId,
        teamId: judgeAssignments.teamId,
        source: judgeAssignments.source,
        createdAt: judgeAssignments.createdAt,
      })
      .from(judgeAssignments)
      .innerJoin(judges, eq(judges.id, judgeAssignments.judgeId))
      .where(eq(judges.eventId, eventId)),
  ]);
  return { categories, schools, seats };
}

async function panelInput(tx: Db, eventId: string): Promise<PanelInput> {
  const [event] = await tx
    .select({ judgesPerTeam: events.judgesPerTeam })
    .from(events)
    .where(eq(events.id, eventId));
  const [teamRows, schoolRows, judgeRows, links, cards] = await Promise.all([
    tx
      .select({ id: teams.id, categoryId: teams.categoryId })
      .from(teams)
      .where(and(eq(teams.eventId, eventId), isNotNull(teams.checkedInAt))),
    tx
      .selectDistinct({ teamId: members.teamId, key: members.schoolId })
      .from(members)
      .innerJoin(teams, eq(teams.id, members.teamId))
      .where(and(eq(teams.eventId, eventId), isNotNull(teams.checkedInAt))),
    tx
      .select({ id: judges.id, handPicked: judges.handPicked })
      .from(judges)
      .where(eq(judges.eventId, eventId)),
    loadJudgeLinks(tx, eventId),
    tx
      .select({ judgeId: scoreCards.judgeId, teamId: scoreCards.teamId })
      .from(scoreCards)
      .where(eq(scoreCards.eventId, eventId)),
  ]);
  const started = new Set(cards.map((c) => `${c.judgeId}:${c.teamId}`));
  const keysOf = new Map<string, string[]>();
  for (const s of schoolRows) keysOf.set(s.teamId, [...(keysOf.get(s.teamId) ?? []), s.key]);
  const categoriesOf = new Map<string, string[]>();
  const { categories: categoryRows, schools: declared, seats } = links;
  for (const c of categoryRows)
    categoriesOf.set(c.judgeId, [...(categoriesOf.get(c.judgeId) ?? []), c.categoryId]);
  const schoolsOf = new Map<string, string[]>();
  for (const d of declared)
    schoolsOf.set(d.judgeId, [...(schoolsOf.get(d.judgeId) ?? []), d.schoolId]);
  return {
    judgesPerTeam: event?.judgesPerTeam ?? 3,
    teams: teamRows.map((t) => ({ ...t, schoolIds: keysOf.get(t.id) ?? [] })),
    judges: judgeRows.map((j) => ({
      id: j.id,
      handPicked: j.handPicked,
      categoryIds: categoriesOf.get(j.id) ?? [],
      schoolIds: schoolsOf.get(j.id) ?? [],
    })),
    seats: seats.map((s) => ({
      judgeId: s.judgeId,
      teamId: s.teamId,
      source: s.source,
      started: started.has(`${s.judgeId}:${s.teamId}`),
      order: s.createdAt.getTime(),
    })),
  };
}

/**
 * Brings the event's panels in line with the rules and writes the difference. Runs under a
 * per-event advisory lock, so two check-ins at once see each other's seats and the load stays
 * balanced. Returns what changed.
 */
export async function reconcilePanels(
  tx: Db,
  eventId: string,
  now: Date,
  options: { evenOut?: boolean } = {},
): Promise<PanelPlan> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`panels:${eventId}`}))`);
  const plan = planPanels(await panelInput(tx, eventId), options);
  for (const seat of plan.remove) {
    await tx
      .delete(judgeAssignments)
      .where(
        and(eq(judgeAssignments.judgeId, seat.judgeId), eq(judgeAssignments.teamId, seat.teamId)),
      );
  }
  for (let i = 0; i < plan.add.length; i += 1000) {
    await tx
      .insert(judgeAssignments)
      .values(
        plan.add
          .slice(i, i + 1000)
          .map((seat) => ({ ...seat, source: "auto" as const, createdAt: now })),
      )
      .onConflictDoNothing();
  }
  return plan;
}
