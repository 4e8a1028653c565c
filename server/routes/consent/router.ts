import { Router } from "express";
import type { ConsentRequestView } from "../../../shared/api";
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
      covers: [
        `${row.firstName} taking part in ${row.eventName} at ${row.venue}, including staying for both days of the event with the team "${row.teamName}".`,
        "Organizers and first-aiders using the medical and dietary notes you or the team gave, to keep them safe and fed.",
        "Photos and video: only if you say yes separately below. The answer is no unless you choose yes.",
      ],
      dataCollected: [
        "First and last name, date of birth (to check the age limit) and school",
        "Your name, email and phone number, to reach you during the event",
        "Dietary and medical notes, if given",
        "The project the team builds, its score and any prize",
      ],
      whoSees:
        "Only the event organizers and the child's own team see personal details. Judges, other teams and the big screen see the team name, the school and the project, never a child's full name.",
      retention:
        "Personal details are deleted within 30 days after the event. Team names, schools, projects and results are kept.",
    };
    res.json({ consent: view });
  });

  router.post("/:token", async (req, res) => {
    const answer = body(req, ConsentAnswerSchema);
    await answerConsent(ctx.db, param(req, "token"), answer, ctx.now());
    res.json({
      status: answer.consent ? "given" : "refused",
      photoConsent: answer.consent && answer.photoConsent,
    });
  });

  return router;
}
