import { sql } from "drizzle-orm";
import fc from "fast-check";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../../server/db/migrate";
import type { TeamView } from "../../shared/api";
import { buildMember } from "../helpers/factories";
import type { Client } from "../helpers/http";
import { Client as HttpClient } from "../helpers/http";
import { judgingScenario, type Scenario } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let s: Scenario;
let judge: Client;
let judgeId: string;
let team: Client;

beforeAll(async () => {
  server = await startTestServer();
  s = await judgingScenario(server, ["Oakwood Academy", "Trinity High School"]);
  ({ client: judge, id: judgeId } = await s.judge("judge@example.com"));
  team = new HttpClient(server.url);
  await team.post("/api/session", s.teams[0]!.contact);
}, 60_000);
afterAll(() => server.close());

/** Arbitrary JSON plus the shapes that break naive servers. */
const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constant({ ["__proto__"]: { admin: true } }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"x": 1}}}')),
  fc.constant({ scores: { ["__proto__"]: 5 } }),
  fc.string({ maxLength: 20_000 }).map((text) => ({ text, name: text, title: text })),
  fc
    .integer({ min: 1, max: 200 })
    .map((depth) => JSON.parse(`${"[".repeat(depth)}${"]".repeat(depth)}`)),
  fc
    .constantFrom(1e308, -1e308, 2 ** 53 + 1, -0, Number.MAX_SAFE_INTEGER)
    .map((n) => ({ minutes: n, place: n, weight: n, maxTeamSize: n })),
  fc.record({ action: fc.string(), minutes: fc.double() }),
);
/** Bodies that are not JSON at all. */
const rawBodies = fc.constantFrom(
  '{"x": NaN}',
  "{",
  "[1,]",
  '"just a string"',
  "null",
  "\u0000\u0001",
  '{"a":1}{"b":2}',
);

function writes(): [string, string, () => Client | HttpClient][] {
  const t0 = s.teams[0]!.id;
  const slug = "hmj-2026";
  const org = () => s.organizer;
  return [
    ["POST", "/api/session", () => new HttpClient(server.url)],
    ["POST", "/api/setup", () => new HttpClient(server.url)],
    ["POST", "/api/events", org],
    ["PATCH", `/api/events/${slug}`, org],
    ["POST", `/api/events/${slug}/categories`, org],
    ["POST", `/api/events/${slug}/prizes`, org],
    ["POST", `/api/events/${slug}/judges`, org],
    ["POST", "/api/invites/some-token", () => new HttpClient(server.url)],
    ["POST", `/api/events/${slug}/announcements`, org],
    ["POST", `/api/events/${slug}/clock`, org],
    ["POST", `/api/events/${slug}/teams`, () => new HttpClient(server.url)],
    ["POST", "/api/teams/me/members", () => team],
    ["PUT", "/api/teams/me/submission", () => team],
    ["POST", "/api/consent/some-token", () => new HttpClient(server.url)],
    ["POST", `/api/events/${slug}/teams/${t0}/members/${t0}/consent`, org],
    ["PUT", `/api/judging/scores/${t0}`, () => judge],
    ["PUT", `/api/events/${slug}/judges/${judgeId}/assignments`, org],
    ["POST", `/api/events/${slug}/categories/${s.categoryId}/ranking`, org],
    ["POST", `/api/events/${slug}/ceremony/screen`, org],
    ["POST", `/api/events/${slug}/awards/${t0}/team`, org],
    ["POST", `/api/events/${slug}/stage`, org],
    ["PUT", `/api/events/${slug}/presentations/${s.categoryId}`, org],
    ["PUT", `/api/events/${slug}/presentations/${s.categoryId}/teams/${t0}`, org],
  ];
}

describe("fuzzing every write endpoint", () => {
  it("answers arbitrary JSON with a problem, never a 5xx", async () => {
    for (const [method, path, who] of writes()) {
      await fc.assert(
        fc.asyncProperty(fc.oneof(nasty, rawBodies), async (payload) => {
          const res = await who().request(method, path, payload);
          expect(
            res.status,
            `${method} ${path} ${JSON.stringify(payload).slice(0, 200)}`,
          ).toBeLessThan(500);
          if (res.status >= 400)
            expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
        }),
        { numRuns: 25 },
      );
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  }, 240_000);

  it("keeps the database's invariants", async () => {
    // Valid-looking member additions mixed in, to push against the team size too.
    await Promise.all(
      Array.from({ length: 6 }, () =>
        team.post("/api/teams/me/members", buildMember({ school: "Oakwood Academy" })),
      ),
    );
    const sizes = rowsOf<{ n: number; max: number }>(
      await server.database.db.execute(sql`
        SELECT count(m.id)::int AS n, e.max_team_size AS max FROM teams t
        JOIN events e ON e.id = t.event_id LEFT JOIN members m ON m.team_id = t.id
        GROUP BY t.id, e.max_team_size`),
    );
    for (const row of sizes) expect(row.n).toBeLessThanOrEqual(row.max);
    const dupScores = rowsOf(
      await server.database.db.execute(
        sql`SELECT judge_id, team_id, criterion_id FROM scores GROUP BY 1, 2, 3 HAVING count(*) > 1`,
      ),
    );
    expect(dupScores).toEqual([]);
    const dupKeys = rowsOf(
      await server.database.db.execute(
        sql`SELECT user_id, key FROM idempotency_keys GROUP BY 1, 2 HAVING count(*) > 1`,
      ),
    );
    expect(dupKeys).toEqual([]);
    const me = await team.get<{ team: TeamView }>("/api/teams/me");
    expect(me.status).toBe(200);
  }, 60_000);

  it("leaves nothing personal in the app's log: no name, birth date, guardian, hash or token", async () => {
    // The members above and the scenario's are Lovelaces born 2011-06-15 with guardians at
    // guardianN@example.com; tokens and hashes have shapes of their own.
    // Refusals (4xx) are not logged at all; whatever was logged must hold none of it.
    const log = server.logs().join("\n");
    expect(log).not.toMatch(/Lovelace|2011-06-15|guardian\d+@example\.com/);
    expect(log).not.toMatch(/\$argon2|team password|judge password/);
    expect(log).not.toMatch(/"(dateOfBirth|medical|dietary|guardian\w*|password\w*)"\s*:/);
  });
});

describe("fuzzing the socket", () => {
  it("shrugs off arbitrary events and payloads, and refuses oversized ones", async () => {
    const socket: Socket = io(server.url, {
      auth: { event: "hmj-2026" },
      transports: ["websocket"],
      reconnection: false,
    });
    await new Promise((r) => socket.once("clock", r));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("time:sync", "clock", "leaderboard", "__proto__", "ceremony:reveal", "x"),
        nasty,
        async (event, payload) => {
          socket.emit(event, payload);
          socket.emit(event, payload, () => {});
        },
      ),
      { numRuns: 30 },
    );
    const before = socket.connected;
    socket.emit("time:sync", "x".repeat(100 * 1024));
    expect(before).toBe(true);
    await expect.poll(() => socket.connected).toBe(false);
    socket.disconnect();
    const health = await new HttpClient(server.url).get("/api/health");
    expect(health.status).toBe(200);
  }, 60_000);

  it("rate-limits a flooding socket and then disconnects it", async () => {
    const socket: Socket = io(server.url, {
      auth: { event: "hmj-2026" },
      transports: ["websocket"],
      reconnection: false,
    });
    await new Promise((r) => socket.once("clock", r));
    const errors: string[] = [];
    socket.on("error", (e: Error) => errors.push(e.message));
    let answered = 0;
    for (let i = 0; i < 100; i++) socket.emit("time:sync", () => answered++);
    // Once the server has cut it off, no further answer can arrive.
    await expect.poll(() => socket.connected).toBe(false);
    expect(answered).toBeLessThan(30);
    expect(errors.length + (socket.connected ? 0 : 1)).toBeGreaterThan(0);
    socket.disconnect();
  });

  it("closes a session's sockets when it signs out", async () => {
    const socket: Socket = io(server.url, {
      auth: { event: "hmj-2026" },
      transports: ["websocket"],
      reconnection: false,
      extraHeaders: { cookie: team.cookieValue! },
    });
    await new Promise((r) => socket.once("clock", r));
    const closed = new Promise<string>((r) => socket.once("disconnect", r));
    expect((await team.delete("/api/session")).status).toBe(204);
    expect(await closed).toBe("io server disconnect");
  });
});
