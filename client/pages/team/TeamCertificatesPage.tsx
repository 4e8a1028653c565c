/**
 * The team prints its own certificates (/team/certificates): the team's, and one for each
 * member who came to the event. They name the prize, so they wait for the category's results
 * to be final; the page follows the ceremony live and shows them the moment they are ready,
 * without asking the server before then.
 */
import { useState } from "react";
import { resultsFinal } from "../../../shared/rules/certificates";
import { CertificateSheet, pageCount } from "../../components/certificates/CertificateCards";
import { ArrowLeftIcon, PrinterIcon } from "../../components/Icons";
import { RequireRole } from "../../components/RequireRole";
import { EmptyState, ErrorState, Loading, Notice } from "../../components/States";
import { EventSocketProvider, useSocketEvent } from "../../hooks/useEventSocket";
import { useQuery } from "../../hooks/useQuery";
import { useTitle } from "../../hooks/useTitle";
import { endpoint } from "../../lib/api";
import { plural } from "../../lib/format";
import { Link } from "../../lib/router";

export function TeamCertificatesPage() {
  useTitle("Your certificates");
  return <RequireRole allow="team">{() => <Loader />}</RequireRole>;
}

function Loader() {
  const mine = useQuery(endpoint("/teams/me"));
  return (
    <div className="page">
      <div className="print-toolbar cert-toolbar">
        <Link to="/team" className="back-link">
          <ArrowLeftIcon /> Your team
        </Link>
        <h1>Your certificates</h1>
      </div>
      {mine.status === "loading" && <Loading label="Loading your team…" />}
      {mine.status === "error" && <ErrorState error={mine.error} retry={mine.reload} />}
      {mine.status === "ready" && (
        <EventSocketProvider slug={mine.data.team.eventSlug}>
          <WhenFinal categoryId={mine.data.team.categoryId} />
        </EventSocketProvider>
      )}
    </div>
  );
}

function WhenFinal({ categoryId }: { categoryId: string }) {
  const [final, setFinal] = useState<boolean | null>(null);
  useSocketEvent("ceremony:state", (state) => setFinal(resultsFinal(state, categoryId)));
  if (final === null) return <Loading label="Checking the results…" />;
  if (!final)
    return (
      <div className="print-toolbar cert-toolbar">
        <Notice tone="info" title="Your certificates are ready after the prize ceremony">
          <p>
            They say what your team won, so they wait until the winners have been announced. Keep
            this page open: your certificates appear here by themselves.
          </p>
        </Notice>
      </div>
    );
  return <Sheet />;
}

function Sheet() {
  const data = useQuery(endpoint("/teams/me/certificates"));
  if (data.status === "loading") return <Loading label="Loading your certificates…" />;
  if (data.status === "error") return <ErrorState error={data.error} retry={data.reload} />;
  const { event, team } = data.data;
  const pages = pageCount([team], "both");
  return (
    <>
      <div className="print-toolbar cert-toolbar cert-controls">
        <p className="lead">
          A certificate for {team.teamName} and one for each member who came to {event.name}. Each
          prints on its own A4 page.
        </p>
        {team.members.length === 0 ? (
          <EmptyState title="No certificates to print">
            <p>
              Certificates are for members who checked in at the event, and nobody on your team did.
            </p>
          </EmptyState>
        ) : (
          <div className="actions">
            <button
              type="button"
              className="btn btn-primary btn-large"
              onClick={() => window.print()}
            >
              <PrinterIcon /> Print ({plural(pages, "page")})
            </button>
          </div>
        )}
        <p className="hint">
          In the print window choose A4 paper, and turn on background graphics for the coloured
          borders.
        </p>
      </div>
      {team.members.length > 0 && <CertificateSheet event={event} teams={[team]} kinds="both" />}
    </>
  );
}
