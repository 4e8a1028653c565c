/**
 * An organizer edits a judge (name, email, categories, declared schools) on the version they
 * saw; panels follow, and a card from a judge now conflicted stops counting.
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, events, judges, scores, users } from "../../server/db/schema";
import type { JudgeView, JudgingProgress, Leaderboard } from "../../shared/api";
import type { ServerToClientEvents } from "../../shared/events";
import {
  insertCategory,
  insertEvent,
  insertJudge,
  insertOrganizer,
  insertTeam,
  signedIn,
} from "../helpers/factories";
import type { Client } from "../helpers/http";
import { EVENT_TIMES, judgingScenario, type Scenario } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";
import { socketPool } from "../helpers/sockets";

type Problem = {
  type: string;
  detail: string;
  errors?: { path: string; message: string }[];
  current?: JudgeView;
};

let server: TestServer;
let s: Scenario;
let ann: Awaited<ReturnType<Scenario["judge"]>>;
const sockets = socketPool(() => server.url);
const E = "/api/events/hmj-2026";

beforeAll(async () => {
  server = await startTestServer({ rateLimits: false });
});
afterAll(() => server.close());
afterEach(() => sockets.closeAll());
beforeEach(async () => {
  await server.reset();
  // Team A from Oak School, Team B from Elm School; three judges sit on both panels.
  s = await judgingScenario(server, ["Oak School", "Elm School"]);
  ann = await s.judge("ann@example.com");
  await s.judge("bob@example.com");
  await s.judge("cat@example.com");
});

const db = () => server.database.db;
const judgeRow = async (id: string) =>
  (await db().select().from(judges).where(eq(judges.id, id)))[0]!;
const listed = async () =>
  (await s.organizer.get<{ judges: JudgeView[] }>(`${E}/judges`)).body.judges;
const annNow = async () => (await listed()).find((j) => j.id === ann.id)!;
const edit = (judgeId: string, body: unknown, as: Client = s.organizer) =>
  as.request<{ judge: JudgeView } & Problem>("PUT", `${E}/judges/${judgeId}`, body);
const annAs = (changes: Partial<JudgeView> = {}) => ({
  version: 1,
  name: "ann",
  email: "ann@example.com",
  schools: [] as string[],
  categoryIds: [s.categoryId],
  ...changes,
});
const progress = async () => (await s.organizer.get<JudgingProgress>(`${E}/judging/progress`)).body;
const panelOf = (p: JudgingProgress, teamId: string) =>
  p.cells
    .filter((c) => c.teamId === teamId)
    .map((c) => c.judgeId)
    .sort();
const standing = async (teamId: string) => {
  const board = (await s.organizer.get<Leaderboard>(`${E}/leaderboard`)).body;
  return board.categories.flatMap((c) => c.teams).find((t) => t.teamId === teamId)!;
};
const scoreAll = (judge: Client, teamId: string) =>
  judge.request("PUT", `/api/judging/scores/${teamId}`, {
    scores: Object.fromEntries(s.criteria.map((c) => [c.id, c.maxScore])),
  });

describe("editing a judge", () => {
  it("changes name, email and schools, bumping the version, audited with old and new", async () => {
    const res = await edit(
      ann.id,
      annAs({ name: "Ann Lee", email: "ann.lee@example.com", schools: ["Ash School"] }),
    );
    expect(res.status).toBe(200);
    expect(res.body.judge).toMatchObject({
      name: "Ann Lee",
      email: "ann.lee@example.com",
      schools: ["Ash School"],
      version: 2,
    });
    expect(await judgeRow(ann.id)).toMatchObject({ name: "Ann Lee", version: 2 });
    const [user] = await db().select().from(users).where(eq(users.id, ann.userId));
    expect(user).toMatchObject({ name: "Ann Lee", email: "ann.lee@example.com" });
    const entry = (await db().select().from(auditLog)).find((a) => a.action === "judge.edited");
    expect(entry?.actorId).toBeTruthy();
    expect(entry?.details).toMatchObject({
      judgeId: ann.id,
      old: { name: "ann", email: "ann@example.com", schools: [] },
      new: { name: "Ann Lee", email: "ann.lee@example.com", schools: ["Ash School"] },
    });
  });

  it("refuses a stale version with 409 row-changed and the judge as they are now", async () => {
    expect((await edit(ann.id, annAs({ name: "One" }))).status).toBe(200);
    const stale = await edit(ann.id, annAs({ name: "Two" }));
    expect(stale.status).toBe(409);
    expect(stale.body.type).toBe("/problems/row-changed");
    expect(stale.body.current).toMatchObject({ id: ann.id, name: "One", version: 2 });
    expect(await judgeRow(ann.id)).toMatchObject({ name: "One", version: 2 });
  });

  it("lets one of two organizers racing on one version win: one 200, one 409", async () => {
    const other = await signedIn(server.url, db(), await insertOrganizer(db()), server.clock.now());
    const answers = await Promise.all([
      edit(ann.id, annAs({ name: "From one" })),
      edit(ann.id, annAs({ name: "From two" }), other),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200)!.body.judge.name;
    expect(await judgeRow(ann.id)).toMatchObject({ name: winner, version: 2 });
    const edits = (await db().select().from(auditLog)).filter((a) => a.action === "judge.edited");
    expect(edits).toHaveLength(1);
  });

  it("refuses an email another account has with 409 email-taken, changing nothing", async () => {
    const res = await edit(ann.id, annAs({ name: "Ann Lee", email: "BOB@example.com" }));
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/problems/email-taken");
    expect(res.body.errors?.[0]?.path).toBe("email");
    expect(await judgeRow(ann.id)).toMatchObject({ name: "ann", version: 1 });
    const [user] = await db().select().from(users).where(eq(users.id, ann.userId));
    expect(user?.email).toBe("ann@example.com");
  });

  it("gives a new email to one of two judges asking for it at once; the other gets 409 email-taken", async () => {
    const bob = (await listed()).find((j) => j.name === "bob")!;
    const answers = await Promise.all([
      edit(ann.id, annAs({ email: "shared@example.com" })),
      edit(bob.id, {
        version: bob.version,
        name: bob.name,
        email: "shared@example.com",
        schools: bob.schools,
        categoryIds: bob.categoryIds,
      }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.body.type).toBe("/problems/email-taken");
    const holders = await db().select().from(users).where(eq(users.email, "shared@example.com"));
    expect(holders).toHaveLength(1);
  });

  it("answers 404 for a judge it doesn't know or of another event, and for an unknown category", async () => {
    const unknown = await edit("00000000-0000-4000-8000-000000000000", annAs());
    expect(unknown.status).toBe(404);
    const other = await insertEvent(db(), { slug: "other-2026", ...EVENT_TIMES });
    const otherCategory = await insertCategory(db(), other.id);
    const stranger = await insertJudge(db(), {
      eventId: other.id,
      categoryIds: [otherCategory.id],
    });
    expect((await edit(stranger.id, annAs())).status).toBe(404);
    const badCategory = await edit(ann.id, annAs({ categoryIds: [otherCategory.id] }));
    expect(badCategory.status).toBe(404);
    expect(badCategory.body.errors?.[0]?.path).toBe("categoryIds");
    expect((await annNow()).categoryIds).toEqual([s.categoryId]);
    expect(await judgeRow(ann.id)).toMatchObject({ version: 1 });
  });

  it("refuses bad input with 400 and field errors, changing nothing", async () => {
    const res = await edit(ann.id, {
      ...annAs(),
      name: "",
      email: "not an email",
      categoryIds: [],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.path).sort()).toEqual(["categoryIds", "email", "name"]);
    const noVersion = await edit(ann.id, { ...annAs(), version: undefined });
    expect(noVersion.status).toBe(400);
    expect(await judgeRow(ann.id)).toMatchObject({ name: "ann", version: 1 });
  });

  it("is for organizers only: a judge editing themself gets 403", async () => {
    const res = await edit(ann.id, annAs({ name: "Me" }), ann.client);
    expect(res.status).toBe(403);
    expect(await judgeRow(ann.id)).toMatchObject({ name: "ann", version: 1 });
  });
});

describe("panels after a judge edit", () => {
  it("a newly declared school takes the judge off that team only; their card there stops counting", async () => {
    const [teamA, teamB] = s.teams as [Scenario["teams"][0], Scenario["teams"][0]];
    expect((await scoreAll(ann.client, teamA.id)).status).toBe(200);
    const before = await progress();
    expect((await standing(teamA.id)).judgeCount).toBe(1);

    // Spelled differently from the member's school: compared by normalized name.
    const res = await edit(ann.id, annAs({ schools: ["  oak SCHOOL "] }));
    expect(res.status).toBe(200);
    const after = await progress();
    expect(panelOf(after, teamA.id)).toEqual(
      panelOf(before, teamA.id).filter((id) => id !== ann.id),
    );
    expect(panelOf(after, teamB.id)).toEqual(panelOf(before, teamB.id));
    // The scores stay stored; they no longer count, and she can't change them.
    const stored = await db().select().from(scores).where(eq(scores.judgeId, ann.id));
    expect(stored).toHaveLength(s.criteria.length);
    const board = await standing(teamA.id);
    expect(board.judgeCount).toBe(0);
    expect(board.score).toBeNull();
    const refused = await scoreAll(ann.client, teamA.id);
    expect(refused.status).toBe(403);

    // Taking the school off again puts her back in the free seat, and her card counts again.
    expect((await edit(ann.id, annAs({ version: 2, schools: [] }))).status).toBe(200);
    expect(panelOf(await progress(), teamA.id)).toContain(ann.id);
    expect((await standing(teamA.id)).judgeCount).toBe(1);
  });

  it("a category taken away takes the judge off its teams, and nothing else moves", async () => {
    const [event] = await db().select().from(events).where(eq(events.slug, "hmj-2026"));
    const apps = await insertCategory(db(), event!.id, { name: "Best App" });
    const appTeam = await insertTeam(db(), {
      eventId: event!.id,
      categoryId: apps.id,
      name: "Team App",
      members: [{ school: "Yew School" }],
    });
    expect((await edit(ann.id, annAs({ categoryIds: [s.categoryId, apps.id] }))).status).toBe(200);
    const before = await progress();
    expect(panelOf(before, appTeam.id)).toEqual([ann.id]);
    // She has started on Team App: the seat goes all the same.
    expect(
      (
        await ann.client.request("PUT", `/api/judging/scores/${appTeam.id}`, {
          scores: { [apps.criteria[0]!.id]: 1 },
        })
      ).status,
    ).toBe(200);

    const res = await edit(ann.id, annAs({ version: 2 }));
    expect(res.status).toBe(200);
    expect(res.body.judge.categoryIds).toEqual([s.categoryId]);
    const after = await progress();
    expect(panelOf(after, appTeam.id)).toEqual([]);
    for (const team of s.teams) expect(panelOf(after, team.id)).toEqual(panelOf(before, team.id));
  });

  it("tells every organizer's list of judges of an edit that changes only the email", async () => {
    const organizerSocket = sockets.connect(s.organizer.cookieValue);
    await new Promise((ok) => organizerSocket.once("stage", ok));
    const heard = new Promise<void>((ok) => organizerSocket.once("judges:changed", () => ok()));
    expect((await edit(ann.id, annAs({ email: "ann.new@example.com" }))).status).toBe(200);
    await heard;
    const listed = await s.organizer.get<{ judges: { id: string; email: string }[] }>(
      "/api/events/hmj-2026/judges",
    );
    expect(listed.body.judges.find((j) => j.id === ann.id)?.email).toBe("ann.new@example.com");
  });

  it("reaches the judge's page and the organizers' judging grid", async () => {
    const judgeSocket = sockets.connect(ann.client.cookieValue);
    const organizerSocket = sockets.connect(s.organizer.cookieValue);
    await Promise.all(
      [judgeSocket, organizerSocket].map((x) => new Promise((ok) => x.once("stage", ok))),
    );
    const heard = (socket: typeof judgeSocket, event: keyof ServerToClientEvents) =>
      new Promise((ok) => socket.once(event, ok as never));
    const judgeHears = heard(judgeSocket, "assignments:changed");
    const organizerHears = Promise.race([
      heard(organizerSocket, "judging:progress"),
      heard(organizerSocket, "judging:progress:change"),
    ]);
    expect((await edit(ann.id, annAs({ schools: ["Oak School"] }))).status).toBe(200);
    await Promise.all([judgeHears, organizerHears]);
    const teams = (
      await ann.client.get<{ teams: { teamId: string }[] }>("/api/judging/assignments")
    ).body.teams.map((t) => t.teamId);
    expect(teams).toEqual([s.teams[1]!.id]);
  });
});
