// Session lookups, kept for a few seconds. Every HTTP request and socket handshake with a
// cookie resolves its session; at a big event that is thousands a second in a reconnect storm.
// A cached session is still checked against its expiry on every use, is read again once its
// last use is due to be recorded (so the idle limit keeps counting), and
// signing out drops it at once (on other instances through the publisher's session:end).
import type { SessionUser } from "../../shared/schemas/session";
import type { Db } from "../db/client";
import { hashToken } from "../lib/tokens";
import { resolveSessionRecord, TOUCH_EVERY_MS } from "./auth";

const TTL_MS = 10_000;
const MAX_ENTRIES = 50_000;

interface Entry {
  user: SessionUser | null;
  lastSeenAt: number;
  expiresAt: number;
  cachedAt: number;
}

export interface SessionCache {
  /** The signed-in user for a session token, or null; like resolveSession, but remembered. */
  resolve(token: string, now: Date): Promise<SessionUser | null>;
  /** Forgets a session (signed out, or ended elsewhere). */
  forget(sessionHash: string): void;
  clear(): void;
}

export function createSessionCache(db: Db, ttlMs = TTL_MS): SessionCache {
  const entries = new Map<string, Entry>();
  const pending = new Map<string, Promise<SessionUser | null>>();
  const fresh = (entry: Entry, t: number) =>
    Date.now() - entry.cachedAt < ttlMs &&
    // Once the session is due a touch (its last use recorded), read it again: that records it.
    (entry.user === null || (t < entry.expiresAt && t - entry.lastSeenAt <= TOUCH_EVERY_MS));
  return {
    async resolve(token, now) {
      const hash = hashToken(token);
      const hit = entries.get(hash);
      if (hit && fresh(hit, now.getTime())) return hit.user;
      const inFlight = pending.get(hash);
      if (inFlight) return inFlight;
      const read = (async () => {
        const record = await resolveSessionRecord(db, token, now);
        if (entries.size >= MAX_ENTRIES) entries.clear();
        entries.set(hash, {
          user: record?.user ?? null,
          lastSeenAt: record?.lastSeenAt.getTime() ?? 0,
          expiresAt: record?.expiresAt.getTime() ?? 0,
          cachedAt: Date.now(),
        });
        return record?.user ?? null;
      })();
      pending.set(hash, read);
      try {
        return await read;
      } finally {
        pending.delete(hash);
      }
    },
    forget(sessionHash) {
      entries.delete(sessionHash);
    },
    clear() {
      entries.clear();
    },
  };
}
