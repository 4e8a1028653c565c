/** What is on stage, from the `stage` socket event (sent on connect and on every change). */
import { useState } from "react";
import type { StageState } from "../../../shared/api";
import { useSocketEvent } from "../../hooks/useEventSocket";

/**
 * Of two stage snapshots, the one to keep: pushes can overtake each other (a reconnect
 * snapshot racing a press), so the higher version wins; at equal versions the later one.
 */
export function newerStage(current: StageState | null, incoming: StageState | null) {
  if (!current) return incoming;
  if (!incoming) return current;
  if (incoming.version !== current.version)
    return incoming.version > current.version ? incoming : current;
  return Date.parse(incoming.serverTime) >= Date.parse(current.serverTime) ? incoming : current;
}

/**
 * The newest stage pushed so far, null until the first push. Call it where it stays mounted:
 * the server sends the snapshot once, on connect.
 */
export function useStage(): StageState | null {
  const [stage, setStage] = useState<StageState | null>(null);
  useSocketEvent("stage", (incoming) => setStage((current) => newerStage(current, incoming)));
  return stage;
}

/** "Team A — “Bus Buddy”", or the name alone before a project is handed in. */
export function teamLine(team: { name: string; projectTitle: string | null }): string {
  return team.projectTitle ? `${team.name} — “${team.projectTitle}”` : team.name;
}
