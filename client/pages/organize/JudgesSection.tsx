import { type FormEvent, type KeyboardEvent, useRef, useState } from "react";
import type { JudgeView } from "../../../shared/api";
import { LIMITS } from "../../../shared/limits";
import { JudgeInviteSchema } from "../../../shared/schemas/event";
import { Field, FormError, TextField } from "../../components/Field";
import { CheckIcon, CloseIcon, GavelIcon, HourglassIcon, TagIcon } from "../../components/Icons";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useTitle } from "../../hooks/useApi";
import { useQuery } from "../../hooks/useQuery";
import { api, endpoint, messageOf, seg } from "../../lib/api";
import {
  type FieldErrors,
  focusFirstError,
  problemFieldErrors,
  zodFieldErrors,
} from "../../lib/forms";
import { Link } from "../../lib/router";
import type { SectionProps } from "./EventLayout";
import { InviteLinkPanel } from "./InviteLinkPanel";
import { LinkAddress } from "./LinkAddress";
import { ResetLinkButton } from "./ResetLinkButton";
import { SectionHead } from "./SectionHead";

export function JudgesSection({ event }: SectionProps) {
  useTitle(`${event.name}: judges`);
  const judges = useQuery(endpoint("/events/{slug}/judges", { slug: event.slug }));
  const [link, setLink] = useState<{ judgeName: string; url: string } | null>(null);
  const [renewing, setRenewing] = useState<string | null>(null);
  const [renewError, setRenewError] = useState<{ id: string; message: string } | null>(null);
  const categoryName = new Map(event.categories.map((c) => [c.id, c.name]));

  const renew = async (judge: JudgeView) => {
    setRenewing(judge.id);
    setRenewError(null);
    try {
      const { inviteUrl } = await api.post<{ inviteUrl: string }>(
        `/events/${seg(event.slug)}/judges/${seg(judge.id)}/invite`,
      );
      setLink({ judgeName: judge.name, url: inviteUrl });
    } catch (error) {
      setRenewError({ id: judge.id, message: messageOf(error) });
    } finally {
      setRenewing(null);
    }
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

      {link && <InviteLinkPanel {...link} onClose={() => setLink(null)} />}

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
        <InviteForm
          slug={event.slug}
          categories={event.categories.map((c) => ({ id: c.id, name: c.name }))}
          onInvited={(judge, url) => {
            if (judges.status === "ready")
              judges.setData((d) => ({
                judges: [...d.judges, judge].sort((a, b) => a.name.localeCompare(b.name)),
              }));
            else judges.reload();
            setLink({ judgeName: judge.name, url });
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
                  <div className="card-head">
                    <div>
                      <h3>{judge.name}</h3>
                      <p className="muted small">{judge.email}</p>
                    </div>
                    {judge.accepted ? (
                      <span className="badge badge-ok">
                        <CheckIcon /> Accepted
                      </span>
                    ) : (
                      <span className="badge badge-wait">
                        <HourglassIcon /> Waiting for them to accept
                      </span>
                    )}
                  </div>
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
                  {!judge.accepted && (
                    <div className="actions">
                      <button
                        type="button"
                        className="btn btn-secondary"
                        onClick={() => renew(judge)}
                        disabled={renewing === judge.id}
                        aria-label={`New invite link for ${judge.name}`}
                      >
                        {renewing === judge.id ? "Making a link…" : "New invite link"}
                      </button>
                      <span className="small muted">The old link will stop working.</span>
                    </div>
                  )}
                  {renewError?.id === judge.id && (
                    <p className="field-error" role="alert">
                      {renewError.message}
                    </p>
                  )}
                  {judge.accepted && (
                    <ResetLinkButton
                      path={`/events/${seg(event.slug)}/judges/${seg(judge.id)}/password-reset`}
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

function InviteForm({
  slug,
  categories,
  onInvited,
}: {
  slug: string;
  categories: { id: string; name: string }[];
  onInvited: (judge: JudgeView, inviteUrl: string) => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const schoolRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [schools, setSchools] = useState<string[]>([]);
  const [school, setSchool] = useState("");
  // With a single category there is nothing to choose: tick it.
  const [categoryIds, setCategoryIds] = useState<string[]>(() =>
    categories.length === 1 ? categories.map((c) => c.id) : [],
  );
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
    const parsed = JudgeInviteSchema.safeParse({ name, email, schools: allSchools, categoryIds });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      focusFirstError(formRef.current);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const { judge, inviteUrl } = await api.post<{ judge: JudgeView; inviteUrl: string }>(
        `/events/${seg(slug)}/judges`,
        parsed.data,
      );
      setName("");
      setEmail("");
      setSchools([]);
      setSchool("");
      onInvited(judge, inviteUrl);
    } catch (error) {
      setErrors(problemFieldErrors(error, ["name", "email", "schools", "categoryIds"]));
      setFormError(messageOf(error));
      focusFirstError(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  const schoolsError =
    errors.schools ?? Object.entries(errors).find(([k]) => k.startsWith("schools."))?.[1];

  return (
    <section className="card card-form-wide" aria-labelledby="invite-judge">
      <h2 id="invite-judge">Invite a judge</h2>
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
          aria-describedby={errors.categoryIds ? "category-error" : undefined}
        >
          <legend>Categories they judge</legend>
          <ul className="org-checks">
            {categories.map((c) => (
              <li key={c.id} className="check">
                <input
                  id={`judge-cat-${c.id}`}
                  type="checkbox"
                  checked={categoryIds.includes(c.id)}
                  aria-invalid={Boolean(errors.categoryIds)}
                  onChange={(e) =>
                    setCategoryIds((ids) =>
                      e.target.checked ? [...ids, c.id] : ids.filter((id) => id !== c.id),
                    )
                  }
                />
                <label htmlFor={`judge-cat-${c.id}`}>{c.name}</label>
              </li>
            ))}
          </ul>
          {errors.categoryIds && (
            <p className="field-error" id="category-error">
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
            {busy ? "Inviting…" : "Invite judge"}
          </button>
        </div>
      </form>
    </section>
  );
}
