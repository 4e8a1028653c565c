import { connect } from "node:net";
import { gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../../server/db/migrate";
import { buildCategory, buildEvent, buildMember, buildTeam } from "../helpers/factories";
import { Client } from "../helpers/http";
import { DURING_REGISTRATION, judgingScenario, type Scenario } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";

// Every request here is malformed in one way; the app answers each with a 4xx problem, stores
// nothing, and logs at most one line for it, never a stack or a personal value.

let server: TestServer;
let s: Scenario;
let judge: Client;
let team: Client;
let sent = 0;

beforeAll(async () => {
  // Every route gets ten malformed requests from one address: with rate limits on, the limited
  // routes would answer 429 before the code under test runs. The limits have their own tests.
  server = await startTestServer({ rateLimits: false });
  s = await judgingScenario(server, ["Oakwood Academy", "Trinity High School"]);
  ({ client: judge } = await s.judge("judge@example.com"));
  team = new Client(server.url);
  await team.post("/api/session", s.teams[0]!.contact);
}, 60_000);
afterAll(() => server.close());

/** Values no path parameter can have, written as they would appear in a URL. */
const BAD_PARAMS = [
  "%ff",
  "%00",
  "%E0%A4%A",
  "%C0%80",
  "not-a-uuid",
  "x".repeat(300),
  "a%0Ab",
  "%2e%2e%2f%2e%2e",
  "%F0%9F%99%82",
  "'%20OR%201=1--",
];

async function counts() {
  const [row] = rowsOf<Record<string, number>>(
    await server.database.db.execute(sql`SELECT
      (SELECT count(*)::int FROM teams) AS teams, (SELECT count(*)::int FROM members) AS members,
      (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM events) AS events,
      (SELECT count(*)::int FROM announcements) AS announcements,
      (SELECT count(*)::int FROM outbox) AS outbox, (SELECT count(*)::int FROM categories) AS categories`),
  );
  return row;
}

function expectProblem4xx(res: { status: number; headers: Headers }, what: string) {
  expect(res.status, what).toBeGreaterThanOrEqual(400);
  expect(res.status, what).toBeLessThan(500);
  expect(res.headers.get("content-type"), what).toMatch(/application\/problem\+json/);
}

describe("malformed paths and ids on every route", () => {
  it("answers each with a 4xx problem, never a 5xx", async () => {
    const before = await counts();
    const routes = server.app.routes();
    expect(routes.length).toBeGreaterThan(50);
    for (const route of routes) {
      const [method, path] = route.split(" ") as [string, string];
      if (!path.includes("{")) continue;
      for (const bad of BAD_PARAMS) {
        const url = path.replace(/\{\w+\}/g, bad);
        const res = await s.organizer.request(method, url, method === "GET" ? undefined : {});
        sent++;
        expectProblem4xx(res, `${method} ${url}`);
      }
    }
    expect(await counts()).toEqual(before);
  }, 240_000);

  it("answers ids that are well formed but not UUIDs with 404 before any query", async () => {
    const t0 = s.teams[0]!.id;
    for (const [method, url, body] of [
      ["POST", "/api/events/hmj-2026/teams/not-a-uuid/check-in"],
      [
        "POST",
        `/api/events/hmj-2026/teams/${t0}/members/123/consent`,
        { method: "paper", photoConsent: false },
      ],
      ["PUT", "/api/judging/scores/zzz"],
      ["GET", "/api/consent/%00"],
      ["GET", "/api/events/a%00b/clock"],
    ] as [string, string, unknown?][]) {
      const who = url.startsWith("/api/judging") ? judge : s.organizer;
      const res = await who.request(
        method,
        url,
        method === "GET" ? undefined : (body ?? { scores: {} }),
      );
      sent++;
      expect(res.status, url).toBe(404);
      expect(res.body).toMatchObject({ type: "/problems/not-found" });
    }
  });
});

describe("bodies that are not what their headers say", () => {
  const writes = (): [string, string][] => [
    ["POST", "/api/session"],
    ["POST", "/api/events/hmj-2026/teams"],
    ["POST", "/api/events/hmj-2026/announcements"],
    ["PUT", "/api/teams/me/submission"],
  ];

  it.each([
    ["gzip", "not gzip at all"],
    ["deflate", "not deflate"],
    ["br", "not brotli"],
    ["gzip", gzipSync("{not json")],
    ["gzip, gzip", gzipSync(gzipSync("{}"))],
    ["x-unknown", "{}"],
  ])("Content-Encoding %s: a 4xx problem", async (encoding, payload) => {
    for (const [method, path] of writes()) {
      const who = path.startsWith("/api/teams") ? team : s.organizer;
      // Bytes as they are: the helper client sends text only.
      const res = await fetch(server.url + path, {
        method,
        body: typeof payload === "string" ? payload : new Uint8Array(payload),
        headers: {
          cookie: who.cookieValue ?? "",
          origin: server.url,
          "content-type": "application/json",
          "content-encoding": encoding,
        },
      });
      sent++;
      expectProblem4xx(res, `${method} ${path} ${encoding}`);
    }
  });

  it.each([
    "application/json; charset=latin1",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
  ])("Content-Type %s: a 4xx problem", async (type) => {
    const res = await s.organizer.request(
      "POST",
      "/api/events/hmj-2026/announcements",
      '{"text":"Hi"}',
      {
        "content-type": type,
      },
    );
    sent++;
    expectProblem4xx(res, type);
  });

  it("drops an upload aborted halfway without answering it with 500 or logging it", async () => {
    const { port } = new URL(server.url);
    const before = server.logs().length;
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((resolve) => {
        const socket = connect(Number(port), "127.0.0.1", () => {
          socket.write(
            `POST /api/events/hmj-2026/teams HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"name":"Byte`,
          );
          socket.destroy();
          resolve();
        });
      });
      sent++;
    }
    // The server has let go of every aborted connection once it holds none but keep-alives.
    await expect
      .poll(
        () =>
          new Promise<number>((resolve) => server.app.server.getConnections((_e, n) => resolve(n))),
      )
      .toBeLessThanOrEqual(4);
    expect(server.logs().slice(before)).toEqual([]);
  });
});

/** The same body with a control character in every string. */
function poisoned<T>(value: T, ch = "\u0000"): T {
  if (typeof value === "string") return `${value}${ch}x` as T;
  if (Array.isArray(value)) return value.map((v) => poisoned(v, ch)) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === "categoryId" ? v : poisoned(v, ch)]),
    ) as T;
  return value;
}

describe("control characters in every text field", () => {
  it.each(["\u0000", "\u0007", "\u001B", "\u009B", "\uDC00"])(
    "refuses %j with 400 validation and stores nothing",
    async (ch) => {
      server.clock.set(DURING_REGISTRATION);
      const before = await counts();
      const bodies: [Client, string, string, unknown][] = [
        [new Client(server.url), "POST", "/api/events/hmj-2026/teams", buildTeam(s.categoryId)],
        [team, "POST", "/api/teams/me/members", buildMember()],
        [s.organizer, "POST", "/api/events", buildEvent()],
        [s.organizer, "POST", "/api/events/hmj-2026/categories", buildCategory()],
        [s.organizer, "POST", "/api/events/hmj-2026/announcements", { text: "Pizza is here" }],
        [
          s.organizer,
          "POST",
          "/api/events/hmj-2026/judges",
          {
            name: "Jo",
            email: "jo@example.com",
            schools: ["Oakwood"],
            categoryIds: [s.categoryId],
          },
        ],
        [new Client(server.url), "POST", "/api/consent/some-token", { guardianName: "Pat" }],
        [
          new Client(server.url),
          "POST",
          "/api/events/hmj-2026/teachers/requests",
          {
            name: "Ms Rowan",
            email: "rowan@example.com",
            phone: "0161 496 0001",
            school: "Oak School",
            password: "teacher password",
          },
        ],
      ];
      for (const [who, method, path, body] of bodies) {
        const res = await who.request(method, path, poisoned(body, ch));
        sent++;
        expect(res.status, path).toBe(400);
        expect(res.body, path).toMatchObject({ type: "/problems/validation" });
      }
      expect(await counts()).toEqual(before);
    },
  );
});

describe("the log after all of the above", () => {
  it("holds no error, no stack and no personal value, and at most one line per request", () => {
    const lines = server.logs().map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(sent).toBeGreaterThan(500);
    expect(lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
    expect(lines.filter((l) => (l.level as number) >= 40).length).toBeLessThanOrEqual(sent);
    const text = server.logs().join("\n");
    expect(text).not.toMatch(/"stack"|Lovelace|2011-06-15|guardian\d+@example\.com|\$argon2/);
  });
});
