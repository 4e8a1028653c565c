import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../../server/db/migrate";
import type { Mail, Mailer } from "../../server/lib/mailer";
import { argon2Hasher } from "../../server/lib/passwords";
import { ensureOrganizer } from "../../server/services/setup";
import { LIMITS } from "../../shared/limits";
import {
  buildCategory,
  buildEvent,
  buildMember,
  buildTeam,
  ORGANIZER,
  signInOrganizer,
} from "../helpers/factories";
import { Client } from "../helpers/http";
import { DURING_REGISTRATION, EVENT_TIMES } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";

const PERSONAL = /Lovelace|2011-06-15|guardian\d+@example\.com|\$argon2|team password/;

async function count(server: TestServer, table: string, where = sql`true`): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await server.database.db.execute(
      sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE ${where}`,
    ),
  );
  return row!.n;
}

/** A sign-in that keeps the device cookie the way a browser would. */
async function signIn(
  server: TestServer,
  email: string,
  password: string,
  device?: string,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${server.url}/api/session`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: server.url,
      ...(device ? { cookie: `hmj_device=${device}` } : {}),
      ...headers,
    },
    body: JSON.stringify({ email, password }),
  });
  const kept = res.headers
    .getSetCookie()
    .map((c) => c.match(/^hmj_device=([^;]+)/)?.[1])
    .find(Boolean);
  return {
    status: res.status,
    retryAfter: res.headers.get("retry-after"),
    body: await res.json(),
    device: kept,
  };
}

describe("a flood of sign-ins with production password hashing", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ passwords: argon2Hasher() });
    await ensureOrganizer(server.database.db, ORGANIZER.email, ORGANIZER.password, argon2Hasher());
  });
  afterAll(() => server.close());

  // How fast health answers meanwhile is a figure for the benchmark (npm run bench -- --scale
  // measures it through a reconnect storm), not a timed assertion here: this checks that it
  // keeps answering while the hashing queue refuses the flood.
  it("keeps answering /api/health while sign-ins are refused with 429", async () => {
    const statuses: number[] = [];
    const health: number[] = [];
    let flooding = true;
    let retryAfter: string | null = null;
    // Sixteen clients each guess random emails as fast as answers come back.
    const flood = Array.from({ length: 16 }, async () => {
      while (flooding) {
        const res = await signIn(server, `${randomBytes(6).toString("hex")}@example.com`, "guess");
        statuses.push(res.status);
        if (res.status === 429) retryAfter ??= res.retryAfter;
      }
    });
    const started = Date.now();
    // Bounded: until the flood has been refused for a while, at most 30 s.
    while (Date.now() - started < 30_000) {
      const res = await fetch(`${server.url}/api/health`);
      await res.text();
      health.push(res.status);
      if (statuses.filter((s) => s === 429).length > 300 && health.length > 100) break;
    }
    flooding = false;
    await Promise.all(flood);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(300);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Health answered all along, more than a hundred times during the flood.
    expect(health.length).toBeGreaterThan(100);
    expect(health.filter((s) => s !== 200)).toEqual([]);
    // The limit is the flooding network's: the organizer on another network signs in. (The
    // app trusts X-Forwarded-For from a proxy on this computer, which the test stands in for.)
    const elsewhere = { "x-forwarded-for": "10.1.2.3" };
    expect(
      (await signIn(server, ORGANIZER.email, ORGANIZER.password, undefined, elsewhere)).status,
    ).toBe(200);
    expect(server.logs().join("\n")).not.toMatch(PERSONAL);
  }, 60_000);
});

describe("the per-account lock", () => {
  let server: TestServer;
  beforeAll(async () => {
    // Off, to show that the lock on an account does not depend on the rate limits.
    server = await startTestServer({ rateLimits: false });
  });
  afterAll(() => server.close());

  it("locks out strangers after five failures, even racing, but not a browser that signed in before", async () => {
    await signInOrganizer(server.url, server.database);
    const owner = await signIn(server, ORGANIZER.email, ORGANIZER.password);
    expect(owner.status).toBe(200);
    expect(owner.device).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const guesses = await Promise.all(
      Array.from({ length: 12 }, () => signIn(server, ORGANIZER.email, "wrong password")),
    );
    const statuses = guesses.map((g) => g.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(LIMITS.signInFailuresAllowed);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - LIMITS.signInFailuresAllowed);
    expect(await count(server, "sign_in_failures")).toBe(LIMITS.signInFailuresAllowed);
    const locked = await signIn(server, ORGANIZER.email, ORGANIZER.password);
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ type: "/problems/too-many-attempts" });
    expect(Number(locked.retryAfter)).toBeGreaterThan(0);

    // The owner's browser still signs in, and its own failures lock only it.
    expect((await signIn(server, ORGANIZER.email, ORGANIZER.password, owner.device)).status).toBe(
      200,
    );
    for (let i = 0; i < LIMITS.signInFailuresAllowed; i++)
      expect((await signIn(server, ORGANIZER.email, "typo", owner.device)).status).toBe(401);
    expect((await signIn(server, ORGANIZER.email, ORGANIZER.password, owner.device)).status).toBe(
      429,
    );
    // A device cookie from another account, or a made-up one, is a stranger's.
    expect((await signIn(server, ORGANIZER.email, ORGANIZER.password, "x".repeat(43))).status).toBe(
      429,
    );
  });

  it("lets sign-ups through without limit when rate limits are off", async () => {
    await server.reset();
    server.clock.set(DURING_REGISTRATION);
    const organizer = await signInOrganizer(server.url, server.database);
    await organizer.post("/api/events", buildEvent({ slug: "open-house", ...EVENT_TIMES }));
    const cat = await organizer.post<{ category: { id: string } }>(
      "/api/events/open-house/categories",
      buildCategory(),
    );
    const over = LIMITS.rates.signUp.max + 5;
    for (let i = 0; i < over; i++) {
      const res = await new Client(server.url).post(
        "/api/events/open-house/teams",
        buildTeam(cat.body.category.id, { members: [buildMember()] }),
      );
      expect(res.status).toBe(201);
    }
  }, 120_000);
});

describe("sign-ups from one network, and mail to one guardian", () => {
  const sent: Mail[] = [];
  const mailer: Mailer = {
    enabled: true,
    async send(mail) {
      sent.push(mail);
    },
  };
  let server: TestServer;
  let categoryId: string;
  beforeAll(async () => {
    server = await startTestServer({ mailer });
    server.clock.set(DURING_REGISTRATION);
    const organizer = await signInOrganizer(server.url, server.database);
    await organizer.post("/api/events", buildEvent({ slug: "hmj-2026", ...EVENT_TIMES }));
    const cat = await organizer.post<{ category: { id: string } }>(
      "/api/events/hmj-2026/categories",
      buildCategory(),
    );
    categoryId = cat.body.category.id;
  });
  afterAll(() => server.close());

  it("caps the mail to one guardian address per hour, however many sign-ups race", async () => {
    const guardian = { name: "Pat Lovelace", email: "busy.parent@example.com" };
    const signups = await Promise.all(
      Array.from({ length: 9 }, () =>
        new Client(server.url).post(
          "/api/events/hmj-2026/teams",
          buildTeam(categoryId, { members: [buildMember({ guardian })] }),
        ),
      ),
    );
    expect(signups.map((r) => r.status)).toEqual(Array(9).fill(201));
    const toGuardian = sql`to_email = ${guardian.email}`;
    expect(await count(server, "outbox", toGuardian)).toBe(9);
    expect(await count(server, "outbox", sql`${toGuardian} AND error IS NULL`)).toBe(
      LIMITS.mailsPerAddressPerHour,
    );
    await expect
      .poll(() => sent.filter((m) => m.to === guardian.email).length)
      .toBe(LIMITS.mailsPerAddressPerHour);
  });

  it("refuses sign-ups past the network's rate with 429 rate-limited and stores none of them", async () => {
    const before = await count(server, "teams");
    const allowed = LIMITS.rates.signUp.max - before;
    for (let i = 0; i < allowed; i++) {
      const res = await new Client(server.url).post(
        "/api/events/hmj-2026/teams",
        buildTeam(categoryId, { members: [buildMember()] }),
      );
      expect(res.status).toBe(201);
    }
    const refused = await new Client(server.url).post(
      "/api/events/hmj-2026/teams",
      buildTeam(categoryId, { members: [buildMember()] }),
    );
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ type: "/problems/rate-limited" });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await count(server, "teams")).toBe(LIMITS.rates.signUp.max);
    expect(server.logs().join("\n")).not.toMatch(PERSONAL);
  }, 120_000);
});
