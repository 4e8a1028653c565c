/**
 * Certificates to print on A4: one page per checked-in team with its members' names, and a
 * winner's certificate (place, prize, sponsor) for each team whose award has been revealed.
 * Members' full names appear here, so the page is for organizers only.
 */
import { useState } from "react";
import { formatZonedDate } from "../../../../shared/rules/timezones";
import { ArrowLeftIcon, DownloadIcon, LogoMark, PrinterIcon } from "../../../components/Icons";
import { EmptyState, ErrorState, Loading } from "../../../components/States";
import { useTitle } from "../../../hooks/useApi";
import { useQuery } from "../../../hooks/useQuery";
import { endpoint, seg } from "../../../lib/api";
import { placeName } from "../../../lib/awards";
import { plural } from "../../../lib/format";
import { Link } from "../../../lib/router";
import "./certificates.css";

interface CertificateTeam {
  teamId: string;
  teamName: string;
  category: string;
  school: string;
  members: string[];
  projectTitle: string | null;
  award: { place: number; prize: string; sponsor: string | null } | null;
}

interface Certificates {
  event: { name: string; venue: string; startsAt: string; timezone: string };
  teams: CertificateTeam[];
}

type Filter = "all" | "winners";

/** "Ada Lovelace, Alan Turing and Grace Hopper". */
const names = (list: string[]) =>
  list.length <= 1 ? (list[0] ?? "") : `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;

export function CertificatesPage({ slug }: { slug: string }) {
  const data = useQuery(endpoint("/events/{slug}/certificates", { slug }));
  const [filter, setFilter] = useState<Filter>("all");
  useTitle(data.status === "ready" ? `${data.data.event.name}: certificates` : "Certificates");

  const teams =
    data.status === "ready"
      ? [...data.data.teams].sort(
          (a, b) =>
            a.category.localeCompare(b.category) ||
            (a.award?.place ?? 99) - (b.award?.place ?? 99) ||
            a.teamName.localeCompare(b.teamName),
        )
      : [];
  const winners = teams.filter((t) => t.award);
  const shown = filter === "winners" ? winners : teams;

  return (
    <div className="page cert-page">
      <div className="cert-toolbar">
        <Link to={`/organize/${slug}/results`} className="back-link">
          <ArrowLeftIcon /> Results
        </Link>
        <h1>Certificates</h1>
        <p className="lead">
          One A4 page for each team that checked in. Winners get a winner's certificate once their
          award has been revealed at the ceremony.
        </p>
        {data.status === "ready" && teams.length > 0 && (
          <div className="cert-controls">
            <fieldset className="cert-filter">
              <legend>Show</legend>
              <div className="cert-options">
                <label>
                  <input
                    type="radio"
                    name="cert-filter"
                    checked={filter === "all"}
                    onChange={() => setFilter("all")}
                  />
                  Every team ({teams.length})
                </label>
                <label>
                  <input
                    type="radio"
                    name="cert-filter"
                    checked={filter === "winners"}
                    onChange={() => setFilter("winners")}
                  />
                  Winners only ({winners.length})
                </label>
              </div>
            </fieldset>
            <div className="actions">
              <button
                type="button"
                className="btn btn-primary btn-large"
                disabled={shown.length === 0}
                onClick={() => window.print()}
              >
                <PrinterIcon />
                {filter === "all" ? "Print all" : "Print winners"} ({plural(shown.length, "page")})
              </button>
              <a
                className="btn btn-secondary"
                href={`/api/events/${seg(slug)}/exports/results.csv`}
                download
              >
                <DownloadIcon /> Download results (CSV)
              </a>
            </div>
            <p className="hint">
              In the print window, choose A4 paper and portrait, and turn on background graphics for
              the coloured borders.
            </p>
          </div>
        )}
      </div>

      {data.status === "loading" && <Loading label="Loading the certificates…" />}
      {data.status === "error" && <ErrorState error={data.error} retry={data.reload} />}
      {data.status === "ready" &&
        (shown.length === 0 ? (
          <EmptyState
            title={filter === "winners" ? "No winners revealed yet" : "No teams checked in yet"}
          >
            <p>
              {filter === "winners"
                ? "A winner's certificate appears here once the award is revealed at the ceremony."
                : "Each team gets a certificate once it has checked in at the event."}
            </p>
          </EmptyState>
        ) : (
          <div className="cert-sheet">
            {shown.map((team) => (
              <Certificate key={team.teamId} event={data.data.event} team={team} />
            ))}
          </div>
        ))}
    </div>
  );
}

function Certificate({ event, team }: { event: Certificates["event"]; team: CertificateTeam }) {
  const { award } = team;
  // "Sat 14 March 2026" reads better on a certificate without the weekday.
  const date = formatZonedDate(new Date(event.startsAt), event.timezone).replace(/^\S+\s/, "");
  return (
    <article
      className={`cert-card${award ? " cert-card-winner" : ""}`}
      aria-label={`${award ? "Winner's certificate" : "Certificate"} for ${team.teamName}`}
    >
      <div className="cert-frame">
        <p className="cert-brand">
          <LogoMark className="cert-logo" />
          Hack Manchester <span>Junior</span>
        </p>
        {award && (
          <p className={`cert-medal cert-medal-${Math.min(award.place, 4)}`}>
            {placeName(award.place)}
          </p>
        )}
        <h2 className="cert-kind">
          <span className="cert-kind-small">Certificate of</span>{" "}
          <span className="cert-kind-big">{award ? "Achievement" : "Participation"}</span>
        </h2>
        <p className="cert-intro">This certificate is presented to</p>
        <p className={`cert-names${team.members.length > 4 ? " cert-names-many" : ""}`}>
          {names(team.members)}
        </p>
        <div className="cert-team">
          <p>
            of team <strong>{team.teamName}</strong>
          </p>
          <p className="cert-school">{team.school}</p>
        </div>
        {award ? (
          <div className="cert-achievement">
            <p>
              for winning <strong>{placeName(award.place)}</strong> in{" "}
              <strong>{team.category}</strong>
            </p>
            <p className="cert-prize">
              Prize: {award.prize}
              {award.sponsor && `, given by ${award.sponsor}`}
            </p>
          </div>
        ) : (
          <p className="cert-achievement">
            for taking part in <strong>{team.category}</strong>
          </p>
        )}
        {team.projectTitle && (
          <p className="cert-project">with the project “{team.projectTitle}”</p>
        )}
        <div className="cert-foot">
          <p className="cert-event">
            <strong>{event.name}</strong>
            <span>
              {event.venue} · {date}
            </span>
          </p>
          <p className="cert-sign">
            <span className="cert-line" aria-hidden="true" />
            For the organizers
          </p>
        </div>
      </div>
    </article>
  );
}
