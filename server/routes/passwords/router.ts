import { Router } from "express";
import type { ResetLinkView, ResetView } from "../../../shared/api";
import { ResetCompleteSchema, ResetRequestSchema } from "../../../shared/schemas/session";
import type { AppContext } from "../../context";
import { AppError } from "../../lib/problems";
import { findEvent } from "../../services/events";
import {
  completeReset,
  findReset,
  issueReset,
  requestReset,
  resetUrl,
} from "../../services/passwordResets";
import { authorize, baseUrl, body, param } from "../middleware";
import { startSession } from "../session/router";

/** Reset links: asking for one by email, and using one. Mounted at /api/password-resets. */
export function passwordResetsRouter(ctx: AppContext): Router {
  const router = Router();

  // The same answer whether or not an account has this email, so it tells a stranger nothing.
  router.post("/", async (req, res) => {
    const { email } = body(req, ResetRequestSchema);
    if (!ctx.mailer.enabled)
      throw new AppError(
        "mail-off",
        "Email is not set up for this event, so we can't send you a link. Ask an organizer: they can make you one at the help desk.",
      );
    const link = await requestReset(ctx.db, { email, now: ctx.now() });
    if (link) {
      // Sent straight to the mail server, not kept in the outbox: only the link's hash is stored.
      const url = resetUrl(baseUrl(req, ctx), link.token);
      ctx.mailer
        .send({
          to: link.to,
          subject: "Choose a new password for Hack Manchester Junior",
          text: [
            `Hello ${link.name},`,
            "",
            "Someone asked for a link to choose a new password for this account. If it was you, open:",
            "",
            url,
            "",
            "The link works once, for 24 hours. If you didn't ask, ignore this email: your password stays as it is.",
          ].join("\n"),
        })
        .catch((error) => ctx.logger.warn({ err: error }, "password reset email not sent"));
    }
    res.json({ sent: true });
  });

  router.get("/:token", async (req, res) => {
    const reset = await findReset(ctx.db, param(req, "token"), ctx.now());
    const view: ResetView = { email: reset.email, expiresAt: reset.expiresAt.toISOString() };
    res.json({ reset: view });
  });

  router.post("/:token", async (req, res) => {
    const { password } = body(req, ResetCompleteSchema);
    const { user, ended } = await completeReset(ctx.db, {
      token: param(req, "token"),
      password,
      now: ctx.now(),
      passwords: ctx.passwords,
    });
    // Every other session of the account is over: its cached lookups and sockets too.
    for (const hash of ended) ctx.realtime.endSession(hash);
    await startSession(ctx, req, res, user.id);
    res.json({ user });
  });

  return router;
}

/** Organizers make reset links for a team or a judge: /api/events/:slug/{teams,judges}/:id/... */
export function eventPasswordResetsRouter(ctx: AppContext): Router {
  const router = Router({ mergeParams: true });

  for (const kind of ["team", "judge"] as const) {
    router.post(`/${kind}s/:id/password-reset`, authorize("password:reset"), async (req, res) => {
      const event = await findEvent(ctx.db, param(req, "slug"));
      const { token, expiresAt } = await issueReset(ctx.db, {
        event,
        who: { kind, id: param(req, "id") },
        actorId: req.user!.id,
        now: ctx.now(),
      });
      const view: ResetLinkView = {
        resetUrl: resetUrl(baseUrl(req, ctx), token),
        expiresAt: expiresAt.toISOString(),
      };
      res.json(view);
    });
  }

  return router;
}
