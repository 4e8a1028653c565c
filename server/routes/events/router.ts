import { Router } from "express";
import { computeClock } from "../../../shared/rules/clock";
import { EventCreateSchema, EventUpdateSchema } from "../../../shared/schemas/event";
import type { AppContext } from "../../context";
import { presentEvent, presentEventSummary } from "../../presenters/event";
import { loadAdjustments } from "../../services/clock";
import {
  createEvent,
  type EventDetail,
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

  // Public, and the display's first call: answered from memory (server/realtime/views.ts),
  // the body written once per version of the event and phase of the day.
  const bodies = new WeakMap<EventDetail, Map<string, string>>();
  router.get("/:slug", async (req, res) => {
    const event = await ctx.realtime.views.event(param(req, "slug"));
    const detail = await ctx.realtime.views.detail(event.id);
    const now = ctx.now();
    const phase = computeClock(detail.event, detail.adjustments, now).phase;
    let byPhase = bodies.get(detail);
    if (!byPhase) {
      byPhase = new Map();
      bodies.set(detail, byPhase);
    }
    let body = byPhase.get(phase);
    if (!body) {
      body = JSON.stringify({ event: presentEvent(detail, now) });
      byPhase.set(phase, body);
    }
    res.type("application/json").send(body);
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
