// The end of judging: the ranking mode of a category (raw or normalized), and the lock that
// freezes the ranking and matches prizes to places for the ceremony.
import { createHash } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { awards, categories, eventResults, events, prizes, scores } from "../../db/schema";
import { AppError, notFound } from "../../lib/problems";
import type { Changes } from "../../realtime/changes";
import { audit } from "../audit";
import { computeLeaderboard } from "./views";

/** SHA-256 over every score in a fixed order: the fingerprint the frozen ranking came from. */
export async function scoresHash(db: Db, eventId: string): Promise<string> {
  const rows = await db
    .select({
      judgeId: scores.judgeId,
      teamId: scores.teamId,
      criterionId: scores.criterionId,
      value: scores.value,
    })
    .from(scores)
    .where(eq(scores.eventId, eventId))
    .orderBy(asc(scores.judgeId), asc(scores.teamId), asc(scores.criterionId));
  const hash = createHash("sha256");
  for (const r of rows) hash.update(`${r.judgeId},${r.teamId},${r.criterionId},${r.value}\n`);
  return hash.digest("hex");
}

/**
 * Freezes the ranking at the lock and matches each category's prizes to places. A place
 * shared by several teams gets no team yet: its candidates wait for the organizer's choice.
 * Reveal order: categories in their order, places within each in reverse (3rd, 2nd, 1st).
 */
export async function freezeResults(db: Db, eventId: string, now: Date): Promise<void> {
  const leaderboard = await computeLeaderboard(db, eventId);
  await db.insert(eventResults).values({
    eventId,
    leaderboard: { ...leaderboard, locked: true },
    scoresHash: await scoresHash(db, eventId),
    frozenAt: now,
  });
  const cats = await db
    .select()
    .from(categories)
    .where(eq(categories.eventId, eventId))
    .orderBy(asc(categories.position));
  const eventPrizes = await db.select().from(prizes).where(eq(prizes.eventId, eventId));
  let position = 0;
  for (const category of cats) {
    const ranked = (
      leaderboard.categories.find((c) => c.categoryId === category.id)?.teams ?? []
    ).filter((t) => t.rank !== null);
    const catPrizes = eventPrizes
      .filter((p) => p.categoryId === category.id)
      .sort((a, b) => b.place - a.place);
    for (const prize of catPrizes) {
      const team = ranked[prize.place - 1];
      if (!team) continue;
      const group = ranked.filter((t) => t.rank === team.rank);
      await db.insert(awards).values({
        eventId,
        categoryId: category.id,
        prizeId: prize.id,
        place: prize.place,
        prizeTitle: prize.title,
        sponsor: prize.sponsor,
        teamId: group.length > 1 ? null : team.teamId,
        candidates: group.length > 1 ? group.map((t) => t.teamId) : [],
        position: position++,
      });
    }
  }
}

export interface Lock {
  eventId: string;
  actorId: string;
  now: Date;
  changes: Changes;
}

/** Ends scoring: no save is accepted after this, and the ranking is frozen for the ceremony. */
export async function lockScoring(db: Db, { eventId, actorId, now, changes }: Lock): Promise<Date> {
  return db.transaction(async (tx) => {
    const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for("update");
    if (!event) throw notFound("event");
    if (event.scoringLockedAt) return event.scoringLockedAt;
    // The lock shows on the organizer's views, so it moves their version on too.
    await tx
      .update(events)
      .set({ scoringLockedAt: now, scoresVersion: sql`${events.scoresVersion} + 1` })
      .where(eq(events.id, eventId));
    await freezeResults(tx, eventId, now);
    await audit(tx, { eventId, actorId, action: "scoring.locked" });
    changes.add({ kind: "judging", eventId });
    // The frozen results say how many awards each category gives: every screen's title cards.
    changes.add({ kind: "ceremony", eventId });
    return now;
  });
}

export interface RankingMode {
  eventId: string;
  categoryId: string;
  normalized: boolean;
  actorId: string;
  changes: Changes;
}

/** Ranks a category by raw or by normalized scores; refused once scoring is locked. */
export async function setRankingMode(db: Db, mode: RankingMode): Promise<void> {
  const { eventId, categoryId, normalized, actorId, changes } = mode;
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
    await audit(tx, {
      eventId,
      actorId,
      action: "category.ranking",
      details: { categoryId, normalized },
    });
    changes.add({ kind: "judging", eventId });
  });
}
