import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { appSettings } from "../db/schema";
import { AppError } from "../lib/problems";
import { audit } from "./audit";

const LINK_BASE = "link_base";

/** The address the organizer chose for links, or null for the default. */
export async function readLinkBase(db: Db): Promise<string | null> {
  const [row] = await db
    .select({ value: appSettings.value })
    .from(appSettings)
    .where(eq(appSettings.key, LINK_BASE));
  return row?.value ?? null;
}

/**
 * Stores the address links use. It must be one of `choices`, the addresses the app listens
 * on now: anything else would send judges and guardians somewhere this app is not.
 */
export async function saveLinkBase(
  db: Db,
  base: string,
  choices: string[],
  actorId: string,
  now: Date,
): Promise<void> {
  if (!choices.includes(base)) {
    throw new AppError("validation", "Choose one of the addresses listed.", [
      { path: "base", message: "This app can't be reached at that address. Choose one listed." },
    ]);
  }
  await db.transaction(async (tx) => {
    await tx
      .insert(appSettings)
      .values({ key: LINK_BASE, value: base, updatedBy: actorId, updatedAt: now })
      .onConflictDoUpdate({
        target: appSettings.key,
        set: { value: base, updatedBy: actorId, updatedAt: now },
      });
    await audit(tx, { actorId, action: "settings.link-base", details: { base } });
  });
}
