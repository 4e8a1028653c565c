/**
 * The judge's teams (GET /api/judging/assignments), kept in this browser too, so that a
 * judge who loses the wifi can still open the next team and score it. Scores and comments
 * waiting in the outbox, and saves the server confirmed since the list was loaded, are laid
 * over the list, so the judge always sees what they entered.
 *
 * The answer also names the team on stage. That part is never taken from the stored copy:
 * an old stage is worse than none.
 */
import { useMemo, useState, useSyncExternalStore } from "react";
import type { AssignmentView, CriterionComment, JudgeStageView } from "../../../shared/api";
import { useQuery } from "../../hooks/useQuery";
import { type ApiError, api, endpoint } from "../../lib/api";
import { type OutboxState, outboxFor, type ScoreOutbox } from "../../lib/scoreOutbox";

interface AssignmentsAnswer {
  teams: AssignmentView[];
  eventSlug?: string;
  /** Absent from copies stored by an older version of this page. */
  locked?: boolean;
  /** The team on stage now; absent from copies stored by an older version of this page. */
  stage?: JudgeStageView | null;
}

export type AssignmentsState =
  | { status: "loading" }
  | { status: "error"; error: ApiError }
  | {
      status: "ready";
      teams: AssignmentView[];
      eventSlug: string | null;
      /** The team on stage as the server last said; null when nobody is on stage (or offline). */
      stage: JudgeStageView | null;
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

/** Criterion comments after a save that sent `sent`: "" removes one, a missing one stays. */
function mergeComments(
  mine: Record<string, CriterionComment>,
  sent: Record<string, CriterionComment>,
): Record<string, CriterionComment> {
  const merged = { ...mine };
  for (const [id, note] of Object.entries(sent)) {
    if (note.text.trim()) merged[id] = { text: note.text.trim(), shared: note.shared };
    else delete merged[id];
  }
  return merged;
}

/** The list with the outbox's confirmed and waiting saves applied, in the order they were made. */
function overlay(teams: AssignmentView[], outbox: OutboxState): AssignmentView[] {
  return teams.map((stored) => {
    // A copy stored before comments could be shared lacks these two fields.
    const team: AssignmentView = {
      ...stored,
      myCommentShared: stored.myCommentShared ?? true,
      myCriterionComments: stored.myCriterionComments ?? {},
    };
    let { myScores, myComment, myCommentShared, myCriterionComments } = team;
    const saved = outbox.saved[team.teamId];
    if (saved && saved.version >= team.version) {
      myScores = saved.scores;
      myComment = saved.comment;
      myCommentShared = saved.commentShared;
      myCriterionComments = saved.criterionComments;
    }
    for (const p of outbox.pending) {
      if (p.teamId !== team.teamId) continue;
      myScores = { ...myScores, ...p.scores };
      // The page sends the whole comment each time, so an empty one was cleared.
      myComment = p.comment.trim() || null;
      if (p.commentShared !== undefined) myCommentShared = p.commentShared;
      if (p.criterionComments)
        myCriterionComments = mergeComments(myCriterionComments, p.criterionComments);
    }
    return {
      ...team,
      myScores,
      myComment,
      myCommentShared,
      myCriterionComments,
      complete: myScores === team.myScores ? team.complete : isComplete(team, myScores),
    };
  });
}

export function useOutbox(userId: string): { outbox: ScoreOutbox; state: OutboxState } {
  const outbox = outboxFor(userId);
  const state = useSyncExternalStore(outbox.subscribe, outbox.getState);
  return { outbox, state };
}

/** Loads the list (again on `reload`), falling back to the stored copy when offline. */
export function useAssignments(userId: string): AssignmentsState & { reload: () => void } {
  const { outbox, state: outboxState } = useOutbox(userId);
  // The newest list this browser has: stored on an earlier visit, then each fresh answer.
  const [stored, setStored] = useState<AssignmentsAnswer | null>(() => readCache(userId));
  const query = useQuery(`/judging/assignments#${userId}`, async (signal) => {
    const data = await api.get(endpoint("/judging/assignments"), { signal });
    writeCache(userId, data);
    setStored(data);
    outbox.setLocked(data.locked);
    return data;
  });
  const { reload } = query;
  const fresh = query.status === "ready" ? query.data : null;
  const error = query.status === "error" ? query.error : null;
  const answer: AssignmentsAnswer | null = fresh ?? stored;
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
      // The stage is never taken from the stored copy: an old stage is worse than none.
      stage: fresh?.stage ?? null,
      stale: error !== null,
      reload,
    };
  if (error) return { status: "error", error, reload };
  return { status: "loading", reload };
}
