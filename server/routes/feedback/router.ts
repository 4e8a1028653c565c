import { Router } from "express";
import { CommentModerationSchema, FeedbackReleaseSchema } from "../../../shared/schemas/feedback";
import type { AppContext } from "../../context";
import { findEvent } from "../../services/events";
import {
  feedbackOverview,
  moderateComment,
  moderationLog,
  releaseFeedback,
} from "../../services/feedback";
import { authorize, body, param } from "../middleware";

/**
 * The judges' comments for the organizer, under /api/events/:slug/feedback: read them all,
 * hide or reword one before its category is released, release a category (or all), and
 * withdraw a released one. Teams read theirs at /api/teams/me/feedback.
 */
export function feedbackRouter(ctx: AppContext): Router {
  const router = Router({ mergeParams: true });
  router.use(authorize("feedback:release"));

  router.get("/", async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    res.json(await feedbackOverview(ctx.db, event.id));
  });

  router.post("/release", async (req, res) => {
    const { categoryId } = body(req, FeedbackReleaseSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    const released = await releaseFeedback(ctx.db, event.id, categoryId, req.user!.id, ctx.now());
    const latest = released.reduce<Date | null>(
      (max, r) => (max && max > r.releasedAt ? max : r.releasedAt),
      null,
    );
    // Teams fetch their own feedback when they hear it; the push itself carries none.
    if (latest)
      ctx.realtime.publisher.publish({
        kind: "feedback",
        eventId: event.id,
        releasedAt: latest.toISOString(),
      });
    res.json({
      releasedAt: latest?.toISOString() ?? null,
      categories: released.map((r) => ({
        categoryId: r.categoryId,
        releasedAt: r.releasedAt.toISOString(),
      })),
    });
  });

  router.patch("/comments", async (req, res) => {
    const change = body(req, CommentModerationSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    const { comment, releasedAt } = await moderateComment(
      ctx.db,
      event.id,
      change,
      req.user!.id,
      ctx.now(),
    );
    // A withdrawn (or restored) comment of a released category: its team's page fetches again.
    if (releasedAt)
      ctx.realtime.publisher.publish({
        kind: "feedback",
        eventId: event.id,
        releasedAt: releasedAt.toISOString(),
      });
    res.json({ comment });
  });

  router.get("/log", async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    res.json({ log: await moderationLog(ctx.db, event.id) });
  });

  return router;
}
