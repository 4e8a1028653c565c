/**
 * A school's teacher registers several teams at once: each obeys a pupil's own sign-up rules,
 * one broken rule refuses them all and names the team and member, and a pupil racing for the
 * same name leaves exactly one team with it.
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { members, outbox, teams, users } from "../../server/db/schema";
import type { SchoolTeamsRegistered, TeacherHome } from "../../shared/api";
import type { PupilInput, SchoolTeamsCreateInput } from "../../shared/schemas/teacher";
import {
  buildMember,
  buildTeam,
  insertCategory,
  insertEvent,
  insertOrganizer,
  insertTeam,
  signedIn,
} from "../helpers/factories";
import { tokenOf } from "../helpers/guardians";
import { Client } from "../helpers/http";
import { DURING_REGISTRATION, EVENT_TIMES } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";

type Problem = { type: string; detail: string; errors?: { path: string; message: string }[] };

let server: TestServer;
let birch: Client;
let categoryId: string;
let singleSchoolId: string;
const SLUG = "hmj-2026";

beforeAll(async () => {
  server = await startTestServer({ rateLimits: false });
});
afterAll(() => server.close());
beforeEach(async () => {
  await server.reset();
  server.clock.set(DURING_REGISTRATION);
  const db = server.database.db;
  const event = await insertEvent(db, { slug: SLUG, ...EVENT_TIMES, maxTeamSize: 4 });
  categoryId = (await insertCategory(db, event.id, { name: "Best Game" })).id;
  singleSchoolId = (
    await insertCategory(db, event.id, { name: "Pre-University Challenge", singleSchool: true })
  ).id;
  await insertTeam(db, {
    eventId: event.id,
    categoryId,
    name: "Pixel Pals",
    members: [{ firstName: "Edith", school: "Elm School" }],
  });
  const organizer = await signedIn(server.url, db, await insertOrganizer(db), DURING_REGISTRATION);
  const invited = await organizer.post<{ inviteUrl: string }>(`/api/events/${SLUG}/teachers`, {
    name: "Mr Birch",
    email: "birch@example.com",
    school: "Oak School",
  });
  expect(invited.status).toBe(201);
  birch = new Client(server.url);
  const accepted = await birch.post(`/api/invites/${tokenOf(invited.body.inviteUrl)}`, {
    password: "teacher password",
  });
  expect(accepted.status).toBe(200);
});

function pupil(overrides: Partial<PupilInput> = {}): PupilInput {
  const { school: _, ...rest } = buildMember();
  return { ...rest, ...overrides };
}

function schoolTeam(name: string, pupils: PupilInput[] = [pupil(), pupil(), pupil()]) {
  const { members: _, ...team } = buildTeam(singleSchoolId, { name });
  return { ...team, members: pupils };
}

const register = (body: SchoolTeamsCreateInput, as = birch) =>
  as.post<SchoolTeamsRegistered>("/api/teachers/me/teams", body);

async function stored() {
  const db = server.database.db;
  const [[t], [m], [u], [o]] = await Promise.all([
    db.select({ n: count() }).from(teams),
    db.select({ n: count() }).from(members),
    db.select({ n: count() }).from(users),
    db.select({ n: count() }).from(outbox),
  ]);
  return { teams: t!.n, members: m!.n, users: u!.n, mails: o!.n };
}

function expectRefused(
  res: { status: number; body: unknown },
  status: number,
  slug: string,
  paths: string[],
) {
  const problem = res.body as Problem;
  expect(res.status).toBe(status);
  expect(problem.type).toBe(`/problems/${slug}`);
  expect((problem.errors ?? []).map((e) => e.path)).toEqual(paths);
  return problem;
}

describe("registering a school's teams", () => {
  it("registers two teams of three of the teacher's school, with a consent email per pupil", async () => {
    const before = await stored();
    const res = await register({ teams: [schoolTeam("Oak Coders"), schoolTeam("Acorn Apps")] });
    expect(res.status).toBe(201);
    expect(res.body.teams.map((t) => [t.name, t.pupils.length])).toEqual([
      ["Oak Coders", 3],
      ["Acorn Apps", 3],
    ]);
    // No consent link rides along: those go to the guardians alone.
    expect(JSON.stringify(res.body)).not.toMatch(/consent|token|guardian/i);
    expect(await stored()).toEqual({
      teams: before.teams + 2,
      members: before.members + 6,
      users: before.users + 2,
      mails: before.mails + 6,
    });
    const home = await birch.get<TeacherHome>("/api/teachers/me");
    expect(home.body.school.name).toBe("Oak School");
    expect(home.body.teams.map((t) => [t.name, t.pupils.length, t.otherPupils])).toEqual([
      ["Acorn Apps", 3, 0],
      ["Oak Coders", 3, 0],
    ]);
    expect(home.body.teams.flatMap((t) => t.pupils).every((p) => p.consent === "awaiting")).toBe(
      true,
    );
  });

  it("gives each team its own sign-in, as a pupil's sign-up does", async () => {
    const team = schoolTeam("Oak Coders");
    expect((await register({ teams: [team] })).status).toBe(201);
    const pupils = new Client(server.url);
    const res = await pupils.post("/api/session", team.contact);
    expect(res.status).toBe(200);
    const mine = await pupils.get<{ team: { name: string } }>("/api/teams/me");
    expect(mine.body.team.name).toBe("Oak Coders");
  });

  it("refuses them all when one pupil is too old, naming the team and the pupil", async () => {
    const before = await stored();
    const res = await register({
      teams: [
        schoolTeam("Oak Coders"),
        schoolTeam("Acorn Apps", [
          pupil(),
          pupil({ firstName: "Gran", dateOfBirth: "1990-01-01" }),
        ]),
      ],
    });
    const problem = expectRefused(res, 400, "too-old", ["teams.1.members.1.dateOfBirth"]);
    expect(problem.errors![0]!.message).toMatch(/^Team 2 \(Acorn Apps\): Gran will be \d+/);
    expect(await stored()).toEqual(before);
  });

  it("refuses a team over the event's team size, and registers none", async () => {
    const before = await stored();
    const five = [pupil(), pupil(), pupil(), pupil(), pupil()];
    const res = await register({ teams: [schoolTeam("Oak Coders"), schoolTeam("Big Team", five)] });
    const problem = expectRefused(res, 400, "team-too-large", ["teams.1.members"]);
    expect(problem.detail).toMatch(/Team 2 \(Big Team\).*at most 4/);
    expect(await stored()).toEqual(before);
  });

  it("lists every broken rule of every team at once", async () => {
    const team = schoolTeam("Acorn Apps");
    const res = await register({
      teams: [
        schoolTeam("Oak Coders", [pupil({ dateOfBirth: "1990-01-01" })]),
        { ...team, members: [pupil({ guardian: { name: "Pat", email: team.contact.email } })] },
        { ...schoolTeam("Oak Coders"), categoryId: "00000000-0000-4000-8000-000000000000" },
      ],
    });
    expectRefused(res, 400, "too-old", [
      "teams.0.members.0.dateOfBirth",
      "teams.1.members.0.guardian.email",
      "teams.2.categoryId",
      "teams.2.name",
    ]);
  });

  it("refuses two teams of the request whose names look the same", async () => {
    const before = await stored();
    const res = await register({ teams: [schoolTeam("Oak Coders"), schoolTeam("OAK  coders")] });
    const problem = expectRefused(res, 400, "validation", ["teams.1.name"]);
    expect(problem.detail).toMatch(/Team 2 \(OAK coders\) has the same name as Team 1/);
    expect(await stored()).toEqual(before);
  });

  it("refuses a name another team of the event has, with 409 on that team's name", async () => {
    const before = await stored();
    const res = await register({ teams: [schoolTeam("Oak Coders"), schoolTeam("pixel pals")] });
    const problem = expectRefused(res, 409, "team-name-taken", ["teams.1.name"]);
    expect(problem.detail).toMatch(/^Team 2 \(pixel pals\): /);
    expect(await stored()).toEqual(before);
  });

  it("refuses a sign-in email that has an account, or one used twice", async () => {
    const before = await stored();
    const taken = schoolTeam("Acorn Apps");
    const res = await register({
      teams: [
        schoolTeam("Oak Coders"),
        { ...taken, contact: { ...taken.contact, email: "birch@example.com" } },
      ],
    });
    expectRefused(res, 409, "email-taken", ["teams.1.contact.email"]);
    const first = schoolTeam("Oak Coders");
    const twice = await register({
      teams: [first, { ...schoolTeam("Acorn Apps"), contact: first.contact }],
    });
    expectRefused(twice, 400, "validation", ["teams.1.contact.email"]);
    expect(await stored()).toEqual(before);
  });

  it("refuses every team once registration has closed", async () => {
    server.clock.set(new Date(EVENT_TIMES.registrationClosesAt));
    // Days later: the session from the invite has ended, so the teacher signs in again.
    const signIn = await birch.post("/api/session", {
      email: "birch@example.com",
      password: "teacher password",
    });
    expect(signIn.status).toBe(200);
    const before = await stored();
    const res = await register({ teams: [schoolTeam("Oak Coders")] });
    expectRefused(res, 409, "registration-closed", []);
    expect(await stored()).toEqual(before);
  });

  it("refuses a pupil with a school, and more teams than one request may carry", async () => {
    const before = await stored();
    const withSchool = await register({
      teams: [{ ...schoolTeam("Oak Coders"), members: [buildMember()] }],
    } as unknown as SchoolTeamsCreateInput);
    expect(withSchool.status).toBe(400);
    const many = Array.from({ length: 13 }, (_, i) => schoolTeam(`Team ${i}`, [pupil()]));
    expectRefused(await register({ teams: many }), 400, "validation", ["teams"]);
    expect(await stored()).toEqual(before);
  });

  it("is a teacher's alone: 401 signed out, 403 for a team or an organizer", async () => {
    const before = await stored();
    const body = { teams: [schoolTeam("Oak Coders")] };
    expect((await register(body, new Client(server.url))).status).toBe(401);
    const db = server.database.db;
    const organizer = await signedIn(
      server.url,
      db,
      await insertOrganizer(db),
      DURING_REGISTRATION,
    );
    expect((await register(body, organizer)).status).toBe(403);
    const pupils = new Client(server.url);
    const [pixel] = await db.select().from(teams).where(eq(teams.name, "Pixel Pals"));
    expect(pixel).toBeDefined();
    const team = buildTeam(categoryId);
    expect((await pupils.post(`/api/events/${SLUG}/teams`, team)).status).toBe(201);
    expect((await register(body, pupils)).status).toBe(403);
    expect((await stored()).teams).toBe(before.teams + 1);
  });
});

describe("a teacher and a pupil racing for one name", () => {
  it("leaves exactly one team with the name, and none of the teacher's when they lose", async () => {
    for (let round = 0; round < 4; round++) {
      const name = `Race Team ${round}`;
      const before = await stored();
      const [bulk, single] = await Promise.all([
        register({ teams: [schoolTeam(`Oak Side ${round}`), schoolTeam(name)] }),
        new Client(server.url).post(`/api/events/${SLUG}/teams`, buildTeam(categoryId, { name })),
      ]);
      expect([bulk.status, single.status].sort()).toEqual([201, 409]);
      const named = await server.database.db.select().from(teams).where(eq(teams.name, name));
      expect(named).toHaveLength(1);
      const after = await stored();
      if (bulk.status === 201) {
        expect(after.teams).toBe(before.teams + 2);
      } else {
        expectRefused(bulk, 409, "team-name-taken", ["teams.1.name"]);
        expect(after.teams).toBe(before.teams + 1);
        const side = await server.database.db
          .select()
          .from(teams)
          .where(eq(teams.name, `Oak Side ${round}`));
        expect(side).toEqual([]);
      }
    }
  });
});
