/**
 * Everything under /judge: the judge's teams and the scoring page. One small chunk with no
 * organizer code, kept mounted while the judge moves between teams so the connection to the
 * event stays open.
 */
import type { ReactNode } from "react";
import type { SessionUser } from "../../../shared/api";
import { RequireRole } from "../../components/RequireRole";
import { ErrorState, Loading } from "../../components/States";
import { EventSocketProvider } from "../../hooks/useEventSocket";
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
      <StageFollower>{body}</StageFollower>
    </EventSocketProvider>
  ) : (
    body
  );
}
