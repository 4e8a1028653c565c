/**
 * Corrections to what was signed up: a team's name and category, a member's details. Each
 * edit names the version of the row it was made on; a row changed since is refused (409
 * row-changed) rather than overwritten, and the rules of sign-up are checked again.
 */
import { eq, getTableColumns } from "drizzle-orm";
import { guardianEmailProblems } from "../../shared/rules/consent";
import { teamProblems } from "../../shared/rules/eligibility";
import { teamNameKey } from "../../shared/rules/names";
import type { MemberEdit, TeamEdit } from "../../shared/schemas/team";
import type { Db } from "../db/client";
import { members, schools, scoreCards, teams, users } from "../db/schema";
import { AppError, notFound } from "../lib/problems";
import type { Changes } from "../realtime/changes";
import { audit } from "./audit";
import { type EventRow, isUniqueViolation } from "./events";
import { reconcilePanels } from "./judging";
import { lockTeam } from "./locks";
import {
  assertRegistrationOpen,
  loadCategory,
  loadTeam,
  rulesFor,
  type TeamWithMembers,
  throwEligibility,
  throwGuardianEmails,
} from "./registration";
import { resolveSchool } from "./schools";
import { lockVersioned, rowChanged } from "./versioned";

const facts = (m: {
  firstName: string;
  dateOfBirth: string | null;
  school: string;
  schoolId: string;
}) => ({
  firstName: m.firstName,
  dateOfBirth: m.dateOfBirth ?? "",
  school: m.school,
  schoolId: m.schoolId,
});

/** A team's members with their schools' names, for the rules' messages. */
const membersOf = (db: Db, teamId: string) =>
  db
    .select({ ...getTableColumns(members), school: schools.name })
    .from(members)
    .innerJoin(schools, eq(schools.id, members.schoolId))
    .where(eq(members.teamId, teamId));

export interface TeamEditing {
  event: EventRow;
  teamId: string;
  input: TeamEdit;
  actorId: string;
  now: Date;
  changes: Changes;
}

/**
 * An organizer renames a team or moves it to another category. The name must still be free
 * and the members must fit the category (one school for a single-school one); a team judges
 * have scored keeps its category, since its scores belong to that category's criteria.
 */
export async function editTeam(
  db: Db,
  { event, teamId, input, actorId, now, changes }: TeamEditing,
): Promise<TeamWithMembers> {
  try {
    await db.transaction(async (tx) => {
      const team = await lockVersioned(
        tx,
        teams,
        { id: teamId, eventId: event.id, version: input.version },
        "team",
      );
      const name = input.name ?? team.name;
      const categoryId = input.categoryId ?? team.categoryId;
      const moved = categoryId !== team.categoryId;
      if (moved) {
        const category = await loadCategory(tx, event, categoryId);
        const rows = await membersOf(tx, teamId);
        throwEligibility(teamProblems(rows.map(facts), rulesFor(event, category)));
        const [scored] = await tx
          .select({ judgeId: scoreCards.judgeId })
          .from(scoreCards)
          .where(eq(scoreCards.teamId, teamId))
          .limit(1);
        if (scored)
          throw new AppError(
            "team-scored",
            "Judges have already scored this team in its category, so it must stay there.",
          );
      }
      await tx
        .update(teams)
        .set({ name, nameKey: teamNameKey(name), categoryId, version: team.version + 1 })
        .where(eq(teams.id, teamId));
      // The team's account is named after the team, as sign-up names it.
      if (team.contactUserId && name !== team.name)
        await tx.update(users).set({ name }).where(eq(users.id, team.contactUserId));
      if (moved && team.checkedInAt) await reconcilePanels(tx, event.id, now);
      await audit(tx, {
        eventId: event.id,
        actorId,
        action: "team.edited",
        details: {
          teamId,
          old: { name: team.name, categoryId: team.categoryId },
          new: { name, categoryId },
        },
      });
      changes.add({ kind: "team", eventId: event.id, teamId });
      // Judges' lists, the leaderboard and the stage show the name and the category.
      changes.add({ kind: "judging", eventId: event.id });
      changes.add({ kind: "stage", eventId: event.id });
    });
  } catch (error) {
    if (isUniqueViolation(error, "teams_event_name_key"))
      throw new AppError(
        "team-name-taken",
        `Another team is already called "${input.name}", or something that looks just like it. Choose another name.`,
        [{ path: "name", message: "Another team has this name, or one that looks the same." }],
      );
    throw error;
  }
  return loadTeam(db, teamId);
}

export interface MemberEditing {
  event: EventRow;
  teamId: string;
  memberId: string;
  input: MemberEdit;
  actorId: string;
  /** The team edits only while registration is open; the organizer at any time. */
  by: "team" | "organizer";
  now: Date;
  changes: Changes;
}

/** Edits a member's details, checking age, one school and the guardian's email again. */
export async function editMember(
  db: Db,
  { event, teamId, memberId, input, actorId, by, now, changes }: MemberEditing,
): Promise<TeamWithMembers> {
  if (by === "team") assertRegistrationOpen(event, now);
  await db.transaction(async (tx) => {
    // The team row first, as adding a member locks it, so edits and additions serialise.
    const team = await lockTeam(tx, event.id, teamId);
    const rows = await membersOf(tx, teamId);
    const member = rows.find((m) => m.id === memberId);
    if (!member) throw notFound("member");
    if (member.version !== input.version) throw rowChanged(`${member.firstName}'s details`);
    const next = {
      firstName: input.firstName ?? member.firstName,
      lastName: input.lastName ?? member.lastName,
      dateOfBirth: input.dateOfBirth ?? member.dateOfBirth,
      guardianName: input.guardian?.name ?? member.guardianName,
      guardianEmail: input.guardian?.email ?? member.guardianEmail,
      guardianPhone: input.guardian ? (input.guardian.phone ?? null) : member.guardianPhone,
      dietary: input.dietary === undefined ? member.dietary : input.dietary || null,
      medical: input.medical === undefined ? member.medical : input.medical || null,
    };
    const school =
      input.school === undefined
        ? { school: member.school, schoolId: member.schoolId }
        : { school: input.school, schoolId: await resolveSchool(tx, event.id, input.school) };
    const category = await loadCategory(tx, event, team.categoryId);
    const others = rows.filter((m) => m.id !== memberId).map(facts);
    throwEligibility(
      teamProblems(
        [facts({ ...next, ...school })],
        { ...rulesFor(event, category), maxTeamSize: rows.length },
        {
          existing: others,
        },
      ).map((p) => ({ ...p, path: p.path.replace(/^members\.0\./, "") })),
    );
    if (input.guardian) {
      const [contact] = team.contactUserId
        ? await tx
            .select({ email: users.email })
            .from(users)
            .where(eq(users.id, team.contactUserId))
        : [];
      throwGuardianEmails(
        guardianEmailProblems(
          [{ firstName: next.firstName, guardian: input.guardian }],
          contact?.email ?? "",
          () => "",
        ),
      );
    }
    await tx
      .update(members)
      .set({ ...next, schoolId: school.schoolId, version: member.version + 1 })
      .where(eq(members.id, memberId));
    const schoolMoved = school.schoolId !== member.schoolId;
    if (schoolMoved && team.checkedInAt) await reconcilePanels(tx, event.id, now);
    // Which fields changed, not their values: those are a child's personal data, and the
    // audit log holds none (the member row itself is the record, deleted by the purge).
    const fields = Object.keys(input).filter((k) => k !== "version");
    await audit(tx, {
      eventId: event.id,
      actorId,
      action: "member.edited",
      details: { teamId, memberId, fields, by },
    });
    changes.add({ kind: "team", eventId: event.id, teamId });
    // A judge's conflicts of interest follow the school.
    if (schoolMoved) changes.add({ kind: "judging", eventId: event.id });
  });
  return loadTeam(db, teamId);
}
