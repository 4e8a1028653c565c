import type { Database } from "../../server/db/client";
import { ensureOrganizer } from "../../server/services/setup";
import type { CategoryCreateInput, EventCreateInput } from "../../shared/schemas/event";
import type { MemberInput, TeamCreateInput } from "../../shared/schemas/team";
import { Client } from "./http";
import { testPasswords } from "./passwords";

const HOUR = 60 * 60 * 1000;
let counter = 0;

/** A valid event body; times are relative to `now` with registration open. */
export function buildEvent(
  overrides: Partial<EventCreateInput> = {},
  now = new Date(),
): EventCreateInput {
  counter++;
  const at = (hours: number) => new Date(now.getTime() + hours * HOUR).toISOString();
  return {
    name: `Test Hack ${counter}`,
    slug: `test-hack-${counter}`,
    venue: "Manchester Central",
    timezone: "Europe/London",
    registrationOpensAt: at(-24),
    registrationClosesAt: at(24),
    startsAt: at(48),
    submissionsCloseAt: at(72),
    endsAt: at(76),
    ...overrides,
  };
}

export function buildCategory(overrides: Partial<CategoryCreateInput> = {}): CategoryCreateInput {
  counter++;
  return {
    name: `Category ${counter}`,
    singleSchool: false,
    criteria: [
      { name: "Innovation", weight: 3, maxScore: 10 },
      { name: "Technical", weight: 2, maxScore: 10 },
      { name: "Presentation", weight: 1, maxScore: 5 },
    ],
    ...overrides,
  };
}

export const ORGANIZER = { email: "organizer@example.com", password: "correct horse battery" };

/** Creates the organizer account and returns a client signed in as it. */
export async function signInOrganizer(base: string, database: Database): Promise<Client> {
  await ensureOrganizer(database.db, ORGANIZER.email, ORGANIZER.password, testPasswords);
  const client = new Client(base);
  const res = await client.post("/api/session", ORGANIZER);
  if (res.status !== 200) throw new Error(`organizer sign-in failed: ${res.status}`);
  return client;
}

let memberCounter = 0;

/** A valid member aged 14 on a March 2026 event. */
export function buildMember(overrides: Partial<MemberInput> = {}): MemberInput {
  memberCounter++;
  return {
    firstName: `Kid${memberCounter}`,
    lastName: "Lovelace",
    dateOfBirth: "2011-06-15",
    school: "Trinity High School",
    guardian: { name: "Pat Lovelace", email: `guardian${memberCounter}@example.com` },
    ...overrides,
  };
}

export function buildTeam(
  categoryId: string,
  overrides: Partial<TeamCreateInput> = {},
): TeamCreateInput {
  memberCounter++;
  return {
    name: `Byte Club ${memberCounter}`,
    categoryId,
    contact: { email: `team${memberCounter}@example.com`, password: "team password" },
    members: [buildMember(), buildMember()],
    ...overrides,
  };
}
