/**
 * One criterion's score as a row of large buttons (0 to the criterion's maximum). They are
 * real radio buttons in a radio group: Tab reaches the chosen score (or the first), the arrow
 * keys move and choose, Home and End jump to the ends. On a phone the buttons wrap into rows so each stays thumb-sized.
 */
import { type CSSProperties, type KeyboardEvent, type ReactNode, useId } from "react";
import type { CriterionScoreView } from "../../../shared/api";

/** Per row on a phone: one row up to 7 buttons, else two rows (max 10), else three (max 20). */
function columns(options: number): { narrow: number; wide: number } {
  const narrow =
    options <= 7 ? options : options <= 14 ? Math.ceil(options / 2) : Math.ceil(options / 3);
  const wide = options <= 11 ? options : Math.ceil(options / 2);
  return { narrow, wide };
}

export function ScoreControl({
  criterion,
  value,
  onChange,
  disabled,
  children,
}: {
  criterion: CriterionScoreView;
  value: number | undefined;
  onChange: (value: number) => void;
  disabled: boolean;
  /** Shown under the scores, inside the criterion's card (its comment). */
  children?: ReactNode;
}) {
  const id = useId();
  const max = criterion.maxScore;
  const options = Array.from({ length: max + 1 }, (_, i) => i);
  const { narrow, wide } = columns(options.length);

  // Arrow keys move between the radios natively; Home and End jump to 0 and the maximum.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== "Home" && e.key !== "End") return;
    e.preventDefault();
    const target = e.key === "Home" ? 0 : max;
    onChange(target);
    const group = e.currentTarget.closest('[role="radiogroup"]');
    group?.querySelectorAll<HTMLInputElement>("input")[target]?.focus();
  };

  const style = { "--cols-narrow": narrow, "--cols-wide": wide } as CSSProperties;
  return (
    <div className="judge-criterion-score">
      <div className="judge-criterion-score-head">
        <h3 id={`${id}-name`}>{criterion.name}</h3>
        <span className="judge-weight" id={`${id}-weight`}>
          <span className="visually-hidden">counts</span> ×{criterion.weight}
        </span>
      </div>
      {criterion.description && (
        <p className="judge-criterion-score-description" id={`${id}-description`}>
          {criterion.description}
        </p>
      )}
      <div
        role="radiogroup"
        className="judge-segmented"
        style={style}
        aria-labelledby={`${id}-name ${id}-weight`}
        aria-describedby={criterion.description ? `${id}-description` : undefined}
      >
        {options.map((n) => (
          <label key={n} className="judge-segment">
            <input
              type="radio"
              name={`score-${criterion.id}`}
              value={n}
              checked={value === n}
              disabled={disabled}
              onChange={() => onChange(n)}
              onKeyDown={onKeyDown}
            />
            <span>{n}</span>
          </label>
        ))}
      </div>
      <p className="judge-criterion-score-value" aria-hidden="true">
        {value === undefined ? "Not scored yet" : `${value} out of ${max}`}
      </p>
      {children}
    </div>
  );
}
