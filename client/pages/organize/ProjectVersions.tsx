/**
 * A team's project versions for the organizers, opened on demand from the team's card: which
 * one the judges see, and a way to withdraw it from judging (the previous version then counts,
 * or, with none left, the team has handed nothing in until it saves again).
 */
import { useState } from "react";
import type { SubmissionVersionView } from "../../../shared/api";
import { ErrorState, Loading } from "../../components/States";
import { useQuery } from "../../hooks/useQuery";
import { ApiError, api, endpoint } from "../../lib/api";
import { dateTime } from "../../lib/format";
import { UndoAction } from "./UndoAction";

export function ProjectVersions({
  slug,
  teamId,
  teamName,
  timeZone,
}: {
  slug: string;
  teamId: string;
  teamName: string;
  timeZone: string;
}) {
  const [opened, setOpened] = useState(false);
  const versions = endpoint("/events/{slug}/submissions/{teamId}/versions", { slug, teamId });
  // Asked for only once the organizer opens the list: most cards are never opened.
  const state = useQuery(opened ? versions : null, (signal) =>
    api.get(versions, { signal }).catch((error: unknown) => {
      // Before the first save there are no versions at all.
      if (error instanceof ApiError && error.status === 404) return { versions: [] };
      throw error;
    }),
  );

  return (
    <details
      className="teams-project"
      onToggle={(e) => {
        if (e.currentTarget.open) setOpened(true);
      }}
    >
      <summary className="teams-project-summary">
        Project versions<span className="visually-hidden"> of {teamName}</span>
      </summary>
      {opened && state.status === "loading" && <Loading label="Loading versions…" />}
      {state.status === "error" && <ErrorState error={state.error} retry={state.reload} />}
      {state.status === "ready" && (
        <Versions
          versions={state.data.versions}
          teamName={teamName}
          timeZone={timeZone}
          withdraw={async (version) => {
            const answer = await api.send(
              "POST /events/{slug}/submissions/{teamId}/withdraw",
              { slug, teamId },
              { version },
            );
            state.setData(() => ({ versions: answer.versions }));
          }}
        />
      )}
    </details>
  );
}

function Versions({
  versions,
  teamName,
  timeZone,
  withdraw,
}: {
  versions: SubmissionVersionView[];
  teamName: string;
  timeZone: string;
  withdraw: (version: number) => Promise<void>;
}) {
  if (versions.length === 0)
    return <p className="small muted">No project handed in yet. Teams hand in from their page.</p>;
  const counting = versions.find((v) => v.withdrawnAt === null);
  const previous = counting && versions.find((v) => v.withdrawnAt === null && v !== counting);
  return (
    <>
      <p className="small" role="status">
        {counting
          ? `The judges see version ${counting.version}.`
          : "Every version was withdrawn: the team counts as not having handed anything in."}
      </p>
      <ol className="teams-project-list">
        {versions.map((v) => (
          <li key={v.version} className="teams-project-version">
            <span className="teams-project-number">v{v.version}</span>
            <span>
              <strong>{v.title}</strong>
              <span className="small muted">
                {" "}
                · saved {dateTime(v.savedAt, timeZone)}
                {v.withdrawnAt && ` · withdrawn ${dateTime(v.withdrawnAt, timeZone)}`}
                {v === counting && " · the judges see this one"}
              </span>
            </span>
          </li>
        ))}
      </ol>
      {counting && (
        <UndoAction
          label={`Withdraw version ${counting.version} from judging`}
          legend={`Withdraw version ${counting.version} of ${teamName}'s project`}
          question={
            previous
              ? `Take version ${counting.version} out of judging? The judges will see version ${previous.version} instead. It stays in the history.`
              : `Take version ${counting.version} out of judging? ${teamName} will count as not having handed anything in, until the team saves again.`
          }
          confirm="Yes, withdraw it"
          onConfirm={() => withdraw(counting.version)}
        />
      )}
    </>
  );
}
