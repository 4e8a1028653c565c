/**
 * The organizer's view of judging while it happens: the panels (how many judges each team
 * gets), who has scored which team (live), teams short of judges, each judge's teams, the log
 * of every score change, and the lock that ends scoring.
 */

import { ErrorState, Loading } from "../../components/States";
import { useTitle } from "../../hooks/useTitle";
import { endpoint } from "../../lib/api";
import type { SectionProps } from "./EventLayout";
import { JudgeList } from "./judging/JudgeList";
import { LockPanel } from "./judging/LockPanel";
import { PanelSettings } from "./judging/PanelSettings";
import { Coverage, PanelTable } from "./judging/PanelTable";
import { ScoreLog } from "./judging/ScoreLog";
import { LiveBadge } from "./LiveBadge";
import { SectionHead } from "./SectionHead";
import { useLiveVersioned } from "./useLiveVersioned";
import "./judging.css";

/** Live through the event's connection, which EventLayout opens for every section. */
export function JudgingSection({ event }: SectionProps) {
  useTitle(`${event.name}: judging`);
  const { slug } = event;
  const progress = useLiveVersioned(
    endpoint("/events/{slug}/judging/progress", { slug }),
    "judging:progress",
  );
  const board = useLiveVersioned(endpoint("/events/{slug}/leaderboard", { slug }), "leaderboard");
  const categoryName = new Map(event.categories.map((c) => [c.id, c.name]));

  return (
    <>
      <SectionHead event={event.name} title="Judging">
        <p>
          Who judges which team, and who has scored whom, updated live. Only checked-in teams are
          judged.
        </p>
      </SectionHead>

      {progress.status === "loading" && <Loading label="Loading judging progress…" />}
      {progress.status === "error" && <ErrorState error={progress.error} retry={progress.reload} />}
      {progress.status === "ready" && (
        <>
          <div className="org-live-row">
            <LiveBadge />
          </div>
          <Coverage progress={progress.data} />
          <PanelSettings slug={event.slug} progress={progress.data} onSaved={progress.apply} />
          <PanelTable progress={progress.data} categoryName={categoryName} />
          <JudgeList
            slug={event.slug}
            progress={progress.data}
            categoryName={categoryName}
            onSaved={progress.apply}
          />
          <LockPanel slug={event.slug} board={board} />
          <ScoreLog slug={event.slug} timeZone={event.timezone} version={progress.data.version} />
        </>
      )}
    </>
  );
}
