import { Router } from "express";
import { LinkBaseSchema } from "../../../shared/schemas/settings";
import type { AppContext } from "../../context";
import { AppError } from "../../lib/problems";
import { saveLinkBase } from "../../services/settings";
import { authorize, body } from "../middleware";

/** Settings of this installation: /api/settings/... */
export function settingsRouter(ctx: AppContext): Router {
  const router = Router();

  // Which address invite links, consent links and their QR codes use, and the app's own
  // addresses to choose from.
  router.get("/links", authorize("settings:manage"), (_req, res) => {
    res.json(ctx.links.view());
  });

  router.put("/links", authorize("settings:manage"), async (req, res) => {
    const { base } = body(req, LinkBaseSchema);
    if (ctx.publicUrl) {
      throw new AppError(
        "public-url-set",
        `Links use PUBLIC_URL (${ctx.publicUrl}), set when the app started. Change PUBLIC_URL and restart to use another address.`,
      );
    }
    await saveLinkBase(ctx.db, base, ctx.addresses.origins(), req.user!.id, ctx.now());
    ctx.links.choose(base);
    res.json(ctx.links.view());
  });

  return router;
}
