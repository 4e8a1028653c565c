/**
 * Everything under /judge: the judge's teams and the scoring page. One small chunk with no
 * organizer code, kept mounted while the judge moves between teams so the connection to the
 * event stays open.
 */
import { type ReactNode, useEffect, useRef } from "react";
import type { SessionUser } from "../../../shared/api";
import { RequireRole } from "../../components/RequireRole";
import { ErrorState, Loading } from "../../components/States";
import { EventSocketProvider, useSocketEvent } from "../../hooks/useEventSocket";
import { useMyEventSlug } from "../../lib/myEvent";
import { JudgeHome } from "./JudgeHome";
import { StageFollower } from "./OnStage";
import { ScorePage } from "./ScorePage";
import { useAssignments } from "./useAssignments";
import "./judge.css";

export function JudgeArea({ params }: { params: Record<string, string> }) {
  return (
    <RequireRole allow="judge">
      {(user) => <JudgeShell user={user} teamId={params.teamId ?? null} />}
    </RequireRole>
  );
}

function JudgeShell({ user, teamId }: { user: SessionUser; teamId: string | null }) {
  const assignments = useAssignments(user.id);
  const slug = useMyEventSlug(
    user.id,
    assignments.status === "ready" ? assignments.eventSlug : null,
  );

  let body: ReactNode;
  if (assignments.status === "loading") body = <Loading label="Loading your teams…" />;
  else if (assignments.status === "error")
    body = (
      <div className="page judge-page">
        <ErrorState
          title="We couldn't load your teams"
          error={assignments.error}
          retry={assignments.reload}
        />
      </div>
    );
  else if (teamId)
    body = (
      <ScorePage
        user={user}
        teamId={teamId}
        teams={assignments.teams}
        stale={assignments.stale}
        live={slug !== null}
      />
    );
  else
    body = (
      <JudgeHome
        user={user}
        teams={assignments.teams}
        stage={assignments.stage}
        stale={assignments.stale}
        live={slug !== null}
        reload={assignments.reload}
      />
    );

  return slug ? (
    <EventSocketProvider slug={slug}>
      <AssignmentsFollower reload={assignments.reload} />
      <StageFollower>{body}</StageFollower>
    </EventSocketProvider>
  ) : (
    body
  );
}

/**
 * The server says when a judge's list may have moved (a panel, a project handed in, the lock);
 * the list is fetched again, and a lock turns the scoring page read-only without a failed save.
 */
function AssignmentsFollower({ reload }: { reload: () => void }) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Projects come in by the hundred near the deadline: one fetch per burst, and the judges'
  // phones spread out over a second rather than all asking at once.
  useSocketEvent("assignments:changed", () => {
    if (timer.current !== undefined) return;
    timer.current = setTimeout(
      () => {
        timer.current = undefined;
        reload();
      },
      500 + Math.random() * 1000,
    );
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return null;
}
