/**
 * A teacher signs up several teams of their school at once, on a phone: a name, a category, a
 * sign-in and the pupils (with their guardians) for each. The server takes all of them or none,
 * and each refusal lands beside the field it is about, naming the team and the pupil.
 */
import { useMemo, useState } from "react";
import type { EventView, SchoolTeamsRegistered } from "../../../shared/api";
import { LIMITS } from "../../../shared/limits";
import { SchoolTeamsCreateSchema } from "../../../shared/schemas/teacher";
import { FormError, NewPasswordField, TextField } from "../../components/Field";
import { PlusIcon, TrashIcon } from "../../components/Icons";
import { MemberFields } from "../../components/MemberFields";
import { useFormSubmit } from "../../hooks/useMutation";
import { api } from "../../lib/api";
import { birthYears, emptyMember, type MemberDraft, memberInput } from "../../lib/members";

interface TeamDraft {
  key: number;
  name: string;
  categoryId: string;
  email: string;
  password: string;
  pupils: MemberDraft[];
}

let nextKey = 1;
const emptyTeam = (categoryId: string): TeamDraft => ({
  key: nextKey++,
  name: "",
  categoryId,
  email: "",
  password: "",
  pupils: [emptyMember()],
});

function body(teams: TeamDraft[]) {
  return {
    teams: teams.map((t) => ({
      name: t.name,
      categoryId: t.categoryId,
      contact: { email: t.email, password: t.password },
      members: t.pupils.map((p) => {
        const { school: _, ...pupil } = memberInput(p);
        return pupil;
      }),
    })),
  };
}

export function RegisterTeamsForm({
  event,
  school,
  onRegistered,
  onCancel,
}: {
  event: EventView;
  school: string;
  onRegistered: (registered: SchoolTeamsRegistered) => void;
  onCancel: () => void;
}) {
  const firstCategory = event.categories.length === 1 ? event.categories[0]!.id : "";
  const [teams, setTeams] = useState<TeamDraft[]>(() => [emptyTeam(firstCategory)]);
  const form = useFormSubmit({
    parse: () => SchoolTeamsCreateSchema.safeParse(body(teams)),
    fields: ["teams"],
    summarize: true,
    send: (data) => api.send("POST /teachers/me/teams", {}, data),
    onSuccess: onRegistered,
  });
  const { errors, busy, formRef, formError } = form;
  const years = useMemo(() => birthYears(event), [event]);

  const change = (t: number, patch: Partial<TeamDraft>) =>
    setTeams((list) => list.map((team, i) => (i === t ? { ...team, ...patch } : team)));
  const changePupil = (t: number, p: number, patch: Partial<MemberDraft>) =>
    setTeams((list) =>
      list.map((team, i) =>
        i === t
          ? { ...team, pupils: team.pupils.map((m, j) => (j === p ? { ...m, ...patch } : m)) }
          : team,
      ),
    );

  return (
    <form ref={formRef} className="teacher-register" onSubmit={form.onSubmit} noValidate>
      <h2>Sign up your teams</h2>
      <p className="muted">
        Every pupil is from {school}. Each team has up to {event.maxTeamSize} pupils, and ages are
        counted on the first day of the event. Each guardian gets their own email to say yes.
      </p>
      <FormError message={formError} />
      {errors.teams && (
        <p className="field-error" role="alert">
          {errors.teams}
        </p>
      )}
      {teams.map((team, t) => {
        const at = (path: string) => `teams.${t}.${path}`;
        const full = team.pupils.length >= event.maxTeamSize;
        return (
          <fieldset key={team.key} className="card teacher-register-team">
            <legend className="teacher-register-legend">
              Team {t + 1}
              {team.name.trim() && `: ${team.name.trim()}`}
            </legend>
            <TextField
              label="Team name"
              error={errors[at("name")]}
              autoComplete="off"
              maxLength={LIMITS.teamNameMax}
              value={team.name}
              onValue={(name) => change(t, { name })}
            />
            <label className="label" htmlFor={`team-${team.key}-category`}>
              Category
            </label>
            <select
              id={`team-${team.key}-category`}
              className="input"
              value={team.categoryId}
              aria-invalid={Boolean(errors[at("categoryId")])}
              aria-describedby={
                errors[at("categoryId")] ? `team-${team.key}-category-error` : undefined
              }
              onChange={(e) => change(t, { categoryId: e.target.value })}
            >
              <option value="">Choose a category</option>
              {event.categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            {errors[at("categoryId")] && (
              <p className="field-error" id={`team-${team.key}-category-error`}>
                {errors[at("categoryId")]}
              </p>
            )}
            {team.pupils.map((pupil, p) => (
              <MemberFields
                key={pupil.key}
                title={`Pupil ${p + 1}`}
                draft={pupil}
                prefix={at(`members.${p}`)}
                errors={errors}
                years={years}
                onChange={(patch) => changePupil(t, p, patch)}
                onRemove={
                  team.pupils.length > 1
                    ? () => change(t, { pupils: team.pupils.filter((_, j) => j !== p) })
                    : undefined
                }
              />
            ))}
            {errors[at("members")] && (
              <p className="field-error" role="alert">
                {errors[at("members")]}
              </p>
            )}
            {!full && (
              <button
                type="button"
                className="btn btn-secondary"
                onClick={() => change(t, { pupils: [...team.pupils, emptyMember()] })}
              >
                <PlusIcon /> Add a pupil to team {t + 1}
              </button>
            )}
            <h3 className="teacher-register-signin">Team {t + 1}'s sign-in</h3>
            <p className="hint">
              The pupils use it to hand in their project. Not a guardian's email.
            </p>
            <TextField
              label="Email"
              error={errors[at("contact.email")]}
              type="email"
              inputMode="email"
              autoComplete="off"
              value={team.email}
              onValue={(email) => change(t, { email })}
            />
            <NewPasswordField
              error={errors[at("contact.password")]}
              value={team.password}
              onValue={(password) => change(t, { password })}
            />
            {teams.length > 1 && (
              <button
                type="button"
                className="btn btn-ghost"
                onClick={() => setTeams((list) => list.filter((_, i) => i !== t))}
              >
                <TrashIcon /> Remove team {t + 1}
              </button>
            )}
          </fieldset>
        );
      })}
      {teams.length < LIMITS.schoolTeamsMax && (
        <button
          type="button"
          className="btn btn-secondary btn-block"
          onClick={() => setTeams((list) => [...list, emptyTeam(firstCategory)])}
        >
          <PlusIcon /> Add another team
        </button>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-large btn-block" disabled={busy}>
          {busy
            ? "Signing up…"
            : `Sign up ${teams.length === 1 ? "this team" : `${teams.length} teams`}`}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
