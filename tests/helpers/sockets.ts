import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../shared/events";

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Opens sockets to a test server as a browser page would (websocket only, no automatic
 * reconnection) and closes every one of them with `closeAll`, called after each test.
 */
export function socketPool(url: () => string) {
  const open: TestSocket[] = [];
  return {
    connect(cookie: string | null = null, event = "hmj-2026"): TestSocket {
      const socket: TestSocket = io(url(), {
        auth: { event },
        transports: ["websocket"],
        reconnection: false,
        extraHeaders: cookie ? { cookie } : {},
      });
      open.push(socket);
      return socket;
    },
    closeAll() {
      for (const socket of open.splice(0)) socket.disconnect();
    },
  };
}

/**
 * Resolves once everything the server sent these sockets before this call has arrived. The
 * server answers `time:sync` on the same connection, after every push it made earlier, so the
 * answer is a sentinel: check that something did not arrive after it, never after a sleep.
 */
export async function drained(...sockets: TestSocket[]): Promise<void> {
  await Promise.all(sockets.map((socket) => socket.timeout(5_000).emitWithAck("time:sync")));
}
