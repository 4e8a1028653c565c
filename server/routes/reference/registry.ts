/**
 * Every API route, for the OpenAPI document and the reference page. A test checks that the
 * routes the app really serves and this list are the same.
 */
import type { z } from "zod";
import { CeremonyScreenSchema, TieDecisionSchema } from "../../../shared/schemas/ceremony";
import { ClockActionSchema } from "../../../shared/schemas/clock";
import {
  AnnouncementCreateSchema,
  CategoryCreateSchema,
  EventCreateSchema,
  EventUpdateSchema,
  JudgeInviteSchema,
  PrizeCreateSchema,
} from "../../../shared/schemas/event";
import { CommentModerationSchema, FeedbackReleaseSchema } from "../../../shared/schemas/feedback";
import {
  AssignmentsSchema,
  PanelSizeSchema,
  RankingModeSchema,
  ScoreSaveSchema,
} from "../../../shared/schemas/judging";
import { InviteAcceptSchema, SetupSchema, SignInSchema } from "../../../shared/schemas/session";
import { LinkBaseSchema } from "../../../shared/schemas/settings";
import {
  PresentationOrderSchema,
  SlotChangeSchema,
  StageActionSchema,
} from "../../../shared/schemas/stage";
import { SubmissionSaveSchema } from "../../../shared/schemas/submission";
import {
  ConsentAnswerSchema,
  MemberSchema,
  PaperConsentSchema,
  TeamCreateSchema,
} from "../../../shared/schemas/team";

export type Who =
  | "anyone"
  | "signed in"
  | "organizer"
  | "judge"
  | "team"
  | "organizer or judge"
  | "link holder";

export interface RouteDoc {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  summary: string;
  who: Who;
  body?: z.ZodType;
  success: number;
  /** Problem slugs this route may answer with, besides validation, 401 and 403. */
  problems?: string[];
  tag: string;
}

const r = (
  method: RouteDoc["method"],
  path: string,
  who: Who,
  summary: string,
  tag: string,
  extra: Partial<RouteDoc> = {},
): RouteDoc => ({
  method,
  path,
  who,
  summary,
  tag,
  success: method === "DELETE" ? 204 : 200,
  ...extra,
});

const E = "/api/events/{slug}";

export const ROUTES: RouteDoc[] = [
  r(
    "GET",
    "/api/health",
    "anyone",
    "Whether the server is up, and which database it uses",
    "System",
  ),
  r("GET", "/api/openapi.json", "anyone", "This API as an OpenAPI 3.1 document", "System"),
  r("GET", "/api/docs", "anyone", "This API as a readable page", "System"),
  r("GET", "/api/docs.css", "anyone", "The reference page's stylesheet", "System"),
  r("POST", "/api/session", "anyone", "Sign in", "Sessions", {
    body: SignInSchema,
    problems: ["invalid-credentials", "too-many-attempts"],
  }),
  r("GET", "/api/session", "signed in", "Who is signed in", "Sessions"),
  r("DELETE", "/api/session", "signed in", "Sign out (closes this session's sockets)", "Sessions"),
  r("GET", "/api/setup/{token}", "link holder", "Check the first-run set-up link", "Sessions", {
    problems: ["not-found", "setup-done"],
  }),
  r(
    "POST",
    "/api/setup",
    "link holder",
    "Create the first organizer with the set-up link",
    "Sessions",
    { body: SetupSchema, success: 201, problems: ["not-found", "setup-done", "email-taken"] },
  ),
  r(
    "GET",
    "/api/export",
    "organizer",
    "Download the whole database as one JSON document (streamed)",
    "Backup",
  ),
  r(
    "POST",
    `${E}/purge`,
    "organizer",
    "Delete the children's personal data of a finished event",
    "Backup",
    { problems: ["event-not-finished"] },
  ),
  r("GET", "/api/events", "organizer", "List events", "Events"),
  r("POST", "/api/events", "organizer", "Create an event", "Events", {
    body: EventCreateSchema,
    success: 201,
    problems: ["slug-taken"],
  }),
  r(
    "GET",
    E,
    "anyone",
    "An event's public view: times, phase, categories, criteria, prizes",
    "Events",
    { problems: ["not-found"] },
  ),
  r("PATCH", E, "organizer", "Edit an event", "Events", { body: EventUpdateSchema }),
  r("POST", `${E}/categories`, "organizer", "Add a category with its criteria", "Events", {
    body: CategoryCreateSchema,
    success: 201,
    problems: ["name-taken"],
  }),
  r("DELETE", `${E}/categories/{id}`, "organizer", "Delete a category without teams", "Events", {
    problems: ["category-in-use"],
  }),
  r(
    "POST",
    `${E}/categories/{id}/ranking`,
    "organizer",
    "Rank a category by raw or normalized scores",
    "Judging",
    { body: RankingModeSchema, problems: ["scoring-locked"] },
  ),
  r("POST", `${E}/prizes`, "organizer", "Add a prize for a place", "Events", {
    body: PrizeCreateSchema,
    success: 201,
    problems: ["place-taken"],
  }),
  r("DELETE", `${E}/prizes/{id}`, "organizer", "Delete a prize", "Events"),
  r("GET", `${E}/judges`, "organizer", "List judges", "Judges"),
  r("POST", `${E}/judges`, "organizer", "Invite a judge", "Judges", {
    body: JudgeInviteSchema,
    success: 201,
    problems: ["email-taken"],
  }),
  r(
    "POST",
    `${E}/judges/{id}/invite`,
    "organizer",
    "Replace a pending judge's invite link",
    "Judges",
    { problems: ["invite-used"] },
  ),
  r("PUT", `${E}/judges/{id}/assignments`, "organizer", "Hand-pick a judge's teams", "Judging", {
    body: AssignmentsSchema,
    problems: ["conflict-of-interest"],
  }),
  r("GET", "/api/invites/{token}", "link holder", "Who an invite is for", "Judges", {
    problems: ["not-found", "invite-used"],
  }),
  r(
    "POST",
    "/api/invites/{token}",
    "link holder",
    "Accept an invite by choosing a password",
    "Judges",
    { body: InviteAcceptSchema, problems: ["not-found", "invite-used"] },
  ),
  r("GET", `${E}/clock`, "anyone", "The clock", "Clock"),
  r("POST", `${E}/clock`, "organizer", "Pause, resume or extend", "Clock", {
    body: ClockActionSchema,
    problems: ["invalid-clock-action"],
  }),
  r("GET", `${E}/clock/history`, "organizer", "Pauses, resumes and extensions so far", "Clock"),
  r("GET", `${E}/announcements`, "anyone", "The latest announcements", "Clock"),
  r("POST", `${E}/announcements`, "organizer", "Post an announcement", "Clock", {
    body: AnnouncementCreateSchema,
    success: 201,
  }),
  r("DELETE", `${E}/announcements/{id}`, "organizer", "Take an announcement back", "Clock"),
  r("POST", `${E}/teams`, "anyone", "Sign up a team", "Teams", {
    body: TeamCreateSchema,
    success: 201,
    problems: [
      "too-old",
      "team-too-large",
      "mixed-schools",
      "team-name-taken",
      "email-taken",
      "registration-closed",
    ],
  }),
  r("GET", `${E}/teams`, "organizer", "Every team with members, consent and check-in", "Teams"),
  r("GET", `${E}/schools`, "anyone", "Schools already registered, for autocomplete", "Teams"),
  r(
    "POST",
    `${E}/teams/{id}/members/{memberId}/consent`,
    "organizer",
    "Record paper consent",
    "Teams",
    { body: PaperConsentSchema },
  ),
  r(
    "POST",
    `${E}/teams/{id}/members/{memberId}/consent-link`,
    "organizer",
    "Send a member's consent link again to the guardian (a new link; the old one stops working)",
    "Teams",
    { problems: ["not-found", "consent-answered", "rate-limited"] },
  ),
  r("POST", `${E}/teams/{id}/check-in`, "organizer", "Check a team in", "Teams", {
    problems: ["consent-missing"],
  }),
  r(
    "GET",
    `${E}/outbox`,
    "organizer",
    "Emails sent or waiting, with consent letters to print",
    "Teams",
  ),
  r(
    "GET",
    `${E}/exports/roster.csv`,
    "organizer",
    "The roster, without dietary or medical notes",
    "Teams",
  ),
  r("GET", `${E}/exports/dietary-medical.csv`, "organizer", "Dietary and medical notes", "Teams"),
  r(
    "GET",
    "/api/teams/me",
    "team",
    "The signed-in team, with each member's consent status",
    "Teams",
  ),
  r("POST", "/api/teams/me/members", "team", "Add a member", "Teams", {
    body: MemberSchema,
    success: 201,
    problems: ["team-full", "registration-closed", "too-old", "mixed-schools"],
  }),
  r(
    "POST",
    "/api/teams/me/members/{id}/consent-link",
    "team",
    "Send a member's consent link again to the guardian's email (the team never sees it)",
    "Teams",
    { problems: ["not-found", "consent-answered", "rate-limited"] },
  ),
  r("DELETE", "/api/teams/me/members/{id}", "team", "Remove a member", "Teams", {
    problems: ["registration-closed", "last-member"],
  }),
  r(
    "GET",
    "/api/consent/{token}",
    "link holder",
    "What a guardian is asked to consent to",
    "Teams",
    { problems: ["not-found"] },
  ),
  r("POST", "/api/consent/{token}", "link holder", "A guardian's answer", "Teams", {
    body: ConsentAnswerSchema,
    problems: ["consent-recorded"],
  }),
  r("GET", "/api/teams/me/submission", "team", "The team's submission", "Submissions", {
    problems: ["not-found"],
  }),
  r(
    "PUT",
    "/api/teams/me/submission",
    "team",
    "Save the submission as a new version",
    "Submissions",
    {
      body: SubmissionSaveSchema,
      problems: ["not-checked-in", "submissions-not-open", "deadline-passed"],
    },
  ),
  r("GET", "/api/teams/me/submission/versions", "team", "Every saved version", "Submissions"),
  r(
    "GET",
    `${E}/submissions`,
    "organizer or judge",
    "Submissions (judges: only teams they may score)",
    "Submissions",
  ),
  r(
    "GET",
    `${E}/submissions/{teamId}/versions`,
    "organizer",
    "A team's saved versions",
    "Submissions",
  ),
  r(
    "GET",
    "/api/judging/assignments",
    "judge",
    "The teams on the judge's panel, with rubric and own scores",
    "Judging",
  ),
  r(
    "PUT",
    "/api/judging/scores/{teamId}",
    "judge",
    "Save scores (idempotent with idempotencyKey)",
    "Judging",
    {
      body: ScoreSaveSchema,
      problems: ["conflict-of-interest", "not-assigned", "scoring-locked"],
    },
  ),
  r("GET", `${E}/leaderboard`, "organizer", "The live leaderboard", "Judging"),
  r("GET", `${E}/judging/progress`, "organizer", "Who has scored whom", "Judging"),
  r(
    "PUT",
    `${E}/judging/panels`,
    "organizer",
    "How many judges each team's panel gets; panels follow at once",
    "Judging",
    { body: PanelSizeSchema },
  ),
  r(
    "POST",
    `${E}/judging/panels/even-out`,
    "organizer",
    "Move untouched automatic seats from the busiest judges to the least busy",
    "Judging",
  ),
  r("GET", `${E}/scores/log`, "organizer", "Every score change", "Judging"),
  r("POST", `${E}/scoring/lock`, "organizer", "Lock scoring and freeze the ranking", "Judging"),
  r("GET", `${E}/results`, "anyone", "Revealed awards only", "Ceremony"),
  r("GET", `${E}/ceremony`, "organizer", "Every award in reveal order", "Ceremony"),
  r("POST", `${E}/ceremony/next`, "organizer", "Reveal the next award", "Ceremony", {
    problems: ["scoring-not-locked", "ties-unresolved", "ceremony-finished"],
  }),
  r(
    "POST",
    `${E}/ceremony/screen`,
    "organizer",
    "Start the ceremony on the display, or blank it",
    "Ceremony",
    { body: CeremonyScreenSchema, problems: ["scoring-not-locked"] },
  ),
  r("POST", `${E}/awards/{id}/team`, "organizer", "Decide a shared place", "Ceremony", {
    body: TieDecisionSchema,
  }),
  r("GET", `${E}/exports/results.csv`, "organizer", "Results as CSV", "Ceremony"),
  r("GET", `${E}/certificates`, "organizer", "Data for printed certificates", "Ceremony"),
  r("GET", `${E}/stage`, "anyone", "What is on stage, with the stage timer", "Stage"),
  r("POST", `${E}/stage`, "organizer", "Press a stage button", "Stage", {
    body: StageActionSchema,
    problems: ["invalid-stage-action", "stage-changed"],
  }),
  r("GET", `${E}/presentations`, "organizer", "Every category's running order", "Stage"),
  r(
    "PUT",
    `${E}/presentations/{categoryId}`,
    "organizer",
    "Set the order and slot length",
    "Stage",
    {
      body: PresentationOrderSchema,
    },
  ),
  r("POST", `${E}/presentations/{categoryId}/shuffle`, "organizer", "Shuffle the order", "Stage"),
  r(
    "PUT",
    `${E}/presentations/{categoryId}/teams/{teamId}`,
    "organizer",
    "Skip a team or bring it back; let it present again",
    "Stage",
    { body: SlotChangeSchema },
  ),
  r(
    "GET",
    `${E}/feedback`,
    "organizer",
    "Every judge comment per category, with names, changes and releases",
    "Feedback",
  ),
  r(
    "POST",
    `${E}/feedback/release`,
    "organizer",
    "Let a category's teams (or every category's) read their shared comments",
    "Feedback",
    { body: FeedbackReleaseSchema, problems: ["not-found", "ceremony-not-finished"] },
  ),
  r(
    "PATCH",
    `${E}/feedback/comments`,
    "organizer",
    "Hide, show or reword a shared comment (withdraw it once released)",
    "Feedback",
    {
      body: CommentModerationSchema,
      problems: ["not-found", "scoring-not-locked", "feedback-released", "comment-changed"],
    },
  ),
  r(
    "GET",
    `${E}/feedback/log`,
    "organizer",
    "Every change organizers made to comments, with the judge's words",
    "Feedback",
  ),
  r(
    "GET",
    "/api/teams/me/feedback",
    "team",
    "The team's shared feedback, once released",
    "Feedback",
  ),
  r("GET", "/api/settings/links", "organizer", "The address links and QR codes use", "Settings"),
  r("PUT", "/api/settings/links", "organizer", "Choose the address links use", "Settings", {
    body: LinkBaseSchema,
    problems: ["public-url-set"],
  }),
];

/** Routes with a rate limit (server/app.ts) may also answer 429 rate-limited. */
const RATE_LIMITED = new Set([
  "POST /api/session",
  "POST /api/setup",
  "GET /api/setup/{token}",
  "GET /api/invites/{token}",
  "POST /api/invites/{token}",
  "GET /api/consent/{token}",
  "POST /api/consent/{token}",
  `POST ${E}/teams`,
  "POST /api/teams/me/members",
  "POST /api/teams/me/members/{id}/consent-link",
  `POST ${E}/teams/{id}/members/{memberId}/consent-link`,
  `POST ${E}/judges`,
  `POST ${E}/judges/{id}/invite`,
]);
for (const route of ROUTES)
  if (
    RATE_LIMITED.has(`${route.method} ${route.path}`) &&
    !route.problems?.includes("rate-limited")
  )
    route.problems = [...(route.problems ?? []), "rate-limited"];
