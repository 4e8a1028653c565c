import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/postgres-adapter";
import pg from "pg";
import { Server } from "socket.io";

const { Pool } = pg;
type Pool = pg.Pool;

import { type HandshakeAuth, rooms } from "../../shared/events";
import type { AppDeps } from "../context";
import { hashToken } from "../lib/tokens";
import { readCookie, requestOrigin, SESSION_COOKIE, sameSite } from "../routes/middleware";
import { liveSessionHashes } from "../services/auth";
import { judgeForUser } from "../services/judges";
import { forgetJudgingStates } from "../services/judging";
import { teamForUser } from "../services/registration";
import type { SessionCache } from "../services/sessionCache";
import { teacherForUser } from "../services/teachers";
import type { Change } from "./changes";
import { releaseHandshake, releaseUpgradeResponse } from "./footprint";
import type { IoServer } from "./io";
import { createJudgingFeed, type JudgingFeed } from "./judgingFeed";
import { createPublisher, type Publisher } from "./publisher";
import { createEventViews, type EventViews } from "./views";

export type { IoServer };

export interface Realtime {
  io: IoServer;
  /** Where every write's changes go: views are refreshed and screens told (publisher.ts). */
  publisher: Publisher;
  /** What screens are sent, kept in memory (views.ts). */
  views: EventViews;
  /** The organizers' live judging views (judgingFeed.ts). */
  judging: JudgingFeed;
  /** Closes every socket opened with this session, here and on other instances (sign-out). */
  endSession(sessionHash: string): void;
  /**
   * Forgets everything kept in memory, for when the database changed wholesale behind the
   * app's back (emptied between tests, restored from a backup while running).
   */
  forgetAll(): void;
  close(): Promise<void>;
}

const SOCKET_MAX_BYTES = 64 * 1024;
const SOCKET_EVENTS_PER_SECOND = 5;
const SOCKET_BURST = 20;
const SESSION_SWEEP_MS = 60_000;
/** Users' judge and team ids for the rooms a socket joins; they never change for a user. */
const MEMBERSHIP_KEPT = 50_000;

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

/** The versions a reconnecting screen already holds, read defensively from its handshake. */
function heldVersions(auth: unknown): { leaderboard?: number; progress?: number } {
  const versions = (auth as Partial<HandshakeAuth> | undefined)?.versions;
  if (!versions || typeof versions !== "object") return {};
  const num = (x: unknown) => (typeof x === "number" && Number.isInteger(x) ? x : undefined);
  return { leaderboard: num(versions.leaderboard), progress: num(versions.progress) };
}

export function createRealtime(
  httpServer: HttpServer,
  deps: AppDeps,
  sessions: SessionCache,
): Realtime {
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
  const views = createEventViews(deps.db);
  const judging = createJudgingFeed(io, deps.db, deps.logger);
  const publisher = createPublisher(io, deps, views, judging, adapterPool !== null);
  io.on("change", (change: Change) => publisher.receive(change));
  io.on("session:end", (hash: string) => endLocally(hash));

  const memberships = new Map<
    string,
    Promise<{
      judgeId: string | null;
      teamId: string | null;
      schoolId: string | null;
      eventId: string | null;
    }>
  >();
  function membershipOf(userId: string, role: string) {
    let known = memberships.get(userId);
    if (!known) {
      if (memberships.size >= MEMBERSHIP_KEPT) memberships.clear();
      known = (async () => {
        if (role === "judge") {
          const judge = await judgeForUser(deps.db, userId);
          return {
            judgeId: judge?.id ?? null,
            teamId: null,
            schoolId: null,
            eventId: judge?.eventId ?? null,
          };
        }
        if (role === "team") {
          const team = await teamForUser(deps.db, userId);
          return {
            judgeId: null,
            teamId: team?.id ?? null,
            schoolId: null,
            eventId: team?.eventId ?? null,
          };
        }
        if (role === "teacher") {
          const teacher = await teacherForUser(deps.db, userId);
          // A teacher's request still waiting joins no teachers' room; nor is it kept, since
          // an organizer's approval changes it.
          const approved = teacher?.status === "approved";
          if (!approved) memberships.delete(userId);
          return {
            judgeId: null,
            teamId: null,
            schoolId: approved ? teacher.schoolId : null,
            eventId: teacher?.eventId ?? null,
          };
        }
        return { judgeId: null, teamId: null, schoolId: null, eventId: null };
      })();
      memberships.set(userId, known);
      known.catch(() => memberships.delete(userId));
    }
    return known;
  }

  // The handshake reads only in-memory views in the common case: a reconnect storm of
  // thousands of screens costs no database round trip per screen.
  io.use(async (socket, next) => {
    try {
      const slug = (socket.handshake.auth as { event?: unknown })?.event;
      if (typeof slug !== "string" || slug.length === 0 || slug.length > 100) {
        return next(
          new HandshakeError("validation", "Say which event to follow: auth: { event: slug }."),
        );
      }
      let event: Awaited<ReturnType<EventViews["event"]>>;
      try {
        event = await views.event(slug);
      } catch {
        return next(new HandshakeError("not-found", `There is no event "${slug}".`));
      }
      const token = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
      const user = token ? await sessions.resolve(token, deps.now()) : null;
      const member = user ? await membershipOf(user.id, user.role) : null;
      socket.data = {
        eventId: event.id,
        eventSlug: event.slug,
        userId: user?.id ?? null,
        sessionHash: user && token ? hashToken(token) : null,
        role: user?.role ?? null,
        judgeId: member?.eventId === event.id ? member.judgeId : null,
        teamId: member?.eventId === event.id ? member.teamId : null,
        schoolId: member?.eventId === event.id ? member.schoolId : null,
      };
      next();
    } catch (error) {
      deps.logger.error({ err: error }, "socket handshake failed");
      next(new HandshakeError("internal", "The server could not accept the connection. Retrying."));
    }
  });

  io.on("connection", async (socket) => {
    const held = heldVersions(socket.handshake.auth);
    // The handshake middleware has copied what we use; an idle socket keeps nothing more.
    releaseHandshake(socket);
    const { eventId, role, judgeId, teamId, schoolId } = socket.data;
    // The server alone decides rooms, from the authenticated session.
    const joined = [rooms.event(eventId)];
    if (socket.data.sessionHash) joined.push(rooms.session(socket.data.sessionHash));
    if (role === "organizer") joined.push(rooms.organizers(eventId));
    if (judgeId) joined.push(rooms.judges(eventId), rooms.judge(judgeId));
    if (teamId) joined.push(rooms.team(teamId));
    if (schoolId) joined.push(rooms.school(schoolId), rooms.teachers(eventId));
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
    await socket.join(joined);

    socket.on("time:sync", (ack) => {
      if (typeof ack === "function") ack(deps.now().getTime());
    });

    try {
      const now = deps.now();
      const [clock, count, ceremony, stage, organizer] = await Promise.all([
        views.clock(eventId, now),
        views.submissions(eventId),
        views.ceremony(eventId),
        views.stage(eventId, now),
        role === "organizer" ? judging.current(eventId) : null,
      ]);
      socket.emit("clock", clock);
      socket.emit("submissions:count", { count });
      socket.emit("ceremony:state", ceremony);
      if (organizer) {
        // A screen coming back with the versions it holds is sent only what moved on.
        const { leaderboard, progress } = organizer;
        if (held.leaderboard !== leaderboard.version) socket.emit("leaderboard", leaderboard);
        if (held.progress !== progress.version) socket.emit("judging:progress", progress);
      }
      // The stage comes last: a screen knows its snapshot is complete when it arrives.
      socket.emit("stage", stage);
      publisher.follow(eventId);
    } catch (error) {
      deps.logger.warn({ err: error }, "could not send the snapshot");
    }
  });

  function endLocally(sessionHash: string) {
    sessions.forget(sessionHash);
    io.local.in(rooms.session(sessionHash)).disconnectSockets(true);
  }

  // Sessions end by sign-out (handled at once) or by expiry: a sweep closes the sockets of
  // sessions that no longer resolve.
  const sweep = setInterval(() => {
    void (async () => {
      const hashes = [...io.of("/").sockets.values()]
        .map((s) => s.data.sessionHash)
        .filter((h): h is string => h !== null);
      const unique = [...new Set(hashes)];
      if (unique.length === 0) return;
      const alive = await liveSessionHashes(deps.db, unique, deps.now());
      for (const hash of unique) if (!alive.has(hash)) endLocally(hash);
    })().catch((error) => deps.logger.warn({ err: error }, "session sweep failed"));
  }, SESSION_SWEEP_MS);
  sweep.unref();

  return {
    io,
    publisher,
    views,
    judging,
    forgetAll() {
      views.clear();
      judging.clear();
      sessions.clear();
      memberships.clear();
      forgetJudgingStates(deps.db);
    },
    endSession(sessionHash) {
      endLocally(sessionHash);
      if (adapterPool) io.serverSideEmit("session:end", sessionHash);
    },
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweep);
        publisher.close();
        void adapterPool?.end().catch(() => {});
        io.close(() => resolve());
      }),
  };
}
