import type {
  BadgeSheetView,
  CheckInMemberView,
  CheckInTeamView,
  PhotoListEntry,
} from "../../shared/api";
import { checkInLink } from "../../shared/rules/checkInCode";
import type { BadgePerson, StaffBadge } from "../services/checkIn";
import type { MemberWithSchool, TeamWithMembers } from "../services/registration";

/** For the check-in desk (organizers): first names, consent and who is in, no contacts. */
export function presentCheckInTeam(team: TeamWithMembers): CheckInTeamView {
  return {
    id: team.id,
    name: team.name,
    categoryName: team.categoryName,
    tableNumber: team.tableNumber,
    checkedInAt: team.checkedInAt?.toISOString() ?? null,
    members: team.members.map(presentCheckInMember),
  };
}

function presentCheckInMember(member: MemberWithSchool): CheckInMemberView {
  return {
    id: member.id,
    firstName: member.firstName,
    school: member.school,
    consent: member.consentStatus,
    photoConsent: member.photoConsent,
    arrivedAt: member.arrivedAt?.toISOString() ?? null,
    inSince: member.inSince?.toISOString() ?? null,
    leftAt: member.leftAt?.toISOString() ?? null,
  };
}

/** Badges carry first names only: a badge is read by everyone in the hall. */
export function presentBadges(
  eventName: string,
  slug: string,
  base: string,
  participants: BadgePerson[],
  staff: StaffBadge[],
): BadgeSheetView {
  return {
    eventName,
    badges: [
      ...participants.map(({ team, member, code }) => ({
        kind: "participant" as const,
        memberId: member.id,
        firstName: member.firstName,
        teamName: team.name,
        school: member.school,
        categoryName: team.categoryName,
        tableNumber: team.tableNumber,
        photoConsent: member.photoConsent,
        link: checkInLink(base, slug, code),
      })),
      ...staff.map((s) => ({ kind: s.kind, id: s.id, name: s.name })),
    ],
  };
}

/** The photographer's list: every child without photo consent, first name and team only. */
export function presentPhotoList(teams: TeamWithMembers[]): PhotoListEntry[] {
  return teams.flatMap((team) =>
    team.members
      .filter((m) => !m.photoConsent)
      .map((m) => ({
        memberId: m.id,
        firstName: m.firstName,
        teamName: team.name,
        tableNumber: team.tableNumber,
        reason: m.consentStatus === "awaiting" ? ("no-answer" as const) : ("no-photos" as const),
      })),
  );
}
