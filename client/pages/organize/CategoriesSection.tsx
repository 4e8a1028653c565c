import { type FormEvent, useRef, useState } from "react";
import type { CategoryView } from "../../../shared/api";
import { LIMITS } from "../../../shared/limits";
import { CategoryCreateSchema } from "../../../shared/schemas/event";
import { ConfirmDelete } from "../../components/ConfirmButton";
import { CriteriaTable, SchoolRule } from "../../components/EventBits";
import { Field, FormError, TextAreaField, TextField } from "../../components/Field";
import { PlusIcon, TagIcon, TrashIcon } from "../../components/Icons";
import { EmptyState, Notice } from "../../components/States";
import { useTitle } from "../../hooks/useApi";
import { api, messageOf, seg } from "../../lib/api";
import { useFlash } from "../../lib/flash";
import { plural } from "../../lib/format";
import {
  type FieldErrors,
  focusFirstError,
  problemFieldErrors,
  zodFieldErrors,
} from "../../lib/forms";
import type { SectionProps } from "./EventLayout";
import { SectionHead } from "./SectionHead";

export function CategoriesSection({ event, setEvent }: SectionProps) {
  useTitle(`${event.name}: categories`);
  const flash = useFlash();
  const [message, setMessage] = useState<string | null>(flash);

  const remove = async (category: CategoryView) => {
    await api.delete(`/events/${seg(event.slug)}/categories/${seg(category.id)}`);
    setEvent((e) => ({
      ...e,
      categories: e.categories.filter((c) => c.id !== category.id),
      prizes: e.prizes.filter((p) => p.categoryId !== category.id),
    }));
    setMessage(`${category.name} is deleted.`);
  };

  return (
    <>
      <SectionHead event={event.name} title="Categories">
        <p>
          Teams enter one category. Judges score each team against the category's criteria: the
          weight says how much a criterion counts.
        </p>
      </SectionHead>
      {message && (
        <Notice tone="success" live>
          <p>{message}</p>
        </Notice>
      )}
      {event.categories.length === 0 ? (
        <EmptyState icon={<TagIcon className="state-icon" />} title="No categories yet">
          <p>
            Add the first one below, for example "Best Game", or "Pre-University Challenge" where
            all members come from one school.
          </p>
        </EmptyState>
      ) : (
        <ul className="card-list">
          {event.categories.map((category) => {
            const prizeCount = event.prizes.filter((p) => p.categoryId === category.id).length;
            return (
              <li key={category.id} className="card">
                <div className="card-head">
                  <h2>{category.name}</h2>
                  <ConfirmDelete
                    label={`Delete ${category.name}`}
                    question={
                      <>
                        Delete <strong>{category.name}</strong>?
                        {prizeCount > 0 && ` Its ${plural(prizeCount, "prize")} will go too.`}
                      </>
                    }
                    onConfirm={() => remove(category)}
                  />
                </div>
                {category.description && <p>{category.description}</p>}
                <SchoolRule singleSchool={category.singleSchool} />
                <CriteriaTable category={category} />
              </li>
            );
          })}
        </ul>
      )}
      <CategoryForm
        slug={event.slug}
        onCreated={(category) => {
          setEvent((e) => ({ ...e, categories: [...e.categories, category] }));
          setMessage(`${category.name} is added.`);
        }}
      />
    </>
  );
}

interface CriterionRow {
  key: number;
  name: string;
  weight: string;
  maxScore: string;
}

let rowKeys = 0;
const newRow = (): CriterionRow => ({ key: ++rowKeys, name: "", weight: "1", maxScore: "10" });

function CategoryForm({
  slug,
  onCreated,
}: {
  slug: string;
  onCreated: (category: CategoryView) => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [singleSchool, setSingleSchool] = useState(false);
  const [rows, setRows] = useState<CriterionRow[]>(() => [newRow()]);
  const [tieBreak, setTieBreak] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const addRowRef = useRef<HTMLButtonElement>(null);
  // Keyboard users land in the row they just added, or on "Add a criterion" after removing one.
  const focusLater = (find: () => HTMLElement | null | undefined) =>
    requestAnimationFrame(() => find()?.focus());
  const addRow = () => {
    const row = newRow();
    setRows((rs) => [...rs, row]);
    focusLater(() => formRef.current?.querySelector<HTMLElement>(`[data-row="${row.key}"]`));
  };
  const removeRow = (key: number) => {
    setRows((rs) => rs.filter((r) => r.key !== key));
    focusLater(() => addRowRef.current);
  };
  const setRow = (key: number, change: Partial<CriterionRow>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const names = rows.map((r) => r.name.trim()).filter(Boolean);

  const reset = () => {
    setName("");
    setDescription("");
    setSingleSchool(false);
    setRows([newRow()]);
    setTieBreak("");
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(undefined);
    const toNumber = (v: string) => (v.trim() === "" ? Number.NaN : Number(v));
    const parsed = CategoryCreateSchema.safeParse({
      name,
      description,
      singleSchool,
      criteria: rows.map((r) => ({
        name: r.name,
        weight: toNumber(r.weight),
        maxScore: toNumber(r.maxScore),
      })),
      tieBreakCriterion: names.includes(tieBreak) ? tieBreak : "",
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      focusFirstError(formRef.current);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const { category } = await api.post<{ category: CategoryView }>(
        `/events/${seg(slug)}/categories`,
        parsed.data,
      );
      reset();
      onCreated(category);
    } catch (error) {
      setErrors(
        problemFieldErrors(error, ["name", "description", "criteria", "tieBreakCriterion"]),
      );
      setFormError(messageOf(error));
      focusFirstError(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card card-form-wide" aria-labelledby="add-category">
      <h2 id="add-category">Add a category</h2>
      <form ref={formRef} className="form" onSubmit={submit} noValidate>
        <FormError message={formError} />
        <TextField
          label="Category name"
          hint='For example "Best Game"'
          error={errors.name}
          maxLength={LIMITS.nameMax}
          value={name}
          onValue={setName}
        />
        <TextAreaField
          label="Description"
          optional
          hint="Shown to teams when they choose a category."
          error={errors.description}
          rows={2}
          maxLength={LIMITS.descriptionMax}
          value={description}
          onValue={setDescription}
        />
        <div className="check">
          <input
            id="single-school"
            type="checkbox"
            checked={singleSchool}
            onChange={(e) => setSingleSchool(e.target.checked)}
            aria-describedby="single-school-hint"
          />
          <label htmlFor="single-school">All members must be from the same school</label>
          <p className="hint" id="single-school-hint">
            For example the Pre-University Challenge. Sign-up explains this rule to teams.
          </p>
        </div>

        <fieldset className="fieldset">
          <legend>Criteria</legend>
          <p className="fieldset-intro">
            What judges score. A weight of 3 counts three times as much as a weight of 1. Judges
            give each criterion a whole number from 0 up to its top score.
          </p>
          {errors.criteria && (
            <p className="field-error" role="alert">
              {errors.criteria}
            </p>
          )}
          <ol className="org-criteria-rows">
            {rows.map((row, i) => (
              <li key={row.key}>
                <fieldset className="org-criterion-row">
                  <legend className="org-criterion-legend">Criterion {i + 1}</legend>
                  <TextField
                    label="Name"
                    hint="For example Innovation"
                    error={errors[`criteria.${i}.name`]}
                    className="grow"
                    data-row={row.key}
                    maxLength={LIMITS.nameMax}
                    value={row.name}
                    onValue={(name) => setRow(row.key, { name })}
                  />
                  <Field
                    label="Weight"
                    hint={`${LIMITS.weightMin} to ${LIMITS.weightMax}`}
                    error={errors[`criteria.${i}.weight`]}
                  >
                    {(a) => (
                      <input
                        {...a}
                        className="input input-short"
                        type="number"
                        inputMode="numeric"
                        min={LIMITS.weightMin}
                        max={LIMITS.weightMax}
                        value={row.weight}
                        onChange={(e) => setRow(row.key, { weight: e.target.value })}
                      />
                    )}
                  </Field>
                  <Field
                    label="Top score"
                    hint={`${LIMITS.maxScoreMin} to ${LIMITS.maxScoreMax}`}
                    error={errors[`criteria.${i}.maxScore`]}
                  >
                    {(a) => (
                      <input
                        {...a}
                        className="input input-short"
                        type="number"
                        inputMode="numeric"
                        min={LIMITS.maxScoreMin}
                        max={LIMITS.maxScoreMax}
                        value={row.maxScore}
                        onChange={(e) => setRow(row.key, { maxScore: e.target.value })}
                      />
                    )}
                  </Field>
                  {rows.length > 1 && (
                    <button
                      type="button"
                      className="btn btn-ghost btn-icon"
                      aria-label={`Remove criterion ${i + 1}${row.name ? ` (${row.name})` : ""}`}
                      onClick={() => removeRow(row.key)}
                    >
                      <TrashIcon />
                    </button>
                  )}
                </fieldset>
              </li>
            ))}
          </ol>
          {rows.length < LIMITS.criteriaMax && (
            <button ref={addRowRef} type="button" className="btn btn-secondary" onClick={addRow}>
              <PlusIcon />
              Add a criterion
            </button>
          )}
        </fieldset>

        <Field
          label="Tie-break"
          optional
          hint="When two teams have the same total, the one with more points for this criterion wins."
          error={errors.tieBreakCriterion}
        >
          {(a) => (
            <select
              {...a}
              className="input"
              value={names.includes(tieBreak) ? tieBreak : ""}
              onChange={(e) => setTieBreak(e.target.value)}
            >
              <option value="">No tie-break criterion</option>
              {[...new Set(names)].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary btn-large" disabled={busy}>
            {busy ? "Adding…" : "Add category"}
          </button>
        </div>
      </form>
    </section>
  );
}
