import { Router } from "express";
import {
  AssignmentsSchema,
  PanelSizeSchema,
  RankingModeSchema,
  ScoreSaveSchema,
} from "../../../shared/schemas/judging";
import type { AppContext } from "../../context";
import { presentAssignment } from "../../presenters/judging";
import { findEvent } from "../../services/events";
import {
  evenOutPanels,
  listAssignments,
  lockScoring,
  readScoreLog,
  saveScores,
  setAssignments,
  setJudgesPerTeam,
  setRankingMode,
} from "../../services/judging";
import { judgeStage } from "../../services/stage";
import { authorize, body, param } from "../middleware";

/** The judge's own routes: /api/judging/... */
export function judgingRouter(ctx: AppContext): Router {
  const router = Router();
  router.use(authorize("score:save"));

  // The judge's panel only: a few dozen teams, however big the event.
  router.get("/assignments", async (req, res) => {
    const list = await listAssignments(ctx.db, req.user!.id);
    const teams = list.entries.map(presentAssignment);
    // The team on stage comes first on the judge's home; a link only if the judge may score it.
    const stage = judgeStage(
      await ctx.realtime.views.stage(list.eventId, ctx.now()),
      new Set(teams.map((t) => t.teamId)),
    );
    res.json({ eventSlug: list.eventSlug, locked: list.locked, teams, stage });
  });

  router.put("/scores/:teamId", async (req, res) => {
    const input = body(req, ScoreSaveSchema);
    const { saved, eventId, record } = await saveScores(ctx.db, {
      userId: req.user!.id,
      teamId: param(req, "teamId"),
      input,
      now: ctx.now(),
    });
    // A replay wrote nothing: nobody needs telling.
    if (record) ctx.realtime.publisher.publish({ kind: "judging", eventId, saved: record });
    res.json(saved);
  });

  return router;
}

/** Organizer judging routes under an event: /api/events/:slug/... */
export function eventJudgingRouter(ctx: AppContext): Router {
  const router = Router({ mergeParams: true });

  // Both answer what the organizers' sockets were last sent, so a screen that fetches after
  // missing a change continues from there (server/realtime/judgingFeed.ts).
  router.get("/leaderboard", authorize("leaderboard:read"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    res.json((await ctx.realtime.judging.current(event.id)).leaderboard);
  });

  router.get("/judging/progress", authorize("leaderboard:read"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    res.json((await ctx.realtime.judging.current(event.id)).progress);
  });

  router.put("/judging/panels", authorize("judge:manage"), async (req, res) => {
    const { judgesPerTeam } = body(req, PanelSizeSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    await ctx.publish((changes) =>
      setJudgesPerTeam(ctx.db, {
        eventId: event.id,
        judgesPerTeam,
        actorId: req.user!.id,
        now: ctx.now(),
        changes,
      }),
    );
    res.json((await ctx.realtime.judging.current(event.id)).progress);
  });

  router.post("/judging/panels/even-out", authorize("judge:manage"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    const moved = await ctx.publish((changes) =>
      evenOutPanels(ctx.db, { eventId: event.id, actorId: req.user!.id, now: ctx.now(), changes }),
    );
    res.json({ moved, progress: (await ctx.realtime.judging.current(event.id)).progress });
  });

  router.get("/scores/log", authorize("leaderboard:read"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    res.json({ log: await readScoreLog(ctx.db, event.id) });
  });

  router.post("/scoring/lock", authorize("scoring:lock"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    const lockedAt = await ctx.publish((changes) =>
      lockScoring(ctx.db, { eventId: event.id, actorId: req.user!.id, now: ctx.now(), changes }),
    );
    res.json({ locked: true, lockedAt: lockedAt.toISOString() });
  });

  router.put("/judges/:id/assignments", authorize("judge:manage"), async (req, res) => {
    const { teamIds } = body(req, AssignmentsSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    await ctx.publish((changes) =>
      setAssignments(ctx.db, {
        eventId: event.id,
        judgeId: param(req, "id"),
        teamIds,
        actorId: req.user!.id,
        now: ctx.now(),
        changes,
      }),
    );
    res.json((await ctx.realtime.judging.current(event.id)).progress);
  });

  router.post("/categories/:id/ranking", authorize("category:manage"), async (req, res) => {
    const { normalized } = body(req, RankingModeSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    await ctx.publish((changes) =>
      setRankingMode(ctx.db, {
        eventId: event.id,
        categoryId: param(req, "id"),
        normalized,
        actorId: req.user!.id,
        changes,
      }),
    );
    res.json((await ctx.realtime.judging.current(event.id)).leaderboard);
  });

  return router;
}
