/**
 * "Send the link again" for a member whose guardian hasn't answered. The server makes a new
 * link (the old one stops working) and sends it to the guardian's address, or, with no mail
 * server, puts a new letter in the organizers' outbox. Whoever presses it never sees the link.
 */
import { useState } from "react";
import type { ConsentLinkSent, MemberView, PupilLinkSent } from "../../shared/api";
import { api, messageOf } from "../lib/api";
import { MailIcon } from "./Icons";
import "./ResendConsentLink.css";

export function ResendConsentLink({
  path,
  member,
  onSent,
  letterNote,
  label = "Send the link again",
}: {
  /** The API path that sends it: the team's own, the organizer's or the teacher's. */
  path: string;
  member: Pick<MemberView, "firstName">;
  /** The member as now, for pages that keep them; a teacher's page hears of it by its socket. */
  onSent?: (member: MemberView) => void;
  /** What happens next without a mail server, said to whoever pressed. */
  letterNote: string;
  /** The button's words; an organizer asking a guardian who answered says so. */
  label?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const name = member.firstName;

  const send = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const sent = await api.post<ConsentLinkSent | PupilLinkSent>(path);
      setMessage({
        failed: false,
        text:
          sent.delivery === "email"
            ? `A new link is on its way to ${name}'s guardian by email. The old link no longer works.`
            : `A new link for ${name}'s guardian is ready. ${letterNote} The old link no longer works.`,
      });
      if ("member" in sent) onSent?.(sent.member);
    } catch (error) {
      setMessage({ failed: true, text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="resend-link">
      <button type="button" className="btn btn-secondary" onClick={send} disabled={busy}>
        <MailIcon />
        {busy ? "Sending…" : label}
        <span className="visually-hidden"> to {name}'s guardian</span>
      </button>
      <p className={`small${message?.failed ? " field-error" : ""}`} role="status">
        {message?.text}
      </p>
    </div>
  );
}
