import { Router } from "express";
import type { Certificates } from "../../../shared/api";
import { CeremonyScreenSchema, TieDecisionSchema } from "../../../shared/schemas/ceremony";
import type { AppContext } from "../../context";
import { toCsv } from "../../lib/csv";
import { presentCertificateEvent, presentCertificateTeam } from "../../presenters/certificates";
import { schoolLine } from "../../presenters/team";
import {
  ceremonyPlan,
  frozenLeaderboard,
  resolveTie,
  revealNext,
  setCeremonyScreen,
} from "../../services/ceremony";
import { loadCertificates } from "../../services/certificates";
import { findEvent } from "../../services/events";
import { computeLeaderboard } from "../../services/judging";
import { loadTeams } from "../../services/registration";
import { listSubmissions } from "../../services/submissions";
import { authorize, body, param } from "../middleware";

/** Results and the ceremony, under /api/events/:slug. */
export function ceremonyRouter(ctx: AppContext): Router {
  const router = Router({ mergeParams: true });

  router.get("/ceremony", authorize("ceremony:run"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    res.json(await ceremonyPlan(ctx.db, event.id));
  });

  router.post("/ceremony/next", authorize("ceremony:run"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    const revealed = await revealNext(ctx.db, event.id, req.user!.id, ctx.now());
    // The reveal carries the state's change; screens fold it in, so no second broadcast.
    ctx.realtime.publisher.publish({ kind: "ceremony", eventId: event.id, reveal: revealed });
    const { version: _version, finished: _finished, ...award } = revealed;
    res.json({ award });
  });

  router.post("/ceremony/screen", authorize("ceremony:run"), async (req, res) => {
    const change = body(req, CeremonyScreenSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    await setCeremonyScreen(ctx.db, event.id, change, req.user!.id, ctx.now());
    ctx.realtime.publisher.publish({ kind: "ceremony", eventId: event.id });
    res.json(await ceremonyPlan(ctx.db, event.id));
  });

  router.post("/awards/:id/team", authorize("ceremony:run"), async (req, res) => {
    const { teamId } = body(req, TieDecisionSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    await resolveTie(ctx.db, event.id, param(req, "id"), teamId, req.user!.id);
    res.json(await ceremonyPlan(ctx.db, event.id));
  });

  router.get("/exports/results.csv", authorize("ceremony:run"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    const board =
      (await frozenLeaderboard(ctx.db, event.id)) ?? (await computeLeaderboard(ctx.db, event.id));
    const plan = await ceremonyPlan(ctx.db, event.id);
    const teams = await loadTeams(ctx.db, { eventId: event.id });
    const { submissions } = await listSubmissions(ctx.db, event.id);
    const rows = board.categories.flatMap((c) =>
      c.teams.map((t) => {
        const team = teams.find((x) => x.id === t.teamId);
        const award = plan.awards.find((a) => a.team?.id === t.teamId);
        return [
          c.name,
          t.rank,
          t.tied ? "yes" : "no",
          t.teamName,
          schoolLine(team?.members.map((m) => m.school) ?? []),
          submissions.find((s) => s.submission.teamId === t.teamId)?.submission.title ?? "",
          t.score === null ? "" : t.score.toFixed(2),
          t.normalizedScore === null ? "" : t.normalizedScore.toFixed(2),
          t.judgeCount,
          award ? `${award.prize}${award.sponsor ? ` (${award.sponsor})` : ""}` : "",
        ];
      }),
    );
    const header = [
      "category",
      "rank",
      "shared place",
      "team",
      "school",
      "project",
      "score",
      "normalized score",
    ];
    header.push("judges", "prize");
    res.attachment(`${event.slug}-results.csv`).type("text/csv").send(toCsv(header, rows));
  });

  // Certificates name the children in full, so only organizers print every team's.
  router.get("/certificates", authorize("ceremony:run"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    const teams = await loadCertificates(ctx.db, event);
    const body: Certificates = {
      event: presentCertificateEvent(event),
      teams: teams.filter((t) => t.participants.length > 0).map(presentCertificateTeam),
    };
    res.json(body);
  });

  return router;
}
