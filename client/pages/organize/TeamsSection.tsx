/**
 * Every team at the event, for the door: who is on it, whether each guardian has said yes
 * (and how, when and by whom), a guardian's link sent again or printed as a letter, paper
 * consent for those who bring a form, and check-in (refused by the server, with its
 * reason, while any member lacks consent). Each of those can be undone when done by mistake,
 * and a project version withdrawn from judging.
 */
import { useId, useRef, useState } from "react";
import type { EventView, MemberView, TeamView } from "../../../shared/api";
import { normalizeSchool } from "../../../shared/rules/schools";
import { ConsentBadge } from "../../components/ConsentBadge";
import {
  CheckIcon,
  DownloadIcon,
  HourglassIcon,
  PrinterIcon,
  UsersIcon,
} from "../../components/Icons";
import { ResendConsentLink } from "../../components/ResendConsentLink";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSocketEvent } from "../../hooks/useEventSocket";
import { useMutation } from "../../hooks/useMutation";
import { type Query, useQuery } from "../../hooks/useQuery";
import { useTitle } from "../../hooks/useTitle";
import { ApiError, api, endpoint, seg } from "../../lib/api";
import { dateTime, plural } from "../../lib/format";
import { britishDate } from "../../lib/members";
import { Link } from "../../lib/router";
import { ConsentAnswerForm, type ConsentParams } from "./ConsentAnswerForm";
import type { SectionProps } from "./EventLayout";
import { ProjectVersions } from "./ProjectVersions";
import { ResetLinkButton } from "./ResetLinkButton";
import { SectionHead } from "./SectionHead";
import { MemberEditForm, TeamEditForm } from "./TeamEdits";
import { UndoAction } from "./UndoAction";
import "./teams.css";

type ConsentFilter = "all" | "complete" | "missing";
type CheckFilter = "all" | "in" | "out";

const consentComplete = (t: TeamView) => t.members.every((m) => m.consent.status === "given");

function matches(team: TeamView, query: string): boolean {
  if (!query) return true;
  const q = normalizeSchool(query);
  const haystack = [
    team.name,
    ...team.members.flatMap((m) => [`${m.firstName} ${m.lastName ?? ""}`, m.school]),
  ];
  return haystack.some((h) => normalizeSchool(h).includes(q));
}

export function TeamsSection({ event }: SectionProps) {
  useTitle(`${event.name}: teams`);
  const teams = useQuery(endpoint("/events/{slug}/teams", { slug: event.slug }));
  const [query, setQuery] = useState("");
  const [category, setCategory] = useState("all");
  const [consent, setConsent] = useState<ConsentFilter>("all");
  const [checked, setChecked] = useState<CheckFilter>("all");
  const base = `/api/events/${seg(event.slug)}/exports`;

  const replaceTeam = (team: TeamView) => {
    if (teams.status === "ready")
      teams.setData((d) => ({ teams: d.teams.map((t) => (t.id === team.id ? team : t)) }));
  };
  useTeamChanges(event.slug, teams);

  return (
    <>
      <SectionHead event={event.name} title="Teams">
        <p>
          Every team that has signed up. Check teams in at the door: each member needs a guardian's
          yes first, by their link or on a paper form.
        </p>
      </SectionHead>

      <div className="teams-exports">
        <a className="btn btn-secondary" href={`${base}/roster.csv`} download>
          <DownloadIcon /> Roster (CSV)
        </a>
        <a
          className="btn btn-secondary teams-btn-sensitive"
          href={`${base}/dietary-medical.csv`}
          download
        >
          <DownloadIcon /> Dietary and medical notes (CSV)
        </a>
        <p className="small muted teams-exports-note">
          The roster leaves out dietary and medical notes. Those are sensitive: give that file only
          to the first-aid and catering leads, and delete it after the event.
        </p>
      </div>

      {teams.status === "loading" && <Loading label="Loading teams…" />}
      {teams.status === "error" && <ErrorState error={teams.error} retry={teams.reload} />}
      {teams.status === "ready" &&
        (teams.data.teams.length === 0 ? (
          <EmptyState
            icon={<UsersIcon className="state-icon" />}
            title="No teams yet"
            action={
              <Link className="btn btn-primary" to={`/events/${event.slug}/register`}>
                Open the sign-up page
              </Link>
            }
          >
            <p>
              Teams appear here as they sign up. Share the event's sign-up page with schools and
              clubs: {window.location.origin}/events/{event.slug}/register
            </p>
          </EmptyState>
        ) : (
          <TeamList
            event={event}
            slug={event.slug}
            timeZone={event.timezone}
            all={teams.data.teams}
            categories={event.categories.map((c) => ({ id: c.id, name: c.name }))}
            filters={{ query, category, consent, checked }}
            setFilters={{ setQuery, setCategory, setConsent, setChecked }}
            onTeam={replaceTeam}
          />
        ))}
    </>
  );
}

function TeamList({
  event,
  slug,
  timeZone,
  all,
  categories,
  filters,
  setFilters,
  onTeam,
}: {
  event: EventView;
  slug: string;
  timeZone: string;
  all: TeamView[];
  categories: { id: string; name: string }[];
  filters: { query: string; category: string; consent: ConsentFilter; checked: CheckFilter };
  setFilters: {
    setQuery: (v: string) => void;
    setCategory: (v: string) => void;
    setConsent: (v: ConsentFilter) => void;
    setChecked: (v: CheckFilter) => void;
  };
  onTeam: (team: TeamView) => void;
}) {
  const id = useId();
  const { query, category, consent, checked } = filters;
  const shown = all.filter(
    (t) =>
      matches(t, query.trim()) &&
      (category === "all" || t.categoryId === category) &&
      (consent === "all" || consentComplete(t) === (consent === "complete")) &&
      (checked === "all" || t.checkedIn === (checked === "in")),
  );
  const checkedIn = all.filter((t) => t.checkedIn).length;
  const waiting = all.flatMap((t) => t.members).filter((m) => m.consent.status !== "given").length;

  return (
    <section aria-labelledby={`${id}-list`}>
      <h2 id={`${id}-list`} className="visually-hidden">
        Team list
      </h2>
      <p className="teams-stats">
        <span>
          <strong>{all.length}</strong> {all.length === 1 ? "team" : "teams"}
        </span>
        <span>
          <strong>{checkedIn}</strong> checked in
        </span>
        <span>
          <strong>{waiting}</strong> {waiting === 1 ? "member" : "members"} without consent
        </span>
      </p>
      <search className="teams-filters">
        <div className="field teams-filter-search">
          <label className="label" htmlFor={`${id}-q`}>
            Search
          </label>
          <input
            id={`${id}-q`}
            className="input"
            type="search"
            placeholder="Team, member or school"
            value={query}
            onChange={(e) => setFilters.setQuery(e.target.value)}
          />
        </div>
        <div className="field">
          <label className="label" htmlFor={`${id}-cat`}>
            Category
          </label>
          <select
            id={`${id}-cat`}
            className="input"
            value={category}
            onChange={(e) => setFilters.setCategory(e.target.value)}
          >
            <option value="all">All categories</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="label" htmlFor={`${id}-consent`}>
            Consent
          </label>
          <select
            id={`${id}-consent`}
            className="input"
            value={consent}
            onChange={(e) => setFilters.setConsent(e.target.value as ConsentFilter)}
          >
            <option value="all">Any</option>
            <option value="complete">Everyone has consent</option>
            <option value="missing">Someone is missing consent</option>
          </select>
        </div>
        <div className="field">
          <label className="label" htmlFor={`${id}-in`}>
            Check-in
          </label>
          <select
            id={`${id}-in`}
            className="input"
            value={checked}
            onChange={(e) => setFilters.setChecked(e.target.value as CheckFilter)}
          >
            <option value="all">Any</option>
            <option value="in">Checked in</option>
            <option value="out">Not checked in</option>
          </select>
        </div>
      </search>
      <p className="small muted" role="status">
        {shown.length === all.length
          ? all.length === 1
            ? "Showing the only team."
            : `Showing all ${all.length} teams.`
          : `Showing ${shown.length} of ${plural(all.length, "team")}.`}
      </p>
      {shown.length === 0 ? (
        <EmptyState title="No teams match">
          <p>Try another search, or set the filters back to "Any".</p>
        </EmptyState>
      ) : (
        <ul className="card-list">
          {shown.map((team) => (
            <TeamCard
              key={team.id}
              event={event}
              slug={slug}
              timeZone={timeZone}
              team={team}
              onTeam={onTeam}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function TeamCard({
  event,
  slug,
  timeZone,
  team,
  onTeam,
}: {
  event: EventView;
  slug: string;
  timeZone: string;
  team: TeamView;
  onTeam: (team: TeamView) => void;
}) {
  const [editing, setEditing] = useState(false);
  const schools = [...new Set(team.members.map((m) => m.school))];
  const params = { slug, id: team.id };

  const undoCheckIn = async () => {
    const { team: updated } = await api.send("DELETE /events/{slug}/teams/{id}/check-in", params);
    onTeam(updated);
  };

  const checkIn = useMutation(() => api.send("POST /events/{slug}/teams/{id}/check-in", params), {
    onSuccess: ({ team: updated }) => onTeam(updated),
  });
  const busy = checkIn.busy;
  const refusal = checkIn.message;

  return (
    <li className="card teams-card">
      <div className="card-head">
        <div>
          <h3 id={`team-${team.id}`}>{team.name}</h3>
          <p className="muted small teams-card-meta">
            {team.categoryName} · {schools.join(", ")}
          </p>
        </div>
        {team.checkedIn ? (
          <span className="badge badge-ok">
            <CheckIcon /> Checked in
            {team.checkedInAt && ` at ${dateTime(team.checkedInAt, timeZone).split(", ")[1]}`}
          </span>
        ) : (
          <span className="badge badge-wait">
            <HourglassIcon /> Not checked in
          </span>
        )}
      </div>
      {editing ? (
        <TeamEditForm
          event={event}
          team={team}
          onSaved={(saved) => {
            onTeam(saved);
            setEditing(false);
          }}
          onRefreshed={onTeam}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <button
          type="button"
          className="btn btn-ghost teams-edit-open"
          onClick={() => setEditing(true)}
        >
          Edit name or category<span className="visually-hidden"> of {team.name}</span>
        </button>
      )}
      <ul className="teams-roster">
        {team.members.map((member) => (
          <MemberRow
            key={member.id}
            event={event}
            slug={slug}
            timeZone={timeZone}
            teamId={team.id}
            checkedIn={team.checkedIn}
            member={member}
            onTeam={(updated) => {
              checkIn.reset();
              onTeam(updated);
            }}
            onMember={(updated) =>
              onTeam({
                ...team,
                members: team.members.map((m) => (m.id === updated.id ? updated : m)),
              })
            }
          />
        ))}
      </ul>
      <p className="small muted">
        Contact: <span className="teams-contact">{team.contactEmail ?? "none"}</span>
      </p>
      <ProjectVersions slug={slug} teamId={team.id} teamName={team.name} timeZone={timeZone} />
      <ResetLinkButton
        send={() =>
          api.send("POST /events/{slug}/teams/{id}/password-reset", { slug, id: team.id })
        }
        who={team.name}
        timeZone={timeZone}
      />
      {/* A team that arrived in part still has certificates for the members who came. */}
      {(team.checkedIn || team.members.some((m) => m.arrived)) && (
        <div className="teams-card-actions">
          <Link
            className="btn btn-secondary"
            to={`/organize/${slug}/certificates?team=${encodeURIComponent(team.id)}`}
          >
            <PrinterIcon /> Certificates<span className="visually-hidden"> of {team.name}</span>
          </Link>
          {team.checkedIn && (
            <UndoAction
              label="Undo check-in"
              legend={`Undo the check-in of ${team.name}`}
              question={`Undo the check-in of ${team.name}? The team leaves the judging and the running order until it checks in again. This is refused once a judge has scored the team.`}
              confirm="Yes, undo the check-in"
              onConfirm={undoCheckIn}
            />
          )}
        </div>
      )}
      {!team.checkedIn && (
        <div className="teams-card-actions">
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void checkIn.run()}
            disabled={busy}
            aria-describedby={refusal ? `refusal-${team.id}` : undefined}
          >
            <CheckIcon /> {busy ? "Checking in…" : `Check in ${team.name}`}
          </button>
          {refusal && (
            <p className="field-error" id={`refusal-${team.id}`} role="alert">
              {refusal}
            </p>
          )}
        </div>
      )}
    </li>
  );
}

/** How and when the latest answer was given, and by whom; or when the link went out. */
function consentHow(member: MemberView, timeZone: string): string {
  const { consent } = member;
  if (consent.status === "awaiting")
    return consent.linkSentAt
      ? `Link sent ${dateTime(consent.linkSentAt, timeZone)}`
      : "No link sent";
  const when = consent.at ? `, ${dateTime(consent.at, timeZone)}` : "";
  const who = consent.answeredBy ? ` (${consent.answeredBy} answered)` : "";
  const how =
    consent.method === "paper"
      ? `Paper form${who}, recorded by ${consent.by ?? "an organizer"}`
      : consent.method === "phone"
        ? `Phone call${who}, recorded by ${consent.by ?? "an organizer"}`
        : `Online, by ${consent.by ?? "the guardian"}`;
  const photos =
    consent.status === "given" ? (consent.photoConsent ? " · photos OK" : " · no photos") : "";
  const note = consent.note ? ` · note: ${consent.note}` : "";
  // Asked again after this answer: the answer stands until the new link brings another.
  const asked = consent.linkSentAt
    ? ` · new link sent ${dateTime(consent.linkSentAt, timeZone)}, waiting for an answer`
    : "";
  return `${how}${when}${photos}${note}${asked}`;
}

function MemberRow({
  event,
  slug,
  timeZone,
  teamId,
  checkedIn,
  member,
  onTeam,
  onMember,
}: {
  event: EventView;
  slug: string;
  timeZone: string;
  teamId: string;
  /** A checked-in team keeps every consent: its answers are undone after its check-in. */
  checkedIn: boolean;
  member: MemberView;
  onTeam: (team: TeamView) => void;
  onMember: (member: MemberView) => void;
}) {
  const [recording, setRecording] = useState(false);
  const [editing, setEditing] = useState(false);
  const name = `${member.firstName} ${member.lastName ?? ""}`.trim();
  const hasNotes = Boolean(member.dietary || member.medical);

  const consent: ConsentParams = { slug, id: teamId, memberId: member.id };
  const undo = async () => {
    const { team } = await api.send(
      "DELETE /events/{slug}/teams/{id}/members/{memberId}/consent",
      consent,
    );
    onTeam(team);
  };

  return (
    <li className="teams-roster-row">
      {editing && (
        <MemberEditForm
          event={event}
          teamId={teamId}
          member={member}
          onSaved={(team) => {
            onTeam(team);
            setEditing(false);
          }}
          onRefreshed={onTeam}
          onCancel={() => setEditing(false)}
        />
      )}
      <div className="teams-roster-who">
        <strong>{name}</strong>
        <span className="small muted">
          {member.school} · born {britishDate(member.dateOfBirth)}
          {hasNotes && " · has dietary or medical notes"}
        </span>
        <span className="small muted">
          Guardian: {member.guardian.name ?? "not given"}
          {member.guardian.phone && `, ${member.guardian.phone}`}
        </span>
      </div>
      <div className="teams-roster-consent">
        <ConsentBadge member={member} />
        <span className="small muted teams-roster-consent-how">{consentHow(member, timeZone)}</span>
      </div>
      {member.consent.status !== "awaiting" && !checkedIn && (
        <UndoAction
          className="teams-roster-action"
          label="Move back to waiting"
          legend={`Move ${name}'s consent back to waiting`}
          question={`Move ${name}'s consent back to waiting? The answer recorded stays in the history, and the guardian's link works again for a new answer.`}
          confirm="Yes, back to waiting"
          onConfirm={undo}
        />
      )}
      {!recording && (
        <div className="teams-roster-link">
          {/* After an answer, a fresh link lets a guardian who changed their mind answer again. */}
          <ResendConsentLink
            send={() =>
              api.send("POST /events/{slug}/teams/{id}/members/{memberId}/consent-link", consent)
            }
            member={member}
            label={
              member.consent.status === "awaiting"
                ? "Send the link again"
                : "Ask again with a new link"
            }
            letterNote="Print the new letter from the outbox."
            onSent={(updated) => onMember(updated)}
          />
          {member.consent.linkSentAt && (
            <Link className="btn btn-ghost" to={`/organize/${slug}/letters?member=${member.id}`}>
              <PrinterIcon /> Print the letter
              <span className="visually-hidden"> for {name}'s guardian</span>
            </Link>
          )}
        </div>
      )}
      {!editing && (
        <button
          type="button"
          className="btn btn-ghost teams-roster-action"
          onClick={() => setEditing(true)}
        >
          Edit details<span className="visually-hidden"> of {name}</span>
        </button>
      )}
      {recording ? (
        <ConsentAnswerForm
          at={consent}
          name={name}
          firstName={member.firstName}
          onSaved={(team) => {
            setRecording(false);
            onTeam(team);
          }}
          onCancel={() => setRecording(false)}
        />
      ) : (
        <button
          type="button"
          className="btn btn-secondary teams-roster-action"
          onClick={() => setRecording(true)}
        >
          {member.consent.status === "awaiting" ? "Record an answer" : "Record a new answer"}
          <span className="visually-hidden"> for {name}</span>
        </button>
      )}
    </li>
  );
}

/**
 * Follows `teams:changed`: the team that changed is fetched alone and put in its place (a new
 * sign-up joins the list in name order), so the list never shows a removed member or an old
 * check-in, and 2,500 teams are not fetched again for one change.
 */
function useTeamChanges(slug: string, teams: Query<{ teams: TeamView[] }>) {
  const setData = teams.status === "ready" ? teams.setData : null;
  const latest = useRef(setData);
  latest.current = setData;
  const inFlight = useRef(new Set<string>());
  useSocketEvent("teams:changed", ({ teamId }) => {
    if (inFlight.current.has(teamId)) return;
    inFlight.current.add(teamId);
    api
      .get(endpoint("/events/{slug}/teams/{id}", { slug, id: teamId }))
      .then(({ team }) =>
        latest.current?.((d) => {
          const others = d.teams.filter((t) => t.id !== team.id);
          const at = others.findIndex((t) => t.name.localeCompare(team.name) > 0);
          return {
            teams:
              at === -1 ? [...others, team] : [...others.slice(0, at), team, ...others.slice(at)],
          };
        }),
      )
      .catch((error: unknown) => {
        // A team removed since is no longer listed; anything else waits for the next change.
        if (error instanceof ApiError && error.status === 404)
          latest.current?.((d) => ({ teams: d.teams.filter((t) => t.id !== teamId) }));
      })
      .finally(() => inFlight.current.delete(teamId));
  });
}
