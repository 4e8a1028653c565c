import type { SessionUser } from "../shared/schemas/session";
import type { Db, DbKind } from "./db/client";
import type { Logger } from "./lib/logger";
import type { Mailer } from "./lib/mailer";
import type { PasswordHasher } from "./lib/passwords";
import type { Realtime } from "./realtime";

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
  /**
   * Check every JSON answer against the API reference and answer 500 when it does not match
   * (server/routes/reference/check.ts). Test servers turn it on; it costs a parse per answer.
   */
  checkResponses?: boolean;
}

export interface AppContext extends AppDeps {
  realtime: Realtime;
}

declare module "express-serve-static-core" {
  interface Request {
    user: SessionUser | null;
    sessionToken: string | null;
  }
}
