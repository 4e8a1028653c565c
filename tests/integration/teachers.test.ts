/**
 * A school's teacher: invited by the organizer, signs in, sees every team with a pupil of their
 * school (names, consent, presence, check-in, project; awards once revealed) and nothing of
 * other schools' pupils, and hears of a guardian's answer the moment it is recorded.
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, events, members, outbox, teachers, teams, users } from "../../server/db/schema";
import type { PupilLinkSent, TeacherHome, TeacherView } from "../../shared/api";
import { LIMITS } from "../../shared/limits";
import {
  type InsertedTeam,
  insertCategory,
  insertOrganizer,
  insertTeam,
  signedIn,
} from "../helpers/factories";
import { consentLinkFor, tokenOf } from "../helpers/guardians";
import { Client } from "../helpers/http";
import { DURING_REGISTRATION, EVENT_TIMES, registrationEvent } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";
import { drained, socketPool } from "../helpers/sockets";

type Problem = { type: string; errors?: { path: string }[] };

let server: TestServer;
let organizer: Client;
let oak: InsertedTeam;
let elm: InsertedTeam;
let mixed: InsertedTeam;
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
  const categoryId = (await insertCategory(db, event.id)).id;
  oak = await insertTeam(db, {
    eventId: event.id,
    categoryId,
    name: "Oak Coders",
    consent: "awaiting",
    checkedInAt: null,
    createdAt: new Date(DURING_REGISTRATION.getTime() - LIMITS.consentLinkResendMs),
    members: [
      { firstName: "Ada", school: "Oak School", dietary: "No nuts", dateOfBirth: "2011-02-03" },
      { firstName: "Alan", school: "oak school" },
    ],
  });
  elm = await insertTeam(db, {
    eventId: event.id,
    categoryId,
    name: "Elm Hackers",
    members: [{ firstName: "Edith", lastName: "Elmsworth", school: "Elm School" }],
  });
  mixed = await insertTeam(db, {
    eventId: event.id,
    categoryId,
    name: "Mixed Bag",
    checkedInAt: null,
    members: [
      { firstName: "Olive", school: "Oak School" },
      { firstName: "Eric", lastName: "Elmhurst", school: "Elm School", medical: "Asthma" },
    ],
  });
  organizer = await signedIn(server.url, db, await insertOrganizer(db), DURING_REGISTRATION);
});

const invite = (overrides: Record<string, unknown> = {}) =>
  organizer.post<{ teacher: TeacherView; inviteUrl: string }>(`${E}/teachers`, {
    name: "Mr Birch",
    email: "birch@example.com",
    phone: "0161 496 0000",
    school: "OAK SCHOOL",
    ...overrides,
  });

/** An invited teacher who accepted, signed in. */
async function teacher(overrides: Record<string, unknown> = {}): Promise<Client> {
  const res = await invite(overrides);
  expect(res.status).toBe(201);
  const client = new Client(server.url);
  const accepted = await client.post(`/api/invites/${tokenOf(res.body.inviteUrl)}`, {
    password: "teacher password",
  });
  expect(accepted.status).toBe(200);
  return client;
}

describe("inviting a teacher", () => {
  it("makes a pending teacher of the school the typed name finds, with an invite link", async () => {
    const res = await invite();
    expect(res.status).toBe(201);
    expect(res.body.teacher).toMatchObject({
      name: "Mr Birch",
      email: "birch@example.com",
      phone: "0161 496 0000",
      accepted: false,
    });
    expect(res.body.inviteUrl).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    const info = await new Client(server.url).get<{ invite: Record<string, string> }>(
      `/api/invites/${tokenOf(res.body.inviteUrl)}`,
    );
    expect(info.body).toMatchObject({ invite: { role: "teacher", name: "Mr Birch" } });
    const list = await organizer.get<{ teachers: TeacherView[] }>(`${E}/teachers`);
    expect(list.body.teachers.map((t) => t.email)).toEqual(["birch@example.com"]);
  });

  it.each([
    ["an email that has an account", { email: "organizer@example.com" }, 409, "email"],
    ["no school", { school: "  " }, 400, "school"],
    ["a phone number with letters", { phone: "call me" }, 400, "phone"],
  ])("refuses %s, creating no account", async (_label, patch, status, path) => {
    // The organizer's account has its own email; find it to collide with it.
    if ("email" in patch) {
      const [org] = await server.database.db
        .select({ email: users.email })
        .from(users)
        .where(eq(users.role, "organizer"));
      patch.email = org!.email;
    }
    const res = await invite(patch);
    expect(res.status).toBe(status);
    expect(((res.body as unknown as Problem).errors ?? []).map((e) => e.path)).toContain(path);
    expect(await server.database.db.select().from(teachers)).toEqual([]);
  });

  it("is for organizers only: a teacher cannot invite another", async () => {
    const birch = await teacher();
    const res = await birch.post(`${E}/teachers`, {
      name: "Ms Ash",
      email: "ash@example.com",
      school: "Elm School",
    });
    expect(res.status).toBe(403);
    expect(await server.database.db.select().from(teachers)).toHaveLength(1);
  });
});

describe("the teacher's page", () => {
  it("lists every team with a pupil of the school, and names that school's pupils only", async () => {
    const birch = await teacher();
    const res = await birch.get<TeacherHome>("/api/teachers/me");
    expect(res.status).toBe(200);
    // "OAK SCHOOL" as typed found the school the pupils signed up with.
    expect(res.body.school.name).toBe("Oak School");
    expect(res.body.teams.map((t) => t.name)).toEqual(["Mixed Bag", "Oak Coders"]);
    const oakTeam = res.body.teams.find((t) => t.id === oak.id)!;
    expect(oakTeam.pupils.map((p) => [p.firstName, p.consent, p.presence])).toEqual([
      ["Ada", "awaiting", "not-arrived"],
      ["Alan", "awaiting", "not-arrived"],
    ]);
    expect(oakTeam).toMatchObject({ checkedIn: false, otherPupils: 0, awards: [] });
    const mixedTeam = res.body.teams.find((t) => t.id === mixed.id)!;
    expect(mixedTeam.pupils.map((p) => p.firstName)).toEqual(["Olive"]);
    expect(mixedTeam.otherPupils).toBe(1);
    // Nothing of Elm's pupils, and no date of birth, notes, guardian or link of anyone.
    const text = JSON.stringify(res.body);
    for (const leak of [
      "Edith",
      "Eric",
      "Elmhurst",
      "Elm Hackers",
      elm.id,
      "Asthma",
      "No nuts",
      "2011",
      "guardian",
      "consent/",
      "score",
    ])
      expect(text).not.toContain(leak);
  });

  it("writes each read of pupils' data to the audit log", async () => {
    const birch = await teacher();
    await birch.get("/api/teachers/me");
    const rows = await server.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "teacher.viewed-pupils"));
    expect(rows).toHaveLength(1);
    expect((rows[0]!.details as { teamIds: string[] }).teamIds.sort()).toEqual(
      [oak.id, mixed.id].sort(),
    );
  });

  it("refuses anyone but a teacher: 401 signed out, 403 for a team or an organizer", async () => {
    expect((await new Client(server.url).get("/api/teachers/me")).status).toBe(401);
    const team = new Client(server.url);
    await team.post("/api/session", oak.contact);
    expect((await team.get("/api/teachers/me")).status).toBe(403);
    expect((await organizer.get("/api/teachers/me")).status).toBe(403);
  });

  it("keeps a teacher out of the organizer's views of other schools' teams", async () => {
    const birch = await teacher();
    for (const path of [
      `${E}/teams`,
      `${E}/teams/${elm.id}`,
      `${E}/leaderboard`,
      `${E}/outbox`,
      `${E}/teachers`,
    ]) {
      const res = await birch.get(path);
      expect([403, 404]).toContain(res.status);
      expect(JSON.stringify(res.body)).not.toContain("Edith");
    }
  });

  it("signs in at /api/session with the password chosen on the invite", async () => {
    await teacher();
    const again = new Client(server.url);
    const res = await again.post<{ user: { role: string } }>("/api/session", {
      email: "birch@example.com",
      password: "teacher password",
    });
    expect(res.status).toBe(200);
    expect(res.body.user.role).toBe("teacher");
  });
});

describe("live updates", () => {
  it("tells the teacher's socket at once when a guardian answers, and another school's not", async () => {
    const birch = await teacher();
    const ash = await teacher({ name: "Ms Ash", email: "ash@example.com", school: "Elm School" });
    const oakSocket = sockets.connect(birch.cookieValue);
    const elmSocket = sockets.connect(ash.cookieValue);
    const oakHeard: string[] = [];
    const elmHeard: string[] = [];
    oakSocket.on("team:changed", ({ teamId }) => oakHeard.push(teamId));
    elmSocket.on("team:changed", ({ teamId }) => elmHeard.push(teamId));
    await Promise.all([
      new Promise((resolve) => oakSocket.once("clock", resolve)),
      new Promise((resolve) => elmSocket.once("clock", resolve)),
    ]);
    const ada = oak.members[0]!;
    // The factory keeps only the link's hash; the organizer sends a fresh one, as in a letter.
    const sent = await organizer.post(`${E}/teams/${oak.id}/members/${ada.id}/consent-link`, {});
    expect(sent.status).toBe(200);
    const token = tokenOf(await consentLinkFor(organizer, SLUG, ada.id));
    const answer = await new Client(server.url).post(`/api/consent/${token}`, {
      guardianName: "Pat Lovelace",
      consent: true,
      photoConsent: false,
    });
    expect(answer.status).toBe(200);
    await expect.poll(() => oakHeard).toContain(oak.id);
    await drained(elmSocket);
    expect(elmHeard).toEqual([]);
    const [row] = await server.database.db.select().from(members).where(eq(members.id, ada.id));
    expect(row!.consentStatus).toBe("given");
    const home = await birch.get<TeacherHome>("/api/teachers/me");
    const pupil = home.body.teams.flatMap((t) => t.pupils).find((p) => p.id === ada.id);
    expect(pupil?.consent).toBe("given");
  });

  it("tells organizers' sockets when a teacher is invited and when they accept", async () => {
    const orgSocket = sockets.connect(organizer.cookieValue);
    let heard = 0;
    orgSocket.on("teachers:changed", () => {
      heard += 1;
    });
    await new Promise((resolve) => orgSocket.once("clock", resolve));
    const res = await invite();
    expect(res.status).toBe(201);
    await expect.poll(() => heard).toBe(1);
    const accepted = await new Client(server.url).post(
      `/api/invites/${tokenOf(res.body.inviteUrl)}`,
      { password: "teacher password" },
    );
    expect(accepted.status).toBe(200);
    await expect.poll(() => heard).toBe(2);
    const list = await organizer.get<{ teachers: TeacherView[] }>(`${E}/teachers`);
    expect(list.body.teachers.map((t) => t.accepted)).toEqual([true]);
  });
});

describe("sending a pupil's consent link again", () => {
  const resend = (client: Client, memberId: string) =>
    client.post<PupilLinkSent>(`/api/teachers/me/pupils/${memberId}/consent-link`, {});
  const mails = async () => (await server.database.db.select().from(outbox)).length;

  it("sends a new link to the guardian alone: the teacher's answer never holds it", async () => {
    const birch = await teacher();
    const ada = oak.members[0]!;
    const [before] = await server.database.db.select().from(members).where(eq(members.id, ada.id));
    const queued = await mails();
    const res = await resend(birch, ada.id);
    expect(res.status).toBe(200);
    expect(res.body.pupil).toMatchObject({ id: ada.id, firstName: "Ada", consent: "awaiting" });
    expect(JSON.stringify(res.body)).not.toMatch(/\/consent\/|token|guardian|@/i);
    expect(await mails()).toBe(queued + 1);
    const [after] = await server.database.db.select().from(members).where(eq(members.id, ada.id));
    expect(after!.consentTokenHash).not.toBe(before!.consentTokenHash);
    const logged = await server.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "consent.link-sent-again"));
    expect(logged.map((row) => row.details)).toEqual([
      expect.objectContaining({ teamId: oak.id, memberId: ada.id }),
    ]);
  });

  it("answers another school's pupil as no pupil at all, even on a team with the teacher's", async () => {
    const birch = await teacher();
    const queued = await mails();
    const eric = mixed.members.find((m) => m.firstName === "Eric")!;
    for (const id of [elm.members[0]!.id, eric.id, "00000000-0000-4000-8000-000000000000"]) {
      const res = await resend(birch, id);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toMatch(/Edith|Eric|Elm/);
    }
    expect(await mails()).toBe(queued);
  });

  it("refuses once the guardian has answered, and twice within the wait", async () => {
    const birch = await teacher();
    const ada = oak.members[0]!;
    expect((await resend(birch, ada.id)).status).toBe(200);
    const queued = await mails();
    const again = await resend(birch, ada.id);
    expect(again.status).toBe(429);
    expect(again.headers.get("retry-after")).toMatch(/^\d+$/);
    const token = tokenOf(await consentLinkFor(organizer, SLUG, ada.id));
    const answer = await new Client(server.url).post(`/api/consent/${token}`, {
      guardianName: "Pat Lovelace",
      consent: true,
      photoConsent: false,
    });
    expect(answer.status).toBe(200);
    server.clock.set(new Date(DURING_REGISTRATION.getTime() + LIMITS.consentLinkResendMs));
    const answered = await resend(birch, ada.id);
    expect(answered.status).toBe(409);
    expect((answered.body as unknown as Problem).type).toBe("/problems/consent-answered");
    expect(await mails()).toBe(queued);
  });

  it("is a teacher's alone: a team cannot use it", async () => {
    const res = await new Client(server.url).post(
      `/api/teachers/me/pupils/${oak.members[0]!.id}/consent-link`,
      {},
    );
    expect(res.status).toBe(401);
    const queued = await mails();
    expect((await resend(organizer, oak.members[0]!.id)).status).toBe(403);
    expect(await mails()).toBe(queued);
  });
});

describe("checking in the school's teams at the desk", () => {
  const checkIn = (client: Client, body: Record<string, unknown> = {}) =>
    client.post<TeacherHome>("/api/teachers/me/check-in", body);
  const checkedIn = async () =>
    (await server.database.db.select().from(teams))
      .filter((t) => t.checkedInAt !== null)
      .map((t) => t.name)
      .sort();

  async function consentAll(team: InsertedTeam) {
    for (const m of team.members) {
      const res = await organizer.post(`${E}/teams/${team.id}/members/${m.id}/consent`, {
        method: "paper",
        photoConsent: false,
      });
      expect(res.status).toBe(200);
    }
  }

  it("refuses every team while a guardian's yes is missing, naming team and pupil", async () => {
    const birch = await teacher();
    await consentAll(mixed);
    const before = await checkedIn();
    const res = await checkIn(birch);
    expect(res.status).toBe(409);
    const problem = res.body as unknown as Problem & { detail: string };
    expect(problem.type).toBe("/problems/consent-missing");
    expect(problem.detail).toContain("Oak Coders (Ada, Alan)");
    expect(problem.detail).not.toContain("Mixed Bag");
    expect(await checkedIn()).toEqual(before);
  });

  it("counts a team-mate of another school without naming them", async () => {
    const birch = await teacher();
    const [eric] = mixed.members.filter((m) => m.firstName === "Eric");
    const olive = mixed.members.find((m) => m.firstName === "Olive")!;
    await organizer.post(`${E}/teams/${mixed.id}/members/${olive.id}/consent`, {
      method: "paper",
      photoConsent: false,
    });
    await server.database.db
      .update(members)
      .set({ consentStatus: "awaiting" })
      .where(eq(members.id, eric!.id));
    const res = await checkIn(birch, { teamIds: [mixed.id] });
    expect(res.status).toBe(409);
    const detail = (res.body as unknown as { detail: string }).detail;
    expect(detail).toContain("Mixed Bag (1 from another school)");
    expect(detail).not.toContain("Eric");
  });

  it("checks in all the school's teams in one step once every guardian has said yes", async () => {
    const birch = await teacher();
    await consentAll(oak);
    await consentAll(mixed);
    const res = await checkIn(birch);
    expect(res.status).toBe(200);
    expect(res.body.teams.map((t) => [t.name, t.checkedIn])).toEqual([
      ["Mixed Bag", true],
      ["Oak Coders", true],
    ]);
    expect(await checkedIn()).toEqual(["Elm Hackers", "Mixed Bag", "Oak Coders"]);
    const [ada] = await server.database.db
      .select()
      .from(members)
      .where(eq(members.id, oak.members[0]!.id));
    expect(ada!.inSince).not.toBeNull();
  });

  it("checks in only the teams named, and refuses another school's team as not found", async () => {
    const birch = await teacher();
    await consentAll(oak);
    const elmTeam = await checkIn(birch, { teamIds: [elm.id] });
    expect(elmTeam.status).toBe(404);
    const res = await checkIn(birch, { teamIds: [oak.id] });
    expect(res.status).toBe(200);
    expect(await checkedIn()).toEqual(["Elm Hackers", "Oak Coders"]);
    expect((await checkIn(organizer)).status).toBe(403);
  });
});

describe("the retention purge", () => {
  it("deletes teachers' names, phones, emails and sign-ins with the pupils' data", async () => {
    await teacher();
    server.clock.set(new Date("2026-03-16T09:00:00Z"));
    const db = server.database.db;
    const again = await signedIn(server.url, db, await insertOrganizer(db), server.clock.now());
    const res = await again.post(`${E}/purge`);
    expect(res.status).toBe(200);
    const [row] = await db.select().from(teachers);
    expect(row).toMatchObject({ name: "Teacher", phone: null, inviteTokenHash: null });
    const [account] = await db.select().from(users).where(eq(users.id, row!.userId));
    expect(account).toMatchObject({ name: "Teacher", passwordHash: null });
    expect(account!.email).toMatch(/@invalid$/);
    const signIn = await new Client(server.url).post("/api/session", {
      email: "birch@example.com",
      password: "teacher password",
    });
    expect(signIn.status).toBe(401);
    const list = await again.get<{ teachers: TeacherView[] }>(`${E}/teachers`);
    expect(JSON.stringify(list.body)).not.toMatch(/Birch|0161|birch@/);
    // The school stays with its teacher's place: only the person is gone.
    expect(list.body.teachers.map((t) => t.school)).toEqual(["Oak School"]);
  });
});

describe("moving a pupil between the school's teams", () => {
  const move = (client: Client, memberId: string, teamId: string) =>
    client.post<TeacherHome>(`/api/teachers/me/pupils/${memberId}/move`, { teamId });
  const teamOf = async (memberId: string) =>
    (await server.database.db.select().from(members).where(eq(members.id, memberId)))[0]!.teamId;

  it("moves a pupil to another team of the school and tells both teams", async () => {
    const birch = await teacher();
    const alan = oak.members[1]!;
    const res = await move(birch, alan.id, mixed.id);
    expect(res.status).toBe(200);
    expect(await teamOf(alan.id)).toBe(mixed.id);
    const names = Object.fromEntries(
      res.body.teams.map((t) => [t.name, t.pupils.map((p) => p.firstName)]),
    );
    expect(names).toEqual({ "Mixed Bag": ["Alan", "Olive"], "Oak Coders": ["Ada"] });
    const logged = await server.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "member.moved"));
    expect(logged).toHaveLength(1);
  });

  it("refuses to leave a team with nobody, and to move onto a full team", async () => {
    const birch = await teacher();
    const olive = mixed.members.find((m) => m.firstName === "Olive")!;
    const alan = oak.members[1]!;
    expect((await move(birch, alan.id, mixed.id)).status).toBe(200);
    const ada = oak.members[0]!;
    const alone = await move(birch, ada.id, mixed.id);
    expect(alone.status).toBe(400);
    expect((alone.body as unknown as { detail: string }).detail).toMatch(/only member of Oak/);
    expect(await teamOf(ada.id)).toBe(oak.id);
    // With a cap of two, Oak Coders is full once Olive joins Ada.
    await server.database.db.update(events).set({ maxTeamSize: 2 });
    expect((await move(birch, olive.id, oak.id)).status).toBe(200);
    const full = await move(birch, alan.id, oak.id);
    expect(full.status).toBe(409);
    expect((full.body as unknown as Problem).type).toBe("/problems/team-full");
    expect(await teamOf(alan.id)).toBe(mixed.id);
  });

  it("answers another school's pupil or team as not found, and moves nothing", async () => {
    const birch = await teacher();
    const edith = elm.members[0]!;
    expect((await move(birch, edith.id, oak.id)).status).toBe(404);
    expect((await move(birch, oak.members[1]!.id, elm.id)).status).toBe(404);
    expect(await teamOf(edith.id)).toBe(elm.id);
    expect(await teamOf(oak.members[1]!.id)).toBe(oak.id);
  });

  it("refuses once registration has closed", async () => {
    const birch = await teacher();
    server.clock.set(new Date(EVENT_TIMES.registrationClosesAt));
    await birch.post("/api/session", { email: "birch@example.com", password: "teacher password" });
    const res = await move(birch, oak.members[1]!.id, mixed.id);
    expect(res.status).toBe(409);
    expect((res.body as unknown as Problem).type).toBe("/problems/registration-closed");
    expect(await teamOf(oak.members[1]!.id)).toBe(oak.id);
  });

  it("lets one of two pupils racing for the last seat in", async () => {
    const birch = await teacher();
    const db = server.database.db;
    const [oakRow] = await db.select().from(teams).where(eq(teams.id, oak.id));
    const other = await insertTeam(db, {
      eventId: oakRow!.eventId,
      categoryId: oakRow!.categoryId,
      name: "Oak Two",
      checkedInAt: null,
      members: [
        { firstName: "Otto", school: "Oak School" },
        { firstName: "Opal", school: "Oak School" },
      ],
    });
    await db.update(events).set({ maxTeamSize: 3 });
    const [first, second] = await Promise.all([
      move(birch, oak.members[0]!.id, mixed.id),
      move(birch, other.members[0]!.id, mixed.id),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const seated = await db.select().from(members).where(eq(members.teamId, mixed.id));
    expect(seated).toHaveLength(3);
  });
});
