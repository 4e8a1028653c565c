import type { Db } from "../../server/db/client";
import type { EventRow } from "./factories";
import {
  insertCategory,
  insertEvent,
  insertJudge,
  insertOrganizer,
  insertTeam,
  signedIn,
} from "./factories";
import type { Client } from "./http";
import type { TestServer } from "./server";

export const EVENT_TIMES = {
  registrationOpensAt: "2026-02-01T09:00:00Z",
  registrationClosesAt: "2026-03-10T18:00:00Z",
  startsAt: "2026-03-14T09:00:00Z",
  submissionsCloseAt: "2026-03-15T13:00:00Z",
  endsAt: "2026-03-15T17:00:00Z",
};
export const DURING_REGISTRATION = new Date("2026-03-01T12:00:00Z");
export const DURING_JUDGING = new Date("2026-03-15T14:00:00Z");

/**
 * The start of most files' tests: the server emptied, its clock in the registration weeks, and
 * an event with the usual times (slug "hmj-2026" unless given). The caller adds the rest.
 */
export async function registrationEvent(
  server: TestServer,
  slug = "hmj-2026",
): Promise<{ db: Db; event: EventRow }> {
  await server.reset();
  server.clock.set(DURING_REGISTRATION);
  const db = server.database.db;
  return { db, event: await insertEvent(db, { slug, ...EVENT_TIMES }) };
}

export interface Scenario {
  organizer: Client;
  categoryId: string;
  criteria: { id: string; name: string; maxScore: number }[];
  teams: {
    id: string;
    name: string;
    school: string;
    contact: { email: string; password: string };
  }[];
  /** A judge of the category (or of `categoryIds`) who accepted the invite, signed in now. */
  judge(
    email: string,
    options?: { schools?: string[]; categoryIds?: string[] },
  ): Promise<{ client: Client; id: string; userId: string }>;
}

/**
 * An event with one category (criteria Innovation ×3, Technical ×2, Presentation ×1; ties
 * broken on Technical), one checked-in team per school given ("Team A", "Team B", … each with
 * one member of that school, consent given on paper), and the server clock in the judging
 * phase. The world is written straight into the database (tests/helpers/factories.ts): the
 * tests that use it are about what happens next, which they do through the HTTP API.
 */
export async function judgingScenario(
  server: TestServer,
  schools: string[],
  slug = "hmj-2026",
): Promise<Scenario> {
  const db = server.database.db;
  server.clock.set(DURING_REGISTRATION);
  const event = await insertEvent(db, { slug, ...EVENT_TIMES });
  const category = await insertCategory(db, event.id, {
    name: "Best Game",
    tieBreakCriterion: "Technical",
  });
  const teams: Scenario["teams"] = [];
  for (const [i, school] of schools.entries()) {
    const team = await insertTeam(db, {
      eventId: event.id,
      categoryId: category.id,
      name: `Team ${String.fromCharCode(65 + i)}`,
      contact: { email: `team${i}-${slug}@example.com`, password: "team password" },
      members: [{ school }],
      // In sign-up order, as the running order and the tie-breaks would see them.
      createdAt: new Date(DURING_REGISTRATION.getTime() + i * 1000),
    });
    teams.push({ id: team.id, name: team.name, school, contact: team.contact });
  }
  server.clock.set(DURING_JUDGING);
  const organizer = await signedIn(server.url, db, await insertOrganizer(db), DURING_JUDGING);
  return {
    organizer,
    categoryId: category.id,
    criteria: category.criteria,
    teams,
    async judge(email, options = {}) {
      const judge = await insertJudge(db, {
        eventId: event.id,
        email,
        schools: options.schools ?? [],
        categoryIds: options.categoryIds ?? [category.id],
      });
      // The app keeps its judging views in memory: tell it, as inviting a judge would.
      server.app.realtime.publisher.publish({ kind: "judging", eventId: event.id });
      // Its pushes read the judging state: let them finish before the test's own reads.
      await server.app.realtime.publisher.settled(event.id);
      const client = await signedIn(server.url, db, judge.userId, server.clock.now());
      return { client, id: judge.id, userId: judge.userId };
    },
  };
}
