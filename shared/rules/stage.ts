/**
 * The presentation stage as a pure state machine: what each button does, given the running
 * order. The server stores the result; the display and the judges only ever read it.
 */
import type { StagePhase } from "../api";

/**
 * The stage timer turns amber this long before a team's time is up. Here rather than read from
 * shared/limits.ts, which re-exports it, so that the projector's page does not load every limit.
 */
export const STAGE_WARNING_MS = 30 * 1000;

export interface StageRecord {
  phase: StagePhase;
  categoryId: string | null;
  teamId: string | null;
  phaseStartedAt: Date | null;
}

export interface OrderSlot {
  teamId: string;
  skipped: boolean;
  /** The team's talk has started at least once. */
  presented: boolean;
}

export type StageActionName = "start" | "questions" | "next" | "back" | "stop";

export type StageOutcome =
  | { ok: true; record: StageRecord /** The team whose talk just started. */; started?: string }
  | { ok: false; problem: string };

export const IDLE: StageRecord = {
  phase: "idle",
  categoryId: null,
  teamId: null,
  phaseStartedAt: null,
};

const pending = (slot: OrderSlot, current: string | null) =>
  !slot.skipped && !slot.presented && slot.teamId !== current;

/**
 * The team "next team" calls: the first one after the current team that is neither skipped
 * nor has presented, wrapping round to earlier ones (a team brought back after a skip).
 */
export function nextTeam(order: readonly OrderSlot[], current: string | null): string | null {
  const at = current === null ? -1 : order.findIndex((s) => s.teamId === current);
  const after = order.slice(at + 1).find((s) => pending(s, current));
  return (
    (after ?? order.slice(0, Math.max(at, 0)).find((s) => pending(s, current)))?.teamId ?? null
  );
}

/** The team "back" returns to: the one before the current team, or the last to present. */
export function previousTeam(order: readonly OrderSlot[], current: string | null): string | null {
  if (current === null) return order.findLast((s) => s.presented && !s.skipped)?.teamId ?? null;
  const at = order.findIndex((s) => s.teamId === current);
  return order.slice(0, Math.max(at, 0)).findLast((s) => !s.skipped)?.teamId ?? null;
}

/** Teams still to present after the current one. */
export function remainingCount(order: readonly OrderSlot[], current: string | null): number {
  return order.filter((s) => pending(s, current)).length;
}

/**
 * Applies one press of a stage button. `categoryId` is the category the organizer is running;
 * the stage can only move to another category while nothing is on it.
 */
export function applyStageAction(
  record: StageRecord,
  action: StageActionName,
  categoryId: string | null,
  order: readonly OrderSlot[],
  now: Date,
): StageOutcome {
  const category = categoryId ?? record.categoryId;
  const onStage = record.phase !== "idle" && record.teamId !== null;
  if (onStage && category !== record.categoryId) {
    return {
      ok: false,
      problem: "Another category is on stage: press stop before running this one.",
    };
  }
  const call = (teamId: string): StageOutcome => ({
    ok: true,
    record: { phase: "ready", categoryId: category, teamId, phaseStartedAt: now },
  });
  switch (action) {
    case "start": {
      if (record.phase === "talk" || record.phase === "questions")
        return {
          ok: false,
          problem: "This team is already presenting: press next team when it is done.",
        };
      const teamId = onStage ? record.teamId! : category && nextTeam(order, null);
      if (!category) return { ok: false, problem: "Choose the category whose teams present." };
      if (!teamId)
        return { ok: false, problem: "Every team in this category has presented or is skipped." };
      return {
        ok: true,
        record: { phase: "talk", categoryId: category, teamId, phaseStartedAt: now },
        started: teamId,
      };
    }
    case "questions":
      if (record.phase !== "talk")
        return { ok: false, problem: "Questions follow a talk: start the team's talk first." };
      return { ok: true, record: { ...record, phase: "questions", phaseStartedAt: now } };
    case "next": {
      if (!category) return { ok: false, problem: "Choose the category whose teams present." };
      const teamId = nextTeam(order, onStage ? record.teamId : null);
      if (teamId) return call(teamId);
      if (!onStage)
        return { ok: false, problem: "Every team in this category has presented or is skipped." };
      // The last team has finished: the stage clears and the display returns to the countdown.
      return { ok: true, record: { ...IDLE, categoryId: category } };
    }
    case "back": {
      if (!category) return { ok: false, problem: "Choose the category whose teams present." };
      const teamId = previousTeam(order, onStage ? record.teamId : null);
      if (!teamId) return { ok: false, problem: "There is no team before this one." };
      return call(teamId);
    }
    case "stop":
      if (!onStage) return { ok: false, problem: "Nothing is on stage." };
      return { ok: true, record: { ...IDLE, categoryId: record.categoryId } };
  }
}

/** When the running phase's time is up, or null when no timer runs. */
export function phaseEndsAt(
  record: StageRecord,
  slot: { talkSeconds: number; questionsSeconds: number },
): Date | null {
  if (!record.phaseStartedAt) return null;
  const seconds =
    record.phase === "talk"
      ? slot.talkSeconds
      : record.phase === "questions"
        ? slot.questionsSeconds
        : 0;
  if (seconds <= 0) return null;
  return new Date(record.phaseStartedAt.getTime() + seconds * 1000);
}

/** How the stage timer looks: normal, amber in its last 30 seconds, red once over time. */
export function stageTimerTone(remainingMs: number): "normal" | "warning" | "over" {
  if (remainingMs <= 0) return "over";
  if (remainingMs <= STAGE_WARNING_MS) return "warning";
  return "normal";
}
