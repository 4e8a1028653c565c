/**
 * A judge's phone keeps unsent scores and the cached teams in the browser. Signing out asks
 * first while a score has not reached the server, then forgets all of it, so the next person
 * on the phone reads none of it. The organizer's Judges page says which address invite links
 * and their QR codes use, and lets the organizer choose another of the app's own.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  CLIENT_DIR,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  launchBrowser,
  screenshot,
  watchConsoleExcept,
} from "./browser";
import {
  checkInTeams,
  createEventWithBestGame,
  handInProjects,
  signInJudge,
  startJudging,
} from "./liveEvent";

const SLUG = "hmj-2026";
const TEAMS = [{ name: "Byte Club", school: "Trinity High School", title: "RevisionBuddy" }];

let server: TestServer;
let browser: Browser;
let judgeCookie = "";
let teamId = "";

beforeAll(async () => {
  server = await startTestServer({ clientDir: CLIENT_DIR });
  const event = await createEventWithBestGame(server, SLUG);
  const teams = await checkInTeams(event, event.categoryId, TEAMS);
  teamId = teams[0]!.id;
  await handInProjects(server, teams);
  const judging = await startJudging(event);
  const judge = await signInJudge(
    judging,
    { name: "Jo Judge", email: "jo@example.com", password: "judge password" },
    [event.categoryId],
  );
  judgeCookie = judge.cookieValue!;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const stored = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("hmj:")));

describe("signing out on a judge's phone", () => {
  it("asks while a score is unsent, then forgets the judge's scores, comments and teams", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const judge = await context.newPage();
    let blocked = true;
    let blipped = false;
    // The score never reaches the server while blocked, as on a dead wifi. And what the page
    // was still fetching when the test drops the connection (the favicon of the page it has
    // just opened) fails as it would on a phone.
    const errors = watchConsoleExcept(
      judge,
      (text) =>
        (blocked && /ERR_FAILED/.test(text)) || (blipped && /ERR_INTERNET_DISCONNECTED/.test(text)),
    );
    await judge.route("**/api/judging/scores/**", (route) =>
      blocked ? route.abort() : route.continue(),
    );
    // Signed in as the judge's invite does (its page has tests of its own).
    const [name, value] = judgeCookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    await judge.goto(`${server.url}/judge`);
    await judge.getByRole("link", { name: /Byte Club/ }).click();
    await judge.waitForURL(`${server.url}/judge/teams/${teamId}`);
    for (const criterion of ["Innovation", "Technical", "Presentation"])
      await judge
        .getByRole("radiogroup", { name: new RegExp(`^${criterion}`) })
        .getByRole("radio", { name: "3", exact: true })
        .check();
    await judge.getByRole("button", { name: "Save", exact: true }).click();
    await judge.getByText("1 score waiting to send").waitFor();
    expect(await stored(judge)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^hmj:score-outbox:/)]),
    );

    await judge.getByRole("button", { name: "Sign out" }).click();
    await judge.getByText("1 score hasn't reached the server yet").waitFor();
    await expectNoAxeViolations(judge, "sign-out question");
    await expectNoSidewaysScroll(judge, "sign-out question");
    await screenshot(judge, "judge-signout-unsent-phone");
    // Staying keeps everything.
    await judge.getByRole("button", { name: "Stay signed in" }).click();
    expect((await stored(judge)).length).toBeGreaterThan(0);

    await judge.getByRole("button", { name: "Sign out" }).click();
    await judge.getByRole("button", { name: "Sign out anyway" }).click();
    await judge.waitForURL(`${server.url}/`);
    await judge
      .getByRole("navigation", { name: "Account" })
      .getByRole("link", { name: "Sign in" })
      .waitFor();
    expect(await stored(judge)).toEqual([]);

    // The connection coming back sends nothing: the unsent score went with the judge.
    blocked = false;
    const sent = judge.waitForRequest("**/api/judging/scores/**", { timeout: 1500 }).then(
      () => true,
      () => false,
    );
    blipped = true;
    await context.setOffline(true);
    await context.setOffline(false);
    expect(await sent).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

describe("the address in links", () => {
  it("shows organizers the address invite links use and lets them pick another of the app's", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors = watchConsoleExcept(page, () => false);
    await page.goto(`${server.url}/signin?next=%2Forganize%2F${SLUG}%2Fjudges`);
    await page.getByLabel("Email").fill("organizer@example.com");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${server.url}/organize/${SLUG}/judges`);
    const section = page.getByRole("region", { name: "Address in links" });
    await section.getByText(server.url).waitFor();
    await section.getByText("Phones can't open these links").waitFor();
    await section.getByRole("button", { name: "Use another address" }).click();
    const port = new URL(server.url).port;
    await section.getByLabel("Address for new links").selectOption(`http://localhost:${port}`);
    await expectNoAxeViolations(page, "judges page, choosing the link address");
    await expectNoSidewaysScroll(page, "judges page, choosing the link address");
    await screenshot(page, "organizer-link-address-phone");
    await section.getByRole("button", { name: "Save address" }).click();
    await section.getByText(`http://localhost:${port}`, { exact: true }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
