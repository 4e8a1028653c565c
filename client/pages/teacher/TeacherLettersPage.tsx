/**
 * Consent letters a teacher prints for the guardians without email: one A4 page per pupil of
 * their school still waiting for a guardian, with the event, what the guardian agrees to (taking
 * part; photos, yes or no) and lines to sign and date. No link, token or QR code: a consent
 * link is the guardian's alone, so the signed letter goes to the desk on the day, where an
 * organizer records it as paper consent. Printed by the browser (@media print), no PDF service.
 */
import type { TeacherLettersView } from "../../../shared/api";
import { consentTerms } from "../../../shared/rules/consent";
import { ArrowLeftIcon, LogoMark, PrinterIcon } from "../../components/Icons";
import { RequireRole } from "../../components/RequireRole";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useQuery } from "../../hooks/useQuery";
import { useTitle } from "../../hooks/useTitle";
import { endpoint } from "../../lib/api";
import { dateRange, plural } from "../../lib/format";
import { Link } from "../../lib/router";
import "./pupilLetters.css";

export function TeacherLettersPage() {
  useTitle("Consent letters to print");
  return <RequireRole allow="teacher">{() => <Letters />}</RequireRole>;
}

function Letters() {
  const letters = useQuery(endpoint("/teachers/me/letters"));
  return (
    <div className="page pupil-letter-screen">
      <div className="pupil-letter-toolbar">
        <Link to="/teacher" className="back-link">
          <ArrowLeftIcon /> Your school
        </Link>
        <h1>Consent letters to print</h1>
        <p className="lead">
          One A4 page for each pupil still waiting for a parent or guardian's answer. Give it to the
          guardians who have no email. They sign it, and the pupil hands it to the desk on the day.
        </p>
        {letters.status === "ready" && letters.data.letters.length > 0 && (
          <div className="actions">
            <button
              type="button"
              className="btn btn-primary btn-large"
              onClick={() => window.print()}
            >
              <PrinterIcon /> Print {plural(letters.data.letters.length, "letter")}
            </button>
            <p className="hint">In the print window, choose A4 paper and portrait.</p>
          </div>
        )}
      </div>
      {letters.status === "loading" && <Loading label="Loading the letters…" />}
      {letters.status === "error" && <ErrorState error={letters.error} retry={letters.reload} />}
      {letters.status === "ready" &&
        (letters.data.letters.length === 0 ? (
          <EmptyState
            title="No letters to print"
            action={
              <Link className="btn btn-primary" to="/teacher">
                Back to your school
              </Link>
            }
          >
            <p>Every pupil's parent or guardian has answered already.</p>
          </EmptyState>
        ) : (
          <div className="pupil-letter-sheet">
            {letters.data.letters.map((letter) => (
              <PupilLetter key={letter.pupilId} view={letters.data} letter={letter} />
            ))}
          </div>
        ))}
    </div>
  );
}

function PupilLetter({
  view,
  letter,
}: {
  view: TeacherLettersView;
  letter: TeacherLettersView["letters"][number];
}) {
  const { event } = view;
  const { firstName, teamName } = letter;
  const terms = consentTerms({ firstName, teamName, eventName: event.name, venue: event.venue });
  const contact = [event.contactEmail, event.contactPhone].filter(Boolean).join(" · ");
  return (
    <article className="pupil-letter" aria-label={`Consent letter for ${firstName}'s guardian`}>
      <div className="pupil-letter-page">
        <header className="pupil-letter-head">
          <p className="pupil-letter-brand">
            <LogoMark className="pupil-letter-logo" />
            Hack Manchester <span>Junior</span>
          </p>
          <p className="pupil-letter-to">
            For the parent or guardian of <strong>{firstName}</strong>, team {teamName},{" "}
            {view.school}
          </p>
        </header>
        <h2 className="pupil-letter-title">
          Can {firstName} take part in {event.name}?
        </h2>
        <p className="pupil-letter-when">
          {dateRange(event.startsAt, event.endsAt, event.timezone)} · {event.venue}
        </p>
        <p>
          Everyone under 18 needs a parent or guardian's yes to take part. Please tick your answers,
          sign and date this letter.
        </p>
        <h3>What you are agreeing to</h3>
        <ul className="pupil-letter-covers">
          {terms.covers.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <div className="pupil-letter-answers">
          <Answer question={`Can ${firstName} take part?`} />
          <Answer question={`Can ${firstName} be in photos and video of the event?`} />
        </div>
        <div className="pupil-letter-sign">
          <p>
            Your name <span className="pupil-letter-line" />
          </p>
          <p>
            Signature <span className="pupil-letter-line" />
          </p>
          <p>
            Date <span className="pupil-letter-line pupil-letter-line-short" />
          </p>
        </div>
        <p>{terms.whoSees}</p>
        <footer className="pupil-letter-foot">
          <p className="pupil-letter-hand">Hand this to the desk on the day.</p>
          <p>
            Questions? Ask the organizers of {event.name}
            {contact ? `: ${contact}` : "."}
          </p>
        </footer>
      </div>
    </article>
  );
}

/** Two boxes to tick, with words: an empty box is no answer, never a yes. */
function Answer({ question }: { question: string }) {
  return (
    <p className="pupil-letter-answer">
      <span className="pupil-letter-question">{question}</span>
      <span className="pupil-letter-box" aria-hidden="true" /> Yes
      <span className="pupil-letter-box" aria-hidden="true" /> No
    </p>
  );
}
