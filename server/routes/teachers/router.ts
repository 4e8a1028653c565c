import { Router } from "express";
import type { PupilLinkSent } from "../../../shared/api";
import { IdSchema } from "../../../shared/schemas/common";
import {
  PupilMoveSchema,
  SchoolCheckInSchema,
  SchoolTeamsCreateSchema,
  TeacherDecisionSchema,
  TeacherInviteSchema,
  TeacherRequestSchema,
} from "../../../shared/schemas/teacher";
import type { AppContext } from "../../context";
import { notFound } from "../../lib/problems";
import {
  presentPupil,
  presentSchoolTeams,
  presentTeacher,
  presentTeacherHome,
  presentTeacherLetters,
} from "../../presenters/teacher";
import { findEvent } from "../../services/events";
import { movePupil } from "../../services/pupilMoves";
import { registerSchoolTeams } from "../../services/schoolTeams";
import { decideTeacherRequest, requestTeacherAccount } from "../../services/teacherRequests";
import {
  checkInSchoolTeams,
  inviteTeacher,
  listTeachers,
  renewTeacherInvite,
  resendPupilLink,
  teacherLetters,
  teacherOverview,
} from "../../services/teachers";
import { authorize, baseUrl, body, param } from "../middleware";
import { startSession } from "../session/router";
import { mailQueued } from "../teams/router";

/** Mounted at /api/events/:slug/teachers: the organizer's list and invites. */
export function teachersRouter(ctx: AppContext): Router {
  const router = Router({ mergeParams: true });

  router.get("/", authorize("teacher:manage"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    res.set("Cache-Control", "no-store");
    res.json({ teachers: (await listTeachers(ctx.db, event.id)).map(presentTeacher) });
  });

  router.post("/", authorize("teacher:manage"), async (req, res) => {
    const input = body(req, TeacherInviteSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    const { teacher, token } = await ctx.publish((changes) =>
      inviteTeacher(ctx.db, { event, input, actorId: req.user!.id, changes }),
    );
    res.set("Cache-Control", "no-store");
    res.status(201).json({
      teacher: presentTeacher(teacher),
      inviteUrl: `${baseUrl(req, ctx)}/invite/${token}`,
    });
  });

  // Anyone: a teacher asks to join from the event page. They are signed in at once, and see
  // only that an organizer will check the request.
  router.post("/requests", async (req, res) => {
    const input = body(req, TeacherRequestSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    const { userId } = await ctx.publish((changes) =>
      requestTeacherAccount(ctx.db, {
        event,
        input,
        now: ctx.now(),
        passwords: ctx.passwords,
        changes,
      }),
    );
    await startSession(ctx, req, res, userId);
    res.status(201).json({ user: { id: userId, role: "teacher", name: input.name } });
  });

  router.post("/:id/decision", authorize("teacher:manage"), async (req, res) => {
    const { decision } = body(req, TeacherDecisionSchema);
    const id = param(req, "id");
    if (!IdSchema.safeParse(id).success) throw notFound("teacher");
    const event = await findEvent(ctx.db, param(req, "slug"));
    const { teacher, endedSessions } = await ctx.publish((changes) =>
      decideTeacherRequest(ctx.db, {
        event,
        teacherId: id,
        decision,
        actorId: req.user!.id,
        now: ctx.now(),
        changes,
      }),
    );
    // A teacher turned down is signed out everywhere, sockets included.
    for (const hash of endedSessions) ctx.realtime.endSession(hash);
    res.json({ teacher: presentTeacher(teacher) });
  });

  router.post("/:id/invite", authorize("teacher:manage"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    const token = await renewTeacherInvite(ctx.db, event, param(req, "id"), req.user!.id);
    res.set("Cache-Control", "no-store");
    res.json({ inviteUrl: `${baseUrl(req, ctx)}/invite/${token}` });
  });

  return router;
}

/** Mounted at /api/teachers/me: the signed-in teacher's own school. */
export function myTeacherRouter(ctx: AppContext): Router {
  const router = Router();

  router.get("/", authorize("teacher:self"), async (req, res) => {
    res.set("Cache-Control", "no-store");
    res.json(presentTeacherHome(await teacherOverview(ctx.db, req.user!.id)));
  });

  router.get("/letters", authorize("teacher:self"), async (req, res) => {
    res.set("Cache-Control", "no-store");
    res.json(presentTeacherLetters(await teacherLetters(ctx.db, req.user!.id)));
  });

  router.post("/pupils/:id/consent-link", authorize("teacher:self"), async (req, res) => {
    const id = param(req, "id");
    if (!IdSchema.safeParse(id).success) throw notFound("member");
    const { pupil, mailId, eventId } = await ctx.publish((changes) =>
      resendPupilLink(ctx.db, {
        userId: req.user!.id,
        memberId: id,
        now: ctx.now(),
        baseUrl: baseUrl(req, ctx),
        changes,
      }),
    );
    mailQueued(ctx, eventId, [mailId]);
    const sent: PupilLinkSent = {
      pupil: presentPupil(pupil),
      delivery: ctx.mailer.enabled ? "email" : "letter",
    };
    res.json(sent);
  });

  router.post("/pupils/:id/move", authorize("teacher:self"), async (req, res) => {
    const id = param(req, "id");
    if (!IdSchema.safeParse(id).success) throw notFound("member");
    const { teamId } = body(req, PupilMoveSchema);
    await ctx.publish((changes) =>
      movePupil(ctx.db, { userId: req.user!.id, memberId: id, teamId, now: ctx.now(), changes }),
    );
    res.set("Cache-Control", "no-store");
    res.json(presentTeacherHome(await teacherOverview(ctx.db, req.user!.id)));
  });

  router.post("/check-in", authorize("teacher:self"), async (req, res) => {
    const { teamIds } = body(req, SchoolCheckInSchema);
    await ctx.publish((changes) =>
      checkInSchoolTeams(ctx.db, { userId: req.user!.id, teamIds, now: ctx.now(), changes }),
    );
    res.set("Cache-Control", "no-store");
    res.json(presentTeacherHome(await teacherOverview(ctx.db, req.user!.id)));
  });

  router.post("/teams", authorize("teacher:self"), async (req, res) => {
    const input = body(req, SchoolTeamsCreateSchema);
    const { teams, mailIds } = await ctx.publish((changes) =>
      registerSchoolTeams(ctx.db, {
        userId: req.user!.id,
        input,
        now: ctx.now(),
        baseUrl: baseUrl(req, ctx),
        passwords: ctx.passwords,
        changes,
      }),
    );
    if (teams[0]) mailQueued(ctx, teams[0].eventId, mailIds);
    // No consent links: they go to the guardians alone.
    res.status(201).json(presentSchoolTeams(teams));
  });

  return router;
}
