import type { TeamView } from "../../shared/api";
import { buildCategory, buildEvent, buildMember, buildTeam, signInOrganizer } from "./factories";
import { Client } from "./http";
import type { TestServer } from "./server";

export const EVENT_TIMES = {
  registrationOpensAt: "2026-02-01T09:00:00Z",
  registrationClosesAt: "2026-03-10T18:00:00Z",
  startsAt: "2026-03-14T09:00:00Z",
  submissionsCloseAt: "2026-03-15T13:00:00Z",
  endsAt: "2026-03-15T17:00:00Z",
};
export const DURING_REGISTRATION = new Date("2026-03-01T12:00:00Z");
export const DURING_JUDGING = new Date("2026-03-15T14:00:00Z");

export interface Scenario {
  organizer: Client;
  categoryId: string;
  criteria: { id: string; name: string; maxScore: number }[];
  teams: {
    id: string;
    name: string;
    school: string;
    contact: { email: string; password: string };
  }[];
  /** Invites and signs in a judge (at the current server time). */
  judge(
    email: string,
    options?: { schools?: string[]; categoryIds?: string[] },
  ): Promise<{ client: Client; id: string }>;
}

/**
 * An event with one category, checked-in teams from the given schools, and the server clock
 * in the judging phase. Everything goes through the HTTP API, as users would.
 */
export async function judgingScenario(
  server: TestServer,
  schools: string[],
  slug = "hmj-2026",
): Promise<Scenario> {
  server.clock.set(DURING_REGISTRATION);
  const organizer = await signInOrganizer(server.url, server.database);
  await organizer.post("/api/events", buildEvent({ slug, ...EVENT_TIMES }));
  const cat = await organizer.post<{
    category: { id: string; criteria: { id: string; name: string; maxScore: number }[] };
  }>(
    `/api/events/${slug}/categories`,
    buildCategory({ name: "Best Game", tieBreakCriterion: "Technical" }),
  );
  const categoryId = cat.body.category.id;
  const teams: Scenario["teams"] = [];
  for (const [i, school] of schools.entries()) {
    const contact = { email: `team${i}-${slug}@example.com`, password: "team password" };
    const res = await new Client(server.url).post<{ team: TeamView }>(
      `/api/events/${slug}/teams`,
      buildTeam(categoryId, {
        name: `Team ${String.fromCharCode(65 + i)}`,
        contact,
        members: [buildMember({ school })],
      }),
    );
    const team = res.body.team;
    for (const m of team.members) {
      await organizer.post(`/api/events/${slug}/teams/${team.id}/members/${m.id}/consent`, {
        method: "paper",
        photoConsent: false,
      });
    }
    await organizer.post(`/api/events/${slug}/teams/${team.id}/check-in`);
    teams.push({ id: team.id, name: team.name, school, contact });
  }
  server.clock.set(DURING_JUDGING);
  const signedIn = await signInOrganizer(server.url, server.database);
  return {
    organizer: signedIn,
    categoryId,
    criteria: cat.body.category.criteria,
    teams,
    async judge(email, options = {}) {
      const res = await signedIn.post<{ judge: { id: string }; inviteUrl: string }>(
        `/api/events/${slug}/judges`,
        {
          name: email.split("@")[0],
          email,
          schools: options.schools ?? [],
          categoryIds: options.categoryIds ?? [categoryId],
        },
      );
      const client = new Client(server.url);
      await client.post(`/api/invites/${res.body.inviteUrl.split("/").pop()}`, {
        password: "judge password",
      });
      return { client, id: res.body.judge.id };
    },
  };
}
