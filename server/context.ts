import type { SessionUser } from "../shared/schemas/session";
import type { Db, DbKind } from "./db/client";
import type { Logger } from "./lib/logger";
import type { Mailer } from "./lib/mailer";
import type { PasswordHasher } from "./lib/passwords";
import type { Realtime } from "./realtime";
import type { Publisher } from "./realtime/publisher";
import type { SessionCache } from "./services/sessionCache";

/** What the HTTP and socket layers need; tests build their own with a fixed clock. */
export interface AppDeps {
  db: Db;
  dbKind: DbKind;
  logger: Logger;
  /** The server's clock. Every rule about time reads this, never `new Date()`. */
  now: () => Date;
  /** Base for links in invites and consent emails; defaults to the request's own origin. */
  publicUrl?: string | undefined;
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
}

export interface AppContext extends AppDeps {
  realtime: Realtime;
  sessions: SessionCache;
  /**
   * Runs a service that reports what it changed, then publishes the changes (after its
   * transaction committed): `await ctx.publish((changes) => saveX(db, { ...input, changes }))`.
   */
  publish: Publisher["after"];
}

declare module "express-serve-static-core" {
  interface Request {
    user: SessionUser | null;
    sessionToken: string | null;
  }
}
