import { Router } from "express";
import {
  PresentationOrderSchema,
  SlotChangeSchema,
  StageActionSchema,
} from "../../../shared/schemas/stage";
import type { AppContext } from "../../context";
import { findEvent } from "../../services/events";
import {
  changeSlot,
  presentations,
  setPresentationOrder,
  shufflePresentationOrder,
  stageAction,
} from "../../services/stage";
import { authorize, body, param } from "../middleware";

/** Presentations on stage, under /api/events/:slug. */
export function stageRouter(ctx: AppContext): Router {
  const router = Router({ mergeParams: true });

  // Public, like the clock: the display shows it to the hall.
  router.get("/stage", async (req, res) => {
    const event = await ctx.realtime.views.event(param(req, "slug"));
    res.json(await ctx.realtime.views.stage(event.id, ctx.now()));
  });

  router.post("/stage", authorize("stage:run"), async (req, res) => {
    const input = body(req, StageActionSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    const state = await stageAction(ctx.db, event.id, input, req.user!.id, ctx.now());
    ctx.realtime.publisher.publish({ kind: "stage", eventId: event.id });
    res.json(state);
  });

  router.get("/presentations", authorize("stage:run"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    res.json(await presentations(ctx.db, event.id, ctx.now()));
  });

  /** Answers with the new running orders and pushes the stage (its "up next" may change). */
  async function changed(eventId: string) {
    ctx.realtime.publisher.publish({ kind: "stage", eventId });
    return presentations(ctx.db, eventId, ctx.now());
  }

  router.put("/presentations/:categoryId", authorize("stage:run"), async (req, res) => {
    const input = body(req, PresentationOrderSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    await setPresentationOrder(ctx.db, event.id, param(req, "categoryId"), input, req.user!.id);
    res.json(await changed(event.id));
  });

  router.post("/presentations/:categoryId/shuffle", authorize("stage:run"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    await shufflePresentationOrder(ctx.db, event.id, param(req, "categoryId"), req.user!.id);
    res.json(await changed(event.id));
  });

  router.put(
    "/presentations/:categoryId/teams/:teamId",
    authorize("stage:run"),
    async (req, res) => {
      const change = body(req, SlotChangeSchema);
      const event = await findEvent(ctx.db, param(req, "slug"));
      await changeSlot(
        ctx.db,
        event.id,
        param(req, "categoryId"),
        param(req, "teamId"),
        change,
        req.user!.id,
        ctx.now(),
      );
      res.json(await changed(event.id));
    },
  );

  return router;
}
