import { Router } from "express";
import { InviteAcceptSchema } from "../../../shared/schemas/session";
import type { AppContext } from "../../context";
import { acceptInvite, findInvite } from "../../services/judges";
import { acceptTeacherInvite, findTeacherInvite } from "../../services/teachers";
import { body, param } from "../middleware";
import { startSession } from "../session/router";

/** One invite link for judges and teachers alike: the token says whose it is. */
export function invitesRouter(ctx: AppContext): Router {
  const router = Router();

  router.get("/:token", async (req, res) => {
    const token = param(req, "token");
    const teacher = await findTeacherInvite(ctx.db, token);
    res.json({ invite: teacher ?? { role: "judge", ...(await findInvite(ctx.db, token)) } });
  });

  router.post("/:token", async (req, res) => {
    const { password } = body(req, InviteAcceptSchema);
    const token = param(req, "token");
    const now = ctx.now();
    const user =
      (await ctx.publish((changes) =>
        acceptTeacherInvite(ctx.db, token, password, now, ctx.passwords, changes),
      )) ?? (await acceptInvite(ctx.db, token, password, now, ctx.passwords));
    await startSession(ctx, req, res, user.id);
    res.json({ user });
  });

  return router;
}
