/**
 * The organizer can undo what was done by mistake at the desk: a check-in, a consent answer,
 * a version of a project handed in. Each undo is the organizer's alone, audited, refused when
 * it would change results behind the judges' backs, and pushed to the screens that show it.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  auditLog,
  consentRecords,
  events,
  judgeAssignments,
  members,
  submissions,
  submissionVersions,
  teams,
} from "../../server/db/schema";
import { hashToken } from "../../server/lib/tokens";
import type { SubmissionView, SubmissionWithdrawn, TeamView } from "../../shared/api";
import { insertOrganizer, insertSubmission, insertTeam, signedIn } from "../helpers/factories";
import { Client } from "../helpers/http";
import { judgingScenario, type Scenario } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";
import { socketPool, type TestSocket } from "../helpers/sockets";

type Problem = { type: string; detail: string };

let server: TestServer;
let s: Scenario;
let eventId: string;
const sockets = socketPool(() => server.url);
const E = "/api/events/hmj-2026";

beforeAll(async () => {
  server = await startTestServer({ rateLimits: false });
});
afterAll(() => server.close());
afterEach(() => sockets.closeAll());
beforeEach(async () => {
  await server.reset();
  s = await judgingScenario(server, ["Oak School", "Elm School"]);
  const [event] = await server.database.db.select({ id: events.id }).from(events);
  eventId = event!.id;
});

const db = () => server.database.db;
const teamRow = async (id: string) => (await db().select().from(teams).where(eq(teams.id, id)))[0]!;
const memberRow = async (id: string) =>
  (await db().select().from(members).where(eq(members.id, id)))[0]!;
const audits = async (action: string) =>
  (await db().select().from(auditLog)).filter((a) => a.action === action);

/** A screen that notes every event it hears, once its snapshot has arrived. */
async function screen(cookie: string | null) {
  const socket: TestSocket = sockets.connect(cookie);
  const heard: string[] = [];
  await new Promise((resolve) => socket.once("stage", resolve));
  socket.onAny((event: string) => heard.push(event));
  return { socket, heard };
}

async function scoreTeam(judge: Client, teamId: string) {
  const scores = Object.fromEntries(s.criteria.map((c) => [c.id, 1]));
  return judge.request("PUT", `/api/judging/scores/${teamId}`, { scores });
}

async function teamClient(index: number) {
  const client = new Client(server.url);
  expect((await client.post("/api/session", s.teams[index]!.contact)).status).toBe(200);
  return client;
}

describe("undoing a check-in", () => {
  it("takes the team out of judging and the running order, audited, and tells the screens", async () => {
    const judge = await s.judge("ann@example.com");
    const team = s.teams[0]!;
    const before = await db()
      .select()
      .from(judgeAssignments)
      .where(eq(judgeAssignments.teamId, team.id));
    expect(before).toHaveLength(1);
    const organizerScreen = await screen(s.organizer.cookieValue);
    const judgeScreen = await screen(judge.client.cookieValue);

    const res = await s.organizer.delete<{ team: TeamView }>(`${E}/teams/${team.id}/check-in`);
    expect(res.status).toBe(200);
    expect(res.body.team).toMatchObject({ id: team.id, checkedIn: false, checkedInAt: null });
    expect((await teamRow(team.id)).checkedInAt).toBeNull();
    // Its untouched place on the judge's panel goes back.
    expect(
      await db().select().from(judgeAssignments).where(eq(judgeAssignments.teamId, team.id)),
    ).toEqual([]);
    const [entry] = await audits("team.check-in-undone");
    expect(entry?.details).toMatchObject({ teamId: team.id });
    expect(entry?.actorId).not.toBeNull();

    await expect
      .poll(() => organizerScreen.heard)
      .toEqual(expect.arrayContaining(["teams:changed", "stage"]));
    await expect.poll(() => judgeScreen.heard).toContain("assignments:changed");
    const assignments = await judge.client.get<{ teams: { teamId: string }[] }>(
      "/api/judging/assignments",
    );
    expect(assignments.body.teams.map((t) => t.teamId)).not.toContain(team.id);
    // Not checked in, the team can no longer hand a project in.
    const client = await teamClient(0);
    server.clock.set(new Date("2026-03-14T12:00:00Z"));
    const save = await client.request<Problem>("PUT", "/api/teams/me/submission", {
      title: "RevisionBuddy",
      summary: "Helps you revise.",
    });
    expect(save.body.type).toBe("/problems/not-checked-in");
  });

  it("refuses once a judge has scored the team with 409 team-scored, changing nothing", async () => {
    const judge = await s.judge("ann@example.com");
    const team = s.teams[0]!;
    expect((await scoreTeam(judge.client, team.id)).status).toBe(200);
    const before = await teamRow(team.id);
    const res = await s.organizer.delete<Problem>(`${E}/teams/${team.id}/check-in`);
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/problems/team-scored");
    expect(res.body.detail).toMatch(/scored this team/);
    expect(await teamRow(team.id)).toEqual(before);
    expect(await audits("team.check-in-undone")).toEqual([]);
  });

  it("refuses once scoring is locked with 409 scoring-locked, changing nothing", async () => {
    const team = s.teams[1]!;
    await db().update(events).set({ scoringLockedAt: server.clock.now() });
    const before = await teamRow(team.id);
    const res = await s.organizer.delete<Problem>(`${E}/teams/${team.id}/check-in`);
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/problems/scoring-locked");
    expect(await teamRow(team.id)).toEqual(before);
  });

  it("is the organizer's alone: a team or a judge gets 403 and nothing changes", async () => {
    const judge = await s.judge("ann@example.com");
    const team = s.teams[0]!;
    const client = await teamClient(0);
    for (const who of [client, judge.client]) {
      const res = await who.delete<Problem>(`${E}/teams/${team.id}/check-in`);
      expect(res.status).toBe(403);
    }
    expect(await new Client(server.url).delete(`${E}/teams/${team.id}/check-in`)).toMatchObject({
      status: 401,
    });
    expect((await teamRow(team.id)).checkedInAt).not.toBeNull();
  });

  it("answers a team of another event, or not checked in, without changing anything", async () => {
    const res = await s.organizer.delete<Problem>(
      `${E}/teams/00000000-0000-4000-8000-000000000000/check-in`,
    );
    expect(res.status).toBe(404);
    const team = s.teams[0]!;
    expect((await s.organizer.delete(`${E}/teams/${team.id}/check-in`)).status).toBe(200);
    const again = await s.organizer.delete<{ team: TeamView }>(`${E}/teams/${team.id}/check-in`);
    expect(again.status).toBe(200);
    expect(again.body.team.checkedIn).toBe(false);
    expect(await audits("team.check-in-undone")).toHaveLength(1);
  });

  it("never lets a score and an undo both land when they race", async () => {
    const judge = await s.judge("ann@example.com");
    const team = s.teams[0]!;
    const [score, undo] = await Promise.all([
      scoreTeam(judge.client, team.id),
      s.organizer.delete<Problem>(`${E}/teams/${team.id}/check-in`),
    ]);
    expect([score.status, undo.status].filter((status) => status === 200)).toHaveLength(1);
    const row = await teamRow(team.id);
    if (undo.status === 200) expect(row.checkedInAt).toBeNull();
    else {
      expect(undo.body.type).toBe("/problems/team-scored");
      expect(row.checkedInAt).not.toBeNull();
    }
  });
});

describe("moving consent back to waiting", () => {
  async function uncheckedTeam() {
    const team = await insertTeam(db(), {
      eventId,
      categoryId: s.categoryId,
      name: "Late Team",
      checkedInAt: null,
    });
    const member = team.members[0]!;
    // The guardian's link, as the letter carries it.
    const token = "a".repeat(43);
    await db()
      .update(members)
      .set({ consentTokenHash: hashToken(token) })
      .where(eq(members.id, member.id));
    return { team, member, token };
  }

  it("sets the member to waiting, keeps the earlier answer in the records, and the guardian's link works again", async () => {
    const { team, member, token } = await uncheckedTeam();
    const guardian = new Client(server.url);
    const answer = { guardianName: "Pat Lovelace", consent: true, photoConsent: true };
    expect((await guardian.post<Problem>(`/api/consent/${token}`, answer)).status).toBe(410);
    const organizerScreen = await screen(s.organizer.cookieValue);

    const res = await s.organizer.delete<{ team: TeamView }>(
      `${E}/teams/${team.id}/members/${member.id}/consent`,
    );
    expect(res.status).toBe(200);
    expect(res.body.team.members[0]!.consent).toMatchObject({
      status: "awaiting",
      method: null,
      photoConsent: false,
    });
    expect(await memberRow(member.id)).toMatchObject({
      consentStatus: "awaiting",
      photoConsent: false,
    });
    expect(
      await db().select().from(consentRecords).where(eq(consentRecords.memberId, member.id)),
    ).toHaveLength(1);
    const [entry] = await audits("consent.undone");
    expect(entry?.details).toEqual({ memberId: member.id, was: "given", photoConsent: false });
    await expect
      .poll(() => organizerScreen.heard)
      .toEqual(expect.arrayContaining(["teams:changed"]));

    // The team cannot check in until someone answers again.
    const checkIn = await s.organizer.post<Problem>(`${E}/teams/${team.id}/check-in`);
    expect(checkIn.body.type).toBe("/problems/consent-missing");
    expect((await guardian.post(`/api/consent/${token}`, answer)).status).toBe(200);
    expect((await memberRow(member.id)).consentStatus).toBe("given");
  });

  it("refuses for a checked-in team with 409 team-checked-in, changing nothing", async () => {
    const team = s.teams[0]!;
    const [member] = await db().select().from(members).where(eq(members.teamId, team.id));
    const res = await s.organizer.delete<Problem>(
      `${E}/teams/${team.id}/members/${member!.id}/consent`,
    );
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/problems/team-checked-in");
    expect(res.body.detail).toMatch(/Undo the check-in first/);
    expect(await memberRow(member!.id)).toEqual(member);
    expect(await audits("consent.undone")).toEqual([]);
  });

  it("finds no member of another team (404), and is the organizer's alone (403)", async () => {
    const { team, member } = await uncheckedTeam();
    const other = s.teams[1]!;
    const wrong = await s.organizer.delete<Problem>(
      `${E}/teams/${other.id}/members/${member.id}/consent`,
    );
    expect(wrong.status).toBe(404);
    const client = await signedIn(server.url, db(), team.userId, server.clock.now());
    const res = await client.delete(`${E}/teams/${team.id}/members/${member.id}/consent`);
    expect(res.status).toBe(403);
    expect((await memberRow(member.id)).consentStatus).toBe("given");
  });
});

describe("withdrawing a project version from judging", () => {
  const withdraw = (teamId: string, version: unknown, as = s.organizer) =>
    as.post<SubmissionWithdrawn & Problem>(`${E}/submissions/${teamId}/withdraw`, { version });
  const subRow = async (teamId: string) =>
    (await db().select().from(submissions).where(eq(submissions.teamId, teamId)))[0]!;

  it("lets the previous version count, keeping the withdrawn one in the history", async () => {
    const team = s.teams[0]!;
    await insertSubmission(db(), { eventId, teamId: team.id, titles: ["Quiz", "Quiz (broken)"] });
    const res = await withdraw(team.id, 2);
    expect(res.status).toBe(200);
    expect(res.body.submission).toMatchObject({ version: 1, title: "Quiz" });
    expect(res.body.versions.map((v) => [v.version, v.withdrawnAt !== null])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(await subRow(team.id)).toMatchObject({ version: 1, title: "Quiz", withdrawnAt: null });
    const [entry] = await audits("submission.withdrawn");
    expect(entry?.details).toEqual({ teamId: team.id, version: 2, counts: 1 });
    // The team sees the version that counts, and the judges' list shows it.
    const client = await teamClient(0);
    const mine = await client.get<{ submission: SubmissionView }>("/api/teams/me/submission");
    expect(mine.body.submission).toMatchObject({ version: 1, title: "Quiz" });
    const judge = await s.judge("ann@example.com");
    const list = await judge.client.get<{
      teams: { teamId: string; submission: { title: string } | null }[];
    }>("/api/judging/assignments");
    expect(list.body.teams.find((t) => t.teamId === team.id)?.submission?.title).toBe("Quiz");

    // The next save takes a new number: a withdrawn one is never reused.
    server.clock.set(new Date("2026-03-15T10:00:00Z"));
    const saved = await client.request<{ submission: SubmissionView }>(
      "PUT",
      "/api/teams/me/submission",
      { title: "Quiz (fixed)", summary: "Works now." },
    );
    expect(saved.body.submission.version).toBe(3);
  });

  it("with no version left, the team counts as not handed in until it saves again", async () => {
    const team = s.teams[0]!;
    await insertSubmission(db(), { eventId, teamId: team.id, titles: ["Quiz"] });
    const display = await screen(null);
    const res = await withdraw(team.id, 1);
    expect(res.status).toBe(200);
    expect(res.body.submission).toBeNull();
    expect((await subRow(team.id)).withdrawnAt).not.toBeNull();
    await expect.poll(() => display.heard).toContain("submissions:count");

    const listing = await s.organizer.get<{
      submissions: SubmissionView[];
      missing: { teamId: string }[];
    }>(`${E}/submissions`);
    expect(listing.body.submissions).toEqual([]);
    expect(listing.body.missing.map((m) => m.teamId)).toContain(team.id);
    const client = await teamClient(0);
    expect((await client.get("/api/teams/me/submission")).status).toBe(404);

    server.clock.set(new Date("2026-03-15T10:00:00Z"));
    const saved = await client.request<{ submission: SubmissionView }>(
      "PUT",
      "/api/teams/me/submission",
      { title: "Quiz again", summary: "Handed in again." },
    );
    expect(saved.body.submission.version).toBe(2);
    expect((await subRow(team.id)).withdrawnAt).toBeNull();
  });

  it("refuses a version that no longer counts with 409 submission-changed, changing nothing", async () => {
    const team = s.teams[0]!;
    await insertSubmission(db(), { eventId, teamId: team.id, titles: ["A", "B"] });
    const before = await subRow(team.id);
    const res = await withdraw(team.id, 1);
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/problems/submission-changed");
    expect(await subRow(team.id)).toEqual(before);
    const versions = await db().select().from(submissionVersions);
    expect(versions.every((v) => v.withdrawnAt === null)).toBe(true);
  });

  it("withdraws once when two organizers race with the same version: one 200, one 409", async () => {
    const team = s.teams[0]!;
    await insertSubmission(db(), { eventId, teamId: team.id, titles: ["A", "B", "C"] });
    // A second organizer's screen: a session of its own.
    const second = await signedIn(
      server.url,
      db(),
      await insertOrganizer(db()),
      server.clock.now(),
    );
    const answers = await Promise.all([withdraw(team.id, 3), withdraw(team.id, 3, second)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)?.body.type).toBe("/problems/submission-changed");
    const withdrawn = await db()
      .select()
      .from(submissionVersions)
      .where(and(eq(submissionVersions.version, 3)));
    expect(withdrawn[0]?.withdrawnAt).not.toBeNull();
    expect((await subRow(team.id)).version).toBe(2);
    expect(await audits("submission.withdrawn")).toHaveLength(1);
  });

  it("refuses after the scoring lock (409), a bad version (400), a team (403), nothing handed in (404)", async () => {
    const team = s.teams[0]!;
    await insertSubmission(db(), { eventId, teamId: team.id, titles: ["A", "B"] });
    const before = await subRow(team.id);
    expect((await withdraw(team.id, 0)).body.type).toBe("/problems/validation");
    expect((await withdraw(team.id, "2")).status).toBe(400);
    expect((await withdraw(team.id, 2, await teamClient(0))).status).toBe(403);
    expect((await withdraw(s.teams[1]!.id, 1)).status).toBe(404);
    await db().update(events).set({ scoringLockedAt: server.clock.now() });
    const locked = await withdraw(team.id, 2);
    expect(locked.status).toBe(409);
    expect(locked.body.type).toBe("/problems/scoring-locked");
    expect(await subRow(team.id)).toEqual(before);
    expect(await audits("submission.withdrawn")).toEqual([]);
  });
});
