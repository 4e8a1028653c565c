/** A team member as the sign-up and add-member forms hold it, and the rules checked as they type. */
import type { EventView } from "../../shared/api";
import { guardianEmailProblems } from "../../shared/rules/consent";
import {
  type EligibilityRules,
  formatIsoDate,
  type MemberFacts,
  parseIsoDate,
  teamProblems,
} from "../../shared/rules/eligibility";
import { utcToZonedLocal } from "../../shared/rules/timezones";
import type { MemberInput } from "../../shared/schemas/team";
import type { FieldErrors } from "./forms";

export interface MemberDraft {
  /** A stable React key: members can be removed from the middle of the list. */
  key: number;
  firstName: string;
  lastName: string;
  /** The date of birth as three selects: "" until chosen; day and month without a leading zero. */
  day: string;
  month: string;
  year: string;
  school: string;
  guardianName: string;
  guardianEmail: string;
  guardianPhone: string;
  dietary: string;
  medical: string;
}

let nextKey = 1;

export function emptyMember(): MemberDraft {
  return {
    key: nextKey++,
    firstName: "",
    lastName: "",
    day: "",
    month: "",
    year: "",
    school: "",
    guardianName: "",
    guardianEmail: "",
    guardianPhone: "",
    dietary: "",
    medical: "",
  };
}

/** "YYYY-MM-DD" once all three parts are chosen; "" before. */
export function dateOfBirthOf(m: MemberDraft): string {
  if (!m.day || !m.month || !m.year) return "";
  return `${m.year}-${m.month.padStart(2, "0")}-${m.day.padStart(2, "0")}`;
}

/** The API's member body; blanks in optional fields are left for the schema to drop. */
export function memberInput(m: MemberDraft): MemberInput {
  return {
    firstName: m.firstName,
    lastName: m.lastName,
    dateOfBirth: dateOfBirthOf(m),
    school: m.school,
    guardian: { name: m.guardianName, email: m.guardianEmail, phone: m.guardianPhone },
    dietary: m.dietary,
    medical: m.medical,
  };
}

export function memberFacts(m: MemberDraft): MemberFacts {
  return { firstName: m.firstName, dateOfBirth: dateOfBirthOf(m), school: m.school };
}

/** The event's first day in its own zone: ages are counted on it. */
export function firstDayOf(event: Pick<EventView, "startsAt" | "timezone">): string {
  return utcToZonedLocal(new Date(event.startsAt), event.timezone).slice(0, 10);
}

export function rulesFor(event: EventView, singleSchool: boolean): EligibilityRules {
  return {
    firstDay: firstDayOf(event),
    maxAge: event.maxAge,
    maxTeamSize: event.maxTeamSize,
    singleSchool,
  };
}

/** Years a participant could be born in: from a little over the age limit to age 4. */
export function birthYears(event: EventView): number[] {
  const eventYear = Number(firstDayOf(event).slice(0, 4));
  const years: number[] = [];
  for (let y = eventYear - 4; y >= eventYear - event.maxAge - 3; y--) years.push(y);
  return years;
}

/**
 * The rules as the person types: age once the date is complete, schools once typed, and a
 * guardian's email that is the team's own sign-in email once both are typed.
 */
export function liveProblems(
  drafts: readonly MemberDraft[],
  rules: EligibilityRules,
  options: { offset?: number; existing?: readonly MemberFacts[]; contactEmail?: string } = {},
): FieldErrors {
  const out: FieldErrors = {};
  for (const p of teamProblems(drafts.map(memberFacts), rules, options)) out[p.path] ??= p.message;
  const offset = options.offset ?? 0;
  const guardians = drafts.map((d) => ({
    firstName: d.firstName,
    guardian: { email: d.guardianEmail },
  }));
  for (const p of guardianEmailProblems(
    guardians,
    options.contactEmail ?? "",
    (i) => `members.${offset + i}.`,
  ))
    out[p.path] ??= p.message;
  // A date that is complete but not a real date (31 February) is said at once, too.
  drafts.forEach((d, i) => {
    const dob = dateOfBirthOf(d);
    const path = `members.${(options.offset ?? 0) + i}.dateOfBirth`;
    if (dob && !parseIsoDate(dob))
      out[path] ??= "That date does not exist. Check the day and month.";
  });
  return out;
}

/** "2012-05-31" → "31 May 2012". */
export function britishDate(iso: string | null): string {
  const d = iso ? parseIsoDate(iso) : null;
  return d ? formatIsoDate(d) : "Not given";
}
