import { Router } from "express";
import {
  AssignmentsSchema,
  RankingModeSchema,
  ScoreSaveSchema,
} from "../../../shared/schemas/judging";
import type { AppContext } from "../../context";
import { findEvent } from "../../services/events";
import {
  computeLeaderboard,
  computeProgress,
  listAssignments,
  lockScoring,
  readScoreLog,
  saveScores,
  setAssignments,
  setRankingMode,
} from "../../services/judging";
import { judgeStage, stageState } from "../../services/stage";
import { authorize, body, param } from "../middleware";

/** The judge's own routes: /api/judging/... */
export function judgingRouter(ctx: AppContext): Router {
  const router = Router();
  router.use(authorize("score:save"));

  router.get("/assignments", async (req, res) => {
    const { teams, eventId, eventSlug, locked } = await listAssignments(ctx.db, req.user!.id);
    // The team on stage comes first on the judge's home; a link only if the judge may score it.
    const stage = judgeStage(
      await stageState(ctx.db, eventId, ctx.now()),
      new Set(teams.map((t) => t.teamId)),
    );
    res.json({ eventSlug, locked, teams, stage });
  });

  router.put("/scores/:teamId", async (req, res) => {
    const input = body(req, ScoreSaveSchema);
    const { saved, eventId, replay } = await saveScores(
      ctx.db,
      req.user!.id,
      param(req, "teamId"),
      input,
      ctx.now(),
    );
    if (!replay) ctx.realtime.refreshJudging(eventId);
    res.json(saved);
  });

  return router;
}

/** Organizer judging routes under an event: /api/events/:slug/... */
export function eventJudgingRouter(ctx: AppContext): Router {
  const router = Router({ mergeParams: true });

  router.get("/leaderboard", authorize("leaderboard:read"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    res.json(await computeLeaderboard(ctx.db, event.id));
  });

  router.get("/judging/progress", authorize("leaderboard:read"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    res.json(await computeProgress(ctx.db, event.id));
  });

  router.get("/scores/log", authorize("leaderboard:read"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    res.json({ log: await readScoreLog(ctx.db, event.id) });
  });

  router.post("/scoring/lock", authorize("scoring:lock"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    const lockedAt = await lockScoring(ctx.db, event.id, req.user!.id, ctx.now());
    ctx.realtime.refreshJudging(event.id);
    res.json({ locked: true, lockedAt: lockedAt.toISOString() });
  });

  router.put("/judges/:id/assignments", authorize("judge:manage"), async (req, res) => {
    const { teamIds } = body(req, AssignmentsSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    await setAssignments(ctx.db, event.id, param(req, "id"), teamIds, req.user!.id);
    ctx.realtime.refreshJudging(event.id);
    res.json(await computeProgress(ctx.db, event.id));
  });

  router.post("/categories/:id/ranking", authorize("category:manage"), async (req, res) => {
    const { normalized } = body(req, RankingModeSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    await setRankingMode(ctx.db, event.id, param(req, "id"), normalized, req.user!.id);
    ctx.realtime.refreshJudging(event.id);
    res.json(await computeLeaderboard(ctx.db, event.id));
  });

  return router;
}
