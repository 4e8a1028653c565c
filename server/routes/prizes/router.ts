import { Router } from "express";
import { PrizeCreateSchema, PrizeEditSchema } from "../../../shared/schemas/event";
import type { AppContext } from "../../context";
import { presentPrize } from "../../presenters/event";
import { createPrize, deletePrize, editPrize } from "../../services/categories";
import { findEvent, loadEventDetail } from "../../services/events";
import { authorize, body, param, withCurrent } from "../middleware";

/** Mounted at /api/events/:slug/prizes. */
export function prizesRouter(ctx: AppContext): Router {
  const router = Router({ mergeParams: true });

  router.post("/", authorize("prize:manage"), async (req, res) => {
    const input = body(req, PrizeCreateSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    const prize = await createPrize(ctx.db, event, input, req.user!.id);
    res.status(201).json({ prize: presentPrize(prize) });
  });

  router.patch("/:id", authorize("prize:manage"), async (req, res) => {
    const input = body(req, PrizeEditSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    const prizeId = param(req, "id");
    const prize = await withCurrent(
      ctx.publish((changes) =>
        editPrize(ctx.db, { event, prizeId, input, actorId: req.user!.id, changes }),
      ),
      async () => {
        const now = (await loadEventDetail(ctx.db, event)).prizes.find((p) => p.id === prizeId);
        return now ? presentPrize(now) : null;
      },
    );
    res.json({ prize: presentPrize(prize) });
  });

  router.delete("/:id", authorize("prize:manage"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    await deletePrize(ctx.db, event, param(req, "id"), req.user!.id);
    res.status(204).end();
  });

  return router;
}
