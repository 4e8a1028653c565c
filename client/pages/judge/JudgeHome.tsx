/**
 * The judge's home: the team on stage first (one tap to score it), then how far they are and
 * one big card per team to tap, in any order.
 */
import type { AssignmentView, JudgeStageView, SessionUser } from "../../../shared/api";
import {
  ArrowRightIcon,
  CheckIcon,
  CircleIcon,
  HalfCircleIcon,
  HourglassIcon,
  UploadIcon,
} from "../../components/Icons";
import { EmptyState } from "../../components/States";
import { useTitle } from "../../hooks/useTitle";
import { Link } from "../../lib/router";
import { JudgeNotices } from "./JudgeNotices";
import { JudgeStatus } from "./JudgeStatus";
import { OnStageCard, useJudgeStage } from "./OnStage";
import { useOutbox } from "./useAssignments";

export type CardState = "scored" | "in-progress" | "not-started";

export function cardState(team: AssignmentView): CardState {
  if (team.complete) return "scored";
  return Object.keys(team.myScores).length > 0 ? "in-progress" : "not-started";
}

export const scoredCount = (teams: AssignmentView[]) => teams.filter((t) => t.complete).length;

export function JudgeHome({
  user,
  teams,
  stage: listedStage,
  stale,
  live,
  reload,
}: {
  user: SessionUser;
  teams: AssignmentView[];
  stage: JudgeStageView | null;
  stale: boolean;
  live: boolean;
  reload: () => void;
}) {
  useTitle("Teams to score");
  const { state: outbox } = useOutbox(user.id);
  const scored = scoredCount(teams);
  const stage = useJudgeStage(listedStage, teams, reload);
  const waitingFor = (teamId: string) => outbox.pending.some((p) => p.teamId === teamId);
  const onStage = stage?.canScore ? teams.find((t) => t.teamId === stage.team.id) : undefined;

  return (
    <div className="page judge-page">
      <JudgeStatus userId={user.id} live={live} />
      <div className="judge-head">
        <p className="eyebrow">Hi {user.name}</p>
        <h1>Teams to score</h1>
        {teams.length > 0 && (
          <div className="judge-progress">
            <p id="judge-progress-label">
              <strong>
                {scored} of {teams.length}
              </strong>{" "}
              scored
            </p>
            <progress max={teams.length} value={scored} aria-labelledby="judge-progress-label" />
          </div>
        )}
      </div>

      <JudgeNotices userId={user.id} stale={stale} reload={reload} />

      {stage && (
        <OnStageCard
          stage={stage}
          team={onStage}
          badge={
            onStage && (
              <StateBadge state={cardState(onStage)} waiting={waitingFor(onStage.teamId)} />
            )
          }
        />
      )}

      {teams.length === 0 ? (
        <EmptyState icon={<HourglassIcon className="state-icon" />} title="No teams to score yet">
          <p>Teams appear here once they check in.</p>
          <p>
            Your teams to score will appear here once the event starts. Keep this page on your
            phone: you are signed in and ready.
          </p>
        </EmptyState>
      ) : (
        <ul className="judge-team-cards">
          {teams.map((team) => {
            const waiting = waitingFor(team.teamId);
            return (
              <li key={team.teamId}>
                <Link to={`/judge/teams/${team.teamId}`} className="judge-team-card">
                  <span className="judge-team-card-body">
                    <span className="judge-team-card-name">{team.teamName}</span>
                    <span className="judge-team-card-title">
                      {team.submission ? `“${team.submission.title}”` : "No project sent in yet"}
                    </span>
                    <span className="judge-team-card-meta">
                      {[team.schools.join(", "), team.categoryName].filter(Boolean).join(" · ")}
                    </span>
                    <StateBadge state={cardState(team)} waiting={waiting} />
                  </span>
                  <ArrowRightIcon className="judge-team-card-arrow" />
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export function StateBadge({ state, waiting }: { state: CardState; waiting: boolean }) {
  if (waiting)
    return (
      <span className="badge badge-wait">
        <UploadIcon /> Waiting to send
      </span>
    );
  if (state === "scored")
    return (
      <span className="badge badge-ok">
        <CheckIcon /> Scored
      </span>
    );
  if (state === "in-progress")
    return (
      <span className="badge badge-wait">
        <HalfCircleIcon /> In progress
      </span>
    );
  return (
    <span className="badge judge-badge-neutral">
      <CircleIcon /> Not started
    </span>
  );
}
