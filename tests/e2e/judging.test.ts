/**
 * Live judging in two real browsers against the real server: a judge on a phone (390×844)
 * scores teams while the organizer's leaderboard on a laptop updates without a reload. Then
 * the judge's phone loses the wifi, scores a third team (kept and shown as waiting), and
 * when the wifi returns the score arrives exactly once. Finally the organizer locks scoring
 * and the judge is told plainly.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Leaderboard } from "../../shared/api";
import { signInOrganizer } from "../helpers/factories";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  CLIENT_DIR,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  launchBrowser,
  PHONE_CONTEXT,
  screenshot,
  signInOrganizerAt,
  watchConsole,
  watchConsoleExcept,
} from "./browser";
import {
  checkInTeams,
  createEventWithBestGame,
  handInProjects,
  inviteJudge,
  startJudging,
} from "./liveEvent";

const LAPTOP = { width: 1280, height: 900 };
const SLUG = "hmj-2026";
const TEAMS = [
  { name: "Byte Club", school: "Trinity High School", title: "RevisionBuddy" },
  { name: "Code Crew", school: "Parrs Wood High School", title: "Bus Buddy" },
  { name: "Pixel Pals", school: "Loreto College", title: "Pocket Planets" },
];
const JO = { name: "Jo Judge", email: "jo.judge@example.com" };

let server: TestServer;
let browser: Browser;
let judgeContext: BrowserContext;
let judge: Page;
let desk: Page;
let offline = false;
const consoleErrors: string[][] = [];
let inviteUrl = "";
let teamIds: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer({ clientDir: CLIENT_DIR });
  const event = await createEventWithBestGame(server, SLUG);
  const teams = await checkInTeams(event, event.categoryId, TEAMS);
  teamIds = Object.fromEntries(teams.map((t) => [t.name, t.id]));
  // Hacking: each team hands in its project, with links to open from the scoring page.
  await handInProjects(server, teams, (title) => ({
    summary: `${title} helps you every day.\nMade in Manchester.`,
    demoUrl: "https://example.com/demo",
    repoUrl: "https://example.com/code",
    builtWith: ["Python"],
  }));

  // Judging: a judge is invited (the link is opened on the phone below).
  const judging = await startJudging(event);
  ({ inviteUrl } = await inviteJudge(judging, JO, [event.categoryId]));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function checkPhone(page: Page, where: string) {
  await expectNoAxeViolations(page, where);
  await expectNoSidewaysScroll(page, where);
}

/** The organizer's API view, for checks the screens can't make. */
async function api() {
  return signInOrganizer(server.url, server.database);
}

const radio = (page: Page, criterion: string, score: number) =>
  page.getByRole("radiogroup", { name: new RegExp(`^${criterion}`) }).getByRole("radio", {
    name: String(score),
    exact: true,
  });

async function score(page: Page, values: [string, number][]) {
  for (const [criterion, value] of values) await radio(page, criterion, value).check();
}

const boardRow = (team: string) => desk.getByRole("row").filter({ hasText: team });

describe("live judging", () => {
  it("opens the organizer's live leaderboard on a laptop", async () => {
    const context = await browser.newContext({
      viewport: LAPTOP,
      locale: "en-GB",
      reducedMotion: "reduce",
    });
    desk = await context.newPage();
    desk.setDefaultTimeout(10_000);
    consoleErrors.push(watchConsole(desk));
    await signInOrganizerAt(desk, server.url, `/organize/${SLUG}/leaderboard`);
    await desk.getByRole("heading", { level: 1, name: "Leaderboard" }).waitFor();
    await desk.getByText("Live: updates by itself").waitFor();
    await expect.poll(() => desk.getByText("Not ranked yet").count()).toBe(3);
    await desk.getByText("Only organizers can see these totals").waitFor();
    await expectNoAxeViolations(desk, "leaderboard, nothing scored");
  });

  it("lets the judge accept the invite on a phone and see their teams", async () => {
    judgeContext = await browser.newContext(PHONE_CONTEXT);
    judge = await judgeContext.newPage();
    judge.setDefaultTimeout(10_000);
    // While the test holds the phone offline, failed network requests are expected.
    consoleErrors.push(
      watchConsoleExcept(judge, (text) => offline && /net::ERR_INTERNET_DISCONNECTED/.test(text)),
    );
    await judge.goto(inviteUrl);
    await judge.getByLabel("Password", { exact: true }).fill("a good long password");
    await judge.getByLabel("Type the password again").fill("a good long password");
    await judge.getByRole("button", { name: "Set password and start" }).click();
    await judge.waitForURL(`${server.url}/judge`);
    await judge.getByRole("heading", { level: 1, name: "Teams to score" }).waitFor();
    await judge.getByText("0 of 3", { exact: true }).waitFor();
    await judge.getByTestId("countdown").getByText("Judging is under way").waitFor();
    await judge.getByText("Online", { exact: true }).waitFor();
    expect(await judge.getByText("Not started").count()).toBe(3);
    await checkPhone(judge, "judge home");
    await screenshot(judge, "judge-home-teams-phone");
  });

  it("scores a team with taps and the keyboard; the leaderboard updates live", async () => {
    await judge.getByRole("link", { name: /Byte Club/ }).click();
    await judge.waitForURL(`${server.url}/judge/teams/${teamIds["Byte Club"]}`);
    await judge.getByRole("heading", { level: 1, name: "Byte Club" }).waitFor();
    await judge.getByRole("heading", { name: "RevisionBuddy" }).waitFor();
    const demo = judge.getByRole("link", { name: /Open demo/ });
    expect(await demo.getAttribute("rel")).toBe("noopener noreferrer");
    expect(await demo.getAttribute("target")).toBe("_blank");
    await checkPhone(judge, "scoring page");
    await screenshot(judge, "judge-score-phone");

    // Every score button is a thumb-sized target, even with eleven of them on a phone.
    const box = await radio(judge, "Innovation", 10).locator("xpath=..").boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(44);
    expect(box?.height).toBeGreaterThanOrEqual(44);

    // Keyboard: the arrow keys move the choice within a criterion.
    await radio(judge, "Innovation", 7).check();
    await radio(judge, "Innovation", 7).press("ArrowRight");
    expect(await radio(judge, "Innovation", 8).isChecked()).toBe(true);
    expect(await radio(judge, "Innovation", 7).isChecked()).toBe(false);
    await score(judge, [
      ["Technical", 6],
      ["Presentation", 4],
    ]);
    await judge.getByText("Not saved yet").waitFor();
    await judge.getByRole("button", { name: "Save and next team" }).click();
    await judge.waitForURL(`${server.url}/judge/teams/${teamIds["Code Crew"]}`);
    await judge.getByRole("link", { name: "Teams (1 of 3 scored)" }).waitFor();

    // 100 × (3×8 + 2×6 + 1×4) / (3×10 + 2×10 + 1×5) = 72.7, on the laptop, without a reload.
    await expect.poll(() => boardRow("Byte Club").textContent()).toContain("72.7");
    expect(await boardRow("Byte Club").textContent()).toContain("1st");
  });

  it("scores a second team and the leaderboard ranks both", async () => {
    await judge.getByRole("heading", { level: 1, name: "Code Crew" }).waitFor();
    await score(judge, [
      ["Innovation", 5],
      ["Technical", 5],
      ["Presentation", 5],
    ]);
    await judge.getByRole("button", { name: "Save and next team" }).click();
    await judge.waitForURL(`${server.url}/judge/teams/${teamIds["Pixel Pals"]}`);
    await expect.poll(() => boardRow("Code Crew").textContent()).toContain("54.5");
    expect(await boardRow("Code Crew").textContent()).toContain("2nd");
    await expectNoAxeViolations(desk, "leaderboard with scores");
    await screenshot(desk, "organizer-leaderboard");
  });

  it("keeps a score made offline and says it is waiting to send", async () => {
    await judge.getByRole("heading", { level: 1, name: "Pixel Pals" }).waitFor();
    offline = true;
    await judgeContext.setOffline(true);
    await judge.getByText("Offline", { exact: true }).waitFor();
    await score(judge, [
      ["Innovation", 9],
      ["Technical", 9],
      ["Presentation", 5],
    ]);
    await judge.getByLabel("Overall comment").fill("Great <b>demo</b>!");
    await judge.getByRole("button", { name: "Save", exact: true }).click();
    await judge.getByText("Waiting to send (offline)").waitFor();
    await judge.getByText("1 score waiting to send").waitFor();
    await checkPhone(judge, "scoring page offline");
    await screenshot(judge, "judge-offline-phone");

    // The list still opens from this phone's copy, and counts the waiting score.
    await judge.getByRole("link", { name: /Teams \(3 of 3 scored\)/ }).click();
    await judge.waitForURL(`${server.url}/judge`);
    await judge.getByText("Waiting to send", { exact: true }).waitFor();
    await judge.getByText("1 score waiting to send").waitFor();
    await checkPhone(judge, "judge home offline");
    await screenshot(judge, "judge-home-offline-phone");
    const log = await (await api()).get<{ log: { teamName: string }[] }>(
      `/api/events/${SLUG}/scores/log`,
    );
    expect(log.body.log.filter((e) => e.teamName === "Pixel Pals")).toEqual([]);
  });

  it("sends it once when the wifi returns", async () => {
    await judgeContext.setOffline(false);
    await judge.getByText("Online", { exact: true }).waitFor();
    await expect.poll(() => judge.getByText("1 score waiting to send").count()).toBe(0);
    offline = false;
    await judge.getByText("Scored", { exact: true }).first().waitFor();
    expect(await judge.getByText("Scored", { exact: true }).count()).toBe(3);

    // Exactly one log entry per criterion (and one for the comment), counted once.
    const organizer = await api();
    const log = await organizer.get<{
      log: { teamName: string; criterionName: string | null; newComment: string | null }[];
    }>(`/api/events/${SLUG}/scores/log`);
    const pixel = log.body.log.filter((e) => e.teamName === "Pixel Pals");
    expect(
      pixel
        .filter((e) => e.criterionName !== null)
        .map((e) => e.criterionName)
        .sort(),
    ).toEqual(["Innovation", "Presentation", "Technical"]);
    expect(pixel.filter((e) => e.criterionName === null).map((e) => e.newComment)).toEqual([
      "Great <b>demo</b>!",
    ]);
    const board = await organizer.get<Leaderboard>(`/api/events/${SLUG}/leaderboard`);
    const row = board.body.categories[0]!.teams.find((t) => t.teamName === "Pixel Pals");
    expect(row?.judgeCount).toBe(1);
    expect(row?.score).toBeCloseTo(90.9, 1);

    await expect.poll(() => boardRow("Pixel Pals").textContent()).toContain("90.9");
    expect(await boardRow("Pixel Pals").textContent()).toContain("1st");
  });

  it("shows the organizer who scored what, and locks scoring", async () => {
    await desk
      .getByRole("navigation", { name: "Event sections" })
      .getByRole("link", { name: "Judging" })
      .click();
    await desk.waitForURL(`${server.url}/organize/${SLUG}/judging`);
    await desk.getByRole("heading", { level: 1, name: "Judging" }).waitFor();
    await desk.getByText("3 of 3 teams scored").first().waitFor();
    await desk.getByText("3 teams with fewer than 3 judges").waitFor();
    await desk.getByRole("cell", { name: /Great <b>demo<\/b>!/ }).waitFor();
    await expectNoAxeViolations(desk, "judging progress");
    await screenshot(desk, "organizer-judging");

    // The ceremony's styles are loaded now too: the lock's question keeps its own look.
    const sections = desk.getByRole("navigation", { name: "Event sections" });
    await sections.getByRole("link", { name: "Ceremony" }).click();
    await desk.getByRole("heading", { level: 1, name: "Ceremony" }).waitFor();
    await sections.getByRole("link", { name: "Judging" }).click();
    await desk.getByRole("button", { name: "Lock scoring" }).click();
    await desk.getByText("Lock scoring now?").waitFor();
    const confirmLook = await desk.getByRole("group", { name: "Lock scoring" }).evaluate((box) => {
      const question = box.querySelector("p");
      return {
        maxWidth: getComputedStyle(box).maxWidth,
        background: getComputedStyle(box).backgroundColor,
        question: question ? getComputedStyle(question).color : null,
      };
    });
    // 36rem wide at most, on the danger tint, the question in dark red.
    expect(confirmLook).toEqual({
      maxWidth: "576px",
      background: "rgb(254, 226, 226)",
      question: "rgb(127, 29, 29)",
    });
    await screenshot(desk, "organizer-lock-confirm");
    await desk.getByRole("button", { name: "Yes, lock scoring" }).click();
    await desk.getByText("Scoring is locked.").waitFor();
  });

  it("tells the judge plainly that scoring is locked", async () => {
    await judge.getByRole("link", { name: /Byte Club/ }).click();
    await judge.getByRole("heading", { level: 1, name: "Byte Club" }).waitFor();
    // A page that has not heard of the lock yet learns it from the refused save. A page the
    // lock's push reached first (liveTruth.test.ts) has already disabled what the judge would
    // use, so the attempt gives up. Either way the judge is told, and nothing can change.
    await (async () => {
      await radio(judge, "Presentation", 5).check({ timeout: 3_000 });
      await judge.getByRole("button", { name: "Save", exact: true }).click({ timeout: 3_000 });
    })().catch(() => undefined);
    await judge.getByText("Scoring is locked", { exact: true }).waitFor();
    expect(await radio(judge, "Innovation", 8).isDisabled()).toBe(true);
    expect(await judge.getByRole("button", { name: "Save", exact: true }).isDisabled()).toBe(true);
    await checkPhone(judge, "scoring locked");
    await screenshot(judge, "judge-locked-phone");
  });

  it("logged no console errors or CSP refusals", () => {
    expect(consoleErrors.flat()).toEqual([]);
  });
});
