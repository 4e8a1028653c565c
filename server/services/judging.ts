import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type {
  AssignmentView,
  CriterionComment,
  JudgingProgress,
  Leaderboard,
  ScoreSaved,
} from "../../shared/api";
import { hasConflict } from "../../shared/rules/conflicts";
import {
  cardTotal,
  type RankingCategory,
  rankCategories,
  type ScoreCard,
} from "../../shared/rules/ranking";
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

/** Everything judging needs to know about one event, loaded in a handful of queries. */
export interface JudgingContext {
  eventId: string;
  locked: boolean;
  scoresVersion: number;
  categories: (RankingCategory & { criteriaRows: (typeof criteria.$inferSelect)[] })[];
  /** Checked-in teams: the teams at the event. */
  teams: {
    id: string;
    name: string;
    categoryId: string;
    schools: string[];
    schoolKeys: string[];
  }[];
  judges: {
    id: string;
    userId: string;
    name: string;
    categoryIds: string[];
    schoolKeys: string[];
    explicit: Set<string> | null;
  }[];
}

export async function loadJudgingContext(db: Db, eventId: string): Promise<JudgingContext> {
  const [event] = await db.select().from(events).where(eq(events.id, eventId));
  if (!event) throw notFound("event");
  const cats = await db
    .select()
    .from(categories)
    .where(eq(categories.eventId, eventId))
    .orderBy(asc(categories.position));
  const crits = cats.length
    ? await db
        .select()
        .from(criteria)
        .where(
          inArray(
            criteria.categoryId,
            cats.map((c) => c.id),
          ),
        )
        .orderBy(asc(criteria.position))
    : [];
  const teamRows = await db
    .select({ id: teams.id, name: teams.name, categoryId: teams.categoryId })
    .from(teams)
    .where(and(eq(teams.eventId, eventId), isNotNull(teams.checkedInAt)))
    .orderBy(asc(teams.name));
  const memberRows = teamRows.length
    ? await db
        .select({ teamId: members.teamId, school: members.school, key: members.schoolKey })
        .from(members)
        .where(
          inArray(
            members.teamId,
            teamRows.map((t) => t.id),
          ),
        )
    : [];
  const judgeRows = await db
    .select({ id: judges.id, userId: judges.userId, name: judges.name })
    .from(judges)
    .where(eq(judges.eventId, eventId))
    .orderBy(asc(judges.name));
  const judgeIds = judgeRows.map((j) => j.id);
  const [jc, js, ja] = judgeIds.length
    ? await Promise.all([
        db.select().from(judgeCategories).where(inArray(judgeCategories.judgeId, judgeIds)),
        db.select().from(judgeSchools).where(inArray(judgeSchools.judgeId, judgeIds)),
        db.select().from(judgeAssignments).where(inArray(judgeAssignments.judgeId, judgeIds)),
      ])
    : [[], [], []];
  return {
    eventId,
    locked: event.scoringLockedAt !== null,
    scoresVersion: event.scoresVersion,
    categories: cats.map((c) => {
      const rows = crits.filter((k) => k.categoryId === c.id);
      const tieBreak = rows.find(
        (k) => k.name.toLowerCase() === c.tieBreakCriterion?.toLowerCase(),
      );
      return {
        id: c.id,
        name: c.name,
        normalized: c.normalizedRanking,
        tieBreakCriterionId: tieBreak?.id ?? null,
        criteria: rows.map((k) => ({ id: k.id, weight: k.weight, maxScore: k.maxScore })),
        criteriaRows: rows,
      };
    }),
    teams: teamRows.map((t) => {
      const own = memberRows.filter((m) => m.teamId === t.id);
      return {
        ...t,
        schools: [...new Set(own.map((m) => m.school))],
        schoolKeys: [...new Set(own.map((m) => m.key))],
      };
    }),
    judges: judgeRows.map((j) => {
      const explicit = ja.filter((a) => a.judgeId === j.id).map((a) => a.teamId);
      return {
        ...j,
        categoryIds: jc.filter((c) => c.judgeId === j.id).map((c) => c.categoryId),
        schoolKeys: js.filter((s) => s.judgeId === j.id).map((s) => s.normalized),
        explicit: explicit.length ? new Set(explicit) : null,
      };
    }),
  };
}

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

async function loadCards(
  db: Db,
  eventId: string,
  judgeId?: string,
): Promise<
  Map<string, ScoreCard & { comment: string | null; commentShared: boolean; version: number }>
> {
  const scoreRows = await db
    .select()
    .from(scores)
    .where(
      judgeId
        ? and(eq(scores.eventId, eventId), eq(scores.judgeId, judgeId))
        : eq(scores.eventId, eventId),
    );
  const cardRows = await db
    .select()
    .from(scoreCards)
    .where(
      judgeId
        ? and(eq(scoreCards.eventId, eventId), eq(scoreCards.judgeId, judgeId))
        : eq(scoreCards.eventId, eventId),
    );
  const cards = new Map<
    string,
    ScoreCard & {
      comment: string | null;
      commentShared: boolean;
      version: number;
      scores: Record<string, number>;
    }
  >();
  for (const c of cardRows) {
    cards.set(`${c.judgeId}:${c.teamId}`, {
      judgeId: c.judgeId,
      teamId: c.teamId,
      scores: {},
      comment: c.comment,
      commentShared: c.commentShared,
      version: c.version,
    });
  }
  for (const s of scoreRows) {
    const key = `${s.judgeId}:${s.teamId}`;
    const card = cards.get(key) ?? {
      judgeId: s.judgeId,
      teamId: s.teamId,
      scores: {},
      comment: null,
      commentShared: true,
      version: 0,
    };
    card.scores[s.criterionId] = s.value;
    cards.set(key, card);
  }
  return cards;
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
  return db.transaction(async (tx) => {
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
        if (answer) return { ...answer, replay: true };
      }
    }
    const judge = await judgeOf(tx, userId);
    // Lock the event row: saves serialise against the scoring lock and bump one version.
    const [event] = await tx
      .select()
      .from(events)
      .where(eq(events.id, judge.eventId))
      .for("update");
    const facts = await loadScoringFacts(tx, judge, teamId);
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

    const existing = await tx
      .select()
      .from(scores)
      .where(and(eq(scores.judgeId, judge.id), eq(scores.teamId, teamId)));
    const [card] = await tx
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
    await tx
      .update(events)
      .set({ scoresVersion: sql`${events.scoresVersion} + 1` })
      .where(eq(events.id, judge.eventId));

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
    return { saved, eventId: judge.eventId, replay: false };
  });
}

type Cards = Awaited<ReturnType<typeof loadCards>>;

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
  const [context, cards] = await Promise.all([
    loadJudgingContext(db, eventId),
    loadCards(db, eventId),
  ]);
  return { leaderboard: leaderboardFrom(context, cards), progress: progressFrom(context, cards) };
}

export async function computeLeaderboard(db: Db, eventId: string): Promise<Leaderboard> {
  const [context, cards] = await Promise.all([
    loadJudgingContext(db, eventId),
    loadCards(db, eventId),
  ]);
  return leaderboardFrom(context, cards);
}

export async function computeProgress(db: Db, eventId: string): Promise<JudgingProgress> {
  const [context, cards] = await Promise.all([
    loadJudgingContext(db, eventId),
    loadCards(db, eventId),
  ]);
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
