import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type {
  AssignmentView,
  JudgingProgress,
  Leaderboard,
  LeaderboardChange,
  ScoreSaved,
} from "../../shared/api";
import { applyLeaderboardChange } from "../../shared/rules/judgingViews";
import { Client } from "../helpers/http";
import { judgingScenario, type Scenario } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";
import { socketPool } from "../helpers/sockets";

let server: TestServer;
const sockets = socketPool(() => server.url);
const connect = sockets.connect;
let s: Scenario;

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

const full = (values: number[] = [7, 6, 4]) =>
  Object.fromEntries(s.criteria.map((c, i) => [c.id, values[i]!]));
const put = (judge: Client, teamId: string, body: unknown) =>
  judge.request<ScoreSaved & { type?: string; errors?: { path: string }[] }>(
    "PUT",
    `/api/judging/scores/${teamId}`,
    body,
  );

describe("who may score whom", () => {
  it("offers a judge every checked-in team of their categories except their declared schools", async () => {
    const { client } = await s.judge("teacher@example.com", {
      schools: ["Saint Marys High School"],
    });
    const res = await client.get<{ teams: AssignmentView[] }>("/api/judging/assignments");
    expect(res.body.teams.map((t) => t.teamName)).toEqual(["Team A", "Team C"]);
    expect(res.body.teams[0]!.criteria.map((c) => c.name)).toEqual([
      "Innovation",
      "Technical",
      "Presentation",
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/Lovelace|dateOfBirth|guardian/);
  });

  it("refuses a conflicted team with 403 conflict-of-interest and writes nothing", async () => {
    const { client } = await s.judge("teacher@example.com", {
      schools: ["St. Mary's High School"],
    });
    const res = await put(client, s.teams[1]!.id, { scores: full() });
    expect(res.status).toBe(403);
    expect(res.body.type).toBe("/problems/conflict-of-interest");
    const log = await s.organizer.get<{ log: unknown[] }>("/api/events/hmj-2026/scores/log");
    expect(log.body.log).toEqual([]);
  });

  it("refuses a team outside the judge's categories with 403 not-assigned", async () => {
    const other = await s.organizer.post<{ category: { id: string } }>(
      "/api/events/hmj-2026/categories",
      {
        name: "Other",
        singleSchool: false,
        criteria: [{ name: "Fun", weight: 1, maxScore: 5 }],
      },
    );
    const { client } = await s.judge("other@example.com", {
      categoryIds: [other.body.category.id],
    });
    const res = await put(client, s.teams[0]!.id, { scores: full() });
    expect(res.status).toBe(403);
    expect(res.body.type).toBe("/problems/not-assigned");
  });

  it("with hand-picked teams, a judge scores exactly those", async () => {
    const { client, id } = await s.judge("picked@example.com");
    const assigned = await s.organizer.request(
      "PUT",
      `/api/events/hmj-2026/judges/${id}/assignments`,
      { teamIds: [s.teams[2]!.id] },
    );
    expect(assigned.status).toBe(200);
    const res = await client.get<{ teams: AssignmentView[] }>("/api/judging/assignments");
    expect(res.body.teams.map((t) => t.teamName)).toEqual(["Team C"]);
    expect((await put(client, s.teams[0]!.id, { scores: full() })).status).toBe(403);
    expect((await put(client, s.teams[2]!.id, { scores: full() })).status).toBe(200);
  });

  it("refuses to hand a judge a team from a school they declared", async () => {
    const { id } = await s.judge("teacher@example.com", { schools: ["Oakwood Academy"] });
    const res = await s.organizer.request("PUT", `/api/events/hmj-2026/judges/${id}/assignments`, {
      teamIds: [s.teams[0]!.id],
    });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ type: "/problems/conflict-of-interest" });
  });

  it("shows coverage and the teams nobody can judge", async () => {
    await s.judge("teacher@example.com", { schools: ["Oakwood Academy"] });
    const progress = await s.organizer.get<JudgingProgress>(
      "/api/events/hmj-2026/judging/progress",
    );
    expect(progress.body.unjudgeable).toEqual([s.teams[0]!.id]);
    expect(progress.body.teams.map((t) => t.judges)).toEqual([0, 1, 1]);
  });
});

describe("saving scores", () => {
  let judge: Client;
  beforeEach(async () => {
    judge = (await s.judge("judge@example.com")).client;
  });

  it("saves a card, then a change, logging who, when, old and new", async () => {
    const first = await put(judge, s.teams[0]!.id, {
      scores: full([7, 6, 4]),
      comment: "Lovely idea",
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 1, complete: true, comment: "Lovely idea" });
    const second = await put(judge, s.teams[0]!.id, { scores: { [s.criteria[0]!.id]: 9 } });
    expect(second.body).toMatchObject({
      version: 2,
      scores: full([9, 6, 4]),
      comment: "Lovely idea",
    });
    const log = await s.organizer.get<{
      log: {
        criterionName: string | null;
        oldValue: number | null;
        newValue: number | null;
        judgeName: string;
      }[];
    }>("/api/events/hmj-2026/scores/log");
    expect(log.body.log[0]).toMatchObject({
      criterionName: "Innovation",
      oldValue: 7,
      newValue: 9,
      judgeName: "judge",
    });
    expect(log.body.log).toHaveLength(5); // 3 scores + comment, then 1 change
  });

  it("keeps a partial card in progress, out of the totals", async () => {
    await put(judge, s.teams[0]!.id, { scores: { [s.criteria[0]!.id]: 5 } });
    const board = await s.organizer.get<Leaderboard>("/api/events/hmj-2026/leaderboard");
    const teamA = board.body.categories[0]!.teams.find((t) => t.teamName === "Team A")!;
    expect(teamA).toMatchObject({ score: null, judgeCount: 0, inProgress: 1, rank: null });
  });

  it.each<[string, () => unknown, () => string]>([
    [
      "an unknown criterion",
      () => ({ scores: { "00000000-0000-4000-8000-000000000000": 3 } }),
      () => "scores.00000000-0000-4000-8000-000000000000",
    ],
    [
      "a non-integer",
      () => ({ scores: { [s.criteria[0]!.id]: 2.5 } }),
      () => `scores.${s.criteria[0]!.id}`,
    ],
    [
      "a negative score",
      () => ({ scores: { [s.criteria[0]!.id]: -1 } }),
      () => `scores.${s.criteria[0]!.id}`,
    ],
    [
      "a score above the criterion's maximum",
      () => ({ scores: { [s.criteria[2]!.id]: 6 } }),
      () => `scores.${s.criteria[2]!.id}`,
    ],
    [
      "a string score",
      () => ({ scores: { [s.criteria[0]!.id]: "7" } }),
      () => `scores.${s.criteria[0]!.id}`,
    ],
    ["an unknown key", () => ({ scores: {}, bonus: 1 }), () => "body"],
    [
      "a criterion id that is not a uuid",
      () => ({ scores: { innovation: 3 } }),
      () => "scores.innovation",
    ],
  ])("refuses %s with 400 validation and writes nothing", async (_label, build, pathOf) => {
    const res = await put(judge, s.teams[0]!.id, build());
    expect(res.status).toBe(400);
    expect(res.body.type).toBe("/problems/validation");
    expect(res.body.errors?.map((e) => e.path)).toContain(pathOf());
    const log = await s.organizer.get<{ log: unknown[] }>("/api/events/hmj-2026/scores/log");
    expect(log.body.log).toEqual([]);
  });

  it("answers a replay of the same idempotency key with the first answer and writes once", async () => {
    const body = { scores: full(), idempotencyKey: "save-0001-abcdef" };
    const first = await put(judge, s.teams[0]!.id, body);
    const again = await put(judge, s.teams[0]!.id, { ...body, scores: full([1, 1, 1]) });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const log = await s.organizer.get<{ log: unknown[] }>("/api/events/hmj-2026/scores/log");
    expect(log.body.log).toHaveLength(3);
    const mine = await judge.get<{ teams: AssignmentView[] }>("/api/judging/assignments");
    expect(mine.body.teams[0]!.myScores).toEqual(full());
  });

  it("writes once when the same keyed save races itself", async () => {
    const body = { scores: full(), idempotencyKey: "race-key-123456" };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => put(judge, s.teams[0]!.id, body)),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(results.map((r) => r.body.version))).toEqual(new Set([1]));
    const log = await s.organizer.get<{ log: unknown[] }>("/api/events/hmj-2026/scores/log");
    expect(log.body.log).toHaveLength(3);
  });

  it("keeps one row per judge, team and criterion when two judges and two saves race", async () => {
    const other = (await s.judge("second@example.com")).client;
    await Promise.all([
      put(judge, s.teams[0]!.id, { scores: full([5, 5, 5]) }),
      put(judge, s.teams[0]!.id, { scores: full([6, 6, 5]) }),
      put(other, s.teams[0]!.id, { scores: full([8, 8, 4]) }),
    ]);
    const board = await s.organizer.get<Leaderboard>("/api/events/hmj-2026/leaderboard");
    expect(board.body.categories[0]!.teams.find((t) => t.teamName === "Team A")!.judgeCount).toBe(
      2,
    );
    const rows = await server.database.db.query.scores.findMany();
    expect(rows).toHaveLength(6);
  });

  it("refuses saves after the lock with 409 scoring-locked", async () => {
    await put(judge, s.teams[0]!.id, { scores: full() });
    expect((await s.organizer.post("/api/events/hmj-2026/scoring/lock")).status).toBe(200);
    const res = await put(judge, s.teams[0]!.id, { scores: full([1, 1, 1]) });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/problems/scoring-locked");
    const ranking = await s.organizer.post(
      `/api/events/hmj-2026/categories/${s.categoryId}/ranking`,
      { normalized: true },
    );
    expect(ranking.status).toBe(409);
  });
});

describe("secrecy", () => {
  it("only organizers read totals; judges see only their own scores", async () => {
    const { client: judge } = await s.judge("judge@example.com");
    const { client: other } = await s.judge("other@example.com");
    await put(other, s.teams[0]!.id, { scores: full([1, 1, 1]) });
    expect((await judge.get("/api/events/hmj-2026/leaderboard")).status).toBe(403);
    expect((await judge.get("/api/events/hmj-2026/scores/log")).status).toBe(403);
    expect((await new Client(server.url).get("/api/events/hmj-2026/leaderboard")).status).toBe(401);
    const team = new Client(server.url);
    await team.post("/api/session", s.teams[0]!.contact);
    expect((await team.get("/api/events/hmj-2026/leaderboard")).status).toBe(403);
    expect(
      (await team.request("PUT", `/api/judging/scores/${s.teams[1]!.id}`, { scores: full() }))
        .status,
    ).toBe(403);
    const mine = await judge.get<{ teams: AssignmentView[] }>("/api/judging/assignments");
    expect(mine.body.teams[0]!.myScores).toEqual({});
  });

  it("pushes the leaderboard to organizers only, never to a team's or the display's socket", async () => {
    const { client: judge } = await s.judge("judge@example.com");
    const team = new Client(server.url);
    await team.post("/api/session", s.teams[0]!.contact);
    const display = connect(null);
    const teamSocket = connect(team.cookieValue);
    const judgeSocket = connect(judge.cookieValue);
    const org = connect(s.organizer.cookieValue);
    const leaked: string[] = [];
    for (const [name, socket] of [
      ["display", display],
      ["team", teamSocket],
      ["judge", judgeSocket],
    ] as const) {
      for (const event of [
        "leaderboard",
        "leaderboard:change",
        "judging:progress",
        "judging:progress:change",
      ] as const)
        socket.on(event, () => leaked.push(`${name}:${event}`));
    }
    // The organizer's screen: the snapshot, then each change applied to it.
    let board: Leaderboard | null = null;
    const changes: LeaderboardChange[] = [];
    org.on("leaderboard", (b) => {
      board = b;
    });
    org.on("leaderboard:change", (change) => {
      changes.push(change);
      board = board && applyLeaderboardChange(board, change);
    });
    await Promise.all(
      [display, teamSocket, judgeSocket, org].map((x) => new Promise((r) => x.once("clock", r))),
    );
    await expect.poll(() => board).not.toBeNull();
    await put(judge, s.teams[0]!.id, { scores: full([10, 10, 5]) });
    await put(judge, s.teams[1]!.id, { scores: full([5, 5, 2]) });
    const wanted = (await s.organizer.get<Leaderboard>("/api/events/hmj-2026/leaderboard")).body;
    await expect.poll(() => board?.version).toBe(wanted.version);
    expect(board).toEqual(wanted);
    expect(board!.categories[0]!.teams.slice(0, 2).map((t) => [t.teamName, t.rank])).toEqual([
      ["Team A", 1],
      ["Team B", 2],
    ]);
    // Each change names only the teams it moved: the saved team and the judge's other teams.
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) expect(change.standings.length).toBeLessThanOrEqual(2);
    // A sentinel every screen hears after anything pushed before it: nothing else arrived.
    const heard = Promise.all(
      [display, teamSocket, judgeSocket].map((x) => new Promise((r) => x.once("announcement", r))),
    );
    await s.organizer.post("/api/events/hmj-2026/announcements", { text: "Sentinel" });
    await heard;
    expect(leaked).toEqual([]);
  });
});
