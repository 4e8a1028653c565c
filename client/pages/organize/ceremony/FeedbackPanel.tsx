/**
 * The judges' written feedback, for the organizer: every comment with the judge's name, per
 * category, the ones marked "Organizers only" tagged. Once scoring is locked, a shared comment
 * can be hidden or reworded before its category is released (the judge's own words are kept
 * and shown here); each category is released on its own once the ceremony is over, asking
 * first, and a released comment can still be withdrawn from the team's page.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import type { FeedbackComment, FeedbackOverview } from "../../../../shared/api";
import { LIMITS } from "../../../../shared/limits";
import { ConfirmPanel, useReturnFocus } from "../../../components/ConfirmPanel";
import { TextAreaField } from "../../../components/Field";
import { CheckIcon, EyeOffIcon, MegaphoneIcon, UsersIcon } from "../../../components/Icons";
import { ErrorState, Loading } from "../../../components/States";
import { useSocketEvent } from "../../../hooks/useEventSocket";
import { useMutation } from "../../../hooks/useMutation";
import { useQuery } from "../../../hooks/useQuery";
import { api, endpoint } from "../../../lib/api";
import { dateTime, plural } from "../../../lib/format";
import "./review.css";

type Category = FeedbackOverview["categories"][number];
type TeamComments = Category["teams"][number];

export function FeedbackPanel({ slug, timeZone }: { slug: string; timeZone: string }) {
  const overview = useQuery(endpoint("/events/{slug}/feedback", { slug }));
  const ready = overview.status === "ready" ? overview.data : null;
  // The ceremony ending or scoring being locked (on any device) opens what can be done here;
  // another device may release a category or change a comment.
  useSocketEvent("ceremony:state", (state) => {
    if (ready && state.finished !== ready.canRelease) overview.reload();
  });
  useSocketEvent("leaderboard", (board) => {
    if (ready && board.locked !== ready.locked) overview.reload();
  });
  useSocketEvent("feedback:released", () => overview.reload());

  const comments = ready?.categories.flatMap((c) => c.teams).flatMap((t) => t.comments) ?? [];
  return (
    <section className="card review-panel" aria-labelledby="feedback-panel-title">
      <h2 id="feedback-panel-title">
        <MegaphoneIcon /> Feedback for teams
      </h2>
      <p>
        Judges can leave a comment on each criterion and one overall. Teams read the comments marked
        "Share with the team" on their dashboard once you release their category, without the
        judges' names. Comments marked "Organizers only" stay here.
      </p>
      {ready && (
        <p className="hint">
          {ready.locked
            ? "Before you release a category, you can hide a comment or change its words. The judge's own words are kept. Once released, you can still withdraw a comment."
            : "Once scoring is locked, you can hide a comment or change its words before teams read it."}
        </p>
      )}
      {overview.status === "loading" && <Loading label="Loading the judges' comments…" />}
      {overview.status === "error" && (
        <ErrorState
          title="We couldn't load the comments"
          error={overview.error}
          retry={overview.reload}
        />
      )}
      {ready &&
        (comments.length === 0 ? (
          <p className="review-none">
            No comments yet. Judges write them on each team's scoring page, under the scores.
          </p>
        ) : (
          ready.categories
            .filter((c) => c.teams.length > 0)
            .map((category) => (
              <CategoryFeedback
                key={category.categoryId}
                slug={slug}
                timeZone={timeZone}
                category={category}
                locked={ready.locked}
                canRelease={ready.canRelease}
                onChange={overview.reload}
                onComment={(teamId, comment) =>
                  overview.status === "ready" &&
                  overview.setData((d) => replaceComment(d, teamId, comment))
                }
              />
            ))
        ))}
    </section>
  );
}

const sameComment = (a: FeedbackComment, b: FeedbackComment) =>
  a.judgeId === b.judgeId && a.criterionId === b.criterionId;

function replaceComment(
  overview: FeedbackOverview,
  teamId: string,
  comment: FeedbackComment,
): FeedbackOverview {
  return {
    ...overview,
    categories: overview.categories.map((c) => ({
      ...c,
      teams: c.teams.map((t) =>
        t.teamId === teamId
          ? { ...t, comments: t.comments.map((x) => (sameComment(x, comment) ? comment : x)) }
          : t,
      ),
    })),
  };
}

function CategoryFeedback({
  slug,
  timeZone,
  category,
  locked,
  canRelease,
  onChange,
  onComment,
}: {
  slug: string;
  timeZone: string;
  category: Category;
  locked: boolean;
  canRelease: boolean;
  onChange: () => void;
  onComment: (teamId: string, comment: FeedbackComment) => void;
}) {
  const headingId = useId();
  const all = category.teams.flatMap((t) => t.comments);
  const privateCount = all.filter((c) => !c.shared).length;
  const hiddenCount = all.filter((c) => c.shared && c.hidden).length;
  return (
    <section className="review-category" aria-labelledby={headingId}>
      <h3 id={headingId}>{category.categoryName}</h3>
      <Release
        slug={slug}
        timeZone={timeZone}
        category={category}
        canRelease={canRelease}
        onReleased={onChange}
      />
      <p className="review-count">
        {plural(all.length, "comment")} for {plural(category.teams.length, "team")}
        {privateCount > 0 && `, ${privateCount} of them for organizers only`}
        {hiddenCount > 0 && `, ${hiddenCount} hidden from the team`}.
      </p>
      <ul className="review-teams">
        {category.teams.map((team) => (
          <TeamComments
            key={team.teamId}
            slug={slug}
            timeZone={timeZone}
            team={team}
            locked={locked}
            released={category.releasedAt !== null}
            onConflict={onChange}
            onComment={(comment) => onComment(team.teamId, comment)}
          />
        ))}
      </ul>
    </section>
  );
}

function Release({
  slug,
  timeZone,
  category,
  canRelease,
  onReleased,
}: {
  slug: string;
  timeZone: string;
  category: Category;
  canRelease: boolean;
  onReleased: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const release = useMutation(
    () =>
      api.send(
        "POST /events/{slug}/feedback/release",
        { slug },
        { categoryId: category.categoryId },
      ),
    { onSuccess: onReleased },
  );
  const doneRef = useRef<HTMLParagraphElement>(null);
  const hintId = useId();
  const released = category.releasedAt !== null;
  const openRef = useReturnFocus(asking && !released);

  // Once released the question has gone: the outcome takes the focus, so a keyboard user is
  // never left at the top. A release from another device moves nobody's focus.
  useEffect(() => {
    if (released && asking) doneRef.current?.focus();
  }, [released, asking]);

  if (category.releasedAt)
    return (
      <p className="review-released" role="status" ref={doneRef} tabIndex={-1}>
        <CheckIcon /> Released at {dateTime(category.releasedAt, timeZone)}. Teams in{" "}
        {category.categoryName} can read their shared comments on their dashboard.
      </p>
    );

  const shared = category.teams.filter((t) => t.comments.some((c) => c.shared && !c.hidden)).length;

  if (asking)
    return (
      <ConfirmPanel
        className="review-confirm"
        questionClassName=""
        legend={`Release feedback for ${category.categoryName}`}
        question={`Release feedback for ${category.categoryName} now? ${plural(shared, "team")} will see the comments judges shared with them, without the judges' names. You can still withdraw a comment afterwards, but not change its words.`}
        error={release.message}
        confirm={release.busy ? "Releasing…" : "Yes, release feedback"}
        onConfirm={() => void release.run()}
        busy={release.busy}
        cancel="Not yet"
        onCancel={() => setAsking(false)}
      />
    );

  return (
    <div className="review-release">
      <button
        ref={openRef}
        type="button"
        className="btn btn-primary"
        disabled={!canRelease}
        aria-describedby={hintId}
        onClick={() => setAsking(true)}
      >
        <UsersIcon /> Release feedback for {category.categoryName}
      </button>
      <p className="hint" id={hintId}>
        {canRelease
          ? "Teams see nothing until you release it."
          : "You can release feedback after the ceremony, once the last award is revealed."}
      </p>
    </div>
  );
}

function TeamComments({
  slug,
  timeZone,
  team,
  locked,
  released,
  onConflict,
  onComment,
}: {
  slug: string;
  timeZone: string;
  team: TeamComments;
  locked: boolean;
  released: boolean;
  onConflict: () => void;
  onComment: (comment: FeedbackComment) => void;
}) {
  return (
    <li>
      <h4>{team.teamName}</h4>
      <ul className="review-comments">
        {team.comments.map((c) => (
          // One comment per judge and criterion (or overall) on a team.
          <CommentRow
            key={`${c.judgeId}:${c.criterionId ?? "overall"}`}
            slug={slug}
            timeZone={timeZone}
            teamId={team.teamId}
            teamName={team.teamName}
            comment={c}
            locked={locked}
            released={released}
            onConflict={onConflict}
            onComment={onComment}
          />
        ))}
      </ul>
    </li>
  );
}

function CommentRow({
  slug,
  timeZone,
  teamId,
  teamName,
  comment: c,
  locked,
  released,
  onConflict,
  onComment,
}: {
  slug: string;
  timeZone: string;
  teamId: string;
  teamName: string;
  comment: FeedbackComment;
  locked: boolean;
  released: boolean;
  onConflict: () => void;
  onComment: (comment: FeedbackComment) => void;
}) {
  const [editing, setEditing] = useState(false);
  const save = useMutation(
    (patch: { hidden?: boolean; text?: string | null }) =>
      api.send(
        "PATCH /events/{slug}/feedback/comments",
        { slug },
        { teamId, judgeId: c.judgeId, criterionId: c.criterionId, version: c.version, ...patch },
      ),
    {
      onSuccess: ({ comment }) => {
        setEditing(false);
        onComment(comment);
      },
      onError: (error) => {
        // Someone else's change came first: show it, so the next try starts from it.
        if (error.slug === "comment-changed") {
          setEditing(false);
          onConflict();
        }
        return false;
      },
    },
  );
  const { busy, message } = save;
  const change = save.run;
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  // Leaving the words form (saved or not) puts the focus back on the button that opened it.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const about = `${c.judgeName}'s ${c.criterionName ? `comment on ${c.criterionName}` : "overall comment"} for ${teamName}`;

  const classes = [
    c.shared ? "" : "review-private",
    c.shared && c.hidden ? "review-hidden" : "",
  ].join(" ");
  return (
    <li className={classes.trim() || undefined}>
      <p className="review-who">
        <strong>{c.judgeName}</strong>
        <span className="muted"> · {c.criterionName ?? "Overall"}</span>
        {!c.shared && (
          <span className="badge badge-wait">
            <EyeOffIcon /> Organizers only
          </span>
        )}
        {c.shared && c.hidden && (
          <span className="badge badge-bad">
            <EyeOffIcon /> {released ? "Withdrawn" : "Hidden from the team"}
          </span>
        )}
        {c.edited && <span className="badge">Words changed</span>}
      </p>
      {editing ? (
        <EditComment
          comment={c}
          about={about}
          busy={busy}
          onSave={(text) => void change({ text })}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <p className="review-text">{c.text}</p>
      )}
      {c.edited && !editing && (
        <details className="review-original">
          <summary>
            What the judge wrote<span className="visually-hidden"> ({about})</span>
          </summary>
          <p className="review-text">{c.original}</p>
        </details>
      )}
      {c.changedAt && (
        <p className="small muted review-changed">
          Changed by {c.changedBy ?? "an organizer"}, {dateTime(c.changedAt, timeZone)}
        </p>
      )}
      {c.shared && locked && !editing && (
        <div className="review-actions">
          {/* One button that changes its words, so the focus stays on it after a press (and
              aria-disabled while it runs: a disabled button would drop the focus). */}
          <button
            type="button"
            className="btn btn-secondary"
            aria-disabled={busy}
            onClick={() => {
              if (!busy) void change({ hidden: !c.hidden });
            }}
          >
            {c.hidden ? "Show it again" : released ? "Withdraw" : "Hide"}
            <span className="visually-hidden"> {about}</span>
          </button>
          {!released && (
            <button
              ref={editButton}
              type="button"
              className="btn btn-secondary"
              disabled={busy}
              onClick={() => {
                save.reset();
                setEditing(true);
              }}
            >
              Change the words<span className="visually-hidden"> of {about}</span>
            </button>
          )}
        </div>
      )}
      <p className={`review-message${message ? " small field-error" : ""}`} role="status">
        {message}
      </p>
    </li>
  );
}

function EditComment({
  comment,
  about,
  busy,
  onSave,
  onCancel,
}: {
  comment: FeedbackComment;
  about: string;
  busy: boolean;
  onSave: (text: string | null) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(comment.text);
  const [error, setError] = useState<string>();
  const max = comment.criterionId ? LIMITS.criterionCommentMax : LIMITS.commentMax;
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    formRef.current?.querySelector("textarea")?.focus();
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) {
      setError("Write the comment, or hide it instead.");
      return;
    }
    onSave(text.trim() === comment.original ? null : text);
  };

  return (
    <form ref={formRef} className="review-edit" onSubmit={submit} noValidate>
      <TextAreaField
        label={`New words for ${about}`}
        hint="The team reads these instead of the judge's. The judge's own words are kept."
        error={error}
        rows={3}
        maxLength={max}
        value={text}
        onValue={(v) => {
          setText(v);
          setError(undefined);
        }}
      />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? "Saving…" : "Save the words"}
        </button>
        {comment.edited && (
          <button
            type="button"
            className="btn btn-secondary"
            disabled={busy}
            onClick={() => onSave(null)}
          >
            Use the judge's words
          </button>
        )}
        <button type="button" className="btn btn-ghost" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
