import { and, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { LIMITS } from "../../shared/limits";
import type { SessionUser, SignIn } from "../../shared/schemas/session";
import type { Db } from "../db/client";
import { sessions, signInFailures, trustedDevices, users } from "../db/schema";
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

export interface SignedIn {
  user: SessionUser;
  /** The browser's device token, to keep in its `hmj_device` cookie (new or the one it sent). */
  deviceToken: string;
}

function lockedError(retryAfterS: number): AppError {
  const minutes = Math.ceil(retryAfterS / 60);
  return new AppError(
    "too-many-attempts",
    `Too many wrong passwords for this account. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    undefined,
    { "Retry-After": String(retryAfterS) },
  );
}

/**
 * Checks an email and password. After too many failures for one email within the window,
 * that email answers `too-many-attempts` until the oldest failure leaves the window; other
 * accounts are unaffected. A browser that signed in to the account before (its device
 * token) has a count of its own, so strangers guessing cannot lock the owner out.
 *
 * Each attempt first records itself as a failure, under a per-email advisory lock held only
 * for that, so racing guesses cannot slip past the limit; the password is checked outside any
 * transaction (argon2 takes tens of milliseconds, and the embedded database has one
 * connection that everyone else waits on), and a right password removes the record.
 */
export async function checkCredentials(
  db: Db,
  input: SignIn,
  now: Date,
  passwords: PasswordHasher,
  deviceToken: string | null = null,
): Promise<SignedIn> {
  const since = new Date(now.getTime() - LIMITS.signInWindowMs);
  const presented = deviceToken ? hashToken(deviceToken) : null;
  const [trusted] = presented
    ? await db
        .select({ tokenHash: trustedDevices.tokenHash })
        .from(trustedDevices)
        .innerJoin(users, eq(users.id, trustedDevices.userId))
        .where(
          and(
            eq(trustedDevices.tokenHash, presented),
            eq(users.email, input.email),
            gt(trustedDevices.expiresAt, now),
          ),
        )
    : [];
  // Failures from a trusted browser count against it alone; all others against the account.
  const device = trusted ? trusted.tokenHash : null;
  const sameCount = and(
    eq(signInFailures.email, input.email),
    device ? eq(signInFailures.deviceHash, device) : isNull(signInFailures.deviceHash),
  );
  const reserved = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`sign-in:${input.email}`}))`);
    const failures = await tx
      .select({ at: signInFailures.at })
      .from(signInFailures)
      .where(and(sameCount, gt(signInFailures.at, since)))
      .orderBy(signInFailures.at);
    if (failures.length >= LIMITS.signInFailuresAllowed) {
      const oldest = failures[failures.length - LIMITS.signInFailuresAllowed]!.at;
      return {
        lockedFor: Math.max(
          1,
          Math.ceil((oldest.getTime() + LIMITS.signInWindowMs - now.getTime()) / 1000),
        ),
      } as const;
    }
    const [row] = await tx
      .insert(signInFailures)
      .values({ email: input.email, deviceHash: device, at: now })
      .returning({ id: signInFailures.id });
    return { id: row!.id } as const;
  });
  if (reserved.lockedFor !== undefined) throw lockedError(reserved.lockedFor);

  const [user] = await db.select().from(users).where(eq(users.email, input.email));
  let ok: boolean;
  try {
    ok = await passwords.verify(user?.passwordHash ?? null, input.password);
  } catch (error) {
    // Not checked at all (the hashing queue is full): not a failure of this account.
    await db.delete(signInFailures).where(eq(signInFailures.id, reserved.id));
    throw error;
  }
  if (!ok || !user)
    throw new AppError("invalid-credentials", "That email and password don't match an account.");

  const token = deviceToken ?? randomToken();
  await db.transaction(async (tx) => {
    await tx.delete(signInFailures).where(or(sameCount, lt(signInFailures.at, since)));
    await tx.delete(trustedDevices).where(lt(trustedDevices.expiresAt, now));
    const expiresAt = new Date(now.getTime() + LIMITS.trustedDeviceMs);
    await tx
      .insert(trustedDevices)
      .values({ tokenHash: hashToken(token), userId: user.id, lastUsedAt: now, expiresAt })
      .onConflictDoUpdate({
        target: [trustedDevices.tokenHash, trustedDevices.userId],
        set: { lastUsedAt: now, expiresAt },
      });
  });
  return { user: { id: user.id, role: user.role, name: user.name }, deviceToken: token };
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
