/**
 * Every API route, for the OpenAPI document and the reference page. A test checks that the
 * routes the app really serves and this list are the same; test servers check every JSON
 * body they send against its route's `response` schema; and a test sends each route an
 * unknown id, a bad body and no session and checks the answer is documented.
 */
import { z } from "zod";
import { MUTATION_BODIES } from "../../../shared/schemas/requests";
import * as R from "../../../shared/schemas/responses";
import type { ProblemSlug } from "../../lib/problems";

export type Who =
  | "anyone"
  | "signed in"
  | "organizer"
  | "judge"
  | "team"
  | "teacher"
  | "organizer or judge"
  | "link holder";

export interface RouteDoc {
  /** The OpenAPI operationId. */
  id: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  summary: string;
  who: Who;
  body?: z.ZodType;
  success: number;
  /** The JSON body of the success answer; none for 204. */
  response?: z.ZodType;
  /** A success answer that is not JSON: its media type. */
  mediaType?: "text/csv" | "text/html" | "text/css";
  /**
   * Problems particular to this route. Every route also documents the ones that follow from
   * its shape (see problemsOf): a body, a path parameter, a session, a write.
   */
  problems?: ProblemSlug[];
  tag: string;
}

const r = (
  id: string,
  method: RouteDoc["method"],
  path: string,
  who: Who,
  summary: string,
  tag: string,
  extra: Partial<RouteDoc> = {},
): RouteDoc => ({
  id,
  method,
  path,
  who,
  summary,
  tag,
  success: method === "DELETE" ? 204 : 200,
  // A route takes and answers what shared/schemas/requests.ts and responses.ts declare for it,
  // the same schemas the client's typed requests read their types from.
  ...(method === "GET"
    ? { response: getResponse(path) }
    : { ...mutationBody(method, path), ...mutationResponse(method, path) }),
  ...extra,
});

function getResponse(path: string): z.ZodType | undefined {
  const key = path.replace(/^\/api/, "");
  return key in R.GET_RESPONSES ? R.GET_RESPONSES[key as keyof typeof R.GET_RESPONSES] : undefined;
}

function mutationBody(method: RouteDoc["method"], path: string): Partial<RouteDoc> {
  const key = `${method} ${path.replace(/^\/api/, "")}`;
  const schema =
    key in MUTATION_BODIES ? MUTATION_BODIES[key as keyof typeof MUTATION_BODIES] : undefined;
  return schema ? { body: schema } : {};
}

function mutationResponse(method: RouteDoc["method"], path: string): Partial<RouteDoc> {
  const key = `${method} ${path.replace(/^\/api/, "")}`;
  const schema =
    key in R.MUTATION_RESPONSES
      ? R.MUTATION_RESPONSES[key as keyof typeof R.MUTATION_RESPONSES]
      : undefined;
  return schema ? { response: schema } : {};
}

/** Whether anonymous callers may use the route (its own link or token is the credential). */
export const isPublic = (route: RouteDoc) => route.who === "anyone" || route.who === "link holder";

/** Writes parse a JSON body (even routes that take none) and are refused from other sites. */
export const isWrite = (route: RouteDoc) => route.method !== "GET";

/** Every problem a route may answer with: its own and those that follow from its shape. */
export function problemsOf(route: RouteDoc): ProblemSlug[] {
  const slugs: ProblemSlug[] = [];
  if (route.body || isWrite(route)) slugs.push("validation");
  if (!isPublic(route)) slugs.push("unauthenticated");
  if (!isPublic(route) || isWrite(route)) slugs.push("forbidden");
  if (route.path.includes("{")) slugs.push("not-found");
  if (isWrite(route)) slugs.push("payload-too-large", "unsupported-media-type");
  // Every request whose Host is not one of the app's addresses (DNS rebinding).
  slugs.push("misdirected-request");
  for (const slug of route.problems ?? []) if (!slugs.includes(slug)) slugs.push(slug);
  return slugs;
}

const E = "/api/events/{slug}";

export const ROUTES: RouteDoc[] = [
  r(
    "getHealth",
    "GET",
    "/api/health",
    "anyone",
    "Whether the server is up, and which database it uses",
    "System",
    {
      response: z.strictObject({ status: z.literal("ok"), db: z.enum(["pglite", "postgres"]) }),
    },
  ),
  r(
    "getOpenApi",
    "GET",
    "/api/openapi.json",
    "anyone",
    "This API as an OpenAPI 3.1 document",
    "System",
    {
      response: z.record(z.string(), z.unknown()),
    },
  ),
  r("getReferencePage", "GET", "/api/docs", "anyone", "This API as a readable page", "System", {
    mediaType: "text/html",
  }),
  r(
    "getReferenceStyles",
    "GET",
    "/api/docs.css",
    "anyone",
    "The reference page's stylesheet",
    "System",
    {
      mediaType: "text/css",
    },
  ),
  r("signIn", "POST", "/api/session", "anyone", "Sign in", "Sessions", {
    problems: ["invalid-credentials", "too-many-attempts", "request-turned-down"],
  }),
  r("getSession", "GET", "/api/session", "signed in", "Who is signed in", "Sessions", {}),
  r(
    "signOut",
    "DELETE",
    "/api/session",
    "signed in",
    "Sign out (closes this session's sockets)",
    "Sessions",
  ),
  r(
    "checkSetupLink",
    "GET",
    "/api/setup/{token}",
    "link holder",
    "Check the first-run set-up link",
    "Sessions",
    {
      problems: ["setup-done"],
    },
  ),
  r(
    "completeSetup",
    "POST",
    "/api/setup",
    "link holder",
    "Create the first organizer with the set-up link",
    "Sessions",
    {
      success: 201,
      problems: ["not-found", "setup-done", "email-taken"],
    },
  ),
  r(
    "exportDatabase",
    "GET",
    "/api/export",
    "organizer",
    "Download the whole database as one JSON document (streamed)",
    "Backup",
    {
      response: R.ExportDocumentSchema,
    },
  ),
  r(
    "purgeEvent",
    "POST",
    `${E}/purge`,
    "organizer",
    "Delete the children's personal data of a finished event",
    "Backup",
    {
      problems: ["event-not-finished"],
    },
  ),
  r("listEvents", "GET", "/api/events", "organizer", "List events", "Events", {}),
  r("createEvent", "POST", "/api/events", "organizer", "Create an event", "Events", {
    success: 201,
    problems: ["slug-taken"],
  }),
  r(
    "getEvent",
    "GET",
    E,
    "anyone",
    "An event's public view: times, phase, categories, criteria, prizes",
    "Events",
    {},
  ),
  r("updateEvent", "PATCH", E, "organizer", "Edit an event", "Events", {}),
  r(
    "createCategory",
    "POST",
    `${E}/categories`,
    "organizer",
    "Add a category with its criteria",
    "Events",
    {
      success: 201,
      problems: ["name-taken"],
    },
  ),
  r(
    "editCategory",
    "PUT",
    `${E}/categories/{id}`,
    "organizer",
    "Edit a category and its criteria (criteria fixed once judges have scored in it)",
    "Events",
    {
      problems: ["row-changed", "category-scored", "name-taken", "mixed-schools"],
    },
  ),
  r(
    "deleteCategory",
    "DELETE",
    `${E}/categories/{id}`,
    "organizer",
    "Delete a category without teams",
    "Events",
    {
      problems: ["category-in-use"],
    },
  ),
  r(
    "setRankingMode",
    "POST",
    `${E}/categories/{id}/ranking`,
    "organizer",
    "Rank a category by raw or normalized scores",
    "Judging",
    {
      problems: ["scoring-locked"],
    },
  ),
  r("createPrize", "POST", `${E}/prizes`, "organizer", "Add a prize for a place", "Events", {
    success: 201,
    problems: ["place-taken"],
  }),
  r(
    "editPrize",
    "PATCH",
    `${E}/prizes/{id}`,
    "organizer",
    "Edit a prize: title, sponsor, place or category",
    "Events",
    {
      problems: ["row-changed", "place-taken"],
    },
  ),
  r("deletePrize", "DELETE", `${E}/prizes/{id}`, "organizer", "Delete a prize", "Events"),
  r("listJudges", "GET", `${E}/judges`, "organizer", "List judges", "Judges", {}),
  r("inviteJudge", "POST", `${E}/judges`, "organizer", "Invite a judge", "Judges", {
    success: 201,
    problems: ["email-taken"],
  }),
  r(
    "editJudge",
    "PUT",
    `${E}/judges/{id}`,
    "organizer",
    "Edit a judge: name, email, categories and declared schools; panels follow",
    "Judges",
    {
      problems: ["row-changed", "email-taken"],
    },
  ),
  r(
    "renewInvite",
    "POST",
    `${E}/judges/{id}/invite`,
    "organizer",
    "Replace a pending judge's invite link",
    "Judges",
    {
      problems: ["invite-used"],
    },
  ),
  r(
    "setAssignments",
    "PUT",
    `${E}/judges/{id}/assignments`,
    "organizer",
    "Hand-pick a judge's teams",
    "Judging",
    {
      problems: ["conflict-of-interest"],
    },
  ),
  r("listTeachers", "GET", `${E}/teachers`, "organizer", "List schools' teachers", "Teachers"),
  r(
    "inviteTeacher",
    "POST",
    `${E}/teachers`,
    "organizer",
    "Invite a school's teacher",
    "Teachers",
    {
      success: 201,
      problems: ["email-taken"],
    },
  ),
  r(
    "requestTeacherAccount",
    "POST",
    `${E}/teachers/requests`,
    "anyone",
    "A teacher asks to join the event; signed in at once, waiting for an organizer",
    "Teachers",
    {
      success: 201,
      problems: ["email-taken", "registration-closed", "rate-limited"],
    },
  ),
  r(
    "decideTeacherRequest",
    "POST",
    `${E}/teachers/{id}/decision`,
    "organizer",
    "Approve or turn down a teacher's request",
    "Teachers",
    {
      problems: ["request-decided"],
    },
  ),
  r(
    "renewTeacherInvite",
    "POST",
    `${E}/teachers/{id}/invite`,
    "organizer",
    "Replace a pending teacher's invite link",
    "Teachers",
    {
      problems: ["invite-used"],
    },
  ),
  r(
    "getMyTeacherHome",
    "GET",
    "/api/teachers/me",
    "teacher",
    "The teacher's school: its teams, pupils, consent, check-in, projects",
    "Teachers",
  ),
  r(
    "getMyConsentLetters",
    "GET",
    "/api/teachers/me/letters",
    "teacher",
    "Paper consent letters for the school's pupils still waiting for a guardian (no links)",
    "Teachers",
    {},
  ),
  r(
    "movePupil",
    "POST",
    "/api/teachers/me/pupils/{id}/move",
    "teacher",
    "Move a pupil to another of the school's teams while registration is open",
    "Teachers",
    {
      problems: ["team-full", "too-old", "mixed-schools", "registration-closed"],
    },
  ),
  r(
    "checkInSchoolTeams",
    "POST",
    "/api/teachers/me/check-in",
    "teacher",
    "Check in the school's teams at the desk in one step, once every guardian has said yes",
    "Teachers",
    { problems: ["consent-missing"] },
  ),
  r(
    "resendPupilLink",
    "POST",
    "/api/teachers/me/pupils/{id}/consent-link",
    "teacher",
    "Send a pupil's consent link again to their guardian (never to the teacher)",
    "Teachers",
    { problems: ["consent-answered", "rate-limited"] },
  ),
  r(
    "registerSchoolTeams",
    "POST",
    "/api/teachers/me/teams",
    "teacher",
    "Register several teams of the teacher's school at once: all of them, or none",
    "Teachers",
    {
      success: 201,
      problems: [
        "too-old",
        "team-too-large",
        "team-name-taken",
        "email-taken",
        "registration-closed",
      ],
    },
  ),
  r("getInvite", "GET", "/api/invites/{token}", "link holder", "Who an invite is for", "Judges", {
    problems: ["invite-used"],
  }),
  r(
    "acceptInvite",
    "POST",
    "/api/invites/{token}",
    "link holder",
    "Accept an invite by choosing a password",
    "Judges",
    {
      problems: ["invite-used"],
    },
  ),
  r(
    "requestPasswordReset",
    "POST",
    "/api/password-resets",
    "anyone",
    "Mail a link to choose a new password (the same answer whether or not the email has an account)",
    "Sessions",
    {
      problems: ["mail-off"],
    },
  ),
  r(
    "getPasswordReset",
    "GET",
    "/api/password-resets/{token}",
    "link holder",
    "Whose password a reset link sets",
    "Sessions",
    {
      problems: ["reset-used", "reset-expired"],
    },
  ),
  r(
    "completePasswordReset",
    "POST",
    "/api/password-resets/{token}",
    "link holder",
    "Choose a new password with a reset link; ends the account's other sessions",
    "Sessions",
    {
      problems: ["reset-used", "reset-expired"],
    },
  ),
  r(
    "teamPasswordReset",
    "POST",
    `${E}/teams/{id}/password-reset`,
    "organizer",
    "Make a one-time link for a team to choose a new password",
    "Teams",
    {},
  ),
  r(
    "judgePasswordReset",
    "POST",
    `${E}/judges/{id}/password-reset`,
    "organizer",
    "Make a one-time link for a judge to choose a new password",
    "Judges",
    { problems: ["invite-pending"] },
  ),
  r("getClock", "GET", `${E}/clock`, "anyone", "The clock", "Clock", {}),
  r("adjustClock", "POST", `${E}/clock`, "organizer", "Pause, resume or extend", "Clock", {
    problems: ["invalid-clock-action"],
  }),
  r(
    "getClockHistory",
    "GET",
    `${E}/clock/history`,
    "organizer",
    "Pauses, resumes and extensions so far",
    "Clock",
    {},
  ),
  r(
    "listAnnouncements",
    "GET",
    `${E}/announcements`,
    "anyone",
    "The latest announcements",
    "Clock",
    {},
  ),
  r(
    "listTeacherAnnouncements",
    "GET",
    `${E}/announcements/teachers`,
    "organizer",
    "The latest announcements for teachers alone",
    "Clock",
    {},
  ),
  r(
    "postAnnouncement",
    "POST",
    `${E}/announcements`,
    "organizer",
    "Post an announcement, for everyone or for teachers alone",
    "Clock",
    {
      success: 201,
    },
  ),
  r(
    "removeAnnouncement",
    "DELETE",
    `${E}/announcements/{id}`,
    "organizer",
    "Take an announcement back",
    "Clock",
  ),
  r("registerTeam", "POST", `${E}/teams`, "anyone", "Sign up a team", "Teams", {
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
  r(
    "listTeams",
    "GET",
    `${E}/teams`,
    "organizer",
    "Every team with members, consent and check-in",
    "Teams",
    {},
  ),
  r(
    "getTeam",
    "GET",
    `${E}/teams/{id}`,
    "organizer",
    "One team as the list shows it, to follow a change",
    "Teams",
    {},
  ),
  r(
    "listSchools",
    "GET",
    `${E}/schools`,
    "anyone",
    "The event's schools (id and the one display name), for choosing at sign-up",
    "Schools",
    {},
  ),
  r(
    "listSchoolSummary",
    "GET",
    `${E}/schools/summary`,
    "organizer",
    "The event's schools with how many members, teams and judges each has",
    "Schools",
    {},
  ),
  r(
    "renameSchool",
    "PATCH",
    `${E}/schools/{id}`,
    "organizer",
    "Give a school a new display name (the name becomes one of its spellings)",
    "Schools",
    {
      problems: ["row-changed", "name-taken"],
    },
  ),
  r(
    "mergeSchool",
    "POST",
    `${E}/schools/{id}/merge`,
    "organizer",
    "Merge this school into another: its spellings, members and judges' declarations move there",
    "Schools",
    {},
  ),
  r(
    "recordPaperConsent",
    "POST",
    `${E}/teams/{id}/members/{memberId}/consent`,
    "organizer",
    "Record a guardian's answer given on paper or by phone (also a changed answer)",
    "Teams",
    {
      problems: ["team-checked-in"],
    },
  ),
  r(
    "resendConsentLink",
    "POST",
    `${E}/teams/{id}/members/{memberId}/consent-link`,
    "organizer",
    "Send the guardian a fresh consent link, also after an answer (the old link stops working)",
    "Teams",
    { problems: ["rate-limited"] },
  ),
  r("checkIn", "POST", `${E}/teams/{id}/check-in`, "organizer", "Check a team in", "Teams", {
    problems: ["consent-missing"],
  }),
  r(
    "scanCheckInCode",
    "POST",
    `${E}/check-in/scan`,
    "organizer",
    "Read a scanned badge or team code: the team, its members' consent and who is in",
    "Check-in",
    {
      problems: ["code-invalid", "code-other-event", "event-ended"],
    },
  ),
  r(
    "checkInMembers",
    "POST",
    `${E}/check-in/members`,
    "organizer",
    "Check members in (all of the team without memberIds)",
    "Check-in",
    {
      problems: ["consent-missing", "already-checked-in", "event-ended"],
    },
  ),
  r(
    "checkOutMembers",
    "POST",
    `${E}/check-out/members`,
    "organizer",
    "Check members out, at the end of a day",
    "Check-in",
    {
      problems: ["not-checked-in"],
    },
  ),
  r(
    "checkOutEveryone",
    "POST",
    `${E}/check-out/everyone`,
    "organizer",
    "Check out everyone still in the building, at the end of a day",
    "Check-in",
    {},
  ),
  r(
    "checkInRoster",
    "GET",
    `${E}/check-in/roster`,
    "organizer",
    "Every team with who is in the building now",
    "Check-in",
    {},
  ),
  r(
    "setTableNumber",
    "PUT",
    `${E}/teams/{id}/table`,
    "organizer",
    "Set where a team sits, printed on its badges",
    "Check-in",
    {},
  ),
  r("listBadges", "GET", `${E}/badges`, "organizer", "Everyone's badge, to print", "Check-in", {}),
  r(
    "photoList",
    "GET",
    `${E}/photo-list`,
    "organizer",
    "Children without photo consent, for the photographer",
    "Check-in",
    {},
  ),
  r(
    "myCheckInCode",
    "GET",
    "/api/teams/me/check-in-code",
    "team",
    "The team's check-in code and the link its QR code holds",
    "Check-in",
    {},
  ),
  r(
    "editTeam",
    "PATCH",
    `${E}/teams/{id}`,
    "organizer",
    "Rename a team or move it to another category",
    "Teams",
    {
      problems: ["row-changed", "team-name-taken", "mixed-schools", "too-old", "team-scored"],
    },
  ),
  r(
    "editMember",
    "PATCH",
    `${E}/teams/{id}/members/{memberId}`,
    "organizer",
    "Correct a member's details, at any time",
    "Teams",
    {
      problems: ["row-changed", "mixed-schools", "too-old"],
    },
  ),
  r(
    "editMyMember",
    "PATCH",
    "/api/teams/me/members/{id}",
    "team",
    "Correct one of the team's members, while registration is open",
    "Teams",
    {
      problems: ["row-changed", "mixed-schools", "too-old", "registration-closed"],
    },
  ),
  r(
    "undoCheckIn",
    "DELETE",
    `${E}/teams/{id}/check-in`,
    "organizer",
    "Undo a check-in (refused once a judge has scored the team)",
    "Teams",
    {
      success: 200,
      problems: ["team-scored", "scoring-locked"],
    },
  ),
  r(
    "undoConsent",
    "DELETE",
    `${E}/teams/{id}/members/{memberId}/consent`,
    "organizer",
    "Move a member's consent back to waiting for the guardian",
    "Teams",
    {
      success: 200,
      problems: ["team-checked-in"],
    },
  ),
  r(
    "getOutbox",
    "GET",
    `${E}/outbox`,
    "organizer",
    "Emails sent or waiting, with consent letters to print",
    "Teams",
    {},
  ),
  r(
    "exportRoster",
    "GET",
    `${E}/exports/roster.csv`,
    "organizer",
    "The roster, without dietary or medical notes",
    "Teams",
    {
      mediaType: "text/csv",
    },
  ),
  r(
    "exportDietaryMedical",
    "GET",
    `${E}/exports/dietary-medical.csv`,
    "organizer",
    "Dietary and medical notes",
    "Teams",
    {
      mediaType: "text/csv",
    },
  ),
  r(
    "getMyTeam",
    "GET",
    "/api/teams/me",
    "team",
    "The signed-in team with each member's consent status, its project and its revealed awards",
    "Teams",
    {},
  ),
  r("addMember", "POST", "/api/teams/me/members", "team", "Add a member", "Teams", {
    success: 201,
    problems: ["team-full", "registration-closed", "too-old", "mixed-schools"],
  }),
  r(
    "resendMyConsentLink",
    "POST",
    "/api/teams/me/members/{id}/consent-link",
    "team",
    "Send a member's consent link again to the guardian's email (the team never sees it)",
    "Teams",
    { problems: ["consent-answered", "rate-limited"] },
  ),
  r("removeMember", "DELETE", "/api/teams/me/members/{id}", "team", "Remove a member", "Teams", {
    problems: ["registration-closed", "last-member"],
  }),
  r(
    "getConsentRequest",
    "GET",
    "/api/consent/{token}",
    "link holder",
    "What a guardian is asked to consent to",
    "Teams",
    {},
  ),
  r(
    "answerConsent",
    "POST",
    "/api/consent/{token}",
    "link holder",
    "A guardian's answer",
    "Teams",
    {
      problems: ["consent-recorded"],
    },
  ),
  r(
    "getMySubmission",
    "GET",
    "/api/teams/me/submission",
    "team",
    "The team's submission",
    "Submissions",
    {
      problems: ["not-found"],
    },
  ),
  r(
    "saveMySubmission",
    "PUT",
    "/api/teams/me/submission",
    "team",
    "Save the submission as a new version",
    "Submissions",
    {
      problems: ["not-checked-in", "submissions-not-open", "deadline-passed"],
    },
  ),
  r(
    "listMySubmissionVersions",
    "GET",
    "/api/teams/me/submission/versions",
    "team",
    "Every saved version",
    "Submissions",
    {},
  ),
  r(
    "listSubmissions",
    "GET",
    `${E}/submissions`,
    "organizer or judge",
    "Submissions (judges: only teams they may score)",
    "Submissions",
    {},
  ),
  r(
    "listSubmissionVersions",
    "GET",
    `${E}/submissions/{teamId}/versions`,
    "organizer",
    "A team's saved versions",
    "Submissions",
    {},
  ),
  r(
    "withdrawSubmission",
    "POST",
    `${E}/submissions/{teamId}/withdraw`,
    "organizer",
    "Withdraw the version that counts from judging; the previous one counts, or none",
    "Submissions",
    {
      problems: ["submission-changed", "scoring-locked"],
    },
  ),
  r(
    "getAssignments",
    "GET",
    "/api/judging/assignments",
    "judge",
    "The teams on the judge's panel, with rubric and own scores",
    "Judging",
    {},
  ),
  r(
    "saveScores",
    "PUT",
    "/api/judging/scores/{teamId}",
    "judge",
    "Save scores (idempotent with idempotencyKey)",
    "Judging",
    {
      problems: ["conflict-of-interest", "not-assigned", "scoring-locked"],
    },
  ),
  r(
    "getLeaderboard",
    "GET",
    `${E}/leaderboard`,
    "organizer",
    "The live leaderboard",
    "Judging",
    {},
  ),
  r(
    "getJudgingProgress",
    "GET",
    `${E}/judging/progress`,
    "organizer",
    "Who has scored whom",
    "Judging",
    {},
  ),
  r(
    "setPanelSize",
    "PUT",
    `${E}/judging/panels`,
    "organizer",
    "How many judges each team's panel gets; panels follow at once",
    "Judging",
    {},
  ),
  r(
    "evenOutPanels",
    "POST",
    `${E}/judging/panels/even-out`,
    "organizer",
    "Move untouched automatic seats from the busiest judges to the least busy",
    "Judging",
    {},
  ),
  r("getScoreLog", "GET", `${E}/scores/log`, "organizer", "Every score change", "Judging", {}),
  r(
    "lockScoring",
    "POST",
    `${E}/scoring/lock`,
    "organizer",
    "Lock scoring and freeze the ranking",
    "Judging",
    {},
  ),
  r("getResults", "GET", `${E}/results`, "anyone", "Revealed awards only", "Ceremony", {}),
  r(
    "getCeremony",
    "GET",
    `${E}/ceremony`,
    "organizer",
    "Every award in reveal order",
    "Ceremony",
    {},
  ),
  r("revealNext", "POST", `${E}/ceremony/next`, "organizer", "Reveal the next award", "Ceremony", {
    problems: ["scoring-not-locked", "ties-unresolved", "ceremony-finished"],
  }),
  r(
    "setCeremonyScreen",
    "POST",
    `${E}/ceremony/screen`,
    "organizer",
    "Start the ceremony on the display, or blank it",
    "Ceremony",
    {
      problems: ["scoring-not-locked"],
    },
  ),
  r(
    "decideTie",
    "POST",
    `${E}/awards/{id}/team`,
    "organizer",
    "Decide a shared place",
    "Ceremony",
    {
      problems: ["scoring-not-locked"],
    },
  ),
  r("exportResults", "GET", `${E}/exports/results.csv`, "organizer", "Results as CSV", "Ceremony", {
    mediaType: "text/csv",
  }),
  r(
    "getCertificates",
    "GET",
    `${E}/certificates`,
    "organizer",
    "Every team's certificate and one per child who took part; awards once results are final",
    "Ceremony",
    {},
  ),
  r(
    "getStage",
    "GET",
    `${E}/stage`,
    "anyone",
    "What is on stage, with the stage timer",
    "Stage",
    {},
  ),
  r("pressStage", "POST", `${E}/stage`, "organizer", "Press a stage button", "Stage", {
    problems: ["invalid-stage-action", "stage-changed"],
  }),
  r(
    "getPresentations",
    "GET",
    `${E}/presentations`,
    "organizer",
    "Every category's running order",
    "Stage",
    {},
  ),
  r(
    "setPresentationOrder",
    "PUT",
    `${E}/presentations/{categoryId}`,
    "organizer",
    "Set the order and slot length",
    "Stage",
    {},
  ),
  r(
    "shufflePresentationOrder",
    "POST",
    `${E}/presentations/{categoryId}/shuffle`,
    "organizer",
    "Shuffle the order",
    "Stage",
    {},
  ),
  r(
    "changeSlot",
    "PUT",
    `${E}/presentations/{categoryId}/teams/{teamId}`,
    "organizer",
    "Skip a team or bring it back; let it present again",
    "Stage",
    {},
  ),
  r(
    "getFeedbackOverview",
    "GET",
    `${E}/feedback`,
    "organizer",
    "Every judge comment per category, with names, changes and releases",
    "Feedback",
    {},
  ),
  r(
    "releaseFeedback",
    "POST",
    `${E}/feedback/release`,
    "organizer",
    "Let a category's teams (or every category's) read their shared comments",
    "Feedback",
    {
      problems: ["ceremony-not-finished"],
    },
  ),
  r(
    "moderateComment",
    "PATCH",
    `${E}/feedback/comments`,
    "organizer",
    "Hide, show or reword a shared comment (withdraw it once released)",
    "Feedback",
    {
      problems: ["not-found", "scoring-not-locked", "feedback-released", "comment-changed"],
    },
  ),
  r(
    "getFeedbackLog",
    "GET",
    `${E}/feedback/log`,
    "organizer",
    "Every change organizers made to comments, with the judge's words",
    "Feedback",
    {},
  ),
  r(
    "getMyCertificates",
    "GET",
    "/api/teams/me/certificates",
    "team",
    "The team's certificate and one for each member who took part, once results are final",
    "Ceremony",
    { problems: ["ceremony-not-finished"] },
  ),
  r(
    "getMyFeedback",
    "GET",
    "/api/teams/me/feedback",
    "team",
    "The team's shared feedback, once released",
    "Feedback",
    {},
  ),
  r(
    "getLinkBase",
    "GET",
    "/api/settings/links",
    "organizer",
    "The address links and QR codes use",
    "Settings",
    {},
  ),
  r(
    "setLinkBase",
    "PUT",
    "/api/settings/links",
    "organizer",
    "Choose the address links use",
    "Settings",
    {
      problems: ["public-url-set"],
    },
  ),
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
  `POST ${E}/teachers`,
  `POST ${E}/teachers/{id}/invite`,
  "POST /api/password-resets",
  "GET /api/password-resets/{token}",
  "POST /api/password-resets/{token}",
  `POST ${E}/teams/{id}/password-reset`,
  `POST ${E}/judges/{id}/password-reset`,
]);
for (const route of ROUTES)
  if (
    RATE_LIMITED.has(`${route.method} ${route.path}`) &&
    !route.problems?.includes("rate-limited")
  )
    route.problems = [...(route.problems ?? []), "rate-limited"];
