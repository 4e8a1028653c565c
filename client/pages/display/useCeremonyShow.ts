/**
 * What the projector shows during the ceremony, from the public socket events only: it
 * learns an award when the server reveals it, never earlier. A live reveal plays as a
 * sequence (the category's title card if it is the category's first award, a build-up,
 * then the award); a screen that joins mid-ceremony, or missed reveals while offline,
 * shows the latest award at once. A reveal that arrives while another is still building up
 * waits its turn.
 */
import { useEffect, useReducer } from "react";
import type { Award, CeremonyState } from "../../../shared/api";
import { useSocketEvent } from "../../hooks/useEventSocket";
import { awardKey } from "../../lib/awards";

export type Step = "title" | "buildup" | "award";

export interface Showing {
  award: Award;
  step: Step;
  /** Arrived live (celebrate it), rather than caught up on. */
  live: boolean;
}

interface Model {
  state: CeremonyState | null;
  /** Every award learned so far, in reveal order. */
  seen: Award[];
  current: Showing | null;
  queue: Showing[];
  /** The last award has had its moment: show every winner. */
  final: boolean;
}

type Action =
  | { type: "state"; state: CeremonyState }
  | { type: "reveal"; award: Award }
  | { type: "advance" }
  | { type: "final" };

/** How long each step of a live reveal stays up. */
export const TITLE_MS = 3_000;
export const BUILDUP_MS = 2_000;
/** A reveal that had to wait starts this long after the one before it landed. */
const QUEUED_AFTER_MS = 5_000;
/** After the last award, the applause; then the slide with every winner. */
export const FINAL_AFTER_MS = 12_000;

const INITIAL: Model = { state: null, seen: [], current: null, queue: [], final: false };

function reduce(model: Model, action: Action): Model {
  switch (action.type) {
    case "state": {
      const { state } = action;
      // Pushes can overtake each other after a reconnect: the newer version wins.
      if (model.state && state.version < model.state.version) return model;
      const known = new Set(model.seen.map(awardKey));
      const missed = state.revealed.filter((a) => !known.has(awardKey(a)));
      const next: Model = { ...model, state, seen: [...model.seen, ...missed] };
      const latest = missed.at(-1);
      const idle = !model.current || model.current.step === "award";
      // Joined mid-ceremony, or missed reveals while offline: catch up without a build-up.
      if (latest && idle) next.current = { award: latest, step: "award", live: false };
      if (!model.state) next.final = state.finished;
      // Blanking or showing the screen again once every award is out brings up the winners.
      else if (state.finished && state.blank !== model.state.blank) next.final = true;
      return next;
    }
    case "reveal": {
      const { award } = action;
      if (model.seen.some((a) => awardKey(a) === awardKey(award))) return model;
      const first = !model.seen.some((a) => a.categoryId === award.categoryId);
      const showing: Showing = { award, step: first ? "title" : "buildup", live: true };
      // A reveal unblanks the screen and starts the ceremony (its state push follows).
      const state = model.state && { ...model.state, started: true, blank: false };
      const seen = [...model.seen, award];
      if (model.current && model.current.step !== "award")
        return { ...model, state, seen, queue: [...model.queue, showing] };
      return { ...model, state, seen, current: showing, final: false };
    }
    case "advance": {
      const { current, queue } = model;
      if (!current) return model;
      if (current.step === "title") return { ...model, current: { ...current, step: "buildup" } };
      if (current.step === "buildup") return { ...model, current: { ...current, step: "award" } };
      const [head, ...rest] = queue;
      return head ? { ...model, current: head, queue: rest } : model;
    }
    case "final":
      return { ...model, final: true };
  }
}

export interface CeremonyShow {
  /** The ceremony has taken over the screen. */
  active: boolean;
  state: CeremonyState | null;
  current: Showing | null;
  /** What the screen shows now. */
  stage: "blank" | "opening" | Step | "final";
  /** Every award revealed so far, in reveal order. */
  revealed: Award[];
}

export function useCeremonyShow(): CeremonyShow {
  const [model, dispatch] = useReducer(reduce, INITIAL);
  useSocketEvent("ceremony:state", (state) => dispatch({ type: "state", state }));
  useSocketEvent("ceremony:reveal", (award) => dispatch({ type: "reveal", award }));

  const { current, queue, state, final } = model;
  const waiting = queue.length > 0;
  const finished = state?.finished ?? false;
  useEffect(() => {
    if (!current) return;
    let delay: number | null = null;
    let action: Action = { type: "advance" };
    if (current.step === "title") delay = TITLE_MS;
    else if (current.step === "buildup") delay = BUILDUP_MS;
    else if (waiting) delay = QUEUED_AFTER_MS;
    else if (finished && !final) {
      delay = current.live ? FINAL_AFTER_MS : 0;
      action = { type: "final" };
    }
    if (delay === null) return;
    const timer = setTimeout(() => dispatch(action), delay);
    return () => clearTimeout(timer);
  }, [current, waiting, finished, final]);

  const active = Boolean(state?.started || current);
  const playing = current && current.step !== "award";
  const stage: CeremonyShow["stage"] = playing
    ? current.step
    : state?.blank
      ? "blank"
      : final && finished && model.seen.length > 0
        ? "final"
        : current
          ? "award"
          : "opening";
  return { active, state, current, stage, revealed: model.seen };
}
