import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { members, prizes } from "../../server/db/schema";
import { findEvent } from "../../server/services/events";
import { saveScores } from "../../server/services/judging";
import { resolveSchool } from "../../server/services/schools";
import type {
  Award,
  CeremonyPlan,
  CeremonyState,
  RevealedAward,
  SchoolView,
} from "../../shared/api";
import { stateAfterReveal } from "../../shared/rules/ceremony";
import { Client } from "../helpers/http";
import { judgingScenario, type Scenario } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";
import { drained, socketPool, type TestSocket } from "../helpers/sockets";

let server: TestServer;
const sockets = socketPool(() => server.url);
const display = (): TestSocket => sockets.connect();
let s: Scenario;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
afterEach(() => sockets.closeAll());

const full = (values: number[]) => Object.fromEntries(s.criteria.map((c, i) => [c.id, values[i]!]));
const next = () =>
  s.organizer.post<{ award: Award; type?: string }>("/api/events/hmj-2026/ceremony/next");
const results = () =>
  new Client(server.url).get<{ awards: Award[]; finished: boolean }>(
    "/api/events/hmj-2026/results",
  );

/**
 * Four teams scored A > B > C > D by two judges, with prizes for 1st to 3rd. The ceremony is
 * what these tests are about: the scores are saved by the service, not over HTTP.
 */
async function scoredEvent(scoresByTeam: number[][]) {
  s = await judgingScenario(server, [
    "Oakwood Academy",
    "St Mary's High School",
    "Trinity High School",
    "Xaverian College",
  ]);
  const db = server.database.db;
  const { id: eventId } = await findEvent(db, "hmj-2026");
  const places: [number, string, string | null][] = [
    [1, "Aqua Zorbing experience day", "Aqua Zorbing"],
    [2, "Group paintballing", "FARM"],
    [3, "Raspberry Pi kits", null],
  ];
  await db.insert(prizes).values(
    places.map(([place, title, sponsor]) => ({
      eventId,
      categoryId: s.categoryId,
      place,
      title,
      sponsor,
    })),
  );
  for (const email of ["j1@example.com", "j2@example.com"]) {
    const { userId } = await s.judge(email);
    for (const [i, values] of scoresByTeam.entries())
      await saveScores(db, {
        userId,
        teamId: s.teams[i]!.id,
        input: { scores: full(values) },
        now: server.clock.now(),
      });
  }
}

/**
 * Locks scoring and waits until the screens have been told: the lock pushes the ceremony's
 * state (what each category gives) after its answer, so a screen connected in between would
 * hear it after its own first state.
 */
async function lock() {
  const probe = display();
  await new Promise((r) => probe.once("ceremony:state", r));
  const told = new Promise((r) => probe.once("ceremony:state", r));
  expect((await s.organizer.post("/api/events/hmj-2026/scoring/lock")).status).toBe(200);
  await told;
  probe.disconnect();
}

describe("the ceremony", () => {
  beforeEach(async () => {
    await server.reset();
    await scoredEvent([
      [10, 10, 5],
      [8, 8, 4],
      [6, 6, 3],
      [2, 2, 1],
    ]);
  });

  it("shows a team its own award on its page once revealed, and not before", async () => {
    const winner = new Client(server.url);
    await winner.post("/api/session", s.teams[0]!.contact);
    const mine = async () =>
      (await winner.get<{ awards: Award[]; project: unknown }>("/api/teams/me")).body;
    await lock();
    expect((await mine()).awards).toEqual([]);
    // 3rd and 2nd go to other teams; the winner's page still shows nothing.
    await next();
    await next();
    expect((await mine()).awards).toEqual([]);
    await next();
    expect((await mine()).awards).toEqual([
      expect.objectContaining({
        place: 1,
        prize: "Aqua Zorbing experience day",
        teamName: "Team A",
      }),
    ]);
    expect((await mine()).project).toBeNull();
  });

  it("prints one school name for a team whose members spelled it three ways", async () => {
    const db = server.database.db;
    const { id: eventId } = await findEvent(db, "hmj-2026");
    // Team A's school is "Oakwood Academy"; two more members spell it their own ways.
    for (const [firstName, school] of [
      ["Ola", "OAKWOOD ACADEMY!"],
      ["Ben", "Oakwood Acad."],
    ] as const)
      await db.insert(members).values({
        teamId: s.teams[0]!.id,
        firstName,
        schoolId: await resolveSchool(db, eventId, school),
        consentStatus: "given",
      });
    const listed = await s.organizer.get<{ schools: SchoolView[] }>(
      "/api/events/hmj-2026/schools/summary",
    );
    const idOf = (name: string) => listed.body.schools.find((x) => x.name === name)!.id;
    const merged = await s.organizer.post(
      `/api/events/hmj-2026/schools/${idOf("Oakwood Acad.")}/merge`,
      { intoId: idOf("Oakwood Academy") },
    );
    expect(merged.status).toBe(200);
    await lock();
    await next();
    await next();
    const winner = await next();
    expect(winner.body.award).toMatchObject({ teamName: "Team A", school: "Oakwood Academy" });
    const shown = (await results()).body.awards.find((a) => a.teamName === "Team A");
    expect(shown?.school).toBe("Oakwood Academy");
  });

  it("refuses to reveal before scoring is locked", async () => {
    const res = await next();
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/problems/scoring-not-locked");
  });

  it("reveals 3rd, 2nd, 1st, then refuses with ceremony-finished; results hold only what was revealed", async () => {
    await lock();
    expect((await results()).body).toEqual({ awards: [], finished: false });
    const plan = await s.organizer.get<CeremonyPlan>("/api/events/hmj-2026/ceremony");
    expect(plan.body.awards.map((a) => [a.place, a.team?.name])).toEqual([
      [3, "Team C"],
      [2, "Team B"],
      [1, "Team A"],
    ]);
    expect(plan.body.scoresHash).toMatch(/^[0-9a-f]{64}$/);

    const third = await next();
    expect(third.body.award).toEqual({
      categoryId: s.categoryId,
      category: "Best Game",
      place: 3,
      prize: "Raspberry Pi kits",
      sponsor: null,
      teamName: "Team C",
      school: "Trinity High School",
      projectTitle: null,
    });
    expect((await results()).body.awards.map((a) => a.teamName)).toEqual(["Team C"]);
    expect(JSON.stringify((await results()).body)).not.toMatch(/Team A|Team B/);
    expect((await next()).body.award.teamName).toBe("Team B");
    const first = await next();
    expect(first.body.award).toMatchObject({
      place: 1,
      teamName: "Team A",
      prize: "Aqua Zorbing experience day",
      sponsor: "Aqua Zorbing",
    });
    const done = await results();
    expect(done.body.finished).toBe(true);
    expect(done.body.awards.map((a) => a.place)).toEqual([3, 2, 1]);
    const over = await next();
    expect(over.status).toBe(409);
    expect(over.body.type).toBe("/problems/ceremony-finished");
  });

  it("counts the awards each category gives, not the prizes planned, for the title card", async () => {
    // A fifth place with four teams: nobody can win it, so it is not given.
    const { id: eventId } = await findEvent(server.database.db, "hmj-2026");
    await server.database.db
      .insert(prizes)
      .values({ eventId, categoryId: s.categoryId, place: 5, title: "Stickers", sponsor: null });
    const before = display();
    const empty = await new Promise<CeremonyState>((r) => before.once("ceremony:state", r));
    expect(empty.toGive).toEqual([]);
    await lock();
    const screen = display();
    const state = await new Promise<CeremonyState>((r) => screen.once("ceremony:state", r));
    expect(state.toGive).toEqual([{ categoryId: s.categoryId, count: 3 }]);
    const plan = await s.organizer.get<CeremonyPlan>("/api/events/hmj-2026/ceremony");
    expect(plan.body.state.toGive).toEqual(state.toGive);
  });

  it("never tells a screen an award before it is revealed, and a late screen catches up", async () => {
    await lock();
    const early = display();
    const seen: string[] = [];
    early.on("ceremony:state", (state) => seen.push(JSON.stringify(state)));
    early.on("ceremony:reveal", (award) => seen.push(JSON.stringify(award)));
    await new Promise((r) => early.once("ceremony:state", r));
    expect(seen.join()).not.toMatch(/Team [ABCD]/);

    const reveal = new Promise<Award>((r) => early.once("ceremony:reveal", r));
    await next();
    expect((await reveal).teamName).toBe("Team C");
    await drained(early);
    expect(seen.join()).toContain("Team C");
    expect(seen.join()).not.toMatch(/Team A|Team B/);

    const late = display();
    const state = await new Promise<CeremonyState>((r) => late.once("ceremony:state", r));
    expect(state).toMatchObject({ started: true, finished: false });
    expect(state.revealed.map((a) => a.teamName)).toEqual(["Team C"]);
  });

  it("sends each reveal once, carrying enough for a screen to fold it into the state a new screen gets", async () => {
    await lock();
    const screen = display();
    let state = await new Promise<CeremonyState>((r) => screen.once("ceremony:state", r));
    const pushed: string[] = [];
    screen.on("ceremony:state", () => pushed.push("state"));
    screen.on("ceremony:reveal", (award) => pushed.push(`reveal ${award.teamName}`));
    for (let i = 0; i < 3; i++) {
      // Blank between awards, as an organizer would: a state push the screen takes as it is.
      const blanked = new Promise<CeremonyState>((r) => screen.once("ceremony:state", r));
      await s.organizer.post("/api/events/hmj-2026/ceremony/screen", { start: true, blank: true });
      state = await blanked;
      const reveal = new Promise<RevealedAward>((r) => screen.once("ceremony:reveal", r));
      await next();
      state = stateAfterReveal(state, await reveal) ?? state;
      const fresh = display();
      expect(await new Promise<CeremonyState>((r) => fresh.once("ceremony:state", r))).toEqual(
        state,
      );
    }
    expect(state).toMatchObject({ finished: true, blank: false, started: true });
    // One state push per blanking, none with the reveals, and each reveal once.
    await drained(screen);
    expect(pushed).toEqual([
      "state",
      "reveal Team C",
      "state",
      "reveal Team B",
      "state",
      "reveal Team A",
    ]);
  });

  it("blanks the display between awards, and a reveal unblanks it", async () => {
    await lock();
    const screen = display();
    await new Promise((r) => screen.once("ceremony:state", r));
    const blanked = new Promise<CeremonyState>((r) => screen.once("ceremony:state", r));
    expect(
      (await s.organizer.post("/api/events/hmj-2026/ceremony/screen", { start: true, blank: true }))
        .status,
    ).toBe(200);
    expect(await blanked).toMatchObject({ started: true, blank: true, revealed: [] });
    await next();
    const state = await new Client(server.url).get<{ awards: Award[] }>(
      "/api/events/hmj-2026/results",
    );
    expect(state.body.awards).toHaveLength(1);
    const plan = await s.organizer.get<CeremonyPlan>("/api/events/hmj-2026/ceremony");
    expect(plan.body.state.blank).toBe(false);
  });

  it("keeps the ceremony for organizers", async () => {
    await lock();
    const { client: judge } = await s.judge("late@example.com");
    expect((await judge.post("/api/events/hmj-2026/ceremony/next")).status).toBe(403);
    expect((await judge.get("/api/events/hmj-2026/ceremony")).status).toBe(403);
    expect((await new Client(server.url).post("/api/events/hmj-2026/ceremony/next")).status).toBe(
      401,
    );
    expect((await new Client(server.url).get("/api/events/hmj-2026/certificates")).status).toBe(
      401,
    );
    expect((await results()).body.awards).toEqual([]);
  });

  it("exports the results as CSV and certificate data for organizers", async () => {
    await lock();
    await next();
    const csv = await s.organizer.get<string>("/api/events/hmj-2026/exports/results.csv");
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect(csv.body.split("\r\n")[1]).toMatch(
      /^"Best Game","1","no","Team A","Oakwood Academy","","100\.00"/,
    );
    // Certificates name awards once the category's results are final (tests/integration/certificates.test.ts).
    await next();
    await next();
    const certs = await s.organizer.get<{
      teams: { teamName: string; award: unknown }[];
    }>("/api/events/hmj-2026/certificates");
    expect(certs.body.teams).toHaveLength(4);
    expect(certs.body.teams.find((t) => t.teamName === "Team C")!.award).toEqual({
      place: 3,
      prize: "Raspberry Pi kits",
      sponsor: null,
    });
    expect(certs.body.teams.find((t) => t.teamName === "Team D")!.award).toBeNull();
  });
});

describe("shared places", () => {
  beforeEach(async () => {
    await server.reset();
    // B and C tie on everything.
    await scoredEvent([
      [10, 10, 5],
      [6, 6, 3],
      [6, 6, 3],
      [2, 2, 1],
    ]);
    await lock();
  });

  it("flags the shared place and refuses to reveal until the organizer decides", async () => {
    const plan = await s.organizer.get<CeremonyPlan>("/api/events/hmj-2026/ceremony");
    const shared = plan.body.awards.filter((a) => a.team === null);
    expect(shared.map((a) => a.place).sort()).toEqual([2, 3]);
    expect(shared[0]!.candidates.map((c) => c.name).sort()).toEqual(["Team B", "Team C"]);
    const refused = await next();
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe("/problems/ties-unresolved");

    const second = shared.find((a) => a.place === 2)!;
    const wrong = await s.organizer.post(`/api/events/hmj-2026/awards/${second.id}/team`, {
      teamId: s.teams[0]!.id,
    });
    expect(wrong.status).toBe(400);
    const decided = await s.organizer.post<CeremonyPlan>(
      `/api/events/hmj-2026/awards/${second.id}/team`,
      { teamId: s.teams[2]!.id },
    );
    expect(decided.status).toBe(200);
    expect(decided.body.awards.map((a) => [a.place, a.team?.name])).toEqual([
      [3, "Team B"],
      [2, "Team C"],
      [1, "Team A"],
    ]);
    expect((await next()).body.award.teamName).toBe("Team B");
  });
});
