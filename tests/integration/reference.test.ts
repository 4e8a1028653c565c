import { randomUUID } from "node:crypto";
import { request } from "node:http";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../server/lib/logger";
import { responseChecker } from "../../server/routes/reference/check";
import { isPublic, ROUTES, type RouteDoc } from "../../server/routes/reference/registry";
import {
  buildCategory,
  buildEvent,
  buildMember,
  buildTeam,
  insertCategory,
  insertEvent,
  insertJudge,
  insertOrganizer,
  insertTeacher,
  insertTeam,
  signedIn,
} from "../helpers/factories";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let slug: string;
let signIn: Record<"organizer" | "judge" | "team" | "teacher", () => Promise<Client>>;

beforeAll(async () => {
  server = await startTestServer();
  const db = server.database.db;
  const event = await insertEvent(db);
  slug = event.slug;
  const category = await insertCategory(db, event.id);
  const team = await insertTeam(db, { eventId: event.id, categoryId: category.id });
  const judge = await insertJudge(db, { eventId: event.id, categoryIds: [category.id] });
  const organizerId = await insertOrganizer(db);
  // A fresh session for every request: one of the probes signs out.
  const as = (userId: string) => () => signedIn(server.url, db, userId, new Date());
  const teacher = await insertTeacher(db, { eventId: event.id, school: "Oak School" });
  signIn = {
    organizer: as(organizerId),
    judge: as(judge.userId),
    team: as(team.userId),
    teacher: as(teacher.userId),
  };
});
afterAll(() => server.close());

interface OpenApi {
  openapi: string;
  servers: { url: string }[];
  components: { securitySchemes: Record<string, { type: string; in: string; name: string }> };
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        security: Record<string, string[]>[];
        requestBody?: {
          content: {
            "application/json": {
              schema: { properties?: Record<string, unknown>; required?: string[] };
            };
          };
        };
        responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
      }
    >
  >;
}

async function reference(): Promise<OpenApi> {
  return (await new Client(server.url).get<OpenApi>("/api/openapi.json")).body;
}

/** A body each route with one accepts, so that only the unknown id is wrong. */
const VALID_BODIES: Record<string, () => unknown> = {
  signIn: () => ({ email: "nobody@example.com", password: "wrong password" }),
  completeSetup: () => ({
    token: "not-a-token",
    name: "Sam",
    email: "sam@example.com",
    password: "long enough",
  }),
  createEvent: () => buildEvent(),
  updateEvent: () => ({ venue: "Somewhere else" }),
  createCategory: () => buildCategory(),
  editCategory: () => ({ version: 1, ...buildCategory() }),
  editPrize: () => ({ version: 1, title: "Robot kit" }),
  renameSchool: () => ({ version: 1, name: "Trinity High School" }),
  mergeSchool: () => ({ intoId: randomUUID() }),
  setRankingMode: () => ({ normalized: true }),
  createPrize: () => ({ categoryId: randomUUID(), place: 1, title: "Robot kit" }),
  inviteJudge: () => ({
    name: "Jo",
    email: `jo-${randomUUID()}@example.com`,
    schools: [],
    categoryIds: [randomUUID()],
  }),
  inviteTeacher: () => ({
    name: "Mr Birch",
    email: `birch-${randomUUID()}@example.com`,
    school: "Oak School",
  }),
  editJudge: () => ({
    version: 1,
    name: "Jo",
    email: `jo-${randomUUID()}@example.com`,
    schools: [],
    categoryIds: [randomUUID()],
  }),
  setAssignments: () => ({ teamIds: [] }),
  setPanelSize: () => ({ judgesPerTeam: 3 }),
  acceptInvite: () => ({ password: "long enough" }),
  requestTeacherAccount: () => ({
    name: "Ms Rowan",
    email: `rowan-${randomUUID()}@example.com`,
    phone: "0161 496 0001",
    school: "Oak School",
    password: "long enough",
  }),
  decideTeacherRequest: () => ({ decision: "approve" }),
  checkInSchoolTeams: () => ({}),
  movePupil: () => ({ teamId: randomUUID() }),
  registerSchoolTeams: () => {
    const { members, ...team } = buildTeam(randomUUID());
    return { teams: [{ ...team, members: members.map(({ school: _, ...pupil }) => pupil) }] };
  },
  adjustClock: () => ({ action: "pause" }),
  postAnnouncement: () => ({ text: "Pizza is here", audience: "teachers" }),
  registerTeam: () => buildTeam(randomUUID()),
  recordPaperConsent: () => ({ method: "paper", photoConsent: false }),
  addMember: () => buildMember(),
  answerConsent: () => ({ guardianName: "Pat", consent: true, photoConsent: false }),
  saveMySubmission: () => ({ title: "RevisionBuddy", summary: "Flashcards that quiz you." }),
  withdrawSubmission: () => ({ version: 1 }),
  editTeam: () => ({ version: 1, name: "Renamed" }),
  editMember: () => ({ version: 1, firstName: "Ada" }),
  editMyMember: () => ({ version: 1, firstName: "Ada" }),
  requestPasswordReset: () => ({ email: "nobody@example.com" }),
  completePasswordReset: () => ({ password: "long enough" }),
  saveScores: () => ({ scores: {} }),
  setCeremonyScreen: () => ({ start: true }),
  decideTie: () => ({ teamId: randomUUID() }),
  pressStage: () => ({ action: "stop" }),
  setPresentationOrder: () => ({ talkSeconds: 120 }),
  changeSlot: () => ({ skipped: true }),
  scanCheckInCode: () => ({ code: "m.not-a-code" }),
  checkInMembers: () => ({ teamId: randomUUID(), via: "scan" }),
  checkOutMembers: () => ({ teamId: randomUUID() }),
  setTableNumber: () => ({ tableNumber: "12" }),
  releaseFeedback: () => ({ categoryId: randomUUID() }),
  moderateComment: () => ({
    teamId: randomUUID(),
    judgeId: randomUUID(),
    criterionId: null,
    version: 0,
    hidden: true,
  }),
  setLinkBase: () => ({ base: "http://192.168.1.20:3000" }),
};

/** Where an unknown id is not what the route looks at first, in this test's world. */
const UNKNOWN_ID_ANSWERS: Record<string, number> = {
  // Once an organizer exists, the set-up link answers 410 setup-done whatever the token.
  checkSetupLink: 410,
  // Ties are decided on locked results: before the lock any award answers scoring-not-locked.
  decideTie: 409,
};

/** The route's path with every parameter naming nothing; the event's slug kept unless it is the only one. */
function unknownPath(route: RouteDoc): string {
  const onlySlug = route.path.match(/\{\w+\}/g)?.length === 1;
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === "slug"
      ? onlySlug
        ? "no-such-event"
        : slug
      : name === "token"
        ? "no-such-token"
        : randomUUID(),
  );
}

/** The status of a request sent with this Host header (fetch does not let a test set it). */
function statusForHost(method: string, pathname: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${pathname}`, { method, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on("error", reject);
    req.end();
  });
}

async function caller(route: RouteDoc): Promise<Client> {
  switch (route.who) {
    case "anyone":
    case "link holder":
      return new Client(server.url);
    case "judge":
      return signIn.judge();
    case "team":
      return signIn.team();
    case "teacher":
      return signIn.teacher();
    default:
      return signIn.organizer();
  }
}

describe("API reference", () => {
  it("documents every route the app serves, and only those", () => {
    const documented = ROUTES.map((r) => `${r.method} ${r.path}`).sort();
    expect(server.app.routes()).toEqual(documented);
  });

  it("serves an OpenAPI 3.1 document with request and response bodies from the zod schemas", async () => {
    const doc = await reference();
    expect(doc.openapi).toBe("3.1.0");
    const teamBody =
      doc.paths["/api/events/{slug}/teams"]!.post!.requestBody!.content["application/json"].schema;
    expect(Object.keys(teamBody.properties ?? {})).toEqual([
      "name",
      "categoryId",
      "contact",
      "members",
    ]);
    expect(teamBody.required).toEqual(["name", "categoryId", "contact", "members"]);
    const operations = Object.entries(doc.paths).flatMap(([p, methods]) =>
      Object.entries(methods).map(([m, op]) => ({ key: `${m.toUpperCase()} ${p}`, op })),
    );
    expect(operations).toHaveLength(ROUTES.length);
    expect(new Set(operations.map((o) => o.op.operationId)).size).toBe(ROUTES.length);
    const event = doc.paths["/api/events/{slug}"]!.get!.responses["200"]!;
    expect(event.content?.["application/json"]?.schema.$ref).toBe(
      "#/components/schemas/GetEventResponse",
    );
    // Every JSON answer is described: routes without a body answer 204 or another media type.
    for (const route of ROUTES)
      expect(route.response || route.mediaType || route.success === 204).toBeTruthy();
  });

  it("declares the session cookie, each operation's security and this server", async () => {
    const doc = await reference();
    expect(doc.components.securitySchemes.session).toEqual(
      expect.objectContaining({ type: "apiKey", in: "cookie", name: "hmj_session" }),
    );
    for (const route of ROUTES) {
      const op = doc.paths[route.path]![route.method.toLowerCase()]!;
      expect(op.security, route.id).toEqual(isPublic(route) ? [] : [{ session: [] }]);
    }
    expect(doc.servers).toEqual([{ url: server.url, description: "This server" }]);
  });

  it("documents what each route answers an unknown id, a bad body, no session and another Host", async () => {
    const doc = await reference();
    const undocumented: string[] = [];
    /** Records an answer the reference does not list, or not the one the probe should get. */
    const check = (route: RouteDoc, probe: string, status: number, wanted: number) => {
      const documented = Object.keys(doc.paths[route.path]![route.method.toLowerCase()]!.responses);
      if (!documented.includes(String(status)) || status !== wanted)
        undocumented.push(`${route.method} ${route.path} ${probe}: ${status}`);
    };
    for (const route of ROUTES) {
      const valid = VALID_BODIES[route.id];
      const body = route.body ? valid?.() : undefined;
      if (route.body && !valid) undocumented.push(`${route.id}: no valid body in this test`);
      const known = route.path.replace("{slug}", slug);

      if (route.path.includes("{")) {
        const res = await (await caller(route)).request(route.method, unknownPath(route), body);
        check(route, "unknown id", res.status, UNKNOWN_ID_ANSWERS[route.id] ?? 404);
      }
      if (route.body) {
        const res = await (await caller(route)).request(
          route.method,
          unknownPath(route).replace("no-such-event", slug),
          {
            unexpected: true,
          },
        );
        check(route, "bad body", res.status, 400);
      }
      if (!isPublic(route)) {
        const res = await new Client(server.url).request(route.method, known, body);
        check(route, "no session", res.status, 401);
      }
      check(route, "unknown Host", await statusForHost(route.method, known, "evil.example"), 421);
    }
    expect(undocumented).toEqual([]);
  }, 60_000);

  it("serves a readable reference page that loads nothing from elsewhere", async () => {
    const res = await fetch(`${server.url}/api/docs`);
    const html = await res.text();
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(html).toContain("PUT</code></td><td><code>/api/judging/scores/{teamId}");
    expect(html).not.toMatch(/<script|(src|href)="https?:/);
    expect((await fetch(`${server.url}/api/docs.css`)).status).toBe(200);
  });
});

describe("checking answers against the reference", () => {
  it("answers 500, naming what differs, when a route's answer does not match its schema", async () => {
    const app = express();
    const checker = responseChecker(createLogger("silent"));
    app.use(checker.check);
    app.use(
      "/api/health",
      checker.at("/health"),
      express.Router().get("/", (_req, res) => {
        res.json({ status: "ok", db: "sqlite", extra: 1 });
      }),
    );
    const listening = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => listening.once("listening", resolve));
    try {
      const { port } = listening.address() as { port: number };
      const res = await new Client(`http://127.0.0.1:${port}`).get<{ detail: string }>(
        "/api/health",
      );
      expect(res.status).toBe(500);
      expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
      expect(res.body.detail).toContain("GET /api/health does not match the API reference");
      expect(res.body.detail).toMatch(/db: .*; body: Unrecognized key: "extra"/);
    } finally {
      listening.close();
    }
  });
});
