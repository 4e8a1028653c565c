/** The team's members: consent per member, the link to pass on, and adding or removing members. */
import { type FormEvent, useId, useMemo, useRef, useState } from "react";
import type { EventView, MemberView, TeamView } from "../../../shared/api";
import { MemberSchema } from "../../../shared/schemas/team";
import { ConfirmDelete } from "../../components/ConfirmButton";
import { ConsentBadge } from "../../components/ConsentBadge";
import { CopyField } from "../../components/CopyField";
import { FormError } from "../../components/Field";
import { PlusIcon, UsersIcon } from "../../components/Icons";
import { MemberFields } from "../../components/MemberFields";
import { Notice } from "../../components/States";
import { useApi } from "../../hooks/useApi";
import { api, messageOf, seg } from "../../lib/api";
import { dateTime, plural } from "../../lib/format";
import {
  type FieldErrors,
  focusFirstError,
  problemFieldErrors,
  zodFieldErrors,
} from "../../lib/forms";
import {
  birthYears,
  britishDate,
  emptyMember,
  liveProblems,
  type MemberDraft,
  memberInput,
  rulesFor,
} from "../../lib/members";

export function TeamMembers({
  team,
  event,
  setTeam,
  reloadTeam,
  registrationOpen,
}: {
  team: TeamView;
  event: EventView | null;
  setTeam: (update: (t: TeamView) => TeamView) => void;
  reloadTeam: () => void;
  registrationOpen: boolean;
}) {
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const max = event?.maxTeamSize;
  const full = max !== undefined && team.members.length >= max;
  const waiting = team.members.filter((m) => m.consent.status === "awaiting").length;

  const remove = async (member: MemberView) => {
    await api.delete(`/teams/me/members/${seg(member.id)}`);
    setAdded(null);
    setTeam((t) => ({ ...t, members: t.members.filter((m) => m.id !== member.id) }));
  };

  return (
    <section className="team-members" aria-labelledby="members">
      <div className="team-members-head">
        <h2 id="members">
          Members{" "}
          <span className="muted team-members-count">
            ({plural(team.members.length, "member")}
            {max ? ` of up to ${max}` : ""})
          </span>
        </h2>
        {waiting > 0 && (
          <p className="small">
            {waiting === 1
              ? "1 guardian still needs to say yes."
              : `${waiting} guardians still need to say yes.`}{" "}
            Send each one their own link: copy it into a message or email.
          </p>
        )}
      </div>
      {added && (
        <Notice tone="success" live>
          <p>{added}</p>
        </Notice>
      )}
      <ul className="card-list">
        {team.members.map((member) => (
          <li key={member.id} className="card member-card">
            <div className="card-head">
              <div>
                <h3>
                  {member.firstName} {member.lastName}
                </h3>
                <p className="muted small member-school">{member.school}</p>
              </div>
              <ConsentBadge member={member} />
            </div>
            <dl className="facts member-facts">
              <div>
                <dt>Date of birth</dt>
                <dd>{britishDate(member.dateOfBirth)}</dd>
              </div>
              <div>
                <dt>Guardian</dt>
                <dd>
                  {member.guardian.name ?? "Not given"}
                  {member.guardian.email && (
                    <span className="muted"> · {member.guardian.email}</span>
                  )}
                </dd>
              </div>
              {member.consent.status !== "awaiting" && member.consent.at && event && (
                <div>
                  <dt>Answered</dt>
                  <dd>
                    {dateTime(member.consent.at, event.timezone)}
                    {member.consent.method === "paper" ? " (paper form)" : ""}
                    {member.consent.status === "given" &&
                      (member.consent.photoConsent ? ", photos allowed" : ", no photos")}
                  </dd>
                </div>
              )}
            </dl>
            {member.consentUrl && (
              <CopyField
                label={`Consent link for ${member.firstName}'s guardian`}
                value={member.consentUrl}
              />
            )}
            {member.consent.status === "refused" && (
              <p className="small">
                {member.firstName}'s guardian said no, so {member.firstName} can't take part. If
                that's a mistake, ask an organizer.
              </p>
            )}
            {registrationOpen && team.members.length > 1 && (
              <div className="member-card-actions">
                <ConfirmDelete
                  verb="Remove"
                  label={`Remove ${member.firstName} from the team`}
                  question={`Remove ${member.firstName} ${member.lastName ?? ""} from ${team.name}? Their details are deleted.`}
                  onConfirm={() => remove(member)}
                />
              </div>
            )}
          </li>
        ))}
      </ul>

      {!registrationOpen ? (
        event && (
          <p className="muted team-members-note">
            Sign-up {event.phase === "upcoming" ? "hasn't opened" : "has closed"}, so members can't
            be added or removed now. If something is wrong, speak to an organizer.
          </p>
        )
      ) : full ? (
        <p className="muted team-members-note">
          <UsersIcon /> Your team has {max} members, the most allowed. To swap someone, remove a
          member first.
        </p>
      ) : adding && event ? (
        <AddMemberForm
          team={team}
          event={event}
          onCancel={() => {
            setAdding(false);
            requestAnimationFrame(() => addButton.current?.focus());
          }}
          onAdded={(member) => {
            setAdding(false);
            setAdded(
              `${member.firstName} is on the team. Pass on the consent link to ${member.firstName}'s guardian.`,
            );
            setTeam((t) => ({ ...t, members: [...t.members, member] }));
            reloadTeam();
          }}
        />
      ) : (
        <button
          ref={addButton}
          type="button"
          className="btn btn-secondary team-add"
          onClick={() => setAdding(true)}
        >
          <PlusIcon /> Add a member
        </button>
      )}
    </section>
  );
}

const KNOWN = ["firstName", "lastName", "dateOfBirth", "school", "guardian", "dietary", "medical"];

function AddMemberForm({
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
  const formRef = useRef<HTMLFormElement>(null);
  const schoolsId = useId();
  const schools = useApi<{ schools: string[] }>(`/events/${seg(event.slug)}/schools`);
  const [draft, setDraft] = useState<MemberDraft>(emptyMember);
  const [sentErrors, setSentErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [schoolLeft, setSchoolLeft] = useState(false);
  const [busy, setBusy] = useState(false);
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
  for (const [path, message] of Object.entries(liveProblems([draft], rules, { existing }))) {
    const field = path.replace(/^members\.\d+\./, "");
    if (field !== "school" || schoolLeft) live[field === "members" ? "form" : field] = message;
  }
  const errors = { ...sentErrors, ...live };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(undefined);
    setSchoolLeft(true);
    const parsed = MemberSchema.safeParse(memberInput(draft));
    const found: FieldErrors = parsed.success ? {} : zodFieldErrors(parsed.error);
    for (const [path, message] of Object.entries(liveProblems([draft], rules, { existing })))
      found[path.replace(/^members\.\d+\./, "")] ??= message;
    if (!parsed.success || Object.keys(found).length > 0) {
      setSentErrors(found);
      focusFirstError(formRef.current);
      return;
    }
    setBusy(true);
    try {
      const { member } = await api.post<{ member: MemberView }>("/teams/me/members", parsed.data);
      onAdded(member);
    } catch (error) {
      setBusy(false);
      setSentErrors(problemFieldErrors(error, KNOWN));
      setFormError(messageOf(error));
      focusFirstError(formRef.current);
    }
  };

  return (
    <form ref={formRef} className="card form team-add-form" onSubmit={submit} noValidate>
      <h3>Add a member</h3>
      <FormError message={formError ?? errors.form} />
      <datalist id={schoolsId}>
        {schools.status === "ready" &&
          schools.data.schools.map((school) => <option key={school} value={school} />)}
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
          setSentErrors({});
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
