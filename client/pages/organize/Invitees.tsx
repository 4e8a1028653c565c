/**
 * What the Judges and Teachers pages share: both invite an adult by name and email with a
 * link, list them on cards that say whether they have accepted, and can make a new link for
 * someone who has not (the old one stops working).
 */
import type { ReactNode } from "react";
import { LIMITS } from "../../../shared/limits";
import { TextField } from "../../components/Field";
import { CheckIcon, HourglassIcon } from "../../components/Icons";
import { useMutation } from "../../hooks/useMutation";
import { api } from "../../lib/api";
import type { FieldErrors } from "../../lib/forms";

/**
 * An invited adult's card head: who, their email, and whether they have accepted; `badge`
 * replaces that for another state (a teacher's request turned down).
 */
export function InviteeCardHead({
  person,
  badge,
}: {
  person: { name: string; email: string; accepted: boolean };
  badge?: ReactNode;
}) {
  return (
    <div className="card-head">
      <div>
        <h3>{person.name}</h3>
        <p className="muted small">{person.email}</p>
      </div>
      {badge ??
        (person.accepted ? (
          <span className="badge badge-ok">
            <CheckIcon /> Accepted
          </span>
        ) : (
          <span className="badge badge-wait">
            <HourglassIcon /> Waiting for them to accept
          </span>
        ))}
    </div>
  );
}

/** An invite form's first row: the adult's name and email. */
export function NameEmailRow({
  name,
  email,
  errors,
  onName,
  onEmail,
}: {
  name: string;
  email: string;
  errors: FieldErrors;
  onName: (name: string) => void;
  onEmail: (email: string) => void;
}) {
  return (
    <div className="field-row">
      <TextField
        label="Name"
        error={errors.name}
        className="grow"
        autoComplete="off"
        maxLength={LIMITS.nameMax}
        value={name}
        onValue={onName}
      />
      <TextField
        label="Email"
        error={errors.email}
        className="grow"
        type="email"
        inputMode="email"
        autoComplete="off"
        value={email}
        onValue={onEmail}
      />
    </div>
  );
}

/** Makes someone's invite link again, for one who has not accepted yet; says why if it can't. */
export function NewInviteLink({
  slug,
  holder,
  person,
  onLink,
}: {
  slug: string;
  holder: "judge" | "teacher";
  person: { id: string; name: string };
  onLink: (url: string) => void;
}) {
  const renewal = useMutation(
    () =>
      api.send(
        holder === "judge"
          ? "POST /events/{slug}/judges/{id}/invite"
          : "POST /events/{slug}/teachers/{id}/invite",
        { slug, id: person.id },
      ),
    { onSuccess: ({ inviteUrl }) => onLink(inviteUrl) },
  );
  return (
    <>
      <div className="actions">
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => void renewal.run()}
          disabled={renewal.busy}
          aria-label={`New invite link for ${person.name}`}
        >
          {renewal.busy ? "Making a link…" : "New invite link"}
        </button>
        <span className="small muted">The old link will stop working.</span>
      </div>
      {renewal.message && (
        <p className="field-error" role="alert">
          {renewal.message}
        </p>
      )}
    </>
  );
}
