import { and, asc, count, desc, eq, getTableColumns, inArray } from "drizzle-orm";
import type { ConsentMethod } from "../../shared/api";
import { guardianEmailProblems } from "../../shared/rules/consent";
import { type EligibilityProblem, teamProblems } from "../../shared/rules/eligibility";
import { teamNameKey } from "../../shared/rules/names";
import { utcToZonedLocal } from "../../shared/rules/timezones";
import type { Member, TeamCreate } from "../../shared/schemas/team";
import type { Db } from "../db/client";
import { categories, consentRecords, events, members, schools, teams, users } from "../db/schema";
import type { PasswordHasher } from "../lib/passwords";
import { AppError, type FieldError, notFound } from "../lib/problems";
import type { Changes } from "../realtime/changes";
import { audit } from "./audit";
import { type ConsentToken, newConsentToken, queueConsentMail } from "./consentLinks";
import { type CategoryRow, type EventRow, isUniqueViolation } from "./events";
import { resolveSchool, resolveSchools, schoolNames, withSchoolName } from "./schools";

export type TeamRow = typeof teams.$inferSelect;
export type MemberRow = typeof members.$inferSelect;

/** A member's latest consent answer: how, when and by whom it was given. */
export interface LastConsent {
  method: ConsentMethod;
  consent: boolean;
  photoConsent: boolean;
  /** The guardian's name as typed on the link's page. */
  guardianName: string | null;
  /** The organizer who recorded a paper form or a phone call. */
  recordedByName: string | null;
  /** The organizer's note on an answer they recorded. */
  note: string | null;
  at: Date;
}

/** A member with their school's display name. */
export interface MemberWithSchool extends MemberRow {
  school: string;
}

export interface MemberWithConsent extends MemberWithSchool {
  lastConsent: LastConsent | null;
}

export interface TeamWithMembers extends TeamRow {
  members: MemberWithConsent[];
  eventSlug: string;
  contactEmail: string | null;
  categoryName: string;
}

/** The event's first day in its own time zone, on which ages are computed. */
export function firstDay(event: EventRow): string {
  return utcToZonedLocal(event.startsAt, event.timezone).slice(0, 10);
}

export function assertRegistrationOpen(event: EventRow, now: Date): void {
  if (now < event.registrationOpensAt) {
    throw new AppError(
      "registration-closed",
      "Registration has not opened yet. Come back when it opens.",
    );
  }
  if (now >= event.registrationClosesAt) {
    throw new AppError(
      "registration-closed",
      "Registration has closed, so teams can no longer be changed.",
    );
  }
}

/** Throws the first broken eligibility rule as its problem, listing every broken rule. */
export function throwEligibility(problems: EligibilityProblem[]): void {
  if (problems.length === 0) return;
  const errors: FieldError[] = problems.map((p) => ({ path: p.path, message: p.message }));
  const order = ["not-born", "too-old", "team-too-large", "mixed-schools"] as const;
  const first = order.find((slug) => problems.some((p) => p.slug === slug))!;
  const detail = problems.find((p) => p.slug === first)!.message;
  throw new AppError(first === "not-born" ? "validation" : first, detail, errors);
}

export function rulesFor(event: EventRow, category: CategoryRow) {
  return {
    firstDay: firstDay(event),
    maxAge: event.maxAge,
    maxTeamSize: event.maxTeamSize,
    singleSchool: category.singleSchool,
  };
}

/** A member's row; the school is the one already found for them. */
export function memberValues(
  teamId: string,
  member: Omit<Member, "school">,
  schoolId: string,
  link: ConsentToken,
  now: Date,
) {
  return {
    teamId,
    firstName: member.firstName,
    lastName: member.lastName,
    dateOfBirth: member.dateOfBirth,
    schoolId,
    guardianName: member.guardian.name,
    guardianEmail: member.guardian.email,
    guardianPhone: member.guardian.phone ?? null,
    dietary: member.dietary ?? null,
    medical: member.medical ?? null,
    consentTokenHash: link.hash,
    consentLinkAt: now,
  };
}

/** Refuses a guardian email that is the team's own sign-in email: the link must reach the guardian. */
export function throwGuardianEmails(problems: FieldError[]): void {
  if (problems.length === 0) return;
  throw new AppError("validation", problems[0]!.message, problems);
}

export async function loadCategory(
  db: Db,
  event: EventRow,
  categoryId: string,
): Promise<CategoryRow> {
  const [category] = await db
    .select()
    .from(categories)
    .where(and(eq(categories.id, categoryId), eq(categories.eventId, event.id)));
  if (!category) {
    throw new AppError("validation", "Choose one of this event's categories.", [
      { path: "categoryId", message: "Choose one of this event's categories." },
    ]);
  }
  return category;
}

export interface SignUp {
  event: EventRow;
  input: TeamCreate;
  now: Date;
  /** Where guardians' consent links point. */
  baseUrl: string;
  passwords: PasswordHasher;
  changes: Changes;
}

/** Signs up a team with its members and its sign-in account, in one transaction. */
export async function registerTeam(
  db: Db,
  { event, input, now, baseUrl, passwords, changes }: SignUp,
): Promise<{ team: TeamWithMembers; userId: string; mailIds: string[] }> {
  assertRegistrationOpen(event, now);
  const category = await loadCategory(db, event, input.categoryId);
  // Ages and size now, before the password is hashed; one school once the schools are found.
  throwEligibility(
    teamProblems(input.members, { ...rulesFor(event, category), singleSchool: false }),
  );
  throwGuardianEmails(guardianEmailProblems(input.members, input.contact.email));
  const passwordHash = await passwords.hash(input.contact.password);
  try {
    return await db.transaction(async (tx) => {
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, input.contact.email));
      if (taken) {
        throw new AppError(
          "email-taken",
          "That email already has an account. Sign in, or use another email.",
          [{ path: "contact.email", message: "This email already has an account." }],
        );
      }
      const [user] = await tx
        .insert(users)
        .values({ email: input.contact.email, name: input.name, role: "team", passwordHash })
        .returning({ id: users.id });
      const [team] = await tx
        .insert(teams)
        .values({
          eventId: event.id,
          categoryId: category.id,
          name: input.name,
          nameKey: teamNameKey(input.name),
          contactUserId: user!.id,
          createdAt: now,
        })
        .returning();
      const schoolIds = await resolveSchools(
        tx,
        event.id,
        input.members.map((m) => m.school),
      );
      throwEligibility(
        teamProblems(
          input.members.map((m, i) => ({ ...m, schoolId: schoolIds[i] })),
          rulesFor(event, category),
        ),
      );
      const names = await schoolNames(tx, schoolIds);
      const links = input.members.map(() => newConsentToken());
      const rows = await tx
        .insert(members)
        .values(
          input.members.map((m, i) => memberValues(team!.id, m, schoolIds[i]!, links[i]!, now)),
        )
        .returning();
      const mailIds: string[] = [];
      for (const member of rows) {
        const link = links.find((l) => l.hash === member.consentTokenHash)!;
        const id = await queueConsentMail(tx, event, team!.name, member, link.token, baseUrl, now);
        if (id) mailIds.push(id);
      }
      await audit(tx, {
        eventId: event.id,
        actorId: user!.id,
        action: "team.registered",
        details: { teamId: team!.id },
      });
      changes.add({ kind: "team", eventId: event.id, teamId: team!.id });
      changes.add({ kind: "outbox", eventId: event.id });
      return {
        team: {
          ...team!,
          members: rows.map((m) => ({
            ...m,
            school: names.get(m.schoolId) ?? "",
            lastConsent: null,
          })),
          contactEmail: input.contact.email,
          categoryName: category.name,
          eventSlug: event.slug,
        },
        userId: user!.id,
        mailIds,
      };
    });
  } catch (error) {
    if (isUniqueViolation(error, "teams_event_name_key")) throw teamNameTaken(input.name, "name");
    if (isUniqueViolation(error, "users_email_key")) {
      throw new AppError(
        "email-taken",
        "That email already has an account. Sign in, or use another email.",
        [{ path: "contact.email", message: "This email already has an account." }],
      );
    }
    throw error;
  }
}

/** Another team of the event has this name, or one that looks the same (see teamNameKey). */
export function teamNameTaken(name: string, path: string): AppError {
  return new AppError(
    "team-name-taken",
    `Another team is already called "${name}", or something that looks just like it. Choose another name.`,
    [{ path, message: "Another team has this name, or one that looks the same." }],
  );
}

export async function findTeamOfUser(db: Db, userId: string): Promise<TeamRow> {
  const [team] = await db.select().from(teams).where(eq(teams.contactUserId, userId));
  if (!team) throw notFound("team");
  return team;
}

export async function loadTeams(
  db: Db,
  where: { eventId: string } | { teamId: string },
): Promise<TeamWithMembers[]> {
  const rows = await db
    .select({
      team: teams,
      contactEmail: users.email,
      categoryName: categories.name,
      eventSlug: events.slug,
    })
    .from(teams)
    .innerJoin(categories, eq(categories.id, teams.categoryId))
    .innerJoin(events, eq(events.id, teams.eventId))
    .leftJoin(users, eq(users.id, teams.contactUserId))
    .where("eventId" in where ? eq(teams.eventId, where.eventId) : eq(teams.id, where.teamId))
    .orderBy(asc(teams.name));
  if (rows.length === 0) return [];
  const all = await db
    .select({ ...getTableColumns(members), school: schools.name })
    .from(members)
    .innerJoin(schools, eq(schools.id, members.schoolId))
    .where(
      inArray(
        members.teamId,
        rows.map((r) => r.team.id),
      ),
    )
    .orderBy(asc(members.createdAt), asc(members.firstName));
  const answered = all.filter((m) => m.consentStatus !== "awaiting").map((m) => m.id);
  const latest = new Map<string, LastConsent>();
  if (answered.length) {
    const records = await db
      .selectDistinctOn([consentRecords.memberId], {
        memberId: consentRecords.memberId,
        method: consentRecords.method,
        consent: consentRecords.consent,
        photoConsent: consentRecords.photoConsent,
        guardianName: consentRecords.guardianName,
        recordedByName: users.name,
        note: consentRecords.note,
        at: consentRecords.at,
      })
      .from(consentRecords)
      .leftJoin(users, eq(users.id, consentRecords.recordedBy))
      .where(inArray(consentRecords.memberId, answered))
      .orderBy(consentRecords.memberId, desc(consentRecords.at), desc(consentRecords.id));
    for (const { memberId, ...record } of records) latest.set(memberId, record);
  }
  return rows.map((r) => ({
    ...r.team,
    contactEmail: r.contactEmail,
    categoryName: r.categoryName,
    eventSlug: r.eventSlug,
    members: all
      .filter((m) => m.teamId === r.team.id)
      .map((m) => ({ ...m, lastConsent: latest.get(m.id) ?? null })),
  }));
}

export async function loadTeam(db: Db, teamId: string): Promise<TeamWithMembers> {
  const [team] = await loadTeams(db, { teamId });
  if (!team) throw notFound("team");
  return team;
}

/**
 * Adds a member. The team row is locked first, so additions racing for the last place are
 * serialised and the count can never pass the event's team size.
 */
export interface NewMember {
  event: EventRow;
  teamId: string;
  input: Member;
  now: Date;
  baseUrl: string;
  changes: Changes;
}

export async function addMember(
  db: Db,
  { event, teamId, input, now, baseUrl, changes }: NewMember,
): Promise<{ member: MemberWithSchool; mailId: string | null }> {
  assertRegistrationOpen(event, now);
  return db.transaction(async (tx) => {
    const [team] = await tx.select().from(teams).where(eq(teams.id, teamId)).for("update");
    if (!team) throw notFound("team");
    const existing = await tx
      .select({ ...getTableColumns(members), school: schools.name })
      .from(members)
      .innerJoin(schools, eq(schools.id, members.schoolId))
      .where(eq(members.teamId, teamId));
    if (existing.length >= event.maxTeamSize) {
      throw new AppError(
        "team-full",
        `Your team already has ${existing.length} members, the most allowed.`,
      );
    }
    const category = await loadCategory(tx, event, team.categoryId);
    const schoolId = await resolveSchool(tx, event.id, input.school);
    throwEligibility(
      teamProblems([{ ...input, schoolId }], rulesFor(event, category), {
        existing: existing.map((m) => ({
          firstName: m.firstName,
          dateOfBirth: m.dateOfBirth ?? "",
          school: m.school,
          schoolId: m.schoolId,
        })),
      }).map((p) => ({ ...p, path: p.path.replace(/^members\.0\./, "") })),
    );
    const [contact] = team.contactUserId
      ? await tx.select({ email: users.email }).from(users).where(eq(users.id, team.contactUserId))
      : [];
    throwGuardianEmails(guardianEmailProblems([input], contact?.email ?? "", () => ""));
    const link = newConsentToken();
    const [member] = await tx
      .insert(members)
      .values(memberValues(teamId, input, schoolId, link, now))
      .returning();
    const mailId = await queueConsentMail(tx, event, team.name, member!, link.token, baseUrl, now);
    await audit(tx, {
      eventId: event.id,
      action: "member.added",
      details: { teamId, memberId: member!.id },
    });
    changes.add({ kind: "team", eventId: event.id, teamId });
    changes.add({ kind: "outbox", eventId: event.id });
    return { member: await withSchoolName(tx, member!), mailId };
  });
}

export interface MemberRemoval {
  event: EventRow;
  teamId: string;
  memberId: string;
  now: Date;
  changes: Changes;
}

export async function removeMember(
  db: Db,
  { event, teamId, memberId, now, changes }: MemberRemoval,
) {
  assertRegistrationOpen(event, now);
  await db.transaction(async (tx) => {
    await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)).for("update");
    const [{ n }] = (await tx
      .select({ n: count() })
      .from(members)
      .where(eq(members.teamId, teamId))) as [{ n: number }];
    const [member] = await tx
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.id, memberId), eq(members.teamId, teamId)));
    if (!member) throw notFound("member");
    if (n <= 1) {
      throw new AppError(
        "last-member",
        "A team needs at least one member. Add someone else before removing this member.",
      );
    }
    await tx.delete(members).where(eq(members.id, memberId));
    await audit(tx, { eventId: event.id, action: "member.removed", details: { teamId, memberId } });
    changes.add({ kind: "team", eventId: event.id, teamId });
    // The member's consent emails went with them.
    changes.add({ kind: "outbox", eventId: event.id });
  });
}

/** The team a team account belongs to, for putting its socket in the team's room. */
export async function teamForUser(
  db: Db,
  userId: string,
): Promise<{ id: string; eventId: string } | null> {
  const [row] = await db
    .select({ id: teams.id, eventId: teams.eventId })
    .from(teams)
    .where(eq(teams.contactUserId, userId));
  return row ?? null;
}
