/**
 * A guardian's consent link is the guardian's alone: it goes to the guardian (here, with no
 * mail server, as a letter in the organizers' outbox), never to the team, whose pages show the
 * status only. The team can have it sent again (a new link; the old one stops working), at
 * most once every few minutes, and only while the guardian has not answered. The organizer
 * sees how each answer was given, when, and by whom.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, consentRecords, members, outbox } from "../../server/db/schema";
import type { ConsentLinkSent, TeamView } from "../../shared/api";
import { LIMITS } from "../../shared/limits";
import {
  buildCategory,
  buildEvent,
  buildMember,
  buildTeam,
  signInOrganizer,
} from "../helpers/factories";
import { consentLinkFor, outboxOf, tokenOf } from "../helpers/guardians";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import { socketPool } from "../helpers/sockets";

type Problem = { type: string; detail: string; errors?: { path: string; message: string }[] };

let server: TestServer;
let organizer: Client;
let categoryId: string;
const sockets = socketPool(() => server.url);
const SLUG = "hmj-2026";
const E = `/api/events/${SLUG}`;
const SIGNED_UP = new Date("2026-03-01T12:00:00Z");
const later = (ms: number) => new Date(SIGNED_UP.getTime() + ms);

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
afterEach(() => sockets.closeAll());
beforeEach(async () => {
  await server.reset();
  server.clock.set(SIGNED_UP);
  organizer = await signInOrganizer(server.url, server.database);
  await organizer.post(
    "/api/events",
    buildEvent({
      slug: SLUG,
      registrationOpensAt: "2026-02-01T09:00:00Z",
      registrationClosesAt: "2026-03-10T18:00:00Z",
      startsAt: "2026-03-14T09:00:00Z",
      submissionsCloseAt: "2026-03-15T13:00:00Z",
      endsAt: "2026-03-15T17:00:00Z",
    }),
  );
  categoryId = (
    await organizer.post<{ category: { id: string } }>(`${E}/categories`, buildCategory())
  ).body.category.id;
});

async function signUp(overrides: Parameters<typeof buildTeam>[1] = {}) {
  const client = new Client(server.url);
  const res = await client.post<{ team: TeamView } & Problem>(
    `${E}/teams`,
    buildTeam(categoryId, { name: "Byte Club", ...overrides }),
  );
  return { client, res };
}

const auditActions = async (action: string) =>
  (await server.database.db.select().from(auditLog)).filter((a) => a.action === action);

describe("the team never holds a consent link", () => {
  it("leaves every link and token out of the sign-up answer, the team's page and an added member", async () => {
    const { client, res } = await signUp();
    expect(res.status).toBe(201);
    const added = await client.post(`/api/teams/me/members`, buildMember());
    expect(added.status).toBe(201);
    const me = await client.get<{ team: TeamView }>("/api/teams/me");
    expect(me.body.team.members).toHaveLength(3);

    const letters = (await outboxOf(organizer, SLUG)).filter((m) => m.consent);
    expect(letters).toHaveLength(3);
    const seenByTeam = JSON.stringify([res.body, added.body, me.body]);
    expect(seenByTeam).not.toMatch(/\/consent\/|consentUrl|consentLink|token/i);
    for (const letter of letters) expect(seenByTeam).not.toContain(tokenOf(letter.consent!.link));
    // Each status says when the guardian's link went out, and nothing more.
    expect(me.body.team.members[0]!.consent).toEqual({
      status: "awaiting",
      method: null,
      at: null,
      photoConsent: false,
      linkSentAt: SIGNED_UP.toISOString(),
    });
    // The database keeps only each token's SHA-256.
    const rows = await server.database.db.select().from(members);
    for (const letter of letters)
      expect(JSON.stringify(rows)).not.toContain(tokenOf(letter.consent!.link));
  });

  it("lets the guardian answer with the link from the letter", async () => {
    const { res } = await signUp();
    const member = res.body.team.members[0]!;
    const link = await consentLinkFor(organizer, SLUG, member.id);
    const guardian = new Client(server.url);
    const view = await guardian.get<{ consent: { firstName: string; covers: string[] } }>(
      `/api/consent/${tokenOf(link)}`,
    );
    expect(view.status).toBe(200);
    expect(view.body.consent.firstName).toBe(member.firstName);
    expect(view.body.consent.covers.join(" ")).toMatch(/medical/);
    const answer = await guardian.post(`/api/consent/${tokenOf(link)}`, {
      guardianName: "Pat Lovelace",
      consent: true,
      photoConsent: true,
    });
    expect(answer.status).toBe(200);
  });
});

describe("a guardian's email", () => {
  it("may not be the team's own sign-in email: 400 with the field named, and nothing stored", async () => {
    const { res } = await signUp({
      contact: { email: "Byte.Club@Example.com", password: "team password" },
      members: [
        buildMember({ firstName: "Ada" }),
        buildMember({
          firstName: "Sam",
          guardian: { name: "Chris Taylor", email: " byte.club@example.com" },
        }),
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe("/problems/validation");
    expect(res.body.errors).toEqual([
      {
        path: "members.1.guardian.email",
        message:
          "This is the team's own sign-in email. Use Sam's parent or guardian's own email: the consent link goes to them, and only they may answer it.",
      },
    ]);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect((await organizer.get<{ teams: unknown[] }>(`${E}/teams`)).body.teams).toEqual([]);
    expect(await outboxOf(organizer, SLUG)).toEqual([]);
    expect(await auditActions("team.registered")).toEqual([]);
  });

  it("may not be the team's sign-in email for a member added later either", async () => {
    const { client } = await signUp({
      contact: { email: "byte.club@example.com", password: "team password" },
    });
    const before = await outboxOf(organizer, SLUG);
    const res = await client.post<Problem>(
      "/api/teams/me/members",
      buildMember({ firstName: "Sam", guardian: { name: "Me", email: "BYTE.CLUB@example.com" } }),
    );
    expect(res.status).toBe(400);
    expect(res.body.type).toBe("/problems/validation");
    expect(res.body.errors?.map((e) => e.path)).toEqual(["guardian.email"]);
    expect((await client.get<{ team: TeamView }>("/api/teams/me")).body.team.members).toHaveLength(
      2,
    );
    expect(await outboxOf(organizer, SLUG)).toEqual(before);
    expect(await auditActions("member.added")).toEqual([]);
  });
});

describe("sending a consent link again", () => {
  let team: Client;
  let memberId: string;
  let otherMemberId: string;
  let firstLink: string;
  const resend = (client: Client, id = memberId) =>
    client.post<ConsentLinkSent & Problem>(`/api/teams/me/members/${id}/consent-link`);

  beforeEach(async () => {
    const { client, res } = await signUp();
    team = client;
    memberId = res.body.team.members[0]!.id;
    otherMemberId = res.body.team.members[1]!.id;
    firstLink = await consentLinkFor(organizer, SLUG, memberId);
  });

  it("queues a new link for the guardian; the old one stops working", async () => {
    server.clock.set(later(LIMITS.consentLinkResendMs));
    const res = await resend(team);
    expect(res.status).toBe(200);
    expect(res.body.delivery).toBe("letter");
    expect(res.body.member.consent).toMatchObject({
      status: "awaiting",
      linkSentAt: later(LIMITS.consentLinkResendMs).toISOString(),
    });
    expect(JSON.stringify(res.body)).not.toMatch(/\/consent\//);

    const mails = (await outboxOf(organizer, SLUG)).filter((m) => m.consent?.memberId === memberId);
    expect(mails.map((m) => m.status)).toEqual(["waiting", "replaced"]);
    const newLink = mails[0]!.consent!.link;
    expect(newLink).not.toBe(firstLink);
    expect(mails[0]!.to).toBe(mails[1]!.to);
    expect((await new Client(server.url).get(`/api/consent/${tokenOf(firstLink)}`)).status).toBe(
      404,
    );
    expect((await new Client(server.url).get(`/api/consent/${tokenOf(newLink)}`)).status).toBe(200);
    const [entry] = await auditActions("consent.link-sent-again");
    expect(entry?.details).toEqual({ teamId: expect.any(String), memberId, answered: false });
    expect(entry?.actorId).not.toBeNull();
  });

  it("refuses a second send within the cap with 429 rate-limited and Retry-After, changing nothing", async () => {
    server.clock.set(later(60_000));
    const res = await resend(team);
    expect(res.status).toBe(429);
    expect(res.body.type).toBe("/problems/rate-limited");
    expect(res.headers.get("retry-after")).toBe(
      String((LIMITS.consentLinkResendMs - 60_000) / 1000),
    );
    expect(res.body.detail).toMatch(/once every 5 minutes\. Try again in 4 minutes\.$/);
    expect((await outboxOf(organizer, SLUG)).map((m) => m.status)).toEqual(["waiting", "waiting"]);
    expect((await new Client(server.url).get(`/api/consent/${tokenOf(firstLink)}`)).status).toBe(
      200,
    );
    expect(await auditActions("consent.link-sent-again")).toEqual([]);
  });

  it("sends one link when several requests race for the same member", async () => {
    server.clock.set(later(LIMITS.consentLinkResendMs));
    const results = await Promise.all(Array.from({ length: 8 }, () => resend(team)));
    expect(results.map((r) => r.status).sort()).toEqual([200, ...Array(7).fill(429)]);
    const mails = (await outboxOf(organizer, SLUG)).filter((m) => m.consent?.memberId === memberId);
    expect(mails).toHaveLength(2);
    const [row] = await server.database.db
      .select({ hash: members.consentTokenHash })
      .from(members)
      .where(eq(members.id, memberId));
    const [current] = await server.database.db
      .select({ hash: outbox.consentTokenHash })
      .from(outbox)
      .where(and(eq(outbox.memberId, memberId), eq(outbox.link, mails[0]!.consent!.link)));
    expect(current?.hash).toBe(row?.hash);
    expect(await auditActions("consent.link-sent-again")).toHaveLength(1);
  });

  it("refuses once the guardian has answered, with 409 consent-answered", async () => {
    await new Client(server.url).post(`/api/consent/${tokenOf(firstLink)}`, {
      guardianName: "Pat Lovelace",
      consent: false,
      photoConsent: false,
    });
    server.clock.set(later(LIMITS.consentLinkResendMs));
    const res = await resend(team);
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/problems/consent-answered");
    expect(res.body.detail).toMatch(/guardian has already answered/);
    expect(
      (await outboxOf(organizer, SLUG)).filter((m) => m.consent?.memberId === memberId),
    ).toHaveLength(1);
    expect(await auditActions("consent.link-sent-again")).toEqual([]);
  });

  it("sends only for the team's own members, and only for signed-in teams or organizers", async () => {
    server.clock.set(later(LIMITS.consentLinkResendMs));
    const { client: other } = await signUp({ name: "Code Crew" });
    expect((await resend(other)).status).toBe(404);
    expect((await resend(team, "not-a-uuid")).status).toBe(404);
    expect((await resend(new Client(server.url))).status).toBe(401);
    expect((await resend(organizer)).status).toBe(403);
    const teamId = (await team.get<{ team: TeamView }>("/api/teams/me")).body.team.id;
    const byTeam = await team.post(`${E}/teams/${teamId}/members/${otherMemberId}/consent-link`);
    expect(byTeam.status).toBe(403);
    const byOrganizer = await organizer.post<ConsentLinkSent>(
      `${E}/teams/${teamId}/members/${otherMemberId}/consent-link`,
    );
    expect(byOrganizer.status).toBe(200);
    expect(byOrganizer.body.member.consent.by).toBeNull();
    expect(await auditActions("consent.link-sent-again")).toHaveLength(1);
  });

  it("tells the organizers' outbox at once, and nobody else", async () => {
    const organizerSocket = sockets.connect(organizer.cookieValue);
    const teamSocket = sockets.connect(team.cookieValue);
    let teamHeard = 0;
    teamSocket.on("outbox:changed", () => teamHeard++);
    await Promise.all(
      [organizerSocket, teamSocket].map((s) => new Promise((r) => s.once("clock", r))),
    );
    const heard = new Promise<void>((r) => organizerSocket.once("outbox:changed", () => r()));
    server.clock.set(later(LIMITS.consentLinkResendMs));
    expect((await resend(team)).status).toBe(200);
    await heard;
    // The team's socket is in the same event; a round trip on it shows nothing was queued for it.
    await new Promise<number>((r) => teamSocket.emit("time:sync", r));
    expect(teamHeard).toBe(0);
  });
});

describe("how consent was given", () => {
  it("shows the organizer, per member, the guardian's name as typed or the organizer who recorded paper, and when", async () => {
    const { client, res } = await signUp();
    const [ada, sam] = res.body.team.members;
    const link = await consentLinkFor(organizer, SLUG, ada!.id);
    server.clock.set(later(60_000));
    await new Client(server.url).post(`/api/consent/${tokenOf(link)}`, {
      guardianName: "  Patricia Lovelace ",
      consent: true,
      photoConsent: false,
    });
    server.clock.set(later(120_000));
    const paper = await organizer.post(
      `${E}/teams/${res.body.team.id}/members/${sam!.id}/consent`,
      {
        method: "paper",
        photoConsent: true,
      },
    );
    expect(paper.status).toBe(200);

    const [team] = (await organizer.get<{ teams: TeamView[] }>(`${E}/teams`)).body.teams;
    expect(team!.members.map((m) => m.consent)).toEqual([
      {
        status: "given",
        method: "link",
        at: later(60_000).toISOString(),
        photoConsent: false,
        linkSentAt: null,
        by: "Patricia Lovelace",
        answeredBy: null,
        note: null,
      },
      {
        status: "given",
        method: "paper",
        at: later(120_000).toISOString(),
        photoConsent: true,
        linkSentAt: null,
        // The name of the organizer account that recorded it.
        by: "Organizer",
        answeredBy: null,
        note: null,
      },
    ]);
    // The team sees the status and when, not who.
    const mine = (await client.get<{ team: TeamView }>("/api/teams/me")).body.team;
    expect(mine.members.map((m) => "by" in m.consent)).toEqual([false, false]);
    const records = await server.database.db.select().from(consentRecords);
    expect(
      records.map((r) => [r.method, r.consent, r.guardianName, r.recordedBy !== null]),
    ).toEqual([
      ["link", true, "Patricia Lovelace", false],
      ["paper", true, null, true],
    ]);
    expect((await auditActions("consent.given")).map((a) => a.details)).toEqual([
      { memberId: ada!.id, method: "link", photoConsent: false },
    ]);
    expect((await auditActions("consent.recorded")).map((a) => a.details)).toEqual([
      { memberId: sam!.id, method: "paper", consent: true, photoConsent: true },
    ]);
    // Both emails show as answered, not waiting.
    expect((await outboxOf(organizer, SLUG)).map((m) => m.status)).toEqual([
      "answered",
      "answered",
    ]);
  });

  it("shows a refusal as refused, by the guardian, with no photo consent", async () => {
    const { res } = await signUp();
    const member = res.body.team.members[0]!;
    const link = await consentLinkFor(organizer, SLUG, member.id);
    await new Client(server.url).post(`/api/consent/${tokenOf(link)}`, {
      guardianName: "Pat",
      consent: false,
      photoConsent: true,
    });
    const [team] = (await organizer.get<{ teams: TeamView[] }>(`${E}/teams`)).body.teams;
    expect(team!.members[0]!.consent).toMatchObject({
      status: "refused",
      method: "link",
      by: "Pat",
      photoConsent: false,
    });
    expect(team!.members[1]!.consent).toMatchObject({ status: "awaiting", by: null });
  });
});

describe("after the event", () => {
  it("the purge deletes the guardian's name as typed, and keeps how and when consent was given", async () => {
    const { res } = await signUp();
    const member = res.body.team.members[0]!;
    const link = await consentLinkFor(organizer, SLUG, member.id);
    await new Client(server.url).post(`/api/consent/${tokenOf(link)}`, {
      guardianName: "Patricia Lovelace",
      consent: true,
      photoConsent: false,
    });
    server.clock.set(new Date("2026-03-16T09:00:00Z"));
    const desk = await signInOrganizer(server.url, server.database);
    expect((await desk.post(`${E}/purge`)).status).toBe(200);
    const records = await server.database.db.select().from(consentRecords);
    expect(records.map((r) => [r.method, r.guardianName, r.at.toISOString()])).toEqual([
      ["link", null, SIGNED_UP.toISOString()],
    ]);
    const rows = await server.database.db.select().from(members);
    expect(rows.map((m) => m.consentTokenHash)).toEqual([null, null]);
    expect(await outboxOf(desk, SLUG)).toEqual([]);
    expect((await new Client(server.url).get(`/api/consent/${tokenOf(link)}`)).status).toBe(404);
  });
});
