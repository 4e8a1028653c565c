import type { CertificateEvent, CertificateTeam } from "../../shared/api";
import type { TeamCertificates } from "../services/certificates";
import type { EventRow } from "../services/events";
import { schoolLine } from "./team";

/**
 * Certificates carry children's full names: call these only for organizers and for the
 * child's own team (the routes' policies decide which).
 */
export function presentCertificateEvent(event: EventRow): CertificateEvent {
  return {
    name: event.name,
    venue: event.venue,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    timezone: event.timezone,
  };
}

export function presentCertificateTeam(c: TeamCertificates): CertificateTeam {
  return {
    teamId: c.team.id,
    teamName: c.team.name,
    categoryId: c.team.categoryId,
    category: c.team.categoryName,
    school: schoolLine(
      (c.participants.length ? c.participants : c.team.members).map((m) => m.school),
    ),
    members: c.participants.map((m) => ({
      id: m.id,
      firstName: m.firstName,
      lastName: m.lastName,
      school: m.school,
    })),
    projectTitle: c.projectTitle,
    final: c.final,
    award: c.award,
  };
}
