/** A labelled form field with its hint and its error right next to it. */
import {
  type InputHTMLAttributes,
  type ReactNode,
  type TextareaHTMLAttributes,
  useId,
} from "react";
import { LIMITS } from "../../shared/limits";
import { Notice } from "./States";

export interface ControlProps {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby": string | undefined;
}

/** What a field shows around its control. `className` is for the field's box, not the control. */
export interface FieldFrame {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  className?: string;
}

export function Field({
  label,
  hint,
  error,
  optional,
  className,
  children,
}: FieldFrame & { children: (control: ControlProps) => ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field-invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label className="label" htmlFor={id}>
        {label}
        {optional && <span className="optional"> (optional)</span>}
      </label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": describedBy })}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** Field sets the control's id and error wiring, and every text box has the one look. */
type BoxAttributes<T> = Omit<
  T,
  "id" | "className" | "value" | "onChange" | "aria-invalid" | "aria-describedby" | "children"
>;

interface TextValue {
  value: string;
  onValue: (value: string) => void;
}

type TextFieldProps = FieldFrame &
  TextValue &
  BoxAttributes<InputHTMLAttributes<HTMLInputElement>> & {
    /** A box for a few characters (a number), not the field's width. */
    short?: boolean;
  };

/** A field holding one text box: what most fields are. */
export function TextField({
  label,
  hint,
  error,
  optional,
  className,
  value,
  onValue,
  short,
  ...box
}: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} optional={optional} className={className}>
      {(a) => (
        <input
          {...box}
          {...a}
          className={short ? "input input-short" : "input"}
          value={value}
          onChange={(e) => onValue(e.target.value)}
        />
      )}
    </Field>
  );
}

/** A field holding a short box for a whole number, from `min` to `max`. */
export function NumberField(
  props: Omit<TextFieldProps, "type" | "inputMode" | "short"> & { min: number; max: number },
) {
  return <TextField {...props} short type="number" inputMode="numeric" />;
}

/** The email someone signs in with: the phone's email keyboard and the saved-account list. */
export function EmailField({
  hint,
  error,
  value,
  onValue,
}: {
  hint?: ReactNode;
  error: string | undefined;
  value: string;
  onValue: (value: string) => void;
}) {
  return (
    <TextField
      label="Email"
      hint={hint}
      error={error}
      type="email"
      name="email"
      autoComplete="username"
      inputMode="email"
      value={value}
      onValue={onValue}
    />
  );
}

/**
 * A box for choosing a password: hidden as it is typed, offered to the password manager as a
 * new one, with the length rule as its hint unless another is given.
 */
export function NewPasswordField({
  label = "Password",
  hint = `At least ${LIMITS.passwordMin} characters.`,
  error,
  value,
  onValue,
}: {
  label?: string;
  hint?: ReactNode;
  error: string | undefined;
  value: string;
  onValue: (value: string) => void;
}) {
  return (
    <TextField
      label={label}
      hint={hint}
      error={error}
      type="password"
      autoComplete="new-password"
      value={value}
      onValue={onValue}
    />
  );
}

/** A field holding a box for a few lines of text. */
export function TextAreaField({
  label,
  hint,
  error,
  optional,
  className,
  value,
  onValue,
  ...box
}: FieldFrame & TextValue & BoxAttributes<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  return (
    <Field label={label} hint={hint} error={error} optional={optional} className={className}>
      {(a) => (
        <textarea
          {...box}
          {...a}
          className="input"
          value={value}
          onChange={(e) => onValue(e.target.value)}
        />
      )}
    </Field>
  );
}

/** The message above a form when something could not be saved. */
export function FormError({ message }: { message?: string | undefined }) {
  if (!message) return null;
  return (
    <Notice tone="error" live>
      <p>{message}</p>
    </Notice>
  );
}
