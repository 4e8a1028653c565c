import type {
  SchoolContact,
  SchoolTeamsRegistered,
  TeacherHome,
  TeacherLettersView,
  TeacherPupil,
  TeacherView,
} from "../../shared/api";
import type { RegisteredSchoolTeam } from "../services/schoolTeams";
import type {
  PupilRecord,
  TeacherLetters,
  TeacherOverview,
  TeacherRecord,
} from "../services/teachers";

/** For organizers only: a teacher's email is not shown to anyone else. */
export function presentTeacher(teacher: TeacherRecord): TeacherView {
  return {
    id: teacher.id,
    name: teacher.name,
    email: teacher.email,
    phone: teacher.phone,
    schoolId: teacher.schoolId,
    school: teacher.school,
    accepted: teacher.acceptedAt !== null,
    status: teacher.status,
  };
}

export function presentPupil(pupil: PupilRecord): TeacherPupil {
  return {
    id: pupil.id,
    firstName: pupil.firstName,
    lastName: pupil.lastName,
    consent: pupil.consentStatus,
    presence: pupil.inSince ? "in" : pupil.arrivedAt ? "left" : "not-arrived",
  };
}

/**
 * The teacher's own page. Names, consent and presence of their school's pupils only: no dates of
 * birth, guardian contacts, notes or consent links, and other schools' pupils as a count.
 */
export function presentTeacherHome(overview: TeacherOverview): TeacherHome {
  return {
    teacher: {
      id: overview.teacher.id,
      name: overview.teacher.name,
      phone: overview.teacher.phone,
      status: overview.teacher.status,
    },
    school: overview.school,
    event: overview.event,
    teams: overview.teams.map((team) => ({
      id: team.id,
      name: team.name,
      checkedIn: team.checkedInAt !== null,
      projectTitle: team.projectTitle,
      pupils: team.pupils.map(presentPupil),
      otherPupils: team.others,
      awards: team.awards,
    })),
    announcements: overview.announcements,
  };
}

/** The teams a teacher just registered: names and ids, for the page to show them at once. */
export function presentSchoolTeams(teams: RegisteredSchoolTeam[]): SchoolTeamsRegistered {
  return {
    teams: teams.map((team) => ({
      id: team.id,
      name: team.name,
      categoryId: team.categoryId,
      pupils: team.members.map((m) => ({
        id: m.id,
        firstName: m.firstName,
        lastName: m.lastName,
      })),
    })),
  };
}

/** For the organizers' check-in roster: the school's teacher, whom to call on the day. */
export function presentSchoolContact(teacher: TeacherRecord): SchoolContact {
  return { school: teacher.school, name: teacher.name, phone: teacher.phone };
}

/** The teacher's consent letters to print: never a link, a token or a last name. */
export function presentTeacherLetters(letters: TeacherLetters): TeacherLettersView {
  return {
    event: {
      ...letters.event,
      startsAt: letters.event.startsAt.toISOString(),
      endsAt: letters.event.endsAt.toISOString(),
    },
    school: letters.school,
    letters: letters.letters.map((l) => ({
      pupilId: l.pupilId,
      firstName: l.firstName,
      teamName: l.teamName,
    })),
  };
}
