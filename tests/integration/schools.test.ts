/**
 * Schools as one entity of the event: typed names join a school through its spellings, a new
 * one makes one school even when two sign-ups race, and organizers rename (versioned) and
 * merge schools, with judges' conflicts of interest following the merge.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  auditLog,
  judgeAssignments,
  judgeSchools,
  members,
  schoolKeys,
  schools,
} from "../../server/db/schema";
import type { SchoolOption, SchoolView, TeamView } from "../../shared/api";
import {
  buildMember,
  buildTeam,
  insertCategory,
  insertJudge,
  insertOrganizer,
  insertTeam,
  signedIn,
} from "../helpers/factories";
import { Client } from "../helpers/http";
import { DURING_REGISTRATION, registrationEvent } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";

type Problem = { type: string; detail: string; current?: SchoolView; schoolId?: string };

let server: TestServer;
let organizer: Client;
let eventId: string;
let categoryId: string;
let singleId: string;
const E = "/api/events/hmj-2026";

beforeAll(async () => {
  server = await startTestServer({ rateLimits: false });
});
afterAll(() => server.close());
beforeEach(async () => {
  const { db, event } = await registrationEvent(server);
  eventId = event.id;
  categoryId = (await insertCategory(db, eventId, { name: "Best Game", singleSchool: false })).id;
  singleId = (
    await insertCategory(db, eventId, { name: "Pre-University Challenge", singleSchool: true })
  ).id;
  organizer = await signedIn(server.url, db, await insertOrganizer(db), DURING_REGISTRATION);
});

const db = () => server.database.db;
const summary = async () =>
  (await organizer.get<{ schools: SchoolView[] }>(`${E}/schools/summary`)).body.schools;
const idOf = async (name: string) => (await summary()).find((s) => s.name === name)!.id;
const storedSchools = () => db().select().from(schools).orderBy(schools.name);
const rename = (id: string, body: unknown) =>
  organizer.request<SchoolView & Problem & { school: SchoolView }>(
    "PATCH",
    `${E}/schools/${id}`,
    body,
  );
const merge = (id: string, intoId: string) =>
  organizer.post<{ school: SchoolView } & Problem>(`${E}/schools/${id}/merge`, { intoId });

describe("joining a school", () => {
  it("puts spellings of one school in one school and lists it once, with its id", async () => {
    const signUp = (schoolNames: string[], name: string) =>
      new Client(server.url).post(
        `${E}/teams`,
        buildTeam(categoryId, {
          name,
          members: schoolNames.map((school) => buildMember({ school })),
        }),
      );
    expect(
      (await signUp(["St Mary's High School", "ST. MARYS HIGH SCHOOL"], "Byte Club")).status,
    ).toBe(201);
    expect(
      (await signUp(["Saint Marys High School", "Oakwood Academy"], "Pixel Pals")).status,
    ).toBe(201);
    const res = await new Client(server.url).get<{ schools: SchoolOption[] }>(`${E}/schools`);
    expect(res.status).toBe(200);
    expect(res.body.schools.map((s) => s.name)).toEqual([
      "Oakwood Academy",
      "St Mary's High School",
    ]);
    expect((await storedSchools()).map((s) => s.name)).toEqual([
      "Oakwood Academy",
      "St Mary's High School",
    ]);
    const counts = await summary();
    expect(counts.find((s) => s.name === "St Mary's High School")).toMatchObject({
      members: 3,
      teams: 2,
      judges: 0,
    });
  });

  it("makes one school when two sign-ups with two new spellings of it race", async () => {
    const spellings = ["Xaverian College", "xaverian   college!"];
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(
        spellings.map((school, i) =>
          new Client(server.url).post(
            `${E}/teams`,
            buildTeam(categoryId, {
              name: `Race ${round}-${i}`,
              members: [buildMember({ school: `${school} ${round}` })],
            }),
          ),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual([201, 201]);
      const made = (await storedSchools()).filter((s) => s.name.endsWith(` ${round}`));
      expect(made).toHaveLength(1);
      const rows = await db().select().from(members).where(eq(members.schoolId, made[0]!.id));
      expect(rows).toHaveLength(2);
    }
  });

  it("refuses a school name without a letter or digit, storing nothing", async () => {
    const res = await new Client(server.url).post<Problem>(
      `${E}/teams`,
      buildTeam(categoryId, { members: [buildMember({ school: "!!!" })] }),
    );
    expect(res.status).toBe(400);
    expect(res.body.type).toBe("/problems/validation");
    expect(await storedSchools()).toEqual([]);
  });

  it("counts merged spellings as one school for a single-school category", async () => {
    await insertTeam(db(), {
      eventId,
      categoryId,
      members: [{ school: "Trinity CE High" }, { school: "Trinity Church of England High" }],
    });
    // Two schools so far: a single-school team of both spellings is refused.
    const mixed = () =>
      new Client(server.url).post<Problem>(
        `${E}/teams`,
        buildTeam(singleId, {
          name: "Trinity Two",
          members: [
            buildMember({ school: "Trinity CE High" }),
            buildMember({ school: "Trinity Church of England High" }),
          ],
        }),
      );
    const refused = await mixed();
    expect(refused.status).toBe(400);
    expect(refused.body.type).toBe("/problems/mixed-schools");
    expect(
      (await merge(await idOf("Trinity Church of England High"), await idOf("Trinity CE High")))
        .status,
    ).toBe(200);
    expect((await mixed()).status).toBe(201);
  });
});

describe("renaming a school", () => {
  beforeEach(async () => {
    await insertTeam(db(), {
      eventId,
      categoryId,
      members: [{ school: "st marys rc high" }, { school: "Oakwood Academy" }],
    });
  });

  it("renames it everywhere, audits who, old and new, and adds the spelling", async () => {
    const id = await idOf("st marys rc high");
    const res = await rename(id, { name: "St Mary's RC High School", version: 1 });
    expect(res.status).toBe(200);
    expect(res.body.school).toMatchObject({ id, name: "St Mary's RC High School", version: 2 });
    const team = (await organizer.get<{ teams: TeamView[] }>(`${E}/teams`)).body.teams[0]!;
    expect(team.members.map((m) => m.school).sort()).toEqual([
      "Oakwood Academy",
      "St Mary's RC High School",
    ]);
    const keys = await db().select().from(schoolKeys).where(eq(schoolKeys.schoolId, id));
    expect(keys.map((k) => k.key).sort()).toEqual(["st marys rc high", "st marys rc high school"]);
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, "school.renamed"));
    expect(entry?.actorId).not.toBeNull();
    expect(entry?.details).toEqual({
      schoolId: id,
      old: { name: "st marys rc high" },
      new: { name: "St Mary's RC High School" },
    });
  });

  it("refuses a stale version with 409 and the school as it is now", async () => {
    const id = await idOf("st marys rc high");
    expect((await rename(id, { name: "St Mary's", version: 1 })).status).toBe(200);
    const stale = await rename(id, { name: "St Marys RC", version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toBe("/problems/row-changed");
    expect(stale.body.current).toMatchObject({ id, name: "St Mary's", version: 2 });
    expect((await storedSchools()).map((s) => s.name)).toEqual(["Oakwood Academy", "St Mary's"]);
  });

  it("refuses an empty name or one with control characters with 400, changing nothing", async () => {
    const id = await idOf("st marys rc high");
    for (const name of ["", "   ", "St Mary\u0007s", "..."]) {
      const res = await rename(id, { name, version: 1 });
      expect(res.status).toBe(400);
      expect(res.body.type).toBe("/problems/validation");
    }
    expect((await storedSchools()).map((s) => [s.name, s.version])).toEqual([
      ["Oakwood Academy", 1],
      ["st marys rc high", 1],
    ]);
  });

  it("refuses a name that is another school's spelling with 409, saying to merge", async () => {
    const id = await idOf("st marys rc high");
    const oak = await idOf("Oakwood Academy");
    const res = await rename(id, { name: "OAKWOOD academy", version: 1 });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/problems/name-taken");
    expect(res.body.detail).toContain("merge");
    expect(res.body.schoolId).toBe(oak);
    expect((await storedSchools()).map((s) => [s.name, s.version])).toEqual([
      ["Oakwood Academy", 1],
      ["st marys rc high", 1],
    ]);
  });

  it("answers an unknown school with 404 and a stranger with 401", async () => {
    const unknown = await rename("00000000-0000-4000-8000-000000000000", {
      name: "Somewhere",
      version: 1,
    });
    expect(unknown.status).toBe(404);
    const id = await idOf("st marys rc high");
    const stranger = await new Client(server.url).request("PATCH", `${E}/schools/${id}`, {
      name: "Somewhere",
      version: 1,
    });
    expect(stranger.status).toBe(401);
    expect((await storedSchools()).map((s) => s.name)).toContain("st marys rc high");
  });
});

describe("merging schools", () => {
  it("moves spellings, members and declarations, deletes the merged school, and audits", async () => {
    await insertTeam(db(), {
      eventId,
      categoryId,
      members: [{ school: "St Mary's RC High School" }, { school: "St Marys R.C. High" }],
    });
    const judge = await insertJudge(db(), {
      eventId,
      categoryIds: [categoryId],
      schools: ["St Marys R.C. High"],
    });
    const from = await idOf("St Marys R.C. High");
    const into = await idOf("St Mary's RC High School");
    const res = await merge(from, into);
    expect(res.status).toBe(200);
    expect(res.body.school).toMatchObject({ id: into, name: "St Mary's RC High School" });
    expect((await storedSchools()).map((s) => s.id)).toEqual([into]);
    expect((await db().select().from(schoolKeys)).map((k) => [k.key, k.schoolId]).sort()).toEqual([
      ["st marys r c high", into],
      ["st marys rc high school", into],
    ]);
    expect((await db().select().from(members)).every((m) => m.schoolId === into)).toBe(true);
    expect(await db().select().from(judgeSchools)).toEqual([{ judgeId: judge.id, schoolId: into }]);
    // The old spelling still finds the school that stayed.
    const later = await new Client(server.url).post(
      `${E}/teams`,
      buildTeam(categoryId, {
        name: "Later",
        members: [buildMember({ school: "st marys r.c. high" })],
      }),
    );
    expect(later.status).toBe(201);
    expect((await storedSchools()).map((s) => s.id)).toEqual([into]);
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, "school.merged"));
    expect(entry?.details).toMatchObject({
      old: { id: from, name: "St Marys R.C. High" },
      new: { id: into, name: "St Mary's RC High School" },
    });
  });

  it("refuses merging a school into itself with 400 and unknown schools with 404", async () => {
    await insertTeam(db(), { eventId, categoryId, members: [{ school: "Oakwood Academy" }] });
    const oak = await idOf("Oakwood Academy");
    const itself = await merge(oak, oak);
    expect(itself.status).toBe(400);
    expect(itself.body.type).toBe("/problems/validation");
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await merge(oak, unknown)).status).toBe(404);
    expect((await merge(unknown, oak)).status).toBe(404);
    expect((await storedSchools()).map((s) => s.id)).toEqual([oak]);
  });

  it("takes a judge off a team that is now of their declared school, and nothing else", async () => {
    const teamA = await insertTeam(db(), {
      eventId,
      categoryId,
      name: "Team A",
      members: [{ school: "Loreto College" }],
    });
    const teamB = await insertTeam(db(), {
      eventId,
      categoryId,
      name: "Team B",
      members: [{ school: "Oakwood Academy" }],
    });
    const june = await insertJudge(db(), {
      eventId,
      categoryIds: [categoryId],
      schools: ["Loreto Sixth Form"],
    });
    const seatsOf = async (judgeId: string) =>
      (await db().select().from(judgeAssignments).where(eq(judgeAssignments.judgeId, judgeId)))
        .map((a) => a.teamId)
        .sort();
    await db()
      .insert(judgeAssignments)
      .values([
        { judgeId: june.id, teamId: teamA.id, source: "manual", createdAt: new Date() },
        { judgeId: june.id, teamId: teamB.id, source: "manual", createdAt: new Date() },
      ])
      .onConflictDoNothing();
    expect(await seatsOf(june.id)).toEqual([teamA.id, teamB.id].sort());
    const res = await merge(await idOf("Loreto Sixth Form"), await idOf("Loreto College"));
    expect(res.status).toBe(200);
    expect(await seatsOf(june.id)).toEqual([teamB.id]);
    const still = await db()
      .select()
      .from(judgeAssignments)
      .where(and(eq(judgeAssignments.judgeId, june.id), eq(judgeAssignments.teamId, teamB.id)));
    expect(still).toHaveLength(1);
  });
});
