/**
 * One form for inviting a judge and for editing one: name, email, the categories they judge
 * and the schools they have a link with. An edit sends the version the page shows; when
 * someone else changed the judge meanwhile, the server sends them as they are now and the form
 * shows that instead. Panels follow on the server: a school added takes the judge off that
 * school's teams.
 */
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import type { JudgeView } from "../../../shared/api";
import { LIMITS } from "../../../shared/limits";
import { JudgeEditSchema, JudgeInviteSchema } from "../../../shared/schemas/event";
import { Field, FormError, TextField } from "../../components/Field";
import { CloseIcon } from "../../components/Icons";
import { ApiError, api, messageOf, seg } from "../../lib/api";
import {
  type FieldErrors,
  focusFirstError,
  problemFieldErrors,
  zodFieldErrors,
} from "../../lib/forms";

function currentJudge(error: unknown): JudgeView | null {
  return error instanceof ApiError && error.slug === "row-changed" && error.current
    ? (error.current as JudgeView)
    : null;
}

export function JudgeForm({
  slug,
  categories,
  judge,
  onInvited,
  onSaved,
  onRefreshed,
  onCancel,
}: {
  slug: string;
  categories: { id: string; name: string }[];
  /** The judge to edit; without one the form invites a new judge. */
  judge?: JudgeView;
  onInvited?: (judge: JudgeView, inviteUrl: string) => void;
  onSaved?: (judge: JudgeView) => void;
  /** Someone else changed the judge meanwhile: them as they are now, the form staying open. */
  onRefreshed?: (judge: JudgeView) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // An edit form opens where its Edit button was: focus lands on its title, read out first
  // (only the edit form's title takes the ref).
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const schoolRef = useRef<HTMLInputElement>(null);
  const [version, setVersion] = useState(judge?.version ?? 1);
  const [name, setName] = useState(judge?.name ?? "");
  const [email, setEmail] = useState(judge?.email ?? "");
  const [schools, setSchools] = useState<string[]>(judge?.schools ?? []);
  const [school, setSchool] = useState("");
  // With a single category there is nothing to choose: tick it.
  const [categoryIds, setCategoryIds] = useState<string[]>(() =>
    judge ? judge.categoryIds : categories.length === 1 ? categories.map((c) => c.id) : [],
  );
  const load = (j: JudgeView) => {
    setVersion(j.version);
    setName(j.name);
    setEmail(j.email);
    setSchools(j.schools);
    setSchool("");
    setCategoryIds(j.categoryIds);
  };
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const addSchool = () => {
    const value = school.trim();
    if (!value) return;
    if (!schools.some((s) => s.toLowerCase() === value.toLowerCase()))
      setSchools((list) => [...list, value]);
    setSchool("");
    schoolRef.current?.focus();
  };
  const onSchoolKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      addSchool();
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(undefined);
    // A school typed but not added with the button still counts.
    const allSchools = school.trim() ? [...schools, school.trim()] : schools;
    const fields = { name, email, schools: allSchools, categoryIds };
    const parsed = judge
      ? JudgeEditSchema.safeParse({ version, ...fields })
      : JudgeInviteSchema.safeParse(fields);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      focusFirstError(formRef.current);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      if (judge) {
        const { judge: saved } = await api.put<{ judge: JudgeView }>(
          `/events/${seg(slug)}/judges/${seg(judge.id)}`,
          parsed.data,
        );
        onSaved?.(saved);
      } else {
        const { judge: invited, inviteUrl } = await api.post<{
          judge: JudgeView;
          inviteUrl: string;
        }>(`/events/${seg(slug)}/judges`, parsed.data);
        setName("");
        setEmail("");
        setSchools([]);
        setSchool("");
        onInvited?.(invited, inviteUrl);
      }
    } catch (error) {
      const now = currentJudge(error);
      if (now) {
        load(now);
        onRefreshed?.(now);
        setErrors({});
        setFormError(
          "Someone else changed this judge a moment ago. The form now shows them as they are: check it, then make your change again.",
        );
      } else {
        setErrors(problemFieldErrors(error, ["name", "email", "schools", "categoryIds"]));
        setFormError(messageOf(error));
      }
      focusFirstError(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  const schoolsError =
    errors.schools ?? Object.entries(errors).find(([k]) => k.startsWith("schools."))?.[1];

  const body = (
    <form ref={formRef} className="form" onSubmit={submit} noValidate>
      <FormError message={formError} />
      <div className="field-row">
        <TextField
          label="Name"
          error={errors.name}
          className="grow"
          autoComplete="off"
          maxLength={LIMITS.nameMax}
          value={name}
          onValue={setName}
        />
        <TextField
          label="Email"
          error={errors.email}
          className="grow"
          type="email"
          inputMode="email"
          autoComplete="off"
          value={email}
          onValue={setEmail}
        />
      </div>

      <fieldset
        className="fieldset org-fieldset-plain"
        aria-describedby={errors.categoryIds ? `${id}-category-error` : undefined}
      >
        <legend>Categories they judge</legend>
        <ul className="org-checks">
          {categories.map((c) => (
            <li key={c.id} className="check">
              <input
                id={`${id}-cat-${c.id}`}
                type="checkbox"
                checked={categoryIds.includes(c.id)}
                aria-invalid={Boolean(errors.categoryIds)}
                onChange={(e) =>
                  setCategoryIds((ids) =>
                    e.target.checked ? [...ids, c.id] : ids.filter((id) => id !== c.id),
                  )
                }
              />
              <label htmlFor={`${id}-cat-${c.id}`}>{c.name}</label>
            </li>
          ))}
        </ul>
        {errors.categoryIds && (
          <p className="field-error" id={`${id}-category-error`}>
            {errors.categoryIds}
          </p>
        )}
      </fieldset>

      <Field
        label="Schools they have a link with"
        optional
        hint="Where they teach, or their children go. They will never be given teams from these schools. Add one at a time."
        error={schoolsError}
      >
        {(a) => (
          <div className="copy-row">
            <input
              {...a}
              ref={schoolRef}
              className="input"
              value={school}
              maxLength={LIMITS.schoolMax}
              onChange={(e) => setSchool(e.target.value)}
              onKeyDown={onSchoolKey}
            />
            <button
              type="button"
              className="btn btn-secondary"
              onClick={addSchool}
              disabled={schools.length >= LIMITS.schoolsPerJudgeMax}
            >
              Add school
            </button>
          </div>
        )}
      </Field>
      {schools.length > 0 && (
        <ul className="org-chips" aria-label="Schools added">
          {schools.map((s) => (
            <li key={s} className="org-chip">
              {s}
              <button
                type="button"
                className="org-chip-remove"
                aria-label={`Remove ${s}`}
                onClick={() => {
                  setSchools((list) => list.filter((x) => x !== s));
                  schoolRef.current?.focus();
                }}
              >
                <CloseIcon />
              </button>
            </li>
          ))}
        </ul>
      )}

      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-large" disabled={busy}>
          {judge ? (busy ? "Saving…" : "Save changes") : busy ? "Inviting…" : "Invite judge"}
        </button>
        {onCancel && (
          <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );

  if (judge)
    return (
      <section className="org-edit" aria-labelledby={`${id}-title`}>
        <h4 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
          Edit {judge.name}
        </h4>
        {judge.accepted || (
          <p className="hint">Their invite link keeps working with the new details.</p>
        )}
        {body}
      </section>
    );
  return (
    <section className="card card-form-wide" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Invite a judge</h2>
      {body}
    </section>
  );
}
