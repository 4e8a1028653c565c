import { useEffect, useRef } from "react";
import { CopyField } from "../../components/CopyField";
import { CloseIcon } from "../../components/Icons";
import { QrCode } from "../../components/QrCode";

/** A judge's or teacher's new invite link, shown once: the server keeps only a hash of it. */
export function InviteLinkPanel({
  name,
  holder,
  url,
  onClose,
}: {
  name: string;
  holder: "judge" | "teacher";
  url: string;
  onClose: () => void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus each new link as it appears.
  useEffect(() => headingRef.current?.focus(), [url]);

  return (
    <section className="org-invite-panel" aria-labelledby="invite-link-title">
      <div className="org-invite-panel-head">
        <h2 id="invite-link-title" ref={headingRef} tabIndex={-1}>
          Send this link to {name}
        </h2>
        <button
          type="button"
          className="btn btn-ghost btn-icon"
          onClick={onClose}
          aria-label="Close the invite link"
        >
          <CloseIcon />
        </button>
      </div>
      <p>
        <strong>Copy it now:</strong> for safety we don't keep a copy, so it won't be shown again.
        If it gets lost, you can make a new link later. {name} opens it to choose a password.
      </p>
      <div className="org-invite-panel-body">
        <CopyField label="Invite link" value={url} />
        <figure className="qr-figure">
          <QrCode text={url} label={`QR code of the invite link for ${name}`} />
          <figcaption className="small">Or scan this with the {holder}'s phone camera.</figcaption>
        </figure>
      </div>
    </section>
  );
}
