/**
 * The organizer's view of judging while it happens: who has scored which team (live), teams
 * with too few judges or none, hand-picked teams per judge, the log of every score change,
 * and the lock that ends scoring.
 */
import { type FormEvent, useEffect, useRef, useState } from "react";
import type { JudgingProgress, Leaderboard, ProgressState } from "../../../shared/api";
import { LIMITS } from "../../../shared/limits";
import { formatZonedTime } from "../../../shared/rules/timezones";
import { ConfirmPanel, useReturnFocus } from "../../components/ConfirmPanel";
import {
  AlertIcon,
  CheckIcon,
  CircleIcon,
  ClipboardIcon,
  HalfCircleIcon,
  LockIcon,
} from "../../components/Icons";
import { EmptyState, ErrorState, Loading, Notice } from "../../components/States";
import { TableScroll } from "../../components/TableScroll";
import { useApi, useTitle } from "../../hooks/useApi";
import { ApiError, api, messageOf, seg } from "../../lib/api";
import { plural } from "../../lib/format";
import { Link } from "../../lib/router";
import type { SectionProps } from "./EventLayout";
import { LiveBadge } from "./LiveBadge";
import { SectionHead } from "./SectionHead";
import { type LiveResource, useLiveVersioned } from "./useLiveVersioned";
import "./judging.css";

/** Live through the event's connection, which EventLayout opens for every section. */
export function JudgingSection(props: SectionProps) {
  return <Judging {...props} />;
}

function Judging({ event }: SectionProps) {
  useTitle(`${event.name}: judging`);
  const base = `/events/${seg(event.slug)}`;
  const progress = useLiveVersioned(`${base}/judging/progress`, "judging:progress");
  const board = useLiveVersioned(`${base}/leaderboard`, "leaderboard");
  const categoryName = new Map(event.categories.map((c) => [c.id, c.name]));

  return (
    <>
      <SectionHead event={event.name} title="Judging">
        <p>
          Who has scored which team, updated live. Each team should have at least{" "}
          {LIMITS.judgesPerTeamWanted} judges. Only checked-in teams are judged.
        </p>
      </SectionHead>

      {progress.status === "loading" && <Loading label="Loading judging progress…" />}
      {progress.status === "error" && <ErrorState error={progress.error} retry={progress.reload} />}
      {progress.status === "ready" && (
        <>
          <div className="live-row">
            <LiveBadge />
          </div>
          <Coverage progress={progress.data} />
          <ProgressGrid progress={progress.data} categoryName={categoryName} />
          <JudgeAssignments
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

function Coverage({ progress }: { progress: JudgingProgress }) {
  const name = new Map(progress.teams.map((t) => [t.teamId, t.teamName]));
  const thin = progress.teams.filter((t) => t.judges > 0 && t.judges < LIMITS.judgesPerTeamWanted);
  return (
    <>
      {progress.unjudgeable.length > 0 && (
        <Notice tone="error" title="Nobody can judge these teams">
          <p>{progress.unjudgeable.map((id) => name.get(id) ?? "A team").join(", ")}</p>
          <p>
            Every judge of their category declared one of the team's schools, or the category has no
            judge. Invite another judge for the category, or give the team to a judge by hand below.
          </p>
        </Notice>
      )}
      {thin.length > 0 && (
        <Notice tone="warning" title={`Fewer than ${LIMITS.judgesPerTeamWanted} judges`}>
          <p>
            {thin.map((t) => `${t.teamName} (${plural(t.judges, "judge")})`).join(", ")}. One
            judge's opinion counts for a lot: add a judge if you can.
          </p>
        </Notice>
      )}
    </>
  );
}

const CELL: Record<ProgressState, { label: string; Icon: typeof CheckIcon }> = {
  scored: { label: "Scored", Icon: CheckIcon },
  "in-progress": { label: "Started", Icon: HalfCircleIcon },
  "not-started": { label: "To do", Icon: CircleIcon },
};

function ProgressGrid({
  progress,
  categoryName,
}: {
  progress: JudgingProgress;
  categoryName: Map<string, string>;
}) {
  if (progress.teams.length === 0 || progress.judges.length === 0)
    return (
      <EmptyState icon={<ClipboardIcon className="state-icon" />} title="Nothing to judge yet">
        <p>
          {progress.judges.length === 0 ? "Invite judges in the Judges section. " : ""}
          {progress.teams.length === 0 ? "Teams appear here once they are checked in." : ""}
        </p>
      </EmptyState>
    );
  const cell = new Map(progress.cells.map((c) => [`${c.judgeId}:${c.teamId}`, c.state]));
  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title" className="section-title">
        Progress
      </h2>
      <TableScroll label="Progress table">
        <table className="grid">
          <caption className="visually-hidden">
            Each team's judges and how far they have got
          </caption>
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col">Judges</th>
              {progress.judges.map((j) => (
                <th scope="col" key={j.judgeId}>
                  {j.name}
                  <span className="grid-sub">
                    {j.scored} of {j.assigned}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {progress.teams.map((team) => {
              const thin = team.judges < LIMITS.judgesPerTeamWanted;
              return (
                <tr key={team.teamId}>
                  <th scope="row">
                    {team.teamName}
                    <span className="grid-sub">{categoryName.get(team.categoryId)}</span>
                  </th>
                  <td className={thin ? "coverage-thin" : undefined}>
                    {thin && <AlertIcon />}
                    {team.judges}
                    {thin && <span className="visually-hidden"> (too few)</span>}
                  </td>
                  {progress.judges.map((j) => {
                    const state = cell.get(`${j.judgeId}:${team.teamId}`);
                    if (!state)
                      return (
                        <td key={j.judgeId} className="cell-none">
                          <span aria-hidden="true">—</span>
                          <span className="visually-hidden">Not theirs</span>
                        </td>
                      );
                    const { label, Icon } = CELL[state];
                    return (
                      <td key={j.judgeId} className={`cell cell-${state}`}>
                        <Icon />
                        {label}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

function JudgeAssignments({
  slug,
  progress,
  categoryName,
  onSaved,
}: {
  slug: string;
  progress: JudgingProgress;
  categoryName: Map<string, string>;
  onSaved: (progress: JudgingProgress) => void;
}) {
  if (progress.judges.length === 0 || progress.teams.length === 0) return null;
  return (
    <section aria-labelledby="assign-title">
      <h2 id="assign-title" className="section-title">
        Teams per judge
      </h2>
      <p className="muted">
        Each judge scores every team of their categories, except teams from schools they declared.
        To share out the work, choose a judge's teams by hand.
      </p>
      <ul className="card-list">
        {progress.judges.map((judge) => (
          <AssignmentCard
            key={judge.judgeId}
            slug={slug}
            judge={judge}
            progress={progress}
            categoryName={categoryName}
            onSaved={onSaved}
          />
        ))}
      </ul>
    </section>
  );
}

function AssignmentCard({
  slug,
  judge,
  progress,
  categoryName,
  onSaved,
}: {
  slug: string;
  judge: JudgingProgress["judges"][number];
  progress: JudgingProgress;
  categoryName: Map<string, string>;
  onSaved: (progress: JudgingProgress) => void;
}) {
  const current = progress.cells.filter((c) => c.judgeId === judge.judgeId).map((c) => c.teamId);
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>(current);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);

  const start = () => {
    setChosen(current);
    setError(null);
    setDone(null);
    setOpen(true);
  };
  const close = () => {
    setOpen(false);
    requestAnimationFrame(() => toggleRef.current?.focus());
  };

  const send = async (teamIds: string[]) => {
    setBusy(true);
    setError(null);
    try {
      onSaved(
        await api.put<JudgingProgress>(
          `/events/${seg(slug)}/judges/${seg(judge.judgeId)}/assignments`,
          { teamIds },
        ),
      );
      setDone(
        teamIds.length
          ? `${judge.name} now scores ${plural(teamIds.length, "team")} chosen by hand.`
          : `${judge.name} scores every team of their categories again.`,
      );
      close();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "unexpected", messageOf(e)));
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void send(chosen);
  };

  return (
    <li className="card assign-card">
      <div className="card-head">
        <h3>{judge.name}</h3>
        <span className={`badge ${judge.scored === judge.assigned ? "badge-ok" : "badge-wait"}`}>
          {judge.scored === judge.assigned ? <CheckIcon /> : <HalfCircleIcon />}
          {judge.scored} of {judge.assigned} scored
        </span>
      </div>
      {done && (
        <p className="small" role="status">
          {done}
        </p>
      )}
      {!open ? (
        <button
          ref={toggleRef}
          type="button"
          className="btn btn-secondary"
          onClick={start}
          aria-label={`Choose teams by hand for ${judge.name}`}
        >
          Choose teams by hand
        </button>
      ) : (
        <form onSubmit={onSubmit} className="form">
          <fieldset className="fieldset fieldset-plain">
            <legend>Teams {judge.name} scores</legend>
            <ul className="checks">
              {progress.teams.map((team) => {
                const id = `assign-${judge.judgeId}-${team.teamId}`;
                return (
                  <li key={team.teamId} className="check">
                    <input
                      id={id}
                      type="checkbox"
                      checked={chosen.includes(team.teamId)}
                      onChange={(e) =>
                        setChosen((list) =>
                          e.target.checked
                            ? [...list, team.teamId]
                            : list.filter((t) => t !== team.teamId),
                        )
                      }
                    />
                    <label htmlFor={id}>
                      {team.teamName}
                      <span className="muted small"> · {categoryName.get(team.categoryId)}</span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
          {error && (
            <Notice tone="error" live>
              <p>{error.detail}</p>
              {error.errors.length > 0 && (
                <ul>
                  {error.errors.map((item) => (
                    <li key={item.path}>{item.message}</li>
                  ))}
                </ul>
              )}
            </Notice>
          )}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? "Saving…" : "Save teams"}
            </button>
            <button
              type="button"
              className="btn btn-secondary"
              disabled={busy}
              onClick={() => void send([])}
            >
              Back to all teams of their categories
            </button>
            <button type="button" className="btn btn-ghost" onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

function LockPanel({ slug, board }: { slug: string; board: LiveResource<Leaderboard> }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const openRef = useReturnFocus(asking);

  if (board.status !== "ready") return null;
  const locked = board.data.locked;

  const lock = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/events/${seg(slug)}/scoring/lock`);
      board.apply({ ...board.data, locked: true });
      setAsking(false);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card lock-card" aria-labelledby="lock-title">
      <h2 id="lock-title">
        <LockIcon /> Lock scoring
      </h2>
      {locked ? (
        <>
          <p role="status">
            <strong>Scoring is locked.</strong> Judges can no longer change any score, and the
            ranking is final. You can run the ceremony.
          </p>
          <p>
            <Link className="btn btn-primary" to={`/organize/${slug}/ceremony`}>
              Go to the ceremony
            </Link>
          </p>
        </>
      ) : (
        <>
          <p>
            When every team has its scores, lock scoring. After that, judges can't change any score,
            the ranking is final, and the ceremony can start. Locking can't be undone.
          </p>
          {!asking ? (
            <button
              ref={openRef}
              type="button"
              className="btn btn-secondary"
              onClick={() => setAsking(true)}
            >
              Lock scoring
            </button>
          ) : (
            <ConfirmPanel
              className="confirm confirm-wide"
              legend="Lock scoring"
              question="Lock scoring now? Judges still scoring will be stopped, and this can't be undone."
              error={error}
              confirm={busy ? "Locking…" : "Yes, lock scoring"}
              onConfirm={() => void lock()}
              danger
              busy={busy}
              cancel="Not yet"
              onCancel={() => setAsking(false)}
            />
          )}
        </>
      )}
    </section>
  );
}

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

function ScoreLog({
  slug,
  timeZone,
  version,
}: {
  slug: string;
  timeZone: string;
  version: number;
}) {
  const log = useApi<{ log: LogEntry[] }>(`/events/${seg(slug)}/scores/log`);
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
                      <td className="time">{formatZonedTime(new Date(entry.at), timeZone)}</td>
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
      <p className="small log-foot">
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
      <span className="log-comment">
        {label} now {entry.newShared ? "shared with the team" : "for organizers only"}
      </span>
    );
  // A comment change: shown as text, never as HTML.
  return (
    <span className="log-comment">
      {label}: {entry.newComment ? `“${entry.newComment}”${audience(entry.newShared)}` : "removed"}
    </span>
  );
}
