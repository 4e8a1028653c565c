/**
 * A one-time link for a team or a judge who lost their password, made at the desk: shown once
 * with a QR code to scan from their phone (the server keeps only its hash), working once, for
 * 24 hours. Making another replaces it.
 */
import { useState } from "react";
import type { ResetLinkView } from "../../../shared/api";
import { CopyField } from "../../components/CopyField";
import { CloseIcon, LockIcon } from "../../components/Icons";
import { QrCode } from "../../components/QrCode";
import { useMutation } from "../../hooks/useMutation";
import { dateTime } from "../../lib/format";

export function ResetLinkButton({
  send,
  who,
  timeZone,
}: {
  /** Makes it: the team's or the judge's password-reset. */
  send: () => Promise<ResetLinkView>;
  /** Whose account, in words: "Byte Club", "Ann". */
  who: string;
  timeZone: string;
}) {
  const [link, setLink] = useState<ResetLinkView | null>(null);
  const make = useMutation<void, ResetLinkView>(send, { onSuccess: setLink });

  if (link)
    return (
      <section className="org-invite-panel" aria-label={`Password link for ${who}`}>
        <div className="org-invite-panel-head">
          <h3>New password link for {who}</h3>
          <button
            type="button"
            className="btn btn-ghost btn-icon"
            onClick={() => setLink(null)}
            aria-label="Close the password link"
          >
            <CloseIcon />
          </button>
        </div>
        <p className="small">
          Scan it with their phone, or copy it to them. It works once, until{" "}
          {dateTime(link.expiresAt, timeZone)}, and signs them out everywhere else. It won't be
          shown again.
        </p>
        <div className="org-invite-panel-body">
          <CopyField label="Password link" value={link.resetUrl} />
          <figure className="qr-figure">
            <QrCode text={link.resetUrl} label={`QR code of the password link for ${who}`} />
            <figcaption className="small">Scan with the phone's camera.</figcaption>
          </figure>
        </div>
      </section>
    );

  return (
    <div className="org-reset-link">
      <button
        type="button"
        className="btn btn-ghost"
        onClick={() => void make.run()}
        disabled={make.busy}
      >
        <LockIcon /> {make.busy ? "Making a link…" : "New password link"}
        <span className="visually-hidden"> for {who}</span>
      </button>
      {make.message && (
        <p className="field-error" role="alert">
          {make.message}
        </p>
      )}
    </div>
  );
}
