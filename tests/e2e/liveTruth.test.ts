/**
 * Every screen tells the truth without a reload: a team's page, a judge's list, the organizers'
 * team list and the projector each follow what changes elsewhere (through the API, as another
 * person's device would change it). Signed-out pages ask nothing that fails, and long text on
 * the projector shows in full at both screen sizes.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildMember, ORGANIZER, signInOrganizer } from "../helpers/factories";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  CLIENT_DIR,
  expectFitsProjector,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  launchBrowser,
  screenshot,
  signInAs,
  watchConsole,
} from "./browser";
import { checkIn, registerTeam, signIn as signInApi } from "./eventSetup";
import {
  AT,
  addPrizes,
  type CheckedInTeam,
  checkInTeams,
  createEventWithBestGame,
  type EventBuild,
  lockScoring,
  saveScores,
  signInJudge,
  startJudging,
} from "./liveEvent";

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 900 };
const SLUG = "hmj-2026";
const LONG_NEWS =
  "Lunch is in the main hall from 12:30: vegetarian, vegan and halal options are on the left-hand tables, and allergy-safe boxes are labelled with each name.";

let server: TestServer;
let browser: Browser;
let event: EventBuild & { categoryId: string };
let checkedIn: CheckedInTeam[];
let late: { id: string; name: string; contact: { email: string; password: string } };
const contexts: BrowserContext[] = [];
const consoleErrors: string[][] = [];

beforeAll(async () => {
  server = await startTestServer({ clientDir: CLIENT_DIR, rateLimits: false });
  const built = await createEventWithBestGame(server, SLUG);
  await addPrizes(built, { game: built.categoryId }, [
    ["game", 1, "Aqua Zorbing experience day", "Aqua Zorbing Manchester"],
    ["game", 2, "Group paintballing", "FARM Manchester Outdoor Activities"],
  ]);
  checkedIn = await checkInTeams(built, built.categoryId, [
    { name: "Byte Club", school: "Trinity High School" },
    { name: "Pixel Pandas", school: "Loreto College" },
  ]);
  // Signed up, but nobody has said yes for its member yet: not checked in.
  late = await registerTeam(server, SLUG, built.categoryId, "Code Crew", "Xaverian College");
  event = { ...built, categoryId: built.categoryId };
  browser = await launchBrowser();
});

// Each test's pages close with it: their live connections would otherwise add up.
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "en-GB", reducedMotion: "reduce" });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  consoleErrors.push(watchConsole(page));
  return page;
}

const signIn = (page: Page, who: { email: string; password: string }, next: string) =>
  signInAs(page, server.url, who, next);

describe("pages that follow what happens elsewhere", () => {
  it("asks nothing that fails on signed-out pages: no session probe, no console error", async () => {
    const page = await open(PHONE);
    const asked: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname === "/api/session") asked.push(r.url());
    });
    for (const path of ["/", `/events/${SLUG}`, "/signin", `/events/${SLUG}/results`]) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
    }
    expect(asked).toEqual([]);
    expect(consoleErrors.flat()).toEqual([]);
  });

  it("keeps the organizers' team list current: a new sign-up and a removed member", async () => {
    server.clock.set(AT.registration);
    const desk = await open(LAPTOP);
    await signIn(desk, ORGANIZER, `/organize/${SLUG}/teams`);
    await desk.getByRole("heading", { level: 1, name: "Teams" }).waitFor();
    await desk.getByText("Code Crew").first().waitFor();

    // A family signs a team up on their phone: it joins the list.
    const joined = await registerTeam(
      server,
      SLUG,
      event.categoryId,
      "Robo Rovers",
      "Loreto College",
    );
    await desk.getByText("Robo Rovers").first().waitFor();

    // That team adds a second member, then takes them off again: the list follows both.
    const team = await signInApi(server, joined.contact);
    const added = await team.post<{ member: { id: string } }>(
      "/api/teams/me/members",
      buildMember({ firstName: "Zainab", school: "Loreto College" }),
    );
    expect(added.status).toBe(201);
    await desk
      .getByText(/Zainab/)
      .first()
      .waitFor();
    expect(
      (await team.request("DELETE", `/api/teams/me/members/${added.body.member.id}`)).status,
    ).toBe(204);
    await expect.poll(() => desk.getByText(/Zainab/).count()).toBe(0);
    await expectNoAxeViolations(desk, "organizer's team list");
    await screenshot(desk, "truth-organizer-teams");
  });

  it("shows a team its consent, its check-in and its project the moment they change", async () => {
    server.clock.set(AT.hacking);
    const organizer = await signInOrganizer(server.url, server.database);
    const phone = await open(PHONE);
    await signIn(phone, late.contact, "/team");
    await phone.getByRole("heading", { level: 1, name: "Code Crew" }).waitFor();
    await phone.getByText("Not checked in yet").waitFor();
    await phone.getByText("Waiting for guardian").waitFor();
    await screenshot(phone, "truth-team-before");

    // At the desk: a paper form, then the check-in, from the organizer's laptop.
    await checkIn(organizer, SLUG, late.id);
    await phone.getByText("Checked in", { exact: false }).first().waitFor();
    await expect.poll(() => phone.getByText("Not checked in yet").count()).toBe(0);
    await expect.poll(() => phone.getByText("Waiting for guardian").count()).toBe(0);

    // A teammate hands the project in from a laptop: this phone names it.
    const laptop = await signInApi(server, late.contact);
    const saved = await laptop.request("PUT", "/api/teams/me/submission", {
      title: "RevisionBuddy",
      summary: "Flashcards that quiz you.",
    });
    expect(saved.status).toBe(200);
    await phone.getByText("RevisionBuddy").waitFor();
    await phone.getByRole("link", { name: /Change your project/ }).waitFor();
    expect(await phone.getByRole("link", { name: /Hand in your project/ }).count()).toBe(0);
    await expectNoSidewaysScroll(phone, "team page");
    await expectNoAxeViolations(phone, "team page");
    await screenshot(phone, "truth-team-after");
  });

  it("gives a judge a project as it comes in, and turns the scoring page read-only at the lock", async () => {
    server.clock.set(AT.hacking);
    const judgeAccount = {
      name: "Ada Judge",
      email: "ada@example.com",
      password: "judge password",
    };
    const organizer = await signInOrganizer(server.url, server.database);
    await signInJudge({ ...event, organizer }, judgeAccount, [event.categoryId]);
    const phone = await open(PHONE);
    // Layout shifts while the page loads and the clock arrives (Cumulative Layout Shift).
    await phone.addInitScript(() => {
      const w = window as unknown as { cls: number };
      w.cls = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & {
          value: number;
          hadRecentInput: boolean;
        })[])
          if (!entry.hadRecentInput) w.cls += entry.value;
      }).observe({ type: "layout-shift", buffered: true });
    });
    await signIn(phone, judgeAccount, "/judge");
    await phone.getByText("Pixel Pandas").first().waitFor();
    await phone.locator('[data-testid="countdown"]:not(.countdown-loading)').waitFor();
    await phone.locator(".judge-connection-online").waitFor();
    const cls = await phone.evaluate(() => (window as unknown as { cls: number }).cls);
    expect(cls, "layout shift on the judge's page").toBeLessThan(0.1);

    const pandas = checkedIn.find((t) => t.name === "Pixel Pandas")!;
    const team = await signInApi(server, pandas.contact);
    await team.request("PUT", "/api/teams/me/submission", {
      title: "Panda Patrol",
      summary: "A game about pandas.",
    });
    await phone.getByText("Panda Patrol").first().waitFor();

    // Judging: the judge opens the team's card; the organizer locks scoring meanwhile.
    const judging = await startJudging({ ...event, organizer });
    await phone.goto(`${server.url}/judge/teams/${pandas.id}`);
    await phone.getByRole("heading", { level: 1, name: "Pixel Pandas" }).waitFor();
    // The page has opened its live connection again after loading: the lock reaches it there.
    await phone.locator(".judge-connection-online").waitFor({ timeout: 20_000 });
    await lockScoring(judging);
    await phone.getByText("Scoring is locked", { exact: false }).first().waitFor();
    await expect
      .poll(() =>
        phone.evaluate(() =>
          [...document.querySelectorAll("main input, main textarea, main button[type=submit]")]
            // A control inside a disabled fieldset is disabled too.
            .filter((el) => !el.matches(":disabled"))
            .map((el) => el.outerHTML.slice(0, 80)),
        ),
      )
      .toEqual([]);
    await screenshot(phone, "truth-judge-locked");
  });

  it("shows a team its prize when it is revealed, and names the prize-giving on the clock", async () => {
    // Scoring on the first event is locked with no cards: the ceremony runs on an event of its own.
    const slug = "truth-ceremony";
    server.clock.set(AT.registration);
    const built = await createEventWithBestGame(server, slug);
    await addPrizes(built, { game: built.categoryId }, [
      ["game", 1, "Aqua Zorbing experience day", "Aqua Zorbing Manchester"],
      ["game", 2, "Group paintballing", "FARM"],
    ]);
    const teams = await checkInTeams(built, built.categoryId, [
      { name: "Team Alpha", school: "Trinity High School" },
      { name: "Team Beta", school: "Loreto College" },
    ]);
    const judging = await startJudging(built);
    const judge = await signInJudge(
      judging,
      { name: "Ben Judge", email: "ben@example.com", password: "judge password" },
      [built.categoryId],
    );
    await saveScores(judge, [
      { teamId: teams[0]!.id, marks: [10, 10, 5] },
      { teamId: teams[1]!.id, marks: [5, 5, 2] },
    ]);
    await lockScoring(judging);

    const phone = await open(PHONE);
    await signIn(phone, teams[0]!.contact, "/team");
    await phone.getByRole("heading", { level: 1, name: "Team Alpha" }).waitFor();
    expect(await phone.getByRole("heading", { name: "Your prize" }).count()).toBe(0);

    const ceremony = `/api/events/${slug}/ceremony`;
    expect((await judging.organizer.post(`${ceremony}/screen`, { start: true })).status).toBe(200);
    await phone
      .locator(".countdown-heading", { hasText: "The prize-giving is under way" })
      .waitFor();
    // Second place goes to the other team: nothing shows here.
    expect((await judging.organizer.post(`${ceremony}/next`)).status).toBe(200);
    expect((await judging.organizer.post(`${ceremony}/next`)).status).toBe(200);
    await phone.getByRole("heading", { name: "Your prize" }).waitFor();
    await phone.getByText("1st place").waitFor();
    await phone.getByText("Aqua Zorbing experience day").waitFor();
    await phone.getByText("Sponsored by Aqua Zorbing Manchester").waitFor();
    expect(await phone.getByText("Group paintballing").count()).toBe(0);
    await phone.locator(".countdown-heading", { hasText: "The winners are announced" }).waitFor();
    await phone.getByRole("link", { name: /See all the results/ }).waitFor();
    await expectNoAxeViolations(phone, "team page after the ceremony");
    await screenshot(phone, "truth-team-prize");
  });

  it("shows a long announcement and every sponsor in full on the projector, at both sizes", async () => {
    const organizer = await signInOrganizer(server.url, server.database);
    expect(
      (await organizer.post(`/api/events/${SLUG}/announcements`, { text: LONG_NEWS })).status,
    ).toBe(201);
    for (const size of [
      { width: 1920, height: 1080 },
      { width: 1024, height: 768 },
    ]) {
      const page = await open(size);
      await page.goto(`${server.url}/display/${SLUG}`);
      await page.getByText(LONG_NEWS).waitFor();
      const where = `projector ${size.width}×${size.height}`;
      const cut = await page.evaluate(() =>
        [...document.querySelectorAll(".display-latest, .display-prize-list, .display-prize-meta")]
          .filter(
            (el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1,
          )
          .map((el) => `${el.className}: ${el.textContent}`),
      );
      expect(cut, where).toEqual([]);
      await page
        .getByText("FARM Manchester Outdoor Activities", { exact: false })
        .first()
        .waitFor();
      await expectFitsProjector(page, where);
      await screenshot(page, `truth-display-${size.width}`);
    }
  });

  it("lets the organizer start and end hacking now from a phone, and says when the deadline moved", async () => {
    const slug = "truth-clock";
    server.clock.set(AT.registration);
    await createEventWithBestGame(server, slug);
    // Sign-up has closed; hacking is planned for later this morning.
    server.clock.set(AT.waiting);
    const phone = await open(PHONE);
    await signIn(phone, ORGANIZER, `/organize/${slug}/clock`);
    await phone.getByRole("button", { name: "Start hacking now" }).click();
    await phone.getByRole("button", { name: "Yes, start now" }).click();
    await phone.locator(".countdown-heading", { hasText: "Time left to hack" }).waitFor();
    await phone.getByText("Organizer started hacking").waitFor();

    const organizer = await signInOrganizer(server.url, server.database);
    const extended = await organizer.post(`/api/events/${slug}/clock`, {
      action: "extend",
      minutes: 15,
    });
    expect(extended.status).toBe(200);
    await phone.goto(`${server.url}/organize/${slug}`);
    await phone.getByText("The clock has moved the deadline").waitFor();
    await phone.getByText(/15 minutes later than the times below/).waitFor();
    await expectNoSidewaysScroll(phone, "event details with the clock's note");
    await screenshot(phone, "truth-event-form-note");

    await phone.goto(`${server.url}/organize/${slug}/clock`);
    await phone.getByRole("button", { name: "End hacking now" }).click();
    await phone.getByRole("button", { name: "Yes, end now" }).click();
    await expect
      .poll(() => phone.locator('[data-testid="countdown"]').getAttribute("data-phase"))
      .toBe("judging");
    await expectNoAxeViolations(phone, "clock section after ending hacking");
    await screenshot(phone, "truth-clock-ended");
  });

  it("logged no console errors on any page", () => {
    expect(consoleErrors.flat()).toEqual([]);
  });
});
