/**
 * The organizer writes down a guardian's answer given on a paper form or by phone: for a
 * member still waiting, or to change an answer (a guardian who changed their mind). Photo
 * consent is its own choice and starts at no; a no to taking part is a no to photos.
 */
import { useId, useState } from "react";
import type { TeamView } from "../../../shared/api";
import { LIMITS } from "../../../shared/limits";
import { type ConsentRecord, ConsentRecordSchema } from "../../../shared/schemas/team";
import { useMutation } from "../../hooks/useMutation";
import { api } from "../../lib/api";

export function ConsentAnswerForm({
  at,
  name,
  firstName,
  onSaved,
  onCancel,
}: {
  /** Whose consent: the event, the team and the member. */
  at: ConsentParams;
  name: string;
  firstName: string;
  onSaved: (team: TeamView) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [method, setMethod] = useState<"paper" | "phone">("paper");
  const [consent, setConsent] = useState(true);
  const [photos, setPhotos] = useState(false);
  const [who, setWho] = useState("");
  const [note, setNote] = useState("");
  const [invalid, setInvalid] = useState<string | null>(null);
  const record = useMutation(
    (body: ConsentRecord) =>
      api.send("POST /events/{slug}/teams/{id}/members/{memberId}/consent", at, body),
    { onSuccess: ({ team }) => onSaved(team) },
  );
  const busy = record.busy;
  const error = invalid ?? record.message;

  const save = () => {
    const parsed = ConsentRecordSchema.safeParse({
      method,
      consent,
      photoConsent: consent && photos,
      guardianName: who,
      note,
    });
    if (!parsed.success) {
      record.reset();
      setInvalid(parsed.error.issues[0]?.message ?? "Some details need fixing.");
      return;
    }
    setInvalid(null);
    void record.run(parsed.data);
  };

  return (
    <fieldset className="teams-paper-consent">
      <legend>Record an answer for {name}</legend>
      <fieldset className="teams-answer-choice">
        <legend className="label">How did the answer come?</legend>
        {(["paper", "phone"] as const).map((m) => (
          <div className="check" key={m}>
            <input
              id={`${id}-${m}`}
              type="radio"
              name={`${id}-method`}
              checked={method === m}
              onChange={() => setMethod(m)}
            />
            <label htmlFor={`${id}-${m}`}>{m === "paper" ? "On a paper form" : "By phone"}</label>
          </div>
        ))}
      </fieldset>
      <fieldset className="teams-answer-choice">
        <legend className="label">The answer</legend>
        {([true, false] as const).map((yes) => (
          <div className="check" key={String(yes)}>
            <input
              id={`${id}-${yes}`}
              type="radio"
              name={`${id}-answer`}
              checked={consent === yes}
              onChange={() => setConsent(yes)}
            />
            <label htmlFor={`${id}-${yes}`}>
              {yes ? `Yes, ${firstName} can take part` : `No, ${firstName} can't take part`}
            </label>
          </div>
        ))}
      </fieldset>
      {consent && (
        <div className="check">
          <input
            id={`${id}-photos`}
            type="checkbox"
            checked={photos}
            onChange={(e) => setPhotos(e.target.checked)}
          />
          <label htmlFor={`${id}-photos`}>The guardian says yes to photos</label>
        </div>
      )}
      <div className="field">
        <label className="label" htmlFor={`${id}-who`}>
          Who answered (optional)
        </label>
        <input
          id={`${id}-who`}
          className="input"
          maxLength={LIMITS.nameMax}
          value={who}
          onChange={(e) => setWho(e.target.value)}
        />
      </div>
      <div className="field">
        <label className="label" htmlFor={`${id}-note`}>
          Note (optional, only organizers see it)
        </label>
        <input
          id={`${id}-note`}
          className="input"
          maxLength={LIMITS.consentNoteMax}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={save} disabled={busy}>
          {busy ? "Saving…" : "Save the answer"}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </fieldset>
  );
}

/** A member's consent routes' parameters. */
export interface ConsentParams {
  slug: string;
  id: string;
  memberId: string;
}
