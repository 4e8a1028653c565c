import { Router } from "express";
import type { BadgeSheetView, CheckInCodeView, CheckInScanView } from "../../../shared/api";
import { checkInLink } from "../../../shared/rules/checkInCode";
import {
  CheckInMembersSchema,
  CheckInScanSchema,
  CheckOutMembersSchema,
  TableNumberSchema,
} from "../../../shared/schemas/checkIn";
import type { AppContext } from "../../context";
import { presentBadges, presentCheckInTeam, presentPhotoList } from "../../presenters/checkIn";
import { presentSchoolContact } from "../../presenters/teacher";
import {
  badgesFor,
  checkInMembers,
  checkInRoster,
  checkOutEveryone,
  checkOutMembers,
  scanCode,
  setTableNumber,
  teamCode,
} from "../../services/checkIn";
import { findEvent, findEventById } from "../../services/events";
import { findTeamOfUser } from "../../services/registration";
import { listTeachers } from "../../services/teachers";
import { authorize, baseUrl, body, param } from "../middleware";

/** The door: scans, per-member check-in and out, badges, the photographer's list. */
export function checkInRouter(ctx: AppContext): Router {
  const router = Router({ mergeParams: true });

  router.post("/check-in/scan", authorize("team:check-in"), async (req, res) => {
    const { code } = body(req, CheckInScanSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    const found = await scanCode(ctx.db, { event, code, actorId: req.user!.id, now: ctx.now() });
    const view: CheckInScanView = {
      team: presentCheckInTeam(found.team),
      memberId: found.memberId,
    };
    res.json(view);
  });

  router.post("/check-in/members", authorize("team:check-in"), async (req, res) => {
    const input = body(req, CheckInMembersSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    const team = await ctx.publish((changes) =>
      checkInMembers(ctx.db, { event, ...input, actorId: req.user!.id, now: ctx.now(), changes }),
    );
    res.json({ team: presentCheckInTeam(team) });
  });

  router.post("/check-out/members", authorize("team:check-in"), async (req, res) => {
    const input = body(req, CheckOutMembersSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    const team = await ctx.publish((changes) =>
      checkOutMembers(ctx.db, { event, ...input, actorId: req.user!.id, now: ctx.now(), changes }),
    );
    res.json({ team: presentCheckInTeam(team) });
  });

  router.post("/check-out/everyone", authorize("team:check-in"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    const checkedOut = await ctx.publish((changes) =>
      checkOutEveryone(ctx.db, { event, actorId: req.user!.id, now: ctx.now(), changes }),
    );
    res.json({ checkedOut });
  });

  router.get("/check-in/roster", authorize("team:check-in"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    const [teams, teachers] = await Promise.all([
      checkInRoster(ctx.db, event.id),
      listTeachers(ctx.db, event.id),
    ]);
    res.json({
      teams: teams.map(presentCheckInTeam),
      // Only teachers an organizer invited or approved are whom to call on the day.
      contacts: teachers.filter((t) => t.status === "approved").map(presentSchoolContact),
    });
  });

  router.put("/teams/:id/table", authorize("team:check-in"), async (req, res) => {
    const { tableNumber } = body(req, TableNumberSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    const team = await ctx.publish((changes) =>
      setTableNumber(ctx.db, {
        event,
        teamId: param(req, "id"),
        tableNumber,
        actorId: req.user!.id,
        changes,
      }),
    );
    res.json({ team: presentCheckInTeam(team) });
  });

  router.get("/badges", authorize("badges:print"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    const { participants, staff } = await badgesFor(ctx.db, event);
    const sheet: BadgeSheetView = presentBadges(
      event.name,
      event.slug,
      baseUrl(req, ctx),
      participants,
      staff,
    );
    res.json(sheet);
  });

  router.get("/photo-list", authorize("photo-list:read"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    res.json({ members: presentPhotoList(await checkInRoster(ctx.db, event.id)) });
  });

  return router;
}

/** The team's own code, for its page: /api/teams/me/check-in-code. */
export function myCheckInCodeRouter(ctx: AppContext): Router {
  const router = Router();
  router.get("/check-in-code", authorize("team:self"), async (req, res) => {
    const team = await findTeamOfUser(ctx.db, req.user!.id);
    const event = await findEventById(ctx.db, team.eventId);
    const code = await teamCode(ctx.db, event.id, team.id);
    const view: CheckInCodeView = { code, link: checkInLink(baseUrl(req, ctx), event.slug, code) };
    res.json(view);
  });
  return router;
}
