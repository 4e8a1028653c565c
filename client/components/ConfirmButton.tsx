/** A delete button that asks "are you sure?" in place, without a browser pop-up. */
import { type ReactNode, useEffect, useRef, useState } from "react";
import { messageOf } from "../lib/api";
import { TrashIcon } from "./Icons";

export function ConfirmDelete({
  label,
  question,
  onConfirm,
  verb = "Delete",
  keep = "Keep it",
}: {
  /** The button's accessible name, e.g. "Delete Best Game". */
  label: string;
  question: ReactNode;
  /** Does the deletion; throws an ApiError to show. */
  onConfirm: () => Promise<void>;
  /** The action's word: "Delete", or "Remove" for taking someone off a list. */
  verb?: string;
  /** The word for changing one's mind. */
  keep?: string;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) cancelRef.current?.focus();
    else if (wasAsking.current) openRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking)
    return (
      <button
        ref={openRef}
        type="button"
        className="btn btn-ghost btn-danger-text"
        aria-label={label}
        onClick={() => setAsking(true)}
      >
        <TrashIcon />
        {verb}
      </button>
    );

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <fieldset className="confirm">
      <legend className="visually-hidden">{label}</legend>
      <p className="confirm-question">{question}</p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="btn btn-danger" onClick={confirm} disabled={busy}>
          {busy ? `${verb.replace(/e$/, "")}ing…` : `Yes, ${verb.toLowerCase()}`}
        </button>
        <button
          ref={cancelRef}
          type="button"
          className="btn btn-secondary"
          onClick={() => setAsking(false)}
        >
          {keep}
        </button>
      </div>
    </fieldset>
  );
}
