import { and, asc, eq, inArray } from "drizzle-orm";
import type { JudgeInvite } from "../../shared/schemas/event";
import type { SessionUser } from "../../shared/schemas/session";
import type { Db } from "../db/client";
import {
  categories,
  events,
  judgeCategories,
  judgeSchools,
  judges,
  schools,
  users,
} from "../db/schema";
import type { PasswordHasher } from "../lib/passwords";
import { AppError, notFound, validationError } from "../lib/problems";
import { hashToken, randomToken } from "../lib/tokens";
import type { Changes } from "../realtime/changes";
import { audit } from "./audit";
import type { EventRow } from "./events";
import { reconcilePanels } from "./judging/panels";
import { resolveSchools, schoolNames } from "./schools";

export interface JudgeRecord {
  id: string;
  name: string;
  email: string;
  schools: string[];
  categoryIds: string[];
  acceptedAt: Date | null;
}

export async function listJudges(db: Db, eventId: string): Promise<JudgeRecord[]> {
  const rows = await db
    .select({ id: judges.id, name: judges.name, email: users.email, acceptedAt: judges.acceptedAt })
    .from(judges)
    .innerJoin(users, eq(users.id, judges.userId))
    .where(eq(judges.eventId, eventId))
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
    const categoryIds = [...new Set(input.categoryIds)];
    const known = await tx
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.eventId, event.id), inArray(categories.id, categoryIds)));
    if (known.length !== categoryIds.length) {
      throw validationError([{ path: "categoryIds", message: "Choose categories of this event." }]);
    }
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, input.email));
    if (taken) {
      throw new AppError("email-taken", "Someone already has an account with that email.", [
        { path: "email", message: "This email already has an account." },
      ]);
    }
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
    // A declared school is one of the event's schools, made if no team has named it yet.
    const schoolIds = [...new Set(await resolveSchools(tx, event.id, input.schools))];
    if (schoolIds.length) {
      await tx
        .insert(judgeSchools)
        .values(schoolIds.map((schoolId) => ({ judgeId: judge!.id, schoolId })));
    }
    const names = await schoolNames(tx, schoolIds);
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
        schools: schoolIds.map((id) => names.get(id) ?? "").sort(),
        categoryIds,
        acceptedAt: null,
      },
      token,
    };
  });
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
