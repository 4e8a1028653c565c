/**
 * A judge's comment (on one criterion, or on the whole project) and who may read it: the
 * team, after the prize ceremony and without the judge's name, or the organizers only.
 * Sharing is the default. The choice is two real radio buttons, so Tab reaches it once and
 * the arrow keys switch, and each is a full-width, thumb-sized target on a phone.
 */
import { type ReactNode, useId } from "react";

/** The counter shows once four fifths of the room is used. */
const COUNT_FROM = 0.8;

export function CommentBox({
  label,
  about,
  hint,
  value,
  shared,
  max,
  rows,
  disabled,
  onText,
  onShared,
}: {
  /** The visible label, e.g. "Comment". */
  label: string;
  /** What the comment is about, for screen readers: "on Innovation". */
  about?: string;
  hint?: ReactNode;
  value: string;
  shared: boolean;
  max: number;
  rows: number;
  disabled: boolean;
  onText: (text: string) => void;
  onShared: (shared: boolean) => void;
}) {
  const id = useId();
  const left = max - value.length;
  const near = value.length >= max * COUNT_FROM;
  const hintId = hint ? `${id}-hint` : undefined;
  const countId = `${id}-count`;
  const spoken = about ? ` ${about}` : "";

  return (
    <div className="judge-comment-box">
      <label className="label" htmlFor={id}>
        {label}
        {about && <span className="visually-hidden">{spoken}</span>}
        <span className="optional"> (optional)</span>
      </label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <textarea
        id={id}
        className="input"
        rows={rows}
        maxLength={max}
        value={value}
        disabled={disabled}
        aria-describedby={[hintId, countId].filter(Boolean).join(" ")}
        onChange={(e) => onText(e.target.value)}
      />
      <p
        className={`judge-comment-count${left <= 0 ? " judge-comment-count-full" : ""}`}
        id={countId}
        aria-live="polite"
      >
        {near && (left > 0 ? `${left} characters left` : "That's the most you can write here.")}
      </p>
      <fieldset className="judge-share-choice" disabled={disabled}>
        <legend className="judge-share-legend">
          Who can read it?<span className="visually-hidden"> (your comment{spoken})</span>
        </legend>
        <label className="judge-share-option">
          <input
            type="radio"
            name={`share-${id}`}
            checked={shared}
            onChange={() => onShared(true)}
          />
          <span>Share with the team</span>
        </label>
        <label className="judge-share-option">
          <input
            type="radio"
            name={`share-${id}`}
            checked={!shared}
            onChange={() => onShared(false)}
          />
          <span>Organizers only</span>
        </label>
      </fieldset>
    </div>
  );
}
