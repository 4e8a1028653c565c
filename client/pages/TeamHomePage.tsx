/**
 * The team's own page: who is on the team and whether each guardian has said yes (the links
 * go to the guardians, never here), check-in, the event's clock and news, the way to the
 * project, and after the prize ceremony the judges' feedback. Personal data here is the
 * team's own; the API shows it to nobody else.
 */
import type { EventView, SessionUser, TeamView } from "../../shared/api";
import { AnnouncementList } from "../components/AnnouncementList";
import { Countdown } from "../components/Countdown";
import { SchoolRule, zoneName } from "../components/EventBits";
import { ArrowRightIcon, CheckIcon, HourglassIcon, MegaphoneIcon } from "../components/Icons";
import { RequireRole } from "../components/RequireRole";
import { ErrorState, Loading, Notice } from "../components/States";
import { useApi, useTitle } from "../hooks/useApi";
import { EventSocketProvider, useEventSocket } from "../hooks/useEventSocket";
import { seg } from "../lib/api";
import { useFlash } from "../lib/flash";
import { dateTime, plural } from "../lib/format";
import { useMyEventSlug } from "../lib/myEvent";
import { Link } from "../lib/router";
import { FeedbackSection } from "./team/FeedbackSection";
import { TeamCheckInCode } from "./team/TeamCheckInCode";
import { TeamMembers } from "./team/TeamMembers";
import "./team/team.css";

export function TeamHomePage() {
  useTitle("Your team");
  return <RequireRole allow="team">{(user) => <TeamHome user={user} />}</RequireRole>;
}

function TeamHome({ user }: { user: SessionUser }) {
  const flash = useFlash();
  const resource = useApi<{ team: TeamView }>("/teams/me");
  const team = resource.status === "ready" ? resource.data.team : null;
  const slug = useMyEventSlug(user.id, team?.eventSlug ?? null);

  if (resource.status === "loading") return <Loading label="Loading your team…" />;
  if (resource.status === "error")
    return (
      <div className="page page-narrow">
        <ErrorState error={resource.error} retry={resource.reload} />
      </div>
    );

  const setTeam = (update: (t: TeamView) => TeamView) =>
    resource.setData((d) => ({ team: { ...d.team, ...update(d.team) } }));
  const { team: loaded } = resource.data;
  return (
    <div className="page page-medium team-page">
      {flash && (
        <Notice tone="success" live>
          <p>{flash}</p>
        </Notice>
      )}
      {slug ? (
        <EventSocketProvider slug={slug}>
          <WithEvent slug={slug} team={loaded} setTeam={setTeam} reloadTeam={resource.reload} />
        </EventSocketProvider>
      ) : (
        <Dashboard team={loaded} event={null} setTeam={setTeam} reloadTeam={resource.reload} />
      )}
    </div>
  );
}

interface DashboardProps {
  team: TeamView;
  setTeam: (update: (t: TeamView) => TeamView) => void;
  reloadTeam: () => void;
}

function WithEvent({ slug, ...props }: DashboardProps & { slug: string }) {
  const resource = useApi<{ event: EventView }>(`/events/${seg(slug)}`);
  if (resource.status === "loading") return <Loading label="Loading the event…" />;
  if (resource.status === "error")
    return <ErrorState error={resource.error} retry={resource.reload} />;
  return <Dashboard {...props} event={resource.data.event} live />;
}

function Dashboard({
  team,
  event,
  setTeam,
  reloadTeam,
  live = false,
}: DashboardProps & { event: EventView | null; live?: boolean }) {
  const category = event?.categories.find((c) => c.id === team.categoryId);
  return (
    <>
      <header className="team-head">
        {event && <p className="eyebrow">{event.name}</p>}
        <h1>{team.name}</h1>
        <p className="team-category">
          <span className="badge">{team.categoryName}</span>
          {category && <SchoolRule singleSchool={category.singleSchool} />}
        </p>
      </header>

      {live && event ? (
        <LiveSummary event={event} team={team} />
      ) : (
        <StatusCards team={team} event={null} />
      )}

      <FeedbackSection
        eventName={event?.name ?? null}
        timeZone={event?.timezone ?? null}
        live={live}
      />

      <TeamMembers
        team={team}
        event={event}
        setTeam={setTeam}
        reloadTeam={reloadTeam}
        registrationOpen={event?.phase === "registration"}
      />

      {live && event && (
        <section className="card" aria-labelledby="news">
          <h2 id="news">
            <MegaphoneIcon /> Announcements
          </h2>
          <AnnouncementList timeZone={event.timezone} />
        </section>
      )}

      <section className="card team-signin" aria-labelledby="signin">
        <h2 id="signin">Your team's sign-in</h2>
        <p>
          Your team signs in with{" "}
          <strong>{team.contactEmail ?? "the email you signed up with"}</strong> and the password
          chosen at sign-up. Anyone with them can change the team, so keep them to your team.
        </p>
      </section>
    </>
  );
}

/** The live parts: the clock (and the phase it tells) drive what the status cards say. */
function LiveSummary({ event, team }: { event: EventView; team: TeamView }) {
  const { clock } = useEventSocket();
  const zone = event.timezone;
  return (
    <>
      <section className="card team-clock" aria-label="Event clock">
        <Countdown size="compact" />
        <dl className="team-times">
          <div>
            <dt>Hacking starts</dt>
            <dd>{dateTime(event.startsAt, zone)}</dd>
          </div>
          <div>
            <dt>Projects due</dt>
            <dd>{dateTime(clock?.submissionsCloseAt ?? event.submissionsCloseAt, zone)}</dd>
          </div>
          <div>
            <dt>Event ends</dt>
            <dd>{dateTime(clock?.endsAt ?? event.endsAt, zone)}</dd>
          </div>
        </dl>
        <p className="small muted">All times are {zoneName(zone)}.</p>
      </section>
      <StatusCards team={team} event={event} phase={clock?.phase ?? event.phase} />
    </>
  );
}

function StatusCards({
  team,
  event,
  phase,
}: {
  team: TeamView;
  event: EventView | null;
  phase?: EventView["phase"];
}) {
  const given = team.members.filter((m) => m.consent.status === "given").length;
  const total = team.members.length;
  const projectOpen = phase === "hacking";
  return (
    <div className="team-status">
      <section className="card team-status-card" aria-labelledby="checkin">
        <h2 id="checkin">Check-in</h2>
        {team.checkedIn ? (
          <p className="team-status-line team-status-ok">
            <CheckIcon /> Checked in
            {team.checkedInAt && event && ` at ${dateTime(team.checkedInAt, event.timezone)}`}
          </p>
        ) : (
          <>
            <p className="team-status-line team-status-wait">
              <HourglassIcon /> Not checked in yet
            </p>
            <p className="small">
              Check in at the desk when you arrive.{" "}
              {given === total
                ? "Every guardian has said yes, so you're ready."
                : `Every member needs a guardian's yes first: ${given} of ${plural(total, "member")} so far.`}
            </p>
          </>
        )}
        <TeamCheckInCode teamName={team.name} />
      </section>
      <section className="card team-status-card" aria-labelledby="project">
        <h2 id="project">Your project</h2>
        <p className="small">
          {phase === "hacking"
            ? "Hacking is on! Save your project as you go; you can change it until the deadline."
            : phase === "judging" || phase === "finished"
              ? "Hand-ins have closed. See what your team handed in."
              : "Once hacking starts and your team is checked in, you hand in your project here."}
        </p>
        <Link
          to="/team/submission"
          className={`btn ${projectOpen ? "btn-primary" : "btn-secondary"}`}
        >
          {projectOpen ? "Hand in your project" : "Your project page"}
          <ArrowRightIcon />
        </Link>
      </section>
    </div>
  );
}
