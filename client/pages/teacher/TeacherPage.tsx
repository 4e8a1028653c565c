/**
 * A teacher's page, made for a phone: every team with pupils of their school, who is still
 * waiting for a guardian, who is in the building, check-in, projects and (after the ceremony)
 * awards. A team's change arrives over the socket and the page reloads what it shows.
 */
import { useState } from "react";
import type { ConsentStatus, TeacherHome, TeacherPupil, TeacherTeam } from "../../../shared/api";
import { CheckIcon, CloseIcon, HourglassIcon, PlusIcon } from "../../components/Icons";
import { RequireRole } from "../../components/RequireRole";
import { ErrorState, Loading } from "../../components/States";
import { type Resource, useApi, useTitle } from "../../hooks/useApi";
import { EventSocketProvider, useSocketEvent } from "../../hooks/useEventSocket";
import { useQuery } from "../../hooks/useQuery";
import { endpoint } from "../../lib/api";
import { plural } from "../../lib/format";
import { RegisterTeamsForm } from "./RegisterTeamsForm";
import "./teacher.css";

export function TeacherPage() {
  useTitle("Your school");
  return <RequireRole allow="teacher">{() => <TeacherArea />}</RequireRole>;
}

function TeacherArea() {
  const home = useApi<TeacherHome>("/teachers/me");
  if (home.status === "loading") return <Loading label="Loading your school's teams…" />;
  if (home.status === "error")
    return (
      <div className="page page-narrow">
        <ErrorState error={home.error} retry={home.reload} />
      </div>
    );
  return (
    <EventSocketProvider slug={home.data.event.slug}>
      <SchoolTeams home={home} data={home.data} />
    </EventSocketProvider>
  );
}

function SchoolTeams({ home, data }: { home: Resource<TeacherHome>; data: TeacherHome }) {
  // Any change to one of the school's teams (a guardian's answer, a check-in) reloads the page.
  useSocketEvent("team:changed", () => home.reload());
  const pupils = data.teams.flatMap((t) => t.pupils);
  const waiting = pupils.filter((p) => p.consent === "awaiting").length;
  const inside = pupils.filter((p) => p.presence === "in").length;
  const event = useQuery(endpoint("/events/{slug}", { slug: data.event.slug }));
  const [registering, setRegistering] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const open = event.status === "ready" && event.data.event.phase === "registration";
  return (
    <div className="page page-narrow teacher-page">
      <h1>{data.school.name}</h1>
      <p className="lead">
        {data.event.name}: {plural(data.teams.length, "team")}, {plural(pupils.length, "pupil")}
      </p>
      <ul className="teacher-summary" aria-live="polite">
        <li>
          <HourglassIcon /> {plural(waiting, "pupil")} waiting for a guardian's answer
        </li>
        <li>
          <CheckIcon /> {plural(inside, "pupil")} in the building now
        </li>
      </ul>
      {done && (
        <p className="teacher-done" role="status">
          <CheckIcon /> {done}
        </p>
      )}
      {open &&
        (registering ? (
          <RegisterTeamsForm
            event={event.data.event}
            school={data.school.name}
            onCancel={() => setRegistering(false)}
            onRegistered={({ teams }) => {
              setRegistering(false);
              setDone(
                `${plural(teams.length, "team")} signed up. Each guardian has been sent an email to say yes.`,
              );
              home.reload();
            }}
          />
        ) : (
          <button
            type="button"
            className="btn btn-primary btn-block btn-large"
            onClick={() => {
              setDone(null);
              setRegistering(true);
            }}
          >
            <PlusIcon /> Sign up teams
          </button>
        ))}
      {data.teams.length === 0 ? (
        <p className="teacher-empty">
          No teams from your school yet. When your pupils sign up, their teams show here.
        </p>
      ) : (
        data.teams.map((team) => <TeamCard key={team.id} team={team} />)
      )}
    </div>
  );
}

function TeamCard({ team }: { team: TeacherTeam }) {
  return (
    <section className="card teacher-team" aria-labelledby={`team-${team.id}`}>
      <h2 id={`team-${team.id}`}>{team.name}</h2>
      <p className="teacher-team-facts">
        {team.checkedIn ? "Checked in" : "Not checked in yet"}
        {" · "}
        {team.projectTitle ? `Project: ${team.projectTitle}` : "No project handed in yet"}
      </p>
      <ul className="teacher-pupils">
        {team.pupils.map((pupil) => (
          <PupilRow key={pupil.id} pupil={pupil} />
        ))}
      </ul>
      {team.otherPupils > 0 && (
        <p className="teacher-others">
          And {plural(team.otherPupils, "pupil")} from another school.
        </p>
      )}
      {team.awards.length > 0 && (
        <ul className="teacher-awards">
          {team.awards.map((award) => (
            <li key={`${award.categoryId}-${award.place}`}>
              {award.prize} ({award.category})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const PRESENCE: Record<TeacherPupil["presence"], string> = {
  "not-arrived": "Not arrived",
  in: "In the building",
  left: "Gone home",
};

function PupilRow({ pupil }: { pupil: TeacherPupil }) {
  return (
    <li className="teacher-pupil" data-pupil={pupil.id}>
      <span className="teacher-pupil-name">
        {pupil.firstName} {pupil.lastName ?? ""}
      </span>
      <ConsentWords consent={pupil.consent} />
      <span className="teacher-presence">{PRESENCE[pupil.presence]}</span>
    </li>
  );
}

function ConsentWords({ consent }: { consent: ConsentStatus }) {
  if (consent === "given")
    return (
      <span className="badge badge-ok">
        <CheckIcon /> Consent given
      </span>
    );
  if (consent === "refused")
    return (
      <span className="badge badge-bad">
        <CloseIcon /> Guardian said no
      </span>
    );
  return (
    <span className="badge badge-wait">
      <HourglassIcon /> Waiting for guardian
    </span>
  );
}
