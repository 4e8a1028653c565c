import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog } from "../../server/db/schema";
import type { EventView } from "../../shared/api";
import { buildCategory, buildEvent, signInOrganizer } from "../helpers/factories";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let organizer: Client;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  await server.reset();
  organizer = await signInOrganizer(server.url, server.database);
});

type Errors = { errors: { path: string; message: string }[] };
const paths = (body: unknown) => (body as Errors).errors.map((e) => e.path);

async function eventCount() {
  return (await organizer.get<{ events: unknown[] }>("/api/events")).body.events.length;
}

describe("POST /api/events", () => {
  it("creates an event with default team size and age limit, listed for organizers", async () => {
    const body = buildEvent({ slug: "hmj-2026", name: "Hack Manchester Junior 2026" });
    const res = await organizer.post<{ event: EventView }>("/api/events", body);
    expect(res.status).toBe(201);
    expect(res.body.event).toMatchObject({
      slug: "hmj-2026",
      name: "Hack Manchester Junior 2026",
      maxTeamSize: 4,
      maxAge: 18,
      phase: "registration",
      categories: [],
      prizes: [],
      startsAt: body.startsAt,
    });
    const list = await organizer.get<{ events: { slug: string }[] }>("/api/events");
    expect(list.body.events.map((e) => e.slug)).toEqual(["hmj-2026"]);
    const audit = await server.database.db.select().from(auditLog);
    expect(audit.map((a) => a.action)).toContain("event.created");
  });

  it("stores instants in UTC whatever offset they were sent with", async () => {
    const body = buildEvent(
      { startsAt: "2026-12-14T10:00:00+01:00" },
      new Date("2026-12-12T00:00:00Z"),
    );
    const res = await organizer.post<{ event: EventView }>("/api/events", body);
    expect(res.status).toBe(201);
    expect(res.body.event.startsAt).toBe("2026-12-14T09:00:00.000Z");
  });

  it.each([
    ["times out of order", { submissionsCloseAt: "2000-01-01T00:00:00Z" }, "submissionsCloseAt"],
    ["a wrong type", { maxTeamSize: "four" }, "maxTeamSize"],
    ["a fractional team size", { maxTeamSize: 2.5 }, "maxTeamSize"],
    ["an unknown time zone", { timezone: "Europe/Atlantis" }, "timezone"],
    ["a bad slug", { slug: "Hack Manchester!" }, "slug"],
    ["an empty name", { name: "   " }, "name"],
    ["an over-long venue", { venue: "v".repeat(201) }, "venue"],
    ["a date that does not exist", { startsAt: "2026-02-30T09:00:00Z" }, "startsAt"],
    ["an unknown key", { isAdmin: true }, "body"],
  ])(
    "refuses %s with 400 validation naming the field, creating nothing",
    async (_label, patch, path) => {
      const res = await organizer.post("/api/events", { ...buildEvent(), ...patch });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ type: "/problems/validation", status: 400 });
      expect(paths(res.body)).toContain(path);
      expect(await eventCount()).toBe(0);
    },
  );

  it("refuses a missing field", async () => {
    const { venue: _venue, ...body } = buildEvent();
    const res = await organizer.post("/api/events", body);
    expect(res.status).toBe(400);
    expect(paths(res.body)).toContain("venue");
  });

  it("refuses a slug that is taken with 409 slug-taken", async () => {
    await organizer.post("/api/events", buildEvent({ slug: "hmj-2026" }));
    const res = await organizer.post("/api/events", buildEvent({ slug: "HMJ-2026" }));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ type: "/problems/slug-taken" });
    expect(await eventCount()).toBe(1);
  });
});

describe("GET and PATCH /api/events/:slug", () => {
  it("shows the public view to anyone, with categories, criteria and prizes", async () => {
    await organizer.post("/api/events", buildEvent({ slug: "hmj-2026" }));
    const cat = await organizer.post<{ category: { id: string } }>(
      "/api/events/hmj-2026/categories",
      buildCategory({
        name: "Pre-University Challenge",
        singleSchool: true,
        tieBreakCriterion: "Technical",
      }),
    );
    await organizer.post("/api/events/hmj-2026/prizes", {
      categoryId: cat.body.category.id,
      place: 1,
      title: "Aqua Zorbing experience day",
      sponsor: "Aqua Zorbing",
    });
    const res = await new Client(server.url).get<{ event: EventView }>("/api/events/hmj-2026");
    expect(res.status).toBe(200);
    expect(res.body.event.categories).toEqual([
      expect.objectContaining({
        name: "Pre-University Challenge",
        singleSchool: true,
        tieBreakCriterion: "Technical",
        criteria: [
          expect.objectContaining({ name: "Innovation", weight: 3, maxScore: 10 }),
          expect.objectContaining({ name: "Technical", weight: 2, maxScore: 10 }),
          expect.objectContaining({ name: "Presentation", weight: 1, maxScore: 5 }),
        ],
      }),
    ]);
    expect(res.body.event.prizes).toEqual([
      expect.objectContaining({
        place: 1,
        title: "Aqua Zorbing experience day",
        sponsor: "Aqua Zorbing",
      }),
    ]);
  });

  it("answers an unknown event with 404 not-found", async () => {
    const res = await new Client(server.url).get("/api/events/nope");
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ type: "/problems/not-found" });
  });

  it("edits fields and keeps the rest", async () => {
    await organizer.post("/api/events", buildEvent({ slug: "hmj-2026", venue: "Old venue" }));
    const res = await organizer.patch<{ event: EventView }>("/api/events/hmj-2026", {
      venue: "New venue",
      maxAge: 17,
    });
    expect(res.status).toBe(200);
    expect(res.body.event).toMatchObject({ venue: "New venue", maxAge: 17, slug: "hmj-2026" });
  });

  it("refuses an edit that puts the times out of order against the stored times, changing nothing", async () => {
    const body = buildEvent({ slug: "hmj-2026" });
    await organizer.post("/api/events", body);
    const res = await organizer.patch("/api/events/hmj-2026", {
      endsAt: "2000-01-01T00:00:00Z",
      venue: "Elsewhere",
    });
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(["endsAt"]);
    const after = await organizer.get<{ event: EventView }>("/api/events/hmj-2026");
    expect(after.body.event.venue).toBe(body.venue);
    expect(after.body.event.endsAt).toBe(body.endsAt);
  });

  it.each([
    ["the slug", { slug: "new-slug" }],
    ["an empty body", {}],
    ["a null name", { name: null }],
  ])("refuses a PATCH with %s", async (_label, patch) => {
    await organizer.post("/api/events", buildEvent({ slug: "hmj-2026" }));
    const res = await organizer.patch("/api/events/hmj-2026", patch);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: "/problems/validation" });
  });
});

describe("categories and prizes", () => {
  let categoryId: string;
  beforeEach(async () => {
    await organizer.post("/api/events", buildEvent({ slug: "hmj-2026" }));
    const res = await organizer.post<{ category: { id: string } }>(
      "/api/events/hmj-2026/categories",
      buildCategory({ name: "Best Game" }),
    );
    expect(res.status).toBe(201);
    expect(res.body.category).toMatchObject({ name: "Best Game", singleSchool: false });
    categoryId = res.body.category.id;
  });

  it.each([
    ["no criteria", { criteria: [] }, "criteria"],
    [
      "a criterion with a max score of 0",
      { criteria: [{ name: "A", weight: 1, maxScore: 0 }] },
      "criteria.0.maxScore",
    ],
    ["a non-boolean single-school flag", { singleSchool: "yes" }, "singleSchool"],
    [
      "an unknown key inside a criterion",
      { criteria: [{ name: "A", weight: 1, maxScore: 5, bonus: 2 }] },
      "criteria.0",
    ],
    ["a tie-break that is not a criterion", { tieBreakCriterion: "Luck" }, "tieBreakCriterion"],
  ])("refuses a category with %s", async (_label, patch, path) => {
    const res = await organizer.post("/api/events/hmj-2026/categories", {
      ...buildCategory(),
      ...patch,
    });
    expect(res.status).toBe(400);
    expect(paths(res.body)).toContain(path);
    const event = await organizer.get<{ event: EventView }>("/api/events/hmj-2026");
    expect(event.body.event.categories).toHaveLength(1);
  });

  it("refuses a second category with the same name, ignoring case, with 409 name-taken", async () => {
    const res = await organizer.post(
      "/api/events/hmj-2026/categories",
      buildCategory({ name: "best game" }),
    );
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ type: "/problems/name-taken" });
  });

  it("refuses a category for an unknown event with 404", async () => {
    const res = await organizer.post("/api/events/nope/categories", buildCategory());
    expect(res.status).toBe(404);
  });

  it("adds prizes per place and refuses a second prize for the same place with 409 place-taken", async () => {
    const first = await organizer.post("/api/events/hmj-2026/prizes", {
      categoryId,
      place: 1,
      title: "Paintballing",
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      prize: { categoryId, place: 1, title: "Paintballing", sponsor: null },
    });
    const dup = await organizer.post("/api/events/hmj-2026/prizes", {
      categoryId,
      place: 1,
      title: "Another",
    });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ type: "/problems/place-taken" });
  });

  it.each([
    [
      "a category of another event",
      async () => ({ categoryId: await otherEventCategory(), place: 1, title: "X" }),
      "categoryId",
    ],
    ["a place of 0", async () => ({ categoryId, place: 0, title: "X" }), "place"],
    [
      "a malformed category id",
      async () => ({ categoryId: "123", place: 1, title: "X" }),
      "categoryId",
    ],
    ["no title", async () => ({ categoryId, place: 1 }), "title"],
  ])("refuses a prize with %s", async (_label, build, path) => {
    const res = await organizer.post("/api/events/hmj-2026/prizes", await build());
    expect(res.status).toBe(400);
    expect(paths(res.body)).toContain(path);
  });

  it("deletes a prize and a category", async () => {
    const prize = await organizer.post<{ prize: { id: string } }>("/api/events/hmj-2026/prizes", {
      categoryId,
      place: 2,
      title: "Books",
    });
    expect(
      (await organizer.delete(`/api/events/hmj-2026/prizes/${prize.body.prize.id}`)).status,
    ).toBe(204);
    expect((await organizer.delete(`/api/events/hmj-2026/categories/${categoryId}`)).status).toBe(
      204,
    );
    const event = await organizer.get<{ event: EventView }>("/api/events/hmj-2026");
    expect(event.body.event.categories).toEqual([]);
    expect((await organizer.delete(`/api/events/hmj-2026/categories/${categoryId}`)).status).toBe(
      404,
    );
  });
});

async function otherEventCategory(): Promise<string> {
  await organizer.post("/api/events", buildEvent({ slug: "other-event" }));
  const res = await organizer.post<{ category: { id: string } }>(
    "/api/events/other-event/categories",
    buildCategory(),
  );
  return res.body.category.id;
}
