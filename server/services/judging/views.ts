// The organizer's judging views, computed from the judging state: the leaderboard (from the
// standings kept on the state) and the progress grid (one cell per seat on a panel).
import type { JudgingProgress, Leaderboard, ProgressCell } from "../../../shared/api";
import { byCell } from "../../../shared/rules/judgingViews";
import { cardTotal } from "../../../shared/rules/ranking";
import type { Db } from "../../db/client";
import { cardKey, type JudgingState, loadJudgingState, readJudgingState } from "./state";

export function leaderboardFrom(state: JudgingState): Leaderboard {
  return {
    version: state.context.scoresVersion,
    locked: state.context.locked,
    scale: state.board.scale(),
    categories: state.board.ranked(),
  };
}

export function progressFrom(state: JudgingState): JudgingProgress {
  const { context, cards } = state;
  const cells: ProgressCell[] = [];
  const scored = new Map<string, number>();
  for (const team of context.teams) {
    const category = context.categoryById.get(team.categoryId)!;
    for (const judgeId of context.panels.get(team.id) ?? []) {
      const card = cards.get(cardKey(judgeId, team.id));
      const state =
        !card || Object.keys(card.scores).length === 0
          ? "not-started"
          : cardTotal(category, card) === null
            ? "in-progress"
            : "scored";
      if (state === "scored") scored.set(judgeId, (scored.get(judgeId) ?? 0) + 1);
      cells.push({
        judgeId,
        teamId: team.id,
        state,
        manual: context.judgeById.get(judgeId)!.manual.has(team.id),
      });
    }
  }
  return {
    version: context.scoresVersion,
    judgesPerTeam: context.judgesPerTeam,
    judges: context.judges.map((j) => ({
      judgeId: j.id,
      name: j.name,
      scored: scored.get(j.id) ?? 0,
      assigned: j.teamIds.size,
      handPicked: j.handPicked,
      categoryIds: [...j.categoryIds].sort(),
    })),
    teams: context.teams.map((t) => ({
      teamId: t.id,
      teamName: t.name,
      categoryId: t.categoryId,
      judges: context.panels.get(t.id)?.length ?? 0,
    })),
    cells: cells.sort(byCell),
    unjudgeable: context.teams.filter((t) => !context.panels.get(t.id)?.length).map((t) => t.id),
  };
}

/** The leaderboard and the progress grid from one read of the event's judging state. */
export async function computeJudgingViews(
  db: Db,
  eventId: string,
): Promise<{ leaderboard: Leaderboard; progress: JudgingProgress }> {
  const state = await readJudgingState(db, eventId);
  return { leaderboard: leaderboardFrom(state), progress: progressFrom(state) };
}

/** The same views from a fresh read, with no cached state: what the cached views must equal. */
export async function judgingViewsFromScratch(
  db: Db,
  eventId: string,
): Promise<{ leaderboard: Leaderboard; progress: JudgingProgress }> {
  const state = await loadJudgingState(db, eventId);
  return { leaderboard: leaderboardFrom(state), progress: progressFrom(state) };
}

export async function computeLeaderboard(db: Db, eventId: string): Promise<Leaderboard> {
  return leaderboardFrom(await readJudgingState(db, eventId));
}
