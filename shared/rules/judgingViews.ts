/**
 * The organizer's live judging views travel as changes: the server sends what moved since the
 * version a screen holds, and the screen applies it. Both directions live here, so that
 * "apply(old, change(old, new)) is new" can be tested once for server and browser alike.
 */
import type {
  JudgingProgress,
  JudgingProgressChange,
  Leaderboard,
  LeaderboardChange,
  ProgressCell,
} from "../api";
import { orderCategory, type Standing } from "./ranking";

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

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

/** The categories, their names and ranking modes: a change to these sends the whole board. */
const boardShape = (board: Leaderboard) =>
  board.categories.map((c) => [c.categoryId, c.name, c.normalized]);

/** What changed between two boards, or null when only the whole board will do. */
export function leaderboardChange(prev: Leaderboard, next: Leaderboard): LeaderboardChange | null {
  if (!sameJson(boardShape(prev), boardShape(next))) return null;
  const before = new Map<string, Standing>();
  for (const c of prev.categories) for (const t of c.teams) before.set(t.teamId, standingOf(t));
  const standings: Standing[] = [];
  const present = new Set<string>();
  for (const c of next.categories) {
    for (const t of c.teams) {
      present.add(t.teamId);
      const s = standingOf(t);
      if (!sameJson(before.get(t.teamId), s)) standings.push(s);
    }
  }
  return {
    from: prev.version,
    version: next.version,
    locked: next.locked,
    scale: next.scale,
    standings,
    removed: [...before.keys()].filter((id) => !present.has(id)),
  };
}

/** The board after a change, or null when the change does not follow the board's version. */
export function applyLeaderboardChange(
  board: Leaderboard,
  change: LeaderboardChange,
): Leaderboard | null {
  if (change.from !== board.version) return null;
  const moved = new Map(change.standings.map((s) => [s.teamId, s]));
  const removed = new Set(change.removed);
  const known = new Set(board.categories.map((c) => c.categoryId));
  if (change.standings.some((s) => !known.has(s.categoryId))) return null;
  return {
    version: change.version,
    locked: change.locked,
    scale: change.scale,
    categories: board.categories.map((c) => {
      const standings = c.teams
        .filter((t) => !removed.has(t.teamId) && !moved.has(t.teamId))
        .map(standingOf);
      for (const s of change.standings) if (s.categoryId === c.categoryId) standings.push(s);
      return { ...c, teams: orderCategory(standings, c.normalized, change.scale) };
    }),
  };
}

const cellKey = (c: { judgeId: string; teamId: string }) => `${c.judgeId}:${c.teamId}`;

function changed<T>(prev: T[], next: T[], key: (x: T) => string) {
  const before = new Map(prev.map((x) => [key(x), x]));
  const after = new Map(next.map((x) => [key(x), x]));
  return {
    upserts: next.filter((x) => !sameJson(before.get(key(x)), x)),
    removed: [...before.keys()].filter((k) => !after.has(k)),
  };
}

export function progressChange(
  prev: JudgingProgress,
  next: JudgingProgress,
): JudgingProgressChange {
  const judges = changed(prev.judges, next.judges, (j) => j.judgeId);
  const teams = changed(prev.teams, next.teams, (t) => t.teamId);
  const cells = changed(prev.cells, next.cells, cellKey);
  return {
    from: prev.version,
    version: next.version,
    judgesPerTeam: next.judgesPerTeam,
    judges: judges.upserts,
    removedJudges: judges.removed,
    teams: teams.upserts,
    removedTeams: teams.removed,
    cells: cells.upserts,
    removedCells: cells.removed.map((k) => {
      const [judgeId, teamId] = k.split(":") as [string, string];
      return { judgeId, teamId };
    }),
    unjudgeable: next.unjudgeable,
  };
}

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
    cells: merge<ProgressCell>(progress.cells, change.cells, removedCells, cellKey),
    unjudgeable: change.unjudgeable,
  };
}
