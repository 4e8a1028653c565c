import { and, count, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { OutboxStatus } from "../../shared/api";
import { LIMITS } from "../../shared/limits";
import type { Db } from "../db/client";
import { members, outbox, teams } from "../db/schema";
import type { Logger } from "../lib/logger";
import type { Mailer } from "../lib/mailer";

export interface QueuedMail {
  eventId: string;
  to: string;
  subject: string;
  body: string;
  /** When it was written, on the server's clock. */
  at: Date;
  /** For a guardian's consent email: whose it is, and the link it carries. */
  consent?: { memberId: string; tokenHash: string; link: string };
}

/**
 * Records an email in the outbox inside the caller's transaction; returns its id, or null when
 * the address has had its share this hour (LIMITS.mailsPerAddressPerHour): that email stays
 * in the outbox marked not sent, for the organizer to see, so that sign-ups in a loop cannot
 * flood a guardian's inbox.
 */
export async function queueMail(db: Db, mail: QueuedMail): Promise<string | null> {
  // Serialises mails to one address, so racing sign-ups cannot both take the last place.
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`mail:${mail.to}`}))`);
  const [recent] = await db
    .select({ n: count() })
    .from(outbox)
    .where(
      and(
        eq(outbox.toEmail, mail.to),
        gt(outbox.createdAt, new Date(mail.at.getTime() - 60 * 60 * 1000)),
      ),
    );
  const capped = (recent?.n ?? 0) >= LIMITS.mailsPerAddressPerHour;
  const [row] = await db
    .insert(outbox)
    .values({
      eventId: mail.eventId,
      toEmail: mail.to,
      subject: mail.subject,
      body: mail.body,
      error: capped
        ? `Not sent: this address already had ${LIMITS.mailsPerAddressPerHour} emails in the last hour.`
        : null,
      createdAt: mail.at,
      memberId: mail.consent?.memberId ?? null,
      consentTokenHash: mail.consent?.tokenHash ?? null,
      link: mail.consent?.link ?? null,
    })
    .returning({ id: outbox.id });
  return capped ? null : row!.id;
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
      // A mail server's refusal quotes the recipient's address: log only its codes.
      const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
      logger.warn({ outboxId: row.id, code, responseCode }, "email not sent");
      await db
        .update(outbox)
        .set({ error: error instanceof Error ? error.message.slice(0, 500) : "unknown error" })
        .where(eq(outbox.id, row.id));
    }
  }
}

export type OutboxRow = typeof outbox.$inferSelect;

export interface OutboxEntry {
  mail: OutboxRow;
  status: OutboxStatus;
  /** A consent email's member and team, while the member exists. */
  consent: {
    memberId: string;
    firstName: string;
    teamName: string;
    link: string;
  } | null;
}

/**
 * The event's emails, newest first, each with where it stands. A consent email follows its
 * member: replaced once a newer link was made, answered once the guardian answered.
 */
export async function listOutbox(db: Db, eventId: string): Promise<OutboxEntry[]> {
  const rows = await db
    .select({
      mail: outbox,
      firstName: members.firstName,
      currentHash: members.consentTokenHash,
      linkOpen: members.consentLinkOpen,
      teamName: teams.name,
    })
    .from(outbox)
    .leftJoin(members, eq(members.id, outbox.memberId))
    .leftJoin(teams, eq(teams.id, members.teamId))
    .where(eq(outbox.eventId, eventId))
    .orderBy(desc(outbox.createdAt), desc(outbox.id));
  return rows.map((r) => {
    const { mail } = r;
    const consent =
      mail.memberId && mail.link && r.firstName !== null && r.teamName !== null
        ? {
            memberId: mail.memberId,
            firstName: r.firstName,
            teamName: r.teamName,
            link: mail.link,
          }
        : null;
    let status: OutboxStatus = mail.sentAt ? "sent" : mail.error ? "failed" : "waiting";
    if (consent && r.currentHash !== mail.consentTokenHash) status = "replaced";
    else if (consent && r.linkOpen === false) status = "answered";
    return { mail, status, consent };
  });
}
