import { Router } from "express";
import { InviteAcceptSchema } from "../../../shared/schemas/session";
import type { AppContext } from "../../context";
import { acceptInvite, findInvite } from "../../services/judges";
import { body, param } from "../middleware";
import { startSession } from "../session/router";

export function invitesRouter(ctx: AppContext): Router {
  const router = Router();

  router.get("/:token", async (req, res) => {
    res.json({ invite: await findInvite(ctx.db, param(req, "token")) });
  });

  router.post("/:token", async (req, res) => {
    const { password } = body(req, InviteAcceptSchema);
    const user = await acceptInvite(
      ctx.db,
      param(req, "token"),
      password,
      ctx.now(),
      ctx.passwords,
    );
    await startSession(ctx, req, res, user.id);
    res.json({ user });
  });

  return router;
}
