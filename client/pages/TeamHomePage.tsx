/**
 * The team's own page: who is on the team and whether each guardian has said yes (the links
 * go to the guardians, never here), check-in, the event's clock and news, the way to the
 * project, and after the prize ceremony the judges' feedback. Personal data here is the
 * team's own; the API shows it to nobody else.
 */
import { useState } from "react";
import type { Award, EventView, MyTeamView, SessionUser, TeamView } from "../../shared/api";
import { resultsFinal } from "../../shared/rules/certificates";
import { AnnouncementList } from "../components/AnnouncementList";
import { Countdown } from "../components/Countdown";
import { SchoolRule, zoneName } from "../components/EventBits";
import {
  ArrowRightIcon,
  CheckIcon,
  HourglassIcon,
  MegaphoneIcon,
  PrinterIcon,
} from "../components/Icons";
import { RequireRole } from "../components/RequireRole";
import { ErrorState, Loading, Notice } from "../components/States";
import { EventSocketProvider, useEventSocket, useSocketEvent } from "../hooks/useEventSocket";
import { useQuery } from "../hooks/useQuery";
import { useTitle } from "../hooks/useTitle";
import { endpoint, seg } from "../lib/api";
import { awardKey, placeName } from "../lib/awards";
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
  const resource = useQuery(endpoint("/teams/me"));
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
    resource.setData((d) => ({ ...d, team: { ...d.team, ...update(d.team) } }));
  const mine = resource.data;
  const { team: loaded } = mine;
  // An award revealed on the projector joins the page at once (team names are unique).
  const addAward = (award: Award) =>
    resource.setData((d) =>
      award.teamName !== d.team.name || d.awards.some((a) => awardKey(a) === awardKey(award))
        ? d
        : { ...d, awards: [...d.awards, award] },
    );
  return (
    <div className="page page-medium team-page">
      {flash && (
        <Notice tone="success" live>
          <p>{flash}</p>
        </Notice>
      )}
      {slug ? (
        <EventSocketProvider slug={slug}>
          <WithEvent
            slug={slug}
            mine={mine}
            team={loaded}
            setTeam={setTeam}
            reloadTeam={resource.reload}
            addAward={addAward}
          />
        </EventSocketProvider>
      ) : (
        <Dashboard
          mine={mine}
          team={loaded}
          event={null}
          setTeam={setTeam}
          reloadTeam={resource.reload}
          addAward={addAward}
        />
      )}
    </div>
  );
}

interface DashboardProps {
  mine: MyTeamView;
  team: TeamView;
  setTeam: (update: (t: TeamView) => TeamView) => void;
  reloadTeam: () => void;
  addAward: (award: Award) => void;
}

function WithEvent({ slug, ...props }: DashboardProps & { slug: string }) {
  const resource = useQuery(endpoint("/events/{slug}", { slug }));
  // Certificates are ready once the category's results are final: the link appears the
  // moment the last award is revealed, without a reload.
  const [certificatesReady, setCertificatesReady] = useState(false);
  useSocketEvent("ceremony:state", (state) =>
    setCertificatesReady(resultsFinal(state, props.team.categoryId)),
  );
  // The server says when something this page shows changed (a guardian's answer, the
  // check-in, a member, the project); the page asks for the team again.
  useSocketEvent("team:changed", () => props.reloadTeam());
  useSocketEvent("ceremony:reveal", (award) => props.addAward(award));
  if (resource.status === "loading") return <Loading label="Loading the event…" />;
  if (resource.status === "error")
    return <ErrorState error={resource.error} retry={resource.reload} />;
  return (
    <Dashboard {...props} event={resource.data.event} live certificatesReady={certificatesReady} />
  );
}

function Dashboard({
  mine,
  team,
  event,
  setTeam,
  reloadTeam,
  live = false,
  certificatesReady = false,
}: DashboardProps & { event: EventView | null; live?: boolean; certificatesReady?: boolean }) {
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

      {mine.awards.length > 0 ? (
        <AwardCard
          awards={mine.awards}
          slug={team.eventSlug}
          certificatesReady={certificatesReady}
        />
      ) : (
        certificatesReady && <ParticipationCard />
      )}

      {live && event ? (
        <LiveSummary event={event} mine={mine} />
      ) : (
        <StatusCards mine={mine} event={null} />
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
function LiveSummary({ event, mine }: { event: EventView; mine: MyTeamView }) {
  const { clock } = useEventSocket();
  const zone = event.timezone;
  return (
    <>
      <section className="card team-clock" aria-label="Event clock">
        <Countdown size="compact" />
        <dl className="team-times">
          <div>
            <dt>Hacking starts</dt>
            <dd>{dateTime(clock?.startsAt ?? event.startsAt, zone)}</dd>
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
      <StatusCards mine={mine} event={event} phase={clock?.phase ?? event.phase} />
    </>
  );
}

function StatusCards({
  mine,
  event,
  phase,
}: {
  mine: MyTeamView;
  event: EventView | null;
  phase?: EventView["phase"];
}) {
  const { team, project } = mine;
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
        {project && (
          <p className="team-status-line team-status-ok">
            <CheckIcon /> Handed in: <strong>{project.title}</strong>
          </p>
        )}
        <p className="small">
          {phase === "hacking"
            ? project
              ? "You can keep changing it until the deadline."
              : "Hacking is on! Save your project as you go; you can change it until the deadline."
            : phase === "judging" || phase === "finished"
              ? project
                ? "Hand-ins have closed. See what your team handed in."
                : "Hand-ins have closed."
              : "Once hacking starts and your team is checked in, you hand in your project here."}
        </p>
        <Link
          to="/team/submission"
          className={`btn ${projectOpen ? "btn-primary" : "btn-secondary"}`}
        >
          {projectOpen
            ? project
              ? "Change your project"
              : "Hand in your project"
            : "Your project page"}
          <ArrowRightIcon />
        </Link>
      </section>
    </div>
  );
}

/** After the prize-giving: what the team won, and where the results are. */
function AwardCard({
  awards,
  slug,
  certificatesReady,
}: {
  awards: Award[];
  slug: string;
  certificatesReady: boolean;
}) {
  return (
    <section className="card team-award" aria-labelledby="award">
      <h2 id="award">{awards.length > 1 ? "Your prizes" : "Your prize"}</h2>
      <ul className="team-award-list">
        {awards.map((a) => (
          <li key={awardKey(a)}>
            <span className="team-award-place">{placeName(a.place)}</span>{" "}
            <span className="team-award-category">in {a.category}</span>
            <strong className="team-award-prize">{a.prize}</strong>
            {a.sponsor && <span className="team-award-sponsor">Sponsored by {a.sponsor}</span>}
          </li>
        ))}
      </ul>
      <div className="actions">
        {certificatesReady && (
          <Link to="/team/certificates" className="btn btn-primary">
            <PrinterIcon /> Print your certificates
          </Link>
        )}
        <Link to={`/events/${seg(slug)}/results`} className="btn btn-secondary">
          See all the results <ArrowRightIcon />
        </Link>
      </div>
    </section>
  );
}

/** After the ceremony, for every team: a certificate for taking part. */
function ParticipationCard() {
  return (
    <section className="card team-award" aria-labelledby="certificates">
      <h2 id="certificates">Thank you for taking part</h2>
      <p>Your team has a certificate, and so does each member who came. Print them to keep.</p>
      <Link to="/team/certificates" className="btn btn-primary">
        <PrinterIcon /> Print your certificates
      </Link>
    </section>
  );
}
