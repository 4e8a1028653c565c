/**
 * Who may be on a team: age on the event's first day, team size, one school for single-school
 * categories. Pure functions, so the sign-up page explains a rule before the server enforces it.
 */
import { MONTH_NAMES } from "./calendar";
import { normalizeSchool } from "./schools";

export interface IsoDate {
  year: number;
  month: number;
  day: number;
}

/** Parses "YYYY-MM-DD", returning null for anything that is not a real calendar date. */
export function parseIsoDate(value: string): IsoDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return null;
  return { year, month, day };
}

/**
 * Age in whole years on `on`. A birthday on that day counts. Someone born on 29 February
 * has their birthday on 1 March in other years (as in UK law), because 28 February comes
 * before 29 February in the comparison below.
 */
export function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
  const beforeBirthday =
    on.month < dateOfBirth.month || (on.month === dateOfBirth.month && on.day < dateOfBirth.day);
  return on.year - dateOfBirth.year - (beforeBirthday ? 1 : 0);
}

/** "14 March 2026". */
export function formatIsoDate(date: IsoDate): string {
  return `${date.day} ${MONTH_NAMES[date.month - 1]} ${date.year}`;
}

export interface MemberFacts {
  firstName: string;
  dateOfBirth: string;
  /** The school's name, as typed or as the school is called. */
  school: string;
  /**
   * The school's id once the server has found it. Two spellings merged into one school are
   * one school although their normalized names differ, so the server compares ids.
   */
  schoolId?: string;
}

/** What the single-school rule compares: the school's id, or its normalized name before it has one. */
function schoolOf(member: MemberFacts): string {
  if (member.schoolId) return `id:${member.schoolId}`;
  const key = normalizeSchool(member.school);
  return key === "" ? "" : `name:${key}`;
}

export interface EligibilityRules {
  /** The event's first day in its own time zone, "YYYY-MM-DD". */
  firstDay: string;
  maxAge: number;
  maxTeamSize: number;
  singleSchool: boolean;
}

export type EligibilitySlug = "too-old" | "not-born" | "team-too-large" | "mixed-schools";

export interface EligibilityProblem {
  slug: EligibilitySlug;
  /** "members.2.dateOfBirth", or "members" for the team as a whole. */
  path: string;
  message: string;
}

/** Why one member cannot take part, in words a 12-year-old understands; null when they can. */
export function memberAgeProblem(
  member: MemberFacts,
  rules: EligibilityRules,
): { slug: EligibilitySlug; message: string } | null {
  const dob = parseIsoDate(member.dateOfBirth);
  const firstDay = parseIsoDate(rules.firstDay);
  if (!dob || !firstDay) return null; // format problems are the schema's to report
  const name = member.firstName.trim() || "This member";
  if (compare(dob, firstDay) > 0) {
    return {
      slug: "not-born",
      message: `Check ${name}'s date of birth: it is after the first day of the event.`,
    };
  }
  const age = ageOn(dob, firstDay);
  if (age > rules.maxAge) {
    return {
      slug: "too-old",
      message: `${name} will be ${age} on ${formatIsoDate(firstDay)}, the first day; the event is for ${rules.maxAge} and under.`,
    };
  }
  return null;
}

function compare(a: IsoDate, b: IsoDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * Every rule a team breaks, members in order. `existing` are the members already on the team
 * (when adding one member to it).
 */
export function teamProblems(
  members: readonly MemberFacts[],
  rules: EligibilityRules,
  options: { offset?: number; existing?: readonly MemberFacts[] } = {},
): EligibilityProblem[] {
  const offset = options.offset ?? 0;
  const existing = options.existing ?? [];
  const problems: EligibilityProblem[] = [];
  members.forEach((member, i) => {
    const age = memberAgeProblem(member, rules);
    if (age) problems.push({ ...age, path: `members.${offset + i}.dateOfBirth` });
  });
  const total = existing.length + members.length;
  if (total > rules.maxTeamSize) {
    problems.push({
      slug: "team-too-large",
      path: "members",
      message: `A team can have at most ${rules.maxTeamSize} members; this one would have ${total}.`,
    });
  }
  if (rules.singleSchool) {
    const all = [...existing, ...members];
    const first = all.find((m) => schoolOf(m) !== "");
    if (first) {
      const key = schoolOf(first);
      members.forEach((member, i) => {
        if (schoolOf(member) !== "" && schoolOf(member) !== key) {
          problems.push({
            slug: "mixed-schools",
            path: `members.${offset + i}.school`,
            message: `In this category all members must be from the same school. ${member.firstName.trim() || "This member"} is from ${member.school.trim()}, but ${first.firstName.trim() || "another member"} is from ${first.school.trim()}.`,
          });
        }
      });
    }
  }
  return problems;
}
