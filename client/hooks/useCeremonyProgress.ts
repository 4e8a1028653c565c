/**
 * Where the prize-giving is, from the ceremony's state every screen is sent: judging goes on
 * until it starts, and the words on every page follow it through to the end.
 */
import { useState } from "react";
import { useSocketEvent } from "./useEventSocket";

export type CeremonyProgress = "before" | "during" | "after";

/** Call under <EventSocketProvider>. */
export function useCeremonyProgress(): CeremonyProgress {
  const [progress, setProgress] = useState<CeremonyProgress>("before");
  useSocketEvent("ceremony:state", (state) =>
    setProgress(state.finished ? "after" : state.started ? "during" : "before"),
  );
  return progress;
}
