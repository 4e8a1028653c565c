/**
 * A teacher's page, made for a phone: every team with pupils of their school, who is still
 * waiting for a guardian, who is in the building, check-in, projects and (after the ceremony)
 * awards. A team's change arrives over the socket and the page reloads what it shows.
 */
import { useEffect, useState } from "react";
import type { ConsentStatus, TeacherHome, TeacherPupil, TeacherTeam } from "../../../shared/api";
import type { Announcement } from "../../../shared/events";
import {
  CheckIcon,
  CloseIcon,
  HourglassIcon,
  MegaphoneIcon,
  PlusIcon,
  PrinterIcon,
} from "../../components/Icons";
import { RequireRole } from "../../components/RequireRole";
import { ResendConsentLink } from "../../components/ResendConsentLink";
import { ErrorState, Loading } from "../../components/States";
import { EventSocketProvider, useSocketEvent } from "../../hooks/useEventSocket";
import { useMutation } from "../../hooks/useMutation";
import { type Query, useQuery } from "../../hooks/useQuery";
import { useTitle } from "../../hooks/useTitle";
import { api, endpoint } from "../../lib/api";
import { plural } from "../../lib/format";
import { Link } from "../../lib/router";
import { RegisterTeamsForm } from "./RegisterTeamsForm";
import "./teacher.css";

export function TeacherPage() {
  useTitle("Your school");
  return <RequireRole allow="teacher">{() => <TeacherArea />}</RequireRole>;
}

function TeacherArea() {
  const home = useQuery(endpoint("/teachers/me"));
  if (home.status === "loading") return <Loading label="Loading your school's teams…" />;
  if (home.status === "error")
    return (
      <div className="page page-narrow">
        <ErrorState error={home.error} retry={home.reload} />
      </div>
    );
  // The key gives each its own socket: once approved, the teacher's connects again, and the
  // server then puts it in the school's rooms.
  const pending = home.data.teacher.status === "pending";
  return (
    <EventSocketProvider key={pending ? "pending" : "approved"} slug={home.data.event.slug}>
      {pending ? (
        <Waiting data={home.data} home={home} />
      ) : (
        <SchoolTeams home={home} data={home.data} />
      )}
    </EventSocketProvider>
  );
}

/**
 * How often a teacher waiting for an organizer's answer asks again, in case the push of an
 * approval was missed (the phone was off the wifi when it came).
 */
const WAITING_POLL_MS = 60_000;

/**
 * A teacher's own request, not yet approved: nothing of any pupil, only where it stands. An
 * approval is pushed to the teacher's own screens, so the school's teams show at once.
 */
function Waiting({ data, home }: { data: TeacherHome; home: Query<TeacherHome> }) {
  const { reload } = home;
  useSocketEvent("account:changed", () => reload());
  useEffect(() => {
    const timer = setInterval(reload, WAITING_POLL_MS);
    return () => clearInterval(timer);
  }, [reload]);
  return (
    <div className="page page-narrow teacher-page">
      <h1>{data.school.name}</h1>
      <p className="lead">{data.event.name}</p>
      <div className="card teacher-pending" role="status">
        <HourglassIcon className="state-icon" />
        <h2>An organizer will check your request</h2>
        <p>
          Thanks, {data.teacher.name}. Once an organizer approves you as {data.school.name}'s
          teacher, your school's teams show on this page. Until then you can't see any pupils.
        </p>
        <button type="button" className="btn btn-secondary" onClick={reload}>
          Check again
        </button>
      </div>
    </div>
  );
}

function SchoolTeams({ home, data }: { home: Query<TeacherHome>; data: TeacherHome }) {
  // Any change to one of the school's teams (a guardian's answer, a check-in) reloads the page.
  useSocketEvent("team:changed", () => home.reload());
  // The organizers' news for teachers is added and taken back in place.
  useSocketEvent("teachers:announcement", (a) => {
    if (home.status === "ready")
      home.setData((d) => ({
        ...d,
        announcements: [a, ...d.announcements.filter((x) => x.id !== a.id)],
      }));
  });
  useSocketEvent("teachers:announcement:removed", ({ id }) => {
    if (home.status === "ready")
      home.setData((d) => ({ ...d, announcements: d.announcements.filter((x) => x.id !== id) }));
  });
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
      <TeacherNews announcements={data.announcements} />
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
      {waiting > 0 && <WaitingList teams={data.teams} />}
      {data.teams.length === 0 ? (
        <p className="teacher-empty">
          No teams from your school yet. When your pupils sign up, their teams show here.
        </p>
      ) : (
        <>
          <CheckInAll home={home} teams={data.teams} />
          {data.teams.map((team) => (
            <TeamCard
              key={team.id}
              team={team}
              home={home}
              // Pupils move while registration is open, between teams that have not checked in.
              moveTo={
                open && !team.checkedIn
                  ? data.teams.filter((t) => t.id !== team.id && !t.checkedIn)
                  : []
              }
            />
          ))}
        </>
      )}
    </div>
  );
}

/** Checks teams in at the desk; the answer (or the reason it was refused) shows beside the button. */
function useCheckIn(home: Query<TeacherHome>) {
  const [said, setSaid] = useState<string | null>(null);
  const checkIn = useMutation(
    ({ teamIds }: { teamIds: string[] | undefined; done: string }) =>
      api.send("POST /teachers/me/check-in", {}, teamIds ? { teamIds } : {}),
    {
      onSuccess: (now, { done }) => {
        if (home.status === "ready") home.setData(() => now);
        setSaid(done);
      },
    },
  );
  const run = (teamIds: string[] | undefined, done: string) => {
    setSaid(null);
    void checkIn.run({ teamIds, done });
  };
  const message = checkIn.message
    ? { text: checkIn.message, failed: true }
    : said
      ? { text: said, failed: false }
      : null;
  return { busy: checkIn.busy, message, run };
}

function CheckInAll({ home, teams }: { home: Query<TeacherHome>; teams: TeacherTeam[] }) {
  const { busy, message, run } = useCheckIn(home);
  const left = teams.filter((t) => !t.checkedIn).length;
  if (left === 0 && !message) return null;
  return (
    <div className="teacher-checkin">
      {left > 0 && (
        <button
          type="button"
          className="btn btn-primary btn-block btn-large"
          disabled={busy}
          onClick={() => run(undefined, "Every team is checked in. Welcome!")}
        >
          <CheckIcon /> {busy ? "Checking in…" : `Check in all ${plural(teams.length, "team")}`}
        </button>
      )}
      <p className={`small${message?.failed ? " field-error" : ""}`} role="status">
        {message?.text}
      </p>
    </div>
  );
}

function TeamCard({
  team,
  home,
  moveTo,
}: {
  team: TeacherTeam;
  home: Query<TeacherHome>;
  moveTo: TeacherTeam[];
}) {
  const { busy, message, run } = useCheckIn(home);
  const moving = useMutation(
    ({ pupil, teamId }: { pupil: TeacherPupil; teamId: string }) =>
      api.send("POST /teachers/me/pupils/{id}/move", { id: pupil.id }, { teamId }),
    {
      onSuccess: (now) => {
        if (home.status === "ready") home.setData(() => now);
      },
    },
  );
  const moveError = moving.message;
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
          <PupilRow
            key={pupil.id}
            pupil={pupil}
            moveTo={team.pupils.length > 1 ? moveTo : []}
            onMove={(teamId) => void moving.run({ pupil, teamId })}
          />
        ))}
      </ul>
      {!team.checkedIn && (
        <button
          type="button"
          className="btn btn-secondary"
          disabled={busy}
          onClick={() => run([team.id], `${team.name} is checked in.`)}
        >
          {busy ? "Checking in…" : `Check in ${team.name}`}
        </button>
      )}
      <p className={`small${message?.failed ? " field-error" : ""}`} role="status">
        {message?.text}
      </p>
      {moveError && (
        <p className="small field-error" role="alert">
          {moveError}
        </p>
      )}
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

/**
 * Who still needs a guardian's answer, with a way to send the link again. The link goes to the
 * guardian (or, without email, onto a letter the organizers print); the teacher never sees it
 * and cannot answer for a guardian.
 */
function WaitingList({ teams }: { teams: TeacherTeam[] }) {
  const waiting = teams.flatMap((team) =>
    team.pupils.filter((p) => p.consent === "awaiting").map((pupil) => ({ team, pupil })),
  );
  return (
    <section className="card teacher-waiting" aria-labelledby="teacher-waiting-title">
      <h2 id="teacher-waiting-title">Waiting for a guardian's answer</h2>
      <p className="muted">
        Each guardian got an email with a link to say yes. If one can't find it, send the link
        again: a new link goes to them and the old one stops working. For guardians without email,
        print a letter for them to sign.
      </p>
      <p>
        <Link className="btn btn-secondary" to="/teacher/letters">
          <PrinterIcon /> Print consent letters
        </Link>
      </p>
      <ul className="teacher-waiting-list">
        {waiting.map(({ team, pupil }) => (
          <li key={pupil.id} className="teacher-waiting-pupil">
            <span className="teacher-pupil-name">
              {pupil.firstName} {pupil.lastName ?? ""}
            </span>
            <span className="muted small">{team.name}</span>
            <ResendConsentLink
              send={() => api.send("POST /teachers/me/pupils/{id}/consent-link", { id: pupil.id })}
              member={pupil}
              letterNote="The organizers will print it as a letter for the guardian."
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

const PRESENCE: Record<TeacherPupil["presence"], string> = {
  "not-arrived": "Not arrived",
  in: "In the building",
  left: "Gone home",
};

function PupilRow({
  pupil,
  moveTo,
  onMove,
}: {
  pupil: TeacherPupil;
  moveTo: TeacherTeam[];
  onMove: (teamId: string) => void;
}) {
  return (
    <li className="teacher-pupil" data-pupil={pupil.id}>
      <span className="teacher-pupil-name">
        {pupil.firstName} {pupil.lastName ?? ""}
      </span>
      <ConsentWords consent={pupil.consent} />
      <span className="teacher-presence">{PRESENCE[pupil.presence]}</span>
      {moveTo.length > 0 && (
        <select
          className="input teacher-move"
          aria-label={`Move ${pupil.firstName} to another team`}
          value=""
          onChange={(e) => e.target.value && onMove(e.target.value)}
        >
          <option value="">Move to another team…</option>
          {moveTo.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      )}
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

/** The organizers' announcements for teachers alone; nothing shows until there is one. */
function TeacherNews({ announcements }: { announcements: Announcement[] }) {
  return (
    <div aria-live="polite">
      {announcements.length > 0 && (
        <section aria-labelledby="teacher-news">
          <h2 id="teacher-news" className="teacher-news-title">
            <MegaphoneIcon /> From the organizers, for teachers
          </h2>
          <ul className="teacher-news-list">
            {announcements.slice(0, 3).map((a) => (
              <li key={a.id} className="teacher-news-item">
                <time dateTime={a.at} className="teacher-news-time">
                  {new Date(a.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}
                </time>
                <p className="teacher-news-text">{a.text}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
