import { Router } from "express";
import type { AppContext } from "../../context";
import { exportDatabase } from "../../db/transfer";
import { findEvent } from "../../services/events";
import { purgeEvent } from "../../services/purge";
import { authorize, param } from "../middleware";

/** The organizer's backup download and the retention purge. */
export function backupRouter(ctx: AppContext): Router {
  const router = Router();

  // Streams while the app runs: rows go out in batches from one consistent snapshot.
  router.get("/export", authorize("backup:export"), async (req, res) => {
    const stamp = ctx.now().toISOString().slice(0, 16).replace(/[:T]/g, "-");
    res.attachment(`hmj-backup-${stamp}.json`).type("application/json");
    const rows = await exportDatabase(ctx.db, async (chunk) => {
      if (!res.write(chunk)) await new Promise((resolve) => res.once("drain", resolve));
    });
    res.end();
    ctx.logger.info({ rows, by: req.user!.id }, "backup downloaded");
  });

  router.post("/events/:slug/purge", authorize("event:purge"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    const purged = await purgeEvent(ctx.db, event, req.user!.id, ctx.now());
    res.json({ purged: true, ...purged });
  });

  return router;
}
