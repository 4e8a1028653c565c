import { Router } from "express";
import { SubmissionSaveSchema } from "../../../shared/schemas/submission";
import { MemberSchema, PaperConsentSchema, TeamCreateSchema } from "../../../shared/schemas/team";
import type { AppContext } from "../../context";
import { toCsv } from "../../lib/csv";
import { AppError } from "../../lib/problems";
import { presentSubmission, presentVersion } from "../../presenters/submission";
import { presentMemberPrivate, presentTeamPrivate } from "../../presenters/team";
import { checkIn, recordPaperConsent } from "../../services/consent";
import { findEvent, findEventById } from "../../services/events";
import { teamFeedback } from "../../services/feedback";
import { deliver, listOutbox } from "../../services/outbox";
import {
  addMember,
  consentUrl,
  eventSchools,
  findTeamOfUser,
  loadTeam,
  loadTeams,
  registerTeam,
  removeMember,
} from "../../services/registration";
import { findSubmission, listVersions, saveSubmission } from "../../services/submissions";
import { authorize, baseUrl, body, param } from "../middleware";
import { startSession } from "../session/router";

/** Team routes under an event: /api/events/:slug/... */
export function eventTeamsRouter(ctx: AppContext): Router {
  const router = Router({ mergeParams: true });

  router.post("/teams", async (req, res) => {
    const input = body(req, TeamCreateSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    const base = baseUrl(req, ctx);
    const { team, userId, mailIds } = await registerTeam(
      ctx.db,
      event,
      input,
      ctx.now(),
      base,
      ctx.passwords,
    );
    await startSession(ctx, req, res, userId);
    void deliver(ctx.db, ctx.mailer, mailIds, ctx.logger);
    res.status(201).json({
      team: presentTeamPrivate(team, base),
      consentLinks: team.members.map((m) => ({
        memberId: m.id,
        url: consentUrl(base, m.consentToken!),
      })),
    });
  });

  router.get("/teams", authorize("team:list"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    const teams = await loadTeams(ctx.db, { eventId: event.id });
    res.json({ teams: teams.map((t) => presentTeamPrivate(t, baseUrl(req, ctx))) });
  });

  router.post(
    "/teams/:id/members/:memberId/consent",
    authorize("consent:record"),
    async (req, res) => {
      const { photoConsent } = body(req, PaperConsentSchema);
      const event = await findEvent(ctx.db, param(req, "slug"));
      const team = await recordPaperConsent(
        ctx.db,
        event,
        param(req, "id"),
        param(req, "memberId"),
        photoConsent,
        req.user!.id,
        ctx.now(),
      );
      res.json({ team: presentTeamPrivate(team, baseUrl(req, ctx)) });
    },
  );

  router.post("/teams/:id/check-in", authorize("team:check-in"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    const team = await ctx.publish((changes) =>
      checkIn(ctx.db, {
        event,
        teamId: param(req, "id"),
        actorId: req.user!.id,
        now: ctx.now(),
        changes,
      }),
    );
    res.json({ team: presentTeamPrivate(team, baseUrl(req, ctx)) });
  });

  router.get("/schools", async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    res.json({ schools: await eventSchools(ctx.db, event.id) });
  });

  router.get("/outbox", authorize("outbox:read"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    const rows = await listOutbox(ctx.db, event.id);
    res.json({
      mailEnabled: ctx.mailer.enabled,
      messages: rows.map((m) => ({
        id: m.id,
        to: m.toEmail,
        subject: m.subject,
        body: m.body,
        createdAt: m.createdAt.toISOString(),
        sentAt: m.sentAt?.toISOString() ?? null,
        error: m.error,
      })),
    });
  });

  // The roster leaves out dietary and medical notes; those go only to the first-aid and catering leads.
  router.get("/exports/roster.csv", authorize("team:list"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    const teams = await loadTeams(ctx.db, { eventId: event.id });
    const rows = teams.flatMap((t) =>
      t.members.map((m) => [
        t.name,
        t.categoryName,
        t.checkedInAt ? "yes" : "no",
        m.firstName,
        m.lastName,
        m.dateOfBirth,
        m.school,
        m.guardianName,
        m.guardianEmail,
        m.guardianPhone,
        m.consentStatus,
        m.consentMethod,
        m.photoConsent ? "yes" : "no",
      ]),
    );
    const header = [
      "team",
      "category",
      "checked in",
      "first name",
      "last name",
      "date of birth",
      "school",
    ];
    header.push(
      "guardian",
      "guardian email",
      "guardian phone",
      "consent",
      "consent method",
      "photo consent",
    );
    res.attachment(`${event.slug}-roster.csv`).type("text/csv").send(toCsv(header, rows));
  });

  router.get("/exports/dietary-medical.csv", authorize("team:list"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    const teams = await loadTeams(ctx.db, { eventId: event.id });
    const rows = teams.flatMap((t) =>
      t.members
        .filter((m) => m.dietary || m.medical)
        .map((m) => [
          t.name,
          m.firstName,
          m.lastName,
          m.guardianName,
          m.guardianPhone,
          m.dietary,
          m.medical,
        ]),
    );
    const header = [
      "team",
      "first name",
      "last name",
      "guardian",
      "guardian phone",
      "dietary",
      "medical",
    ];
    res.attachment(`${event.slug}-dietary-medical.csv`).type("text/csv").send(toCsv(header, rows));
  });

  return router;
}

/** The signed-in team's own routes: /api/teams/me/... */
export function myTeamRouter(ctx: AppContext): Router {
  const router = Router();
  router.use(authorize("team:self"));

  router.get("/", async (req, res) => {
    const team = await findTeamOfUser(ctx.db, req.user!.id);
    res.json({ team: presentTeamPrivate(await loadTeam(ctx.db, team.id), baseUrl(req, ctx)) });
  });

  router.post("/members", async (req, res) => {
    const input = body(req, MemberSchema);
    const team = await findTeamOfUser(ctx.db, req.user!.id);
    const event = await findEventById(ctx.db, team.eventId);
    const base = baseUrl(req, ctx);
    const { member, mailId } = await addMember(ctx.db, event, team.id, input, ctx.now(), base);
    if (mailId) void deliver(ctx.db, ctx.mailer, [mailId], ctx.logger);
    res.status(201).json({
      member: presentMemberPrivate(member, base),
      consentLink: { memberId: member.id, url: consentUrl(base, member.consentToken!) },
    });
  });

  // Empty until the organizer releases feedback after the ceremony; never judge names.
  router.get("/feedback", async (req, res) => {
    const team = await findTeamOfUser(ctx.db, req.user!.id);
    res.json(await teamFeedback(ctx.db, team.id));
  });

  router.get("/submission", async (req, res) => {
    const team = await findTeamOfUser(ctx.db, req.user!.id);
    const submission = await findSubmission(ctx.db, team.id);
    if (!submission) throw new AppError("not-found", "Your team has not submitted a project yet.");
    res.json({
      submission: presentSubmission(submission, {
        teamName: team.name,
        categoryId: team.categoryId,
      }),
    });
  });

  router.put("/submission", async (req, res) => {
    const input = body(req, SubmissionSaveSchema);
    const team = await findTeamOfUser(ctx.db, req.user!.id);
    const event = await findEventById(ctx.db, team.eventId);
    const { submission, first } = await saveSubmission(
      ctx.db,
      event,
      team.id,
      input,
      req.user!.id,
      ctx.now(),
    );
    // Every save may change the title on stage; the first also moves the count.
    ctx.realtime.publisher.publish({ kind: first ? "submissions" : "stage", eventId: event.id });
    res.json({
      submission: presentSubmission(submission, {
        teamName: team.name,
        categoryId: team.categoryId,
      }),
    });
  });

  router.get("/submission/versions", async (req, res) => {
    const team = await findTeamOfUser(ctx.db, req.user!.id);
    const event = await findEventById(ctx.db, team.eventId);
    const versions = await listVersions(ctx.db, event, team.id);
    res.json({ versions: versions.map(presentVersion) });
  });

  router.delete("/members/:id", async (req, res) => {
    const team = await findTeamOfUser(ctx.db, req.user!.id);
    const event = await findEventById(ctx.db, team.eventId);
    await removeMember(ctx.db, event, team.id, param(req, "id"), ctx.now());
    res.status(204).end();
  });

  return router;
}
