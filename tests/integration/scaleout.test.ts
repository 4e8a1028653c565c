import type { AddressInfo } from "node:net";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, createApplication } from "../../server/app";
import { type Database, openDatabase } from "../../server/db/client";
import { migrate } from "../../server/db/migrate";
import { createLogger } from "../../server/lib/logger";
import { noMailer } from "../../server/lib/mailer";
import type { Leaderboard, LeaderboardChange, TeamView } from "../../shared/api";
import type { Announcement } from "../../shared/events";
import { buildEvent, buildMember, buildTeam, signInOrganizer } from "../helpers/factories";
import { Client } from "../helpers/http";
import { testPasswords } from "../helpers/passwords";

const url = process.env.TEST_DATABASE_URL;

describe.runIf(Boolean(url))("two instances on one PostgreSQL", () => {
  const name = `hmj_scale_${Date.now()}`;
  let dbUrl: string;
  const instances: { app: App; database: Database; url: string }[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    const { default: postgres } = await import("postgres");
    const admin = postgres(url!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(url!);
    u.pathname = `/${name}`;
    dbUrl = u.toString();
    // Both start at once: migrations must apply once under the advisory lock.
    const started = await Promise.all(
      [1, 2].map(async () => {
        const database = await openDatabase({ url: dbUrl, dataDir: "" });
        await migrate(database.db);
        const app = await createApplication({
          db: database.db,
          dbKind: database.kind,
          logger: createLogger("silent"),
          now: () => new Date(),
          mailer: noMailer,
          passwords: testPasswords,
          realtimeAdapterUrl: dbUrl,
        });
        await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", resolve));
        return {
          app,
          database,
          url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
        };
      }),
    );
    instances.push(...started);
  }, 60_000);

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const i of instances) {
      await i.app.close();
      await i.database.close();
    }
    const { default: postgres } = await import("postgres");
    const admin = postgres(url!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  const follow = async (base: string, cookie?: string) => {
    const socket = io(base, {
      auth: { event: "scale" },
      transports: ["websocket"],
      extraHeaders: cookie ? { cookie } : {},
    });
    sockets.push(socket);
    await new Promise((r) => socket.once("clock", r));
    return socket;
  };

  it("an announcement posted through one instance reaches sockets on the other, even after the adapter's connection is killed", async () => {
    const [a, b] = instances;
    const organizer = await signInOrganizer(a!.url, a!.database);
    expect((await organizer.post("/api/events", buildEvent({ slug: "scale" }))).status).toBe(201);
    const onB = await follow(b!.url);
    const heard = (text: string) =>
      new Promise<Announcement>((resolve) => {
        onB.on("announcement", (x: Announcement) => {
          if (x.text === text) resolve(x);
        });
      });
    const first = heard("Through A");
    await organizer.post("/api/events/scale/announcements", { text: "Through A" });
    expect((await first).text).toBe("Through A");

    // Kill every LISTEN connection of the adapters; both instances must carry on.
    const { default: postgres } = await import("postgres");
    const admin = postgres(dbUrl, { max: 1, onnotice: () => {} });
    const killed =
      await admin`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ${name} AND query LIKE 'LISTEN%'`;
    await admin.end();
    expect(killed.length).toBeGreaterThan(0);
    expect((await new Client(a!.url).get("/api/health")).status).toBe(200);
    expect((await new Client(b!.url).get("/api/health")).status).toBe(200);

    await expect
      .poll(
        async () => {
          const again = heard("After the cut");
          await organizer.post("/api/events/scale/announcements", { text: "After the cut" });
          return Promise.race([
            again.then(() => true),
            new Promise((r) => setTimeout(() => r(false), 500)),
          ]);
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe(true);
  }, 60_000);

  it("a score saved through one instance reaches an organizer's screen on the other", async () => {
    const [a, b] = instances;
    const organizer = await signInOrganizer(a!.url, a!.database);
    const cat = await organizer.post<{ category: { id: string; criteria: { id: string }[] } }>(
      "/api/events/scale/categories",
      {
        name: "Open",
        singleSchool: false,
        criteria: [{ name: "Fun", weight: 1, maxScore: 5 }],
      },
    );
    const team = await new Client(a!.url).post<{ team: TeamView }>(
      "/api/events/scale/teams",
      buildTeam(cat.body.category.id, { members: [buildMember()] }),
    );
    const teamId = team.body.team.id;
    await organizer.post(
      `/api/events/scale/teams/${teamId}/members/${team.body.team.members[0]!.id}/consent`,
      {
        method: "paper",
        photoConsent: false,
      },
    );
    await organizer.post(`/api/events/scale/teams/${teamId}/check-in`);
    const invite = await organizer.post<{ inviteUrl: string }>("/api/events/scale/judges", {
      name: "Judge",
      email: "scale-judge@example.com",
      schools: [],
      categoryIds: [cat.body.category.id],
    });
    const judge = new Client(a!.url);
    await judge.post(`/api/invites/${invite.body.inviteUrl.split("/").pop()}`, {
      password: "judge password",
    });

    // Listen before connecting: the board and the change may come in any order after "clock".
    const onB = io(b!.url, {
      auth: { event: "scale" },
      transports: ["websocket"],
      extraHeaders: { cookie: organizer.cookieValue! },
      autoConnect: false,
    });
    sockets.push(onB);
    const hasScore = (rows: { teamId: string; score: number | null }[]) =>
      rows.some((t) => t.teamId === teamId && t.score === 80);
    const boardArrived = new Promise((r) => onB.once("leaderboard", r));
    const scored = new Promise<true>((resolve) => {
      onB.on("leaderboard", (board: Leaderboard) => {
        if (board.categories.some((c) => hasScore(c.teams))) resolve(true);
      });
      onB.on("leaderboard:change", (change: LeaderboardChange) => {
        if (hasScore(change.standings)) resolve(true);
      });
    });
    onB.connect();
    await boardArrived;
    const saved = await judge.request("PUT", `/api/judging/scores/${teamId}`, {
      scores: { [cat.body.category.criteria[0]!.id]: 4 },
    });
    expect(saved.status).toBe(200);
    await expect(scored).resolves.toBe(true);
  }, 30_000);
});
