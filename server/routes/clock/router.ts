import { Router } from "express";
import { ClockActionSchema } from "../../../shared/schemas/clock";
import type { AppContext } from "../../context";
import { adjustClock, clockHistory } from "../../services/clock";
import { findEvent } from "../../services/events";
import { authorize, body, param } from "../middleware";

/** Mounted at /api/events/:slug/clock. */
export function clockRouter(ctx: AppContext): Router {
  const router = Router({ mergeParams: true });

  router.post("/", authorize("clock:adjust"), async (req, res) => {
    const input = body(req, ClockActionSchema);
    const current = await findEvent(ctx.db, param(req, "slug"));
    const { clock } = await adjustClock(ctx.db, current.id, input, req.user!.id, ctx.now());
    ctx.realtime.publisher.publish({ kind: "clock", eventId: current.id });
    res.json(clock);
  });

  router.get("/history", authorize("clock:adjust"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    res.json({ adjustments: await clockHistory(ctx.db, event.id) });
  });

  return router;
}
