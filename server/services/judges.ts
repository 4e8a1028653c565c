import { and, asc, eq, inArray } from "drizzle-orm";
import type { JudgeEdit, JudgeInvite } from "../../shared/schemas/event";
import type { SessionUser } from "../../shared/schemas/session";
import type { Db } from "../db/client";
import {
  categories,
  events,
  judgeAssignments,
  judgeCategories,
  judgeSchools,
  judges,
  schools,
  teams,
  users,
} from "../db/schema";
import type { PasswordHasher } from "../lib/passwords";
import { AppError, notFound, validationError } from "../lib/problems";
import { hashToken, randomToken } from "../lib/tokens";
import type { Changes } from "../realtime/changes";
import { audit } from "./audit";
import { type EventRow, isUniqueViolation } from "./events";
import { reconcilePanels } from "./judging/panels";
import { resolveSchools, schoolNames } from "./schools";
import { lockVersioned } from "./versioned";

export interface JudgeRecord {
  id: string;
  name: string;
  email: string;
  schools: string[];
  categoryIds: string[];
  acceptedAt: Date | null;
  version: number;
}

const emailTaken = () =>
  new AppError("email-taken", "Someone already has an account with that email.", [
    { path: "email", message: "This email already has an account." },
  ]);

const chooseCategories = { path: "categoryIds", message: "Choose categories of this event." };

/** The categories asked for, once each, and whether all of them are the event's. */
async function eventCategories(tx: Db, eventId: string, ids: readonly string[]) {
  const categoryIds = [...new Set(ids)];
  const known = await tx
    .select({ id: categories.id })
    .from(categories)
    .where(and(eq(categories.eventId, eventId), inArray(categories.id, categoryIds)));
  return { categoryIds, allKnown: known.length === categoryIds.length };
}

/** Refuses an email another account has (`self` is the judge's own account, when editing). */
async function checkEmailFree(tx: Db, email: string, self: string | null) {
  const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (taken && taken.id !== self) throw emailTaken();
}

/**
 * Stores the schools a judge declared, each one of the event's schools (made if no team has
 * named it yet); returns their display names.
 */
async function insertJudgeSchools(
  tx: Db,
  eventId: string,
  judgeId: string,
  declared: readonly string[],
): Promise<string[]> {
  const schoolIds = [...new Set(await resolveSchools(tx, eventId, declared))];
  if (schoolIds.length)
    await tx.insert(judgeSchools).values(schoolIds.map((schoolId) => ({ judgeId, schoolId })));
  const names = await schoolNames(tx, schoolIds);
  return schoolIds.map((id) => names.get(id) ?? "").sort();
}

/** The event's judges by name (or the one asked for). */
export async function listJudges(
  db: Db,
  eventId: string,
  judgeId?: string,
): Promise<JudgeRecord[]> {
  const rows = await db
    .select({
      id: judges.id,
      name: judges.name,
      email: users.email,
      acceptedAt: judges.acceptedAt,
      version: judges.version,
    })
    .from(judges)
    .innerJoin(users, eq(users.id, judges.userId))
    .where(
      judgeId
        ? and(eq(judges.eventId, eventId), eq(judges.id, judgeId))
        : eq(judges.eventId, eventId),
    )
    .orderBy(asc(judges.name));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const declared = await db
    .select({ judgeId: judgeSchools.judgeId, name: schools.name })
    .from(judgeSchools)
    .innerJoin(schools, eq(schools.id, judgeSchools.schoolId))
    .where(inArray(judgeSchools.judgeId, ids))
    .orderBy(asc(schools.name));
  const cats = await db.select().from(judgeCategories).where(inArray(judgeCategories.judgeId, ids));
  return rows.map((r) => ({
    ...r,
    schools: declared.filter((s) => s.judgeId === r.id).map((s) => s.name),
    categoryIds: cats.filter((c) => c.judgeId === r.id).map((c) => c.categoryId),
  }));
}

export interface Invitation {
  event: EventRow;
  input: JudgeInvite;
  actorId: string;
  now: Date;
  changes: Changes;
}

/**
 * Invites a judge: creates their account without a password and returns the one-time invite
 * token. The judge takes the free seats on the panels of their categories at once.
 */
export async function inviteJudge(
  db: Db,
  { event, input, actorId, now, changes }: Invitation,
): Promise<{ judge: JudgeRecord; token: string }> {
  const token = randomToken();
  return db.transaction(async (tx) => {
    const { categoryIds, allKnown } = await eventCategories(tx, event.id, input.categoryIds);
    if (!allKnown) throw validationError([chooseCategories]);
    await checkEmailFree(tx, input.email, null);
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, role: "judge", passwordHash: null })
      .returning({ id: users.id });
    const [judge] = await tx
      .insert(judges)
      .values({
        eventId: event.id,
        userId: user!.id,
        name: input.name,
        inviteTokenHash: hashToken(token),
      })
      .returning();
    const schools = await insertJudgeSchools(tx, event.id, judge!.id, input.schools);
    await tx
      .insert(judgeCategories)
      .values(categoryIds.map((categoryId) => ({ judgeId: judge!.id, categoryId })));
    await reconcilePanels(tx, event.id, now);
    changes.add({ kind: "judging", eventId: event.id });
    await audit(tx, {
      eventId: event.id,
      actorId,
      action: "judge.invited",
      details: { judgeId: judge!.id },
    });
    return {
      judge: {
        id: judge!.id,
        name: judge!.name,
        email: input.email,
        schools,
        categoryIds,
        acceptedAt: null,
        version: judge!.version,
      },
      token,
    };
  });
}

export interface JudgeEditing {
  event: EventRow;
  judgeId: string;
  input: JudgeEdit;
  actorId: string;
  now: Date;
  changes: Changes;
}

/** One judge as the organizer's list shows them. */
export async function findJudge(db: Db, eventId: string, judgeId: string): Promise<JudgeRecord> {
  const judge = (await listJudges(db, eventId, judgeId))[0];
  if (!judge) throw notFound("judge");
  return judge;
}

/**
 * An organizer changes a judge's name, email, categories or declared schools, on the version
 * they saw. Panels follow at once and nothing else moves: a school declared now takes the
 * judge off that school's teams (seats with scores too, since a conflict is never allowed),
 * and a category taken away takes them off its teams (automatic seats, started or not; seats
 * the organizer hand-picked stay until the organizer changes them). Scores already given
 * stay stored; the results count a card only while its judge has no conflict with the team
 * (server/services/judging/state.ts), so a card from a judge now conflicted stops counting
 * and counts again if the school is taken off the list.
 */
export async function editJudge(
  db: Db,
  { event, judgeId, input, actorId, now, changes }: JudgeEditing,
): Promise<JudgeRecord> {
  try {
    await db.transaction(async (tx) => {
      const judge = await lockVersioned(
        tx,
        judges,
        { id: judgeId, eventId: event.id, version: input.version },
        "judge",
        "them",
      );
      const before = await findJudge(tx, event.id, judgeId);
      const { categoryIds, allKnown } = await eventCategories(tx, event.id, input.categoryIds);
      // The category named no longer exists (deleted since the form was opened).
      if (!allKnown)
        throw new AppError(
          "not-found",
          "One of those categories doesn't exist any more. Look at the list again.",
          [chooseCategories],
        );
      await checkEmailFree(tx, input.email, judge.userId);
      await tx
        .update(judges)
        .set({ name: input.name, version: judge.version + 1 })
        .where(eq(judges.id, judgeId));
      await tx
        .update(users)
        .set({ name: input.name, email: input.email })
        .where(eq(users.id, judge.userId));
      await tx.delete(judgeSchools).where(eq(judgeSchools.judgeId, judgeId));
      const schools = await insertJudgeSchools(tx, event.id, judgeId, input.schools);
      const removed = before.categoryIds.filter((id) => !categoryIds.includes(id));
      const added = categoryIds.filter((id) => !before.categoryIds.includes(id));
      if (removed.length) {
        await tx
          .delete(judgeCategories)
          .where(
            and(eq(judgeCategories.judgeId, judgeId), inArray(judgeCategories.categoryId, removed)),
          );
        const leaving = tx
          .select({ id: teams.id })
          .from(teams)
          .where(and(eq(teams.eventId, event.id), inArray(teams.categoryId, removed)));
        await tx
          .delete(judgeAssignments)
          .where(
            and(
              eq(judgeAssignments.judgeId, judgeId),
              eq(judgeAssignments.source, "auto"),
              inArray(judgeAssignments.teamId, leaving),
            ),
          );
      }
      if (added.length)
        await tx
          .insert(judgeCategories)
          .values(added.map((categoryId) => ({ judgeId, categoryId })));
      const schoolsChanged =
        [...before.schools].sort().join("\n") !== [...schools].sort().join("\n");
      if (removed.length || added.length || schoolsChanged)
        await reconcilePanels(tx, event.id, now);
      await audit(tx, {
        eventId: event.id,
        actorId,
        action: "judge.edited",
        details: {
          judgeId,
          old: {
            name: before.name,
            email: before.email,
            schools: before.schools,
            categoryIds: before.categoryIds,
          },
          new: { name: input.name, email: input.email, schools, categoryIds },
        },
      });
      // The judge's own page, the organizers' grid and their judges list.
      changes.add({ kind: "judging", eventId: event.id });
    });
  } catch (error) {
    // Another account taking the email at the same moment trips the unique index instead.
    if (isUniqueViolation(error, "users_email_key")) throw emailTaken();
    throw error;
  }
  return findJudge(db, event.id, judgeId);
}

/** Replaces a pending judge's invite link, for when the first one was lost. */
export async function renewInvite(
  db: Db,
  event: EventRow,
  judgeId: string,
  actorId: string,
): Promise<string> {
  const token = randomToken();
  await db.transaction(async (tx) => {
    const [judge] = await tx
      .select()
      .from(judges)
      .where(and(eq(judges.id, judgeId), eq(judges.eventId, event.id)));
    if (!judge) throw notFound("judge");
    if (judge.acceptedAt)
      throw new AppError("invite-used", "This judge has already accepted and can sign in.");
    await tx
      .update(judges)
      .set({ inviteTokenHash: hashToken(token) })
      .where(eq(judges.id, judgeId));
    await audit(tx, {
      eventId: event.id,
      actorId,
      action: "judge.invite-renewed",
      details: { judgeId },
    });
  });
  return token;
}

export async function findInvite(
  db: Db,
  token: string,
): Promise<{ name: string; eventName: string; eventSlug: string }> {
  const [row] = await db
    .select({
      name: judges.name,
      acceptedAt: judges.acceptedAt,
      eventName: events.name,
      eventSlug: events.slug,
    })
    .from(judges)
    .innerJoin(events, eq(events.id, judges.eventId))
    .where(eq(judges.inviteTokenHash, hashToken(token)));
  if (!row)
    throw new AppError(
      "not-found",
      "This invite link is not valid. Ask the organizer for a new one.",
    );
  if (row.acceptedAt)
    throw new AppError(
      "invite-used",
      "This invite has already been used. Sign in with your email and password.",
    );
  return { name: row.name, eventName: row.eventName, eventSlug: row.eventSlug };
}

/** Sets the judge's password; the invite then stops working. */
export async function acceptInvite(
  db: Db,
  token: string,
  password: string,
  now: Date,
  passwords: PasswordHasher,
): Promise<SessionUser> {
  const passwordHash = await passwords.hash(password);
  return db.transaction(async (tx) => {
    const [judge] = await tx
      .select()
      .from(judges)
      .where(eq(judges.inviteTokenHash, hashToken(token)))
      .for("update");
    if (!judge)
      throw new AppError(
        "not-found",
        "This invite link is not valid. Ask the organizer for a new one.",
      );
    if (judge.acceptedAt)
      throw new AppError(
        "invite-used",
        "This invite has already been used. Sign in with your email and password.",
      );
    await tx.update(judges).set({ acceptedAt: now }).where(eq(judges.id, judge.id));
    const [user] = await tx
      .update(users)
      .set({ passwordHash })
      .where(eq(users.id, judge.userId))
      .returning({ id: users.id, role: users.role, name: users.name });
    await audit(tx, {
      eventId: judge.eventId,
      actorId: judge.userId,
      action: "judge.accepted",
      details: { judgeId: judge.id },
    });
    return user!;
  });
}

/** The event a judge belongs to, for putting their socket in the judges' room. */
export async function judgeForUser(
  db: Db,
  userId: string,
): Promise<{ id: string; eventId: string } | null> {
  const [row] = await db
    .select({ id: judges.id, eventId: judges.eventId })
    .from(judges)
    .where(eq(judges.userId, userId));
  return row ?? null;
}
