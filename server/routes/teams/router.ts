import { type Request, type Response, Router } from "express";
import type {
  ConsentLinkSent,
  MyTeamView,
  OutboxView,
  TeamCertificates,
  TeamView,
} from "../../../shared/api";
import { IdSchema } from "../../../shared/schemas/common";
import { SubmissionSaveSchema } from "../../../shared/schemas/submission";
import {
  ConsentRecordSchema,
  MemberEditSchema,
  MemberSchema,
  TeamCreateSchema,
  TeamEditSchema,
} from "../../../shared/schemas/team";
import type { AppContext } from "../../context";
import { toCsv } from "../../lib/csv";
import { AppError, notFound } from "../../lib/problems";
import { presentCertificateEvent, presentCertificateTeam } from "../../presenters/certificates";
import { presentSubmission, presentVersion } from "../../presenters/submission";
import { presentMemberPrivate, presentTeamPrivate } from "../../presenters/team";
import type { Changes } from "../../realtime/changes";
import { teamAwards } from "../../services/ceremony";
import { loadOwnCertificates } from "../../services/certificates";
import { checkIn, recordConsent, undoCheckIn, undoConsent } from "../../services/consent";
import { resendConsentLink } from "../../services/consentLinks";
import { editMember, editTeam } from "../../services/edits";
import { type EventRow, findEvent, findEventById } from "../../services/events";
import { teamFeedback } from "../../services/feedback";
import { deliver, listOutbox } from "../../services/outbox";
import {
  addMember,
  findTeamOfUser,
  loadTeam,
  loadTeams,
  registerTeam,
  removeMember,
  type TeamWithMembers,
} from "../../services/registration";
import { findSubmission, listVersions, saveSubmission } from "../../services/submissions";
import { authorize, baseUrl, body, param, withCurrent } from "../middleware";
import { startSession } from "../session/router";

/** The team as it is now, as `role` sees it: what a refused edit carries (see withCurrent). */
const currentTeam =
  (ctx: AppContext, teamId: string, role: "team" | "organizer") => async (): Promise<TeamView> =>
    presentTeamPrivate(await loadTeam(ctx.db, teamId), role);

/** The ids in a path are UUIDs; anything else names no member. */
function memberIdParam(req: Request, name: string): string {
  const id = param(req, name);
  if (!IdSchema.safeParse(id).success) throw notFound("member");
  return id;
}

/**
 * After commit: queued mail goes to the mail server, and the organizers' outbox learns once it
 * has been taken (or refused). The service that queued it has reported the mail itself.
 */
export function mailQueued(ctx: AppContext, eventId: string, mailIds: string[]): void {
  if (!ctx.mailer.enabled || mailIds.length === 0) return;
  deliver(ctx.db, ctx.mailer, mailIds, ctx.logger)
    .then(() => ctx.realtime.publisher.publish({ kind: "outbox", eventId }))
    .catch((error) => ctx.logger.warn({ err: error }, "queued email not delivered"));
}

/** Team routes under an event: /api/events/:slug/... */
export function eventTeamsRouter(ctx: AppContext): Router {
  const router = Router({ mergeParams: true });

  /**
   * An organizer's change to the path's team: the service runs through the publisher and the
   * answer is the team as organizers see it. A refused edit of a row changed since carries the
   * team as it is now.
   */
  async function changeTeam(
    req: Request,
    res: Response,
    change: (at: { event: EventRow; teamId: string; changes: Changes }) => Promise<TeamWithMembers>,
  ): Promise<void> {
    const event = await findEvent(ctx.db, param(req, "slug"));
    const teamId = param(req, "id");
    const team = await withCurrent(
      ctx.publish((changes) => change({ event, teamId, changes })),
      currentTeam(ctx, teamId, "organizer"),
    );
    res.json({ team: presentTeamPrivate(team, "organizer") });
  }

  router.post("/teams", async (req, res) => {
    const input = body(req, TeamCreateSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    const { team, userId, mailIds } = await ctx.publish((changes) =>
      registerTeam(ctx.db, {
        event,
        input,
        now: ctx.now(),
        baseUrl: baseUrl(req, ctx),
        passwords: ctx.passwords,
        changes,
      }),
    );
    await startSession(ctx, req, res, userId);
    mailQueued(ctx, event.id, mailIds);
    // No consent links: they go to the guardians alone.
    res.status(201).json({ team: presentTeamPrivate(team, "team") });
  });

  router.get("/teams", authorize("team:list"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    const teams = await loadTeams(ctx.db, { eventId: event.id });
    res.json({ teams: teams.map((t) => presentTeamPrivate(t, "organizer")) });
  });

  // One team, for the organizers' list to follow a change without fetching every team again.
  router.get("/teams/:id", authorize("team:list"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    const id = param(req, "id");
    const [team] = IdSchema.safeParse(id).success ? await loadTeams(ctx.db, { teamId: id }) : [];
    if (!team || team.eventId !== event.id) throw notFound("team");
    res.json({ team: presentTeamPrivate(team, "organizer") });
  });

  router.post(
    "/teams/:id/members/:memberId/consent",
    authorize("consent:record"),
    async (req, res) => {
      const input = body(req, ConsentRecordSchema);
      await changeTeam(req, res, (at) =>
        recordConsent(ctx.db, {
          ...at,
          memberId: memberIdParam(req, "memberId"),
          input,
          actorId: req.user!.id,
          now: ctx.now(),
        }),
      );
    },
  );

  // Back to waiting for the guardian: an answer recorded by mistake.
  router.delete("/teams/:id/members/:memberId/consent", authorize("consent:record"), (req, res) =>
    changeTeam(req, res, (at) =>
      undoConsent(ctx.db, {
        ...at,
        memberId: memberIdParam(req, "memberId"),
        actorId: req.user!.id,
      }),
    ),
  );

  router.post(
    "/teams/:id/members/:memberId/consent-link",
    authorize("consent:record"),
    async (req, res) => {
      const event = await findEvent(ctx.db, param(req, "slug"));
      const { member, mailId } = await ctx.publish((changes) =>
        resendConsentLink(ctx.db, {
          event,
          teamId: param(req, "id"),
          memberId: memberIdParam(req, "memberId"),
          actorId: req.user!.id,
          now: ctx.now(),
          baseUrl: baseUrl(req, ctx),
          reask: true,
          changes,
        }),
      );
      mailQueued(ctx, event.id, [mailId]);
      const sent: ConsentLinkSent = {
        member: presentMemberPrivate({ ...member, lastConsent: null }, "organizer"),
        delivery: ctx.mailer.enabled ? "email" : "letter",
      };
      res.json(sent);
    },
  );

  router.post("/teams/:id/check-in", authorize("team:check-in"), (req, res) =>
    changeTeam(req, res, (at) => checkIn(ctx.db, { ...at, actorId: req.user!.id, now: ctx.now() })),
  );

  router.patch("/teams/:id", authorize("team:edit"), async (req, res) => {
    const input = body(req, TeamEditSchema);
    await changeTeam(req, res, (at) =>
      editTeam(ctx.db, { ...at, input, actorId: req.user!.id, now: ctx.now() }),
    );
  });

  router.patch("/teams/:id/members/:memberId", authorize("team:edit"), async (req, res) => {
    const input = body(req, MemberEditSchema);
    await changeTeam(req, res, (at) =>
      editMember(ctx.db, {
        ...at,
        memberId: memberIdParam(req, "memberId"),
        input,
        actorId: req.user!.id,
        by: "organizer",
        now: ctx.now(),
      }),
    );
  });

  router.delete("/teams/:id/check-in", authorize("team:check-in"), (req, res) =>
    changeTeam(req, res, (at) =>
      undoCheckIn(ctx.db, { ...at, actorId: req.user!.id, now: ctx.now() }),
    ),
  );

  router.get("/outbox", authorize("outbox:read"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    const entries = await listOutbox(ctx.db, event.id);
    const messages: OutboxView[] = entries.map(({ mail, status, consent }) => ({
      id: mail.id,
      to: mail.toEmail,
      subject: mail.subject,
      body: mail.body,
      createdAt: mail.createdAt.toISOString(),
      sentAt: mail.sentAt?.toISOString() ?? null,
      error: mail.error,
      status,
      consent,
    }));
    res.json({ mailEnabled: ctx.mailer.enabled, messages });
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
        m.lastConsent?.method ?? "",
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
    const [full, submission, awards] = await Promise.all([
      loadTeam(ctx.db, team.id),
      findSubmission(ctx.db, team.id),
      teamAwards(ctx.db, team.eventId, team.id),
    ]);
    const mine: MyTeamView = {
      team: presentTeamPrivate(full, "team"),
      project: submission
        ? {
            title: submission.title,
            version: submission.version,
            updatedAt: submission.updatedAt.toISOString(),
          }
        : null,
      awards,
    };
    res.json(mine);
  });

  router.post("/members", async (req, res) => {
    const input = body(req, MemberSchema);
    const team = await findTeamOfUser(ctx.db, req.user!.id);
    const event = await findEventById(ctx.db, team.eventId);
    const { member, mailId } = await ctx.publish((changes) =>
      addMember(ctx.db, {
        event,
        teamId: team.id,
        input,
        now: ctx.now(),
        baseUrl: baseUrl(req, ctx),
        changes,
      }),
    );
    mailQueued(ctx, event.id, mailId ? [mailId] : []);
    res
      .status(201)
      .json({ member: presentMemberPrivate({ ...member, lastConsent: null }, "team") });
  });

  // The link goes to the guardian's address again (a new one: the old stops working); the
  // team learns only that it was sent.
  router.post("/members/:id/consent-link", async (req, res) => {
    const team = await findTeamOfUser(ctx.db, req.user!.id);
    const event = await findEventById(ctx.db, team.eventId);
    const { member, mailId } = await ctx.publish((changes) =>
      resendConsentLink(ctx.db, {
        event,
        teamId: team.id,
        memberId: memberIdParam(req, "id"),
        actorId: req.user!.id,
        now: ctx.now(),
        baseUrl: baseUrl(req, ctx),
        reask: false,
        changes,
      }),
    );
    mailQueued(ctx, event.id, [mailId]);
    const sent: ConsentLinkSent = {
      member: presentMemberPrivate({ ...member, lastConsent: null }, "team"),
      delivery: ctx.mailer.enabled ? "email" : "letter",
    };
    res.json(sent);
  });

  // While registration is open the team corrects its own members' details.
  router.patch("/members/:id", async (req, res) => {
    const input = body(req, MemberEditSchema);
    const team = await findTeamOfUser(ctx.db, req.user!.id);
    const event = await findEventById(ctx.db, team.eventId);
    const updated = await withCurrent(
      ctx.publish((changes) =>
        editMember(ctx.db, {
          event,
          teamId: team.id,
          memberId: memberIdParam(req, "id"),
          input,
          actorId: req.user!.id,
          by: "team",
          now: ctx.now(),
          changes,
        }),
      ),
      currentTeam(ctx, team.id, "team"),
    );
    res.json({ team: presentTeamPrivate(updated, "team") });
  });

  // Empty until the organizer releases feedback after the ceremony; never judge names.
  router.get("/feedback", async (req, res) => {
    const team = await findTeamOfUser(ctx.db, req.user!.id);
    res.json(await teamFeedback(ctx.db, team.id));
  });

  // The team's own certificates, with its own members' full names; refused before the
  // results are final (409 ceremony-not-finished).
  router.get("/certificates", async (req, res) => {
    const team = await findTeamOfUser(ctx.db, req.user!.id);
    const event = await findEventById(ctx.db, team.eventId);
    const mine = await loadOwnCertificates(ctx.db, event, team.id);
    const body: TeamCertificates = {
      event: presentCertificateEvent(event),
      team: presentCertificateTeam(mine),
    };
    res.json(body);
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
    const { submission } = await ctx.publish((changes) =>
      saveSubmission(ctx.db, {
        event,
        teamId: team.id,
        input,
        actorId: req.user!.id,
        now: ctx.now(),
        changes,
      }),
    );
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
    await ctx.publish((changes) =>
      removeMember(ctx.db, {
        event,
        teamId: team.id,
        memberId: param(req, "id"),
        now: ctx.now(),
        changes,
      }),
    );
    res.status(204).end();
  });

  return router;
}
