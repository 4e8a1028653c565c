/**
 * A teacher signs up from the event page and waits for an organizer: signed in at once, shown
 * nothing of any pupil until approved; approved, they see their school's teams as an invited
 * teacher does; turned down, they cannot sign in again and are told so.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rowsOf } from "../../server/db/migrate";
import { auditLog, schools, sessions, teachers, teams, users } from "../../server/db/schema";
import type { TeacherHome, TeacherView } from "../../shared/api";
import { LIMITS } from "../../shared/limits";
import {
  buildTeam,
  type InsertedTeam,
  insertCategory,
  insertEvent,
  insertOrganizer,
  insertTeacher,
  insertTeam,
  signedIn,
} from "../helpers/factories";
import { Client } from "../helpers/http";
import { DURING_REGISTRATION, EVENT_TIMES, registrationEvent } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";
import { drained, socketPool } from "../helpers/sockets";

type Problem = { type: string; detail: string; errors?: { path: string }[] };

let server: TestServer;
let organizer: Client;
let oak: InsertedTeam;
let eventId: string;
let categoryId: string;
const SLUG = "hmj-2026";
const E = `/api/events/${SLUG}`;
const sockets = socketPool(() => server.url);

beforeAll(async () => {
  server = await startTestServer({ rateLimits: false });
});
afterAll(() => server.close());
afterEach(() => sockets.closeAll());
beforeEach(async () => {
  const { db, event } = await registrationEvent(server, SLUG);
  eventId = event.id;
  categoryId = (await insertCategory(db, event.id)).id;
  oak = await insertTeam(db, {
    eventId: event.id,
    categoryId,
    name: "Oak Coders",
    members: [{ firstName: "Ada", lastName: "Lovelace", school: "Oak School" }],
  });
  organizer = await signedIn(server.url, db, await insertOrganizer(db), DURING_REGISTRATION);
});

const REQUEST = {
  name: "Ms Rowan",
  email: "rowan@example.com",
  phone: "0161 496 0001",
  // Typed differently from the pupils' sign-up: it joins the same school.
  school: "oak school.",
  password: "teacher password",
};

async function ask(overrides: Record<string, unknown> = {}) {
  const client = new Client(server.url);
  const res = await client.post<{ user: { id: string; role: string } }>(`${E}/teachers/requests`, {
    ...REQUEST,
    ...overrides,
  });
  return { client, res };
}

/** A valid team for a teacher to sign up: a pupil's sign-up without the school. */
function schoolTeam() {
  const { members, ...team } = buildTeam(categoryId);
  return { ...team, members: members.map(({ school: _, ...pupil }) => pupil) };
}

const decide = (client: Client, id: string, decision: string) =>
  client.post<{ teacher: TeacherView }>(`${E}/teachers/${id}/decision`, { decision });

async function pendingId(): Promise<string> {
  const list = await organizer.get<{ teachers: TeacherView[] }>(`${E}/teachers`);
  return list.body.teachers.find((t) => t.status === "pending")!.id;
}

const stored = async () => {
  const [counts] = rowsOf<Record<string, number>>(
    await server.database.db.execute(sql`SELECT
      (SELECT count(*)::int FROM users) AS users,
      (SELECT count(*)::int FROM teachers) AS teachers,
      (SELECT count(*)::int FROM schools) AS schools,
      (SELECT count(*)::int FROM sessions) AS sessions`),
  );
  return counts;
};

describe("a teacher's request", () => {
  it("signs the teacher in, waiting, with nothing of any pupil, in the school the name finds", async () => {
    const before = await stored();
    const { client, res } = await ask();
    expect(res.status).toBe(201);
    expect(res.body.user.role).toBe("teacher");
    // No new school: "oak school." is Oak School.
    expect((await stored())!.schools).toBe(before!.schools);
    const home = await client.get<TeacherHome>("/api/teachers/me");
    expect(home.status).toBe(200);
    expect(home.body.teacher.status).toBe("pending");
    expect(home.body.school.name).toBe("Oak School");
    expect(home.body.teams).toEqual([]);
    expect(home.body.announcements).toEqual([]);
    expect(JSON.stringify(home.body)).not.toMatch(/Ada|Lovelace|Oak Coders/);
    const viewed = await server.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "teacher.viewed-pupils"));
    expect(viewed).toEqual([]);
    // Everything that shows or changes pupils is refused while the request waits.
    const pupil = oak.members[0]!.id;
    for (const [path, body] of [
      [`/api/teachers/me/pupils/${pupil}/consent-link`, {}],
      [`/api/teachers/me/pupils/${pupil}/move`, { teamId: oak.id }],
      ["/api/teachers/me/check-in", {}],
      ["/api/teachers/me/teams", { teams: [schoolTeam()] }],
    ] as const) {
      const refused = await client.post<Problem>(path, body);
      expect(refused.status, path).toBe(403);
      expect(refused.body.type).toBe("/problems/request-pending");
    }
    // No team was signed up.
    const stillOne = await server.database.db.select({ id: teams.id }).from(teams);
    expect(stillOne).toEqual([{ id: oak.id }]);
    const list = await organizer.get<{ teachers: TeacherView[] }>(`${E}/teachers`);
    expect(list.body.teachers).toMatchObject([
      { name: "Ms Rowan", email: "rowan@example.com", school: "Oak School", status: "pending" },
    ]);
    const roster = await organizer.get<{ contacts: unknown[] }>(`${E}/check-in/roster`);
    expect(roster.body.contacts).toEqual([]);
  });

  it("joins no teachers' room while it waits: a teachers' announcement does not reach it", async () => {
    const { client } = await ask();
    const socket = sockets.connect(client.cookieValue);
    const heard: string[] = [];
    socket.on("teachers:announcement", (a) => heard.push(a.text));
    await new Promise((resolve) => socket.once("stage", resolve));
    const posted = await organizer.post(`${E}/announcements`, {
      text: "Teachers only",
      audience: "teachers",
    });
    expect(posted.status).toBe(201);
    await server.app.realtime.publisher.settled(eventId);
    await drained(socket);
    expect(heard).toEqual([]);
  });

  it.each([
    ["no name", { name: " " }, "name"],
    ["a bad email", { email: "rowan" }, "email"],
    ["no phone", { phone: undefined }, "phone"],
    ["a phone with letters", { phone: "call me" }, "phone"],
    ["no school", { school: " " }, "school"],
    ["a short password", { password: "short" }, "password"],
  ])("refuses %s with 400 validation, storing nothing", async (_label, patch, path) => {
    const before = await stored();
    const { res } = await ask(patch);
    expect(res.status).toBe(400);
    expect(((res.body as unknown as Problem).errors ?? []).map((e) => e.path)).toContain(path);
    expect(await stored()).toEqual(before);
  });

  it("refuses an unknown key, storing nothing", async () => {
    const before = await stored();
    const { res } = await ask({ role: "organizer" });
    expect(res.status).toBe(400);
    expect(await stored()).toEqual(before);
  });

  it("refuses once registration has closed, and before it opens, storing nothing", async () => {
    const before = await stored();
    server.clock.set(new Date(EVENT_TIMES.registrationClosesAt));
    const closed = await ask();
    expect(closed.res.status).toBe(409);
    expect((closed.res.body as unknown as Problem).type).toBe("/problems/registration-closed");
    server.clock.set(new Date("2026-01-01T09:00:00Z"));
    const early = await ask();
    expect(early.res.status).toBe(409);
    expect(await stored()).toEqual(before);
    expect(closed.client.cookieValue).toBeNull();
  });

  it("refuses an email any account has, storing nothing", async () => {
    const [org] = await server.database.db
      .select({ email: users.email })
      .from(users)
      .where(eq(users.role, "organizer"));
    const before = await stored();
    for (const email of [org!.email, oak.contact.email]) {
      const { res } = await ask({ email });
      expect(res.status).toBe(409);
      expect((res.body as unknown as Problem).errors?.[0]?.path).toBe("email");
    }
    expect(await stored()).toEqual(before);
  });

  it("refuses a second request with the same email, saying the first is waiting", async () => {
    expect((await ask()).res.status).toBe(201);
    const before = await stored();
    const { res } = await ask({ name: "Someone Else", school: "Elm School" });
    expect(res.status).toBe(409);
    expect((res.body as unknown as Problem).detail).toMatch(/already waiting/);
    expect(await stored()).toEqual(before);
  });

  it("lets one of two requests racing with one email in", async () => {
    const [a, b] = await Promise.all([ask(), ask({ name: "Twin" })]);
    expect([a.res.status, b.res.status].sort()).toEqual([201, 409]);
    expect(await server.database.db.select().from(teachers)).toHaveLength(1);
  });

  it("tells organizers' sockets of a new request", async () => {
    const socket = sockets.connect(organizer.cookieValue);
    let heard = 0;
    socket.on("teachers:changed", () => {
      heard += 1;
    });
    await new Promise((resolve) => socket.once("stage", resolve));
    expect((await ask()).res.status).toBe(201);
    await expect.poll(() => heard).toBe(1);
  });
});

describe("an organizer's answer", () => {
  it("approves: the teacher then sees the school's teams as an invited teacher does", async () => {
    const { client } = await ask();
    const socket = sockets.connect(organizer.cookieValue);
    let heard = 0;
    socket.on("teachers:changed", () => {
      heard += 1;
    });
    let organizerTold = 0;
    socket.on("account:changed", () => {
      organizerTold += 1;
    });
    // The waiting teacher's page is open: the approval reaches it, and only it.
    const waiting = sockets.connect(client.cookieValue);
    let told = 0;
    waiting.on("account:changed", () => {
      told += 1;
    });
    await Promise.all(
      [socket, waiting].map((s) => new Promise((resolve) => s.once("stage", resolve))),
    );
    const res = await decide(organizer, await pendingId(), "approve");
    expect(res.status).toBe(200);
    expect(res.body.teacher.status).toBe("approved");
    await expect.poll(() => heard).toBe(1);
    await expect.poll(() => told).toBe(1);
    await server.app.realtime.publisher.settled(eventId);
    await drained(socket);
    expect(organizerTold).toBe(0);
    const home = await client.get<TeacherHome>("/api/teachers/me");
    expect(home.body.teacher.status).toBe("approved");
    expect(home.body.teams.map((t) => t.name)).toEqual(["Oak Coders"]);
    expect(home.body.teams[0]!.pupils.map((p) => p.firstName)).toEqual(["Ada"]);
    const [row] = await server.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "teacher.approved"));
    expect(row).toBeDefined();
    // Approved, their socket joins the teachers' room.
    const teacherSocket = sockets.connect(client.cookieValue);
    const news: string[] = [];
    teacherSocket.on("teachers:announcement", (a) => news.push(a.text));
    await new Promise((resolve) => teacherSocket.once("stage", resolve));
    await organizer.post(`${E}/announcements`, { text: "Welcome", audience: "teachers" });
    await expect.poll(() => news).toEqual(["Welcome"]);
  });

  it("turns down: the teacher is signed out, cannot sign in again, and is told plainly", async () => {
    const { client } = await ask();
    const res = await decide(organizer, await pendingId(), "turn-down");
    expect(res.status).toBe(200);
    expect(res.body.teacher.status).toBe("declined");
    expect((await client.get("/api/teachers/me")).status).toBe(401);
    const [account] = await server.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, REQUEST.email));
    expect(
      await server.database.db.select().from(sessions).where(eq(sessions.userId, account!.id)),
    ).toEqual([]);
    const again = new Client(server.url);
    const signIn = await again.post<Problem>("/api/session", {
      email: REQUEST.email,
      password: REQUEST.password,
    });
    expect(signIn.status).toBe(403);
    expect(signIn.body.type).toBe("/problems/request-turned-down");
    expect(signIn.body.detail).toMatch(/turned down/);
    expect(again.cookieValue).toBeNull();
    // A wrong password is answered as any wrong password: it says nothing of the request.
    const wrong = await new Client(server.url).post<Problem>("/api/session", {
      email: REQUEST.email,
      password: "not the password",
    });
    expect(wrong.status).toBe(401);
  });

  it("gives one answer when two organizers decide at once", async () => {
    await ask();
    const id = await pendingId();
    const db = server.database.db;
    const second = await signedIn(server.url, db, await insertOrganizer(db), DURING_REGISTRATION);
    const [a, b] = await Promise.all([
      decide(organizer, id, "approve"),
      decide(second, id, "turn-down"),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const winner = a.status === 200 ? "approved" : "declined";
    const loser = (a.status === 409 ? a : b).body as unknown as Problem;
    expect(loser.type).toBe("/problems/request-decided");
    const [row] = await db.select().from(teachers).where(eq(teachers.id, id));
    expect(row!.status).toBe(winner);
    const decisions = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.action} IN ('teacher.approved', 'teacher.turned-down')`);
    expect(decisions).toHaveLength(1);
  });

  it("refuses to decide an invited teacher, an unknown id, or for anyone but an organizer", async () => {
    const invited = await insertTeacher(server.database.db, { eventId, school: "Elm School" });
    const res = await decide(organizer, invited.id, "turn-down");
    expect(res.status).toBe(409);
    expect((res.body as unknown as Problem).type).toBe("/problems/request-decided");
    const [row] = await server.database.db
      .select()
      .from(teachers)
      .where(eq(teachers.id, invited.id));
    expect(row!.status).toBe("approved");
    expect(
      (await decide(organizer, "00000000-0000-4000-8000-000000000000", "approve")).status,
    ).toBe(404);
    expect((await decide(organizer, "not-an-id", "approve")).status).toBe(404);
    const { client } = await ask();
    const id = await pendingId();
    expect((await decide(client, id, "approve")).status).toBe(403);
    expect((await decide(new Client(server.url), id, "approve")).status).toBe(401);
    expect((await decide(organizer, id, "maybe")).status).toBe(400);
    const [still] = await server.database.db.select().from(teachers).where(eq(teachers.id, id));
    expect(still!.status).toBe("pending");
  });
});

describe("the retention purge", () => {
  it("clears pending and turned-down teachers with the event's personal data", async () => {
    await ask();
    await decide(organizer, await pendingId(), "turn-down");
    await ask({ email: "holly@example.com", name: "Mr Holly", phone: "0161 496 0002" });
    server.clock.set(new Date("2026-03-16T09:00:00Z"));
    const db = server.database.db;
    const again = await signedIn(server.url, db, await insertOrganizer(db), server.clock.now());
    expect((await again.post(`${E}/purge`)).status).toBe(200);
    const rows = await db.select().from(teachers);
    expect(rows.map((r) => r.status).sort()).toEqual(["declined", "pending"]);
    for (const row of rows) expect(row).toMatchObject({ name: "Teacher", phone: null });
    const accounts = await db.select().from(users).where(eq(users.role, "teacher"));
    for (const account of accounts) {
      expect(account.passwordHash).toBeNull();
      expect(account.email).toMatch(/@invalid$/);
    }
    expect(JSON.stringify(await db.select().from(schools))).not.toMatch(/Rowan|Holly/);
  });
});

describe("rate limits", () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer();
  });
  afterAll(() => limited.close());

  it("refuses requests past the network's sign-up rate with 429, storing none of them", async () => {
    limited.clock.set(DURING_REGISTRATION);
    await insertEvent(limited.database.db, { slug: SLUG, ...EVENT_TIMES });
    for (let i = 0; i < LIMITS.rates.signUp.max; i++) {
      const res = await new Client(limited.url).post(`${E}/teachers/requests`, {
        ...REQUEST,
        email: `teacher${i}@example.com`,
      });
      expect(res.status).toBe(201);
    }
    const refused = await new Client(limited.url).post(`${E}/teachers/requests`, {
      ...REQUEST,
      email: "one-more@example.com",
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.database.db.select().from(teachers)).toHaveLength(LIMITS.rates.signUp.max);
  }, 120_000);
});
