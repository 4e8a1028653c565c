import { sql } from "drizzle-orm";
import { Router } from "express";
import type { AppContext } from "../../context";

export function healthRouter(ctx: AppContext): Router {
  const router = Router();
  router.get("/", async (_req, res) => {
    await ctx.db.execute(sql`SELECT 1`);
    res.json({ status: "ok", db: ctx.dbKind });
  });
  return router;
}
