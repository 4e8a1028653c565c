/**
 * The judge's teams (GET /api/judging/assignments), kept in this browser too, so that a
 * judge who loses the wifi can still open the next team and score it. Scores waiting in the
 * outbox, and saves the server confirmed since the list was loaded, are laid over the list,
 * so the judge always sees what they entered.
 */
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { AssignmentView } from "../../../shared/api";
import { ApiError, api } from "../../lib/api";
import { type OutboxState, outboxFor, type ScoreOutbox } from "../../lib/scoreOutbox";

interface AssignmentsAnswer {
  teams: AssignmentView[];
  /** Not sent by the server yet; used when it is. */
  eventSlug?: string;
}

export type AssignmentsState =
  | { status: "loading" }
  | { status: "error"; error: ApiError }
  | {
      status: "ready";
      teams: AssignmentView[];
      eventSlug: string | null;
      /** Shown from this browser's copy: the last refresh failed. */
      stale: boolean;
    };

const cacheKey = (userId: string) => `hmj:assignments:${userId}`;

function readCache(userId: string): AssignmentsAnswer | null {
  try {
    const raw = localStorage.getItem(cacheKey(userId));
    const value = raw ? (JSON.parse(raw) as AssignmentsAnswer) : null;
    return value && Array.isArray(value.teams) ? value : null;
  } catch {
    return null;
  }
}

function writeCache(userId: string, value: AssignmentsAnswer) {
  try {
    localStorage.setItem(cacheKey(userId), JSON.stringify(value));
  } catch {
    // Storage full: the list is still in memory for this visit.
  }
}

/** A card counts once every criterion has a score. */
export function isComplete(team: AssignmentView, scores: Record<string, number>): boolean {
  return team.criteria.every((c) => typeof scores[c.id] === "number");
}

/** The list with the outbox's confirmed and waiting saves applied, in the order they were made. */
function overlay(teams: AssignmentView[], outbox: OutboxState): AssignmentView[] {
  return teams.map((team) => {
    let { myScores, myComment } = team;
    const saved = outbox.saved[team.teamId];
    if (saved && saved.version >= team.version) {
      myScores = saved.scores;
      myComment = saved.comment;
    }
    for (const p of outbox.pending) {
      if (p.teamId !== team.teamId) continue;
      myScores = { ...myScores, ...p.scores };
      if (p.comment) myComment = p.comment;
    }
    if (myScores === team.myScores && myComment === team.myComment) return team;
    return { ...team, myScores, myComment, complete: isComplete(team, myScores) };
  });
}

export function useOutbox(userId: string): { outbox: ScoreOutbox; state: OutboxState } {
  const outbox = outboxFor(userId);
  const state = useSyncExternalStore(outbox.subscribe, outbox.getState);
  return { outbox, state };
}

/** Loads the list (again on `reload`), falling back to the stored copy when offline. */
export function useAssignments(userId: string): AssignmentsState & { reload: () => void } {
  const { state: outboxState } = useOutbox(userId);
  const [answer, setAnswer] = useState<AssignmentsAnswer | null>(() => readCache(userId));
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger.
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    api
      .get<AssignmentsAnswer>("/judging/assignments", { signal: controller.signal })
      .then((data) => {
        setAnswer(data);
        writeCache(userId, data);
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setError(
          e instanceof ApiError ? e : new ApiError(0, "unexpected", "Something went wrong."),
        );
      });
    return () => controller.abort();
  }, [userId, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const teams = useMemo(
    () => (answer ? overlay(answer.teams, outboxState) : null),
    [answer, outboxState],
  );

  // Signed out, or no longer a judge: never show a stored list.
  if (error && (error.status === 401 || error.status === 403))
    return { status: "error", error, reload };
  if (teams)
    return {
      status: "ready",
      teams,
      eventSlug: answer?.eventSlug ?? null,
      stale: error !== null,
      reload,
    };
  if (error) return { status: "error", error, reload };
  return { status: "loading", reload };
}
