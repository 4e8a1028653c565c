import { io, type Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Clock } from "../../shared/api";
import { type ClientToServerEvents, rooms, type ServerToClientEvents } from "../../shared/events";
import { buildEvent, signInOrganizer } from "../helpers/factories";
import type { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
let server: TestServer;
let organizer: Client;
const sockets: TestSocket[] = [];
const NOW = new Date("2026-03-01T12:00:00Z");

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  await server.reset();
  server.clock.set(NOW);
  organizer = await signInOrganizer(server.url, server.database);
  await organizer.post("/api/events", buildEvent({ slug: "hmj-2026" }, NOW));
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});

function connect(slug: string, cookie?: string | null): TestSocket {
  const socket: TestSocket = io(server.url, {
    auth: { event: slug },
    transports: ["websocket"],
    reconnection: false,
    extraHeaders: cookie ? { cookie } : {},
  });
  sockets.push(socket);
  return socket;
}

const next = <T>(socket: TestSocket, event: keyof ServerToClientEvents) =>
  new Promise<T>((resolve) => socket.once(event, ((payload: T) => resolve(payload)) as never));

describe("Socket.IO", () => {
  it("sends the clock snapshot on connect", async () => {
    const socket = connect("hmj-2026");
    const clock = await next<Clock>(socket, "clock");
    expect(clock).toMatchObject({
      phase: "registration",
      paused: false,
      serverTime: NOW.toISOString(),
    });
    expect(clock.remainingMs).toBe(new Date(clock.target!).getTime() - NOW.getTime());
    expect(typeof clock.version).toBe("number");
  });

  it("refuses an unknown event with a clear connect_error", async () => {
    const socket = connect("no-such-event");
    const error = await new Promise<Error & { data?: { type: string; detail: string } }>(
      (resolve) => socket.once("connect_error", resolve),
    );
    expect(error.message).toBe("not-found");
    expect(error.data).toEqual({
      type: "/problems/not-found",
      detail: 'There is no event "no-such-event".',
    });
  });

  it("answers time:sync with the server time", async () => {
    const socket = connect("hmj-2026");
    await next(socket, "clock");
    const serverTime = await new Promise<number>((resolve) => socket.emit("time:sync", resolve));
    expect(serverTime).toBe(NOW.getTime());
  });

  it("puts organizers in the organizers' room and anonymous sockets only in the event room", async () => {
    const event = (await organizer.get<{ event: { id: string } }>("/api/events/hmj-2026")).body
      .event;
    const org = connect("hmj-2026", organizer.cookieValue);
    const anon = connect("hmj-2026");
    await Promise.all([next(org, "clock"), next(anon, "clock")]);
    const orgRooms = (
      await server.app.realtime.io.in(rooms.organizers(event.id)).fetchSockets()
    ).map((s) => s.id);
    const eventRooms = (await server.app.realtime.io.in(rooms.event(event.id)).fetchSockets()).map(
      (s) => s.id,
    );
    expect(orgRooms).toEqual([org.id]);
    expect(eventRooms.sort()).toEqual([org.id, anon.id].sort());
  });

  it("ignores a role the client claims in its handshake", async () => {
    const event = (await organizer.get<{ event: { id: string } }>("/api/events/hmj-2026")).body
      .event;
    const socket: TestSocket = io(server.url, {
      auth: { event: "hmj-2026", role: "organizer", userId: "x" },
      transports: ["websocket"],
      reconnection: false,
    });
    sockets.push(socket);
    await next(socket, "clock");
    expect(await server.app.realtime.io.in(rooms.organizers(event.id)).fetchSockets()).toEqual([]);
  });

  it("pushes the new clock to every screen when the organizer edits the event's times", async () => {
    const a = connect("hmj-2026");
    const b = connect("hmj-2026");
    await Promise.all([next(a, "clock"), next(b, "clock")]);
    const newStart = new Date(NOW.getTime() + 50 * 3600_000).toISOString();
    const [clockA, clockB, res] = await Promise.all([
      next<Clock>(a, "clock"),
      next<Clock>(b, "clock"),
      organizer.patch("/api/events/hmj-2026", { startsAt: newStart }),
    ]);
    expect(res.status).toBe(200);
    expect(clockA.startsAt).toBe(newStart);
    expect(clockB).toEqual(clockA);
    expect(clockA.version).toBe(2);
  });

  it("refuses a socket opened from another site's page", async () => {
    const socket: TestSocket = io(server.url, {
      auth: { event: "hmj-2026" },
      transports: ["polling"],
      reconnection: false,
      extraHeaders: { origin: "https://evil.example" },
    });
    sockets.push(socket);
    const error = await new Promise<Error>((resolve) => socket.once("connect_error", resolve));
    expect(error).toBeInstanceOf(Error);
    expect(socket.connected).toBe(false);
  });
});
