import { io } from "socket.io-client";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type {
  JudgingProgress,
  JudgingProgressChange,
  Leaderboard,
  LeaderboardChange,
  TeamView,
} from "../../shared/api";
import type { ServerToClientEvents } from "../../shared/events";
import { applyLeaderboardChange, applyProgressChange } from "../../shared/rules/judgingViews";
import { buildMember, buildTeam } from "../helpers/factories";
import { Client } from "../helpers/http";
import {
  DURING_JUDGING,
  DURING_REGISTRATION,
  judgingScenario,
  type Scenario,
} from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";
import { socketPool, type TestSocket } from "../helpers/sockets";

// The organizers' judging views travel as changes from the version a screen holds. A screen
// that applies every change (and fetches the whole view after a gap, as the browser does) must
// show exactly what the server answers, after every kind of write.
let server: TestServer;
let s: Scenario;
const sockets = socketPool(() => server.url);
const E = "/api/events/hmj-2026";

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
afterEach(() => sockets.closeAll());
beforeEach(async () => {
  await server.reset();
  s = await judgingScenario(server, ["Oak School", "Elm School", "Ash School"]);
});

/** An organizer's screen: the snapshot, then each change applied, refetching after a gap. */
function organizerScreen(socket: TestSocket) {
  const screen = {
    board: null as Leaderboard | null,
    progress: null as JudgingProgress | null,
    changes: 0,
    refetches: 0,
    snapshots: 0,
  };
  const refetch = async () => {
    screen.refetches++;
    screen.board = (await s.organizer.get<Leaderboard>(`${E}/leaderboard`)).body;
    screen.progress = (await s.organizer.get<JudgingProgress>(`${E}/judging/progress`)).body;
  };
  socket.on("leaderboard", (b) => {
    screen.snapshots++;
    screen.board = b;
  });
  socket.on("judging:progress", (p) => {
    screen.progress = p;
  });
  socket.on("leaderboard:change", (change: LeaderboardChange) => {
    screen.changes++;
    const next = screen.board && applyLeaderboardChange(screen.board, change);
    if (next) screen.board = next;
    else if (!screen.board || change.version > screen.board.version) void refetch();
  });
  socket.on("judging:progress:change", (change: JudgingProgressChange) => {
    const next = screen.progress && applyProgressChange(screen.progress, change);
    if (next) screen.progress = next;
    else if (!screen.progress || change.version > screen.progress.version) void refetch();
  });
  return screen;
}

async function expectScreenMatches(screen: ReturnType<typeof organizerScreen>) {
  const board = (await s.organizer.get<Leaderboard>(`${E}/leaderboard`)).body;
  const progress = (await s.organizer.get<JudgingProgress>(`${E}/judging/progress`)).body;
  await expect.poll(() => screen.board?.version).toBe(board.version);
  await expect.poll(() => screen.progress?.version).toBe(progress.version);
  expect(screen.board).toEqual(board);
  expect(screen.progress).toEqual(progress);
}

const scores = (values: number[]) =>
  Object.fromEntries(values.map((v, i) => [s.criteria[i]!.id, v]));
const save = (judge: Client, teamId: string, body: unknown) =>
  judge.request("PUT", `/api/judging/scores/${teamId}`, body);

describe("the organizers' live judging views", () => {
  it("stay exactly what the server holds through every kind of write, change by change", async () => {
    const ann = await s.judge("ann@example.com");
    const screen = organizerScreen(sockets.connect(s.organizer.cookieValue));
    await expect.poll(() => screen.board !== null && screen.progress !== null).toBe(true);
    const [a, b, c] = s.teams;

    // Saves: complete, partial, a comment alone, a change.
    await save(ann.client, a!.id, { scores: scores([7, 6, 4]) });
    await save(ann.client, b!.id, { scores: scores([5]) });
    await save(ann.client, b!.id, { scores: {}, comment: "Nice" });
    await save(ann.client, c!.id, { scores: scores([9, 9, 5]) });
    await save(ann.client, a!.id, { scores: scores([2]) });
    await expectScreenMatches(screen);
    const afterSaves = screen.changes;
    expect(afterSaves).toBeGreaterThan(0);

    // A judge arrives (panels move), then scores.
    const bob = await s.judge("bob@example.com");
    await expectScreenMatches(screen);
    await save(bob.client, a!.id, { scores: scores([1, 1, 1]) });
    await expectScreenMatches(screen);

    // A team checks in late.
    server.clock.set(DURING_REGISTRATION);
    const late = (
      await new Client(server.url).post<{ team: TeamView }>(
        `${E}/teams`,
        buildTeam(s.categoryId, {
          name: "Late Team",
          members: [buildMember({ school: "Yew School" })],
        }),
      )
    ).body.team;
    server.clock.set(DURING_JUDGING);
    for (const m of late.members)
      await s.organizer.post(`${E}/teams/${late.id}/members/${m.id}/consent`, {
        method: "paper",
        photoConsent: false,
      });
    await s.organizer.post(`${E}/teams/${late.id}/check-in`);
    await expectScreenMatches(screen);
    expect(screen.progress!.teams.map((t) => t.teamName)).toContain("Late Team");

    // Panel size, hand-picked teams, the ranking mode, and the lock.
    await s.organizer.request("PUT", `${E}/judging/panels`, { judgesPerTeam: 1 });
    await expectScreenMatches(screen);
    await s.organizer.request("PUT", `${E}/judges/${bob.id}/assignments`, { teamIds: [late.id] });
    await expectScreenMatches(screen);
    await s.organizer.post(`${E}/categories/${s.categoryId}/ranking`, { normalized: true });
    await expectScreenMatches(screen);
    await s.organizer.post(`${E}/scoring/lock`);
    await expectScreenMatches(screen);
    expect(screen.board!.locked).toBe(true);
  });

  it("answer every read after a write with views that include it", async () => {
    // A screen is open, so the views are cached; the write's own pushes are still queued when
    // the organizer's next read arrives, and that read must not be answered from before it.
    const screen = organizerScreen(sockets.connect(s.organizer.cookieValue));
    await expect.poll(() => screen.board !== null && screen.progress !== null).toBe(true);
    // Hold back the pushes that follow each write until the reads are done, as a busy
    // instance would.
    const feed = server.app.realtime.judging;
    const update = feed.update.bind(feed);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    feed.update = async (...args) => {
      await held;
      return update(...args);
    };
    const team = s.teams[2]!;
    const listed = async () =>
      (await s.organizer.get<JudgingProgress>(`${E}/judging/progress`)).body.teams.some(
        (t) => t.teamId === team.id,
      );
    try {
      for (let round = 0; round < 3; round++) {
        const undone = await s.organizer.request("DELETE", `${E}/teams/${team.id}/check-in`);
        expect(undone.status).toBe(200);
        expect(await listed()).toBe(false);
        expect((await s.organizer.post(`${E}/teams/${team.id}/check-in`)).status).toBe(200);
        expect(await listed()).toBe(true);
      }
      // Once the held pushes go out, the screen ends where the reads did.
      release();
      await expectScreenMatches(screen);
    } finally {
      release();
      feed.update = update;
    }
  });

  it("sends a save's change, not the whole board", async () => {
    const ann = await s.judge("ann@example.com");
    const socket = sockets.connect(s.organizer.cookieValue);
    const screen = organizerScreen(socket);
    await expect.poll(() => screen.board !== null).toBe(true);
    const changes: LeaderboardChange[] = [];
    socket.on("leaderboard:change", (change) => changes.push(change));
    const whole = (b: Leaderboard) => JSON.stringify(b).length;
    await save(ann.client, s.teams[0]!.id, { scores: scores([7, 6, 4]) });
    await expectScreenMatches(screen);
    const change = changes.at(-1)!;
    // The saved team, and the other teams the same judge scored (their z-scores move).
    expect(change.standings.map((x) => x.teamId)).toContain(s.teams[0]!.id);
    expect(JSON.stringify(change).length).toBeLessThan(whole(screen.board!));
    expect(screen.snapshots).toBe(1);
  });

  it("resends nothing to a screen that comes back holding the current versions", async () => {
    const ann = await s.judge("ann@example.com");
    await save(ann.client, s.teams[0]!.id, { scores: scores([7, 6, 4]) });
    const board = (await s.organizer.get<Leaderboard>(`${E}/leaderboard`)).body;
    const progress = (await s.organizer.get<JudgingProgress>(`${E}/judging/progress`)).body;
    const connect = (versions: { leaderboard?: number; progress?: number }) => {
      const socket = io(server.url, {
        auth: { event: "hmj-2026", versions },
        transports: ["websocket"],
        reconnection: false,
        extraHeaders: { cookie: s.organizer.cookieValue! },
      });
      const got: (keyof ServerToClientEvents)[] = [];
      socket.onAny((event: keyof ServerToClientEvents) => got.push(event));
      return { socket, got };
    };
    const current = connect({ leaderboard: board.version, progress: progress.version });
    const stale = connect({ leaderboard: board.version - 1, progress: progress.version - 1 });
    try {
      // The stage is the last of the snapshot; what the organizer's views add comes before it.
      await expect
        .poll(() => current.got.includes("stage") && stale.got.includes("stage"))
        .toBe(true);
      expect(current.got).not.toContain("leaderboard");
      expect(current.got).not.toContain("judging:progress");
      expect(stale.got).toContain("leaderboard");
      expect(stale.got).toContain("judging:progress");
    } finally {
      current.socket.disconnect();
      stale.socket.disconnect();
    }
  });
});
