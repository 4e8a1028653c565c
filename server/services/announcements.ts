import { and, desc, eq } from "drizzle-orm";
import type { Announcement } from "../../shared/events";
import { LIMITS } from "../../shared/limits";
import type { Db } from "../db/client";
import { announcements } from "../db/schema";
import { notFound } from "../lib/problems";
import { audit } from "./audit";

const present = (row: typeof announcements.$inferSelect): Announcement => ({
  id: row.id,
  text: row.text,
  at: row.at.toISOString(),
});

export async function postAnnouncement(
  db: Db,
  eventId: string,
  text: string,
  actorId: string,
  now: Date,
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(announcements)
      .values({ eventId, text, at: now, actorId })
      .returning();
    await audit(tx, {
      eventId,
      actorId,
      action: "announcement.posted",
      details: { announcementId: row!.id },
    });
    return present(row!);
  });
}

export async function removeAnnouncement(db: Db, eventId: string, id: string, actorId: string) {
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(announcements)
      .where(and(eq(announcements.id, id), eq(announcements.eventId, eventId)))
      .returning({ id: announcements.id });
    if (deleted.length === 0) throw notFound("announcement");
    await audit(tx, {
      eventId,
      actorId,
      action: "announcement.removed",
      details: { announcementId: id },
    });
  });
}

/** The latest announcements, newest first. */
export async function listAnnouncements(
  db: Db,
  eventId: string,
  limit: number = LIMITS.announcementsShown,
) {
  const rows = await db
    .select()
    .from(announcements)
    .where(eq(announcements.eventId, eventId))
    .orderBy(desc(announcements.at))
    .limit(limit);
  return rows.map(present);
}
