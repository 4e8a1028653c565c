import { and, eq, gt, inArray, lt, or, sql } from "drizzle-orm";
import { LIMITS } from "../../shared/limits";
import type { SessionUser, SignIn } from "../../shared/schemas/session";
import type { Db } from "../db/client";
import { sessions, signInFailures, users } from "../db/schema";
import type { PasswordHasher } from "../lib/passwords";
import { AppError } from "../lib/problems";
import { hashToken, randomToken } from "../lib/tokens";

/** Touch `last_seen_at` at most this often, so reads do not each become a write. */
export const TOUCH_EVERY_MS = 60_000;

export async function createSession(db: Db, userId: string, now: Date): Promise<string> {
  const token = randomToken();
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + LIMITS.sessionAbsoluteMs),
  });
  return token;
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

/** The signed-in user for a session token, or null when it is unknown, idle too long or expired. */
export async function resolveSession(
  db: Db,
  token: string,
  now: Date,
): Promise<SessionUser | null> {
  return (await resolveSessionRecord(db, token, now))?.user ?? null;
}

/** A live session's user and times (see resolveSession). */
export async function resolveSessionRecord(
  db: Db,
  token: string,
  now: Date,
): Promise<{ user: SessionUser; lastSeenAt: Date; expiresAt: Date } | null> {
  const tokenHash = hashToken(token);
  const [row] = await db
    .select({
      id: users.id,
      role: users.role,
      name: users.name,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash));
  if (!row) return null;
  const idleFor = now.getTime() - row.lastSeenAt.getTime();
  if (row.expiresAt.getTime() <= now.getTime() || idleFor > LIMITS.sessionIdleMs) {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return null;
  }
  let lastSeenAt = row.lastSeenAt;
  if (idleFor > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
    lastSeenAt = now;
  }
  return {
    user: { id: row.id, role: row.role, name: row.name },
    lastSeenAt,
    expiresAt: row.expiresAt,
  };
}

/**
 * Checks an email and password. After too many failures for one email within the window,
 * that email answers `too-many-attempts` until the oldest failure leaves the window; other
 * accounts are unaffected. The check runs under a per-email advisory lock so that racing
 * guesses cannot slip past the limit.
 */
export async function checkCredentials(
  db: Db,
  input: SignIn,
  now: Date,
  passwords: PasswordHasher,
): Promise<SessionUser> {
  const since = new Date(now.getTime() - LIMITS.signInWindowMs);
  const outcome = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`sign-in:${input.email}`}))`);
    const failures = await tx
      .select({ at: signInFailures.at })
      .from(signInFailures)
      .where(and(eq(signInFailures.email, input.email), gt(signInFailures.at, since)))
      .orderBy(signInFailures.at);
    if (failures.length >= LIMITS.signInFailuresAllowed) {
      const oldest = failures[failures.length - LIMITS.signInFailuresAllowed]!.at;
      const retryAfterS = Math.max(
        1,
        Math.ceil((oldest.getTime() + LIMITS.signInWindowMs - now.getTime()) / 1000),
      );
      return { locked: retryAfterS } as const;
    }
    const [user] = await tx.select().from(users).where(eq(users.email, input.email));
    const ok = await passwords.verify(user?.passwordHash ?? null, input.password);
    if (!ok || !user) {
      await tx.insert(signInFailures).values({ email: input.email, at: now });
      return { failed: true } as const;
    }
    await tx
      .delete(signInFailures)
      .where(or(eq(signInFailures.email, input.email), lt(signInFailures.at, since)));
    return { user: { id: user.id, role: user.role, name: user.name } } as const;
  });
  if ("locked" in outcome && outcome.locked !== undefined) {
    const minutes = Math.ceil(outcome.locked / 60);
    throw new AppError(
      "too-many-attempts",
      `Too many wrong passwords for this account. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      undefined,
      { "Retry-After": String(outcome.locked) },
    );
  }
  if ("failed" in outcome)
    throw new AppError("invalid-credentials", "That email and password don't match an account.");
  return outcome.user;
}

/** Which of these session hashes still name a live session (for closing sockets of ended ones). */
export async function liveSessionHashes(db: Db, hashes: string[], now: Date): Promise<Set<string>> {
  const rows = await db
    .select({
      tokenHash: sessions.tokenHash,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .where(inArray(sessions.tokenHash, hashes));
  return new Set(
    rows
      .filter(
        (r) => r.expiresAt > now && now.getTime() - r.lastSeenAt.getTime() <= LIMITS.sessionIdleMs,
      )
      .map((r) => r.tokenHash),
  );
}
