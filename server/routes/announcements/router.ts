import { Router } from "express";
import { AnnouncementCreateSchema } from "../../../shared/schemas/event";
import type { AppContext } from "../../context";
import { postAnnouncement, removeAnnouncement } from "../../services/announcements";
import { findEvent } from "../../services/events";
import { authorize, body, param } from "../middleware";

/** Mounted at /api/events/:slug/announcements. Announcements are public: they are for the whole hall. */
export function announcementsRouter(ctx: AppContext): Router {
  const router = Router({ mergeParams: true });

  router.get("/", async (req, res) => {
    const event = await ctx.realtime.views.event(param(req, "slug"));
    res.json({ announcements: await ctx.realtime.views.announcements(event.id) });
  });

  router.post("/", authorize("announcement:post"), async (req, res) => {
    const { text } = body(req, AnnouncementCreateSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    const announcement = await postAnnouncement(ctx.db, event.id, text, req.user!.id, ctx.now());
    ctx.realtime.publisher.publish({ kind: "announcement", eventId: event.id, announcement });
    res.status(201).json({ announcement });
  });

  router.delete("/:id", authorize("announcement:post"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    await removeAnnouncement(ctx.db, event.id, param(req, "id"), req.user!.id);
    ctx.realtime.publisher.publish({
      kind: "announcement-removed",
      eventId: event.id,
      id: param(req, "id"),
    });
    res.status(204).end();
  });

  return router;
}
