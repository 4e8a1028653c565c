/**
 * One live connection per event, shared by every component under <EventSocketProvider>:
 * connection state, the latest clock, the submission count, announcements, the server's
 * clock offset, and a way to listen to any other server event (leaderboard, judging progress).
 */
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import type {
  CeremonyState,
  Clock,
  JudgingProgress,
  JudgingProgressChange,
  Leaderboard,
  LeaderboardChange,
  RevealedAward,
} from "../../shared/api";
import type { Announcement, ServerToClientEvents } from "../../shared/events";
import { stateAfterReveal } from "../../shared/rules/ceremony";
import { api, endpoint } from "../lib/api";
import { connectEventSocket, measureOffset, newerClock, type ServerEventName } from "../lib/socket";

export type ConnectionStatus =
  /** Before the first successful connection. */
  | "connecting"
  | "connected"
  /** Was connected, lost it, trying again by itself. */
  | "reconnecting"
  /** The server refused to follow this event (unknown event); retrying will not help. */
  | "failed";

export interface EventSocketValue {
  slug: string;
  status: ConnectionStatus;
  /** Why the connection failed or keeps failing, in plain words; null when all is well. */
  problem: string | null;
  /** The newest clock snapshot (stale pushes dropped by version), null until the first arrives. */
  clock: Clock | null;
  /** How many teams have submitted, null until the server says. */
  submissionsCount: number | null;
  /** Newest first; live, and refreshed on every (re)connect so none are missed while offline. */
  announcements: Announcement[];
  /** Add to Date.now() for the server's time; null until the first time sync. */
  offsetMs: number | null;
  /** Shows a clock the page got another way (the answer to a clock action) without waiting for the push. */
  acceptClock(clock: Clock): void;
  /** Likewise for an announcement just posted, or just removed, over HTTP. */
  acceptAnnouncement(announcement: Announcement): void;
  forgetAnnouncement(id: string): void;
  /**
   * Listens to a server event; returns the function that stops listening. For events that
   * carry a whole state (clock, submissions:count, leaderboard, judging:progress,
   * ceremony:state) the handler is also called at once with the last one received, so a
   * late subscriber misses nothing.
   */
  subscribe<E extends ServerEventName>(event: E, handler: ServerToClientEvents[E]): () => void;
}

/** Exported so hook tests can stand in for the connection. */
export const EventSocketContext = createContext<EventSocketValue | null>(null);

/** A pushed clock whose serverTime is this far from our estimate means the offset went stale. */
const RESYNC_DRIFT_MS = 2_000;
const RESYNC_EVERY_MS = 10_000;
/** After the server closed the connection on purpose, Socket.IO does not retry; we do. */
const MANUAL_RETRY_MS = 3_000;
const ANNOUNCEMENTS_KEPT = 20;
/** Events that carry a whole state: a late subscriber gets the last one at once. */
const SNAPSHOT_EVENTS: ReadonlySet<ServerEventName> = new Set([
  "clock",
  "submissions:count",
  "leaderboard",
  "judging:progress",
  "ceremony:state",
  "stage",
]);

function mergeAnnouncements(a: Announcement[], b: Announcement[]): Announcement[] {
  const byId = new Map<string, Announcement>();
  for (const item of [...a, ...b]) byId.set(item.id, item);
  return [...byId.values()]
    .sort((x, y) => Date.parse(y.at) - Date.parse(x.at))
    .slice(0, ANNOUNCEMENTS_KEPT);
}

type Handler = (...args: never[]) => void;

/**
 * Follows `slug` for everything inside. Under another provider for the same event it adds
 * nothing, so a section may wrap itself without opening a second connection.
 */
export function EventSocketProvider({ slug, children }: { slug: string; children: ReactNode }) {
  const outer = useContext(EventSocketContext);
  if (outer?.slug === slug) return <>{children}</>;
  return <EventConnection slug={slug}>{children}</EventConnection>;
}

function EventConnection({ slug, children }: { slug: string; children: ReactNode }) {
  const [status, setStatus] = useState<ConnectionStatus>("connecting");
  const [problem, setProblem] = useState<string | null>(null);
  const [clock, setClock] = useState<Clock | null>(null);
  const [submissionsCount, setSubmissionsCount] = useState<number | null>(null);
  const [announcements, setAnnouncements] = useState<Announcement[]>([]);
  const [offsetMs, setOffsetMs] = useState<number | null>(null);
  const offsetRef = useRef<number | null>(null);
  /** Subscriptions live here too, so they survive the socket being replaced. */
  const handlers = useRef(new Map<ServerEventName, Set<Handler>>());
  const lastPayload = useRef(new Map<ServerEventName, unknown[]>());

  useEffect(() => {
    const version = (event: "leaderboard" | "judging:progress") =>
      (lastPayload.current.get(event)?.[0] as { version?: number } | undefined)?.version;
    const socket = connectEventSocket(slug, () => ({
      leaderboard: version("leaderboard"),
      progress: version("judging:progress"),
    }));
    let closed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let syncing = false;
    let everConnected = false;

    let syncedAt = 0;
    const resync = async () => {
      if (syncing) return;
      syncing = true;
      syncedAt = Date.now();
      const best = await measureOffset(socket);
      syncing = false;
      if (closed || !best) return;
      offsetRef.current = best.offsetMs;
      setOffsetMs(best.offsetMs);
    };

    // The list fetched on (re)connect is the truth, except for pushes that arrive meanwhile.
    let pushedSince: Announcement[] = [];
    let removedSince = new Set<string>();
    const loadAnnouncements = () => {
      pushedSince = [];
      removedSince = new Set();
      api
        .get(endpoint("/events/{slug}/announcements", { slug }))
        .then(({ announcements: list }) => {
          if (closed) return;
          setAnnouncements(
            mergeAnnouncements(list, pushedSince).filter((a) => !removedSince.has(a.id)),
          );
        })
        .catch(() => {
          // Live pushes still arrive; the next reconnect tries the list again.
        });
    };

    socket.on("connect", () => {
      everConnected = true;
      setStatus("connected");
      setProblem(null);
      void resync();
      loadAnnouncements();
    });
    socket.on("disconnect", (reason) => {
      if (closed) return;
      setStatus("reconnecting");
      // The server let us go (a restart, say): Socket.IO leaves that to us, so try again.
      if (reason === "io server disconnect")
        retry = setTimeout(() => socket.connect(), MANUAL_RETRY_MS);
    });
    socket.on("connect_error", (error: Error & { data?: { type?: string; detail?: string } }) => {
      if (closed) return;
      const slugOf = error.data?.type?.replace(/^\/problems\//, "");
      if (slugOf === "not-found" || slugOf === "validation") {
        setStatus("failed");
        setProblem(error.data?.detail ?? "This event could not be found.");
        return;
      }
      setStatus(everConnected ? "reconnecting" : "connecting");
      setProblem("We can't reach the server right now. Trying again…");
      // A refusal by the server's handshake is not retried by Socket.IO itself.
      if (!socket.active) retry = setTimeout(() => socket.connect(), MANUAL_RETRY_MS);
    });

    /** Every push stamped with the server's time is a free check of the measured offset. */
    const checkOffset = (serverTime: string) => {
      const offset = offsetRef.current;
      if (offset === null) {
        // Until the first time sync answers, the snapshot's own timestamp is a fair guess.
        offsetRef.current = Date.parse(serverTime) - Date.now();
        setOffsetMs(offsetRef.current);
      } else {
        const drift = Math.abs(Date.parse(serverTime) - (Date.now() + offset));
        // At most now and then: the server limits how many events a socket may send.
        if (drift > RESYNC_DRIFT_MS && Date.now() - syncedAt > RESYNC_EVERY_MS) void resync();
      }
    };
    socket.on("clock", (incoming) => {
      setClock((current) => newerClock(current, incoming));
      checkOffset(incoming.serverTime);
    });
    socket.on("stage", (incoming) => checkOffset(incoming.serverTime));
    socket.on("submissions:count", ({ count }) => setSubmissionsCount(count));
    socket.on("announcement", (a) => {
      pushedSince.push(a);
      setAnnouncements((list) => mergeAnnouncements([a], list));
    });
    socket.on("announcement:removed", ({ id }) => {
      removedSince.add(id);
      setAnnouncements((list) => list.filter((a) => a.id !== id));
    });
    // Fan every event out to the subscribers registered through `subscribe`.
    const fanOut = (event: ServerEventName, args: unknown[]) => {
      if (SNAPSHOT_EVENTS.has(event)) lastPayload.current.set(event, args);
      for (const handler of handlers.current.get(event) ?? [])
        (handler as (...a: unknown[]) => void)(...args);
    };
    // The organizer's judging views arrive as changes to the version held: fold each into the
    // whole view and tell subscribers as if it had been pushed whole. A change that does not
    // follow the held version (one was missed) fetches the whole view instead.
    const fold = (event: "leaderboard" | "judging:progress", change: unknown) => {
      // Loaded on the first change only: screens other than the organizer's never need it.
      void import("../../shared/rules/judgingViews").then((views) => {
        if (closed) return;
        const current = lastPayload.current.get(event)?.[0];
        const next =
          event === "leaderboard"
            ? current &&
              views.applyLeaderboardChange(current as Leaderboard, change as LeaderboardChange)
            : current &&
              views.applyProgressChange(
                current as JudgingProgress,
                change as JudgingProgressChange,
              );
        if (next) return fanOut(event, [next]);
        const heldVersion = (current as { version?: number } | undefined)?.version ?? -1;
        if ((change as { version: number }).version > heldVersion) refetch(event);
      });
    };
    const fetching = new Set<string>();
    const refetch = (event: "leaderboard" | "judging:progress") => {
      if (fetching.has(event)) return;
      fetching.add(event);
      const whole: Promise<{ version: number }> =
        event === "leaderboard"
          ? api.get(endpoint("/events/{slug}/leaderboard", { slug }))
          : api.get(endpoint("/events/{slug}/judging/progress", { slug }));
      whole
        .then((whole) => {
          if (closed) return;
          const current = lastPayload.current.get(event)?.[0] as { version: number } | undefined;
          if (!current || whole.version >= current.version) fanOut(event, [whole]);
        })
        .catch(() => {
          // The next change or reconnect tries again.
        })
        .finally(() => fetching.delete(event));
    };
    socket.onAny((event: ServerEventName, ...args: unknown[]) => {
      if (event === "leaderboard:change") return fold("leaderboard", args[0]);
      if (event === "judging:progress:change") return fold("judging:progress", args[0]);
      fanOut(event, args);
      // A reveal carries what it changes in the ceremony's state; the server does not resend
      // the whole state, so fold it in here and tell the state's subscribers as if pushed.
      if (event === "ceremony:reveal") {
        const last = lastPayload.current.get("ceremony:state")?.[0] as CeremonyState | undefined;
        const next = last && stateAfterReveal(last, args[0] as RevealedAward);
        if (next) fanOut("ceremony:state", [next]);
      }
    });

    return () => {
      closed = true;
      clearTimeout(retry);
      socket.removeAllListeners();
      socket.offAny();
      socket.disconnect();
      lastPayload.current.clear();
    };
  }, [slug]);

  const subscribe = useCallback(
    <E extends ServerEventName>(event: E, handler: ServerToClientEvents[E]) => {
      let set = handlers.current.get(event);
      if (!set) {
        set = new Set();
        handlers.current.set(event, set);
      }
      const h = handler as Handler;
      set.add(h);
      const last = lastPayload.current.get(event);
      if (last)
        queueMicrotask(() => {
          if (set.has(h)) (h as (...a: unknown[]) => void)(...last);
        });
      return () => {
        set.delete(h);
      };
    },
    [],
  );

  const acceptClock = useCallback(
    (incoming: Clock) => setClock((current) => newerClock(current, incoming)),
    [],
  );

  const acceptAnnouncement = useCallback(
    (a: Announcement) => setAnnouncements((list) => mergeAnnouncements([a], list)),
    [],
  );
  const forgetAnnouncement = useCallback(
    (id: string) => setAnnouncements((list) => list.filter((a) => a.id !== id)),
    [],
  );

  const value = useMemo<EventSocketValue>(
    () => ({
      slug,
      status,
      problem,
      clock,
      submissionsCount,
      announcements,
      offsetMs,
      acceptClock,
      acceptAnnouncement,
      forgetAnnouncement,
      subscribe,
    }),
    [
      slug,
      status,
      problem,
      clock,
      submissionsCount,
      announcements,
      offsetMs,
      acceptClock,
      acceptAnnouncement,
      forgetAnnouncement,
      subscribe,
    ],
  );
  return <EventSocketContext.Provider value={value}>{children}</EventSocketContext.Provider>;
}

/** The event connection; call only under <EventSocketProvider>. */
export function useEventSocket(): EventSocketValue {
  const value = useContext(EventSocketContext);
  if (!value) throw new Error("useEventSocket must be used inside <EventSocketProvider>");
  return value;
}

/**
 * Runs `handler` for every `event` the server pushes (e.g. "leaderboard", "judging:progress").
 * The latest handler is always used, so it may close over state without re-subscribing.
 */
export function useSocketEvent<E extends ServerEventName>(
  event: E,
  handler: ServerToClientEvents[E],
): void {
  const { subscribe } = useEventSocket();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(
    () =>
      subscribe(event, ((...args: never[]) =>
        (latest.current as Handler)(...args)) as ServerToClientEvents[E]),
    [subscribe, event],
  );
}
