// A judge saves scores and comments for one team. The checks and the changes to write are
// planned by a pure function (planScoreSave) from what the card held before; saveScores reads
// what the plan needs (from the cached judging state when it is current), writes the plan in
// one transaction and hands the saved card to the cache after the commit.
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import type { CriterionComment, ScoreSaved } from "../../../shared/api";
import { hasConflict } from "../../../shared/rules/conflicts";
import { cardTotal, type RankingCategory } from "../../../shared/rules/ranking";
import type { ScoreSave } from "../../../shared/schemas/judging";
import type { Db } from "../../db/client";
import { rowsOf } from "../../db/migrate";
import {
  categories,
  criteria,
  criterionComments,
  idempotencyKeys,
  judgeAssignments,
  judgeSchools,
  members,
  scoreCards,
  type scoreLog,
  scores,
  teams,
} from "../../db/schema";
import { AppError, type FieldError, notFound } from "../../lib/problems";
import {
  cachedJudgingState,
  cardKey,
  type JudgingState,
  latestJudgingState,
  recordSavedCard,
  type SavedCard,
} from "./state";

type LogRow = typeof scoreLog.$inferInsert;

/** What a save is checked against. */
export interface ScoringFacts {
  judge: { id: string; schoolKeys: readonly string[]; onPanel: boolean };
  team: { id: string; schoolKeys: readonly string[] };
  category: RankingCategory;
}

/** The card before the save: its scores, overall comment and criterion comments. */
export interface CardBefore {
  scores: Record<string, number>;
  comment: string | null;
  commentShared: boolean;
  version: number;
  notes: Record<string, CriterionComment>;
}

export interface ScoreSavePlan {
  /** Criterion scores that change, with their new values. */
  changedScores: { criterionId: string; value: number }[];
  comment: string | null;
  commentShared: boolean;
  /** Criterion comments to write, and the criteria whose comment goes. */
  notesToWrite: { criterionId: string; text: string; shared: boolean }[];
  notesToDelete: string[];
  /** One entry per changed score or comment: who, when, old and new. */
  log: Omit<LogRow, "eventId" | "judgeId" | "teamId" | "at" | "actorId">[];
  /** The card after the save. */
  scores: Record<string, number>;
  notes: Record<string, CriterionComment>;
  version: number;
  complete: boolean;
}

/**
 * Checks a save and plans its writes. Throws the problem a judge would see: a conflict of
 * interest first, then a team not on the judge's panel, then the lock, then each bad value.
 */
export function planScoreSave(
  facts: ScoringFacts,
  before: CardBefore,
  input: ScoreSave,
  locked: boolean,
): ScoreSavePlan {
  if (hasConflict(facts.judge.schoolKeys, facts.team.schoolKeys)) {
    throw new AppError(
      "conflict-of-interest",
      "You declared a school in this team, so you can't score it.",
    );
  }
  if (!facts.judge.onPanel)
    throw new AppError("not-assigned", "This team is not one of the teams you score.");
  if (locked) {
    throw new AppError(
      "scoring-locked",
      "Scoring is locked: the results are being prepared, so scores can't change now.",
    );
  }
  const known = new Map(facts.category.criteria.map((c) => [c.id, c]));
  const errors: FieldError[] = [];
  for (const [criterionId, value] of Object.entries(input.scores)) {
    const criterion = known.get(criterionId);
    if (!criterion)
      errors.push({
        path: `scores.${criterionId}`,
        message: "This is not one of the category's criteria.",
      });
    else if (value > criterion.maxScore)
      errors.push({
        path: `scores.${criterionId}`,
        message: `Scores for this criterion go from 0 to ${criterion.maxScore}.`,
      });
  }
  for (const criterionId of Object.keys(input.criterionComments ?? {})) {
    if (!known.has(criterionId))
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

  const log: ScoreSavePlan["log"] = [];
  const changedScores: ScoreSavePlan["changedScores"] = [];
  for (const [criterionId, value] of Object.entries(input.scores)) {
    const old = before.scores[criterionId];
    if (old === value) continue;
    changedScores.push({ criterionId, value });
    log.push({ criterionId, oldValue: old ?? null, newValue: value });
  }

  // No comment field keeps the old comment; an empty one clears it.
  const comment = input.comment === undefined ? before.comment : input.comment || null;
  const commentShared = input.commentShared ?? before.commentShared;
  const wasShared = before.comment ? before.commentShared : null;
  if (
    before.comment !== comment ||
    (comment !== null && wasShared !== null && wasShared !== commentShared)
  ) {
    log.push({
      oldComment: before.comment,
      newComment: comment,
      oldShared: wasShared,
      newShared: comment === null ? null : commentShared,
    });
  }

  const notes = { ...before.notes };
  const notesToWrite: ScoreSavePlan["notesToWrite"] = [];
  const notesToDelete: string[] = [];
  for (const [criterionId, note] of Object.entries(input.criterionComments ?? {})) {
    const old = before.notes[criterionId];
    const shared = note.shared ?? old?.shared ?? true;
    // A change of text, or of who may read it (sharing with a child is worth an audit trail).
    if ((old?.text ?? "") !== note.text || (note.text && old && old.shared !== shared)) {
      log.push({
        criterionId,
        oldComment: old?.text ?? null,
        newComment: note.text || null,
        oldShared: old ? old.shared : null,
        newShared: note.text ? shared : null,
      });
    }
    if (!note.text) {
      if (old) notesToDelete.push(criterionId);
      delete notes[criterionId];
      continue;
    }
    if (old?.text === note.text && old.shared === shared) continue;
    notesToWrite.push({ criterionId, text: note.text, shared });
    notes[criterionId] = { text: note.text, shared };
  }

  const merged = { ...before.scores, ...input.scores };
  return {
    changedScores,
    comment,
    commentShared,
    notesToWrite,
    notesToDelete,
    log,
    scores: merged,
    notes,
    version: before.version + 1,
    complete:
      cardTotal(facts.category, {
        judgeId: facts.judge.id,
        teamId: facts.team.id,
        scores: merged,
      }) !== null,
  };
}

/** The facts of a save from the cached state; null when the team is not judged. */
function factsFromState(state: JudgingState, judgeId: string, teamId: string): ScoringFacts | null {
  const { context } = state;
  const judge = context.judgeById.get(judgeId);
  const team = context.teamById.get(teamId);
  const category = team && context.categoryById.get(team.categoryId);
  if (!judge || !team || !category) return null;
  return {
    judge: { id: judge.id, schoolKeys: judge.schoolKeys, onPanel: judge.teamIds.has(teamId) },
    team: { id: team.id, schoolKeys: team.schoolKeys },
    category,
  };
}

/** The facts of a save read from the tables, when no current state is cached. */
async function loadFacts(
  db: Db,
  judgeId: string,
  eventId: string,
  teamId: string,
): Promise<ScoringFacts | null> {
  const [team] = await db
    .select({ id: teams.id, categoryId: teams.categoryId, checkedInAt: teams.checkedInAt })
    .from(teams)
    .where(and(eq(teams.id, teamId), eq(teams.eventId, eventId)));
  if (!team?.checkedInAt) return null;
  const [teamSchools, declared, seat, [category], crits] = await Promise.all([
    db.selectDistinct({ key: members.schoolKey }).from(members).where(eq(members.teamId, teamId)),
    db
      .select({ key: judgeSchools.normalized })
      .from(judgeSchools)
      .where(eq(judgeSchools.judgeId, judgeId)),
    db
      .select({ teamId: judgeAssignments.teamId })
      .from(judgeAssignments)
      .where(and(eq(judgeAssignments.judgeId, judgeId), eq(judgeAssignments.teamId, teamId))),
    db.select().from(categories).where(eq(categories.id, team.categoryId)),
    db
      .select()
      .from(criteria)
      .where(eq(criteria.categoryId, team.categoryId))
      .orderBy(asc(criteria.position)),
  ]);
  const tieBreak = crits.find(
    (k) => k.name.toLowerCase() === category?.tieBreakCriterion?.toLowerCase(),
  );
  return {
    judge: { id: judgeId, schoolKeys: declared.map((d) => d.key), onPanel: seat.length > 0 },
    team: { id: teamId, schoolKeys: teamSchools.map((s) => s.key) },
    category: {
      id: team.categoryId,
      name: category?.name ?? "",
      normalized: category?.normalizedRanking ?? false,
      tieBreakCriterionId: tieBreak?.id ?? null,
      criteria: crits.map((k) => ({ id: k.id, weight: k.weight, maxScore: k.maxScore })),
    },
  };
}

/** The card before a save, read from the tables when no current state is cached. */
async function loadCardBefore(tx: Db, judgeId: string, teamId: string): Promise<CardBefore> {
  const [rows, [row], noteRows] = await Promise.all([
    tx
      .select({ criterionId: scores.criterionId, value: scores.value })
      .from(scores)
      .where(and(eq(scores.judgeId, judgeId), eq(scores.teamId, teamId))),
    tx
      .select()
      .from(scoreCards)
      .where(and(eq(scoreCards.judgeId, judgeId), eq(scoreCards.teamId, teamId))),
    tx
      .select({
        criterionId: criterionComments.criterionId,
        text: criterionComments.text,
        shared: criterionComments.shared,
      })
      .from(criterionComments)
      .where(and(eq(criterionComments.judgeId, judgeId), eq(criterionComments.teamId, teamId))),
  ]);
  return {
    scores: Object.fromEntries(rows.map((r) => [r.criterionId, r.value])),
    // A card without a row reads as no card: no comment, shared, version 0.
    comment: row?.comment ?? null,
    commentShared: row?.commentShared ?? true,
    version: row?.version ?? 0,
    notes: Object.fromEntries(
      noteRows.map((n) => [n.criterionId, { text: n.text, shared: n.shared }]),
    ),
  };
}

const noCard: CardBefore = {
  scores: {},
  comment: null,
  commentShared: true,
  version: 0,
  notes: {},
};

/**
 * Every write of a save in one statement (data-modifying CTEs), ending with the event's version
 * bump: a save is one round trip to the database after its checks, not six.
 */
function writeStatement(
  ids: { eventId: string; judgeId: string; teamId: string; userId: string },
  plan: ScoreSavePlan,
  now: Date,
  idempotency: { key: string; response: unknown } | null,
  /**
   * Without the events row locked beforehand: the events row key the plan was made at. The
   * statement then locks the row itself and writes only while the row is still at that key,
   * scoring is open and the idempotency key is new; otherwise it writes nothing and returns no
   * row (see saveOnCachedState).
   */
  expectedKey: string | null = null,
) {
  const { eventId, judgeId, teamId, userId } = ids;
  const at = sql`${now.toISOString()}::timestamptz`;
  const parts: SQL[] = [];
  // Gated rows come from a SELECT, where parameters carry no column type: cast them.
  const id = (value: string) => sql`${value}::uuid`;
  const gated = (columns: string, values: SQL) =>
    expectedKey === null
      ? sql`VALUES ${values}`
      : sql`SELECT * FROM (VALUES ${values}) AS v(${sql.raw(columns)}) WHERE EXISTS (SELECT 1 FROM go)`;
  if (expectedKey !== null) {
    parts.push(sql`lk AS (
      SELECT set_config('hmj.judging_bumped', 'on', true) AS bumped
      FROM judges j JOIN events e ON e.id = j.event_id
      WHERE j.id = ${judgeId} AND j.user_id = ${userId} AND e.id = ${eventId}
        AND e.scoring_locked_at IS NULL
        AND e.xmin::text || ':' || e.scores_version = ${expectedKey}
      FOR UPDATE OF e)`);
    if (idempotency) {
      parts.push(sql`k AS (
        INSERT INTO idempotency_keys (user_id, key, response)
        SELECT ${userId}, ${idempotency.key}, ${JSON.stringify(idempotency.response)}::jsonb FROM lk
        ON CONFLICT DO NOTHING
        RETURNING 1)`);
      parts.push(sql`go AS (SELECT 1 FROM lk WHERE EXISTS (SELECT 1 FROM k))`);
    } else parts.push(sql`go AS (SELECT 1 FROM lk)`);
  }
  if (plan.changedScores.length) {
    const values = sql.join(
      plan.changedScores.map(
        (s) =>
          sql`(${id(eventId)}, ${id(judgeId)}, ${id(teamId)}, ${id(s.criterionId)}, ${s.value}::integer, ${at})`,
      ),
      sql`, `,
    );
    parts.push(sql`s AS (
      INSERT INTO scores (event_id, judge_id, team_id, criterion_id, value, updated_at)
      ${gated("event_id, judge_id, team_id, criterion_id, value, updated_at", values)}
      ON CONFLICT (judge_id, team_id, criterion_id)
      DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
      RETURNING 1)`);
  }
  if (plan.log.length) {
    const values = sql.join(
      plan.log.map(
        (l) =>
          sql`(${id(eventId)}, ${id(judgeId)}, ${id(teamId)}, ${l.criterionId ?? null}::uuid, ${l.oldValue ?? null}::integer, ${l.newValue ?? null}::integer, ${l.oldComment ?? null}::text, ${l.newComment ?? null}::text, ${l.oldShared ?? null}::boolean, ${l.newShared ?? null}::boolean, ${at}, ${id(userId)})`,
      ),
      sql`, `,
    );
    parts.push(sql`l AS (
      INSERT INTO score_log (event_id, judge_id, team_id, criterion_id, old_value, new_value,
        old_comment, new_comment, old_shared, new_shared, at, actor_id)
      ${gated("event_id, judge_id, team_id, criterion_id, old_value, new_value, old_comment, new_comment, old_shared, new_shared, at, actor_id", values)}
      RETURNING 1)`);
  }
  if (plan.notesToDelete.length) {
    parts.push(sql`d AS (
      DELETE FROM criterion_comments
      WHERE judge_id = ${judgeId} AND team_id = ${teamId}
        AND criterion_id IN (${sql.join(
          plan.notesToDelete.map((id) => sql`${id}`),
          sql`, `,
        )})${expectedKey === null ? sql`` : sql` AND EXISTS (SELECT 1 FROM go)`}
      RETURNING 1)`);
  }
  if (plan.notesToWrite.length) {
    const values = sql.join(
      plan.notesToWrite.map(
        (n) =>
          sql`(${id(judgeId)}, ${id(teamId)}, ${id(n.criterionId)}, ${id(eventId)}, ${n.text}::text, ${n.shared}::boolean, ${at})`,
      ),
      sql`, `,
    );
    parts.push(sql`n AS (
      INSERT INTO criterion_comments (judge_id, team_id, criterion_id, event_id, text, shared, updated_at)
      ${gated("judge_id, team_id, criterion_id, event_id, text, shared, updated_at", values)}
      ON CONFLICT (judge_id, team_id, criterion_id)
      DO UPDATE SET text = excluded.text, shared = excluded.shared, updated_at = excluded.updated_at
      RETURNING 1)`);
  }
  parts.push(sql`c AS (
    INSERT INTO score_cards (judge_id, team_id, event_id, comment, comment_shared, version, updated_at)
    ${gated(
      "judge_id, team_id, event_id, comment, comment_shared, version, updated_at",
      sql`(${id(judgeId)}, ${id(teamId)}, ${id(eventId)}, ${plan.comment}::text, ${plan.commentShared}::boolean, ${plan.version}::integer, ${at})`,
    )}
    ON CONFLICT (judge_id, team_id)
    DO UPDATE SET comment = excluded.comment, comment_shared = excluded.comment_shared,
      version = excluded.version, updated_at = excluded.updated_at
    RETURNING 1)`);
  if (idempotency && expectedKey === null) {
    parts.push(sql`k AS (
      UPDATE idempotency_keys SET response = ${JSON.stringify(idempotency.response)}::jsonb
      WHERE user_id = ${userId} AND key = ${idempotency.key}
      RETURNING 1)`);
  }
  return sql`WITH ${sql.join(parts, sql`, `)}
    UPDATE events SET scores_version = scores_version + 1
    WHERE id = ${eventId}${expectedKey === null ? sql`` : sql` AND EXISTS (SELECT 1 FROM go)`}
    RETURNING xmin::text || ':' || scores_version AS key, scores_version AS version`;
}

type LockedRow = {
  judgeId: string;
  eventId: string;
  locked: boolean;
  key: string;
  fresh: number;
};

export interface SaveScoresParams {
  userId: string;
  teamId: string;
  input: ScoreSave;
  now: Date;
}

export interface SaveScoresResult {
  saved: ScoreSaved;
  eventId: string;
  /** True when this was a repeat of an idempotency key: nothing was written. */
  replay: boolean;
  /** The card as the judging state takes it, for other instances; null on a replay. */
  card: SavedCard | null;
}

/**
 * Saves a judge's scores for a team in one transaction. With an idempotency key, the key is
 * stored with the write; a replay waits for the first write to commit, then gets its answer
 * and writes nothing.
 */
export async function saveScores(db: Db, params: SaveScoresParams): Promise<SaveScoresResult> {
  return (await saveOnCachedState(db, params)) ?? (await saveLocked(db, params));
}

/**
 * How many saves took each path since start-up: the one-statement path should carry nearly all
 * of a busy event's saves (tests check it does).
 */
export const savePaths = { oneStatement: 0, locked: 0 };

/** Each judge's user account and judge row, as their list or first save found them. */
const judgeOfUser = new WeakMap<Db, Map<string, { judgeId: string; eventId: string }>>();

/**
 * Notes which judge row a user is, so that their saves can take the one-statement path. A
 * wrong note costs nothing but that path: the statement checks the judge row and user itself.
 */
export function rememberJudge(db: Db, userId: string, judgeId: string, eventId: string): void {
  const known = judgeOfUser.get(db) ?? new Map<string, { judgeId: string; eventId: string }>();
  judgeOfUser.set(db, known);
  known.set(userId, { judgeId, eventId });
}

/**
 * The common case of a busy event, in one statement instead of four (begin, lock and read,
 * write, commit): the save is planned from the cached judging state, and the statement locks the
 * events row, checks it is still at the key that state was read at, and writes only then. Any
 * doubt (no cached state, a refusal to explain, a replayed idempotency key, another write in
 * between, scoring locked) writes nothing and returns null, and the save takes the locked path,
 * which gives the answer.
 */
async function saveOnCachedState(
  db: Db,
  params: SaveScoresParams,
): Promise<SaveScoresResult | null> {
  const known = judgeOfUser.get(db)?.get(params.userId);
  if (!known) return null;
  // One at a time per event, each planned from the state the one before left: saves planned
  // side by side would all be planned at one key, and all but the first would find it moved
  // on. The database serialises an event's saves on its row anyway.
  return inLane(db, known.eventId, () => saveIfCurrent(db, params, known));
}

const lanes = new WeakMap<Db, Map<string, Promise<unknown>>>();

function inLane<T>(db: Db, eventId: string, work: () => Promise<T>): Promise<T> {
  const byEvent = lanes.get(db) ?? new Map<string, Promise<unknown>>();
  lanes.set(db, byEvent);
  const previous = byEvent.get(eventId) ?? Promise.resolve();
  const run = previous.then(work, work);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  byEvent.set(eventId, settled);
  // The last in the lane leaves no entry behind.
  void settled.then(() => {
    if (byEvent.get(eventId) === settled) byEvent.delete(eventId);
  });
  return run;
}

async function saveIfCurrent(
  db: Db,
  params: SaveScoresParams,
  known: { judgeId: string; eventId: string },
): Promise<SaveScoresResult | null> {
  const { userId, teamId, input, now } = params;
  const { judgeId, eventId } = known;
  const state = latestJudgingState(db, eventId);
  if (!state) return null;
  const facts = factsFromState(state, judgeId, teamId);
  if (!facts) return null;
  let plan: ScoreSavePlan;
  try {
    plan = planScoreSave(facts, cardBeforeIn(state, judgeId, teamId), input, false);
  } catch {
    return null;
  }
  const expectedKey = state.key;
  const saved = savedAnswer(teamId, plan, now);
  const written = await db.execute<{ key: string; version: number }>(
    writeStatement(
      { eventId, judgeId, teamId, userId },
      plan,
      now,
      input.idempotencyKey ? { key: input.idempotencyKey, response: { saved, eventId } } : null,
      expectedKey,
    ),
  );
  const after = rowsOf<{ key: string; version: number }>(written)[0];
  if (!after) return null;
  savePaths.oneStatement++;
  const card = savedCard(expectedKey, after, judgeId, teamId, plan);
  recordSavedCard(db, eventId, card);
  return { saved, eventId, replay: false, card };
}

function cardBeforeIn(state: JudgingState, judgeId: string, teamId: string): CardBefore {
  const card = state.cards.get(cardKey(judgeId, teamId));
  if (!card) return noCard;
  return {
    scores: { ...card.scores },
    comment: card.comment,
    commentShared: card.commentShared,
    version: card.version,
    notes: { ...card.notes },
  };
}

function savedAnswer(teamId: string, plan: ScoreSavePlan, now: Date): ScoreSaved {
  return {
    teamId,
    scores: plan.scores,
    comment: plan.comment,
    commentShared: plan.commentShared,
    criterionComments: plan.notes,
    version: plan.version,
    complete: plan.complete,
    updatedAt: now.toISOString(),
  };
}

function savedCard(
  before: string,
  after: { key: string; version: number },
  judgeId: string,
  teamId: string,
  plan: ScoreSavePlan,
): SavedCard {
  return {
    before,
    after: { key: after.key, version: Number(after.version) },
    card: {
      judgeId,
      teamId,
      scores: { ...plan.scores },
      comment: plan.comment,
      commentShared: plan.commentShared,
      version: plan.version,
      notes: { ...plan.notes },
    },
  };
}

/** A save with the events row locked first: always right, and the source of every refusal. */
async function saveLocked(db: Db, params: SaveScoresParams): Promise<SaveScoresResult> {
  const { userId, teamId, input, now } = params;
  savePaths.locked++;
  const result = await db.transaction(async (tx) => {
    // One statement: keep the idempotency key (a replay racing the first request waits here
    // for it to commit), lock the events row (saves serialise against the scoring lock and bump
    // one version, once: the triggers that would bump it per row are told so), and read what
    // the save is checked against.
    const key = input.idempotencyKey ?? null;
    const locked = await tx.execute<LockedRow>(sql`
      WITH k AS (
        INSERT INTO idempotency_keys (user_id, key)
        SELECT ${userId}, ${key}::text WHERE ${key}::text IS NOT NULL
        ON CONFLICT DO NOTHING
        RETURNING 1
      )
      SELECT j.id AS "judgeId", j.event_id AS "eventId",
        e.scoring_locked_at IS NOT NULL AS "locked",
        e.xmin::text || ':' || e.scores_version AS "key",
        set_config('hmj.judging_bumped', 'on', true) AS "bumped",
        (SELECT count(*) FROM k)::int AS "fresh"
      FROM judges j JOIN events e ON e.id = j.event_id
      WHERE j.user_id = ${userId}
      FOR UPDATE OF e`);
    const [row] = rowsOf<LockedRow>(locked);
    if (key && row && Number(row.fresh) === 0) {
      const [first] = await tx
        .select({ response: idempotencyKeys.response })
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
      const answer = first?.response as { saved: ScoreSaved; eventId: string } | null;
      if (answer) return { ...answer, replay: true, card: null, judgeId: null };
    }
    if (!row) throw new AppError("forbidden", "Only judges can score.");
    const { judgeId, eventId } = row;
    // With the row locked, a cached state with the row's key is exactly what the tables hold.
    const cached = cachedJudgingState(db, eventId, row.key);
    const facts = cached
      ? factsFromState(cached, judgeId, teamId)
      : await loadFacts(tx, judgeId, eventId, teamId);
    if (!facts) throw notFound("team");
    const before = cached
      ? cardBeforeIn(cached, judgeId, teamId)
      : await loadCardBefore(tx, judgeId, teamId);
    const plan = planScoreSave(facts, before, input, row.locked);
    const saved = savedAnswer(teamId, plan, now);
    const written = await tx.execute<{ key: string; version: number }>(
      writeStatement(
        { eventId, judgeId, teamId, userId },
        plan,
        now,
        input.idempotencyKey ? { key: input.idempotencyKey, response: { saved, eventId } } : null,
      ),
    );
    const after = rowsOf<{ key: string; version: number }>(written)[0]!;
    const card = savedCard(row.key, after, judgeId, teamId, plan);
    return { saved, eventId, replay: false, card, judgeId };
  });
  const { judgeId, ...answer } = result;
  if (judgeId) rememberJudge(db, userId, judgeId, answer.eventId);
  // Only now, committed: a state cached before this save becomes the state after it.
  if (answer.card) recordSavedCard(db, answer.eventId, answer.card);
  return answer;
}
