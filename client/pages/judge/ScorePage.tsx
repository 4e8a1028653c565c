/**
 * Scoring one team, on a phone held in one hand: the project, one big control per criterion,
 * a comment, and "Save and next team". Saves go through the outbox, so they are never lost
 * when the wifi drops; the page says whether they are saving, saved or waiting to send.
 */
import { type FormEvent, type ReactNode, useState } from "react";
import type { AssignmentView, SessionUser, SubmissionView } from "../../../shared/api";
import { LIMITS } from "../../../shared/limits";
import { Field } from "../../components/Field";
import {
  ArrowLeftIcon,
  ArrowRightIcon,
  CheckIcon,
  LockIcon,
  UploadIcon,
} from "../../components/Icons";
import { ProjectBody } from "../../components/ProjectLinks";
import { EmptyState } from "../../components/States";
import { useTitle } from "../../hooks/useApi";
import { useOnline } from "../../hooks/useOnline";
import { Link, navigate } from "../../lib/router";
import { scoredCount } from "./JudgeHome";
import { JudgeNotices } from "./JudgeNotices";
import { JudgeStatus } from "./JudgeStatus";
import { ScoreControl } from "./ScoreControl";
import { isComplete, useOutbox } from "./useAssignments";

const timeOf = (iso: string) =>
  new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

export function ScorePage({
  user,
  teamId,
  teams,
  stale,
  live,
}: {
  user: SessionUser;
  teamId: string;
  teams: AssignmentView[];
  stale: boolean;
  live: boolean;
}) {
  const team = teams.find((t) => t.teamId === teamId);
  useTitle(team ? `Score ${team.teamName}` : "Team not found");
  const scored = scoredCount(teams);

  return (
    <div className="page judge-page">
      <JudgeStatus userId={user.id} live={live} />
      <Link to="/judge" className="back-link">
        <ArrowLeftIcon /> Teams ({scored} of {teams.length} scored)
      </Link>
      {team ? (
        // A fresh form for each team: nothing typed for one team leaks into the next.
        <ScoreForm key={team.teamId} userId={user.id} team={team} teams={teams} stale={stale} />
      ) : (
        <EmptyState
          title="This team isn't on your list"
          action={
            <Link className="btn btn-primary" to="/judge">
              Back to your teams
            </Link>
          }
        >
          <p>
            You can only score the teams on your list. If you think this team should be there, ask
            an organizer.
          </p>
        </EmptyState>
      )}
    </div>
  );
}

/** The next team to score after this one: the next unfinished card, else the team list. */
function nextPath(teams: AssignmentView[], teamId: string): string {
  const at = teams.findIndex((t) => t.teamId === teamId);
  const order = [...teams.slice(at + 1), ...teams.slice(0, Math.max(at, 0))];
  const next = order.find((t) => !t.complete);
  return next ? `/judge/teams/${next.teamId}` : "/judge";
}

function ScoreForm({
  userId,
  team,
  teams,
  stale,
}: {
  userId: string;
  team: AssignmentView;
  teams: AssignmentView[];
  stale: boolean;
}) {
  const { outbox, state } = useOutbox(userId);
  const online = useOnline();
  const [scores, setScores] = useState<Record<string, number>>(team.myScores);
  const [comment, setComment] = useState(team.myComment ?? "");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const locked = state.locked;
  const waiting = state.pending.some((p) => p.teamId === team.teamId);
  const problem = state.problems.find(
    (p) => p.teamId === team.teamId && p.slug !== "scoring-locked",
  );
  const saved = state.saved[team.teamId];
  const dirty =
    team.criteria.some((c) => scores[c.id] !== team.myScores[c.id]) ||
    comment.trim() !== (team.myComment ?? "").trim();

  const save = async (andNext: boolean) => {
    // The buttons stay enabled while saving (see below), so a second press is ignored here.
    if (busy) return;
    setMessage(null);
    if (Object.keys(scores).length === 0) {
      setMessage("Choose a score for at least one criterion first.");
      return;
    }
    // Decided now: after this save the card counts as done, so "next" skips it.
    const after = nextPath(
      teams.map((t) =>
        t.teamId === team.teamId ? { ...t, complete: isComplete(team, scores) } : t,
      ),
      team.teamId,
    );
    setBusy(true);
    const outcome = await outbox.save({
      teamId: team.teamId,
      teamName: team.teamName,
      scores,
      comment: comment.trim(),
    });
    setBusy(false);
    // A refusal is shown here (and by the notices); the judge stays to see it.
    if (outcome.status !== "refused" && andNext) navigate(after);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save(true);
  };

  let status: ReactNode = null;
  if (locked)
    status = dirty ? (
      <span className="save-state save-state-error">Not saved: scoring is locked.</span>
    ) : null;
  else if (message) status = <span className="save-state save-state-error">{message}</span>;
  else if (problem)
    status = <span className="save-state save-state-error">Not saved: {problem.message}</span>;
  else if (waiting && (!online || state.waiting) && !state.sending)
    status = (
      <span className="save-state save-state-waiting">
        <UploadIcon /> Waiting to send (offline)
      </span>
    );
  else if (waiting || busy) status = <span className="save-state">Saving…</span>;
  else if (dirty) status = <span className="save-state">Not saved yet</span>;
  else if (saved)
    status = (
      <span className="save-state save-state-ok">
        <CheckIcon /> Saved {timeOf(saved.updatedAt)}
      </span>
    );

  return (
    <>
      <header className="score-team">
        <p className="eyebrow">{team.categoryName}</p>
        <h1>{team.teamName}</h1>
        {team.schools.length > 0 && <p className="muted">{team.schools.join(", ")}</p>}
      </header>

      <JudgeNotices userId={userId} stale={stale} />

      <Project submission={team.submission} />

      <form className="score-form" onSubmit={onSubmit} noValidate aria-labelledby="scores-title">
        <h2 id="scores-title">Your scores</h2>
        {locked && (
          <p className="locked-note">
            <LockIcon /> Scoring is locked, so these scores can't be changed.
          </p>
        )}
        {team.criteria.map((criterion) => (
          <ScoreControl
            key={criterion.id}
            criterion={criterion}
            value={locked ? team.myScores[criterion.id] : scores[criterion.id]}
            disabled={locked}
            onChange={(value) => setScores((s) => ({ ...s, [criterion.id]: value }))}
          />
        ))}
        <Field
          label="Comment"
          optional
          hint="A note for yourself and the organizers. The team doesn't see it."
        >
          {(a) => (
            <textarea
              {...a}
              className="input"
              rows={3}
              maxLength={LIMITS.commentMax}
              value={comment}
              disabled={locked}
              onChange={(e) => setComment(e.target.value)}
            />
          )}
        </Field>
        {/* While a save is under way the buttons are only aria-disabled: disabling the
            focused button would drop a keyboard user's focus to the top of the page. */}
        <div className="score-actions">
          <button
            type="submit"
            className="btn btn-primary btn-large btn-block"
            disabled={locked}
            aria-disabled={busy || undefined}
          >
            Save and next team <ArrowRightIcon />
          </button>
          <button
            type="button"
            className="btn btn-secondary btn-large"
            disabled={locked}
            aria-disabled={busy || undefined}
            onClick={() => void save(false)}
          >
            Save
          </button>
          <p className="save-line" role="status">
            {status}
          </p>
        </div>
      </form>
    </>
  );
}

function Project({ submission }: { submission: SubmissionView | null }) {
  if (!submission)
    return (
      <section className="card project" aria-label="The project">
        <p className="muted">
          This team hasn't sent in a project yet. You can still score what they show you.
        </p>
      </section>
    );
  return (
    <section className="card project" aria-labelledby="project-title">
      <p className="eyebrow">The project</p>
      <h2 id="project-title">{submission.title}</h2>
      <ProjectBody project={submission} />
    </section>
  );
}
