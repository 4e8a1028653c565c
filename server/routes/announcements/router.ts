import { Router } from "express";
import { AnnouncementCreateSchema } from "../../../shared/schemas/event";
import type { AppContext } from "../../context";
import {
  listAnnouncements,
  postAnnouncement,
  removeAnnouncement,
} from "../../services/announcements";
import { findEvent } from "../../services/events";
import { authorize, body, param } from "../middleware";

/**
 * Mounted at /api/events/:slug/announcements. The hall's announcements are public; those for
 * teachers alone are read by organizers here and by teachers on their own page.
 */
export function announcementsRouter(ctx: AppContext): Router {
  const router = Router({ mergeParams: true });

  router.get("/", async (req, res) => {
    const event = await ctx.realtime.views.event(param(req, "slug"));
    res.json({ announcements: await ctx.realtime.views.announcements(event.id) });
  });

  router.get("/teachers", authorize("announcement:post"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    res.set("Cache-Control", "no-store");
    res.json({
      announcements: await listAnnouncements(ctx.db, event.id, undefined, "teachers"),
    });
  });

  router.post("/", authorize("announcement:post"), async (req, res) => {
    const input = body(req, AnnouncementCreateSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    const announcement = await postAnnouncement(ctx.db, event.id, input, req.user!.id, ctx.now());
    ctx.realtime.publisher.publish({ kind: "announcement", eventId: event.id, announcement });
    res.status(201).json({ announcement });
  });

  router.delete("/:id", authorize("announcement:post"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    const id = param(req, "id");
    const audience = await removeAnnouncement(ctx.db, event.id, id, req.user!.id);
    ctx.realtime.publisher.publish({
      kind: "announcement-removed",
      eventId: event.id,
      id,
      audience,
    });
    res.status(204).end();
  });

  return router;
}
