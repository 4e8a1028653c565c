/**
 * The event's clock as this second: the server's snapshot plus the measured clock offset,
 * ticking locally on the server's second boundaries (so two screens flip together). No polling:
 * the snapshot changes only when the server pushes one.
 */
import { useEffect, useState } from "react";
import type { Clock, Phase } from "../../shared/api";
import { useEventSocket } from "./useEventSocket";

export interface ServerClockView {
  clock: Clock | null;
  phase: Phase | null;
  paused: boolean;
  /** The server's time now, in epoch milliseconds (this device's time until the first sync). */
  nowMs: number;
  /** Milliseconds to the clock's target (frozen while paused); 0 when there is no target. */
  remainingMs: number;
}

/** Milliseconds left at `nowMs` (server time): frozen while paused, counting down otherwise. */
export function remainingAt(clock: Clock, nowMs: number): number {
  if (clock.paused) return clock.remainingMs;
  if (!clock.target) return 0;
  return Math.max(0, Date.parse(clock.target) - nowMs);
}

/** Re-renders on every server-time second boundary; returns the server's time now. */
export function useServerNow(offsetMs: number | null, enabled = true): number {
  const offset = offsetMs ?? 0;
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      const serverNow = Date.now() + offset;
      // A few milliseconds past the boundary, so rounding never lands on the old second.
      timer = setTimeout(
        () => {
          setTick((n) => n + 1);
          schedule();
        },
        1000 - (serverNow % 1000) + 5,
      );
    };
    schedule();
    return () => clearTimeout(timer);
  }, [offset, enabled]);
  // Read at render, so a new offset or clock is never shown against a stale "now".
  return Date.now() + offset;
}

/** The ticking clock of the event followed by the nearest <EventSocketProvider>. */
export function useServerClock(): ServerClockView {
  const { clock, offsetMs } = useEventSocket();
  // A paused or finished clock does not move, so there is no need to tick.
  const moving = Boolean(clock && !clock.paused && clock.target);
  const nowMs = useServerNow(offsetMs, moving);
  return {
    clock,
    phase: clock?.phase ?? null,
    paused: clock?.paused ?? false,
    nowMs,
    remainingMs: clock ? remainingAt(clock, nowMs) : 0,
  };
}
