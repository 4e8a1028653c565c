import type { EventSummary } from "../../../shared/api";
import { PhaseBadge } from "../../components/EventBits";
import { ArrowRightIcon, CalendarIcon, PinIcon, PlusIcon } from "../../components/Icons";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useQuery } from "../../hooks/useQuery";
import { useTitle } from "../../hooks/useTitle";
import { endpoint } from "../../lib/api";
import { dateTime } from "../../lib/format";
import { Link } from "../../lib/router";
import { DEFAULT_TIME_ZONE } from "./timeZones";

/**
 * The list carries no time zone yet (EventSummary has none), so dates show in UK time.
 * When the API adds `timezone` to the summary this picks it up.
 */
const zoneOf = (event: EventSummary) =>
  (event as EventSummary & { timezone?: string }).timezone ?? DEFAULT_TIME_ZONE;

export function EventListPage() {
  useTitle("Your events");
  const events = useQuery(endpoint("/events"));
  return (
    <div className="page">
      <div className="page-head">
        <h1>Your events</h1>
        <Link className="btn btn-primary" to="/organize/new">
          <PlusIcon />
          Create event
        </Link>
      </div>
      {events.status === "loading" && <Loading label="Loading your events…" />}
      {events.status === "error" && <ErrorState error={events.error} retry={events.reload} />}
      {events.status === "ready" &&
        (events.data.events.length === 0 ? (
          <EmptyState
            icon={<CalendarIcon className="state-icon" />}
            title="No events yet — create your first event"
            action={
              <Link className="btn btn-primary btn-large" to="/organize/new">
                <PlusIcon />
                Create event
              </Link>
            }
          >
            <p>
              An event has a name, a venue and its times. Then you add categories, prizes and
              judges.
            </p>
          </EmptyState>
        ) : (
          <ul className="org-event-grid">
            {events.data.events.map((event) => (
              <li key={event.id} className="card org-event-card">
                <PhaseBadge phase={event.phase} />
                {!event.purgedAt && new Date(event.purgeDueAt).getTime() < Date.now() && (
                  <p className="notice notice-warning">
                    Personal data is due to be deleted.{" "}
                    <Link to={`/organize/${event.slug}/backup`}>Delete it now</Link>
                  </p>
                )}
                <h2>
                  <Link to={`/organize/${event.slug}`} className="org-card-link">
                    {event.name}
                  </Link>
                </h2>
                <p className="event-facts">
                  <span>
                    <PinIcon /> {event.venue}
                  </span>
                  <span>
                    <CalendarIcon /> {dateTime(event.startsAt, zoneOf(event))}
                  </span>
                </p>
                <nav className="org-event-card-links" aria-label={`${event.name} pages`}>
                  <Link to={`/organize/${event.slug}/categories`}>Categories</Link>
                  <Link to={`/organize/${event.slug}/prizes`}>Prizes</Link>
                  <Link to={`/organize/${event.slug}/judges`}>Judges</Link>
                  <Link to={`/events/${event.slug}`}>
                    Public page <ArrowRightIcon />
                  </Link>
                </nav>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}
