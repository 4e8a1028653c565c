// Who judges whom: a judge's own list (their panel), hand-picked teams and the panel size.
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { CriterionComment } from "../../../shared/api";
import { hasConflict } from "../../../shared/rules/conflicts";
import type { Db } from "../../db/client";
import {
  criterionComments,
  events,
  judgeAssignments,
  judgeSchools,
  judges,
  members,
  submissions,
  teams,
} from "../../db/schema";
import { AppError, type FieldError, notFound } from "../../lib/problems";
import type { Changes } from "../../realtime/changes";
import { audit } from "../audit";
import type { SubmissionRow } from "../submissions";
import { handedIn } from "../submissions";
import { reconcilePanels } from "./panels";
import { rememberJudge } from "./scoring";
import { type Card, type CategoryInfo, cardKey, readJudgingState, type TeamInfo } from "./state";

export interface JudgeListEntry {
  team: TeamInfo;
  category: CategoryInfo;
  submission: SubmissionRow | null;
  card: Card | null;
  notes: Record<string, CriterionComment>;
}

export interface JudgeList {
  eventId: string;
  eventSlug: string;
  locked: boolean;
  entries: JudgeListEntry[];
}

/** The teams on a judge's panel, with each submission, the rubric and the judge's own scores. */
export async function listAssignments(db: Db, userId: string): Promise<JudgeList> {
  const [judge] = await db
    .select({ id: judges.id, eventId: judges.eventId, slug: events.slug })
    .from(judges)
    .innerJoin(events, eq(events.id, judges.eventId))
    .where(eq(judges.userId, userId));
  if (!judge) throw new AppError("forbidden", "Only judges can score.");
  // A judge opens their list before scoring: their saves can then be one statement each.
  rememberJudge(db, userId, judge.id, judge.eventId);
  const state = await readJudgingState(db, judge.eventId);
  const me = state.context.judgeById.get(judge.id);
  const mine = state.context.teams.filter((t) => me?.teamIds.has(t.id));
  const ids = mine.map((t) => t.id);
  const [subs, noteRows] = await Promise.all([
    ids.length
      ? db
          .select()
          .from(submissions)
          .where(and(inArray(submissions.teamId, ids), handedIn()))
      : [],
    db
      .select({
        teamId: criterionComments.teamId,
        criterionId: criterionComments.criterionId,
        text: criterionComments.text,
        shared: criterionComments.shared,
      })
      .from(criterionComments)
      .where(eq(criterionComments.judgeId, judge.id)),
  ]);
  const subOf = new Map(subs.map((s) => [s.teamId, s]));
  const notesOf = new Map<string, Record<string, CriterionComment>>();
  for (const n of noteRows) {
    const notes = notesOf.get(n.teamId) ?? {};
    notes[n.criterionId] = { text: n.text, shared: n.shared };
    notesOf.set(n.teamId, notes);
  }
  return {
    eventId: judge.eventId,
    eventSlug: judge.slug,
    locked: state.context.locked,
    entries: mine.map((team) => ({
      team,
      category: state.context.categoryById.get(team.categoryId)!,
      submission: subOf.get(team.id) ?? null,
      card: state.cards.get(cardKey(judge.id, team.id)) ?? null,
      notes: notesOf.get(team.id) ?? {},
    })),
  };
}

/** The ids of the teams on a judge's panel (what their submissions list may show). */
export async function panelOf(db: Db, eventId: string, userId: string): Promise<Set<string>> {
  const rows = await db
    .select({ teamId: judgeAssignments.teamId })
    .from(judgeAssignments)
    .innerJoin(judges, eq(judges.id, judgeAssignments.judgeId))
    .where(and(eq(judges.userId, userId), eq(judges.eventId, eventId)));
  return new Set(rows.map((r) => r.teamId));
}

export interface HandPick {
  eventId: string;
  judgeId: string;
  /** The judge's teams; an empty list gives the judge back to the automatic panels. */
  teamIds: string[];
  actorId: string;
  now: Date;
  changes: Changes;
}

/** Replaces a judge's teams with hand-picked ones, or returns the judge to automatic panels. */
export async function setAssignments(db: Db, pick: HandPick): Promise<void> {
  const { eventId, judgeId, actorId, now, changes } = pick;
  await db.transaction(async (tx) => {
    const [judge] = await tx
      .select({ id: judges.id, name: judges.name })
      .from(judges)
      .where(and(eq(judges.id, judgeId), eq(judges.eventId, eventId)));
    if (!judge) throw notFound("judge");
    const unique = [...new Set(pick.teamIds)];
    const [found, teamSchools, declared] = await Promise.all([
      unique.length
        ? tx
            .select({ id: teams.id, name: teams.name })
            .from(teams)
            .where(
              and(
                eq(teams.eventId, eventId),
                isNotNull(teams.checkedInAt),
                inArray(teams.id, unique),
              ),
            )
        : [],
      unique.length
        ? tx
            .selectDistinct({ teamId: members.teamId, key: members.schoolKey })
            .from(members)
            .where(inArray(members.teamId, unique))
        : [],
      tx
        .select({ key: judgeSchools.normalized })
        .from(judgeSchools)
        .where(eq(judgeSchools.judgeId, judgeId)),
    ]);
    const nameOf = new Map(found.map((t) => [t.id, t.name]));
    const keys = declared.map((d) => d.key);
    const conflicts: FieldError[] = [];
    const unknown: FieldError[] = [];
    unique.forEach((id, i) => {
      const name = nameOf.get(id);
      if (!name)
        unknown.push({ path: `teamIds.${i}`, message: "Choose a checked-in team of this event." });
      else if (
        hasConflict(
          keys,
          teamSchools.filter((s) => s.teamId === id).map((s) => s.key),
        )
      )
        conflicts.push({
          path: `teamIds.${i}`,
          message: `${judge.name} declared a school in ${name}.`,
        });
    });
    if (conflicts.length)
      throw new AppError(
        "conflict-of-interest",
        "A judge can't be given a team from a school they declared.",
        [...conflicts, ...unknown],
      );
    if (unknown.length)
      throw new AppError(
        "validation",
        "Some teams can't be assigned: see the list of errors.",
        unknown,
      );
    await tx
      .update(judges)
      .set({ handPicked: unique.length > 0 })
      .where(eq(judges.id, judgeId));
    await tx.delete(judgeAssignments).where(eq(judgeAssignments.judgeId, judgeId));
    if (unique.length)
      await tx
        .insert(judgeAssignments)
        .values(
          unique.map((teamId) => ({ judgeId, teamId, source: "manual" as const, createdAt: now })),
        );
    await reconcilePanels(tx, eventId, now);
    await audit(tx, {
      eventId,
      actorId,
      action: "judge.assignments",
      details: { judgeId, teams: unique.length },
    });
    changes.add({ kind: "judging", eventId });
  });
}

export interface PanelSize {
  eventId: string;
  judgesPerTeam: number;
  actorId: string;
  now: Date;
  changes: Changes;
}

/** Sets how many judges see each team; panels grow or shrink at once, keeping work started. */
export async function setJudgesPerTeam(db: Db, change: PanelSize): Promise<void> {
  await db.transaction(async (tx) => {
    const [event] = await tx
      .select({ id: events.id, judgesPerTeam: events.judgesPerTeam })
      .from(events)
      .where(eq(events.id, change.eventId))
      .for("update");
    if (!event) throw notFound("event");
    if (event.judgesPerTeam === change.judgesPerTeam) return;
    await tx
      .update(events)
      .set({
        judgesPerTeam: change.judgesPerTeam,
        scoresVersion: sql`${events.scoresVersion} + 1`,
      })
      .where(eq(events.id, change.eventId));
    const plan = await reconcilePanels(tx, change.eventId, change.now);
    await audit(tx, {
      eventId: change.eventId,
      actorId: change.actorId,
      action: "judging.panel-size",
      details: {
        from: event.judgesPerTeam,
        to: change.judgesPerTeam,
        added: plan.add.length,
        removed: plan.remove.length,
      },
    });
    change.changes.add({ kind: "judging", eventId: change.eventId });
  });
}

export interface EvenOut {
  eventId: string;
  actorId: string;
  now: Date;
  changes: Changes;
}

/**
 * Evens out the judges' load: automatic seats nobody has started scoring move from the busiest
 * judges to the least busy (judges invited after the check-ins leave it uneven). Returns how
 * many teams changed judge.
 */
export async function evenOutPanels(db: Db, request: EvenOut): Promise<number> {
  return db.transaction(async (tx) => {
    const plan = await reconcilePanels(tx, request.eventId, request.now, { evenOut: true });
    const moved = new Set(plan.remove.map((r) => `${r.judgeId}:${r.teamId}`)).size;
    await audit(tx, {
      eventId: request.eventId,
      actorId: request.actorId,
      action: "judging.panels-evened",
      details: { moved, added: plan.add.length },
    });
    if (plan.add.length || plan.remove.length)
      request.changes.add({ kind: "judging", eventId: request.eventId });
    return moved;
  });
}
