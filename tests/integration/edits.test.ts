/**
 * Corrections to what was signed up: a team's name and category, a member's details. Each
 * edit names the version it was made on (a stale one is refused with the row as it is now),
 * sign-up's rules are checked again, and every edit is audited.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, members, scoreCards, teams, users } from "../../server/db/schema";
import { resolveSchool } from "../../server/services/schools";
import type { TeamView } from "../../shared/api";
import {
  type InsertedCategory,
  type InsertedTeam,
  insertCategory,
  insertEvent,
  insertJudge,
  insertOrganizer,
  insertTeam,
  signedIn,
} from "../helpers/factories";
import type { Client } from "../helpers/http";
import { DURING_REGISTRATION, EVENT_TIMES, registrationEvent } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";

type Problem = {
  type: string;
  detail: string;
  errors?: { path: string; message: string }[];
  current?: TeamView;
};

let server: TestServer;
let organizer: Client;
let eventId: string;
let anySchool: InsertedCategory;
let oneSchool: InsertedCategory;
let team: InsertedTeam;
const SLUG = "hmj-2026";
const E = `/api/events/${SLUG}`;

beforeAll(async () => {
  server = await startTestServer({ rateLimits: false });
});
afterAll(() => server.close());
beforeEach(async () => {
  const { db, event } = await registrationEvent(server, SLUG);
  eventId = event.id;
  anySchool = await insertCategory(db, eventId, { name: "Best Game", singleSchool: false });
  oneSchool = await insertCategory(db, eventId, {
    name: "Pre-University Challenge",
    singleSchool: true,
  });
  team = await insertTeam(db, {
    eventId,
    categoryId: anySchool.id,
    name: "Byte Club",
    checkedInAt: null,
    members: [
      { firstName: "Ada", school: "Oak School" },
      { firstName: "Sam", school: "Elm School" },
    ],
  });
  organizer = await signedIn(server.url, db, await insertOrganizer(db), DURING_REGISTRATION);
});

const db = () => server.database.db;
const teamRow = async () => (await db().select().from(teams).where(eq(teams.id, team.id)))[0]!;
const memberRow = async (i = 0) =>
  (await db().select().from(members).where(eq(members.id, team.members[i]!.id)))[0]!;
const editTeam = (body: unknown, as = organizer) =>
  as.patch<{ team: TeamView } & Problem>(`${E}/teams/${team.id}`, body);
const editMember = (body: unknown, i = 0, as = organizer) =>
  as.patch<{ team: TeamView } & Problem>(
    `${E}/teams/${team.id}/members/${team.members[i]!.id}`,
    body,
  );
const audits = async (action: string) =>
  (await db().select().from(auditLog)).filter((a) => a.action === action);

describe("editing a team", () => {
  it("renames it, bumping its version, renaming its account, and audits old and new", async () => {
    const res = await editTeam({ version: 1, name: "Byte Club United" });
    expect(res.status).toBe(200);
    expect(res.body.team).toMatchObject({ name: "Byte Club United", version: 2 });
    expect(await teamRow()).toMatchObject({ name: "Byte Club United", version: 2 });
    const [account] = await db().select().from(users).where(eq(users.id, team.userId));
    expect(account?.name).toBe("Byte Club United");
    const [entry] = await audits("team.edited");
    expect(entry?.details).toEqual({
      teamId: team.id,
      old: { name: "Byte Club", categoryId: anySchool.id },
      new: { name: "Byte Club United", categoryId: anySchool.id },
    });
  });

  it("refuses a name another team has, however it is written, with 409 team-name-taken", async () => {
    await insertTeam(db(), { eventId, categoryId: anySchool.id, name: "Pixel Pals" });
    const before = await teamRow();
    const res = await editTeam({ version: 1, name: "PIXEL  pals" });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/problems/team-name-taken");
    expect(await teamRow()).toEqual(before);
  });

  it("refuses a single-school category for members of two schools with 400 mixed-schools", async () => {
    const before = await teamRow();
    const res = await editTeam({ version: 1, categoryId: oneSchool.id });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe("/problems/mixed-schools");
    expect(await teamRow()).toEqual(before);
  });

  it("keeps a scored team in its category with 409 team-scored", async () => {
    const judge = await insertJudge(db(), { eventId, categoryIds: [anySchool.id] });
    await db()
      .insert(scoreCards)
      .values({ judgeId: judge.id, teamId: team.id, eventId, version: 1, updatedAt: new Date() });
    await db()
      .update(members)
      .set({ schoolId: await resolveSchool(db(), eventId, "Oak School") });
    const third = await insertCategory(db(), eventId, { name: "Best App" });
    const res = await editTeam({ version: 1, categoryId: third.id });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/problems/team-scored");
    expect((await teamRow()).categoryId).toBe(anySchool.id);
  });

  it("refuses another event's category or an empty edit with 400", async () => {
    const other = await insertEvent(db(), { slug: "other", ...EVENT_TIMES });
    const foreign = await insertCategory(db(), other.id);
    expect((await editTeam({ version: 1, categoryId: foreign.id })).status).toBe(400);
    expect((await editTeam({ version: 1 })).status).toBe(400);
    expect((await editTeam({ name: "No version" })).status).toBe(400);
    expect((await teamRow()).version).toBe(1);
  });

  it("refuses a stale version with 409 row-changed and the team as it is now", async () => {
    expect((await editTeam({ version: 1, name: "First" })).status).toBe(200);
    const stale = await editTeam({ version: 1, name: "Second" });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toBe("/problems/row-changed");
    expect(stale.body.current).toMatchObject({ id: team.id, name: "First", version: 2 });
    expect((await teamRow()).name).toBe("First");
  });

  it("lets one of two organizers racing on one version win: one 200, one 409", async () => {
    const second = await signedIn(
      server.url,
      db(),
      await insertOrganizer(db()),
      DURING_REGISTRATION,
    );
    const answers = await Promise.all([
      editTeam({ version: 1, name: "Name A" }),
      editTeam({ version: 1, name: "Name B" }, second),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200)!.body.team.name;
    expect(await teamRow()).toMatchObject({ name: winner, version: 2 });
    expect(await audits("team.edited")).toHaveLength(1);
  });

  it("is the organizer's alone: the team gets 403", async () => {
    const own = await signedIn(server.url, db(), team.userId, DURING_REGISTRATION);
    expect((await editTeam({ version: 1, name: "Ours now" }, own)).status).toBe(403);
    expect((await teamRow()).name).toBe("Byte Club");
  });
});

describe("editing a member", () => {
  it("corrects any detail, bumping the version; the audit names the fields, not the values", async () => {
    const res = await editMember({
      version: 1,
      lastName: "Lovelace-Byron",
      guardian: { name: "Anne Byron", email: "anne.byron@example.com", phone: "0161 000 0000" },
      dietary: "",
    });
    expect(res.status).toBe(200);
    expect(res.body.team.members[0]).toMatchObject({
      lastName: "Lovelace-Byron",
      guardian: { name: "Anne Byron", email: "anne.byron@example.com" },
      dietary: null,
      version: 2,
    });
    expect(await memberRow()).toMatchObject({ lastName: "Lovelace-Byron", version: 2 });
    const [entry] = await audits("member.edited");
    expect(entry?.details).toEqual({
      teamId: team.id,
      memberId: team.members[0]!.id,
      fields: ["lastName", "guardian", "dietary"],
      by: "organizer",
    });
    expect(JSON.stringify(entry)).not.toMatch(/Byron/);
  });

  it("refuses a date of birth that makes the member too old with 400 too-old, changing nothing", async () => {
    const before = await memberRow();
    const res = await editMember({ version: 1, dateOfBirth: "2000-01-01" });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe("/problems/too-old");
    expect(res.body.errors?.[0]?.path).toBe("dateOfBirth");
    expect(await memberRow()).toEqual(before);
  });

  it("refuses another school in a single-school category with 400 mixed-schools", async () => {
    const solo = await insertTeam(db(), {
      eventId,
      categoryId: oneSchool.id,
      members: [{ school: "St Mary's" }, { school: "Saint Marys" }],
    });
    const res = await organizer.patch<Problem>(
      `${E}/teams/${solo.id}/members/${solo.members[1]!.id}`,
      { version: 1, school: "Oak School" },
    );
    expect(res.status).toBe(400);
    expect(res.body.type).toBe("/problems/mixed-schools");
    // The same school written another way is fine.
    const same = await organizer.patch(`${E}/teams/${solo.id}/members/${solo.members[1]!.id}`, {
      version: 1,
      school: "ST. MARY'S",
    });
    expect(same.status).toBe(200);
  });

  it("refuses the team's own sign-in email as a guardian's with 400, changing nothing", async () => {
    const before = await memberRow();
    const res = await editMember({
      version: 1,
      guardian: { name: "Pat", email: team.contact.email },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.path).toBe("guardian.email");
    expect(await memberRow()).toEqual(before);
  });

  it("lets the team edit its members while registration is open, and not after", async () => {
    const own = await signedIn(server.url, db(), team.userId, DURING_REGISTRATION);
    const mine = await own.patch<{ team: TeamView }>(
      `/api/teams/me/members/${team.members[0]!.id}`,
      {
        version: 1,
        firstName: "Adah",
      },
    );
    expect(mine.status).toBe(200);
    expect(mine.body.team.members[0]!.firstName).toBe("Adah");
    server.clock.set(new Date(EVENT_TIMES.registrationClosesAt));
    const later = await signedIn(server.url, db(), team.userId, server.clock.now());
    const late = await later.patch<Problem>(`/api/teams/me/members/${team.members[0]!.id}`, {
      version: 2,
      firstName: "Ada",
    });
    expect(late.status).toBe(409);
    expect(late.body.type).toBe("/problems/registration-closed");
    expect((await memberRow()).firstName).toBe("Adah");
    // The organizer corrects at any time.
    const desk = await signedIn(server.url, db(), await insertOrganizer(db()), server.clock.now());
    expect((await editMember({ version: 2, firstName: "Ada" }, 0, desk)).status).toBe(200);
  });

  it("finds no member of another team for a team (404)", async () => {
    const other = await insertTeam(db(), { eventId, categoryId: anySchool.id });
    const own = await signedIn(server.url, db(), team.userId, DURING_REGISTRATION);
    const res = await own.patch(`/api/teams/me/members/${other.members[0]!.id}`, {
      version: 1,
      firstName: "Mine",
    });
    expect(res.status).toBe(404);
    expect(
      (await db().select().from(members).where(eq(members.id, other.members[0]!.id)))[0]?.firstName,
    ).not.toBe("Mine");
  });

  it("lets one of two racing edits of one version win: one 200, one 409 with the member now", async () => {
    const second = await signedIn(
      server.url,
      db(),
      await insertOrganizer(db()),
      DURING_REGISTRATION,
    );
    const answers = await Promise.all([
      editMember({ version: 1, firstName: "Ann" }),
      editMember({ version: 1, firstName: "Bea" }, 0, second),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const lost = answers.find((a) => a.status === 409)!;
    expect(lost.body.type).toBe("/problems/row-changed");
    expect(lost.body.current?.members[0]?.version).toBe(2);
    expect((await memberRow()).version).toBe(2);
  });
});
