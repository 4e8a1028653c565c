import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AssignmentView, JudgingProgress, SubmissionView, TeamView } from "../../shared/api";
import { buildMember, buildTeam } from "../helpers/factories";
import { Client } from "../helpers/http";
import { DURING_REGISTRATION, judgingScenario, type Scenario } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";

// Judging panels: the app gives each checked-in team its judges (docs/design.md section 3,
// Judging and panels).
let server: TestServer;
let s: Scenario;
const E = "/api/events/hmj-2026";

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  await server.reset();
});

const progress = async () => (await s.organizer.get<JudgingProgress>(`${E}/judging/progress`)).body;
const panelOf = (p: JudgingProgress, teamId: string) =>
  p.cells.filter((c) => c.teamId === teamId).map((c) => c.judgeId);
const loads = (p: JudgingProgress) => p.judges.map((j) => j.assigned);
const setPanels = (judgesPerTeam: unknown) =>
  s.organizer.request<JudgingProgress>("PUT", `${E}/judging/panels`, { judgesPerTeam });

/** Signs up a team from a school and records paper consent; checks it in unless told not to. */
async function addTeam(name: string, school: string, checkIn = true) {
  const now = server.clock.now();
  server.clock.set(DURING_REGISTRATION);
  const res = await new Client(server.url).post<{ team: TeamView }>(
    `${E}/teams`,
    buildTeam(s.categoryId, { name, members: [buildMember({ school })] }),
  );
  server.clock.set(now);
  const team = res.body.team;
  for (const m of team.members)
    await s.organizer.post(`${E}/teams/${team.id}/members/${m.id}/consent`, {
      method: "paper",
      photoConsent: false,
    });
  if (checkIn) expect((await s.organizer.post(`${E}/teams/${team.id}/check-in`)).status).toBe(200);
  return team.id;
}

describe("judging panels", () => {
  it("gives each team checked in three judges of its category, evenly, never one with a conflict", async () => {
    s = await judgingScenario(server, []);
    const judges = [];
    for (const name of ["ann", "bob", "cat", "dan", "eve"])
      judges.push(
        await s.judge(`${name}@example.com`, { schools: name === "ann" ? ["Oak School"] : [] }),
      );
    const teams = [];
    for (const [i, school] of [
      "Oak School",
      "Elm School",
      "Ash School",
      "Oak School",
      "Elm School",
      "Yew School",
    ].entries())
      teams.push(await addTeam(`Team ${i}`, school));
    const p = await progress();
    expect(p.judgesPerTeam).toBe(3);
    for (const teamId of teams) expect(panelOf(p, teamId)).toHaveLength(3);
    // Ann declared Oak School: never on an Oak team's panel.
    for (const teamId of [teams[0]!, teams[3]!])
      expect(panelOf(p, teamId)).not.toContain(judges[0]!.id);
    expect(Math.max(...loads(p)) - Math.min(...loads(p))).toBeLessThanOrEqual(1);
    expect(p.unjudgeable).toEqual([]);
  });

  it("moves no one's work when a judge arrives late, and fills the free places", async () => {
    s = await judgingScenario(server, ["Oak School", "Elm School", "Ash School"]);
    await s.judge("ann@example.com");
    await s.judge("bob@example.com");
    const before = await progress();
    // Two judges for a panel of three: every team is a judge short.
    for (const t of s.teams) expect(panelOf(before, t.id)).toHaveLength(2);
    expect(before.teams.every((t) => t.judges === 2)).toBe(true);
    const cat = await s.judge("cat@example.com");
    const after = await progress();
    for (const t of s.teams) {
      expect(panelOf(after, t.id)).toEqual(expect.arrayContaining(panelOf(before, t.id)));
      expect(panelOf(after, t.id)).toContain(cat.id);
    }
    // A fourth judge finds every panel full: nothing moves to them.
    const dan = await s.judge("dan@example.com");
    const full = await progress();
    expect(full.cells).toEqual(after.cells);
    expect(full.judges.find((j) => j.judgeId === dan.id)?.assigned).toBe(0);
  });

  it("shows a judge their panel only, and refuses a team off it", async () => {
    s = await judgingScenario(server, []);
    expect((await setPanels(1)).status).toBe(200);
    const ann = await s.judge("ann@example.com");
    const bob = await s.judge("bob@example.com");
    for (const school of ["Oak School", "Elm School", "Ash School", "Yew School"])
      await addTeam(`Team ${school}`, school);
    const p = await progress();
    const mine = p.cells.filter((c) => c.judgeId === ann.id).map((c) => c.teamId);
    expect(mine).toHaveLength(2);
    const list = await ann.client.get<{ teams: AssignmentView[] }>("/api/judging/assignments");
    expect(list.body.teams.map((t) => t.teamId).sort()).toEqual([...mine].sort());
    const theirs = p.cells.find((c) => c.judgeId === bob.id)!.teamId;
    const scores = Object.fromEntries(s.criteria.map((c) => [c.id, 1]));
    const refused = await ann.client.request("PUT", `/api/judging/scores/${theirs}`, { scores });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ type: "/problems/not-assigned" });
    // Projects too: a judge sees the submissions of their panel only.
    const subs = await ann.client.get<{ submissions: SubmissionView[] }>(`${E}/submissions`);
    for (const sub of subs.body.submissions) expect(mine).toContain(sub.teamId);
  });

  it("refuses a panel size that is not a whole number from 1 to 10, and changes nothing", async () => {
    s = await judgingScenario(server, ["Oak School"]);
    await s.judge("ann@example.com");
    const judge = (await s.judge("bob@example.com")).client;
    const before = await progress();
    for (const bad of [0, 11, 2.5, "3", null, -1]) {
      const res = await setPanels(bad);
      expect(res.status, String(bad)).toBe(400);
      expect(res.body).toMatchObject({ type: "/problems/validation" });
    }
    const extra = await s.organizer.request("PUT", `${E}/judging/panels`, {
      judgesPerTeam: 2,
      everyone: true,
    });
    expect(extra.status).toBe(400);
    expect((await s.organizer.request("PUT", `${E}/judging/panels`, {})).status).toBe(400);
    // Only organizers.
    expect((await judge.request("PUT", `${E}/judging/panels`, { judgesPerTeam: 2 })).status).toBe(
      403,
    );
    const anonymous = new Client(server.url);
    expect(
      (await anonymous.request("PUT", `${E}/judging/panels`, { judgesPerTeam: 2 })).status,
    ).toBe(401);
    expect(await progress()).toEqual(before);
  });

  it("keeps work already started when the panel size comes down", async () => {
    s = await judgingScenario(server, ["Oak School", "Elm School"]);
    const ann = await s.judge("ann@example.com");
    const bob = await s.judge("bob@example.com");
    const cat = await s.judge("cat@example.com");
    const [first] = s.teams;
    // Cat starts scoring the first team; then panels shrink to one judge.
    const score = { [s.criteria[0]!.id]: 3 };
    expect(
      (await cat.client.request("PUT", `/api/judging/scores/${first!.id}`, { scores: score }))
        .status,
    ).toBe(200);
    expect((await setPanels(1)).status).toBe(200);
    const p = await progress();
    expect(p.judgesPerTeam).toBe(1);
    expect(panelOf(p, first!.id)).toEqual([cat.id]);
    for (const t of s.teams) expect(panelOf(p, t.id)).toHaveLength(1);
    // Back up to three: the places are filled again.
    expect((await setPanels(3)).status).toBe(200);
    for (const t of s.teams)
      expect(panelOf(await progress(), t.id).sort()).toEqual([ann.id, bob.id, cat.id].sort());
  });

  it("counts a hand-picked judge's teams in the panels, and gives them back", async () => {
    s = await judgingScenario(server, ["Oak School", "Elm School", "Ash School"]);
    expect((await setPanels(1)).status).toBe(200);
    const ann = await s.judge("ann@example.com");
    const bob = await s.judge("bob@example.com");
    const picked = await s.organizer.request<JudgingProgress>(
      "PUT",
      `${E}/judges/${bob.id}/assignments`,
      { teamIds: s.teams.map((t) => t.id) },
    );
    expect(picked.status).toBe(200);
    // Bob has every team by hand; Ann's automatic places are no longer needed.
    expect(picked.body.judges.find((j) => j.judgeId === bob.id)).toMatchObject({
      handPicked: true,
      assigned: 3,
    });
    expect(picked.body.cells.every((c) => c.judgeId === bob.id && c.manual)).toBe(true);
    const back = await s.organizer.request<JudgingProgress>(
      "PUT",
      `${E}/judges/${bob.id}/assignments`,
      {
        teamIds: [],
      },
    );
    expect(back.body.judges.find((j) => j.judgeId === bob.id)?.handPicked).toBe(false);
    for (const t of s.teams) expect(panelOf(back.body, t.id)).toHaveLength(1);
    expect(back.body.cells.some((c) => c.judgeId === ann.id)).toBe(true);
  });

  it("keeps the load even when teams check in at the same moment", async () => {
    s = await judgingScenario(server, []);
    expect((await setPanels(1)).status).toBe(200);
    for (const name of ["ann", "bob", "cat"]) await s.judge(`${name}@example.com`);
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push(await addTeam(`Racer ${i}`, `School ${i}`, false));
    const answers = await Promise.all(
      ids.map((id) => s.organizer.post(`${E}/teams/${id}/check-in`)),
    );
    expect(answers.map((a) => a.status)).toEqual(ids.map(() => 200));
    const p = await progress();
    for (const id of ids) expect(panelOf(p, id)).toHaveLength(1);
    expect(loads(p).sort()).toEqual([2, 2, 2]);
  });

  it("evens out the load when asked, keeping the teams a judge has started", async () => {
    s = await judgingScenario(
      server,
      ["A1", "A2", "A3", "A4", "A5", "A6"].map((x) => `${x} School`),
    );
    expect((await setPanels(1)).status).toBe(200);
    // Invited after every team checked in: Ann, first, takes every place.
    const ann = await s.judge("ann@example.com");
    const bob = await s.judge("bob@example.com");
    const cat = await s.judge("cat@example.com");
    expect(loads(await progress())).toEqual([6, 0, 0]);
    // Ann has started one team: that one stays hers.
    const started = s.teams[0]!.id;
    await ann.client.request("PUT", `/api/judging/scores/${started}`, {
      scores: { [s.criteria[0]!.id]: 2 },
    });
    expect((await bob.client.request("POST", `${E}/judging/panels/even-out`)).status).toBe(403);
    expect((await new Client(server.url).post(`${E}/judging/panels/even-out`)).status).toBe(401);
    expect(loads(await progress())).toEqual([6, 0, 0]);
    const res = await s.organizer.post<{ moved: number; progress: JudgingProgress }>(
      `${E}/judging/panels/even-out`,
    );
    expect(res.status).toBe(200);
    expect(res.body.moved).toBe(4);
    const p = await progress();
    expect(loads(p)).toEqual([2, 2, 2]);
    expect(panelOf(p, started)).toEqual([ann.id]);
    expect(p.cells.filter((c) => c.judgeId === cat.id)).toHaveLength(2);
    // Even already: asking again moves nothing.
    const again = await s.organizer.post<{ moved: number }>(`${E}/judging/panels/even-out`);
    expect(again.body.moved).toBe(0);
  });
});
