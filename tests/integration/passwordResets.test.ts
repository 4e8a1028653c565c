/**
 * Lost passwords: an organizer makes a one-time link for a team or a judge; with a mail server,
 * "Forgot your password?" mails one. A link works once, for 24 hours, is kept only as a hash,
 * replaces any older one, and ends the account's other sessions.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, judges, passwordResets, users } from "../../server/db/schema";
import type { ResetLinkView, ResetView } from "../../shared/api";
import { LIMITS } from "../../shared/limits";
import {
  type InsertedTeam,
  insertCategory,
  insertEvent,
  insertJudge,
  insertOrganizer,
  insertTeam,
  signedIn,
} from "../helpers/factories";
import { capturingMailer } from "../helpers/guardians";
import { Client } from "../helpers/http";
import { DURING_REGISTRATION, EVENT_TIMES, registrationEvent } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";

type Problem = { type: string; detail: string };

const mailer = capturingMailer();
let server: TestServer;
let organizer: Client;
let team: InsertedTeam;
let eventId: string;
const SLUG = "hmj-2026";
const E = `/api/events/${SLUG}`;
const NEW_PASSWORD = "a brand new password";

beforeAll(async () => {
  server = await startTestServer({ mailer });
});
afterAll(() => server.close());
beforeEach(async () => {
  mailer.sent.length = 0;
  const { db, event } = await registrationEvent(server, SLUG);
  eventId = event.id;
  const categoryId = (await insertCategory(db, eventId)).id;
  team = await insertTeam(db, { eventId, categoryId, name: "Byte Club", checkedInAt: null });
  organizer = await signedIn(server.url, db, await insertOrganizer(db), DURING_REGISTRATION);
});

const db = () => server.database.db;
const tokenOf = (url: string) => url.split("/").pop()!;
const linkForTeam = async (teamId = team.id) =>
  organizer.post<ResetLinkView & Problem>(`${E}/teams/${teamId}/password-reset`);
const passwordHash = async (userId: string) =>
  (await db().select({ h: users.passwordHash }).from(users).where(eq(users.id, userId)))[0]!.h;
const signIn = (password: string, email = team.contact.email) =>
  new Client(server.url).post<Problem>("/api/session", { email, password });

describe("a reset link made by an organizer", () => {
  it("lets the team choose a new password once, ending its other sessions", async () => {
    const teamPhone = await signedIn(server.url, db(), team.userId, DURING_REGISTRATION);
    expect((await teamPhone.get("/api/session")).status).toBe(200);

    const made = await linkForTeam();
    expect(made.status).toBe(200);
    expect(made.body.resetUrl).toMatch(/\/reset\/[A-Za-z0-9_-]{40,}$/);
    expect(made.body.expiresAt).toBe(
      new Date(DURING_REGISTRATION.getTime() + LIMITS.passwordResetMs).toISOString(),
    );
    const token = tokenOf(made.body.resetUrl);
    // Only the hash is stored.
    const [row] = await db().select().from(passwordResets);
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row?.createdBy).not.toBeNull();

    const browser = new Client(server.url);
    const view = await browser.get<{ reset: ResetView }>(`/api/password-resets/${token}`);
    expect(view.body.reset.email).toBe(team.contact.email);
    const done = await browser.post<{ user: { id: string } }>(`/api/password-resets/${token}`, {
      password: NEW_PASSWORD,
    });
    expect(done.status).toBe(200);
    expect(done.body.user.id).toBe(team.userId);
    // Signed in on this browser; the phone's session is over.
    expect((await browser.get("/api/session")).status).toBe(200);
    expect((await teamPhone.get("/api/session")).status).toBe(401);
    expect((await signIn("team password")).status).toBe(401);
    expect((await signIn(NEW_PASSWORD)).status).toBe(200);

    const again = await new Client(server.url).post<Problem>(`/api/password-resets/${token}`, {
      password: "yet another password",
    });
    expect(again.status).toBe(410);
    expect(again.body.type).toBe("/problems/reset-used");
    expect((await signIn(NEW_PASSWORD)).status).toBe(200);
    const actions = (await db().select().from(auditLog)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["password.reset-link", "password.reset"]));
  });

  it("runs out after 24 hours: 410 reset-expired, and the password stays", async () => {
    const token = tokenOf((await linkForTeam()).body.resetUrl);
    const before = await passwordHash(team.userId);
    server.clock.set(new Date(DURING_REGISTRATION.getTime() + LIMITS.passwordResetMs));
    const view = await new Client(server.url).get<Problem>(`/api/password-resets/${token}`);
    expect(view.body.type).toBe("/problems/reset-expired");
    const use = await new Client(server.url).post<Problem>(`/api/password-resets/${token}`, {
      password: NEW_PASSWORD,
    });
    expect(use.status).toBe(410);
    expect(await passwordHash(team.userId)).toBe(before);
  });

  it("is replaced by a newer link: the old one answers 404", async () => {
    const first = tokenOf((await linkForTeam()).body.resetUrl);
    const second = tokenOf((await linkForTeam()).body.resetUrl);
    expect((await new Client(server.url).get(`/api/password-resets/${first}`)).status).toBe(404);
    expect((await new Client(server.url).get(`/api/password-resets/${second}`)).status).toBe(200);
  });

  it("sets one password when two uses of a link race: one 200, one 410", async () => {
    const token = tokenOf((await linkForTeam()).body.resetUrl);
    const answers = await Promise.all(
      ["first new password", "second new password"].map((password) =>
        new Client(server.url).post(`/api/password-resets/${token}`, { password }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 410]);
    const winner = answers[0]!.status === 200 ? "first new password" : "second new password";
    expect((await signIn(winner)).status).toBe(200);
  });

  it("refuses a short password with 400, leaving the link usable", async () => {
    const token = tokenOf((await linkForTeam()).body.resetUrl);
    const short = await new Client(server.url).post<Problem>(`/api/password-resets/${token}`, {
      password: "short",
    });
    expect(short.status).toBe(400);
    expect((await new Client(server.url).get(`/api/password-resets/${token}`)).status).toBe(200);
    expect((await signIn("team password")).status).toBe(200);
  });

  it("works for a judge who accepted the invite, and refuses one who has not (409)", async () => {
    const judge = await insertJudge(db(), { eventId, categoryIds: [] });
    const made = await organizer.post<ResetLinkView>(`${E}/judges/${judge.id}/password-reset`);
    expect(made.status).toBe(200);
    await db().update(judges).set({ acceptedAt: null }).where(eq(judges.id, judge.id));
    const pending = await organizer.post<Problem>(`${E}/judges/${judge.id}/password-reset`);
    expect(pending.status).toBe(409);
    expect(pending.body.type).toBe("/problems/invite-pending");
  });

  it("is made by organizers only (403), for teams of the event only (404)", async () => {
    const teamClient = await signedIn(server.url, db(), team.userId, DURING_REGISTRATION);
    expect((await teamClient.post(`${E}/teams/${team.id}/password-reset`)).status).toBe(403);
    const other = await insertEvent(db(), { slug: "other-event", ...EVENT_TIMES });
    const otherCategory = await insertCategory(db(), other.id);
    const stranger = await insertTeam(db(), { eventId: other.id, categoryId: otherCategory.id });
    expect((await linkForTeam(stranger.id)).status).toBe(404);
    expect(await db().select().from(passwordResets)).toEqual([]);
  });
});

describe("Forgot your password?", () => {
  const ask = (email: string) =>
    new Client(server.url).post<{ sent: boolean } & Problem>("/api/password-resets", { email });

  it("mails a link to an account's address, and answers the same for an unknown email", async () => {
    const unknown = await ask("nobody@example.com");
    const known = await ask(team.contact.email.toUpperCase());
    expect(unknown.status).toBe(200);
    expect(known.status).toBe(200);
    expect(unknown.body).toEqual(known.body);
    await expect.poll(() => mailer.sent.length).toBe(1);
    expect(mailer.sent[0]!.to).toBe(team.contact.email);
    const link = mailer.sent[0]!.text.match(/\S+\/reset\/[A-Za-z0-9_-]+/)![0];
    // The link is in the email only: not in the outbox, and only its hash in the database.
    const outbox = await organizer.get<{ messages: unknown[] }>(`${E}/outbox`);
    expect(JSON.stringify(outbox.body)).not.toContain(tokenOf(link));
    const done = await new Client(server.url).post(`/api/password-resets/${tokenOf(link)}`, {
      password: NEW_PASSWORD,
    });
    expect(done.status).toBe(200);
  });

  it("mails at most one link per account every few minutes, answering the same", async () => {
    expect((await ask(team.contact.email)).status).toBe(200);
    await expect.poll(() => mailer.sent.length).toBe(1);
    const again = await ask(team.contact.email);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ sent: true });
    // A later request to another account is the sentinel: mail goes out in order.
    const judge = await insertJudge(db(), { eventId, categoryIds: [] });
    await ask(judge.email);
    await expect
      .poll(() => mailer.sent.map((m) => m.to))
      .toEqual([team.contact.email, judge.email]);
    expect(await db().select().from(passwordResets)).toHaveLength(2);
  });

  it("is rate-limited per network address with 429 and Retry-After", async () => {
    const answers = [];
    for (let i = 0; i <= LIMITS.rates.passwordReset.max; i++)
      answers.push(await ask(`someone${i}@example.com`));
    const last = answers.at(-1)!;
    expect(last.status).toBe(429);
    expect(last.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(answers.slice(0, -1).every((a) => a.status === 200)).toBe(true);
  });
});

describe("Forgot your password? without a mail server", () => {
  let plain: TestServer;
  beforeAll(async () => {
    plain = await startTestServer();
  });
  afterAll(() => plain.close());

  it("answers 409 mail-off for any email, pointing to the organizers", async () => {
    const res = await new Client(plain.url).post<Problem>("/api/password-resets", {
      email: "anyone@example.com",
    });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/problems/mail-off");
    expect(res.body.detail).toMatch(/organizer/);
  });
});
