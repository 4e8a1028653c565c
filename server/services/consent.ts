import { and, eq, inArray, isNull } from "drizzle-orm";
import type { ConsentAnswer, ConsentRecord } from "../../shared/schemas/team";
import type { Db } from "../db/client";
import { consentRecords, events, members, scoreCards, teams } from "../db/schema";
import { AppError } from "../lib/problems";
import { hashToken } from "../lib/tokens";
import type { Changes } from "../realtime/changes";
import { audit } from "./audit";
import type { EventRow } from "./events";
import { reconcilePanels } from "./judging";
import { lockMember, lockTeam } from "./locks";
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
      linkOpen: members.consentLinkOpen,
      teamName: teams.name,
      eventName: events.name,
      eventSlug: events.slug,
      venue: events.venue,
      timezone: events.timezone,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      contactEmail: events.contactEmail,
      contactPhone: events.contactPhone,
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
    if (!member.consentLinkOpen) {
      throw new AppError(
        "consent-recorded",
        "An answer has already been recorded with this link. To change it, contact the organizers: they can record your new answer or send you a new link.",
      );
    }
    const photoConsent = answer.consent && answer.photoConsent;
    await tx
      .update(members)
      .set({
        consentStatus: answer.consent ? "given" : "refused",
        photoConsent,
        consentLinkOpen: false,
      })
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

export interface RecordedConsent {
  event: EventRow;
  teamId: string;
  memberId: string;
  input: ConsentRecord;
  actorId: string;
  now: Date;
  changes: Changes;
}

/**
 * An organizer records a guardian's answer given on a paper form or by phone, for any member:
 * waiting, or already answered (a guardian who changed their mind). The guardian's link then
 * records nothing more until the organizer sends a fresh one. A "no" is refused while the team
 * is checked in, since a checked-in team has everyone's consent: undo the check-in first.
 */
export async function recordConsent(
  db: Db,
  { event, teamId, memberId, input, actorId, now, changes }: RecordedConsent,
): Promise<TeamWithMembers> {
  await db.transaction(async (tx) => {
    // The team row first, in the order check-in locks, so this and a check-in serialise.
    const team = await lockTeam(tx, event.id, teamId);
    const row = await lockMember(tx, teamId, memberId);
    if (!input.consent && team.checkedInAt) {
      throw new AppError(
        "team-checked-in",
        `This team is checked in, and a checked-in team needs everyone's consent. Undo the check-in first, then record the guardian's no for ${row.firstName}.`,
      );
    }
    const photoConsent = input.consent && input.photoConsent;
    await tx
      .update(members)
      .set({
        consentStatus: input.consent ? "given" : "refused",
        photoConsent,
        consentLinkOpen: false,
      })
      .where(eq(members.id, memberId));
    await tx.insert(consentRecords).values({
      memberId,
      method: input.method,
      consent: input.consent,
      photoConsent,
      guardianName: input.guardianName ?? null,
      note: input.note ?? null,
      recordedBy: actorId,
      at: now,
    });
    // Ids and choices only: who answered and the note are personal, kept in consent_records.
    await audit(tx, {
      eventId: event.id,
      actorId,
      action: "consent.recorded",
      details: { memberId, method: input.method, consent: input.consent, photoConsent },
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
    const team = await lockTeam(tx, event.id, teamId);
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

export interface ConsentUndo {
  event: EventRow;
  teamId: string;
  memberId: string;
  actorId: string;
  changes: Changes;
}

/**
 * Moves a member's consent back to waiting (an answer recorded for the wrong child, or a paper
 * form that turned out unsigned). The guardian's current link works again; every earlier
 * answer stays in consent_records. Refused while the team is checked in, since a checked-in
 * team must have every consent: undo the check-in first.
 */
export async function undoConsent(
  db: Db,
  { event, teamId, memberId, actorId, changes }: ConsentUndo,
): Promise<TeamWithMembers> {
  await db.transaction(async (tx) => {
    // The team row first, in the order check-in locks, so an undo and a check-in serialise.
    const team = await lockTeam(tx, event.id, teamId);
    const member = await lockMember(tx, teamId, memberId);
    if (member.consentStatus === "awaiting") return;
    if (team.checkedInAt) {
      throw new AppError(
        "team-checked-in",
        "This team is checked in, and a checked-in team needs everyone's consent. Undo the check-in first, then move this consent back to waiting.",
      );
    }
    await tx
      .update(members)
      .set({ consentStatus: "awaiting", photoConsent: false, consentLinkOpen: true })
      .where(eq(members.id, memberId));
    await audit(tx, {
      eventId: event.id,
      actorId,
      action: "consent.undone",
      details: { memberId, was: member.consentStatus, photoConsent: member.photoConsent },
    });
    changes.add({ kind: "team", eventId: event.id, teamId });
    // The guardian's letter shows as waiting for an answer again.
    changes.add({ kind: "outbox", eventId: event.id });
  });
  return loadTeam(db, teamId);
}

export interface CheckInUndo {
  event: EventRow;
  teamId: string;
  actorId: string;
  now: Date;
  changes: Changes;
}

/**
 * Undoes a check-in made by mistake. The team leaves the judging and the running order, and
 * its untouched panel places go back to the judges' other teams. Refused once a judge has scored the
 * team or scoring is locked: the results would then change behind the judges' backs.
 */
export async function undoCheckIn(
  db: Db,
  { event, teamId, actorId, now, changes }: CheckInUndo,
): Promise<TeamWithMembers> {
  await db.transaction(async (tx) => {
    // A score save locks the event row before it checks the team, so with the event row held
    // here no score can land between the check below and the undo.
    const [current] = await tx
      .select({ scoringLockedAt: events.scoringLockedAt })
      .from(events)
      .where(eq(events.id, event.id))
      .for("update");
    const team = await lockTeam(tx, event.id, teamId);
    if (!team.checkedInAt) return;
    if (current?.scoringLockedAt) {
      throw new AppError(
        "scoring-locked",
        "Scoring is locked, so the teams judged can no longer change.",
      );
    }
    const [scored] = await tx
      .select({ judgeId: scoreCards.judgeId })
      .from(scoreCards)
      .where(and(eq(scoreCards.teamId, teamId), eq(scoreCards.eventId, event.id)))
      .limit(1);
    if (scored) {
      throw new AppError(
        "team-scored",
        "Judges have already scored this team, so it must stay checked in. Their scores would otherwise disappear from the results.",
      );
    }
    await tx.update(teams).set({ checkedInAt: null }).where(eq(teams.id, teamId));
    await reconcilePanels(tx, event.id, now);
    await audit(tx, {
      eventId: event.id,
      actorId,
      action: "team.check-in-undone",
      details: { teamId, checkedInAt: team.checkedInAt.toISOString() },
    });
    changes.add({ kind: "judging", eventId: event.id });
    changes.add({ kind: "stage", eventId: event.id });
    changes.add({ kind: "team", eventId: event.id, teamId });
  });
  return loadTeam(db, teamId);
}
