import { eq, inArray, sql } from "drizzle-orm";
import { computeClock } from "../../shared/rules/clock";
import type { Db } from "../db/client";
import {
  consentRecords,
  events,
  members,
  outbox,
  sessions,
  teachers,
  teams,
  users,
} from "../db/schema";
import { AppError } from "../lib/problems";
import { audit } from "./audit";
import { loadAdjustments } from "./clock";
import type { EventRow } from "./events";

/** Days after the event's end when the purge is due; shown to organizers as a reminder. */
export const RETENTION_DAYS = 30;

export function purgeDueAt(event: EventRow): Date {
  return new Date(event.endsAt.getTime() + RETENTION_DAYS * 24 * 60 * 60 * 1000);
}

/**
 * Deletes the children's personal data once the event is over: dates of birth, last names,
 * guardian contacts (and guardians' names on consent records), dietary and medical notes,
 * consent tokens, the team contact emails (and with them the team sign-ins), and the emails
 * and consent letters in the outbox. Keeps team names, schools, projects, scores and results.
 */
export async function purgeEvent(
  db: Db,
  event: EventRow,
  actorId: string | null,
  now: Date,
): Promise<{ members: number; teams: number }> {
  const clock = computeClock(event, await loadAdjustments(db, event.id), now);
  if (clock.phase !== "finished") {
    throw new AppError(
      "event-not-finished",
      "Personal data can be deleted once the event has finished.",
    );
  }
  return db.transaction(async (tx) => {
    const eventTeams = await tx
      .select({ id: teams.id, userId: teams.contactUserId })
      .from(teams)
      .where(eq(teams.eventId, event.id));
    const teamIds = eventTeams.map((t) => t.id);
    const userIds = eventTeams.map((t) => t.userId).filter((id): id is string => id !== null);
    let memberCount = 0;
    if (teamIds.length) {
      const purged = await tx
        .update(members)
        .set({
          lastName: null,
          dateOfBirth: null,
          guardianName: null,
          guardianEmail: null,
          guardianPhone: null,
          dietary: null,
          medical: null,
          consentTokenHash: null,
        })
        .where(inArray(members.teamId, teamIds))
        .returning({ id: members.id });
      memberCount = purged.length;
      // Who gave consent stays (link or paper, when); the guardian's name as typed goes.
      if (purged.length)
        await tx
          .update(consentRecords)
          .set({ guardianName: null, note: null })
          .where(
            inArray(
              consentRecords.memberId,
              purged.map((m) => m.id),
            ),
          );
    }
    if (userIds.length) {
      await tx.delete(sessions).where(inArray(sessions.userId, userIds));
      // The account stays (teams point at it) but loses its email and password: it can't sign in.
      await tx
        .update(users)
        .set({ email: sql`'purged-' || ${users.id} || '@invalid'`, passwordHash: null })
        .where(inArray(users.id, userIds));
    }
    // Schools' teachers are people too: their name, phone, email and sign-in go with the rest.
    const eventTeachers = await tx
      .update(teachers)
      .set({ name: "Teacher", phone: null, inviteTokenHash: null })
      .where(eq(teachers.eventId, event.id))
      .returning({ userId: teachers.userId });
    const teacherUsers = eventTeachers.map((t) => t.userId);
    if (teacherUsers.length) {
      await tx.delete(sessions).where(inArray(sessions.userId, teacherUsers));
      await tx
        .update(users)
        .set({
          email: sql`'purged-' || ${users.id} || '@invalid'`,
          name: "Teacher",
          passwordHash: null,
        })
        .where(inArray(users.id, teacherUsers));
    }
    await tx.delete(outbox).where(eq(outbox.eventId, event.id));
    await tx.update(events).set({ purgedAt: now }).where(eq(events.id, event.id));
    await audit(tx, {
      eventId: event.id,
      actorId,
      action: "event.purged",
      details: { members: memberCount, teams: teamIds.length, teachers: teacherUsers.length },
    });
    return { members: memberCount, teams: teamIds.length };
  });
}
