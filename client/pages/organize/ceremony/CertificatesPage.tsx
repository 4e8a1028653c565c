/**
 * Certificates to print: one A4 landscape page for each child who took part (arrived at the
 * event), and one A4 portrait page per team naming its members; for every team at once, the
 * winners, or one team (`?team=<id>`, linked from the team's row on the Teams page). Awards
 * appear once the category's results are final; until then the page says so, and it follows
 * the ceremony live. Children's full names appear here, so the page is for organizers only.
 */
import type { ChangeEvent } from "react";
import { useState } from "react";
import { resultsFinal } from "../../../../shared/rules/certificates";
import {
  type CertificateKinds,
  CertificateSheet,
  pageCount,
} from "../../../components/certificates/CertificateCards";
import { ArrowLeftIcon, DownloadIcon, PrinterIcon } from "../../../components/Icons";
import { EmptyState, ErrorState, Loading, Notice } from "../../../components/States";
import { EventSocketProvider, useSocketEvent } from "../../../hooks/useEventSocket";
import { useQuery } from "../../../hooks/useQuery";
import { useTitle } from "../../../hooks/useTitle";
import { endpoint, seg } from "../../../lib/api";
import { plural } from "../../../lib/format";
import { Link, navigate, useLocation } from "../../../lib/router";

const EVERY = "all";
const WINNERS = "winners";

export function CertificatesPage({ slug }: { slug: string }) {
  return (
    <EventSocketProvider slug={slug}>
      <CertificatesView slug={slug} />
    </EventSocketProvider>
  );
}

function CertificatesView({ slug }: { slug: string }) {
  const data = useQuery(endpoint("/events/{slug}/certificates", { slug }));
  const { search } = useLocation();
  const which = search.get("team") ?? EVERY;
  const [kinds, setKinds] = useState<CertificateKinds | null>(null);
  useTitle(data.status === "ready" ? `${data.data.event.name}: certificates` : "Certificates");

  // Results become final as the ceremony goes on: ask again when a team's answer would change.
  const loaded = data.status === "ready" ? data.data.teams : null;
  useSocketEvent("ceremony:state", (state) => {
    if (loaded?.some((t) => t.final !== resultsFinal(state, t.categoryId))) data.reload();
  });

  const teams = [...(loaded ?? [])].sort(
    (a, b) =>
      a.category.localeCompare(b.category) ||
      (a.award?.place ?? 99) - (b.award?.place ?? 99) ||
      a.teamName.localeCompare(b.teamName),
  );
  const ready = teams.filter((t) => t.final);
  const waiting = teams.length - ready.length;
  const one = teams.find((t) => t.teamId === which);
  const shown =
    which === WINNERS ? ready.filter((t) => t.award) : one ? [one].filter((t) => t.final) : ready;
  // One team's page prints everything of that team; the whole event, the children's.
  const kind = kinds ?? (one ? "both" : "children");
  const pages = pageCount(shown, kind);

  const choose = (e: ChangeEvent<HTMLSelectElement>) => {
    const value = e.target.value;
    navigate(
      `/organize/${slug}/certificates${value === EVERY ? "" : `?team=${encodeURIComponent(value)}`}`,
      { replace: true },
    );
  };

  return (
    <div className="page">
      <div className="print-toolbar cert-toolbar">
        <Link to={`/organize/${slug}/results`} className="back-link">
          <ArrowLeftIcon /> Results
        </Link>
        <h1>Certificates</h1>
        <p className="lead">
          A certificate for every child who came (checked in at least once): one A4 page each, in
          landscape, and a team certificate in portrait naming everyone on the team who came.
          Winners' certificates name the prize once their category's winners have all been revealed.
        </p>
        {data.status === "ready" && teams.length > 0 && (
          <div className="cert-controls">
            <label className="cert-select">
              <span className="label">Teams</span>
              <select
                className="input"
                value={one || which === WINNERS ? which : EVERY}
                onChange={choose}
              >
                <option value={EVERY}>Every team ({teams.length})</option>
                <option value={WINNERS}>Winners only</option>
                {teams.map((t) => (
                  <option key={t.teamId} value={t.teamId}>
                    {t.teamName}
                  </option>
                ))}
              </select>
            </label>
            <fieldset className="cert-filter">
              <legend>Print</legend>
              <div className="cert-options">
                {(
                  [
                    ["children", "A certificate for each child"],
                    ["teams", "Team certificates"],
                    ["both", "Both"],
                  ] as const
                ).map(([value, label]) => (
                  <label key={value}>
                    <input
                      type="radio"
                      name="cert-kinds"
                      checked={kind === value}
                      onChange={() => setKinds(value)}
                    />
                    {label}
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="actions">
              <button
                type="button"
                className="btn btn-primary btn-large"
                disabled={pages === 0}
                onClick={() => window.print()}
              >
                <PrinterIcon />
                Print {one ? one.teamName : which === WINNERS ? "winners" : "all"} (
                {plural(pages, "page")})
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
              In the print window choose A4 paper, and turn on background graphics for the coloured
              borders. Each certificate prints on its own page, the right way round.
            </p>
            {waiting > 0 && ready.length > 0 && (
              <p className="hint">
                Certificates for {plural(waiting, "more team")} will be ready once every winner of
                their category has been revealed.
              </p>
            )}
          </div>
        )}
      </div>

      {data.status === "loading" && <Loading label="Loading the certificates…" />}
      {data.status === "error" && <ErrorState error={data.error} retry={data.reload} />}
      {data.status === "ready" &&
        (teams.length === 0 ? (
          <EmptyState title="No one has checked in yet">
            <p>A child gets a certificate once they have checked in at the event.</p>
          </EmptyState>
        ) : ready.length === 0 || (one && !one.final) ? (
          <div className="print-toolbar cert-toolbar">
            <Notice tone="info" title="Certificates are ready after the ceremony">
              <p>
                They say who won which prize, so they wait until the winners have been revealed.
                This page updates by itself when they are ready.
              </p>
            </Notice>
          </div>
        ) : shown.length === 0 ? (
          <EmptyState title="No winners revealed yet">
            <p>A winner's certificate appears here once the award is revealed at the ceremony.</p>
          </EmptyState>
        ) : pages === 0 ? (
          <EmptyState title="Nothing to print">
            <p>No one on this team checked in at the event, so there are no certificates.</p>
          </EmptyState>
        ) : (
          <CertificateSheet event={data.data.event} teams={shown} kinds={kind} />
        ))}
    </div>
  );
}
