/** An event made through the HTTP API for the sign-up and display browser tests. */
import { buildCategory, buildEvent, signInOrganizer } from "../helpers/factories";
import type { Client } from "../helpers/http";
import type { TestServer } from "../helpers/server";

/** A March 2026 event in London (UTC in March, before the clocks change). */
export const EVENT_TIMES = {
  registrationOpensAt: "2026-02-01T09:00:00Z",
  registrationClosesAt: "2026-03-10T18:00:00Z",
  startsAt: "2026-03-14T09:00:00Z",
  submissionsCloseAt: "2026-03-15T13:00:00Z",
  endsAt: "2026-03-15T17:00:00Z",
};

export const AT = {
  upcoming: new Date("2026-01-20T12:00:00Z"),
  registration: new Date("2026-03-01T12:00:00Z"),
  waiting: new Date("2026-03-14T06:29:30Z"),
  hacking: new Date("2026-03-15T10:46:30Z"),
  judging: new Date("2026-03-15T14:00:00Z"),
  finished: new Date("2026-03-15T18:00:00Z"),
};

export const EVENT_NAME = "Hack Manchester Junior 2026";

/**
 * Creates the event with a single-school and an any-school category and sponsors' prizes,
 * with the server's clock at registration time. Returns the organizer's API client.
 */
export async function createLiveEvent(
  server: TestServer,
  slug: string,
): Promise<{ organizer: Client; categories: Record<string, string> }> {
  server.clock.set(AT.registration);
  const organizer = await signInOrganizer(server.url, server.database);
  const created = await organizer.post(
    "/api/events",
    buildEvent({ slug, name: EVENT_NAME, venue: "Manchester Central", ...EVENT_TIMES }),
  );
  if (created.status !== 201) throw new Error(`event: ${created.status}`);
  const categories: Record<string, string> = {};
  for (const [name, singleSchool, description] of [
    ["Pre-University Challenge", true, "Build something that helps people learn."],
    ["Best Game", false, "Make a game people can't put down."],
  ] as const) {
    const res = await organizer.post<{ category: { id: string } }>(
      `/api/events/${slug}/categories`,
      buildCategory({ name, singleSchool, description }),
    );
    if (res.status !== 201) throw new Error(`category ${name}: ${res.status}`);
    categories[name] = res.body.category.id;
  }
  for (const [category, place, title, sponsor] of [
    ["Best Game", 1, "Aqua Zorbing experience day", "Aqua Zorbing Manchester"],
    ["Best Game", 2, "Group paintballing", "FARM"],
    ["Pre-University Challenge", 1, "A Raspberry Pi kit for every member", "FARM"],
  ] as const) {
    const res = await organizer.post(`/api/events/${slug}/prizes`, {
      categoryId: categories[category],
      place,
      title,
      sponsor,
    });
    if (res.status !== 201) throw new Error(`prize ${title}: ${res.status}`);
  }
  return { organizer, categories };
}
