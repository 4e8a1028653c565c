/**
 * What the organizer's add-or-edit forms (categories, judges, prizes, teachers) share: an edit
 * opens in place under a title that takes the focus, an add sits on its own card, and the
 * buttons say what the form does and that it is busy.
 */
import { type ReactNode, useEffect, useId, useRef } from "react";

export function FormFrame({
  editing,
  title,
  level = 3,
  children,
}: {
  /** An edit form opens where its Edit button was; an add form is a card of its own. */
  editing: boolean;
  title: string;
  /** The edit form's heading level, under the list it sits in. */
  level?: 3 | 4;
  children: ReactNode;
}) {
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Focus lands on an edit form's title, read out first (only that title takes the ref).
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  if (editing) {
    const Heading = level === 4 ? "h4" : "h3";
    return (
      <section className="org-edit" aria-labelledby={`${id}-title`}>
        <Heading id={`${id}-title`} ref={headingRef} tabIndex={-1}>
          {title}
        </Heading>
        {children}
      </section>
    );
  }
  return (
    <section className="card card-form-wide" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** The form's send button (its words while busy too) and, when it can close, Cancel. */
export function FormActions({
  busy,
  label,
  busyLabel,
  onCancel,
  large = true,
}: {
  busy: boolean;
  label: string;
  busyLabel: string;
  onCancel?: (() => void) | undefined;
  large?: boolean;
}) {
  return (
    <div className={large ? "form-actions" : "actions"}>
      <button
        type="submit"
        className={`btn btn-primary${large ? " btn-large" : ""}`}
        disabled={busy}
      >
        {busy ? busyLabel : label}
      </button>
      {onCancel && (
        <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      )}
    </div>
  );
}

/**
 * For an edit form's `onConflict`: someone else saved the row first, so the form shows the row
 * as it is now (`load`), the page updates its list, and the form says what happened.
 */
export function showCurrent<T>(
  load: (row: T) => void,
  onRefreshed: ((row: T) => void) | undefined,
  what: { row: string; shown: string },
) {
  return (current: unknown) => {
    const now = current as T;
    load(now);
    onRefreshed?.(now);
    return `Someone else changed ${what.row} a moment ago. The form now shows ${what.shown}: check it, then make your change again.`;
  };
}
