/**
 * A teacher moves one of their pupils to another of their school's teams while registration is
 * open. The rules of adding a member are checked again on the team the pupil joins (its size,
 * ages, one school in a single-school category, a guardian email that is not its sign-in), and
 * the team left keeps at least one member.
 */
import { and, asc, eq, getTableColumns, inArray } from "drizzle-orm";
import { guardianEmailProblems } from "../../shared/rules/consent";
import { teamProblems } from "../../shared/rules/eligibility";
import type { Db } from "../db/client";
import { members, schools, teams, users } from "../db/schema";
import { AppError, notFound } from "../lib/problems";
import type { Changes } from "../realtime/changes";
import { audit } from "./audit";
import { findEventById } from "./events";
import {
  assertRegistrationOpen,
  loadCategory,
  rulesFor,
  throwEligibility,
  throwGuardianEmails,
} from "./registration";
import { approvedTeacher, findPupil } from "./teachers";

export interface PupilMove {
  userId: string;
  memberId: string;
  teamId: string;
  now: Date;
  changes: Changes;
}

export async function movePupil(
  db: Db,
  { userId, memberId, teamId, now, changes }: PupilMove,
): Promise<void> {
  const teacher = await approvedTeacher(db, userId);
  const event = await findEventById(db, teacher.eventId);
  assertRegistrationOpen(event, now);
  await db.transaction(async (tx) => {
    const pupil = await findPupil(tx, teacher, memberId);
    if (pupil.teamId === teamId)
      throw new AppError("validation", `${pupil.firstName} is already on that team.`, [
        { path: "teamId", message: "Choose another team." },
      ]);
    // Both teams locked in one order, so two moves the opposite way cannot deadlock.
    const locked = await tx
      .select()
      .from(teams)
      .where(and(inArray(teams.id, [pupil.teamId, teamId]), eq(teams.eventId, teacher.eventId)))
      .orderBy(asc(teams.id))
      .for("update");
    const from = locked.find((t) => t.id === pupil.teamId)!;
    const to = locked.find((t) => t.id === teamId);
    const joined = to
      ? await tx
          .select({ ...getTableColumns(members), school: schools.name })
          .from(members)
          .innerJoin(schools, eq(schools.id, members.schoolId))
          .where(eq(members.teamId, to.id))
      : [];
    // Only the school's own teams: another school's team is answered as no team at all.
    if (!to || !joined.some((m) => m.schoolId === teacher.schoolId)) throw notFound("team");
    if (from.checkedInAt || to.checkedInAt)
      throw new AppError(
        "validation",
        "A team that has checked in keeps its members. Ask an organizer to undo the check-in first.",
        [{ path: "teamId", message: "One of the two teams has checked in." }],
      );
    const staying = await tx
      .select({ id: members.id })
      .from(members)
      .where(eq(members.teamId, from.id));
    if (staying.length < 2)
      throw new AppError(
        "validation",
        `${pupil.firstName} is the only member of ${from.name}: a team needs at least one member.`,
        [{ path: "memberId", message: "The team would be left with nobody." }],
      );
    if (joined.length >= event.maxTeamSize)
      throw new AppError(
        "team-full",
        `${to.name} already has ${joined.length} members, the most allowed.`,
        [{ path: "teamId", message: "This team is full." }],
      );
    const [school] = await tx
      .select({ name: schools.name })
      .from(schools)
      .where(eq(schools.id, pupil.schoolId));
    const category = await loadCategory(tx, event, to.categoryId);
    throwEligibility(
      teamProblems(
        [
          {
            firstName: pupil.firstName,
            dateOfBirth: pupil.dateOfBirth ?? "",
            school: school!.name,
            schoolId: pupil.schoolId,
          },
        ],
        rulesFor(event, category),
        {
          existing: joined.map((m) => ({
            firstName: m.firstName,
            dateOfBirth: m.dateOfBirth ?? "",
            school: m.school,
            schoolId: m.schoolId,
          })),
        },
      ).map((p) => ({ ...p, path: "teamId" })),
    );
    const [contact] = to.contactUserId
      ? await tx.select({ email: users.email }).from(users).where(eq(users.id, to.contactUserId))
      : [];
    throwGuardianEmails(
      guardianEmailProblems(
        [{ firstName: pupil.firstName, guardian: { email: pupil.guardianEmail ?? "" } }],
        contact?.email ?? "",
        () => "",
      ).map((p) => ({ ...p, path: "teamId" })),
    );
    await tx.update(members).set({ teamId: to.id }).where(eq(members.id, pupil.id));
    await audit(tx, {
      eventId: teacher.eventId,
      actorId: userId,
      action: "member.moved",
      details: { memberId: pupil.id, from: from.id, to: to.id, byTeacher: teacher.id },
    });
    changes.add({ kind: "team", eventId: teacher.eventId, teamId: from.id });
    changes.add({ kind: "team", eventId: teacher.eventId, teamId: to.id });
  });
}
