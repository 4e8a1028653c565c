import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rowsOf } from "../../server/db/migrate";
import { findEvent } from "../../server/services/events";
import {
  computeJudgingViews,
  judgingViewsFromScratch,
  readJudgingState,
  recordSavedCards,
  savePaths,
  saveScores,
} from "../../server/services/judging";
import type { TeamView } from "../../shared/api";
import type { ScoreSave } from "../../shared/schemas/judging";
import { buildMember, buildTeam } from "../helpers/factories";
import { Client } from "../helpers/http";
import {
  DURING_JUDGING,
  DURING_REGISTRATION,
  judgingScenario,
  type Scenario,
} from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";

// The leaderboard and the progress grid come from a judging state kept in memory per event
// and advanced by each score save. Whatever happens, they must equal a computation from
// scratch: these tests make writes of every kind and compare after each one.
let server: TestServer;
let s: Scenario;
let eventId: string;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  await server.reset();
  s = await judgingScenario(server, [
    "Oakwood Academy",
    "St Mary's High School",
    "Trinity High School",
  ]);
  eventId = (await findEvent(server.database.db, "hmj-2026")).id;
});

/** Scores for the first criteria, as many as values are given (fewer leaves a card unfinished). */
const scores = (values: number[]) =>
  Object.fromEntries(values.map((v, i) => [s.criteria[i]!.id, v]));
const put = (judge: Client, teamId: string, body: unknown) =>
  judge.request("PUT", `/api/judging/scores/${teamId}`, body);

async function expectSameAsFromScratch() {
  const db = server.database.db;
  const cached = await computeJudgingViews(db, eventId);
  const scratch = await judgingViewsFromScratch(db, eventId);
  expect(cached).toEqual(scratch);
  return cached;
}

describe("the cached judging state", () => {
  it("equals a computation from scratch after every kind of write", async () => {
    const db = server.database.db;
    const [teamA, teamB, teamC] = s.teams;
    const ann = await s.judge("ann@example.com");
    await expectSameAsFromScratch();

    // Saves advance the cached state in place rather than reading it again.
    const before = await readJudgingState(db, eventId);
    expect((await put(ann.client, teamA!.id, { scores: scores([7, 6, 4]) })).status).toBe(200);
    expect((await put(ann.client, teamB!.id, { scores: scores([5]) })).status).toBe(200);
    expect(await readJudgingState(db, eventId)).toBe(before);
    let views = await expectSameAsFromScratch();
    expect(views.progress.cells.find((c) => c.teamId === teamB!.id)?.state).toBe("in-progress");

    // A comment alone, then a changed score.
    await put(ann.client, teamA!.id, { scores: {}, comment: "Lovely idea" });
    await put(ann.client, teamA!.id, { scores: scores([8]) });
    await expectSameAsFromScratch();

    // A judge added: the state is read again, with them in it.
    const bob = await s.judge("bob@example.com", { schools: ["Trinity High School"] });
    expect(await readJudgingState(db, eventId)).not.toBe(before);
    views = await expectSameAsFromScratch();
    expect(views.progress.judges.map((j) => j.name).sort()).toEqual(["ann", "bob"]);
    await put(bob.client, teamA!.id, { scores: scores([3, 3, 3]) });
    await expectSameAsFromScratch();

    // A team signs up (not judged yet), then checks in.
    server.clock.set(DURING_REGISTRATION);
    const signUp = await new Client(server.url).post<{ team: TeamView }>(
      "/api/events/hmj-2026/teams",
      buildTeam(s.categoryId, {
        name: "Team D",
        members: [buildMember({ school: "Dale School" })],
      }),
    );
    const teamD = signUp.body.team;
    await expectSameAsFromScratch();
    for (const m of teamD.members) {
      await s.organizer.post(`/api/events/hmj-2026/teams/${teamD.id}/members/${m.id}/consent`, {
        method: "paper",
        photoConsent: false,
      });
    }
    await s.organizer.post(`/api/events/hmj-2026/teams/${teamD.id}/check-in`);
    server.clock.set(DURING_JUDGING);
    views = await expectSameAsFromScratch();
    expect(views.progress.teams.map((t) => t.teamName)).toContain("Team D");
    await put(ann.client, teamD.id, { scores: scores([9, 9, 9]) });
    await expectSameAsFromScratch();

    // The ranking mode switched, hand-picked teams, and back.
    await s.organizer.post(`/api/events/hmj-2026/categories/${s.categoryId}/ranking`, {
      normalized: true,
    });
    views = await expectSameAsFromScratch();
    await s.organizer.request("PUT", `/api/events/hmj-2026/judges/${bob.id}/assignments`, {
      teamIds: [teamA!.id, teamB!.id],
    });
    await expectSameAsFromScratch();
    await put(bob.client, teamB!.id, { scores: scores([4, 4, 4]) });
    await expectSameAsFromScratch();
    await s.organizer.post(`/api/events/hmj-2026/categories/${s.categoryId}/ranking`, {
      normalized: false,
    });
    await expectSameAsFromScratch();

    // Writes that bypass the application entirely are seen too (the triggers, not the code).
    await db.execute(sql`UPDATE criteria SET weight = 3 WHERE id = ${s.criteria[0]!.id}`);
    await expectSameAsFromScratch();
    await db.execute(sql`UPDATE teams SET name = 'Team Renamed' WHERE id = ${teamC!.id}`);
    views = await expectSameAsFromScratch();
    expect(views.progress.teams.map((t) => t.teamName)).toContain("Team Renamed");
    await db.execute(sql`DELETE FROM judges WHERE id = ${bob.id}`);
    await expectSameAsFromScratch();

    // The lock.
    await s.organizer.post("/api/events/hmj-2026/scoring/lock");
    views = await expectSameAsFromScratch();
    expect(views.leaderboard.locked).toBe(true);
  });

  it("writes a save in one statement while the cached state is current, and locks otherwise", async () => {
    const db = server.database.db;
    const [teamA, teamB, teamC] = s.teams;
    const ann = await s.judge("ann@example.com");
    const taken = () => ({ ...savePaths });
    const since = (before: typeof savePaths) => ({
      oneStatement: savePaths.oneStatement - before.oneStatement,
      locked: savePaths.locked - before.locked,
    });

    // The judge's first save finds out who they are, with the events row locked.
    let mark = taken();
    expect((await put(ann.client, teamA!.id, { scores: scores([7, 6, 4]) })).status).toBe(200);
    expect(since(mark)).toEqual({ oneStatement: 0, locked: 1 });
    await readJudgingState(db, eventId);

    // Then each save is one statement, and the state stays what the tables say.
    mark = taken();
    for (const [team, values] of [
      [teamB!, [5, 5, 5]],
      [teamA!, [8, 6, 4]],
      [teamC!, [2]],
    ] as const)
      expect((await put(ann.client, team.id, { scores: scores([...values]) })).status).toBe(200);
    expect(
      (
        await put(ann.client, teamA!.id, {
          scores: {},
          comment: "Great demo",
          idempotencyKey: "ann-a-comment-1",
        })
      ).status,
    ).toBe(200);
    expect(since(mark)).toEqual({ oneStatement: 4, locked: 0 });
    const views = await expectSameAsFromScratch();
    expect(views.progress.cells.find((c) => c.teamId === teamC!.id)?.state).toBe("in-progress");

    // A replayed key is answered from the first save, by the locked path, writing nothing.
    mark = taken();
    const replay = await put(ann.client, teamA!.id, {
      scores: {},
      comment: "Great demo",
      idempotencyKey: "ann-a-comment-1",
    });
    expect(replay.status).toBe(200);
    expect(since(mark)).toEqual({ oneStatement: 0, locked: 1 });
    const logged = await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM score_log WHERE new_comment = 'Great demo'`,
    );
    expect(rowsOf<{ n: number }>(logged)[0]?.n).toBe(1);

    // A write behind the state's back (a weight changed in the database): the one statement
    // sees the events row moved on and writes nothing; the locked path saves against the truth.
    await db.execute(sql`UPDATE criteria SET weight = 3 WHERE id = ${s.criteria[0]!.id}`);
    mark = taken();
    expect((await put(ann.client, teamB!.id, { scores: scores([6, 5, 5]) })).status).toBe(200);
    expect(since(mark)).toEqual({ oneStatement: 0, locked: 1 });
    await expectSameAsFromScratch();

    // A refusal is explained by the locked path: after the lock, no statement writes.
    await readJudgingState(db, eventId);
    await s.organizer.post("/api/events/hmj-2026/scoring/lock");
    const refused = await ann.client.request<{ type: string }>(
      "PUT",
      `/api/judging/scores/${teamC!.id}`,
      { scores: scores([3, 3, 3]) },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe("/problems/scoring-locked");
    const stored = await db.execute(sql`SELECT value FROM scores WHERE team_id = ${teamC!.id}`);
    expect(rowsOf<{ value: number }>(stored).map((r) => r.value)).toEqual([2]);
    await expectSameAsFromScratch();
  });

  it("keeps every racing save, planned one after another from the state", async () => {
    const db = server.database.db;
    const judges = [
      await s.judge("ann@example.com"),
      await s.judge("bob@example.com"),
      await s.judge("cat@example.com"),
    ];
    for (const judge of judges)
      expect((await put(judge.client, s.teams[0]!.id, { scores: scores([1]) })).status).toBe(200);
    await readJudgingState(db, eventId);
    const before = { ...savePaths };
    // Every judge scores every team, twice over, all at once: 18 saves in flight.
    const saves = judges.flatMap((judge, j) =>
      [0, 1].flatMap((round) =>
        s.teams.map((team, t) => ({ judge, team, values: [1 + ((j + t + round) % 9), 5, 5] })),
      ),
    );
    const answers = await Promise.all(
      saves.map(({ judge, team, values }) =>
        put(judge.client, team.id, { scores: scores(values) }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(saves.map(() => 200));
    const oneStatement = savePaths.oneStatement - before.oneStatement;
    const locked = savePaths.locked - before.locked;
    expect(oneStatement + locked).toBe(saves.length);
    expect(oneStatement).toBeGreaterThan(saves.length / 2);
    // Each card holds the scores of the save answered last for it.
    const lastVersion = new Map<string, { version: number; scores: Record<string, number> }>();
    answers.forEach((a, i) => {
      const body = a.body as { version: number; scores: Record<string, number> };
      const key = `${saves[i]!.judge.id}:${saves[i]!.team.id}`;
      if ((lastVersion.get(key)?.version ?? 0) < body.version) lastVersion.set(key, body);
    });
    const stored = rowsOf<{
      judge_id: string;
      team_id: string;
      criterion_id: string;
      value: number;
    }>(await db.execute(sql`SELECT judge_id, team_id, criterion_id, value FROM scores`));
    for (const [key, card] of lastVersion) {
      const [judgeId, teamId] = key.split(":");
      const mine = stored.filter((r) => r.judge_id === judgeId && r.team_id === teamId);
      expect(Object.fromEntries(mine.map((r) => [r.criterion_id, r.value]))).toEqual(card.scores);
    }
    await expectSameAsFromScratch();
  });

  it("writes the saves queued behind a statement together, each answered as its own", async () => {
    const db = server.database.db;
    const [teamA, teamB, teamC] = s.teams;
    const ann = await s.judge("ann@example.com");
    const bob = await s.judge("bob@example.com");
    const cat = await s.judge("cat@example.com");
    // Each judge's first save finds out who they are.
    for (const judge of [ann, bob, cat])
      expect((await put(judge.client, teamA!.id, { scores: scores([1]) })).status).toBe(200);
    await readJudgingState(db, eventId);
    const before = { ...savePaths };
    const now = server.clock.now();
    const save = (judge: { userId: string }, teamId: string, input: ScoreSave) =>
      saveScores(db, { userId: judge.userId, teamId, input, now });
    // Called in one go: the first statement takes every save queued in this turn, but the
    // second save of a card, which waits for the statement after it.
    const results = await Promise.allSettled([
      save(ann, teamA!.id, { scores: scores([4, 4, 4]) }),
      save(ann, teamB!.id, { scores: scores([5, 5, 5]) }),
      save(bob, teamB!.id, { scores: scores([6]), idempotencyKey: "bob-b-first-save" }),
      // The same card again: planned from the one before, so in the statement after it.
      save(bob, teamB!.id, { scores: scores([7]) }),
      // Refused: answered by the locked path, and the others still written together.
      save(cat, teamC!.id, { scores: { [s.criteria[0]!.id]: 99 } }),
      save(cat, teamA!.id, { scores: scores([2, 2, 2]) }),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
    ]);
    const refusal = results[4] as PromiseRejectedResult;
    expect(refusal.reason).toMatchObject({ slug: "validation" });
    expect({
      oneStatement: savePaths.oneStatement - before.oneStatement,
      statements: savePaths.statements - before.statements,
      locked: savePaths.locked - before.locked,
    }).toEqual({ oneStatement: 5, statements: 2, locked: 1 });
    const answers = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    // The saves of a statement share its record; each answer is its own card.
    expect(new Set([0, 1, 2, 4].map((i) => answers[i]!.record))).toHaveLength(1);
    expect(answers[3]!.record).not.toBe(answers[0]!.record);
    expect(answers.map((a) => [a.saved.teamId, a.saved.version])).toEqual([
      [teamA!.id, 2],
      [teamB!.id, 1],
      [teamB!.id, 1],
      [teamB!.id, 2],
      [teamA!.id, 2],
    ]);
    expect(answers[3]!.saved.scores).toEqual(scores([7]));
    // Nothing stored for the refused save; the rest as answered, and the log has every change.
    const stored = rowsOf<{ n: number }>(
      await db.execute(sql`SELECT count(*)::int AS n FROM scores WHERE team_id = ${teamC!.id}`),
    );
    expect(stored[0]?.n).toBe(0);
    const logged = rowsOf<{ n: number }>(
      await db.execute(
        sql`SELECT count(*)::int AS n FROM score_log WHERE judge_id = ${bob.id} AND team_id = ${teamB!.id}`,
      ),
    );
    expect(logged[0]?.n).toBe(2);
    await expectSameAsFromScratch();
    // The key kept with the batch answers a replay with the first answer, writing nothing.
    const replay = await put(bob.client, teamB!.id, {
      scores: scores([6]),
      idempotencyKey: "bob-b-first-save",
    });
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ version: 1, scores: scores([6]) });
  });

  it("keeps a state a reader took between a save's commit and the save's own record of it", async () => {
    const db = server.database.db;
    const [teamA] = s.teams;
    const ann = await s.judge("ann@example.com");
    const before = await readJudgingState(db, eventId);
    expect((await put(ann.client, teamA!.id, { scores: scores([7, 6, 4]) })).status).toBe(200);
    const current = await readJudgingState(db, eventId);
    // The save's record arriving late, after the reader: the state already holds its card.
    const card = [...current.cards.values()].find(
      (c) => c.judgeId === ann.id && c.teamId === teamA!.id,
    )!;
    expect(
      recordSavedCards(db, eventId, {
        before: before.key === current.key ? "an-older-key" : before.key,
        after: { key: current.key, version: current.context.scoresVersion },
        cards: [card],
      }),
    ).toBe(true);
    expect(await readJudgingState(db, eventId)).toBe(current);
    await expectSameAsFromScratch();
  });

  it("checks a save against a conflict declared behind the application's back", async () => {
    const ann = await s.judge("ann@example.com");
    const teamA = s.teams[0]!;
    expect((await put(ann.client, teamA.id, { scores: scores([1, 1, 1]) })).status).toBe(200);
    await readJudgingState(server.database.db, eventId);
    await server.database.db.execute(
      sql`INSERT INTO judge_schools (judge_id, school_id)
          SELECT judges.id, members.school_id FROM judges, members
          WHERE judges.id = ${ann.id} AND members.team_id = ${teamA.id}`,
    );
    const refused = await ann.client.request<{ type: string }>(
      "PUT",
      `/api/judging/scores/${teamA.id}`,
      { scores: scores([2, 2, 2]) },
    );
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe("/problems/conflict-of-interest");
    await expectSameAsFromScratch();
  });
});
