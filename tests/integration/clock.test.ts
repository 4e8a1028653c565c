import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Clock } from "../../shared/api";
import type { Announcement, PostedAnnouncement } from "../../shared/events";
import { buildEvent, signInOrganizer } from "../helpers/factories";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import { socketPool, type TestSocket } from "../helpers/sockets";

let server: TestServer;
const sockets = socketPool(() => server.url);
const connect = (): TestSocket => sockets.connect();
let organizer: Client;
const EVENT = {
  slug: "hmj-2026",
  registrationOpensAt: "2026-02-01T09:00:00Z",
  registrationClosesAt: "2026-03-10T18:00:00Z",
  startsAt: "2026-03-14T09:00:00Z",
  submissionsCloseAt: "2026-03-15T13:00:00Z",
  endsAt: "2026-03-15T17:00:00Z",
};
const HACKING = new Date("2026-03-14T12:00:00Z");
const MINUTE = 60_000;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  await server.reset();
  server.clock.set(HACKING);
  organizer = await signInOrganizer(server.url, server.database);
  expect((await organizer.post("/api/events", buildEvent(EVENT))).status).toBe(201);
});
afterEach(() => sockets.closeAll());

const nextClock = (socket: TestSocket) =>
  new Promise<Clock>((resolve) => socket.once("clock", resolve));
const act = (body: unknown) =>
  organizer.post<Clock & { type?: string }>("/api/events/hmj-2026/clock", body);
const at = (ms: number) => server.clock.set(new Date(HACKING.getTime() + ms));

describe("the event clock", () => {
  it("is public and counts down to the deadline during hacking", async () => {
    const res = await new Client(server.url).get<Clock>("/api/events/hmj-2026/clock");
    expect(res.body).toMatchObject({
      phase: "hacking",
      paused: false,
      target: "2026-03-15T13:00:00.000Z",
      submissionsCloseAt: "2026-03-15T13:00:00.000Z",
      remainingMs: 25 * 60 * MINUTE,
      serverTime: HACKING.toISOString(),
    });
  });

  it("pauses, freezes the countdown, and on resume moves the deadline by the pause", async () => {
    const paused = await act({ action: "pause" });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ paused: true, remainingMs: 25 * 60 * MINUTE });
    at(20 * MINUTE);
    expect(
      (await new Client(server.url).get<Clock>("/api/events/hmj-2026/clock")).body.remainingMs,
    ).toBe(25 * 60 * MINUTE);
    const resumed = await act({ action: "resume" });
    expect(resumed.body).toMatchObject({
      paused: false,
      submissionsCloseAt: "2026-03-15T13:20:00.000Z",
    });
    const history = await organizer.get<{ adjustments: { action: string; by: string }[] }>(
      "/api/events/hmj-2026/clock/history",
    );
    expect(history.body.adjustments.map((a) => a.action)).toEqual(["resume", "pause"]);
    expect(history.body.adjustments[0]!.by).toBe("Organizer");
  });

  it("extends the deadline by the minutes given, several times", async () => {
    await act({ action: "extend", minutes: 15 });
    const res = await act({ action: "extend", minutes: 5 });
    expect(res.body.submissionsCloseAt).toBe("2026-03-15T13:20:00.000Z");
  });

  it.each([
    ["resume when running", { action: "resume" }, 409, "invalid-clock-action"],
    ["a negative extension", { action: "extend", minutes: -5 }, 400, "validation"],
    ["an extension without minutes", { action: "extend" }, 400, "validation"],
    ["a fractional extension", { action: "extend", minutes: 2.5 }, 400, "validation"],
    ["minutes with pause", { action: "pause", minutes: 5 }, 400, "validation"],
    ["an unknown action", { action: "stop" }, 400, "validation"],
    ["an unknown key", { action: "pause", force: true }, 400, "validation"],
  ])("refuses %s, changing nothing", async (_label, body, status, slug) => {
    const res = await act(body);
    expect(res.status).toBe(status);
    expect(res.body.type).toBe(`/problems/${slug}`);
    const clock = await new Client(server.url).get<Clock>("/api/events/hmj-2026/clock");
    expect(clock.body).toMatchObject({
      paused: false,
      submissionsCloseAt: "2026-03-15T13:00:00.000Z",
      version: 1,
    });
  });

  it("refuses a second pause and a pause before hacking starts", async () => {
    await act({ action: "pause" });
    expect((await act({ action: "pause" })).status).toBe(409);
    server.clock.set(new Date("2026-03-13T12:00:00Z"));
    organizer = await signInOrganizer(server.url, server.database);
    await organizer.post("/api/events", buildEvent({ ...EVENT, slug: "later" }));
    const res = await organizer.post("/api/events/later/clock", { action: "pause" });
    expect(res.status).toBe(409);
  });

  it("lets only one of two racing pauses through", async () => {
    const results = await Promise.all([act({ action: "pause" }), act({ action: "pause" })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it("refuses anonymous and non-organizer changes", async () => {
    expect(
      (await new Client(server.url).post("/api/events/hmj-2026/clock", { action: "pause" })).status,
    ).toBe(401);
  });

  it("sends the same new deadline to two screens after an extension", async () => {
    const a = connect();
    const b = connect();
    await Promise.all([nextClock(a), nextClock(b)]);
    const [clockA, clockB, res] = await Promise.all([
      nextClock(a),
      nextClock(b),
      act({ action: "extend", minutes: 15 }),
    ]);
    expect(res.status).toBe(200);
    expect(clockA.submissionsCloseAt).toBe("2026-03-15T13:15:00.000Z");
    expect(clockB).toEqual(clockA);
    expect(clockA.version).toBe(2);
  });

  it("the phase on the public event follows the adjusted deadline", async () => {
    await act({ action: "extend", minutes: 30 });
    server.clock.set(new Date("2026-03-15T13:10:00Z"));
    const res = await new Client(server.url).get<{ event: { phase: string } }>(
      "/api/events/hmj-2026",
    );
    expect(res.body.event.phase).toBe("hacking");
  });
});

describe("announcements", () => {
  it("are stored, pushed to every screen, listed newest first, and can be taken back", async () => {
    const screen = connect();
    await nextClock(screen);
    const received = new Promise<Announcement>((resolve) => screen.once("announcement", resolve));
    const res = await organizer.post<{ announcement: PostedAnnouncement }>(
      "/api/events/hmj-2026/announcements",
      {
        text: "  Pizza is in the main hall  ",
      },
    );
    expect(res.status).toBe(201);
    expect(res.body.announcement).toMatchObject({
      text: "Pizza is in the main hall",
      at: HACKING.toISOString(),
      audience: "everyone",
    });
    // The organizer is told whom it is for; screens get the announcement itself.
    const { audience: _, ...pushed } = res.body.announcement;
    expect(await received).toEqual(pushed);
    at(MINUTE);
    await organizer.post("/api/events/hmj-2026/announcements", { text: "Judging starts at 2pm" });
    const list = await new Client(server.url).get<{ announcements: Announcement[] }>(
      "/api/events/hmj-2026/announcements",
    );
    expect(list.body.announcements.map((a) => a.text)).toEqual([
      "Judging starts at 2pm",
      "Pizza is in the main hall",
    ]);
    const removed = new Promise<{ id: string }>((resolve) =>
      screen.once("announcement:removed", resolve),
    );
    expect(
      (await organizer.delete(`/api/events/hmj-2026/announcements/${res.body.announcement.id}`))
        .status,
    ).toBe(204);
    expect(await removed).toEqual({ id: res.body.announcement.id });
  });

  it.each([
    ["empty text", { text: "   " }],
    ["text over 500 characters", { text: "x".repeat(501) }],
    ["an unknown key", { text: "Hi", pinned: true }],
  ])("refuses %s", async (_label, body) => {
    const res = await organizer.post("/api/events/hmj-2026/announcements", body);
    expect(res.status).toBe(400);
    const list = await new Client(server.url).get<{ announcements: unknown[] }>(
      "/api/events/hmj-2026/announcements",
    );
    expect(list.body.announcements).toEqual([]);
  });

  it("only organizers post", async () => {
    const res = await new Client(server.url).post("/api/events/hmj-2026/announcements", {
      text: "Free ice cream",
    });
    expect(res.status).toBe(401);
  });

  it("starts hacking now once registration has closed, and tells every screen", async () => {
    server.clock.set(new Date("2026-03-01T12:00:00Z"));
    const early = await act({ action: "start" });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ type: "/problems/invalid-clock-action" });
    expect((await act({ action: "start", minutes: 5 })).status).toBe(400);
    const waiting = new Date("2026-03-14T08:30:00Z");
    server.clock.set(waiting);
    const screen = connect();
    await nextClock(screen);
    const pushed = nextClock(screen);
    const started = await act({ action: "start" });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({
      phase: "hacking",
      startsAt: waiting.toISOString(),
      target: "2026-03-15T13:00:00.000Z",
    });
    expect(await pushed).toMatchObject({ phase: "hacking", version: started.body.version });
    // The event's own start moved: the public page says so.
    const event = await new Client(server.url).get<{ event: { startsAt: string; phase: string } }>(
      "/api/events/hmj-2026",
    );
    expect(event.body.event).toMatchObject({ startsAt: waiting.toISOString(), phase: "hacking" });
    expect((await act({ action: "start" })).status).toBe(409);
  });

  it("ends hacking now: submissions close at once, extensions included", async () => {
    expect((await act({ action: "extend", minutes: 30 })).status).toBe(200);
    const ended = await act({ action: "end" });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({
      phase: "judging",
      submissionsCloseAt: HACKING.toISOString(),
      target: null,
    });
    expect((await act({ action: "end" })).status).toBe(409);
    const history = await organizer.get<{ adjustments: { action: string }[] }>(
      "/api/events/hmj-2026/clock/history",
    );
    expect(history.body.adjustments.map((a) => a.action)).toEqual(["end", "extend"]);
  });
});
