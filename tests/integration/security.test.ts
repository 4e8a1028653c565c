import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildEvent, insertEvent, signInOrganizer } from "../helpers/factories";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function expectProblem(
  res: { status: number; headers: Headers; body: unknown },
  status: number,
  slug: string,
) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: `/problems/${slug}`, status });
  expect(typeof (res.body as { title: unknown }).title).toBe("string");
  expect(typeof (res.body as { detail: unknown }).detail).toBe("string");
}

describe("health", () => {
  it("says the server is up and which database it uses", async () => {
    const res = await new Client(server.url).get("/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", db: server.database.kind });
  });
});

describe("headers", () => {
  it("sends a strict Content-Security-Policy and no X-Powered-By", async () => {
    const res = await fetch(`${server.url}/api/health`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-powered-by")).toBeNull();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("security headers on every kind of answer", () => {
  it("are the same on a public read, an API answer, a file and a refusal", async () => {
    await insertEvent(server.database.db, { slug: "hmj-2026" });
    const paths = ["/api/events/hmj-2026", "/api/health", "/robots.txt", "/api/nope"];
    const answers = await Promise.all(paths.map((path) => fetch(`${server.url}${path}`)));
    const expected = {
      "content-security-policy": expect.stringContaining("frame-ancestors 'none'"),
      "cross-origin-opener-policy": "same-origin",
      "cross-origin-resource-policy": "same-origin",
      "referrer-policy": "no-referrer",
      "x-content-type-options": "nosniff",
      "x-frame-options": "SAMEORIGIN",
      "x-robots-tag": "noindex, nofollow",
    };
    for (const [i, res] of answers.entries()) {
      const headers = Object.fromEntries(Object.keys(expected).map((h) => [h, res.headers.get(h)]));
      expect({ path: paths[i], ...headers }).toEqual({ path: paths[i], ...expected });
      expect(res.headers.get("strict-transport-security")).toBeNull();
      expect(res.headers.get("x-powered-by")).toBeNull();
    }
  });
});

describe("problems", () => {
  it("answers an unknown API route with a 404 problem", async () => {
    expectProblem(await new Client(server.url).get("/api/nope"), 404, "not-found");
  });

  it("answers malformed JSON with 400 validation and an errors list", async () => {
    const organizer = await signInOrganizer(server.url, server.database);
    const res = await organizer.post("/api/events", '{"name": ');
    expectProblem(res, 400, "validation");
    expect((res.body as { errors: unknown[] }).errors).toEqual([
      { path: "body", message: expect.any(String) },
    ]);
  });

  it("refuses a JSON body over 1 MB with 413 and creates nothing", async () => {
    const organizer = await signInOrganizer(server.url, server.database);
    const res = await organizer.post("/api/events", {
      ...buildEvent(),
      venue: "x".repeat(1024 * 1024 + 10),
    });
    expectProblem(res, 413, "payload-too-large");
    const list = await organizer.get<{ events: unknown[] }>("/api/events");
    expect(list.body.events).toEqual([]);
  });

  it("never sends a stack trace", async () => {
    const organizer = await signInOrganizer(server.url, server.database);
    const res = await organizer.post("/api/events", "[1,2");
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});

describe("cross-site requests", () => {
  it("refuses a state-changing request whose Origin names another site with 403, changing nothing", async () => {
    const organizer = await signInOrganizer(server.url, server.database);
    const res = await organizer.post("/api/events", buildEvent(), {
      origin: "https://evil.example",
    });
    expectProblem(res, 403, "forbidden");
    expect((await organizer.get<{ events: unknown[] }>("/api/events")).body.events).toEqual([]);
  });

  it("refuses a cross-site request that carries no Origin but says it is cross-site", async () => {
    const organizer = await signInOrganizer(server.url, server.database);
    const noOrigin = new Client(server.url, null);
    Object.assign(noOrigin, { cookie: organizer.cookieValue });
    const res = await noOrigin.post("/api/events", buildEvent(), {
      "sec-fetch-site": "cross-site",
    });
    expectProblem(res, 403, "forbidden");
  });

  it("accepts a same-origin request", async () => {
    const organizer = await signInOrganizer(server.url, server.database);
    expect((await organizer.post("/api/events", buildEvent())).status).toBe(201);
  });
});

describe("roles", () => {
  const organizerRoutes: [string, string][] = [
    ["GET", "/api/events"],
    ["POST", "/api/events"],
    ["PATCH", "/api/events/some-event"],
    ["POST", "/api/events/some-event/categories"],
    ["POST", "/api/events/some-event/prizes"],
    ["GET", "/api/events/some-event/judges"],
    ["POST", "/api/events/some-event/judges"],
  ];

  it.each(organizerRoutes)(
    "refuses anonymous %s %s with 401 unauthenticated",
    async (method, path) => {
      const res = await new Client(server.url).request(
        method,
        path,
        method === "GET" ? undefined : {},
      );
      expectProblem(res, 401, "unauthenticated");
    },
  );

  it.each(organizerRoutes)("refuses a judge's %s %s with 403 forbidden", async (method, path) => {
    const organizer = await signInOrganizer(server.url, server.database);
    const created = await organizer.post<{ event: { slug: string } }>(
      "/api/events",
      buildEvent({ slug: "some-event" }),
    );
    expect(created.status).toBe(201);
    const category = await organizer.post<{ category: { id: string } }>(
      "/api/events/some-event/categories",
      {
        name: "Open",
        singleSchool: false,
        criteria: [{ name: "Fun", weight: 1, maxScore: 5 }],
      },
    );
    const invite = await organizer.post<{ inviteUrl: string }>("/api/events/some-event/judges", {
      name: "Jo",
      email: "jo@example.com",
      schools: [],
      categoryIds: [category.body.category.id],
    });
    const judge = new Client(server.url);
    const token = invite.body.inviteUrl.split("/").pop();
    expect((await judge.post(`/api/invites/${token}`, { password: "judge-password" })).status).toBe(
      200,
    );
    const res = await judge.request(method, path, method === "GET" ? undefined : {});
    expectProblem(res, 403, "forbidden");
  });
});
