// The organizers' live judging views. After a judging change the feed reads the event's judging
// state and sends organizers only what moved since the version their screens hold:
// `leaderboard:change` (standings) and `judging:progress:change` (seats, judges, teams).
//
// Usually the state is the cached one a save has just advanced: then the board lists the
// standings that moved and the state lists the cards applied, and the feed looks at nothing
// else, however big the event. When the state was read afresh (a check-in, a new judge, an
// edit), the feed compares every row with what it last sent: rare, and still no more than a few
// milliseconds. A change to the categories themselves sends the whole leaderboard.
//
// The whole views (GET, and a socket's snapshot) are built from the same published state, so
// the chain of versions a screen sees has no holes. Refreshes are coalesced per event: saves
// that arrive while one runs cause exactly one more.
import type {
  JudgingProgress,
  JudgingProgressChange,
  Leaderboard,
  LeaderboardChange,
  ProgressCell,
  ProgressJudge,
  ProgressState,
  ProgressTeam,
  StandingChange,
} from "../../shared/api";
import { rooms } from "../../shared/events";
import { byCell } from "../../shared/rules/judgingViews";
import { cardTotal, type Scale, type Standing } from "../../shared/rules/ranking";
import type { Db } from "../db/client";
import type { Logger } from "../lib/logger";
import { readJudgingState } from "../services/judging";
import { cachedJudgingState, cardKey, type JudgingState } from "../services/judging/state";
import type { IoServer } from "./io";

export interface JudgingViews {
  leaderboard: Leaderboard;
  progress: JudgingProgress;
}

export interface JudgingFeed {
  /**
   * Reads the state and pushes what changed; coalesced per event. After a save, `key` is the
   * events row's key it left: a cached state at that key is current without asking again.
   */
  refresh(eventId: string, key?: string): void;
  /** Like refresh, resolving once what changed has been pushed. */
  update(eventId: string, key?: string): Promise<void>;
  /**
   * A judging change committed and its update is queued: until it runs, the views must be read
   * again rather than answered from what was published before the change.
   */
  stale(eventId: string): void;
  /** The whole views as last published, brought up to date first (pushing any change). */
  current(eventId: string): Promise<JudgingViews>;
  /** Forgets what was published (the database was emptied or restored). */
  clear(): void;
}

/** What the feed last published for one event, row by row. */
interface Published {
  state: JudgingState;
  /** How far into the state's applied cards and the board's changes the feed has looked. */
  applied: number;
  boardMark: { epoch: number; at: number };
  version: number;
  locked: boolean;
  scale: Scale;
  /** Categories, names and ranking modes: a change here sends the whole board. */
  shape: string;
  standings: Map<string, Standing>;
  judgesPerTeam: number;
  judges: Map<string, ProgressJudge>;
  teams: Map<string, ProgressTeam>;
  cells: Map<string, ProgressCell>;
  unjudgeable: string[];
  /** The whole views built for this version, kept until the next change. */
  whole: JudgingViews | null;
  /** When the state was last read for this (Date.now()). */
  checkedAt: number;
}

const shapeOf = (state: JudgingState) =>
  JSON.stringify(state.context.categories.map((c) => [c.id, c.name, c.normalized]));

function cellState(state: JudgingState, judgeId: string, teamId: string): ProgressState {
  const team = state.context.teamById.get(teamId);
  const category = team && state.context.categoryById.get(team.categoryId);
  const card = state.cards.get(cardKey(judgeId, teamId));
  if (!card || Object.keys(card.scores).length === 0 || !category) return "not-started";
  return cardTotal(category, card) === null ? "in-progress" : "scored";
}

/** Every row of both views, read from a state. */
function rowsOf(state: JudgingState): Omit<Published, "state" | "applied" | "whole" | "checkedAt"> {
  const { context, board } = state;
  const cells = new Map<string, ProgressCell>();
  const scored = new Map<string, number>();
  for (const team of context.teams) {
    for (const judgeId of context.panels.get(team.id) ?? []) {
      const s = cellState(state, judgeId, team.id);
      if (s === "scored") scored.set(judgeId, (scored.get(judgeId) ?? 0) + 1);
      cells.set(cardKey(judgeId, team.id), {
        judgeId,
        teamId: team.id,
        state: s,
        manual: context.judgeById.get(judgeId)!.manual.has(team.id),
      });
    }
  }
  return {
    boardMark: board.changedSince(null).mark,
    version: context.scoresVersion,
    locked: context.locked,
    scale: board.scale(),
    shape: shapeOf(state),
    standings: new Map(board.all().map((s) => [s.teamId, s])),
    judgesPerTeam: context.judgesPerTeam,
    judges: new Map(
      context.judges.map((j) => [
        j.id,
        {
          judgeId: j.id,
          name: j.name,
          scored: scored.get(j.id) ?? 0,
          assigned: j.teamIds.size,
          handPicked: j.handPicked,
          categoryIds: [...j.categoryIds].sort(),
        },
      ]),
    ),
    teams: new Map(
      context.teams.map((t) => [
        t.id,
        {
          teamId: t.id,
          teamName: t.name,
          categoryId: t.categoryId,
          judges: context.panels.get(t.id)?.length ?? 0,
        },
      ]),
    ),
    cells,
    unjudgeable: context.teams.filter((t) => !context.panels.get(t.id)?.length).map((t) => t.id),
  };
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Upserts and removals between two maps of rows. */
function diff<T>(before: Map<string, T>, after: Map<string, T>, same: (a: T, b: T) => boolean) {
  const upserts: T[] = [];
  for (const [key, row] of after) {
    const old = before.get(key);
    if (!old || !same(old, row)) upserts.push(row);
  }
  const removed = [...before.keys()].filter((key) => !after.has(key));
  return { upserts, removed };
}

function wholeViews(p: Published): JudgingViews {
  const categories = p.state.board.ranked();
  return {
    leaderboard: {
      version: p.version,
      locked: p.locked,
      scale: p.state.board.scale(),
      categories,
    },
    progress: {
      version: p.version,
      judgesPerTeam: p.judgesPerTeam,
      judges: [...p.judges.values()],
      teams: [...p.teams.values()],
      cells: [...p.cells.values()].sort(byCell),
      unjudgeable: p.unjudgeable,
    },
  };
}

const FRESH_MS = 2_000;

export function createJudgingFeed(io: IoServer, db: Db, logger: Logger): JudgingFeed {
  const published = new Map<string, Published>();
  const running = new Map<string, { again: boolean; done: Promise<void> }>();

  /**
   * The published rows advanced by the cards saves applied to the same state. The rows are
   * updated in place: copying thousands of them per save is what this avoids.
   */
  function advance(prev: Published, state: JudgingState) {
    const cards = state.applied.slice(prev.applied);
    const { teams: moved, mark } = state.board.changedSince(prev.boardMark);
    if (moved === null) return null;
    const standings = prev.standings;
    const changedStandings: StandingChange[] = [];
    for (const teamId of moved) {
      const s = state.board.standing(teamId);
      if (!s) continue;
      standings.set(teamId, s);
      // Saves move scores, never a team's name or category: a few bytes less per team.
      const { teamName: _name, categoryId: _category, ...change } = s;
      changedStandings.push(change);
    }
    const cells = prev.cells;
    const judges = prev.judges;
    const changedCells: ProgressCell[] = [];
    const changedJudges = new Map<string, ProgressJudge>();
    for (const key of new Set(cards)) {
      const old = cells.get(key);
      if (!old) continue; // A card for a team off the judge's panel shows in no cell.
      const next = { ...old, state: cellState(state, old.judgeId, old.teamId) };
      if (next.state === old.state) continue;
      cells.set(key, next);
      changedCells.push(next);
      const judge = changedJudges.get(old.judgeId) ?? judges.get(old.judgeId);
      if (!judge) continue;
      const delta = (next.state === "scored" ? 1 : 0) - (old.state === "scored" ? 1 : 0);
      const updated = { ...judge, scored: judge.scored + delta };
      changedJudges.set(old.judgeId, updated);
      judges.set(old.judgeId, updated);
    }
    const next: Published = {
      ...prev,
      applied: state.applied.length,
      boardMark: mark,
      version: state.context.scoresVersion,
      scale: state.board.scale(),
      standings,
      judges,
      cells,
      whole: null,
      checkedAt: Date.now(),
    };
    const board: LeaderboardChange = {
      from: prev.version,
      version: next.version,
      locked: next.locked,
      scale: next.scale,
      standings: changedStandings,
      removed: [],
    };
    const progress: JudgingProgressChange = {
      from: prev.version,
      version: next.version,
      judgesPerTeam: next.judgesPerTeam,
      judges: [...changedJudges.values()],
      removedJudges: [],
      teams: [],
      removedTeams: [],
      cells: changedCells,
      removedCells: [],
      unjudgeable: next.unjudgeable,
    };
    return { next, board, progress };
  }

  /** Every row compared with what was published: after the state was read afresh. */
  function compare(prev: Published, state: JudgingState) {
    const rows = rowsOf(state);
    const next: Published = {
      ...rows,
      state,
      applied: state.applied.length,
      whole: null,
      checkedAt: Date.now(),
    };
    const standings = diff(prev.standings, next.standings, (a, b) => sameJson(a, b));
    const judges = diff(prev.judges, next.judges, (a, b) => sameJson(a, b));
    const teams = diff(prev.teams, next.teams, (a, b) => sameJson(a, b));
    const cells = diff(
      prev.cells,
      next.cells,
      (a, b) => a.state === b.state && a.manual === b.manual,
    );
    const board: LeaderboardChange | null =
      prev.shape === next.shape
        ? {
            from: prev.version,
            version: next.version,
            locked: next.locked,
            scale: next.scale,
            standings: standings.upserts,
            removed: standings.removed,
          }
        : null;
    const progress: JudgingProgressChange = {
      from: prev.version,
      version: next.version,
      judgesPerTeam: next.judgesPerTeam,
      judges: judges.upserts,
      removedJudges: judges.removed,
      teams: teams.upserts,
      removedTeams: teams.removed,
      cells: cells.upserts,
      removedCells: cells.removed.map((key) => {
        const cell = prev.cells.get(key)!;
        return { judgeId: cell.judgeId, teamId: cell.teamId };
      }),
      unjudgeable: next.unjudgeable,
    };
    return { next, board, progress };
  }

  /** The latest save's key per event; null once any other change came after it. */
  const hints = new Map<string, string | null>();

  async function publish(eventId: string) {
    const hint = hints.get(eventId) ?? null;
    hints.delete(eventId);
    const state =
      (hint !== null && cachedJudgingState(db, eventId, hint)) ||
      (await readJudgingState(db, eventId));
    const prev = published.get(eventId);
    if (!prev) {
      published.set(eventId, {
        ...rowsOf(state),
        state,
        applied: state.applied.length,
        whole: null,
        checkedAt: Date.now(),
      });
      return;
    }
    prev.checkedAt = Date.now();
    if (
      prev.state === state &&
      prev.applied === state.applied.length &&
      prev.version === state.context.scoresVersion
    )
      return;
    const step = (prev.state === state && advance(prev, state)) || compare(prev, state);
    published.set(eventId, step.next);
    // Only to this instance's sockets: every instance publishes its own chain of versions.
    const room = io.local.to(rooms.organizers(eventId));
    if (!step.board) {
      const whole = wholeViews(step.next);
      step.next.whole = whole;
      room.emit("leaderboard", whole.leaderboard);
    } else room.emit("leaderboard:change", step.board);
    room.emit("judging:progress:change", step.progress);
  }

  function run(eventId: string): Promise<void> {
    const current = running.get(eventId);
    if (current) {
      current.again = true;
      return current.done;
    }
    const entry = { again: false, done: Promise.resolve() };
    entry.done = (async () => {
      try {
        do {
          entry.again = false;
          await publish(eventId).catch((error) =>
            logger.warn({ err: error, eventId }, "judging views refresh failed"),
          );
        } while (entry.again);
      } finally {
        running.delete(eventId);
      }
    })();
    running.set(eventId, entry);
    return entry.done;
  }

  return {
    refresh(eventId, key) {
      hints.set(eventId, key ?? null);
      void run(eventId);
    },
    update(eventId, key) {
      hints.set(eventId, key ?? null);
      return run(eventId);
    },
    stale(eventId) {
      const known = published.get(eventId);
      if (known) known.checkedAt = 0;
      // A refresh under way may have read the state before the change: it runs once more.
      const entry = running.get(eventId);
      if (entry) entry.again = true;
    },
    async current(eventId) {
      // Every change this instance hears of refreshes the feed at once; reading the state again
      // for each organizer's screen would only catch writes behind the app's back, which a
      // short while later does just as well (a reconnect storm costs no query per screen).
      const known = published.get(eventId);
      if (!known || running.has(eventId) || Date.now() - known.checkedAt > FRESH_MS)
        await run(eventId);
      const p = published.get(eventId);
      if (!p) throw new Error("the judging views could not be read");
      p.whole ??= wholeViews(p);
      return p.whole;
    },
    clear() {
      published.clear();
    },
  };
}
