/** A delete button that asks "are you sure?" in place, without a browser pop-up. */
import { type ReactNode, useState } from "react";
import { useMutation } from "../hooks/useMutation";
import { ConfirmPanel, useReturnFocus } from "./ConfirmPanel";
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
  const deletion = useMutation<void, void>(onConfirm);
  const openRef = useReturnFocus(asking);

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

  return (
    <ConfirmPanel
      legend={label}
      question={question}
      error={deletion.message}
      confirm={deletion.busy ? `${verb.replace(/e$/, "")}ing…` : `Yes, ${verb.toLowerCase()}`}
      onConfirm={() => void deletion.run()}
      danger
      busy={deletion.busy}
      cancel={keep}
      onCancel={() => setAsking(false)}
      // Enter pressed once too often keeps the thing rather than deleting it.
      focus="cancel"
    />
  );
}
