/** Event data for the submission and judging browser tests, made through the HTTP API. */
import type { TeamView } from "../../shared/api";
import {
  buildCategory,
  buildEvent,
  buildMember,
  buildTeam,
  signInOrganizer,
} from "../helpers/factories";
import { Client } from "../helpers/http";
import type { TestServer } from "../helpers/server";

/** A March 2026 event in London time (UTC in March, before the clocks change). */
export const TIMES = {
  registrationOpensAt: "2026-02-01T09:00:00Z",
  registrationClosesAt: "2026-03-10T18:00:00Z",
  startsAt: "2026-03-14T09:00:00Z",
  submissionsCloseAt: "2026-03-15T13:00:00Z",
  endsAt: "2026-03-15T17:00:00Z",
};
export const REGISTRATION = new Date("2026-03-01T12:00:00Z");

export interface Criterion {
  id: string;
  name: string;
  weight: number;
  maxScore: number;
}

/** Creates the event and one category at registration time; returns the organizer's client. */
export async function createEvent(server: TestServer, slug: string, categoryName = "Best Game") {
  server.clock.set(REGISTRATION);
  const organizer = await signInOrganizer(server.url, server.database);
  const created = await organizer.post(
    "/api/events",
    buildEvent({ slug, name: "Hack Manchester Junior 2026", ...TIMES }),
  );
  if (created.status !== 201) throw new Error(`event: ${created.status}`);
  const category = await organizer.post<{ category: { id: string; criteria: Criterion[] } }>(
    `/api/events/${slug}/categories`,
    buildCategory({
      name: categoryName,
      tieBreakCriterion: "Technical",
      criteria: [
        { name: "Innovation", description: "Is the idea new?", weight: 3, maxScore: 10 },
        { name: "Technical", description: "How well is it built?", weight: 2, maxScore: 10 },
        { name: "Presentation", weight: 1, maxScore: 5 },
      ],
    }),
  );
  if (category.status !== 201) throw new Error(`category: ${category.status}`);
  return {
    organizer,
    categoryId: category.body.category.id,
    criteria: category.body.category.criteria,
  };
}

/** Registers a team (at registration time) and returns it with its sign-in. */
export async function registerTeam(
  server: TestServer,
  slug: string,
  categoryId: string,
  name: string,
  school: string,
) {
  const contact = {
    email: `${name.toLowerCase().replace(/\W+/g, "-")}@example.com`,
    password: "team password",
  };
  const res = await new Client(server.url).post<{ team: TeamView }>(
    `/api/events/${slug}/teams`,
    buildTeam(categoryId, { name, contact, members: [buildMember({ school })] }),
  );
  if (res.status !== 201)
    throw new Error(`team ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.team.id, name, contact };
}

/** Records paper consent for every member, then checks the team in, as the help desk does. */
export async function checkIn(organizer: Client, slug: string, teamId: string) {
  const { body } = await organizer.get<{ teams: TeamView[] }>(`/api/events/${slug}/teams`);
  const team = body.teams.find((t) => t.id === teamId);
  if (!team) throw new Error("team not found");
  for (const member of team.members) {
    if (member.consent.status === "given") continue;
    await organizer.post(`/api/events/${slug}/teams/${teamId}/members/${member.id}/consent`, {
      method: "paper",
      photoConsent: false,
    });
  }
  const res = await organizer.post(`/api/events/${slug}/teams/${teamId}/check-in`);
  if (res.status !== 200) throw new Error(`check-in: ${res.status} ${JSON.stringify(res.body)}`);
}

/** A client signed in with an email and password (a team's or a judge's). */
export async function signIn(server: TestServer, credentials: { email: string; password: string }) {
  const client = new Client(server.url);
  const res = await client.post("/api/session", credentials);
  if (res.status !== 200) throw new Error(`sign-in ${credentials.email}: ${res.status}`);
  return client;
}
