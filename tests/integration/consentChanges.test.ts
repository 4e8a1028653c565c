/**
 * A guardian who changes their mind: the organizer records the new answer (on paper or by
 * phone, who gave it, a note) for any member, or sends the guardian a fresh link even after an
 * answer. The consent page shows how to reach the organizers.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, consentRecords, events, members, teams } from "../../server/db/schema";
import type { ConsentLinkSent, ConsentRequestView, TeamView } from "../../shared/api";
import { LIMITS } from "../../shared/limits";
import {
  type InsertedTeam,
  insertCategory,
  insertOrganizer,
  insertTeam,
  signedIn,
} from "../helpers/factories";
import { consentLinkFor, outboxOf, tokenOf } from "../helpers/guardians";
import { Client } from "../helpers/http";
import { DURING_REGISTRATION, registrationEvent } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";

type Problem = { type: string; detail: string; errors?: { path: string; message: string }[] };

let server: TestServer;
let organizer: Client;
let team: InsertedTeam;
let eventId: string;
let categoryId: string;
const SLUG = "hmj-2026";
const E = `/api/events/${SLUG}`;

beforeAll(async () => {
  server = await startTestServer({ rateLimits: false });
});
afterAll(() => server.close());
beforeEach(async () => {
  const { db, event } = await registrationEvent(server, SLUG);
  eventId = event.id;
  categoryId = (await insertCategory(db, event.id)).id;
  // Consent given on paper at sign-up; not checked in yet.
  team = await insertTeam(db, {
    eventId,
    categoryId,
    name: "Byte Club",
    checkedInAt: null,
    createdAt: new Date(DURING_REGISTRATION.getTime() - LIMITS.consentLinkResendMs),
  });
  organizer = await signedIn(server.url, db, await insertOrganizer(db), DURING_REGISTRATION);
});

const db = () => server.database.db;
const member = () => team.members[0]!;
const memberRow = async () =>
  (await db().select().from(members).where(eq(members.id, member().id)))[0]!;
const records = () =>
  db().select().from(consentRecords).where(eq(consentRecords.memberId, member().id));
const record = (body: unknown, teamId = team.id) =>
  organizer.post<{ team: TeamView } & Problem>(
    `${E}/teams/${teamId}/members/${member().id}/consent`,
    body,
  );
const reask = () =>
  organizer.post<ConsentLinkSent & Problem>(
    `${E}/teams/${team.id}/members/${member().id}/consent-link`,
  );

describe("recording a guardian's new answer", () => {
  it("records a no by phone over an earlier yes, with who answered and a note, for organizers' eyes", async () => {
    const res = await record({
      method: "phone",
      consent: false,
      photoConsent: true,
      guardianName: "Pat Lovelace",
      note: "Called the desk at 10:05",
    });
    expect(res.status).toBe(200);
    expect(res.body.team.members[0]!.consent).toMatchObject({
      status: "refused",
      method: "phone",
      // A no to taking part is a no to photos.
      photoConsent: false,
      by: "Organizer",
      answeredBy: "Pat Lovelace",
      note: "Called the desk at 10:05",
    });
    expect(await memberRow()).toMatchObject({ consentStatus: "refused", photoConsent: false });
    expect((await records()).map((r) => [r.method, r.consent, r.guardianName, r.note])).toEqual([
      ["paper", true, null, null],
      ["phone", false, "Pat Lovelace", "Called the desk at 10:05"],
    ]);
    const audit = (await db().select().from(auditLog)).filter(
      (a) => a.action === "consent.recorded",
    );
    // The audit keeps ids and choices, not who answered or the note.
    expect(audit.map((a) => a.details)).toEqual([
      { memberId: member().id, method: "phone", consent: false, photoConsent: false },
    ]);
    // The team sees the answer, not who gave it nor the organizer's note.
    const teamClient = await signedIn(server.url, db(), team.userId, DURING_REGISTRATION);
    const mine = (await teamClient.get<{ team: TeamView }>("/api/teams/me")).body.team;
    expect(mine.members[0]!.consent.status).toBe("refused");
    expect(JSON.stringify(mine)).not.toMatch(/Called the desk|answeredBy|"note"/);

    // And back to yes on a paper form, when the guardian changes their mind again.
    const yes = await record({ method: "paper", consent: true, photoConsent: false });
    expect(yes.body.team.members[0]!.consent).toMatchObject({ status: "given", method: "paper" });
  });

  it("refuses a no for a member of a checked-in team with 409 team-checked-in, changing nothing", async () => {
    await db().update(members).set({ consentStatus: "given" }).where(eq(members.id, member().id));
    await db().update(teams).set({ checkedInAt: DURING_REGISTRATION });
    const before = await memberRow();
    const res = await record({ method: "phone", consent: false, photoConsent: false });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/problems/team-checked-in");
    expect(await memberRow()).toEqual(before);
    expect(await records()).toHaveLength(1);
    // A yes is fine for a checked-in team.
    expect((await record({ method: "phone", photoConsent: true })).status).toBe(200);
  });

  it("refuses an unknown method, an over-long note or a stray key with 400, storing nothing", async () => {
    const before = await memberRow();
    for (const body of [
      { method: "email", photoConsent: false },
      { method: "phone", photoConsent: false, note: "x".repeat(LIMITS.consentNoteMax + 1) },
      { method: "phone", photoConsent: false, extra: true },
      { method: "phone", photoConsent: false, guardianName: "Pat\u0000" },
    ]) {
      const res = await record(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.type).toBe("/problems/validation");
    }
    expect(await memberRow()).toEqual(before);
    expect(await records()).toHaveLength(1);
  });
});

describe("asking the guardian again with a fresh link", () => {
  it("lets the organizer re-ask after an answer; the answer stands until the new link records one", async () => {
    const res = await reask();
    expect(res.status).toBe(200);
    expect(res.body.delivery).toBe("letter");
    expect(await memberRow()).toMatchObject({ consentStatus: "given", consentLinkOpen: true });
    const link = await consentLinkFor(organizer, SLUG, member().id);
    const guardian = new Client(server.url);
    const view = await guardian.get<{ consent: ConsentRequestView }>(
      `/api/consent/${tokenOf(link)}`,
    );
    expect(view.body.consent).toMatchObject({ status: "given", canAnswer: true });

    const answer = await guardian.post(`/api/consent/${tokenOf(link)}`, {
      guardianName: "Pat Lovelace",
      consent: false,
      photoConsent: false,
    });
    expect(answer.status).toBe(200);
    expect(await memberRow()).toMatchObject({ consentStatus: "refused", consentLinkOpen: false });
    // One answer per link: a second is refused, and the page says it can't answer.
    const again = await guardian.post<Problem>(`/api/consent/${tokenOf(link)}`, {
      guardianName: "Pat Lovelace",
      consent: true,
      photoConsent: false,
    });
    expect(again.body.type).toBe("/problems/consent-recorded");
    expect(
      (await guardian.get<{ consent: ConsentRequestView }>(`/api/consent/${tokenOf(link)}`)).body
        .consent.canAnswer,
    ).toBe(false);
    expect((await memberRow()).consentStatus).toBe("refused");
    expect((await outboxOf(organizer, SLUG))[0]!.status).toBe("answered");
  });

  it("makes the old link stop working", async () => {
    expect((await reask()).status).toBe(200);
    const first = await consentLinkFor(organizer, SLUG, member().id);
    server.clock.set(new Date(DURING_REGISTRATION.getTime() + LIMITS.consentLinkResendMs));
    expect((await reask()).status).toBe(200);
    const second = await consentLinkFor(organizer, SLUG, member().id);
    expect(second).not.toBe(first);
    expect((await new Client(server.url).get(`/api/consent/${tokenOf(first)}`)).status).toBe(404);
    expect((await new Client(server.url).get(`/api/consent/${tokenOf(second)}`)).status).toBe(200);
  });

  it("still refuses the team a link after an answer, with 409 consent-answered", async () => {
    const teamClient = await signedIn(server.url, db(), team.userId, DURING_REGISTRATION);
    const before = await memberRow();
    const res = await teamClient.post<Problem>(`/api/teams/me/members/${member().id}/consent-link`);
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/problems/consent-answered");
    expect(await memberRow()).toEqual(before);
  });
});

describe("the organizers' contact on the consent page", () => {
  it("is set on the event and shown to the guardian", async () => {
    const set = await organizer.patch<Problem>(E, {
      contactEmail: "Help@HMJ.example",
      contactPhone: "+44 161 496 0000",
    });
    expect(set.status).toBe(200);
    expect((await reask()).status).toBe(200);
    const link = await consentLinkFor(organizer, SLUG, member().id);
    const view = await new Client(server.url).get<{ consent: ConsentRequestView }>(
      `/api/consent/${tokenOf(link)}`,
    );
    expect(view.body.consent.contact).toEqual({
      email: "help@hmj.example",
      phone: "+44 161 496 0000",
    });
    // null clears one.
    expect((await organizer.patch(E, { contactPhone: null })).status).toBe(200);
    const [row] = await db().select().from(events).where(eq(events.id, eventId));
    expect(row).toMatchObject({ contactEmail: "help@hmj.example", contactPhone: null });
  });

  it("refuses a contact that is not an email or a phone number with 400, changing nothing", async () => {
    for (const body of [{ contactEmail: "not an email" }, { contactPhone: "call me" }]) {
      const res = await organizer.patch<Problem>(E, body);
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.path).toBe(Object.keys(body)[0]);
    }
    const [row] = await db().select().from(events).where(eq(events.id, eventId));
    expect(row).toMatchObject({ contactEmail: null, contactPhone: null });
  });
});
