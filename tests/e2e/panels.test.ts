/**
 * Judging panels in real browsers: the organizer on a laptop sees each team's judges and how far
 * they have got, changes the panel size and hand-picks a judge's teams; the grid follows new
 * judges and late check-ins without a reload; a judge on a phone sees their panel only. The
 * organizer's page also works on a phone.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AssignmentView, JudgingProgress } from "../../shared/api";
import type { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  CLIENT_DIR,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  launchBrowser,
  screenshot,
  signInOrganizerAt,
  watchConsole,
} from "./browser";
import {
  AT,
  checkInTeams,
  createEventWithBestGame,
  type EventBuild,
  signInJudge,
  startJudging,
} from "./liveEvent";

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 900 };
const SLUG = "hmj-2026";
const SCHOOLS = ["Trinity High School", "Loreto College", "Parrs Wood High School"];
const TEAMS = Array.from({ length: 6 }, (_, i) => ({
  name: `Team ${String.fromCharCode(65 + i)}`,
  school: SCHOOLS[i % SCHOOLS.length]!,
}));
const JUDGES = ["Ada", "Ben", "Cleo", "Dev"].map((name) => ({
  name: `${name} Judge`,
  email: `${name.toLowerCase()}@example.com`,
  password: "judge password",
}));

let server: TestServer;
let browser: Browser;
let event: EventBuild & { categoryId: string };
let judges: Client[] = [];
let desk: Page;
const consoleErrors: string[][] = [];

beforeAll(async () => {
  server = await startTestServer({ clientDir: CLIENT_DIR });
  const built = await createEventWithBestGame(server, SLUG);
  await checkInTeams(built, built.categoryId, TEAMS);
  const judging = await startJudging(built);
  event = { ...judging, categoryId: built.categoryId };
  // Ada declared Trinity High School: never on a Trinity team's panel.
  judges = [];
  for (const [i, judge] of JUDGES.entries())
    judges.push(await signInJudge(event, judge, [built.categoryId], i === 0 ? [SCHOOLS[0]!] : []));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const progress = async () =>
  (await event.organizer.get<JudgingProgress>(`/api/events/${SLUG}/judging/progress`)).body;
const teamRow = (page: Page, team: string) =>
  page
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${team}`) }) });

describe("judging panels", () => {
  it("shows the organizer each team's three judges, never a conflict", async () => {
    const context = await browser.newContext({
      viewport: LAPTOP,
      locale: "en-GB",
      reducedMotion: "reduce",
    });
    desk = await context.newPage();
    desk.setDefaultTimeout(10_000);
    consoleErrors.push(watchConsole(desk));
    await signInOrganizerAt(desk, server.url, `/organize/${SLUG}/judging`);
    await desk.getByRole("heading", { level: 1, name: "Judging" }).waitFor();
    await desk.getByRole("heading", { name: "Judging panels" }).waitFor();
    await expect.poll(() => desk.getByLabel("Judges per team").inputValue()).toBe("3");
    for (const team of TEAMS) {
      const row = teamRow(desk, team.name);
      await expect.poll(() => row.getByText("3 of 3").count()).toBe(1);
      if (team.school === SCHOOLS[0]) expect(await row.getByText("Ada Judge").count()).toBe(0);
    }
    await expectNoAxeViolations(desk, "judging panels");
    await screenshot(desk, "panels-laptop");
  });

  it("offers to even out the load after judges joined late, and does", async () => {
    // The judges were invited after the check-ins: the first of them took the most places.
    const before = (await progress()).judges.map((j) => j.assigned);
    expect(Math.max(...before) - Math.min(...before)).toBeGreaterThanOrEqual(2);
    await desk.getByText("Some judges have many more teams than others").waitFor();
    await desk.getByRole("button", { name: "Even out the load" }).click();
    await desk.getByText(/^Moved \d+ teams? nobody had started scoring/).waitFor();
    const after = (await progress()).judges.map((j) => j.assigned);
    expect(Math.max(...after) - Math.min(...after)).toBeLessThanOrEqual(1);
    await expect
      .poll(() => desk.getByText("Some judges have many more teams than others").count())
      .toBe(0);
    await screenshot(desk, "panels-evened");
  });

  it("follows a late judge and a late check-in without a reload", async () => {
    // Panels are full: a fifth judge has nothing yet, but shows on the page at once.
    await signInJudge(
      event,
      { name: "Eve Judge", email: "eve@example.com", password: "judge password" },
      [event.categoryId],
    );
    await desk.getByRole("heading", { name: "Eve Judge" }).waitFor();
    // A team checks in late: its row arrives with three judges.
    server.clock.set(AT.registration);
    await checkInTeams(event, event.categoryId, [{ name: "Late Birds", school: "Loreto College" }]);
    server.clock.set(AT.judging);
    await expect.poll(() => teamRow(desk, "Late Birds").getByText("3 of 3").count()).toBe(1);
  });

  it("changes the panel size, and says so beside the button", async () => {
    await desk.getByLabel("Judges per team").fill("2");
    await desk.getByRole("button", { name: "Save", exact: true }).click();
    await desk.getByText("Each team now gets up to 2 judges.").waitFor();
    for (const team of TEAMS)
      await expect.poll(() => teamRow(desk, team.name).getByText("2 of 2").count()).toBe(1);
    expect((await progress()).judgesPerTeam).toBe(2);
    // Out of range: refused in plain words, nothing changed.
    await desk.getByLabel("Judges per team").fill("12");
    await desk.getByRole("button", { name: "Save", exact: true }).click();
    await desk.getByText("Choose a whole number from 1 to 10.").waitFor();
    expect((await progress()).judgesPerTeam).toBe(2);
  });

  it("finds a team, and hand-picks a judge's teams", async () => {
    await desk.getByLabel("Find a team").first().fill("Team B");
    await expect.poll(() => desk.getByRole("rowheader").count()).toBe(1);
    await desk.getByLabel("Find a team").first().fill("");
    const card = desk
      .getByRole("listitem")
      .filter({ has: desk.getByRole("heading", { name: "Dev Judge" }) });
    await card.getByRole("button", { name: "Choose teams by hand for Dev Judge" }).click();
    const boxes = card.getByRole("checkbox");
    for (const box of await boxes.all()) if (await box.isChecked()) await box.uncheck();
    await card.getByRole("checkbox", { name: /^Team A/ }).check();
    await card.getByRole("button", { name: "Save teams" }).click();
    await card.getByText("Dev Judge now scores 1 team chosen by hand.").waitFor();
    await card.getByText("Teams chosen by hand").waitFor();
    const p = await progress();
    expect(
      p.cells.filter((c) => c.judgeId === p.judges.find((j) => j.name === "Dev Judge")!.judgeId),
    ).toEqual([expect.objectContaining({ manual: true })]);
    await screenshot(desk, "panels-hand-picked");
    expect(consoleErrors.flat()).toEqual([]);
  });

  it("shows a judge on a phone only the teams of their panel", async () => {
    const context = await browser.newContext({
      viewport: PHONE,
      locale: "en-GB",
      reducedMotion: "reduce",
    });
    const phone = await context.newPage();
    consoleErrors.push(watchConsole(phone));
    const ben = judges[1]!;
    const mine = (await ben.get<{ teams: AssignmentView[] }>("/api/judging/assignments")).body
      .teams;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(TEAMS.length + 1);
    await phone.goto(`${server.url}/signin?next=%2Fjudge`);
    await phone.getByLabel("Email").fill(JUDGES[1]!.email);
    await phone.getByLabel("Password").fill(JUDGES[1]!.password);
    await phone.getByRole("button", { name: "Sign in" }).click();
    await phone.waitForURL(`${server.url}/judge`);
    for (const team of mine)
      await phone.getByText(team.teamName, { exact: true }).first().waitFor();
    const others = [...TEAMS.map((t) => t.name), "Late Birds"].filter(
      (name) => !mine.some((t) => t.teamName === name),
    );
    for (const name of others) expect(await phone.getByText(name, { exact: true }).count()).toBe(0);
    await expectNoAxeViolations(phone, "a judge's panel on a phone");
    await expectNoSidewaysScroll(phone, "a judge's panel on a phone");
    await screenshot(phone, "panels-judge-phone");
    expect(consoleErrors.flat()).toEqual([]);
  });

  it("works for the organizer on a phone", async () => {
    const context = await browser.newContext({
      viewport: PHONE,
      locale: "en-GB",
      reducedMotion: "reduce",
    });
    const phone = await context.newPage();
    consoleErrors.push(watchConsole(phone));
    await signInOrganizerAt(phone, server.url, `/organize/${SLUG}/judging`);
    await phone.getByRole("heading", { name: "Judging panels" }).waitFor();
    await teamRow(phone, "Team A").waitFor();
    await expectNoAxeViolations(phone, "judging panels on a phone");
    await expectNoSidewaysScroll(phone, "judging panels on a phone");
    await screenshot(phone, "panels-organizer-phone");
    expect(consoleErrors.flat()).toEqual([]);
  });
});
