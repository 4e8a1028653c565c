/**
 * The projector display in a real browser at 1920×1080 and 1024×768, through every phase:
 * it must fit the screen without scrolling, keep the countdown at least a fifth of the
 * screen's height, take clock changes and announcements live on two screens at once, and
 * mend a dropped connection by itself while saying so.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TeamView } from "../../shared/api";
import { buildMember, buildTeam, signInOrganizer } from "../helpers/factories";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  CLIENT_DIR,
  expectNoAxeViolations,
  launchBrowser,
  screenshot,
  signInOrganizerAt,
  watchConsole,
} from "./browser";
import { AT, createLiveEvent, EVENT_NAME } from "./liveEvent";

const SLUG = "hmj-display";
const SCREENS = [
  { name: "1920", viewport: { width: 1920, height: 1080 } },
  { name: "1024", viewport: { width: 1024, height: 768 } },
] as const;

let server: TestServer;
let browser: Browser;
let categoryId = "";
const consoleErrors: string[][] = [];
const contexts: BrowserContext[] = [];
/** One display per screen size, side by side. */
const displays: Page[] = [];

beforeAll(async () => {
  server = await startTestServer({ clientDir: CLIENT_DIR });
  const { categories } = await createLiveEvent(server, SLUG);
  categoryId = categories["Best Game"]!;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Sessions lapse after a day of server time: sign in afresh after moving the clock. */
async function organizerAt(date: Date): Promise<Client> {
  server.clock.set(date);
  return signInOrganizer(server.url, server.database);
}

/** The hours and minutes the countdown shows, like "02:13". */
function shownTime(page: Page): Promise<string> {
  return page
    .getByTestId("countdown")
    .locator(".countdown-num")
    .allTextContents()
    .then((parts) => parts.slice(-3, -1).join(":"));
}

/** Fits the screen, with the countdown a fifth of it or more, and no axe violations. */
async function checkScreen(page: Page, where: string) {
  const { scrollHeight, innerHeight, scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollHeight: document.scrollingElement?.scrollHeight ?? 0,
    innerHeight: window.innerHeight,
    scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
    innerWidth: window.innerWidth,
  }));
  expect(scrollHeight, `vertical scrolling on ${where}`).toBeLessThanOrEqual(innerHeight);
  expect(scrollWidth, `sideways scrolling on ${where}`).toBeLessThanOrEqual(innerWidth);
  const box = await page.getByTestId("countdown").boundingBox();
  expect(box?.height ?? 0, `countdown height on ${where}`).toBeGreaterThanOrEqual(
    innerHeight * 0.2,
  );
  // Nothing may stick out of the screen either (a long announcement, many prizes).
  const overflow = await page.evaluate(() => [
    ...[...document.querySelectorAll(".display *")]
      .filter((el) => el.getBoundingClientRect().bottom > window.innerHeight + 1)
      .map((el) => el.className),
    // A panel cuts off what doesn't fit in it: nothing may be cut off.
    ...[...document.querySelectorAll(".display-panel")].flatMap((panel) =>
      [...panel.querySelectorAll("*")]
        .filter((el) => el.getBoundingClientRect().bottom > panel.getBoundingClientRect().bottom)
        .map((el) => `${panel.className} > ${el.tagName} ${el.className}`),
    ),
  ]);
  expect(overflow, `elements below the screen on ${where}`).toEqual([]);
  await expectNoAxeViolations(page, where);
}

async function reloadAll(heading: string) {
  for (const page of displays) {
    await page.reload();
    await page.getByTestId("countdown").getByText(heading, { exact: true }).waitFor();
  }
}

async function shootAll(phase: string) {
  for (const [i, page] of displays.entries()) {
    const where = `display ${phase} at ${SCREENS[i]!.name}`;
    await screenshot(page, `display-${phase}-${SCREENS[i]!.name}`);
    await checkScreen(page, where);
  }
}

describe("the projector display", () => {
  it("shows the event, its prizes and the time to hacking during registration", async () => {
    for (const screen of SCREENS) {
      const context = await browser.newContext({
        viewport: screen.viewport,
        locale: "en-GB",
        reducedMotion: "reduce",
      });
      contexts.push(context);
      const page = await context.newPage();
      consoleErrors.push(watchConsole(page));
      await page.goto(`${server.url}/display/${SLUG}`);
      await page.getByRole("heading", { level: 1, name: EVENT_NAME }).waitFor();
      displays.push(page);
    }
    for (const page of displays) {
      await page.getByTestId("countdown").getByText("Hacking starts in", { exact: true }).waitFor();
      await page.getByText("Aqua Zorbing experience day").waitFor();
      await page.getByText("Aqua Zorbing Manchester · FARM").waitFor();
      // No site header or sign-in on the projector.
      expect(await page.getByRole("link", { name: "Sign in" }).count()).toBe(0);
      // 12 days, 21 hours to go: the days have their own label.
      await page.getByTestId("countdown").getByText("days", { exact: true }).waitFor();
    }
    await shootAll("registration");
  });

  it("counts down the last hours before hacking", async () => {
    server.clock.set(AT.waiting);
    await reloadAll("Hacking starts in");
    for (const page of displays) expect(await shownTime(page)).toBe("02:30");
    await shootAll("waiting");
  });

  it("takes an extension and announcements live on two screens at once", async () => {
    const organizer = await organizerAt(AT.hacking);
    await reloadAll("Time left to hack");
    for (const page of displays) expect(await shownTime(page)).toBe("02:13");

    const sent = Date.now();
    const res = await organizer.post(`/api/events/${SLUG}/clock`, {
      action: "extend",
      minutes: 15,
    });
    expect(res.status).toBe(200);
    await Promise.all(
      displays.map((page) =>
        page.waitForFunction(
          () =>
            [...document.querySelectorAll("[data-testid=countdown] .countdown-num")]
              .slice(-3, -1)
              .map((e) => e.textContent)
              .join(":") === "02:28",
          undefined,
          { timeout: 1000 },
        ),
      ),
    );
    expect(Date.now() - sent).toBeLessThan(1500);

    await organizer.post(`/api/events/${SLUG}/announcements`, {
      text: "Pizza is in the main hall",
    });
    for (const page of displays) await page.getByText("Pizza is in the main hall").waitFor();
    // A minute later (the server's clock stands still in this test unless moved).
    server.clock.set(new Date(AT.hacking.getTime() + 60_000));
    await organizer.post(`/api/events/${SLUG}/announcements`, {
      text: "Demos start at 2pm in Hall 2. Have your project open, ready for the judges.",
    });
    for (const page of displays) {
      await page
        .locator(".display-latest")
        .getByText("Demos start at 2pm", { exact: false })
        .waitFor();
      // The older news moves down, smaller.
      await page.locator(".display-older").getByText("Pizza is in the main hall").waitFor();
    }

    // A long announcement gets the whole panel, in smaller type, and still fits.
    server.clock.set(new Date(AT.hacking.getTime() + 120_000));
    const long =
      "Judging starts at 2pm. Stay at your table with your laptop charged and your project open. Each judge spends about five minutes with each team: show them what you built, tell them which part you are proudest of, and say what you would add with more time.";
    await organizer.post(`/api/events/${SLUG}/announcements`, { text: long });
    for (const page of displays) await page.locator(".display-latest-long").waitFor();

    // A team hands in a project: the count goes up on both screens.
    for (const page of displays)
      expect(await page.getByTestId("submissions-count").textContent()).toBe("0");
    server.clock.set(AT.registration);
    const team = new Client(server.url);
    const contact = { email: "pixel.pirates@example.com", password: "team password" };
    const made = await team.post<{ team: TeamView }>(
      `/api/events/${SLUG}/teams`,
      buildTeam(categoryId, { name: "Pixel Pirates", contact, members: [buildMember()] }),
    );
    expect(made.status).toBe(201);
    const desk = await organizerAt(AT.registration);
    const member = made.body.team.members[0]!;
    await desk.post(`/api/events/${SLUG}/teams/${made.body.team.id}/members/${member.id}/consent`, {
      method: "paper",
      photoConsent: false,
    });
    expect(
      (await desk.post(`/api/events/${SLUG}/teams/${made.body.team.id}/check-in`)).status,
    ).toBe(200);
    server.clock.set(AT.hacking);
    const handIn = new Client(server.url);
    await handIn.post("/api/session", contact);
    const saved = await handIn.request("PUT", "/api/teams/me/submission", {
      title: "Treasure Maths",
      summary: "A pirate game that makes times tables fun.",
    });
    expect(saved.status).toBe(200);
    for (const page of displays)
      await expect.poll(() => page.getByTestId("submissions-count").textContent()).toBe("1");
    await shootAll("hacking");
  });

  it("says plainly when hacking is paused from the organizer's Clock section", async () => {
    server.clock.set(AT.hacking);
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: "en-GB",
      reducedMotion: "reduce",
    });
    contexts.push(context);
    const desk = await context.newPage();
    consoleErrors.push(watchConsole(desk));
    await signInOrganizerAt(desk, server.url, `/organize/${SLUG}/clock`);
    await desk.getByRole("heading", { level: 1, name: "Clock" }).waitFor();
    // The extension made earlier is in the history, and the deadline shows it.
    await desk.getByText("Organizer added 15 minutes").waitFor();
    await desk.getByText("(planned: Sun 15 March 2026, 13:00)").waitFor();

    await desk.getByRole("button", { name: "Pause the clock" }).click();
    await desk.getByText("The clock is paused. Everyone sees it.").waitFor();
    for (const page of displays) {
      await page.getByTestId("countdown").getByText("Hacking is paused", { exact: true }).waitFor();
      await page
        .getByText("Paused time is added back on when hacking restarts.", { exact: false })
        .waitFor();
    }
    await desk.getByText("Organizer paused the clock").waitFor();
    await desk.getByRole("button", { name: "Resume the clock" }).waitFor();
    await expectNoAxeViolations(desk, "organizer clock, paused");
    await screenshot(desk, "organizer-clock-paused");
    await shootAll("paused");

    await desk.getByRole("button", { name: "Resume the clock" }).click();
    for (const page of displays)
      await page.getByTestId("countdown").getByText("Time left to hack", { exact: true }).waitFor();
    await desk.getByText("Organizer restarted the clock").waitFor();
    // A custom extension out of range is explained before anything is sent.
    await desk.getByLabel("Other number of minutes").fill("0");
    await desk.getByRole("button", { name: "Extend", exact: true }).click();
    await desk.getByText("Enter a whole number of minutes from 1 to 720.").waitFor();
    await expectNoAxeViolations(desk, "organizer clock");
  });

  it("shows Reconnecting… when the connection drops, and mends it by itself", async () => {
    const [page, other] = displays as [Page, Page];
    const context = contexts[0]!;
    await context.setOffline(true);
    // The server drops every connection (a restart, say); the screen can't get back yet.
    server.app.realtime.io.disconnectSockets(true);
    try {
      await page.getByText("Reconnecting…").waitFor();
      await screenshot(page, "display-reconnecting-1920");
      await checkScreen(page, "display while reconnecting");
    } finally {
      await context.setOffline(false);
    }
    await page.getByText("Reconnecting…").waitFor({ state: "detached", timeout: 15_000 });
    await other.getByText("Reconnecting…").waitFor({ state: "detached", timeout: 15_000 });

    // Both screens are live again: a new extension reaches them.
    const organizer = await organizerAt(AT.hacking);
    const before = await shownTime(page);
    await organizer.post(`/api/events/${SLUG}/clock`, { action: "extend", minutes: 5 });
    for (const p of displays) await expect.poll(() => shownTime(p)).not.toBe(before);
  });

  it("shows judging and the end of the event", async () => {
    server.clock.set(AT.judging);
    await reloadAll("Judging is under way");
    await shootAll("judging");
    server.clock.set(AT.finished);
    await reloadAll("The event has finished");
    await shootAll("finished");
  });

  it("says so for an unknown event", async () => {
    const page = displays[1]!;
    await page.goto(`${server.url}/display/no-such-event`);
    await page.getByRole("heading", { name: "There is no event at this address" }).waitFor();
    await expectNoAxeViolations(page, "display of an unknown event");
    for (const context of contexts) await context.close();
  });

  it("logged no console errors or CSP refusals", () => {
    // Failed reconnection attempts while the test had taken the screen offline are expected.
    const offline = /net::ERR_INTERNET_DISCONNECTED/;
    expect(consoleErrors.flat().filter((e) => !offline.test(e))).toEqual([]);
  });
});
