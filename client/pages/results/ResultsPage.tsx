/**
 * The public results: the awards revealed so far, by category, updated live while the
 * ceremony runs. Team name, school and project title only: never a child's name.
 */
import { useState } from "react";
import type { Award, CeremonyState, EventView } from "../../../shared/api";
import { PlaceBadge } from "../../components/EventBits";
import { EventLoadFailed } from "../../components/EventLoadFailed";
import { ArrowLeftIcon, SparkleIcon, TrophyIcon } from "../../components/Icons";
import { EmptyState, ErrorState, Loading, Notice } from "../../components/States";
import { EventSocketProvider, useSocketEvent } from "../../hooks/useEventSocket";
import { useQuery } from "../../hooks/useQuery";
import { useTitle } from "../../hooks/useTitle";
import { endpoint } from "../../lib/api";
import { awardKey, byCategory, sponsorLine } from "../../lib/awards";
import { Link } from "../../lib/router";
import "./results.css";

interface Results {
  awards: Award[];
  finished: boolean;
}

export function ResultsPage({ params }: { params: Record<string, string> }) {
  const slug = params.slug ?? "";
  const resource = useQuery(endpoint("/events/{slug}", { slug }));
  useTitle(resource.status === "ready" ? `${resource.data.event.name}: results` : "Results");

  if (resource.status === "loading") return <Loading />;
  if (resource.status === "error")
    return <EventLoadFailed error={resource.error} retry={resource.reload} />;
  const { event } = resource.data;
  return (
    <EventSocketProvider slug={event.slug}>
      <LiveResults event={event} />
    </EventSocketProvider>
  );
}

/** Reveals only add awards, and the ceremony only ever finishes: the fuller answer is newer. */
function fuller(a: Results | null, b: Results | null): Results | null {
  if (!a || !b) return a ?? b;
  if (b.awards.length !== a.awards.length) return b.awards.length > a.awards.length ? b : a;
  return b.finished ? b : a;
}

function LiveResults({ event }: { event: EventView }) {
  const fetched = useQuery(endpoint("/events/{slug}/results", { slug: event.slug }));
  const [pushed, setPushed] = useState<Results | null>(null);
  useSocketEvent("ceremony:state", (state: CeremonyState) =>
    setPushed((current) => fuller(current, { awards: state.revealed, finished: state.finished })),
  );
  useSocketEvent("ceremony:reveal", (award) =>
    setPushed((current) =>
      current?.awards.some((a) => awardKey(a) === awardKey(award))
        ? current
        : { awards: [...(current?.awards ?? []), award], finished: current?.finished ?? false },
    ),
  );
  const results = fuller(fetched.status === "ready" ? fetched.data : null, pushed);

  return (
    <>
      <section className="event-hero">
        <div className="event-hero-inner">
          <Link to={`/events/${event.slug}`} className="back-link results-back">
            <ArrowLeftIcon /> {event.name}
          </Link>
          <h1>Results</h1>
          <p className="event-facts">
            <span>
              <TrophyIcon /> The winners of {event.name}
            </span>
          </p>
        </div>
      </section>
      <div className="page page-medium">
        {!results && fetched.status === "error" && (
          <ErrorState error={fetched.error} retry={fetched.reload} />
        )}
        {!results && fetched.status !== "error" && <Loading label="Loading the results…" />}
        {results && <ResultsList event={event} results={results} />}
      </div>
    </>
  );
}

function ResultsList({ event, results }: { event: EventView; results: Results }) {
  const groups = byCategory(
    results.awards,
    event.categories.map((c) => c.id),
  );
  if (groups.length === 0)
    return (
      <EmptyState icon={<SparkleIcon className="state-icon" />} title="No winners announced yet">
        <p>
          The winners are revealed one by one at the closing ceremony. Keep this page open: it
          updates by itself.
        </p>
      </EmptyState>
    );
  return (
    <>
      {results.finished ? (
        <Notice tone="success" title="Congratulations to every winner">
          <p>And thank you to everyone who took part.</p>
        </Notice>
      ) : (
        <Notice tone="info" title="The ceremony is still going — more to come">
          <p>This page updates by itself as each winner is revealed.</p>
        </Notice>
      )}
      <ul className="card-list">
        {groups.map((group) => (
          <li key={group.categoryId} className="card">
            <h2>{group.category}</h2>
            <ol className="results-list">
              {group.awards.map((a) => (
                <li key={awardKey(a)}>
                  <PlaceBadge place={a.place} />
                  <div className="results-who">
                    <p className="results-team">{a.teamName}</p>
                    <p className="muted">
                      {a.school}
                      {a.projectTitle && <> · “{a.projectTitle}”</>}
                    </p>
                    <p className="results-prize">
                      <TrophyIcon /> <strong>{a.prize}</strong>
                      {a.sponsor && <span className="muted">, {sponsorLine(a.sponsor)}</span>}
                    </p>
                  </div>
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ul>
    </>
  );
}
