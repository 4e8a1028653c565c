import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApplication } from "../../server/app";
import { createLogger } from "../../server/lib/logger";
import { noMailer } from "../../server/lib/mailer";
import type {
  AssignmentView,
  JudgeStageView,
  PresentationsView,
  StageState,
  TeamView,
} from "../../shared/api";
import { buildMember, buildTeam } from "../helpers/factories";
import { Client } from "../helpers/http";
import { testPasswords } from "../helpers/passwords";
import {
  DURING_JUDGING,
  DURING_REGISTRATION,
  judgingScenario,
  type Scenario,
} from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";
import { socketPool } from "../helpers/sockets";

type Problem = { type?: string; detail?: string; errors?: { path: string; message: string }[] };
let server: TestServer;
const sockets = socketPool(() => server.url);
const connect = sockets.connect;
let s: Scenario;
const E = "/api/events/hmj-2026";

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
afterEach(() => sockets.closeAll());
beforeEach(async () => {
  await server.reset();
  s = await judgingScenario(server, [
    "Oakwood Academy",
    "St Mary's High School",
    "Trinity High School",
  ]);
});

const press = (body: Record<string, unknown>, client = s.organizer) =>
  client.post<StageState & Problem>(`${E}/stage`, body);
const view = () => s.organizer.get<PresentationsView>(`${E}/presentations`);
const order = async () => (await view()).body.categories[0]!.slots.map((x) => x.teamName);
const at = (ms: number) => new Date(DURING_JUDGING.getTime() + ms);

describe("the running order", () => {
  it("starts with the checked-in teams by name, and the organizer can reorder, shuffle and time it", async () => {
    expect(await order()).toEqual(["Team A", "Team B", "Team C"]);
    const [a, b, c] = s.teams.map((t) => t.id);
    const set = await s.organizer.request<PresentationsView & Problem>(
      "PUT",
      `${E}/presentations/${s.categoryId}`,
      { teamIds: [c, a, b], talkSeconds: 240, questionsSeconds: 60 },
    );
    expect(set.status).toBe(200);
    expect(set.body.categories[0]).toMatchObject({ talkSeconds: 240, questionsSeconds: 60 });
    expect(await order()).toEqual(["Team C", "Team A", "Team B"]);

    const shuffled = await s.organizer.post<PresentationsView>(
      `${E}/presentations/${s.categoryId}/shuffle`,
    );
    expect(shuffled.status).toBe(200);
    const names = shuffled.body.categories[0]!.slots.map((x) => x.teamName);
    expect([...names].sort()).toEqual(["Team A", "Team B", "Team C"]);
    // Slot lengths survive a shuffle.
    expect(shuffled.body.categories[0]!.talkSeconds).toBe(240);
  });

  it("refuses an order that leaves out, repeats or invents a team, and bad slot lengths", async () => {
    const [a, b, c] = s.teams.map((t) => t.id);
    const put = (body: unknown) =>
      s.organizer.request<Problem>("PUT", `${E}/presentations/${s.categoryId}`, body);
    const missing = await put({ teamIds: [a, b] });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([
      { path: "teamIds", message: "The order leaves out Team C." },
    ]);
    const twice = await put({ teamIds: [a, b, c, a] });
    expect(twice.body.errors?.[0]).toEqual({
      path: "teamIds.3",
      message: "This team is already in the order.",
    });
    const stranger = await put({ teamIds: [a, b, c, "00000000-0000-4000-8000-000000000000"] });
    expect(stranger.body.errors?.[0]?.path).toBe("teamIds.3");
    for (const body of [
      { talkSeconds: 10 },
      { talkSeconds: 100_000 },
      { talkSeconds: 90.5 },
      { questionsSeconds: -1 },
      { teamIds: "all" },
      { extra: true },
    ]) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.type).toBe("/problems/validation");
    }
    const unknown = await s.organizer.request<Problem>(
      "PUT",
      `${E}/presentations/00000000-0000-4000-8000-000000000000`,
      { talkSeconds: 60 },
    );
    expect(unknown.status).toBe(404);
    expect(await order()).toEqual(["Team A", "Team B", "Team C"]);
    expect((await view()).body.categories[0]!.talkSeconds).toBe(180);
  });

  it("is the organizer's alone", async () => {
    const { client: judge } = await s.judge("judge@example.com");
    const team = new Client(server.url);
    await team.post("/api/session", s.teams[0]!.contact);
    for (const client of [judge, team]) {
      expect((await client.get(`${E}/presentations`)).status).toBe(403);
      expect((await press({ action: "next", categoryId: s.categoryId }, client)).status).toBe(403);
      expect((await client.post(`${E}/presentations/${s.categoryId}/shuffle`)).status).toBe(403);
    }
    expect((await new Client(server.url).post(`${E}/stage`, { action: "next" })).status).toBe(401);
    // Anyone may read the stage, as the display does.
    expect((await new Client(server.url).get<StageState>(`${E}/stage`)).body.phase).toBe("idle");
  });
});

describe("the stage", () => {
  it("runs a presentation cycle on the server's clock", async () => {
    await s.organizer.request("PUT", `${E}/presentations/${s.categoryId}`, {
      talkSeconds: 180,
      questionsSeconds: 120,
    });
    const called = await press({ action: "next", categoryId: s.categoryId });
    expect(called.status).toBe(200);
    expect(called.body).toMatchObject({
      phase: "ready",
      categoryName: "Best Game",
      team: { name: "Team A", projectTitle: null },
      upNext: { name: "Team B" },
      phaseEndsAt: null,
      remaining: 2,
    });

    server.clock.set(at(60_000));
    const talk = await press({ action: "start", version: called.body.version });
    expect(talk.body).toMatchObject({
      phase: "talk",
      phaseStartedAt: at(60_000).toISOString(),
      phaseEndsAt: at(60_000 + 180_000).toISOString(),
      serverTime: at(60_000).toISOString(),
    });
    expect(talk.body.version).toBe(called.body.version + 1);

    server.clock.set(at(250_000));
    const questions = await press({ action: "questions" });
    expect(questions.body).toMatchObject({
      phase: "questions",
      phaseEndsAt: at(250_000 + 120_000).toISOString(),
    });
    // Over time: the end stays where it was; the screens count past it and turn red.
    server.clock.set(at(400_000));
    const late = (await new Client(server.url).get<StageState>(`${E}/stage`)).body;
    expect(late.phaseEndsAt).toBe(questions.body.phaseEndsAt);
    expect(Date.parse(late.serverTime)).toBeGreaterThan(Date.parse(late.phaseEndsAt!));

    const nextTeam = await press({ action: "next" });
    expect(nextTeam.body).toMatchObject({ phase: "ready", team: { name: "Team B" } });
    const back = await press({ action: "back" });
    expect(back.body).toMatchObject({ phase: "ready", team: { name: "Team A" } });
    const slots = (await view()).body.categories[0]!.slots;
    expect(slots.map((x) => [x.teamName, x.presented])).toEqual([
      ["Team A", true],
      ["Team B", false],
      ["Team C", false],
    ]);
    const stopped = await press({ action: "stop" });
    expect(stopped.body).toMatchObject({ phase: "idle", team: null, phaseEndsAt: null });
  });

  it("refuses a press that makes no sense now, or from a screen that is out of date, and changes nothing", async () => {
    const empty = await press({ action: "questions", categoryId: s.categoryId });
    expect(empty.status).toBe(409);
    expect(empty.body.type).toBe("/problems/invalid-stage-action");
    const noCategory = await press({ action: "next" });
    expect(noCategory.status).toBe(409);
    expect(noCategory.body.detail).toMatch(/Choose the category/);
    const called = await press({ action: "next", categoryId: s.categoryId });
    const stale = await press({ action: "next", version: called.body.version - 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toBe("/problems/stage-changed");
    for (const body of [
      { action: "dance" },
      { action: "next", version: -1 },
      { action: "next", categoryId: "nope" },
      { action: "next", extra: 1 },
    ]) {
      const res = await press(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const missing = await press({
      action: "next",
      categoryId: "00000000-0000-4000-8000-000000000000",
    });
    expect(missing.status).toBe(404);
    const now = (await new Client(server.url).get<StageState>(`${E}/stage`)).body;
    expect(now).toMatchObject({ version: called.body.version, team: { name: "Team A" } });
  });

  it("moves once when two organizers press next team together", async () => {
    const called = await press({ action: "next", categoryId: s.categoryId });
    const other = await new Client(server.url);
    await other.post("/api/session", {
      email: "organizer@example.com",
      password: "correct horse battery",
    });
    const [one, two] = await Promise.all([
      press({ action: "next", version: called.body.version }),
      press({ action: "next", version: called.body.version }, other),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    const now = (await new Client(server.url).get<StageState>(`${E}/stage`)).body;
    expect(now).toMatchObject({ team: { name: "Team B" }, version: called.body.version + 1 });
  });

  it("passes over a skipped team and reaches it once brought back", async () => {
    const [, b] = s.teams.map((t) => t.id);
    const skip = (skipped: boolean) =>
      s.organizer.request<PresentationsView & Problem>(
        "PUT",
        `${E}/presentations/${s.categoryId}/teams/${b}`,
        { skipped },
      );
    const skipped = await skip(true);
    expect(skipped.body.categories[0]!.slots.map((x) => x.skipped)).toEqual([false, true, false]);
    const first = await press({ action: "start", categoryId: s.categoryId });
    expect(first.body.upNext?.name).toBe("Team C");
    expect((await press({ action: "next" })).body.team?.name).toBe("Team C");
    await press({ action: "start" });
    await skip(false);
    const next = await press({ action: "next" });
    expect(next.body.team?.name).toBe("Team B");
    expect(next.body.remaining).toBe(0);
    const bad = await s.organizer.request<Problem>(
      "PUT",
      `${E}/presentations/${s.categoryId}/teams/${b}`,
      { skipped: "yes" },
    );
    expect(bad.status).toBe(400);
    const stranger = await s.organizer.request<Problem>(
      "PUT",
      `${E}/presentations/${s.categoryId}/teams/00000000-0000-4000-8000-000000000000`,
      { skipped: true },
    );
    expect(stranger.status).toBe(404);
  });

  it("lets a team present again after a false start, and refuses a change that says nothing", async () => {
    const [a] = s.teams.map((t) => t.id);
    const change = (body: unknown) =>
      s.organizer.request<PresentationsView & Problem>(
        "PUT",
        `${E}/presentations/${s.categoryId}/teams/${a}`,
        body,
      );
    await press({ action: "next", categoryId: s.categoryId });
    await press({ action: "start" });
    await press({ action: "stop" });
    const slotOf = (v: PresentationsView) => v.categories[0]!.slots.find((x) => x.teamId === a)!;
    expect(slotOf((await view()).body).presented).toBe(true);
    // Team A has presented, so "next team" calls Team B.
    expect((await press({ action: "next", categoryId: s.categoryId })).body.team?.name).toBe(
      "Team B",
    );
    await press({ action: "stop" });

    for (const bad of [{}, { presented: "no" }, { presented: false, extra: 1 }]) {
      const refused = await change(bad);
      expect(refused.status).toBe(400);
      expect(refused.body.type).toBe("/problems/validation");
    }
    expect(slotOf((await view()).body).presented).toBe(true);

    const cleared = await change({ presented: false });
    expect(cleared.status).toBe(200);
    expect(slotOf(cleared.body)).toMatchObject({ presented: false, skipped: false });
    expect((await press({ action: "next", categoryId: s.categoryId })).body.team?.name).toBe(
      "Team A",
    );
    // Both at once: skipped and marked as presented.
    const both = await change({ skipped: true, presented: true });
    expect(slotOf(both.body)).toMatchObject({ presented: true, skipped: true });
  });

  it("reads back exactly in a fresh instance after a restart, timer included", async () => {
    await press({ action: "start", categoryId: s.categoryId });
    const before = (await new Client(server.url).get<StageState>(`${E}/stage`)).body;
    // A fresh instance over the same database, as after a restart: the stage lives only there.
    const second = await createApplication({
      mailer: noMailer,
      passwords: testPasswords,
      db: server.database.db,
      dbKind: server.database.kind,
      logger: createLogger("silent"),
      now: server.clock.now,
    });
    await new Promise<void>((resolve) => second.server.listen(0, "127.0.0.1", resolve));
    const port = (second.server.address() as { port: number }).port;
    try {
      const after = await new Client(`http://127.0.0.1:${port}`).get<StageState>(`${E}/stage`);
      expect(after.body).toEqual(before);
    } finally {
      await second.close();
    }
  });
});

describe("stage pushes", () => {
  it("reach the display and a team on connect and on every change, and carry no scores", async () => {
    const { client: judge } = await s.judge("judge@example.com");
    const team = new Client(server.url);
    await team.post("/api/session", s.teams[1]!.contact);
    const display = connect(null);
    const teamSocket = connect(team.cookieValue);
    const organizerSocket = connect(s.organizer.cookieValue);
    const moved: string[] = [];
    organizerSocket.on("leaderboard:change", (change) => {
      for (const t of change.standings) if (t.judgeCount > 0) moved.push(t.teamId);
    });
    const heard: Record<string, StageState[]> = { display: [], team: [] };
    const leaked: string[] = [];
    for (const [name, socket] of [
      ["display", display],
      ["team", teamSocket],
    ] as const) {
      socket.on("stage", (state) => heard[name]!.push(state));
      for (const event of [
        "leaderboard",
        "leaderboard:change",
        "judging:progress",
        "judging:progress:change",
      ] as const)
        socket.on(event, () => leaked.push(`${name}:${event}`));
    }
    await Promise.all([display, teamSocket].map((x) => new Promise((r) => x.once("stage", r))));
    expect(heard.display![0]!.phase).toBe("idle");

    await press({ action: "start", categoryId: s.categoryId });
    const scores = Object.fromEntries(s.criteria.map((c) => [c.id, 5]));
    expect(
      (await judge.request("PUT", `/api/judging/scores/${s.teams[0]!.id}`, { scores })).status,
    ).toBe(200);
    await press({ action: "questions" });
    await press({ action: "next" });
    // The score save's push goes out after its answer; once the organizers have it, and a
    // sentinel pushed after it has reached both screens, nothing else is on its way to them.
    await expect.poll(() => moved).toContain(s.teams[0]!.id);
    const sentinel = Promise.all(
      [display, teamSocket].map((x) => new Promise((r) => x.once("announcement", r))),
    );
    await s.organizer.post(`${E}/announcements`, { text: "Sentinel" });
    await sentinel;

    for (const name of ["display", "team"]) {
      const states = heard[name]!;
      expect(states.map((x) => x.phase)).toEqual(["idle", "talk", "questions", "ready"]);
      expect(states.at(-1)!.team?.name).toBe("Team B");
      for (const state of states) {
        // Only names, titles and times: nothing a leaderboard could be rebuilt from.
        expect(JSON.stringify(state)).not.toMatch(/score|rank|judge|member|email/i);
      }
    }
    expect(leaked).toEqual([]);
  });

  it("tell the screens when a late check-in joins the end of the order and is up next", async () => {
    server.clock.set(DURING_REGISTRATION);
    const late = await new Client(server.url).post<{ team: TeamView }>(
      `${E}/teams`,
      buildTeam(s.categoryId, { name: "Team D", members: [buildMember()] }),
    );
    const team = late.body.team;
    await s.organizer.post(`${E}/teams/${team.id}/members/${team.members[0]!.id}/consent`, {
      method: "paper",
      photoConsent: false,
    });
    server.clock.set(DURING_JUDGING);

    const [, b, c] = s.teams.map((t) => t.id);
    await press({ action: "next", categoryId: s.categoryId });
    for (const id of [b, c])
      await s.organizer.request("PUT", `${E}/presentations/${s.categoryId}/teams/${id}`, {
        skipped: true,
      });
    const display = connect(null);
    const first = await new Promise<StageState>((r) => display.once("stage", r));
    expect(first).toMatchObject({ team: { name: "Team A" }, upNext: null, remaining: 0 });

    const heard = new Promise<StageState>((r) => display.once("stage", r));
    expect((await s.organizer.post(`${E}/teams/${team.id}/check-in`)).status).toBe(200);
    const pushed = await heard;
    expect(pushed).toMatchObject({
      version: first.version,
      team: { name: "Team A" },
      upNext: { name: "Team D" },
      remaining: 1,
    });
    expect(await order()).toEqual(["Team A", "Team B", "Team C", "Team D"]);
  });
});

describe("judges follow the stage", () => {
  it("shows the team on stage first, with scoring only for a judge who may score it", async () => {
    const { client: free } = await s.judge("free@example.com");
    const { client: teacher } = await s.judge("teacher@example.com", {
      schools: ["St Mary's High School"],
    });
    const [, b] = s.teams.map((t) => t.id);
    await s.organizer.request("PUT", `${E}/presentations/${s.categoryId}`, {
      teamIds: [b, s.teams[0]!.id, s.teams[2]!.id],
    });
    await press({ action: "start", categoryId: s.categoryId });

    type Home = { teams: AssignmentView[]; stage: JudgeStageView | null };
    const freeHome = (await free.get<Home>("/api/judging/assignments")).body;
    expect(freeHome.stage).toMatchObject({
      phase: "talk",
      team: { id: b, name: "Team B" },
      canScore: true,
    });
    const teacherHome = (await teacher.get<Home>("/api/judging/assignments")).body;
    expect(teacherHome.stage).toMatchObject({ team: { id: b }, canScore: false });
    expect(teacherHome.teams.map((t) => t.teamId)).not.toContain(b);
    // And the server refuses the score whatever the page shows.
    const scores = Object.fromEntries(s.criteria.map((c) => [c.id, 5]));
    const refused = await teacher.request<Problem>("PUT", `/api/judging/scores/${b}`, { scores });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe("/problems/conflict-of-interest");
    // Any assigned team can still be scored in any order.
    expect(
      (await teacher.request("PUT", `/api/judging/scores/${s.teams[2]!.id}`, { scores })).status,
    ).toBe(200);

    await press({ action: "stop" });
    expect((await free.get<Home>("/api/judging/assignments")).body.stage).toBeNull();
  });
});
