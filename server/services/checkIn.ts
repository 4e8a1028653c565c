/**
 * Check-in at the door: scanning a badge's or a team's code, checking members in one by one
 * (a team may arrive in two halves) and out again (the end of day one). A team counts as
 * checked in (teams.checked_in_at, which judging and the stage read) once every member is in.
 */
import { and, asc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { parseCheckInCode } from "../../shared/rules/checkInCode";
import { computeClock } from "../../shared/rules/clock";
import type { Db } from "../db/client";
import { events, judges, members, teachers, teams, users } from "../db/schema";
import { checkInSecret, signatureMatches, signCheckInCode } from "../lib/checkInCodes";
import { AppError, notFound } from "../lib/problems";
import type { Changes } from "../realtime/changes";
import { audit } from "./audit";
import { loadAdjustments } from "./clock";
import type { EventRow } from "./events";
import { reconcilePanels } from "./judging";
import { lockTeam } from "./locks";
import {
  loadTeam,
  loadTeams,
  type MemberRow,
  type MemberWithSchool,
  type TeamWithMembers,
} from "./registration";

const invalidCode = () =>
  new AppError(
    "code-invalid",
    "This QR code isn't one of ours: it may have been changed or copied wrongly. Type the team's name instead.",
  );

/** Check-in closes when the event ends: a scan after that is refused. */
async function assertNotEnded(db: Db, event: EventRow, now: Date): Promise<void> {
  const clock = computeClock(event, await loadAdjustments(db, event.id), now);
  if (clock.phase === "finished")
    throw new AppError("event-ended", "The event has ended, so nobody can check in any more.");
}

export interface Scan {
  event: EventRow;
  code: string;
  actorId: string;
  now: Date;
}

export interface ScanResult {
  team: TeamWithMembers;
  /** The member whose badge was scanned; null for a team's code. */
  memberId: string | null;
}

/**
 * Reads a scanned code: the team (and member) it names, for the organizer to check in. Every
 * scan is audited, refused ones too (with why, never the code itself).
 */
export async function scanCode(db: Db, { event, code, actorId, now }: Scan): Promise<ScanResult> {
  const refuse = async (error: AppError): Promise<never> => {
    await audit(db, {
      eventId: event.id,
      actorId,
      action: "check-in.scan",
      details: { outcome: error.slug },
    });
    throw error;
  };
  const parsed = parseCheckInCode(code);
  if (!parsed) return refuse(invalidCode());
  const [owner] =
    parsed.kind === "team"
      ? await db
          .select({ teamId: teams.id, eventId: teams.eventId, eventName: events.name })
          .from(teams)
          .innerJoin(events, eq(events.id, teams.eventId))
          .where(eq(teams.id, parsed.id))
      : await db
          .select({ teamId: teams.id, eventId: teams.eventId, eventName: events.name })
          .from(members)
          .innerJoin(teams, eq(teams.id, members.teamId))
          .innerJoin(events, eq(events.id, teams.eventId))
          .where(eq(members.id, parsed.id));
  const secret = await checkInSecret(db);
  // An unknown id and a wrong signature get the same answer: neither says which ids exist.
  if (!owner || !signatureMatches(secret, owner.eventId, parsed.kind, parsed.id, parsed.signature))
    return refuse(invalidCode());
  if (owner.eventId !== event.id)
    return refuse(
      new AppError(
        "code-other-event",
        `This badge is for another event (${owner.eventName}), not ${event.name}.`,
      ),
    );
  try {
    await assertNotEnded(db, event, now);
  } catch (error) {
    if (error instanceof AppError) return refuse(error);
    throw error;
  }
  await audit(db, {
    eventId: event.id,
    actorId,
    action: "check-in.scan",
    details: { outcome: "found", kind: parsed.kind, id: parsed.id, teamId: owner.teamId },
  });
  return {
    team: await loadTeam(db, owner.teamId),
    memberId: parsed.kind === "member" ? parsed.id : null,
  };
}

export interface Arrival {
  event: EventRow;
  teamId: string;
  memberIds: string[];
  actorId: string;
  now: Date;
  changes: Changes;
  /** How the organizer found the team, for the audit log. */
  via: "scan" | "typed" | "team";
}

const consentWords = (m: MemberRow) =>
  `${m.firstName} (${m.consentStatus === "refused" ? "guardian said no" : "no answer yet"})`;

/**
 * Checks members in. Refused for a member without a guardian's consent, and when everyone
 * named is in already (so a second scan of one code says so). The team row is locked first:
 * two scans of one code at once check in once. The team counts as checked in once every
 * member has arrived, and then joins the judging.
 */
export async function checkInMembers(
  db: Db,
  { event, teamId, memberIds, actorId, now, changes, via }: Arrival,
): Promise<TeamWithMembers> {
  await assertNotEnded(db, event, now);
  await db.transaction(async (tx) => {
    const team = await lockTeam(tx, event.id, teamId);
    const rows = await tx
      .select()
      .from(members)
      .where(eq(members.teamId, teamId))
      .orderBy(asc(members.createdAt));
    const wanted = memberIds.length ? rows.filter((m) => memberIds.includes(m.id)) : rows;
    if (memberIds.length && wanted.length !== memberIds.length) throw notFound("member");
    const missing = wanted.filter((m) => m.consentStatus !== "given");
    if (missing.length)
      throw new AppError(
        "consent-missing",
        `${missing.map(consentWords).join(", ")} can't check in yet: consent is missing. Record paper consent or ask the guardian to use the link.`,
      );
    const arriving = wanted.filter((m) => m.inSince === null);
    if (arriving.length === 0)
      throw new AppError(
        "already-checked-in",
        wanted.length === 1
          ? `${wanted[0]!.firstName} is already checked in.`
          : `Everyone in ${team.name} is already checked in.`,
      );
    const ids = arriving.map((m) => m.id);
    await tx.update(members).set({ inSince: now }).where(inArray(members.id, ids));
    await tx
      .update(members)
      .set({ arrivedAt: now })
      .where(and(inArray(members.id, ids), isNull(members.arrivedAt)));
    await audit(tx, {
      eventId: event.id,
      actorId,
      action: "member.checked-in",
      details: { teamId, memberIds: ids, via },
    });
    const allArrived = rows.every((m) => m.arrivedAt !== null || ids.includes(m.id));
    if (!team.checkedInAt && allArrived) {
      await tx.update(teams).set({ checkedInAt: now }).where(eq(teams.id, teamId));
      await reconcilePanels(tx, event.id, now);
      await audit(tx, {
        eventId: event.id,
        actorId,
        action: "team.checked-in",
        details: { teamId },
      });
      changes.add({ kind: "judging", eventId: event.id });
      changes.add({ kind: "stage", eventId: event.id });
    }
    changes.add({ kind: "team", eventId: event.id, teamId });
  });
  return loadTeam(db, teamId);
}

export interface Departure {
  event: EventRow;
  teamId: string;
  /** Empty: every member of the team who is in. */
  memberIds: string[];
  actorId: string;
  now: Date;
  changes: Changes;
}

/**
 * Checks members out (the end of day one). The team stays checked in for judging: it is
 * still in the event, only not in the building.
 */
export async function checkOutMembers(
  db: Db,
  { event, teamId, memberIds, actorId, now, changes }: Departure,
): Promise<TeamWithMembers> {
  await db.transaction(async (tx) => {
    const team = await lockTeam(tx, event.id, teamId);
    const rows = await tx.select().from(members).where(eq(members.teamId, teamId));
    const wanted = memberIds.length ? rows.filter((m) => memberIds.includes(m.id)) : rows;
    if (memberIds.length && wanted.length !== memberIds.length) throw notFound("member");
    const leaving = wanted.filter((m) => m.inSince !== null);
    if (leaving.length === 0)
      throw new AppError(
        "not-checked-in",
        wanted.length === 1
          ? `${wanted[0]!.firstName} isn't checked in, so can't check out.`
          : `Nobody in ${team.name} is checked in.`,
      );
    const ids = leaving.map((m) => m.id);
    await tx
      .update(members)
      .set({ inSince: null, leftAt: now })
      .where(and(inArray(members.id, ids), isNotNull(members.inSince)));
    await audit(tx, {
      eventId: event.id,
      actorId,
      action: "member.checked-out",
      details: { teamId, memberIds: ids },
    });
    changes.add({ kind: "team", eventId: event.id, teamId });
  });
  return loadTeam(db, teamId);
}

export interface EndOfDay {
  event: EventRow;
  actorId: string;
  now: Date;
  changes: Changes;
}

/** Checks out everyone still in the building (the end of day one). Returns how many left. */
export async function checkOutEveryone(
  db: Db,
  { event, actorId, now, changes }: EndOfDay,
): Promise<number> {
  return db.transaction(async (tx) => {
    const eventTeams = tx.select({ id: teams.id }).from(teams).where(eq(teams.eventId, event.id));
    const left = await tx
      .update(members)
      .set({ inSince: null, leftAt: now })
      .where(and(inArray(members.teamId, eventTeams), isNotNull(members.inSince)))
      .returning({ id: members.id, teamId: members.teamId });
    await audit(tx, {
      eventId: event.id,
      actorId,
      action: "members.checked-out",
      details: { count: left.length },
    });
    for (const teamId of new Set(left.map((m) => m.teamId)))
      changes.add({ kind: "team", eventId: event.id, teamId });
    return left.length;
  });
}

/** Every team with who is in the building, for the roster beside the scanner. */
export function checkInRoster(db: Db, eventId: string): Promise<TeamWithMembers[]> {
  return loadTeams(db, { eventId });
}

export interface TableNumber {
  event: EventRow;
  teamId: string;
  tableNumber: string | null;
  actorId: string;
  changes: Changes;
}

/** Where a team sits, printed on its badges. */
export async function setTableNumber(
  db: Db,
  { event, teamId, tableNumber, actorId, changes }: TableNumber,
): Promise<TeamWithMembers> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(teams)
      .set({ tableNumber })
      .where(and(eq(teams.id, teamId), eq(teams.eventId, event.id)))
      .returning({ id: teams.id });
    if (!row) throw notFound("team");
    await audit(tx, {
      eventId: event.id,
      actorId,
      action: "team.table",
      details: { teamId, tableNumber },
    });
    changes.add({ kind: "team", eventId: event.id, teamId });
  });
  return loadTeam(db, teamId);
}

export interface BadgePerson {
  kind: "participant";
  team: TeamWithMembers;
  member: MemberWithSchool;
  code: string;
}

export interface StaffBadge {
  kind: "judge" | "teacher" | "organizer";
  id: string;
  name: string;
}

/** Everyone's badge: each member with their signed code, then judges, teachers and organizers. */
export async function badgesFor(
  db: Db,
  event: EventRow,
): Promise<{ participants: BadgePerson[]; staff: StaffBadge[]; teams: TeamWithMembers[] }> {
  const secret = await checkInSecret(db);
  const all = await loadTeams(db, { eventId: event.id });
  const participants = all.flatMap((team) =>
    team.members.map((member) => ({
      kind: "participant" as const,
      team,
      member,
      code: signCheckInCode(secret, event.id, "member", member.id),
    })),
  );
  const judgeRows = await db
    .select({ id: judges.id, name: judges.name })
    .from(judges)
    .where(eq(judges.eventId, event.id))
    .orderBy(asc(judges.name));
  const teacherRows = await db
    .select({ id: teachers.id, name: teachers.name })
    .from(teachers)
    // A teacher's request still waiting, or turned down, gets no badge.
    .where(and(eq(teachers.eventId, event.id), eq(teachers.status, "approved")))
    .orderBy(asc(teachers.name));
  const organizerRows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.role, "organizer"))
    .orderBy(asc(users.name));
  return {
    participants,
    staff: [
      ...judgeRows.map((j) => ({ kind: "judge" as const, ...j })),
      ...teacherRows.map((t) => ({ kind: "teacher" as const, ...t })),
      ...organizerRows.map((o) => ({ kind: "organizer" as const, ...o })),
    ],
    teams: all,
  };
}

/** The team's own code, shown on its page for the organizer at the door to scan. */
export async function teamCode(db: Db, eventId: string, teamId: string): Promise<string> {
  return signCheckInCode(await checkInSecret(db), eventId, "team", teamId);
}
