import { eq } from "drizzle-orm";
import type { Database } from "../../server/db/client";
import {
  consentRecords,
  events,
  judgeCategories,
  judgeSchools,
  judges,
  members,
  submissions,
  submissionVersions,
  teachers,
  teams,
  users,
} from "../../server/db/schema";
import { hashToken, randomToken } from "../../server/lib/tokens";
import { createSession } from "../../server/services/auth";
import { insertCategoryRows } from "../../server/services/categories";
import { reconcilePanels } from "../../server/services/judging/panels";
import { resolveSchools } from "../../server/services/schools";
import { ensureOrganizer } from "../../server/services/setup";
import { teamNameKey } from "../../shared/rules/names";
import {
  type CategoryCreateInput,
  CategoryCreateSchema,
  type EventCreateInput,
} from "../../shared/schemas/event";
import type { MemberInput, TeamCreateInput } from "../../shared/schemas/team";
import { Client } from "./http";
import { testPasswords } from "./passwords";

const HOUR = 60 * 60 * 1000;
let counter = 0;

/** A valid event body; times are relative to `now` with registration open. */
export function buildEvent(
  overrides: Partial<EventCreateInput> = {},
  now = new Date(),
): EventCreateInput {
  counter++;
  const at = (hours: number) => new Date(now.getTime() + hours * HOUR).toISOString();
  return {
    name: `Test Hack ${counter}`,
    slug: `test-hack-${counter}`,
    venue: "Manchester Central",
    timezone: "Europe/London",
    registrationOpensAt: at(-24),
    registrationClosesAt: at(24),
    startsAt: at(48),
    submissionsCloseAt: at(72),
    endsAt: at(76),
    ...overrides,
  };
}

export function buildCategory(overrides: Partial<CategoryCreateInput> = {}): CategoryCreateInput {
  counter++;
  return {
    name: `Category ${counter}`,
    singleSchool: false,
    criteria: [
      { name: "Innovation", weight: 3, maxScore: 10 },
      { name: "Technical", weight: 2, maxScore: 10 },
      { name: "Presentation", weight: 1, maxScore: 5 },
    ],
    ...overrides,
  };
}

export const ORGANIZER = { email: "organizer@example.com", password: "correct horse battery" };

/** Creates the organizer account and returns a client signed in as it. */
export async function signInOrganizer(base: string, database: Database): Promise<Client> {
  await ensureOrganizer(database.db, ORGANIZER.email, ORGANIZER.password, testPasswords);
  const client = new Client(base);
  const res = await client.post("/api/session", ORGANIZER);
  if (res.status !== 200) throw new Error(`organizer sign-in failed: ${res.status}`);
  return client;
}

let memberCounter = 0;

/** A valid member aged 14 on a March 2026 event. */
export function buildMember(overrides: Partial<MemberInput> = {}): MemberInput {
  memberCounter++;
  return {
    firstName: `Kid${memberCounter}`,
    lastName: "Lovelace",
    dateOfBirth: "2011-06-15",
    school: "Trinity High School",
    guardian: { name: "Pat Lovelace", email: `guardian${memberCounter}@example.com` },
    ...overrides,
  };
}

export function buildTeam(
  categoryId: string,
  overrides: Partial<TeamCreateInput> = {},
): TeamCreateInput {
  memberCounter++;
  return {
    name: `Byte Club ${memberCounter}`,
    categoryId,
    contact: { email: `team${memberCounter}@example.com`, password: "team password" },
    members: [buildMember(), buildMember()],
    ...overrides,
  };
}

// Database-level factories: they write the rows a test's world needs directly, so a test
// spends its time on the behaviour under test, not on the API calls that would lead up to
// it. Each returns ids (and, where a test acts as someone, a signed-in Client). Values follow
// what the services store: school keys normalized, consent by paper, sessions as sign-in
// makes them.

type Db = Database["db"];

const hashes = new Map<string, Promise<string>>();
/** One hash per password for the whole file: every test account shares a few passwords. */
function hashOf(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = testPasswords.hash(password);
    hashes.set(password, hash);
  }
  return hash;
}

export type EventRow = typeof events.$inferSelect;

/** An event (buildEvent's times unless given), straight into the database. */
export async function insertEvent(
  db: Db,
  overrides: Partial<EventCreateInput> = {},
  now = new Date(),
): Promise<EventRow> {
  const input = buildEvent(overrides, now);
  const [event] = await db
    .insert(events)
    .values({
      ...input,
      registrationOpensAt: new Date(input.registrationOpensAt),
      registrationClosesAt: new Date(input.registrationClosesAt),
      startsAt: new Date(input.startsAt),
      submissionsCloseAt: new Date(input.submissionsCloseAt),
      endsAt: new Date(input.endsAt),
    })
    .returning();
  return event!;
}

export interface InsertedCategory {
  id: string;
  name: string;
  criteria: { id: string; name: string; weight: number; maxScore: number }[];
}

/** A category with its criteria (buildCategory's unless given). */
export async function insertCategory(
  db: Db,
  eventId: string,
  overrides: Partial<CategoryCreateInput> = {},
): Promise<InsertedCategory> {
  const category = await insertCategoryRows(
    db,
    eventId,
    CategoryCreateSchema.parse(buildCategory(overrides)),
  );
  return {
    id: category.id,
    name: category.name,
    criteria: category.criteria.map(({ id, name, weight, maxScore }) => ({
      id,
      name,
      weight,
      maxScore,
    })),
  };
}

export interface InsertedTeam {
  id: string;
  name: string;
  userId: string;
  contact: { email: string; password: string };
  members: { id: string; firstName: string; school: string }[];
}

export interface TeamOptions {
  eventId: string;
  categoryId: string;
  name?: string;
  /** Member details; each is filled in by buildMember. One member by default. */
  members?: Partial<MemberInput>[];
  contact?: { email: string; password: string };
  /** Every member's guardian consented on paper (the default), or every member awaits it. */
  consent?: "paper" | "awaiting";
  /** When the team checked in; null for not checked in. Checked in now by default. */
  checkedInAt?: Date | null;
  createdAt?: Date;
}

/** A team with its members and its sign-in account (role team), as sign-up stores them. */
export async function insertTeam(db: Db, options: TeamOptions): Promise<InsertedTeam> {
  memberCounter++;
  const name = options.name ?? `Byte Club ${memberCounter}`;
  const contact = options.contact ?? {
    email: `team${memberCounter}@example.com`,
    password: "team password",
  };
  const now = options.createdAt ?? new Date();
  const checkedInAt = options.checkedInAt === undefined ? now : options.checkedInAt;
  const [user] = await db
    .insert(users)
    .values({
      email: contact.email,
      name,
      role: "team",
      passwordHash: await hashOf(contact.password),
    })
    .returning({ id: users.id });
  const [team] = await db
    .insert(teams)
    .values({
      eventId: options.eventId,
      categoryId: options.categoryId,
      name,
      nameKey: teamNameKey(name),
      contactUserId: user!.id,
      createdAt: now,
      checkedInAt,
    })
    .returning({ id: teams.id });
  const paper = (options.consent ?? "paper") === "paper";
  const built = (options.members ?? [{}]).map((overrides) => buildMember(overrides));
  const schoolIds = await resolveSchools(
    db,
    options.eventId,
    built.map((m) => m.school),
  );
  const inserted = await db
    .insert(members)
    .values(
      built.map((m, i) => {
        return {
          teamId: team!.id,
          firstName: m.firstName,
          lastName: m.lastName,
          dateOfBirth: m.dateOfBirth,
          schoolId: schoolIds[i]!,
          guardianName: m.guardian.name,
          guardianEmail: m.guardian.email,
          guardianPhone: m.guardian.phone ?? null,
          dietary: m.dietary ?? null,
          medical: m.medical ?? null,
          // The guardian's link was made at sign-up; only its hash is kept.
          consentTokenHash: hashToken(randomToken()),
          consentLinkAt: now,
          ...(paper ? { consentStatus: "given" as const, consentLinkOpen: false } : {}),
          // A checked-in team's members are in the building, as check-in leaves them.
          ...(checkedInAt ? { arrivedAt: checkedInAt, inSince: checkedInAt } : {}),
        };
      }),
    )
    .returning({ id: members.id, firstName: members.firstName, schoolId: members.schoolId });
  const rows = inserted.map((m, i) => ({ ...m, school: built[i]!.school }));
  if (paper)
    await db.insert(consentRecords).values(
      rows.map((m) => ({
        memberId: m.id,
        method: "paper" as const,
        consent: true,
        photoConsent: false,
        at: now,
      })),
    );
  // A checked-in team takes its seats on the judges' panels, as check-in gives them.
  if (options.checkedInAt !== null) await seatPanels(db, options.eventId);
  return { id: team!.id, name, userId: user!.id, contact, members: rows };
}

export interface JudgeOptions {
  eventId: string;
  categoryIds: string[];
  email?: string;
  name?: string;
  /** Schools the judge declared (never scores their teams). */
  schools?: string[];
  password?: string;
}

/** A judge who has accepted their invite and chosen a password. */
export async function insertJudge(
  db: Db,
  options: JudgeOptions,
): Promise<{ id: string; userId: string; email: string }> {
  memberCounter++;
  const email = options.email ?? `judge${memberCounter}@example.com`;
  const name = options.name ?? email.split("@")[0]!;
  const [user] = await db
    .insert(users)
    .values({
      email,
      name,
      role: "judge",
      passwordHash: await hashOf(options.password ?? "judge password"),
    })
    .returning({ id: users.id });
  const [judge] = await db
    .insert(judges)
    .values({
      eventId: options.eventId,
      userId: user!.id,
      name,
      inviteTokenHash: hashToken(randomToken()),
      acceptedAt: new Date(),
    })
    .returning({ id: judges.id });
  const schoolIds = [...new Set(await resolveSchools(db, options.eventId, options.schools ?? []))];
  if (schoolIds.length)
    await db
      .insert(judgeSchools)
      .values(schoolIds.map((schoolId) => ({ judgeId: judge!.id, schoolId })));
  if (options.categoryIds.length)
    await db
      .insert(judgeCategories)
      .values(options.categoryIds.map((categoryId) => ({ judgeId: judge!.id, categoryId })));
  await seatPanels(db, options.eventId);
  return { id: judge!.id, userId: user!.id, email };
}

/** A school's teacher who has accepted their invite, for the school the typed name finds. */
export async function insertTeacher(
  db: Db,
  options: { eventId: string; school: string; email?: string; name?: string; phone?: string },
): Promise<{ id: string; userId: string; schoolId: string }> {
  memberCounter++;
  const email = options.email ?? `teacher${memberCounter}@example.com`;
  const name = options.name ?? "Mr Birch";
  const [user] = await db
    .insert(users)
    .values({ email, name, role: "teacher", passwordHash: await hashOf("teacher password") })
    .returning({ id: users.id });
  const [schoolId] = await resolveSchools(db, options.eventId, [options.school]);
  const [teacher] = await db
    .insert(teachers)
    .values({
      eventId: options.eventId,
      userId: user!.id,
      schoolId: schoolId!,
      name,
      phone: options.phone ?? null,
      acceptedAt: new Date(),
    })
    .returning({ id: teachers.id });
  return { id: teacher!.id, userId: user!.id, schoolId: schoolId! };
}

/** Fills the panels' free seats, as the app does when a judge or a checked-in team arrives. */
function seatPanels(db: Db, eventId: string) {
  return db.transaction((tx) => reconcilePanels(tx, eventId, new Date()));
}

/** The organizer account of ORGANIZER (made once), returning its user id. */
export async function insertOrganizer(db: Db): Promise<string> {
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, ORGANIZER.email));
  if (existing) return existing.id;
  const [user] = await db
    .insert(users)
    .values({
      email: ORGANIZER.email,
      name: "Organizer",
      role: "organizer",
      passwordHash: await hashOf(ORGANIZER.password),
    })
    .returning({ id: users.id });
  return user!.id;
}

/** A Client signed in as this user, with a session made as sign-in makes one, at `now`. */
export async function signedIn(base: string, db: Db, userId: string, now: Date): Promise<Client> {
  return new Client(base).withSession(await createSession(db, userId, now));
}

export interface SubmissionOptions {
  eventId: string;
  teamId: string;
  /** The title of each version saved, oldest first (one "Project v1" by default). */
  titles?: string[];
  /** When the first version was saved; each later one a minute after the one before. */
  at?: Date;
  savedBy?: string;
}

/** A team's project with its versions, as saves leave it: the newest counts. */
export async function insertSubmission(db: Db, options: SubmissionOptions): Promise<string> {
  const titles = options.titles ?? ["Project v1"];
  const start = options.at ?? new Date();
  const savedAt = (i: number) => new Date(start.getTime() + i * 60_000);
  const last = titles.length - 1;
  const [sub] = await db
    .insert(submissions)
    .values({
      eventId: options.eventId,
      teamId: options.teamId,
      version: titles.length,
      title: titles[last]!,
      summary: `Summary of ${titles[last]}`,
      createdAt: start,
      updatedAt: savedAt(last),
    })
    .returning({ id: submissions.id });
  await db.insert(submissionVersions).values(
    titles.map((title, i) => ({
      submissionId: sub!.id,
      version: i + 1,
      title,
      summary: `Summary of ${title}`,
      savedAt: savedAt(i),
      savedBy: options.savedBy ?? null,
    })),
  );
  return sub!.id;
}
