import { Router } from "express";
import type { SubmissionWithdrawn } from "../../../shared/api";
import { SubmissionWithdrawSchema } from "../../../shared/schemas/submission";
import type { AppContext } from "../../context";
import { presentSubmission, presentVersion } from "../../presenters/submission";
import { findEvent } from "../../services/events";
import { panelOf } from "../../services/judging";
import { loadTeam } from "../../services/registration";
import { listSubmissions, listVersions, withdrawSubmission } from "../../services/submissions";
import { authorize, body, param } from "../middleware";

/** Mounted at /api/events/:slug/submissions. */
export function submissionsRouter(ctx: AppContext): Router {
  const router = Router({ mergeParams: true });

  router.get("/", authorize("submission:list"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    const { submissions, missing } = await listSubmissions(ctx.db, event.id);
    if (req.user!.role === "judge") {
      // A judge sees the projects of their panel only, hand-picked or not.
      const allowed = await panelOf(ctx.db, event.id, req.user!.id);
      res.json({
        submissions: submissions
          .filter((s) => allowed.has(s.submission.teamId))
          .map((s) => presentSubmission(s.submission, s)),
      });
      return;
    }
    res.json({
      submissions: submissions.map((s) => presentSubmission(s.submission, s)),
      missing: missing.map((t) => ({ teamId: t.id, teamName: t.name, categoryId: t.categoryId })),
    });
  });

  router.get("/:teamId/versions", authorize("submission:history"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    const versions = await listVersions(ctx.db, event, param(req, "teamId"));
    res.json({ versions: versions.map(presentVersion) });
  });

  // Takes the version that counts out of judging; the previous one counts instead, or none.
  router.post("/:teamId/withdraw", authorize("submission:withdraw"), async (req, res) => {
    const { version } = body(req, SubmissionWithdrawSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    const teamId = param(req, "teamId");
    const submission = await ctx.publish((changes) =>
      withdrawSubmission(ctx.db, {
        event,
        teamId,
        version,
        actorId: req.user!.id,
        now: ctx.now(),
        changes,
      }),
    );
    const [team, versions] = await Promise.all([
      loadTeam(ctx.db, teamId),
      listVersions(ctx.db, event, teamId),
    ]);
    const answer: SubmissionWithdrawn = {
      submission: submission
        ? presentSubmission(submission, { teamName: team.name, categoryId: team.categoryId })
        : null,
      versions: versions.map(presentVersion),
    };
    res.json(answer);
  });

  return router;
}
