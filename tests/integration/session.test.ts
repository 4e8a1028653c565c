import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sessions, users } from "../../server/db/schema";
import { ensureOrganizer, issueSetupToken } from "../../server/services/setup";
import { LIMITS } from "../../shared/limits";
import { ORGANIZER } from "../helpers/factories";
import { Client } from "../helpers/http";
import { testPasswords } from "../helpers/passwords";
import { startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  await server.reset();
  await ensureOrganizer(server.database.db, ORGANIZER.email, ORGANIZER.password, testPasswords);
});

const MINUTE = 60_000;

describe("sign-in", () => {
  it("signs in with the right password and sets an HttpOnly, SameSite=Lax session cookie", async () => {
    const client = new Client(server.url);
    const res = await client.post("/api/session", ORGANIZER);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: { id: expect.any(String), role: "organizer", name: "Organizer" },
    });
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect((await client.get("/api/session")).body).toEqual(res.body);
  });

  it("treats the email case-insensitively and with spaces trimmed", async () => {
    const res = await new Client(server.url).post("/api/session", {
      email: `  ${ORGANIZER.email.toUpperCase()} `,
      password: ORGANIZER.password,
    });
    expect(res.status).toBe(200);
  });

  it("refuses a wrong password with 401 invalid-credentials", async () => {
    const res = await new Client(server.url).post("/api/session", {
      ...ORGANIZER,
      password: "wrong password",
    });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ type: "/problems/invalid-credentials" });
  });

  it("gives the same answer for an unknown email as for a wrong password", async () => {
    const res = await new Client(server.url).post("/api/session", {
      email: "nobody@example.com",
      password: "whatever1",
    });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ type: "/problems/invalid-credentials" });
  });

  it("refuses unknown keys and a missing password with 400 validation", async () => {
    const extra = await new Client(server.url).post("/api/session", {
      ...ORGANIZER,
      role: "organizer",
    });
    expect(extra.status).toBe(400);
    expect(extra.body).toMatchObject({
      errors: [{ path: "body", message: expect.stringContaining("role") }],
    });
    const missing = await new Client(server.url).post("/api/session", { email: ORGANIZER.email });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ errors: [{ path: "password" }] });
  });

  it("answers GET /api/session without a session with 401 unauthenticated", async () => {
    const res = await new Client(server.url).get("/api/session");
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ type: "/problems/unauthenticated" });
  });
});

describe("too many attempts", () => {
  it("locks one account after 5 failures in 15 minutes, leaves others alone, and unlocks later", async () => {
    await ensureOrganizer(
      server.database.db,
      "other@example.com",
      "another password",
      testPasswords,
    );
    const now = new Date("2026-03-14T09:00:00Z");
    server.clock.set(now);
    const client = new Client(server.url);
    for (let i = 0; i < LIMITS.signInFailuresAllowed; i++) {
      expect(
        (await client.post("/api/session", { ...ORGANIZER, password: `wrong ${i}` })).status,
      ).toBe(401);
    }
    const locked = await client.post("/api/session", ORGANIZER);
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ type: "/problems/too-many-attempts" });
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);

    const other = await new Client(server.url).post("/api/session", {
      email: "other@example.com",
      password: "another password",
    });
    expect(other.status).toBe(200);

    server.clock.set(new Date(now.getTime() + 16 * MINUTE));
    expect((await client.post("/api/session", ORGANIZER)).status).toBe(200);
  });

  it("holds the limit when wrong guesses race", async () => {
    const guesses = Array.from({ length: 12 }, (_, i) =>
      new Client(server.url).post("/api/session", { ...ORGANIZER, password: `race ${i}` }),
    );
    const statuses = (await Promise.all(guesses)).map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(LIMITS.signInFailuresAllowed);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - LIMITS.signInFailuresAllowed);
  });
});

describe("session lifetime", () => {
  it("rotates the session at sign-in: the old cookie stops working", async () => {
    const client = new Client(server.url);
    await client.post("/api/session", ORGANIZER);
    const first = client.cookieValue!;
    await client.post("/api/session", ORGANIZER);
    expect(client.cookieValue).not.toBe(first);
    const old = new Client(server.url);
    Object.assign(old, { cookie: first });
    expect((await old.get("/api/session")).status).toBe(401);
  });

  it("ends a session after a day without use", async () => {
    const now = new Date("2026-03-14T09:00:00Z");
    server.clock.set(now);
    const client = new Client(server.url);
    await client.post("/api/session", ORGANIZER);
    server.clock.set(new Date(now.getTime() + 23 * 60 * MINUTE));
    expect((await client.get("/api/session")).status).toBe(200);
    server.clock.set(new Date(now.getTime() + 23 * 60 * MINUTE + LIMITS.sessionIdleMs + MINUTE));
    expect((await client.get("/api/session")).status).toBe(401);
  });

  it("ends a session after its absolute lifetime even when used every hour", async () => {
    const start = new Date("2026-03-14T09:00:00Z").getTime();
    server.clock.set(new Date(start));
    const client = new Client(server.url);
    await client.post("/api/session", ORGANIZER);
    for (let h = 12; h < LIMITS.sessionAbsoluteMs / (60 * MINUTE); h += 12) {
      server.clock.set(new Date(start + h * 60 * MINUTE));
      expect((await client.get("/api/session")).status).toBe(200);
    }
    server.clock.set(new Date(start + LIMITS.sessionAbsoluteMs + MINUTE));
    expect((await client.get("/api/session")).status).toBe(401);
  });

  it("signs out: the session is deleted and the cookie cleared", async () => {
    const client = new Client(server.url);
    await client.post("/api/session", ORGANIZER);
    const token = client.cookieValue!;
    const res = await client.delete("/api/session");
    expect(res.status).toBe(204);
    const old = new Client(server.url);
    Object.assign(old, { cookie: token });
    expect((await old.get("/api/session")).status).toBe(401);
    expect(await server.database.db.select().from(sessions)).toEqual([]);
  });
});

describe("first organizer set-up link", () => {
  beforeEach(() => server.reset());

  it("creates the organizer once; the link then stops working", async () => {
    const token = await issueSetupToken(server.database.db);
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits in base64url
    const client = new Client(server.url);
    expect((await client.get(`/api/setup/${token}`)).status).toBe(200);
    const body = { token, name: "Ruth", email: "ruth@example.com", password: "a long password" };
    const res = await client.post("/api/setup", body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ user: { role: "organizer", name: "Ruth" } });
    expect((await client.get("/api/session")).status).toBe(200);
    const again = await new Client(server.url).post("/api/setup", {
      ...body,
      email: "second@example.com",
    });
    expect(again.status).toBe(410);
    expect(again.body).toMatchObject({ type: "/problems/setup-done" });
    expect((await new Client(server.url).get(`/api/setup/${token}`)).status).toBe(410);
  });

  it("refuses a wrong token with 404 and creates no account", async () => {
    await issueSetupToken(server.database.db);
    const res = await new Client(server.url).post("/api/setup", {
      token: "not-the-token",
      name: "Mallory",
      email: "mallory@example.com",
      password: "a long password",
    });
    expect(res.status).toBe(404);
    expect(await server.database.db.select().from(users)).toEqual([]);
  });

  it("refuses a short password with 400 and keeps the link usable", async () => {
    const token = await issueSetupToken(server.database.db);
    const res = await new Client(server.url).post("/api/setup", {
      token,
      name: "Ruth",
      email: "ruth@example.com",
      password: "short",
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ errors: [{ path: "password" }] });
    expect((await new Client(server.url).get(`/api/setup/${token}`)).status).toBe(200);
  });

  it("lets only one of several racing set-ups succeed", async () => {
    const token = await issueSetupToken(server.database.db);
    const attempts = Array.from({ length: 5 }, (_, i) =>
      new Client(server.url).post("/api/setup", {
        token,
        name: `Person ${i}`,
        email: `person${i}@example.com`,
        password: "a long password",
      }),
    );
    const statuses = (await Promise.all(attempts)).map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(
      await server.database.db.select().from(users).where(eq(users.role, "organizer")),
    ).toHaveLength(1);
  });
});

describe("the signed-in hint", () => {
  const signIn = () =>
    fetch(`${server.url}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify(ORGANIZER),
    });
  const cookiesOf = (res: Response) => res.headers.getSetCookie();

  it("comes with the session cookie, readable by the page and holding nothing else", async () => {
    const res = await signIn();
    expect(res.status).toBe(200);
    const hint = cookiesOf(res).find((c) => c.startsWith("hmj_signed_in="))!;
    expect(hint).toMatch(/^hmj_signed_in=1;/);
    expect(hint).not.toMatch(/HttpOnly/i);
    expect(hint).toMatch(/SameSite=Lax/i);
    const session = cookiesOf(res).find((c) => c.startsWith("hmj_session="))!;
    expect(session).toMatch(/HttpOnly/i);
  });

  it("goes at sign-out, and when the session has ended elsewhere", async () => {
    const session = cookiesOf(await signIn())
      .find((c) => c.startsWith("hmj_session="))!
      .split(";")[0]!;
    const cookie = `${session}; hmj_signed_in=1`;
    const out = await fetch(`${server.url}/api/session`, {
      method: "DELETE",
      headers: { cookie, origin: server.url },
    });
    expect(out.status).toBe(204);
    expect(cookiesOf(out)).toContainEqual(
      expect.stringMatching(/^hmj_signed_in=;.*Expires=Thu, 01 Jan 1970/),
    );
    // The page still holds the hint for a session that is gone: asking clears it.
    const stale = await fetch(`${server.url}/api/session`, { headers: { cookie } });
    expect(stale.status).toBe(401);
    expect(cookiesOf(stale)).toContainEqual(expect.stringMatching(/^hmj_signed_in=;/));
  });

  it("is given back with a page to a session that lacks it, and to nobody else", async () => {
    const session = cookiesOf(await signIn())
      .find((c) => c.startsWith("hmj_session="))!
      .split(";")[0]!;
    const page = (cookie?: string) =>
      fetch(`${server.url}/judge`, { headers: cookie ? { cookie } : {} });
    const restored = cookiesOf(await page(session));
    expect(restored).toContainEqual(expect.stringMatching(/^hmj_signed_in=1;/));
    expect(cookiesOf(await page(`${session}; hmj_signed_in=1`))).toEqual([]);
    expect(cookiesOf(await page())).toEqual([]);
  });
});
