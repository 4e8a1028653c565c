/** Clock arithmetic: the phase of an event and the instant its countdown counts to. Pure. */

export const PHASES = [
  "upcoming",
  "registration",
  "waiting",
  "hacking",
  "judging",
  "finished",
] as const;
export type Phase = (typeof PHASES)[number];

export interface EventTimes {
  registrationOpensAt: Date;
  registrationClosesAt: Date;
  startsAt: Date;
  submissionsCloseAt: Date;
  endsAt: Date;
}

/**
 * One entry of the persisted adjustment log. "start" notes that hacking was started early
 * (the event's start time itself was moved to that instant); "end" closes submissions at its
 * instant, whatever the deadline was, and a later extension counts from there.
 */
export type ClockAdjustment =
  | { action: "pause"; at: Date }
  | { action: "resume"; at: Date }
  | { action: "extend"; at: Date; minutes: number }
  | { action: "start"; at: Date }
  | { action: "end"; at: Date };

export type ClockActionName = ClockAdjustment["action"];

export interface ClockState {
  phase: Phase;
  paused: boolean;
  /** When the current pause began, if paused. */
  pausedAt: Date | null;
  /** The submission deadline after every pause and extension so far. */
  deadline: Date;
  /** The end of the event, pushed back if the deadline was extended past it. */
  endsAt: Date;
  /** The instant the countdown counts to: hacking start, then the deadline; null once judging starts. */
  target: Date | null;
  /** Milliseconds left to the target, frozen while paused; 0 when there is no target. */
  remainingMs: number;
}

const MINUTE = 60_000;

/**
 * Derives the clock at `now` from the planned times and the adjustments made so far.
 * A pause stops the hacking countdown: time spent paused is added to the deadline when
 * the clock resumes (and, while paused, counted up to `now`). Extensions add minutes.
 */
export function computeClock(
  times: EventTimes,
  adjustments: readonly ClockAdjustment[],
  now: Date,
): ClockState {
  // The deadline counts from the planned one, or from the last time hacking was ended early.
  let baseMs = times.submissionsCloseAt.getTime();
  let shiftMs = 0;
  let pausedAt: Date | null = null;
  const sorted = [...adjustments].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const adj of sorted) {
    if (adj.at.getTime() > now.getTime()) break;
    if (adj.action === "pause" && pausedAt === null) pausedAt = adj.at;
    else if (adj.action === "resume" && pausedAt !== null) {
      shiftMs += adj.at.getTime() - pausedAt.getTime();
      pausedAt = null;
    } else if (adj.action === "extend") shiftMs += adj.minutes * MINUTE;
    else if (adj.action === "end") {
      baseMs = adj.at.getTime();
      shiftMs = 0;
      pausedAt = null;
    }
  }
  const pausedSoFar = pausedAt ? now.getTime() - pausedAt.getTime() : 0;
  const deadline = new Date(baseMs + shiftMs + pausedSoFar);
  const endsAt = new Date(Math.max(times.endsAt.getTime(), deadline.getTime()));
  const t = now.getTime();

  let phase: Phase;
  if (t < times.registrationOpensAt.getTime()) phase = "upcoming";
  else if (t < times.registrationClosesAt.getTime()) phase = "registration";
  else if (t < times.startsAt.getTime()) phase = "waiting";
  else if (t < deadline.getTime()) phase = "hacking";
  else if (t < endsAt.getTime()) phase = "judging";
  else phase = "finished";

  const target =
    phase === "hacking" ? deadline : t < times.startsAt.getTime() ? times.startsAt : null;
  const remainingMs = target ? Math.max(0, target.getTime() - t) : 0;
  return { phase, paused: pausedAt !== null, pausedAt, deadline, endsAt, target, remainingMs };
}

/**
 * The next instant after `now` at which the phase changes, or null when none is due
 * (the event is over, or the clock is paused and only a resume can move it on).
 */
export function nextPhaseChange(
  times: EventTimes,
  adjustments: readonly ClockAdjustment[],
  now: Date,
): Date | null {
  const state = computeClock(times, adjustments, now);
  if (state.paused) return null;
  const candidates = [
    times.registrationOpensAt,
    times.registrationClosesAt,
    times.startsAt,
    state.deadline,
    state.endsAt,
  ];
  return candidates.find((d) => d.getTime() > now.getTime()) ?? null;
}

/** Why a clock action cannot be taken now, or null when it can. */
export function clockActionProblem(action: ClockActionName, state: ClockState): string | null {
  if (action === "start") {
    if (state.phase === "upcoming" || state.phase === "registration")
      return "Registration is still open. Close it first (change the event's times), then start hacking.";
    if (state.phase !== "waiting") return "Hacking has already started.";
  }
  if (action === "end" && state.phase !== "hacking")
    return state.phase === "waiting" || state.phase === "registration" || state.phase === "upcoming"
      ? "Hacking has not started, so there is nothing to end."
      : "Hacking has already ended.";
  if (action === "pause") {
    if (state.paused) return "The clock is already paused.";
    if (state.phase !== "hacking")
      return "The clock can only be paused while hacking is under way.";
  }
  if (action === "resume" && !state.paused)
    return "The clock is not paused, so there is nothing to resume.";
  if (
    action === "extend" &&
    (state.phase === "finished" || state.phase === "upcoming" || state.phase === "registration")
  ) {
    return state.phase === "finished"
      ? "The event has finished; its deadline can no longer be extended."
      : "Change the event's times instead: hacking has not started.";
  }
  return null;
}

/** Checks that the planned times are in the order the event runs through them. */
export function timesInOrder(times: EventTimes): { path: keyof EventTimes; message: string }[] {
  const problems: { path: keyof EventTimes; message: string }[] = [];
  const before = (a: keyof EventTimes, b: keyof EventTimes, strict: boolean, message: string) => {
    const d = times[b].getTime() - times[a].getTime();
    if (strict ? d <= 0 : d < 0) problems.push({ path: b, message });
  };
  before(
    "registrationOpensAt",
    "registrationClosesAt",
    true,
    "Registration must close after it opens.",
  );
  before(
    "registrationClosesAt",
    "startsAt",
    false,
    "Hacking must start after registration closes.",
  );
  before("startsAt", "submissionsCloseAt", true, "Submissions must close after hacking starts.");
  before("submissionsCloseAt", "endsAt", false, "The event must end after submissions close.");
  return problems;
}
