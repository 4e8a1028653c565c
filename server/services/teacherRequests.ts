// A teacher asking to join from the event page, and an organizer's answer. The request makes a
// teacher account at once (so the teacher can sign in and see where it stands), but nothing of
// any pupil is shown until an organizer approves it; a request turned down cannot sign in.
import { and, eq } from "drizzle-orm";
import { normalizeSchool } from "../../shared/rules/schools";
import type { TeacherDecision, TeacherRequest } from "../../shared/schemas/teacher";
import type { Db } from "../db/client";
import { schools, sessions, teachers, users } from "../db/schema";
import type { PasswordHasher } from "../lib/passwords";
import { AppError, notFound, validationError } from "../lib/problems";
import type { Changes } from "../realtime/changes";
import { audit } from "./audit";
import { type EventRow, isUniqueViolation } from "./events";
import { resolveSchool } from "./schools";
import { requestTurnedDown, type TeacherRecord, teacherForUser } from "./teachers";

const emailTaken = () =>
  new AppError("email-taken", "That email already has an account. Sign in, or use another email.", [
    { path: "email", message: "This email already has an account." },
  ]);

/** Records a teacher's request, waiting for an organizer: the account can sign in at once. */
export async function requestTeacherAccount(
  db: Db,
  {
    event,
    input,
    now,
    passwords,
    changes,
  }: {
    event: EventRow;
    input: TeacherRequest;
    now: Date;
    passwords: PasswordHasher;
    changes: Changes;
  },
): Promise<{ userId: string; teacherId: string }> {
  // Teachers join while pupils can: after registration closes, an organizer invites them.
  if (now < event.registrationOpensAt || now >= event.registrationClosesAt)
    throw new AppError(
      "registration-closed",
      now < event.registrationOpensAt
        ? "Sign-up has not opened yet. Come back when registration opens."
        : "Registration has closed, so teachers can no longer sign up here. Ask the organizers to invite you.",
    );
  if (!normalizeSchool(input.school))
    throw validationError([{ path: "school", message: "Enter the school's name." }]);
  const [known] = await db
    .select({ status: teachers.status, eventId: teachers.eventId })
    .from(users)
    .leftJoin(teachers, eq(teachers.userId, users.id))
    .where(eq(users.email, input.email));
  if (known?.status === "pending" && known.eventId === event.id)
    throw new AppError(
      "email-taken",
      "A request with this email is already waiting for an organizer. Sign in to see where it stands.",
      [{ path: "email", message: "This email has already asked to join." }],
    );
  if (known) throw emailTaken();
  const passwordHash = await passwords.hash(input.password);
  try {
    return await db.transaction(async (tx) => {
      const schoolId = await resolveSchool(tx, event.id, input.school);
      const [user] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name, role: "teacher", passwordHash })
        .returning({ id: users.id });
      const [teacher] = await tx
        .insert(teachers)
        .values({
          eventId: event.id,
          userId: user!.id,
          schoolId,
          name: input.name,
          phone: input.phone,
          invitedAt: now,
          // The teacher chose their password with the request: there is no invite to accept.
          acceptedAt: now,
          status: "pending",
        })
        .returning({ id: teachers.id });
      await audit(tx, {
        eventId: event.id,
        actorId: user!.id,
        action: "teacher.requested",
        details: { teacherId: teacher!.id, schoolId },
      });
      changes.add({ kind: "teachers", eventId: event.id });
      return { userId: user!.id, teacherId: teacher!.id };
    });
  } catch (error) {
    // Two requests with one email at the same moment: the unique key lets one in.
    if (isUniqueViolation(error, "users_email_key")) throw emailTaken();
    throw error;
  }
}

/**
 * An organizer approves or turns down a waiting request. Only a request still waiting changes,
 * in one conditional update, so two organizers deciding at once end with one answer and the
 * other is told it was already decided. A request turned down loses its sessions at once.
 */
export async function decideTeacherRequest(
  db: Db,
  {
    event,
    teacherId,
    decision,
    actorId,
    now,
    changes,
  }: {
    event: EventRow;
    teacherId: string;
    decision: TeacherDecision["decision"];
    actorId: string;
    now: Date;
    changes: Changes;
  },
): Promise<{ teacher: TeacherRecord; endedSessions: string[] }> {
  return db.transaction(async (tx) => {
    const status = decision === "approve" ? "approved" : "declined";
    const [decided] = await tx
      .update(teachers)
      .set({ status, decidedAt: now })
      .where(
        and(
          eq(teachers.id, teacherId),
          eq(teachers.eventId, event.id),
          eq(teachers.status, "pending"),
        ),
      )
      .returning();
    if (!decided) {
      const [row] = await tx
        .select({ status: teachers.status, decidedAt: teachers.decidedAt })
        .from(teachers)
        .where(and(eq(teachers.id, teacherId), eq(teachers.eventId, event.id)));
      if (!row) throw notFound("teacher");
      throw new AppError(
        "request-decided",
        row.decidedAt === null
          ? "This teacher was invited by an organizer: there is no request to decide."
          : `This request was already ${row.status === "approved" ? "approved" : "turned down"}, perhaps by another organizer.`,
      );
    }
    const ended =
      status === "declined"
        ? await tx
            .delete(sessions)
            .where(eq(sessions.userId, decided.userId))
            .returning({ hash: sessions.tokenHash })
        : [];
    // An approved teacher's open pages show the school's teams at once, without a reload.
    if (status === "approved") {
      const open = await tx
        .select({ hash: sessions.tokenHash })
        .from(sessions)
        .where(eq(sessions.userId, decided.userId));
      if (open.length > 0)
        changes.add({ kind: "account", eventId: event.id, sessions: open.map((s) => s.hash) });
    }
    await audit(tx, {
      eventId: event.id,
      actorId,
      action: status === "approved" ? "teacher.approved" : "teacher.turned-down",
      details: { teacherId },
    });
    changes.add({ kind: "teachers", eventId: event.id });
    const [row] = await tx
      .select({ email: users.email, school: schools.name })
      .from(users)
      .innerJoin(schools, eq(schools.id, decided.schoolId))
      .where(eq(users.id, decided.userId));
    return {
      teacher: {
        id: decided.id,
        name: decided.name,
        email: row!.email,
        phone: decided.phone,
        schoolId: decided.schoolId,
        school: row!.school,
        acceptedAt: decided.acceptedAt,
        status: decided.status,
      },
      endedSessions: ended.map((s) => s.hash),
    };
  });
}

/** Refuses to sign in a teacher whose request was turned down, saying so plainly. */
export async function refuseTurnedDownTeacher(db: Db, userId: string): Promise<void> {
  const teacher = await teacherForUser(db, userId);
  if (teacher?.status === "declined") throw requestTurnedDown();
}
