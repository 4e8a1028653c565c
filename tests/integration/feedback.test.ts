import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AssignmentView, FeedbackOverview, ScoreSaved, TeamFeedback } from "../../shared/api";
import { Client } from "../helpers/http";
import { judgingScenario, type Scenario } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";
import { socketPool } from "../helpers/sockets";

type Problem = { type?: string; detail?: string; errors?: { path: string; message: string }[] };
let server: TestServer;
const sockets = socketPool(() => server.url);
let s: Scenario;
let judges: Client[];
let team: Client;
const E = "/api/events/hmj-2026";

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
afterEach(() => sockets.closeAll());
beforeEach(async () => {
  await server.reset();
  s = await judgingScenario(server, ["Oakwood Academy", "St Mary's High School"]);
  await s.organizer.post(`${E}/prizes`, { categoryId: s.categoryId, place: 1, title: "Robot kit" });
  judges = [(await s.judge("ada@example.com")).client, (await s.judge("grace@example.com")).client];
  team = new Client(server.url);
  await team.post("/api/session", s.teams[0]!.contact);
});

const scores = (v: number) => Object.fromEntries(s.criteria.map((c) => [c.id, v]));
const save = (judge: Client, teamId: string, body: Record<string, unknown>) =>
  judge.request<ScoreSaved & Problem>("PUT", `/api/judging/scores/${teamId}`, {
    scores: scores(5),
    ...body,
  });
const feedback = () => team.get<TeamFeedback & Problem>("/api/teams/me/feedback");
async function finishCeremony() {
  expect((await s.organizer.post(`${E}/scoring/lock`)).status).toBe(200);
  expect((await s.organizer.post(`${E}/ceremony/screen`, { start: true })).status).toBe(200);
  expect((await s.organizer.post(`${E}/ceremony/next`)).status).toBe(200);
}

describe("comments on a score card", () => {
  it("keeps a comment per criterion and an overall one, each shared or for organizers only", async () => {
    const [innovation, technical] = s.criteria;
    const saved = await save(judges[0]!, s.teams[0]!.id, {
      comment: "A lovely idea, well explained.",
      commentShared: false,
      criterionComments: {
        [innovation!.id]: { text: "  Nobody has built this before!  " },
        [technical!.id]: { text: "The code needs tests.", shared: false },
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      comment: "A lovely idea, well explained.",
      commentShared: false,
      criterionComments: {
        [innovation!.id]: { text: "Nobody has built this before!", shared: true },
        [technical!.id]: { text: "The code needs tests.", shared: false },
      },
    });
    // Leaving a comment out keeps it; "" removes it; the flag can change alone.
    const changed = await save(judges[0]!, s.teams[0]!.id, {
      criterionComments: { [technical!.id]: { text: "", shared: true } },
      commentShared: true,
    });
    expect(changed.body.criterionComments).toEqual({
      [innovation!.id]: { text: "Nobody has built this before!", shared: true },
    });
    expect(changed.body.commentShared).toBe(true);
    const home = await judges[0]!.get<{ teams: AssignmentView[] }>("/api/judging/assignments");
    const card = home.body.teams.find((t) => t.teamId === s.teams[0]!.id)!;
    expect(card.myCriterionComments).toEqual(changed.body.criterionComments);
    expect(card.myCommentShared).toBe(true);
    // Every change is in the organizer's score log, including who may read a comment.
    type Entry = {
      criterionName: string | null;
      oldValue: number | null;
      newComment: string | null;
      oldShared: boolean | null;
      newShared: boolean | null;
    };
    const log = await s.organizer.get<{ log: Entry[] }>(`${E}/scores/log`);
    const comments = log.body.log
      .filter((l) => l.oldValue === null && (l.newComment !== null || l.oldShared !== null))
      .map((l) => [l.criterionName, l.newComment, l.oldShared, l.newShared]);
    expect(comments).toEqual([
      // Newest first: the second save removed one comment and shared the overall one.
      ["Technical", null, false, null],
      [null, "A lovely idea, well explained.", false, true],
      ["Technical", "The code needs tests.", null, false],
      ["Innovation", "Nobody has built this before!", null, true],
      [null, "A lovely idea, well explained.", null, false],
    ]);
  });

  it("refuses a comment on another category's criterion, too long, or with a bad flag, and saves nothing", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        { criterionComments: { "00000000-0000-4000-8000-000000000000": { text: "Hi" } } },
        "criterionComments.00000000-0000-4000-8000-000000000000",
      ],
      [
        { criterionComments: { [s.criteria[0]!.id]: { text: "x".repeat(501) } } },
        `criterionComments.${s.criteria[0]!.id}.text`,
      ],
      [
        { criterionComments: { [s.criteria[0]!.id]: { text: "Hi", shared: "yes" } } },
        `criterionComments.${s.criteria[0]!.id}.shared`,
      ],
      [
        { criterionComments: { [s.criteria[0]!.id]: "Hi" } },
        `criterionComments.${s.criteria[0]!.id}`,
      ],
      [{ commentShared: "no" }, "commentShared"],
    ];
    for (const [body, path] of cases) {
      const res = await save(judges[0]!, s.teams[0]!.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.type).toBe("/problems/validation");
      expect(res.body.errors?.map((e) => e.path)).toContain(path);
    }
    const home = await judges[0]!.get<{ teams: AssignmentView[] }>("/api/judging/assignments");
    expect(home.body.teams[0]!.myScores).toEqual({});
    expect(home.body.teams[0]!.myCriterionComments).toEqual({});
  });
});

describe("releasing feedback", () => {
  beforeEach(async () => {
    const [innovation, technical] = s.criteria;
    await save(judges[0]!, s.teams[0]!.id, {
      comment: "Brilliant teamwork.",
      criterionComments: {
        [innovation!.id]: { text: "Original!" },
        [technical!.id]: { text: "Ada thinks the judges argued about this.", shared: false },
      },
    });
    await save(judges[1]!, s.teams[0]!.id, {
      comment: "Grace: keep this between organizers.",
      commentShared: false,
      criterionComments: { [technical!.id]: { text: "Clean code." } },
    });
    await save(judges[1]!, s.teams[1]!.id, { scores: scores(2), comment: "For Team B only." });
  });

  it("shows a team nothing before release, and refuses release before the ceremony is over", async () => {
    const before = await feedback();
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ released: false, teamName: "Team A", cards: [] });
    expect(JSON.stringify(before.body)).not.toMatch(/Brilliant|Original|Clean/);
    const early = await s.organizer.post<Problem>(`${E}/feedback/release`);
    expect(early.status).toBe(409);
    expect(early.body.type).toBe("/problems/ceremony-not-finished");
    expect((await s.organizer.post(`${E}/scoring/lock`)).status).toBe(200);
    expect((await s.organizer.post(`${E}/feedback/release`)).status).toBe(409);
    expect((await feedback()).body.released).toBe(false);
  });

  it("after the ceremony shows each team only its shared comments, without judge names", async () => {
    await finishCeremony();
    const display = sockets.connect();
    await new Promise((r) => display.once("clock", r));
    const heard = new Promise<{ releasedAt: string }>((r) => display.once("feedback:released", r));

    for (const who of [team, ...judges]) {
      expect((await who.post(`${E}/feedback/release`)).status).toBe(403);
    }
    const released = await s.organizer.post<{ releasedAt: string }>(`${E}/feedback/release`);
    expect(released.status).toBe(200);
    expect((await heard).releasedAt).toBe(released.body.releasedAt);
    // Releasing again changes nothing.
    const again = await s.organizer.post<{ releasedAt: string }>(`${E}/feedback/release`);
    expect(again.body.releasedAt).toBe(released.body.releasedAt);

    const mine = (await feedback()).body;
    expect(mine).toMatchObject({
      released: true,
      eventName: expect.any(String),
      teamName: "Team A",
    });
    const cards = mine.cards.map((c) => ({
      label: c.label,
      overall: c.overall,
      criteria: c.criteria.map((k) => [k.criterionName, k.text]),
    }));
    expect(cards).toHaveLength(2);
    expect(cards.map((c) => c.label)).toEqual(["Judge 1", "Judge 2"]);
    expect(cards).toContainEqual({
      label: expect.any(String),
      overall: "Brilliant teamwork.",
      criteria: [["Innovation", "Original!"]],
    });
    expect(cards).toContainEqual({
      label: expect.any(String),
      overall: null,
      criteria: [["Technical", "Clean code."]],
    });
    const text = JSON.stringify(mine);
    expect(text).not.toMatch(/ada|grace|argued|between organizers|Team B only/i);
    expect(text).not.toMatch(/"(score|scores|rank|judgeId)"/);

    // The organizer sees everything, with names, before and after release.
    const all = await s.organizer.get<FeedbackOverview>(`${E}/feedback`);
    expect(all.body.releasedAt).toBe(released.body.releasedAt);
    const teamA = all.body.teams.find((t) => t.teamName === "Team A")!;
    expect(teamA.comments).toContainEqual({
      judgeId: expect.any(String),
      criterionId: null,
      judgeName: "grace",
      criterionName: null,
      text: "Grace: keep this between organizers.",
      shared: false,
    });
    expect((await team.get(`${E}/feedback`)).status).toBe(403);
    expect((await judges[0]!.get("/api/teams/me/feedback")).status).toBe(403);
  });
});
