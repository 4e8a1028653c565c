/** "Built with" tags: type one and press Enter (or Add); each chip has its own remove button. */
import { type KeyboardEvent, useRef, useState } from "react";
import { LIMITS } from "../../../shared/limits";
import { CloseIcon } from "../../components/Icons";

export function TagInput({
  id,
  tags,
  onChange,
  disabled,
  describedBy,
  invalid,
}: {
  id: string;
  tags: string[];
  onChange: (tags: string[]) => void;
  disabled?: boolean;
  describedBy?: string | undefined;
  invalid?: boolean;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const full = tags.length >= LIMITS.tagsMax;

  const add = () => {
    const tag = text.trim().replace(/,+$/, "").trim();
    if (!tag || full) return;
    if (!tags.some((t) => t.toLowerCase() === tag.toLowerCase())) onChange([...tags, tag]);
    setText("");
    inputRef.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter" || e.key === ",") {
      e.preventDefault();
      add();
    }
  };

  return (
    <div className="submission-tag-input">
      <div className="copy-row">
        <input
          ref={inputRef}
          id={id}
          className="input"
          value={text}
          maxLength={LIMITS.tagMax}
          disabled={disabled || full}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button
          type="button"
          className="btn btn-secondary"
          onClick={add}
          disabled={disabled || full || !text.trim()}
        >
          Add
        </button>
      </div>
      {tags.length > 0 && (
        <ul className="submission-chips" aria-label="Tags added">
          {tags.map((tag) => (
            <li key={tag} className="submission-chip">
              {tag}
              {!disabled && (
                <button
                  type="button"
                  className="submission-chip-remove"
                  aria-label={`Remove ${tag}`}
                  onClick={() => {
                    onChange(tags.filter((t) => t !== tag));
                    inputRef.current?.focus();
                  }}
                >
                  <CloseIcon />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
