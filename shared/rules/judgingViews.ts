/**
 * The organizer's live judging views travel as changes: the server sends what moved since the
 * version a screen holds (server/realtime/judgingFeed.ts), and the screen applies it here.
 * tests/integration/feed.test.ts checks that a screen applying every change shows exactly
 * what the server answers.
 */
import type {
  JudgingProgress,
  JudgingProgressChange,
  Leaderboard,
  LeaderboardChange,
  ProgressCell,
} from "../api";
import { orderCategory, type Standing } from "./ranking";

function standingOf(team: Leaderboard["categories"][number]["teams"][number]): Standing {
  return {
    teamId: team.teamId,
    teamName: team.teamName,
    categoryId: team.categoryId,
    score: team.score,
    z: team.z,
    tieBreak: team.tieBreak,
    judgeCount: team.judgeCount,
    inProgress: team.inProgress,
    wins: team.wins,
  };
}

/** The board after a change, or null when the change does not follow the board's version. */
export function applyLeaderboardChange(
  board: Leaderboard,
  change: LeaderboardChange,
): Leaderboard | null {
  if (change.from !== board.version) return null;
  // A standing of a team already on the board comes without its name and category.
  const placed = new Map<string, { teamName: string; categoryId: string }>();
  for (const c of board.categories) for (const t of c.teams) placed.set(t.teamId, t);
  const known = new Set(board.categories.map((c) => c.categoryId));
  const standings: Standing[] = [];
  for (const s of change.standings) {
    const teamName = s.teamName ?? placed.get(s.teamId)?.teamName;
    const categoryId = s.categoryId ?? placed.get(s.teamId)?.categoryId;
    if (teamName === undefined || categoryId === undefined || !known.has(categoryId)) return null;
    standings.push({ ...s, teamName, categoryId });
  }
  const moved = new Map(standings.map((s) => [s.teamId, s]));
  const removed = new Set(change.removed);
  return {
    version: change.version,
    locked: change.locked,
    scale: change.scale,
    categories: board.categories.map((c) => {
      const rows = c.teams
        .filter((t) => !removed.has(t.teamId) && !moved.has(t.teamId))
        .map(standingOf);
      for (const s of standings) if (s.categoryId === c.categoryId) rows.push(s);
      return { ...c, teams: orderCategory(rows, c.normalized, change.scale) };
    }),
  };
}

const cellKey = (c: { judgeId: string; teamId: string }) => `${c.judgeId}:${c.teamId}`;

/** The one order of the progress grid's cells: by team, then by judge (ids). */
export const byCell = (a: ProgressCell, b: ProgressCell) =>
  a.teamId < b.teamId
    ? -1
    : a.teamId > b.teamId
      ? 1
      : a.judgeId < b.judgeId
        ? -1
        : a.judgeId > b.judgeId
          ? 1
          : 0;

/** Keeps a list's order: changed items in place, new ones appended, then sorted by `order`. */
function merge<T>(
  list: T[],
  upserts: T[],
  removed: Iterable<string>,
  key: (x: T) => string,
  order?: (a: T, b: T) => number,
): T[] {
  const gone = new Set(removed);
  const fresh = new Map(upserts.map((x) => [key(x), x]));
  const out = list.filter((x) => !gone.has(key(x))).map((x) => fresh.get(key(x)) ?? x);
  const seen = new Set(out.map(key));
  for (const x of upserts) if (!seen.has(key(x))) out.push(x);
  return order ? out.sort(order) : out;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function applyProgressChange(
  progress: JudgingProgress,
  change: JudgingProgressChange,
): JudgingProgress | null {
  if (change.from !== progress.version) return null;
  const removedCells = change.removedCells.map(cellKey);
  return {
    version: change.version,
    judgesPerTeam: change.judgesPerTeam,
    judges: merge(
      progress.judges,
      change.judges,
      change.removedJudges,
      (j) => j.judgeId,
      (a, b) => byName(a.name, b.name) || byName(a.judgeId, b.judgeId),
    ),
    teams: merge(
      progress.teams,
      change.teams,
      change.removedTeams,
      (t) => t.teamId,
      (a, b) => byName(a.teamName, b.teamName) || byName(a.teamId, b.teamId),
    ),
    cells: merge<ProgressCell>(progress.cells, change.cells, removedCells, cellKey, byCell),
    unjudgeable: change.unjudgeable,
  };
}
