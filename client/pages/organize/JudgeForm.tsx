/**
 * One form for inviting a judge and for editing one: name, email, the categories they judge
 * and the schools they have a link with. An edit sends the version the page shows; when
 * someone else changed the judge meanwhile, the server sends them as they are now and the form
 * shows that instead. Panels follow on the server: a school added takes the judge off that
 * school's teams.
 */
import { type KeyboardEvent, useId, useRef, useState } from "react";
import type { JudgeView } from "../../../shared/api";
import { LIMITS } from "../../../shared/limits";
import { JudgeEditSchema, JudgeInviteSchema } from "../../../shared/schemas/event";
import { Field, FormError } from "../../components/Field";
import { CloseIcon } from "../../components/Icons";
import { useFormSubmit } from "../../hooks/useMutation";
import { api } from "../../lib/api";
import { FormActions, FormFrame, showCurrent } from "./FormFrame";
import { NameEmailRow } from "./Invitees";

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

  const read = () => {
    // A school typed but not added with the button still counts.
    const allSchools = school.trim() ? [...schools, school.trim()] : schools;
    return { name, email, schools: allSchools, categoryIds };
  };
  const form = useFormSubmit({
    parse: () =>
      judge
        ? JudgeEditSchema.safeParse({ version, ...read() })
        : JudgeInviteSchema.safeParse(read()),
    fields: ["name", "email", "schools", "categoryIds"],
    send: async (body) => {
      if (judge) {
        // An edit's values carry the version already; naming it again tells the types so.
        const { judge: saved } = await api.send(
          "PUT /events/{slug}/judges/{id}",
          { slug, id: judge.id },
          { ...body, version },
        );
        onSaved?.(saved);
        return;
      }
      const { judge: invited, inviteUrl } = await api.send(
        "POST /events/{slug}/judges",
        { slug },
        body,
      );
      setName("");
      setEmail("");
      setSchools([]);
      setSchool("");
      onInvited?.(invited, inviteUrl);
    },
    onConflict: showCurrent(load, onRefreshed, {
      row: "this judge",
      shown: "them as they are",
    }),
  });
  const { errors, busy } = form;

  const schoolsError =
    errors.schools ?? Object.entries(errors).find(([k]) => k.startsWith("schools."))?.[1];

  const body = (
    <form ref={form.formRef} className="form" onSubmit={form.onSubmit} noValidate>
      <FormError message={form.formError} />
      <NameEmailRow name={name} email={email} errors={errors} onName={setName} onEmail={setEmail} />

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

      <FormActions
        busy={busy}
        label={judge ? "Save changes" : "Invite judge"}
        busyLabel={judge ? "Saving…" : "Inviting…"}
        onCancel={onCancel}
      />
    </form>
  );

  return (
    <FormFrame
      editing={judge !== undefined}
      title={judge ? `Edit ${judge.name}` : "Invite a judge"}
      level={4}
    >
      {judge && !judge.accepted && (
        <p className="hint">Their invite link keeps working with the new details.</p>
      )}
      {body}
    </FormFrame>
  );
}
