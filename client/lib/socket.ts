/** The Socket.IO connection to one event, typed by the contract in shared/events.ts. */
import { io, type Socket } from "socket.io-client";
import type { Clock } from "../../shared/api";
import type {
  ClientToServerEvents,
  HandshakeAuth,
  ServerToClientEvents,
} from "../../shared/events";

export type EventSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ServerEventName = keyof ServerToClientEvents;

/**
 * Opens a connection that follows one event; Socket.IO reconnects it by itself after a drop,
 * each screen after its own random delay (so a hall of screens coming back after a wifi blip
 * does not arrive at once), saying which versions of the organizer's views it still holds.
 */
export function connectEventSocket(
  slug: string,
  held: () => HandshakeAuth["versions"] = () => undefined,
): EventSocket {
  return io(window.location.origin, {
    auth: (send) => {
      const auth: HandshakeAuth = { event: slug, versions: held() };
      send(auth as unknown as Record<string, unknown>);
    },
    withCredentials: true,
    // Start with a WebSocket when the network allows it; long-polling stays as the fallback.
    transports: ["websocket", "polling"],
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 10_000,
    // Each retry waits somewhere between half and one and a half times the delay.
    randomizationFactor: 0.5,
  });
}

/**
 * Of two clock snapshots, the one to keep. Pushes can overtake each other (a reconnect
 * snapshot racing a pause), so the higher version wins; at equal versions (a phase change
 * needs no new version) the later server time wins.
 */
export function newerClock(current: Clock | null, incoming: Clock): Clock {
  if (!current) return incoming;
  if (incoming.version !== current.version)
    return incoming.version > current.version ? incoming : current;
  return Date.parse(incoming.serverTime) >= Date.parse(current.serverTime) ? incoming : current;
}

export interface TimeSample {
  /** Add to Date.now() to get the server's time. */
  offsetMs: number;
  roundTripMs: number;
}

/** One `time:sync` round trip, or null when no answer came within `timeoutMs`. */
function sample(socket: EventSocket, timeoutMs: number): Promise<TimeSample | null> {
  return new Promise((resolve) => {
    const sent = performance.now();
    const sentWall = Date.now();
    socket.timeout(timeoutMs).emit("time:sync", (error: Error | null, serverTimeMs: number) => {
      if (error || typeof serverTimeMs !== "number") return resolve(null);
      const roundTripMs = performance.now() - sent;
      const receivedWall = sentWall + roundTripMs;
      resolve({ offsetMs: serverTimeMs + roundTripMs / 2 - receivedWall, roundTripMs });
    });
  });
}

/**
 * Estimates how far the server's clock is from this device's: several `time:sync` samples,
 * keeping the one with the shortest round trip (the least delayed by the network, so the
 * "half the round trip" guess is closest). Null when the server never answered.
 */
export async function measureOffset(
  socket: EventSocket,
  samples = 5,
  timeoutMs = 3_000,
): Promise<TimeSample | null> {
  let best: TimeSample | null = null;
  for (let i = 0; i < samples; i++) {
    if (!socket.connected) break;
    const s = await sample(socket, timeoutMs);
    if (s && (!best || s.roundTripMs < best.roundTripMs)) best = s;
  }
  return best;
}
