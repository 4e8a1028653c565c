/**
 * Editing a category and its criteria: names, descriptions and order at any time; weights,
 * maximums and the list of criteria only until a judge has scored in the category. Each edit
 * names the version it was made on.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, categories, criteria } from "../../server/db/schema";
import type { CategoryView } from "../../shared/api";
import { insertCategory, insertOrganizer, insertTeam, signedIn } from "../helpers/factories";
import { judgingScenario, type Scenario } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";

type Problem = {
  type: string;
  detail: string;
  errors?: { path: string; message: string }[];
  current?: CategoryView;
};

let server: TestServer;
let s: Scenario;
const E = "/api/events/hmj-2026";

beforeAll(async () => {
  server = await startTestServer({ rateLimits: false });
});
afterAll(() => server.close());
beforeEach(async () => {
  await server.reset();
  s = await judgingScenario(server, ["Oak School", "Elm School"]);
});

const db = () => server.database.db;
const body = (overrides: Record<string, unknown> = {}) => ({
  version: 1,
  name: "Best Game",
  singleSchool: false,
  tieBreakCriterion: "Technical",
  criteria: s.criteria.map((c) => ({
    id: c.id,
    name: c.name,
    weight: (c as { weight?: number }).weight ?? 1,
    maxScore: c.maxScore,
  })),
  ...overrides,
});
const put = (b: unknown, as = s.organizer) =>
  as.request<{ category: CategoryView } & Problem>("PUT", `${E}/categories/${s.categoryId}`, b);
const stored = async () => ({
  category: (await db().select().from(categories).where(eq(categories.id, s.categoryId)))[0]!,
  criteria: await db()
    .select()
    .from(criteria)
    .where(eq(criteria.categoryId, s.categoryId))
    .orderBy(criteria.position),
});
async function scoreSomething() {
  const judge = await s.judge("ann@example.com");
  const scores = Object.fromEntries(s.criteria.map((c) => [c.id, 1]));
  const res = await judge.client.request("PUT", `/api/judging/scores/${s.teams[0]!.id}`, {
    scores,
  });
  expect(res.status).toBe(200);
}

describe("editing a category", () => {
  it("renames, reorders and reweighs before any score, bumping the version, audited", async () => {
    const [first, second, third] = body().criteria;
    const res = await put(
      body({
        name: "Best Game Ever",
        criteria: [
          { ...third!, name: "Show and tell" },
          { ...first!, weight: 5 },
          second!,
          { name: "Fun", weight: 1, maxScore: 5 },
        ],
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.category.version).toBe(2);
    expect(res.body.category.criteria.map((c) => [c.name, c.weight])).toEqual([
      ["Show and tell", third!.weight],
      ["Innovation", 5],
      ["Technical", second!.weight],
      ["Fun", 1],
    ]);
    const now = await stored();
    expect(now.category).toMatchObject({ name: "Best Game Ever", version: 2 });
    expect(now.criteria.map((c) => c.name)).toEqual([
      "Show and tell",
      "Innovation",
      "Technical",
      "Fun",
    ]);
    const audit = (await db().select().from(auditLog)).filter(
      (a) => a.action === "category.edited",
    );
    expect(audit).toHaveLength(1);
  });

  it("once a judge has scored, refuses new weights, removals and additions with 409 category-scored", async () => {
    await scoreSomething();
    const before = await stored();
    const [first, second, third] = body().criteria;
    // Each refusal names the field it is about, so the form can show it there.
    for (const [criteriaList, field] of [
      [[{ ...first!, weight: first!.weight + 1 }, second!, third!], "criteria.0.weight"],
      [[{ ...first!, maxScore: first!.maxScore + 1 }, second!, third!], "criteria.0.maxScore"],
      [[first!, second!], "criteria"],
      [[first!, second!, third!, { name: "Fun", weight: 1, maxScore: 5 }], "criteria.3.name"],
    ] as const) {
      const res = await put(body({ criteria: criteriaList }));
      expect(res.status).toBe(409);
      expect(res.body.type).toBe("/problems/category-scored");
      expect(res.body.detail).toMatch(/scores already given/);
      expect(res.body.errors?.map((e) => e.path)).toEqual([field]);
    }
    expect(await stored()).toEqual(before);
    // Names and order may still change.
    const renamed = await put(
      body({ criteria: [third!, { ...first!, name: "Originality" }, second!] }),
    );
    expect(renamed.status).toBe(200);
  });

  it("refuses a stale version with 409 row-changed and the category as it is now", async () => {
    expect((await put(body({ name: "First name" }))).status).toBe(200);
    const stale = await put(body({ name: "Second name" }));
    expect(stale.status).toBe(409);
    expect(stale.body.type).toBe("/problems/row-changed");
    expect(stale.body.current).toMatchObject({ name: "First name", version: 2 });
    expect((await stored()).category.name).toBe("First name");
  });

  it("lets one of two organizers racing on one version win: one 200, one 409", async () => {
    const second = await signedIn(
      server.url,
      db(),
      await insertOrganizer(db()),
      server.clock.now(),
    );
    const answers = await Promise.all([put(body({ name: "A" })), put(body({ name: "B" }), second)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect((await stored()).category.version).toBe(2);
  });

  it("refuses one school only while a team of the category mixes schools (400 mixed-schools)", async () => {
    const [event] = await db().select({ id: categories.eventId }).from(categories);
    await insertTeam(db(), {
      eventId: event!.id,
      categoryId: s.categoryId,
      name: "Mixed",
      members: [{ school: "Oak School" }, { school: "Elm School" }],
    });
    const before = await stored();
    const res = await put(body({ singleSchool: true }));
    expect(res.status).toBe(400);
    expect(res.body.type).toBe("/problems/mixed-schools");
    expect(res.body.detail).toMatch(/Mixed/);
    expect(await stored()).toEqual(before);
  });

  it("refuses another category's criterion (400) and another category's name (409)", async () => {
    const [event] = await db().select({ id: categories.eventId }).from(categories);
    const other = await insertCategory(db(), event!.id, { name: "Best App" });
    const before = await stored();
    const foreign = await put(
      body({ criteria: [{ ...body().criteria[0]!, id: other.criteria[0]!.id }] }),
    );
    expect(foreign.status).toBe(400);
    const taken = await put(body({ name: "best app" }));
    expect(taken.status).toBe(409);
    expect(taken.body.type).toBe("/problems/name-taken");
    expect(await stored()).toEqual(before);
  });
});
