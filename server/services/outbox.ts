import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { outbox } from "../db/schema";
import type { Logger } from "../lib/logger";
import type { Mailer } from "../lib/mailer";

export interface QueuedMail {
  eventId: string;
  to: string;
  subject: string;
  body: string;
}

/** Records an email in the outbox inside the caller's transaction; returns its id. */
export async function queueMail(db: Db, mail: QueuedMail): Promise<string> {
  const [row] = await db
    .insert(outbox)
    .values({ eventId: mail.eventId, toEmail: mail.to, subject: mail.subject, body: mail.body })
    .returning({ id: outbox.id });
  return row!.id;
}

/** After commit: sends queued emails when SMTP is configured, marking each sent or failed. */
export async function deliver(
  db: Db,
  mailer: Mailer,
  ids: string[],
  logger: Logger,
): Promise<void> {
  if (!mailer.enabled || ids.length === 0) return;
  const rows = await db
    .select()
    .from(outbox)
    .where(and(inArray(outbox.id, ids), isNull(outbox.sentAt)));
  for (const row of rows) {
    try {
      await mailer.send({ to: row.toEmail, subject: row.subject, text: row.body });
      await db.update(outbox).set({ sentAt: new Date(), error: null }).where(eq(outbox.id, row.id));
    } catch (error) {
      logger.warn({ err: error, outboxId: row.id }, "email not sent");
      await db
        .update(outbox)
        .set({ error: error instanceof Error ? error.message.slice(0, 500) : "unknown error" })
        .where(eq(outbox.id, row.id));
    }
  }
}

export async function listOutbox(db: Db, eventId: string) {
  return db
    .select()
    .from(outbox)
    .where(eq(outbox.eventId, eventId))
    .orderBy(desc(outbox.createdAt));
}
