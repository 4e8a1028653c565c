import { useState } from "react";
import type { JudgeView } from "../../../shared/api";
import { CheckIcon, GavelIcon, TagIcon } from "../../components/Icons";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSocketEvent } from "../../hooks/useEventSocket";
import { useQuery } from "../../hooks/useQuery";
import { useTitle } from "../../hooks/useTitle";
import { api, endpoint } from "../../lib/api";
import { Link } from "../../lib/router";
import type { SectionProps } from "./EventLayout";
import { InviteeCardHead, NewInviteLink } from "./Invitees";
import { InviteLinkPanel } from "./InviteLinkPanel";
import { JudgeForm } from "./JudgeForm";
import { LinkAddress } from "./LinkAddress";
import { ResetLinkButton } from "./ResetLinkButton";
import { SectionHead } from "./SectionHead";

export function JudgesSection({ event }: SectionProps) {
  useTitle(`${event.name}: judges`);
  const judges = useQuery(endpoint("/events/{slug}/judges", { slug: event.slug }));
  const [link, setLink] = useState<{ name: string; url: string } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  // Closing an edit form puts focus back on the Edit button it came from.
  const closeEdit = (id: string) => {
    setEditing(null);
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`[data-edit="${CSS.escape(id)}"]`)?.focus(),
    );
  };
  const [saved, setSaved] = useState<{ id: string; message: string } | null>(null);
  const categoryName = new Map(event.categories.map((c) => [c.id, c.name]));
  const categoryList = event.categories.map((c) => ({ id: c.id, name: c.name }));
  // Another organizer's invite or edit (any field: name, email, schools, categories) is pushed
  // to every organizer's screen; the list reads itself again.
  useSocketEvent("judges:changed", () => judges.reload());
  const replace = (judge: JudgeView) => {
    if (judges.status === "ready")
      judges.setData((d) => ({
        judges: d.judges
          .map((j) => (j.id === judge.id ? judge : j))
          .sort((a, b) => a.name.localeCompare(b.name)),
      }));
  };

  return (
    <>
      <SectionHead event={event.name} title="Judges">
        <p>
          Invite each judge with a link. They open it on their phone, choose a password, and can
          then score the teams in their categories.
        </p>
      </SectionHead>

      <LinkAddress what="Invite links and their QR codes" />

      {link && <InviteLinkPanel {...link} holder="judge" onClose={() => setLink(null)} />}

      {event.categories.length === 0 ? (
        <EmptyState
          icon={<TagIcon className="state-icon" />}
          title="Add a category first"
          action={
            <Link className="btn btn-primary" to={`/organize/${event.slug}/categories`}>
              Go to categories
            </Link>
          }
        >
          <p>Each judge scores one or more categories, so the event needs a category first.</p>
        </EmptyState>
      ) : (
        <JudgeForm
          slug={event.slug}
          categories={categoryList}
          onInvited={(judge, url) => {
            if (judges.status === "ready")
              judges.setData((d) => ({
                judges: [...d.judges, judge].sort((a, b) => a.name.localeCompare(b.name)),
              }));
            else judges.reload();
            setLink({ name: judge.name, url });
          }}
        />
      )}

      <section aria-labelledby="judge-list">
        <h2 id="judge-list" className="section-title">
          Invited judges
        </h2>
        {judges.status === "loading" && <Loading label="Loading judges…" />}
        {judges.status === "error" && <ErrorState error={judges.error} retry={judges.reload} />}
        {judges.status === "ready" &&
          (judges.data.judges.length === 0 ? (
            <EmptyState icon={<GavelIcon className="state-icon" />} title="No judges yet">
              <p>Invite your first judge with the form above. You'll get a link to send them.</p>
            </EmptyState>
          ) : (
            <ul className="card-list">
              {judges.data.judges.map((judge) => (
                <li key={judge.id} className="card org-judge-card">
                  <InviteeCardHead person={judge} />
                  <dl className="org-facts">
                    <div>
                      <dt>Judges</dt>
                      <dd>
                        {judge.categoryIds
                          .map((id) => categoryName.get(id) ?? "A deleted category")
                          .join(", ") || "No categories"}
                      </dd>
                    </div>
                    <div>
                      <dt>Never gets teams from</dt>
                      <dd>
                        {judge.schools.length ? judge.schools.join(", ") : "No schools listed"}
                      </dd>
                    </div>
                  </dl>
                  {editing === judge.id ? (
                    <JudgeForm
                      slug={event.slug}
                      categories={categoryList}
                      judge={judge}
                      onSaved={(j) => {
                        replace(j);
                        closeEdit(judge.id);
                        setSaved({ id: j.id, message: `${j.name} is saved.` });
                      }}
                      onRefreshed={replace}
                      onCancel={() => closeEdit(judge.id)}
                    />
                  ) : (
                    <div className="actions">
                      <button
                        type="button"
                        className="btn btn-secondary"
                        aria-label={`Edit ${judge.name}`}
                        data-edit={judge.id}
                        onClick={() => {
                          setEditing(judge.id);
                          setSaved(null);
                        }}
                      >
                        Edit
                      </button>
                      {saved?.id === judge.id && (
                        <span className="small" role="status">
                          <CheckIcon /> {saved.message}
                        </span>
                      )}
                    </div>
                  )}
                  {!judge.accepted && (
                    <NewInviteLink
                      slug={event.slug}
                      holder="judge"
                      person={judge}
                      onLink={(url) => setLink({ name: judge.name, url })}
                    />
                  )}
                  {judge.accepted && (
                    <ResetLinkButton
                      send={() =>
                        api.send("POST /events/{slug}/judges/{id}/password-reset", {
                          slug: event.slug,
                          id: judge.id,
                        })
                      }
                      who={judge.name}
                      timeZone={event.timezone}
                    />
                  )}
                </li>
              ))}
            </ul>
          ))}
      </section>
    </>
  );
}
