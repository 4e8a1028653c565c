import { and, desc, eq } from "drizzle-orm";
import type { Announcement, PostedAnnouncement } from "../../shared/events";
import { LIMITS } from "../../shared/limits";
import type { AnnouncementAudience } from "../../shared/schemas/event";
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
  { text, audience }: { text: string; audience: AnnouncementAudience },
  actorId: string,
  now: Date,
): Promise<PostedAnnouncement> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(announcements)
      .values({ eventId, text, at: now, actorId, audience })
      .returning();
    await audit(tx, {
      eventId,
      actorId,
      action: "announcement.posted",
      details: { announcementId: row!.id, audience },
    });
    return { ...present(row!), audience: row!.audience };
  });
}

/** Takes an announcement back; answers who it was for, so the right screens are told. */
export async function removeAnnouncement(
  db: Db,
  eventId: string,
  id: string,
  actorId: string,
): Promise<AnnouncementAudience> {
  return db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(announcements)
      .where(and(eq(announcements.id, id), eq(announcements.eventId, eventId)))
      .returning({ audience: announcements.audience });
    if (!deleted) throw notFound("announcement");
    await audit(tx, {
      eventId,
      actorId,
      action: "announcement.removed",
      details: { announcementId: id },
    });
    return deleted.audience;
  });
}

/** The latest announcements for one audience, newest first: the hall's unless told otherwise. */
export async function listAnnouncements(
  db: Db,
  eventId: string,
  limit: number = LIMITS.announcementsShown,
  audience: AnnouncementAudience = "everyone",
) {
  const rows = await db
    .select()
    .from(announcements)
    .where(and(eq(announcements.eventId, eventId), eq(announcements.audience, audience)))
    .orderBy(desc(announcements.at))
    .limit(limit);
  return rows.map(present);
}
