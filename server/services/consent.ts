import { and, eq, inArray, isNull } from "drizzle-orm";
import type { ConsentAnswer } from "../../shared/schemas/team";
import type { Db } from "../db/client";
import { consentRecords, events, members, teams } from "../db/schema";
import { AppError, notFound } from "../lib/problems";
import { hashToken } from "../lib/tokens";
import type { Changes } from "../realtime/changes";
import { audit } from "./audit";
import type { EventRow } from "./events";
import { reconcilePanels } from "./judging";
import { loadTeam, type TeamWithMembers } from "./registration";

const invalidLink = () =>
  new AppError(
    "not-found",
    "This consent link isn't valid. It may have been replaced by a newer one: use the newest email or letter, or ask the organizers for a new link.",
  );

/** Guardians' links carry the token; only its SHA-256 is stored. */
const byToken = (token: string) => eq(members.consentTokenHash, hashToken(token));

/** What the guardian sees: the child's first name, team and event, nothing more. */
export async function findConsent(db: Db, token: string) {
  const [row] = await db
    .select({
      firstName: members.firstName,
      status: members.consentStatus,
      photoConsent: members.photoConsent,
      teamName: teams.name,
      eventName: events.name,
      eventSlug: events.slug,
      venue: events.venue,
      timezone: events.timezone,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
    })
    .from(members)
    .innerJoin(teams, eq(teams.id, members.teamId))
    .innerJoin(events, eq(events.id, teams.eventId))
    .where(byToken(token));
  if (!row) throw invalidLink();
  return row;
}

export interface GuardianAnswer {
  token: string;
  answer: ConsentAnswer;
  now: Date;
  changes: Changes;
}

/** Records the guardian's answer; a link records one answer only. Returns the event's id. */
export async function answerConsent(
  db: Db,
  { token, answer, now, changes }: GuardianAnswer,
): Promise<{ eventId: string }> {
  return db.transaction(async (tx) => {
    const [member] = await tx.select().from(members).where(byToken(token)).for("update");
    if (!member) throw invalidLink();
    if (member.consentStatus !== "awaiting") {
      throw new AppError(
        "consent-recorded",
        "An answer has already been recorded with this link. To change it, contact the organizers.",
      );
    }
    const photoConsent = answer.consent && answer.photoConsent;
    await tx
      .update(members)
      .set({ consentStatus: answer.consent ? "given" : "refused", photoConsent })
      .where(eq(members.id, member.id));
    await tx.insert(consentRecords).values({
      memberId: member.id,
      method: "link",
      consent: answer.consent,
      photoConsent,
      guardianName: answer.guardianName,
      at: now,
    });
    const [team] = await tx
      .select({ eventId: teams.eventId })
      .from(teams)
      .where(eq(teams.id, member.teamId));
    await audit(tx, {
      eventId: team!.eventId,
      action: answer.consent ? "consent.given" : "consent.refused",
      details: { memberId: member.id, method: "link", photoConsent },
    });
    changes.add({ kind: "team", eventId: team!.eventId, teamId: member.teamId });
    // The guardian's email or letter now shows as answered in the organizers' outbox.
    changes.add({ kind: "outbox", eventId: team!.eventId });
    return { eventId: team!.eventId };
  });
}

export interface PaperConsent {
  event: EventRow;
  teamId: string;
  memberId: string;
  photoConsent: boolean;
  actorId: string;
  now: Date;
  changes: Changes;
}

/** An organizer records consent given on paper (for example a signed form at the door). */
export async function recordPaperConsent(
  db: Db,
  { event, teamId, memberId, photoConsent, actorId, now, changes }: PaperConsent,
): Promise<TeamWithMembers> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: members.id })
      .from(members)
      .innerJoin(teams, eq(teams.id, members.teamId))
      .where(and(eq(members.id, memberId), eq(teams.id, teamId), eq(teams.eventId, event.id)))
      .for("update");
    if (!row) throw notFound("member");
    await tx
      .update(members)
      .set({ consentStatus: "given", photoConsent })
      .where(eq(members.id, memberId));
    await tx.insert(consentRecords).values({
      memberId,
      method: "paper",
      consent: true,
      photoConsent,
      recordedBy: actorId,
      at: now,
    });
    await audit(tx, {
      eventId: event.id,
      actorId,
      action: "consent.paper",
      details: { memberId, photoConsent },
    });
    changes.add({ kind: "team", eventId: event.id, teamId });
    changes.add({ kind: "outbox", eventId: event.id });
  });
  return loadTeam(db, teamId);
}

export interface CheckIn {
  event: EventRow;
  teamId: string;
  actorId: string;
  now: Date;
  changes: Changes;
}

/**
 * Checks a team in; refused while any member lacks a guardian's consent. The team joins the
 * judging: its panel is filled at once, and it joins the end of its category's running order.
 */
export async function checkIn(db: Db, { event, teamId, actorId, now, changes }: CheckIn) {
  await db.transaction(async (tx) => {
    const [team] = await tx
      .select()
      .from(teams)
      .where(and(eq(teams.id, teamId), eq(teams.eventId, event.id)))
      .for("update");
    if (!team) throw notFound("team");
    const rows = await tx.select().from(members).where(eq(members.teamId, teamId));
    const missing = rows.filter((m) => m.consentStatus !== "given");
    if (missing.length) {
      const names = missing.map(
        (m) =>
          `${m.firstName} (${m.consentStatus === "refused" ? "guardian said no" : "no answer yet"})`,
      );
      throw new AppError(
        "consent-missing",
        `This team can't check in yet: consent is missing for ${names.join(", ")}. Record paper consent or ask the guardian to use the link.`,
      );
    }
    // The whole team at once: every member not yet in the building is checked in.
    const arriving = rows.filter((m) => m.inSince === null).map((m) => m.id);
    if (arriving.length) {
      await tx.update(members).set({ inSince: now }).where(inArray(members.id, arriving));
      await tx
        .update(members)
        .set({ arrivedAt: now })
        .where(and(inArray(members.id, arriving), isNull(members.arrivedAt)));
      changes.add({ kind: "team", eventId: event.id, teamId });
    }
    if (team.checkedInAt) return;
    await tx.update(teams).set({ checkedInAt: now }).where(eq(teams.id, teamId));
    await reconcilePanels(tx, event.id, now);
    await audit(tx, { eventId: event.id, actorId, action: "team.checked-in", details: { teamId } });
    changes.add({ kind: "judging", eventId: event.id });
    changes.add({ kind: "stage", eventId: event.id });
    changes.add({ kind: "team", eventId: event.id, teamId });
  });
  return loadTeam(db, teamId);
}
