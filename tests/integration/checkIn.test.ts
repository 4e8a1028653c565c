import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, events, members, teams } from "../../server/db/schema";
import type {
  BadgeSheetView,
  CheckInCodeView,
  CheckInScanView,
  CheckInTeamView,
  ParticipantBadge,
  PhotoListEntry,
  TeamView,
} from "../../shared/api";
import {
  type EventRow,
  type InsertedTeam,
  insertCategory,
  insertEvent,
  insertOrganizer,
  insertTeacher,
  insertTeam,
  signedIn,
} from "../helpers/factories";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import { socketPool } from "../helpers/sockets";

let server: TestServer;
let organizer: Client;
let event: EventRow;
let categoryId: string;
const NOW = new Date("2026-03-14T08:30:00Z");
const sockets = socketPool(() => server.url);

type Problem = { type: string; detail: string };
const E = () => `/api/events/${event.slug}`;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
afterEach(() => sockets.closeAll());
beforeEach(async () => {
  await server.reset();
  server.clock.set(NOW);
  const db = server.database.db;
  // Registration closed yesterday; hacking starts in half an hour.
  event = await insertEvent(
    db,
    {
      slug: "hmj-2026",
      registrationOpensAt: "2026-02-01T09:00:00Z",
      registrationClosesAt: "2026-03-13T18:00:00Z",
      startsAt: "2026-03-14T09:00:00Z",
      submissionsCloseAt: "2026-03-15T13:00:00Z",
      endsAt: "2026-03-15T17:00:00Z",
    },
    NOW,
  );
  categoryId = (await insertCategory(db, event.id)).id;
  organizer = await signedIn(server.url, db, await insertOrganizer(db), NOW);
});

async function arrivingTeam(options: Partial<Parameters<typeof insertTeam>[1]> = {}) {
  return insertTeam(server.database.db, {
    eventId: event.id,
    categoryId,
    checkedInAt: null,
    members: [{ firstName: "Ada" }, { firstName: "Alan" }],
    ...options,
  });
}

async function badgesOf(slug = event.slug): Promise<ParticipantBadge[]> {
  const res = await organizer.get<BadgeSheetView>(`/api/events/${slug}/badges`);
  expect(res.status).toBe(200);
  return res.body.badges.filter((b): b is ParticipantBadge => b.kind === "participant");
}

const badgeOf = async (memberId: string) =>
  (await badgesOf()).find((b) => b.memberId === memberId)!;
const scan = (code: string) =>
  organizer.post<CheckInScanView & Problem>(`${E()}/check-in/scan`, { code });
const arrive = (teamId: string, memberIds: string[] = []) =>
  organizer.post<{ team: CheckInTeamView } & Problem>(`${E()}/check-in/members`, {
    teamId,
    memberIds,
    via: "scan",
  });

async function stored(team: InsertedTeam) {
  const db = server.database.db;
  const [row] = await db.select().from(teams).where(eq(teams.id, team.id));
  const rows = await db.select().from(members).where(eq(members.teamId, team.id));
  return { team: row!, members: rows };
}

async function scansAudited() {
  const rows = await server.database.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, "check-in.scan"));
  return rows.map((r) => (r.details as { outcome: string }).outcome);
}

describe("the roster's school contacts", () => {
  it("names each school's teacher and phone, to call about its pupils on the day", async () => {
    const team = await arrivingTeam();
    await insertTeacher(server.database.db, {
      eventId: event.id,
      school: team.members[0]!.school,
      name: "Ms Ash",
      phone: "0161 496 0000",
    });
    const roster = await organizer.get<{
      teams: CheckInTeamView[];
      contacts: { school: string; name: string; phone: string | null }[];
    }>(`${E()}/check-in/roster`);
    expect(roster.status).toBe(200);
    expect(roster.body.contacts).toEqual([
      { school: team.members[0]!.school, name: "Ms Ash", phone: "0161 496 0000" },
    ]);
    // The desk is for organizers: a team cannot read its school's contacts there.
    const pupils = await signedIn(server.url, server.database.db, team.userId, NOW);
    expect((await pupils.get(`${E()}/check-in/roster`)).status).toBe(403);
  });
});

describe("badges", () => {
  it("gives each member a badge with first name, team, school and a signed check-in link; staff their role", async () => {
    const team = await arrivingTeam();
    const teacher = await insertTeacher(server.database.db, {
      eventId: event.id,
      school: "Oak School",
      name: "Ms Ash",
      phone: "0161 496 0000",
    });
    const res = await organizer.get<BadgeSheetView>(`${E()}/badges`);
    expect(res.status).toBe(200);
    const ada = res.body.badges.find((b) => b.kind === "participant" && b.firstName === "Ada");
    expect(ada).toMatchObject({
      teamName: team.name,
      school: team.members[0]!.school,
      photoConsent: false,
      tableNumber: null,
    });
    expect((ada as ParticipantBadge).link).toMatch(
      /\/organize\/hmj-2026\/check-in#m\.[0-9a-f-]{36}\.[A-Za-z0-9_-]{22}$/,
    );
    expect(res.body.badges).toContainEqual(expect.objectContaining({ kind: "organizer" }));
    // A school's teacher is staff: their role on the badge, no school contact or phone.
    expect(res.body.badges).toContainEqual({ kind: "teacher", id: teacher.id, name: "Ms Ash" });
    // Badges are read by the whole hall: no last names or contacts.
    expect(JSON.stringify(res.body)).not.toContain("guardian");
  });

  it("prints the table number once set, and refuses one too long", async () => {
    const team = await arrivingTeam();
    const long = await organizer.put<Problem>(`${E()}/teams/${team.id}/table`, {
      tableNumber: "x".repeat(11),
    });
    expect(long.status).toBe(400);
    expect((await stored(team)).team.tableNumber).toBeNull();
    const set = await organizer.put(`${E()}/teams/${team.id}/table`, { tableNumber: " B4 " });
    expect(set.status).toBe(200);
    expect((await badgeOf(team.members[0]!.id)).tableNumber).toBe("B4");
  });

  it("is for organizers only", async () => {
    const team = await arrivingTeam();
    const asTeam = await signedIn(server.url, server.database.db, team.userId, NOW);
    expect((await asTeam.get(`${E()}/badges`)).status).toBe(403);
    expect((await new Client(server.url).get(`${E()}/badges`)).status).toBe(401);
    expect((await asTeam.get(`${E()}/photo-list`)).status).toBe(403);
  });
});

describe("scanning a code", () => {
  it("shows the team, each member's consent and photo answer; every scan is audited", async () => {
    const team = await arrivingTeam();
    const ada = await badgeOf(team.members[0]!.id);
    const res = await scan(ada.link);
    expect(res.status).toBe(200);
    expect(res.body.memberId).toBe(team.members[0]!.id);
    expect(res.body.team.name).toBe(team.name);
    expect(res.body.team.members.map((m) => [m.firstName, m.consent, m.photoConsent])).toEqual([
      ["Ada", "given", false],
      ["Alan", "given", false],
    ]);
    expect(await scansAudited()).toEqual(["found"]);
  });

  it("reads a team's code from its own page", async () => {
    const team = await arrivingTeam();
    const asTeam = await signedIn(server.url, server.database.db, team.userId, NOW);
    const mine = await asTeam.get<CheckInCodeView>("/api/teams/me/check-in-code");
    expect(mine.status).toBe(200);
    const res = await scan(mine.body.link);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ memberId: null, team: { id: team.id } });
  });

  it("refuses a code altered by hand with 400 code-invalid, and checks no one in", async () => {
    const team = await arrivingTeam();
    const { link } = await badgeOf(team.members[0]!.id);
    const code = link.slice(link.indexOf("#") + 1);
    // The other member's id under Ada's signature, and Ada's id with a changed signature.
    const swapped = code.replace(team.members[0]!.id, team.members[1]!.id);
    // The last character of a signature holds 4 unused bits: changing those is refused too.
    const last = code.at(-1) === "A" ? "B" : "A";
    const resigned = `${code.slice(0, -1)}${last}`;
    const signatureStart = code.lastIndexOf(".") + 1;
    const first = code[signatureStart] === "A" ? "B" : "A";
    const reworded = `${code.slice(0, signatureStart)}${first}${code.slice(signatureStart + 1)}`;
    for (const forged of [
      swapped,
      resigned,
      reworded,
      "m.not-a-code",
      `t.${team.id}.${"A".repeat(22)}`,
    ]) {
      const res = await scan(forged);
      expect(res.status).toBe(400);
      expect(res.body.type).toBe("/problems/code-invalid");
    }
    expect((await stored(team)).members.every((m) => m.inSince === null)).toBe(true);
    expect(await scansAudited()).toEqual(Array(5).fill("code-invalid"));
  });

  it("refuses a badge from another event with 409 code-other-event", async () => {
    const db = server.database.db;
    const other = await insertEvent(
      db,
      { slug: "hmj-2025", name: "Hack Manchester Junior 2025" },
      NOW,
    );
    const otherCategory = await insertCategory(db, other.id);
    const otherTeam = await insertTeam(db, {
      eventId: other.id,
      categoryId: otherCategory.id,
      checkedInAt: null,
    });
    const [badge] = await badgesOf("hmj-2025");
    const res = await scan(badge!.link);
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/problems/code-other-event");
    expect(res.body.detail).toContain("Hack Manchester Junior 2025");
    expect((await stored(otherTeam)).members[0]!.inSince).toBeNull();
  });

  it("refuses a scan, and a check-in, after the event ended with 409 event-ended", async () => {
    const team = await arrivingTeam();
    const { link } = await badgeOf(team.members[0]!.id);
    const after = new Date("2026-03-15T17:00:01Z");
    server.clock.set(after);
    organizer = await signedIn(
      server.url,
      server.database.db,
      await insertOrganizer(server.database.db),
      after,
    );
    const res = await scan(link);
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/problems/event-ended");
    const checkIn = await arrive(team.id);
    expect(checkIn.status).toBe(409);
    expect(checkIn.body.type).toBe("/problems/event-ended");
    expect((await stored(team)).members.every((m) => m.inSince === null)).toBe(true);
    expect(await scansAudited()).toEqual(["event-ended"]);
  });

  it("refuses an empty or oversized code with 400 validation", async () => {
    expect((await scan("")).status).toBe(400);
    expect((await scan("x".repeat(501))).status).toBe(400);
    expect((await organizer.post(`${E()}/check-in/scan`, { code: "x", extra: 1 })).status).toBe(
      400,
    );
  });
});

describe("checking in per member", () => {
  it("checks in one half, then the other; the team is in once all are", async () => {
    const team = await arrivingTeam();
    const [ada, alan] = team.members;
    const first = await arrive(team.id, [ada!.id]);
    expect(first.status).toBe(200);
    expect(first.body.team.checkedInAt).toBeNull();
    expect(first.body.team.members.map((m) => m.inSince !== null)).toEqual([true, false]);
    expect((await stored(team)).team.checkedInAt).toBeNull();
    // The organizers' team list knows who came, for the certificates of a team that came in part.
    const half = (await organizer.get<{ team: TeamView }>(`${E()}/teams/${team.id}`)).body.team;
    expect(half.checkedIn).toBe(false);
    expect(half.members.map((m) => [m.firstName, m.arrived])).toEqual([
      ["Ada", true],
      ["Alan", false],
    ]);
    server.clock.set(new Date(NOW.getTime() + 60_000));
    const second = await arrive(team.id, [alan!.id]);
    expect(second.status).toBe(200);
    expect(second.body.team.checkedInAt).toBe(new Date(NOW.getTime() + 60_000).toISOString());
    expect((await stored(team)).team.checkedInAt).not.toBeNull();
  });

  it("says a member is already checked in when the same badge is scanned twice", async () => {
    const team = await arrivingTeam();
    const ada = team.members[0]!.id;
    expect((await arrive(team.id, [ada])).status).toBe(200);
    const again = await arrive(team.id, [ada]);
    expect(again.status).toBe(409);
    expect(again.body.type).toBe("/problems/already-checked-in");
    expect(again.body.detail).toContain("Ada");
    const scanned = await scan((await badgeOf(ada)).link);
    expect(scanned.body.team.members.find((m) => m.id === ada)?.inSince).toBe(NOW.toISOString());
    const log = await server.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "member.checked-in"));
    expect(log).toHaveLength(1);
  });

  it("checks in once when two scans of one code race", async () => {
    const team = await arrivingTeam();
    const results = await Promise.all([arrive(team.id), arrive(team.id)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const db = server.database.db;
    const log = await db.select().from(auditLog).where(eq(auditLog.action, "team.checked-in"));
    expect(log).toHaveLength(1);
    expect((await stored(team)).members.every((m) => m.inSince !== null)).toBe(true);
  });

  it("refuses a member whose guardian has not answered with 409 consent-missing", async () => {
    const team = await arrivingTeam({ consent: "awaiting" });
    const res = await arrive(team.id, [team.members[0]!.id]);
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/problems/consent-missing");
    expect(res.body.detail).toContain("Ada");
    expect((await stored(team)).members.every((m) => m.inSince === null)).toBe(true);
  });

  it("refuses a member of another team with 404", async () => {
    const team = await arrivingTeam();
    const other = await arrivingTeam({ members: [{ firstName: "Grace" }] });
    const res = await arrive(team.id, [other.members[0]!.id]);
    expect(res.status).toBe(404);
    expect((await stored(other)).members[0]!.inSince).toBeNull();
    expect((await stored(team)).members.every((m) => m.inSince === null)).toBe(true);
  });

  it("checks every member in through the team's check-in route", async () => {
    const team = await arrivingTeam();
    const res = await organizer.post(`${E()}/teams/${team.id}/check-in`);
    expect(res.status).toBe(200);
    const after = await stored(team);
    expect(after.team.checkedInAt).not.toBeNull();
    expect(after.members.every((m) => m.inSince !== null && m.arrivedAt !== null)).toBe(true);
  });

  it("checks out at the end of day one and in again on day two; the team stays in for judging", async () => {
    const team = await arrivingTeam();
    expect((await arrive(team.id)).status).toBe(200);
    server.clock.set(new Date("2026-03-14T18:00:00Z"));
    const out = await organizer.post<{ team: CheckInTeamView }>(`${E()}/check-out/members`, {
      teamId: team.id,
    });
    expect(out.status).toBe(200);
    expect(out.body.team.members.every((m) => m.inSince === null && m.leftAt !== null)).toBe(true);
    expect(out.body.team.checkedInAt).toBe(NOW.toISOString());
    const twice = await organizer.post<Problem>(`${E()}/check-out/members`, { teamId: team.id });
    expect(twice.status).toBe(409);
    expect(twice.body.type).toBe("/problems/not-checked-in");
    const roster = await organizer.get<{ teams: CheckInTeamView[] }>(`${E()}/check-in/roster`);
    expect(roster.body.teams[0]!.members.every((m) => m.inSince === null)).toBe(true);
    const dayTwo = new Date("2026-03-15T08:30:00Z");
    server.clock.set(dayTwo);
    organizer = await signedIn(
      server.url,
      server.database.db,
      await insertOrganizer(server.database.db),
      dayTwo,
    );
    const back = await arrive(team.id, [team.members[1]!.id]);
    expect(back.status).toBe(200);
    expect(back.body.team.members.map((m) => m.inSince)).toEqual([
      null,
      "2026-03-15T08:30:00.000Z",
    ]);
    expect(back.body.team.members[1]!.arrivedAt).toBe(NOW.toISOString());
  });

  it("checks out everyone still in at the end of the day, and only this event's", async () => {
    const first = await arrivingTeam();
    const second = await arrivingTeam({ members: [{ firstName: "Grace" }] });
    const db = server.database.db;
    const other = await insertEvent(db, { slug: "other-hack" }, NOW);
    const otherTeam = await insertTeam(db, {
      eventId: other.id,
      categoryId: (await insertCategory(db, other.id)).id,
    });
    expect((await arrive(first.id, [first.members[0]!.id])).status).toBe(200);
    expect((await arrive(second.id)).status).toBe(200);
    const res = await organizer.post<{ checkedOut: number }>(`${E()}/check-out/everyone`);
    expect(res.status).toBe(200);
    expect(res.body.checkedOut).toBe(2);
    for (const team of [first, second])
      expect((await stored(team)).members.every((m) => m.inSince === null)).toBe(true);
    expect((await stored(otherTeam)).members[0]!.inSince).not.toBeNull();
    expect(
      (await organizer.post<{ checkedOut: number }>(`${E()}/check-out/everyone`)).body,
    ).toEqual({
      checkedOut: 0,
    });
  });

  it("leaves the judging version alone when members come and go or a table is set", async () => {
    const team = await arrivingTeam();
    expect((await arrive(team.id)).status).toBe(200);
    const version = async () =>
      (await server.database.db.select().from(events).where(eq(events.id, event.id)))[0]!
        .scoresVersion;
    const before = await version();
    expect((await organizer.post(`${E()}/check-out/members`, { teamId: team.id })).status).toBe(
      200,
    );
    expect((await arrive(team.id)).status).toBe(200);
    expect(
      (await organizer.put(`${E()}/teams/${team.id}/table`, { tableNumber: "7" })).status,
    ).toBe(200);
    expect(await version()).toBe(before);
  });

  it("tells the organizers' screens and the team's page", async () => {
    const team = await arrivingTeam();
    const socket = sockets.connect(organizer.cookieValue);
    const heard = new Promise<{ teamId: string }>((resolve) => socket.on("teams:changed", resolve));
    await new Promise((resolve) => socket.on("stage", resolve));
    expect((await arrive(team.id, [team.members[0]!.id])).status).toBe(200);
    expect(await heard).toEqual({ teamId: team.id });
  });
});

describe("the photographer's list", () => {
  it("lists the children without photo consent, first names and teams only", async () => {
    const team = await arrivingTeam();
    const awaiting = await arrivingTeam({ consent: "awaiting", members: [{ firstName: "Grace" }] });
    const db = server.database.db;
    await db.update(members).set({ photoConsent: true }).where(eq(members.id, team.members[1]!.id));
    const res = await organizer.get<{ members: PhotoListEntry[] }>(`${E()}/photo-list`);
    expect(res.status).toBe(200);
    expect(res.body.members.map((m) => [m.firstName, m.teamName, m.reason]).sort()).toEqual([
      ["Ada", team.name, "no-photos"],
      ["Grace", awaiting.name, "no-answer"],
    ]);
  });
});
