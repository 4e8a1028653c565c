import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { JudgeView } from "../../shared/api";
import { buildCategory, buildEvent, signInOrganizer } from "../helpers/factories";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let organizer: Client;
let categoryId: string;
beforeAll(async () => {
  server = await startTestServer({ publicUrl: "http://hmj.local:3000" });
});
afterAll(() => server.close());
beforeEach(async () => {
  await server.reset();
  organizer = await signInOrganizer(server.url, server.database);
  await organizer.post("/api/events", buildEvent({ slug: "hmj-2026" }));
  const res = await organizer.post<{ category: { id: string } }>(
    "/api/events/hmj-2026/categories",
    buildCategory(),
  );
  categoryId = res.body.category.id;
});

const invite = (overrides: Record<string, unknown> = {}) =>
  organizer.post<{ judge: JudgeView; inviteUrl: string }>("/api/events/hmj-2026/judges", {
    name: "Grace Hopper",
    email: "grace@example.com",
    schools: ["St Mary's High School", "Saint Marys High School", "Xaverian College"],
    categoryIds: [categoryId],
    ...overrides,
  });

describe("inviting judges", () => {
  it("creates a pending judge with the schools they declared and an unguessable invite link", async () => {
    const res = await invite();
    expect(res.status).toBe(201);
    expect(res.body.judge).toMatchObject({
      name: "Grace Hopper",
      accepted: false,
      categoryIds: [categoryId],
    });
    // The two spellings of St Mary's are one school.
    expect(res.body.judge.schools).toEqual(["St Mary's High School", "Xaverian College"]);
    expect(res.body.inviteUrl).toMatch(/^http:\/\/hmj\.local:3000\/invite\/[A-Za-z0-9_-]{43}$/);
    const list = await organizer.get<{ judges: JudgeView[] }>("/api/events/hmj-2026/judges");
    expect(list.body.judges.map((j) => j.email)).toEqual(["grace@example.com"]);
    expect(JSON.stringify(list.body)).not.toContain("invite");
  });

  it("refuses an email that already has an account with 409 email-taken", async () => {
    await invite();
    const res = await invite({ name: "Someone Else", email: "GRACE@example.com" });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ type: "/problems/email-taken" });
    const list = await organizer.get<{ judges: JudgeView[] }>("/api/events/hmj-2026/judges");
    expect(list.body.judges).toHaveLength(1);
  });

  it.each([
    ["no categories", { categoryIds: [] }, "categoryIds"],
    [
      "a category of no event",
      { categoryIds: ["00000000-0000-4000-8000-000000000000"] },
      "categoryIds",
    ],
    ["a bad email", { email: "grace@" }, "email"],
    ["schools that are not a list", { schools: "St Mary's" }, "schools"],
  ])("refuses an invite with %s, creating nothing", async (_label, patch, path) => {
    const res = await invite(patch);
    expect(res.status).toBe(400);
    expect(
      (res.body as unknown as { errors: { path: string }[] }).errors.map((e) => e.path),
    ).toContain(path);
    const list = await organizer.get<{ judges: JudgeView[] }>("/api/events/hmj-2026/judges");
    expect(list.body.judges).toEqual([]);
  });
});

describe("accepting an invite", () => {
  it("sets the password, signs the judge in, and works only once", async () => {
    const { body } = await invite();
    const token = body.inviteUrl.split("/").pop()!;
    const judge = new Client(server.url);
    const info = await judge.get(`/api/invites/${token}`);
    expect(info.body).toEqual({
      invite: {
        role: "judge",
        name: "Grace Hopper",
        eventName: expect.any(String),
        eventSlug: "hmj-2026",
      },
    });
    const accepted = await judge.post(`/api/invites/${token}`, { password: "judging is fun" });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ user: { role: "judge", name: "Grace Hopper" } });
    expect((await judge.get("/api/session")).body).toMatchObject({ user: { role: "judge" } });

    const again = await new Client(server.url).post(`/api/invites/${token}`, {
      password: "taking over",
    });
    expect(again.status).toBe(410);
    expect(again.body).toMatchObject({ type: "/problems/invite-used" });
    const signIn = await new Client(server.url).post("/api/session", {
      email: "grace@example.com",
      password: "taking over",
    });
    expect(signIn.status).toBe(401);
    const list = await organizer.get<{ judges: JudgeView[] }>("/api/events/hmj-2026/judges");
    expect(list.body.judges[0]!.accepted).toBe(true);
  });

  it("answers an unknown token with 404 not-found", async () => {
    const res = await new Client(server.url).post("/api/invites/made-up-token", {
      password: "judging is fun",
    });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ type: "/problems/not-found" });
  });

  it("refuses a short password and keeps the invite open", async () => {
    const { body } = await invite();
    const token = body.inviteUrl.split("/").pop()!;
    const res = await new Client(server.url).post(`/api/invites/${token}`, { password: "short" });
    expect(res.status).toBe(400);
    expect((await new Client(server.url).get(`/api/invites/${token}`)).status).toBe(200);
  });

  it("cannot sign in as a judge who has not accepted yet", async () => {
    await invite();
    const res = await new Client(server.url).post("/api/session", {
      email: "grace@example.com",
      password: "anything1",
    });
    expect(res.status).toBe(401);
  });

  it("a renewed link replaces the old one", async () => {
    const { body } = await invite();
    const oldToken = body.inviteUrl.split("/").pop()!;
    const renewed = await organizer.post<{ inviteUrl: string }>(
      `/api/events/hmj-2026/judges/${body.judge.id}/invite`,
    );
    expect(renewed.status).toBe(200);
    const newToken = renewed.body.inviteUrl.split("/").pop()!;
    expect(newToken).not.toBe(oldToken);
    expect((await new Client(server.url).get(`/api/invites/${oldToken}`)).status).toBe(404);
    expect(
      (
        await new Client(server.url).post(`/api/invites/${newToken}`, {
          password: "judging is fun",
        })
      ).status,
    ).toBe(200);
    const late = await organizer.post(`/api/events/hmj-2026/judges/${body.judge.id}/invite`);
    expect(late.status).toBe(410);
  });
});
