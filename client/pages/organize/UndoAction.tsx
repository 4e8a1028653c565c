/**
 * An undo for what was done by mistake at the desk (a check-in, a consent answer, a project
 * version): one quiet button that asks in place before it acts, and shows the server's reason
 * beside the button when it refuses.
 */
import { type ReactNode, useState } from "react";
import { ConfirmPanel, useReturnFocus } from "../../components/ConfirmPanel";
import { messageOf } from "../../lib/api";

export function UndoAction({
  label,
  legend,
  question,
  confirm,
  onConfirm,
  className,
}: {
  /** The button's words, e.g. "Undo check-in". */
  label: ReactNode;
  /** What is being decided, for screen readers: e.g. "Undo the check-in of Byte Club". */
  legend: string;
  question: ReactNode;
  /** The confirm button's words, e.g. "Yes, undo it". */
  confirm: string;
  /** Does the undo; throws an ApiError to show. */
  onConfirm: () => Promise<void>;
  className?: string;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const openRef = useReturnFocus(asking);

  if (!asking)
    return (
      <button
        ref={openRef}
        type="button"
        className={`btn btn-ghost ${className ?? ""}`.trim()}
        onClick={() => {
          setError(null);
          setAsking(true);
        }}
      >
        {label}
        <span className="visually-hidden"> ({legend})</span>
      </button>
    );

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setAsking(false);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ConfirmPanel
      legend={legend}
      question={question}
      error={error}
      confirm={busy ? "Undoing…" : confirm}
      onConfirm={() => void run()}
      busy={busy}
      cancel="Keep it"
      onCancel={() => setAsking(false)}
      focus="cancel"
      className={`confirm ${className ?? ""}`.trim()}
    />
  );
}
