import type { IncomingMessage } from "node:http";
import v8 from "node:v8";
import vm from "node:vm";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildEvent, signInOrganizer } from "../helpers/factories";
import { startTestServer, type TestServer } from "../helpers/server";

// What an idle socket keeps alive: with 10,000 sockets on one process, a retained upgrade
// request costs megabytes. These tests ask the garbage collector, not a stopwatch.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

let server: TestServer;
const requests: WeakRef<IncomingMessage>[] = [];

beforeAll(async () => {
  server = await startTestServer();
  // Runs after the application's own engine middleware, on every handshake request.
  server.app.realtime.io.engine.use((req: IncomingMessage, _res: unknown, next: () => void) => {
    requests.push(new WeakRef(req));
    next();
  });
  const organizer = await signInOrganizer(server.url, server.database);
  await organizer.post("/api/events", buildEvent({ slug: "hmj-2026" }));
});
afterAll(() => server.close());

async function collected(): Promise<boolean> {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    if (requests.every((r) => r.deref() === undefined)) return true;
  }
  return false;
}

it("lets a connected WebSocket's upgrade request go while the socket stays open", async () => {
  const socket: Socket = io(server.url, {
    auth: { event: "hmj-2026" },
    transports: ["websocket"],
    reconnection: false,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("clock", () => resolve());
      socket.once("connect_error", reject);
    });
    expect(requests.length).toBeGreaterThan(0);
    expect(await collected()).toBe(true);
    // Still connected and answering.
    const serverTime = await new Promise<number>((resolve) => socket.emit("time:sync", resolve));
    expect(typeof serverTime).toBe("number");
  } finally {
    socket.disconnect();
  }
});
