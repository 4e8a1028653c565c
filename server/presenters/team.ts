import type { MemberView, TeamView } from "../../shared/api";
import type { MemberRow, TeamWithMembers } from "../services/registration";
import { consentUrl } from "../services/registration";

/**
 * A team with its members' personal data. Only for organizers and the team itself:
 * judges, other teams, the display and the public never receive this.
 */
export function presentTeamPrivate(team: TeamWithMembers, baseUrl: string): TeamView {
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
    createdAt: team.createdAt.toISOString(),
    members: team.members.map((m) => presentMemberPrivate(m, baseUrl)),
  };
}

export function presentMemberPrivate(member: MemberRow, baseUrl: string): MemberView {
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
    consent: {
      status: member.consentStatus,
      method: member.consentMethod,
      at: member.consentAt?.toISOString() ?? null,
      photoConsent: member.photoConsent,
    },
    consentUrl:
      member.consentStatus === "awaiting" && member.consentToken
        ? consentUrl(baseUrl, member.consentToken)
        : null,
  };
}

/** A team's schools as one line for results, certificates and the ceremony ("A & B"). */
export function schoolLine(schools: readonly string[]): string {
  return [...new Set(schools)].join(" & ");
}
