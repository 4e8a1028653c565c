/**
 * One form for adding a category and for editing one. An edit sends the whole category with
 * the version the page shows: criteria keep their ids, new ones have none, and the list's
 * order is the order judges see. Once judges have scored, the server refuses new weights,
 * maximums and criteria and says which field; when someone else changed the category
 * meanwhile, the server sends it as it is now and the form shows that instead.
 */
import { useId, useRef, useState } from "react";
import type { CategoryView } from "../../../shared/api";
import { LIMITS } from "../../../shared/limits";
import { CategoryCreateSchema, CategoryEditSchema } from "../../../shared/schemas/event";
import { Field, FormError, NumberField, TextAreaField, TextField } from "../../components/Field";
import { ArrowDownIcon, ArrowUpIcon, PlusIcon, TrashIcon } from "../../components/Icons";
import { useFormSubmit } from "../../hooks/useMutation";
import { api } from "../../lib/api";
import { FormActions, FormFrame, showCurrent } from "./FormFrame";

interface CriterionRow {
  key: number;
  /** Set for a criterion the category has already; a new one has none. */
  id?: string;
  name: string;
  description: string | null;
  weight: string;
  maxScore: string;
}

let rowKeys = 0;
const newRow = (): CriterionRow => ({
  key: ++rowKeys,
  name: "",
  description: null,
  weight: "1",
  maxScore: "10",
});
const rowsOf = (category: CategoryView): CriterionRow[] =>
  category.criteria.map((c) => ({
    key: ++rowKeys,
    id: c.id,
    name: c.name,
    description: c.description,
    weight: String(c.weight),
    maxScore: String(c.maxScore),
  }));

export function CategoryForm({
  slug,
  category,
  onSaved,
  onRefreshed,
  onCancel,
}: {
  slug: string;
  /** The category to edit; without it the form adds a new one. */
  category?: CategoryView;
  onSaved: (category: CategoryView) => void;
  /** Someone else changed it meanwhile: the category as it is now, the form staying open. */
  onRefreshed?: (category: CategoryView) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const editing = category !== undefined;
  const [version, setVersion] = useState(category?.version ?? 1);
  const [name, setName] = useState(category?.name ?? "");
  const [description, setDescription] = useState(category?.description ?? "");
  const [singleSchool, setSingleSchool] = useState(category?.singleSchool ?? false);
  const [rows, setRows] = useState<CriterionRow[]>(() =>
    category ? rowsOf(category) : [newRow()],
  );
  const [tieBreak, setTieBreak] = useState(category?.tieBreakCriterion ?? "");

  const load = (c: CategoryView | undefined) => {
    setVersion(c?.version ?? 1);
    setName(c?.name ?? "");
    setDescription(c?.description ?? "");
    setSingleSchool(c?.singleSchool ?? false);
    setRows(c ? rowsOf(c) : [newRow()]);
    setTieBreak(c?.tieBreakCriterion ?? "");
  };

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
  const moveRow = (key: number, by: -1 | 1) => {
    setRows((rs) => {
      const from = rs.findIndex((r) => r.key === key);
      const to = from + by;
      if (from < 0 || to < 0 || to >= rs.length) return rs;
      const next = [...rs];
      [next[from], next[to]] = [next[to]!, next[from]!];
      return next;
    });
    // At the top or bottom the button pressed turns off: focus stays on the row's other one.
    focusLater(() => {
      const find = (dir: number) =>
        formRef.current?.querySelector<HTMLButtonElement>(`[data-move="${key}:${dir}"]`);
      const same = find(by);
      return same && !same.disabled ? same : find(-by);
    });
  };
  const setRow = (key: number, change: Partial<CriterionRow>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const names = rows.map((r) => r.name.trim()).filter(Boolean);

  const read = () => {
    const toNumber = (v: string) => (v.trim() === "" ? Number.NaN : Number(v));
    const fields = {
      name,
      description,
      singleSchool,
      criteria: rows.map((r) => ({
        ...(editing && r.id ? { id: r.id } : {}),
        name: r.name,
        ...(r.description ? { description: r.description } : {}),
        weight: toNumber(r.weight),
        maxScore: toNumber(r.maxScore),
      })),
      tieBreakCriterion: names.includes(tieBreak) ? tieBreak : "",
    };
    return fields;
  };
  const form = useFormSubmit({
    parse: () =>
      editing
        ? CategoryEditSchema.safeParse({ version, ...read() })
        : CategoryCreateSchema.safeParse(read()),
    fields: ["name", "description", "singleSchool", "criteria", "tieBreakCriterion"],
    // An edit's values carry the version already; naming it again tells the types so.
    send: (body) =>
      editing
        ? api.send(
            "PUT /events/{slug}/categories/{id}",
            { slug, id: category.id },
            {
              ...body,
              version,
            },
          )
        : api.send("POST /events/{slug}/categories", { slug }, body),
    onSuccess: ({ category: saved }) => {
      if (!editing) load(undefined);
      onSaved(saved);
    },
    onConflict: showCurrent(load, onRefreshed, { row: "this category", shown: "it as it is" }),
  });
  const { errors, busy } = form;
  const formRef = form.formRef;

  const title = editing ? `Edit ${category.name}` : "Add a category";
  const body = (
    <form ref={formRef} className="form" onSubmit={form.onSubmit} noValidate>
      <FormError message={form.formError} />
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
          id={`${id}-single-school`}
          type="checkbox"
          checked={singleSchool}
          onChange={(e) => setSingleSchool(e.target.checked)}
          aria-invalid={Boolean(errors.singleSchool)}
          aria-describedby={`${id}-single-school-hint`}
        />
        <label htmlFor={`${id}-single-school`}>All members must be from the same school</label>
        <p className="hint" id={`${id}-single-school-hint`}>
          For example the Pre-University Challenge. Sign-up explains this rule to teams.
        </p>
        {errors.singleSchool && <p className="field-error">{errors.singleSchool}</p>}
      </div>

      <fieldset className="fieldset">
        <legend>Criteria</legend>
        <p className="fieldset-intro">
          What judges score. A weight of 3 counts three times as much as a weight of 1. Judges give
          each criterion a whole number from 0 up to its top score.
          {editing &&
            " Once judges have scored, you can still rename criteria and change their order, but not their weight or top score."}
        </p>
        {errors.criteria && (
          <p className="field-error" role="alert">
            {errors.criteria}
          </p>
        )}
        <ol className="org-criteria-rows">
          {rows.map((row, i) => {
            const label = row.name.trim() || `criterion ${i + 1}`;
            return (
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
                  <NumberField
                    label="Weight"
                    hint={`${LIMITS.weightMin} to ${LIMITS.weightMax}`}
                    error={errors[`criteria.${i}.weight`]}
                    min={LIMITS.weightMin}
                    max={LIMITS.weightMax}
                    value={row.weight}
                    onValue={(weight) => setRow(row.key, { weight })}
                  />
                  <NumberField
                    label="Top score"
                    hint={`${LIMITS.maxScoreMin} to ${LIMITS.maxScoreMax}`}
                    error={errors[`criteria.${i}.maxScore`]}
                    min={LIMITS.maxScoreMin}
                    max={LIMITS.maxScoreMax}
                    value={row.maxScore}
                    onValue={(maxScore) => setRow(row.key, { maxScore })}
                  />
                  <div className="org-criterion-tools">
                    {editing && (
                      <>
                        <button
                          type="button"
                          className="btn btn-ghost btn-icon"
                          aria-label={`Move ${label} up`}
                          data-move={`${row.key}:-1`}
                          disabled={i === 0}
                          onClick={() => moveRow(row.key, -1)}
                        >
                          <ArrowUpIcon />
                        </button>
                        <button
                          type="button"
                          className="btn btn-ghost btn-icon"
                          aria-label={`Move ${label} down`}
                          data-move={`${row.key}:1`}
                          disabled={i === rows.length - 1}
                          onClick={() => moveRow(row.key, 1)}
                        >
                          <ArrowDownIcon />
                        </button>
                      </>
                    )}
                    {rows.length > 1 && (
                      <button
                        type="button"
                        className="btn btn-ghost btn-icon"
                        aria-label={`Remove ${label}`}
                        onClick={() => removeRow(row.key)}
                      >
                        <TrashIcon />
                      </button>
                    )}
                  </div>
                </fieldset>
              </li>
            );
          })}
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
      <FormActions
        busy={busy}
        label={editing ? "Save changes" : "Add category"}
        busyLabel={editing ? "Saving…" : "Adding…"}
        onCancel={onCancel}
      />
    </form>
  );

  return (
    <FormFrame editing={editing} title={title}>
      {body}
    </FormFrame>
  );
}
