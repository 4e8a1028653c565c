import type { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from "../../shared/events";
import type { Change } from "./changes";

/** Between instances, through the PostgreSQL adapter (publisher.ts). */
export interface InterServerEvents {
  change: (change: Change) => void;
  "session:end": (sessionHash: string) => void;
}

export type IoServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
