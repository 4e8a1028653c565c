/**
 * The certificates themselves, shared by the organizer's page and a team's own: a team's on
 * A4 portrait naming every member who took part, and a child's on A4 landscape with their
 * name large. Each prints as one page (certificates.css); on screen it is scaled to fit.
 */
import type { ReactNode } from "react";
import type { CertificateEvent, CertificateTeam } from "../../../shared/api";
import { eventDays } from "../../../shared/rules/certificates";
import { placeName } from "../../lib/awards";
import { LogoMark } from "../Icons";
import "../../styles/print.css";
import "./certificates.css";

type Member = CertificateTeam["members"][number];

/**
 * Past this many characters a name would need three lines at full size, which the landscape
 * page has no height for: it is set smaller instead (two lines hold about 90 characters).
 */
const LONG_NAME = 44;

export const fullName = (m: Pick<Member, "firstName" | "lastName">) =>
  [m.firstName, m.lastName].filter(Boolean).join(" ");

/** "Ada Lovelace, Alan Turing and Grace Hopper". */
const names = (list: string[]) =>
  list.length <= 1 ? (list[0] ?? "") : `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;

const days = (event: CertificateEvent) =>
  eventDays(new Date(event.startsAt), new Date(event.endsAt), event.timezone);

/** What the certificate is for: the award once final, else taking part. */
function Achievement({ team }: { team: CertificateTeam }) {
  const { award } = team;
  return award ? (
    <div className="cert-achievement">
      <p>
        for winning <strong>{placeName(award.place)}</strong> in <strong>{team.category}</strong>
      </p>
      <p className="cert-prize">
        Prize: {award.prize}
        {award.sponsor && `, given by ${award.sponsor}`}
      </p>
    </div>
  ) : (
    <div className="cert-achievement">
      <p>
        for taking part in <strong>{team.category}</strong>
      </p>
    </div>
  );
}

function Foot({ event }: { event: CertificateEvent }) {
  return (
    <div className="cert-foot">
      <p className="cert-event">
        <strong>{event.name}</strong>
        <span>
          {event.venue} · {days(event)}
        </span>
      </p>
      <p className="cert-sign">
        <span className="cert-line" aria-hidden="true" />
        For the organizers
      </p>
    </div>
  );
}

function Heading({ team }: { team: CertificateTeam }) {
  const { award } = team;
  return (
    <>
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
    </>
  );
}

/** What every certificate says around the names it is presented to. */
function CertificateFrame({
  kind,
  label,
  event,
  team,
  school,
  children,
}: {
  kind: "team" | "child";
  label: string;
  event: CertificateEvent;
  team: CertificateTeam;
  school: string;
  /** Who it is presented to. */
  children: ReactNode;
}) {
  return (
    <article
      className={`cert-card cert-card-${kind} print-paper${team.award ? " cert-card-winner" : ""}`}
      aria-label={label}
    >
      <div className="cert-frame">
        <Heading team={team} />
        <p className="cert-intro">This certificate is presented to</p>
        {children}
        <div className="cert-team">
          <p>
            of team <strong>{team.teamName}</strong>
          </p>
          <p className="cert-school">{school}</p>
        </div>
        <Achievement team={team} />
        {team.projectTitle && (
          <p className="cert-project">with the project “{team.projectTitle}”</p>
        )}
        <Foot event={event} />
      </div>
    </article>
  );
}

/** The team's certificate: A4 portrait, every member who took part named together. */
export function TeamCertificate({
  event,
  team,
}: {
  event: CertificateEvent;
  team: CertificateTeam;
}) {
  return (
    <CertificateFrame
      kind="team"
      label={`${team.award ? "Winner's certificate" : "Certificate"} for ${team.teamName}`}
      event={event}
      team={team}
      school={team.school}
    >
      <p className={`cert-names${team.members.length > 4 ? " cert-names-many" : ""}`}>
        {names(team.members.map(fullName))}
      </p>
    </CertificateFrame>
  );
}

/** One child's certificate: A4 landscape, their full name the largest line on it. */
export function ChildCertificate({
  event,
  team,
  member,
}: {
  event: CertificateEvent;
  team: CertificateTeam;
  member: Member;
}) {
  const name = fullName(member);
  return (
    <CertificateFrame
      kind="child"
      label={`Certificate for ${name}`}
      event={event}
      team={team}
      school={member.school}
    >
      <p className={`cert-child-name${name.length > LONG_NAME ? " cert-child-name-long" : ""}`}>
        {name}
      </p>
    </CertificateFrame>
  );
}

/** What to print for a team: a certificate for each child, the team's, or both. */
export type CertificateKinds = "children" | "teams" | "both";

/** The certificates of the teams given, team by team, in print order. */
export function CertificateSheet({
  event,
  teams,
  kinds,
}: {
  event: CertificateEvent;
  teams: CertificateTeam[];
  kinds: CertificateKinds;
}) {
  return (
    <div className="print-sheet">
      {teams.flatMap((team) => [
        ...(kinds === "children"
          ? []
          : [<TeamCertificate key={`team-${team.teamId}`} event={event} team={team} />]),
        ...(kinds === "teams"
          ? []
          : team.members.map((member) => (
              <ChildCertificate key={member.id} event={event} team={team} member={member} />
            ))),
      ])}
    </div>
  );
}

/** How many pages the sheet prints. */
export const pageCount = (teams: CertificateTeam[], kinds: CertificateKinds) =>
  teams.reduce(
    (n, t) => n + (kinds === "children" ? 0 : 1) + (kinds === "teams" ? 0 : t.members.length),
    0,
  );
