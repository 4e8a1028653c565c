/**
 * The team on stage, first on the judge's home, with one big tap to score it. The judge
 * area follows the `stage` push for as long as it is open (not just while the home page is
 * shown), so coming back from a scoring page shows the stage as it is now.
 *
 * A judge may score the team on stage exactly when it is on their list: the list holds only
 * the teams they may score (assigned, no conflict of interest), the same rule the server
 * uses for `canScore`. So the card never links to a team the judge must not score, and says
 * no more than "You don't score this team".
 */
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from "react";
import type { AssignmentView, JudgeStageView, StagePhase, StageState } from "../../../shared/api";
import { ArrowRightIcon, MegaphoneIcon } from "../../components/Icons";
import { useSocketEvent } from "../../hooks/useEventSocket";
import { Link } from "../../lib/router";

const LiveStageContext = createContext<StageState | null>(null);

/** Keeps the newest `stage` push for everything inside; use under <EventSocketProvider>. */
export function StageFollower({ children }: { children: ReactNode }) {
  const [stage, setStage] = useState<StageState | null>(null);
  useSocketEvent("stage", (incoming) =>
    setStage((current) => (current && current.version > incoming.version ? current : incoming)),
  );
  return <LiveStageContext.Provider value={stage}>{children}</LiveStageContext.Provider>;
}

/** The judge's view of the stage: the newest push if one came, else the list's answer. */
export function useJudgeStage(
  fromList: JudgeStageView | null,
  teams: AssignmentView[],
  reload: () => void,
): JudgeStageView | null {
  const pushed = useContext(LiveStageContext);
  const onStage = pushed?.team ?? null;
  const listed = onStage !== null && teams.some((t) => t.teamId === onStage.id);

  // A team that isn't on the list may have checked in after the list was loaded: ask the
  // server again, once per team on stage. Until it answers, the card offers no link.
  const asked = useRef<string | null>(null);
  useEffect(() => {
    if (!onStage || listed || asked.current === onStage.id) return;
    asked.current = onStage.id;
    reload();
  }, [onStage, listed, reload]);

  if (!pushed) return fromList;
  if (!onStage || pushed.phase === "idle") return null;
  return {
    phase: pushed.phase,
    categoryName: pushed.categoryName,
    team: onStage,
    canScore: listed,
  };
}

const PHASE: Record<StagePhase, string> = {
  idle: "Between teams",
  ready: "Called",
  talk: "Talk",
  questions: "Questions",
};

export function OnStageCard({
  stage,
  team,
  badge,
}: {
  stage: JudgeStageView;
  /** The judge's own card for the team on stage, when they may score it. */
  team: AssignmentView | undefined;
  /** How far the judge's scores for it are. */
  badge: ReactNode;
}) {
  const scoreable = stage.canScore && team !== undefined;
  return (
    <section className="judge-on-stage" aria-labelledby="on-stage-title">
      <p className="judge-on-stage-eyebrow" id="on-stage-title">
        <MegaphoneIcon /> On stage now
        <span className="judge-on-stage-phase">
          <span className="visually-hidden">: </span>
          {PHASE[stage.phase]}
        </span>
      </p>
      <h2 className="judge-on-stage-team">{stage.team.name}</h2>
      <p className="judge-on-stage-title">
        {stage.team.projectTitle ? `“${stage.team.projectTitle}”` : "No project title yet"}
      </p>
      {stage.categoryName && <p className="judge-on-stage-meta">{stage.categoryName}</p>}
      {scoreable ? (
        <>
          {badge}
          <Link
            to={`/judge/teams/${team.teamId}`}
            className="btn btn-primary btn-large btn-block judge-on-stage-score"
          >
            {team.complete ? "Change your scores" : "Score this team"} <ArrowRightIcon />
          </Link>
        </>
      ) : (
        <p className="judge-on-stage-not-yours">You don't score this team.</p>
      )}
    </section>
  );
}
