/**
 * State the server both answers on GET and pushes over the socket (the leaderboard, judging
 * progress), each copy carrying a version. The socket provider (client/hooks/useEventSocket.tsx)
 * folds the pushed changes into whole views, so this sees whole views only. The newest version
 * wins; a copy older than what is shown is dropped. Equal versions are taken: every change to
 * what the views are made of moves the version (the events row's scores_version), so two copies
 * at one version hold the same view.
 */
import { useCallback, useState } from "react";
import type { ServerToClientEvents } from "../../../shared/events";
import { useSocketEvent } from "../../hooks/useEventSocket";
import { useQuery } from "../../hooks/useQuery";
import type { ApiError, Endpoint } from "../../lib/api";

type Versioned = { version: number };
type PushedEvent = "leaderboard" | "judging:progress";
type Payload<E extends PushedEvent> = Parameters<ServerToClientEvents[E]>[0];

export type LiveResource<T> =
  | { status: "loading"; reload: () => void }
  | { status: "error"; error: ApiError; reload: () => void }
  | { status: "ready"; data: T; reload: () => void; apply: (data: T) => void };

const newer = <T extends Versioned>(a: T | null, b: T | null): T | null =>
  !a ? b : !b ? a : b.version >= a.version ? b : a;

export function useLiveVersioned<E extends PushedEvent>(
  path: Endpoint<Payload<E>>,
  event: E,
): LiveResource<Payload<E>> {
  type T = Payload<E>;
  const resource = useQuery(path);
  const [latest, setLatest] = useState<T | null>(null);
  const apply = useCallback((data: T) => setLatest((current) => newer(current, data)), []);
  useSocketEvent(event, ((payload: T) => apply(payload)) as ServerToClientEvents[E]);

  if (resource.status === "ready") {
    const data = newer(resource.data, latest) ?? resource.data;
    return { status: "ready", data, reload: resource.reload, apply };
  }
  // A push may arrive before the GET answers: show it rather than wait.
  if (latest) return { status: "ready", data: latest, reload: resource.reload, apply };
  return resource;
}
