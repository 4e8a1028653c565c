import {
  CriteriaTable,
  PhaseBadge,
  PlaceBadge,
  prizesOf,
  SchoolRule,
  zoneName,
} from "../components/EventBits";
import { EventLoadFailed } from "../components/EventLoadFailed";
import { ArrowRightIcon, CalendarIcon, PinIcon, TrophyIcon } from "../components/Icons";
import { EmptyState, Loading } from "../components/States";
import { useQuery } from "../hooks/useQuery";
import { useTitle } from "../hooks/useTitle";
import { endpoint } from "../lib/api";
import { dateTime } from "../lib/format";
import { Link } from "../lib/router";

/** What anyone may know about an event: no personal data at all. */
export function PublicEventPage({ params }: { params: Record<string, string> }) {
  const slug = params.slug ?? "";
  const resource = useQuery(endpoint("/events/{slug}", { slug }));
  const clock = useQuery(endpoint("/events/{slug}/clock", { slug }));
  useTitle(resource.status === "ready" ? resource.data.event.name : "Event");

  if (resource.status === "loading") return <Loading />;
  if (resource.status === "error")
    return <EventLoadFailed error={resource.error} retry={resource.reload} />;

  const { event } = resource.data;
  const tz = event.timezone;
  // The clock's times are the ones that hold: a pause or an extension moves the deadline.
  const effective = clock.status === "ready" ? clock.data : event;
  const times: [string, string][] = [
    ["Sign-up opens", event.registrationOpensAt],
    ["Sign-up closes", event.registrationClosesAt],
    ["Hacking starts", effective.startsAt],
    ["Projects must be in by", effective.submissionsCloseAt],
    ["Event ends", effective.endsAt],
  ];
  return (
    <>
      <section className="event-hero">
        <div className="event-hero-inner">
          <PhaseBadge phase={event.phase} />
          <h1>{event.name}</h1>
          <p className="event-facts">
            <span>
              <PinIcon /> {event.venue}
            </span>
            <span>
              <CalendarIcon /> {dateTime(effective.startsAt, tz)}
            </span>
          </p>
          {event.phase === "registration" && (
            <div className="actions">
              <Link className="btn btn-light btn-large" to={`/events/${event.slug}/register`}>
                Sign up a team
                <ArrowRightIcon />
              </Link>
              <span className="hero-note">
                Sign-up closes {dateTime(event.registrationClosesAt, tz)}.
              </span>
            </div>
          )}
          {event.phase === "registration" && (
            <p className="hero-note">
              <Link className="hero-link" to={`/events/${event.slug}/teachers`}>
                Bringing pupils? Teachers sign up here
              </Link>
            </p>
          )}
          {event.phase !== "upcoming" && event.phase !== "registration" && (
            <WinnersLink slug={event.slug} />
          )}
          {event.phase === "upcoming" && (
            <p className="hero-note">
              Sign-up opens {dateTime(event.registrationOpensAt, tz)} ({zoneName(tz)}).
            </p>
          )}
        </div>
      </section>
      <div className="page">
        <div className="two-col">
          <section className="card" aria-labelledby="when">
            <h2 id="when">When</h2>
            <dl className="times">
              {times.map(([label, iso]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{dateTime(iso, tz)}</dd>
                </div>
              ))}
            </dl>
            <p className="small muted">All times are {zoneName(tz)}.</p>
          </section>
          <section className="card" aria-labelledby="who">
            <h2 id="who">Who can take part</h2>
            <ul className="checklist">
              <li>Everyone must be {event.maxAge} or younger on the first day of the event.</li>
              <li>Teams have 1 to {event.maxTeamSize} members.</li>
              <li>A parent or guardian says yes for each member before the event.</li>
            </ul>
          </section>
        </div>

        <h2 className="section-title">Categories and prizes</h2>
        {event.categories.length === 0 ? (
          <EmptyState title="Categories are coming soon">
            <p>The organizers haven't added the categories yet. Check back later.</p>
          </EmptyState>
        ) : (
          <ul className="card-list">
            {event.categories.map((category) => {
              const prizes = prizesOf(event.prizes, category.id);
              return (
                <li key={category.id} className="card">
                  <h3>{category.name}</h3>
                  {category.description && <p>{category.description}</p>}
                  <SchoolRule singleSchool={category.singleSchool} />
                  <h4>How it's judged</h4>
                  <CriteriaTable category={category} />
                  <h4>Prizes</h4>
                  {prizes.length === 0 ? (
                    <p className="muted">Prizes to be announced.</p>
                  ) : (
                    <ul className="prize-list">
                      {prizes.map((prize) => (
                        <li key={prize.id}>
                          <PlaceBadge place={prize.place} />
                          <span>
                            <strong>{prize.title}</strong>
                            {prize.sponsor && (
                              <span className="muted"> · given by {prize.sponsor}</span>
                            )}
                          </span>
                          <TrophyIcon className="prize-icon" />
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </>
  );
}

/** Once the ceremony has revealed a winner, the way to the results. */
function WinnersLink({ slug }: { slug: string }) {
  const results = useQuery(endpoint("/events/{slug}/results", { slug }));
  if (results.status !== "ready" || results.data.awards.length === 0) return null;
  const { finished } = results.data;
  return (
    <div className="actions">
      <Link className="btn btn-light btn-large" to={`/events/${slug}/results`}>
        <TrophyIcon />
        {finished ? "See the winners" : "See the winners so far"}
        <ArrowRightIcon />
      </Link>
      {!finished && <span className="hero-note">The prize-giving is under way.</span>}
    </div>
  );
}
