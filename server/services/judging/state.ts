// The judging state of an event: what the leaderboard, the progress grid, a judge's list and
// every save's checks are computed from (the rubric, the checked-in teams, the judges and their
// panels, every score card, and the standings kept from them), read once and then kept per
// event while nothing changes it.
//
// "Nothing changes it" is decided by the database, not by remembering to invalidate: triggers
// (migrations 0011 and 0019) bump the event's scores_version, and so rewrite its events row,
// whenever a row the state is made of changes, whoever writes it. The key of a state is that
// row's xmin (the transaction that last wrote it) and scores_version, read just before the
// state. A reader compares the key with one small query; a score save, which holds the events
// row locked, applies its own cards to the cached state after it commits (recordSavedCards)
// instead of having the whole state read again.
import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { CriterionComment } from "../../../shared/api";
import { hasConflict } from "../../../shared/rules/conflicts";
import {
  type RankingCategory,
  type ScoreCard,
  StandingsBoard,
} from "../../../shared/rules/ranking";
import type { Db } from "../../db/client";
import {
  type criteria,
  criterionComments,
  events,
  judges,
  members,
  schools,
  scoreCards,
  scores,
  teams,
} from "../../db/schema";
import { notFound } from "../../lib/problems";
import { loadCategories } from "../events";
import { loadJudgeLinks } from "./panels";

export type CategoryInfo = RankingCategory & { criteriaRows: (typeof criteria.$inferSelect)[] };

export interface TeamInfo {
  id: string;
  name: string;
  categoryId: string;
  schools: string[];
  schoolIds: string[];
}

export interface JudgeInfo {
  id: string;
  userId: string;
  name: string;
  categoryIds: string[];
  schoolIds: string[];
  /** The organizer chose this judge's teams by hand; automatic panels leave them alone. */
  handPicked: boolean;
  /** The judge's panel: the teams they score. */
  teamIds: Set<string>;
  /** Of those, the ones the organizer gave by hand. */
  manual: Set<string>;
}

/** Everything judging needs to know about one event, loaded in a handful of queries. */
export interface JudgingContext {
  eventId: string;
  locked: boolean;
  scoresVersion: number;
  judgesPerTeam: number;
  categories: CategoryInfo[];
  /** Checked-in teams: the teams at the event, by name. */
  teams: TeamInfo[];
  judges: JudgeInfo[];
  teamById: Map<string, TeamInfo>;
  judgeById: Map<string, JudgeInfo>;
  categoryById: Map<string, CategoryInfo>;
  /** Each checked-in team's judges (their ids), in the order of their names. */
  panels: Map<string, string[]>;
}

export async function loadJudgingContext(db: Db, eventId: string): Promise<JudgingContext> {
  const [event] = await db.select().from(events).where(eq(events.id, eventId));
  if (!event) throw notFound("event");
  const cats = await loadCategories(db, eventId);
  const teamRows = await db
    .select({ id: teams.id, name: teams.name, categoryId: teams.categoryId })
    .from(teams)
    .where(and(eq(teams.eventId, eventId), isNotNull(teams.checkedInAt)))
    .orderBy(asc(teams.name));
  const memberRows = teamRows.length
    ? await db
        .selectDistinct({ teamId: members.teamId, school: schools.name, key: members.schoolId })
        .from(members)
        .innerJoin(teams, eq(teams.id, members.teamId))
        .innerJoin(schools, eq(schools.id, members.schoolId))
        .where(and(eq(teams.eventId, eventId), isNotNull(teams.checkedInAt)))
    : [];
  const judgeRows = await db
    .select({
      id: judges.id,
      userId: judges.userId,
      name: judges.name,
      handPicked: judges.handPicked,
    })
    .from(judges)
    .where(eq(judges.eventId, eventId))
    .orderBy(asc(judges.name), asc(judges.id));
  const links = judgeRows.length
    ? await loadJudgeLinks(db, eventId)
    : { categories: [], schools: [], seats: [] };

  const schoolsOf = new Map<string, { schools: Set<string>; keys: Set<string> }>();
  for (const m of memberRows) {
    const entry = schoolsOf.get(m.teamId) ?? { schools: new Set(), keys: new Set() };
    entry.schools.add(m.school);
    entry.keys.add(m.key);
    schoolsOf.set(m.teamId, entry);
  }
  const teamList: TeamInfo[] = teamRows.map((t) => ({
    ...t,
    schools: [...(schoolsOf.get(t.id)?.schools ?? [])].sort(),
    schoolIds: [...(schoolsOf.get(t.id)?.keys ?? [])].sort(),
  }));
  const judgeList: JudgeInfo[] = judgeRows.map((j) => ({
    ...j,
    categoryIds: [],
    schoolIds: [],
    teamIds: new Set(),
    manual: new Set(),
  }));
  const judgeById = new Map(judgeList.map((j) => [j.id, j]));
  for (const c of links.categories) judgeById.get(c.judgeId)?.categoryIds.push(c.categoryId);
  for (const s of links.schools) judgeById.get(s.judgeId)?.schoolIds.push(s.schoolId);
  const teamById = new Map(teamList.map((t) => [t.id, t]));
  const panels = new Map<string, string[]>(teamList.map((t) => [t.id, []]));
  // A panel row of a team that is not checked in (its check-in undone) waits, unused.
  for (const a of links.seats) {
    const judge = judgeById.get(a.judgeId);
    if (!judge || !teamById.has(a.teamId)) continue;
    judge.teamIds.add(a.teamId);
    if (a.source === "manual") judge.manual.add(a.teamId);
  }
  for (const judge of judgeList)
    for (const teamId of judge.teamIds) panels.get(teamId)!.push(judge.id);
  const categoryList: CategoryInfo[] = cats.map((c) => {
    const rows = c.criteria;
    const tieBreak = rows.find((k) => k.name.toLowerCase() === c.tieBreakCriterion?.toLowerCase());
    return {
      id: c.id,
      name: c.name,
      normalized: c.normalizedRanking,
      tieBreakCriterionId: tieBreak?.id ?? null,
      criteria: rows.map((k) => ({ id: k.id, weight: k.weight, maxScore: k.maxScore })),
      criteriaRows: rows,
    };
  });
  return {
    eventId,
    locked: event.scoringLockedAt !== null,
    scoresVersion: event.scoresVersion,
    judgesPerTeam: event.judgesPerTeam,
    categories: categoryList,
    teams: teamList,
    judges: judgeList,
    teamById,
    judgeById,
    categoryById: new Map(categoryList.map((c) => [c.id, c])),
    panels,
  };
}

export type Card = ScoreCard & {
  scores: Record<string, number>;
  comment: string | null;
  commentShared: boolean;
  version: number;
  /** The judge's comment on each criterion. */
  notes: Record<string, CriterionComment>;
};
/** Score cards by `${judgeId}:${teamId}`. */
export type Cards = Map<string, Card>;

export const cardKey = (judgeId: string, teamId: string) => `${judgeId}:${teamId}`;

export async function loadCards(db: Db, eventId: string, judgeId?: string): Promise<Cards> {
  const [scoreRows, cardRows, noteRows] = await Promise.all([
    db
      .select({
        judgeId: scores.judgeId,
        teamId: scores.teamId,
        criterionId: scores.criterionId,
        value: scores.value,
      })
      .from(scores)
      .where(
        judgeId
          ? and(eq(scores.eventId, eventId), eq(scores.judgeId, judgeId))
          : eq(scores.eventId, eventId),
      ),
    db
      .select({
        judgeId: scoreCards.judgeId,
        teamId: scoreCards.teamId,
        comment: scoreCards.comment,
        commentShared: scoreCards.commentShared,
        version: scoreCards.version,
      })
      .from(scoreCards)
      .where(
        judgeId
          ? and(eq(scoreCards.eventId, eventId), eq(scoreCards.judgeId, judgeId))
          : eq(scoreCards.eventId, eventId),
      ),
    db
      .select({
        judgeId: criterionComments.judgeId,
        teamId: criterionComments.teamId,
        criterionId: criterionComments.criterionId,
        text: criterionComments.text,
        shared: criterionComments.shared,
      })
      .from(criterionComments)
      .where(
        judgeId
          ? and(eq(criterionComments.eventId, eventId), eq(criterionComments.judgeId, judgeId))
          : eq(criterionComments.eventId, eventId),
      ),
  ]);
  const cards: Cards = new Map();
  const blank = (judgeId: string, teamId: string): Card => ({
    judgeId,
    teamId,
    scores: {},
    comment: null,
    commentShared: true,
    version: 0,
    notes: {},
  });
  for (const c of cardRows)
    cards.set(cardKey(c.judgeId, c.teamId), { ...c, scores: {}, notes: {} });
  for (const s of scoreRows) {
    const key = cardKey(s.judgeId, s.teamId);
    const card = cards.get(key) ?? blank(s.judgeId, s.teamId);
    card.scores[s.criterionId] = s.value;
    cards.set(key, card);
  }
  for (const n of noteRows) {
    const key = cardKey(n.judgeId, n.teamId);
    const card = cards.get(key) ?? blank(n.judgeId, n.teamId);
    card.notes[n.criterionId] = { text: n.text, shared: n.shared };
    cards.set(key, card);
  }
  return cards;
}

export interface JudgingState {
  /** The events row's xmin and scores_version when this state was read. */
  key: string;
  context: JudgingContext;
  cards: Cards;
  /** Every checked-in team's standing, kept up to date with each saved card. */
  board: StandingsBoard;
  /** The cards applied since the state was read, in order, for readers that follow changes. */
  applied: string[];
}

/** Selects the state key of the events row; use it in a query on `events`. */
export const stateKey = sql<string>`${events}.xmin::text || ':' || ${events.scoresVersion}`;

const APPLIED_KEPT = 100_000;

// Per database object, so two databases in one process (tests, an import) never share.
const caches = new WeakMap<Db, Map<string, JudgingState>>();

/** A transaction sees its own uncommitted writes: what it reads is never shared. */
const inTransaction = (db: Db): boolean => db instanceof PgTransaction;

/**
 * A card counts only while its judge has no conflict with the team. A judge who declares one
 * of the team's schools after scoring it (an organizer's edit) keeps the card stored, but it
 * drops out of the results; no one can save such a card, so saves applied one at a time never
 * need this check.
 */
function boardOf(context: JudgingContext, cards: Cards): StandingsBoard {
  const counted = [...cards.values()].filter((card) => {
    const judge = context.judgeById.get(card.judgeId);
    const team = context.teamById.get(card.teamId);
    return !judge || !team || !hasConflict(judge.schoolIds, team.schoolIds);
  });
  return new StandingsBoard(
    context.categories,
    context.teams.map((t) => ({ id: t.id, name: t.name, categoryId: t.categoryId })),
    counted,
  );
}

/**
 * Reads the key first, then the state. No transaction (a read-only one would hold its table
 * locks against a restore's TRUNCATE): every part is read at the key's version or later, and
 * a write after the key's version either moved the events row on (so this state's key never
 * matches again) or was a save that recordSavedCards replays onto it, in order.
 */
async function loadState(db: Db, eventId: string): Promise<JudgingState> {
  const [row] = await db.select({ key: stateKey }).from(events).where(eq(events.id, eventId));
  if (!row) throw notFound("event");
  const [context, cards] = await Promise.all([
    loadJudgingContext(db, eventId),
    loadCards(db, eventId),
  ]);
  return { key: row.key, context, cards, board: boardOf(context, cards), applied: [] };
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

/** Forgets every cached state of this database (after its tables were emptied or restored). */
export function forgetJudgingStates(db: Db): void {
  caches.delete(db);
}

/** The cached state if its key is `key` (read with the events row locked), else null. */
export function cachedJudgingState(db: Db, eventId: string, key: string): JudgingState | null {
  const cached = caches.get(db)?.get(eventId);
  return cached?.key === key ? cached : null;
}

/**
 * The state cached for an event at whatever key it was read: a save may plan from it if its
 * write checks that the events row is still at `state.key` (saveOnCachedState).
 */
export function latestJudgingState(db: Db, eventId: string): JudgingState | null {
  return caches.get(db)?.get(eventId) ?? null;
}

/**
 * What a committed save tells the cache: the events row's keys around it and the cards it
 * wrote (several when saves of one event were written in one statement, each a distinct card).
 */
export interface SavedCards {
  before: string;
  after: { key: string; version: number };
  cards: Card[];
}

/**
 * After a score save committed: the save held the events row from key `before` to `after`
 * (scores_version `version`) and changed nothing but `cards`, so a state cached at `before`
 * becomes the state at `after`. A state cached at any other key is dropped (another instance
 * or write came between); true when the cached state is at `after`, with the cards.
 */
export function recordSavedCards(db: Db, eventId: string, saved: SavedCards): boolean {
  const cache = caches.get(db);
  const cached = cache?.get(eventId);
  if (!cache || !cached) return false;
  // A reader that came between the save's commit and this call already read the state at the
  // save's own key, cards included: it is current as it is.
  if (cached.key === saved.after.key) return true;
  // A state followed for a whole day is read afresh now and then rather than growing its log.
  if (cached.key !== saved.before || cached.applied.length >= APPLIED_KEPT) {
    cache.delete(eventId);
    return false;
  }
  for (const card of saved.cards) {
    const key = cardKey(card.judgeId, card.teamId);
    cached.cards.set(key, card);
    cached.applied.push(key);
    cached.board.setCard(card);
  }
  cached.context.scoresVersion = saved.after.version;
  cached.key = saved.after.key;
  return true;
}
