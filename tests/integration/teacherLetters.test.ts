/**
 * Paper consent letters a teacher prints: one per pupil of their school still waiting for a
 * guardian, with the event's details and no consent link or token (those are the guardian's).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, events, teachers } from "../../server/db/schema";
import type { TeacherLettersView } from "../../shared/api";
import {
  type InsertedTeam,
  insertCategory,
  insertTeacher,
  insertTeam,
  signedIn,
} from "../helpers/factories";
import { Client } from "../helpers/http";
import { DURING_REGISTRATION, EVENT_TIMES, registrationEvent } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let birch: Client;
let birchUserId: string;
let oak: InsertedTeam;
let done: InsertedTeam;
let mixed: InsertedTeam;
const LETTERS = "/api/teachers/me/letters";

beforeAll(async () => {
  server = await startTestServer({ rateLimits: false });
});
afterAll(() => server.close());
beforeEach(async () => {
  const { db, event } = await registrationEvent(server);
  await db
    .update(events)
    .set({ contactEmail: "hello@hmj.example", contactPhone: "0161 496 0999" })
    .where(eq(events.id, event.id));
  const categoryId = (await insertCategory(db, event.id)).id;
  oak = await insertTeam(db, {
    eventId: event.id,
    categoryId,
    name: "Oak Coders",
    consent: "awaiting",
    members: [
      { firstName: "Ada", lastName: "Lovelace", school: "Oak School" },
      { firstName: "Alan", lastName: "Turing", school: "Oak School" },
    ],
  });
  // Every guardian here said yes on paper: no letter.
  done = await insertTeam(db, {
    eventId: event.id,
    categoryId,
    name: "Done Already",
    members: [{ firstName: "Grace", school: "Oak School" }],
  });
  mixed = await insertTeam(db, {
    eventId: event.id,
    categoryId,
    name: "Mixed Bag",
    consent: "awaiting",
    members: [
      { firstName: "Olive", school: "Oak School" },
      { firstName: "Eric", lastName: "Elmhurst", school: "Elm School" },
    ],
  });
  const teacher = await insertTeacher(db, { eventId: event.id, school: "Oak School" });
  birchUserId = teacher.userId;
  birch = await signedIn(server.url, db, teacher.userId, DURING_REGISTRATION);
});

describe("a teacher's consent letters", () => {
  it("holds one letter per pupil of the school still waiting, with the event's details", async () => {
    const res = await birch.get<TeacherLettersView>(LETTERS);
    expect(res.status).toBe(200);
    expect(res.body.letters).toEqual([
      { pupilId: mixed.members[0]!.id, firstName: "Olive", teamName: "Mixed Bag" },
      { pupilId: oak.members[0]!.id, firstName: "Ada", teamName: "Oak Coders" },
      { pupilId: oak.members[1]!.id, firstName: "Alan", teamName: "Oak Coders" },
    ]);
    expect(res.body.school).toBe("Oak School");
    expect(res.body.event).toMatchObject({
      name: expect.any(String),
      venue: expect.any(String),
      startsAt: new Date(EVENT_TIMES.startsAt).toISOString(),
      contactEmail: "hello@hmj.example",
      contactPhone: "0161 496 0999",
    });
    // No link, no token, no last name, and nothing of the other school's pupil.
    const text = JSON.stringify(res.body);
    for (const leak of ["consent/", "token", "Lovelace", "Turing", "Eric", "Elmhurst", "Grace"])
      expect(text).not.toContain(leak);
    expect(done.members).toHaveLength(1);
  });

  it("writes the read to the audit log as viewed letters, naming pupils by id only", async () => {
    await birch.get(LETTERS);
    const rows = await server.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "teacher.viewed-letters"));
    expect(rows).toHaveLength(1);
    expect((rows[0]!.details as { memberIds: string[] }).memberIds.sort()).toEqual(
      [mixed.members[0]!.id, oak.members[0]!.id, oak.members[1]!.id].sort(),
    );
    expect(JSON.stringify(rows[0]!.details)).not.toMatch(/Ada|Olive/);
  });

  it("is for an approved teacher only: 401 signed out, 403 for a team, a request waiting", async () => {
    expect((await new Client(server.url).get(LETTERS)).status).toBe(401);
    const team = new Client(server.url);
    await team.post("/api/session", oak.contact);
    expect((await team.get(LETTERS)).status).toBe(403);
    await server.database.db
      .update(teachers)
      .set({ status: "pending" })
      .where(eq(teachers.userId, birchUserId));
    const waiting = await birch.get<{ type: string }>(LETTERS);
    expect(waiting.status).toBe(403);
    expect(waiting.body.type).toBe("/problems/request-pending");
    const audited = await server.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "teacher.viewed-letters"));
    expect(audited).toEqual([]);
  });
});
