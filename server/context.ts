import type { SessionUser } from "../shared/schemas/session";
import type { Db, DbKind } from "./db/client";
import type { Addresses } from "./lib/addresses";
import type { Links } from "./lib/links";
import type { Logger } from "./lib/logger";
import type { Mailer } from "./lib/mailer";
import type { PasswordHasher } from "./lib/passwords";
import type { Realtime } from "./realtime";
import type { Publisher } from "./realtime/publisher";
import type { RateLimits } from "./routes/rateLimits";
import type { SessionCache } from "./services/sessionCache";

/** What the HTTP and socket layers need; tests build their own with a fixed clock. */
export interface AppDeps {
  db: Db;
  dbKind: DbKind;
  logger: Logger;
  /** The server's clock. Every rule about time reads this, never `new Date()`. */
  now: () => Date;
  /**
   * The address people reach the app at (PUBLIC_URL). Links in invites and consent emails
   * use it; without it they use the address the organizer chose among the app's own, never
   * the address a request names.
   */
  publicUrl?: string | undefined;
  /**
   * Per-address and per-account rate limits (429 rate-limited) and the refusal of sign-ins
   * while too many password hashes wait. On unless false; without a value, RATE_LIMITS=off
   * in the environment turns them off. The per-account sign-in lock stays on regardless.
   */
  rateLimits?: boolean;
  /** Serve the built client from here (production), or nothing (API only). */
  clientDir?: string | undefined;
  /** Sends email when SMTP_URL is set; otherwise mail waits in the outbox. */
  mailer: Mailer;
  /** argon2id with production settings; tests inject cheap settings. */
  passwords: PasswordHasher;
  /** With a PostgreSQL URL, Socket.IO shares events with other instances through it. */
  realtimeAdapterUrl?: string | undefined;
  /** Use Vite's dev server middleware with hot reload. */
  dev?: boolean;
  /**
   * Check every JSON answer against the API reference and answer 500 when it does not match
   * (server/routes/reference/check.ts). Test servers turn it on; it costs a parse per answer.
   */
  checkResponses?: boolean;
}

export interface AppContext extends AppDeps {
  realtime: Realtime;
  sessions: SessionCache;
  /**
   * Runs a service that reports what it changed, then publishes the changes (after its
   * transaction committed): `await ctx.publish((changes) => saveX(db, { ...input, changes }))`.
   */
  publish: Publisher["after"];
  /** The addresses the app listens on, and whether a Host header names one of them. */
  addresses: Addresses;
  /** Where links to the app point. */
  links: Links;
  limits: RateLimits;
}

declare module "express-serve-static-core" {
  interface Request {
    user: SessionUser | null;
    sessionToken: string | null;
  }
}
