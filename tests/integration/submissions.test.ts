import { io, type Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SubmissionVersionView, SubmissionView, TeamView } from "../../shared/api";
import type { ClientToServerEvents, ServerToClientEvents } from "../../shared/events";
import {
  buildCategory,
  buildEvent,
  buildMember,
  buildTeam,
  signInOrganizer,
} from "../helpers/factories";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let organizer: Client;
let team: Client;
let teamId: string;
let categoryId: string;
const EVENT = {
  slug: "hmj-2026",
  registrationOpensAt: "2026-02-01T09:00:00Z",
  registrationClosesAt: "2026-03-10T18:00:00Z",
  startsAt: "2026-03-14T09:00:00Z",
  submissionsCloseAt: "2026-03-15T13:00:00Z",
  endsAt: "2026-03-15T17:00:00Z",
};
const DEADLINE = new Date(EVENT.submissionsCloseAt).getTime();
const HACKING = new Date("2026-03-14T12:00:00Z");
const sockets: Socket[] = [];

const project = (over: Record<string, unknown> = {}) => ({
  title: "RevisionBuddy",
  summary: "Flashcards that quiz you.\nMade for GCSE revision.",
  repoUrl: "https://github.com/byteclub/revisionbuddy",
  demoUrl: "http://revisionbuddy.local:8080/",
  builtWith: ["Python", "Flask", "python"],
  ...over,
});

/** Signs everyone in again at `at`, since sessions lapse after a day without use. */
async function at(iso: string | number) {
  server.clock.set(new Date(iso));
  organizer = await signInOrganizer(server.url, server.database);
  team = new Client(server.url);
  const email = (
    await organizer.get<{ teams: TeamView[] }>("/api/events/hmj-2026/teams")
  ).body.teams.find((t) => t.id === teamId)!.contactEmail;
  expect((await team.post("/api/session", { email, password: "team password" })).status).toBe(200);
}

const save = (body: unknown = project()) =>
  team.request<{ submission: SubmissionView; type?: string; detail?: string }>(
    "PUT",
    "/api/teams/me/submission",
    body,
  );

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});
beforeEach(async () => {
  await server.reset();
  server.clock.set(new Date("2026-03-01T12:00:00Z"));
  organizer = await signInOrganizer(server.url, server.database);
  await organizer.post("/api/events", buildEvent(EVENT));
  categoryId = (
    await organizer.post<{ category: { id: string } }>(
      "/api/events/hmj-2026/categories",
      buildCategory(),
    )
  ).body.category.id;
  team = new Client(server.url);
  const res = await team.post<{ team: TeamView }>(
    "/api/events/hmj-2026/teams",
    buildTeam(categoryId, {
      name: "Byte Club",
      members: [buildMember({ firstName: "Zara", lastName: "Quigley", school: "Oakwood Academy" })],
    }),
  );
  teamId = res.body.team.id;
  const memberId = res.body.team.members[0]!.id;
  await organizer.post(`/api/events/hmj-2026/teams/${teamId}/members/${memberId}/consent`, {
    method: "paper",
    photoConsent: false,
  });
  expect((await organizer.post(`/api/events/hmj-2026/teams/${teamId}/check-in`)).status).toBe(200);
  await at(HACKING.toISOString());
});

describe("saving a submission", () => {
  it("saves version 1, then 2, keeping each version with its time", async () => {
    const first = await save();
    expect(first.status).toBe(200);
    expect(first.body.submission).toMatchObject({
      version: 1,
      title: "RevisionBuddy",
      builtWith: ["Python", "Flask"],
      summary: "Flashcards that quiz you.\nMade for GCSE revision.",
      videoUrl: null,
    });
    server.clock.set(new Date(HACKING.getTime() + 60_000));
    const second = await save(project({ title: "RevisionBuddy 2" }));
    expect(second.body.submission.version).toBe(2);
    const versions = await organizer.get<{ versions: SubmissionVersionView[] }>(
      `/api/events/hmj-2026/submissions/${teamId}/versions`,
    );
    expect(versions.body.versions.map((v) => [v.version, v.title, v.savedAt])).toEqual([
      [2, "RevisionBuddy 2", new Date(HACKING.getTime() + 60_000).toISOString()],
      [1, "RevisionBuddy", HACKING.toISOString()],
    ]);
    expect(
      (await team.get<{ submission: SubmissionView }>("/api/teams/me/submission")).body.submission
        .version,
    ).toBe(2);
    // The team's own page says what it has handed in.
    const mine = await team.get<{ project: { title: string; version: number } | null }>(
      "/api/teams/me",
    );
    expect(mine.body.project).toMatchObject({ title: "RevisionBuddy 2", version: 2 });
  });

  it("gives racing saves consecutive versions", async () => {
    const results = await Promise.all(
      [1, 2, 3, 4].map((i) => save(project({ title: `Take ${i}` }))),
    );
    expect(results.map((r) => r.body.submission.version).sort()).toEqual([1, 2, 3, 4]);
  });

  it("answers 404 before the first save", async () => {
    expect((await team.get("/api/teams/me/submission")).status).toBe(404);
  });

  it("accepts a save one millisecond before the deadline and refuses one at and after it", async () => {
    await at(DEADLINE - 1);
    expect((await save()).status).toBe(200);
    server.clock.set(new Date(DEADLINE));
    const late = await save(project({ title: "Too late" }));
    expect(late.status).toBe(409);
    expect(late.body.type).toBe("/problems/deadline-passed");
    server.clock.set(new Date(DEADLINE + 1));
    expect((await save(project({ title: "Too late" }))).status).toBe(409);
    expect(
      (await team.get<{ submission: SubmissionView }>("/api/teams/me/submission")).body.submission
        .title,
    ).toBe("RevisionBuddy");
  });

  it("follows the deadline after an extension", async () => {
    await at(DEADLINE - 60_000);
    expect(
      (await organizer.post("/api/events/hmj-2026/clock", { action: "extend", minutes: 10 }))
        .status,
    ).toBe(200);
    server.clock.set(new Date(DEADLINE + 9 * 60_000));
    expect((await save()).status).toBe(200);
    server.clock.set(new Date(DEADLINE + 10 * 60_000));
    expect((await save()).status).toBe(409);
  });

  it("stays open past the planned deadline during a pause", async () => {
    await at(DEADLINE - 60_000);
    await organizer.post("/api/events/hmj-2026/clock", { action: "pause" });
    server.clock.set(new Date(DEADLINE + 30 * 60_000));
    expect((await save()).status).toBe(200);
  });

  it("refuses saves before hacking starts with 409 submissions-not-open", async () => {
    await at("2026-03-14T08:59:59Z");
    const res = await save();
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/problems/submissions-not-open");
  });

  it("refuses a team that is not checked in with 409 not-checked-in", async () => {
    server.clock.set(new Date("2026-03-01T12:00:00Z"));
    const other = new Client(server.url);
    const contact = { email: "late-team@example.com", password: "team password" };
    expect(
      (await other.post("/api/events/hmj-2026/teams", buildTeam(categoryId, { contact }))).status,
    ).toBe(201);
    server.clock.set(HACKING);
    expect((await other.post("/api/session", contact)).status).toBe(200);
    const res = await other.request<{ type: string }>("PUT", "/api/teams/me/submission", project());
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/problems/not-checked-in");
  });

  it.each([
    ["a javascript: link", { repoUrl: "javascript:alert(1)" }, "repoUrl"],
    ["a data: link", { demoUrl: "data:text/html,<script>alert(1)</script>" }, "demoUrl"],
    ["a relative link", { videoUrl: "/watch?v=1" }, "videoUrl"],
    ["a link without a scheme", { repoUrl: "github.com/x" }, "repoUrl"],
    ["an over-long title", { title: "x".repeat(101) }, "title"],
    ["an over-long summary", { summary: "x".repeat(5001) }, "summary"],
    ["an empty summary", { summary: "  " }, "summary"],
    ["too many tags", { builtWith: Array.from({ length: 21 }, (_, i) => `t${i}`) }, "builtWith"],
    ["an unknown key", { score: 100 }, "body"],
  ])("refuses %s with 400 validation, keeping the last version", async (_label, patch, path) => {
    await save();
    const res = await team.request<{ type: string; errors: { path: string }[] }>(
      "PUT",
      "/api/teams/me/submission",
      project(patch),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e) => e.path)).toContain(path);
    expect(
      (await team.get<{ submission: SubmissionView }>("/api/teams/me/submission")).body.submission
        .version,
    ).toBe(1);
  });

  it("stores markup as the text it is", async () => {
    const res = await save(project({ title: "<img src=x onerror=alert(1)>" }));
    expect(res.body.submission.title).toBe("<img src=x onerror=alert(1)>");
  });
});

describe("views", () => {
  it("the organizer sees every submission and the checked-in teams that have not submitted", async () => {
    const before = await organizer.get<{ submissions: unknown[]; missing: { teamName: string }[] }>(
      "/api/events/hmj-2026/submissions",
    );
    expect(before.body.submissions).toEqual([]);
    expect(before.body.missing.map((t) => t.teamName)).toEqual(["Byte Club"]);
    await save();
    const after = await organizer.get<{ submissions: SubmissionView[]; missing: unknown[] }>(
      "/api/events/hmj-2026/submissions",
    );
    expect(after.body.submissions.map((s) => s.teamName)).toEqual(["Byte Club"]);
    expect(after.body.missing).toEqual([]);
  });

  it("a judge sees the submissions they may score, with no member names, and not a conflicted school's", async () => {
    await save();
    const invite = async (email: string, schools: string[]) => {
      const res = await organizer.post<{ inviteUrl: string }>("/api/events/hmj-2026/judges", {
        name: "Judge",
        email,
        schools,
        categoryIds: [categoryId],
      });
      const judge = new Client(server.url);
      await judge.post(`/api/invites/${res.body.inviteUrl.split("/").pop()}`, {
        password: "judge password",
      });
      return judge;
    };
    const fair = await invite("fair@example.com", ["Trinity High School"]);
    const res = await fair.get<{ submissions: SubmissionView[] }>(
      "/api/events/hmj-2026/submissions",
    );
    expect(res.body.submissions.map((s) => s.title)).toEqual(["RevisionBuddy"]);
    expect(JSON.stringify(res.body)).not.toMatch(/Zara|Quigley|missing/);
    const conflicted = await invite("teacher@example.com", ["oakwood academy"]);
    expect(
      (await conflicted.get<{ submissions: unknown[] }>("/api/events/hmj-2026/submissions")).body
        .submissions,
    ).toEqual([]);
  });

  it("teams and the public cannot list submissions", async () => {
    expect((await team.get("/api/events/hmj-2026/submissions")).status).toBe(403);
    expect((await new Client(server.url).get("/api/events/hmj-2026/submissions")).status).toBe(401);
    expect((await team.get(`/api/events/hmj-2026/submissions/${teamId}/versions`)).status).toBe(
      403,
    );
  });

  it("every screen hears submissions:count when a team submits for the first time only", async () => {
    const screen: Socket<ServerToClientEvents, ClientToServerEvents> = io(server.url, {
      auth: { event: "hmj-2026" },
      transports: ["websocket"],
      reconnection: false,
    });
    sockets.push(screen);
    const counts: number[] = [];
    screen.on("submissions:count", ({ count }) => counts.push(count));
    await new Promise<void>((resolve) => screen.once("submissions:count", () => resolve()));
    await save();
    await save(project({ title: "Second" }));
    // A sentinel every screen hears after the pushes of the saves before it.
    const sentinel = new Promise((resolve) => screen.once("announcement", resolve));
    await organizer.post("/api/events/hmj-2026/announcements", { text: "Sentinel" });
    await sentinel;
    expect(counts).toEqual([0, 1]);
  });
});
