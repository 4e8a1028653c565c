import { request } from "node:http";
import { sql } from "drizzle-orm";
import { io } from "socket.io-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rowsOf } from "../../server/db/migrate";
import type { LinkBaseView } from "../../shared/api";
import { buildCategory, buildEvent, buildTeam, signInOrganizer } from "../helpers/factories";
import { Client } from "../helpers/http";
import { DURING_REGISTRATION, EVENT_TIMES } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let organizer: Client;
let categoryId: string;
let port: string;

beforeAll(async () => {
  server = await startTestServer();
  port = new URL(server.url).port;
});
afterAll(() => server.close());
beforeEach(async () => {
  await server.reset();
  server.clock.set(DURING_REGISTRATION);
  organizer = await signInOrganizer(server.url, server.database);
  await organizer.post("/api/events", buildEvent({ slug: "hmj-2026", ...EVENT_TIMES }));
  const cat = await organizer.post<{ category: { id: string } }>(
    "/api/events/hmj-2026/categories",
    buildCategory(),
  );
  categoryId = cat.body.category.id;
});

/** A request with a Host header of our choosing (fetch will not send one). */
function withHost(
  host: string,
  method: string,
  path: string,
  body?: unknown,
  cookie?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        headers: {
          host,
          ...(payload ? { "content-type": "application/json" } : {}),
          ...(cookie ? { cookie } : {}),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (d) => {
          text += d;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }),
        );
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

async function outboxBodies(): Promise<string[]> {
  return rowsOf<{ body: string }>(
    await server.database.db.execute(sql`SELECT body FROM outbox`),
  ).map((r) => r.body);
}

describe("links in invites and consent mail", () => {
  it("refuses a request whose Host is not the app's with 421, storing and mailing nothing", async () => {
    const res = await withHost(
      "evil.example/phish?x=",
      "POST",
      "/api/events/hmj-2026/teams",
      buildTeam(categoryId),
    );
    expect(res.status).toBe(421);
    expect(res.body).toMatchObject({ type: "/problems/misdirected-request" });
    const [row] = rowsOf<{ n: number }>(
      await server.database.db.execute(sql`SELECT count(*)::int AS n FROM teams`),
    );
    expect(row!.n).toBe(0);
    expect(await outboxBodies()).toEqual([]);
    // The app's own names pass.
    expect((await withHost(`localhost:${port}`, "GET", "/api/health")).status).toBe(200);
  });

  it("builds links from the app's own address, whatever Host the request names", async () => {
    const own = `http://127.0.0.1:${port}`;
    const signup = await withHost(
      `localhost:${port}`,
      "POST",
      "/api/events/hmj-2026/teams",
      buildTeam(categoryId),
    );
    expect(signup.status).toBe(201);
    const bodies = await outboxBodies();
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) expect(body).toContain(`${own}/consent/`);
    const invite = await withHost(
      `localhost:${port}`,
      "POST",
      "/api/events/hmj-2026/judges",
      { name: "Jo", email: "jo@example.com", schools: [], categoryIds: [categoryId] },
      organizer.cookieValue!,
    );
    expect(invite.body.inviteUrl).toMatch(new RegExp(`^${own}/invite/`));
  });

  it("shows the organizer the address links use and lets them choose only among the app's own", async () => {
    const view = await organizer.get<LinkBaseView>("/api/settings/links");
    expect(view.body).toEqual({
      base: `http://127.0.0.1:${port}`,
      fixed: false,
      choices: [`http://127.0.0.1:${port}`, `http://localhost:${port}`],
      phonesCanOpen: false,
    });

    const foreign = await organizer.request("PUT", "/api/settings/links", {
      base: "http://evil.example",
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({ errors: [{ path: "base" }] });
    const stored = () =>
      server.database.db.execute(sql`SELECT value FROM app_settings WHERE key = 'link_base'`);
    expect(rowsOf(await stored())).toEqual([]);

    const chosen = await organizer.request<LinkBaseView>("PUT", "/api/settings/links", {
      base: `http://localhost:${port}`,
    });
    expect(chosen.status).toBe(200);
    expect(chosen.body.base).toBe(`http://localhost:${port}`);
    expect(rowsOf(await stored())).toEqual([{ value: `http://localhost:${port}` }]);
    const invite = await organizer.post<{ inviteUrl: string }>("/api/events/hmj-2026/judges", {
      name: "Jo",
      email: "jo@example.com",
      schools: [],
      categoryIds: [categoryId],
    });
    expect(invite.body.inviteUrl).toMatch(new RegExp(`^http://localhost:${port}/invite/`));

    expect((await new Client(server.url).get("/api/settings/links")).status).toBe(401);
    const team = new Client(server.url);
    await team.post("/api/events/hmj-2026/teams", buildTeam(categoryId));
    expect((await team.get("/api/settings/links")).status).toBe(403);
  });
});

describe("the Origin check", () => {
  it("refuses an Origin that differs from the app's only in its scheme", async () => {
    const res = await organizer.post("/api/events", buildEvent(), {
      origin: `https://127.0.0.1:${port}`,
    });
    expect(res.status).toBe(403);
    const list = await organizer.get<{ events: unknown[] }>("/api/events");
    expect(list.body.events).toHaveLength(1);
    expect((await organizer.post("/api/events", buildEvent())).status).toBe(201);
  });

  it("refuses a socket from the https:// origin of the app's http:// address", async () => {
    const connect = (origin: string) =>
      new Promise<string>((resolve) => {
        const socket = io(server.url, {
          auth: { event: "hmj-2026" },
          transports: ["polling"],
          reconnection: false,
          extraHeaders: { origin },
        });
        socket.once("clock", () => {
          socket.disconnect();
          resolve("connected");
        });
        socket.once("connect_error", () => {
          socket.disconnect();
          resolve("refused");
        });
      });
    expect(await connect(`https://127.0.0.1:${port}`)).toBe("refused");
    expect(await connect(`http://127.0.0.1:${port}`)).toBe("connected");
  });
});

describe("with PUBLIC_URL", () => {
  let fixed: TestServer;
  beforeAll(async () => {
    fixed = await startTestServer({ publicUrl: "https://hmj.example.org" });
  });
  afterAll(() => fixed.close());

  it("links always use it, and the organizer can't choose another address", async () => {
    const org = await signInOrganizer(fixed.url, fixed.database);
    expect((await org.get<LinkBaseView>("/api/settings/links")).body).toMatchObject({
      base: "https://hmj.example.org",
      fixed: true,
      phonesCanOpen: true,
    });
    const res = await org.request("PUT", "/api/settings/links", { base: fixed.url });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ type: "/problems/public-url-set" });
  });
});
