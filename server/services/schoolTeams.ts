/**
 * A school's teacher registers several teams of their pupils at once. Each team obeys the rules
 * of a pupil's own sign-up (registration window, category, ages, team size, a guardian's email
 * that is not the team's, a free name and sign-in email); one broken rule anywhere refuses them
 * all, with every broken rule named by team and member.
 */
import { eq, inArray } from "drizzle-orm";
import { guardianEmailProblems } from "../../shared/rules/consent";
import { type EligibilitySlug, teamProblems } from "../../shared/rules/eligibility";
import { teamNameKey } from "../../shared/rules/names";
import type { SchoolTeamsCreate } from "../../shared/schemas/teacher";
import type { Db } from "../db/client";
import { categories, events, members, schools, teams, users } from "../db/schema";
import type { PasswordHasher } from "../lib/passwords";
import { AppError, type FieldError, type ProblemSlug } from "../lib/problems";
import type { Changes } from "../realtime/changes";
import { audit } from "./audit";
import { newConsentToken, queueConsentMail } from "./consentLinks";
import { isUniqueViolation } from "./events";
import {
  assertRegistrationOpen,
  type MemberRow,
  memberValues,
  rulesFor,
  type TeamRow,
  teamNameTaken,
} from "./registration";
import { approvedTeacher } from "./teachers";

export interface SchoolTeamsSignUp {
  userId: string;
  input: SchoolTeamsCreate;
  now: Date;
  /** Where guardians' consent links point. */
  baseUrl: string;
  passwords: PasswordHasher;
  changes: Changes;
}

export interface RegisteredSchoolTeam extends TeamRow {
  members: MemberRow[];
}

interface Broken extends FieldError {
  slug: ProblemSlug;
}

/** The slug a refusal answers with: the most telling of the rules broken, as for one team. */
const SLUG_ORDER: ProblemSlug[] = [
  "too-old",
  "team-too-large",
  "team-name-taken",
  "email-taken",
  "validation",
];

function refuse(broken: Broken[]): never {
  const first = SLUG_ORDER.find((slug) => broken.some((b) => b.slug === slug)) ?? "validation";
  const lead = broken.find((b) => b.slug === first)!;
  throw new AppError(
    first,
    broken.length === 1
      ? lead.message
      : `${lead.message} No team was registered: fix the ${broken.length} problems marked and send them again.`,
    broken.map(({ path, message }) => ({ path, message })),
  );
}

/** "Team 2 (Oak Coders)", so that a message finds its team on a long form. */
const teamLabel = (index: number, name: string) =>
  name.trim() ? `Team ${index + 1} (${name.trim()})` : `Team ${index + 1}`;

const eligibilitySlug = (slug: EligibilitySlug): ProblemSlug =>
  slug === "not-born" ? "validation" : slug;

/** Every rule the request breaks before touching the database's other teams and accounts. */
function requestProblems(
  input: SchoolTeamsCreate,
  rules: (categoryId: string) => Parameters<typeof teamProblems>[1] | null,
  school: string,
): Broken[] {
  const broken: Broken[] = [];
  const names = new Map<string, number>();
  const emails = new Map<string, number>();
  input.teams.forEach((team, t) => {
    const at = (path: string) => `teams.${t}.${path}`;
    const label = teamLabel(t, team.name);
    const teamRules = rules(team.categoryId);
    if (!teamRules) {
      broken.push({
        slug: "validation",
        path: at("categoryId"),
        message: `${label}: choose one of this event's categories.`,
      });
    } else {
      const pupils = team.members.map((m) => ({ ...m, school }));
      for (const p of teamProblems(pupils, teamRules)) {
        broken.push({
          slug: eligibilitySlug(p.slug),
          path: at(p.path),
          message: `${label}: ${p.message}`,
        });
      }
    }
    for (const p of guardianEmailProblems(team.members, team.contact.email)) {
      broken.push({ slug: "validation", path: at(p.path), message: `${label}: ${p.message}` });
    }
    const key = teamNameKey(team.name);
    const twin = names.get(key);
    if (twin !== undefined) {
      broken.push({
        slug: "validation",
        path: at("name"),
        message: `${label} has the same name as ${teamLabel(twin, input.teams[twin]!.name)}, or one that looks the same. Give each team its own name.`,
      });
    } else names.set(key, t);
    const email = team.contact.email;
    const other = emails.get(email);
    if (other !== undefined) {
      broken.push({
        slug: "validation",
        path: at("contact.email"),
        message: `${label} signs in with the same email as ${teamLabel(other, input.teams[other]!.name)}. Each team needs its own sign-in email.`,
      });
    } else emails.set(email, t);
  });
  return broken;
}

/** Registers the teacher's teams in one transaction: all of them, or none. */
export async function registerSchoolTeams(
  db: Db,
  { userId, input, now, baseUrl, passwords, changes }: SchoolTeamsSignUp,
): Promise<{ teams: RegisteredSchoolTeam[]; mailIds: string[] }> {
  const teacher = await approvedTeacher(db, userId);
  const [[event], [school], eventCategories] = await Promise.all([
    db.select().from(events).where(eq(events.id, teacher.eventId)),
    db.select().from(schools).where(eq(schools.id, teacher.schoolId)),
    db.select().from(categories).where(eq(categories.eventId, teacher.eventId)),
  ]);
  assertRegistrationOpen(event!, now);
  const categoryById = new Map(eventCategories.map((c) => [c.id, c]));
  const rules = (categoryId: string) => {
    const category = categoryById.get(categoryId);
    return category ? rulesFor(event!, category) : null;
  };
  const early = requestProblems(input, rules, school!.name);
  if (early.length) refuse(early);
  const hashes: string[] = [];
  // One at a time: the hasher's queue is shared with everyone signing in.
  for (const team of input.teams) hashes.push(await passwords.hash(team.contact.password));

  return db.transaction(async (tx) => {
    const taken = new Set(
      (
        await tx
          .select({ email: users.email })
          .from(users)
          .where(
            inArray(
              users.email,
              input.teams.map((team) => team.contact.email),
            ),
          )
      ).map((u) => u.email),
    );
    const broken: Broken[] = [];
    input.teams.forEach((team, t) => {
      if (taken.has(team.contact.email))
        broken.push({
          slug: "email-taken",
          path: `teams.${t}.contact.email`,
          message: `${teamLabel(t, team.name)}: this email already has an account. Use another email for the team's sign-in.`,
        });
    });
    if (broken.length) refuse(broken);

    const registered: RegisteredSchoolTeam[] = [];
    const mailIds: string[] = [];
    for (const [t, team] of input.teams.entries()) {
      const [user] = await tx
        .insert(users)
        .values({
          email: team.contact.email,
          name: team.name,
          role: "team",
          passwordHash: hashes[t]!,
        })
        .returning({ id: users.id })
        .catch((error: unknown) => {
          if (isUniqueViolation(error, "users_email_key"))
            refuse([
              {
                slug: "email-taken",
                path: `teams.${t}.contact.email`,
                message: `${teamLabel(t, team.name)}: this email already has an account. Use another email for the team's sign-in.`,
              },
            ]);
          throw error;
        });
      // A pupil signing up the same name at this moment makes this insert wait for their
      // transaction, then fail on the unique name key: the teacher hears which team to rename.
      const [row] = await tx
        .insert(teams)
        .values({
          eventId: teacher.eventId,
          categoryId: team.categoryId,
          name: team.name,
          nameKey: teamNameKey(team.name),
          contactUserId: user!.id,
          createdAt: now,
        })
        .returning()
        .catch((error: unknown) => {
          if (isUniqueViolation(error, "teams_event_name_key")) {
            const refusal = teamNameTaken(team.name, `teams.${t}.name`);
            throw new AppError(
              refusal.slug,
              `${teamLabel(t, team.name)}: ${refusal.detail} No team was registered.`,
              refusal.errors,
            );
          }
          throw error;
        });
      const links = team.members.map(() => newConsentToken());
      const rows = await tx
        .insert(members)
        .values(
          team.members.map((m, i) => memberValues(row!.id, m, teacher.schoolId, links[i]!, now)),
        )
        .returning();
      for (const member of rows) {
        const link = links.find((l) => l.hash === member.consentTokenHash)!;
        const id = await queueConsentMail(tx, event!, row!.name, member, link.token, baseUrl, now);
        if (id) mailIds.push(id);
      }
      await audit(tx, {
        eventId: teacher.eventId,
        actorId: userId,
        action: "team.registered",
        details: { teamId: row!.id, byTeacher: teacher.id },
      });
      changes.add({ kind: "team", eventId: teacher.eventId, teamId: row!.id });
      registered.push({ ...row!, members: rows });
    }
    changes.add({ kind: "outbox", eventId: teacher.eventId });
    return { teams: registered, mailIds };
  });
}
