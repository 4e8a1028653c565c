/**
 * Announcements for teachers alone: an organizer chooses the audience; a teachers-only one
 * reaches every teacher of the event live and on their page, and never the hall (display,
 * event page, teams, judges) nor the public list.
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { announcements, auditLog } from "../../server/db/schema";
import type { TeacherHome } from "../../shared/api";
import type { Announcement } from "../../shared/events";
import {
  type InsertedTeam,
  insertCategory,
  insertJudge,
  insertOrganizer,
  insertTeacher,
  insertTeam,
  signedIn,
} from "../helpers/factories";
import type { Client } from "../helpers/http";
import { DURING_REGISTRATION, registrationEvent } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";
import { drained, socketPool } from "../helpers/sockets";

let server: TestServer;
let organizer: Client;
let oakTeacher: Client;
let elmTeacher: Client;
let judge: Client;
let team: Client;
let oak: InsertedTeam;
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
    members: [{ firstName: "Ada", school: "Oak School" }],
  });
  const at = DURING_REGISTRATION;
  organizer = await signedIn(server.url, db, await insertOrganizer(db), at);
  const birch = await insertTeacher(db, { eventId: event.id, school: "Oak School" });
  oakTeacher = await signedIn(server.url, db, birch.userId, at);
  // A school with no team yet: its teacher hears the teachers' news all the same.
  const ash = await insertTeacher(db, { eventId: event.id, school: "Elm School", name: "Ms Ash" });
  elmTeacher = await signedIn(server.url, db, ash.userId, at);
  const judgeRow = await insertJudge(db, { eventId: event.id, categoryIds: [categoryId] });
  judge = await signedIn(server.url, db, judgeRow.userId, at);
  team = await signedIn(server.url, db, oak.userId, at);
});

const post = (body: Record<string, unknown>) =>
  organizer.post<{ announcement: Announcement & { audience: string } }>(`${E}/announcements`, body);

/** A socket that records every announcement it hears, once its snapshot arrived. */
async function listening(cookie: string | null) {
  const socket = sockets.connect(cookie);
  const heard: string[] = [];
  socket.on("announcement", (a) => heard.push(`everyone:${a.text}`));
  socket.on("teachers:announcement", (a) => heard.push(`teachers:${a.text}`));
  socket.on("announcement:removed", ({ id }) => heard.push(`removed:${id}`));
  socket.on("teachers:announcement:removed", ({ id }) => heard.push(`teachers-removed:${id}`));
  await new Promise((resolve) => socket.once("stage", resolve));
  return { socket, heard };
}

describe("announcements for teachers alone", () => {
  it("reach every teacher's socket and the organizers', never a team's, judge's or the hall's", async () => {
    const teachersHear = [
      await listening(oakTeacher.cookieValue),
      await listening(elmTeacher.cookieValue),
    ];
    const organizerHears = await listening(organizer.cookieValue);
    const others = [
      await listening(team.cookieValue),
      await listening(judge.cookieValue),
      await listening(null),
    ];
    const res = await post({ text: "Teachers: coffee in room 2", audience: "teachers" });
    expect(res.status).toBe(201);
    expect(res.body.announcement).toMatchObject({
      text: "Teachers: coffee in room 2",
      audience: "teachers",
    });
    for (const { heard } of [...teachersHear, organizerHears])
      await expect.poll(() => heard).toEqual(["teachers:Teachers: coffee in room 2"]);
    // Once the sentinel is back, whatever was pushed to the others has arrived: nothing was.
    await drained(...others.map((o) => o.socket));
    for (const { heard } of others) expect(heard).toEqual([]);

    const gone = await organizer.delete(`${E}/announcements/${res.body.announcement.id}`);
    expect(gone.status).toBe(204);
    for (const { heard } of teachersHear)
      await expect.poll(() => heard).toContain(`teachers-removed:${res.body.announcement.id}`);
    await drained(...others.map((o) => o.socket));
    for (const { heard } of others) expect(heard).toEqual([]);
  });

  it("reach the hall as before when the audience is everyone, the default", async () => {
    const anonymous = await listening(null);
    const teacherHears = await listening(oakTeacher.cookieValue);
    const res = await post({ text: "Lunch is served" });
    expect(res.status).toBe(201);
    expect(res.body.announcement.audience).toBe("everyone");
    await expect.poll(() => anonymous.heard).toEqual(["everyone:Lunch is served"]);
    await expect.poll(() => teacherHears.heard).toEqual(["everyone:Lunch is served"]);
  });

  it("are left out of the public read, and listed on the teacher's page and for organizers", async () => {
    expect((await post({ text: "For the hall" })).status).toBe(201);
    server.clock.set(new Date(DURING_REGISTRATION.getTime() + 1_000));
    expect((await post({ text: "For teachers", audience: "teachers" })).status).toBe(201);
    const pub = await team.get<{ announcements: Announcement[] }>(`${E}/announcements`);
    expect(pub.body.announcements.map((a) => a.text)).toEqual(["For the hall"]);
    const event = await team.get(`${E}`);
    expect(JSON.stringify(event.body)).not.toContain("For teachers");

    const home = await oakTeacher.get<TeacherHome>("/api/teachers/me");
    expect(home.status).toBe(200);
    expect(home.body.announcements.map((a) => a.text)).toEqual(["For teachers"]);
    const forOrganizers = await organizer.get<{ announcements: Announcement[] }>(
      `${E}/announcements/teachers`,
    );
    expect(forOrganizers.body.announcements.map((a) => a.text)).toEqual(["For teachers"]);
    for (const client of [team, judge, oakTeacher])
      expect((await client.get(`${E}/announcements/teachers`)).status).toBe(403);
  });

  it("refuses an audience it does not know, storing nothing", async () => {
    const res = await post({ text: "Hello", audience: "judges" });
    expect(res.status).toBe(400);
    expect((res.body as unknown as { errors: { path: string }[] }).errors[0]!.path).toBe(
      "audience",
    );
    expect(await server.database.db.select().from(announcements)).toEqual([]);
  });

  it("writes the audience to the audit log", async () => {
    const res = await post({ text: "Teachers only", audience: "teachers" });
    const [row] = await server.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "announcement.posted"));
    expect(row!.details).toEqual({
      announcementId: res.body.announcement.id,
      audience: "teachers",
    });
  });
});
