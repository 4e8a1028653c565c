import { useState } from "react";
import type { PrizeView } from "../../../shared/api";
import { PrizeCreateSchema } from "../../../shared/schemas/event";
import { ConfirmDelete } from "../../components/ConfirmButton";
import { PlaceBadge, prizesOf } from "../../components/EventBits";
import { FormError } from "../../components/Field";
import { TagIcon } from "../../components/Icons";
import { EmptyState, Notice } from "../../components/States";
import { useFormSubmit } from "../../hooks/useMutation";
import { useTitle } from "../../hooks/useTitle";
import { api } from "../../lib/api";
import { ordinal } from "../../lib/format";
import { Link } from "../../lib/router";
import type { SectionProps } from "./EventLayout";
import { PrizeEditForm } from "./PrizeEditForm";
import { PLACES, PRIZE_FIELDS, PrizeFields, type PrizeValues } from "./PrizeFields";
import { SectionHead } from "./SectionHead";

export function PrizesSection({ event, setEvent }: SectionProps) {
  useTitle(`${event.name}: prizes`);
  const [message, setMessage] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  // Closing an edit form puts focus back on the Edit button it came from.
  const closeEdit = (id: string) => {
    setEditing(null);
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`[data-edit="${CSS.escape(id)}"]`)?.focus(),
    );
  };

  if (event.categories.length === 0)
    return (
      <>
        <SectionHead event={event.name} title="Prizes" />
        <EmptyState
          icon={<TagIcon className="state-icon" />}
          title="Add a category first"
          action={
            <Link className="btn btn-primary" to={`/organize/${event.slug}/categories`}>
              Go to categories
            </Link>
          }
        >
          <p>Each prize belongs to a category, like 1st place in Best Game.</p>
        </EmptyState>
      </>
    );

  const replace = (prize: PrizeView) =>
    setEvent((e) => ({ ...e, prizes: e.prizes.map((p) => (p.id === prize.id ? prize : p)) }));

  const remove = async (prize: PrizeView) => {
    await api.send("DELETE /events/{slug}/prizes/{id}", { slug: event.slug, id: prize.id });
    setEvent((e) => ({ ...e, prizes: e.prizes.filter((p) => p.id !== prize.id) }));
    setMessage(`The prize "${prize.title}" is deleted.`);
  };

  return (
    <>
      <SectionHead event={event.name} title="Prizes">
        <p>
          Winners get these at the closing ceremony. Prizes are revealed from the last place up to
          1st.
        </p>
      </SectionHead>
      {message && (
        <Notice tone="success" live>
          <p>{message}</p>
        </Notice>
      )}
      <ul className="card-list">
        {event.categories.map((category) => {
          const prizes = prizesOf(event.prizes, category.id);
          return (
            <li key={category.id} className="card">
              <h2>{category.name}</h2>
              {prizes.length === 0 ? (
                <p className="muted">No prizes yet. Add one with the form below.</p>
              ) : (
                <ul className="prize-list org-prize-list">
                  {prizes.map((prize) => (
                    <li key={prize.id}>
                      <PlaceBadge place={prize.place} />
                      <span className="grow">
                        <strong>{prize.title}</strong>
                        {prize.sponsor && (
                          <span className="muted"> · given by {prize.sponsor}</span>
                        )}
                      </span>
                      <button
                        type="button"
                        className="btn btn-secondary org-prize-edit"
                        aria-label={`Edit the ${ordinal(prize.place)} place prize in ${category.name}`}
                        data-edit={prize.id}
                        aria-expanded={editing === prize.id}
                        onClick={() => {
                          setEditing(editing === prize.id ? null : prize.id);
                          setMessage(null);
                        }}
                      >
                        Edit
                      </button>
                      <ConfirmDelete
                        label={`Delete the ${ordinal(prize.place)} place prize in ${category.name}`}
                        question={
                          <>
                            Delete <strong>{prize.title}</strong>?
                          </>
                        }
                        onConfirm={() => remove(prize)}
                      />
                      {editing === prize.id && (
                        <PrizeEditForm
                          slug={event.slug}
                          prize={prize}
                          categories={event.categories.map((c) => ({ id: c.id, name: c.name }))}
                          prizes={event.prizes}
                          onSaved={(saved) => {
                            replace(saved);
                            closeEdit(prize.id);
                            setMessage(`The prize "${saved.title}" is saved.`);
                          }}
                          onRefreshed={replace}
                          onCancel={() => closeEdit(prize.id)}
                        />
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      <PrizeForm
        slug={event.slug}
        categories={event.categories.map((c) => ({ id: c.id, name: c.name }))}
        prizes={event.prizes}
        onCreated={(prize) => {
          setEvent((e) => ({ ...e, prizes: [...e.prizes, prize] }));
          setMessage(`The prize "${prize.title}" is added.`);
        }}
      />
    </>
  );
}

function PrizeForm({
  slug,
  categories,
  prizes,
  onCreated,
}: {
  slug: string;
  categories: { id: string; name: string }[];
  prizes: PrizeView[];
  onCreated: (prize: PrizeView) => void;
}) {
  const taken = (id: string) =>
    new Set(prizes.filter((p) => p.categoryId === id).map((p) => p.place));
  const firstFree = (id: string) => String(PLACES.find((p) => !taken(id).has(p)) ?? 1);
  const [values, setValues] = useState<PrizeValues>(() => {
    const categoryId = categories[0]?.id ?? "";
    return { categoryId, place: firstFree(categoryId), title: "", sponsor: "" };
  });
  const takenHere = taken(values.categoryId);

  const form = useFormSubmit({
    parse: () => PrizeCreateSchema.safeParse({ ...values, place: Number(values.place) }),
    fields: PRIZE_FIELDS,
    send: (body) => api.send("POST /events/{slug}/prizes", { slug }, body),
    onSuccess: ({ prize }) => {
      // Suggest the next free place in the same category for the next prize.
      const nowTaken = new Set([...takenHere, prize.place]);
      setValues((v) => ({
        ...v,
        title: "",
        sponsor: "",
        place: String(PLACES.find((p) => !nowTaken.has(p)) ?? prize.place),
      }));
      onCreated(prize);
    },
  });

  return (
    <section className="card card-form-wide" aria-labelledby="add-prize">
      <h2 id="add-prize">Add a prize</h2>
      <form ref={form.formRef} className="form" onSubmit={form.onSubmit} noValidate>
        <FormError message={form.formError} />
        <PrizeFields
          values={values}
          set={(change) =>
            setValues((v) => ({
              ...v,
              ...change,
              // A new category suggests its first free place.
              ...(change.categoryId ? { place: firstFree(change.categoryId) } : {}),
            }))
          }
          errors={form.errors}
          categories={categories}
          taken={takenHere}
          titleHint="For example: An Aqua Zorbing experience day"
          sponsorHint="Who gives the prize, for example FARM."
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary btn-large" disabled={form.busy}>
            {form.busy ? "Adding…" : "Add prize"}
          </button>
        </div>
      </form>
    </section>
  );
}
