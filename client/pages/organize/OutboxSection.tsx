/** The emails the app has sent, or is holding because no mail server is set up. */
import type { OutboxView } from "../../../shared/api";
import { AlertIcon, CheckIcon, HourglassIcon, MailIcon } from "../../components/Icons";
import { EmptyState, ErrorState, Loading, Notice } from "../../components/States";
import { useApi, useTitle } from "../../hooks/useApi";
import { seg } from "../../lib/api";
import { dateTime } from "../../lib/format";
import type { SectionProps } from "./EventLayout";
import { LinkAddress } from "./LinkAddress";
import { SectionHead } from "./SectionHead";
import "./live.css";

export function OutboxSection({ event }: SectionProps) {
  useTitle(`${event.name}: outbox`);
  const outbox = useApi<{ mailEnabled: boolean; messages: OutboxView[] }>(
    `/events/${seg(event.slug)}/outbox`,
  );
  const tz = event.timezone;

  return (
    <>
      <SectionHead event={event.name} title="Outbox">
        <p>Every email the app sends for this event, such as the consent links for guardians.</p>
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
                nobody receives them. Pass consent links on by hand: each team also sees its own
                links on its team page.
              </p>
            </Notice>
          )}
          <div className="actions outbox-actions">
            <button type="button" className="btn btn-secondary" onClick={outbox.reload}>
              Refresh
            </button>
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
                      <p className="small muted outbox-to">To {m.to}</p>
                    </div>
                    {m.sentAt ? (
                      <span className="badge badge-ok">
                        <CheckIcon /> Sent {dateTime(m.sentAt, tz)}
                      </span>
                    ) : m.error ? (
                      <span className="badge badge-bad">
                        <AlertIcon /> Not sent
                      </span>
                    ) : (
                      <span className="badge badge-wait">
                        <HourglassIcon /> Waiting
                      </span>
                    )}
                  </div>
                  {m.error && <p className="small field-error">{m.error}</p>}
                  <details className="outbox-body">
                    <summary>
                      Show the email<span className="visually-hidden"> to {m.to}</span>
                    </summary>
                    <pre>{m.body}</pre>
                  </details>
                  <p className="small muted">Written {dateTime(m.createdAt, tz)}</p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
