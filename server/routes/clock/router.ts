import { Router } from "express";
import { ClockActionSchema } from "../../../shared/schemas/clock";
import type { AppContext } from "../../context";
import { adjustClock, clockHistory, loadClock } from "../../services/clock";
import { findEvent } from "../../services/events";
import { authorize, body, param } from "../middleware";

/** Mounted at /api/events/:slug/clock. */
export function clockRouter(ctx: AppContext): Router {
  const router = Router({ mergeParams: true });

  router.get("/", async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    res.json(await loadClock(ctx.db, event, ctx.now()));
  });

  router.post("/", authorize("clock:adjust"), async (req, res) => {
    const input = body(req, ClockActionSchema);
    const current = await findEvent(ctx.db, param(req, "slug"));
    const { event, clock } = await adjustClock(ctx.db, current.id, input, req.user!.id, ctx.now());
    await ctx.realtime.emitClock(event, clock);
    res.json(clock);
  });

  router.get("/history", authorize("clock:adjust"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    res.json({ adjustments: await clockHistory(ctx.db, event.id) });
  });

  return router;
}
