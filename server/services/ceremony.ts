import { and, asc, eq, inArray, isNull } from "drizzle-orm";

import type {
  Award,
  CeremonyPlan,
  CeremonyState,
  Leaderboard,
  RevealedAward,
} from "../../shared/api";
import type { Db } from "../db/client";
import {
  awards,
  categories,
  eventResults,
  members,
  prizes,
  schools,
  submissions,
  teams,
} from "../db/schema";
import { AppError, notFound } from "../lib/problems";
import { schoolLine } from "../presenters/team";
import { audit } from "./audit";
import { handedIn } from "./submissions";

interface TeamFacts {
  name: string;
  school: string;
  projectTitle: string | null;
}

async function teamFacts(db: Db, teamIds: string[]): Promise<Map<string, TeamFacts>> {
  const facts = new Map<string, TeamFacts>();
  if (teamIds.length === 0) return facts;
  const rows = await db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(inArray(teams.id, teamIds));
  const named = await db
    .select({ teamId: members.teamId, school: schools.name })
    .from(members)
    .innerJoin(schools, eq(schools.id, members.schoolId))
    .where(inArray(members.teamId, teamIds))
    .orderBy(asc(members.createdAt));
  const subs = await db
    .select({ teamId: submissions.teamId, title: submissions.title })
    .from(submissions)
    .where(and(inArray(submissions.teamId, teamIds), handedIn()));
  for (const r of rows) {
    facts.set(r.id, {
      name: r.name,
      school: schoolLine(named.filter((s) => s.teamId === r.id).map((s) => s.school)),
      projectTitle: subs.find((s) => s.teamId === r.id)?.title ?? null,
    });
  }
  return facts;
}

type AwardRow = typeof awards.$inferSelect;

async function loadAwards(
  db: Db,
  eventId: string,
): Promise<{ rows: AwardRow[]; names: Map<string, string>; facts: Map<string, TeamFacts> }> {
  const rows = await db
    .select()
    .from(awards)
    .where(eq(awards.eventId, eventId))
    .orderBy(asc(awards.position));
  const cats = await db
    .select({ id: categories.id, name: categories.name })
    .from(categories)
    .where(eq(categories.eventId, eventId));
  const ids = [...new Set(rows.flatMap((r) => [...(r.teamId ? [r.teamId] : []), ...r.candidates]))];
  return { rows, names: new Map(cats.map((c) => [c.id, c.name])), facts: await teamFacts(db, ids) };
}

function presentAward(
  row: AwardRow,
  names: Map<string, string>,
  facts: Map<string, TeamFacts>,
): Award {
  const team = facts.get(row.teamId!);
  return {
    categoryId: row.categoryId,
    category: names.get(row.categoryId) ?? "",
    place: row.place,
    prize: row.prizeTitle,
    sponsor: row.sponsor,
    teamName: team?.name ?? "",
    school: team?.school ?? "",
    projectTitle: team?.projectTitle ?? null,
  };
}

/** The awards a team has won, once each is revealed: for the team's own page. */
export async function teamAwards(db: Db, eventId: string, teamId: string): Promise<Award[]> {
  const { rows, names, facts } = await loadAwards(db, eventId);
  return rows
    .filter((r) => r.teamId === teamId && r.revealedAt !== null)
    .map((r) => presentAward(r, names, facts));
}

/** What every screen may know: the awards revealed so far, and nothing else. */
export async function ceremonyState(db: Db, eventId: string): Promise<CeremonyState> {
  const [results] = await db.select().from(eventResults).where(eq(eventResults.eventId, eventId));
  if (!results)
    return { version: 0, started: false, blank: false, revealed: [], finished: false, toGive: [] };
  const { rows, names, facts } = await loadAwards(db, eventId);
  const started = results.ceremonyStartedAt !== null;
  const toGive = new Map<string, number>();
  for (const r of rows)
    if (givenAward(r)) toGive.set(r.categoryId, (toGive.get(r.categoryId) ?? 0) + 1);
  return {
    version: results.ceremonyVersion,
    started,
    blank: results.blank,
    revealed: rows.filter((r) => r.revealedAt !== null).map((r) => presentAward(r, names, facts)),
    finished: started && allRevealed(rows),
    toGive: [...toGive].map(([categoryId, count]) => ({ categoryId, count })),
  };
}

/** An award that goes to someone: it has a team, or a tie the organizer must decide. */
const givenAward = (r: AwardRow) => r.teamId !== null || r.candidates.length > 0;

/** Whether every award with a team (or a tie to decide) has been revealed. */
function allRevealed(rows: AwardRow[]): boolean {
  return !rows.some((r) => r.revealedAt === null && givenAward(r));
}

export async function ceremonyPlan(db: Db, eventId: string): Promise<CeremonyPlan> {
  const [results] = await db.select().from(eventResults).where(eq(eventResults.eventId, eventId));
  const state = await ceremonyState(db, eventId);
  const { rows, names, facts } = await loadAwards(db, eventId);
  const eventPrizes = await db
    .select()
    .from(prizes)
    .where(eq(prizes.eventId, eventId))
    .orderBy(asc(prizes.place));
  const awarded = new Set(rows.map((r) => r.prizeId));
  const team = (id: string) => ({
    id,
    name: facts.get(id)?.name ?? "",
    school: facts.get(id)?.school ?? "",
  });
  return {
    locked: Boolean(results),
    state,
    scoresHash: results?.scoresHash ?? null,
    awards: rows.map((r) => ({
      id: r.id,
      position: r.position,
      categoryId: r.categoryId,
      category: names.get(r.categoryId) ?? "",
      place: r.place,
      prize: r.prizeTitle,
      sponsor: r.sponsor,
      team: r.teamId
        ? { ...team(r.teamId), projectTitle: facts.get(r.teamId)?.projectTitle ?? null }
        : null,
      candidates: r.teamId ? [] : r.candidates.map(team),
      revealed: r.revealedAt !== null,
    })),
    unawarded: results
      ? eventPrizes
          .filter((p) => !awarded.has(p.id))
          .map((p) => ({
            categoryId: p.categoryId,
            category: names.get(p.categoryId) ?? "",
            place: p.place,
            prize: p.title,
          }))
      : [],
    next: rows.find((r) => r.revealedAt === null)?.id ?? null,
  };
}

async function lockedResults(db: Db, eventId: string) {
  const [results] = await db
    .select()
    .from(eventResults)
    .where(eq(eventResults.eventId, eventId))
    .for("update");
  if (!results) {
    throw new AppError(
      "scoring-not-locked",
      "Lock scoring first: the results are made from the locked scores.",
    );
  }
  return results;
}

/** The organizer decides a shared place: the chosen team takes it, and leaves the group's other places. */
export async function resolveTie(
  db: Db,
  eventId: string,
  awardId: string,
  teamId: string,
  actorId: string,
) {
  await db.transaction(async (tx) => {
    await lockedResults(tx, eventId);
    const [award] = await tx
      .select()
      .from(awards)
      .where(and(eq(awards.id, awardId), eq(awards.eventId, eventId)));
    if (!award) throw notFound("award");
    if (award.revealedAt) throw new AppError("validation", "This award has already been revealed.");
    if (!award.candidates.includes(teamId)) {
      throw new AppError("validation", "Choose one of the teams that share this place.", [
        { path: "teamId", message: "This team does not share this place." },
      ]);
    }
    await tx.update(awards).set({ teamId, candidates: [] }).where(eq(awards.id, award.id));
    const others = await tx
      .select()
      .from(awards)
      .where(
        and(
          eq(awards.eventId, eventId),
          eq(awards.categoryId, award.categoryId),
          isNull(awards.teamId),
        ),
      );
    for (const other of others) {
      const left = other.candidates.filter((c) => c !== teamId);
      await tx
        .update(awards)
        .set(left.length === 1 ? { teamId: left[0]!, candidates: [] } : { candidates: left })
        .where(eq(awards.id, other.id));
    }
    await audit(tx, {
      eventId,
      actorId,
      action: "award.tie-resolved",
      details: { awardId, teamId },
    });
  });
}

/**
 * Reveals the next award (categories in order, places within each from last to first) and
 * returns it with the ceremony's new version and whether it is over.
 */
export async function revealNext(
  db: Db,
  eventId: string,
  actorId: string,
  now: Date,
): Promise<RevealedAward> {
  return db.transaction(async (tx) => {
    const results = await lockedResults(tx, eventId);
    const pending = await tx
      .select()
      .from(awards)
      .where(and(eq(awards.eventId, eventId), isNull(awards.revealedAt)))
      .orderBy(asc(awards.position));
    const next = pending[0];
    if (!next)
      throw new AppError(
        "ceremony-finished",
        "Every award has been revealed. The ceremony is over.",
      );
    if (pending.some((a) => a.teamId === null)) {
      throw new AppError(
        "ties-unresolved",
        "Some places are shared by several teams. Decide who takes each before revealing.",
      );
    }
    await tx.update(awards).set({ revealedAt: now }).where(eq(awards.id, next.id));
    await tx
      .update(eventResults)
      .set({
        ceremonyVersion: results.ceremonyVersion + 1,
        ceremonyStartedAt: results.ceremonyStartedAt ?? now,
        blank: false,
      })
      .where(eq(eventResults.eventId, eventId));
    await audit(tx, { eventId, actorId, action: "award.revealed", details: { awardId: next.id } });
    // The ceremony has started now, so it is over once this was the last award.
    const { rows, names, facts } = await loadAwards(tx, eventId);
    return {
      ...presentAward({ ...next, revealedAt: now }, names, facts),
      version: results.ceremonyVersion + 1,
      finished: allRevealed(rows),
    };
  });
}

/** Starts the ceremony (the display switches to it) or blanks the display between awards. */
export async function setCeremonyScreen(
  db: Db,
  eventId: string,
  change: { start?: boolean; blank?: boolean },
  actorId: string,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const results = await lockedResults(tx, eventId);
    await tx
      .update(eventResults)
      .set({
        ceremonyStartedAt: change.start
          ? (results.ceremonyStartedAt ?? now)
          : results.ceremonyStartedAt,
        blank: change.blank ?? results.blank,
        ceremonyVersion: results.ceremonyVersion + 1,
      })
      .where(eq(eventResults.eventId, eventId));
    await audit(tx, { eventId, actorId, action: "ceremony.screen", details: change });
  });
}

/** The public results: revealed awards only, in the order they were revealed. */
export async function publicResults(
  db: Db,
  eventId: string,
): Promise<{ awards: Award[]; finished: boolean }> {
  const state = await ceremonyState(db, eventId);
  return { awards: state.revealed, finished: state.finished };
}

export async function frozenLeaderboard(db: Db, eventId: string): Promise<Leaderboard | null> {
  const [results] = await db.select().from(eventResults).where(eq(eventResults.eventId, eventId));
  return (results?.leaderboard as Leaderboard | undefined) ?? null;
}
