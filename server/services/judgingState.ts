// The judging state of an event: what the leaderboard and the progress grid are computed from
// (the rubric, the checked-in teams, the judges and every score card), read once and then kept
// per event while nothing changes it.
//
// "Nothing changes it" is decided by the database, not by remembering to invalidate: triggers
// (migration 0011) bump the event's scores_version, and so rewrite its events row, whenever a
// row the state is made of changes, whoever writes it. The key of a state is that row's xmin
// (the transaction that last wrote it) and scores_version, read just before the state. A
// reader compares the key with one small query; a score save, which holds the events
// row locked, applies its own card to the cached state after it commits instead of having the
// whole state read again.
import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { RankingCategory, ScoreCard } from "../../shared/rules/ranking";
import type { Db } from "../db/client";
import {
  categories,
  criteria,
  events,
  judgeAssignments,
  judgeCategories,
  judgeSchools,
  judges,
  members,
  scoreCards,
  scores,
  teams,
} from "../db/schema";
import { notFound } from "../lib/problems";

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

export async function loadCards(db: Db, eventId: string, judgeId?: string): Promise<Cards> {
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

export type Card = ScoreCard & { comment: string | null; commentShared: boolean; version: number };
/** Score cards by `${judgeId}:${teamId}`. */
export type Cards = Map<string, Card>;

export interface JudgingState {
  /** The events row's xmin and scores_version when this state was read. */
  key: string;
  context: JudgingContext;
  cards: Cards;
}

/** Selects the state key of the events row; use it in a query on `events`. */
export const stateKey = sql<string>`${events}.xmin::text || ':' || ${events.scoresVersion}`;

// Per database object, so two databases in one process (tests, an import) never share.
const caches = new WeakMap<Db, Map<string, JudgingState>>();

/** A transaction sees its own uncommitted writes: what it reads is never shared. */
const inTransaction = (db: Db): boolean => db instanceof PgTransaction;

/**
 * Reads the key first, then the state. No transaction (a read-only one would hold its table
 * locks against a restore's TRUNCATE): every part is read at the key's version or later, and
 * a write after the key's version either moved the events row on (so this state's key never
 * matches again) or was a save that recordSavedCard replays onto it, in order.
 */
async function loadState(db: Db, eventId: string): Promise<JudgingState> {
  const [row] = await db.select({ key: stateKey }).from(events).where(eq(events.id, eventId));
  if (!row) throw notFound("event");
  const [context, cards] = await Promise.all([
    loadJudgingContext(db, eventId),
    loadCards(db, eventId),
  ]);
  return { key: row.key, context, cards };
}

/** The state read from scratch; nothing cached is used or kept. */
export function loadJudgingState(db: Db, eventId: string): Promise<JudgingState> {
  return loadState(db, eventId);
}

/**
 * The event's judging state: the cached one when its key is still the events row's, else read
 * afresh and kept. Inside a transaction it is always read afresh (it may see uncommitted writes).
 */
export async function readJudgingState(db: Db, eventId: string): Promise<JudgingState> {
  if (inTransaction(db)) return loadState(db, eventId);
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const [row] = await db.select({ key: stateKey }).from(events).where(eq(events.id, eventId));
  if (!row) throw notFound("event");
  const cached = cache.get(eventId);
  if (cached?.key === row.key) return cached;
  const state = await loadJudgingState(db, eventId);
  cache.set(eventId, state);
  return state;
}

/** The cached state if its key is `key` (read with the events row locked), else null. */
export function cachedJudgingState(db: Db, eventId: string, key: string): JudgingState | null {
  const cached = caches.get(db)?.get(eventId);
  return cached?.key === key ? cached : null;
}

/**
 * After a score save committed: the save held the events row from key `before` to `after`
 * (scores_version `version`) and changed nothing but `card`, so a state cached at `before`
 * becomes the state at `after`.
 * A state cached at any other key is dropped (another instance or write came between).
 */
export function recordSavedCard(
  db: Db,
  eventId: string,
  before: string,
  after: { key: string; version: number },
  card: Card,
): void {
  const cache = caches.get(db);
  const cached = cache?.get(eventId);
  if (!cache || !cached) return;
  if (cached.key !== before) {
    cache.delete(eventId);
    return;
  }
  cached.cards.set(`${card.judgeId}:${card.teamId}`, card);
  cached.context.scoresVersion = after.version;
  cached.key = after.key;
}
