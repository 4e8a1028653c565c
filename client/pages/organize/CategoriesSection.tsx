import { useState } from "react";
import type { CategoryView } from "../../../shared/api";
import { ConfirmDelete } from "../../components/ConfirmButton";
import { CriteriaTable, SchoolRule } from "../../components/EventBits";
import { TagIcon } from "../../components/Icons";
import { EmptyState, Notice } from "../../components/States";
import { useTitle } from "../../hooks/useTitle";
import { api } from "../../lib/api";
import { useFlash } from "../../lib/flash";
import { plural } from "../../lib/format";
import { CategoryForm } from "./CategoryForm";
import type { SectionProps } from "./EventLayout";
import { SectionHead } from "./SectionHead";

export function CategoriesSection({ event, setEvent }: SectionProps) {
  useTitle(`${event.name}: categories`);
  const flash = useFlash();
  const [message, setMessage] = useState<string | null>(flash);
  const [editing, setEditing] = useState<string | null>(null);
  // Closing an edit form puts focus back on the Edit button it came from.
  const closeEdit = (id: string) => {
    setEditing(null);
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`[data-edit="${CSS.escape(id)}"]`)?.focus(),
    );
  };
  const replace = (category: CategoryView) =>
    setEvent((e) => ({
      ...e,
      categories: e.categories.map((c) => (c.id === category.id ? category : c)),
    }));

  const remove = async (category: CategoryView) => {
    await api.send("DELETE /events/{slug}/categories/{id}", { slug: event.slug, id: category.id });
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
                  {editing !== category.id && (
                    <button
                      type="button"
                      className="btn btn-secondary"
                      aria-label={`Edit ${category.name}`}
                      data-edit={category.id}
                      onClick={() => {
                        setEditing(category.id);
                        setMessage(null);
                      }}
                    >
                      Edit
                    </button>
                  )}
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
                {editing === category.id ? (
                  <CategoryForm
                    slug={event.slug}
                    category={category}
                    onSaved={(saved) => {
                      replace(saved);
                      closeEdit(category.id);
                      setMessage(`${saved.name} is saved.`);
                    }}
                    onRefreshed={replace}
                    onCancel={() => closeEdit(category.id)}
                  />
                ) : (
                  <>
                    {category.description && <p>{category.description}</p>}
                    <SchoolRule singleSchool={category.singleSchool} />
                    <CriteriaTable category={category} />
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <CategoryForm
        slug={event.slug}
        onSaved={(category) => {
          setEvent((e) => ({ ...e, categories: [...e.categories, category] }));
          setMessage(`${category.name} is added.`);
        }}
      />
    </>
  );
}
