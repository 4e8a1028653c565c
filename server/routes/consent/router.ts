import { Router } from "express";
import type { ConsentRequestView } from "../../../shared/api";
import { consentTerms } from "../../../shared/rules/consent";
import { ConsentAnswerSchema } from "../../../shared/schemas/team";
import type { AppContext } from "../../context";
import { answerConsent, findConsent } from "../../services/consent";
import { body, param } from "../middleware";

/** The guardian's consent link: /api/consent/:token. The token is the only credential. */
export function consentRouter(ctx: AppContext): Router {
  const router = Router();

  router.get("/:token", async (req, res) => {
    const row = await findConsent(ctx.db, param(req, "token"));
    const view: ConsentRequestView = {
      firstName: row.firstName,
      teamName: row.teamName,
      eventName: row.eventName,
      eventSlug: row.eventSlug,
      venue: row.venue,
      timezone: row.timezone,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      status: row.status,
      photoConsent: row.photoConsent,
      canAnswer: row.linkOpen,
      contact: { email: row.contactEmail, phone: row.contactPhone },
      ...consentTerms(row),
    };
    res.json({ consent: view });
  });

  router.post("/:token", async (req, res) => {
    const answer = body(req, ConsentAnswerSchema);
    await ctx.publish((changes) =>
      answerConsent(ctx.db, { token: param(req, "token"), answer, now: ctx.now(), changes }),
    );
    res.json({
      status: answer.consent ? "given" : "refused",
      photoConsent: answer.consent && answer.photoConsent,
    });
  });

  return router;
}
