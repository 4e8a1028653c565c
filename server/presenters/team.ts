import type { MemberView, TeamView } from "../../shared/api";
import type { MemberWithConsent, TeamWithMembers } from "../services/registration";

/** Who a team's private view is for: its own team, or the organizers. */
export type TeamAudience = "team" | "organizer";

/**
 * A team with its members' personal data. Only for organizers and the team itself:
 * judges, other teams, the display and the public never receive this. Neither audience gets
 * a consent link: those go to guardians only.
 */
export function presentTeamPrivate(team: TeamWithMembers, audience: TeamAudience): TeamView {
  return {
    id: team.id,
    name: team.name,
    eventId: team.eventId,
    eventSlug: team.eventSlug,
    categoryId: team.categoryId,
    categoryName: team.categoryName,
    contactEmail: team.contactEmail,
    checkedIn: team.checkedInAt !== null,
    checkedInAt: team.checkedInAt?.toISOString() ?? null,
    version: team.version,
    createdAt: team.createdAt.toISOString(),
    members: team.members.map((m) => presentMemberPrivate(m, audience)),
  };
}

export function presentMemberPrivate(
  member: MemberWithConsent,
  audience: TeamAudience,
): MemberView {
  const answer = member.lastConsent;
  const consent: MemberView["consent"] = {
    status: member.consentStatus,
    method: answer?.method ?? null,
    at: answer?.at.toISOString() ?? null,
    photoConsent: member.photoConsent,
    linkSentAt: member.consentLinkOpen ? (member.consentLinkAt?.toISOString() ?? null) : null,
  };
  // Who answered is for the organizers, who may need to check a paper form or call back.
  if (audience === "organizer") {
    consent.by = answer
      ? answer.method === "link"
        ? answer.guardianName
        : answer.recordedByName
      : null;
    consent.answeredBy = answer && answer.method !== "link" ? answer.guardianName : null;
    consent.note = answer?.note ?? null;
  }
  return {
    id: member.id,
    firstName: member.firstName,
    lastName: member.lastName,
    dateOfBirth: member.dateOfBirth,
    school: member.school,
    guardian: {
      name: member.guardianName,
      email: member.guardianEmail,
      phone: member.guardianPhone,
    },
    dietary: member.dietary,
    medical: member.medical,
    arrived: member.arrivedAt !== null,
    version: member.version,
    consent,
  };
}

/** A team's schools as one line for results, certificates and the ceremony ("A & B"). */
export function schoolLine(schools: readonly string[]): string {
  return [...new Set(schools)].join(" & ");
}
