import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import type { Leaderboard, TeamView } from "../../shared/api";
import type { ClientToServerEvents, ServerToClientEvents } from "../../shared/events";
import { buildCategory, buildEvent, buildMember, buildTeam } from "../helpers/factories";
import { Client, type Reply } from "../helpers/http";
import { startMain, stop } from "../helpers/process";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe("a crash in the middle of the event", () => {
  it("keeps every acknowledged write exactly once, and screens converge after reconnecting", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "hmj-crash-"));
    dirs.push(dataDir);
    const port = await freePort();
    const env = {
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      ORGANIZER_EMAIL: "boss@example.com",
      ORGANIZER_PASSWORD: "boss password",
    };
    const now = Date.now();
    const hour = 3600_000;
    let server = await startMain(env);
    const base = server.url;
    const organizer = new Client(base);
    await organizer.post("/api/session", { email: "boss@example.com", password: "boss password" });
    await organizer.post(
      "/api/events",
      buildEvent({
        slug: "crash",
        registrationOpensAt: new Date(now - hour).toISOString(),
        registrationClosesAt: new Date(now + 24 * hour).toISOString(),
        startsAt: new Date(now + 48 * hour).toISOString(),
        submissionsCloseAt: new Date(now + 72 * hour).toISOString(),
        endsAt: new Date(now + 76 * hour).toISOString(),
      }),
    );
    const category = await organizer.post<{ category: { id: string; criteria: { id: string }[] } }>(
      "/api/events/crash/categories",
      buildCategory({ name: "Open" }),
    );
    const { id: categoryId, criteria } = category.body.category;
    const teamIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await new Client(base).post<{ team: TeamView }>(
        "/api/events/crash/teams",
        buildTeam(categoryId, { name: `Seed ${i}`, members: [buildMember()] }),
      );
      const team = res.body.team;
      await organizer.post(
        `/api/events/crash/teams/${team.id}/members/${team.members[0]!.id}/consent`,
        { method: "paper", photoConsent: false },
      );
      await organizer.post(`/api/events/crash/teams/${team.id}/check-in`);
      teamIds.push(team.id);
    }
    const invite = await organizer.post<{ inviteUrl: string }>("/api/events/crash/judges", {
      name: "Judge",
      email: "judge@example.com",
      schools: [],
      categoryIds: [categoryId],
    });
    const judge = new Client(base);
    await judge.post(`/api/invites/${invite.body.inviteUrl.split("/").pop()}`, {
      password: "judge password",
    });

    // A screen following the leaderboard, which must catch up after the restart.
    const screen: Socket<ServerToClientEvents, ClientToServerEvents> = io(base, {
      auth: { event: "crash" },
      transports: ["websocket"],
      extraHeaders: { cookie: organizer.cookieValue! },
      reconnectionDelay: 200,
      reconnectionDelayMax: 500,
    });
    let lastBoard: Leaderboard | null = null;
    screen.on("leaderboard", (board) => {
      if (!lastBoard || board.version >= lastBoard.version) lastBoard = board;
    });
    await new Promise((r) => screen.once("leaderboard", r));

    // The burst: score saves and registrations in flight when the process is killed.
    const saves = Array.from({ length: 60 }, (_, i) => ({
      teamId: teamIds[i % 3]!,
      comment: `save-${i}`,
      key: `crash-save-${i}-0000`,
    }));
    const registrations = Array.from({ length: 20 }, (_, i) => `Burst ${i}`);
    const acked = { saves: new Set<string>(), teams: new Set<string>() };
    let acks = 0;
    const inFlight: Promise<unknown>[] = [];
    const killed = new Promise<void>((resolve) => {
      const maybeKill = () => {
        if (++acks === 25) {
          server.child.kill("SIGKILL");
          resolve();
        }
      };
      for (const [i, save] of saves.entries()) {
        inFlight.push(
          judge
            .request("PUT", `/api/judging/scores/${save.teamId}`, {
              scores: Object.fromEntries(criteria.map((c, k) => [c.id, (i + k) % 5])),
              comment: save.comment,
              idempotencyKey: save.key,
            })
            .then((res: Reply) => {
              if (res.status === 200) {
                acked.saves.add(save.comment);
                maybeKill();
              }
            })
            .catch(() => undefined),
        );
      }
      for (const name of registrations) {
        inFlight.push(
          new Client(base)
            .post(
              "/api/events/crash/teams",
              buildTeam(categoryId, { name, members: [buildMember()] }),
            )
            .then((res: Reply) => {
              if (res.status === 201) {
                acked.teams.add(name);
                maybeKill();
              }
            })
            .catch(() => undefined),
        );
      }
    });
    await killed;
    await Promise.all(inFlight);
    if (server.child.exitCode === null && server.child.signalCode === null) {
      await new Promise((r) => server.child.once("exit", r));
    }
    expect(acked.saves.size + acked.teams.size).toBeGreaterThanOrEqual(25);

    server = await startMain(env);
    try {
      const after = new Client(base);
      await after.post("/api/session", { email: "boss@example.com", password: "boss password" });
      const teams = await after.get<{ teams: TeamView[] }>("/api/events/crash/teams");
      const names = teams.body.teams.map((t) => t.name);
      for (const name of acked.teams) expect(names.filter((n) => n === name)).toHaveLength(1);
      for (const name of registrations)
        expect(names.filter((n) => n === name).length).toBeLessThanOrEqual(1);

      const log = await after.get<{ log: { newComment: string | null }[] }>(
        "/api/events/crash/scores/log",
      );
      const comments = log.body.log.map((l) => l.newComment).filter((c): c is string => c !== null);
      for (const c of acked.saves) expect(comments.filter((x) => x === c)).toHaveLength(1);
      for (const save of saves)
        expect(comments.filter((x) => x === save.comment).length).toBeLessThanOrEqual(1);

      // A retry of an acknowledged save after the crash is answered, not written again.
      const replayed = saves.find((x) => acked.saves.has(x.comment))!;
      const retry = await judge.request("PUT", `/api/judging/scores/${replayed.teamId}`, {
        scores: {},
        comment: "changed",
        idempotencyKey: replayed.key,
      });
      expect(retry.status).toBe(200);
      expect((retry.body as { comment: string }).comment).toBe(replayed.comment);

      const board = await after.get<Leaderboard>("/api/events/crash/leaderboard");
      await expect
        .poll(() => lastBoard?.version, { timeout: 15_000, interval: 200 })
        .toBe(board.body.version);
      expect(lastBoard!.categories).toEqual(board.body.categories);
    } finally {
      screen.disconnect();
      await stop(server.child);
    }
  }, 120_000);
});
