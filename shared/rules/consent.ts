/**
 * Guardian consent: who the link may go to, and what consent covers, in the words the
 * guardian's page and the printed letter both use. Pure, so the sign-up form explains the
 * email rule before the server enforces it.
 */

export interface GuardianEmailFacts {
  firstName: string;
  guardian: { email: string };
}

export interface GuardianEmailProblem {
  /** "members.1.guardian.email", or "guardian.email" with an empty prefix. */
  path: string;
  message: string;
}

const normalEmail = (email: string) => email.trim().toLowerCase();

/**
 * The consent link must reach the guardian, not the team: a guardian's email may not be the
 * team's sign-in (contact) email, which is the one the team itself reads. Members have no
 * email of their own, so that is the only address to compare with.
 */
export function guardianEmailProblems(
  members: readonly GuardianEmailFacts[],
  contactEmail: string,
  prefix: (index: number) => string = (i) => `members.${i}.`,
): GuardianEmailProblem[] {
  const contact = normalEmail(contactEmail);
  if (!contact) return [];
  const problems: GuardianEmailProblem[] = [];
  members.forEach((member, i) => {
    if (normalEmail(member.guardian.email) !== contact) return;
    const whose = member.firstName.trim() ? `${member.firstName.trim()}'s` : "the";
    problems.push({
      path: `${prefix(i)}guardian.email`,
      message: `This is the team's own sign-in email. Use ${whose} parent or guardian's own email: the consent link goes to them, and only they may answer it.`,
    });
  });
  return problems;
}

export interface ConsentTermsInput {
  firstName: string;
  teamName: string;
  eventName: string;
  venue: string;
}

export interface ConsentTerms {
  /** What a yes covers: taking part, the medical and dietary notes, and (separately) photos. */
  covers: string[];
  dataCollected: string[];
  whoSees: string;
  retention: string;
}

/** What the guardian agrees to, shown on the consent page and printed on the letter. */
export function consentTerms(input: ConsentTermsInput): ConsentTerms {
  const { firstName, teamName, eventName, venue } = input;
  return {
    covers: [
      `${firstName} taking part in ${eventName} at ${venue}, including staying for both days of the event with the team "${teamName}".`,
      "Organizers and first-aiders using the medical and dietary notes you or the team gave, to keep them safe and fed.",
      "Photos and video: only if you say yes separately. The answer is no unless you choose yes.",
    ],
    dataCollected: [
      "First and last name, date of birth (to check the age limit) and school",
      "Your name, email and phone number, to reach you during the event",
      "Dietary and medical notes, if given",
      "The project the team builds, its score and any prize",
    ],
    whoSees:
      "Only the event organizers and the child's own team see personal details. Judges, other teams and the big screen see the team name, the school and the project, never a child's full name.",
    retention:
      "Personal details are deleted within 30 days after the event. Team names, schools, projects and results are kept.",
  };
}
