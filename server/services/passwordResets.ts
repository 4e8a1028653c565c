/**
 * Lost passwords. An organizer makes a one-time link for a team's or a judge's account (shown
 * with a QR code at the desk); with a mail server, anyone can have one mailed to their
 * account's address. A link works once, for LIMITS.passwordResetMs; only its SHA-256 is kept,
 * a newer link replaces an unused one, and choosing the new password ends every session the
 * account had.
 */
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { LIMITS } from "../../shared/limits";
import type { SessionUser } from "../../shared/schemas/session";
import type { Db } from "../db/client";
import { judges, passwordResets, sessions, signInFailures, teams, users } from "../db/schema";
import type { PasswordHasher } from "../lib/passwords";
import { AppError, notFound } from "../lib/problems";
import { hashToken, randomToken } from "../lib/tokens";
import { audit } from "./audit";
import type { EventRow } from "./events";

export const resetUrl = (baseUrl: string, token: string) => `${baseUrl}/reset/${token}`;

const invalidLink = () =>
  new AppError(
    "not-found",
    "This link to choose a new password isn't valid. It may have been replaced by a newer one: use the newest, or ask an organizer for a new link.",
  );

/** Makes the account's new link, replacing any it had that were not used. */
async function replaceLink(
  tx: Db,
  userId: string,
  createdBy: string | null,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  await tx
    .delete(passwordResets)
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + LIMITS.passwordResetMs);
  await tx
    .insert(passwordResets)
    .values({ tokenHash: hashToken(token), userId, createdBy, createdAt: now, expiresAt });
  return { token, expiresAt };
}

export interface ResetFor {
  event: EventRow;
  /** The team's or the judge's id in the event. */
  who: { kind: "team" | "judge"; id: string };
  actorId: string;
  now: Date;
}

/** An organizer makes a reset link for a team's or a judge's account of this event. */
export async function issueReset(
  db: Db,
  { event, who, actorId, now }: ResetFor,
): Promise<{ token: string; expiresAt: Date }> {
  return db.transaction(async (tx) => {
    let userId: string | null;
    if (who.kind === "team") {
      const [team] = await tx
        .select({ userId: teams.contactUserId })
        .from(teams)
        .where(and(eq(teams.id, who.id), eq(teams.eventId, event.id)));
      if (!team) throw notFound("team");
      userId = team.userId;
      if (!userId) throw new AppError("not-found", "This team has no sign-in account any more.");
    } else {
      const [judge] = await tx
        .select({ userId: judges.userId, name: judges.name, acceptedAt: judges.acceptedAt })
        .from(judges)
        .where(and(eq(judges.id, who.id), eq(judges.eventId, event.id)));
      if (!judge) throw notFound("judge");
      if (!judge.acceptedAt)
        throw new AppError(
          "invite-pending",
          `${judge.name} has not chosen a password yet. Make a new invite link for them instead.`,
        );
      userId = judge.userId;
    }
    const link = await replaceLink(tx, userId, actorId, now);
    await audit(tx, {
      eventId: event.id,
      actorId,
      action: "password.reset-link",
      details: { [`${who.kind}Id`]: who.id, userId },
    });
    return link;
  });
}

/**
 * The link to mail when someone asks with their email: null (and nothing made) when no account
 * has that email, or one was mailed within LIMITS.passwordResetMailMs. The caller answers the
 * same either way, so the answer says nothing about which emails have accounts.
 */
export async function requestReset(
  db: Db,
  { email, now }: { email: string; now: Date },
): Promise<{ to: string; name: string; token: string } | null> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, email: users.email, name: users.name })
      .from(users)
      .where(eq(users.email, email))
      .for("update");
    if (!user) return null;
    const [recent] = await tx
      .select({ at: passwordResets.createdAt })
      .from(passwordResets)
      .where(
        and(
          eq(passwordResets.userId, user.id),
          isNull(passwordResets.createdBy),
          gt(passwordResets.createdAt, new Date(now.getTime() - LIMITS.passwordResetMailMs)),
        ),
      )
      .orderBy(desc(passwordResets.createdAt))
      .limit(1);
    if (recent) return null;
    const { token } = await replaceLink(tx, user.id, null, now);
    await audit(tx, { actorId: user.id, action: "password.reset-mailed", details: {} });
    return { to: user.email, name: user.name, token };
  });
}

type ResetRow = typeof passwordResets.$inferSelect;

function usable(row: ResetRow | undefined, now: Date): ResetRow {
  if (!row) throw invalidLink();
  if (row.usedAt)
    throw new AppError(
      "reset-used",
      "This link has already been used to choose a password. Sign in with it, or ask for a new link.",
    );
  if (row.expiresAt.getTime() <= now.getTime())
    throw new AppError(
      "reset-expired",
      "This link has run out: links to choose a new password last 24 hours. Ask for a new one.",
    );
  return row;
}

/** Whose password a link sets, for the page that asks for the new one. */
export async function findReset(
  db: Db,
  token: string,
  now: Date,
): Promise<{ email: string; expiresAt: Date }> {
  const [row] = await db
    .select()
    .from(passwordResets)
    .where(eq(passwordResets.tokenHash, hashToken(token)));
  const reset = usable(row, now);
  const [user] = await db
    .select({ email: users.email })
    .from(users)
    .where(eq(users.id, reset.userId));
  if (!user) throw invalidLink();
  return { email: user.email, expiresAt: reset.expiresAt };
}

/**
 * Sets the new password with a link, once. Ends every session of the account (their hashes are
 * returned, for closing their sockets) and forgets its failed sign-ins.
 */
export async function completeReset(
  db: Db,
  {
    token,
    password,
    now,
    passwords,
  }: { token: string; password: string; now: Date; passwords: PasswordHasher },
): Promise<{ user: SessionUser; ended: string[] }> {
  const tokenHash = hashToken(token);
  // A link that can't be used is refused before the password costs a hash.
  const [before] = await db
    .select()
    .from(passwordResets)
    .where(eq(passwordResets.tokenHash, tokenHash));
  usable(before, now);
  const passwordHash = await passwords.hash(password);
  return db.transaction(async (tx) => {
    // Locked, so two uses at once set one password: the second finds it used.
    const [row] = await tx
      .select()
      .from(passwordResets)
      .where(eq(passwordResets.tokenHash, tokenHash))
      .for("update");
    const reset = usable(row, now);
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(eq(passwordResets.tokenHash, tokenHash));
    const [user] = await tx
      .update(users)
      .set({ passwordHash })
      .where(eq(users.id, reset.userId))
      .returning({ id: users.id, role: users.role, name: users.name, email: users.email });
    if (!user) throw invalidLink();
    const ended = await tx
      .delete(sessions)
      .where(eq(sessions.userId, user.id))
      .returning({ tokenHash: sessions.tokenHash });
    await tx.delete(signInFailures).where(eq(signInFailures.email, user.email));
    await audit(tx, { actorId: user.id, action: "password.reset", details: {} });
    return {
      user: { id: user.id, role: user.role, name: user.name },
      ended: ended.map((s) => s.tokenHash),
    };
  });
}
