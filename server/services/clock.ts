import type { Clock } from "../../shared/api";
import { computeClock } from "../../shared/rules/clock";
import type { EventRow } from "./events";

/** The clock object of DESIGN.md section 4, as seen at `now`. */
export function clockFor(event: EventRow, now: Date): Clock {
  const state = computeClock(event, [], now);
  return {
    serverTime: now.toISOString(),
    phase: state.phase,
    startsAt: event.startsAt.toISOString(),
    submissionsCloseAt: state.deadline.toISOString(),
    endsAt: event.endsAt.toISOString(),
    paused: state.paused,
    target: state.target ? state.target.toISOString() : null,
    remainingMs: state.remainingMs,
    version: event.clockVersion,
  };
}
