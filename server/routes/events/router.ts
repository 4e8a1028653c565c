import { Router } from "express";
import { EventCreateSchema, EventUpdateSchema } from "../../../shared/schemas/event";
import type { AppContext } from "../../context";
import { presentEvent, presentEventSummary } from "../../presenters/event";
import { loadAdjustments } from "../../services/clock";
import {
  createEvent,
  findEvent,
  listEvents,
  loadEventDetail,
  updateEvent,
} from "../../services/events";
import { authorize, body, param } from "../middleware";

export function eventsRouter(ctx: AppContext): Router {
  const router = Router();

  router.get("/", authorize("event:list"), async (_req, res) => {
    const rows = await listEvents(ctx.db);
    const now = ctx.now();
    const events = await Promise.all(
      rows.map(async (e) => presentEventSummary(e, await loadAdjustments(ctx.db, e.id), now)),
    );
    res.json({ events });
  });

  router.post("/", authorize("event:create"), async (req, res) => {
    const input = body(req, EventCreateSchema);
    const event = await createEvent(ctx.db, input, req.user!.id);
    res.status(201).json({ event: presentEvent(await loadEventDetail(ctx.db, event), ctx.now()) });
  });

  router.patch("/:slug", authorize("event:update"), async (req, res) => {
    const input = body(req, EventUpdateSchema);
    const current = await findEvent(ctx.db, param(req, "slug"));
    const event = await updateEvent(ctx.db, current.slug, input, req.user!.id);
    ctx.realtime.publisher.publish({ kind: "event", eventId: event.id });
    res.json({ event: presentEvent(await loadEventDetail(ctx.db, event), ctx.now()) });
  });

  return router;
}
