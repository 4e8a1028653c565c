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
  recordSavedCards,
  type SavedCards,
} from "./state";

type LogRow = typeof scoreLog.$inferInsert;

/** What a save is checked against. */
export interface ScoringFacts {
  judge: { id: string; schoolIds: readonly string[]; onPanel: boolean };
  team: { id: string; schoolIds: readonly string[] };
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
  if (hasConflict(facts.judge.schoolIds, facts.team.schoolIds)) {
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
    judge: { id: judge.id, schoolIds: judge.schoolIds, onPanel: judge.teamIds.has(teamId) },
    team: { id: team.id, schoolIds: team.schoolIds },
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
    db.selectDistinct({ key: members.schoolId }).from(members).where(eq(members.teamId, teamId)),
    db
      .select({ key: judgeSchools.schoolId })
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
    judge: { id: judgeId, schoolIds: declared.map((d) => d.key), onPanel: seat.length > 0 },
    team: { id: teamId, schoolIds: teamSchools.map((s) => s.key) },
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

/** One card's writes, as the statement takes them. */
interface CardWrite {
  judgeId: string;
  teamId: string;
  userId: string;
  plan: ScoreSavePlan;
  now: Date;
  idempotency: { key: string; response: unknown } | null;
}

/**
 * Every write of one or more saves of an event in one statement (data-modifying CTEs), ending
 * with one bump of the event's version: a save is one round trip to the database after its
 * checks, and saves queued together share it. The cards must be distinct.
 */
function writeStatement(
  eventId: string,
  writes: readonly CardWrite[],
  /**
   * Without the events row locked beforehand: the events row key the plans were made at. The
   * statement then locks the row itself and writes only while the row is still at that key,
   * scoring is open, every judge is still the user's and every idempotency key is new;
   * otherwise it writes nothing and returns no row (see saveOnCachedState).
   */
  expectedKey: string | null = null,
) {
  const parts: SQL[] = [];
  // Gated rows come from a SELECT, where parameters carry no column type: cast them.
  const id = (value: string) => sql`${value}::uuid`;
  const at = (w: CardWrite) => sql`${w.now.toISOString()}::timestamptz`;
  const gated = (columns: string, values: SQL) =>
    expectedKey === null
      ? sql`VALUES ${values}`
      : sql`SELECT * FROM (VALUES ${values}) AS v(${sql.raw(columns)}) WHERE EXISTS (SELECT 1 FROM go)`;
  const rows = <T>(items: readonly T[], row: (item: T) => SQL) => sql.join(items.map(row), sql`, `);
  const keyed = writes.filter((w) => w.idempotency);
  if (expectedKey !== null) {
    const judgesOf = new Map(writes.map((w) => [w.judgeId, w.userId]));
    parts.push(sql`lk AS (
      SELECT set_config('hmj.judging_bumped', 'on', true) AS bumped
      FROM events e
      WHERE e.id = ${eventId}
        AND e.scoring_locked_at IS NULL
        AND e.xmin::text || ':' || e.scores_version = ${expectedKey}
        AND (SELECT count(*) FROM judges j
             WHERE j.event_id = e.id AND (j.id, j.user_id) IN (${rows(
               [...judgesOf],
               ([judgeId, userId]) => sql`(${id(judgeId)}, ${id(userId)})`,
             )})) = ${judgesOf.size}
      FOR UPDATE)`);
    if (keyed.length) {
      parts.push(sql`k AS (
        INSERT INTO idempotency_keys (user_id, key, response)
        SELECT v.user_id, v.key, v.response
        FROM (VALUES ${rows(
          keyed,
          (w) =>
            sql`(${id(w.userId)}, ${w.idempotency!.key}::text, ${JSON.stringify(w.idempotency!.response)}::jsonb)`,
        )}) AS v(user_id, key, response), lk
        ON CONFLICT DO NOTHING
        RETURNING 1)`);
      parts.push(sql`go AS (SELECT 1 FROM lk WHERE (SELECT count(*) FROM k) = ${keyed.length})`);
    } else parts.push(sql`go AS (SELECT 1 FROM lk)`);
  }
  const changedScores = writes.flatMap((w) => w.plan.changedScores.map((c) => ({ w, c })));
  if (changedScores.length) {
    parts.push(sql`s AS (
      INSERT INTO scores (event_id, judge_id, team_id, criterion_id, value, updated_at)
      ${gated(
        "event_id, judge_id, team_id, criterion_id, value, updated_at",
        rows(
          changedScores,
          ({ w, c }) =>
            sql`(${id(eventId)}, ${id(w.judgeId)}, ${id(w.teamId)}, ${id(c.criterionId)}, ${c.value}::integer, ${at(w)})`,
        ),
      )}
      ON CONFLICT (judge_id, team_id, criterion_id)
      DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
      RETURNING 1)`);
  }
  const log = writes.flatMap((w) => w.plan.log.map((l) => ({ w, l })));
  if (log.length) {
    parts.push(sql`l AS (
      INSERT INTO score_log (event_id, judge_id, team_id, criterion_id, old_value, new_value,
        old_comment, new_comment, old_shared, new_shared, at, actor_id)
      ${gated(
        "event_id, judge_id, team_id, criterion_id, old_value, new_value, old_comment, new_comment, old_shared, new_shared, at, actor_id",
        rows(
          log,
          ({ w, l }) =>
            sql`(${id(eventId)}, ${id(w.judgeId)}, ${id(w.teamId)}, ${l.criterionId ?? null}::uuid, ${l.oldValue ?? null}::integer, ${l.newValue ?? null}::integer, ${l.oldComment ?? null}::text, ${l.newComment ?? null}::text, ${l.oldShared ?? null}::boolean, ${l.newShared ?? null}::boolean, ${at(w)}, ${id(w.userId)})`,
        ),
      )}
      RETURNING 1)`);
  }
  const notesToDelete = writes.flatMap((w) =>
    w.plan.notesToDelete.map((criterionId) => ({ w, criterionId })),
  );
  if (notesToDelete.length) {
    parts.push(sql`d AS (
      DELETE FROM criterion_comments
      WHERE (judge_id, team_id, criterion_id) IN (${rows(
        notesToDelete,
        ({ w, criterionId }) => sql`(${id(w.judgeId)}, ${id(w.teamId)}, ${id(criterionId)})`,
      )})${expectedKey === null ? sql`` : sql` AND EXISTS (SELECT 1 FROM go)`}
      RETURNING 1)`);
  }
  const notesToWrite = writes.flatMap((w) => w.plan.notesToWrite.map((n) => ({ w, n })));
  if (notesToWrite.length) {
    parts.push(sql`n AS (
      INSERT INTO criterion_comments (judge_id, team_id, criterion_id, event_id, text, shared, updated_at)
      ${gated(
        "judge_id, team_id, criterion_id, event_id, text, shared, updated_at",
        rows(
          notesToWrite,
          ({ w, n }) =>
            sql`(${id(w.judgeId)}, ${id(w.teamId)}, ${id(n.criterionId)}, ${id(eventId)}, ${n.text}::text, ${n.shared}::boolean, ${at(w)})`,
        ),
      )}
      ON CONFLICT (judge_id, team_id, criterion_id)
      DO UPDATE SET text = excluded.text, shared = excluded.shared, updated_at = excluded.updated_at
      RETURNING 1)`);
  }
  parts.push(sql`c AS (
    INSERT INTO score_cards (judge_id, team_id, event_id, comment, comment_shared, version, updated_at)
    ${gated(
      "judge_id, team_id, event_id, comment, comment_shared, version, updated_at",
      rows(
        writes,
        (w) =>
          sql`(${id(w.judgeId)}, ${id(w.teamId)}, ${id(eventId)}, ${w.plan.comment}::text, ${w.plan.commentShared}::boolean, ${w.plan.version}::integer, ${at(w)})`,
      ),
    )}
    ON CONFLICT (judge_id, team_id)
    DO UPDATE SET comment = excluded.comment, comment_shared = excluded.comment_shared,
      version = excluded.version, updated_at = excluded.updated_at
    RETURNING 1)`);
  if (keyed.length && expectedKey === null) {
    // The locked path kept the keys before its checks, without their answers.
    parts.push(sql`k AS (
      UPDATE idempotency_keys SET response = v.response
      FROM (VALUES ${rows(
        keyed,
        (w) =>
          sql`(${id(w.userId)}, ${w.idempotency!.key}::text, ${JSON.stringify(w.idempotency!.response)}::jsonb)`,
      )}) AS v(user_id, key, response)
      WHERE idempotency_keys.user_id = v.user_id AND idempotency_keys.key = v.key
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
  /**
   * What the judging state takes from the write, for other instances; null on a replay. Saves
   * written in one statement share it.
   */
  record: SavedCards | null;
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
 * How many saves took each path since start-up, and how many statements carried the
 * one-statement saves: that path should carry nearly all of a busy event's saves (tests check
 * it does), several to a statement when they queue.
 */
export const savePaths = { oneStatement: 0, locked: 0, statements: 0 };

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

/** A save waiting in its event's lane for the next statement. */
interface Queued {
  params: SaveScoresParams;
  judgeId: string;
  done: (result: SaveScoresResult | null) => void;
}

/** At most this many saves share a statement: a longer queue waits for the next one. */
const BATCH_MAX = 32;

/** Per database, the saves of each event waiting for a statement; absent when none runs. */
const lanes = new WeakMap<Db, Map<string, Queued[]>>();

/**
 * The common case of a busy event, in one statement instead of four (begin, lock and read,
 * write, commit): the save is planned from the cached judging state, and the statement locks the
 * events row, checks it is still at the key that state was read at, and writes only then.
 *
 * An event's saves go one statement at a time, each planned from the state the one before
 * left (saves planned side by side would all be planned at one key, and all but the first
 * would find it moved on; the database serialises them on the events row anyway). The saves
 * that arrive while a statement runs are written together by the next one: one round trip and
 * one version for all of them, which is what lets a busy event's saves keep up.
 *
 * Any doubt (no cached state, a refusal to explain, a replayed idempotency key, another write
 * in between, scoring locked, an error) writes nothing and answers null, and each save of the
 * statement takes the locked path, which gives its answer.
 */
function saveOnCachedState(db: Db, params: SaveScoresParams): Promise<SaveScoresResult | null> {
  const known = judgeOfUser.get(db)?.get(params.userId);
  if (!known) return Promise.resolve(null);
  return new Promise((done) => {
    const byEvent = lanes.get(db) ?? new Map<string, Queued[]>();
    lanes.set(db, byEvent);
    const queued = { params, judgeId: known.judgeId, done };
    const lane = byEvent.get(known.eventId);
    if (lane) lane.push(queued);
    else {
      const fresh = [queued];
      byEvent.set(known.eventId, fresh);
      // The first statement waits for the requests already read in this turn of the event
      // loop: the embedded database runs on this thread, so while a statement runs no other
      // request is read, and without this wait saves would never queue behind one.
      setImmediate(() => void drain(db, known.eventId, fresh, byEvent));
    }
  });
}

async function drain(
  db: Db,
  eventId: string,
  lane: Queued[],
  byEvent: Map<string, Queued[]>,
): Promise<void> {
  while (lane.length) {
    const batch = takeBatch(lane);
    try {
      await writeQueued(db, eventId, batch);
    } catch {
      // Whatever went wrong, no save is left waiting: the locked path answers each.
      for (const q of batch) q.done(null);
    }
  }
  // Nothing can join between the check above and this: no await comes between.
  byEvent.delete(eventId);
}

/**
 * The next statement's saves, in order: distinct cards (a card's second save is planned from
 * its first) and distinct idempotency keys. The others stay queued, in order.
 */
function takeBatch(lane: Queued[]): Queued[] {
  const batch: Queued[] = [];
  const rest: Queued[] = [];
  const cards = new Set<string>();
  const keys = new Set<string>();
  for (const q of lane) {
    const card = cardKey(q.judgeId, q.params.teamId);
    const key =
      q.params.input.idempotencyKey && `${q.params.userId}:${q.params.input.idempotencyKey}`;
    if (batch.length < BATCH_MAX && !cards.has(card) && !(key && keys.has(key))) {
      batch.push(q);
      cards.add(card);
      if (key) keys.add(key);
    } else rest.push(q);
  }
  lane.splice(0, lane.length, ...rest);
  return batch;
}

/** Writes the saves of one statement and answers each (null: take the locked path). */
async function writeQueued(db: Db, eventId: string, batch: Queued[]): Promise<void> {
  const state = latestJudgingState(db, eventId);
  const writes: { q: Queued; write: CardWrite; saved: ScoreSaved }[] = [];
  for (const q of batch) {
    const { userId, teamId, input, now } = q.params;
    const facts = state && factsFromState(state, q.judgeId, teamId);
    let plan: ScoreSavePlan | null = null;
    try {
      if (facts) plan = planScoreSave(facts, cardBeforeIn(state, q.judgeId, teamId), input, false);
    } catch {
      // A refusal: the locked path explains it.
    }
    if (!plan) {
      q.done(null);
      continue;
    }
    const saved = savedAnswer(teamId, plan, now);
    const idempotency = input.idempotencyKey
      ? { key: input.idempotencyKey, response: { saved, eventId } }
      : null;
    writes.push({
      q,
      saved,
      write: { judgeId: q.judgeId, teamId, userId, plan, now, idempotency },
    });
  }
  if (!state || !writes.length) return;
  let after: { key: string; version: number } | undefined;
  try {
    const written = await db.execute<{ key: string; version: number }>(
      writeStatement(
        eventId,
        writes.map((w) => w.write),
        state.key,
      ),
    );
    after = rowsOf<{ key: string; version: number }>(written)[0];
  } catch {
    // The locked path meets the same error, if it lasts, and reports it.
  }
  if (!after) {
    for (const w of writes) w.q.done(null);
    return;
  }
  savePaths.oneStatement += writes.length;
  savePaths.statements++;
  const record = savedRecord(
    state.key,
    after,
    writes.map((w) => w.write),
  );
  recordSavedCards(db, eventId, record);
  for (const w of writes) w.q.done({ saved: w.saved, eventId, replay: false, record });
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

function savedRecord(
  before: string,
  after: { key: string; version: number },
  writes: readonly CardWrite[],
): SavedCards {
  return {
    before,
    after: { key: after.key, version: Number(after.version) },
    cards: writes.map(({ judgeId, teamId, plan }) => ({
      judgeId,
      teamId,
      scores: { ...plan.scores },
      comment: plan.comment,
      commentShared: plan.commentShared,
      version: plan.version,
      notes: { ...plan.notes },
    })),
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
      if (answer) return { ...answer, replay: true, record: null, judgeId: null };
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
    const write: CardWrite = {
      judgeId,
      teamId,
      userId,
      plan,
      now,
      idempotency: input.idempotencyKey
        ? { key: input.idempotencyKey, response: { saved, eventId } }
        : null,
    };
    const written = await tx.execute<{ key: string; version: number }>(
      writeStatement(eventId, [write]),
    );
    const after = rowsOf<{ key: string; version: number }>(written)[0]!;
    const record = savedRecord(row.key, after, [write]);
    return { saved, eventId, replay: false, record, judgeId };
  });
  const { judgeId, ...answer } = result;
  if (judgeId) rememberJudge(db, userId, judgeId, answer.eventId);
  // Only now, committed: a state cached before this save becomes the state after it.
  if (answer.record) recordSavedCards(db, answer.eventId, answer.record);
  return answer;
}
