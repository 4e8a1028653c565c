/**
 * Consent letters a teacher prints for the guardians without email: one A4 page per pupil of
 * their school still waiting for a guardian, with the event, what the guardian agrees to (taking
 * part; photos, yes or no) and lines to sign and date. No link, token or QR code: a consent
 * link is the guardian's alone, so the signed letter goes to the desk on the day, where an
 * organizer records it as paper consent. Printed by the browser (@media print), no PDF service.
 */
import type { TeacherLettersView } from "../../../shared/api";
import { consentTerms } from "../../../shared/rules/consent";
import { ConsentLetter, ConsentLetterScreen } from "../../components/ConsentLetter";
import { RequireRole } from "../../components/RequireRole";
import { useQuery } from "../../hooks/useQuery";
import { useTitle } from "../../hooks/useTitle";
import { endpoint } from "../../lib/api";
import "./pupilLetters.css";

export function TeacherLettersPage() {
  useTitle("Consent letters to print");
  return <RequireRole allow="teacher">{() => <Letters />}</RequireRole>;
}

function Letters() {
  const letters = useQuery(endpoint("/teachers/me/letters"));
  return (
    <ConsentLetterScreen
      back={{ to: "/teacher", label: "Your school", again: "Back to your school" }}
      title="Consent letters to print"
      lead="One A4 page for each pupil still waiting for a parent or guardian's answer. Give it to the guardians who have no email. They sign it, and the pupil hands it to the desk on the day."
      state={
        letters.status === "ready"
          ? {
              status: "ready",
              count: letters.data.letters.length,
              empty: {
                title: "No letters to print",
                text: "Every pupil's parent or guardian has answered already.",
              },
            }
          : letters.status === "error"
            ? { status: "error", error: letters.error, retry: letters.reload }
            : { status: "loading" }
      }
    >
      {letters.status === "ready" &&
        letters.data.letters.map((letter) => (
          <PupilLetter key={letter.pupilId} view={letters.data} letter={letter} />
        ))}
    </ConsentLetterScreen>
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
    <ConsentLetter
      firstName={firstName}
      to={`, team ${teamName}, ${view.school}`}
      event={event}
      covers={terms.covers}
      intro={
        <p>
          Everyone under 18 needs a parent or guardian's yes to take part. Please tick your answers,
          sign and date this letter.
        </p>
      }
      foot={
        <>
          <p className="pupil-letter-hand">Hand this to the desk on the day.</p>
          <p>
            Questions? Ask the organizers of {event.name}
            {contact ? `: ${contact}` : "."}
          </p>
        </>
      }
    >
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
    </ConsentLetter>
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
