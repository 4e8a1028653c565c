/** Adding a member from the team's page: the sign-up form's member block and its live rules. */
import { type FormEvent, useId, useMemo, useState } from "react";
import type { EventView, MemberView, TeamView } from "../../../shared/api";
import { MemberSchema } from "../../../shared/schemas/team";
import { FormError } from "../../components/Field";
import { MemberFields } from "../../components/MemberFields";
import { useFormSubmit } from "../../hooks/useMutation";
import { useQuery } from "../../hooks/useQuery";
import { api, endpoint } from "../../lib/api";
import { type FieldErrors, withChecks } from "../../lib/forms";
import {
  birthYears,
  emptyMember,
  liveProblems,
  type MemberDraft,
  memberInput,
  rulesFor,
} from "../../lib/members";

const KNOWN = ["firstName", "lastName", "dateOfBirth", "school", "guardian", "dietary", "medical"];

export function AddMemberForm({
  team,
  event,
  onAdded,
  onCancel,
}: {
  team: TeamView;
  event: EventView;
  onAdded: (member: MemberView) => void;
  onCancel: () => void;
}) {
  const schoolsId = useId();
  const schools = useQuery(endpoint("/events/{slug}/schools", { slug: event.slug }));
  const [draft, setDraft] = useState<MemberDraft>(emptyMember);
  const [schoolLeft, setSchoolLeft] = useState(false);
  const years = useMemo(() => birthYears(event), [event]);
  const category = event.categories.find((c) => c.id === team.categoryId);
  const rules = rulesFor(event, category?.singleSchool ?? false);
  const existing = team.members.map((m) => ({
    firstName: m.firstName,
    dateOfBirth: m.dateOfBirth ?? "",
    school: m.school,
  }));

  // The shared rules, against the members already on the team; the body's paths have no prefix.
  const live: FieldErrors = {};
  const contactEmail = team.contactEmail ?? "";
  for (const [path, message] of Object.entries(
    liveProblems([draft], rules, { existing, contactEmail }),
  )) {
    const field = path.replace(/^members\.\d+\./, "");
    if (field !== "school" || schoolLeft) live[field === "members" ? "form" : field] = message;
  }
  const form = useFormSubmit({
    parse: () => {
      const found: FieldErrors = {};
      for (const [path, message] of Object.entries(
        liveProblems([draft], rules, { existing, contactEmail }),
      ))
        found[path.replace(/^members\.\d+\./, "")] = message;
      return withChecks(MemberSchema.safeParse(memberInput(draft)), found);
    },
    fields: KNOWN,
    send: (member) => api.send("POST /teams/me/members", {}, member),
    onSuccess: ({ member }) => onAdded(member),
  });
  const { busy, formRef, formError } = form;
  const errors = { ...form.errors, ...live };

  const submit = (e: FormEvent) => {
    // From now on a school clash shows even in a school field not yet left.
    setSchoolLeft(true);
    void form.onSubmit(e);
  };

  return (
    <form ref={formRef} className="card form team-add-form" onSubmit={submit} noValidate>
      <h3>Add a member</h3>
      <FormError message={formError ?? errors.form} />
      <datalist id={schoolsId}>
        {schools.status === "ready" &&
          schools.data.schools.map((school) => <option key={school.id} value={school.name} />)}
      </datalist>
      <MemberFields
        title={`Member ${team.members.length + 1}`}
        draft={draft}
        prefix=""
        errors={errors}
        years={years}
        schoolsListId={schoolsId}
        schoolHint={
          category?.singleSchool
            ? `The same school as the rest of the team${team.members[0] ? ` (${team.members[0].school})` : ""}.`
            : undefined
        }
        onChange={(patch) => {
          setDraft((d) => ({ ...d, ...patch }));
          form.setErrors({});
        }}
        onSchoolBlur={() => setSchoolLeft(true)}
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? "Adding…" : "Add to the team"}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
