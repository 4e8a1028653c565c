// The organizers' live judging views. After a judging change the feed reads the event's judging
// state (usually the cached one, a save already applied), compares the views with the ones it
// last published and sends organizers the difference: `leaderboard:change` and
// `judging:progress:change`, each from the version the screen holds. A screen that missed one
// asks for the whole view (GET), which the feed answers from what it published, so the chain
// of versions a screen sees has no holes. A change to the categories themselves sends the
// whole leaderboard.
//
// Refreshes are coalesced per event: saves that arrive while one runs cause exactly one more.
import type { JudgingProgress, Leaderboard } from "../../shared/api";
import { rooms } from "../../shared/events";
import { leaderboardChange, progressChange } from "../../shared/rules/judgingViews";
import type { Db } from "../db/client";
import type { Logger } from "../lib/logger";
import { leaderboardFrom, progressFrom, readJudgingState } from "../services/judging";
import type { IoServer } from "./io";

export interface JudgingViews {
  leaderboard: Leaderboard;
  progress: JudgingProgress;
}

export interface JudgingFeed {
  /** Reads the state and pushes what changed; coalesced per event. */
  refresh(eventId: string): void;
  /** The views as last published, brought up to date first (pushing any change). */
  current(eventId: string): Promise<JudgingViews>;
  /** What this instance last published, if anything (for a socket's snapshot). */
  published(eventId: string): JudgingViews | undefined;
  /** Forgets what was published (the database was emptied or restored). */
  clear(): void;
}

export function createJudgingFeed(io: IoServer, db: Db, logger: Logger): JudgingFeed {
  const published = new Map<string, JudgingViews>();
  const running = new Map<string, { again: boolean; done: Promise<void> }>();

  async function publish(eventId: string) {
    const state = await readJudgingState(db, eventId);
    const next = { leaderboard: leaderboardFrom(state), progress: progressFrom(state) };
    const prev = published.get(eventId);
    published.set(eventId, next);
    if (!prev) return;
    // Only to this instance's sockets: every instance publishes its own chain of versions.
    const room = io.local.to(rooms.organizers(eventId));
    const board = leaderboardChange(prev.leaderboard, next.leaderboard);
    if (!board) room.emit("leaderboard", next.leaderboard);
    else if (
      board.standings.length ||
      board.removed.length ||
      board.version !== board.from ||
      board.locked !== prev.leaderboard.locked
    )
      room.emit("leaderboard:change", board);
    const progress = progressChange(prev.progress, next.progress);
    const empty =
      progress.judges.length +
        progress.removedJudges.length +
        progress.teams.length +
        progress.removedTeams.length +
        progress.cells.length +
        progress.removedCells.length ===
        0 &&
      progress.judgesPerTeam === prev.progress.judgesPerTeam &&
      progress.version === progress.from;
    if (!empty) room.emit("judging:progress:change", progress);
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
    refresh(eventId) {
      void run(eventId);
    },
    async current(eventId) {
      await run(eventId);
      const views = published.get(eventId);
      if (views) return views;
      // The refresh failed: answer from the state itself rather than not at all.
      const state = await readJudgingState(db, eventId);
      return { leaderboard: leaderboardFrom(state), progress: progressFrom(state) };
    },
    published(eventId) {
      return published.get(eventId);
    },
    clear() {
      published.clear();
    },
  };
}
