import { Router } from "express";
import { JudgeEditSchema, JudgeInviteSchema } from "../../../shared/schemas/event";
import type { AppContext } from "../../context";
import { presentJudge } from "../../presenters/judge";
import { findEvent } from "../../services/events";
import { editJudge, findJudge, inviteJudge, listJudges, renewInvite } from "../../services/judges";
import { authorize, baseUrl, body, param, withCurrent } from "../middleware";

/** Mounted at /api/events/:slug/judges. */
export function judgesRouter(ctx: AppContext): Router {
  const router = Router({ mergeParams: true });

  router.get("/", authorize("judge:manage"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    res.set("Cache-Control", "no-store");
    res.json({ judges: (await listJudges(ctx.db, event.id)).map(presentJudge) });
  });

  router.post("/", authorize("judge:manage"), async (req, res) => {
    const input = body(req, JudgeInviteSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    const { judge, token } = await ctx.publish((changes) =>
      inviteJudge(ctx.db, { event, input, actorId: req.user!.id, now: ctx.now(), changes }),
    );
    res.set("Cache-Control", "no-store");
    res
      .status(201)
      .json({ judge: presentJudge(judge), inviteUrl: `${baseUrl(req, ctx)}/invite/${token}` });
  });

  router.put("/:id", authorize("judge:manage"), async (req, res) => {
    const input = body(req, JudgeEditSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    const judgeId = param(req, "id");
    const judge = await withCurrent(
      ctx.publish((changes) =>
        editJudge(ctx.db, {
          event,
          judgeId,
          input,
          actorId: req.user!.id,
          now: ctx.now(),
          changes,
        }),
      ),
      async () => presentJudge(await findJudge(ctx.db, event.id, judgeId)),
    );
    res.set("Cache-Control", "no-store");
    res.json({ judge: presentJudge(judge) });
  });

  router.post("/:id/invite", authorize("judge:manage"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    const token = await renewInvite(ctx.db, event, param(req, "id"), req.user!.id);
    res.set("Cache-Control", "no-store");
    res.json({ inviteUrl: `${baseUrl(req, ctx)}/invite/${token}` });
  });

  return router;
}
