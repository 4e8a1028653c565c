/** One team member's details: name, date of birth, school, guardian and private notes. */
import { useId } from "react";
import { LIMITS } from "../../shared/limits";
import type { FieldErrors } from "../lib/forms";
import { type MemberDraft, MONTH_NAMES } from "../lib/members";
import { Field } from "./Field";
import { TrashIcon } from "./Icons";
import "./MemberFields.css";

const DAYS = Array.from({ length: 31 }, (_, i) => String(i + 1));

export function MemberFields({
  title,
  draft,
  onChange,
  errors,
  prefix,
  years,
  schoolsListId,
  schoolHint,
  onRemove,
  onSchoolBlur,
}: {
  title: string;
  draft: MemberDraft;
  onChange: (patch: Partial<MemberDraft>) => void;
  /** Messages keyed by API path: `${prefix}.firstName`, `${prefix}.guardian.email`, … */
  errors: FieldErrors;
  /** "members.0" on the sign-up form; "" when the body is the member itself. */
  prefix: string;
  years: number[];
  /** The id of a <datalist> of schools already signed up. */
  schoolsListId: string;
  schoolHint?: string | undefined;
  onRemove?: (() => void) | undefined;
  onSchoolBlur?: () => void;
}) {
  const id = useId();
  const k = (field: string) => (prefix ? `${prefix}.${field}` : field);
  const err = (field: string) => errors[k(field)];
  const dobError = err("dateOfBirth");
  const dobErrorId = `${id}-dob-error`;
  const name = draft.firstName.trim();
  const hasNotes = Boolean(draft.dietary || draft.medical || err("dietary") || err("medical"));

  const dateSelect = (
    part: "day" | "month" | "year",
    label: string,
    options: { value: string; label: string }[],
  ) => (
    <div className="dob-part">
      <label className="dob-label" htmlFor={`${id}-${part}`}>
        {label}
      </label>
      <select
        id={`${id}-${part}`}
        className="input"
        value={draft[part]}
        aria-invalid={Boolean(dobError)}
        aria-describedby={dobError ? dobErrorId : undefined}
        autoComplete={part === "day" ? "bday-day" : part === "month" ? "bday-month" : "bday-year"}
        onChange={(e) => onChange({ [part]: e.target.value })}
      >
        <option value="">{label}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <fieldset className="member">
      <legend className="member-legend">
        {title}
        {name && (
          <>
            : <span className="member-legend-name">{name}</span>
          </>
        )}
      </legend>
      {onRemove && (
        <button
          type="button"
          className="btn btn-ghost btn-danger-text member-remove"
          onClick={onRemove}
        >
          <TrashIcon />
          Remove<span className="visually-hidden"> {title}</span>
        </button>
      )}
      <div className="field-row">
        <Field label="First name" error={err("firstName")} className="grow">
          {(a) => (
            <input
              {...a}
              className="input"
              autoComplete="off"
              maxLength={LIMITS.nameMax}
              value={draft.firstName}
              onChange={(e) => onChange({ firstName: e.target.value })}
            />
          )}
        </Field>
        <Field label="Last name" error={err("lastName")} className="grow">
          {(a) => (
            <input
              {...a}
              className="input"
              autoComplete="off"
              maxLength={LIMITS.nameMax}
              value={draft.lastName}
              onChange={(e) => onChange({ lastName: e.target.value })}
            />
          )}
        </Field>
      </div>

      <fieldset className={`dob${dobError ? " field-invalid" : ""}`}>
        <legend className="label">Date of birth</legend>
        <div className="dob-row">
          {dateSelect(
            "day",
            "Day",
            DAYS.map((d) => ({ value: d, label: d })),
          )}
          {dateSelect(
            "month",
            "Month",
            MONTH_NAMES.map((m, i) => ({ value: String(i + 1), label: m })),
          )}
          {dateSelect(
            "year",
            "Year",
            years.map((y) => ({ value: String(y), label: String(y) })),
          )}
        </div>
        {dobError && (
          <p className="field-error" id={dobErrorId} role="status">
            {dobError}
          </p>
        )}
      </fieldset>

      <Field label="School" hint={schoolHint} error={err("school")}>
        {(a) => (
          <input
            {...a}
            className="input"
            list={schoolsListId}
            autoComplete="off"
            maxLength={LIMITS.schoolMax}
            value={draft.school}
            onChange={(e) => onChange({ school: e.target.value })}
            onBlur={onSchoolBlur}
          />
        )}
      </Field>

      <fieldset className="member-guardian">
        <legend className="label">{name ? `${name}'s` : "Their"} parent or guardian</legend>
        <p className="hint">
          We send them a link to say yes to {name || "this member"} taking part. Nobody can take
          part without a guardian's yes.
        </p>
        <Field label="Guardian's name" error={err("guardian.name")}>
          {(a) => (
            <input
              {...a}
              className="input"
              autoComplete="off"
              maxLength={LIMITS.nameMax}
              value={draft.guardianName}
              onChange={(e) => onChange({ guardianName: e.target.value })}
            />
          )}
        </Field>
        <div className="field-row">
          <Field label="Guardian's email" error={err("guardian.email")} className="grow">
            {(a) => (
              <input
                {...a}
                className="input"
                type="email"
                inputMode="email"
                autoComplete="off"
                value={draft.guardianEmail}
                onChange={(e) => onChange({ guardianEmail: e.target.value })}
              />
            )}
          </Field>
          <Field label="Guardian's phone" optional error={err("guardian.phone")} className="grow">
            {(a) => (
              <input
                {...a}
                className="input"
                type="tel"
                inputMode="tel"
                autoComplete="off"
                maxLength={LIMITS.phoneMax}
                value={draft.guardianPhone}
                onChange={(e) => onChange({ guardianPhone: e.target.value })}
              />
            )}
          </Field>
        </div>
      </fieldset>

      <details className="member-notes" open={hasNotes || undefined}>
        <summary>
          <span>
            Dietary or medical notes{" "}
            <span className="optional">(optional, only organizers see these)</span>
          </span>
        </summary>
        <div className="member-notes-body">
          <Field
            label="Dietary needs"
            optional
            hint="Allergies, vegetarian, halal…"
            error={err("dietary")}
          >
            {(a) => (
              <textarea
                {...a}
                className="input"
                rows={2}
                maxLength={LIMITS.notesMax}
                value={draft.dietary}
                onChange={(e) => onChange({ dietary: e.target.value })}
              />
            )}
          </Field>
          <Field
            label="Medical notes"
            optional
            hint="Anything first-aiders should know, like asthma or an inhaler."
            error={err("medical")}
          >
            {(a) => (
              <textarea
                {...a}
                className="input"
                rows={2}
                maxLength={LIMITS.notesMax}
                value={draft.medical}
                onChange={(e) => onChange({ medical: e.target.value })}
              />
            )}
          </Field>
        </div>
      </details>
    </fieldset>
  );
}
