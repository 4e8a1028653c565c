/**
 * The event's schools: one display name each. Organizers fix a school's name (it then shows on
 * every screen, badge and certificate) and merge two spellings of one school into one.
 */
import { type FormEvent, useState } from "react";
import type { SchoolView } from "../../../shared/api";
import type { SchoolRename } from "../../../shared/schemas/school";
import { SchoolRenameSchema } from "../../../shared/schemas/school";
import { Field, FormError, TextField } from "../../components/Field";
import { UsersIcon } from "../../components/Icons";
import { EmptyState, ErrorState, Loading, Notice } from "../../components/States";
import { useSocketEvent } from "../../hooks/useEventSocket";
import { useMutation } from "../../hooks/useMutation";
import { useQuery } from "../../hooks/useQuery";
import { useTitle } from "../../hooks/useTitle";
import { api, endpoint } from "../../lib/api";
import type { SectionProps } from "./EventLayout";
import { SectionHead } from "./SectionHead";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function SchoolsSection({ event }: SectionProps) {
  useTitle(`${event.name}: schools`);
  const list = useQuery(endpoint("/events/{slug}/schools/summary", { slug: event.slug }));
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
  const [unchosen, setUnchosen] = useState<string>();
  const params = { slug, id: school.id };
  // Renaming and merging are one write at a time on one school: one busy state, one message.
  const change = useMutation((write: () => Promise<string>) => write(), { onSuccess: done });
  const busy = change.busy;
  const error = unchosen ?? change.message;

  const rename = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = SchoolRenameSchema.safeParse({ name, version: school.version });
    if (!parsed.success) {
      setNameError(parsed.error.issues[0]?.message);
      return;
    }
    setNameError(undefined);
    setUnchosen(undefined);
    const body: SchoolRename = parsed.data;
    await change.run(async () => {
      await api.send("PATCH /events/{slug}/schools/{id}", params, body);
      return `The school is now called ${body.name}.`;
    });
  };

  const merge = async (e: FormEvent) => {
    e.preventDefault();
    const into = others.find((o) => o.id === intoId);
    if (!into) {
      change.reset();
      setUnchosen("Choose the school to merge into.");
      return;
    }
    setUnchosen(undefined);
    await change.run(async () => {
      await api.send("POST /events/{slug}/schools/{id}/merge", params, { intoId });
      return `${school.name} is merged into ${into.name}.`;
    });
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
