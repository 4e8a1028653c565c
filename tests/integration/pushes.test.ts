import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TeamView } from "../../shared/api";
import type { ServerToClientEvents } from "../../shared/events";
import { buildMember, buildTeam } from "../helpers/factories";
import { consentLinkFor, tokenOf } from "../helpers/guardians";
import { Client } from "../helpers/http";
import {
  DURING_JUDGING,
  DURING_REGISTRATION,
  judgingScenario,
  type Scenario,
} from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";
import { socketPool, type TestSocket } from "../helpers/sockets";

// Pushes follow from writes: each fact a page shows reaches, without a reload, the socket of
// every role that shows it, and no other. One test per fact.
let server: TestServer;
let s: Scenario;
const sockets = socketPool(() => server.url);
const E = "/api/events/hmj-2026";

beforeAll(async () => {
  server = await startTestServer({ rateLimits: false });
});
afterAll(() => server.close());
afterEach(() => sockets.closeAll());
beforeEach(async () => {
  await server.reset();
  s = await judgingScenario(server, ["Oak School", "Elm School"]);
});

type Name = keyof ServerToClientEvents;

/** A screen of one role, noting every event it hears. */
function screen(cookie: string | null) {
  const socket: TestSocket = sockets.connect(cookie);
  const heard: { event: Name; args: unknown[] }[] = [];
  socket.onAny((event: Name, ...args: unknown[]) => heard.push({ event, args }));
  const ready = new Promise((resolve) => socket.once("stage", resolve));
  return { socket, heard, ready };
}

/** The screens of every role, snapshots received. */
async function screens() {
  const judge = await s.judge("ann@example.com");
  const teamClient = new Client(server.url);
  await teamClient.post("/api/session", s.teams[0]!.contact);
  const all = {
    display: screen(null),
    team: screen(teamClient.cookieValue),
    judge: screen(judge.client.cookieValue),
    organizer: screen(s.organizer.cookieValue),
  };
  await Promise.all(Object.values(all).map((x) => x.ready));
  for (const x of Object.values(all)) x.heard.length = 0;
  return { ...all, judgeClient: judge.client, teamClient };
}

/** What each screen heard after `action`, up to a sentinel every screen hears after it. */
async function heardAfter(
  all: Awaited<ReturnType<typeof screens>>,
  action: () => Promise<unknown>,
) {
  const roles = ["display", "team", "judge", "organizer"] as const;
  await action();
  // Pushes go out in the order of their writes: a sentinel announcement arrives after every
  // push the action caused.
  const heard = Promise.all(
    roles.map((r) => new Promise((resolve) => all[r].socket.once("announcement", resolve))),
  );
  await s.organizer.post(`${E}/announcements`, { text: "Sentinel" });
  await heard;
  return Object.fromEntries(
    roles.map((r) => [r, all[r].heard.map((h) => h.event).filter((e) => e !== "announcement")]),
  ) as Record<(typeof roles)[number], Name[]>;
}

describe("pushes that follow from writes", () => {
  it("a guardian's answer reaches the team's pages and the organizers' list, and no one else", async () => {
    const all = await screens();
    server.clock.set(DURING_REGISTRATION);
    const added = await all.teamClient.post<{ member: { id: string } }>(
      "/api/teams/me/members",
      buildMember({ school: "Oak School" }),
    );
    expect(added.status).toBe(201);
    server.clock.set(DURING_JUDGING);
    const link = await consentLinkFor(s.organizer, "hmj-2026", added.body.member.id);
    const heard = await heardAfter(all, () =>
      new Client(server.url).post(`/api/consent/${tokenOf(link)}`, {
        guardianName: "Pat Lovelace",
        consent: true,
        photoConsent: false,
      }),
    );
    expect(heard.team).toContain("team:changed");
    expect(heard.organizer).toEqual(expect.arrayContaining(["teams:changed", "outbox:changed"]));
    expect(heard.display).toEqual([]);
    expect(heard.judge).toEqual([]);
  });

  it("paper consent and a check-in reach the team, the organizers, the judges and the stage", async () => {
    const all = await screens();
    server.clock.set(DURING_REGISTRATION);
    const res = await new Client(server.url).post<{ team: TeamView }>(
      `${E}/teams`,
      buildTeam(s.categoryId, {
        name: "Late Team",
        members: [buildMember({ school: "Ash School" })],
      }),
    );
    server.clock.set(DURING_JUDGING);
    const late = res.body.team;
    const paper = await heardAfter(all, () =>
      s.organizer.post(`${E}/teams/${late.id}/members/${late.members[0]!.id}/consent`, {
        method: "paper",
        photoConsent: false,
      }),
    );
    expect(paper.organizer).toContain("teams:changed");
    const checkIn = await heardAfter(all, () => s.organizer.post(`${E}/teams/${late.id}/check-in`));
    expect(checkIn.organizer).toEqual(
      expect.arrayContaining(["teams:changed", "judging:progress:change", "stage"]),
    );
    expect(checkIn.judge).toEqual(expect.arrayContaining(["assignments:changed", "stage"]));
    expect(checkIn.display).toEqual(["stage"]);
    // The team's own screen belongs to another team: it hears the stage only.
    expect(checkIn.team).toEqual(["stage"]);
  });

  it("a project handed in reaches the count, the stage, the team and the judges' lists", async () => {
    const all = await screens();
    server.clock.set(new Date("2026-03-14T12:00:00Z"));
    const heard = await heardAfter(all, () =>
      all.teamClient.request("PUT", "/api/teams/me/submission", {
        title: "RevisionBuddy",
        summary: "Helps you revise.",
      }),
    );
    for (const role of ["display", "team", "judge", "organizer"] as const)
      expect(heard[role]).toEqual(expect.arrayContaining(["submissions:count", "stage"]));
    expect(heard.team).toContain("team:changed");
    expect(heard.judge).toContain("assignments:changed");
    expect(heard.organizer).toContain("teams:changed");
    expect(heard.display).not.toContain("team:changed");
  });

  it("the lock reaches the judges' pages and the organizers' views", async () => {
    const all = await screens();
    const heard = await heardAfter(all, () => s.organizer.post(`${E}/scoring/lock`));
    expect(heard.judge).toContain("assignments:changed");
    expect(heard.organizer).toEqual(expect.arrayContaining(["leaderboard:change"]));
    // Every screen learns how many awards the ceremony will give; nothing about scores.
    expect(heard.team).toEqual(["ceremony:state"]);
    expect(heard.display).toEqual(["ceremony:state"]);
  });

  it("a new member reaches the team's pages and the organizers' list", async () => {
    const all = await screens();
    server.clock.set(DURING_REGISTRATION);
    const heard = await heardAfter(all, () =>
      all.teamClient.post("/api/teams/me/members", buildMember({ school: "Oak School" })),
    );
    expect(heard.team).toContain("team:changed");
    expect(heard.organizer).toEqual(expect.arrayContaining(["teams:changed", "outbox:changed"]));
    expect(heard.display).toEqual([]);
    expect(heard.judge).toEqual([]);
  });
});

describe("the organizers' list follows a change", () => {
  it("reads the one team that changed, as the list shows it, for organizers only", async () => {
    const all = await screens();
    const teamId = s.teams[0]!.id;
    const list = await s.organizer.get<{ teams: TeamView[] }>(`${E}/teams`);
    const one = await s.organizer.get<{ team: TeamView }>(`${E}/teams/${teamId}`);
    expect(one.status).toBe(200);
    expect(one.body.team).toEqual(list.body.teams.find((t) => t.id === teamId));
    // Children's data goes to organizers alone.
    expect((await all.teamClient.get(`${E}/teams/${teamId}`)).status).toBe(403);
    expect((await all.judgeClient.get(`${E}/teams/${teamId}`)).status).toBe(403);
    expect((await new Client(server.url).get(`${E}/teams/${teamId}`)).status).toBe(401);
  });

  it("answers 404 for an unknown team, a malformed id, and another event's team", async () => {
    const other = await judgingScenario(server, ["Yew School"], "other-2026");
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-an-id", other.teams[0]!.id]) {
      const res = await s.organizer.get<{ type: string }>(`${E}/teams/${id}`);
      expect(res.status, id).toBe(404);
      expect(res.body.type).toBe("/problems/not-found");
    }
  });
});
