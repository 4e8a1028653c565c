import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EventView, TeamView } from "../../shared/api";
import {
  buildCategory,
  buildEvent,
  buildMember,
  buildTeam,
  signInOrganizer,
} from "../helpers/factories";
import { consentLinkFor, tokenOf } from "../helpers/guardians";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let organizer: Client;
let openCategory: string;
let schoolCategory: string;
// Hacking starts on Saturday 14 March 2026 at 09:00 London time (GMT).
const EVENT = {
  slug: "hmj-2026",
  registrationOpensAt: "2026-02-01T09:00:00Z",
  registrationClosesAt: "2026-03-10T18:00:00Z",
  startsAt: "2026-03-14T09:00:00Z",
  submissionsCloseAt: "2026-03-15T13:00:00Z",
  endsAt: "2026-03-15T17:00:00Z",
};
const DURING_REGISTRATION = new Date("2026-03-01T12:00:00Z");

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  await server.reset();
  server.clock.set(DURING_REGISTRATION);
  organizer = await signInOrganizer(server.url, server.database);
  expect((await organizer.post("/api/events", buildEvent(EVENT))).status).toBe(201);
  const open = await organizer.post<{ category: { id: string } }>(
    "/api/events/hmj-2026/categories",
    buildCategory({ name: "Best Game" }),
  );
  const school = await organizer.post<{ category: { id: string } }>(
    "/api/events/hmj-2026/categories",
    buildCategory({ name: "Pre-University Challenge", singleSchool: true }),
  );
  openCategory = open.body.category.id;
  schoolCategory = school.body.category.id;
});

type Problem = { type: string; detail: string; errors?: { path: string; message: string }[] };
const register = (client: Client, body: unknown) =>
  client.post<{ team: TeamView } & Problem>("/api/events/hmj-2026/teams", body);
async function teamCount() {
  return (await organizer.get<{ teams: unknown[] }>("/api/events/hmj-2026/teams")).body.teams
    .length;
}

describe("signing up a team", () => {
  it("creates the team, signs it in, and sends each guardian a link of their own", async () => {
    const team = new Client(server.url);
    const res = await register(team, buildTeam(openCategory, { name: "Byte Club" }));
    expect(res.status).toBe(201);
    expect(res.body.team).toMatchObject({
      name: "Byte Club",
      categoryName: "Best Game",
      checkedIn: false,
    });
    const me = await team.get<{ team: TeamView }>("/api/teams/me");
    expect(me.status).toBe(200);
    expect(me.body.team.members.map((m) => m.consent.status)).toEqual(["awaiting", "awaiting"]);
    for (const member of res.body.team.members) {
      const link = await consentLinkFor(organizer, "hmj-2026", member.id);
      expect(link).toMatch(/\/consent\/[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(tokenOf(link), "base64url").length * 8).toBeGreaterThanOrEqual(128);
    }
    expect((await team.get("/api/session")).body).toMatchObject({
      user: { role: "team", name: "Byte Club" },
    });
  });

  it("writes each guardian's consent email to the outbox when no SMTP server is set", async () => {
    const body = buildTeam(openCategory);
    await register(new Client(server.url), body);
    const outbox = await organizer.get<{
      mailEnabled: boolean;
      messages: { to: string; body: string }[];
    }>("/api/events/hmj-2026/outbox");
    expect(outbox.body.mailEnabled).toBe(false);
    expect(outbox.body.messages.map((m) => m.to).sort()).toEqual(
      body.members.map((m) => m.guardian.email).sort(),
    );
    expect(outbox.body.messages[0]!.body).toMatch(/\/consent\//);
  });

  it("refuses a member who is 19 on the first day with 400 too-old, explaining why", async () => {
    const res = await register(
      new Client(server.url),
      buildTeam(openCategory, {
        members: [buildMember({ firstName: "Sam", dateOfBirth: "2007-03-14" })],
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.type).toBe("/problems/too-old");
    expect(res.body.detail).toBe(
      "Sam will be 19 on 14 March 2026, the first day; the event is for 18 and under.",
    );
    expect(res.body.errors).toEqual([{ path: "members.0.dateOfBirth", message: res.body.detail }]);
    expect(await teamCount()).toBe(0);
  });

  it("accepts a member who turns 19 the day after the first day", async () => {
    const res = await register(
      new Client(server.url),
      buildTeam(openCategory, { members: [buildMember({ dateOfBirth: "2007-03-15" })] }),
    );
    expect(res.status).toBe(201);
  });

  it("uses the event's time zone for the first day", async () => {
    // 00:30 on 14 March in Auckland is still 13 March in UTC.
    await organizer.post(
      "/api/events",
      buildEvent({
        ...EVENT,
        slug: "nz-hack",
        timezone: "Pacific/Auckland",
        startsAt: "2026-03-13T11:30:00Z",
      }),
    );
    const cat = await organizer.post<{ category: { id: string } }>(
      "/api/events/nz-hack/categories",
      buildCategory(),
    );
    const res = await new Client(server.url).post("/api/events/nz-hack/teams", {
      ...buildTeam(cat.body.category.id),
      members: [buildMember({ dateOfBirth: "2007-03-14" })],
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: "/problems/too-old" });
  });

  it("refuses five members with 400 team-too-large", async () => {
    const res = await register(
      new Client(server.url),
      buildTeam(openCategory, { members: Array.from({ length: 5 }, () => buildMember()) }),
    );
    expect(res.status).toBe(400);
    expect(res.body.type).toBe("/problems/team-too-large");
    expect(await teamCount()).toBe(0);
  });

  it("refuses members from two schools in a single-school category with 400 mixed-schools", async () => {
    const res = await register(
      new Client(server.url),
      buildTeam(schoolCategory, {
        members: [
          buildMember({ school: "St Mary's High School" }),
          buildMember({ school: "Oakwood Academy" }),
        ],
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.type).toBe("/problems/mixed-schools");
    expect(res.body.errors?.[0]?.path).toBe("members.1.school");
  });

  it("treats spellings of one school as one school", async () => {
    const res = await register(
      new Client(server.url),
      buildTeam(schoolCategory, {
        members: [
          buildMember({ school: "St Mary's High School" }),
          buildMember({ school: "saint marys high school" }),
          buildMember({ school: "St. Mary’s  High School" }),
        ],
      }),
    );
    expect(res.status).toBe(201);
  });

  it("refuses a team name already used, ignoring case, with 409 team-name-taken", async () => {
    await register(new Client(server.url), buildTeam(openCategory, { name: "Byte Club" }));
    const res = await register(
      new Client(server.url),
      buildTeam(openCategory, { name: "  BYTE   club " }),
    );
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/problems/team-name-taken");
    expect(await teamCount()).toBe(1);
  });

  it("refuses a contact email that already has an account with 409 email-taken", async () => {
    await register(
      new Client(server.url),
      buildTeam(openCategory, {
        contact: { email: "teacher@example.com", password: "team password" },
      }),
    );
    const res = await register(
      new Client(server.url),
      buildTeam(openCategory, {
        contact: { email: "Teacher@Example.com", password: "team password" },
      }),
    );
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/problems/email-taken");
  });

  it.each([
    ["before it opens", "2026-01-31T23:59:59Z"],
    ["once it has closed", "2026-03-10T18:00:00Z"],
  ])("refuses sign-up %s with 409 registration-closed", async (_label, at) => {
    server.clock.set(new Date(at));
    const res = await register(new Client(server.url), buildTeam(openCategory));
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/problems/registration-closed");
  });

  it("accepts sign-up one second before registration closes", async () => {
    server.clock.set(new Date("2026-03-10T17:59:59Z"));
    expect((await register(new Client(server.url), buildTeam(openCategory))).status).toBe(201);
  });

  it.each([
    [
      "an impossible date of birth",
      { members: [buildMember({ dateOfBirth: "2012-02-30" })] },
      "members.0.dateOfBirth",
    ],
    [
      "a date of birth in another format",
      { members: [buildMember({ dateOfBirth: "15/06/2011" })] },
      "members.0.dateOfBirth",
    ],
    ["no members", { members: [] }, "members"],
    ["an unknown key", { coach: "Me" }, "body"],
    [
      "an unknown key in a member",
      { members: [{ ...buildMember(), nickname: "Zed" }] },
      "members.0",
    ],
    [
      "a guardian without an email",
      { members: [buildMember({ guardian: { name: "Pat" } as never })] },
      "members.0.guardian.email",
    ],
    [
      "a short password",
      { contact: { email: "x@example.com", password: "short" } },
      "contact.password",
    ],
    [
      "a category of no event",
      { categoryId: "00000000-0000-4000-8000-000000000000" },
      "categoryId",
    ],
    ["an over-long team name", { name: "x".repeat(61) }, "name"],
  ])("refuses %s with 400 validation", async (_label, patch, path) => {
    const res = await register(new Client(server.url), { ...buildTeam(openCategory), ...patch });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe("/problems/validation");
    expect(res.body.errors?.map((e) => e.path)).toContain(path);
    expect(await teamCount()).toBe(0);
  });

  it("refuses a date of birth after the event", async () => {
    const res = await register(
      new Client(server.url),
      buildTeam(openCategory, { members: [buildMember({ dateOfBirth: "2026-04-01" })] }),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.path).toBe("members.0.dateOfBirth");
  });

  it("suggests the schools already registered, one spelling per school", async () => {
    await register(
      new Client(server.url),
      buildTeam(openCategory, {
        members: [
          buildMember({ school: "St Mary's High School" }),
          buildMember({ school: "St Marys High School" }),
        ],
      }),
    );
    await register(
      new Client(server.url),
      buildTeam(openCategory, {
        members: [
          buildMember({ school: "St Mary's High School" }),
          buildMember({ school: "Oakwood Academy" }),
        ],
      }),
    );
    const res = await new Client(server.url).get<{ schools: { id: string; name: string }[] }>(
      "/api/events/hmj-2026/schools",
    );
    expect(res.body.schools.map((s) => s.name)).toEqual([
      "Oakwood Academy",
      "St Mary's High School",
    ]);
    expect(res.body.schools.every((s) => typeof s.id === "string")).toBe(true);
  });
});

describe("managing members", () => {
  let team: Client;
  beforeEach(async () => {
    team = new Client(server.url);
    expect(
      (
        await register(
          team,
          buildTeam(schoolCategory, { members: [buildMember(), buildMember(), buildMember()] }),
        )
      ).status,
    ).toBe(201);
  });

  it("adds a fourth member and writes to their guardian, then refuses a fifth with 409 team-full", async () => {
    const added = await team.post<{ member: { id: string } }>(
      "/api/teams/me/members",
      buildMember(),
    );
    expect(added.status).toBe(201);
    expect(await consentLinkFor(organizer, "hmj-2026", added.body.member.id)).toMatch(
      /\/consent\//,
    );
    const fifth = await team.post("/api/teams/me/members", buildMember());
    expect(fifth.status).toBe(409);
    expect(fifth.body).toMatchObject({ type: "/problems/team-full" });
  });

  it("gives exactly one of 8 racing additions to a team of 3 the last place", async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => team.post("/api/teams/me/members", buildMember())),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
    for (const r of results.filter((x) => x.status === 409))
      expect(r.body).toMatchObject({ type: "/problems/team-full" });
    const me = await team.get<{ team: TeamView }>("/api/teams/me");
    expect(me.body.team.members).toHaveLength(4);
  });

  it("refuses a member from another school in a single-school category", async () => {
    const res = await team.post(
      "/api/teams/me/members",
      buildMember({ school: "Oakwood Academy" }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      type: "/problems/mixed-schools",
      errors: [{ path: "school" }],
    });
  });

  it("refuses a member who is too old", async () => {
    const res = await team.post(
      "/api/teams/me/members",
      buildMember({ dateOfBirth: "2000-01-01" }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      type: "/problems/too-old",
      errors: [{ path: "dateOfBirth" }],
    });
  });

  it("removes a member, but never the last one", async () => {
    const me = await team.get<{ team: TeamView }>("/api/teams/me");
    const [a, b, c] = me.body.team.members;
    expect((await team.delete(`/api/teams/me/members/${a!.id}`)).status).toBe(204);
    expect((await team.delete(`/api/teams/me/members/${b!.id}`)).status).toBe(204);
    const last = await team.delete(`/api/teams/me/members/${c!.id}`);
    expect(last.status).toBe(400);
    expect(last.body).toMatchObject({ type: "/problems/last-member" });
  });

  it("cannot remove another team's member", async () => {
    const other = new Client(server.url);
    await register(other, buildTeam(openCategory));
    const theirs = (await other.get<{ team: TeamView }>("/api/teams/me")).body.team.members[0]!;
    expect((await team.delete(`/api/teams/me/members/${theirs.id}`)).status).toBe(404);
  });

  it("refuses changes once registration has closed with 409 registration-closed", async () => {
    server.clock.set(new Date("2026-03-10T18:00:00Z"));
    // Nine days later both sessions have lapsed: sign in again first.
    expect((await team.get("/api/teams/me")).status).toBe(401);
    organizer = await signInOrganizer(server.url, server.database);
    const email = (await organizer.get<{ teams: TeamView[] }>("/api/events/hmj-2026/teams")).body
      .teams[0]!.contactEmail;
    expect((await team.post("/api/session", { email, password: "team password" })).status).toBe(
      200,
    );
    const add = await team.post("/api/teams/me/members", buildMember());
    expect(add.status).toBe(409);
    expect(add.body).toMatchObject({ type: "/problems/registration-closed" });
    const me = await team.get<{ team: TeamView }>("/api/teams/me");
    const del = await team.delete(`/api/teams/me/members/${me.body.team.members[0]!.id}`);
    expect(del.status).toBe(409);
  });

  it("keeps team routes for team accounts: 401 anonymous, 403 organizer", async () => {
    expect((await new Client(server.url).get("/api/teams/me")).status).toBe(401);
    expect((await organizer.get("/api/teams/me")).status).toBe(403);
  });
});

describe("consent and check-in", () => {
  let teamId: string;
  let links: { memberId: string; url: string }[];
  beforeEach(async () => {
    const res = await register(
      new Client(server.url),
      buildTeam(openCategory, { name: "Byte Club" }),
    );
    teamId = res.body.team.id;
    links = [];
    for (const m of res.body.team.members)
      links.push({ memberId: m.id, url: await consentLinkFor(organizer, "hmj-2026", m.id) });
  });

  it("shows the guardian only the child's first name, the team and the event", async () => {
    const res = await new Client(server.url).get<{ consent: Record<string, unknown> }>(
      `/api/consent/${tokenOf(links[0]!.url)}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.consent).toMatchObject({
      teamName: "Byte Club",
      status: "awaiting",
      photoConsent: false,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/Lovelace|2011-06-15|guardian\d+@example.com/);
  });

  it("records one answer per link: a second use gets 410 consent-recorded", async () => {
    const guardian = new Client(server.url);
    const token = tokenOf(links[0]!.url);
    const first = await guardian.post(`/api/consent/${token}`, {
      guardianName: "Pat",
      consent: true,
      photoConsent: false,
    });
    expect(first.status).toBe(200);
    const second = await guardian.post(`/api/consent/${token}`, {
      guardianName: "Pat",
      consent: false,
      photoConsent: false,
    });
    expect(second.status).toBe(410);
    expect(second.body).toMatchObject({ type: "/problems/consent-recorded" });
    const team = (await organizer.get<{ teams: TeamView[] }>("/api/events/hmj-2026/teams")).body
      .teams[0]!;
    expect(team.members.find((m) => m.id === links[0]!.memberId)!.consent).toMatchObject({
      status: "given",
      method: "link",
      photoConsent: false,
    });
  });

  it("answers an unknown consent token with 404", async () => {
    expect((await new Client(server.url).get("/api/consent/nope")).status).toBe(404);
    expect(
      (
        await new Client(server.url).post("/api/consent/nope", {
          guardianName: "Pat",
          consent: true,
          photoConsent: true,
        })
      ).status,
    ).toBe(404);
  });

  it("refuses a consent answer that is not a yes or no", async () => {
    const res = await new Client(server.url).post(`/api/consent/${tokenOf(links[0]!.url)}`, {
      guardianName: "Pat",
      consent: "yes",
      photoConsent: false,
    });
    expect(res.status).toBe(400);
    expect(
      (
        await new Client(server.url).get<{ consent: { status: string } }>(
          `/api/consent/${tokenOf(links[0]!.url)}`,
        )
      ).body.consent.status,
    ).toBe("awaiting");
  });

  it("refuses check-in while a member awaits consent, then allows it after link and paper consent", async () => {
    const refused = await organizer.post(`/api/events/hmj-2026/teams/${teamId}/check-in`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ type: "/problems/consent-missing" });
    await new Client(server.url).post(`/api/consent/${tokenOf(links[0]!.url)}`, {
      guardianName: "Pat",
      consent: true,
      photoConsent: true,
    });
    const stillRefused = await organizer.post(`/api/events/hmj-2026/teams/${teamId}/check-in`);
    expect(stillRefused.status).toBe(409);
    const paper = await organizer.post(
      `/api/events/hmj-2026/teams/${teamId}/members/${links[1]!.memberId}/consent`,
      {
        method: "paper",
        photoConsent: false,
      },
    );
    expect(paper.status).toBe(200);
    const ok = await organizer.post<{ team: TeamView }>(
      `/api/events/hmj-2026/teams/${teamId}/check-in`,
    );
    expect(ok.status).toBe(200);
    expect(ok.body.team.checkedIn).toBe(true);
  });

  it("refuses check-in when a guardian said no", async () => {
    await new Client(server.url).post(`/api/consent/${tokenOf(links[0]!.url)}`, {
      guardianName: "Pat",
      consent: false,
      photoConsent: true,
    });
    await organizer.post(
      `/api/events/hmj-2026/teams/${teamId}/members/${links[1]!.memberId}/consent`,
      { method: "paper", photoConsent: false },
    );
    const res = await organizer.post<Problem>(`/api/events/hmj-2026/teams/${teamId}/check-in`);
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain("guardian said no");
  });

  it("photo consent stays no when the guardian refuses taking part", async () => {
    await new Client(server.url).post(`/api/consent/${tokenOf(links[0]!.url)}`, {
      guardianName: "Pat",
      consent: false,
      photoConsent: true,
    });
    const team = (await organizer.get<{ teams: TeamView[] }>("/api/events/hmj-2026/teams")).body
      .teams[0]!;
    expect(team.members.find((m) => m.id === links[0]!.memberId)!.consent.photoConsent).toBe(false);
  });

  it("refuses paper consent with another method or for another event's member", async () => {
    const wrong = await organizer.post(
      `/api/events/hmj-2026/teams/${teamId}/members/${links[0]!.memberId}/consent`,
      { method: "email", photoConsent: false },
    );
    expect(wrong.status).toBe(400);
    await organizer.post("/api/events", buildEvent({ slug: "other" }));
    const other = await organizer.post(
      `/api/events/other/teams/${teamId}/members/${links[0]!.memberId}/consent`,
      { method: "paper", photoConsent: false },
    );
    expect(other.status).toBe(404);
  });
});

describe("privacy", () => {
  const PERSONAL = /dateOfBirth|lastName|guardian|dietary|medical|2011-06-15|Lovelace/;
  beforeEach(async () => {
    await register(
      new Client(server.url),
      buildTeam(openCategory, {
        members: [buildMember({ dietary: "Vegetarian", medical: "Asthma inhaler" })],
      }),
    );
  });

  it("the public event view carries no personal field", async () => {
    const res = await new Client(server.url).get<{ event: EventView }>("/api/events/hmj-2026");
    expect(JSON.stringify(res.body)).not.toMatch(PERSONAL);
  });

  it("judges and other teams cannot read the roster", async () => {
    const other = new Client(server.url);
    await register(other, buildTeam(openCategory));
    expect((await other.get("/api/events/hmj-2026/teams")).status).toBe(403);
    const me = await other.get<{ team: TeamView }>("/api/teams/me");
    expect(JSON.stringify(me.body)).not.toContain("Asthma");
  });

  it("the roster CSV leaves out dietary and medical notes, which have their own export", async () => {
    const roster = await organizer.get<string>("/api/events/hmj-2026/exports/roster.csv");
    expect(roster.status).toBe(200);
    expect(roster.headers.get("content-type")).toMatch(/text\/csv/);
    expect(roster.body).toContain("Lovelace");
    expect(roster.body).not.toMatch(/Asthma|Vegetarian/);
    const notes = await organizer.get<string>("/api/events/hmj-2026/exports/dietary-medical.csv");
    expect(notes.body).toContain("Asthma inhaler");
    expect(
      (await new Client(server.url).get("/api/events/hmj-2026/exports/dietary-medical.csv")).status,
    ).toBe(401);
  });

  it("neutralises spreadsheet formulas typed into a team name", async () => {
    await register(
      new Client(server.url),
      buildTeam(openCategory, { name: '=HYPERLINK("http://x")' }),
    );
    const roster = await organizer.get<string>("/api/events/hmj-2026/exports/roster.csv");
    expect(roster.body).toContain('"\'=HYPERLINK(""http://x"")"');
  });

  it("does not delete a category that has teams", async () => {
    const res = await organizer.delete(`/api/events/hmj-2026/categories/${openCategory}`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ type: "/problems/category-in-use" });
  });
});
