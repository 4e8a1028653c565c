import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import {
  type CheckInCodeKind,
  checkInCodeMessage,
  formatCheckInCode,
} from "../../shared/rules/checkInCode";
import type { Db } from "../db/client";
import { appSettings } from "../db/schema";

const SECRET_KEY = "check_in_secret";

/**
 * The secret check-in codes are signed with. Made once, at first use, and kept in
 * app_settings, which backups leave out; every instance sharing the database shares it.
 */
export async function checkInSecret(db: Db): Promise<Buffer> {
  await db
    .insert(appSettings)
    .values({ key: SECRET_KEY, value: randomBytes(32).toString("base64url") })
    .onConflictDoNothing({ target: appSettings.key });
  const [row] = await db
    .select({ value: appSettings.value })
    .from(appSettings)
    .where(eq(appSettings.key, SECRET_KEY));
  return Buffer.from(row!.value, "base64url");
}

/** 128 bits of HMAC-SHA256: short enough for a small QR code, far too long to guess. */
function signature(secret: Buffer, eventId: string, kind: CheckInCodeKind, id: string): Buffer {
  return createHmac("sha256", secret)
    .update(checkInCodeMessage(eventId, kind, id))
    .digest()
    .subarray(0, 16);
}

export function signCheckInCode(
  secret: Buffer,
  eventId: string,
  kind: CheckInCodeKind,
  id: string,
): string {
  return formatCheckInCode(kind, id, signature(secret, eventId, kind, id).toString("base64url"));
}

/** Whether the signature is the one this event's code for `id` carries (constant time). */
export function signatureMatches(
  secret: Buffer,
  eventId: string,
  kind: CheckInCodeKind,
  id: string,
  given: string,
): boolean {
  // Compared as text: the last of 22 base64url characters carries 4 unused bits, so
  // decoding first would take a code with those bits changed by hand as the same code.
  const expected = Buffer.from(signature(secret, eventId, kind, id).toString("base64url"));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
