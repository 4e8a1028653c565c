/**
 * Editing a prize: its category, place, title and sponsor, sent with the version the page
 * shows. When someone else changed the prize meanwhile, the server sends it as it is now and
 * the form shows that instead, so nothing is overwritten unseen.
 */
import { useState } from "react";
import type { PrizeView } from "../../../shared/api";
import { PrizeEditSchema } from "../../../shared/schemas/event";
import { FormError } from "../../components/Field";
import { useFormSubmit } from "../../hooks/useMutation";
import { api } from "../../lib/api";
import { FormActions, FormFrame, showCurrent } from "./FormFrame";
import { PRIZE_FIELDS, PrizeFields, type PrizeValues } from "./PrizeFields";

const valuesOf = (p: PrizeView): PrizeValues => ({
  categoryId: p.categoryId,
  place: String(p.place),
  title: p.title,
  sponsor: p.sponsor ?? "",
});

export function PrizeEditForm({
  slug,
  prize,
  categories,
  prizes,
  onSaved,
  onRefreshed,
  onCancel,
}: {
  slug: string;
  prize: PrizeView;
  categories: { id: string; name: string }[];
  prizes: PrizeView[];
  onSaved: (prize: PrizeView) => void;
  onRefreshed: (prize: PrizeView) => void;
  onCancel: () => void;
}) {
  const [version, setVersion] = useState(prize.version);
  const [values, setValues] = useState(() => valuesOf(prize));
  const taken = new Set(
    prizes
      .filter((p) => p.categoryId === values.categoryId && p.id !== prize.id)
      .map((p) => p.place),
  );

  const form = useFormSubmit({
    parse: () =>
      PrizeEditSchema.safeParse({
        version,
        categoryId: values.categoryId,
        place: Number(values.place),
        title: values.title,
        sponsor: values.sponsor.trim() ? values.sponsor : null,
      }),
    fields: PRIZE_FIELDS,
    send: (body) => api.send("PATCH /events/{slug}/prizes/{id}", { slug, id: prize.id }, body),
    onSuccess: ({ prize: saved }) => onSaved(saved),
    onConflict: showCurrent(
      (now: PrizeView) => {
        setVersion(now.version);
        setValues(valuesOf(now));
      },
      onRefreshed,
      { row: "this prize", shown: "it as it is" },
    ),
  });

  return (
    <FormFrame editing title={`Edit ${prize.title}`}>
      <form ref={form.formRef} className="form" onSubmit={form.onSubmit} noValidate>
        <FormError message={form.formError} />
        <PrizeFields
          values={values}
          set={(change) => setValues((v) => ({ ...v, ...change }))}
          errors={form.errors}
          categories={categories}
          taken={taken}
          sponsorHint="Leave it empty when no one sponsors this prize."
        />
        <FormActions
          busy={form.busy}
          label="Save the prize"
          busyLabel="Saving…"
          onCancel={onCancel}
          large={false}
        />
      </form>
    </FormFrame>
  );
}
