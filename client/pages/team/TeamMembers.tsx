/**
 * The team's members: each guardian's consent status (the link itself goes to the guardian
 * only; the team can have it sent again), and adding or removing members.
 */
import { lazy, Suspense, useRef, useState } from "react";
import type { EventView, MemberView, TeamView } from "../../../shared/api";
import { ConfirmDelete } from "../../components/ConfirmButton";
import { ConsentBadge } from "../../components/ConsentBadge";
import { PlusIcon, UsersIcon } from "../../components/Icons";
import { ResendConsentLink } from "../../components/ResendConsentLink";
import { Loading, Notice } from "../../components/States";
import { api } from "../../lib/api";
import { dateTime, plural } from "../../lib/format";
import { britishDate } from "../../lib/members";

// The form brings the validation library with it: load it only when someone adds a member.
const AddMemberForm = lazy(async () => ({
  default: (await import("./AddMemberForm")).AddMemberForm,
}));

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
    await api.send("DELETE /teams/me/members/{id}", { id: member.id });
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
            Each guardian gets their own link, by email or on a letter from the organizers, and only
            they can answer it. If a guardian can't find theirs, send it again.
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
          <li key={member.id} className="card team-member-card">
            <div className="card-head">
              <div>
                <h3>
                  {member.firstName} {member.lastName}
                </h3>
                <p className="muted small team-member-school">{member.school}</p>
              </div>
              <ConsentBadge member={member} />
            </div>
            <dl className="org-facts team-member-facts">
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
              {member.consent.status === "awaiting" && member.consent.linkSentAt && event && (
                <div>
                  <dt>Link sent</dt>
                  <dd>{dateTime(member.consent.linkSentAt, event.timezone)}</dd>
                </div>
              )}
            </dl>
            {member.consent.status === "awaiting" && (
              <ResendConsentLink
                send={() => api.send("POST /teams/me/members/{id}/consent-link", { id: member.id })}
                member={member}
                letterNote="The organizers will print it as a letter for the guardian."
                onSent={(updated) =>
                  setTeam((t) => ({
                    ...t,
                    members: t.members.map((m) => (m.id === updated.id ? updated : m)),
                  }))
                }
              />
            )}
            {member.consent.status === "refused" && (
              <p className="small">
                {member.firstName}'s guardian said no, so {member.firstName} can't take part. If
                that's a mistake, ask an organizer.
              </p>
            )}
            {registrationOpen && team.members.length > 1 && (
              <div className="team-member-card-actions">
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
        <Suspense fallback={<Loading label="Opening the form…" />}>
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
                `${member.firstName} is on the team. ${member.firstName}'s guardian will get their own link to say yes.`,
              );
              setTeam((t) => ({ ...t, members: [...t.members, member] }));
              reloadTeam();
            }}
          />
        </Suspense>
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
