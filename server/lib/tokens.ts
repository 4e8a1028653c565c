import { createHash, randomBytes } from "node:crypto";

/** A URL-safe random token of 256 bits. */
export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Tokens are stored as their SHA-256 so a leaked database cannot be replayed as links or cookies. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
