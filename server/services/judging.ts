import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type {
  AssignmentView,
  CriterionComment,
  JudgingProgress,
  Leaderboard,
  ScoreSaved,
} from "../../shared/api";
import { hasConflict } from "../../shared/rules/conflicts";
import { cardTotal, rankCategories } from "../../shared/rules/ranking";
import type { ScoreSave } from "../../shared/schemas/judging";
import type { Db } from "../db/client";
import {
  categories,
  criteria,
  criterionComments,
  events,
  idempotencyKeys,
  judgeAssignments,
  judgeCategories,
  judgeSchools,
  judges,
  members,
  scoreCards,
  scoreLog,
  scores,
  submissions,
  teams,
  users,
} from "../db/schema";
import { AppError, notFound } from "../lib/problems";
import { presentSubmission } from "../presenters/submission";
import { audit } from "./audit";
import { freezeResults } from "./ceremony";
import {
  type Cards,
  cachedJudgingState,
  type JudgingContext,
  loadCards,
  loadJudgingContext,
  loadJudgingState,
  readJudgingState,
  recordSavedCard,
  stateKey,
} from "./judgingState";

type JudgeInfo = JudgingContext["judges"][number];
type TeamInfo = JudgingContext["teams"][number];

/** Why a judge may not score a team, or null when they may. */
export function scoringRefusal(
  judge: JudgeInfo,
  team: TeamInfo,
): "conflict-of-interest" | "not-assigned" | null {
  if (hasConflict(judge.schoolKeys, team.schoolKeys)) return "conflict-of-interest";
  if (judge.explicit) return judge.explicit.has(team.id) ? null : "not-assigned";
  return judge.categoryIds.includes(team.categoryId) ? null : "not-assigned";
}

export function assignedTeams(context: JudgingContext, judge: JudgeInfo): TeamInfo[] {
  return context.teams.filter((t) => scoringRefusal(judge, t) === null);
}

/** What one save needs to check, from a cached state; null when the team is not judged. */
function scoringFactsFrom(context: JudgingContext, judgeId: string, teamId: string) {
  const me = context.judges.find((j) => j.id === judgeId);
  const team = context.teams.find((t) => t.id === teamId);
  const category = team && context.categories.find((c) => c.id === team.categoryId);
  return me && team && category ? { me, team, category } : null;
}

/** Just what one save needs to check: the judge's categories, schools and picks, the team and its rubric. */
async function loadScoringFacts(
  db: Db,
  judge: { id: string; userId: string; name: string; eventId: string },
  teamId: string,
) {
  const [team] = await db
    .select({
      id: teams.id,
      name: teams.name,
      categoryId: teams.categoryId,
      checkedInAt: teams.checkedInAt,
    })
    .from(teams)
    .where(and(eq(teams.id, teamId), eq(teams.eventId, judge.eventId)));
  if (!team?.checkedInAt) return null;
  const [cats, schools, picks, teamSchools, [categoryRow], crits] = await Promise.all([
    db
      .select({ id: judgeCategories.categoryId })
      .from(judgeCategories)
      .where(eq(judgeCategories.judgeId, judge.id)),
    db
      .select({ key: judgeSchools.normalized })
      .from(judgeSchools)
      .where(eq(judgeSchools.judgeId, judge.id)),
    db
      .select({ teamId: judgeAssignments.teamId })
      .from(judgeAssignments)
      .where(eq(judgeAssignments.judgeId, judge.id)),
    db
      .select({ school: members.school, key: members.schoolKey })
      .from(members)
      .where(eq(members.teamId, teamId)),
    db.select().from(categories).where(eq(categories.id, team.categoryId)),
    db
      .select()
      .from(criteria)
      .where(eq(criteria.categoryId, team.categoryId))
      .orderBy(asc(criteria.position)),
  ]);
  const tieBreak = crits.find(
    (k) => k.name.toLowerCase() === categoryRow?.tieBreakCriterion?.toLowerCase(),
  );
  return {
    me: {
      id: judge.id,
      userId: judge.userId,
      name: judge.name,
      categoryIds: cats.map((c) => c.id),
      schoolKeys: schools.map((x) => x.key),
      explicit: picks.length ? new Set(picks.map((p) => p.teamId)) : null,
    },
    team: {
      ...team,
      schools: [...new Set(teamSchools.map((m) => m.school))],
      schoolKeys: [...new Set(teamSchools.map((m) => m.key))],
    },
    category: {
      id: team.categoryId,
      name: categoryRow?.name ?? "",
      normalized: categoryRow?.normalizedRanking ?? false,
      tieBreakCriterionId: tieBreak?.id ?? null,
      criteria: crits.map((k) => ({ id: k.id, weight: k.weight, maxScore: k.maxScore })),
    },
  };
}

async function judgeOf(db: Db, userId: string) {
  const [judge] = await db.select().from(judges).where(eq(judges.userId, userId));
  if (!judge) throw new AppError("forbidden", "Only judges can score.");
  return judge;
}

/** A judge's criterion comments, by team and criterion. */
async function commentsOf(
  db: Db,
  judgeId: string,
  teamId?: string,
): Promise<Map<string, Record<string, CriterionComment>>> {
  const rows = await db
    .select()
    .from(criterionComments)
    .where(
      teamId
        ? and(eq(criterionComments.judgeId, judgeId), eq(criterionComments.teamId, teamId))
        : eq(criterionComments.judgeId, judgeId),
    );
  const byTeam = new Map<string, Record<string, CriterionComment>>();
  for (const r of rows) {
    const mine = byTeam.get(r.teamId) ?? {};
    mine[r.criterionId] = { text: r.text, shared: r.shared };
    byTeam.set(r.teamId, mine);
  }
  return byTeam;
}

/** The teams a judge scores, with each submission, the rubric and the judge's own scores. */
export async function listAssignments(
  db: Db,
  userId: string,
): Promise<{ eventId: string; eventSlug: string; locked: boolean; teams: AssignmentView[] }> {
  const judge = await judgeOf(db, userId);
  const context = await loadJudgingContext(db, judge.eventId);
  const me = context.judges.find((j) => j.id === judge.id)!;
  const mine = assignedTeams(context, me);
  const cards = await loadCards(db, judge.eventId, judge.id);
  const notes = await commentsOf(db, judge.id);
  const subs = mine.length
    ? await db
        .select()
        .from(submissions)
        .where(
          inArray(
            submissions.teamId,
            mine.map((t) => t.id),
          ),
        )
    : [];
  const [event] = await db
    .select({ slug: events.slug })
    .from(events)
    .where(eq(events.id, judge.eventId));
  return {
    eventId: judge.eventId,
    eventSlug: event?.slug ?? "",
    locked: context.locked,
    teams: mine.map((team) => {
      const category = context.categories.find((c) => c.id === team.categoryId)!;
      const card = cards.get(`${judge.id}:${team.id}`);
      const sub = subs.find((s) => s.teamId === team.id);
      return {
        teamId: team.id,
        teamName: team.name,
        categoryId: team.categoryId,
        categoryName: category.name,
        schools: team.schools,
        submission: sub
          ? presentSubmission(sub, { teamName: team.name, categoryId: team.categoryId })
          : null,
        criteria: category.criteriaRows.map((k) => ({
          id: k.id,
          name: k.name,
          description: k.description,
          weight: k.weight,
          maxScore: k.maxScore,
        })),
        myScores: card?.scores ?? {},
        myComment: card?.comment ?? null,
        myCommentShared: card?.commentShared ?? true,
        myCriterionComments: notes.get(team.id) ?? {},
        version: card?.version ?? 0,
        complete: card ? cardTotal(category, card) !== null : false,
      };
    }),
  };
}

/**
 * Saves a judge's scores for a team in one transaction. With an idempotency key, the key is
 * stored with the write; a replay waits for the first write to commit, then gets its answer
 * and writes nothing.
 */
export async function saveScores(
  db: Db,
  userId: string,
  teamId: string,
  input: ScoreSave,
  now: Date,
): Promise<{ saved: ScoreSaved; eventId: string; replay: boolean }> {
  const result = await db.transaction(async (tx) => {
    if (input.idempotencyKey) {
      const inserted = await tx
        .insert(idempotencyKeys)
        .values({ userId, key: input.idempotencyKey })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (inserted.length === 0) {
        const [first] = await tx
          .select()
          .from(idempotencyKeys)
          .where(
            and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, input.idempotencyKey)),
          );
        const answer = first?.response as { saved: ScoreSaved; eventId: string } | null;
        if (answer) return { ...answer, replay: true, state: null };
      }
    }
    const judge = await judgeOf(tx, userId);
    // Lock the event row: saves serialise against the scoring lock and bump one version.
    const [event] = await tx
      .select({ scoringLockedAt: events.scoringLockedAt, key: stateKey })
      .from(events)
      .where(eq(events.id, judge.eventId))
      .for("update");
    // With the row locked, a cached state with the row's key is exactly what the tables hold.
    const cached = cachedJudgingState(db, judge.eventId, event!.key);
    const facts = cached
      ? scoringFactsFrom(cached.context, judge.id, teamId)
      : await loadScoringFacts(tx, judge, teamId);
    if (!facts) throw notFound("team");
    const { me, team, category } = facts;
    const refusal = scoringRefusal(me, team);
    if (refusal === "conflict-of-interest") {
      throw new AppError(
        "conflict-of-interest",
        "You declared a school in this team, so you can't score it.",
      );
    }
    if (refusal === "not-assigned")
      throw new AppError("not-assigned", "This team is not one of the teams you score.");
    if (event!.scoringLockedAt) {
      throw new AppError(
        "scoring-locked",
        "Scoring is locked: the results are being prepared, so scores can't change now.",
      );
    }
    const errors: { path: string; message: string }[] = [];
    for (const [criterionId, value] of Object.entries(input.scores)) {
      const criterion = category.criteria.find((c) => c.id === criterionId);
      if (!criterion)
        errors.push({
          path: `scores.${criterionId}`,
          message: "This is not one of the category's criteria.",
        });
      else if (value > criterion.maxScore) {
        errors.push({
          path: `scores.${criterionId}`,
          message: `Scores for this criterion go from 0 to ${criterion.maxScore}.`,
        });
      }
    }
    for (const criterionId of Object.keys(input.criterionComments ?? {})) {
      if (!category.criteria.some((c) => c.id === criterionId))
        errors.push({
          path: `criterionComments.${criterionId}`,
          message: "This is not one of the category's criteria.",
        });
    }
    if (errors.length)
      throw new AppError(
        "validation",
        "Some scores are not allowed: see the list of errors.",
        errors,
      );

    const cachedCard = cached?.cards.get(`${judge.id}:${teamId}`);
    const existing = cached
      ? Object.entries(cachedCard?.scores ?? {}).map(([criterionId, value]) => ({
          criterionId,
          value,
        }))
      : await tx
          .select()
          .from(scores)
          .where(and(eq(scores.judgeId, judge.id), eq(scores.teamId, teamId)));
    // A cached card without a row reads as no card: no comment, shared, version 0.
    const [card]: { comment: string | null; commentShared: boolean; version: number }[] = cached
      ? cachedCard
        ? [cachedCard]
        : []
      : await tx
          .select()
          .from(scoreCards)
          .where(and(eq(scoreCards.judgeId, judge.id), eq(scoreCards.teamId, teamId)));
    const log: (typeof scoreLog.$inferInsert)[] = [];
    for (const [criterionId, value] of Object.entries(input.scores)) {
      const old = existing.find((s) => s.criterionId === criterionId);
      if (old?.value === value) continue;
      log.push({
        eventId: judge.eventId,
        judgeId: judge.id,
        teamId,
        criterionId,
        oldValue: old?.value ?? null,
        newValue: value,
        at: now,
        actorId: userId,
      });
    }
    const changed = log.map((l) => ({
      eventId: judge.eventId,
      judgeId: judge.id,
      teamId,
      criterionId: l.criterionId!,
      value: l.newValue!,
      updatedAt: now,
    }));
    if (changed.length) {
      await tx
        .insert(scores)
        .values(changed)
        .onConflictDoUpdate({
          target: [scores.judgeId, scores.teamId, scores.criterionId],
          set: { value: sql`excluded.value`, updatedAt: now },
        });
    }
    // No comment field keeps the old comment; an empty one clears it.
    const comment = input.comment === undefined ? (card?.comment ?? null) : input.comment || null;
    const commentShared = input.commentShared ?? card?.commentShared ?? true;
    const wasShared = card?.comment ? card.commentShared : null;
    if (
      (card?.comment ?? null) !== comment ||
      (comment !== null && wasShared !== null && wasShared !== commentShared)
    ) {
      log.push({
        eventId: judge.eventId,
        judgeId: judge.id,
        teamId,
        oldComment: card?.comment ?? null,
        newComment: comment,
        oldShared: wasShared,
        newShared: comment === null ? null : commentShared,
        at: now,
        actorId: userId,
      });
    }
    const notes = (await commentsOf(tx, judge.id, teamId)).get(teamId) ?? {};
    for (const [criterionId, note] of Object.entries(input.criterionComments ?? {})) {
      const old = notes[criterionId];
      const shared = note.shared ?? old?.shared ?? true;
      // A change of text, or of who may read it (sharing with a child is worth an audit trail).
      if ((old?.text ?? "") !== note.text || (note.text && old && old.shared !== shared)) {
        log.push({
          eventId: judge.eventId,
          judgeId: judge.id,
          teamId,
          criterionId,
          oldComment: old?.text ?? null,
          newComment: note.text || null,
          oldShared: old ? old.shared : null,
          newShared: note.text ? shared : null,
          at: now,
          actorId: userId,
        });
      }
      if (!note.text) {
        if (old)
          await tx
            .delete(criterionComments)
            .where(
              and(
                eq(criterionComments.judgeId, judge.id),
                eq(criterionComments.teamId, teamId),
                eq(criterionComments.criterionId, criterionId),
              ),
            );
        delete notes[criterionId];
        continue;
      }
      if (old?.text === note.text && old.shared === shared) continue;
      await tx
        .insert(criterionComments)
        .values({
          judgeId: judge.id,
          teamId,
          criterionId,
          eventId: judge.eventId,
          text: note.text,
          shared,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: [
            criterionComments.judgeId,
            criterionComments.teamId,
            criterionComments.criterionId,
          ],
          set: { text: note.text, shared, updatedAt: now },
        });
      notes[criterionId] = { text: note.text, shared };
    }
    if (log.length) await tx.insert(scoreLog).values(log);
    const version = (card?.version ?? 0) + 1;
    await tx
      .insert(scoreCards)
      .values({
        judgeId: judge.id,
        teamId,
        eventId: judge.eventId,
        comment,
        commentShared,
        version,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [scoreCards.judgeId, scoreCards.teamId],
        set: { comment, commentShared, version, updatedAt: now },
      });
    const [after] = await tx
      .update(events)
      .set({ scoresVersion: sql`${events.scoresVersion} + 1` })
      .where(eq(events.id, judge.eventId))
      .returning({ key: stateKey, version: events.scoresVersion });

    const merged: Record<string, number> = {};
    for (const s of existing) merged[s.criterionId] = s.value;
    Object.assign(merged, input.scores);
    const saved: ScoreSaved = {
      teamId,
      scores: merged,
      comment,
      commentShared,
      criterionComments: notes,
      version,
      complete: cardTotal(category, { judgeId: judge.id, teamId, scores: merged }) !== null,
      updatedAt: now.toISOString(),
    };
    if (input.idempotencyKey) {
      await tx
        .update(idempotencyKeys)
        .set({ response: { saved, eventId: judge.eventId } })
        .where(
          and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, input.idempotencyKey)),
        );
    }
    const state = {
      before: event!.key,
      after: after!,
      card: { judgeId: judge.id, teamId, scores: { ...merged }, comment, commentShared, version },
    };
    return { saved, eventId: judge.eventId, replay: false, state };
  });
  // Only now, committed: a state cached before this save becomes the state after it.
  if (result.state) {
    const { before, after, card } = result.state;
    recordSavedCard(db, result.eventId, before, after, card);
  }
  return { saved: result.saved, eventId: result.eventId, replay: result.replay };
}

function leaderboardFrom(context: JudgingContext, cards: Cards): Leaderboard {
  const ranked = rankCategories(
    context.categories,
    context.teams.map((t) => ({ id: t.id, name: t.name, categoryId: t.categoryId })),
    [...cards.values()],
  );
  return { version: context.scoresVersion, locked: context.locked, categories: ranked };
}

function progressFrom(context: JudgingContext, cards: Cards): JudgingProgress {
  const cells: JudgingProgress["cells"] = [];
  const judgesPerTeam = new Map<string, number>();
  const categoryOf = new Map(context.categories.map((c) => [c.id, c]));
  const judgeSummaries = context.judges.map((judge) => {
    const mine = assignedTeams(context, judge);
    let scored = 0;
    for (const team of mine) {
      judgesPerTeam.set(team.id, (judgesPerTeam.get(team.id) ?? 0) + 1);
      const category = categoryOf.get(team.categoryId)!;
      const card = cards.get(`${judge.id}:${team.id}`);
      const state =
        !card || Object.keys(card.scores).length === 0
          ? "not-started"
          : cardTotal(category, card) === null
            ? "in-progress"
            : "scored";
      if (state === "scored") scored++;
      cells.push({ judgeId: judge.id, teamId: team.id, state });
    }
    return { judgeId: judge.id, name: judge.name, scored, assigned: mine.length };
  });
  return {
    version: context.scoresVersion,
    judges: judgeSummaries,
    teams: context.teams.map((t) => ({
      teamId: t.id,
      teamName: t.name,
      categoryId: t.categoryId,
      judges: judgesPerTeam.get(t.id) ?? 0,
    })),
    cells,
    unjudgeable: context.teams.filter((t) => !judgesPerTeam.get(t.id)).map((t) => t.id),
  };
}

/** The leaderboard and the progress grid from one read of the event's judging state. */
export async function computeJudgingViews(
  db: Db,
  eventId: string,
): Promise<{ leaderboard: Leaderboard; progress: JudgingProgress }> {
  const { context, cards } = await readJudgingState(db, eventId);
  return { leaderboard: leaderboardFrom(context, cards), progress: progressFrom(context, cards) };
}

/** The same views from a fresh read, with no cached state: what the cached views must equal. */
export async function judgingViewsFromScratch(
  db: Db,
  eventId: string,
): Promise<{ leaderboard: Leaderboard; progress: JudgingProgress }> {
  const { context, cards } = await loadJudgingState(db, eventId);
  return { leaderboard: leaderboardFrom(context, cards), progress: progressFrom(context, cards) };
}

export async function computeLeaderboard(db: Db, eventId: string): Promise<Leaderboard> {
  const { context, cards } = await readJudgingState(db, eventId);
  return leaderboardFrom(context, cards);
}

export async function computeProgress(db: Db, eventId: string): Promise<JudgingProgress> {
  const { context, cards } = await readJudgingState(db, eventId);
  return progressFrom(context, cards);
}

export async function lockScoring(
  db: Db,
  eventId: string,
  actorId: string,
  now: Date,
): Promise<Date> {
  return db.transaction(async (tx) => {
    const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for("update");
    if (!event) throw notFound("event");
    if (event.scoringLockedAt) return event.scoringLockedAt;
    await tx.update(events).set({ scoringLockedAt: now }).where(eq(events.id, eventId));
    await freezeResults(tx, eventId, now);
    await audit(tx, { eventId, actorId, action: "scoring.locked" });
    return now;
  });
}

/** Replaces a judge's hand-picked teams; an empty list returns the judge to their categories' teams. */
export async function setAssignments(
  db: Db,
  eventId: string,
  judgeId: string,
  teamIds: string[],
  actorId: string,
) {
  await db.transaction(async (tx) => {
    const context = await loadJudgingContext(tx, eventId);
    const judge = context.judges.find((j) => j.id === judgeId);
    if (!judge) throw notFound("judge");
    const errors: { path: string; message: string }[] = [];
    const unique = [...new Set(teamIds)];
    unique.forEach((id, i) => {
      const team = context.teams.find((t) => t.id === id);
      if (!team)
        errors.push({ path: `teamIds.${i}`, message: "Choose a checked-in team of this event." });
      else if (hasConflict(judge.schoolKeys, team.schoolKeys)) {
        errors.push({
          path: `teamIds.${i}`,
          message: `${judge.name} declared a school in ${team.name}.`,
        });
      }
    });
    if (errors.some((e) => e.message.includes("declared"))) {
      throw new AppError(
        "conflict-of-interest",
        "A judge can't be given a team from a school they declared.",
        errors,
      );
    }
    if (errors.length)
      throw new AppError(
        "validation",
        "Some teams can't be assigned: see the list of errors.",
        errors,
      );
    await tx.delete(judgeAssignments).where(eq(judgeAssignments.judgeId, judgeId));
    if (unique.length)
      await tx.insert(judgeAssignments).values(unique.map((teamId) => ({ judgeId, teamId })));
    await audit(tx, {
      eventId,
      actorId,
      action: "judge.assignments",
      details: { judgeId, teams: unique.length },
    });
  });
}

export async function setRankingMode(
  db: Db,
  eventId: string,
  categoryId: string,
  normalized: boolean,
  actorId: string,
) {
  await db.transaction(async (tx) => {
    const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for("update");
    if (event?.scoringLockedAt) {
      throw new AppError(
        "scoring-locked",
        "Scoring is locked, so the ranking method can't change now.",
      );
    }
    const updated = await tx
      .update(categories)
      .set({ normalizedRanking: normalized })
      .where(and(eq(categories.id, categoryId), eq(categories.eventId, eventId)))
      .returning({ id: categories.id });
    if (updated.length === 0) throw notFound("category");
    await tx
      .update(events)
      .set({ scoresVersion: sql`${events.scoresVersion} + 1` })
      .where(eq(events.id, eventId));
    await audit(tx, {
      eventId,
      actorId,
      action: "category.ranking",
      details: { categoryId, normalized },
    });
  });
}

export async function readScoreLog(db: Db, eventId: string) {
  const rows = await db
    .select({
      id: scoreLog.id,
      judgeName: judges.name,
      teamName: teams.name,
      criterionName: criteria.name,
      oldValue: scoreLog.oldValue,
      newValue: scoreLog.newValue,
      oldComment: scoreLog.oldComment,
      newComment: scoreLog.newComment,
      oldShared: scoreLog.oldShared,
      newShared: scoreLog.newShared,
      at: scoreLog.at,
      by: users.name,
    })
    .from(scoreLog)
    .innerJoin(judges, eq(judges.id, scoreLog.judgeId))
    .innerJoin(teams, eq(teams.id, scoreLog.teamId))
    .leftJoin(criteria, eq(criteria.id, scoreLog.criterionId))
    .leftJoin(users, eq(users.id, scoreLog.actorId))
    .where(eq(scoreLog.eventId, eventId))
    .orderBy(desc(scoreLog.id));
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
