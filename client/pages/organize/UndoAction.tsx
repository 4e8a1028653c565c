/**
 * An undo for what was done by mistake at the desk (a check-in, a consent answer, a project
 * version): one quiet button that asks in place before it acts, and shows the server's reason
 * beside the button when it refuses.
 */
import { type ReactNode, useState } from "react";
import { ConfirmPanel, useReturnFocus } from "../../components/ConfirmPanel";
import { useMutation } from "../../hooks/useMutation";

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
  const undo = useMutation<void, void>(onConfirm, { onSuccess: () => setAsking(false) });
  const openRef = useReturnFocus(asking);

  if (!asking)
    return (
      <button
        ref={openRef}
        type="button"
        className={`btn btn-ghost ${className ?? ""}`.trim()}
        onClick={() => {
          undo.reset();
          setAsking(true);
        }}
      >
        {label}
        <span className="visually-hidden"> ({legend})</span>
      </button>
    );

  return (
    <ConfirmPanel
      legend={legend}
      question={question}
      error={undo.message}
      confirm={undo.busy ? "Undoing…" : confirm}
      onConfirm={() => void undo.run()}
      busy={undo.busy}
      cancel="Keep it"
      onCancel={() => setAsking(false)}
      focus="cancel"
      className={`confirm ${className ?? ""}`.trim()}
    />
  );
}
