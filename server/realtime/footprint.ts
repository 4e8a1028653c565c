// What an idle socket keeps alive. With 10,000 sockets on one process every retained object
// counts, so what Socket.IO and engine.io hold only for the handshake is let go once it is done.
import { type IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "socket.io";

const NOTHING = Object.freeze({});

/**
 * engine.io middleware. For a WebSocket upgrade, engine.io hands middlewares a stand-in
 * response that re-emits the TCP socket's "close", through a once-listener on that socket.
 * The listener keeps the stand-in and with it the whole upgrade request (headers, query,
 * parser state) alive for as long as the socket is open, about 1.7 KB per idle socket. No
 * middleware of ours waits for that "close", so the listener goes. At this point it is the
 * only once-listener for "close" on the socket (Node's own HTTP listeners are gone after an
 * upgrade); plain HTTP requests (polling) get a real response and are left alone.
 */
export function releaseUpgradeResponse(
  _req: IncomingMessage,
  res: ServerResponse,
  next: (error?: Error) => void,
): void {
  const tcp = (res as { socket?: ServerResponse["socket"] }).socket;
  if (!(res instanceof ServerResponse) && tcp) {
    for (const listener of tcp.rawListeners("close") as ((...args: unknown[]) => void)[]) {
      if ("listener" in listener) tcp.removeListener("close", listener);
    }
  }
  next();
}

/**
 * Drops what a socket retains from its handshake once the handshake middleware has read it:
 * the HTTP request, the headers (with the session cookie), the query string, the URL and the
 * time string. `handshake.auth` and `handshake.address` stay.
 */
export function releaseHandshake(socket: Socket): void {
  (socket.conn as unknown as { request: unknown }).request = null;
  const handshake = socket.handshake as unknown as Record<string, unknown>;
  handshake.headers = NOTHING;
  handshake.query = NOTHING;
  handshake.url = "";
  handshake.time = "";
  // engine.io leaves this listener on every WebSocket that did not upgrade from polling.
  const ws = (socket.conn as unknown as { transport?: { socket?: NodeJS.EventEmitter } }).transport
    ?.socket;
  for (const listener of ws?.listeners("error") ?? []) {
    if (listener.name === "onUpgradeError") ws?.removeListener("error", listener as () => void);
  }
}
