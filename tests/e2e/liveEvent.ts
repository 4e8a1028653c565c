/**
 * Events made through the HTTP API for the browser tests, as users would make them: the
 * sign-up and display tests' event (`createLiveEvent`), and builders that take an event from
 * registration to judging step by step (teams checked in, projects handed in, judges signed
 * in, scores saved, scoring locked), so a test's setup reads as its scenario.
 */
import type { CategoryCreateInput } from "../../shared/schemas/event";
import type { ScoreSave } from "../../shared/schemas/judging";
import type { SubmissionSaveInput } from "../../shared/schemas/submission";
import { buildCategory, buildEvent, signInOrganizer } from "../helpers/factories";
import { Client } from "../helpers/http";
import type { TestServer } from "../helpers/server";
import { type Criterion, checkIn, createEvent, registerTeam, signIn } from "./eventSetup";

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
  /** Saturday midday: the builders hand projects in at this time. */
  handingIn: new Date("2026-03-14T12:00:00Z"),
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

/** An event being built: its server, its slug, and a client signed in as its organizer. */
export interface EventBuild {
  server: TestServer;
  slug: string;
  organizer: Client;
}

/** A team the builders registered: its id, its name and its contact's sign-in. */
export interface CheckedInTeam {
  id: string;
  name: string;
  contact: { email: string; password: string };
}

export interface JudgeAccount {
  name: string;
  email: string;
  password: string;
}

/**
 * Creates the event with one category, Best Game (Innovation, Technical, Presentation; ties
 * broken on Technical), with the server's clock at registration time.
 */
export async function createEventWithBestGame(
  server: TestServer,
  slug: string,
): Promise<EventBuild & { categoryId: string; criteria: Criterion[] }> {
  const { organizer, categoryId, criteria } = await createEvent(server, slug);
  return { server, slug, organizer, categoryId, criteria };
}

/** Adds a category judged on the same criteria as Best Game; returns its id. */
export async function addCategory(
  event: EventBuild & { criteria: Criterion[] },
  name: string,
  overrides: Partial<CategoryCreateInput> = {},
): Promise<string> {
  const res = await event.organizer.post<{ category: { id: string } }>(
    `/api/events/${event.slug}/categories`,
    buildCategory({
      name,
      criteria: event.criteria.map(({ name, weight, maxScore }) => ({ name, weight, maxScore })),
      ...overrides,
    }),
  );
  if (res.status !== 201) throw new Error(`category ${name}: ${res.status}`);
  return res.body.category.id;
}

/** Adds prizes, each as [category name, place, title, sponsor or null]. */
export async function addPrizes(
  event: EventBuild,
  categories: Record<string, string>,
  prizes: readonly (readonly [string, number, string, string | null])[],
): Promise<void> {
  for (const [category, place, title, sponsor] of prizes) {
    const res = await event.organizer.post(`/api/events/${event.slug}/prizes`, {
      categoryId: categories[category],
      place,
      title,
      ...(sponsor ? { sponsor } : {}),
    });
    if (res.status !== 201) throw new Error(`prize ${title}: ${res.status}`);
  }
}

/**
 * Registers each team in the category with one member from its school, records paper consent
 * and checks it in, in the order given (at registration time). Returns each team as given,
 * with its id and its contact's sign-in.
 */
export async function checkInTeams<T extends { name: string; school: string }>(
  event: EventBuild,
  categoryId: string,
  teams: readonly T[],
): Promise<(T & CheckedInTeam)[]> {
  const { server, slug, organizer } = event;
  const checkedIn: (T & CheckedInTeam)[] = [];
  for (const team of teams) {
    const registered = await registerTeam(server, slug, categoryId, team.name, team.school);
    await checkIn(organizer, slug, registered.id);
    checkedIn.push({ ...team, ...registered });
  }
  return checkedIn;
}

/**
 * Moves the server's clock to the hacking weekend, where each team with a title hands in its
 * project (a team whose title is null hands in nothing). The summary and links default to
 * "<title>, made in Manchester." and none.
 */
export async function handInProjects(
  server: TestServer,
  teams: readonly (CheckedInTeam & { title: string | null })[],
  details: (title: string) => Omit<SubmissionSaveInput, "title"> = (title) => ({
    summary: `${title}, made in Manchester.`,
  }),
): Promise<void> {
  server.clock.set(AT.handingIn);
  for (const team of teams) {
    if (!team.title) continue;
    const client = await signIn(server, team.contact);
    const res = await client.request("PUT", "/api/teams/me/submission", {
      title: team.title,
      ...details(team.title),
    });
    if (res.status !== 200) throw new Error(`submission ${team.name}: ${res.status}`);
  }
}

/**
 * Moves the server's clock to judging time and signs the organizer in again (the session from
 * registration time has run out by then). Returns the event with the new organizer's client.
 */
export async function startJudging(event: EventBuild): Promise<EventBuild> {
  event.server.clock.set(AT.judging);
  const organizer = await signInOrganizer(event.server.url, event.server.database);
  return { ...event, organizer };
}

/** Invites a judge for the categories, kept away from teams of the given schools. */
export async function inviteJudge(
  event: EventBuild,
  judge: Pick<JudgeAccount, "name" | "email">,
  categoryIds: string[],
  schools: string[] = [],
): Promise<{ inviteUrl: string }> {
  const res = await event.organizer.post<{ inviteUrl: string }>(
    `/api/events/${event.slug}/judges`,
    { name: judge.name, email: judge.email, schools, categoryIds },
  );
  if (res.status !== 201) throw new Error(`judge ${judge.name}: ${res.status}`);
  return { inviteUrl: res.body.inviteUrl };
}

/** Invites a judge, who accepts with their password; returns the judge's signed-in client. */
export async function signInJudge(
  event: EventBuild,
  judge: JudgeAccount,
  categoryIds: string[],
  schools: string[] = [],
): Promise<Client> {
  const { inviteUrl } = await inviteJudge(event, judge, categoryIds, schools);
  const client = new Client(event.server.url);
  const accepted = await client.post(`/api/invites/${inviteUrl.split("/").pop()}`, {
    password: judge.password,
  });
  if (accepted.status !== 200) throw new Error(`invite ${judge.name}: ${accepted.status}`);
  return client;
}

/** A judge's score card for one team: marks in criterion order, and any comments. */
export interface ScoreCard extends Omit<ScoreSave, "scores" | "idempotencyKey"> {
  teamId: string;
  marks: readonly number[];
}

/** Saves the judge's score cards, as the scoring page would (a missing mark is 0). */
export async function saveScores(judge: Client, cards: readonly ScoreCard[]): Promise<void> {
  const { body } = await judge.get<{ teams: { teamId: string; criteria: { id: string }[] }[] }>(
    "/api/judging/assignments",
  );
  for (const { teamId, marks, comment, commentShared, criterionComments } of cards) {
    const assignment = body.teams.find((t) => t.teamId === teamId);
    if (!assignment) throw new Error(`team ${teamId} is not the judge's to score`);
    const scores = Object.fromEntries(assignment.criteria.map((c, i) => [c.id, marks[i] ?? 0]));
    const res = await judge.request("PUT", `/api/judging/scores/${teamId}`, {
      scores,
      comment,
      commentShared,
      criterionComments,
    });
    if (res.status !== 200) throw new Error(`score: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** Locks scoring, as the organizer does before the ceremony. */
export async function lockScoring(event: EventBuild): Promise<void> {
  const res = await event.organizer.post(`/api/events/${event.slug}/scoring/lock`);
  if (res.status !== 200) throw new Error(`lock: ${res.status}`);
}
