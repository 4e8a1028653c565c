/**
 * Correcting a team at the desk: its name and category, or a member's details. Each edit sends
 * the version the page shows; when someone else changed the row meanwhile, the server refuses
 * and sends the row as it is now, which the form then shows so nothing is overwritten blindly.
 */
import { type FormEvent, useId, useMemo, useState } from "react";
import type { EventView, MemberView, TeamView } from "../../../shared/api";
import { LIMITS } from "../../../shared/limits";
import { FormError, TextField } from "../../components/Field";
import { MemberFields } from "../../components/MemberFields";
import { useFormSubmit } from "../../hooks/useMutation";
import { api } from "../../lib/api";
import { birthYears, dateOfBirthOf, type MemberDraft } from "../../lib/members";
import { FormActions } from "./FormFrame";

/**
 * An edit's submit: with nothing changed the form just closes; otherwise it sends the changes,
 * and after someone else's change hands the team as it is now to the page.
 */
function useTeamEdit<C extends object>({
  changes,
  send,
  fields,
  onSaved,
  onRefreshed,
  onCancel,
}: {
  changes: () => C;
  send: (changes: C) => Promise<{ team: TeamView }>;
  fields: readonly string[];
  onSaved: (team: TeamView) => void;
  onRefreshed: (team: TeamView) => void;
  onCancel: () => void;
}) {
  const form = useFormSubmit({
    parse: () => ({ success: true as const, data: changes() }),
    fields,
    send,
    onSuccess: ({ team }) => onSaved(team),
    onConflict: (current) => onRefreshed(current as TeamView),
  });
  const onSubmit = (e: FormEvent) => {
    if (Object.keys(changes()).length > 0) return void form.onSubmit(e);
    e.preventDefault();
    onCancel();
  };
  return { ...form, onSubmit };
}

export function TeamEditForm({
  event,
  team,
  onSaved,
  onRefreshed,
  onCancel,
}: {
  event: EventView;
  team: TeamView;
  onSaved: (team: TeamView) => void;
  /** Someone else changed it meanwhile: the team as it is now, the form staying open. */
  onRefreshed: (team: TeamView) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [name, setName] = useState(team.name);
  const [categoryId, setCategoryId] = useState(team.categoryId);
  const category = event.categories.find((c) => c.id === categoryId);
  const form = useTeamEdit({
    changes: () => ({
      ...(name.trim() !== team.name ? { name } : {}),
      ...(categoryId !== team.categoryId ? { categoryId } : {}),
    }),
    send: (changes) =>
      api.send(
        "PATCH /events/{slug}/teams/{id}",
        { slug: event.slug, id: team.id },
        { version: team.version, ...changes },
      ),
    fields: ["name", "categoryId"],
    onSaved,
    onRefreshed,
    onCancel,
  });

  return (
    <form ref={form.formRef} className="teams-edit" onSubmit={form.onSubmit} noValidate>
      <h4>Edit {team.name}</h4>
      <FormError message={form.formError} />
      <TextField
        label="Team name"
        error={form.errors.name}
        maxLength={LIMITS.teamNameMax}
        value={name}
        onValue={setName}
      />
      <div className="field">
        <label className="label" htmlFor={`${id}-category`}>
          Category
        </label>
        <select
          id={`${id}-category`}
          className="input"
          value={categoryId}
          onChange={(e) => setCategoryId(e.target.value)}
        >
          {event.categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        {category?.singleSchool && (
          <p className="hint">In this category all members must be from the same school.</p>
        )}
      </div>
      <FormActions
        busy={form.busy}
        label="Save the team"
        busyLabel="Saving…"
        onCancel={onCancel}
        large={false}
      />
    </form>
  );
}

function draftOf(member: MemberView): MemberDraft {
  const [year = "", month = "", day = ""] = (member.dateOfBirth ?? "").split("-");
  return {
    key: 0,
    firstName: member.firstName,
    lastName: member.lastName ?? "",
    day: day ? String(Number(day)) : "",
    month: month ? String(Number(month)) : "",
    year,
    school: member.school,
    guardianName: member.guardian.name ?? "",
    guardianEmail: member.guardian.email ?? "",
    guardianPhone: member.guardian.phone ?? "",
    dietary: member.dietary ?? "",
    medical: member.medical ?? "",
  };
}

/** Only the fields changed, so the audit says what was corrected. */
function changesOf(before: MemberDraft, after: MemberDraft): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ["firstName", "lastName", "school", "dietary", "medical"] as const)
    if (after[key] !== before[key]) out[key] = after[key];
  if (dateOfBirthOf(after) !== dateOfBirthOf(before)) out.dateOfBirth = dateOfBirthOf(after);
  if (
    after.guardianName !== before.guardianName ||
    after.guardianEmail !== before.guardianEmail ||
    after.guardianPhone !== before.guardianPhone
  )
    out.guardian = {
      name: after.guardianName,
      email: after.guardianEmail,
      ...(after.guardianPhone.trim() ? { phone: after.guardianPhone } : {}),
    };
  return out;
}

export function MemberEditForm({
  event,
  teamId,
  member,
  onSaved,
  onRefreshed,
  onCancel,
}: {
  event: EventView;
  teamId: string;
  member: MemberView;
  onSaved: (team: TeamView) => void;
  /** Someone else changed it meanwhile: the team as it is now, the form staying open. */
  onRefreshed: (team: TeamView) => void;
  onCancel: () => void;
}) {
  const schoolsId = useId();
  const original = useMemo(() => draftOf(member), [member]);
  const [draft, setDraft] = useState(original);
  const years = useMemo(() => birthYears(event), [event]);
  const form = useTeamEdit({
    changes: () => changesOf(original, draft),
    send: (changes) =>
      api.send(
        "PATCH /events/{slug}/teams/{id}/members/{memberId}",
        { slug: event.slug, id: teamId, memberId: member.id },
        { version: member.version, ...changes },
      ),
    fields: ["firstName", "lastName", "dateOfBirth", "school", "guardian", "dietary", "medical"],
    onSaved,
    onRefreshed,
    onCancel,
  });

  return (
    <form ref={form.formRef} className="teams-edit" onSubmit={form.onSubmit} noValidate>
      <FormError message={form.formError ?? form.errors.form} />
      <datalist id={schoolsId} />
      <MemberFields
        title={`Edit ${member.firstName}'s details`}
        draft={draft}
        prefix=""
        errors={form.errors}
        years={years}
        schoolsListId={schoolsId}
        onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))}
      />
      <FormActions
        busy={form.busy}
        label="Save the details"
        busyLabel="Saving…"
        onCancel={onCancel}
        large={false}
      />
    </form>
  );
}
