import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/postgres-adapter";
import pg from "pg";
import { Server } from "socket.io";

const { Pool } = pg;
type Pool = pg.Pool;

import type { Clock, RevealedAward, StageState } from "../../shared/api";
import {
  type Announcement,
  type ClientToServerEvents,
  type InterServerEvents,
  rooms,
  type ServerToClientEvents,
  type SocketData,
} from "../../shared/events";
import { nextPhaseChange } from "../../shared/rules/clock";
import type { AppDeps } from "../context";
import { hashToken } from "../lib/tokens";
import { readCookie, requestOrigin, SESSION_COOKIE, sameSite } from "../routes/middleware";
import { liveSessionHashes, resolveSession } from "../services/auth";
import { ceremonyState } from "../services/ceremony";
import { loadAdjustments, loadClock } from "../services/clock";
import { type EventRow, findEvent, findEventById } from "../services/events";
import { judgeForUser } from "../services/judges";
import { computeJudgingViews } from "../services/judging";
import { teamForUser } from "../services/registration";
import { stageState } from "../services/stage";
import { submissionCount } from "../services/submissions";
import { releaseHandshake, releaseUpgradeResponse } from "./footprint";

export type IoServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** Typed emitters. Call them only after the transaction that changed the state has committed. */
export interface Realtime {
  io: IoServer;
  /** Sends the event's clock to everyone following it; with `clock`, sends that exact object. */
  emitClock(event: EventRow, clock?: Clock): Promise<void>;
  emitAnnouncement(eventId: string, announcement: Announcement): void;
  emitAnnouncementRemoved(eventId: string, id: string): void;
  emitSubmissionCount(eventId: string, count: number): void;
  /**
   * Recomputes the leaderboard and judging progress and pushes them to the organizers.
   * Calls made while a refresh runs are coalesced into one more run, so a burst of saves
   * costs at most two computations and the last state always wins.
   */
  refreshJudging(eventId: string): void;
  emitReveal(eventId: string, award: RevealedAward): void;
  /** Closes every socket opened with this session (sign-out). */
  endSession(sessionHash: string): void;
  emitCeremonyState(eventId: string): Promise<void>;
  /** Sends the stage to everyone following the event. */
  emitStage(eventId: string, state: StageState): void;
  emitFeedbackReleased(eventId: string, releasedAt: string): void;
  /** Tells the organizers' outbox that an email was queued, sent, answered or replaced. */
  emitOutboxChanged(eventId: string): void;
  close(): Promise<void>;
}

const SOCKET_MAX_BYTES = 64 * 1024;
const SOCKET_EVENTS_PER_SECOND = 5;
const SOCKET_BURST = 20;
const SESSION_SWEEP_MS = 60_000;

/**
 * Shares events with other instances through PostgreSQL (LISTEN/NOTIFY). A dropped connection
 * is logged and replaced, never fatal: every pooled client gets an error handler.
 */
function attachPostgresAdapter(io: IoServer, deps: AppDeps): Pool {
  const pool = new Pool({ connectionString: deps.realtimeAdapterUrl, max: 4 });
  pool.on("error", (error) =>
    deps.logger.warn({ err: error }, "realtime adapter: idle connection lost"),
  );
  pool.on("connect", (client) => {
    client.on("error", (error) => {
      deps.logger.warn({ err: error }, "realtime adapter: connection lost, reconnecting");
      try {
        (client as unknown as { release?: (e?: Error) => void }).release?.(error);
      } catch {
        // Already released by the pool.
      }
    });
  });
  io.adapter(
    createAdapter(pool, {
      errorHandler: (error) => deps.logger.warn({ err: error }, "realtime adapter error"),
    }),
  );
  return pool;
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
    // Clients only send tiny events (time:sync); refuse anything bigger.
    maxHttpBufferSize: SOCKET_MAX_BYTES,
    // Same-origin only: refuse a page on another site opening a socket with our cookie.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, !origin || sameSite(origin, requestOrigin(req), deps.publicUrl));
    },
  });

  io.engine.use(releaseUpgradeResponse);
  const adapterPool = deps.realtimeAdapterUrl ? attachPostgresAdapter(io, deps) : null;

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
        sessionHash: user && token ? hashToken(token) : null,
        role: user?.role ?? null,
      };
      next();
    } catch (error) {
      deps.logger.error({ err: error }, "socket handshake failed");
      next(new HandshakeError("internal", "The server could not accept the connection. Retrying."));
    }
  });

  io.on("connection", async (socket) => {
    // The handshake middleware has copied what we use; an idle socket keeps nothing more.
    releaseHandshake(socket);
    const { eventId, userId, role } = socket.data;
    // The server alone decides rooms, from the authenticated session.
    const joined = [rooms.event(eventId)];
    if (socket.data.sessionHash) joined.push(rooms.session(socket.data.sessionHash));
    // A token bucket per socket: a client flooding events is told so, then disconnected.
    let tokens = SOCKET_BURST;
    let refilledAt = Date.now();
    let strikes = 0;
    socket.use((_packet, next) => {
      const t = Date.now();
      tokens = Math.min(
        SOCKET_BURST,
        tokens + ((t - refilledAt) / 1000) * SOCKET_EVENTS_PER_SECOND,
      );
      refilledAt = t;
      if (tokens >= 1) {
        tokens -= 1;
        return next();
      }
      if (++strikes > SOCKET_BURST) socket.disconnect(true);
      next(new Error("rate-limited"));
    });
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
      socket.emit("clock", await loadClock(deps.db, event, deps.now()));
      socket.emit("submissions:count", { count: await submissionCount(deps.db, event.id) });
      socket.emit("ceremony:state", await ceremonyState(deps.db, event.id));
      socket.emit("stage", await stageState(deps.db, event.id, deps.now()));
      if (role === "organizer") {
        const { leaderboard, progress } = await computeJudgingViews(deps.db, event.id);
        socket.emit("leaderboard", leaderboard);
        socket.emit("judging:progress", progress);
      }
      if (!phaseTimers.has(event.id)) await schedulePhaseChange(event.id);
    } catch (error) {
      deps.logger.warn({ err: error }, "could not send the clock snapshot");
    }
  });

  // Phases change on their own at planned instants (hacking starts, the deadline passes).
  // One timer per followed event pushes the new clock then, so screens need not poll. The
  // timer is only a nudge: the state itself is always derived from the database.
  const phaseTimers = new Map<string, NodeJS.Timeout>();
  const MAX_DELAY_MS = 2 ** 31 - 1;
  async function schedulePhaseChange(eventId: string): Promise<void> {
    clearTimeout(phaseTimers.get(eventId));
    phaseTimers.delete(eventId);
    const event = await findEventById(deps.db, eventId);
    const now = deps.now();
    const next = nextPhaseChange(event, await loadAdjustments(deps.db, eventId), now);
    if (!next) return;
    const delay = Math.min(MAX_DELAY_MS, next.getTime() - now.getTime() + 20);
    const timer = setTimeout(() => {
      phaseTimers.delete(eventId);
      void (async () => {
        if ((await io.in(rooms.event(eventId)).fetchSockets()).length === 0) return;
        await realtime.emitClock(await findEventById(deps.db, eventId));
      })().catch((error) => deps.logger.warn({ err: error }, "phase change push failed"));
    }, delay);
    timer.unref();
    phaseTimers.set(eventId, timer);
  }

  const refreshing = new Map<string, { again: boolean }>();
  async function runRefresh(eventId: string): Promise<void> {
    const room = io.to(rooms.organizers(eventId));
    try {
      const { leaderboard, progress } = await computeJudgingViews(deps.db, eventId);
      room.emit("leaderboard", leaderboard);
      room.emit("judging:progress", progress);
    } catch (error) {
      deps.logger.warn({ err: error, eventId }, "leaderboard refresh failed");
    }
    const state = refreshing.get(eventId);
    if (state?.again) {
      state.again = false;
      await runRefresh(eventId);
    } else refreshing.delete(eventId);
  }

  // Sessions end by sign-out (handled at once) or by expiry: a sweep closes the sockets of
  // sessions that no longer resolve.
  const sweep = setInterval(() => {
    void (async () => {
      const sockets = await io.fetchSockets();
      const hashes = [
        ...new Set(sockets.map((s) => s.data.sessionHash).filter((h): h is string => h !== null)),
      ];
      if (hashes.length === 0) return;
      const alive = await liveSessionHashes(deps.db, hashes, deps.now());
      for (const hash of hashes)
        if (!alive.has(hash)) io.in(rooms.session(hash)).disconnectSockets(true);
    })().catch((error) => deps.logger.warn({ err: error }, "session sweep failed"));
  }, SESSION_SWEEP_MS);
  sweep.unref();

  const realtime: Realtime = {
    io,
    endSession(sessionHash) {
      io.in(rooms.session(sessionHash)).disconnectSockets(true);
    },
    refreshJudging(eventId) {
      const state = refreshing.get(eventId);
      if (state) {
        state.again = true;
        return;
      }
      refreshing.set(eventId, { again: false });
      void runRefresh(eventId);
    },
    async emitClock(event, clock) {
      io.to(rooms.event(event.id)).emit(
        "clock",
        clock ?? (await loadClock(deps.db, event, deps.now())),
      );
      await schedulePhaseChange(event.id).catch((error) =>
        deps.logger.warn({ err: error }, "could not schedule"),
      );
    },
    emitAnnouncement(eventId, announcement) {
      io.to(rooms.event(eventId)).emit("announcement", announcement);
    },
    emitReveal(eventId, award) {
      io.to(rooms.event(eventId)).emit("ceremony:reveal", award);
    },
    async emitCeremonyState(eventId) {
      io.to(rooms.event(eventId)).emit("ceremony:state", await ceremonyState(deps.db, eventId));
    },
    emitStage(eventId, state) {
      io.to(rooms.event(eventId)).emit("stage", state);
    },
    emitFeedbackReleased(eventId, releasedAt) {
      io.to(rooms.event(eventId)).emit("feedback:released", { releasedAt });
    },
    emitOutboxChanged(eventId) {
      io.to(rooms.organizers(eventId)).emit("outbox:changed");
    },
    emitSubmissionCount(eventId, count) {
      io.to(rooms.event(eventId)).emit("submissions:count", { count });
    },
    emitAnnouncementRemoved(eventId, id) {
      io.to(rooms.event(eventId)).emit("announcement:removed", { id });
    },
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweep);
        void adapterPool?.end().catch(() => {});
        for (const timer of phaseTimers.values()) clearTimeout(timer);
        phaseTimers.clear();
        io.close(() => resolve());
      }),
  };
  return realtime;
}
