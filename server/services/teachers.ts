import { and, asc, eq, getTableColumns, inArray } from "drizzle-orm";
import type { Award } from "../../shared/api";
import type { Announcement } from "../../shared/events";
import { normalizeSchool } from "../../shared/rules/schools";
import type { SessionUser } from "../../shared/schemas/session";
import type { TeacherInvite } from "../../shared/schemas/teacher";
import type { Db } from "../db/client";
import { events, members, schools, submissions, teachers, teams, users } from "../db/schema";
import type { PasswordHasher } from "../lib/passwords";
import { AppError, notFound, validationError } from "../lib/problems";
import { hashToken, randomToken } from "../lib/tokens";
import type { Changes } from "../realtime/changes";
import { listAnnouncements } from "./announcements";
import { audit } from "./audit";
import { teamAwards } from "./ceremony";
import { checkIn } from "./consent";
import { resendConsentLink } from "./consentLinks";
import { type EventRow, findEventById } from "./events";
import { resolveSchool } from "./schools";

export type TeacherRow = typeof teachers.$inferSelect;

export interface TeacherRecord {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  schoolId: string;
  school: string;
  acceptedAt: Date | null;
  status: TeacherRow["status"];
}

export async function listTeachers(db: Db, eventId: string): Promise<TeacherRecord[]> {
  return db
    .select({
      id: teachers.id,
      name: teachers.name,
      email: users.email,
      phone: teachers.phone,
      schoolId: teachers.schoolId,
      school: schools.name,
      acceptedAt: teachers.acceptedAt,
      status: teachers.status,
    })
    .from(teachers)
    .innerJoin(users, eq(users.id, teachers.userId))
    .innerJoin(schools, eq(schools.id, teachers.schoolId))
    .where(eq(teachers.eventId, eventId))
    .orderBy(asc(schools.name), asc(teachers.name));
}

/** Invites a school's teacher: an account without a password, and a one-time invite token. */
export async function inviteTeacher(
  db: Db,
  {
    event,
    input,
    actorId,
    changes,
  }: { event: EventRow; input: TeacherInvite; actorId: string; changes: Changes },
): Promise<{ teacher: TeacherRecord; token: string }> {
  const token = randomToken();
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, input.email));
    if (taken) {
      throw new AppError("email-taken", "Someone already has an account with that email.", [
        { path: "email", message: "This email already has an account." },
      ]);
    }
    if (!normalizeSchool(input.school))
      throw validationError([{ path: "school", message: "Enter the school's name." }]);
    const schoolId = await resolveSchool(tx, event.id, input.school);
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, role: "teacher", passwordHash: null })
      .returning({ id: users.id });
    const [teacher] = await tx
      .insert(teachers)
      .values({
        eventId: event.id,
        userId: user!.id,
        schoolId,
        name: input.name,
        phone: input.phone ?? null,
        inviteTokenHash: hashToken(token),
      })
      .returning();
    const [school] = await tx
      .select({ name: schools.name })
      .from(schools)
      .where(eq(schools.id, schoolId));
    await audit(tx, {
      eventId: event.id,
      actorId,
      action: "teacher.invited",
      details: { teacherId: teacher!.id, schoolId },
    });
    changes.add({ kind: "teachers", eventId: event.id });
    return {
      teacher: {
        id: teacher!.id,
        name: teacher!.name,
        email: input.email,
        phone: teacher!.phone,
        schoolId,
        school: school!.name,
        acceptedAt: null,
        status: teacher!.status,
      },
      token,
    };
  });
}

/** Replaces a pending teacher's invite link, for when the first one was lost. */
export async function renewTeacherInvite(
  db: Db,
  event: EventRow,
  teacherId: string,
  actorId: string,
): Promise<string> {
  const token = randomToken();
  await db.transaction(async (tx) => {
    const [teacher] = await tx
      .select()
      .from(teachers)
      .where(and(eq(teachers.id, teacherId), eq(teachers.eventId, event.id)));
    if (!teacher) throw notFound("teacher");
    if (teacher.acceptedAt)
      throw new AppError("invite-used", "This teacher has already accepted and can sign in.");
    await tx
      .update(teachers)
      .set({ inviteTokenHash: hashToken(token) })
      .where(eq(teachers.id, teacherId));
    await audit(tx, {
      eventId: event.id,
      actorId,
      action: "teacher.invite-renewed",
      details: { teacherId },
    });
  });
  return token;
}

export interface TeacherInviteInfo {
  role: "teacher";
  name: string;
  school: string;
  eventName: string;
  eventSlug: string;
}

/** A teacher's pending invite, or null when the token is no teacher's. */
export async function findTeacherInvite(db: Db, token: string): Promise<TeacherInviteInfo | null> {
  const [row] = await db
    .select({
      name: teachers.name,
      acceptedAt: teachers.acceptedAt,
      school: schools.name,
      eventName: events.name,
      eventSlug: events.slug,
    })
    .from(teachers)
    .innerJoin(events, eq(events.id, teachers.eventId))
    .innerJoin(schools, eq(schools.id, teachers.schoolId))
    .where(eq(teachers.inviteTokenHash, hashToken(token)));
  if (!row) return null;
  if (row.acceptedAt)
    throw new AppError(
      "invite-used",
      "This invite has already been used. Sign in with your email and password.",
    );
  const { acceptedAt: _, ...info } = row;
  return { role: "teacher", ...info };
}

/** Sets the teacher's password, or returns null when the token is no teacher's. */
export async function acceptTeacherInvite(
  db: Db,
  token: string,
  password: string,
  now: Date,
  passwords: PasswordHasher,
  changes: Changes,
): Promise<SessionUser | null> {
  const hash = hashToken(token);
  const [pending] = await db
    .select({ id: teachers.id })
    .from(teachers)
    .where(eq(teachers.inviteTokenHash, hash));
  if (!pending) return null;
  const passwordHash = await passwords.hash(password);
  return db.transaction(async (tx) => {
    const [teacher] = await tx
      .select()
      .from(teachers)
      .where(eq(teachers.inviteTokenHash, hash))
      .for("update");
    if (!teacher) return null;
    if (teacher.acceptedAt)
      throw new AppError(
        "invite-used",
        "This invite has already been used. Sign in with your email and password.",
      );
    await tx.update(teachers).set({ acceptedAt: now }).where(eq(teachers.id, teacher.id));
    const [user] = await tx
      .update(users)
      .set({ passwordHash })
      .where(eq(users.id, teacher.userId))
      .returning({ id: users.id, role: users.role, name: users.name });
    await audit(tx, {
      eventId: teacher.eventId,
      actorId: teacher.userId,
      action: "teacher.accepted",
      details: { teacherId: teacher.id },
    });
    changes.add({ kind: "teachers", eventId: teacher.eventId });
    return user!;
  });
}

/** The teacher behind an account, for their pages and for putting their socket in the school's room. */
export async function teacherForUser(db: Db, userId: string): Promise<TeacherRow | null> {
  const [row] = await db.select().from(teachers).where(eq(teachers.userId, userId));
  return row ?? null;
}

/**
 * The teacher behind an account, for anything that shows or changes pupils: an organizer must
 * have approved them. A request still waiting, or one turned down, sees no pupil at all.
 */
export async function approvedTeacher(db: Db, userId: string): Promise<TeacherRow> {
  const teacher = await teacherForUser(db, userId);
  if (!teacher) throw notFound("teacher");
  if (teacher.status === "pending") throw requestPending();
  if (teacher.status === "declined") throw requestTurnedDown();
  return teacher;
}

/**
 * Which members are the teacher's pupils: their school's, on teams of their event. For a query
 * that joins members to teams.
 */
export const pupilsOf = (teacher: TeacherRow) =>
  and(eq(teams.eventId, teacher.eventId), eq(members.schoolId, teacher.schoolId));

/**
 * One of the teacher's pupils. Another school's pupil is answered as no pupil at all: nothing
 * says they exist.
 */
export async function findPupil(
  db: Db,
  teacher: TeacherRow,
  memberId: string,
): Promise<typeof members.$inferSelect> {
  const [pupil] = await db
    .select(getTableColumns(members))
    .from(members)
    .innerJoin(teams, eq(teams.id, members.teamId))
    .where(and(eq(members.id, memberId), pupilsOf(teacher)));
  if (!pupil) throw notFound("member");
  return pupil;
}

export const requestPending = () =>
  new AppError(
    "request-pending",
    "An organizer will check your request. Once they approve it, your school's teams show here.",
  );

export const requestTurnedDown = () =>
  new AppError(
    "request-turned-down",
    "An organizer turned down your request to join this event as a teacher, so this account cannot sign in. If you think this is a mistake, please contact the organizers.",
  );

/** Ids of the schools whose pupils are on a team: the teachers told when the team changes. */
export async function schoolsOfTeam(db: Db, teamId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ schoolId: members.schoolId })
    .from(members)
    .where(eq(members.teamId, teamId));
  return rows.map((r) => r.schoolId);
}

export interface PupilRecord {
  id: string;
  firstName: string;
  lastName: string | null;
  consentStatus: "awaiting" | "given" | "refused";
  arrivedAt: Date | null;
  inSince: Date | null;
}

export interface SchoolTeamRecord {
  id: string;
  name: string;
  checkedInAt: Date | null;
  projectTitle: string | null;
  pupils: PupilRecord[];
  /** Team-mates from other schools: counted, never named. */
  others: number;
  awards: Award[];
}

export interface TeacherOverview {
  teacher: {
    id: string;
    name: string;
    phone: string | null;
    accepted: boolean;
    status: TeacherRow["status"];
  };
  school: { id: string; name: string };
  event: { name: string; slug: string };
  teams: SchoolTeamRecord[];
  /** The organizers' announcements for teachers alone. */
  announcements: Announcement[];
}

/**
 * Everything a teacher sees: every team with a pupil of their school, that school's pupils by
 * name, and nothing of other schools' pupils. Awards come only once revealed at the ceremony, so
 * no score or ranking shows before results are public. The read is written to the audit log.
 */
export async function teacherOverview(db: Db, userId: string): Promise<TeacherOverview> {
  const teacher = await teacherForUser(db, userId);
  if (!teacher) throw notFound("teacher");
  if (teacher.status === "declined") throw requestTurnedDown();
  const [[school], [event]] = await Promise.all([
    db.select().from(schools).where(eq(schools.id, teacher.schoolId)),
    db.select().from(events).where(eq(events.id, teacher.eventId)),
  ]);
  const who = {
    id: teacher.id,
    name: teacher.name,
    phone: teacher.phone,
    accepted: teacher.acceptedAt !== null,
    status: teacher.status,
  };
  // A request still waiting is shown only itself: no pupil, no team, nothing to audit.
  if (teacher.status === "pending")
    return {
      teacher: who,
      school: { id: school!.id, name: school!.name },
      event: { name: event!.name, slug: event!.slug },
      teams: [],
      announcements: [],
    };
  const pupilRows = await db
    .select({
      id: members.id,
      teamId: members.teamId,
      firstName: members.firstName,
      lastName: members.lastName,
      consentStatus: members.consentStatus,
      arrivedAt: members.arrivedAt,
      inSince: members.inSince,
    })
    .from(members)
    .innerJoin(teams, eq(teams.id, members.teamId))
    .where(pupilsOf(teacher))
    // Pupils signed up together share a time: their names keep the order steady between reads.
    .orderBy(asc(members.createdAt), asc(members.firstName), asc(members.id));
  const teamIds = [...new Set(pupilRows.map((p) => p.teamId))];
  const teamRows = teamIds.length
    ? await db
        .select({
          id: teams.id,
          name: teams.name,
          checkedInAt: teams.checkedInAt,
          projectTitle: submissions.title,
        })
        .from(teams)
        .leftJoin(submissions, eq(submissions.teamId, teams.id))
        .where(inArray(teams.id, teamIds))
        .orderBy(asc(teams.name))
    : [];
  const sizes = teamIds.length
    ? await db
        .select({ id: members.id, teamId: members.teamId })
        .from(members)
        .where(inArray(members.teamId, teamIds))
    : [];
  const result: SchoolTeamRecord[] = [];
  for (const team of teamRows) {
    const pupils = pupilRows
      .filter((p) => p.teamId === team.id)
      .map(({ teamId: _, ...pupil }) => pupil);
    const size = sizes.filter((m) => m.teamId === team.id).length;
    result.push({
      ...team,
      pupils,
      others: size - pupils.length,
      awards: await teamAwards(db, teacher.eventId, team.id),
    });
  }
  await audit(db, {
    eventId: teacher.eventId,
    actorId: userId,
    action: "teacher.viewed-pupils",
    details: { schoolId: teacher.schoolId, teamIds },
  });
  return {
    teacher: who,
    school: { id: school!.id, name: school!.name },
    event: { name: event!.name, slug: event!.slug },
    teams: result,
    announcements: await listAnnouncements(db, teacher.eventId, undefined, "teachers"),
  };
}

/**
 * Sends a pupil's consent link again to their guardian, for the pupil's teacher: only a pupil of
 * the teacher's own school, and as the team's own request is (refused once the guardian has
 * answered, at most once per `consentLinkResendMs`). The link goes to the guardian alone.
 */
export async function resendPupilLink(
  db: Db,
  {
    userId,
    memberId,
    now,
    baseUrl,
    changes,
  }: { userId: string; memberId: string; now: Date; baseUrl: string; changes: Changes },
): Promise<{ pupil: PupilRecord; mailId: string; eventId: string }> {
  const teacher = await approvedTeacher(db, userId);
  const found = await findPupil(db, teacher, memberId);
  const event = await findEventById(db, teacher.eventId);
  const { member, mailId } = await resendConsentLink(db, {
    event,
    teamId: found.teamId,
    memberId,
    actorId: userId,
    now,
    baseUrl,
    reask: false,
    changes,
  });
  return {
    pupil: {
      id: member.id,
      firstName: member.firstName,
      lastName: member.lastName,
      consentStatus: member.consentStatus,
      arrivedAt: member.arrivedAt,
      inSince: member.inSince,
    },
    mailId,
    eventId: teacher.eventId,
  };
}

/**
 * Checks in every team of the teacher's school at the desk, in one step and all or none: refused
 * with `consent-missing`, naming each team and pupil still waiting, unless every member of every
 * one of those teams has a guardian's yes. A team-mate from another school is counted, never
 * named. `teamIds` narrows it to some of the school's teams; any other team is not found.
 */
export async function checkInSchoolTeams(
  db: Db,
  {
    userId,
    teamIds,
    now,
    changes,
  }: { userId: string; teamIds: string[] | undefined; now: Date; changes: Changes },
): Promise<string[]> {
  const teacher = await approvedTeacher(db, userId);
  const event = await findEventById(db, teacher.eventId);
  return db.transaction(async (tx) => {
    const mine = await tx
      .selectDistinct({ id: teams.id, name: teams.name })
      .from(teams)
      .innerJoin(members, eq(members.teamId, teams.id))
      .where(pupilsOf(teacher))
      .orderBy(asc(teams.name));
    if (teamIds?.some((id) => !mine.some((t) => t.id === id))) throw notFound("team");
    const chosen = teamIds ? mine.filter((t) => teamIds.includes(t.id)) : mine;
    if (chosen.length === 0)
      throw new AppError("validation", "Your school has no team to check in yet.");
    const everyone = await tx
      .select({
        teamId: members.teamId,
        firstName: members.firstName,
        schoolId: members.schoolId,
        consentStatus: members.consentStatus,
      })
      .from(members)
      .where(
        inArray(
          members.teamId,
          chosen.map((t) => t.id),
        ),
      );
    const missing = chosen.flatMap((team) => {
      const waiting = everyone.filter((m) => m.teamId === team.id && m.consentStatus !== "given");
      if (waiting.length === 0) return [];
      const ours = waiting.filter((m) => m.schoolId === teacher.schoolId).map((m) => m.firstName);
      const others = waiting.length - ours.length;
      const who = [...ours, ...(others ? [`${others} from another school`] : [])];
      return [`${team.name} (${who.join(", ")})`];
    });
    if (missing.length) {
      throw new AppError(
        "consent-missing",
        `No team was checked in: a guardian's yes is still missing for ${missing.join("; ")}. When every guardian has said yes, check in again.`,
      );
    }
    for (const team of chosen) {
      // Inside this transaction, so one team refused leaves every team as it was.
      await checkIn(tx, { event, teamId: team.id, actorId: userId, now, changes });
    }
    return chosen.map((t) => t.id);
  });
}

export interface ConsentLetterRecord {
  pupilId: string;
  firstName: string;
  teamName: string;
}

export interface TeacherLetters {
  event: {
    name: string;
    venue: string;
    timezone: string;
    startsAt: Date;
    endsAt: Date;
    contactEmail: string | null;
    contactPhone: string | null;
  };
  school: string;
  letters: ConsentLetterRecord[];
}

/**
 * Paper consent letters for the teacher's pupils still waiting for a guardian, to print: the
 * event, the pupil's first name and team. No link or token: a consent link is the guardian's
 * alone, so the signed letter comes back to the desk, which records it as paper consent. Only
 * the first name, as on the organizers' letters: paper passes through other hands. The read is
 * written to the audit log.
 */
export async function teacherLetters(db: Db, userId: string): Promise<TeacherLetters> {
  const teacher = await approvedTeacher(db, userId);
  const [[event], [school], rows] = await Promise.all([
    db.select().from(events).where(eq(events.id, teacher.eventId)),
    db.select({ name: schools.name }).from(schools).where(eq(schools.id, teacher.schoolId)),
    db
      .select({ pupilId: members.id, firstName: members.firstName, teamName: teams.name })
      .from(members)
      .innerJoin(teams, eq(teams.id, members.teamId))
      .where(and(pupilsOf(teacher), eq(members.consentStatus, "awaiting")))
      .orderBy(asc(teams.name), asc(members.createdAt), asc(members.firstName), asc(members.id)),
  ]);
  await audit(db, {
    eventId: teacher.eventId,
    actorId: userId,
    action: "teacher.viewed-letters",
    details: { schoolId: teacher.schoolId, memberIds: rows.map((r) => r.pupilId) },
  });
  return {
    event: {
      name: event!.name,
      venue: event!.venue,
      timezone: event!.timezone,
      startsAt: event!.startsAt,
      endsAt: event!.endsAt,
      contactEmail: event!.contactEmail,
      contactPhone: event!.contactPhone,
    },
    school: school!.name,
    letters: rows,
  };
}
