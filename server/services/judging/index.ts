// Judging: panels, saves, the views organizers watch, the log and the lock. Routes and the
// realtime publisher import from here.
export {
  evenOutPanels,
  listAssignments,
  panelOf,
  setAssignments,
  setJudgesPerTeam,
} from "./assignments";
export { readScoreLog } from "./log";
export { reconcilePanels } from "./panels";
export { freezeResults, lockScoring, scoresHash, setRankingMode } from "./results";
export { planScoreSave, savePaths, saveScores } from "./scoring";
export { forgetJudgingStates, readJudgingState, recordSavedCards, type SavedCards } from "./state";
export {
  computeJudgingViews,
  computeLeaderboard,
  judgingViewsFromScratch,
  leaderboardFrom,
  progressFrom,
} from "./views";
