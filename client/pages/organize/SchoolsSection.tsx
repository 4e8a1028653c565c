/**
 * The event's schools: one display name each. Organizers fix a school's name (it then shows on
 * every screen, badge and certificate) and merge two spellings of one school into one.
 */
import { type FormEvent, useState } from "react";
import type { SchoolView } from "../../../shared/api";
import { SchoolRenameSchema } from "../../../shared/schemas/school";
import { Field, FormError, TextField } from "../../components/Field";
import { UsersIcon } from "../../components/Icons";
import { EmptyState, ErrorState, Loading, Notice } from "../../components/States";
import { useApi, useTitle } from "../../hooks/useApi";
import { useSocketEvent } from "../../hooks/useEventSocket";
import { api, messageOf, seg } from "../../lib/api";
import type { SectionProps } from "./EventLayout";
import { SectionHead } from "./SectionHead";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function SchoolsSection({ event }: SectionProps) {
  useTitle(`${event.name}: schools`);
  const list = useApi<{ schools: SchoolView[] }>(`/events/${seg(event.slug)}/schools/summary`);
  const [message, setMessage] = useState<string | null>(null);
  useSocketEvent("schools:changed", list.reload);
  useSocketEvent("teams:changed", list.reload);

  const body = () => {
    if (list.status === "loading") return <Loading label="Loading schools…" />;
    if (list.status === "error") return <ErrorState error={list.error} retry={list.reload} />;
    const schools = list.data.schools;
    if (schools.length === 0)
      return (
        <EmptyState icon={<UsersIcon className="state-icon" />} title="No schools yet">
          <p>Schools appear here when teams sign up.</p>
        </EmptyState>
      );
    return (
      <ul className="card-list">
        {schools.map((school) => (
          <SchoolCard
            key={`${school.id}-${school.version}`}
            slug={event.slug}
            school={school}
            others={schools.filter((s) => s.id !== school.id)}
            done={(text) => {
              setMessage(text);
              list.reload();
            }}
          />
        ))}
      </ul>
    );
  };

  return (
    <>
      <SectionHead event={event.name} title="Schools">
        <p>
          Each school has one name, used on badges, certificates and the big screen. If a school is
          here twice under two spellings, merge one into the other.
        </p>
      </SectionHead>
      {message && (
        <Notice tone="success" live>
          <p>{message}</p>
        </Notice>
      )}
      {body()}
    </>
  );
}

function SchoolCard({
  slug,
  school,
  others,
  done,
}: {
  slug: string;
  school: SchoolView;
  others: SchoolView[];
  done: (message: string) => void;
}) {
  const [name, setName] = useState(school.name);
  const [intoId, setIntoId] = useState("");
  const [nameError, setNameError] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const base = `/events/${seg(slug)}/schools/${seg(school.id)}`;

  const rename = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = SchoolRenameSchema.safeParse({ name, version: school.version });
    if (!parsed.success) {
      setNameError(parsed.error.issues[0]?.message);
      return;
    }
    setBusy(true);
    setNameError(undefined);
    setError(undefined);
    try {
      await api.patch(base, parsed.data);
      done(`The school is now called ${parsed.data.name}.`);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const merge = async (e: FormEvent) => {
    e.preventDefault();
    const into = others.find((o) => o.id === intoId);
    if (!into) {
      setError("Choose the school to merge into.");
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`${base}/merge`, { intoId });
      done(`${school.name} is merged into ${into.name}.`);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="card">
      <h2>{school.name}</h2>
      <p className="muted">
        {plural(school.members, "member", "members")} in {plural(school.teams, "team", "teams")},{" "}
        {plural(school.judges, "judge", "judges")} declared it
      </p>
      <FormError message={error} />
      <form className="form" onSubmit={rename} noValidate>
        <TextField
          label={`New name for ${school.name}`}
          value={name}
          onValue={setName}
          error={nameError}
        />
        <button type="submit" className="btn" disabled={busy}>
          Save name
        </button>
      </form>
      {others.length > 0 && (
        <form className="form" onSubmit={merge} noValidate>
          <Field label={`Merge ${school.name} into`}>
            {(a) => (
              <select
                {...a}
                className="input"
                value={intoId}
                onChange={(e) => setIntoId(e.target.value)}
              >
                <option value="">Choose a school</option>
                {others.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="btn" disabled={busy}>
            Merge
          </button>
        </form>
      )}
    </li>
  );
}
