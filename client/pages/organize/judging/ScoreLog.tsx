/** The log of every score and comment change, newest first, refreshed as judging moves on. */
import { useEffect, useRef, useState } from "react";
import { formatZonedTime } from "../../../../shared/rules/timezones";
import { ErrorState, Loading } from "../../../components/States";
import { TableScroll } from "../../../components/TableScroll";
import { useQuery } from "../../../hooks/useQuery";
import { endpoint } from "../../../lib/api";
import { Link } from "../../../lib/router";

interface LogEntry {
  id: number;
  judgeName: string;
  teamName: string;
  criterionName: string | null;
  oldValue: number | null;
  newValue: number | null;
  oldComment: string | null;
  newComment: string | null;
  /** Whether the comment was shared with the team; null when the entry is not a comment. */
  oldShared: boolean | null;
  newShared: boolean | null;
  at: string;
  by: string | null;
}

const LOG_SHOWN = 50;

export function ScoreLog({
  slug,
  timeZone,
  version,
}: {
  slug: string;
  timeZone: string;
  version: number;
}) {
  const log = useQuery(endpoint("/events/{slug}/scores/log", { slug }));
  const [all, setAll] = useState(false);
  const { reload } = log;
  const seen = useRef(version);
  // New scores arrived (the live progress moved on): fetch the log again.
  useEffect(() => {
    if (version !== seen.current) {
      seen.current = version;
      reload();
    }
  }, [version, reload]);

  return (
    <section aria-labelledby="log-title">
      <h2 id="log-title" className="section-title">
        Score changes
      </h2>
      <p className="muted">
        Every score and comment a judge saved, newest first. Nothing is ever removed.
      </p>
      {log.status === "loading" && <Loading label="Loading the score log…" />}
      {log.status === "error" && <ErrorState error={log.error} retry={log.reload} />}
      {log.status === "ready" &&
        (log.data.log.length === 0 ? (
          <p className="muted">No scores saved yet.</p>
        ) : (
          <>
            <TableScroll label="Score changes table">
              <table className="log">
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Judge</th>
                    <th scope="col">Team</th>
                    <th scope="col">Change</th>
                  </tr>
                </thead>
                <tbody>
                  {(all ? log.data.log : log.data.log.slice(0, LOG_SHOWN)).map((entry) => (
                    <tr key={entry.id}>
                      <td className="judging-time">
                        {formatZonedTime(new Date(entry.at), timeZone)}
                      </td>
                      <td>{entry.judgeName}</td>
                      <td>{entry.teamName}</td>
                      <td>
                        <LogChange entry={entry} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            {!all && log.data.log.length > LOG_SHOWN && (
              <button type="button" className="btn btn-secondary" onClick={() => setAll(true)}>
                Show all {log.data.log.length} changes
              </button>
            )}
          </>
        ))}
      <p className="small judging-log-foot">
        <Link to={`/organize/${slug}/leaderboard`}>See the leaderboard</Link>
      </p>
    </section>
  );
}

const audience = (shared: boolean | null) =>
  shared === null ? "" : shared ? " (shared with the team)" : " (organizers only)";

function LogChange({ entry }: { entry: LogEntry }) {
  const isComment = entry.oldValue === null && entry.newValue === null;
  if (entry.criterionName !== null && !isComment)
    return (
      <>
        {entry.criterionName}:{" "}
        {entry.oldValue === null ? (
          <strong>{entry.newValue}</strong>
        ) : (
          <>
            {entry.oldValue} → <strong>{entry.newValue}</strong>
          </>
        )}
      </>
    );
  const label = entry.criterionName ? `${entry.criterionName} comment` : "Comment";
  // Only who may read it changed.
  if (entry.newComment !== null && entry.newComment === entry.oldComment)
    return (
      <span className="judging-log-comment">
        {label} now {entry.newShared ? "shared with the team" : "for organizers only"}
      </span>
    );
  // A comment change: shown as text, never as HTML.
  return (
    <span className="judging-log-comment">
      {label}: {entry.newComment ? `“${entry.newComment}”${audience(entry.newShared)}` : "removed"}
    </span>
  );
}
