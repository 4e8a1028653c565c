/**
 * Certificates: one per team and one per child who took part, for the organizer and for the
 * team's own account, with awards only once the results are final. Children's full names
 * leave these routes for organizers and the child's own team alone.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { members, prizes } from "../../server/db/schema";
import { hashToken, randomToken } from "../../server/lib/tokens";
import { findEvent } from "../../server/services/events";
import { saveScores } from "../../server/services/judging";
import type { Certificates, TeamCertificates } from "../../shared/api";
import { insertCategory, insertTeam } from "../helpers/factories";
import { Client } from "../helpers/http";
import { judgingScenario, type Scenario } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";

const SLUG = "hmj-2026";
const LONG = { firstName: "Maximilian-Alexander", lastName: "Fotheringham-Smythe" };
const ABSENT = { firstName: "Nora", lastName: "Stayedhome" };

let server: TestServer;
let s: Scenario;
/** A team not checked in: Maximilian arrived, Nora never did. */
let partial: { id: string; contact: { email: string; password: string }; memberIds: string[] };
/** A team none of whose members came. */
let noShow: { id: string; contact: { email: string; password: string } };
/** The one team of a second category, whose one award is revealed last. */
let solo: { id: string; contact: { email: string; password: string } };

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const organizerCerts = () => s.organizer.get<Certificates>(`/api/events/${SLUG}/certificates`);
const teamClient = async (contact: { email: string; password: string }) => {
  const client = new Client(server.url);
  expect((await client.post("/api/session", contact)).status).toBe(200);
  return client;
};
const next = async () =>
  expect((await s.organizer.post(`/api/events/${SLUG}/ceremony/next`)).status).toBe(200);
/** Best Game's three awards, then the Pre-University Challenge's one. */
const finishCeremony = async () => {
  for (let i = 0; i < 4; i++) await next();
};

beforeEach(async () => {
  await server.reset();
  s = await judgingScenario(server, [
    "Oakwood Academy",
    "St Mary's High School",
    "Trinity High School",
    "Xaverian College",
  ]);
  const db = server.database.db;
  const event = await findEvent(db, SLUG);
  // Team A's one member has a long name that must survive onto every route's answer.
  const [teamAMember] = await db
    .select({ id: members.id })
    .from(members)
    .where(eq(members.teamId, s.teams[0]!.id));
  await db.update(members).set(LONG).where(eq(members.id, teamAMember!.id));
  const p = await insertTeam(db, {
    eventId: event.id,
    categoryId: s.categoryId,
    name: "Half Here",
    checkedInAt: null,
    members: [
      { firstName: "Ivy", lastName: "Arrivedlate", school: "Oakwood Academy" },
      { ...ABSENT, school: "Oakwood Academy" },
    ],
  });
  await db
    .update(members)
    .set({ arrivedAt: server.clock.now() })
    .where(eq(members.id, p.members[0]!.id));
  partial = { id: p.id, contact: p.contact, memberIds: p.members.map((m) => m.id) };
  const q = await insertTeam(db, {
    eventId: event.id,
    categoryId: s.categoryId,
    name: "Never Came",
    checkedInAt: null,
    members: [{ firstName: "Otto", lastName: "Nowhere", school: "Oakwood Academy" }],
  });
  noShow = { id: q.id, contact: q.contact };

  const preU = await insertCategory(db, event.id, { name: "Pre-University Challenge" });
  const o = await insertTeam(db, {
    eventId: event.id,
    categoryId: preU.id,
    name: "Solo",
    members: [{ firstName: "Sol", lastName: "Onlyone", school: "Xaverian College" }],
  });
  solo = { id: o.id, contact: o.contact };

  await db.insert(prizes).values([
    { eventId: event.id, categoryId: preU.id, place: 1, title: "Books", sponsor: null },
    { eventId: event.id, categoryId: s.categoryId, place: 1, title: "Aqua Zorbing", sponsor: "AZ" },
    {
      eventId: event.id,
      categoryId: s.categoryId,
      place: 2,
      title: "Paintballing",
      sponsor: "FARM",
    },
    { eventId: event.id, categoryId: s.categoryId, place: 3, title: "Pi kits", sponsor: null },
  ]);
  const scores = [
    [10, 10, 5],
    [8, 8, 4],
    [6, 6, 3],
    [2, 2, 1],
  ];
  for (const email of ["j1@example.com", "j2@example.com"]) {
    const { userId } = await s.judge(email, { categoryIds: [s.categoryId, preU.id] });
    await saveScores(db, {
      userId,
      teamId: solo.id,
      input: { scores: Object.fromEntries(preU.criteria.map((c) => [c.id, 1])) },
      now: server.clock.now(),
    });
    for (const [i, values] of scores.entries())
      await saveScores(db, {
        userId,
        teamId: s.teams[i]!.id,
        input: { scores: Object.fromEntries(s.criteria.map((c, k) => [c.id, values[k]!])) },
        now: server.clock.now(),
      });
  }
  expect((await s.organizer.post(`/api/events/${SLUG}/scoring/lock`)).status).toBe(200);
});

describe("the organizer's certificates", () => {
  it("lists a certificate for each child who arrived, and none for a child who never came", async () => {
    const res = await organizerCerts();
    expect(res.status).toBe(200);
    expect(res.body.event).toEqual({
      name: expect.any(String),
      venue: expect.any(String),
      startsAt: "2026-03-14T09:00:00.000Z",
      endsAt: "2026-03-15T17:00:00.000Z",
      timezone: expect.any(String),
    });
    const names = res.body.teams.map((t) => t.teamName);
    // Never Came has no one who took part: no certificate at all.
    expect(names.sort()).toEqual(["Half Here", "Solo", "Team A", "Team B", "Team C", "Team D"]);
    const half = res.body.teams.find((t) => t.teamName === "Half Here")!;
    expect(half.members).toEqual([
      {
        id: partial.memberIds[0],
        firstName: "Ivy",
        lastName: "Arrivedlate",
        school: "Oakwood Academy",
      },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(ABSENT.lastName);
    expect(JSON.stringify(res.body)).not.toContain("Nowhere");
    const a = res.body.teams.find((t) => t.teamName === "Team A")!;
    expect(a.members).toEqual([expect.objectContaining(LONG)]);
  });

  it("names no award until the category's results are final, then names each", async () => {
    // Before the ceremony: nothing is final, nobody has won or lost yet.
    let res = await organizerCerts();
    expect(res.body.teams.every((t) => !t.final && t.award === null)).toBe(true);
    // 3rd place is revealed, two more to come: still not final, so not even Team C's award.
    await next();
    res = await organizerCerts();
    expect(res.body.teams.find((t) => t.teamName === "Team C")).toMatchObject({
      final: false,
      award: null,
    });
    await next();
    await next();
    res = await organizerCerts();
    const award = (name: string) => res.body.teams.find((t) => t.teamName === name)!;
    expect(award("Team A")).toMatchObject({
      final: true,
      award: { place: 1, prize: "Aqua Zorbing", sponsor: "AZ" },
    });
    expect(award("Team C").award).toEqual({ place: 3, prize: "Pi kits", sponsor: null });
    expect(award("Team D")).toMatchObject({ final: true, award: null });
  });
});

describe("one category's results before another's", () => {
  it("names a category's awards once all of them are revealed, while another waits", async () => {
    for (let i = 0; i < 3; i++) await next();
    const res = await organizerCerts();
    const team = (name: string) => res.body.teams.find((t) => t.teamName === name)!;
    expect(team("Team A")).toMatchObject({ final: true, award: { place: 1 } });
    expect(team("Solo")).toMatchObject({ final: false, award: null });
    const soloTeam = await teamClient(solo.contact);
    const refused = await soloTeam.get(`/api/teams/me/certificates`);
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).not.toContain("Books");
    const winner = await teamClient(s.teams[0]!.contact);
    expect((await winner.get(`/api/teams/me/certificates`)).status).toBe(200);

    await next();
    const mine = await soloTeam.get<TeamCertificates>(`/api/teams/me/certificates`);
    expect(mine.status).toBe(200);
    expect(mine.body.team.award).toEqual({ place: 1, prize: "Books", sponsor: null });
  });
});

describe("a team's own certificates", () => {
  it("refuses with 409 ceremony-not-finished until the results are final", async () => {
    const team = await teamClient(s.teams[2]!.contact);
    let res = await team.get(`/api/teams/me/certificates`);
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: "/problems/ceremony-not-finished",
      detail: expect.stringMatching(/after the prize ceremony/),
    });
    // Team C's 3rd place is out, but the category is not final yet.
    await next();
    res = await team.get(`/api/teams/me/certificates`);
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.body)).not.toContain("Pi kits");
  });

  it("gives the team its certificate and one per member who took part once final", async () => {
    await finishCeremony();
    const winner = await teamClient(s.teams[0]!.contact);
    const won = await winner.get<TeamCertificates>(`/api/teams/me/certificates`);
    expect(won.status).toBe(200);
    expect(won.body.team).toMatchObject({
      teamId: s.teams[0]!.id,
      teamName: "Team A",
      category: "Best Game",
      school: "Oakwood Academy",
      final: true,
      award: { place: 1, prize: "Aqua Zorbing", sponsor: "AZ" },
      members: [expect.objectContaining(LONG)],
    });
    expect(won.body.event.endsAt).toBe("2026-03-15T17:00:00.000Z");

    const half = await teamClient(partial.contact);
    const mine = await half.get<TeamCertificates>(`/api/teams/me/certificates`);
    expect(mine.status).toBe(200);
    expect(mine.body.team.award).toBeNull();
    expect(mine.body.team.members.map((m) => m.firstName)).toEqual(["Ivy"]);
    expect(JSON.stringify(mine.body)).not.toContain(ABSENT.lastName);

    const none = await teamClient(noShow.contact);
    const empty = await none.get<TeamCertificates>(`/api/teams/me/certificates`);
    expect(empty.status).toBe(200);
    expect(empty.body.team.members).toEqual([]);
  });
});

describe("privacy", () => {
  beforeEach(finishCeremony);

  it("gives a judge, another team, a guardian and the public no child's last name", async () => {
    const { client: judge } = await s.judge("late@example.com");
    const other = await teamClient(s.teams[3]!.contact);
    // A guardian holds a consent link and no account.
    const token = randomToken();
    await server.database.db
      .update(members)
      .set({ consentTokenHash: hashToken(token), consentLinkOpen: true })
      .where(eq(members.id, partial.memberIds[0]!));
    const guardian = new Client(server.url);
    const letter = await guardian.get(`/api/consent/${token}`);
    expect(letter.status).toBe(200);
    const anonymous = new Client(server.url);
    const lastNames = [LONG.lastName, "Arrivedlate", ABSENT.lastName];
    const leaks = (body: unknown) => lastNames.filter((n) => JSON.stringify(body).includes(n));

    for (const [who, client, status] of [
      ["judge", judge, 403],
      ["another team", other, 403],
      ["guardian", guardian, 401],
      ["public", anonymous, 401],
    ] as const) {
      const all = await client.get(`/api/events/${SLUG}/certificates`);
      expect([who, all.status]).toEqual([who, status]);
      expect([who, leaks(all.body)]).toEqual([who, []]);
    }
    for (const [who, client, status] of [
      ["judge", judge, 403],
      ["guardian", guardian, 401],
      ["public", anonymous, 401],
    ] as const) {
      const mine = await client.get(`/api/teams/me/certificates`);
      expect([who, mine.status]).toEqual([who, status]);
      expect([who, leaks(mine.body)]).toEqual([who, []]);
    }
    // Another team reads its own certificates only: its one member, none of Team A's.
    const own = await other.get<TeamCertificates>(`/api/teams/me/certificates`);
    expect(own.status).toBe(200);
    expect(own.body.team.teamId).toBe(s.teams[3]!.id);
    expect(leaks(own.body)).toEqual([]);
    // What the guardian's link and the public results show carries no last name either.
    expect(leaks(letter.body)).toEqual([]);
    expect(leaks((await anonymous.get(`/api/events/${SLUG}/results`)).body)).toEqual([]);
  });

  it("answers every certificate read with no personal data in the log", async () => {
    await organizerCerts();
    await (await teamClient(s.teams[0]!.contact)).get(`/api/teams/me/certificates`);
    expect(server.logs().join("\n")).not.toContain(LONG.lastName);
  });
});
