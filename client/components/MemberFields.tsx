/** One team member's details: name, date of birth, school, guardian and private notes. */
import { useId } from "react";
import { LIMITS } from "../../shared/limits";
import { MONTH_NAMES } from "../../shared/rules/calendar";
import type { FieldErrors } from "../lib/forms";
import type { MemberDraft } from "../lib/members";
import { TextAreaField, TextField } from "./Field";
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
  /** The id of a <datalist> of schools already signed up; none when the school is known (a teacher's). */
  schoolsListId?: string | undefined;
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
    <div className="member-dob-part">
      <label className="member-dob-label" htmlFor={`${id}-${part}`}>
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
        <TextField
          label="First name"
          error={err("firstName")}
          className="grow"
          autoComplete="off"
          maxLength={LIMITS.nameMax}
          value={draft.firstName}
          onValue={(firstName) => onChange({ firstName })}
        />
        <TextField
          label="Last name"
          error={err("lastName")}
          className="grow"
          autoComplete="off"
          maxLength={LIMITS.nameMax}
          value={draft.lastName}
          onValue={(lastName) => onChange({ lastName })}
        />
      </div>

      <fieldset className={`member-dob${dobError ? " field-invalid" : ""}`}>
        <legend className="label">Date of birth</legend>
        <div className="member-dob-row">
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

      {schoolsListId && (
        <TextField
          label="School"
          hint={schoolHint}
          error={err("school")}
          list={schoolsListId}
          autoComplete="off"
          maxLength={LIMITS.schoolMax}
          value={draft.school}
          onValue={(school) => onChange({ school })}
          onBlur={onSchoolBlur}
        />
      )}

      <fieldset className="member-guardian">
        <legend className="label">{name ? `${name}'s` : "Their"} parent or guardian</legend>
        <p className="hint">
          We send them a link to say yes to {name || "this member"} taking part. Nobody can take
          part without a guardian's yes.
        </p>
        <TextField
          label="Guardian's name"
          error={err("guardian.name")}
          autoComplete="off"
          maxLength={LIMITS.nameMax}
          value={draft.guardianName}
          onValue={(guardianName) => onChange({ guardianName })}
        />
        <div className="field-row">
          <TextField
            label="Guardian's email"
            error={err("guardian.email")}
            className="grow"
            type="email"
            inputMode="email"
            autoComplete="off"
            value={draft.guardianEmail}
            onValue={(guardianEmail) => onChange({ guardianEmail })}
          />
          <TextField
            label="Guardian's phone"
            optional
            error={err("guardian.phone")}
            className="grow"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            maxLength={LIMITS.phoneMax}
            value={draft.guardianPhone}
            onValue={(guardianPhone) => onChange({ guardianPhone })}
          />
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
          <TextAreaField
            label="Dietary needs"
            optional
            hint="Allergies, vegetarian, halal…"
            error={err("dietary")}
            rows={2}
            maxLength={LIMITS.notesMax}
            value={draft.dietary}
            onValue={(dietary) => onChange({ dietary })}
          />
          <TextAreaField
            label="Medical notes"
            optional
            hint="Anything first-aiders should know, like asthma or an inhaler."
            error={err("medical")}
            rows={2}
            maxLength={LIMITS.notesMax}
            value={draft.medical}
            onValue={(medical) => onChange({ medical })}
          />
        </div>
      </details>
    </fieldset>
  );
}
