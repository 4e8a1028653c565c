import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  auditLog,
  commentModerationLog,
  commentModerations,
  criterionComments,
  members,
  scoreCards,
  teams,
  users,
} from "../../server/db/schema";
import { resolveSchool } from "../../server/services/schools";
import type {
  AssignmentView,
  CommentModerationEntry,
  FeedbackComment,
  FeedbackOverview,
  ScoreSaved,
  TeamFeedback,
} from "../../shared/api";
import { teamNameKey } from "../../shared/rules/names";
import { buildCategory } from "../helpers/factories";
import { Client } from "../helpers/http";
import { testPasswords } from "../helpers/passwords";
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
    // Judge names as whole words: an id (hex) may hold the letters "ada".
    expect(text).not.toMatch(/\b(ada|grace)\b|argued|between organizers|Team B only/i);
    expect(text).not.toMatch(/"(score|scores|rank|judgeId)"/);

    // The organizer sees everything, with names, before and after release.
    const all = await s.organizer.get<FeedbackOverview>(`${E}/feedback`);
    expect(all.body.categories.map((c) => c.releasedAt)).toEqual([released.body.releasedAt]);
    const teamA = all.body.categories[0]!.teams.find((t) => t.teamName === "Team A")!;
    expect(teamA.comments).toContainEqual({
      judgeId: expect.any(String),
      criterionId: null,
      judgeName: "grace",
      criterionName: null,
      text: "Grace: keep this between organizers.",
      original: "Grace: keep this between organizers.",
      shared: false,
      hidden: false,
      edited: false,
      version: 0,
      changedBy: null,
      changedAt: null,
    });
    expect((await team.get(`${E}/feedback`)).status).toBe(403);
    expect((await judges[0]!.get("/api/teams/me/feedback")).status).toBe(403);
  });
});

describe("changing comments before teams read them", () => {
  let innovation: string;
  let technical: string;
  const moderate = (who: Client, change: Record<string, unknown>) =>
    who.patch<{ comment: FeedbackComment } & Problem>(`${E}/feedback/comments`, change);
  const overview = async () => (await s.organizer.get<FeedbackOverview>(`${E}/feedback`)).body;
  const commentsOf = async (teamName: string) =>
    (await overview()).categories.flatMap((c) => c.teams).find((t) => t.teamName === teamName)!
      .comments;
  const log = async () =>
    (await s.organizer.get<{ log: CommentModerationEntry[] }>(`${E}/feedback/log`)).body.log;
  let ada: string;
  let grace: string;

  beforeEach(async () => {
    [innovation, technical] = s.criteria.map((c) => c.id) as [string, string];
    await save(judges[0]!, s.teams[0]!.id, {
      comment: "Brilliant teamwork.",
      criterionComments: {
        [innovation]: { text: "Original!" },
        [technical]: { text: "Ada thinks the judges argued about this.", shared: false },
      },
    });
    await save(judges[1]!, s.teams[0]!.id, { comment: "Grace liked the colours." });
    const comments = await commentsOf("Team A");
    ada = comments.find((c) => c.judgeName === "ada")!.judgeId;
    grace = comments.find((c) => c.judgeName === "grace")!.judgeId;
  });

  it("refuses a change before scoring is locked with 409 scoring-not-locked, changing nothing", async () => {
    const res = await moderate(s.organizer, {
      teamId: s.teams[0]!.id,
      judgeId: ada,
      criterionId: innovation,
      version: 0,
      hidden: true,
    });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/problems/scoring-not-locked");
    expect(await server.database.db.select().from(commentModerations)).toEqual([]);
    expect(await log()).toEqual([]);
  });

  it("hides and rewords comments: the team reads the organizer's words, the judge's own stay and the log keeps both", async () => {
    expect((await s.organizer.post(`${E}/scoring/lock`)).status).toBe(200);
    server.clock.set(new Date("2026-03-15T15:00:00Z"));
    const hidden = await moderate(s.organizer, {
      teamId: s.teams[0]!.id,
      judgeId: ada,
      criterionId: innovation,
      version: 0,
      hidden: true,
    });
    expect(hidden.status).toBe(200);
    expect(hidden.body.comment).toMatchObject({
      text: "Original!",
      original: "Original!",
      hidden: true,
      edited: false,
      version: 1,
      changedBy: "Organizer",
      changedAt: "2026-03-15T15:00:00.000Z",
    });
    const edited = await moderate(s.organizer, {
      teamId: s.teams[0]!.id,
      judgeId: ada,
      criterionId: null,
      version: 0,
      text: "  Brilliant teamwork, and a clear demo. ",
    });
    expect(edited.status).toBe(200);
    expect(edited.body.comment).toMatchObject({
      text: "Brilliant teamwork, and a clear demo.",
      original: "Brilliant teamwork.",
      edited: true,
      hidden: false,
      version: 1,
    });

    await finishCeremony();
    expect((await s.organizer.post(`${E}/feedback/release`)).status).toBe(200);
    const mine = (await feedback()).body;
    const text = JSON.stringify(mine);
    expect(text).toContain("Brilliant teamwork, and a clear demo.");
    expect(text).toContain("Grace liked the colours.");
    expect(text).not.toMatch(/Original!|"Brilliant teamwork\."/);

    // The judge's own words are untouched on the score card.
    const [card] = await server.database.db
      .select({ comment: scoreCards.comment })
      .from(scoreCards)
      .where(eq(scoreCards.judgeId, ada));
    expect(card?.comment).toBe("Brilliant teamwork.");
    const [criterion] = await server.database.db
      .select({ text: criterionComments.text })
      .from(criterionComments)
      .where(eq(criterionComments.criterionId, innovation));
    expect(criterion?.text).toBe("Original!");

    expect(await log()).toEqual([
      {
        at: "2026-03-15T15:00:00.000Z",
        action: "edited",
        teamName: "Team A",
        judgeName: "ada",
        criterionName: null,
        judgeText: "Brilliant teamwork.",
        oldText: "Brilliant teamwork.",
        newText: "Brilliant teamwork, and a clear demo.",
        by: "Organizer",
      },
      {
        at: "2026-03-15T15:00:00.000Z",
        action: "hidden",
        teamName: "Team A",
        judgeName: "ada",
        criterionName: "Innovation",
        judgeText: "Original!",
        oldText: "Original!",
        newText: null,
        by: "Organizer",
      },
    ]);
    const audits = (await server.database.db.select().from(auditLog)).filter(
      (a) => a.action === "feedback.comment-changed",
    );
    expect(audits.map((a) => (a.details as { changes: string[] }).changes)).toEqual([
      ["hidden"],
      ["edited"],
    ]);
  });

  it("refuses bad changes with a clear problem, and stores nothing", async () => {
    expect((await s.organizer.post(`${E}/scoring/lock`)).status).toBe(200);
    const base = { teamId: s.teams[0]!.id, judgeId: ada, criterionId: innovation, version: 0 };
    const cases: [Client, Record<string, unknown>, number, string, string?][] = [
      [s.organizer, { ...base, version: 1, hidden: true }, 409, "comment-changed"],
      // Organizers-only comments never reach the team: there is nothing to change.
      [s.organizer, { ...base, criterionId: technical, hidden: true }, 404, "not-found"],
      [s.organizer, { ...base, judgeId: grace, hidden: true }, 404, "not-found"],
      [s.organizer, { ...base, teamId: s.teams[1]!.id, hidden: true }, 404, "not-found"],
      [s.organizer, base, 400, "validation", "body"],
      [s.organizer, { ...base, text: "   " }, 400, "validation", "text"],
      [s.organizer, { ...base, text: "x".repeat(501) }, 400, "validation", "text"],
      [s.organizer, { ...base, hidden: "yes" }, 400, "validation", "hidden"],
      [s.organizer, { ...base, version: -1, hidden: true }, 400, "validation", "version"],
      [s.organizer, { ...base, hidden: true, note: "x" }, 400, "validation", "body"],
      [team, { ...base, hidden: true }, 403, "forbidden"],
      [judges[0]!, { ...base, hidden: true }, 403, "forbidden"],
    ];
    for (const [who, change, status, slug, path] of cases) {
      const res = await moderate(who, change);
      expect(res.status, JSON.stringify(change)).toBe(status);
      expect(res.body.type).toBe(`/problems/${slug}`);
      if (path) expect(res.body.errors?.map((e) => e.path)).toContain(path);
    }
    expect(await server.database.db.select().from(commentModerations)).toEqual([]);
    expect(await server.database.db.select().from(commentModerationLog)).toEqual([]);
  });

  it("of two organizers changing one comment at once, one wins and the other is told", async () => {
    expect((await s.organizer.post(`${E}/scoring/lock`)).status).toBe(200);
    await server.database.db.insert(users).values({
      email: "second@example.com",
      name: "Second Organizer",
      role: "organizer",
      passwordHash: await testPasswords.hash("second organizer"),
    });
    const second = new Client(server.url);
    await second.post("/api/session", {
      email: "second@example.com",
      password: "second organizer",
    });
    const target = { teamId: s.teams[0]!.id, judgeId: ada, criterionId: null };
    for (const version of [0, 1, 2]) {
      const [a, b] = await Promise.all([
        moderate(s.organizer, { ...target, version, text: `First's words ${version}` }),
        moderate(second, { ...target, version, text: `Second's words ${version}` }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(loser.body.type).toBe("/problems/comment-changed");
      const winner = a.status === 200 ? a : b;
      const stored = (await commentsOf("Team A")).find((c) => c.judgeId === ada && !c.criterionId)!;
      expect(stored).toMatchObject({ text: winner.body.comment.text, version: version + 1 });
    }
    // One log entry per winning change, each starting from the words the winner saw.
    const entries = (await log()).reverse();
    expect(entries).toHaveLength(3);
    for (const [i, entry] of entries.entries()) {
      expect(entry.action).toBe("edited");
      expect(entry.oldText).toBe(i === 0 ? "Brilliant teamwork." : entries[i - 1]!.newText);
    }
  });
});

describe("releasing feedback per category", () => {
  let otherCategory: string;
  let otherTeam: Client;

  beforeEach(async () => {
    const db = server.database.db;
    const made = await s.organizer.post<{ category: { id: string; criteria: { id: string }[] } }>(
      `${E}/categories`,
      buildCategory({ name: "Best App" }),
    );
    otherCategory = made.body.category.id;
    // A team that signed up and checked in earlier, made directly in the database.
    const [user] = await db
      .insert(users)
      .values({
        email: "app-team@example.com",
        name: "Team C",
        role: "team",
        passwordHash: await testPasswords.hash("team password"),
      })
      .returning();
    const [eventRow] = await db
      .select({ eventId: teams.eventId })
      .from(teams)
      .where(eq(teams.id, s.teams[0]!.id));
    const [teamC] = await db
      .insert(teams)
      .values({
        eventId: eventRow!.eventId,
        categoryId: otherCategory,
        name: "Team C",
        nameKey: teamNameKey("Team C"),
        contactUserId: user!.id,
        checkedInAt: new Date("2026-03-14T08:00:00Z"),
      })
      .returning();
    await db.insert(members).values({
      teamId: teamC!.id,
      firstName: "Cleo",
      schoolId: await resolveSchool(db, eventRow!.eventId, "Loreto College"),
      consentStatus: "given",
    });
    const kim = await s.judge("kim@example.com", { categoryIds: [otherCategory] });
    const [first] = made.body.category.criteria;
    await kim.client.request("PUT", `/api/judging/scores/${teamC!.id}`, {
      scores: Object.fromEntries(made.body.category.criteria.map((c) => [c.id, 4])),
      comment: "Kim enjoyed the app.",
      criterionComments: { [first!.id]: { text: "Bold idea." } },
    });
    await save(judges[0]!, s.teams[0]!.id, { comment: "Brilliant teamwork." });
    otherTeam = new Client(server.url);
    await otherTeam.post("/api/session", {
      email: "app-team@example.com",
      password: "team password",
    });
  });

  it("releases one category at a time, and withdraws a released comment (never rewords it)", async () => {
    await finishCeremony();
    const teamSocket = sockets.connect(team.cookieValue);
    await new Promise((r) => teamSocket.once("clock", r));

    expect(
      (
        await s.organizer.post(`${E}/feedback/release`, {
          categoryId: "00000000-0000-4000-8000-000000000000",
        })
      ).status,
    ).toBe(404);
    const heard = new Promise<{ releasedAt: string }>((r) =>
      teamSocket.once("feedback:released", r),
    );
    const released = await s.organizer.post<{
      releasedAt: string;
      categories: { categoryId: string; releasedAt: string }[];
    }>(`${E}/feedback/release`, { categoryId: s.categoryId });
    expect(released.status).toBe(200);
    expect(released.body.categories).toEqual([
      { categoryId: s.categoryId, releasedAt: released.body.releasedAt },
    ]);
    expect((await heard).releasedAt).toBe(released.body.releasedAt);
    expect((await feedback()).body.cards.map((c) => c.overall)).toEqual(["Brilliant teamwork."]);
    expect((await otherTeam.get<TeamFeedback>("/api/teams/me/feedback")).body).toMatchObject({
      released: false,
      cards: [],
    });
    const held = (await s.organizer.get<FeedbackOverview>(`${E}/feedback`)).body.categories;
    expect(held.map((c) => [c.categoryName, c.releasedAt !== null])).toEqual([
      ["Best Game", true],
      ["Best App", false],
    ]);

    // Rewording a released comment is refused; withdrawing it takes it off the team's page.
    const ada = held[0]!.teams[0]!.comments[0]!;
    const target = { teamId: s.teams[0]!.id, judgeId: ada.judgeId, criterionId: null };
    const reworded = await s.organizer.patch<Problem>(`${E}/feedback/comments`, {
      ...target,
      version: 0,
      text: "Something else.",
    });
    expect(reworded.status).toBe(409);
    expect(reworded.body.type).toBe("/problems/feedback-released");
    expect(await server.database.db.select().from(commentModerations)).toEqual([]);
    const withdrawn = new Promise((r) => teamSocket.once("feedback:released", r));
    const res = await s.organizer.patch<{ comment: FeedbackComment }>(`${E}/feedback/comments`, {
      ...target,
      version: 0,
      hidden: true,
    });
    expect(res.status).toBe(200);
    await withdrawn;
    expect((await feedback()).body).toMatchObject({ released: true, cards: [] });
    const entries = (await s.organizer.get<{ log: CommentModerationEntry[] }>(`${E}/feedback/log`))
      .body.log;
    expect(entries.map((e) => [e.action, e.oldText, e.newText])).toEqual([
      ["withdrawn", "Brilliant teamwork.", null],
    ]);

    // The rest of the event: the other category, and releasing again changes nothing.
    const all = await s.organizer.post<{
      categories: { categoryId: string; releasedAt: string }[];
    }>(`${E}/feedback/release`);
    expect(all.body.categories).toContainEqual({
      categoryId: s.categoryId,
      releasedAt: released.body.releasedAt,
    });
    expect(all.body.categories).toHaveLength(2);
    const theirs = (await otherTeam.get<TeamFeedback>("/api/teams/me/feedback")).body;
    expect(theirs.cards).toEqual([
      {
        label: "Judge 1",
        overall: "Kim enjoyed the app.",
        criteria: [expect.objectContaining({ text: "Bold idea." })],
      },
    ]);
  });
});
