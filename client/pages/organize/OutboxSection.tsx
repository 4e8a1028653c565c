/**
 * The emails the app has sent, or is holding because no mail server is set up. A guardian's
 * consent email prints as a letter (with its link and a QR code) for the organizer or a teacher
 * to hand over; it shows as answered once the guardian has answered, and as replaced once a
 * newer link was sent. The list follows changes live.
 */
import type { OutboxStatus, OutboxView } from "../../../shared/api";
import {
  AlertIcon,
  CheckIcon,
  CloseIcon,
  HourglassIcon,
  MailIcon,
  PrinterIcon,
} from "../../components/Icons";
import { EmptyState, ErrorState, Loading, Notice } from "../../components/States";
import { useSocketEvent } from "../../hooks/useEventSocket";
import { useQuery } from "../../hooks/useQuery";
import { useTitle } from "../../hooks/useTitle";
import { endpoint } from "../../lib/api";
import { dateTime, plural } from "../../lib/format";
import { Link } from "../../lib/router";
import type { SectionProps } from "./EventLayout";
import { LinkAddress } from "./LinkAddress";
import { isOpenLetter, isUnsentLetter } from "./outboxLetters";
import { SectionHead } from "./SectionHead";
import "./outbox.css";

export function OutboxSection({ event }: SectionProps) {
  useTitle(`${event.name}: outbox`);
  const outbox = useQuery(endpoint("/events/{slug}/outbox", { slug: event.slug }));
  useSocketEvent("outbox:changed", outbox.reload);
  const tz = event.timezone;
  const unsent = outbox.status === "ready" ? outbox.data.messages.filter(isUnsentLetter) : [];

  return (
    <>
      <SectionHead event={event.name} title="Outbox">
        <p>
          Every email the app sends for this event, such as each guardian's consent link. A consent
          link is for the guardian alone: send it by email, or print it as a letter to hand over.
        </p>
      </SectionHead>
      <LinkAddress what="Consent links in new emails" />
      {outbox.status === "loading" && <Loading label="Loading emails…" />}
      {outbox.status === "error" && <ErrorState error={outbox.error} retry={outbox.reload} />}
      {outbox.status === "ready" && (
        <>
          {!outbox.data.mailEnabled && (
            <Notice tone="warning" title="Emails are not being sent">
              <p>
                No mail server is set up (the SMTP_URL setting), so these emails wait here and
                nobody receives them. Print the consent letters and give each one to the guardian,
                or to a teacher to hand over. Teams never see the links.
              </p>
            </Notice>
          )}
          <div className="actions outbox-actions">
            {unsent.length > 0 ? (
              <Link className="btn btn-primary" to={`/organize/${event.slug}/letters`}>
                <PrinterIcon /> Print {plural(unsent.length, "consent letter")}
              </Link>
            ) : (
              outbox.data.messages.some((m) => m.consent) && (
                <p className="small muted">Every consent letter has been sent or answered.</p>
              )
            )}
          </div>
          {outbox.data.messages.length === 0 ? (
            <EmptyState icon={<MailIcon className="state-icon" />} title="No emails yet">
              <p>
                When a team signs up, an email with a consent link for each guardian shows here.
              </p>
            </EmptyState>
          ) : (
            <ul className="card-list outbox">
              {outbox.data.messages.map((m) => (
                <li key={m.id} className="card outbox-item">
                  <div className="card-head">
                    <div>
                      <h2 className="outbox-subject">{m.subject}</h2>
                      <p className="small muted outbox-to">
                        To {m.to}
                        {m.consent && ` · ${m.consent.teamName}`}
                      </p>
                    </div>
                    <StatusBadge message={m} timeZone={tz} />
                  </div>
                  {m.error && m.status === "failed" && (
                    <p className="small field-error">{m.error}</p>
                  )}
                  {m.status === "replaced" && (
                    <p className="small muted">
                      A newer link was sent to this guardian, so this one no longer works.
                    </p>
                  )}
                  <details className="outbox-body">
                    <summary>
                      Show the email<span className="visually-hidden"> to {m.to}</span>
                    </summary>
                    <pre>{m.body}</pre>
                  </details>
                  <div className="outbox-foot">
                    <p className="small muted">Written {dateTime(m.createdAt, tz)}</p>
                    {isOpenLetter(m) && (
                      <Link
                        className="btn btn-secondary"
                        to={`/organize/${event.slug}/letters?message=${m.id}`}
                      >
                        <PrinterIcon /> Print as a letter
                        <span className="visually-hidden"> for {m.to}</span>
                      </Link>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}

const BADGES: Record<OutboxStatus, { className: string; label: string }> = {
  waiting: { className: "badge-wait", label: "Waiting" },
  sent: { className: "badge-ok", label: "Sent" },
  failed: { className: "badge-bad", label: "Not sent" },
  answered: { className: "badge-ok", label: "Answered" },
  replaced: { className: "badge-finished", label: "Replaced" },
};

function StatusBadge({ message, timeZone }: { message: OutboxView; timeZone: string }) {
  const { className, label } = BADGES[message.status];
  const Icon =
    message.status === "waiting"
      ? HourglassIcon
      : message.status === "failed"
        ? AlertIcon
        : message.status === "replaced"
          ? CloseIcon
          : CheckIcon;
  return (
    <span className={`badge ${className}`}>
      <Icon /> {label}
      {message.status === "sent" && message.sentAt && ` ${dateTime(message.sentAt, timeZone)}`}
    </span>
  );
}
