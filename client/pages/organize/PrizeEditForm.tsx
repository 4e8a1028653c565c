/**
 * Editing a prize: its category, place, title and sponsor, sent with the version the page
 * shows. When someone else changed the prize meanwhile, the server sends it as it is now and
 * the form shows that instead, so nothing is overwritten unseen.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import type { PrizeView } from "../../../shared/api";
import { LIMITS } from "../../../shared/limits";
import { PrizeEditSchema } from "../../../shared/schemas/event";
import { Field, FormError, TextField } from "../../components/Field";
import { ApiError, api, messageOf, seg } from "../../lib/api";
import { ordinal } from "../../lib/format";
import {
  type FieldErrors,
  focusFirstError,
  problemFieldErrors,
  zodFieldErrors,
} from "../../lib/forms";

export const PLACES = Array.from(
  { length: LIMITS.placeMax - LIMITS.placeMin + 1 },
  (_, i) => i + LIMITS.placeMin,
);

function currentPrize(error: unknown): PrizeView | null {
  return error instanceof ApiError && error.slug === "row-changed" && error.current
    ? (error.current as PrizeView)
    : null;
}

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
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // An edit form opens where its Edit button was: focus lands on its title, read out first.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const [version, setVersion] = useState(prize.version);
  const [categoryId, setCategoryId] = useState(prize.categoryId);
  const [place, setPlace] = useState(String(prize.place));
  const [title, setTitle] = useState(prize.title);
  const [sponsor, setSponsor] = useState(prize.sponsor ?? "");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const takenHere = new Set(
    prizes.filter((p) => p.categoryId === categoryId && p.id !== prize.id).map((p) => p.place),
  );

  const load = (p: PrizeView) => {
    setVersion(p.version);
    setCategoryId(p.categoryId);
    setPlace(String(p.place));
    setTitle(p.title);
    setSponsor(p.sponsor ?? "");
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(undefined);
    const parsed = PrizeEditSchema.safeParse({
      version,
      categoryId,
      place: Number(place),
      title,
      sponsor: sponsor.trim() ? sponsor : null,
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      focusFirstError(formRef.current);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const { prize: saved } = await api.patch<{ prize: PrizeView }>(
        `/events/${seg(slug)}/prizes/${seg(prize.id)}`,
        parsed.data,
      );
      onSaved(saved);
    } catch (error) {
      const now = currentPrize(error);
      if (now) {
        load(now);
        onRefreshed(now);
        setFormError(
          "Someone else changed this prize a moment ago. The form now shows it as it is: check it, then make your change again.",
        );
      } else {
        setErrors(problemFieldErrors(error, ["categoryId", "place", "title", "sponsor"]));
        setFormError(messageOf(error));
      }
      focusFirstError(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="org-edit" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        Edit {prize.title}
      </h3>
      <form ref={formRef} className="form" onSubmit={submit} noValidate>
        <FormError message={formError} />
        <div className="field-row">
          <Field label="Category" error={errors.categoryId} className="grow">
            {(a) => (
              <select
                {...a}
                className="input"
                value={categoryId}
                onChange={(e) => setCategoryId(e.target.value)}
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
                value={place}
                onChange={(e) => setPlace(e.target.value)}
              >
                {PLACES.map((p) => (
                  <option key={p} value={p}>
                    {ordinal(p)}
                    {takenHere.has(p) ? " (has a prize)" : ""}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <TextField
          label="Prize"
          error={errors.title}
          maxLength={LIMITS.prizeTitleMax}
          value={title}
          onValue={setTitle}
        />
        <TextField
          label="Sponsor"
          optional
          hint="Leave it empty when no one sponsors this prize."
          error={errors.sponsor}
          maxLength={LIMITS.sponsorMax}
          value={sponsor}
          onValue={setSponsor}
        />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? "Saving…" : "Save the prize"}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
