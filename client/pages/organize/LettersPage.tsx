/**
 * Guardians' consent letters to print on A4, one per page: the child's first name, the team,
 * the event and its dates, what consent covers (taking part, the medical notes, photos only if
 * asked for separately), and the guardian's link in full with a QR code. For the organizer or a
 * teacher to hand to the guardian when no mail server sends the emails, or when a guardian
 * needs it on paper. Never a last name, a date of birth or a note: the letter travels
 * through other hands.
 *
 * `?message=<id>` prints one email's letter, `?member=<id>` the member's current one; with
 * neither, every letter no mail server has delivered and no guardian has answered yet.
 */
import type { EventView, OutboxView } from "../../../shared/api";
import { consentTerms } from "../../../shared/rules/consent";
import { ConsentLetter, ConsentLetterScreen } from "../../components/ConsentLetter";
import { QrCode } from "../../components/QrCode";
import { useQuery } from "../../hooks/useQuery";
import { useTitle } from "../../hooks/useTitle";
import { endpoint } from "../../lib/api";
import { useLocation } from "../../lib/router";
import { isOpenLetter, isUnsentLetter } from "./outboxLetters";
import "./letters.css";

type Letter = OutboxView & { consent: NonNullable<OutboxView["consent"]> };

/** Which letters to print, or why there are none. */
function choose(
  messages: OutboxView[],
  search: URLSearchParams,
): { letters: Letter[]; empty: { title: string; text: string } } {
  const messageId = search.get("message");
  const memberId = search.get("member");
  const open = messages.filter(isOpenLetter) as Letter[];
  if (messageId || memberId) {
    const letter = open.find((m) =>
      messageId ? m.id === messageId : m.consent.memberId === memberId,
    );
    const known = messages.find((m) =>
      messageId ? m.id === messageId : m.consent?.memberId === memberId,
    );
    return {
      letters: letter ? [letter] : [],
      empty:
        known?.status === "answered"
          ? {
              title: "This guardian has already answered",
              text: "There's no need for a letter: their answer is on the team's page.",
            }
          : known?.status === "replaced"
            ? {
                title: "A newer link was sent",
                text: "This letter's link no longer works. Print the newest letter for this guardian from the outbox.",
              }
            : {
                title: "We can't find that letter",
                text: "It may belong to a member who was removed from their team. Go back to the outbox and choose a letter there.",
              },
    };
  }
  return {
    letters: messages.filter(isUnsentLetter) as Letter[],
    empty: {
      title: "No letters to print",
      text: "Every guardian's link has been emailed or answered. To print one anyway, choose it in the outbox.",
    },
  };
}

export function LettersPage({ slug }: { slug: string }) {
  const event = useQuery(endpoint("/events/{slug}", { slug }));
  const outbox = useQuery(endpoint("/events/{slug}/outbox", { slug }));
  const { search } = useLocation();
  useTitle(event.status === "ready" ? `${event.data.event.name}: consent letters` : "Letters");

  const failed = event.status === "error" ? event : outbox.status === "error" ? outbox : null;
  const ready = event.status === "ready" && outbox.status === "ready";
  const chosen = ready ? choose(outbox.data.messages, search) : null;

  return (
    <ConsentLetterScreen
      back={{ to: `/organize/${slug}/outbox`, label: "Outbox", again: "Back to the outbox" }}
      title="Consent letters"
      lead="One A4 page for each guardian, with their own link and a QR code. Give each letter to the child's parent or guardian, or to a teacher to hand over. Each link is for that guardian alone."
      state={
        failed
          ? { status: "error", error: failed.error, retry: failed.reload }
          : chosen
            ? { status: "ready", count: chosen.letters.length, empty: chosen.empty }
            : { status: "loading" }
      }
    >
      {event.status === "ready" &&
        chosen?.letters.map((letter) => (
          <GuardianLetter key={letter.id} event={event.data.event} letter={letter} />
        ))}
    </ConsentLetterScreen>
  );
}

function GuardianLetter({ event, letter }: { event: EventView; letter: Letter }) {
  const { firstName, teamName, link } = letter.consent;
  const terms = consentTerms({ firstName, teamName, eventName: event.name, venue: event.venue });
  return (
    <ConsentLetter
      firstName={firstName}
      to={` (team ${teamName})`}
      event={event}
      covers={terms.covers}
      intro={
        <>
          <p>
            {firstName} has been signed up with the team "{teamName}". Everyone under 18 needs a
            parent or guardian's yes to take part. Please answer on your phone or computer: scan the
            code with your phone's camera, or type the link.
          </p>
          <div className="letter-link">
            <div className="letter-qr">
              <QrCode
                text={link}
                label={`QR code of the consent link for ${firstName}'s guardian`}
              />
            </div>
            <div>
              <p className="letter-link-label">Your link</p>
              <p className="letter-url">{link}</p>
              <p className="small">
                This link is for you alone: please don't pass it on. It records one answer.
              </p>
            </div>
          </div>
        </>
      }
      foot={
        <p>
          Questions? Ask the organizers of {event.name}. No internet? Tell an organizer at the
          event, who can record your answer on a paper form.
        </p>
      }
    >
      <h3>Who sees {firstName}'s details</h3>
      <p>{terms.whoSees}</p>
      <p>{terms.retention}</p>
    </ConsentLetter>
  );
}
