/** A prize's fields, the same in the form that adds a prize and the one that edits it. */
import { LIMITS } from "../../../shared/limits";
import { Field, TextField } from "../../components/Field";
import { ordinal } from "../../lib/format";
import type { FieldErrors } from "../../lib/forms";

export const PLACES = Array.from(
  { length: LIMITS.placeMax - LIMITS.placeMin + 1 },
  (_, i) => i + LIMITS.placeMin,
);

/** What the fields hold, as typed: the place is the select's value. */
export interface PrizeValues {
  categoryId: string;
  place: string;
  title: string;
  sponsor: string;
}

export const PRIZE_FIELDS = ["categoryId", "place", "title", "sponsor"] as const;

export function PrizeFields({
  values,
  set,
  errors,
  categories,
  taken,
  titleHint,
  sponsorHint,
}: {
  values: PrizeValues;
  set: (change: Partial<PrizeValues>) => void;
  errors: FieldErrors;
  categories: { id: string; name: string }[];
  /** The places in the chosen category that another prize has already. */
  taken: Set<number>;
  titleHint?: string;
  sponsorHint: string;
}) {
  return (
    <>
      <div className="field-row">
        <Field label="Category" error={errors.categoryId} className="grow">
          {(a) => (
            <select
              {...a}
              className="input"
              value={values.categoryId}
              onChange={(e) => set({ categoryId: e.target.value })}
            >
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Place" error={errors.place}>
          {(a) => (
            <select
              {...a}
              className="input"
              value={values.place}
              onChange={(e) => set({ place: e.target.value })}
            >
              {PLACES.map((p) => (
                <option key={p} value={p}>
                  {ordinal(p)}
                  {taken.has(p) ? " (has a prize)" : ""}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <TextField
        label="Prize"
        hint={titleHint}
        error={errors.title}
        maxLength={LIMITS.prizeTitleMax}
        value={values.title}
        onValue={(title) => set({ title })}
      />
      <TextField
        label="Sponsor"
        optional
        hint={sponsorHint}
        error={errors.sponsor}
        maxLength={LIMITS.sponsorMax}
        value={values.sponsor}
        onValue={(sponsor) => set({ sponsor })}
      />
    </>
  );
}
