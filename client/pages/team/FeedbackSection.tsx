/**
 * "Feedback from the judges" on the team's dashboard. Empty until the organizer releases the
 * team's category after the prize ceremony (the page reloads it on every `feedback:released`
 * push, which also comes when a released comment is withdrawn); then one card per judge, named
 * only "Judge 1", "Judge 2"…, with the comments they chose to share, in the organizer's words
 * where an organizer changed them. Printing the dashboard once feedback is out prints just this section, headed with
 * the event, the team and the project (see feedback.css).
 */
import { type ReactNode, useEffect, useRef } from "react";
import type { FeedbackCard, TeamFeedback } from "../../../shared/api";
import { HourglassIcon, MegaphoneIcon, PrinterIcon } from "../../components/Icons";
import { ErrorState, Loading } from "../../components/States";
import { useEventSocket, useSocketEvent } from "../../hooks/useEventSocket";
import { useQuery } from "../../hooks/useQuery";
import { endpoint } from "../../lib/api";
import { dateTime } from "../../lib/format";
import "../../styles/print.css";
import "./feedback.css";

export function FeedbackSection({
  eventName,
  timeZone,
  live,
}: {
  eventName: string | null;
  timeZone: string | null;
  /** Under an <EventSocketProvider>: reload when the organizer releases feedback. */
  live: boolean;
}) {
  const feedback = useQuery(endpoint("/teams/me/feedback"));
  const released = feedback.status === "ready" && feedback.data.released;

  let body: ReactNode;
  if (feedback.status === "loading") body = <Loading label="Loading your feedback…" />;
  else if (feedback.status === "error")
    body = (
      <ErrorState
        title="We couldn't load your feedback"
        error={feedback.error}
        retry={feedback.reload}
      />
    );
  else if (!feedback.data.released)
    body = (
      <p className="feedback-wait">
        <HourglassIcon /> Your feedback will appear here after the prize ceremony.
      </p>
    );
  else body = <Released feedback={feedback.data} eventName={eventName} timeZone={timeZone} />;

  return (
    <section
      className={`card feedback${released ? " feedback-printable print-alone" : ""}`}
      aria-labelledby="feedback-title"
    >
      {live && <ReloadOnRelease reload={feedback.reload} waiting={!released} />}
      <h2 id="feedback-title">
        <MegaphoneIcon /> Feedback from the judges
      </h2>
      {body}
    </section>
  );
}

/** Reloads on the release push, and after a reconnect in case the push was missed. */
function ReloadOnRelease({ reload, waiting }: { reload: () => void; waiting: boolean }) {
  const { status } = useEventSocket();
  useSocketEvent("feedback:released", reload);
  const before = useRef(status);
  useEffect(() => {
    if (status === "connected" && before.current === "reconnecting" && waiting) reload();
    before.current = status;
  }, [status, waiting, reload]);
  return null;
}

function Released({
  feedback,
  eventName,
  timeZone,
}: {
  feedback: TeamFeedback;
  eventName: string | null;
  timeZone: string | null;
}) {
  return (
    <>
      {/* Only on paper: what the sheet is about, as the page's own header is not printed. */}
      <div className="feedback-print-head">
        <p className="feedback-print-event">{eventName ?? feedback.eventName}</p>
        <p className="feedback-print-team">{feedback.teamName}</p>
        <p>
          {feedback.projectTitle ? `“${feedback.projectTitle}” · ` : ""}
          {feedback.categoryName}
        </p>
      </div>
      {feedback.cards.length === 0 ? (
        <div className="feedback-empty">
          <p>
            <strong>The judges didn't leave written comments to share this time.</strong>
          </p>
          <p>They watched and scored your project all the same. Well done for taking part!</p>
        </div>
      ) : (
        <>
          <p className="feedback-intro">
            What the judges wrote about your project. Each judge is shown as a number, not by name.
            {feedback.releasedAt && timeZone && (
              <span className="feedback-when">
                {" "}
                Shared on {dateTime(feedback.releasedAt, timeZone)}.
              </span>
            )}
          </p>
          <ol className="feedback-cards">
            {feedback.cards.map((card) => (
              <JudgeCard key={card.label} card={card} />
            ))}
          </ol>
          <div className="feedback-actions">
            <button type="button" className="btn btn-secondary" onClick={() => window.print()}>
              <PrinterIcon /> Print feedback
            </button>
          </div>
        </>
      )}
    </>
  );
}

function JudgeCard({ card }: { card: FeedbackCard }) {
  return (
    <li className="feedback-card">
      <h3>{card.label}</h3>
      {card.overall && <p className="feedback-overall">{card.overall}</p>}
      {card.criteria.length > 0 && (
        <dl className="feedback-criteria">
          {card.criteria.map((c) => (
            <div key={c.criterionId}>
              <dt>{c.criterionName}</dt>
              <dd>{c.text}</dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}
