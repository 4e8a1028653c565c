/**
 * Scoring one team, on a phone held in one hand: the project, one big control per criterion
 * with an optional short comment under it, an overall comment, and "Save and next team".
 * Each comment is shared with the team (after the ceremony, without the judge's name) or
 * kept for the organizers. Saves go through the outbox, so they are never lost when the wifi
 * drops; the page says whether they are saving, saved or waiting to send.
 */
import { type FormEvent, type ReactNode, useState } from "react";
import type {
  AssignmentView,
  CriterionComment,
  SessionUser,
  SubmissionView,
} from "../../../shared/api";
import { LIMITS } from "../../../shared/limits";
import {
  ArrowLeftIcon,
  ArrowRightIcon,
  CheckIcon,
  LockIcon,
  UploadIcon,
} from "../../components/Icons";
import { ProjectBody } from "../../components/ProjectLinks";
import { EmptyState } from "../../components/States";
import { useMutation } from "../../hooks/useMutation";
import { useOnline } from "../../hooks/useOnline";
import { useTitle } from "../../hooks/useTitle";
import { Link, navigate } from "../../lib/router";
import { CommentBox } from "./CommentBox";
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

/** A comment box for every criterion: the judge's saved comment, or an empty shared one. */
function notesFor(
  team: AssignmentView,
  saved: Record<string, CriterionComment>,
): Record<string, CriterionComment> {
  return Object.fromEntries(
    team.criteria.map((c) => [c.id, saved[c.id] ?? { text: "", shared: true }]),
  );
}

/** A changed comment, or a changed choice of who reads a comment that has words in it. */
function noteChanged(now: CriterionComment | undefined, saved: CriterionComment | undefined) {
  const text = now?.text.trim() ?? "";
  if (text !== (saved?.text.trim() ?? "")) return true;
  return text !== "" && now?.shared !== saved?.shared;
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
  const [commentShared, setCommentShared] = useState(team.myCommentShared);
  const [notes, setNotes] = useState<Record<string, CriterionComment>>(() =>
    notesFor(team, team.myCriterionComments),
  );
  // The outbox keeps the save (offline too) and answers with its outcome; it never throws.
  const saving = useMutation((item: Parameters<typeof outbox.save>[0]) => outbox.save(item));
  const busy = saving.busy;
  const [message, setMessage] = useState<string | null>(null);

  /** Whether what the form holds differs from what `base` says the judge has saved. */
  const differsFrom = (base: AssignmentView) => {
    const baseNotes = notesFor(base, base.myCriterionComments);
    return (
      base.criteria.some((c) => scores[c.id] !== base.myScores[c.id]) ||
      comment.trim() !== (base.myComment ?? "").trim() ||
      (comment.trim() !== "" && commentShared !== base.myCommentShared) ||
      base.criteria.some((c) => noteChanged(notes[c.id], baseNotes[c.id]))
    );
  };

  // The page may open from this phone's stored list, and the server's fresher answer comes a
  // moment later (or another tab saves). Take the newer saved values into the form unless
  // the judge has already changed something, so an old copy is never saved over a new one.
  const savedKey = JSON.stringify([
    team.myScores,
    team.myComment,
    team.myCommentShared,
    team.myCriterionComments,
  ]);
  const [shown, setShown] = useState({ key: savedKey, team });
  if (shown.key !== savedKey) {
    if (!differsFrom(shown.team)) {
      setScores(team.myScores);
      setComment(team.myComment ?? "");
      setCommentShared(team.myCommentShared);
      setNotes(notesFor(team, team.myCriterionComments));
    }
    setShown({ key: savedKey, team });
  }

  const locked = state.locked;
  const waiting = state.pending.some((p) => p.teamId === team.teamId);
  const problem = state.problems.find(
    (p) => p.teamId === team.teamId && p.slug !== "scoring-locked",
  );
  const saved = state.saved[team.teamId];
  const savedNotes = notesFor(team, team.myCriterionComments);
  const dirty = differsFrom(team);
  const setNote = (criterionId: string, patch: Partial<CriterionComment>) =>
    setNotes((all) => ({ ...all, [criterionId]: { ...all[criterionId]!, ...patch } }));

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
    // Only the criterion comments changed here are sent ("" removes one): the others stay as
    // they are on the server, whatever this page was showing.
    const criterionComments = Object.fromEntries(
      team.criteria
        .filter((c) => noteChanged(notes[c.id], savedNotes[c.id]))
        .map((c) => [c.id, { text: notes[c.id]!.text.trim(), shared: notes[c.id]!.shared }]),
    );
    const outcome = await saving.run({
      teamId: team.teamId,
      teamName: team.teamName,
      scores,
      comment: comment.trim(),
      commentShared,
      criterionComments,
    });
    // A refusal is shown here (and by the notices); the judge stays to see it.
    if (outcome && outcome.status !== "refused" && andNext) navigate(after);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save(true);
  };

  let status: ReactNode = null;
  if (locked)
    status = dirty ? (
      <span className="judge-save-state judge-save-state-error">Not saved: scoring is locked.</span>
    ) : null;
  else if (message)
    status = <span className="judge-save-state judge-save-state-error">{message}</span>;
  else if (problem)
    status = (
      <span className="judge-save-state judge-save-state-error">Not saved: {problem.message}</span>
    );
  else if (waiting && (!online || state.waiting) && !state.sending)
    status = (
      <span className="judge-save-state judge-save-state-waiting">
        <UploadIcon /> Waiting to send (offline)
      </span>
    );
  else if (waiting || busy) status = <span className="judge-save-state">Saving…</span>;
  else if (dirty) status = <span className="judge-save-state">Not saved yet</span>;
  else if (saved)
    status = (
      <span className="judge-save-state judge-save-state-ok">
        <CheckIcon /> Saved {timeOf(saved.updatedAt)}
      </span>
    );

  return (
    <>
      <header className="judge-score-team">
        <p className="eyebrow">{team.categoryName}</p>
        <h1>{team.teamName}</h1>
        {team.schools.length > 0 && <p className="muted">{team.schools.join(", ")}</p>}
      </header>

      <JudgeNotices userId={userId} stale={stale} />

      <Project submission={team.submission} />

      <form
        className="judge-score-form"
        onSubmit={onSubmit}
        noValidate
        aria-labelledby="scores-title"
      >
        <div className="judge-score-form-intro">
          <h2 id="scores-title">Your scores</h2>
          <p className="hint">
            Comments are optional. A comment you share is shown to the team after the prize
            ceremony, without your name. "Organizers only" comments stay with the organizers.
          </p>
        </div>
        {locked && (
          <p className="judge-locked-note">
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
          >
            <CommentBox
              label="Comment"
              about={`on ${criterion.name}`}
              value={(locked ? savedNotes : notes)[criterion.id]!.text}
              shared={(locked ? savedNotes : notes)[criterion.id]!.shared}
              max={LIMITS.criterionCommentMax}
              rows={2}
              disabled={locked}
              onText={(text) => setNote(criterion.id, { text })}
              onShared={(shared) => setNote(criterion.id, { shared })}
            />
          </ScoreControl>
        ))}
        <div className="judge-overall-comment">
          <CommentBox
            label="Overall comment"
            hint="What went well, and one thing to try next time."
            value={locked ? (team.myComment ?? "") : comment}
            shared={locked ? team.myCommentShared : commentShared}
            max={LIMITS.commentMax}
            rows={3}
            disabled={locked}
            onText={setComment}
            onShared={setCommentShared}
          />
        </div>
        {/* While a save is under way the buttons are only aria-disabled: disabling the
            focused button would drop a keyboard user's focus to the top of the page. */}
        <div className="judge-score-actions">
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
          <p className="judge-save-line" role="status">
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
      <section className="card judge-project" aria-label="The project">
        <p className="muted">
          This team hasn't sent in a project yet. You can still score what they show you.
        </p>
      </section>
    );
  return (
    <section className="card judge-project" aria-labelledby="project-title">
      <p className="eyebrow">The project</p>
      <h2 id="project-title">{submission.title}</h2>
      <ProjectBody project={submission} />
    </section>
  );
}
