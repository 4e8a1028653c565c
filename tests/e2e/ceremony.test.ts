/**
 * The prize-giving in real browsers: the organizer runs the whole ceremony from a phone
 * (390×844), deciding a shared place first, while a projector at 1920×1080 shows each step
 * (title card, build-up, award with confetti, blank screen, every winner at the end). Before
 * each reveal neither the projector's page nor the public results API holds a team not yet
 * revealed. A second projector (1024×768, reduced motion) that joins mid-ceremony catches
 * up at once. Then the public results page and the certificates, on screen and on paper.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Award, CeremonyPlan } from "../../shared/api";
import { signInOrganizer } from "../helpers/factories";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  CLIENT_DIR,
  expectFitsProjector,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  launchBrowser,
  PHONE_CONTEXT,
  SCREENSHOTS,
  screenshot,
  signInOrganizerAt,
  watchConsole,
} from "./browser";
import {
  addCategory,
  addPrizes,
  checkInTeams,
  createEventWithBestGame,
  handInProjects,
  lockScoring,
  saveScores,
  signInJudge,
  startJudging,
} from "./liveEvent";

const SLUG = "hmj-ceremony";
const HALL = { width: 1920, height: 1080 };
const OLD_PROJECTOR = { width: 1024, height: 768 };
const LAPTOP = { width: 1280, height: 900 };
const RESULTS_DIR = path.join(CLIENT_DIR, "..", "..", "test-results");
const JO = { name: "Jo Judge", email: "jo.judge@example.com", password: "judge password" };

/** [category, team, school, project, scores for Innovation, Technical, Presentation]. */
const TEAMS: [string, string, string, string, [number, number, number]][] = [
  ["Best Game", "Byte Club", "Trinity High School", "RevisionBuddy", [9, 9, 5]],
  // Code Crew and Pixel Pals tie on every criterion: a shared 2nd place.
  ["Best Game", "Code Crew", "Parrs Wood High School", "Bus Buddy", [7, 7, 4]],
  ["Best Game", "Pixel Pals", "Loreto College", "Pocket Planets", [7, 7, 4]],
  ["Best Game", "Loop Troop", "Manchester Academy", "Recycle Rush", [4, 4, 2]],
  [
    "Pre-University Challenge",
    "Stack Sisters",
    "Withington Girls' School",
    "Homework Hero",
    [8, 8, 4],
  ],
  ["Pre-University Challenge", "The Debuggers", "Xaverian College", "Canteen Queue", [6, 6, 3]],
];
/** [category, place, prize, sponsor or null]. */
const PRIZES: [string, number, string, string | null][] = [
  ["Best Game", 1, "Aqua Zorbing experience day", "Aqua Zorbing Manchester"],
  ["Best Game", 2, "Group paintballing", "FARM"],
  ["Best Game", 3, "Pizza party for the team", null],
  ["Pre-University Challenge", 1, "A Raspberry Pi kit for every member", "FARM"],
  ["Pre-University Challenge", 2, "Coding books", "Manchester Libraries"],
  // Only two teams in this category: the third prize goes to nobody.
  ["Pre-University Challenge", 3, "Stickers and badges", null],
];
/** The reveal order once Pixel Pals is given the shared 2nd place (Code Crew then takes 3rd). */
const ORDER = [
  { team: "Code Crew", category: "Best Game", place: "3rd", words: "third" },
  { team: "Pixel Pals", category: "Best Game", place: "2nd", words: "second" },
  { team: "Byte Club", category: "Best Game", place: "1st", words: "first" },
  {
    team: "The Debuggers",
    category: "Pre-University Challenge",
    place: "2nd",
    words: "second",
  },
  { team: "Stack Sisters", category: "Pre-University Challenge", place: "1st", words: "first" },
];
const ALL_TEAMS = TEAMS.map((t) => t[1]);
/** The teams of one category, as the builders take them. */
const teamsIn = (category: string) =>
  TEAMS.filter((t) => t[0] === category).map(([, name, school, title, marks]) => ({
    name,
    school,
    title,
    marks,
  }));

let server: TestServer;
let browser: Browser;
let phone: Page;
let hall: Page;
let late: Page | null = null;
const contexts: BrowserContext[] = [];
const consoleErrors: string[][] = [];
/** Every API request the projectors made: they may use public endpoints only. */
const displayRequests: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ clientDir: CLIENT_DIR });
  const event = await createEventWithBestGame(server, SLUG);
  const categories: Record<string, string> = {
    "Best Game": event.categoryId,
    "Pre-University Challenge": await addCategory(event, "Pre-University Challenge", {
      description: "Build something that helps people learn.",
      tieBreakCriterion: "Technical",
    }),
  };
  await addPrizes(event, categories, PRIZES);
  const teams = [];
  for (const [category, categoryId] of Object.entries(categories))
    teams.push(...(await checkInTeams(event, categoryId, teamsIn(category))));
  await handInProjects(server, teams);

  // One judge scores every team; then the organizer locks scoring.
  const judging = await startJudging(event);
  const judge = await signInJudge(judging, JO, Object.values(categories));
  await saveScores(
    judge,
    teams.map((team) => ({ teamId: team.id, marks: team.marks })),
  );
  await lockScoring(judging);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A screenshot as the screen is this instant (confetti still falling, a step still up). */
async function snap(page: Page, name: string) {
  if (!SCREENSHOTS) return;
  mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`) });
}

async function openDisplay(viewport: { width: number; height: number }, calm: boolean) {
  const context = await browser.newContext({
    viewport,
    locale: "en-GB",
    reducedMotion: calm ? "reduce" : "no-preference",
  });
  contexts.push(context);
  const page = await context.newPage();
  consoleErrors.push(watchConsole(page));
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith("/api/")) displayRequests.push(url.pathname);
  });
  await page.goto(`${server.url}/display/${SLUG}`);
  return page;
}

const stage = (page: Page, name: string, timeout = 10_000) =>
  page.waitForSelector(`.ceremony[data-stage="${name}"]`, { timeout });

/**
 * Waits until the stage's entrance has played (the card sliding in, the place popping, the
 * blank fading), so a screenshot shows the stage as the hall reads it. The confetti and the
 * build-up's blinking dots go on longer, and the stage may move on before they end.
 */
const entered = (page: Page) =>
  page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (a) =>
          a.playState !== "running" ||
          !["ceremony-in", "ceremony-pop", "ceremony-fade"].includes(
            (a as CSSAnimation).animationName,
          ),
      ),
  );

/** The projector fits the screen; the confetti may fly past its edges. */
const expectFits = (page: Page, where: string) =>
  expectFitsProjector(page, where, ".ceremony-confetti");

/** Neither a projector's page nor the public API knows a team before its reveal. */
async function expectSecret(unrevealed: string[], where: string) {
  const results = await new Client(server.url).get<{ awards: Award[] }>(
    `/api/events/${SLUG}/results`,
  );
  const api = JSON.stringify(results.body);
  for (const page of [hall, ...(late ? [late] : [])]) {
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    for (const team of unrevealed) {
      expect(html, `${team} on the projector ${where}`).not.toContain(team);
      expect(api, `${team} in the public results ${where}`).not.toContain(team);
    }
  }
}

const revealButton = () => phone.getByRole("button", { name: /^Reveal/ });

describe("the prize-giving ceremony", () => {
  it("shows the countdown on the projector until the ceremony starts", async () => {
    hall = await openDisplay(HALL, false);
    await hall.getByTestId("countdown").getByText("Judging is under way").waitFor();
    await expectSecret(ALL_TEAMS, "before the ceremony");
  });

  it("asks the organizer on a phone to decide the shared place first", async () => {
    const context = await browser.newContext(PHONE_CONTEXT);
    contexts.push(context);
    phone = await context.newPage();
    phone.setDefaultTimeout(10_000);
    consoleErrors.push(watchConsole(phone));
    await signInOrganizerAt(phone, server.url, `/organize/${SLUG}/ceremony`);
    await phone.getByRole("heading", { level: 1, name: "Ceremony" }).waitFor();
    await phone.getByRole("heading", { name: "Decide the shared places first" }).waitFor();
    // Both shared awards (2nd and 3rd) offer the same two teams.
    expect(await phone.getByRole("button", { name: /Pixel Pals/ }).count()).toBe(2);
    expect(await revealButton().isDisabled()).toBe(true);
    await phone.getByText("Decide the shared places above before revealing.").waitFor();
    // A prize with no team to give it to is listed, and never revealed.
    await phone.getByRole("heading", { name: "Prizes with no team" }).waitFor();
    await phone.getByText("Stickers and badges").waitFor();
    await expectNoAxeViolations(phone, "ceremony control with a shared place");
    await expectNoSidewaysScroll(phone, "ceremony control with a shared place");
    await screenshot(phone, "ceremony-control-tie-phone");

    // Choosing asks once more (it can't be undone), then the other team takes 3rd place.
    await phone
      .getByRole("button", { name: /Pixel Pals/ })
      .first()
      .click();
    await phone.getByText("Give 2nd place to Pixel Pals?").waitFor();
    await phone.getByRole("button", { name: "Yes, Pixel Pals" }).click();
    await phone
      .getByRole("heading", { name: "Decide the shared places first" })
      .waitFor({ state: "detached" });
    const plan = await (await signInOrganizer(server.url, server.database)).get<CeremonyPlan>(
      `/api/events/${SLUG}/ceremony`,
    );
    expect(plan.body.awards.map((a) => [a.place, a.team?.name])).toEqual([
      [3, "Code Crew"],
      [2, "Pixel Pals"],
      [1, "Byte Club"],
      [2, "The Debuggers"],
      [1, "Stack Sisters"],
    ]);
  });

  it("starts the ceremony on the screen", async () => {
    // The next award is shown on the phone only.
    await phone.getByText("Only you can see this").waitFor();
    await phone.locator(".award-secret-team").getByText("Code Crew").waitFor();
    await phone.getByRole("button", { name: "Start the ceremony on the screen" }).click();
    await stage(hall, "opening");
    await hall.getByRole("heading", { name: "The winners are about to be revealed" }).waitFor();
    await expectSecret(ALL_TEAMS, "after the start");
    await screenshot(hall, "ceremony-opening-1920");
    await expectFits(hall, "opening at 1920");
    await expectNoAxeViolations(hall, "ceremony opening");
    await phone.getByText("0 of 5").waitFor();
    await expectNoAxeViolations(phone, "ceremony control, ready to reveal");
    await screenshot(phone, "ceremony-control-phone");
    const box = await revealButton().boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(120);
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(300);
  });

  it("reveals the first award: title card, build-up, then the award with confetti", async () => {
    const [first] = ORDER;
    await expectSecret(ALL_TEAMS, "before the first reveal");
    // A double tap reveals one award, not two.
    await revealButton().dblclick();
    await stage(hall, "title");
    await hall.getByRole("heading", { name: "Best Game" }).waitFor();
    // Past the entrance, still within the card's three seconds.
    await entered(hall);
    await snap(hall, "ceremony-title-1920");
    await expectFits(hall, "title card at 1920");
    await stage(hall, "buildup");
    await hall.getByRole("heading", { name: "In third place…" }).waitFor();
    await entered(hall);
    await snap(hall, "ceremony-buildup-1920");
    await expectFits(hall, "build-up at 1920");
    await stage(hall, "award");
    await hall.getByRole("heading", { name: first!.team }).waitFor();
    await hall.getByText("3rd place").waitFor();
    await hall.getByText("Parrs Wood High School").waitFor();
    await hall.getByText("Bus Buddy").waitFor();
    await hall.getByText("Pizza party for the team").waitFor();
    await hall.getByTestId("confetti").waitFor();
    await entered(hall);
    await snap(hall, "ceremony-award-1920");
    await expectFits(hall, "award at 1920");
    await expectNoAxeViolations(hall, "ceremony award");
    await expectSecret(
      ALL_TEAMS.filter((t) => t !== first!.team),
      "after the first reveal",
    );

    await phone.getByText("1 of 5").waitFor();
    const plan = await (await signInOrganizer(server.url, server.database)).get<CeremonyPlan>(
      `/api/events/${SLUG}/ceremony`,
    );
    expect(plan.body.awards.filter((a) => a.revealed).length).toBe(1);
  });

  it("blanks the screen between awards, and shows it again", async () => {
    const blank = phone.getByRole("switch", { name: "Blank the screen" });
    await blank.click();
    await stage(hall, "blank");
    // The projector may hear of the change before the phone has read its own answer.
    await expect.poll(() => blank.getAttribute("aria-checked")).toBe("true");
    await snap(hall, "ceremony-blank-1920");
    await expectFits(hall, "blank at 1920");
    await expectNoAxeViolations(hall, "blank screen");
    await blank.click();
    await stage(hall, "award");
    await hall.getByRole("heading", { name: "Code Crew" }).waitFor();
    // Blank again: the next reveal brings the screen back by itself.
    await blank.click();
    await stage(hall, "blank");
  });

  it("reveals the rest one by one; a projector joining mid-ceremony catches up", async () => {
    for (const [i, step] of ORDER.entries()) {
      if (i === 0) continue;
      await expectSecret(
        [...ORDER.slice(i).map((s) => s.team), "Loop Troop"],
        `before revealing ${step.team}`,
      );
      if (i === 2) {
        // By keyboard too.
        await revealButton().focus();
        await phone.keyboard.press("Enter");
      } else await revealButton().click();
      const firstOfCategory = ORDER[i - 1]!.category !== step.category;
      if (firstOfCategory) await stage(hall, "title");
      await stage(hall, "buildup");
      await hall.getByRole("heading", { name: `In ${step.words} place…` }).waitFor();
      await stage(hall, "award");
      await hall.getByRole("heading", { name: step.team }).waitFor();
      await hall.getByText(`${step.place} place`).waitFor();
      await phone.getByText(`${i + 1} of 5`).waitFor();

      if (i === 1) {
        // A second projector joins now: the latest award at once, no build-up, no confetti.
        late = await openDisplay(OLD_PROJECTOR, true);
        await stage(late, "award");
        await late.getByRole("heading", { name: step.team }).waitFor();
        expect(await late.getByTestId("confetti").count()).toBe(0);
        await screenshot(late, "ceremony-joined-late-1024");
        await expectFits(late, "award at 1024");
        await expectNoAxeViolations(late, "award on a projector that joined late");
      }
      if (i === 3) {
        // The late projector follows live reveals too.
        await expectFits(hall, "second category at 1920");
        await late!.getByRole("heading", { name: step.team }).waitFor();
        await expectFits(late!, "second category at 1024");
      }
    }
    expect(await hall.getByTestId("confetti").count()).toBe(1);
    await expectSecret([], "at the end");
  });

  it("says the ceremony is complete, and the screens show every winner", async () => {
    await phone.getByRole("heading", { name: "Ceremony complete" }).waitFor();
    expect(await revealButton().count()).toBe(0);
    await phone.getByRole("link", { name: "Print certificates" }).waitFor();
    await phone.getByRole("link", { name: "Download results (CSV)" }).waitFor();
    await expectNoAxeViolations(phone, "ceremony complete");
    await expectNoSidewaysScroll(phone, "ceremony complete");
    await screenshot(phone, "ceremony-complete-phone");

    for (const [page, name] of [
      [hall, "1920"],
      [late!, "1024"],
    ] as const) {
      await stage(page, "final", 20_000);
      await page.getByRole("heading", { name: "Congratulations to all our winners" }).waitFor();
      for (const team of ORDER) await page.getByText(team.team, { exact: true }).waitFor();
      await screenshot(page, `ceremony-final-${name}`);
      await expectFits(page, `final slide at ${name}`);
      await expectNoAxeViolations(page, `final slide at ${name}`);
    }
    // The projectors used the public event, announcements and the socket only.
    const allowed = new Set([`/api/events/${SLUG}`, `/api/events/${SLUG}/announcements`]);
    expect(displayRequests.filter((p) => !allowed.has(p))).toEqual([]);
  });

  it("publishes the results, grouped by category, places in order", async () => {
    const context = await browser.newContext(PHONE_CONTEXT);
    contexts.push(context);
    const page = await context.newPage();
    consoleErrors.push(watchConsole(page));
    await page.goto(`${server.url}/events/${SLUG}`);
    await page.getByRole("link", { name: "See the winners" }).click();
    await page.waitForURL(`${server.url}/events/${SLUG}/results`);
    await page.getByRole("heading", { level: 1, name: "Results" }).waitFor();
    await page.getByText("Congratulations to every winner").waitFor();
    const order = await page.locator(".results-team").allTextContents();
    expect(order).toEqual([
      "Byte Club",
      "Pixel Pals",
      "Code Crew",
      "Stack Sisters",
      "The Debuggers",
    ]);
    // Teams' names, schools and projects only: never a child's name.
    expect(await page.locator("main").textContent()).not.toContain("Lovelace");
    await expectNoAxeViolations(page, "results page");
    await expectNoSidewaysScroll(page, "results page");
    await screenshot(page, "results-phone");
  });

  it("prints a certificate for every team, and a winner's one for each winner", async () => {
    const context = await browser.newContext({
      viewport: LAPTOP,
      locale: "en-GB",
      reducedMotion: "reduce",
    });
    contexts.push(context);
    const page = await context.newPage();
    consoleErrors.push(watchConsole(page));
    await signInOrganizerAt(page, server.url, `/organize/${SLUG}/results`);
    await page.getByRole("heading", { level: 1, name: "Results" }).waitFor();
    await page.getByText("The ceremony is complete").waitFor();
    await expectNoAxeViolations(page, "organizer results");
    await screenshot(page, "organizer-results");

    await page.getByRole("link", { name: "Certificates", exact: true }).click();
    await page.waitForURL(`${server.url}/organize/${SLUG}/certificates`);
    await page.getByRole("heading", { level: 1, name: "Certificates" }).waitFor();
    // The heading shows while the certificates load: count once they are there. Each team's
    // one member has a certificate of their own; the team certificates follow.
    await expect.poll(() => page.locator(".cert-card-child").count()).toBe(TEAMS.length);
    await page.getByLabel("Team certificates").check();
    await expect.poll(() => page.locator(".cert-card").count()).toBe(TEAMS.length);
    expect(await page.locator(".cert-card-winner").count()).toBe(ORDER.length);
    const winner = page.getByRole("article", { name: "Winner's certificate for Byte Club" });
    await winner.getByText("1st place", { exact: true }).first().waitFor();
    await winner
      .getByText("Prize: Aqua Zorbing experience day, given by Aqua Zorbing Manchester")
      .waitFor();
    await page.getByRole("article", { name: "Certificate for Loop Troop" }).waitFor();
    await expectNoAxeViolations(page, "certificates");
    await screenshot(page, "certificates-screen");

    await page.getByLabel("Teams").selectOption({ label: "Winners only" });
    await expect.poll(() => page.locator(".cert-card").count()).toBe(ORDER.length);
    await page.getByRole("button", { name: /Print winners/ }).waitFor();
    await page.getByLabel("Teams").selectOption({ label: `Every team (${TEAMS.length})` });

    // On paper: one A4 page per certificate, and none of the page's controls.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".cert-toolbar").isVisible()).toBe(false);
    expect(await page.locator(".site-header").isVisible()).toBe(false);
    await winner.scrollIntoViewIfNeeded();
    await winner.screenshot({ path: path.join(RESULTS_DIR, "certificate-winner-print.png") });
    await page
      .getByRole("article", { name: "Certificate for Loop Troop" })
      .screenshot({ path: path.join(RESULTS_DIR, "certificate-print.png") });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: null });
    const text = pdf.toString("latin1");
    const pages = text.match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBe(TEAMS.length);
    // A4 is 595 × 842 points.
    for (const box of text.match(/\/MediaBox \[[^\]]*\]/g) ?? [])
      expect(box).toMatch(/^\/MediaBox \[0 0 59[45][.\d]* 84[12][.\d]*\]$/);
  });

  it("logged no console errors or CSP refusals", async () => {
    for (const context of contexts) await context.close();
    expect(consoleErrors.flat()).toEqual([]);
  });
});
