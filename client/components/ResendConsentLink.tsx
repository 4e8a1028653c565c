/**
 * "Send the link again" for a member whose guardian hasn't answered. The server makes a new
 * link (the old one stops working) and sends it to the guardian's address, or, with no mail
 * server, puts a new letter in the organizers' outbox. Whoever presses it never sees the link.
 */
import { useState } from "react";
import type { ConsentLinkSent, MemberView, PupilLinkSent } from "../../shared/api";
import { useMutation } from "../hooks/useMutation";
import { MailIcon } from "./Icons";
import "./ResendConsentLink.css";

export function ResendConsentLink({
  send,
  member,
  onSent,
  letterNote,
  label = "Send the link again",
}: {
  /** Sends it: the team's own route, the organizer's or the teacher's. */
  send: () => Promise<ConsentLinkSent | PupilLinkSent>;
  member: Pick<MemberView, "firstName">;
  /** The member as now, for pages that keep them; a teacher's page hears of it by its socket. */
  onSent?: (member: MemberView) => void;
  /** What happens next without a mail server, said to whoever pressed. */
  letterNote: string;
  /** The button's words; an organizer asking a guardian who answered says so. */
  label?: string;
}) {
  const [sentText, setSentText] = useState<string | null>(null);
  const name = member.firstName;
  const resend = useMutation<void, ConsentLinkSent | PupilLinkSent>(send, {
    onSuccess: (sent) => {
      setSentText(
        sent.delivery === "email"
          ? `A new link is on its way to ${name}'s guardian by email. The old link no longer works.`
          : `A new link for ${name}'s guardian is ready. ${letterNote} The old link no longer works.`,
      );
      if ("member" in sent) onSent?.(sent.member);
    },
  });
  const start = () => {
    setSentText(null);
    void resend.run();
  };

  return (
    <div className="resend-link">
      <button type="button" className="btn btn-secondary" onClick={start} disabled={resend.busy}>
        <MailIcon />
        {resend.busy ? "Sending…" : label}
        <span className="visually-hidden"> to {name}'s guardian</span>
      </button>
      <p className={`small${resend.message ? " field-error" : ""}`} role="status">
        {resend.message ?? sentText}
      </p>
    </div>
  );
}
