/**
 * The "are you sure?" step asked in place, without a browser pop-up: a question, the error if
 * the action failed, and two buttons. Focus moves into it when it opens; useReturnFocus
 * carries it back to the button that opened it when it closes, so a keyboard user is never
 * left at the top of the page.
 */
import { type ReactNode, useEffect, useRef } from "react";

export function ConfirmPanel({
  legend,
  question,
  error,
  confirm,
  onConfirm,
  danger = false,
  busy,
  cancel,
  onCancel,
  focus = "confirm",
  className = "confirm",
  questionClassName = "confirm-question",
}: {
  /** What is being decided, for screen readers: e.g. "Lock scoring". */
  legend: string;
  question: ReactNode;
  error?: string | null;
  /** The confirm button's words, e.g. "Yes, lock scoring" (or "Locking…" while it runs). */
  confirm: ReactNode;
  onConfirm: () => void;
  /** Red for what destroys or ends something, the brand colour otherwise. */
  danger?: boolean;
  /** While the action runs both buttons are off: cancelling can't stop a request already sent. */
  busy: boolean;
  /** The words for changing one's mind, e.g. "Not yet". */
  cancel: string;
  onCancel: () => void;
  /** The button that takes the focus on opening: "cancel" where a slip of Enter would delete. */
  focus?: "confirm" | "cancel";
  className?: string;
  /** The question's class; "" for none, where the panel's own class styles it. */
  questionClassName?: string;
}) {
  const focusRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    focusRef.current?.focus();
  }, []);

  return (
    <fieldset className={className}>
      <legend className="visually-hidden">{legend}</legend>
      <p className={questionClassName || undefined}>{question}</p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button
          ref={focus === "confirm" ? focusRef : undefined}
          type="button"
          className={`btn ${danger ? "btn-danger" : "btn-primary"}`}
          disabled={busy}
          onClick={onConfirm}
        >
          {confirm}
        </button>
        <button
          ref={focus === "cancel" ? focusRef : undefined}
          type="button"
          className="btn btn-secondary"
          disabled={busy}
          onClick={onCancel}
        >
          {cancel}
        </button>
      </div>
    </fieldset>
  );
}

/**
 * Gives back the focus when a confirm panel closes: put the returned ref on the button that
 * opens it. Nothing happens when that button is gone (the action succeeded and the page moved on).
 */
export function useReturnFocus(open: boolean) {
  const openerRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(open);

  useEffect(() => {
    if (!open && wasOpen.current) openerRef.current?.focus();
    wasOpen.current = open;
  }, [open]);

  return openerRef;
}
