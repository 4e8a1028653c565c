/**
 * The judges' written feedback, for the organizer: every comment with the judge's name, the
 * ones marked "Organizers only" tagged, and the button that lets every team read its shared
 * comments (without judge names) on its dashboard. Release is possible once the ceremony is
 * over, asks first, and cannot be taken back.
 */
import { useEffect, useRef, useState } from "react";
import type { FeedbackOverview } from "../../../../shared/api";
import { ConfirmPanel, useReturnFocus } from "../../../components/ConfirmPanel";
import { CheckIcon, EyeOffIcon, MegaphoneIcon, UsersIcon } from "../../../components/Icons";
import { ErrorState, Loading } from "../../../components/States";
import { useApi } from "../../../hooks/useApi";
import { useSocketEvent } from "../../../hooks/useEventSocket";
import { api, messageOf, seg } from "../../../lib/api";
import { dateTime, plural } from "../../../lib/format";
import "./feedback.css";

type TeamComments = FeedbackOverview["teams"][number];

export function FeedbackPanel({ slug, timeZone }: { slug: string; timeZone: string }) {
  const path = `/events/${seg(slug)}/feedback`;
  const overview = useApi<FeedbackOverview>(path);
  const ready = overview.status === "ready" ? overview.data : null;
  // The ceremony ending (on any device) makes release possible; another device may release.
  useSocketEvent("ceremony:state", (state) => {
    if (ready && state.finished !== ready.canRelease) overview.reload();
  });
  useSocketEvent("feedback:released", ({ releasedAt }) => {
    if (overview.status === "ready")
      overview.setData((d) => ({ ...d, releasedAt: d.releasedAt ?? releasedAt }));
  });

  return (
    <section className="card feedback-panel" aria-labelledby="feedback-panel-title">
      <h2 id="feedback-panel-title">
        <MegaphoneIcon /> Feedback for teams
      </h2>
      <p>
        Judges can leave a comment on each criterion and one overall. Teams read the comments marked
        "Share with the team" on their dashboard once you release them, without the judges' names.
        Comments marked "Organizers only" stay here.
      </p>
      {overview.status === "loading" && <Loading label="Loading the judges' comments…" />}
      {overview.status === "error" && (
        <ErrorState
          title="We couldn't load the comments"
          error={overview.error}
          retry={overview.reload}
        />
      )}
      {ready && (
        <>
          <Release
            slug={slug}
            timeZone={timeZone}
            overview={ready}
            onReleased={(releasedAt) =>
              overview.status === "ready" && overview.setData((d) => ({ ...d, releasedAt }))
            }
          />
          <Comments teams={ready.teams} />
        </>
      )}
    </section>
  );
}

function Release({
  slug,
  timeZone,
  overview,
  onReleased,
}: {
  slug: string;
  timeZone: string;
  overview: FeedbackOverview;
  onReleased: (releasedAt: string) => void;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const released = overview.releasedAt !== null;
  const openRef = useReturnFocus(asking && !released);

  // Once released the question has gone: the outcome takes the focus, so a keyboard user is
  // never left at the top. A release from another device moves nobody's focus.
  useEffect(() => {
    if (released && asking) doneRef.current?.focus();
  }, [released, asking]);

  if (overview.releasedAt)
    return (
      <p className="feedback-released" role="status" ref={doneRef} tabIndex={-1}>
        <CheckIcon /> Released at {dateTime(overview.releasedAt, timeZone)}. Teams can read their
        shared comments on their dashboard.
      </p>
    );

  const shared = overview.teams.filter((t) => t.comments.some((c) => c.shared)).length;
  const release = async () => {
    setBusy(true);
    setError(null);
    try {
      const { releasedAt } = await api.post<{ releasedAt: string }>(
        `/events/${seg(slug)}/feedback/release`,
      );
      onReleased(releasedAt);
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  if (asking)
    return (
      <ConfirmPanel
        className="feedback-confirm"
        questionClassName=""
        legend="Release feedback to teams"
        question={`Release feedback now? ${plural(shared, "team")} will see the comments judges shared with them, without the judges' names. This can't be undone.`}
        error={error}
        confirm={busy ? "Releasing…" : "Yes, release feedback"}
        onConfirm={() => void release()}
        busy={busy}
        cancel="Not yet"
        onCancel={() => setAsking(false)}
      />
    );

  return (
    <div className="feedback-release">
      <button
        ref={openRef}
        type="button"
        className="btn btn-primary"
        disabled={!overview.canRelease}
        aria-describedby="feedback-release-hint"
        onClick={() => setAsking(true)}
      >
        <UsersIcon /> Release feedback to teams
      </button>
      <p className="hint" id="feedback-release-hint">
        {overview.canRelease
          ? "Teams see nothing until you release it."
          : "You can release feedback after the ceremony, once the last award is revealed."}
      </p>
    </div>
  );
}

function Comments({ teams }: { teams: TeamComments[] }) {
  if (teams.length === 0)
    return (
      <p className="feedback-none">
        No comments yet. Judges write them on each team's scoring page, under the scores.
      </p>
    );
  const all = teams.flatMap((t) => t.comments);
  const hidden = all.filter((c) => !c.shared).length;
  return (
    <>
      <p className="feedback-count">
        {plural(all.length, "comment")} for {plural(teams.length, "team")}
        {hidden > 0 && `, ${hidden} of them for organizers only`}.
      </p>
      <ul className="feedback-teams">
        {teams.map((team) => (
          <li key={team.teamId}>
            <h3>
              {team.teamName} <span className="muted">· {team.categoryName}</span>
            </h3>
            <ul className="feedback-comments">
              {team.comments.map((c) => (
                // One comment per judge and criterion (or overall) on a team.
                <li
                  key={`${c.judgeId}:${c.criterionId ?? "overall"}`}
                  className={c.shared ? undefined : "feedback-private"}
                >
                  <p className="feedback-who">
                    <strong>{c.judgeName}</strong>
                    <span className="muted"> · {c.criterionName ?? "Overall"}</span>
                    {!c.shared && (
                      <span className="badge badge-wait">
                        <EyeOffIcon /> Organizers only
                      </span>
                    )}
                  </p>
                  <p className="feedback-text">{c.text}</p>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </>
  );
}
