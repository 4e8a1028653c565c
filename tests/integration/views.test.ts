import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EventView } from "../../shared/api";
import { Client } from "../helpers/http";
import { judgingScenario, type Scenario } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";
import { socketPool, type TestSocket } from "../helpers/sockets";

// What every screen asks for comes from views kept in memory: however many screens connect or
// load the public pages at once, the database is not asked again per screen.
let server: TestServer;
let s: Scenario;
let queries: string[] = [];
const sockets = socketPool(() => server.url);
const E = "/api/events/hmj-2026";

beforeAll(async () => {
  server = await startTestServer({ onQuery: (query) => queries.push(query) });
});
afterAll(() => server.close());
afterEach(() => sockets.closeAll());
beforeEach(async () => {
  await server.reset();
  s = await judgingScenario(server, ["Oak School", "Elm School"]);
});

/** Resolves once a socket's snapshot is complete: the stage comes last. */
const snapshot = (socket: TestSocket) => new Promise((resolve) => socket.once("stage", resolve));

describe("in-memory views", () => {
  it("let a crowd of screens connect without a database query per screen", async () => {
    const judge = await s.judge("ann@example.com");
    // The first screens of each kind read what they need; the crowd after them should not.
    await Promise.all(
      [null, s.organizer.cookieValue, judge.client.cookieValue].map((c) =>
        snapshot(sockets.connect(c)),
      ),
    );
    queries = [];
    const crowd = [
      ...Array.from({ length: 60 }, () => sockets.connect(null)),
      ...Array.from({ length: 10 }, () => sockets.connect(s.organizer.cookieValue)),
      ...Array.from({ length: 10 }, () => sockets.connect(judge.client.cookieValue)),
    ];
    const started = Date.now();
    await Promise.all(crowd.map(snapshot));
    // The organizers' judging views are checked against the events row's key at most once per
    // two seconds however many screens ask (server/realtime/judgingFeed.ts, FRESH_MS); on a
    // busy machine the crowd can take longer than that. Nothing else is read.
    const isKeyCheck = (query: string) => query.includes("xmin");
    expect(queries.filter((q) => !isKeyCheck(q))).toEqual([]);
    expect(queries.filter(isKeyCheck).length).toBeLessThanOrEqual(
      Math.ceil((Date.now() - started) / 2_000),
    );
  });

  it("answer the public pages' reads from memory, and follow a change at once", async () => {
    const anonymous = new Client(server.url);
    const reads = ["", "/clock", "/results", "/stage", "/announcements"].map((p) => `${E}${p}`);
    for (const path of reads) expect((await anonymous.get(path)).status).toBe(200);
    queries = [];
    for (let i = 0; i < 5; i++)
      for (const path of reads) expect((await anonymous.get(path)).status).toBe(200);
    expect(queries).toEqual([]);
    // An edit shows in the next read, and is pushed to the screens.
    const screen = sockets.connect(null);
    await snapshot(screen);
    const pushed = new Promise((resolve) => screen.once("clock", resolve));
    const renamed = await s.organizer.patch(E, { name: "Hack Manchester Junior, renamed" });
    expect(renamed.status).toBe(200);
    await pushed;
    const page = await anonymous.get<{ event: EventView }>(E);
    expect(page.body.event.name).toBe("Hack Manchester Junior, renamed");
    const posted = await s.organizer.post(`${E}/announcements`, { text: "Lunch is served" });
    expect(posted.status).toBe(201);
    const list = await anonymous.get<{ announcements: { text: string }[] }>(`${E}/announcements`);
    expect(list.body.announcements.map((a) => a.text)).toContain("Lunch is served");
  });
});
