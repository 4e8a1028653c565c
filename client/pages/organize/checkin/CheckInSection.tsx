/**
 * The door, phone-first: scan a badge or a team's QR code (or type the team's name), see each
 * member's consent and photo answer, and check them in with one big button, or read why not.
 * Members check in one by one when a team arrives in halves, and out at the end of a day. The
 * roster below shows who is in the building now and follows every change live.
 */
import { useEffect, useId, useState } from "react";
import type { CheckInTeamView, SchoolContact } from "../../../../shared/api";
import { ConfirmPanel, useReturnFocus } from "../../../components/ConfirmPanel";
import { CheckIcon, EyeOffIcon, HourglassIcon, PrinterIcon } from "../../../components/Icons";
import { EmptyState, ErrorState, Loading } from "../../../components/States";
import { useSocketEvent } from "../../../hooks/useEventSocket";
import { useMutation } from "../../../hooks/useMutation";
import { useQuery } from "../../../hooks/useQuery";
import { useTitle } from "../../../hooks/useTitle";
import { api, endpoint } from "../../../lib/api";
import { plural } from "../../../lib/format";
import { Link } from "../../../lib/router";
import type { SectionProps } from "../EventLayout";
import { SectionHead } from "../SectionHead";
import { ArrivalCard } from "./ArrivalCard";
import { Scanner } from "./Scanner";
import "./checkin.css";

export interface Found {
  teamId: string;
  /** The badge's member; null for a team's code or a typed name. */
  memberId: string | null;
  via: "scan" | "typed";
  /** The team as the scan found it, until the roster has it. */
  team: CheckInTeamView;
}

export function CheckInSection({ event }: SectionProps) {
  const slug = event.slug;
  const roster = useQuery(endpoint("/events/{slug}/check-in/roster", { slug }));
  const [found, setFound] = useState<Found | null>(null);
  const reader = useMutation(
    (code: string) => api.send("POST /events/{slug}/check-in/scan", { slug }, { code }),
    {
      onSuccess: (result) =>
        setFound({
          teamId: result.team.id,
          memberId: result.memberId,
          via: "scan",
          team: result.team,
        }),
      onError: () => {
        setFound(null);
        return false;
      },
    },
  );
  const reading = reader.busy;
  const scanProblem = reader.message;
  useTitle(`${event.name}: check-in`);
  useSocketEvent("teams:changed", roster.reload);

  const teams = roster.status === "ready" ? roster.data.teams : [];
  const shownTeam = found ? (teams.find((t) => t.id === found.teamId) ?? found.team) : null;

  const scan = (text: string) => void reader.run(text);

  // A phone's own camera app opens the link on a badge: the code is after "#".
  // biome-ignore lint/correctness/useExhaustiveDependencies: read once, when the page opens.
  useEffect(() => {
    const code = window.location.hash.slice(1);
    if (!code) return;
    window.history.replaceState(window.history.state, "", window.location.pathname);
    scan(decodeURIComponent(code));
  }, []);

  const updated = (team: CheckInTeamView) =>
    roster.status === "ready" &&
    roster.setData((d) => ({ ...d, teams: d.teams.map((t) => (t.id === team.id ? team : t)) }));

  const members = teams.flatMap((t) => t.members);
  const inNow = members.filter((m) => m.inSince !== null).length;

  return (
    <div className="checkin">
      <SectionHead event={event.name} title="Check-in">
        <p>
          Scan a badge or the QR code on a team's page. Everyone needs a guardian's yes before they
          can check in.
        </p>
      </SectionHead>
      <p className="checkin-links">
        <Link className="btn btn-secondary" to={`/organize/${slug}/badges`}>
          <PrinterIcon /> Print badges
        </Link>
        <Link className="btn btn-secondary" to={`/organize/${slug}/photos`}>
          <EyeOffIcon /> Photo list
        </Link>
      </p>

      <div className="checkin-desk">
        <section className="card checkin-scan" aria-labelledby="checkin-scan-title">
          <h2 id="checkin-scan-title">Scan</h2>
          <Scanner paused={found !== null || reading} onCode={scan} />
          <TypedSearch
            teams={teams}
            onChoose={(team) => {
              reader.reset();
              setFound({ teamId: team.id, memberId: null, via: "typed", team });
            }}
          />
        </section>

        <section className="checkin-result" aria-live="polite" aria-label="Scan result">
          {reading && <Loading label="Reading the code…" />}
          {scanProblem && (
            <div className="card checkin-refused" role="alert">
              <h2>
                <HourglassIcon /> Can't check in with this code
              </h2>
              <p>{scanProblem}</p>
              <button type="button" className="btn btn-secondary" onClick={() => reader.reset()}>
                Scan another code
              </button>
            </div>
          )}
          {found && shownTeam && (
            <ArrivalCard
              key={`${found.teamId}-${found.memberId ?? "team"}`}
              slug={slug}
              timeZone={event.timezone}
              team={shownTeam}
              memberId={found.memberId}
              via={found.via}
              onChanged={updated}
              onDone={() => setFound(null)}
            />
          )}
        </section>
      </div>

      <section className="checkin-roster" aria-labelledby="checkin-roster-title">
        <h2 id="checkin-roster-title">In the building now</h2>
        {roster.status === "loading" && <Loading label="Loading who is here…" />}
        {roster.status === "error" && <ErrorState error={roster.error} retry={roster.reload} />}
        {roster.status === "ready" &&
          (teams.length === 0 ? (
            <EmptyState title="No teams yet">
              <p>Teams appear here once they sign up.</p>
            </EmptyState>
          ) : (
            <>
              <p className="checkin-count">
                {plural(inNow, "person", "people")} in, out of {plural(members.length, "member")}.
              </p>
              <EndOfDay slug={slug} count={inNow} onDone={roster.reload} />
              <ul className="checkin-teams">
                {teams.map((team) => (
                  <RosterRow
                    key={team.id}
                    team={team}
                    contacts={roster.data.contacts}
                    onOpen={() => setFound({ teamId: team.id, memberId: null, via: "typed", team })}
                  />
                ))}
              </ul>
            </>
          ))}
      </section>
    </div>
  );
}

/** The end of day one: everyone still in goes home, and checks in again tomorrow. */
function EndOfDay({ slug, count, onDone }: { slug: string; count: number; onDone: () => void }) {
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const openRef = useReturnFocus(asking);
  const checkOut = useMutation(() => api.send("POST /events/{slug}/check-out/everyone", { slug }), {
    onSuccess: ({ checkedOut }) => {
      setDone(`${plural(checkedOut, "person", "people")} checked out. See you tomorrow!`);
      setAsking(false);
      onDone();
    },
  });
  const { busy, message: error } = checkOut;
  const confirm = () => void checkOut.run();
  if (asking)
    return (
      <ConfirmPanel
        legend="Check out everyone"
        question={`Check out all ${plural(count, "person", "people")} still in the building? They check in again when they come back.`}
        error={error}
        confirm={busy ? "Checking out…" : "Yes, check everyone out"}
        onConfirm={confirm}
        busy={busy}
        cancel="Not yet"
        onCancel={() => setAsking(false)}
        focus="cancel"
      />
    );
  return (
    <div className="checkin-end">
      {count > 0 && (
        <button
          ref={openRef}
          type="button"
          className="btn btn-secondary"
          onClick={() => {
            setDone(null);
            setAsking(true);
          }}
        >
          End of the day: check everyone out
        </button>
      )}
      {done && (
        <p className="checkin-answer-ok" role="status">
          <CheckIcon /> {done}
        </p>
      )}
    </div>
  );
}

function TypedSearch({
  teams,
  onChoose,
}: {
  teams: CheckInTeamView[];
  onChoose: (team: CheckInTeamView) => void;
}) {
  const [query, setQuery] = useState("");
  const id = useId();
  const q = query.trim().toLowerCase();
  const matches = q ? teams.filter((t) => t.name.toLowerCase().includes(q)).slice(0, 6) : [];
  return (
    <div className="checkin-typed">
      <label htmlFor={id} className="field-label">
        No QR code? Type the team's name
      </label>
      <input
        id={id}
        className="input"
        type="search"
        autoComplete="off"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {q && (
        <ul className="checkin-matches" aria-label="Matching teams">
          {matches.length === 0 && <li className="muted">No team has a name like that.</li>}
          {matches.map((team) => (
            <li key={team.id}>
              <button
                type="button"
                className="btn btn-secondary checkin-match"
                onClick={() => {
                  onChoose(team);
                  setQuery("");
                }}
              >
                {team.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function RosterRow({
  team,
  contacts,
  onOpen,
}: {
  team: CheckInTeamView;
  contacts: SchoolContact[];
  onOpen: () => void;
}) {
  const inside = team.members.filter((m) => m.inSince !== null).length;
  const schools = new Set(team.members.map((m) => m.school));
  const teachers = contacts.filter((c) => schools.has(c.school));
  return (
    <li className="checkin-team">
      <button type="button" className="checkin-team-open" onClick={onOpen}>
        <span className="checkin-team-name">{team.name}</span>
        <span className={`badge ${inside === team.members.length ? "badge-ok" : "badge-wait"}`}>
          {inside === team.members.length ? <CheckIcon /> : <HourglassIcon />}
          {inside} of {team.members.length} in
        </span>
      </button>
      <p className="checkin-team-members">
        {team.members.map((m, i) => (
          <span key={m.id}>
            {i > 0 && ", "}
            {m.firstName} {m.inSince ? "(in)" : m.leftAt ? "(gone home)" : "(not here yet)"}
          </span>
        ))}
      </p>
      {teachers.map((t) => (
        <p key={`${t.school}-${t.name}`} className="checkin-team-contact small">
          {t.school}'s teacher: {t.name}
          {t.phone && (
            <>
              {" · "}
              <a href={`tel:${t.phone.replace(/[^\d+]/g, "")}`}>{t.phone}</a>
            </>
          )}
        </p>
      ))}
    </li>
  );
}
