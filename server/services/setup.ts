import { eq, sql } from "drizzle-orm";
import type { SessionUser, Setup } from "../../shared/schemas/session";
import type { Db } from "../db/client";
import { setupTokens, users } from "../db/schema";
import type { PasswordHasher } from "../lib/passwords";
import { AppError } from "../lib/problems";
import { hashToken, randomToken } from "../lib/tokens";
import { audit } from "./audit";

export async function organizerExists(db: Db): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.role, "organizer"))
    .limit(1);
  return Boolean(row);
}

/** Creates the configured organizer, or sets its password when it already exists. */
export async function ensureOrganizer(
  db: Db,
  email: string,
  password: string,
  passwords: PasswordHasher,
): Promise<"created" | "updated"> {
  const passwordHash = await passwords.hash(password);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(users).where(eq(users.email, email));
    if (existing) {
      if (existing.role !== "organizer") {
        throw new Error(`ORGANIZER_EMAIL ${email} already belongs to a ${existing.role} account.`);
      }
      await tx.update(users).set({ passwordHash }).where(eq(users.id, existing.id));
      return "updated";
    }
    const [user] = await tx
      .insert(users)
      .values({ email, name: "Organizer", role: "organizer", passwordHash })
      .returning({ id: users.id });
    await audit(tx, {
      actorId: user!.id,
      action: "organizer.created",
      details: { via: "environment" },
    });
    return "created";
  });
}

/** Issues a fresh one-time set-up token (replacing any earlier one) and returns it. */
export async function issueSetupToken(db: Db): Promise<string> {
  const token = randomToken();
  await db.transaction(async (tx) => {
    await tx.delete(setupTokens);
    await tx.insert(setupTokens).values({ tokenHash: hashToken(token) });
  });
  return token;
}

export async function setupTokenValid(db: Db, token: string): Promise<boolean> {
  if (await organizerExists(db))
    throw new AppError("setup-done", "Set-up is done. Sign in instead.");
  const [row] = await db
    .select()
    .from(setupTokens)
    .where(eq(setupTokens.tokenHash, hashToken(token)));
  return Boolean(row);
}

/** Uses the set-up token to create the first organizer. The token works once. */
export async function completeSetup(
  db: Db,
  input: Setup,
  passwords: PasswordHasher,
): Promise<SessionUser> {
  const passwordHash = await passwords.hash(input.password);
  return db.transaction(async (tx) => {
    // Serialise set-up attempts so two people racing with the link cannot both succeed.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('first-organizer-setup'))`);
    if (await organizerExists(tx))
      throw new AppError("setup-done", "Set-up is done. Sign in instead.");
    const used = await tx
      .delete(setupTokens)
      .where(eq(setupTokens.tokenHash, hashToken(input.token)))
      .returning({ tokenHash: setupTokens.tokenHash });
    if (used.length === 0) {
      throw new AppError(
        "not-found",
        "This set-up link is not valid. Use the newest link printed when the server started.",
      );
    }
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, input.email));
    if (taken) throw new AppError("email-taken", "That email already has an account.");
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, role: "organizer", passwordHash })
      .returning({ id: users.id, role: users.role, name: users.name });
    await tx.delete(setupTokens);
    await audit(tx, {
      actorId: user!.id,
      action: "organizer.created",
      details: { via: "setup-link" },
    });
    return user!;
  });
}
