/** A read-only link with a Copy button that works on plain-HTTP venue networks too. */
import { useId, useRef, useState } from "react";
import { CheckIcon, CopyIcon } from "./Icons";
import "./CopyField.css";

/** Copies text; falls back to the old selection API where the Clipboard API is unavailable (http://). */
async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission refused: try the fallback.
  }
  if (!input) return false;
  input.focus();
  input.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  }
}

export function CopyField({ label, value }: { label: string; value: string }) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");

  const onCopy = async () => {
    setStatus((await copyText(value, inputRef.current)) ? "copied" : "failed");
  };

  return (
    <div className="copy-field">
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <div className="copy-row">
        <input
          ref={inputRef}
          id={id}
          className="input input-mono"
          readOnly
          value={value}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="btn btn-primary" onClick={onCopy}>
          {status === "copied" ? <CheckIcon /> : <CopyIcon />}
          {status === "copied" ? "Copied" : "Copy"}
        </button>
      </div>
      <p className="small" role="status">
        {status === "copied" && "Copied. Paste it into an email or message."}
        {status === "failed" && "Your browser didn't let us copy. Select the link and copy it."}
      </p>
    </div>
  );
}
