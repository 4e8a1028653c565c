import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import {
  type ClientToServerEvents,
  type InterServerEvents,
  rooms,
  type ServerToClientEvents,
  type SocketData,
} from "../../shared/events";
import type { AppDeps } from "../context";
import { readCookie, SESSION_COOKIE, sameSite } from "../routes/middleware";
import { resolveSession } from "../services/auth";
import { clockFor } from "../services/clock";
import { type EventRow, findEvent } from "../services/events";
import { judgeForUser } from "../services/judges";
import { teamForUser } from "../services/registration";

export type IoServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** Typed emitters. Call them only after the transaction that changed the state has committed. */
export interface Realtime {
  io: IoServer;
  emitClock(event: EventRow): void;
  close(): Promise<void>;
}

class HandshakeError extends Error {
  data: { type: string; detail: string };
  constructor(slug: string, detail: string) {
    super(slug);
    this.data = { type: `/problems/${slug}`, detail };
  }
}

export function createRealtime(httpServer: HttpServer, deps: AppDeps): Realtime {
  const io: IoServer = new Server(httpServer, {
    serveClient: false,
    perMessageDeflate: false,
    // Same-origin only: refuse a page on another site opening a socket with our cookie.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, !origin || sameSite(origin, req.headers.host, deps.publicUrl));
    },
  });

  io.use(async (socket, next) => {
    try {
      const slug = (socket.handshake.auth as { event?: unknown })?.event;
      if (typeof slug !== "string" || slug.length === 0 || slug.length > 100) {
        return next(
          new HandshakeError("validation", "Say which event to follow: auth: { event: slug }."),
        );
      }
      let event: EventRow;
      try {
        event = await findEvent(deps.db, slug);
      } catch {
        return next(new HandshakeError("not-found", `There is no event "${slug}".`));
      }
      const token = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
      const user = token ? await resolveSession(deps.db, token, deps.now()) : null;
      socket.data = {
        eventId: event.id,
        eventSlug: event.slug,
        userId: user?.id ?? null,
        role: user?.role ?? null,
      };
      next();
    } catch (error) {
      deps.logger.error({ err: error }, "socket handshake failed");
      next(new HandshakeError("internal", "The server could not accept the connection. Retrying."));
    }
  });

  io.on("connection", async (socket) => {
    const { eventId, userId, role } = socket.data;
    // The server alone decides rooms, from the authenticated session.
    const joined = [rooms.event(eventId)];
    if (role === "organizer") joined.push(rooms.organizers(eventId));
    if (role === "judge" && userId) {
      const judge = await judgeForUser(deps.db, userId);
      if (judge && judge.eventId === eventId)
        joined.push(rooms.judges(eventId), rooms.judge(judge.id));
    }
    if (role === "team" && userId) {
      const team = await teamForUser(deps.db, userId);
      if (team && team.eventId === eventId) joined.push(rooms.team(team.id));
    }
    await socket.join(joined);

    socket.on("time:sync", (ack) => {
      if (typeof ack === "function") ack(deps.now().getTime());
    });

    try {
      const event = await findEvent(deps.db, socket.data.eventSlug);
      socket.emit("clock", clockFor(event, deps.now()));
    } catch (error) {
      deps.logger.warn({ err: error }, "could not send the clock snapshot");
    }
  });

  return {
    io,
    emitClock(event) {
      io.to(rooms.event(event.id)).emit("clock", clockFor(event, deps.now()));
    },
    close: () =>
      new Promise<void>((resolve) => {
        io.close(() => resolve());
      }),
  };
}
